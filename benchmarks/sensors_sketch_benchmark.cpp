// Quantile sketch benchmarks (numresp/sensors/quantile_sketch.hpp): updates (k = 200, 10 M uniform
// doubles; target < 25 ns each), merges of two 1 M-reading sketches (target < 10 µs), queries and
// serialization. Run: numresp_benchmarks --benchmark_filter=Sketch --benchmark_repetitions=5
// --benchmark_report_aggregates_only=true (docs/methodology/quantile-sketch.rst, "Speed").
#include <cstddef>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include "numresp/sensors/quantile_sketch.hpp"

namespace {

using numresp::sensors::quantile_sketch;

const std::vector<double>& uniform_readings() {
  static const std::vector<double> readings = [] {
    std::mt19937_64 rng(42);
    std::uniform_real_distribution<double> u(0.0, 1.0);
    std::vector<double> v(10'000'000);
    for (double& x : v) x = u(rng);
    return v;
  }();
  return readings;
}

/// A sketch of `n` readings starting at `offset` in the uniform readings.
quantile_sketch sketch_of(std::size_t offset, std::size_t n, std::uint64_t seed) {
  quantile_sketch s(quantile_sketch::kDefaultK, seed);
  const std::vector<double>& r = uniform_readings();
  s.update(absl::MakeConstSpan(r).subspan(offset, n));
  return s;
}

// One update() per reading: 10 M readings into a fresh sketch per iteration.
void BM_QuantileSketchUpdate(benchmark::State& state) {
  const std::vector<double>& readings = uniform_readings();
  const auto k = static_cast<std::uint16_t>(state.range(0));
  for (auto _ : state) {
    quantile_sketch s(k);
    for (double x : readings) s.update(x);
    benchmark::DoNotOptimize(s);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(readings.size()));
  // Seconds per update, printed with an SI prefix ("21.0n" = 21.0 ns).
  state.counters["per_update"] =
      benchmark::Counter(static_cast<double>(state.iterations()) * static_cast<double>(readings.size()),
                         benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}
BENCHMARK(BM_QuantileSketchUpdate)->Arg(200)->Arg(50)->Arg(1000)->Unit(benchmark::kMillisecond);

// The span overload: the same readings in one call.
void BM_QuantileSketchUpdateSpan(benchmark::State& state) {
  const std::vector<double>& readings = uniform_readings();
  for (auto _ : state) {
    quantile_sketch s;
    s.update(readings);
    benchmark::DoNotOptimize(s);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(readings.size()));
  state.counters["per_update"] =
      benchmark::Counter(static_cast<double>(state.iterations()) * static_cast<double>(readings.size()),
                         benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}
BENCHMARK(BM_QuantileSketchUpdateSpan)->Unit(benchmark::kMillisecond);

// merge() of two sketches of 1 M readings each (different readings and seeds); each iteration
// copies the first, so BM_QuantileSketchCopy's time is included (subtract it).
void BM_QuantileSketchMerge(benchmark::State& state) {
  const quantile_sketch a = sketch_of(0, 1'000'000, 1);
  const quantile_sketch b = sketch_of(1'000'000, 1'000'000, 2);
  for (auto _ : state) {
    quantile_sketch c = a;
    c.merge(b);
    benchmark::DoNotOptimize(c);
  }
  state.counters["retained"] = static_cast<double>(a.get_num_retained() + b.get_num_retained());
}
BENCHMARK(BM_QuantileSketchMerge)->Unit(benchmark::kMicrosecond);

void BM_QuantileSketchCopy(benchmark::State& state) {
  const quantile_sketch a = sketch_of(0, 1'000'000, 1);
  for (auto _ : state) {
    quantile_sketch c = a;
    benchmark::DoNotOptimize(c);
  }
}
BENCHMARK(BM_QuantileSketchCopy)->Unit(benchmark::kMicrosecond);

// Merging 32 partitions of 10 M readings (a Dask-style reduction).
void BM_QuantileSketchMerge32(benchmark::State& state) {
  std::vector<quantile_sketch> parts;
  for (std::size_t p = 0; p < 32; ++p) parts.push_back(sketch_of(p * 312'500, 312'500, p));
  for (auto _ : state) {
    quantile_sketch all;
    for (const quantile_sketch& p : parts) all.merge(p);
    benchmark::DoNotOptimize(all);
  }
}
BENCHMARK(BM_QuantileSketchMerge32)->Unit(benchmark::kMicrosecond);

void BM_QuantileSketchGetQuantile(benchmark::State& state) {
  const quantile_sketch s = sketch_of(0, 1'000'000, 1);
  double rank = 0.5;
  for (auto _ : state) {
    benchmark::DoNotOptimize(rank);
    auto q = s.get_quantile(rank);
    benchmark::DoNotOptimize(q);
  }
}
BENCHMARK(BM_QuantileSketchGetQuantile)->Unit(benchmark::kMicrosecond);

void BM_QuantileSketchGetQuantiles100(benchmark::State& state) {
  const quantile_sketch s = sketch_of(0, 1'000'000, 1);
  std::vector<double> ranks;
  for (int i = 0; i <= 100; ++i) ranks.push_back(i / 100.0);
  for (auto _ : state) {
    auto q = s.get_quantiles(ranks);
    benchmark::DoNotOptimize(q);
  }
}
BENCHMARK(BM_QuantileSketchGetQuantiles100)->Unit(benchmark::kMicrosecond);

void BM_QuantileSketchGetRank(benchmark::State& state) {
  const quantile_sketch s = sketch_of(0, 1'000'000, 1);
  double x = 0.5;
  for (auto _ : state) {
    benchmark::DoNotOptimize(x);
    auto r = s.get_rank(x);
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_QuantileSketchGetRank);

void BM_QuantileSketchSerialize(benchmark::State& state) {
  const quantile_sketch s = sketch_of(0, 1'000'000, 1);
  for (auto _ : state) {
    std::string bytes = s.serialize();
    benchmark::DoNotOptimize(bytes);
  }
  state.counters["bytes"] = static_cast<double>(s.serialize().size());
}
BENCHMARK(BM_QuantileSketchSerialize)->Unit(benchmark::kMicrosecond);

void BM_QuantileSketchDeserialize(benchmark::State& state) {
  const std::string bytes = sketch_of(0, 1'000'000, 1).serialize();
  for (auto _ : state) {
    auto s = quantile_sketch::deserialize(bytes);
    benchmark::DoNotOptimize(s);
  }
}
BENCHMARK(BM_QuantileSketchDeserialize)->Unit(benchmark::kMicrosecond);

}  // namespace
