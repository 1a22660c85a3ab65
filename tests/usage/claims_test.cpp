// Tests of numresp/usage/claims.hpp: the plan's claims recomputed with ademe-2025 (research/
// factors.md §1-2 works the email claim through), with an overridden set, and the skipped claims.
#include "numresp/usage/claims.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "numresp/testing/status_matchers.hpp"

namespace numresp::usage {
namespace {

using ::numresp::testing::is_ok;
using ::numresp::testing::status_is;
using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::StartsWith;

const claim& find(const std::vector<claim>& claims, const std::string& id) {
  auto it = std::find_if(claims.begin(), claims.end(), [&](const claim& c) { return c.id == id; });
  EXPECT_NE(it, claims.end()) << id;
  return *it;
}

std::vector<claim> checked(const factors::factor_set& set = factors::default_set()) {
  absl::StatusOr<std::vector<claim>> c = check_claims(set);
  EXPECT_THAT(c, is_ok());
  return *c;
}

TEST(usage_claims, TwentyEmailsADayAreNotAThousandKilometres) {
  const std::vector<claim> claims = checked();
  const claim& c = find(claims, "email_20_a_day_1000_km");
  EXPECT_EQ(c.plan_value, 1000);
  EXPECT_EQ(c.unit, "km");
  // research/factors.md §2: 7,300 emails at 1.94 g (simple) to 3.00 g (1 MB attachment), 2.46 g
  // published, with the 0.1423 kg/km car: 99 / 154 / 126 km.
  EXPECT_NEAR(c.today_low, 7300 * 1.9364 / 142.2534, 0.01);
  EXPECT_NEAR(c.today_high, 7300 * 3.0020 / 142.2534, 0.02);
  EXPECT_NEAR(c.today_value, 7300 * 2.46181262 / 142.25341222954335, 1e-6);
  EXPECT_NEAR(c.ratio, 1000 / c.today_value, 1e-12);
  EXPECT_NEAR(c.ratio, 7.92, 0.01);
  EXPECT_THAT(c.verdict, StartsWith("Overstated about 7.9x (6.5-10x)"));
  EXPECT_THAT(c.verdict, HasSubstr("99-154 km"));
  EXPECT_THAT(c.factor_ids, Contains("usage.email"));
  EXPECT_THAT(c.factor_ids, Contains("equivalence.car_thermal"));
  EXPECT_THAT(c.factor_ids, Contains("email.model.writing_time"));
  EXPECT_LE(c.today_low, c.today_value);
  EXPECT_LE(c.today_value, c.today_high);
}

TEST(usage_claims, WhatTheClaimNeedsPerEmail) {
  const std::vector<claim> claims = checked();
  const claim& c = find(claims, "email_implied_g_per_email");
  // 1,000 km × 142.25 g/km / 7,300 emails = 19.5 g per email (research/factors.md §2).
  EXPECT_NEAR(c.plan_value, 1000 * 142.25341222954335 / 7300, 1e-9);
  EXPECT_NEAR(c.plan_value, 19.5, 0.05);
  EXPECT_EQ(c.unit, "gCO2e/email");
  EXPECT_NEAR(c.today_value, 2.46181262, 1e-9);
  EXPECT_NEAR(c.today_low, 1.9364, 5e-5);
  EXPECT_NEAR(c.today_high, 3.0020, 5e-5);
  EXPECT_THAT(c.verdict, StartsWith("Overstated"));
}

TEST(usage_claims, TheAdeme2011Statement) {
  const std::vector<claim> claims = checked();
  const claim& c = find(claims, "ademe_2011_33_emails_180_kg");
  EXPECT_EQ(c.plan_value, 180);
  // 33 × 365 emails of 1 MB to 2 recipients at 3.5634 g.
  EXPECT_NEAR(c.today_value, 33 * 365 * 3.5633935654 / 1000, 1e-6);
  EXPECT_NEAR(c.ratio, 4.19, 0.01);
  EXPECT_THAT(c.verdict, StartsWith("Overstated about 4.2x"));
}

TEST(usage_claims, ComputersPerDayArithmetic) {
  const std::vector<claim> claims = checked();
  const claim& c = find(claims, "computers_3_1_million_8400_a_day");
  EXPECT_NEAR(c.today_value, 3.1e6 / 365, 1e-9);
  EXPECT_NEAR(c.ratio, 8400 / (3.1e6 / 365), 1e-12);
  EXPECT_THAT(c.verdict, StartsWith("Consistent (ratio 0.99)"));
  EXPECT_TRUE(c.factor_ids.empty());
}

TEST(usage_claims, AllClaimsAreWellFormed) {
  const std::vector<claim> claims = checked();
  EXPECT_EQ(claims.size(), 4u);
  for (const claim& c : claims) {
    SCOPED_TRACE(c.id);
    EXPECT_FALSE(c.text.empty());
    EXPECT_FALSE(c.unit.empty());
    EXPECT_FALSE(c.verdict.empty());
    EXPECT_GT(c.today_value, 0);
    EXPECT_NEAR(c.ratio, c.plan_value / c.today_value, 1e-12);
    for (const std::string& id : c.factor_ids) EXPECT_NE(factors::default_set().find(id), nullptr) << id;
  }
}

TEST(usage_claims, WithTheCarOf2022) {
  // The car factor Impact CO2 used from 2022 to 2026 (0.2176 kg/km): the same emails are fewer km.
  factors::factor_override car;
  car.id = "equivalence.car_thermal";
  car.value = 0.2176;
  car.origin = "test";
  absl::StatusOr<factors::factor_set> set = factors::default_set().with_overrides({car});
  ASSERT_THAT(set, is_ok());
  const std::vector<claim> claims = checked(*set);
  const claim& c = find(claims, "email_20_a_day_1000_km");
  EXPECT_NEAR(c.today_value, 7300 * 2.46181262 / 217.6, 1e-6);
  EXPECT_GT(c.ratio, 12);
}

TEST(usage_claims, SetsWithoutTheFactors) {
  EXPECT_THAT(check_claims(factors::get_set("ademe-2022")->get()), status_is(absl::StatusCode::kNotFound));
}

TEST(usage_claims, SkippedClaimsSayWhy) {
  const std::vector<skipped_claim> skipped = skipped_claims();
  EXPECT_GE(skipped.size(), 8u);
  for (const skipped_claim& s : skipped) {
    EXPECT_FALSE(s.text.empty());
    EXPECT_FALSE(s.reason.empty()) << s.text;
  }
}

}  // namespace
}  // namespace numresp::usage
