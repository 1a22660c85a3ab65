// Tests of numresp/inclusion/composite.hpp: every normalisation and aggregation on a hand-computed
// 4 units × 3 indicators table (weights, polarity, missing rules), the decile-points rule, the IFN
// 2019 and 2021 profiles on hand-computed inputs (including the reference dependence), the Monte
// Carlo's determinism, rank intervals and rank shifts, and bad inputs.
#include "numresp/inclusion/composite.hpp"

#include <array>
#include <cmath>
#include <limits>
#include <map>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "numresp/testing/status_matchers.hpp"

namespace numresp::inclusion {
namespace {

using ::numresp::testing::is_ok;
using ::numresp::testing::status_is;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kTol = 1e-12;

// The 4 × 3 table: x1 and x2 "higher = more fragile", x3 "higher = less fragile"; x2 weighs 2.
//        x1   x2   x3
//   A     1   10    5
//   B     2   30    5
//   C     3   20   15
//   D     4   40   25
struct small_case {
  std::vector<double> values = {1, 10, 5, 2, 30, 5, 3, 20, 15, 4, 40, 25};
  std::vector<std::string> names = {"A", "B", "C", "D"};
  std::vector<indicator_spec> specs;

  small_case() {
    specs.resize(3);
    specs[0].name = "x1";
    specs[1].name = "x2";
    specs[1].weight = 2;
    specs[2].name = "x3";
    specs[2].polarity = -1;
  }

  [[nodiscard]] indicator_table table() const {
    indicator_table t;
    t.units = 4;
    t.indicators = 3;
    t.values = values;
    t.unit_names = names;
    return t;
  }
};

composite_options with(normalisation n, aggregation a) {
  composite_options o;
  o.normalisation_method = n;
  o.aggregation_method = a;
  return o;
}

void expect_scores(const absl::StatusOr<composite_result>& r, const std::vector<double>& expected,
                   double tolerance = kTol) {
  ASSERT_THAT(r, is_ok());
  ASSERT_EQ(r->score.size(), expected.size());
  for (std::size_t u = 0; u < expected.size(); ++u) {
    if (std::isnan(expected[u])) {
      EXPECT_TRUE(std::isnan(r->score[u])) << "unit " << u;
    } else {
      EXPECT_NEAR(r->score[u], expected[u], tolerance) << "unit " << u;
    }
  }
}

// -- Names ----------------------------------------------------------------------------------------

TEST(inclusion_composite, NamesRoundTrip) {
  for (const char* name : {"minmax", "zscore", "rank", "ratio_to_reference", "decile_points"}) {
    absl::StatusOr<normalisation> n = parse_normalisation(name);
    ASSERT_THAT(n, is_ok());
    EXPECT_EQ(to_string(*n), name);
  }
  for (const char* name : {"arithmetic", "geometric", "harmonic"}) {
    absl::StatusOr<aggregation> a = parse_aggregation(name);
    ASSERT_THAT(a, is_ok());
    EXPECT_EQ(to_string(*a), name);
  }
  for (const char* name : {"skip", "fail", "impute_mean"}) {
    absl::StatusOr<missing_rule> m = parse_missing_rule(name);
    ASSERT_THAT(m, is_ok());
    EXPECT_EQ(to_string(*m), name);
  }
  EXPECT_EQ(to_string(*parse_reference_statistic("median")), "median");
  EXPECT_EQ(to_string(*parse_non_positive_rule("shift")), "shift");
  EXPECT_EQ(to_string(*parse_weight_perturbation("dirichlet")), "dirichlet");
  EXPECT_THAT(parse_normalisation("min-max"),
              status_is(absl::StatusCode::kNotFound, HasSubstr("minmax, zscore, rank, ratio_to_reference")));
  EXPECT_THAT(parse_aggregation("median"), status_is(absl::StatusCode::kNotFound, HasSubstr("harmonic")));
  EXPECT_THAT(parse_missing_rule("drop"), status_is(absl::StatusCode::kNotFound, HasSubstr("impute_mean")));
}

// -- Normalisations × aggregations ----------------------------------------------------------------

TEST(inclusion_composite, MinmaxArithmeticHandComputed) {
  // minmax [0, 1]: x1 → 0, 1/3, 2/3, 1; x2 → 0, 2/3, 1/3, 1; x3 flipped (25 − x)/20 → 1, 1, 1/2, 0.
  // Weights 1, 2, 1 → 1/4, 1/2, 1/4.
  const small_case c;
  absl::StatusOr<composite_result> r = composite(c.table(), c.specs);
  expect_scores(r, {0.25, 1.0 / 12 + 1.0 / 3 + 0.25, 1.0 / 6 + 1.0 / 6 + 0.125, 0.75});
  EXPECT_NEAR(r->normalised[2 * 3 + 2], 0.5, kTol);  // C, x3
  EXPECT_THAT(r->coverage, ElementsAre(1.0, 1.0, 1.0, 1.0));
  EXPECT_TRUE(r->flagged.empty());
  EXPECT_EQ(r->shift, 0.0);
}

TEST(inclusion_composite, MinmaxRangeGeometricAndHarmonic) {
  // minmax [1, 100]: y = 1 + 99·share. x1 → 1, 34, 67, 100; x2 → 1, 67, 34, 100; x3 → 100, 100, 50.5, 1.
  const small_case c;
  composite_options o = with(normalisation::minmax, aggregation::geometric);
  o.minmax_low = 1;
  o.minmax_high = 100;
  const double y[4][3] = {{1, 1, 100}, {34, 67, 100}, {67, 34, 50.5}, {100, 100, 1}};
  std::vector<double> geometric;
  std::vector<double> harmonic;
  for (const auto& row : y) {
    geometric.push_back(std::pow(row[0], 0.25) * std::pow(row[1], 0.5) * std::pow(row[2], 0.25));
    harmonic.push_back(1 / (0.25 / row[0] + 0.5 / row[1] + 0.25 / row[2]));
  }
  expect_scores(composite(c.table(), c.specs, o), geometric, 1e-9);
  EXPECT_NEAR(geometric[0], std::sqrt(10.0), 1e-12);  // 100^(1/4)
  o.aggregation_method = aggregation::harmonic;
  expect_scores(composite(c.table(), c.specs, o), harmonic, 1e-9);
  EXPECT_NEAR(harmonic[0], 1 / 0.7525, 1e-12);
}

TEST(inclusion_composite, ZscoreUsesTheSampleStandardDeviation) {
  // x1: mean 2.5, s = √(5/3); x2: mean 25, s = √(500/3); x3: mean 12.5, s = √(275/3), flipped.
  const small_case c;
  const double s1 = std::sqrt(5.0 / 3);
  const double s2 = std::sqrt(500.0 / 3);
  const double s3 = std::sqrt(275.0 / 3);
  std::vector<double> expected;
  for (std::size_t u = 0; u < 4; ++u) {
    const double z1 = (c.values[u * 3] - 2.5) / s1;
    const double z2 = (c.values[u * 3 + 1] - 25) / s2;
    const double z3 = -(c.values[u * 3 + 2] - 12.5) / s3;
    expected.push_back(0.25 * z1 + 0.5 * z2 + 0.25 * z3);
  }
  absl::StatusOr<composite_result> r =
      composite(c.table(), c.specs, with(normalisation::zscore, aggregation::arithmetic));
  expect_scores(r, expected);
  EXPECT_NEAR(r->normalised[0], -1.5 / s1, kTol);
}

TEST(inclusion_composite, RankAveragesTies) {
  // x1 → 1, 2, 3, 4; x2 → 1, 3, 2, 4; −x3 = −5, −5, −15, −25 → 3.5, 3.5, 2, 1.
  const small_case c;
  absl::StatusOr<composite_result> r =
      composite(c.table(), c.specs, with(normalisation::rank, aggregation::arithmetic));
  expect_scores(r, {0.25 + 0.5 + 0.875, 0.5 + 1.5 + 0.875, 0.75 + 1.0 + 0.5, 1.0 + 2.0 + 0.25});
  EXPECT_EQ(r->normalised[0 * 3 + 2], 3.5);
  EXPECT_EQ(r->normalised[1 * 3 + 2], 3.5);
  composite_options share = with(normalisation::rank, aggregation::arithmetic);
  share.rank_as_share = true;
  expect_scores(composite(c.table(), c.specs, share), {1.625 / 4, 2.875 / 4, 2.25 / 4, 3.25 / 4});
}

TEST(inclusion_composite, RatioToReference) {
  // Means 2.5, 25, 12.5: x1 → 40, 80, 120, 160; x2 → 40, 120, 80, 160; x3 (−1) → 200 − 8x = 160, 160, 80, 0.
  small_case c;
  absl::StatusOr<composite_result> r =
      composite(c.table(), c.specs, with(normalisation::ratio_to_reference, aggregation::arithmetic));
  expect_scores(r, {70, 120, 90, 120});
  EXPECT_NEAR(r->normalised[3 * 3 + 2], 0, kTol);
  // A given reference for x1 (2 → 50, 100, 150, 200) and the median of x3 (10 → 150, 150, 50, −50).
  c.specs[0].reference = 2.0;
  c.specs[2].statistic = reference_statistic::median;
  expect_scores(composite(c.table(), c.specs, with(normalisation::ratio_to_reference, aggregation::arithmetic)),
                {0.25 * 50 + 0.5 * 40 + 0.25 * 150, 0.25 * 100 + 0.5 * 120 + 0.25 * 150,
                 0.25 * 150 + 0.5 * 80 + 0.25 * 50, 0.25 * 200 + 0.5 * 160 - 0.25 * 50});
}

TEST(inclusion_composite, DecilePointsOnFourUnits) {
  // x1 1..4: D1 = 1.3, D3 = 1.9, D7 = 3.1, D9 = 3.7 → −3, 0, 0, +3. x2: D_k = 10 + 3k → −3, 0, 0, +3.
  // x3 5, 5, 15, 25: D1 = D2 = D3 = 5, D7 = 16, D9 = 22 → 0, 0, 0, +3, flipped → 0, 0, 0, −3.
  const small_case c;
  absl::StatusOr<composite_result> r =
      composite(c.table(), c.specs, with(normalisation::decile_points, aggregation::arithmetic));
  expect_scores(r, {-2.25, 0, 0, 1.5});
  EXPECT_EQ(r->normalised[3 * 3 + 2], -3);
}

TEST(inclusion_composite, DecilePointsRule) {
  // 1..11: D_k = k + 1, so one value per band edge.
  std::vector<double> v;
  for (int k = 1; k <= 11; ++k) v.push_back(k);
  absl::StatusOr<std::array<double, 9>> d = deciles(v);
  ASSERT_THAT(d, is_ok());
  for (std::size_t k = 0; k < 9; ++k) EXPECT_DOUBLE_EQ((*d)[k], static_cast<double>(k + 2));
  std::vector<int> points;
  for (double x : v) points.push_back(decile_points(x, *d));
  EXPECT_THAT(points, ElementsAre(-3, -2, -1, 0, 0, 0, 0, 0, 1, 2, 3));
  // Symmetry: −x against the deciles of −x gives the opposite points.
  std::vector<double> negated;
  for (double x : v) negated.push_back(-x);
  absl::StatusOr<std::array<double, 9>> dn = deciles(negated);
  ASSERT_THAT(dn, is_ok());
  for (std::size_t u = 0; u < v.size(); ++u) EXPECT_EQ(decile_points(negated[u], *dn), -points[u]);
  // Given (national) deciles win over the units' own.
  indicator_spec spec;
  spec.name = "menseul_rate";
  spec.deciles = {0, 0, 0, 0, 0, 0, 0, 0, 0};
  absl::StatusOr<std::vector<double>> y = normalise(v, spec, normalisation::decile_points);
  ASSERT_THAT(y, is_ok());
  EXPECT_THAT(*y, ::testing::Each(3.0));
  EXPECT_THAT(deciles(std::vector<double>{kNaN}), status_is(absl::StatusCode::kInvalidArgument));
}

TEST(inclusion_composite, ConstantColumns) {
  std::vector<double> constant = {7, 7, 7};
  indicator_spec spec;
  spec.name = "flat";
  composite_options o;
  o.minmax_low = 1;
  o.minmax_high = 3;
  EXPECT_THAT(*normalise(constant, spec, normalisation::minmax, o), ElementsAre(2.0, 2.0, 2.0));
  EXPECT_THAT(*normalise(constant, spec, normalisation::zscore), ElementsAre(0.0, 0.0, 0.0));
  EXPECT_THAT(*normalise(constant, spec, normalisation::rank), ElementsAre(2.0, 2.0, 2.0));
  EXPECT_THAT(*normalise(constant, spec, normalisation::decile_points), ElementsAre(0.0, 0.0, 0.0));
}

TEST(inclusion_composite, AggregateOneUnit) {
  const std::vector<double> w = {1, 1};
  EXPECT_NEAR(*aggregate(std::vector<double>{2, 8}, w, aggregation::arithmetic), 5, kTol);
  EXPECT_NEAR(*aggregate(std::vector<double>{2, 8}, w, aggregation::geometric), 4, kTol);
  EXPECT_NEAR(*aggregate(std::vector<double>{2, 8}, w, aggregation::harmonic), 3.2, kTol);
  // A missing value is skipped and the weights renormalised; weight 0 = not used.
  EXPECT_NEAR(*aggregate(std::vector<double>{2, kNaN, 8, -5}, std::vector<double>{1, 5, 1, 0}, aggregation::geometric),
              4, kTol);
  EXPECT_NEAR(*aggregate(std::vector<double>{1, 4}, std::vector<double>{3, 1}, aggregation::arithmetic), 1.75, kTol);
  EXPECT_TRUE(std::isnan(*aggregate(std::vector<double>{kNaN}, std::vector<double>{1}, aggregation::arithmetic)));
  EXPECT_THAT(aggregate(std::vector<double>{2, 0}, w, aggregation::harmonic),
              status_is(absl::StatusCode::kInvalidArgument, HasSubstr("value [1] = 0")));
  EXPECT_THAT(aggregate(std::vector<double>{2, 1}, std::vector<double>{1, -1}, aggregation::arithmetic),
              status_is(absl::StatusCode::kInvalidArgument, HasSubstr("weight [1] = -1")));
}

TEST(inclusion_composite, DescendingRanks) {
  EXPECT_THAT(descending_ranks(std::vector<double>{3, 1, 3, 2}), ElementsAre(1.5, 4.0, 1.5, 3.0));
  std::vector<double> r = descending_ranks(std::vector<double>{3, kNaN, 1});
  EXPECT_EQ(r[0], 1.0);
  EXPECT_TRUE(std::isnan(r[1]));
  EXPECT_EQ(r[2], 2.0);
}

TEST(inclusion_composite, WeightsAndPolarity) {
  small_case c;
  // Weight 0 drops x3: (x1 + 2·x2)/3 on minmax [0, 1].
  c.specs[2].weight = 0;
  absl::StatusOr<composite_result> r = composite(c.table(), c.specs);
  expect_scores(r, {0, (1.0 / 3 + 4.0 / 3) / 3, (2.0 / 3 + 2.0 / 3) / 3, 1});
  EXPECT_TRUE(std::isnan(r->normalised[2]));
  // Only ratios of weights matter.
  c.specs[0].weight = 10;
  c.specs[1].weight = 20;
  expect_scores(composite(c.table(), c.specs), {0, (1.0 / 3 + 4.0 / 3) / 3, (2.0 / 3 + 2.0 / 3) / 3, 1});
  // Polarity +1 on x3 (alone): (x − 5)/20.
  c.specs[0].weight = 0;
  c.specs[1].weight = 0;
  c.specs[2].weight = 1;
  c.specs[2].polarity = 1;
  expect_scores(composite(c.table(), c.specs), {0, 0, 0.5, 1});
}

// -- Missing data ---------------------------------------------------------------------------------

TEST(inclusion_composite, MissingSkipRenormalisesAndFlags) {
  small_case c;
  c.values[1 * 3 + 1] = kNaN;  // B, x2
  // x2 over A, C, D: 10, 20, 40 → 0, 1/3, 1. B = (1/3 + 1)/2 with x1 and x3 at 1/2 each.
  absl::StatusOr<composite_result> r = composite(c.table(), c.specs);
  expect_scores(r, {0.25, 2.0 / 3, 0.25 * 2 / 3 + 0.5 / 3 + 0.125, 0.75});
  EXPECT_NEAR(r->coverage[1], 2.0 / 3, kTol);
  EXPECT_TRUE(std::isnan(r->normalised[1 * 3 + 1]));
  EXPECT_TRUE(r->flagged.empty());
  composite_options strict;
  strict.min_coverage = 0.9;
  r = composite(c.table(), c.specs, strict);
  expect_scores(r, {0.25, kNaN, 0.25 * 2 / 3 + 0.5 / 3 + 0.125, 0.75});
  EXPECT_THAT(r->flagged, ElementsAre(1u));
}

TEST(inclusion_composite, MissingFailNamesUnitAndIndicator) {
  small_case c;
  c.values[1 * 3 + 1] = kNaN;
  composite_options o;
  o.missing = missing_rule::fail;
  EXPECT_THAT(composite(c.table(), c.specs, o),
              status_is(absl::StatusCode::kInvalidArgument, HasSubstr("unit 'B' (row 1), indicator 'x2'")));
}

TEST(inclusion_composite, MissingImputeMean) {
  small_case c;
  c.values[1 * 3 + 1] = kNaN;
  // x2 imputed 70/3 → minmax over 10, 70/3, 20, 40: B → (70/3 − 10)/30 = 4/9.
  composite_options o;
  o.missing = missing_rule::impute_mean;
  absl::StatusOr<composite_result> r = composite(c.table(), c.specs, o);
  ASSERT_THAT(r, is_ok());
  EXPECT_NEAR(r->score[1], 0.25 / 3 + 0.5 * 4.0 / 9 + 0.25, kTol);
  EXPECT_NEAR(r->coverage[1], 2.0 / 3, kTol);  // observed values only
  o.min_coverage = 0.9;
  r = composite(c.table(), c.specs, o);
  ASSERT_THAT(r, is_ok());
  EXPECT_TRUE(std::isnan(r->score[1]));
}

TEST(inclusion_composite, UnitWithoutAnyValueIsFlagged) {
  small_case c;
  c.values[0] = c.values[1] = c.values[2] = kNaN;
  composite_options o;
  o.min_coverage = 0;
  absl::StatusOr<composite_result> r = composite(c.table(), c.specs, o);
  ASSERT_THAT(r, is_ok());
  EXPECT_TRUE(std::isnan(r->score[0]));
  EXPECT_THAT(r->flagged, ElementsAre(0u));
}

// -- Non-positive values --------------------------------------------------------------------------

TEST(inclusion_composite, GeometricNeedsPositiveValues) {
  const small_case c;
  EXPECT_THAT(composite(c.table(), c.specs, with(normalisation::minmax, aggregation::geometric)),
              status_is(absl::StatusCode::kInvalidArgument,
                        HasSubstr("unit 'A' (row 0), indicator 'x1': normalised value 0 is not > 0")));
  EXPECT_THAT(composite(c.table(), c.specs, with(normalisation::zscore, aggregation::harmonic)),
              status_is(absl::StatusCode::kInvalidArgument, HasSubstr("harmonic")));
  // shift: c = 1 − 0 = 1, so minmax [0, 1] becomes [1, 2]: A = 1^¼ · 1^½ · 2^¼.
  composite_options o = with(normalisation::minmax, aggregation::geometric);
  o.non_positive = non_positive_rule::shift;
  absl::StatusOr<composite_result> r = composite(c.table(), c.specs, o);
  ASSERT_THAT(r, is_ok());
  EXPECT_EQ(r->shift, 1.0);
  EXPECT_NEAR(r->score[0], std::pow(2.0, 0.25), kTol);
  EXPECT_NEAR(r->score[3], std::pow(2.0, 0.75), kTol);
}

// -- Bad inputs -----------------------------------------------------------------------------------

TEST(inclusion_composite, BadInputs) {
  small_case c;
  {
    small_case bad;
    bad.values[2 * 3 + 1] = kInf;
    EXPECT_THAT(composite(bad.table(), bad.specs), status_is(absl::StatusCode::kInvalidArgument,
                                                             HasSubstr("unit 'C' (row 2), indicator 'x2': value inf")));
  }
  {
    small_case bad;
    bad.specs[0].polarity = 2;
    EXPECT_THAT(composite(bad.table(), bad.specs),
                status_is(absl::StatusCode::kInvalidArgument, HasSubstr("indicator 'x1': polarity = 2")));
  }
  {
    small_case bad;
    bad.specs[1].weight = -1;
    EXPECT_THAT(composite(bad.table(), bad.specs),
                status_is(absl::StatusCode::kInvalidArgument, HasSubstr("indicator 'x2': weight = -1")));
  }
  {
    small_case bad;
    for (indicator_spec& s : bad.specs) s.weight = 0;
    EXPECT_THAT(composite(bad.table(), bad.specs),
                status_is(absl::StatusCode::kInvalidArgument, HasSubstr("every weight is 0")));
  }
  {
    small_case bad;
    bad.specs[2].name = "x1";
    EXPECT_THAT(composite(bad.table(), bad.specs),
                status_is(absl::StatusCode::kInvalidArgument, HasSubstr("'x1' appears twice")));
  }
  {
    small_case bad;
    bad.specs[0].reference = 0.0;
    EXPECT_THAT(composite(bad.table(), bad.specs, with(normalisation::ratio_to_reference, aggregation::arithmetic)),
                status_is(absl::StatusCode::kInvalidArgument, HasSubstr("indicator 'x1': reference = 0")));
  }
  {
    small_case bad;
    bad.specs[0].deciles = {1, 2, 3};
    EXPECT_THAT(composite(bad.table(), bad.specs),
                status_is(absl::StatusCode::kInvalidArgument, HasSubstr("3 deciles given")));
  }
  indicator_table t = c.table();
  t.units = 3;
  EXPECT_THAT(composite(t, c.specs), status_is(absl::StatusCode::kInvalidArgument, HasSubstr("12 values for 3 units")));
  composite_options o;
  o.min_coverage = 1.5;
  EXPECT_THAT(composite(c.table(), c.specs, o),
              status_is(absl::StatusCode::kInvalidArgument, HasSubstr("min_coverage")));
  o = composite_options();
  o.minmax_low = 2;
  o.minmax_high = 1;
  EXPECT_THAT(composite(c.table(), c.specs, o), status_is(absl::StatusCode::kInvalidArgument, HasSubstr("minmax")));
  small_case empty_column;
  for (std::size_t u = 0; u < 4; ++u) empty_column.values[u * 3 + 1] = kNaN;
  EXPECT_THAT(composite(empty_column.table(), empty_column.specs),
              status_is(absl::StatusCode::kInvalidArgument, HasSubstr("indicator 'x2': no unit has a value")));
}

// -- IFN ------------------------------------------------------------------------------------------

/// A table whose columns are `keys`, one row per unit.
struct ifn_case {
  std::vector<std::string> columns;
  std::vector<std::string> units;
  std::vector<double> values;

  [[nodiscard]] indicator_table table() const {
    indicator_table t;
    t.units = units.size();
    t.indicators = columns.size();
    t.values = values;
    t.unit_names = units;
    return t;
  }
};

std::vector<std::string> keys_of(const ifn_profile& p) {
  std::vector<std::string> keys;
  for (const ifn_indicator& i : p.indicators) keys.push_back(i.key);
  return keys;
}

TEST(inclusion_composite_ifn, Profiles) {
  const ifn_profile& p2021 = ifn2021_profile();
  EXPECT_EQ(p2021.indicators.size(), 11u);
  EXPECT_THAT(p2021.blocks, ElementsAre("acces_numerique", "acces_information", "competences_administratives",
                                        "competences_numeriques"));
  EXPECT_THAT(keys_of(p2021),
              ElementsAre("no_thd_coverage_rate", "poverty_rate", "library_distance", "public_service_distance",
                          "menseul_rate", "fammono_rate", "unemployement_rate", "foreigners_rate",
                          "social_assistance_rate", "older_65_rate", "nscol15p_rate"));
  const ifn_profile& p2019 = ifn2019_profile();
  EXPECT_EQ(p2019.indicators.size(), 11u);
  EXPECT_EQ(p2019.scoring, normalisation::ratio_to_reference);
  int favourable = 0;
  for (const ifn_indicator& i : p2019.indicators) favourable += i.polarity < 0 ? 1 : 0;
  EXPECT_EQ(favourable, 4);  // the two coverage rates, the median income, public services
  EXPECT_THAT(find_ifn_profile("ifn2021"), is_ok());
  EXPECT_THAT(find_ifn_profile("ifn2023"), status_is(absl::StatusCode::kNotFound, HasSubstr("ifn2019, ifn2021")));
}

TEST(inclusion_composite_ifn, Ifn2021HandComputed) {
  const ifn_profile& p = ifn2021_profile();
  ifn_case c;
  c.columns = keys_of(p);
  c.units = {"high", "low", "mixed", "plus_one"};
  // National deciles D_k = k + 1 for every indicator: 11 → +3, 10 → +2, 9 → +1, 4..8 → 0, 3 → −1, 2 → −2, 1 → −3.
  const std::vector<double> mixed = {11, 10, 9, 5, 5, 5, 3, 2, 1, 6, 6};
  for (int i = 0; i < 11; ++i) c.values.push_back(11);
  for (int i = 0; i < 11; ++i) c.values.push_back(1);
  c.values.insert(c.values.end(), mixed.begin(), mixed.end());
  for (int i = 0; i < 11; ++i) c.values.push_back(9);
  ifn_options o;
  for (const std::string& k : c.columns) o.deciles[k] = {2, 3, 4, 5, 6, 7, 8, 9, 10};
  absl::StatusOr<ifn_result> r = ifn(c.table(), c.columns, p, o);
  ASSERT_THAT(r, is_ok());
  EXPECT_EQ(r->profile, "ifn2021");
  EXPECT_NEAR(r->total[0], 10, kTol);   // 33 / 3.3
  EXPECT_NEAR(r->total[1], -10, kTol);  // −33 / 3.3
  EXPECT_NEAR(r->total[2], 0, kTol);    // 3 + 2 + 1 − 1 − 2 − 3
  EXPECT_NEAR(r->total[3], 11 / 3.3, kTol);
  ASSERT_EQ(r->blocks.size(), 4u);
  // mixed: accès au numérique 3 + 2 + 1 = 6 over 3 indicators → 6 × 10 / 9; compétences administratives −6.
  EXPECT_NEAR(r->block_scores[2 * 4 + 0], 60.0 / 9, kTol);
  EXPECT_NEAR(r->block_scores[2 * 4 + 1], 0, kTol);
  EXPECT_NEAR(r->block_scores[2 * 4 + 2], -60.0 / 9, kTol);
  EXPECT_EQ(r->indicator_scores[2 * 11 + 6], -1);
  EXPECT_TRUE(r->summaries.empty());
}

TEST(inclusion_composite_ifn, Ifn2021DeselectionRescales) {
  // Three indicators kept (the others need no column): 3 + 2 + 1 = 6 → 6 × 11 / (3.3 × 3) = 6.667.
  const ifn_profile& p = ifn2021_profile();
  ifn_case c;
  c.columns = {"no_thd_coverage_rate", "poverty_rate", "library_distance"};
  c.units = {"u"};
  c.values = {11, 10, 9};
  ifn_options o;
  o.selected = c.columns;
  for (const std::string& k : c.columns) o.deciles[k] = {2, 3, 4, 5, 6, 7, 8, 9, 10};
  absl::StatusOr<ifn_result> r = ifn(c.table(), c.columns, p, o);
  ASSERT_THAT(r, is_ok());
  EXPECT_NEAR(r->total[0], 6 * 11 / (3.3 * 3), kTol);
  EXPECT_THAT(r->blocks, ElementsAre("acces_numerique"));
  // A missing value counts as deselected for that unit.
  c.values = {11, kNaN, 9};
  r = ifn(c.table(), c.columns, p, o);
  ASSERT_THAT(r, is_ok());
  EXPECT_NEAR(r->total[0], 4 * 10 / (3.0 * 2), kTol);
  EXPECT_TRUE(std::isnan(r->indicator_scores[1]));
}

TEST(inclusion_composite_ifn, Ifn2021DecilesOfTheUnits) {
  const ifn_profile& p = ifn2021_profile();
  ifn_case c;
  c.columns = {"older_65_rate"};
  for (int k = 1; k <= 11; ++k) {
    c.units.push_back("u" + std::to_string(k));
    c.values.push_back(k);
  }
  ifn_options o;
  o.selected = c.columns;
  absl::StatusOr<ifn_result> r = ifn(c.table(), c.columns, p, o);
  ASSERT_THAT(r, is_ok());
  EXPECT_THAT(r->indicator_scores, ElementsAre(-3, -2, -1, 0, 0, 0, 0, 0, 1, 2, 3));
  EXPECT_NEAR(r->total[10], 10, kTol);
}

TEST(inclusion_composite_ifn, Ifn2021MissingColumnsAndBadSelection) {
  const ifn_profile& p = ifn2021_profile();
  ifn_case c;
  c.columns = {"no_thd_coverage_rate", "poverty_rate", "extra"};
  c.units = {"u"};
  c.values = {1, 2, 3};
  absl::StatusOr<ifn_result> r = ifn(c.table(), c.columns, p);
  EXPECT_THAT(r, status_is(absl::StatusCode::kNotFound,
                           HasSubstr("missing columns library_distance, public_service_distance")));
  EXPECT_THAT(r, status_is(absl::StatusCode::kNotFound, HasSubstr("nscol15p_rate")));
  ifn_options o;
  o.selected = {"poverty_rate", "internet_rate"};
  EXPECT_THAT(ifn(c.table(), c.columns, p, o),
              status_is(absl::StatusCode::kNotFound, HasSubstr("unknown indicator 'internet_rate'")));
  o.selected = {"poverty_rate"};
  o.deciles["poverty_rate"] = {1, 2, 3, 4, 5, 6, 7, 8, 0};
  EXPECT_THAT(ifn(c.table(), c.columns, p, o), status_is(absl::StatusCode::kInvalidArgument,
                                                         HasSubstr("ifn2021: indicator 'poverty_rate': deciles D9")));
  o.deciles.clear();
  c.values[1] = kInf;
  EXPECT_THAT(ifn(c.table(), c.columns, p, o),
              status_is(absl::StatusCode::kInvalidArgument, HasSubstr("unit 'u' (row 0), column 'poverty_rate'")));
}

// The unit's values and two references: a "département" and an "EPCI" equal to the unit.
struct aslonnes_case {
  ifn_case c;
  std::map<std::string, double> departement;
  std::map<std::string, double> epci;

  aslonnes_case() {
    c.columns = keys_of(ifn2019_profile());
    c.units = {"aslonnes"};
    //            hd   mobile poverty income  services one_p single youth unemp older lowdip
    c.values = {0.9, 1.0, 0.15, 20000, 0.002, 0.4, 0.1, 0.2, 0.12, 0.25, 0.3};
    const std::vector<double> dep = {0.8, 1.0, 0.1, 25000, 0.002, 0.4, 0.1, 0.2, 0.1, 0.2, 0.3};
    for (std::size_t i = 0; i < c.columns.size(); ++i) {
      departement[c.columns[i]] = dep[i];
      epci[c.columns[i]] = c.values[i];
    }
  }
};

TEST(inclusion_composite_ifn, Ifn2019HandComputedAndReferenceDependence) {
  // Against the département: hd 200 − 112.5 = 87.5, mobile 100, poverty 150, income 200 − 80 = 120 → axis
  // 114.375; information 100; administrative (100 + 120)/2 = 110; digital (125 + 100)/2 = 112.5.
  aslonnes_case a;
  const ifn_profile& p = ifn2019_profile();
  ifn_options o;
  o.reference = a.departement;
  absl::StatusOr<ifn_result> dep = ifn(a.c.table(), a.c.columns, p, o);
  ASSERT_THAT(dep, is_ok());
  EXPECT_NEAR(dep->indicator_scores[0], 87.5, 1e-9);
  EXPECT_NEAR(dep->indicator_scores[3], 120, 1e-9);
  EXPECT_THAT(dep->blocks, ElementsAre("acces_interfaces_numeriques", "acces_information",
                                       "competences_administratives", "competences_numeriques"));
  EXPECT_NEAR(dep->block_scores[0], 114.375, 1e-9);
  EXPECT_NEAR(dep->block_scores[1], 100, 1e-9);
  EXPECT_NEAR(dep->block_scores[2], 110, 1e-9);
  EXPECT_NEAR(dep->block_scores[3], 112.5, 1e-9);
  EXPECT_NEAR(dep->total[0], (114.375 + 100 + 110 + 112.5) / 4, 1e-9);
  EXPECT_THAT(dep->summaries, ElementsAre("global_acces", "global_competences"));
  EXPECT_NEAR(dep->summary_scores[0], (114.375 + 100) / 2, 1e-9);
  EXPECT_NEAR(dep->summary_scores[1], (110 + 112.5) / 2, 1e-9);
  // The same unit against an EPCI equal to it scores 100 everywhere: the reference matters.
  o.reference = a.epci;
  absl::StatusOr<ifn_result> epci = ifn(a.c.table(), a.c.columns, p, o);
  ASSERT_THAT(epci, is_ok());
  EXPECT_NEAR(epci->total[0], 100, 1e-9);
  EXPECT_GT(std::fabs(dep->total[0] - epci->total[0]), 9);
  // Data for Good's plain ratios: hd 112.5, income 80 → axis (112.5 + 100 + 150 + 80)/4.
  o.reference = a.departement;
  o.invert_favourable = false;
  absl::StatusOr<ifn_result> plain = ifn(a.c.table(), a.c.columns, p, o);
  ASSERT_THAT(plain, is_ok());
  EXPECT_NEAR(plain->block_scores[0], 110.625, 1e-9);
}

TEST(inclusion_composite_ifn, Ifn2019ReferenceStatisticOfTheUnits) {
  // Poverty 0.1, 0.2, 0.6: mean 0.3 → 33.3, 66.7, 200; median 0.2 → 50, 100, 300. Older 0.2 everywhere → 100.
  const ifn_profile& p = ifn2019_profile();
  ifn_case c;
  c.columns = {"poverty_rate", "older_65_rate"};
  c.units = {"a", "b", "c"};
  c.values = {0.1, 0.2, 0.2, 0.2, 0.6, 0.2};
  ifn_options o;
  o.selected = c.columns;
  absl::StatusOr<ifn_result> r = ifn(c.table(), c.columns, p, o);
  ASSERT_THAT(r, is_ok());
  EXPECT_NEAR(r->indicator_scores[0], 100.0 / 3, 1e-9);
  EXPECT_NEAR(r->indicator_scores[4], 200, 1e-9);
  EXPECT_THAT(r->blocks, ElementsAre("acces_interfaces_numeriques", "competences_numeriques"));
  EXPECT_NEAR(r->total[2], (200 + 100) / 2.0, 1e-9);
  EXPECT_NEAR(r->summary_scores[2 * 2 + 0], 200, 1e-9);  // global_acces = the one access axis
  o.statistic = reference_statistic::median;
  r = ifn(c.table(), c.columns, p, o);
  ASSERT_THAT(r, is_ok());
  EXPECT_NEAR(r->indicator_scores[4], 300, 1e-9);
  o.reference["poverty_rate"] = -1;
  EXPECT_THAT(ifn(c.table(), c.columns, p, o),
              status_is(absl::StatusCode::kInvalidArgument, HasSubstr("'poverty_rate': reference = -1")));
}

// -- Uncertainty ----------------------------------------------------------------------------------

TEST(inclusion_composite_uncertainty, SameSeedSameResult) {
  const small_case c;
  uncertainty_options u;
  u.normalisations = {normalisation::minmax, normalisation::zscore, normalisation::rank};
  u.aggregations = {aggregation::arithmetic, aggregation::geometric, aggregation::harmonic};
  u.exclusion_probability = 0.2;
  u.draws = 500;
  u.seed = 42;
  absl::StatusOr<uncertainty_result> a = composite_uncertainty(c.table(), c.specs, composite_options(), u);
  absl::StatusOr<uncertainty_result> b = composite_uncertainty(c.table(), c.specs, composite_options(), u);
  ASSERT_THAT(a, is_ok());
  ASSERT_THAT(b, is_ok());
  EXPECT_EQ(a->median_rank, b->median_rank);
  EXPECT_EQ(a->rank_p5, b->rank_p5);
  EXPECT_EQ(a->rank_p95, b->rank_p95);
  EXPECT_EQ(a->p_top_decile, b->p_top_decile);
  EXPECT_EQ(a->mean_score, b->mean_score);
  ASSERT_EQ(a->sensitivity.size(), b->sensitivity.size());
  for (std::size_t f = 0; f < a->sensitivity.size(); ++f) {
    EXPECT_EQ(a->sensitivity[f].mean_abs_rank_shift, b->sensitivity[f].mean_abs_rank_shift);
  }
  std::vector<std::string> factors;
  for (const rank_shift& s : a->sensitivity) factors.push_back(s.factor);
  EXPECT_THAT(factors, ElementsAre("all", "normalisation", "aggregation", "weights", "exclusion"));
  u.seed = 43;
  absl::StatusOr<uncertainty_result> other = composite_uncertainty(c.table(), c.specs, composite_options(), u);
  ASSERT_THAT(other, is_ok());
  EXPECT_NE(other->mean_score, a->mean_score);
  // Dirichlet weights are seeded too.
  u.weight_distribution = weight_perturbation::dirichlet;
  u.dirichlet_concentration = 20;
  absl::StatusOr<uncertainty_result> d1 = composite_uncertainty(c.table(), c.specs, composite_options(), u);
  absl::StatusOr<uncertainty_result> d2 = composite_uncertainty(c.table(), c.specs, composite_options(), u);
  ASSERT_THAT(d1, is_ok());
  ASSERT_THAT(d2, is_ok());
  EXPECT_EQ(d1->mean_score, d2->mean_score);
}

TEST(inclusion_composite_uncertainty, ReferenceRanksAndScores) {
  const small_case c;
  absl::StatusOr<uncertainty_result> r = composite_uncertainty(c.table(), c.specs, composite_options());
  ASSERT_THAT(r, is_ok());
  // minmax + arithmetic: 0.25, 0.667, 0.458, 0.75 → ranks 4, 2, 3, 1.
  EXPECT_THAT(r->rank, ElementsAre(4.0, 2.0, 3.0, 1.0));
  EXPECT_NEAR(r->score[1], 2.0 / 3, kTol);
  EXPECT_EQ(r->draws, 1000u);
}

TEST(inclusion_composite_uncertainty, OneFactorShiftHandComputed) {
  // Reference minmax (ranks A4 B2 C3 D1); ratio_to_reference gives 70, 120, 90, 120 → A4 B1.5 C3 D1.5:
  // shift (0 + 0.5 + 0 + 0.5)/4 = 0.25. Over {minmax, ratio}: R̄_S = (0 + 0.25)/2 = 0.125.
  const small_case c;
  uncertainty_options u;
  u.normalisations = {normalisation::minmax, normalisation::ratio_to_reference};
  u.weight_spread = 0;
  u.draws = 4000;
  absl::StatusOr<uncertainty_result> r = composite_uncertainty(c.table(), c.specs, composite_options(), u);
  ASSERT_THAT(r, is_ok());
  ASSERT_EQ(r->sensitivity.size(), 2u);
  EXPECT_EQ(r->sensitivity[1].factor, "normalisation");
  EXPECT_EQ(r->sensitivity[1].configurations, 2u);
  EXPECT_NEAR(r->sensitivity[1].mean_abs_rank_shift, 0.125, kTol);
  // The draws pick each normalisation half the time: "all" ≈ 0.125, D is alone at rank 1 (top decile of
  // 4 units = 1 unit) only under minmax.
  EXPECT_NEAR(r->sensitivity[0].mean_abs_rank_shift, 0.125, 0.01);
  EXPECT_NEAR(r->p_top_decile[3], 0.5, 0.03);
  EXPECT_EQ(r->p_top_decile[1], 0.0);
  EXPECT_EQ(r->rank_p5[3], 1.0);
  EXPECT_EQ(r->rank_p95[3], 1.5);
  EXPECT_EQ(r->rank_p5[0], 4.0);
  EXPECT_EQ(r->rank_p95[0], 4.0);
}

TEST(inclusion_composite_uncertainty, SeparatedUnitsKeepTheirRanks) {
  // Every indicator increases with k: every normalisation and aggregation keeps the order.
  std::vector<double> values;
  std::vector<std::string> names;
  for (int k = 1; k <= 10; ++k) {
    values.insert(values.end(), {static_cast<double>(k), 10.0 * k, static_cast<double>(k * k)});
    names.push_back("u" + std::to_string(k));
  }
  std::vector<indicator_spec> specs(3);
  specs[0].name = "a";
  specs[1].name = "b";
  specs[2].name = "c";
  indicator_table t;
  t.units = 10;
  t.indicators = 3;
  t.values = values;
  t.unit_names = names;
  uncertainty_options u;
  u.normalisations = {normalisation::minmax, normalisation::zscore, normalisation::rank};
  u.aggregations = {aggregation::arithmetic, aggregation::geometric, aggregation::harmonic};
  u.exclusion_probability = 0.3;
  u.draws = 300;
  absl::StatusOr<uncertainty_result> r = composite_uncertainty(t, specs, composite_options(), u);
  ASSERT_THAT(r, is_ok());
  for (std::size_t i = 0; i < 10; ++i) {
    EXPECT_EQ(r->rank[i], static_cast<double>(10 - i));
    EXPECT_EQ(r->rank_p5[i], r->rank[i]);
    EXPECT_EQ(r->rank_p95[i], r->rank[i]);
    EXPECT_EQ(r->median_rank[i], r->rank[i]);
    EXPECT_EQ(r->p_top_decile[i], i == 9 ? 1.0 : 0.0);
  }
  for (const rank_shift& s : r->sensitivity) EXPECT_EQ(s.mean_abs_rank_shift, 0.0) << s.factor;
}

TEST(inclusion_composite_uncertainty, IntervalsContainTheReferenceRank) {
  // Well separated on two indicators, neighbours swapped on the third.
  std::vector<double> values;
  for (int k = 1; k <= 20; ++k) {
    values.insert(values.end(), {static_cast<double>(k), 5.0 * k, k + ((k % 2) ? 1.5 : -1.5)});
  }
  std::vector<indicator_spec> specs(3);
  specs[0].name = "a";
  specs[1].name = "b";
  specs[2].name = "c";
  indicator_table t;
  t.units = 20;
  t.indicators = 3;
  t.values = values;
  uncertainty_options u;
  u.normalisations = {normalisation::minmax, normalisation::zscore, normalisation::rank};
  u.aggregations = {aggregation::arithmetic, aggregation::geometric};
  u.weight_distribution = weight_perturbation::dirichlet;
  u.dirichlet_concentration = 5;
  u.draws = 500;
  u.seed = 7;
  absl::StatusOr<uncertainty_result> r = composite_uncertainty(t, specs, composite_options(), u);
  ASSERT_THAT(r, is_ok());
  double width = 0;
  for (std::size_t i = 0; i < 20; ++i) {
    EXPECT_LE(r->rank_p5[i], r->rank[i]) << i;
    EXPECT_GE(r->rank_p95[i], r->rank[i]) << i;
    EXPECT_LE(r->rank_p95[i] - r->rank_p5[i], 3.0) << i;
    width += r->rank_p95[i] - r->rank_p5[i];
  }
  EXPECT_GT(width, 0);  // the swaps do move ranks
  // The top two (the most fragile 10 % of 20 units) swap places but never leave the top decile.
  EXPECT_EQ(r->p_top_decile[19], 1.0);
  EXPECT_EQ(r->p_top_decile[18], 1.0);
  EXPECT_EQ(r->p_top_decile[17], 0.0);
  ASSERT_EQ(r->sensitivity[0].factor, "all");
  EXPECT_GT(r->sensitivity[0].mean_abs_rank_shift, 0);
  EXPECT_LT(r->sensitivity[0].mean_abs_rank_shift, 1);
}

TEST(inclusion_composite_uncertainty, BadOptions) {
  const small_case c;
  uncertainty_options u;
  u.draws = 0;
  EXPECT_THAT(composite_uncertainty(c.table(), c.specs, composite_options(), u),
              status_is(absl::StatusCode::kInvalidArgument, HasSubstr("draws = 0")));
  u = uncertainty_options();
  u.weight_spread = 1;
  EXPECT_THAT(composite_uncertainty(c.table(), c.specs, composite_options(), u),
              status_is(absl::StatusCode::kInvalidArgument, HasSubstr("weight_spread")));
  u = uncertainty_options();
  u.exclusion_probability = 1;
  EXPECT_THAT(composite_uncertainty(c.table(), c.specs, composite_options(), u),
              status_is(absl::StatusCode::kInvalidArgument, HasSubstr("exclusion_probability")));
  u = uncertainty_options();
  u.dirichlet_concentration = 0;
  EXPECT_THAT(composite_uncertainty(c.table(), c.specs, composite_options(), u),
              status_is(absl::StatusCode::kInvalidArgument, HasSubstr("dirichlet_concentration")));
  // The reference configuration's own errors.
  u = uncertainty_options();
  EXPECT_THAT(composite_uncertainty(c.table(), c.specs, with(normalisation::minmax, aggregation::geometric), u),
              status_is(absl::StatusCode::kInvalidArgument, HasSubstr("unit 'A' (row 0)")));
}

}  // namespace
}  // namespace numresp::inclusion
