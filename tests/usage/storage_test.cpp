// Tests of numresp/usage/storage.hpp: the ACV model's email-storage sub-model per GB-year
// (17.5741 g per copy), Impact CO2's published 0.235 g, hand computations (Cloud Carbon
// Footprint's coefficients) and bad inputs.
#include "numresp/usage/storage.hpp"

#include <limits>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "ademe_golden.hpp"
#include "numresp/testing/status_matchers.hpp"

namespace numresp::usage {
namespace {

using ::numresp::testing::is_ok;
using ::numresp::testing::status_is;
using ::testing::HasSubstr;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

double grams(units::co2e_mass m) { return m / units::gram_co2e; }

storage_parameters defaults() {
  absl::StatusOr<storage_parameters> p = storage_parameters::from_factors();
  EXPECT_THAT(p, is_ok());
  return *p;
}

TEST(usage_storage, ReproducesTheModelsSubModel) {
  const std::vector<golden::row> rows = golden::rows_of("storage_model");
  ASSERT_EQ(rows.size(), 1u);
  absl::StatusOr<storage_footprint> f =
      storage(std::stod(rows[0].size_mb) * units::megabyte, 1.0 * units::year, defaults());
  ASSERT_THAT(f, is_ok());
  EXPECT_TRUE(golden::matches(rows[0].total, grams(f->total)));
  // data/factors/sources/ademe.md: 15.8344 (embodied) + 1.73976 (use) = 17.5741 g per GB-year per copy.
  EXPECT_NEAR(grams(f->embodied), 15.8344, 5e-5);
  EXPECT_NEAR(grams(f->use), 1.73976, 5e-6);
  EXPECT_NEAR(grams(f->total),
              *factors::default_set().get_in("usage.storage_gb_year.model_email_per_copy", "gCO2e/GB/year"), 5e-5);
}

TEST(usage_storage, HandComputedDefaults) {
  // 144000 g / (3.5524 × 1024 GB × 50 % × 5 years) + 6 W / (3.5524 × 1024 GB × 50 %) × 8760 h ×
  // 1.16 × 51.9 g/kWh, per GB-year.
  const double gb = 3.5524 * 1024 * 0.5;
  const double expected = 144000 / (gb * 5) + 6.0 / gb * 8760 * 1.16 * 51.9 / 1000;
  absl::StatusOr<storage_footprint> f = storage(1.0 * units::gigabyte, 1.0 * units::year, defaults());
  ASSERT_THAT(f, is_ok());
  EXPECT_NEAR(grams(f->total), expected, 1e-12);
}

TEST(usage_storage, CopiesDataAndPeriodScale) {
  storage_parameters three = defaults();
  three.copies = 3;  // the email model's redundancy
  absl::StatusOr<storage_footprint> one = storage(1.0 * units::gigabyte, 1.0 * units::year, defaults());
  absl::StatusOr<storage_footprint> f = storage(2.0 * units::gigabyte, 10.0 * units::year, three);
  ASSERT_THAT(one, is_ok());
  ASSERT_THAT(f, is_ok());
  EXPECT_NEAR(grams(f->total), grams(one->total) * 3 * 2 * 10, 1e-9);
  EXPECT_NEAR(grams(one->total) * 3, 52.72, 0.01) << "≈ 53 g with 3 copies (research/factors.md §3d)";
}

TEST(usage_storage, CloudCarbonFootprintCoefficients) {
  // research/factors.md §3d: HDD 0.65 Wh per TB-hour, 3 replicas, PUE 1.135 → 0.019 kWh per GB-year,
  // ≈ 1.0 g with the French 0.052 kg/kWh. Operational only.
  storage_parameters ccf;
  ccf.unit_capacity = 1.0 * units::terabyte;
  ccf.fill_rate = 1;
  ccf.unit_embodied = 0.0 * units::gram_co2e;
  ccf.unit_lifetime = 1.0 * units::year;
  ccf.unit_power = 0.65 * units::watt;
  ccf.pue = 1.135;
  ccf.grid = 52.0 * units::gram_co2e / units::kilowatt_hour;
  ccf.copies = 3;
  absl::StatusOr<storage_footprint> f = storage(1.0 * units::gigabyte, 1.0 * units::year, ccf);
  ASSERT_THAT(f, is_ok());
  const double kwh = 3 * 0.65 / 1000 * 8760 * 1.135 / 1000;
  EXPECT_NEAR(kwh, 0.019, 0.0005);
  EXPECT_NEAR(grams(f->use), kwh * 52, 1e-12);
  EXPECT_NEAR(grams(f->total), 1.0, 0.05);
  EXPECT_EQ(grams(f->embodied), 0.0);
}

TEST(usage_storage, PublishedFigure) {
  const std::vector<golden::row> rows = golden::rows_of("storage_published");
  ASSERT_EQ(rows.size(), 1u);
  absl::StatusOr<units::co2e_mass> g =
      storage_published(std::stod(rows[0].size_mb) * units::megabyte, 1.0 * units::year);
  ASSERT_THAT(g, is_ok());
  EXPECT_TRUE(golden::matches(rows[0].total, grams(*g)));
  absl::StatusOr<storage_footprint> model = storage(1.0 * units::gigabyte, 1.0 * units::year, defaults());
  EXPECT_NEAR(grams(model->total) / grams(*g), 75, 1) << "the two ADEME figures disagree about 75x";
}

TEST(usage_storage, BulkAgreesAndNamesTheIndex) {
  const storage_parameters p = defaults();
  const std::vector<double> bytes = {0, 1e9, 5e9};
  std::vector<double> out(3);
  ASSERT_THAT(storage_g(bytes, std::vector<double>{units::year / units::second}, p, absl::MakeSpan(out)), is_ok());
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    EXPECT_NEAR(out[i], grams(storage(bytes[i] * units::byte, 1.0 * units::year, p)->total), 1e-9);
  }
  EXPECT_THAT(storage_g(std::vector<double>{1, kNaN, 2}, std::vector<double>{1}, p, absl::MakeSpan(out)),
              status_is(absl::StatusCode::kInvalidArgument, HasSubstr("data[1] = nan")));
  EXPECT_THAT(storage_g(std::vector<double>{1, 2, 3}, std::vector<double>{1, 1, -1}, p, absl::MakeSpan(out)),
              status_is(absl::StatusCode::kInvalidArgument, HasSubstr("period[2] = -1")));
  EXPECT_THAT(storage_g(std::vector<double>{1, 2}, std::vector<double>{1}, p, absl::MakeSpan(out)),
              status_is(absl::StatusCode::kInvalidArgument, HasSubstr("room for 3")));
}

TEST(usage_storage, BadInputs) {
  const storage_parameters p = defaults();
  EXPECT_THAT(storage(-1.0 * units::gigabyte, 1.0 * units::year, p),
              status_is(absl::StatusCode::kInvalidArgument, HasSubstr("data = -1e+09")));
  EXPECT_THAT(storage(kInf * units::byte, 1.0 * units::year, p),
              status_is(absl::StatusCode::kInvalidArgument, HasSubstr("data = inf")));
  EXPECT_THAT(storage(1.0 * units::gigabyte, kNaN * units::second, p),
              status_is(absl::StatusCode::kInvalidArgument, HasSubstr("period = nan")));
  EXPECT_THAT(storage_published(-1.0 * units::byte, 1.0 * units::year),
              status_is(absl::StatusCode::kInvalidArgument, HasSubstr("data = -1")));
}

TEST(usage_storage, BadParameters) {
  const storage_parameters p = defaults();
  auto with = [&](auto change) {
    storage_parameters q = p;
    change(q);
    return storage(1.0 * units::gigabyte, 1.0 * units::year, q);
  };
  EXPECT_THAT(with([](storage_parameters& q) { q.fill_rate = 0; }),
              status_is(absl::StatusCode::kInvalidArgument, HasSubstr("fill_rate = 0")));
  EXPECT_THAT(with([](storage_parameters& q) { q.fill_rate = 1.5; }),
              status_is(absl::StatusCode::kInvalidArgument, HasSubstr("fill_rate = 1.5")));
  EXPECT_THAT(with([](storage_parameters& q) { q.pue = 0.9; }),
              status_is(absl::StatusCode::kInvalidArgument, HasSubstr("pue = 0.9")));
  EXPECT_THAT(with([](storage_parameters& q) { q.copies = 0; }),
              status_is(absl::StatusCode::kInvalidArgument, HasSubstr("copies = 0")));
  EXPECT_THAT(with([](storage_parameters& q) { q.unit_capacity = 0.0 * units::byte; }),
              status_is(absl::StatusCode::kInvalidArgument, HasSubstr("unit_capacity = 0")));
  EXPECT_THAT(with([](storage_parameters& q) { q.unit_lifetime = 0.0 * units::year; }),
              status_is(absl::StatusCode::kInvalidArgument, HasSubstr("unit_lifetime = 0")));
  EXPECT_THAT(with([](storage_parameters& q) { q.unit_power = -1.0 * units::watt; }),
              status_is(absl::StatusCode::kInvalidArgument, HasSubstr("unit_power = -1")));
}

TEST(usage_storage, OtherFactorSets) {
  EXPECT_THAT(storage_parameters::from_factors(factors::get_set("onebyte")->get()),
              status_is(absl::StatusCode::kNotFound, HasSubstr("datacenter.model.storage_capacity")));
  EXPECT_THAT(storage_published(1.0 * units::gigabyte, 1.0 * units::year, factors::get_set("onebyte")->get()),
              status_is(absl::StatusCode::kNotFound, HasSubstr("usage.storage_gb_year")));
}

}  // namespace
}  // namespace numresp::usage
