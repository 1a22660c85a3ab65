// Unit tests of numresp/usage/traffic.hpp: CO2.js 0.19.0's documented figures (the project's
// research notes on CO2.js, §1-§7), its edge behaviour, and numresp's own errors. The full
// parity check against the package runs on golden vectors (traffic_golden_test.cpp).
#include "numresp/usage/traffic.hpp"

#include <limits>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "numresp/testing/status_matchers.hpp"

namespace numresp::usage::traffic {
namespace {

using ::numresp::testing::is_ok;
using ::numresp::testing::is_ok_and_holds;
using ::numresp::testing::status_is;
using ::testing::HasSubstr;

options green_hosting() {
  options o;
  o.green = true;
  return o;
}

calculator make(model m, const options& o = {}) {
  auto c = calculator::create(m, o);
  EXPECT_THAT(c, is_ok());
  return *c;
}

TEST(Traffic, Swd4KeyNumbers) {
  EXPECT_EQ(make(model::swd4).per_byte_g(1e9), 148.2);
  EXPECT_EQ(make(model::swd4, green_hosting()).per_byte_g(1e9), 121.03);
  options half;
  half.green_hosting_factor = 0.5;
  EXPECT_EQ(make(model::swd4, half).per_byte_g(1e9), 134.615);
  EXPECT_EQ(make(model::swd4).per_visit_g(2e6), 0.2964) << "v4 visit defaults 1/0/0: per visit = per byte";
  EXPECT_EQ(make(model::swd4).per_byte_g(0), 0.0);
  EXPECT_EQ(make(model::swd4).per_byte_g(0.999), 0.0);
}

TEST(Traffic, Swd4PerVisitShares) {
  options o;
  o.first_visit_share = 0.75;
  o.return_visit_share = 0.25;
  o.data_reload_ratio = 0.2;
  EXPECT_DOUBLE_EQ(make(model::swd4, o).per_visit_g(1e9), 118.56);
  o.green = true;
  EXPECT_DOUBLE_EQ(make(model::swd4, o).per_visit_g(1e9), 96.824);
}

TEST(Traffic, Swd4Segments) {
  const segments s = make(model::swd4).per_byte_segments(1e9);
  EXPECT_EQ(s.data_center_operational, 27.17);
  EXPECT_EQ(s.network_operational, 29.145999999999997);
  EXPECT_EQ(s.device_operational, 39.52);
  EXPECT_EQ(s.data_center_embodied, 5.928);
  EXPECT_EQ(s.network_embodied, 6.422);
  EXPECT_EQ(s.device_embodied, 40.014);
  EXPECT_EQ(s.total_embodied, 52.364000000000004);
  EXPECT_EQ(s.total_operational, 95.83600000000001);
  EXPECT_EQ(s.data_center, 33.098);
  EXPECT_EQ(s.network, 35.568);
  EXPECT_EQ(s.device, 79.534);
  EXPECT_EQ(s.total, 148.2);
  // Green hosting scales the total only, as CO2.js.
  const segments g = make(model::swd4, green_hosting()).per_byte_segments(1e9);
  EXPECT_EQ(g.data_center_operational, 27.17);
  EXPECT_EQ(g.total, 121.03);
}

TEST(Traffic, Swd4GridIntensities) {
  options fra;
  fra.device_g_per_kwh = fra.network_g_per_kwh = fra.data_center_g_per_kwh = *country_g_per_kwh("FRA");
  EXPECT_EQ(make(model::swd4, fra).per_byte_g(1e9), 60.934920000000005);
  options zero;
  zero.device_g_per_kwh = zero.network_g_per_kwh = zero.data_center_g_per_kwh = 0.0;
  EXPECT_EQ(make(model::swd4, zero).per_byte_g(1e9), 52.364000000000004) << "embodied always at 494";
  options custom;
  custom.data_center_g_per_kwh = 100;
  custom.network_g_per_kwh = 200;
  custom.device_g_per_kwh = 300;
  const segments s = make(model::swd4, custom).per_byte_segments(1e9);
  EXPECT_DOUBLE_EQ(s.data_center_operational, 5.5);
  EXPECT_DOUBLE_EQ(s.network_operational, 11.8);
  EXPECT_DOUBLE_EQ(s.device_operational, 24.0);
}

TEST(Traffic, Swd3KeyNumbers) {
  EXPECT_EQ(make(model::swd3).per_byte_g(1e9), 383.08140000000003);
  EXPECT_EQ(make(model::swd3, green_hosting()).per_byte_g(1e9), 331.69419);
  EXPECT_EQ(make(model::swd3).per_visit_g(2e6), 0.5784529140000001);
  const segments s = make(model::swd3).per_byte_segments(1e9);
  EXPECT_DOUBLE_EQ(s.device, 199.202328);
  EXPECT_DOUBLE_EQ(s.network, 53.631396);
  EXPECT_DOUBLE_EQ(s.production, 72.785466);
  EXPECT_DOUBLE_EQ(s.data_center, 57.46221);
  options fra;
  fra.device_g_per_kwh = fra.network_g_per_kwh = fra.data_center_g_per_kwh = 44.18;
  EXPECT_DOUBLE_EQ(make(model::swd3, fra).per_byte_g(1e9), 101.771964) << "production stays at WORLD";
}

TEST(Traffic, Swd3GreenOverridesACustomDataCentreIntensity) {
  options o;
  o.green = true;
  o.data_center_g_per_kwh = 300;
  EXPECT_DOUBLE_EQ(make(model::swd3, o).per_byte_segments(1e9).data_center, 0.81 * 0.15 * 50);
}

TEST(Traffic, Swd3EdgeBehaviour) {
  EXPECT_EQ(make(model::swd3).per_byte_g(0.5), 0.0) << "per byte clamps under one byte to 0";
  EXPECT_GT(make(model::swd3).per_visit_g(0.5), 0.0) << "per visit has no such guard in CO2.js";
  const segments s = make(model::swd3).per_byte_segments(0.5);
  EXPECT_EQ(s.total, 0.0);
}

TEST(Traffic, OneByte) {
  EXPECT_EQ(make(model::onebyte).per_byte_g(1e9), 290.81299999999993);
  EXPECT_EQ(make(model::onebyte, green_hosting()).per_byte_g(1e9), 231.95833333333331);
  EXPECT_EQ(make(model::onebyte).per_byte_g(0.99), 0.0);
}

TEST(Traffic, Ratings) {
  EXPECT_THAT(rating(0.04), is_ok_and_holds("A+"));
  EXPECT_THAT(rating(0.0400001), is_ok_and_holds("A"));
  EXPECT_THAT(rating(0.0741), is_ok_and_holds("A"));
  EXPECT_THAT(rating(0.2964), is_ok_and_holds("E"));
  EXPECT_THAT(rating(0.36), is_ok_and_holds("F"));
  EXPECT_THAT(rating(3e6), is_ok_and_holds("F"));
  EXPECT_THAT(rating(0.095, model::swd3), is_ok_and_holds("A+"));
  EXPECT_THAT(rating(0.846, model::swd3), is_ok_and_holds("E"));
  EXPECT_THAT(rating(0.847, model::swd3), is_ok_and_holds("F"));
  EXPECT_THAT(rating(1.0, model::onebyte), status_is(absl::StatusCode::kInvalidArgument, HasSubstr("onebyte")));
  EXPECT_THAT(rating(std::numeric_limits<double>::quiet_NaN()), status_is(absl::StatusCode::kInvalidArgument));
}

TEST(Traffic, BadOptionsNameTheOptionAndValue) {
  options o;
  o.green_hosting_factor = 1.5;
  EXPECT_THAT(calculator::create(model::swd4, o),
              status_is(absl::StatusCode::kInvalidArgument,
                        HasSubstr("green_hosting_factor = 1.5: must be a number in [0, 1]")));
  options v3_factor;
  v3_factor.green_hosting_factor = 0.5;
  EXPECT_THAT(calculator::create(model::swd3, v3_factor),
              status_is(absl::StatusCode::kInvalidArgument, HasSubstr("only swd4")));
  options share;
  share.first_visit_share = -0.1;
  EXPECT_THAT(calculator::create(model::swd3, share),
              status_is(absl::StatusCode::kInvalidArgument, HasSubstr("first_visit_share = -0.1")));
  options nan_reload;
  nan_reload.data_reload_ratio = std::numeric_limits<double>::quiet_NaN();
  EXPECT_THAT(calculator::create(model::swd4, nan_reload),
              status_is(absl::StatusCode::kInvalidArgument, HasSubstr("data_reload_ratio = nan")));
  options grid;
  grid.network_g_per_kwh = -5;
  EXPECT_THAT(calculator::create(model::swd4, grid),
              status_is(absl::StatusCode::kInvalidArgument, HasSubstr("grid_intensity[\"network\"] = -5")));
  options onebyte_grid;
  onebyte_grid.device_g_per_kwh = 50;
  EXPECT_THAT(calculator::create(model::onebyte, onebyte_grid),
              status_is(absl::StatusCode::kInvalidArgument, HasSubstr("onebyte takes no grid intensity")));
}

TEST(Traffic, ModelsAndCountries) {
  EXPECT_THAT(parse_model("swd3"), is_ok_and_holds(model::swd3));
  EXPECT_THAT(parse_model("1byte"), status_is(absl::StatusCode::kInvalidArgument,
                                              HasSubstr("model = \"1byte\": unknown data-transfer model")));
  EXPECT_THAT(country_g_per_kwh("FRA"), is_ok_and_holds(44.18));
  EXPECT_THAT(country_g_per_kwh("fra"), is_ok_and_holds(44.18));
  EXPECT_THAT(country_g_per_kwh("WORLD"), is_ok_and_holds(472.94));
  EXPECT_THAT(country_g_per_kwh("XYZ"), status_is(absl::StatusCode::kNotFound, HasSubstr("\"XYZ\"")));
  EXPECT_THAT(country_g_per_kwh(""), status_is(absl::StatusCode::kNotFound));
}

TEST(Traffic, BulkMatchesScalarAndNamesTheBadIndex) {
  const calculator c = make(model::swd4);
  const std::vector<double> bytes = {0, 0.5, 1, 1e3, 2e6, 1e9, 5e9};
  std::vector<double> out(bytes.size());
  ASSERT_THAT(c.per_byte_g(bytes, absl::MakeSpan(out)), is_ok());
  for (std::size_t i = 0; i < bytes.size(); ++i) EXPECT_EQ(out[i], c.per_byte_g(bytes[i]));
  ASSERT_THAT(c.per_visit_g(bytes, absl::MakeSpan(out)), is_ok());
  for (std::size_t i = 0; i < bytes.size(); ++i) EXPECT_EQ(out[i], c.per_visit_g(bytes[i]));

  const std::vector<double> bad = {1e3, 2e3, -1, std::numeric_limits<double>::quiet_NaN()};
  std::vector<double> out_bad(bad.size());
  EXPECT_THAT(c.per_byte_g(bad, absl::MakeSpan(out_bad)),
              status_is(absl::StatusCode::kInvalidArgument, HasSubstr("data_bytes[2] = -1")));
  const std::vector<double> inf = {std::numeric_limits<double>::infinity()};
  std::vector<double> out_inf(1);
  EXPECT_THAT(c.per_byte_g(inf, absl::MakeSpan(out_inf)),
              status_is(absl::StatusCode::kInvalidArgument, HasSubstr("data_bytes[0] = inf")));
  EXPECT_THAT(c.per_byte_g(bytes, absl::MakeSpan(out_inf)), status_is(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(make(model::onebyte).per_visit_g(bytes, absl::MakeSpan(out)),
              status_is(absl::StatusCode::kInvalidArgument, HasSubstr("onebyte has no per-visit")));
}

TEST(Traffic, TypedConvenience) {
  auto g = per_byte(1.0 * units::gigabyte);
  ASSERT_THAT(g, is_ok());
  EXPECT_EQ(units::value_in(*g, units::gram_co2e), 148.2);
  EXPECT_THAT(per_byte(-1.0 * units::byte), status_is(absl::StatusCode::kInvalidArgument, HasSubstr("data = -1")));
  EXPECT_THAT(per_visit(1.0 * units::megabyte, model::onebyte), status_is(absl::StatusCode::kInvalidArgument));
  auto v = per_visit(2.0 * units::megabyte, model::swd3);
  ASSERT_THAT(v, is_ok());
  EXPECT_EQ(units::value_in(*v, units::gram_co2e), 0.5784529140000001);
}

TEST(Traffic, ConstantsFromAnOverriddenSet) {
  auto base = factors::get_set("swd-v4");
  ASSERT_THAT(base, is_ok());
  factors::factor_override o;
  o.id = "swd.v4.grid.global";
  o.value = 400;
  auto changed = base->get().with_overrides({o});
  ASSERT_THAT(changed, is_ok());
  auto c = constants::from_factors(model::swd4, *changed);
  ASSERT_THAT(c, is_ok());
  auto calc = calculator::create(*c);
  ASSERT_THAT(calc, is_ok());
  EXPECT_DOUBLE_EQ(calc->per_byte_g(1e9), 0.3 * 400);
  EXPECT_THAT(constants::from_factors(model::swd4, factors::default_set()),
              status_is(absl::StatusCode::kNotFound, HasSubstr("swd.v4.")));
}

}  // namespace
}  // namespace numresp::usage::traffic
