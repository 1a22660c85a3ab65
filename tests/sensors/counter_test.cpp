// Tests of numresp/sensors/counter.hpp: TimescaleDB Toolkit's crate tests
// (crates/counter-agg/src/tests.rs, times scaled from µs to ns), resets (several, to 0, across a
// merge boundary), random streams against an explicit reset accumulation, k-way ordered merges
// equal to the whole stream, ordering errors, Prometheus extrapolation, and the serialized
// format (round trips, golden files, truncation, corruption, foreign bytes).
#include "numresp/sensors/counter.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <limits>
#include <optional>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "numresp/sensors/serialization.hpp"
#include "numresp/testing/status_matchers.hpp"
#include "serialization_checks.hpp"

namespace numresp::sensors {
namespace {

using ::numresp::sensors::testing::expect_byte_corruptions_safe;
using ::numresp::sensors::testing::expect_payload_corruptions_safe;
using ::numresp::sensors::testing::expect_truncations_rejected;
using ::numresp::sensors::testing::golden_rewrite_requested;
using ::numresp::sensors::testing::read_file;
using ::numresp::sensors::testing::write_file;
using ::numresp::testing::is_ok;
using ::numresp::testing::status_is;
using ::testing::AllOf;
using ::testing::DoubleNear;
using ::testing::HasSubstr;
using ::testing::Optional;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr std::int64_t kUs = 1000;  // Toolkit's timestamps are µs; ours are ns
constexpr std::int64_t kSecond = 1000000000;
constexpr std::int64_t kMinute = 60 * kSecond;
constexpr std::int64_t k2020 = 1577836800 * kSecond;  // 2020-01-01T00:00:00Z

const std::string kGoldenDir = NUMRESP_TEST_DATA_DIR "/sensors/";

// A counter of (µs, value) points, as Toolkit's tests write them.
counter us(const std::vector<std::pair<std::int64_t, double>>& points) {
  counter c;
  for (const auto& [t, v] : points) EXPECT_THAT(c.update(t * kUs, v), is_ok());
  return c;
}

ts_point pt(std::int64_t t_us, double v) { return ts_point{t_us * kUs, v}; }

double to_micro(double x) { return x * 1e6; }  // Toolkit's per-µs rates as per-second

std::optional<double> value_of(const absl::StatusOr<std::optional<double>>& r) {
  EXPECT_THAT(r, is_ok());
  return r.ok() ? *r : std::nullopt;
}

// -- Toolkit's crate tests ------------------------------------------------------------------------

TEST(sensors_counter, ToolkitCreateAndAddPoint) {
  // create, adding_point.
  counter c = us({{0, 0.0}});
  EXPECT_EQ(c.first(), pt(0, 0));
  EXPECT_EQ(c.second(), pt(0, 0));
  EXPECT_EQ(c.penultimate(), pt(0, 0));
  EXPECT_EQ(c.last(), pt(0, 0));
  EXPECT_EQ(c.reset_sum(), 0.0);
  ASSERT_THAT(c.update(5 * kUs, 10.0), is_ok());
  EXPECT_EQ(c.first(), pt(0, 0));
  EXPECT_EQ(c.second(), pt(5, 10));
  EXPECT_EQ(c.penultimate(), pt(0, 0));
  EXPECT_EQ(c.last(), pt(5, 10));
  EXPECT_EQ(c.num_resets(), 0u);
  EXPECT_EQ(c.num_changes(), 1u);
}

TEST(sensors_counter, ToolkitAddingPointsToCounter) {
  // adding_points_to_counter: one reset (50 → 10).
  const counter c = us({{0, 0}, {5, 10}, {10, 20}, {15, 20}, {20, 50}, {25, 10}});
  EXPECT_EQ(c.first(), pt(0, 0));
  EXPECT_EQ(c.second(), pt(5, 10));
  EXPECT_EQ(c.penultimate(), pt(20, 50));
  EXPECT_EQ(c.last(), pt(25, 10));
  EXPECT_EQ(c.reset_sum(), 50.0);
  EXPECT_EQ(c.num_resets(), 1u);
  EXPECT_EQ(c.num_changes(), 4u);
  EXPECT_EQ(c.get_n(), 6u);
}

TEST(sensors_counter, ToolkitOutOfOrder) {
  // adding_out_of_order_counter.
  counter c = us({{0, 0}, {5, 10}});
  EXPECT_THAT(c.update(2 * kUs, 9.0), status_is(absl::StatusCode::kFailedPrecondition,
                                                AllOf(HasSubstr("t = 2000 "), HasSubstr("last time 5000 "))));
  EXPECT_EQ(c, us({{0, 0}, {5, 10}}));
}

TEST(sensors_counter, ToolkitDelta) {
  // test_counter_delta: one point 0; 10 → 20 is 10; then a reset to 10 is 20.
  counter c = us({{0, 10}});
  EXPECT_EQ(c.delta(), 0.0);
  ASSERT_THAT(c.update(10 * kUs, 20), is_ok());
  EXPECT_EQ(c.delta(), 10.0);
  ASSERT_THAT(c.update(20 * kUs, 10), is_ok());
  EXPECT_EQ(c.delta(), 20.0);
}

TEST(sensors_counter, ToolkitCombine) {
  // test_combine, test_combine_with_small_summary (a reset at the boundary), test_multiple_resets.
  const counter whole = us({{0, 0}, {5, 10}, {10, 20}, {15, 30}, {20, 50}, {25, 10}, {30, 40}});
  counter part1 = us({{0, 0}, {5, 10}, {10, 20}});
  counter part2 = us({{15, 30}, {20, 50}, {25, 10}, {30, 40}});
  counter combined = part1;
  ASSERT_THAT(combined.merge(part2), is_ok());
  EXPECT_EQ(combined, whole);
  EXPECT_THAT(part2.merge(part1), status_is(absl::StatusCode::kFailedPrecondition));

  const counter small_whole = us({{0, 50}, {25, 10}});
  counter small = us({{0, 50}});
  ASSERT_THAT(small.merge(us({{25, 10}})), is_ok());
  EXPECT_EQ(small, small_whole);
  EXPECT_EQ(small.num_resets(), 1u);
  EXPECT_EQ(small.reset_sum(), 50.0);
  counter late = us({{25, 10}});
  EXPECT_THAT(late.merge(us({{0, 50}})), status_is(absl::StatusCode::kFailedPrecondition));

  const counter multi = us({{0, 0}, {5, 10}, {10, 20}, {15, 10}, {20, 40}, {25, 20}, {30, 40}});
  EXPECT_EQ(multi.first(), pt(0, 0));
  EXPECT_EQ(multi.second(), pt(5, 10));
  EXPECT_EQ(multi.penultimate(), pt(25, 20));
  EXPECT_EQ(multi.last(), pt(30, 40));
  EXPECT_EQ(multi.reset_sum(), 60.0);
  EXPECT_EQ(multi.num_resets(), 2u);
  EXPECT_EQ(multi.num_changes(), 6u);
  EXPECT_EQ(multi.get_n(), 7u);
  counter m1 = us({{0, 0}, {5, 10}, {10, 20}});
  ASSERT_THAT(m1.merge(us({{15, 10}, {20, 40}, {25, 20}, {30, 40}})), is_ok());
  EXPECT_EQ(m1, multi) << "the drop 20 → 10 across the boundary is a reset";
}

TEST(sensors_counter, ToolkitExtraction) {
  // test_extraction_single_point, test_extraction_simple, test_extraction_with_resets.
  const counter one = us({{20, 10}});
  EXPECT_EQ(one.delta(), 0.0);
  EXPECT_EQ(one.rate(), std::nullopt);
  EXPECT_EQ(one.idelta_left(), 0.0);
  EXPECT_EQ(one.idelta_right(), 0.0);
  EXPECT_EQ(one.irate_left(), std::nullopt);
  EXPECT_EQ(one.irate_right(), std::nullopt);
  EXPECT_EQ(one.num_changes(), 0u);
  EXPECT_EQ(one.num_resets(), 0u);
  EXPECT_EQ(one.time_delta(), 0.0);

  const counter simple = us({{0, 0}, {5, 5}, {10, 20}, {15, 30}});
  EXPECT_EQ(simple.delta(), 30.0);
  EXPECT_THAT(simple.rate(), Optional(DoubleNear(to_micro(2.0), 1e-6)));
  EXPECT_EQ(simple.idelta_left(), 5.0);
  EXPECT_EQ(simple.idelta_right(), 10.0);
  EXPECT_THAT(simple.irate_left(), Optional(DoubleNear(to_micro(1.0), 1e-6)));
  EXPECT_THAT(simple.irate_right(), Optional(DoubleNear(to_micro(2.0), 1e-6)));
  EXPECT_EQ(simple.num_changes(), 3u);
  EXPECT_EQ(simple.num_resets(), 0u);
  EXPECT_THAT(simple.time_delta(), Optional(DoubleNear(15e-6, 1e-20)));

  const counter resets = us({{0, 10}, {5, 5}, {10, 30}, {15, 15}});
  EXPECT_EQ(resets.delta(), 45.0);
  EXPECT_THAT(resets.rate(), Optional(DoubleNear(to_micro(3.0), 1e-6)));
  EXPECT_EQ(resets.idelta_left(), 5.0);
  EXPECT_EQ(resets.idelta_right(), 15.0);
  EXPECT_THAT(resets.irate_left(), Optional(DoubleNear(to_micro(1.0), 1e-6)));
  EXPECT_THAT(resets.irate_right(), Optional(DoubleNear(to_micro(3.0), 1e-6)));
  EXPECT_EQ(resets.num_changes(), 3u);
  EXPECT_EQ(resets.num_resets(), 2u);
}

TEST(sensors_counter, ToolkitPrometheusExtrapolationSimple) {
  // test_prometheus_extrapolation_simple: readings 5, 10, 15 ms of 15, 20, 25 in [0, 21 ms):
  // 5 ms to each edge (after Prometheus' 1 ms) is within 1.1 average steps, so the delta 10
  // extends over 20 ms: 20; the rate equals the plain rate.
  counter c = us({{5000, 15}});
  EXPECT_EQ(value_of(c.extrapolated_delta(0, 21000 * kUs)), std::nullopt) << "a single reading";
  EXPECT_EQ(value_of(c.extrapolated_rate(0, 21000 * kUs)), std::nullopt);
  ASSERT_THAT(c.update(10000 * kUs, 20), is_ok());
  ASSERT_THAT(c.update(15000 * kUs, 25), is_ok());
  EXPECT_EQ(c.delta(), 10.0);
  EXPECT_THAT(c.rate(), Optional(DoubleNear(to_micro(0.001), 1e-9)));
  EXPECT_THAT(value_of(c.extrapolated_delta(0, 21000 * kUs)), Optional(DoubleNear(20.0, 1e-12)));
  EXPECT_THAT(value_of(c.extrapolated_rate(0, 21000 * kUs)), Optional(DoubleNear(*c.rate(), 1e-9)));
  // A reading outside the range is an error.
  ASSERT_THAT(c.update(25000 * kUs, 35), is_ok());
  EXPECT_THAT(c.extrapolated_delta(0, 21000 * kUs),
              status_is(absl::StatusCode::kFailedPrecondition, HasSubstr("not inside the range")));
  EXPECT_THAT(c.extrapolated_rate(0, 21000 * kUs), status_is(absl::StatusCode::kFailedPrecondition));
  // Ranges of 1 ms or less have no rate (Prometheus' inclusive end).
  const counter tiny = us({{300, 15}, {600, 20}});
  EXPECT_EQ(value_of(tiny.extrapolated_rate(0, 900 * kUs)), std::nullopt);
}

TEST(sensors_counter, ToolkitPrometheusExtrapolationBoundSize) {
  // test_prometheus_extrapolation_bound_size: 40, 20 (reset), 40 at 20, 30, 40 ms; delta 40.
  const counter c = us({{20000, 40}, {30000, 20}, {40000, 40}});
  EXPECT_EQ(c.delta(), 40.0);
  EXPECT_THAT(c.rate(), Optional(DoubleNear(to_micro(0.002), 1e-9)));
  // [10, 51) ms: both edges within 1.1 steps, the delta extends to 40 ms → 80.
  EXPECT_THAT(value_of(c.extrapolated_delta(10000 * kUs, 51000 * kUs)), Optional(DoubleNear(80.0, 1e-12)));
  EXPECT_THAT(value_of(c.extrapolated_rate(10000 * kUs, 51000 * kUs)), Optional(DoubleNear(*c.rate(), 1e-9)));
  // [8, 53) ms: beyond 1.1 steps on both sides, half a step each → 60, over 44 ms.
  EXPECT_THAT(value_of(c.extrapolated_delta(8000 * kUs, 53000 * kUs)), Optional(DoubleNear(60.0, 1e-12)));
  EXPECT_THAT(value_of(c.extrapolated_rate(8000 * kUs, 53000 * kUs)),
              Optional(DoubleNear(to_micro(60.0 / 44000.0), 1e-9)));
  // The same with 20, 40, 20: the reset is elsewhere, the extrapolation the same.
  const counter d = us({{20000, 20}, {30000, 40}, {40000, 20}});
  EXPECT_EQ(d.delta(), 40.0);
  EXPECT_THAT(value_of(d.extrapolated_delta(10000 * kUs, 51000 * kUs)), Optional(DoubleNear(80.0, 1e-12)));
}

// -- Resets, duplicates, values -------------------------------------------------------------------

TEST(sensors_counter, ResetsToZeroAndSeveralResets) {
  // An energy meter [kWh]: 100 → 130, replaced (0), 0 → 5, wraps again (2), 2 → 7.
  counter c;
  const std::vector<std::int64_t> t = {0, 1, 2, 3, 4, 5};
  const std::vector<double> v = {100, 130, 0, 5, 2, 7};
  std::vector<std::int64_t> ns;
  for (std::int64_t m : t) ns.push_back(k2020 + m * 15 * kMinute);
  ASSERT_THAT(c.update(ns, v), is_ok());
  EXPECT_EQ(c.num_resets(), 2u);
  EXPECT_EQ(c.reset_sum(), 130.0 + 5.0);
  EXPECT_EQ(c.delta(), 30.0 + 0.0 + 5.0 + 2.0 + 5.0);  // 7 + 135 − 100
  EXPECT_EQ(c.num_changes(), 5u);
  EXPECT_THAT(c.rate(), Optional(DoubleNear(42.0 / 4500.0, 1e-15)));
  EXPECT_EQ(c.idelta_right(), 5.0);
  EXPECT_EQ(c.idelta_left(), 30.0);
  // A reset to exactly 0 after 0 is no reset (0 is not below 0) and no change.
  counter z;
  ASSERT_THAT(z.update(std::vector<std::int64_t>{0, 10, 20}, std::vector<double>{0, 0, 0}), is_ok());
  EXPECT_EQ(z.num_resets(), 0u);
  EXPECT_EQ(z.num_changes(), 0u);
  EXPECT_EQ(z.delta(), 0.0);
  // idelta after a reset is the new value.
  const counter r = us({{0, 10}, {5, 3}});
  EXPECT_EQ(r.idelta_left(), 3.0);
  EXPECT_EQ(r.idelta_right(), 3.0);
}

TEST(sensors_counter, DuplicateTimesAreIgnoredBeforeResetDetection) {
  // Toolkit's builder tests for a reset before dropping a duplicate time; we drop it first.
  counter c = us({{0, 10}, {5, 20}});
  const counter before = c;
  ASSERT_THAT(c.update(5 * kUs, 1.0), is_ok());
  EXPECT_EQ(c, before);
  EXPECT_EQ(c.num_resets(), 0u);
  ASSERT_THAT(c.update(5 * kUs, 99.0), is_ok());
  EXPECT_EQ(c, before);
}

TEST(sensors_counter, BadValuesAndBulkAtomicity) {
  counter c;
  ASSERT_THAT(c.update(10, 1.0), is_ok());
  ASSERT_THAT(c.update(20, kNaN), is_ok()) << "NaN is a missing reading";
  EXPECT_EQ(c.get_n(), 1u);
  EXPECT_THAT(c.update(30, kInf), status_is(absl::StatusCode::kInvalidArgument, HasSubstr("v = inf")));
  const std::vector<std::int64_t> t = {20, 30, 25};
  const std::vector<double> v = {2, 3, 4};
  EXPECT_THAT(c.update(t, v), status_is(absl::StatusCode::kFailedPrecondition, HasSubstr("t[2] = 25 ")));
  EXPECT_EQ(c.get_n(), 1u) << "unchanged on error";
  EXPECT_THAT(c.update(t, absl::MakeConstSpan(v).subspan(1)),
              status_is(absl::StatusCode::kInvalidArgument, HasSubstr("same size")));
  counter big;
  ASSERT_THAT(big.update(0, 1.7e308), is_ok());
  ASSERT_THAT(big.update(1, 1.0), is_ok());
  ASSERT_THAT(big.update(2, 1.7e308), is_ok());
  EXPECT_THAT(big.update(3, 0.0), status_is(absl::StatusCode::kOutOfRange, HasSubstr("overflows")));
  EXPECT_EQ(big.get_n(), 3u);
  EXPECT_THAT(parse_extrapolation("Prometheus"),
              ::numresp::testing::is_ok_and_holds(counter::extrapolation::prometheus));
  EXPECT_THAT(parse_extrapolation("linear"), status_is(absl::StatusCode::kInvalidArgument, HasSubstr("linear")));
  EXPECT_EQ(to_string(counter::extrapolation::prometheus), "prometheus");
}

TEST(sensors_counter, EmptyCounter) {
  const counter c;
  EXPECT_TRUE(c.is_empty());
  EXPECT_EQ(c.get_n(), 0u);
  EXPECT_EQ(c.first(), std::nullopt);
  EXPECT_EQ(c.second(), std::nullopt);
  EXPECT_EQ(c.penultimate(), std::nullopt);
  EXPECT_EQ(c.last(), std::nullopt);
  EXPECT_EQ(c.delta(), std::nullopt);
  EXPECT_EQ(c.time_delta(), std::nullopt);
  EXPECT_EQ(c.rate(), std::nullopt);
  EXPECT_EQ(c.idelta_left(), std::nullopt);
  EXPECT_EQ(c.irate_right(), std::nullopt);
  EXPECT_EQ(value_of(c.extrapolated_delta(0, 10)), std::nullopt);
  EXPECT_THAT(c.extrapolated_delta(10, 10), status_is(absl::StatusCode::kInvalidArgument, HasSubstr("range_start")));
}

// -- Merges ---------------------------------------------------------------------------------------

TEST(sensors_counter, MergeErrorsAndEmptyStates) {
  const counter a = us({{0, 1}, {10, 2}});
  counter x = a;
  EXPECT_THAT(x.merge(us({{5, 3}, {20, 4}})),
              status_is(absl::StatusCode::kFailedPrecondition,
                        AllOf(HasSubstr("[5000 "), HasSubstr(", 20000 "), HasSubstr("[0 "), HasSubstr(", 10000 "))));
  EXPECT_THAT(x.merge(us({{10, 3}})), status_is(absl::StatusCode::kFailedPrecondition)) << "a shared time overlaps";
  EXPECT_EQ(x, a);
  counter empty;
  ASSERT_THAT(empty.merge(a), is_ok());
  EXPECT_EQ(empty, a);
  ASSERT_THAT(x.merge(counter()), is_ok());
  EXPECT_EQ(x, a);
  EXPECT_THAT(counter::merge_sorted({us({{20, 1}}), a, us({{5, 1}})}),
              status_is(absl::StatusCode::kFailedPrecondition));
  absl::StatusOr<counter> none = counter::merge_sorted({});
  ASSERT_THAT(none, is_ok());
  EXPECT_TRUE(none->is_empty());
}

TEST(sensors_counter, SecondAndPenultimateAcrossMerges) {
  // Single-reading parts: second and penultimate come from the neighbours.
  counter c = us({{0, 1}});
  ASSERT_THAT(c.merge(us({{10, 2}})), is_ok());
  EXPECT_EQ(c, us({{0, 1}, {10, 2}}));
  ASSERT_THAT(c.merge(us({{20, 3}})), is_ok());
  EXPECT_EQ(c, us({{0, 1}, {10, 2}, {20, 3}}));
  ASSERT_THAT(c.merge(us({{30, 0}, {40, 5}})), is_ok());
  EXPECT_EQ(c, us({{0, 1}, {10, 2}, {20, 3}, {30, 0}, {40, 5}}));
  EXPECT_EQ(c.num_resets(), 1u);
  EXPECT_EQ(c.penultimate(), pt(30, 0));
  EXPECT_EQ(c.second(), pt(10, 2));
}

struct stream {
  std::vector<std::int64_t> t;
  std::vector<double> v;
};

// A meter: increments in [0, 5) kWh (a third of them 0) every 1 s to 15 min, a few repeated
// times, and resets (1 in 25) to 0 or to a random lower value.
stream random_meter(std::mt19937_64& rng, std::size_t n) {
  std::uniform_int_distribution<std::int64_t> gap(kSecond, 15 * kMinute);
  std::uniform_real_distribution<double> step(0, 5);
  std::uniform_int_distribution<int> die(0, 74);
  stream s;
  std::int64_t t = k2020;
  double v = 1000 * step(rng);
  for (std::size_t i = 0; i < n; ++i) {
    const int roll = die(rng);
    if (i > 0) {
      if (roll < 2) {
        v = 0;  // replaced meter
      } else if (roll < 3) {
        v *= 0.5 * step(rng) / 5;  // wrap to a lower value
      } else if (roll % 3 != 0) {
        v += step(rng);
      }
      if (roll != 74) t += gap(rng);  // 1 in 75 repeats the previous time
    }
    s.t.push_back(t);
    s.v.push_back(v);
  }
  return s;
}

// Σ increments with explicit resets (a drop counts from 0), and the resets, in long double; the
// first reading at a time wins.
struct exact_counter {
  long double delta = 0;
  std::uint64_t resets = 0;
  std::uint64_t changes = 0;
  std::uint64_t n = 0;
};

exact_counter exact(const stream& s) {
  exact_counter e;
  std::size_t prev = 0;
  e.n = s.t.empty() ? 0 : 1;
  for (std::size_t i = 1; i < s.t.size(); ++i) {
    if (s.t[i] == s.t[prev]) continue;
    const long double a = s.v[prev];
    const long double b = s.v[i];
    if (b < a) {
      e.delta += b;  // counts from 0
      ++e.resets;
    } else {
      e.delta += b - a;
    }
    if (b != a) ++e.changes;
    ++e.n;
    prev = i;
  }
  return e;
}

TEST(sensors_counter, RandomStreamsMatchExplicitResetAccumulation) {
  std::mt19937_64 rng(42);
  for (int trial = 0; trial < 50; ++trial) {
    const stream s = random_meter(rng, 2 + static_cast<std::size_t>(trial) * 40);
    counter c;
    ASSERT_THAT(c.update(s.t, s.v), is_ok());
    const exact_counter e = exact(s);
    EXPECT_EQ(c.get_n(), e.n);
    EXPECT_EQ(c.num_resets(), e.resets);
    EXPECT_EQ(c.num_changes(), e.changes);
    const double scale = static_cast<double>(e.delta) + s.v.front() + 1;
    EXPECT_NEAR(*c.delta(), static_cast<double>(e.delta), 1e-12 * scale) << "trial " << trial;
    EXPECT_NEAR(*c.rate(), static_cast<double>(e.delta) / (static_cast<double>(s.t.back() - s.t.front()) / 1e9),
                1e-12 * scale / (static_cast<double>(s.t.back() - s.t.front()) / 1e9));
    counter one;
    for (std::size_t i = 0; i < s.t.size(); ++i) ASSERT_THAT(one.update(s.t[i], s.v[i]), is_ok());
    EXPECT_EQ(one, c);
  }
}

TEST(sensors_counter, SplitIntoOrderedPartsAndMergedEqualsTheWhole) {
  std::mt19937_64 rng(11);
  for (int trial = 0; trial < 80; ++trial) {
    const stream s = random_meter(rng, 300);
    counter whole;
    ASSERT_THAT(whole.update(s.t, s.v), is_ok());
    std::uniform_int_distribution<std::size_t> cut(1, s.t.size() - 1);
    std::vector<std::size_t> cuts = {0, s.t.size()};
    const int k = 1 + trial % 16;
    for (int i = 1; i < k; ++i) {
      std::size_t c = cut(rng);
      while (c < s.t.size() && s.t[c] == s.t[c - 1]) ++c;
      cuts.push_back(c);
    }
    std::sort(cuts.begin(), cuts.end());
    std::vector<counter> parts;
    for (std::size_t i = 0; i + 1 < cuts.size(); ++i) {
      counter part;
      ASSERT_THAT(part.update(absl::MakeConstSpan(s.t).subspan(cuts[i], cuts[i + 1] - cuts[i]),
                              absl::MakeConstSpan(s.v).subspan(cuts[i], cuts[i + 1] - cuts[i])),
                  is_ok());
      parts.push_back(part);
    }
    counter merged;
    for (const counter& p : parts) ASSERT_THAT(merged.merge(p), is_ok());
    EXPECT_EQ(merged.get_n(), whole.get_n());
    EXPECT_EQ(merged.first(), whole.first());
    EXPECT_EQ(merged.second(), whole.second());
    EXPECT_EQ(merged.penultimate(), whole.penultimate());
    EXPECT_EQ(merged.last(), whole.last());
    EXPECT_EQ(merged.num_resets(), whole.num_resets()) << "trial " << trial << ", k " << k;
    EXPECT_EQ(merged.num_changes(), whole.num_changes());
    EXPECT_NEAR(merged.reset_sum(), whole.reset_sum(), 1e-12 * (whole.reset_sum() + 1));
    EXPECT_NEAR(*merged.delta(), *whole.delta(), 1e-12 * (*whole.delta() + whole.first()->v + 1));
    std::shuffle(parts.begin(), parts.end(), rng);
    absl::StatusOr<counter> sorted = counter::merge_sorted(parts);
    ASSERT_THAT(sorted, is_ok());
    EXPECT_EQ(*sorted, merged);
  }
}

// -- Extrapolation --------------------------------------------------------------------------------

TEST(sensors_counter, ExtrapolationDoesNotGoBelowZero) {
  // 1, 11, 21 at 10, 20, 30 s in [0, 40 s): delta 20, T 20 s, step 10 s. The start is 10 s away
  // but the counter would reach 0 after T × 1 / 20 = 1 s, so it extends by 1 s; the end by
  // 40 − 30 − 0.001 = 9.999 s (< 11 s): 20 × 30.999 / 20.
  const counter c = [] {
    counter out;
    EXPECT_THAT(
        out.update(std::vector<std::int64_t>{10 * kSecond, 20 * kSecond, 30 * kSecond}, std::vector<double>{1, 11, 21}),
        is_ok());
    return out;
  }();
  EXPECT_THAT(value_of(c.extrapolated_delta(0, 40 * kSecond)), Optional(DoubleNear(30.999, 1e-12)));
  EXPECT_THAT(value_of(c.extrapolated_rate(0, 40 * kSecond)), Optional(DoubleNear(30.999 / 39.999, 1e-15)));
}

TEST(sensors_counter, ExtrapolationFarEdgesUseHalfAStep) {
  // 100, 110, 120 at 0, 10, 20 s in [−100 s, 200 s): both edges beyond 1.1 steps (11 s), and
  // the zero point (100 s before) is no closer: half a step (5 s) each side, 20 × 30 / 20.
  counter c;
  ASSERT_THAT(c.update(std::vector<std::int64_t>{0, 10 * kSecond, 20 * kSecond}, std::vector<double>{100, 110, 120}),
              is_ok());
  EXPECT_THAT(value_of(c.extrapolated_delta(-100 * kSecond, 200 * kSecond)), Optional(DoubleNear(30.0, 1e-12)));
  EXPECT_THAT(value_of(c.extrapolated_rate(-100 * kSecond, 200 * kSecond)),
              Optional(DoubleNear(30.0 / 299.999, 1e-15)));
}

TEST(sensors_counter, ExtrapolationWithANegativeFirstValueIsNotCapped) {
  // −10, 0, 10 at 0, 10, 20 s in [−5 s, 25 s): first.v < 0, no zero cap; 5 s and 4.999 s.
  counter c;
  ASSERT_THAT(c.update(std::vector<std::int64_t>{0, 10 * kSecond, 20 * kSecond}, std::vector<double>{-10, 0, 10}),
              is_ok());
  EXPECT_THAT(value_of(c.extrapolated_delta(-5 * kSecond, 25 * kSecond)), Optional(DoubleNear(29.999, 1e-12)));
}

TEST(sensors_counter, ExtrapolationWithResetsAndAFlatCounter) {
  // A reset inside: 50, 60, 5 at 0, 10, 20 s; delta 15; [0, 20.001 s) → no extension at either
  // edge (0 s and 0 s).
  counter c;
  ASSERT_THAT(c.update(std::vector<std::int64_t>{0, 10 * kSecond, 20 * kSecond}, std::vector<double>{50, 60, 5}),
              is_ok());
  EXPECT_THAT(value_of(c.extrapolated_delta(0, 20 * kSecond + 1000000)), Optional(DoubleNear(15.0, 1e-12)));
  // A flat counter extrapolates to 0.
  counter flat;
  ASSERT_THAT(flat.update(std::vector<std::int64_t>{0, kSecond}, std::vector<double>{7, 7}), is_ok());
  EXPECT_THAT(value_of(flat.extrapolated_delta(-kSecond, 2 * kSecond)), Optional(0.0));
  EXPECT_THAT(c.extrapolated_delta(1, 30 * kSecond), status_is(absl::StatusCode::kFailedPrecondition));
  EXPECT_THAT(c.extrapolated_delta(0, 20 * kSecond), status_is(absl::StatusCode::kFailedPrecondition))
      << "the range is half-open";
  EXPECT_THAT(c.extrapolated_rate(5, 5), status_is(absl::StatusCode::kInvalidArgument));
}

// -- Serialization --------------------------------------------------------------------------------

// The golden counter: Toolkit's test_multiple_resets readings, every 15 minutes from 2020-01-01.
counter golden_meter() {
  counter c;
  const std::vector<double> v = {0, 10, 20, 10, 40, 20, 40};
  for (std::size_t i = 0; i < v.size(); ++i) {
    EXPECT_THAT(c.update(k2020 + static_cast<std::int64_t>(i) * 15 * kMinute, v[i]), is_ok());
  }
  return c;
}

struct golden_case {
  const char* file;
  counter state;
};

std::vector<golden_case> golden_cases() {
  counter single;
  EXPECT_THAT(single.update(k2020, 1234.5), is_ok());
  return {{"counter_resets_v1.bin", golden_meter()},
          {"counter_single_v1.bin", single},
          {"counter_empty_v1.bin", counter()}};
}

TEST(sensors_counter, WritesGoldenFilesOnRequest) {
  // NUMRESP_WRITE_GOLDEN=1 ./sensors_test --gtest_filter='*counter*Golden*' rewrites them.
  if (!golden_rewrite_requested()) GTEST_SKIP() << "set NUMRESP_WRITE_GOLDEN=1 to rewrite";
  for (const golden_case& g : golden_cases()) write_file(kGoldenDir + g.file, g.state.serialize());
}

TEST(sensors_counter, ReadsGoldenFiles) {
  for (const golden_case& g : golden_cases()) {
    const std::string bytes = read_file(kGoldenDir + g.file);
    absl::StatusOr<counter> c = counter::deserialize(bytes);
    ASSERT_THAT(c, is_ok()) << g.file;
    EXPECT_EQ(*c, g.state) << g.file;
    EXPECT_EQ(c->serialize(), bytes) << g.file;
  }
  // The values, independent of today's code.
  absl::StatusOr<counter> c = counter::deserialize(read_file(kGoldenDir + "counter_resets_v1.bin"));
  ASSERT_THAT(c, is_ok());
  EXPECT_EQ(c->get_n(), 7u);
  EXPECT_EQ(c->num_resets(), 2u);
  EXPECT_EQ(c->num_changes(), 6u);
  EXPECT_EQ(c->reset_sum(), 60.0);
  EXPECT_EQ(c->delta(), 100.0);
  EXPECT_EQ(c->time_delta(), 5400.0);
  EXPECT_EQ(c->first(), (ts_point{k2020, 0}));
  EXPECT_EQ(c->second(), (ts_point{k2020 + 15 * kMinute, 10}));
  EXPECT_EQ(c->penultimate(), (ts_point{k2020 + 75 * kMinute, 20}));
  EXPECT_EQ(c->last(), (ts_point{k2020 + 90 * kMinute, 40}));
  absl::StatusOr<counter> single = counter::deserialize(read_file(kGoldenDir + "counter_single_v1.bin"));
  ASSERT_THAT(single, is_ok());
  EXPECT_EQ(single->last(), (ts_point{k2020, 1234.5}));
  absl::StatusOr<counter> empty = counter::deserialize(read_file(kGoldenDir + "counter_empty_v1.bin"));
  ASSERT_THAT(empty, is_ok());
  EXPECT_TRUE(empty->is_empty());
}

TEST(sensors_counter, SerializeRoundTripsExactly) {
  std::mt19937_64 rng(5);
  std::vector<counter> states = {counter(), golden_meter(), us({{0, 1}}), us({{0, 1}, {5, 0}}),
                                 us({{0, 1}, {5, 2}, {6, 0}})};
  for (int i = 0; i < 30; ++i) {
    const stream s = random_meter(rng, 1 + static_cast<std::size_t>(i) * 9);
    counter c;
    ASSERT_THAT(c.update(s.t, s.v), is_ok());
    states.push_back(c);
  }
  for (const counter& c : states) {
    const std::string bytes = c.serialize();
    absl::StatusOr<counter> back = counter::deserialize(bytes);
    ASSERT_THAT(back, is_ok());
    EXPECT_EQ(*back, c);
    EXPECT_EQ(back->serialize(), bytes);
    EXPECT_EQ(back->delta(), c.delta());
    EXPECT_EQ(back->rate(), c.rate());
    EXPECT_EQ(back->irate_left(), c.irate_left());
    EXPECT_EQ(back->irate_right(), c.irate_right());
    EXPECT_EQ(bytes.size(), frame_header_size + frame_trailer_size + (c.is_empty() ? 8u : 96u));
  }
}

TEST(sensors_counter, EveryTruncatedPrefixIsAnError) {
  for (const counter& c : {golden_meter(), counter()}) expect_truncations_rejected(c);
}

// A state read from corrupted bytes must answer every query and take updates and merges.
void use(const counter& r) {
  (void)r.delta();
  (void)r.rate();
  (void)r.irate_left();
  (void)r.irate_right();
  if (!r.is_empty() && r.last()->t < std::numeric_limits<std::int64_t>::max()) {
    (void)r.extrapolated_rate(r.first()->t, r.last()->t + 1);
  }
  counter copy = r;
  (void)copy.update(std::numeric_limits<std::int64_t>::max(), 1.0);
  (void)copy.merge(r);
}

TEST(sensors_counter, EverySingleByteCorruptionIsAnErrorOrAValidState) {
  for (const counter& c : {golden_meter(), counter()}) {
    expect_byte_corruptions_safe(c, {0x01u, 0x04u, 0x20u, 0x80u, 0xFFu, 0xA5u}, use);
  }
}

TEST(sensors_counter, PayloadCorruptionBehindAValidChecksumIsAnErrorOrAValidState) {
  // With the checksum recomputed, the payload checks alone must reject the bytes or give a state
  // that works.
  for (const counter& c :
       {golden_meter(), us({{0, 1}}), us({{0, 1}, {5, 0}}), us({{0, 1}, {5, 2}, {6, 0}}), counter()}) {
    expect_payload_corruptions_safe(c, aggregate_type::counter, {0x01u, 0x02u, 0x10u, 0x40u, 0x80u, 0xFFu}, use);
  }
}

TEST(sensors_counter, ForeignBytesAreAnError) {
  EXPECT_THAT(counter::deserialize(""), status_is(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(counter::deserialize("\x89PNG\r\n\x1a\n not a counter, honest"),
              status_is(absl::StatusCode::kInvalidArgument, HasSubstr("magic")));
  std::mt19937_64 rng(13);
  for (int i = 0; i < 200; ++i) {
    std::string junk(static_cast<std::size_t>(i), '\0');
    for (char& ch : junk) ch = static_cast<char>(rng() & 0xFFu);
    EXPECT_THAT(counter::deserialize(junk), status_is(absl::StatusCode::kInvalidArgument));
  }
  time_weight tw(time_weight::locf);
  ASSERT_THAT(tw.update(0, 1), is_ok());
  EXPECT_THAT(counter::deserialize(tw.serialize()),
              status_is(absl::StatusCode::kInvalidArgument, HasSubstr("expected 4 (counter)")));
  EXPECT_THAT(time_weight::deserialize(golden_meter().serialize()), status_is(absl::StatusCode::kInvalidArgument));
}

// A valid frame around a hand-written counter payload.
std::string payload(std::uint64_t n, const std::vector<ts_point>& points, double reset_sum, std::uint64_t resets,
                    std::uint64_t changes) {
  byte_writer w;
  w.u64(n);
  for (const ts_point& p : points) {
    w.i64(p.t);
    w.f64(p.v);
  }
  w.f64(reset_sum);
  w.u64(resets);
  w.u64(changes);
  return write_frame(aggregate_type::counter, w.str());
}

TEST(sensors_counter, InconsistentPayloadsAreErrors) {
  const auto bad = [](const std::string& bytes, const char* field) {
    EXPECT_THAT(counter::deserialize(bytes),
                status_is(absl::StatusCode::kInvalidArgument, HasSubstr(std::string("field ") + field)));
  };
  const ts_point a{0, 1};
  const ts_point b{10, 5};
  const ts_point y{20, 2};
  const ts_point z{30, 4};
  EXPECT_THAT(counter::deserialize(payload(4, {a, b, y, z}, 5, 1, 3)), is_ok());
  bad(payload(4, {a, b, y, {30, kNaN}}, 5, 1, 3), "last.v");
  bad(payload(4, {a, b, y, z}, kInf, 1, 3), "reset_sum");
  bad(payload(4, {a, y, b, z}, 5, 1, 3), "n");            // second after penultimate
  bad(payload(1, {a, a, a, z}, 0, 0, 0), "n");            // one reading, two points
  bad(payload(2, {a, b, a, z}, 0, 0, 1), "n");            // second != last
  bad(payload(3, {a, b, y, z}, 5, 1, 2), "n");            // second != penultimate
  bad(payload(40, {a, b, y, z}, 5, 1, 3), "n");           // 40 readings in 30 ns
  bad(payload(4, {a, b, y, z}, 5, 1, 4), "num_changes");  // 4 changes between 4 readings
  bad(payload(4, {a, b, y, z}, 5, 3, 2), "num_resets");
  bad(payload(4, {a, b, y, z}, 5, 0, 2), "reset_sum");
  bad(payload(4, {a, b, y, z}, 0, 0, 0), "num_changes");  // no change, distinct values
  // Trailing payload bytes after an empty state.
  byte_writer w;
  w.u64(0);
  w.u8(0);
  bad(write_frame(aggregate_type::counter, w.str()), "payload");
}

}  // namespace
}  // namespace numresp::sensors
