// Inclusion benchmarks: coverage of 1,000,000 demand points by 5,000 sites, and greedy siting of
// 20 sites among 10,000 candidates over 1,000,000 demand points, on one thread. Points are spread
// uniformly over about 39 km × 39 km around Poitiers; the radius is 300 m.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <random>
#include <vector>

#include <benchmark/benchmark.h>

#include "numresp/inclusion/coverage.hpp"
#include "numresp/inclusion/proportion.hpp"

namespace {

namespace inc = numresp::inclusion;

struct points {
  std::vector<double> lon, lat, w;
};

points make(std::size_t n, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> dlon(0.34 - 0.25, 0.34 + 0.25), dlat(46.58 - 0.175, 46.58 + 0.175), w(0, 50);
  points p;
  p.lon.resize(n);
  p.lat.resize(n);
  p.w.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    p.lon[i] = dlon(rng);
    p.lat[i] = dlat(rng);
    p.w[i] = w(rng);
  }
  return p;
}

void BM_Coverage(benchmark::State& state) {
  const points demand = make(static_cast<std::size_t>(state.range(0)), 1);
  const points sites = make(static_cast<std::size_t>(state.range(1)), 2);
  for (auto _ : state) {
    auto r = inc::coverage(demand.lon, demand.lat, demand.w, sites.lon, sites.lat, 300.0);
    benchmark::DoNotOptimize(r->share);
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_Coverage)->Args({1000000, 5000})->Args({100000, 5000})->Unit(benchmark::kMillisecond);

void BM_SiteGreedy(benchmark::State& state) {
  const points demand = make(static_cast<std::size_t>(state.range(0)), 3);
  const points candidates = make(static_cast<std::size_t>(state.range(1)), 4);
  const points existing = make(200, 5);
  inc::siting_problem p;
  p.demand_lon = demand.lon;
  p.demand_lat = demand.lat;
  p.weights = demand.w;
  p.candidate_lon = candidates.lon;
  p.candidate_lat = candidates.lat;
  p.existing_lon = existing.lon;
  p.existing_lat = existing.lat;
  p.radius_m = 300;
  for (auto _ : state) {
    auto r = inc::site_greedy(p, static_cast<std::size_t>(state.range(2)));
    benchmark::DoNotOptimize(r->curve.back());
  }
}
BENCHMARK(BM_SiteGreedy)->Args({1000000, 10000, 20})->Unit(benchmark::kMillisecond);

void BM_ProportionCiBulk(benchmark::State& state, inc::ci_method m) {
  const auto n = static_cast<std::size_t>(state.range(0));
  std::mt19937_64 rng(6);
  std::uniform_int_distribution<int> trials(1, 5000);
  std::vector<double> x(n), t(n), lo(n), hi(n);
  for (std::size_t i = 0; i < n; ++i) {
    t[i] = trials(rng);
    x[i] = std::floor(t[i] * 0.2);
  }
  for (auto _ : state) {
    auto s = inc::proportion_ci(x, t, m, 0.95, absl::MakeSpan(lo), absl::MakeSpan(hi));
    benchmark::DoNotOptimize(s);
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK_CAPTURE(BM_ProportionCiBulk, wilson, inc::ci_method::wilson)->Arg(100000);
BENCHMARK_CAPTURE(BM_ProportionCiBulk, clopper_pearson, inc::ci_method::clopper_pearson)->Arg(100000);

}  // namespace
