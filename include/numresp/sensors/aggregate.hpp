/// @file
/// Per-sensor (or per-zone) window statistics over many readings at once, as a mergeable table
/// (methodology: docs/methodology/sensors, "Grouped statistics").
///
/// The kernel keys each group id (its offset from the smallest id when ids are compact, a dense
/// index otherwise), counts readings per key and row chunk, scatters (value, window) pairs into
/// one bucket per key in parallel (each thread fills its own slice of every bucket), then
/// reduces each bucket with a small array of per-window accumulators that stays in cache,
/// emitting windows in order straight into the final columns; keys are split between threads.
/// When the range spans too many windows for that array, it sorts composite
/// keys (key × windows + window) with a radix sort instead. Readings may come in any order;
/// each group's readings are summed in input order, so the result does not depend on the thread
/// count. A table of states merges with
/// another table (other readings, another partition) in any order, which is how
/// `numresp.dask.aggregate` scales out.
#ifndef NUMRESP_SENSORS_AGGREGATE_HPP_
#define NUMRESP_SENSORS_AGGREGATE_HPP_

#include <cstddef>
#include <cstdint>
#include <new>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "numresp/sensors/stats.hpp"
#include "numresp/sensors/windows.hpp"

namespace numresp::sensors {

namespace detail {
/// Raw allocation for @ref numresp::sensors::column_allocator (64-byte aligned; huge-page advice
/// from 4 MiB on Linux).
[[nodiscard]] void* allocate_column_bytes(std::size_t bytes);
/// Frees @ref allocate_column_bytes's memory.
void free_column_bytes(void* p) noexcept;
}  // namespace detail

/// An allocator for large numeric columns: elements are not zeroed by `resize` (the kernel writes
/// every element it keeps), and blocks of 4 MiB and more ask the kernel for transparent huge
/// pages, which saves most page faults on the hundreds of megabytes a table can take.
template <class T>
struct column_allocator {
  using value_type = T;
  column_allocator() noexcept = default;
  template <class U>
  column_allocator(const column_allocator<U>& /*other*/) noexcept {}  // NOLINT(google-explicit-constructor)
  [[nodiscard]] T* allocate(std::size_t n) { return static_cast<T*>(detail::allocate_column_bytes(n * sizeof(T))); }
  void deallocate(T* p, std::size_t /*n*/) noexcept { detail::free_column_bytes(p); }
  template <class U>
  void construct(U* p) noexcept {
    ::new (static_cast<void*>(p)) U;  // default-initialised: no zeroing
  }
  template <class U, class... Args>
  void construct(U* p, Args&&... args) {
    ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
  }
  template <class U>
  friend bool operator==(const column_allocator&, const column_allocator<U>&) noexcept {
    return true;
  }
  template <class U>
  friend bool operator!=(const column_allocator&, const column_allocator<U>&) noexcept {
    return false;
  }
};

/// A column of a @ref numresp::sensors::window_table.
template <class T>
using column = std::vector<T, column_allocator<T>>;

/// Statistics per (group, window), sorted by group then window start. Columns hold every
/// state's parts, so tables merge and serialize.
struct window_table {
  column<std::int64_t> group;         ///< sensor (or zone) id
  column<std::int64_t> window_start;  ///< window start [ns since the epoch]
  column<std::uint64_t> count;        ///< readings (NaN readings not counted)
  column<double> sum;                 ///< Σ v
  column<double> min;                 ///< smallest v (NaN when count is 0)
  column<double> max;                 ///< largest v (NaN when count is 0)
  /// Mean: sum / count in the kernel's rows; after a merge, the merged (Chan) mean, equal to
  /// sum / count up to rounding.
  column<double> mean;
  column<double> m2;  ///< Σ (v − mean)²

  /// Rows.
  [[nodiscard]] std::size_t size() const noexcept { return group.size(); }
  /// Row `i` as a state.
  [[nodiscard]] stats row(std::size_t i) const noexcept;
  /// Appends a row.
  void push_back(std::int64_t g, std::int64_t w, const stats& s);

  /// The framed bytes (aggregate type window_table).
  [[nodiscard]] std::string serialize() const;
  /// Reads @ref serialize's bytes.
  /// @return `kInvalidArgument` with the byte offset for short, foreign, corrupt or unsorted
  ///         bytes.
  [[nodiscard]] static absl::StatusOr<window_table> deserialize(absl::string_view bytes);
};

/// Wall-clock time of the kernel's phases [ms] (see the file comment), filled when
/// @ref numresp::sensors::aggregate_options::timings points to one. On the radix path
/// (more than 65,536 windows) `scatter` builds the composite keys and `reduce` sorts and reduces.
struct aggregate_timings {
  double extent = 0;   ///< the time and id ranges (one pass over the input)
  double keys = 0;     ///< group ids to dense keys (0 when the ids are compact)
  double count = 0;    ///< readings per key and row chunk
  double scatter = 0;  ///< (value, window) pairs into one bucket per key
  double rows = 0;     ///< distinct windows of each thread's keys, and the output's allocation
  double reduce = 0;   ///< per-window accumulators, and the output rows
  double total = 0;    ///< the whole call
};

/// Which parts the kernel computes (the others are left empty).
struct aggregate_options {
  bool moments = true;  ///< the second moment m2 (for var/std and for merging)
  /// Threads (0: the hardware's, at most 8 and one per 65,536 rows). Results do not depend on it.
  unsigned threads = 0;
  /// Nanoseconds per unit of the timestamps: 1 when they are nanoseconds (the default),
  /// 1'000'000'000 when they are epoch seconds. Timestamps are scaled on the fly, without a copy;
  /// a scaled timestamp outside the int64 nanosecond range is an error naming its row.
  std::int64_t time_unit_ns = 1;
  /// When set, receives the phases' times (for benchmarks; the call is otherwise unchanged).
  aggregate_timings* timings = nullptr;
};

/// Statistics of `value[i]` per (`group[i]`, window of `t_ns[i]`); `t_ns` is in nanoseconds, or in
/// the unit of `options.time_unit_ns`.
/// @return `kInvalidArgument` for spans of different lengths, a non-positive time unit, a
///         timestamp out of range, or the window errors.
[[nodiscard]] absl::StatusOr<window_table> aggregate(absl::Span<const std::int64_t> group,
                                                     absl::Span<const std::int64_t> t_ns,
                                                     absl::Span<const double> value, const window_spec& window,
                                                     const aggregate_options& options = {});

/// Merges two tables (of the same window rule) row by row: equal (group, window) rows combine
/// their states. Both tables must carry moments.
/// @return `kInvalidArgument` when a table lacks moments or is not sorted.
[[nodiscard]] absl::StatusOr<window_table> merge(const window_table& a, const window_table& b);

}  // namespace numresp::sensors

#endif  // NUMRESP_SENSORS_AGGREGATE_HPP_
