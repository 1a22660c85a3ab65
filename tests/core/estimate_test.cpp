#include "numresp/core/estimate.hpp"

#include <limits>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "numresp/core/units.hpp"
#include "numresp/testing/status_matchers.hpp"

namespace numresp {
namespace {

using ::numresp::testing::is_ok;
using ::numresp::testing::status_is;
using ::testing::HasSubstr;
using units::kg_co2e;

estimate<double> make(double v, double lo, double hi) { return *estimate<double>::create(v, lo, hi); }

TEST(Estimate, DefaultIsExactZero) {
  const estimate<double> e;
  EXPECT_EQ(e.value(), 0.0);
  EXPECT_TRUE(e.is_exact());
}

TEST(Estimate, ExactHasZeroWidth) {
  const auto e = estimate<double>::exact(4.0);
  EXPECT_EQ(e.low(), 4.0);
  EXPECT_EQ(e.high(), 4.0);
  EXPECT_EQ(e.width(), 0.0);
  EXPECT_TRUE(e.is_exact());
}

TEST(Estimate, CreateValidatesOrder) {
  EXPECT_THAT(estimate<double>::create(2.0, 1.0, 3.0), is_ok());
  EXPECT_THAT(estimate<double>::create(2.0, 2.0, 2.0), is_ok());
  EXPECT_THAT(estimate<double>::create(1.0, 2.0, 3.0),
              status_is(absl::StatusCode::kInvalidArgument, HasSubstr("low=2 > value=1")));
  EXPECT_THAT(estimate<double>::create(4.0, 2.0, 3.0),
              status_is(absl::StatusCode::kInvalidArgument, HasSubstr("value=4 > high=3")));
}

TEST(Estimate, CreateRejectsNonFinite) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  EXPECT_THAT(estimate<double>::create(nan, 0.0, 1.0),
              status_is(absl::StatusCode::kInvalidArgument, HasSubstr("finite")));
  EXPECT_THAT(estimate<double>::create(0.5, 0.0, inf), status_is(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(estimate<double>::create(0.5, -inf, 1.0), status_is(absl::StatusCode::kInvalidArgument));
}

TEST(Estimate, SumAddsBounds) {
  const auto s = make(2.0, 1.0, 3.0) + make(10.0, 9.0, 12.0);
  EXPECT_EQ(s, make(12.0, 10.0, 15.0));
}

TEST(Estimate, DifferenceIsWidest) {
  const auto d = make(10.0, 9.0, 12.0) - make(2.0, 1.0, 3.0);
  EXPECT_EQ(d.value(), 8.0);
  EXPECT_EQ(d.low(), 6.0);
  EXPECT_EQ(d.high(), 11.0);
  EXPECT_EQ(-make(2.0, 1.0, 3.0), make(-2.0, -3.0, -1.0));
}

TEST(Estimate, ScalingSwapsBoundsForNegativeFactors) {
  EXPECT_EQ(make(2.0, 1.0, 3.0) * 2.0, make(4.0, 2.0, 6.0));
  EXPECT_EQ(2.0 * make(2.0, 1.0, 3.0), make(4.0, 2.0, 6.0));
  EXPECT_EQ(make(2.0, 1.0, 3.0) * -1.0, make(-2.0, -3.0, -1.0));
  EXPECT_EQ(make(2.0, 1.0, 3.0) / 2.0, make(1.0, 0.5, 1.5));
  EXPECT_EQ(make(2.0, 1.0, 3.0) / -2.0, make(-1.0, -1.5, -0.5));
}

TEST(Estimate, ProductTakesExtremeBoundProducts) {
  EXPECT_EQ(make(2.0, 1.0, 3.0) * make(5.0, 4.0, 6.0), make(10.0, 4.0, 18.0));
  // Mixed signs: the four products are 2, -4, -3, 6.
  EXPECT_EQ(make(0.5, -1.0, 2.0) * make(1.0, -2.0, 3.0), make(0.5, -4.0, 6.0));
}

TEST(Estimate, TypedQuantities) {
  auto per_device = estimate<units::co2e_mass>::create(150.0 * kg_co2e, 120.0 * kg_co2e, 200.0 * kg_co2e);
  ASSERT_THAT(per_device, is_ok());
  const estimate<units::co2e_mass> fleet = *per_device * 352.0;
  EXPECT_DOUBLE_EQ(fleet.value() / kg_co2e, 52800.0);
  EXPECT_DOUBLE_EQ(fleet.low() / kg_co2e, 42240.0);
  EXPECT_DOUBLE_EQ(fleet.high() / kg_co2e, 70400.0);
}

TEST(Estimate, TypedProductHasTheProductType) {
  auto power = *estimate<units::power>::create(30.0 * units::watt, 20.0 * units::watt, 45.0 * units::watt);
  auto time = estimate<units::duration>::exact(10.0 * units::hour);
  const estimate<units::energy> e = power * time;
  EXPECT_DOUBLE_EQ(e.value() / units::watt_hour, 300.0);
  EXPECT_DOUBLE_EQ(e.low() / units::watt_hour, 200.0);
  EXPECT_DOUBLE_EQ(e.high() / units::watt_hour, 450.0);
}

TEST(Estimate, CreateRejectsDisorderedTypedBounds) {
  EXPECT_THAT(estimate<units::co2e_mass>::create(1.0 * kg_co2e, 2.0 * kg_co2e, 3.0 * kg_co2e),
              status_is(absl::StatusCode::kInvalidArgument, HasSubstr("low=2000 > value=1000")));
}

}  // namespace
}  // namespace numresp
