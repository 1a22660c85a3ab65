// Splitting a bulk kernel over threads, for the numpy paths (the GIL is released by the caller).
#ifndef NUMRESP_PYTHON_PARALLEL_HPP_
#define NUMRESP_PYTHON_PARALLEL_HPP_

#include <algorithm>
#include <cstddef>
#include <thread>
#include <vector>

#include "absl/status/status.h"

namespace numresp::python {

/// Runs `chunk(begin, end)` over [0, n) in contiguous pieces on up to hardware_concurrency()
/// threads (at most 8), only when each piece gets at least `min_chunk` items: below that a thread
/// costs more than it saves. Returns the first non-OK status of the pieces, in order.
template <class Chunk>
absl::Status parallel_chunks(std::size_t n, std::size_t min_chunk, Chunk chunk) {
  const std::size_t hardware = std::max(1u, std::thread::hardware_concurrency());
  const std::size_t threads = std::min<std::size_t>({hardware, 8, std::max<std::size_t>(1, n / min_chunk)});
  if (threads <= 1) return chunk(std::size_t{0}, n);
  std::vector<absl::Status> results(threads);
  std::vector<std::thread> pool;
  const std::size_t size = (n + threads - 1) / threads;
  for (std::size_t t = 1; t < threads; ++t) {
    pool.emplace_back([&, t] { results[t] = chunk(std::min(n, t * size), std::min(n, (t + 1) * size)); });
  }
  results[0] = chunk(std::size_t{0}, std::min(n, size));
  for (auto& th : pool) th.join();
  for (const absl::Status& s : results) {
    if (!s.ok()) return s;
  }
  return absl::OkStatus();
}

}  // namespace numresp::python

#endif  // NUMRESP_PYTHON_PARALLEL_HPP_
