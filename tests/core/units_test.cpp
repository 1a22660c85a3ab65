#include "numresp/core/units.hpp"

#include <gtest/gtest.h>

namespace numresp::units {
namespace {

TEST(Units, ConstantsBuildCanonicalQuantities) {
  EXPECT_EQ((2.0 * kg_co2e).value(), 2000.0);
  EXPECT_EQ((3.0 * gram_co2e).value(), 3.0);
  EXPECT_EQ((1.5 * tonne_co2e).value(), 1.5e6);
  EXPECT_EQ((0.5 * kg_sb_eq).value(), 500.0);
  EXPECT_EQ((1.0 * gram).value(), 1e-3);
  EXPECT_EQ((8.0 * bit).value(), 1.0);
  EXPECT_EQ((1.0 * kilobyte).value(), 1e3);
  EXPECT_EQ((1.0 * megabyte).value(), 1e6);
  EXPECT_EQ((1.0 * gigabyte).value(), 1e9);
  EXPECT_EQ((1.0 * terabyte).value(), 1e12);
  EXPECT_EQ((1.0 * megajoule).value(), 1e6);
  EXPECT_EQ((1.0 * watt_hour).value(), 3600.0);
  EXPECT_EQ((1.0 * kilowatt).value(), 1000.0);
  EXPECT_EQ((1.0 * day).value(), 86400.0);
  EXPECT_EQ((1.0 * litre).value(), 1e-3);
  EXPECT_EQ((1.0 * kilometre).value(), 1000.0);
}

TEST(Units, ArithmeticWithinADimension) {
  const co2e_mass total = 1.0 * kg_co2e + 250.0 * gram_co2e;
  EXPECT_DOUBLE_EQ(total / kg_co2e, 1.25);
  const co2e_mass diff = total - 0.25 * kg_co2e;
  EXPECT_DOUBLE_EQ(diff / gram_co2e, 1000.0);
  EXPECT_TRUE(1.0 * kg_co2e > 999.0 * gram_co2e);
}

TEST(Units, DerivedQuantities) {
  // A 30 W laptop used 8 hours: 0.24 kWh.
  const energy e = (30.0 * watt) * (8.0 * hour);
  EXPECT_DOUBLE_EQ(e / kilowatt_hour, 0.24);
  // At the French grid's 0.0519 kg CO2e / kWh (ADEME Base Empreinte): 12.456 g CO2e.
  const carbon_intensity france = 0.0519 * kg_co2e / kilowatt_hour;
  EXPECT_NEAR((france * e) / gram_co2e, 12.456, 1e-12);
  // Energy per byte times bytes is energy.
  const energy_per_data network = 0.06 * kilowatt_hour / gigabyte;
  EXPECT_NEAR((network * (2.0 * gigabyte)) / kilowatt_hour, 0.12, 1e-15);
}

TEST(Units, ValueIn) {
  EXPECT_EQ(value_in(3.0 * kilowatt_hour, watt_hour), 3000.0);
  EXPECT_EQ(value_in(90.0 * minute, hour), 1.5);
  EXPECT_EQ(value_in(2.0 * year, day), 730.0);
}

}  // namespace
}  // namespace numresp::units
