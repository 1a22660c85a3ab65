// Tests of numresp/sensors/quantile_sketch.hpp: exact answers while n <= k, the rank error bound
// over many seeds (against exact ranks of the same data), merges in any order, determinism,
// exact serialization round trips, golden files, and corrupt, truncated and foreign bytes.
#include "numresp/sensors/quantile_sketch.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <limits>
#include <numeric>
#include <random>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "numresp/sensors/serialization.hpp"
#include "numresp/testing/status_matchers.hpp"

namespace numresp::sensors {
namespace {

using ::numresp::testing::is_ok;
using ::numresp::testing::is_ok_and_holds;
using ::numresp::testing::status_is;
using ::testing::DoubleEq;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

// -- Helpers --------------------------------------------------------------------------------------

/// A permutation of 0, 1, ..., n − 1 (as doubles) in a seeded random order: the exact inclusive
/// rank of v is (v + 1) / n.
std::vector<double> shuffled_integers(std::size_t n, std::uint64_t seed) {
  std::vector<double> v(n);
  std::iota(v.begin(), v.end(), 0.0);
  std::mt19937_64 g(seed);
  std::shuffle(v.begin(), v.end(), g);
  return v;
}

/// Signed rank errors of a sketch of a permutation of 0..n−1, over every x: the largest error
/// above (max) and below (min) the true CDF. The sketch's CDF is a step function on its retained
/// items, so the supremum is reached just before or at one of them.
struct rank_errors {
  double max = 0;
  double min = 0;
  [[nodiscard]] double single_sided() const { return std::max(max, -min); }
  [[nodiscard]] double double_sided() const { return max - min; }
};

rank_errors errors_on_integers(const quantile_sketch& s) {
  std::vector<quantile_sketch::weighted_item> items = s.get_items();
  std::sort(items.begin(), items.end(), [](const auto& a, const auto& b) { return a.item < b.item; });
  const auto n = static_cast<double>(s.get_n());
  rank_errors e;
  double cumulative = 0;
  for (const auto& w : items) {
    const double before = cumulative / n - w.item / n;  // just below the item
    cumulative += static_cast<double>(w.weight);
    const double at = cumulative / n - (w.item + 1) / n;
    e.max = std::max({e.max, before, at});
    e.min = std::min({e.min, before, at});
  }
  return e;
}

/// numpy.quantile(sorted, rank, method="inverted_cdf"): the smallest x with ECDF(x) >= rank.
double inverted_cdf(const std::vector<double>& sorted, double rank) {
  const auto n = static_cast<double>(sorted.size());
  const double position = std::ceil(rank * n);
  const std::size_t i = position <= 1 ? 0 : static_cast<std::size_t>(position) - 1;
  return sorted[std::min(i, sorted.size() - 1)];
}

/// Exact inclusive and exclusive normalized ranks of x in sorted data.
double exact_rank(const std::vector<double>& sorted, double x, bool inclusive) {
  const auto it =
      inclusive ? std::upper_bound(sorted.begin(), sorted.end(), x) : std::lower_bound(sorted.begin(), sorted.end(), x);
  return static_cast<double>(it - sorted.begin()) / static_cast<double>(sorted.size());
}

quantile_sketch sketch_of(absl::Span<const double> xs, std::uint16_t k = quantile_sketch::kDefaultK,
                          std::uint64_t seed = quantile_sketch::kDefaultSeed) {
  quantile_sketch s(k, seed);
  for (double x : xs) s.update(x);
  return s;
}

/// The invariants of any sketch: weights sum to n, levels above 0 sorted, items in [min, max],
/// retained within the capacity of its levels, and the bytes round-trip.
void expect_consistent(const quantile_sketch& s) {
  const std::vector<quantile_sketch::weighted_item> items = s.get_items();
  std::uint64_t total = 0;
  for (std::size_t i = 0; i < items.size(); ++i) {
    total += items[i].weight;
    if (i > 0 && items[i].weight == items[i - 1].weight && items[i].weight > 1) {
      EXPECT_LE(items[i - 1].item, items[i].item) << "level of weight " << items[i].weight << " unsorted at " << i;
    }
    EXPECT_FALSE(std::isnan(items[i].item));
    EXPECT_GE(items[i].item, *s.get_min_item());
    EXPECT_LE(items[i].item, *s.get_max_item());
  }
  EXPECT_EQ(total, s.get_n());
  EXPECT_EQ(items.size(), s.get_num_retained());
  absl::StatusOr<quantile_sketch> back = quantile_sketch::deserialize(s.serialize());
  ASSERT_THAT(back, is_ok());
  EXPECT_EQ(back->serialize(), s.serialize());
}

std::string read_binary(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::string golden_path(const std::string& name) { return std::string(NUMRESP_TEST_DATA_DIR) + "/sensors/" + name; }

// -- Construction and trivial sketches --------------------------------------------------------------

TEST(quantile_sketch, DefaultsAndCreate) {
  const quantile_sketch s;
  EXPECT_EQ(s.get_k(), 200);
  EXPECT_EQ(s.get_min_k(), 200);
  EXPECT_EQ(s.get_seed(), quantile_sketch::kDefaultSeed);
  EXPECT_TRUE(s.is_empty());
  EXPECT_EQ(s.get_n(), 0u);
  EXPECT_EQ(s.get_num_retained(), 0u);
  EXPECT_EQ(s.get_num_levels(), 1u);
  EXPECT_FALSE(s.is_estimation_mode());

  EXPECT_THAT(quantile_sketch::create(8), is_ok());
  EXPECT_THAT(quantile_sketch::create(65535), is_ok());
  EXPECT_THAT(quantile_sketch::create(7), status_is(absl::StatusCode::kInvalidArgument, HasSubstr("k = 7")));
  EXPECT_THAT(quantile_sketch::create(65536),
              status_is(absl::StatusCode::kInvalidArgument, HasSubstr("k = 65536: must be in [8, 65535]")));
  EXPECT_THAT(quantile_sketch::create(-1), status_is(absl::StatusCode::kInvalidArgument, HasSubstr("k = -1")));
  absl::StatusOr<quantile_sketch> c = quantile_sketch::create(64, 9);
  ASSERT_THAT(c, is_ok());
  EXPECT_EQ(c->get_k(), 64);
  EXPECT_EQ(c->get_seed(), 9u);
  EXPECT_EQ(quantile_sketch(3).get_k(), 8) << "the constructor raises k to the minimum";
}

TEST(quantile_sketch, EmptyQueriesFail) {
  const quantile_sketch s;
  EXPECT_THAT(s.get_min_item(), status_is(absl::StatusCode::kFailedPrecondition, HasSubstr("empty")));
  EXPECT_THAT(s.get_max_item(), status_is(absl::StatusCode::kFailedPrecondition));
  EXPECT_THAT(s.get_quantile(0.5), status_is(absl::StatusCode::kFailedPrecondition));
  EXPECT_THAT(s.get_rank(1.0), status_is(absl::StatusCode::kFailedPrecondition));
  const std::vector<double> ranks = {0.5};
  EXPECT_THAT(s.get_quantiles(ranks), status_is(absl::StatusCode::kFailedPrecondition));
  EXPECT_THAT(s.get_ranks(ranks), status_is(absl::StatusCode::kFailedPrecondition));
  // Bad arguments are reported first.
  EXPECT_THAT(s.get_quantile(1.5), status_is(absl::StatusCode::kInvalidArgument, HasSubstr("rank = 1.5")));
  EXPECT_TRUE(s.get_items().empty());
}

TEST(quantile_sketch, BadArguments) {
  const quantile_sketch s = sketch_of(std::vector<double>{1, 2, 3});
  EXPECT_THAT(s.get_quantile(-0.01), status_is(absl::StatusCode::kInvalidArgument, HasSubstr("rank = -0.01")));
  EXPECT_THAT(s.get_quantile(kNaN), status_is(absl::StatusCode::kInvalidArgument, HasSubstr("rank = nan")));
  EXPECT_THAT(s.get_rank(kNaN), status_is(absl::StatusCode::kInvalidArgument, HasSubstr("x = nan")));
  const std::vector<double> ranks = {0.1, 2.0};
  EXPECT_THAT(s.get_quantiles(ranks), status_is(absl::StatusCode::kInvalidArgument, HasSubstr("ranks[1] = 2")));
  const std::vector<double> xs = {0.1, kNaN};
  EXPECT_THAT(s.get_ranks(xs), status_is(absl::StatusCode::kInvalidArgument, HasSubstr("xs[1] = nan")));
}

TEST(quantile_sketch, SingleItem) {
  quantile_sketch s;
  s.update(4.5);
  EXPECT_FALSE(s.is_empty());
  EXPECT_EQ(s.get_n(), 1u);
  EXPECT_THAT(s.get_min_item(), is_ok_and_holds(4.5));
  EXPECT_THAT(s.get_max_item(), is_ok_and_holds(4.5));
  for (double r : {0.0, 0.3, 1.0}) {
    EXPECT_THAT(s.get_quantile(r), is_ok_and_holds(4.5));
    EXPECT_THAT(s.get_quantile(r, false), is_ok_and_holds(4.5));
  }
  EXPECT_THAT(s.get_rank(4.4), is_ok_and_holds(0.0));
  EXPECT_THAT(s.get_rank(4.5), is_ok_and_holds(1.0));
  EXPECT_THAT(s.get_rank(4.5, false), is_ok_and_holds(0.0));
  EXPECT_THAT(s.get_rank(4.6, false), is_ok_and_holds(1.0));
}

TEST(quantile_sketch, NaNIsIgnoredInfinityIsAReading) {
  quantile_sketch s;
  s.update(kNaN);
  EXPECT_TRUE(s.is_empty());
  const std::vector<double> xs = {kNaN, 1.0, -kInf, kNaN, kInf, 2.0, kNaN};
  s.update(xs);
  EXPECT_EQ(s.get_n(), 4u);
  EXPECT_THAT(s.get_min_item(), is_ok_and_holds(-kInf));
  EXPECT_THAT(s.get_max_item(), is_ok_and_holds(kInf));
  EXPECT_THAT(s.get_quantile(0.5), is_ok_and_holds(1.0));
  EXPECT_THAT(s.get_rank(kInf), is_ok_and_holds(1.0));
  EXPECT_THAT(s.get_rank(-kInf, false), is_ok_and_holds(0.0));
  EXPECT_THAT(s.get_rank(-kInf), is_ok_and_holds(0.25));
}

TEST(quantile_sketch, InclusiveAndExclusiveConventions) {
  const quantile_sketch s = sketch_of(std::vector<double>{3, 2, 1, 2});  // sorted: 1 2 2 3
  EXPECT_THAT(s.get_rank(2), is_ok_and_holds(0.75));
  EXPECT_THAT(s.get_rank(2, false), is_ok_and_holds(0.25));
  EXPECT_THAT(s.get_rank(0.5), is_ok_and_holds(0.0));
  EXPECT_THAT(s.get_rank(2.5, false), is_ok_and_holds(0.75));
  EXPECT_THAT(s.get_quantile(0.25), is_ok_and_holds(1.0));
  EXPECT_THAT(s.get_quantile(0.26), is_ok_and_holds(2.0));
  EXPECT_THAT(s.get_quantile(0.5), is_ok_and_holds(2.0));
  EXPECT_THAT(s.get_quantile(0.75), is_ok_and_holds(2.0));
  EXPECT_THAT(s.get_quantile(0.76), is_ok_and_holds(3.0));
  EXPECT_THAT(s.get_quantile(0.25, false), is_ok_and_holds(2.0));
  EXPECT_THAT(s.get_quantile(0.5, false), is_ok_and_holds(2.0));
  EXPECT_THAT(s.get_quantile(0.75, false), is_ok_and_holds(3.0));
  EXPECT_THAT(s.get_quantile(0.0, false), is_ok_and_holds(1.0));
  EXPECT_THAT(s.get_quantile(1.0, false), is_ok_and_holds(3.0));
  EXPECT_THAT(s.get_quantile(0.0), is_ok_and_holds(1.0));
  EXPECT_THAT(s.get_quantile(1.0), is_ok_and_holds(3.0));
}

// -- Exactness -------------------------------------------------------------------------------------

TEST(quantile_sketch, ExactWhileNAtMostK) {
  for (std::uint16_t k : std::vector<std::uint16_t>{8, 50, 200}) {
    std::mt19937_64 g(k);
    std::lognormal_distribution<double> d(0, 2);
    std::vector<double> data(k);
    for (double& v : data) v = std::round(d(g) * 4) / 4;  // duplicates too
    const quantile_sketch s = sketch_of(data, k);
    EXPECT_FALSE(s.is_estimation_mode()) << "k = " << k;
    EXPECT_EQ(s.get_num_retained(), k);
    std::vector<double> sorted = data;
    std::sort(sorted.begin(), sorted.end());
    for (int i = 0; i <= 1000; ++i) {
      const double r = i / 1000.0;
      ASSERT_THAT(s.get_quantile(r), is_ok_and_holds(inverted_cdf(sorted, r))) << "k = " << k << ", rank " << r;
    }
    for (double x : data) {
      EXPECT_THAT(s.get_rank(x), is_ok_and_holds(DoubleEq(exact_rank(sorted, x, true))));
      EXPECT_THAT(s.get_rank(x, false), is_ok_and_holds(DoubleEq(exact_rank(sorted, x, false))));
    }
    EXPECT_THAT(s.get_min_item(), is_ok_and_holds(sorted.front()));
    EXPECT_THAT(s.get_max_item(), is_ok_and_holds(sorted.back()));
  }
  quantile_sketch s(8);
  for (int i = 0; i < 9; ++i) s.update(i);
  EXPECT_TRUE(s.is_estimation_mode()) << "the 9th reading into k = 8 compacts";
}

TEST(quantile_sketch, SpanUpdateEqualsScalarUpdates) {
  std::vector<double> data = shuffled_integers(100000, 3);
  for (std::size_t i = 0; i < data.size(); i += 37) data[i] = kNaN;
  quantile_sketch one;
  for (double v : data) one.update(v);
  quantile_sketch bulk;
  bulk.update(absl::MakeConstSpan(data).subspan(0, 12345));
  bulk.update(absl::MakeConstSpan(data).subspan(12345));
  EXPECT_EQ(one.serialize(), bulk.serialize());
  expect_consistent(one);
}

// -- Determinism -----------------------------------------------------------------------------------

TEST(quantile_sketch, SameSeedSameSketch) {
  const std::vector<double> data = shuffled_integers(50000, 11);
  EXPECT_EQ(sketch_of(data, 200, 5).serialize(), sketch_of(data, 200, 5).serialize());
  EXPECT_NE(sketch_of(data, 200, 5).serialize(), sketch_of(data, 200, 6).serialize())
      << "another seed flips other coins";
}

// -- The error bound ------------------------------------------------------------------------------

TEST(quantile_sketch, NormalizedRankErrorConstants) {
  EXPECT_NEAR(quantile_sketch::normalized_rank_error(200, false), 0.01329, 5e-5);
  EXPECT_NEAR(quantile_sketch::normalized_rank_error(200, true), 0.01652, 5e-5);
  EXPECT_NEAR(quantile_sketch::normalized_rank_error(100, false), 0.0261, 1e-4);
  EXPECT_NEAR(quantile_sketch::normalized_rank_error(400, false), 0.0068, 1e-4);
  EXPECT_DOUBLE_EQ(quantile_sketch().get_normalized_rank_error(false), 2.296 / std::pow(200.0, 0.9723));
  EXPECT_DOUBLE_EQ(quantile_sketch().get_normalized_rank_error(true), 2.446 / std::pow(200.0, 0.9433));
}

// Over 200 seeds of 100,000 readings, the largest rank error over every x (the Kolmogorov–Smirnov
// distance to the true CDF) is within the stated bound for at least 99 % of the seeds, single-
// and double-sided.
class quantile_sketch_bound : public ::testing::TestWithParam<std::uint16_t> {};

TEST_P(quantile_sketch_bound, WithinTheBoundForAtLeast99PercentOfSeeds) {
  const std::uint16_t k = GetParam();
  constexpr std::size_t kN = 100000;
  constexpr int kSeeds = 200;
  const double single = quantile_sketch::normalized_rank_error(k, false);
  const double dbl = quantile_sketch::normalized_rank_error(k, true);
  int single_within = 0;
  int double_within = 0;
  std::vector<double> worst;
  for (int seed = 0; seed < kSeeds; ++seed) {
    const std::vector<double> data = shuffled_integers(kN, 1000 + static_cast<std::uint64_t>(seed));
    quantile_sketch s(k, static_cast<std::uint64_t>(seed));
    s.update(data);
    const rank_errors e = errors_on_integers(s);
    single_within += e.single_sided() <= single ? 1 : 0;
    double_within += e.double_sided() <= dbl ? 1 : 0;
    worst.push_back(e.single_sided());
  }
  std::sort(worst.begin(), worst.end());
  RecordProperty("p99_single_sided_error", absl::StrCat(worst[static_cast<std::size_t>(0.99 * kSeeds) - 1]));
  RecordProperty("seeds_within_single_sided", single_within);
  RecordProperty("seeds_within_double_sided", double_within);
  EXPECT_GE(single_within, kSeeds * 99 / 100) << "bound " << single << ", worst " << worst.back();
  EXPECT_GE(double_within, kSeeds * 99 / 100) << "bound " << dbl;
}

INSTANTIATE_TEST_SUITE_P(ks, quantile_sketch_bound, ::testing::Values(50, 200));

// The same against an exact computation on skewed data with ties (numpy's inverted_cdf on a
// sorted copy): every quantile's true rank interval is within the bound of the asked rank, and
// every estimated rank within the bound of the true rank.
TEST(quantile_sketch, QuantilesAndRanksAgainstSortedCopy) {
  constexpr std::size_t kN = 100000;
  constexpr int kSeeds = 20;
  const double eps = quantile_sketch::normalized_rank_error(200, false);
  std::vector<double> ranks;
  for (int i = 0; i <= 100; ++i) ranks.push_back(i / 100.0);
  ranks.insert(ranks.end(), {0.001, 0.005, 0.995, 0.999});
  int seeds_within = 0;
  for (int seed = 0; seed < kSeeds; ++seed) {
    std::mt19937_64 g(static_cast<std::uint64_t>(seed));
    std::lognormal_distribution<double> d(3, 1);
    std::vector<double> data(kN);
    for (double& v : data) v = std::round(d(g) * 10) / 10;  // ties
    quantile_sketch s(200, static_cast<std::uint64_t>(seed));
    s.update(data);
    std::sort(data.begin(), data.end());
    bool within = true;
    absl::StatusOr<std::vector<double>> qs = s.get_quantiles(ranks);
    ASSERT_THAT(qs, is_ok());
    for (std::size_t i = 0; i < ranks.size(); ++i) {
      const double q = (*qs)[i];
      ASSERT_THAT(s.get_quantile(ranks[i]), is_ok_and_holds(q));
      const double lo = exact_rank(data, q, false);
      const double hi = exact_rank(data, q, true);
      within = within && ranks[i] - eps <= hi && lo <= ranks[i] + eps;
      const double x = inverted_cdf(data, ranks[i]);
      absl::StatusOr<double> r = s.get_rank(x);
      ASSERT_THAT(r, is_ok());
      within = within && std::abs(*r - exact_rank(data, x, true)) <= eps;
    }
    EXPECT_THAT(s.get_quantile(0), is_ok_and_holds(data.front()));
    EXPECT_THAT(s.get_quantile(1), is_ok_and_holds(data.back()));
    seeds_within += within ? 1 : 0;
  }
  EXPECT_GE(seeds_within, kSeeds - 1);
}

TEST(quantile_sketch, BatchQueriesEqualSingleOnes) {
  const quantile_sketch s = sketch_of(shuffled_integers(30000, 2));
  std::vector<double> xs;
  for (int i = -5; i < 30005; i += 97) xs.push_back(i + 0.5);
  xs.push_back(100);
  for (bool inclusive : {true, false}) {
    absl::StatusOr<std::vector<double>> ranks = s.get_ranks(xs, inclusive);
    ASSERT_THAT(ranks, is_ok());
    for (std::size_t i = 0; i < xs.size(); ++i) EXPECT_THAT(s.get_rank(xs[i], inclusive), is_ok_and_holds((*ranks)[i]));
    std::vector<double> rs;
    for (int i = 0; i <= 200; ++i) rs.push_back(i / 200.0);
    absl::StatusOr<std::vector<double>> qs = s.get_quantiles(rs, inclusive);
    ASSERT_THAT(qs, is_ok());
    for (std::size_t i = 0; i < rs.size(); ++i)
      EXPECT_THAT(s.get_quantile(rs[i], inclusive), is_ok_and_holds((*qs)[i]));
  }
}

TEST(quantile_sketch, RetainedStaysSmall) {
  quantile_sketch s;
  const std::vector<double> data = shuffled_integers(1 << 20, 4);
  s.update(data);
  EXPECT_LT(s.get_num_retained(), 800u);
  EXPECT_TRUE(s.is_estimation_mode());
  expect_consistent(s);
}

// Readings that stress the sort of level 0: close values (timestamps), ties, signed zeros,
// infinities, subnormals, a huge span and sorted input. Every level stays sorted and the ranks
// stay within the bound of a sorted copy.
TEST(quantile_sketch, AwkwardDistributions) {
  std::mt19937_64 g(17);
  std::uniform_real_distribution<double> u(0, 1);
  const std::size_t n = 50000;
  for (int kind = 0; kind < 7; ++kind) {
    std::vector<double> data(n);
    for (std::size_t i = 0; i < n; ++i) {
      const double x = u(g);
      switch (kind) {
        case 0:
          data[i] = 1.7e9 + x;  // differ only in low mantissa bits
          break;
        case 1:
          data[i] = std::floor(x * 5);  // five values
          break;
        case 2:
          data[i] = x < 0.3 ? -0.0 : (x < 0.6 ? 0.0 : x - 0.5);  // signed zeros
          break;
        case 3:
          data[i] = x < 0.01 ? -kInf : (x > 0.99 ? kInf : x);
          break;
        case 4:
          data[i] = x * std::numeric_limits<double>::denorm_min() * 1e6;  // subnormals
          break;
        case 5:
          data[i] = (x - 0.5) * std::pow(10.0, std::floor(u(g) * 600 - 300));  // 1e-300 .. 1e300
          break;
        default:
          data[i] = static_cast<double>(i);  // sorted
          break;
      }
    }
    quantile_sketch s(200, static_cast<std::uint64_t>(kind));
    s.update(data);
    expect_consistent(s);
    std::sort(data.begin(), data.end());
    const double eps = quantile_sketch::normalized_rank_error(200, false);
    for (int i = 0; i <= 100; ++i) {
      const double x = data[std::min(n - 1, static_cast<std::size_t>(i) * n / 100)];
      absl::StatusOr<double> r = s.get_rank(x);
      ASSERT_THAT(r, is_ok());
      EXPECT_LE(std::abs(*r - exact_rank(data, x, true)), eps) << "kind " << kind << ", x = " << x;
    }
  }
}

// -- Merge -----------------------------------------------------------------------------------------

TEST(quantile_sketch, MergeOfPartsIsWithinTheBound) {
  constexpr std::size_t kN = 100000;
  constexpr int kTrials = 100;
  const double eps = quantile_sketch::normalized_rank_error(200, false);
  int within = 0;
  for (int t = 0; t < kTrials; ++t) {
    const std::vector<double> data = shuffled_integers(kN, 500 + static_cast<std::uint64_t>(t));
    // 10 partitions of unequal sizes; half the trials with one seed for all (the default).
    quantile_sketch merged(200, static_cast<std::uint64_t>(t));
    std::size_t begin = 0;
    for (int p = 0; p < 10; ++p) {
      const std::size_t end = p == 9 ? kN : begin + kN / 20 + static_cast<std::size_t>(p) * kN / 100;
      quantile_sketch part(200, t % 2 == 0 ? quantile_sketch::kDefaultSeed : static_cast<std::uint64_t>(t * 10 + p));
      part.update(absl::MakeConstSpan(data).subspan(begin, end - begin));
      merged.merge(part);
      begin = end;
    }
    ASSERT_EQ(merged.get_n(), kN);
    within += errors_on_integers(merged).single_sided() <= eps ? 1 : 0;
  }
  RecordProperty("trials_within", within);
  EXPECT_GE(within, kTrials * 99 / 100);
}

TEST(quantile_sketch, MergeOrdersGiveValidSketches) {
  const std::vector<double> data = shuffled_integers(60000, 8);
  const auto span = absl::MakeConstSpan(data);
  const quantile_sketch a = sketch_of(span.subspan(0, 10000), 200, 1);
  const quantile_sketch b = sketch_of(span.subspan(10000, 30000), 200, 2);
  const quantile_sketch c = sketch_of(span.subspan(40000), 200, 3);
  quantile_sketch ab_c = a;
  ab_c.merge(b);
  ab_c.merge(c);
  quantile_sketch bc = b;
  bc.merge(c);
  quantile_sketch a_bc = a;
  a_bc.merge(bc);
  quantile_sketch cba = c;
  cba.merge(b);
  cba.merge(a);
  quantile_sketch into_empty;
  into_empty.merge(cba);
  const double eps = quantile_sketch::normalized_rank_error(200, false);
  for (const quantile_sketch* s : {&ab_c, &a_bc, &cba, &into_empty}) {
    EXPECT_EQ(s->get_n(), 60000u);
    EXPECT_THAT(s->get_min_item(), is_ok_and_holds(0.0));
    EXPECT_THAT(s->get_max_item(), is_ok_and_holds(59999.0));
    EXPECT_LE(errors_on_integers(*s).single_sided(), eps);
    expect_consistent(*s);
  }
  // Deterministic: the same merges in the same order give the same bytes.
  quantile_sketch again = a;
  again.merge(b);
  again.merge(c);
  EXPECT_EQ(again.serialize(), ab_c.serialize());
}

TEST(quantile_sketch, MergeEdgeCases) {
  const quantile_sketch empty;
  quantile_sketch s = sketch_of(shuffled_integers(1000, 1));
  const std::string before = s.serialize();
  s.merge(empty);
  EXPECT_EQ(s.serialize(), before) << "merging an empty sketch changes nothing";

  quantile_sketch e;
  e.merge(empty);
  EXPECT_TRUE(e.is_empty());

  // Exact while the union fits.
  const quantile_sketch x = sketch_of(std::vector<double>{5, 1, 3});
  quantile_sketch y = sketch_of(std::vector<double>{4, 2});
  y.merge(x);
  EXPECT_FALSE(y.is_estimation_mode());
  EXPECT_THAT(y.get_quantiles(std::vector<double>{0, 0.2, 0.4, 0.6, 0.8, 1}),
              is_ok_and_holds(ElementsAre(1, 1, 2, 3, 4, 5)));

  // Into itself: every reading twice.
  quantile_sketch self = sketch_of(shuffled_integers(5000, 2));
  self.merge(self);
  EXPECT_EQ(self.get_n(), 10000u);
  expect_consistent(self);
  absl::StatusOr<double> median = self.get_quantile(0.5);
  ASSERT_THAT(median, is_ok());
  EXPECT_NEAR(*median, 2500, 5000 * quantile_sketch::normalized_rank_error(200, false));
}

TEST(quantile_sketch, MergeOfDifferentKs) {
  const std::vector<double> data = shuffled_integers(200000, 21);
  const auto span = absl::MakeConstSpan(data);
  quantile_sketch big = sketch_of(span.subspan(0, 100000), 400, 1);
  const quantile_sketch small = sketch_of(span.subspan(100000), 50, 2);
  big.merge(small);
  EXPECT_EQ(big.get_k(), 400);
  EXPECT_EQ(big.get_min_k(), 50);
  EXPECT_DOUBLE_EQ(big.get_normalized_rank_error(false), quantile_sketch::normalized_rank_error(50, false));
  EXPECT_LE(errors_on_integers(big).single_sided(), big.get_normalized_rank_error(false));
  expect_consistent(big);

  quantile_sketch tiny = sketch_of(span.subspan(0, 100000), 8, 3);
  tiny.merge(sketch_of(span.subspan(100000), 1000, 4));
  EXPECT_EQ(tiny.get_min_k(), 8);
  EXPECT_LE(errors_on_integers(tiny).single_sided(), tiny.get_normalized_rank_error(false));
  expect_consistent(tiny);
}

TEST(quantile_sketch, ManySmallSketchesMerged) {
  const std::vector<double> data = shuffled_integers(100000, 31);
  quantile_sketch all;
  for (std::size_t i = 0; i < data.size(); i += 100) {
    all.merge(sketch_of(absl::MakeConstSpan(data).subspan(i, 100), 200, i));
  }
  EXPECT_EQ(all.get_n(), 100000u);
  EXPECT_LE(errors_on_integers(all).single_sided(), quantile_sketch::normalized_rank_error(200, false));
  expect_consistent(all);
}

TEST(quantile_sketch, CopiesAndMoves) {
  quantile_sketch s = sketch_of(shuffled_integers(20000, 5));
  const quantile_sketch copy = s;
  EXPECT_EQ(copy.serialize(), s.serialize());
  quantile_sketch assigned;
  assigned = copy;
  EXPECT_EQ(assigned.serialize(), s.serialize());
  quantile_sketch moved = std::move(s);
  EXPECT_EQ(moved.serialize(), copy.serialize());
  // The moved-from sketch is empty and usable.
  EXPECT_TRUE(s.is_empty());  // NOLINT(bugprone-use-after-move)
  EXPECT_THAT(quantile_sketch::deserialize(s.serialize()), is_ok());
  s.update(1.0);
  s.update(2.0);
  EXPECT_EQ(s.get_n(), 2u);
  EXPECT_THAT(s.get_quantile(1), is_ok_and_holds(2.0));
  quantile_sketch moved_again(std::move(moved));
  moved.merge(copy);  // NOLINT(bugprone-use-after-move)
  EXPECT_EQ(moved.get_n(), copy.get_n());
  expect_consistent(moved);
  expect_consistent(moved_again);
  EXPECT_EQ(moved_again.to_string(),
            absl::StrCat("quantile_sketch(k=200, n=20000, retained=", moved_again.get_num_retained(),
                         ", levels=", moved_again.get_num_levels(), ")"));
}

// -- Serialization ---------------------------------------------------------------------------------

TEST(quantile_sketch, RoundTripIsExact) {
  for (std::size_t n : std::vector<std::size_t>{0, 1, 150, 5000, 300000}) {
    std::vector<double> data = shuffled_integers(n, n);
    for (std::size_t i = 0; i < data.size(); i += 7) data[i] = -data[i] / 3;
    const quantile_sketch s = sketch_of(data, 200, n + 1);
    const std::string bytes = s.serialize();
    absl::StatusOr<quantile_sketch> back = quantile_sketch::deserialize(bytes);
    ASSERT_THAT(back, is_ok()) << "n = " << n;
    EXPECT_EQ(back->serialize(), bytes);
    EXPECT_EQ(back->get_n(), s.get_n());
    EXPECT_EQ(back->get_k(), s.get_k());
    EXPECT_EQ(back->get_seed(), s.get_seed());
    EXPECT_EQ(back->get_num_levels(), s.get_num_levels());
    const auto items = s.get_items();
    const auto back_items = back->get_items();
    ASSERT_EQ(items.size(), back_items.size());
    for (std::size_t i = 0; i < items.size(); ++i) {
      EXPECT_EQ(items[i].item, back_items[i].item);
      EXPECT_EQ(items[i].weight, back_items[i].weight);
    }
    if (n > 0) {
      std::vector<double> ranks;
      for (int i = 0; i <= 100; ++i) ranks.push_back(i / 100.0);
      EXPECT_EQ(*back->get_quantiles(ranks), *s.get_quantiles(ranks));
      EXPECT_EQ(*back->get_ranks(data), *s.get_ranks(data));
    }
    // The deserialized sketch continues the same coin flips.
    quantile_sketch original = s;
    quantile_sketch copy = *back;
    const std::vector<double> more = shuffled_integers(20000, 99);
    original.update(more);
    copy.update(more);
    EXPECT_EQ(original.serialize(), copy.serialize());
  }
}

TEST(quantile_sketch, FrameLayout) {
  const quantile_sketch s = sketch_of(std::vector<double>{2.5, -1.0, 7.0});
  const std::string bytes = s.serialize();
  // 12 frame + 48 fixed + 4 (one level size) + 3 × 8 items + 4 checksum.
  ASSERT_EQ(bytes.size(), 12u + 48 + 4 + 24 + 4);
  EXPECT_EQ(bytes.substr(0, 4), "NRSA");
  EXPECT_EQ(static_cast<unsigned char>(bytes[6]), 2) << "aggregate type quantile_sketch";
  EXPECT_EQ(static_cast<unsigned char>(bytes[12]), 200) << "k, little-endian";
  EXPECT_EQ(static_cast<unsigned char>(bytes[16]), 8) << "min level capacity";
  EXPECT_EQ(static_cast<unsigned char>(bytes[17]), 64) << "min level-0 capacity";
  EXPECT_EQ(static_cast<unsigned char>(bytes[18]), 1) << "levels";
  EXPECT_EQ(static_cast<unsigned char>(bytes[20]), 3) << "n";
}

// Golden files written by an earlier build (tests/data/sensors/README-golden-kll.md): this and
// every later version must read them and give the same answers.
struct golden_case {
  const char* file;
  std::uint16_t k;
  std::size_t n;
  std::uint64_t seed;
};

/// The readings of the golden files: x_i = ((i × 7919) mod n) / 10 − 20 for i = 0 .. n − 1.
std::vector<double> golden_readings(std::size_t n) {
  std::vector<double> v(n);
  for (std::size_t i = 0; i < n; ++i) v[i] = static_cast<double>((i * 7919) % n) / 10 - 20;
  return v;
}

constexpr golden_case kGolden[] = {
    {"kll_k200_n1000_seed1.bin", 200, 1000, 1},
    {"kll_k8_n100000_seed7.bin", 8, 100000, 7},
    {"kll_k200_n0_seed1.bin", 200, 0, 1},
};

TEST(quantile_sketch, GoldenFilesStillRead) {
  for (const golden_case& g : kGolden) {
    const std::string bytes = read_binary(golden_path(g.file));
    ASSERT_FALSE(bytes.empty()) << "missing " << golden_path(g.file);
    absl::StatusOr<quantile_sketch> s = quantile_sketch::deserialize(bytes);
    ASSERT_THAT(s, is_ok()) << g.file;
    EXPECT_EQ(s->get_k(), g.k);
    EXPECT_EQ(s->get_n(), g.n);
    EXPECT_EQ(s->get_seed(), g.seed);
    EXPECT_EQ(s->serialize(), bytes) << g.file << " re-serializes to the same bytes";
    expect_consistent(*s);
    if (g.n == 0) continue;
    // The readings are (0, 0.1, ..., (n − 1) / 10) − 20 in another order: min, max and every
    // rank within the bound.
    EXPECT_THAT(s->get_min_item(), is_ok_and_holds(-20.0));
    EXPECT_THAT(s->get_max_item(), is_ok_and_holds(DoubleEq(static_cast<double>(g.n - 1) / 10 - 20)));
    const double eps = quantile_sketch::normalized_rank_error(g.k, false);
    for (int i = 1; i < 100; ++i) {
      const double r = i / 100.0;
      absl::StatusOr<double> q = s->get_quantile(r);
      ASSERT_THAT(q, is_ok());
      const double true_rank = (std::round((*q + 20) * 10) + 1) / static_cast<double>(g.n);
      EXPECT_NEAR(true_rank, r, eps + 1.0 / static_cast<double>(g.n)) << g.file << " rank " << r;
    }
  }
}

// Today's code rebuilds the golden files byte for byte from their recipe. A deliberate change to
// the compaction breaks this test only: then keep the old files (still read above), add new ones
// and update this list.
TEST(quantile_sketch, GoldenRecipeGivesTheSameBytes) {
  for (const golden_case& g : kGolden) {
    quantile_sketch s(g.k, g.seed);
    s.update(golden_readings(g.n));
    const std::string bytes = s.serialize();
    if (const char* dir = std::getenv("NUMRESP_WRITE_GOLDEN")) {  // regenerate: see the README
      std::ofstream(std::string(dir) + "/" + g.file, std::ios::binary) << bytes;
    }
    EXPECT_EQ(bytes, read_binary(golden_path(g.file))) << g.file;
  }
}

TEST(quantile_sketch, TruncatedBytesFail) {
  const std::string bytes = sketch_of(shuffled_integers(3000, 4), 16).serialize();
  for (std::size_t len = 0; len < bytes.size(); ++len) {
    EXPECT_THAT(quantile_sketch::deserialize(bytes.substr(0, len)), status_is(absl::StatusCode::kInvalidArgument))
        << "prefix of " << len << " bytes";
  }
  EXPECT_THAT(quantile_sketch::deserialize(bytes + "x"),
              status_is(absl::StatusCode::kInvalidArgument, HasSubstr("trailing")));
}

TEST(quantile_sketch, FlippedBytesNeverCrash) {
  // Every byte of a small sketch's bytes, flipped: the checksum catches the change, or the
  // result is a valid sketch.
  const std::string bytes = sketch_of(shuffled_integers(300, 4), 8, 3).serialize();
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    for (unsigned mask : {0x01u, 0x80u, 0xFFu}) {
      std::string bad = bytes;
      bad[i] = static_cast<char>(static_cast<unsigned char>(bad[i]) ^ mask);
      absl::StatusOr<quantile_sketch> s = quantile_sketch::deserialize(bad);
      if (s.ok()) {
        expect_consistent(*s);
      } else {
        EXPECT_THAT(s, status_is(absl::StatusCode::kInvalidArgument, HasSubstr("byte offset")));
      }
    }
  }
}

TEST(quantile_sketch, FlippedPayloadBytesWithAValidChecksum) {
  // The same below the checksum: each payload byte flipped and the frame rebuilt, so that every
  // field's own validation is exercised. Any sketch that comes out is consistent and usable.
  for (const quantile_sketch& original :
       {sketch_of(shuffled_integers(300, 4), 8, 3), sketch_of(shuffled_integers(60, 5), 200, 4), quantile_sketch()}) {
    const std::string bytes = original.serialize();
    const std::string payload = bytes.substr(frame_header_size, bytes.size() - frame_header_size - frame_trailer_size);
    int accepted = 0;
    for (std::size_t i = 0; i < payload.size(); ++i) {
      for (unsigned mask : {0x01u, 0x02u, 0x10u, 0x80u, 0xFFu}) {
        std::string bad = payload;
        bad[i] = static_cast<char>(static_cast<unsigned char>(bad[i]) ^ mask);
        absl::StatusOr<quantile_sketch> s =
            quantile_sketch::deserialize(write_frame(aggregate_type::quantile_sketch, bad));
        if (!s.ok()) {
          EXPECT_THAT(s, status_is(absl::StatusCode::kInvalidArgument, HasSubstr("byte offset")));
          continue;
        }
        ++accepted;
        expect_consistent(*s);
        quantile_sketch t = *s;
        t.update(shuffled_integers(1000, i));
        t.merge(original);
        expect_consistent(t);
        if (!t.is_empty()) {
          EXPECT_THAT(t.get_quantile(0.5), is_ok());
        }
      }
    }
    EXPECT_GT(accepted, 0) << "item and seed changes are valid sketches";
  }
}

/// A payload for the validation tests: the fields of serialize(), editable.
struct payload_fields {
  std::uint16_t k = 200;
  std::uint16_t min_k = 200;
  std::uint8_t min_capacity = 8;
  std::uint8_t min_level_zero = 64;
  std::uint8_t levels = 1;
  std::uint8_t reserved = 0;
  std::uint64_t n = 3;
  std::uint64_t seed = 1;
  std::uint64_t rng = 1;
  double min = 1;
  double max = 3;
  std::vector<std::uint32_t> sizes = {3};
  std::vector<double> items = {2, 1, 3};

  [[nodiscard]] std::string frame() const {
    byte_writer w;
    w.u16(k);
    w.u16(min_k);
    w.u8(min_capacity);
    w.u8(min_level_zero);
    w.u8(levels);
    w.u8(reserved);
    w.u64(n);
    w.u64(seed);
    w.u64(rng);
    w.f64(min);
    w.f64(max);
    for (std::uint32_t s : sizes) w.u32(s);
    for (double v : items) w.f64(v);
    return write_frame(aggregate_type::quantile_sketch, w.str());
  }
};

TEST(quantile_sketch, ValidationNamesTheField) {
  ASSERT_THAT(quantile_sketch::deserialize(payload_fields().frame()), is_ok());
  const auto fails = [](const payload_fields& p, const char* text) {
    EXPECT_THAT(quantile_sketch::deserialize(p.frame()), status_is(absl::StatusCode::kInvalidArgument, HasSubstr(text)))
        << text;
  };
  payload_fields p;
  p.k = 7;
  fails(p, "byte offset 12, field k: 7 is below the smallest k");
  p = payload_fields();
  p.min_k = 300;
  fails(p, "field min_k: 300 is not in [8, k = 200]");
  p = payload_fields();
  p.min_capacity = 4;
  fails(p, "field min_level_capacity");
  p = payload_fields();
  p.min_level_zero = 32;
  fails(p, "field min_level_zero_capacity");
  p = payload_fields();
  p.levels = 0;
  fails(p, "field levels: 0");
  p = payload_fields();
  p.levels = 65;
  fails(p, "field levels: 65");
  p = payload_fields();
  p.reserved = 1;
  fails(p, "field reserved");
  p = payload_fields();
  p.min = kNaN;
  fails(p, "field min: NaN");
  p = payload_fields();
  p.min = 4;
  fails(p, "min 4 exceeds max 3");
  p = payload_fields();
  p.n = 4;
  fails(p, "sum to 3, not n = 4");
  p = payload_fields();
  p.items = {2, kNaN, 3};
  fails(p, "level 0 item 1 is NaN");
  p = payload_fields();
  p.items = {2, 0.5, 3};
  fails(p, "item 1 = 0.5 is outside [min, max]");
  p = payload_fields();
  p.items = {2, 1};
  fails(p, "3 items need 24 bytes, 16 are left");
  // Two levels: level 1 must be sorted and the top level not empty.
  p = payload_fields();
  p.levels = 2;
  p.n = 5;
  p.sizes = {1, 2};
  p.items = {2, 3, 1};
  fails(p, "level 1 is not sorted at item 1");
  p.items = {2, 1, 3};
  EXPECT_THAT(quantile_sketch::deserialize(p.frame()), is_ok());
  p.sizes = {5, 0};
  p.items = {1, 2, 3, 1, 2};
  fails(p, "the top level (1) is empty");
  // Capacity: 201 items in one level of k = 200.
  p = payload_fields();
  p.n = 201;
  p.sizes = {201};
  p.items.assign(201, 2.0);
  fails(p, "201 items exceed the capacity 200");
  // Weights that overflow 64 bits.
  p = payload_fields();
  p.levels = 64;
  p.sizes.assign(64, 0);
  p.sizes[63] = 3;
  p.items = {1, 2, 3};
  fails(p, "the weights overflow");
  // Empty: min and max are the infinities.
  p = payload_fields();
  p.n = 0;
  p.sizes = {0};
  p.items.clear();
  fails(p, "an empty sketch has min = +inf and max = -inf");
  p.min = kInf;
  p.max = -kInf;
  EXPECT_THAT(quantile_sketch::deserialize(p.frame()),
              is_ok_and_holds(::testing::Property(&quantile_sketch::is_empty, true)));
}

TEST(quantile_sketch, ForeignBytesFail) {
  EXPECT_THAT(quantile_sketch::deserialize(""), status_is(absl::StatusCode::kInvalidArgument, HasSubstr("truncated")));
  std::mt19937_64 g(1);
  std::string noise(500, '\0');
  for (char& c : noise) c = static_cast<char>(g() & 0xFF);
  EXPECT_THAT(quantile_sketch::deserialize(noise),
              status_is(absl::StatusCode::kInvalidArgument, HasSubstr("not a numresp sensor aggregate")));
  // Another aggregate's frame.
  EXPECT_THAT(quantile_sketch::deserialize(write_frame(aggregate_type::stats, std::string(48, '\0'))),
              status_is(absl::StatusCode::kInvalidArgument, HasSubstr("expected 2 (quantile_sketch)")));
  // A newer format version.
  std::string newer = quantile_sketch().serialize();
  newer[4] = 9;
  EXPECT_THAT(quantile_sketch::deserialize(newer), status_is(absl::StatusCode::kInvalidArgument, HasSubstr("version")));
  // A payload too short for the fixed fields.
  EXPECT_THAT(quantile_sketch::deserialize(write_frame(aggregate_type::quantile_sketch, std::string(20, '\0'))),
              status_is(absl::StatusCode::kInvalidArgument, HasSubstr("k: 0 is below")));
  EXPECT_THAT(quantile_sketch::deserialize(write_frame(aggregate_type::quantile_sketch, "\xc8\x00\xc8\x00\x08\x40")),
              status_is(absl::StatusCode::kInvalidArgument, HasSubstr("truncated")));
}

// -- Characterization (not run by default) -------------------------------------------------------
//
// ./sensors_test --gtest_also_run_disabled_tests --gtest_filter='*DISABLED_Characterize*'
// prints the 99th percentile of the largest single- and double-sided rank error over 200 seeds
// for several k and n, next to the stated bound (docs/methodology/quantile-sketch.rst).
TEST(quantile_sketch, DISABLED_CharacterizeTheError) {
  for (std::size_t n : {std::size_t{10000}, std::size_t{100000}, std::size_t{1000000}}) {
    for (std::uint16_t k : std::vector<std::uint16_t>{8, 16, 32, 64, 100, 200, 400, 800}) {
      const int seeds = n >= 1000000 ? 100 : 200;
      std::vector<double> single;
      std::vector<double> dbl;
      std::vector<double> data(n);
      std::iota(data.begin(), data.end(), 0.0);
      std::mt19937_64 g(n + k);
      for (int seed = 0; seed < seeds; ++seed) {
        std::shuffle(data.begin(), data.end(), g);
        quantile_sketch s(k, static_cast<std::uint64_t>(seed));
        s.update(data);
        const rank_errors e = errors_on_integers(s);
        single.push_back(e.single_sided());
        dbl.push_back(e.double_sided());
      }
      std::sort(single.begin(), single.end());
      std::sort(dbl.begin(), dbl.end());
      const auto p99 = static_cast<std::size_t>(std::ceil(0.99 * seeds)) - 1;
      std::printf("n=%zu k=%u seeds=%d single p99=%.5f bound=%.5f double p99=%.5f bound=%.5f\n", n, unsigned{k}, seeds,
                  single[p99], quantile_sketch::normalized_rank_error(k, false), dbl[p99],
                  quantile_sketch::normalized_rank_error(k, true));
    }
  }
}

}  // namespace
}  // namespace numresp::sensors
