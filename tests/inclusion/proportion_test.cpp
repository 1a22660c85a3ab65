// Tests of numresp/inclusion/proportion.hpp and illectronism.hpp: every interval against the
// golden vectors computed by R 4.2.2 and statsmodels 0.13.5 (tests/data/inclusion/
// intervals.jsonl, README-intervals.md) to 1e-9, textbook values, and bad input.
#include "numresp/inclusion/proportion.hpp"

#include <cmath>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "numresp/inclusion/illectronism.hpp"
#include "numresp/testing/status_matchers.hpp"

namespace numresp::inclusion {
namespace {

using ::numresp::testing::is_ok;
using ::numresp::testing::status_is;
using ::testing::HasSubstr;
using json = nlohmann::json;

constexpr double kTolerance = 1e-9;

std::vector<json> golden() {
  std::vector<json> out;
  FILE* f = std::fopen(NUMRESP_TEST_DATA_DIR "/inclusion/intervals.jsonl", "rb");
  EXPECT_NE(f, nullptr);
  if (f == nullptr) return out;
  std::string text;
  char buffer[1 << 16];
  std::size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, f)) > 0) text.append(buffer, n);
  std::fclose(f);
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    if (end > start) out.push_back(json::parse(text.substr(start, end - start)));
    start = end + 1;
  }
  return out;
}

bool close(double got, double want) { return std::fabs(got - want) <= kTolerance; }

TEST(inclusion_proportion, EveryGoldenVectorWithin1e9) {
  const std::vector<json> rows = golden();
  ASSERT_GT(rows.size(), 7000u);
  std::map<std::string, std::size_t> checked;
  std::size_t failures = 0;
  for (std::size_t line = 0; line < rows.size(); ++line) {
    const json& r = rows[line];
    const std::string kind = r.at("kind");
    const double level = r.at("level");
    const double want_low = r.at("low");
    const double want_high = r.at("high");
    absl::StatusOr<interval> got;
    std::string key = kind;
    if (kind == "proportion" || kind == "fpc" || kind == "weighted") {
      const ci_method m = *parse_ci_method(r.at("method").get<std::string>());
      key += "/" + r.at("method").get<std::string>();
      if (kind == "proportion") {
        got = proportion_ci(r.at("x").get<double>(), r.at("n").get<double>(), m, level);
      } else if (kind == "fpc") {
        got = proportion_ci_fpc(r.at("x").get<double>(), r.at("n").get<double>(), r.at("population").get<double>(), m,
                                level);
      } else {
        const std::vector<double> y = r.at("y").get<std::vector<double>>();
        const std::vector<double> w = r.at("w").get<std::vector<double>>();
        absl::StatusOr<weighted_result> wr = weighted_proportion_ci(y, w, m, level);
        ASSERT_THAT(wr, is_ok());
        EXPECT_NEAR(wr->estimate, r.at("p").get<double>(), 1e-12);
        EXPECT_NEAR(wr->n_effective, r.at("n_eff").get<double>(), 1e-9);
        EXPECT_NEAR(wr->design_effect, r.at("deff").get<double>(), 1e-12);
        got = wr->ci;
      }
    } else if (kind == "poisson") {
      got = poisson_ci(r.at("x").get<double>(), level);
    } else if (kind == "newcombe") {
      got = difference_ci(r.at("x1").get<double>(), r.at("n1").get<double>(), r.at("x2").get<double>(),
                          r.at("n2").get<double>(), level);
    } else {
      ADD_FAILURE() << "unknown kind " << kind;
      continue;
    }
    ASSERT_THAT(got, is_ok()) << r.dump();
    if (!close(got->low, want_low) || !close(got->high, want_high)) {
      ADD_FAILURE() << "line " << line + 1 << " " << r.dump() << ": got [" << got->low << ", " << got->high << "]";
      if (++failures > 20) return;
    }
    ++checked[key];
  }
  for (ci_method m : all_ci_methods) {
    EXPECT_GT(checked["proportion/" + std::string(to_string(m))], 900u) << to_string(m);
  }
  EXPECT_GT(checked["poisson"], 20u);
  EXPECT_GT(checked["newcombe"], 100u);
  EXPECT_GT(checked["fpc/wilson"], 20u);
  EXPECT_GT(checked["weighted/wilson"], 10u);
}

TEST(inclusion_proportion, TextbookValues) {
  // research/inclusion.md §5 table, 17/100 at 95 %.
  const interval w = *proportion_ci(17, 100);
  EXPECT_NEAR(w.low, 0.108936, 1e-6);
  EXPECT_NEAR(w.high, 0.255480, 1e-6);
  const interval cp = *proportion_ci(17, 100, ci_method::clopper_pearson);
  EXPECT_NEAR(cp.low, 0.102265, 1e-6);
  EXPECT_NEAR(cp.high, 0.258175, 1e-6);
  // Wald collapses at 0; Wilson does not; Agresti-Coull is clipped at 0.
  EXPECT_EQ(proportion_ci(0, 50, ci_method::wald)->high, 0.0);
  EXPECT_NEAR(proportion_ci(0, 50)->high, 0.071348, 1e-6);
  EXPECT_EQ(proportion_ci(0, 50, ci_method::agresti_coull)->low, 0.0);
  EXPECT_NEAR(normal_quantile(0.975), 1.959963984540054, 1e-15);
  // A census has no sampling error.
  const interval census = *proportion_ci_fpc(30, 352, 352);
  EXPECT_EQ(census.low, census.high);
  // Kish: w = (1, 1, 2, 2, 4) → n_eff = 3.846, deff = 1.3 (inclusion.md §5).
  const std::vector<double> y = {1, 0, 1, 1, 0};
  const std::vector<double> wts = {1, 1, 2, 2, 4};
  absl::StatusOr<weighted_result> k = weighted_proportion_ci(y, wts);
  ASSERT_THAT(k, is_ok());
  EXPECT_NEAR(k->n_effective, 3.846153846, 1e-9);
  EXPECT_NEAR(k->design_effect, 1.3, 1e-12);
  absl::StatusOr<weighted_result> given = weighted_proportion_ci(y, wts, ci_method::wilson, 0.95, 2.0);
  ASSERT_THAT(given, is_ok());
  EXPECT_EQ(given->n_effective, 2.5);
  // Rates per 1,000 inhabitants.
  absl::StatusOr<rate_result> rate = rate_ci(352, 88665);
  ASSERT_THAT(rate, is_ok());
  EXPECT_NEAR(rate->rate, 352.0 / 88.665, 1e-12);
  EXPECT_LT(rate->ci.low, rate->rate);
  EXPECT_GT(rate->ci.high, rate->rate);
}

TEST(inclusion_proportion, BulkMatchesScalarAndBroadcasts) {
  const std::vector<double> x = {0, 5, 17, 154};
  const std::vector<double> n = {50, 40, 100, 1000};
  std::vector<double> lo(4), hi(4);
  ASSERT_THAT(proportion_ci(x, n, ci_method::jeffreys, 0.9, absl::MakeSpan(lo), absl::MakeSpan(hi)), is_ok());
  for (std::size_t i = 0; i < 4; ++i) {
    const interval s = *proportion_ci(x[i], n[i], ci_method::jeffreys, 0.9);
    EXPECT_EQ(lo[i], s.low);
    EXPECT_EQ(hi[i], s.high);
  }
  const std::vector<double> one = {1000};
  ASSERT_THAT(proportion_ci(x, one, ci_method::wilson, 0.95, absl::MakeSpan(lo), absl::MakeSpan(hi)), is_ok());
  EXPECT_EQ(hi[2], proportion_ci(17, 1000)->high);
  const std::vector<double> bad = {0, 5, 500, 1};
  EXPECT_THAT(
      proportion_ci(bad, n, ci_method::wilson, 0.95, absl::MakeSpan(lo), absl::MakeSpan(hi)),
      status_is(absl::StatusCode::kInvalidArgument, HasSubstr("index 2: successes must be in [0, trials = 100]")));
}

TEST(inclusion_proportion, BadInputNamesTheArgument) {
  EXPECT_THAT(proportion_ci(5, 0), status_is(absl::StatusCode::kInvalidArgument, HasSubstr("trials")));
  EXPECT_THAT(proportion_ci(-1, 10), status_is(absl::StatusCode::kInvalidArgument, HasSubstr("successes")));
  EXPECT_THAT(proportion_ci(11, 10), status_is(absl::StatusCode::kInvalidArgument, HasSubstr("got 11")));
  EXPECT_THAT(proportion_ci(1, 10, ci_method::wilson, 1.0),
              status_is(absl::StatusCode::kInvalidArgument, HasSubstr("level")));
  EXPECT_THAT(parse_ci_method("bayes"), status_is(absl::StatusCode::kNotFound, HasSubstr("wilson_cc")));
  EXPECT_THAT(proportion_ci_fpc(5, 100, 50), status_is(absl::StatusCode::kInvalidArgument, HasSubstr("population")));
  const std::vector<double> y = {1, 0.5, 2};
  const std::vector<double> w = {1, 1, 1};
  EXPECT_THAT(weighted_proportion_ci(y, w),
              status_is(absl::StatusCode::kInvalidArgument, HasSubstr("index 2, field y")));
  EXPECT_THAT(difference_ci(1, 10, 20, 10),
              status_is(absl::StatusCode::kInvalidArgument, HasSubstr("second proportion")));
  EXPECT_THAT(poisson_ci(-3), status_is(absl::StatusCode::kInvalidArgument, HasSubstr("count")));
  EXPECT_THAT(rate_ci(3, 0), status_is(absl::StatusCode::kInvalidArgument, HasSubstr("population")));
}

TEST(inclusion_illectronism, DefinitionsAreNeverComparedSilently) {
  illectronism_rate r2019{0.17, std::nullopt, illectronism_definition::insee_2019, "Insee Première 1780"};
  illectronism_rate r2021{0.154, std::nullopt, illectronism_definition::insee_2021, "Insee Première 1953"};
  EXPECT_THAT(difference(r2019, r2021), status_is(absl::StatusCode::kFailedPrecondition,
                                                  HasSubstr("insee_2019 (0.17) and one measured with insee_2021")));
  illectronism_rate other = r2021;
  other.rate = 0.16;
  EXPECT_NEAR(*difference(other, r2021), 0.006, 1e-15);
  EXPECT_THAT(describe(illectronism_definition::insee_2021), HasSubstr("3 months"));
}

TEST(inclusion_illectronism, SyntheticEstimateByHand) {
  const national_table& t = **find_national_table("insee_2019_age");
  ASSERT_EQ(t.bands.size(), 4u);
  // A city of 74,000 people aged 15+: 40,000 / 14,000 / 12,000 / 8,000 by band.
  const std::vector<double> population = {40000, 14000, 12000, 8000};
  std::vector<stratum> strata;
  for (std::size_t h = 0; h < 4; ++h) strata.push_back({t.bands[h].name, population[h], t.bands[h].rate, std::nullopt});
  absl::StatusOr<synthetic_estimate> r = synthetic(strata, t.definition);
  ASSERT_THAT(r, is_ok());
  EXPECT_NEAR(r->people, 40000 * 0.03 + 14000 * 0.09 + 12000 * 0.27 + 8000 * 0.67, 1e-9);
  EXPECT_NEAR(r->rate, r->people / 74000, 1e-15);
  EXPECT_FALSE(r->variance.has_value());  // the published table gives no standard errors
  // With standard errors: Var = Σ (N_h/N)² SE_h².
  for (stratum& s : strata) s.standard_error = 0.01;
  r = synthetic(strata, t.definition);
  ASSERT_THAT(r, is_ok());
  double v = 0;
  for (double n : population) v += (n / 74000) * (n / 74000) * 1e-4;
  EXPECT_NEAR(*r->variance, v, 1e-18);
  EXPECT_NEAR(r->rate_ci->high - r->rate, 1.959963984540054 * std::sqrt(v), 1e-12);
  strata[2].rate = 1.5;
  EXPECT_THAT(synthetic(strata, t.definition),
              status_is(absl::StatusCode::kInvalidArgument, HasSubstr("stratum 2 (\"60-74\"), field rate")));
  EXPECT_THAT(find_national_table("insee_2021_age"),
              status_is(absl::StatusCode::kNotFound, HasSubstr("insee_2019_age")));
}

}  // namespace
}  // namespace numresp::inclusion
