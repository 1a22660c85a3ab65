// Core benchmarks: the typed-units path against raw doubles (it must cost the same), estimate
// sums, and unit-string parsing. Run a release build: see benchmarks/README.md.
#include <cstddef>
#include <random>
#include <vector>

#include <benchmark/benchmark.h>

#include "numresp/core/estimate.hpp"
#include "numresp/core/unit_string.hpp"
#include "numresp/core/units.hpp"

namespace {

namespace u = numresp::units;

struct device_rows {
  std::vector<double> power_w;
  std::vector<double> hours;
  std::vector<u::power> power;
  std::vector<u::duration> time;
};

device_rows make_rows(std::size_t n) {
  std::mt19937_64 rng(42);
  std::uniform_real_distribution<double> watts(5.0, 120.0);
  std::uniform_real_distribution<double> hours(100.0, 3000.0);
  device_rows rows;
  rows.power_w.reserve(n);
  rows.hours.reserve(n);
  rows.power.reserve(n);
  rows.time.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    rows.power_w.push_back(watts(rng));
    rows.hours.push_back(hours(rng));
    rows.power.push_back(rows.power_w.back() * u::watt);
    rows.time.push_back(rows.hours.back() * u::hour);
  }
  return rows;
}

// Use-phase emissions of a fleet, raw doubles: W × h × (kg CO2e / kWh) → g CO2e.
void BM_UseEmissionsRawDouble(benchmark::State& state) {
  const auto rows = make_rows(static_cast<std::size_t>(state.range(0)));
  const double grid_g_per_j = 0.0519 * 1000.0 / 3.6e6;
  for (auto _ : state) {
    double total_g = 0.0;
    for (std::size_t i = 0; i < rows.power_w.size(); ++i) {
      total_g += rows.power_w[i] * (rows.hours[i] * 3600.0) * grid_g_per_j;
    }
    benchmark::DoNotOptimize(total_g);
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_UseEmissionsRawDouble)->RangeMultiplier(8)->Range(1 << 10, 1 << 20);

// The same computation with typed quantities: power × duration × carbon intensity.
void BM_UseEmissionsTyped(benchmark::State& state) {
  const auto rows = make_rows(static_cast<std::size_t>(state.range(0)));
  const u::carbon_intensity grid = 0.0519 * u::kg_co2e / u::kilowatt_hour;
  for (auto _ : state) {
    u::co2e_mass total = 0.0 * u::gram_co2e;
    for (std::size_t i = 0; i < rows.power.size(); ++i) {
      total += rows.power[i] * rows.time[i] * grid;
    }
    benchmark::DoNotOptimize(total);
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_UseEmissionsTyped)->RangeMultiplier(8)->Range(1 << 10, 1 << 20);

// Summing estimates (value, low, high) against three raw sums.
void BM_EstimateSum(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  std::vector<numresp::estimate<u::co2e_mass>> items;
  items.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    const double v = static_cast<double>(i % 100) + 10.0;
    items.push_back(
        *numresp::estimate<u::co2e_mass>::create(v * u::kg_co2e, 0.8 * v * u::kg_co2e, 1.3 * v * u::kg_co2e));
  }
  for (auto _ : state) {
    numresp::estimate<u::co2e_mass> total;
    for (const auto& e : items) total += e;
    benchmark::DoNotOptimize(total);
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_EstimateSum)->Arg(1 << 16);

void BM_EstimateSumRawDouble(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  std::vector<double> v(n), lo(n), hi(n);
  for (std::size_t i = 0; i < n; ++i) {
    v[i] = (static_cast<double>(i % 100) + 10.0) * 1000.0;
    lo[i] = 0.8 * v[i];
    hi[i] = 1.3 * v[i];
  }
  for (auto _ : state) {
    double sv = 0.0;
    double sl = 0.0;
    double sh = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
      sv += v[i];
      sl += lo[i];
      sh += hi[i];
    }
    benchmark::DoNotOptimize(sv);
    benchmark::DoNotOptimize(sl);
    benchmark::DoNotOptimize(sh);
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_EstimateSumRawDouble)->Arg(1 << 16);

void BM_ParseUnit(benchmark::State& state) {
  for (auto _ : state) {
    auto spec = u::parse_unit("kg CO2e / kWh");
    benchmark::DoNotOptimize(spec);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ParseUnit);

}  // namespace
