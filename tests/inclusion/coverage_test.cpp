// Tests of numresp/inclusion/coverage.hpp: distances, coverage by hand and against brute force,
// greedy siting against brute-force optima on small instances (the greedy keeps at least 1 − 1/e
// of the optimum; the exact solver finds the optimum), existing sites, and bad input.
#include "numresp/inclusion/coverage.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "numresp/testing/status_matchers.hpp"

namespace numresp::inclusion {
namespace {

using ::numresp::testing::is_ok;
using ::numresp::testing::status_is;
using ::testing::HasSubstr;

// Poitiers town hall, roughly.
constexpr double kLon = 0.3404;
constexpr double kLat = 46.5802;

struct points {
  std::vector<double> lon, lat, w;
};

points random_points(std::size_t n, std::uint64_t seed, double spread_deg, bool weights) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> d(-spread_deg, spread_deg);
  std::uniform_real_distribution<double> wd(0, 100);
  points p;
  for (std::size_t i = 0; i < n; ++i) {
    p.lon.push_back(kLon + d(rng));
    p.lat.push_back(kLat + d(rng) * 0.7);
    if (weights) p.w.push_back(std::floor(wd(rng)));
  }
  return p;
}

TEST(inclusion_coverage, GreatCircleDistances) {
  // One degree of latitude on the mean sphere: π R / 180.
  EXPECT_NEAR(great_circle_m(0, 0, 0, 1), 3.14159265358979323846 * earth_radius_m / 180, 1e-6);
  // Paris (Notre-Dame) to Poitiers (town hall): about 297 km.
  EXPECT_NEAR(great_circle_m(2.3499, 48.8530, kLon, kLat), 297000, 3000);
  EXPECT_EQ(great_circle_m(kLon, kLat, kLon, kLat), 0.0);
  // Antipodes.
  EXPECT_NEAR(great_circle_m(0, 0, 180, 0), 3.14159265358979323846 * earth_radius_m, 1e-3);
}

TEST(inclusion_coverage, ByHandAndWeights) {
  // Three points 0, 150 m and 400 m east of a site; radius 200 m.
  const double dlon = 1.0 / (111194.93 * std::cos(kLat * 3.14159265358979323846 / 180));  // degrees per metre
  const std::vector<double> lon = {kLon, kLon + 150 * dlon, kLon + 400 * dlon};
  const std::vector<double> lat = {kLat, kLat, kLat};
  const std::vector<double> w = {10, 20, 70};
  const std::vector<double> site_lon = {kLon};
  const std::vector<double> site_lat = {kLat};
  std::vector<std::uint8_t> mask(3);
  absl::StatusOr<coverage_result> r = coverage(lon, lat, w, site_lon, site_lat, 200, absl::MakeSpan(mask));
  ASSERT_THAT(r, is_ok());
  EXPECT_EQ(r->covered_weight, 30.0);
  EXPECT_EQ(r->total_weight, 100.0);
  EXPECT_EQ(r->share, 0.3);
  EXPECT_EQ(r->covered_points, 2u);
  EXPECT_THAT(mask, ::testing::ElementsAre(1, 1, 0));
  // Unweighted: each point counts 1.
  EXPECT_NEAR(coverage(lon, lat, {}, site_lon, site_lat, 200)->share, 2.0 / 3, 1e-15);
  // No site: nothing covered.
  EXPECT_EQ(coverage(lon, lat, w, {}, {}, 200)->share, 0.0);
}

TEST(inclusion_coverage, MatchesBruteForce) {
  const points demand = random_points(3000, 1, 0.05, true);
  const points sites = random_points(150, 2, 0.05, false);
  for (double radius : {50.0, 300.0, 1200.0}) {
    double want = 0;
    double total = 0;
    for (std::size_t i = 0; i < demand.lon.size(); ++i) {
      total += demand.w[i];
      for (std::size_t j = 0; j < sites.lon.size(); ++j) {
        if (great_circle_m(demand.lon[i], demand.lat[i], sites.lon[j], sites.lat[j]) <= radius) {
          want += demand.w[i];
          break;
        }
      }
    }
    absl::StatusOr<coverage_result> r = coverage(demand.lon, demand.lat, demand.w, sites.lon, sites.lat, radius);
    ASSERT_THAT(r, is_ok());
    EXPECT_EQ(r->covered_weight, want) << radius;
    EXPECT_EQ(r->total_weight, total);
  }
}

TEST(inclusion_coverage, AcrossTheAntimeridianAndAtThePole) {
  const std::vector<double> lon = {179.9995, -179.9995, 10};
  const std::vector<double> lat = {0, 0, 89.9999};
  const std::vector<double> site_lon = {180.0, 100};
  const std::vector<double> site_lat = {0, 89.9999};
  absl::StatusOr<coverage_result> r = coverage(lon, lat, {}, site_lon, site_lat, 100);
  ASSERT_THAT(r, is_ok());
  EXPECT_EQ(r->covered_points, 3u);
}

double brute_force_best(const points& demand, const points& cand, double radius, std::size_t k,
                        std::vector<std::size_t>* best_set = nullptr) {
  const std::size_t m = cand.lon.size();
  std::vector<std::vector<bool>> covers(m, std::vector<bool>(demand.lon.size()));
  for (std::size_t j = 0; j < m; ++j) {
    for (std::size_t i = 0; i < demand.lon.size(); ++i) {
      covers[j][i] = great_circle_m(demand.lon[i], demand.lat[i], cand.lon[j], cand.lat[j]) <= radius;
    }
  }
  double best = 0;
  std::vector<bool> pick(m, false);
  std::fill(pick.begin(), pick.begin() + static_cast<std::ptrdiff_t>(std::min(k, m)), true);
  do {
    double v = 0;
    for (std::size_t i = 0; i < demand.lon.size(); ++i) {
      for (std::size_t j = 0; j < m; ++j) {
        if (pick[j] && covers[j][i]) {
          v += demand.w[i];
          break;
        }
      }
    }
    if (v > best) {
      best = v;
      if (best_set) {
        best_set->clear();
        for (std::size_t j = 0; j < m; ++j) {
          if (pick[j]) best_set->push_back(j);
        }
      }
    }
  } while (std::prev_permutation(pick.begin(), pick.end()));
  return best;
}

TEST(inclusion_siting, GreedyKeepsItsGuaranteeAndExactFindsTheOptimum) {
  const double guarantee = 1 - 1 / std::exp(1.0);
  for (std::uint64_t seed = 0; seed < 12; ++seed) {
    const points demand = random_points(400, 100 + seed, 0.02, true);
    const points cand = random_points(14, 200 + seed, 0.02, false);
    const double radius = 500;
    const std::size_t k = 3;
    const double optimum = brute_force_best(demand, cand, radius, k);
    siting_problem p;
    p.demand_lon = demand.lon;
    p.demand_lat = demand.lat;
    p.weights = demand.w;
    p.candidate_lon = cand.lon;
    p.candidate_lat = cand.lat;
    p.radius_m = radius;
    absl::StatusOr<siting_result> g = site_greedy(p, k);
    ASSERT_THAT(g, is_ok());
    ASSERT_EQ(g->chosen.size(), k);
    EXPECT_GE(g->curve.back(), guarantee * optimum) << seed;
    EXPECT_LE(g->curve.back(), optimum) << seed;
    // The curve is non-decreasing and equals the coverage of the chosen prefix.
    for (std::size_t s = 1; s < g->curve.size(); ++s) EXPECT_GE(g->curve[s], g->curve[s - 1]);
    std::vector<double> lon, lat;
    for (std::size_t j : g->chosen) {
      lon.push_back(cand.lon[j]);
      lat.push_back(cand.lat[j]);
    }
    EXPECT_DOUBLE_EQ(coverage(demand.lon, demand.lat, demand.w, lon, lat, radius)->covered_weight, g->curve.back());
    absl::StatusOr<siting_result> e = site_exact(p, k);
    ASSERT_THAT(e, is_ok());
    EXPECT_TRUE(e->optimal);
    EXPECT_NEAR(e->curve.back(), optimum, 1e-9) << seed;
    EXPECT_GE(e->curve.back(), g->curve.back());
  }
}

TEST(inclusion_siting, ExistingSitesAreKept) {
  const points demand = random_points(500, 7, 0.02, true);
  const points cand = random_points(30, 8, 0.02, false);
  const points existing = random_points(3, 9, 0.02, false);
  siting_problem p;
  p.demand_lon = demand.lon;
  p.demand_lat = demand.lat;
  p.weights = demand.w;
  p.candidate_lon = cand.lon;
  p.candidate_lat = cand.lat;
  p.existing_lon = existing.lon;
  p.existing_lat = existing.lat;
  p.radius_m = 400;
  absl::StatusOr<siting_result> g = site_greedy(p, 5);
  ASSERT_THAT(g, is_ok());
  EXPECT_DOUBLE_EQ(g->initial_weight,
                   coverage(demand.lon, demand.lat, demand.w, existing.lon, existing.lat, 400)->covered_weight);
  // The final coverage is that of existing + chosen sites.
  std::vector<double> lon = existing.lon, lat = existing.lat;
  for (std::size_t j : g->chosen) {
    lon.push_back(cand.lon[j]);
    lat.push_back(cand.lat[j]);
  }
  EXPECT_DOUBLE_EQ(coverage(demand.lon, demand.lat, demand.w, lon, lat, 400)->covered_weight, g->curve.back());
  // Asking for more sites than useful stops the curve when nothing is left to gain.
  absl::StatusOr<siting_result> all = site_greedy(p, 1000);
  ASSERT_THAT(all, is_ok());
  EXPECT_LE(all->chosen.size(), cand.lon.size());
  // The exact solver gives up with a clear message when the search is too large.
  p.radius_m = 1500;
  EXPECT_THAT(site_exact(p, 8, 50), status_is(absl::StatusCode::kOutOfRange, HasSubstr("more than 50 nodes")));
}

TEST(inclusion_coverage, BadInputNamesTheArgument) {
  const std::vector<double> lon = {0.3, 400};
  const std::vector<double> lat = {46.5, 46.5};
  const std::vector<double> ok_lon = {0.3};
  const std::vector<double> ok_lat = {46.5};
  EXPECT_THAT(coverage(lon, lat, {}, ok_lon, ok_lat, 100),
              status_is(absl::StatusCode::kInvalidArgument, HasSubstr("demand[1]: longitude must be in [-180, 360]")));
  const std::vector<double> bad_lat = {46.5, 95};
  EXPECT_THAT(coverage(ok_lon, ok_lat, {}, lon, bad_lat, 100), status_is(absl::StatusCode::kInvalidArgument));
  const std::vector<double> neg = {-1};
  EXPECT_THAT(coverage(ok_lon, ok_lat, neg, ok_lon, ok_lat, 100),
              status_is(absl::StatusCode::kInvalidArgument, HasSubstr("weights[0]")));
  EXPECT_THAT(coverage(ok_lon, ok_lat, {}, ok_lon, ok_lat, 0),
              status_is(absl::StatusCode::kInvalidArgument, HasSubstr("radius_m")));
  EXPECT_THAT(coverage(ok_lon, lat, {}, ok_lon, ok_lat, 10),
              status_is(absl::StatusCode::kInvalidArgument, HasSubstr("1 longitudes but 2 latitudes")));
}

}  // namespace
}  // namespace numresp::inclusion
