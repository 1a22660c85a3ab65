// Kernels of the KLL quantile sketch (src/sensors/quantile_sketch.cpp): the level capacities,
// the sort of level 0 and the merges of sorted levels. Internal: not installed.
#ifndef NUMRESP_SRC_SENSORS_QUANTILE_SKETCH_KERNELS_HPP_
#define NUMRESP_SRC_SENSORS_QUANTILE_SKETCH_KERNELS_HPP_

#include <cstddef>
#include <cstdint>
#include <cstring>

namespace numresp::sensors::kll {

/// The smallest capacity of a level (the KLL paper's floor on compactor sizes).
inline constexpr std::uint32_t kMinLevelCapacity = 8;
/// The smallest capacity of level 0 (for k >= 64; k otherwise).
inline constexpr std::uint32_t kMinLevelZeroCapacity = 64;

/// The capacity of the level `depth` levels below the top for accuracy `k`: k (2/3)^depth,
/// rounded to the nearest integer (halves up), at least `min_capacity` — computed exactly in integers so
/// that every platform sizes the levels, and so compacts, identically.
inline std::uint32_t depth_capacity(std::uint32_t k, std::uint32_t depth, std::uint32_t min_capacity) noexcept {
  // 65535 (2/3)^31 < 1: deeper levels are at the floor; 2^30 k and 3^30 fit in 64 bits.
  if (depth > 30) return min_capacity;
  std::uint64_t pow2 = std::uint64_t{1} << depth;
  std::uint64_t pow3 = 1;
  for (std::uint32_t i = 0; i < depth; ++i) pow3 *= 3;
  const std::uint64_t rounded = (2 * k * pow2 + pow3) / (2 * pow3);
  return rounded < min_capacity ? min_capacity : static_cast<std::uint32_t>(rounded);
}

/// The capacity of level `h` of `levels` for accuracy `k`: @ref depth_capacity with floor 8, and
/// at least min(k, 64) for level 0 (the raw readings), so that level 0 is sorted in batches.
inline std::uint32_t level_capacity(std::uint32_t k, std::uint32_t h, std::uint32_t levels) noexcept {
  const std::uint32_t c = depth_capacity(k, levels - 1 - h, kMinLevelCapacity);
  if (h != 0) return c;
  const std::uint32_t floor0 = k < kMinLevelZeroCapacity ? k : kMinLevelZeroCapacity;
  return c < floor0 ? floor0 : c;
}

/// The total capacity of `levels` levels for accuracy `k`.
inline std::uint32_t total_capacity(std::uint32_t k, std::uint32_t levels) noexcept {
  std::uint32_t total = 0;
  for (std::uint32_t h = 0; h < levels; ++h) total += level_capacity(k, h, levels);
  return total;
}

/// A monotone map of doubles (not NaN) to unsigned integers: a < b implies key(a) < key(b); −0
/// sorts just before +0.
inline std::uint64_t sort_key(double d) noexcept {
  std::uint64_t u = 0;
  std::memcpy(&u, &d, sizeof u);
  const std::uint64_t mask = (u >> 63) != 0 ? ~std::uint64_t{0} : std::uint64_t{1} << 63;
  return u ^ mask;
}

/// Sorts `n` doubles (no NaN) ascending; `scratch` holds at least `n` doubles.
void sort(double* data, std::size_t n, double* scratch) noexcept;

/// Merges sorted `a` (`na` items) and sorted `b` (`nb`) into `out` (`na + nb`, no overlap with
/// either).
void merge(const double* a, std::size_t na, const double* b, std::size_t nb, double* out) noexcept;

/// Merges sorted `b` (`nb` items, elsewhere) into the sorted `na` items at `a`: the result fills
/// a[0, na + nb); `scratch` (at least `na` doubles, not overlapping `b`) is working space.
void merge_into(double* a, std::size_t na, const double* b, std::size_t nb, double* scratch) noexcept;

}  // namespace numresp::sensors::kll

#endif  // NUMRESP_SRC_SENSORS_QUANTILE_SKETCH_KERNELS_HPP_
