// Web benchmarks: the EcoIndex bulk kernel on one thread, into preallocated outputs.
#include <cstddef>
#include <cstdint>
#include <random>
#include <vector>

#include <benchmark/benchmark.h>

#include "numresp/web/ecoindex.hpp"

namespace {

namespace web = numresp::web;

void BM_EcoIndexBulk(benchmark::State& state, web::flavour f) {
  const auto n = static_cast<std::size_t>(state.range(0));
  std::mt19937_64 rng(11);
  std::uniform_real_distribution<double> dom(1, 5000), req(1, 300), size(1, 10000);
  std::vector<double> d(n), r(n), s(n), score(n), ghg(n), water(n);
  std::vector<char> grade(n);
  for (std::size_t i = 0; i < n; ++i) {
    d[i] = dom(rng);
    r[i] = req(rng);
    s[i] = size(rng);
  }
  for (auto _ : state) {
    auto status = web::ecoindex(d, r, s, f, absl::MakeSpan(score), absl::MakeSpan(grade), absl::MakeSpan(ghg),
                                absl::MakeSpan(water));
    benchmark::DoNotOptimize(status);
    benchmark::DoNotOptimize(score.data());
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK_CAPTURE(BM_EcoIndexBulk, raw, web::flavour::raw)->Arg(1 << 12)->Arg(1 << 22);
BENCHMARK_CAPTURE(BM_EcoIndexBulk, ecoindex_fr, web::flavour::ecoindex_fr)->Arg(1 << 12)->Arg(1 << 22);

void BM_EcoIndexScalar(benchmark::State& state) {
  double dom = 700;
  for (auto _ : state) {
    benchmark::DoNotOptimize(dom);
    auto r = web::ecoindex(dom, 80, 1500);
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_EcoIndexScalar);

}  // namespace
