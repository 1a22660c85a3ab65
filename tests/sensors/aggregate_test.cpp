// Tests of numresp/sensors/stats.hpp, windows.hpp, aggregate.hpp and serialization.hpp: exact
// computations on random data in any order, merges in any order, calendar windows across
// daylight-saving changes, the binary format (round trips, golden files, corruption), bad input.
#include "numresp/sensors/aggregate.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <limits>
#include <map>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "numresp/sensors/serialization.hpp"
#include "numresp/sensors/stats.hpp"
#include "numresp/sensors/windows.hpp"
#include "numresp/testing/status_matchers.hpp"
#include "serialization_checks.hpp"

namespace numresp::sensors {
namespace {

using ::numresp::sensors::testing::read_file;
using ::numresp::testing::is_ok;
using ::numresp::testing::status_is;
using ::testing::HasSubstr;

constexpr std::int64_t kSecond = ns_per_second;
constexpr std::int64_t kT0 = 1700000000LL * kSecond;  // 2023-11-14 22:13:20 UTC

struct readings {
  std::vector<std::int64_t> group, t;
  std::vector<double> v;
};

readings random_readings(std::size_t n, std::uint64_t seed, std::int64_t groups, std::int64_t span_s) {
  std::mt19937_64 rng(seed);
  std::uniform_int_distribution<std::int64_t> g(0, groups - 1), t(0, span_s);
  std::normal_distribution<double> v(20, 5);
  readings r;
  for (std::size_t i = 0; i < n; ++i) {
    r.group.push_back(g(rng) * 7 + 3);  // sparse ids
    r.t.push_back(kT0 + t(rng) * kSecond);
    r.v.push_back(v(rng));
  }
  return r;
}

// The exact answer, by brute force: (group, window start) → values in input order.
std::map<std::pair<std::int64_t, std::int64_t>, std::vector<double>> brute(const readings& r, std::int64_t width) {
  std::map<std::pair<std::int64_t, std::int64_t>, std::vector<double>> out;
  for (std::size_t i = 0; i < r.v.size(); ++i) {
    std::int64_t q = r.t[i] / width;
    if (r.t[i] % width != 0 && r.t[i] < 0) --q;
    out[{r.group[i], q * width}].push_back(r.v[i]);
  }
  return out;
}

void expect_equal_to_brute(const window_table& t,
                           const std::map<std::pair<std::int64_t, std::int64_t>, std::vector<double>>& want) {
  ASSERT_EQ(t.size(), want.size());
  std::size_t i = 0;
  for (const auto& [key, values] : want) {
    ASSERT_EQ(t.group[i], key.first) << i;
    ASSERT_EQ(t.window_start[i], key.second) << i;
    ASSERT_EQ(t.count[i], values.size());
    double sum = 0;
    for (double v : values) sum += v;  // input order, as the kernel sums
    EXPECT_EQ(t.sum[i], sum);
    EXPECT_EQ(t.min[i], *std::min_element(values.begin(), values.end()));
    EXPECT_EQ(t.max[i], *std::max_element(values.begin(), values.end()));
    if (!t.m2.empty()) {
      const double mean = sum / static_cast<double>(values.size());
      double m2 = 0;
      for (double v : values) m2 += (v - mean) * (v - mean);
      EXPECT_NEAR(t.m2[i], m2, 1e-9 * std::max(1.0, m2));
    }
    ++i;
  }
}

TEST(sensors_stats, UpdateMergeAndMoments) {
  std::mt19937_64 rng(3);
  std::normal_distribution<double> d(1e6, 3);  // large mean, small spread: a stability test
  std::vector<double> v(10000);
  for (double& x : v) x = d(rng);
  stats all;
  for (double x : v) all.update(x);
  // Any split, merged in any order.
  stats a, b, c;
  for (std::size_t i = 0; i < v.size(); ++i) (i % 3 == 0 ? a : i % 3 == 1 ? b : c).update(v[i]);
  stats abc = a;
  abc.merge(b);
  abc.merge(c);
  stats cba = c;
  cba.merge(b);
  cba.merge(a);
  long double mean = 0;
  for (double x : v) mean += x;
  mean /= static_cast<long double>(v.size());
  long double m2 = 0;
  for (double x : v) m2 += (x - mean) * (x - mean);
  for (const stats* s : {&all, &abc, &cba}) {
    EXPECT_EQ(s->get_n(), 10000u);
    EXPECT_NEAR(s->variance(), static_cast<double>(m2 / 9999), 1e-9 * static_cast<double>(m2 / 9999));
    EXPECT_EQ(s->min(), *std::min_element(v.begin(), v.end()));
    EXPECT_EQ(s->max(), *std::max_element(v.begin(), v.end()));
    EXPECT_NEAR(s->mean(), static_cast<double>(mean), 1e-9);
  }
  // NaN ignored; empty state.
  stats e;
  e.update(std::nan(""));
  EXPECT_TRUE(e.is_empty());
  EXPECT_TRUE(std::isnan(e.mean()));
  EXPECT_TRUE(std::isnan(e.min()));
  EXPECT_EQ(e.sum(), 0.0);
  stats one;
  one.update(4);
  EXPECT_TRUE(std::isnan(one.variance()));
  EXPECT_EQ(one.variance(0), 0.0);
  e.merge(one);
  EXPECT_EQ(e, one);
}

TEST(sensors_windows, ParseAndFixedAlignment) {
  absl::StatusOr<window_spec> w = window_spec::parse("15min");
  ASSERT_THAT(w, is_ok());
  EXPECT_EQ(w->width_ns, 900 * kSecond);
  EXPECT_EQ(window_spec::parse("2h", "UTC")->width_ns, 7200 * kSecond);
  EXPECT_EQ(window_spec::parse(" 30S ")->width_ns, 30 * kSecond);
  EXPECT_EQ(window_spec::parse("day")->unit, window_spec::kind::day);
  EXPECT_THAT(window_spec::parse("15 parsecs"), status_is(absl::StatusCode::kInvalidArgument, HasSubstr("unit")));
  EXPECT_THAT(window_spec::parse("0min"), status_is(absl::StatusCode::kInvalidArgument, HasSubstr("positive")));
  EXPECT_THAT(window_spec::parse("fortnight"), status_is(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(window_spec::parse("day", "Mars/Olympus"),
              status_is(absl::StatusCode::kNotFound, HasSubstr("Mars/Olympus")));
  // Fixed windows align on the epoch, negative times included.
  absl::StatusOr<window_index> idx = window_index::create(*w, -1800 * kSecond, 1800 * kSecond);
  ASSERT_THAT(idx, is_ok());
  EXPECT_EQ(idx->start_of(idx->index_of(-1 * kSecond)), -900 * kSecond);
  EXPECT_EQ(idx->start_of(idx->index_of(0)), 0);
  EXPECT_EQ(idx->start_of(idx->index_of(899 * kSecond)), 0);
  EXPECT_EQ(idx->start_of(idx->index_of(900 * kSecond)), 900 * kSecond);
  EXPECT_EQ(idx->size(), 5u);
}

TEST(sensors_windows, CalendarWindowsFollowParisCivilTime) {
  absl::TimeZone paris;
  ASSERT_TRUE(absl::LoadTimeZone("Europe/Paris", &paris));
  auto at = [&](int y, int mo, int d, int h, int mi) {
    return absl::ToUnixNanos(absl::FromCivil(absl::CivilMinute(y, mo, d, h, mi), paris));
  };
  const window_spec day = *window_spec::parse("day");
  // Spring forward (29 March 2026, 23 h) and fall back (25 October 2026, 25 h).
  absl::StatusOr<window_index> idx = window_index::create(day, at(2026, 3, 28, 12, 0), at(2026, 10, 26, 12, 0));
  ASSERT_THAT(idx, is_ok());
  const std::uint64_t spring = idx->index_of(at(2026, 3, 29, 12, 0));
  EXPECT_EQ(idx->start_of(spring), at(2026, 3, 29, 0, 0));
  EXPECT_EQ(idx->start_of(spring + 1) - idx->start_of(spring), 23 * 3600 * kSecond);
  const std::uint64_t autumn = idx->index_of(at(2026, 10, 25, 23, 59));
  EXPECT_EQ(idx->start_of(autumn + 1) - idx->start_of(autumn), 25 * 3600 * kSecond);
  // Local midnight belongs to the new day.
  EXPECT_EQ(idx->start_of(idx->index_of(at(2026, 6, 1, 0, 0))), at(2026, 6, 1, 0, 0));
  EXPECT_EQ(idx->start_of(idx->index_of(at(2026, 6, 1, 0, 0) - 1)), at(2026, 5, 31, 0, 0));
  // Weeks start on Monday; months on the 1st.
  absl::StatusOr<window_index> week =
      window_index::create(*window_spec::parse("week"), at(2026, 11, 29, 10, 0), at(2026, 11, 29, 10, 0));
  ASSERT_THAT(week, is_ok());
  EXPECT_EQ(week->start_of(0), at(2026, 11, 23, 0, 0));  // Sunday 29 November → Monday 23rd
  absl::StatusOr<window_index> month =
      window_index::create(*window_spec::parse("month"), at(2026, 2, 10, 0, 0), at(2026, 4, 2, 0, 0));
  ASSERT_THAT(month, is_ok());
  EXPECT_EQ(month->size(), 3u);
  EXPECT_EQ(month->start_of(1), at(2026, 3, 1, 0, 0));
  // Hours: whole-hour offsets keep local hours aligned on UTC hours.
  absl::StatusOr<window_index> hour =
      window_index::create(*window_spec::parse("hour"), at(2026, 3, 29, 1, 30), at(2026, 3, 29, 4, 30));
  ASSERT_THAT(hour, is_ok());
  EXPECT_EQ(hour->start_of(hour->index_of(at(2026, 3, 29, 3, 30))), at(2026, 3, 29, 3, 0));
}

TEST(sensors_aggregate, EqualsBruteForceInAnyOrderAndThreadCount) {
  for (std::int64_t width_s : {900, 3600, 86400}) {
    readings r = random_readings(50000, static_cast<std::uint64_t>(width_s), 300, 10 * 86400);
    const auto want = brute(r, width_s * kSecond);
    const window_spec w = *window_spec::parse(std::to_string(width_s) + "s", "UTC");
    for (unsigned threads : {1u, 2u, 3u}) {
      aggregate_options o;
      o.threads = threads;
      absl::StatusOr<window_table> t = aggregate(r.group, r.t, r.v, w, o);
      ASSERT_THAT(t, is_ok());
      expect_equal_to_brute(*t, want);
    }
  }
}

TEST(sensors_aggregate, EveryKeyPathWithNanRowsOnAnyThreadCountEqualsBruteForce) {
  // 42,857 readings (every 7th value is NaN and must be ignored) from 300 groups. Compact ids
  // (negative too) are used as offsets; ids 540 apart (range 161,460: above 2n + 65,536, below
  // 4n + 1,024) go through a table; sparse 64-bit ids through a hash.
  struct id_rule {
    const char* name;
    std::int64_t scale, shift;  // id = g * scale + shift
  };
  const std::vector<id_rule> rules = {
      {"compact", 1, -50}, {"table", 540, 0}, {"hash", 1000000000000LL, -500000000000000LL}};
  const readings base = random_readings(50000, 17, 300, 4 * 86400);
  for (const id_rule& rule : rules) {
    readings r = base;
    readings kept;
    for (std::size_t i = 0; i < r.v.size(); ++i) {
      r.group[i] = (r.group[i] - 3) / 7 * rule.scale + rule.shift;
      if (i % 7 == 3) r.v[i] = std::nan("");
      if (std::isnan(r.v[i])) continue;
      kept.group.push_back(r.group[i]);
      kept.t.push_back(r.t[i]);
      kept.v.push_back(r.v[i]);
    }
    const auto want = brute(kept, 900 * kSecond);
    for (unsigned threads : {1u, 2u, 3u, 5u}) {
      SCOPED_TRACE(std::string(rule.name) + ", " + std::to_string(threads) + " threads");
      aggregate_options o;
      o.threads = threads;
      absl::StatusOr<window_table> t = aggregate(r.group, r.t, r.v, *window_spec::parse("15min", "UTC"), o);
      ASSERT_THAT(t, is_ok());
      expect_equal_to_brute(*t, want);
    }
  }
}

TEST(sensors_aggregate, OneReadingPerSensorOnManyThreadsEqualsBruteForce) {
  // As many groups as readings: the kernel uses fewer threads to bound its per-thread cursors.
  readings r = random_readings(70000, 23, 1, 86400);
  for (std::size_t i = 0; i < r.group.size(); ++i) r.group[i] = static_cast<std::int64_t>(i) * 3 - 1000;
  aggregate_options o;
  o.threads = 4;
  absl::StatusOr<window_table> t = aggregate(r.group, r.t, r.v, *window_spec::parse("15min", "UTC"), o);
  ASSERT_THAT(t, is_ok());
  expect_equal_to_brute(*t, brute(r, 900 * kSecond));
}

TEST(sensors_aggregate, EpochSecondsAreScaledOnTheFly) {
  const readings r = random_readings(20000, 11, 50, 3 * 86400);
  readings s = r;
  for (std::int64_t& t : s.t) t /= kSecond;
  const window_spec w = *window_spec::parse("15min", "UTC");
  aggregate_options o;
  o.time_unit_ns = kSecond;
  o.threads = 2;
  absl::StatusOr<window_table> t = aggregate(s.group, s.t, s.v, w, o);
  ASSERT_THAT(t, is_ok());
  expect_equal_to_brute(*t, brute(r, 900 * kSecond));
  // Seconds beyond the int64 nanosecond range (year 2262) name their row; NaN rows do not count.
  s.t[122] = std::numeric_limits<std::int64_t>::max() / kSecond + 5;
  s.v[122] = std::nan("");
  s.t[123] = std::numeric_limits<std::int64_t>::max() / kSecond + 1;
  EXPECT_THAT(
      aggregate(s.group, s.t, s.v, w, o),
      status_is(absl::StatusCode::kInvalidArgument, HasSubstr("timestamp[123]: 9223372037 epoch seconds is outside")));
  o.time_unit_ns = 0;
  EXPECT_THAT(aggregate(r.group, r.t, r.v, w, o),
              status_is(absl::StatusCode::kInvalidArgument, HasSubstr("time_unit_ns is 0")));
}

TEST(sensors_aggregate, TimingsAccountForTheWholeCallOnBothPaths) {
  const readings r = random_readings(30000, 5, 40, 3 * 86400);
  for (const char* window : {"15min", "1s"}) {  // the bucket path, then the radix path
    SCOPED_TRACE(window);
    aggregate_timings t;
    t.reduce = -1;  // overwritten
    aggregate_options o;
    o.timings = &t;
    ASSERT_THAT(aggregate(r.group, r.t, r.v, *window_spec::parse(window, "UTC"), o), is_ok());
    EXPECT_GT(t.total, 0);
    for (double phase : {t.extent, t.keys, t.count, t.scatter, t.rows, t.reduce}) EXPECT_GE(phase, 0);
    EXPECT_NEAR(t.extent + t.keys + t.count + t.scatter + t.rows + t.reduce, t.total, 1e-9 * t.total);
    EXPECT_GT(t.reduce, 0);
  }
}

TEST(sensors_aggregate, SignedZerosAndInfinitiesAreExact) {
  const double inf = std::numeric_limits<double>::infinity();
  const std::vector<std::int64_t> g = {1, 2, 2, 3, 3, 4, 4};
  const std::vector<std::int64_t> t = {0, 0, 1, 0, 1, 0, 1};
  const std::vector<double> v = {-0.0, inf, 1.0, -inf, -inf, -0.0, 0.0};
  absl::StatusOr<window_table> r = aggregate(g, t, v, *window_spec::parse("1h", "UTC"));
  ASSERT_THAT(r, is_ok());
  ASSERT_EQ(r->size(), 4u);
  EXPECT_TRUE(r->sum[0] == 0 && std::signbit(r->sum[0]));  // the sum of {-0.0} is -0.0
  EXPECT_TRUE(std::signbit(r->min[0]) && std::signbit(r->max[0]));
  EXPECT_EQ(r->sum[1], inf);
  EXPECT_EQ(r->min[1], 1.0);
  EXPECT_EQ(r->max[1], inf);
  EXPECT_EQ(r->sum[2], -inf);
  EXPECT_EQ(r->min[2], -inf);
  EXPECT_EQ(r->max[2], -inf);
  EXPECT_TRUE(r->sum[3] == 0 && !std::signbit(r->sum[3]));  // -0.0 + 0.0 = +0.0
}

TEST(sensors_aggregate, WideRangesUseTheRadixPath) {
  // One-second windows over 3 days: 259,201 windows, above the dense kernel's limit.
  readings r = random_readings(20000, 9, 40, 3 * 86400);
  const window_spec w = *window_spec::parse("1s", "UTC");
  absl::StatusOr<window_table> t = aggregate(r.group, r.t, r.v, w);
  ASSERT_THAT(t, is_ok());
  expect_equal_to_brute(*t, brute(r, kSecond));
}

TEST(sensors_aggregate, NanValuesAreIgnoredAndEmptyInputGivesAnEmptyTable) {
  std::vector<std::int64_t> g = {1, 1, 2};
  std::vector<std::int64_t> t = {0, 1, 2};
  std::vector<double> v = {1.0, std::nan(""), std::nan("")};
  const window_spec w = *window_spec::parse("1h", "UTC");
  absl::StatusOr<window_table> r = aggregate(g, t, v, w);
  ASSERT_THAT(r, is_ok());
  ASSERT_EQ(r->size(), 1u);
  EXPECT_EQ(r->count[0], 1u);
  EXPECT_EQ(aggregate({}, {}, {}, w)->size(), 0u);
  std::vector<double> short_v = {1.0};
  EXPECT_THAT(aggregate(g, t, short_v, w), status_is(absl::StatusCode::kInvalidArgument, HasSubstr("must match")));
}

TEST(sensors_aggregate, TablesMergeInAnyOrder) {
  readings r = random_readings(30000, 4, 100, 2 * 86400);
  const window_spec w = *window_spec::parse("15min", "UTC");
  // Three interleaved partitions.
  readings parts[3];
  for (std::size_t i = 0; i < r.v.size(); ++i) {
    readings& p = parts[(i * 7919) % 3];
    p.group.push_back(r.group[i]);
    p.t.push_back(r.t[i]);
    p.v.push_back(r.v[i]);
  }
  window_table tables[3];
  for (int k = 0; k < 3; ++k) tables[k] = *aggregate(parts[k].group, parts[k].t, parts[k].v, w);
  const window_table abc = *merge(*merge(tables[0], tables[1]), tables[2]);
  const window_table cab = *merge(tables[2], *merge(tables[0], tables[1]));
  const window_table whole = *aggregate(r.group, r.t, r.v, w);
  for (const window_table* t : {&abc, &cab}) {
    ASSERT_EQ(t->size(), whole.size());
    EXPECT_EQ(t->group, whole.group);
    EXPECT_EQ(t->window_start, whole.window_start);
    EXPECT_EQ(t->count, whole.count);
    EXPECT_EQ(t->min, whole.min);
    EXPECT_EQ(t->max, whole.max);
    for (std::size_t i = 0; i < whole.size(); ++i) {
      EXPECT_NEAR(t->sum[i], whole.sum[i], 1e-12 * std::fabs(whole.sum[i]));
      EXPECT_NEAR(t->m2[i], whole.m2[i], 1e-9 * std::max(1.0, whole.m2[i]));
    }
  }
  aggregate_options no_moments;
  no_moments.moments = false;
  const window_table bare = *aggregate(r.group, r.t, r.v, w, no_moments);
  EXPECT_THAT(merge(bare, whole), status_is(absl::StatusCode::kInvalidArgument, HasSubstr("moments")));
}

// A fixed table and a fixed stats state, written to tests/data/sensors/ once (see
// README-golden-stats.md); today's code must read those bytes and produce the same ones.
window_table golden_table() {
  std::vector<std::int64_t> g = {5, 5, 5, 9, 9, -2};
  std::vector<std::int64_t> t = {0, 60 * kSecond, 1000 * kSecond, 10 * kSecond, 20 * kSecond, 0};
  std::vector<double> v = {1.5, -2.25, 8.0, 1e10, -1e-10, 0.0};
  return *aggregate(g, t, v, *window_spec::parse("15min", "UTC"));
}

stats golden_stats() {
  stats s;
  for (double v : {3.0, 4.5, -1.25, 1e9}) s.update(v);
  return s;
}

TEST(sensors_serialization, RoundTripsAndGoldenFiles) {
  const window_table t = golden_table();
  const std::string bytes = t.serialize();
  absl::StatusOr<window_table> back = window_table::deserialize(bytes);
  ASSERT_THAT(back, is_ok());
  EXPECT_EQ(back->serialize(), bytes);
  EXPECT_EQ(back->group, t.group);
  EXPECT_EQ(back->m2, t.m2);
  EXPECT_EQ(read_file(NUMRESP_TEST_DATA_DIR "/sensors/window_table_v1.bin"), bytes);
  const stats s = golden_stats();
  EXPECT_EQ(*stats::deserialize(s.serialize()), s);
  EXPECT_EQ(read_file(NUMRESP_TEST_DATA_DIR "/sensors/stats_v1.bin"), s.serialize());
  absl::StatusOr<stats> from_golden = stats::deserialize(read_file(NUMRESP_TEST_DATA_DIR "/sensors/stats_v1.bin"));
  ASSERT_THAT(from_golden, is_ok());
  EXPECT_EQ(from_golden->get_n(), 4u);
  EXPECT_EQ(from_golden->max(), 1e9);
  // An empty state round-trips too.
  EXPECT_TRUE(stats::deserialize(stats().serialize())->is_empty());
}

TEST(sensors_serialization, CorruptForeignAndTruncatedBytesAreErrors) {
  const std::string bytes = golden_table().serialize();
  // Every single-byte corruption is caught (the checksum covers everything but itself; a
  // corrupted checksum no longer matches).
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    std::string bad = bytes;
    bad[i] = static_cast<char>(bad[i] ^ 0x5A);
    EXPECT_FALSE(window_table::deserialize(bad).ok()) << "byte " << i;
  }
  for (std::size_t n = 0; n < bytes.size(); ++n) {
    EXPECT_FALSE(window_table::deserialize(bytes.substr(0, n)).ok()) << "prefix " << n;
  }
  EXPECT_THAT(window_table::deserialize(bytes + "x"),
              status_is(absl::StatusCode::kInvalidArgument, HasSubstr("trailing")));
  EXPECT_THAT(
      window_table::deserialize("PK\x03\x04 this is a zip file, not a table"),
      status_is(absl::StatusCode::kInvalidArgument, HasSubstr("byte offset 0: not a numresp sensor aggregate")));
  EXPECT_THAT(stats::deserialize(bytes),
              status_is(absl::StatusCode::kInvalidArgument, HasSubstr("expected 1 (stats)")));
  // A newer format version is refused, naming the offset.
  std::string newer = bytes;
  newer[4] = 9;
  EXPECT_THAT(window_table::deserialize(newer),
              status_is(absl::StatusCode::kInvalidArgument, HasSubstr("byte offset 4")));
  // A well-framed payload with inconsistent content is refused too.
  byte_writer w;
  w.u64(1);
  w.f64(1);
  w.f64(5);
  w.f64(2);  // min > max
  w.f64(1);
  w.f64(0);
  EXPECT_THAT(stats::deserialize(write_frame(aggregate_type::stats, w.str())),
              status_is(absl::StatusCode::kInvalidArgument, HasSubstr("min must not exceed max")));
  EXPECT_EQ(crc32c("123456789"), 0xE3069283u);  // the CRC-32C check value
}

}  // namespace
}  // namespace numresp::sensors
