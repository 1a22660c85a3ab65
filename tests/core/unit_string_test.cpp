#include "numresp/core/unit_string.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "numresp/testing/status_matchers.hpp"

namespace numresp::units {
namespace {

using ::numresp::testing::is_ok;
using ::numresp::testing::is_ok_and_holds;
using ::numresp::testing::status_is;
using ::testing::DoubleEq;
using ::testing::HasSubstr;

TEST(ParseUnit, SimpleSymbols) {
  auto kg = parse_unit("kgCO2e");
  ASSERT_THAT(kg, is_ok());
  EXPECT_EQ(kg->scale, 1000.0);
  EXPECT_EQ(kg->dim, dimension_of<co2e_mass>());
  EXPECT_EQ(kg->dim.to_string(), "CO2e mass");
  EXPECT_EQ(parse_unit("kWh")->dim, dimension_of<energy>());
  EXPECT_EQ(parse_unit("kWh")->scale, 3.6e6);
  EXPECT_EQ(parse_unit("GB")->scale, 1e9);
  EXPECT_EQ(parse_unit("Go")->scale, 1e9) << "French octets";
  EXPECT_EQ(parse_unit("GiB")->scale, 1073741824.0);
  EXPECT_EQ(parse_unit("kgSbeq")->dim, dimension_of<sb_eq_mass>());
  EXPECT_EQ(parse_unit("kg")->dim, dimension_of<mass>());
  EXPECT_EQ(parse_unit("MJ")->scale, 1e6);
  EXPECT_EQ(parse_unit("L")->dim, dimension_of<water_volume>());
  EXPECT_EQ(parse_unit("cl")->scale, 1e-5);
  EXPECT_EQ(parse_unit("m3")->dim, dimension_of<water_volume>());
  EXPECT_EQ(parse_unit("min")->scale, 60.0);
  EXPECT_EQ(parse_unit("ms")->scale, 1e-3);
  EXPECT_EQ(parse_unit("year")->scale, 365.0 * 86400.0);
  EXPECT_EQ(parse_unit("tCO2e")->scale, 1e6);
  EXPECT_EQ(parse_unit("%")->scale, 0.01);
  EXPECT_TRUE(parse_unit("email")->dim.is_dimensionless());
}

TEST(ParseUnit, CompoundUnits) {
  auto intensity = parse_unit("kg CO2e / kWh");
  ASSERT_THAT(intensity, is_ok());
  EXPECT_EQ(intensity->dim, dimension_of<carbon_intensity>());
  EXPECT_EQ(intensity->dim.to_string(), "CO2e mass / energy");
  EXPECT_EQ(intensity->text, "kgCO2e/kWh");
  EXPECT_EQ(parse_unit("kWh/GB")->dim, dimension_of<energy_per_data>());
  EXPECT_EQ(parse_unit("gCO2e/email")->dim, dimension_of<co2e_mass>());
  EXPECT_EQ(parse_unit("W*h")->dim, dimension_of<energy>());
  EXPECT_EQ(parse_unit("W.h")->scale, 3600.0);
  EXPECT_EQ(parse_unit("W\xC2\xB7h")->scale, 3600.0) << "middle dot";
  EXPECT_EQ(parse_unit("m^3")->dim, dimension_of<water_volume>());
  EXPECT_EQ(parse_unit("J*s^-1")->dim, dimension_of<power>());
  // '/' applies to the next term only.
  auto per_year = parse_unit("kWh/GB/year");
  ASSERT_THAT(per_year, is_ok());
  EXPECT_EQ(per_year->dim[base_dimension::time], -3);
  EXPECT_EQ(per_year->dim[base_dimension::information], -1);
}

TEST(ParseUnit, ErrorsNameTheSymbolAndOffset) {
  EXPECT_THAT(parse_unit(""), status_is(absl::StatusCode::kInvalidArgument, HasSubstr("empty unit")));
  EXPECT_THAT(parse_unit("kgCO3e"),
              status_is(absl::StatusCode::kInvalidArgument, HasSubstr("unknown symbol \"kgCO3e\" at byte offset 0")));
  EXPECT_THAT(parse_unit("kgCO2e/kWx"),
              status_is(absl::StatusCode::kInvalidArgument, HasSubstr("unknown symbol \"kWx\" at byte offset 7")));
  EXPECT_THAT(parse_unit("kg/"), status_is(absl::StatusCode::kInvalidArgument, HasSubstr("missing after")));
  EXPECT_THAT(parse_unit("/kg"), status_is(absl::StatusCode::kInvalidArgument, HasSubstr("term is missing")));
  EXPECT_THAT(parse_unit("kg//h"), status_is(absl::StatusCode::kInvalidArgument, HasSubstr("byte offset 3")));
  EXPECT_THAT(parse_unit("m^x"), status_is(absl::StatusCode::kInvalidArgument, HasSubstr("malformed exponent")));
  EXPECT_THAT(parse_unit("kg/(kWh)"), status_is(absl::StatusCode::kInvalidArgument, HasSubstr("parentheses")));
  EXPECT_THAT(parse_unit("gCO2"), status_is(absl::StatusCode::kInvalidArgument)) << "CO2 is not CO2e: no silent alias";
}

TEST(Convert, ExactPowersOfTen) {
  EXPECT_THAT(convert(1.0, "kgCO2e/kWh", "gCO2e/kWh"), is_ok_and_holds(1000.0));
  EXPECT_THAT(convert(51.9, "gCO2e/kWh", "kgCO2e/kWh"), is_ok_and_holds(0.0519))
      << "division by the exact integer 1000, correctly rounded";
  EXPECT_THAT(convert(0.3, "g", "kg"), is_ok_and_holds(0.0003));
  EXPECT_THAT(convert(1.0, "GB", "kB"), is_ok_and_holds(1e6));
  EXPECT_THAT(convert(2.0, "kWh", "MJ"), is_ok_and_holds(DoubleEq(7.2)));
  EXPECT_THAT(convert(1.0, "year", "h"), is_ok_and_holds(8760.0));
  EXPECT_THAT(convert(150.0, "cl", "L"), is_ok_and_holds(1.5));
}

TEST(Convert, DimensionMismatchNamesBoth) {
  EXPECT_THAT(convert(1.0, "kgCO2e", "kg"),
              status_is(absl::StatusCode::kInvalidArgument,
                        HasSubstr("from \"kgCO2e\" (CO2e mass) to \"kg\" (mass): the dimensions differ")));
  EXPECT_THAT(convert(1.0, "kgCO2e", "kgSbeq"), status_is(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(convert(1.0, "kWh", "kW"), status_is(absl::StatusCode::kInvalidArgument, HasSubstr("power")));
  EXPECT_THAT(convert(1.0, "kWh", "kWx"), status_is(absl::StatusCode::kInvalidArgument, HasSubstr("kWx")));
}

TEST(MakeQuantity, ChecksTheDimension) {
  auto e = make_quantity<energy>(3.0, "kWh");
  ASSERT_THAT(e, is_ok());
  EXPECT_EQ(*e / kilowatt_hour, 3.0);
  auto g = make_quantity<carbon_intensity>(51.9, "g CO2e/kWh");
  ASSERT_THAT(g, is_ok());
  EXPECT_NEAR(*g / (kg_co2e / kilowatt_hour), 0.0519, 1e-17);
  EXPECT_THAT(make_quantity<co2e_mass>(1.0, "kg"),
              status_is(absl::StatusCode::kInvalidArgument, HasSubstr("is a unit of mass, not of CO2e mass")));
}

TEST(ValueInUnit, ReadsOutInAnyUnitOfTheDimension) {
  EXPECT_THAT(value_in_unit(2500.0 * gram_co2e, "kgCO2e"), is_ok_and_holds(2.5));
  EXPECT_THAT(value_in_unit(1.0 * kilowatt_hour, "Wh"), is_ok_and_holds(1000.0));
  EXPECT_THAT(value_in_unit(1.0 * kilowatt_hour, "GB"), status_is(absl::StatusCode::kInvalidArgument));
}

TEST(Dimension, ToStringFallsBackToExponents) {
  dimension d;
  d.exponents = {2, 1, -3, 0, 0, 0};
  EXPECT_EQ(d.to_string(), "power");
  d.exponents = {1, 0, 0, 1, 0, 0};
  EXPECT_EQ(d.to_string(), "length information");
  d.exponents = {0, 0, 0, 2, 0, 0};
  EXPECT_EQ(d.to_string(), "information^2");
  d.exponents = {-2, 0, 0, 0, 0, 0};
  EXPECT_EQ(d.to_string(), "length / volume");
}

}  // namespace
}  // namespace numresp::units
