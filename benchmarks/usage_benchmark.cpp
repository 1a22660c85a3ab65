// Usage benchmarks: the bulk data-transfer kernels (one thread; the Python binding may split large
// arrays over threads) and a scalar call.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <random>
#include <vector>

#include <benchmark/benchmark.h>

#include "numresp/usage/traffic.hpp"

namespace {

namespace traffic = numresp::usage::traffic;

std::vector<double> byte_counts(std::size_t n) {
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> exponent(0.0, 12.0);
  std::vector<double> bytes(n);
  for (double& b : bytes) b = std::pow(10.0, exponent(rng));
  return bytes;
}

void BM_TrafficPerByteBulk(benchmark::State& state, traffic::model m) {
  const auto bytes = byte_counts(static_cast<std::size_t>(state.range(0)));
  std::vector<double> out(bytes.size());
  const auto calc = *traffic::calculator::create(m);
  for (auto _ : state) {
    auto status = calc.per_byte_g(bytes, absl::MakeSpan(out));
    benchmark::DoNotOptimize(status);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
  state.SetBytesProcessed(state.iterations() * state.range(0) * static_cast<std::int64_t>(2 * sizeof(double)));
}
BENCHMARK_CAPTURE(BM_TrafficPerByteBulk, swd4, traffic::model::swd4)->RangeMultiplier(8)->Range(1 << 10, 1 << 22);
BENCHMARK_CAPTURE(BM_TrafficPerByteBulk, swd3, traffic::model::swd3)->Arg(1 << 16)->Arg(1 << 22);
BENCHMARK_CAPTURE(BM_TrafficPerByteBulk, onebyte, traffic::model::onebyte)->Arg(1 << 16)->Arg(1 << 22);

void BM_TrafficPerByteScalar(benchmark::State& state) {
  const auto calc = *traffic::calculator::create(traffic::model::swd4);
  double bytes = 1e6;
  for (auto _ : state) {
    benchmark::DoNotOptimize(bytes);
    double g = calc.per_byte_g(bytes);
    benchmark::DoNotOptimize(g);
  }
}
BENCHMARK(BM_TrafficPerByteScalar);

void BM_TrafficCalculatorCreate(benchmark::State& state) {
  traffic::options o;
  o.green_hosting_factor = 0.5;
  for (auto _ : state) {
    auto calc = traffic::calculator::create(traffic::model::swd4, o);
    benchmark::DoNotOptimize(calc);
  }
}
BENCHMARK(BM_TrafficCalculatorCreate);

}  // namespace
