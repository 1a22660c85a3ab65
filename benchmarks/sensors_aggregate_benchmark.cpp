// numresp::sensors::aggregate on the research baseline's workload (research/sensors.md §4, the
// same as benchmarks/sensors_vs_pandas.py): 10,000,000 readings, sensor ids uniform in 0..9,999,
// epoch-second timestamps uniform over 30 days in random order, values ~ N(20, 5); per-(sensor,
// 15-minute window) count, sum, min, max and mean, on one and on two threads. The counters give
// the kernel's phases (aggregate_timings), averaged over the iterations, in milliseconds.
//
//   numresp_benchmarks --benchmark_filter=SensorsAggregate --benchmark_repetitions=5
//       --benchmark_report_aggregates_only=true
#include <cstddef>
#include <cstdint>
#include <random>
#include <vector>

#include <benchmark/benchmark.h>

#include "absl/status/statusor.h"
#include "numresp/sensors/aggregate.hpp"
#include "numresp/sensors/windows.hpp"

namespace {

namespace sensors = numresp::sensors;

struct workload {
  std::vector<std::int64_t> sensor, seconds;
  std::vector<double> value;
};

const workload& baseline() {
  static const workload w = [] {
    constexpr std::size_t n = 10000000;
    workload x;
    std::mt19937_64 rng(20261129);
    std::uniform_int_distribution<std::int64_t> sensor(0, 9999);
    std::uniform_int_distribution<std::int64_t> second(1700000000, 1700000000 + 30 * 86400 - 1);
    std::normal_distribution<double> value(20, 5);
    x.sensor.resize(n);
    x.seconds.resize(n);
    x.value.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
      x.sensor[i] = sensor(rng);
      x.seconds[i] = second(rng);
      x.value[i] = value(rng);
    }
    return x;
  }();
  return w;
}

void BM_SensorsAggregate(benchmark::State& state) {
  const workload& w = baseline();
  const sensors::window_spec spec = *sensors::window_spec::parse("15min", "UTC");
  sensors::aggregate_timings t;
  sensors::aggregate_options o;
  o.moments = false;
  o.threads = static_cast<unsigned>(state.range(0));
  o.time_unit_ns = sensors::ns_per_second;
  o.timings = &t;
  sensors::aggregate_timings sum;
  std::size_t rows = 0;
  for (auto _ : state) {
    absl::StatusOr<sensors::window_table> r = sensors::aggregate(w.sensor, w.seconds, w.value, spec, o);
    if (!r.ok()) {
      state.SkipWithError("aggregate failed");
      break;
    }
    rows = r->size();
    benchmark::DoNotOptimize(r->sum.data());
    sum.extent += t.extent;
    sum.keys += t.keys;
    sum.count += t.count;
    sum.scatter += t.scatter;
    sum.rows += t.rows;
    sum.reduce += t.reduce;
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(w.value.size()));
  const auto avg = benchmark::Counter::kAvgIterations;
  state.counters["extent_ms"] = benchmark::Counter(sum.extent, avg);
  state.counters["keys_ms"] = benchmark::Counter(sum.keys, avg);
  state.counters["count_ms"] = benchmark::Counter(sum.count, avg);
  state.counters["scatter_ms"] = benchmark::Counter(sum.scatter, avg);
  state.counters["rows_ms"] = benchmark::Counter(sum.rows, avg);
  state.counters["reduce_ms"] = benchmark::Counter(sum.reduce, avg);
  state.counters["groups"] = static_cast<double>(rows);
}
BENCHMARK(BM_SensorsAggregate)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
