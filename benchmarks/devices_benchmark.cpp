// Device benchmarks: a fleet's yearly footprint (rows per second on one thread), resolving an
// inventory of named rows, and the fleet Monte Carlo (10,000 draws over 1,000 rows).
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include "numresp/devices/fleet.hpp"
#include "numresp/devices/uncertainty.hpp"

namespace {

namespace devices = numresp::devices;

// A synthetic inventory: every archetype of the set, locations drawn among a few codes, counts
// 1-50, years 2015-2025, a tenth refurbished, a fifth with their own lifetime.
struct synthetic {
  std::vector<std::int32_t> archetype, year, location;
  std::vector<double> count, lifetime;
  std::vector<std::uint8_t> refurbished;
};

synthetic make(const devices::catalog& c, std::size_t n, std::uint64_t seed) {
  synthetic s;
  std::mt19937_64 rng(seed);
  const auto na = static_cast<std::int32_t>(c.archetypes().size());
  std::vector<std::int32_t> locations = {-1};
  for (const char* code : {"FRA", "EEE", "USA", "CHN"}) {
    auto l = c.find_location(code);
    if (l.ok()) locations.push_back(static_cast<std::int32_t>(*l));
  }
  std::uniform_int_distribution<std::int32_t> a(0, na - 1), y(2015, 2025);
  std::uniform_int_distribution<std::size_t> l(0, locations.size() - 1);
  std::uniform_real_distribution<double> u(0, 1);
  for (std::size_t i = 0; i < n; ++i) {
    s.archetype.push_back(a(rng));
    s.year.push_back(y(rng));
    s.location.push_back(locations[l(rng)]);
    s.count.push_back(1 + static_cast<double>(static_cast<int>(u(rng) * 50)));
    s.lifetime.push_back(u(rng) < 0.2 ? 3 + u(rng) * 5 : std::nan(""));
    s.refurbished.push_back(u(rng) < 0.1 ? 1 : 0);
  }
  return s;
}

devices::fleet build(const std::shared_ptr<const devices::catalog>& c, const synthetic& s) {
  devices::inventory_columns cols;
  cols.archetype = s.archetype;
  cols.count = s.count;
  cols.acquisition_year = s.year;
  cols.location = s.location;
  cols.refurbished = s.refurbished;
  cols.lifetime_years = s.lifetime;
  devices::fleet_options o;
  if (!c->refurbishment_share("laptop").ok()) o.refurbishment_share = numresp::estimate<double>::exact(0.27);
  return *devices::fleet::from_columns(c, cols, o);
}

void BM_FleetFootprint(benchmark::State& state, const char* set) {
  auto c = *devices::catalog::builtin(set);
  const auto n = static_cast<std::size_t>(state.range(0));
  const devices::fleet f = build(c, make(*c, n, 3));
  for (auto _ : state) {
    devices::fleet_footprint fp = f.footprint(2025);
    benchmark::DoNotOptimize(fp.total.devices);
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK_CAPTURE(BM_FleetFootprint, ademe_2025, "ademe-2025")->Arg(1000)->Arg(1000000)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_FleetFootprint, boavizta_2_4_1, "boavizta-2.4.1")
    ->Arg(1000)
    ->Arg(1000000)
    ->Unit(benchmark::kMillisecond);

// Building a fleet from columns (validation included).
void BM_FleetFromColumns(benchmark::State& state) {
  auto c = *devices::catalog::builtin("ademe-2025");
  const synthetic s = make(*c, static_cast<std::size_t>(state.range(0)), 5);
  for (auto _ : state) {
    devices::fleet f = build(c, s);
    benchmark::DoNotOptimize(f.size());
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_FleetFromColumns)->Arg(1000000)->Unit(benchmark::kMillisecond);

// Resolving named rows (kind and location strings looked up per row).
void BM_FleetFromRows(benchmark::State& state) {
  auto c = *devices::catalog::builtin("ademe-2025");
  const synthetic s = make(*c, static_cast<std::size_t>(state.range(0)), 5);
  std::vector<devices::inventory_row> rows(s.archetype.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const devices::archetype& a = c->archetypes()[static_cast<std::size_t>(s.archetype[i])];
    rows[i].kind = a.kind;
    rows[i].variant = a.variant;
    rows[i].count = s.count[i];
    rows[i].acquisition_year = s.year[i];
    if (s.location[i] >= 0) rows[i].location = c->electricity()[static_cast<std::size_t>(s.location[i])].code;
  }
  for (auto _ : state) {
    auto f = devices::fleet::create(c, rows);
    benchmark::DoNotOptimize(f->size());
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_FleetFromRows)->Arg(100000)->Unit(benchmark::kMillisecond);

void BM_FleetMonteCarlo(benchmark::State& state, const char* set) {
  auto c = *devices::catalog::builtin(set);
  const devices::fleet f = build(c, make(*c, static_cast<std::size_t>(state.range(0)), 9));
  devices::monte_carlo_options o;
  o.draws = static_cast<std::size_t>(state.range(1));
  for (auto _ : state) {
    auto r = devices::monte_carlo(f, 2025, o);
    benchmark::DoNotOptimize(r->draws);
  }
  state.SetItemsProcessed(state.iterations() * state.range(1));
}
BENCHMARK_CAPTURE(BM_FleetMonteCarlo, ademe_2025, "ademe-2025")->Args({1000, 10000})->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_FleetMonteCarlo, boavizta_2_4_1, "boavizta-2.4.1")
    ->Args({1000, 10000})
    ->Unit(benchmark::kMillisecond);

}  // namespace
