/// @file
/// A KLL quantile sketch of doubles (Karnin, Lang and Liberty, "Optimal Quantile Approximation in
/// Streams", FOCS 2016), with the vocabulary of Apache DataSketches (methodology:
/// docs/methodology/quantile-sketch).
///
/// The sketch keeps a few hundred of the readings it has seen, each standing for 2^h of them,
/// and answers rank and quantile queries with an additive error on the *rank*: with k = 200,
/// `get_quantile(r)` returns a reading whose true rank is within r ± 1.33 % with 99 %
/// confidence, whatever the number of readings. Sketches merge in any order (partitions,
/// sensors, windows) and serialize to a checksummed frame.
///
///     numresp::sensors::quantile_sketch s;           // k = 200
///     for (double v : readings) s.update(v);          // NaN ignored
///     s.merge(other);                                 // another partition
///     absl::StatusOr<double> p95 = s.get_quantile(0.95);
///     absl::StatusOr<double> r = s.get_rank(21.5);    // share of readings <= 21.5
///     std::string bytes = s.serialize();
///
/// Determinism: the compaction coin flips come from an internal generator seeded by the
/// constructor's `seed`, so the same updates in the same order give the same sketch (and the
/// same bytes) on every run. Merging in another order may give another sketch, within the same
/// error bound.
#ifndef NUMRESP_SENSORS_QUANTILE_SKETCH_HPP_
#define NUMRESP_SENSORS_QUANTILE_SKETCH_HPP_

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"

namespace numresp::sensors {

/// A KLL sketch of doubles: approximate ranks and quantiles of a stream in O(k) memory, with a
/// rank error of about 1.33 % at k = 200 (99 % confidence), mergeable and serializable.
///
/// Conventions (those of DataSketches): ranks are normalized to [0, 1]; the *inclusive* rank of
/// x is the share of readings <= x, the *exclusive* rank the share < x; quantiles are retained
/// readings (never interpolated), and rank 0 and rank 1 give the exact minimum and maximum.
/// While n <= k the sketch keeps every reading and all answers are exact.
///
/// Memory: about 3k + 8 log2(n / k) retained doubles (k = 200: ≈ 690 values, ≈ 5.5 KB). Not
/// thread-safe for concurrent writes; const queries may run concurrently.
class quantile_sketch {
 public:
  /// The default k: ≈ 1.33 % single-sided rank error (99 % confidence).
  static constexpr std::uint16_t kDefaultK = 200;
  /// The smallest k accepted.
  static constexpr std::uint16_t kMinK = 8;
  /// The largest k accepted.
  static constexpr std::uint16_t kMaxK = 65535;
  /// The smallest capacity of a level (the KLL paper's floor on compactor sizes).
  static constexpr std::uint8_t kMinLevelCapacity = 8;
  /// The smallest capacity of level 0, the raw readings (min(k, 64)): they are sorted and
  /// compacted in batches of at least this many, which makes updates faster for ≈ 50 more
  /// retained readings (and, if anything, a smaller error).
  static constexpr std::uint8_t kMinLevelZeroCapacity = 64;
  /// The default seed of the compaction coin flips (the ASCII bytes of "numresp").
  static constexpr std::uint64_t kDefaultSeed = 0x6e756d72657370u;

  /// A retained reading and the number of readings it stands for (2^level).
  struct weighted_item {
    double item = 0;           ///< the reading
    std::uint64_t weight = 0;  ///< readings it represents
  };

  /// An empty sketch with `k` (values below @ref kMinK are raised to it; use @ref create to get
  /// an error instead) and the seed of its coin flips.
  explicit quantile_sketch(std::uint16_t k = kDefaultK, std::uint64_t seed = kDefaultSeed);

  /// An empty sketch.
  /// @return `kInvalidArgument` naming `k` and its value unless 8 <= k <= 65535.
  [[nodiscard]] static absl::StatusOr<quantile_sketch> create(std::int64_t k = kDefaultK,
                                                              std::uint64_t seed = kDefaultSeed);

  quantile_sketch(const quantile_sketch& other);
  quantile_sketch& operator=(const quantile_sketch& other);
  /// Moves; the moved-from sketch is empty (and usable).
  quantile_sketch(quantile_sketch&& other) noexcept;
  quantile_sketch& operator=(quantile_sketch&& other) noexcept;
  ~quantile_sketch() = default;

  /// Adds one reading. NaN is ignored (not counted, as pandas does); ±infinity is a reading.
  /// Amortized O(1): no allocation once the sketch has reached its size.
  void update(double x) noexcept {
    if (std::isnan(x)) return;
    if (retained_ == capacity_) compress();
    items_[retained_++] = x;
    ++n_;
    min_ = x < min_ ? x : min_;
    max_ = x > max_ ? x : max_;
  }
  /// Adds readings in order (the same sketch as one @ref update per value, faster).
  void update(absl::Span<const double> xs) noexcept;

  /// Adds another sketch's readings. Any k may be merged (the result keeps this sketch's k, and
  /// its error bound becomes that of the smallest k merged, see @ref get_min_k); merging a
  /// sketch into itself doubles it. Coin flips come from this sketch's generator: the result
  /// depends on the merge order, its error bound does not.
  void merge(const quantile_sketch& other);

  /// True before the first (non-NaN) reading.
  [[nodiscard]] bool is_empty() const noexcept { return n_ == 0; }
  /// Readings seen (NaN excluded).
  [[nodiscard]] std::uint64_t get_n() const noexcept { return n_; }
  /// The accuracy parameter.
  [[nodiscard]] std::uint16_t get_k() const noexcept { return k_; }
  /// The smallest k among this sketch and every sketch merged into it (sets the error bound).
  [[nodiscard]] std::uint16_t get_min_k() const noexcept { return min_k_; }
  /// The constructor's seed.
  [[nodiscard]] std::uint64_t get_seed() const noexcept { return seed_; }
  /// Readings kept.
  [[nodiscard]] std::uint32_t get_num_retained() const noexcept { return retained_; }
  /// Levels (compactors): 1 while exact.
  [[nodiscard]] std::uint32_t get_num_levels() const noexcept {
    return static_cast<std::uint32_t>(level_begin_.size());
  }
  /// True once readings have been compacted (answers are then approximate).
  [[nodiscard]] bool is_estimation_mode() const noexcept { return n_ > retained_; }

  /// The smallest reading (exact). @return `kFailedPrecondition` when empty.
  [[nodiscard]] absl::StatusOr<double> get_min_item() const;
  /// The largest reading (exact). @return `kFailedPrecondition` when empty.
  [[nodiscard]] absl::StatusOr<double> get_max_item() const;

  /// The reading at normalized rank `rank`: inclusive, the smallest retained reading whose
  /// inclusive rank is >= `rank` (numpy's `method="inverted_cdf"` when exact); exclusive, the
  /// smallest whose inclusive rank is > `rank`. Rank 0 gives the minimum, rank 1 the maximum.
  /// @return `kInvalidArgument` naming `rank` and its value unless 0 <= rank <= 1;
  ///         `kFailedPrecondition` when empty.
  [[nodiscard]] absl::StatusOr<double> get_quantile(double rank, bool inclusive = true) const;
  /// @ref get_quantile for many ranks (the sorted view is built once).
  /// @return `kInvalidArgument` naming the first bad rank with its index; `kFailedPrecondition`
  ///         when empty.
  [[nodiscard]] absl::StatusOr<std::vector<double>> get_quantiles(absl::Span<const double> ranks,
                                                                  bool inclusive = true) const;
  /// The estimated normalized rank of `x`: the share of readings <= x (inclusive) or < x.
  /// @return `kInvalidArgument` for NaN; `kFailedPrecondition` when empty.
  [[nodiscard]] absl::StatusOr<double> get_rank(double x, bool inclusive = true) const;
  /// @ref get_rank for many values.
  /// @return `kInvalidArgument` naming the first NaN with its index; `kFailedPrecondition` when
  ///         empty.
  [[nodiscard]] absl::StatusOr<std::vector<double>> get_ranks(absl::Span<const double> xs, bool inclusive = true) const;

  /// The a-priori normalized rank error at 99 % confidence for this sketch (its smallest merged
  /// k): single-sided (`pmf` false: ranks, quantiles, CDF) or double-sided (`pmf` true: the mass
  /// between two points). k = 200: 1.33 % and 1.65 %.
  [[nodiscard]] double get_normalized_rank_error(bool pmf = false) const noexcept {
    return normalized_rank_error(min_k_, pmf);
  }
  /// The normalized rank error for `k`: 2.296 / k^0.9723 (single-sided) or 2.446 / k^0.9433
  /// (double-sided), the empirical fits published by Apache DataSketches for KLL (99th
  /// percentile of the largest error over many trials), which numresp's own measurements
  /// confirm (methodology page).
  [[nodiscard]] static double normalized_rank_error(std::uint16_t k, bool pmf = false) noexcept;

  /// The retained readings with their weights, level by level (level 0 in arrival order, then
  /// each level sorted). The weights sum to @ref get_n.
  [[nodiscard]] std::vector<weighted_item> get_items() const;

  /// The framed bytes (aggregate type quantile_sketch; layout in the methodology page): k,
  /// min k, levels, n, seed, generator state, min, max, level sizes and the retained readings.
  /// Deserializing them gives a sketch equal in every respect (it also continues the same
  /// coin flips).
  [[nodiscard]] std::string serialize() const;
  /// Reads @ref serialize's bytes, checking every field.
  /// @return `kInvalidArgument` with the byte offset for short, foreign, corrupt (checksum) or
  ///         inconsistent bytes: k or min k out of range, weights not summing to n, a NaN or a
  ///         reading outside [min, max], an unsorted level, more readings than the capacity.
  [[nodiscard]] static absl::StatusOr<quantile_sketch> deserialize(absl::string_view bytes);

  /// A one-line summary, e.g. "quantile_sketch(k=200, n=1000000, retained=612, levels=14)".
  [[nodiscard]] std::string to_string() const;

 private:
  void compress();                    // compacts one level (the lowest at or over capacity)
  void compact_level(std::size_t h);  // sorts level h, promotes half of it to level h + 1
  void add_level();                   // a new, empty top level
  void set_capacities();              // level capacities and their total for the current levels
  void reset_moved_from() noexcept;   // empty, without buffers
  [[nodiscard]] std::uint32_t level_end(std::size_t h) const noexcept {
    return h == 0 ? retained_ : level_begin_[h - 1];
  }
  [[nodiscard]] bool next_coin() noexcept;
  [[nodiscard]] std::vector<weighted_item> sorted_view() const;

  std::uint16_t k_ = kDefaultK;
  std::uint16_t min_k_ = kDefaultK;
  std::uint32_t retained_ = 0;
  std::uint32_t capacity_ = 0;
  std::uint64_t n_ = 0;
  double min_ = std::numeric_limits<double>::infinity();
  double max_ = -std::numeric_limits<double>::infinity();
  std::uint64_t seed_ = kDefaultSeed;
  std::uint64_t rng_ = kDefaultSeed;
  // All levels in one buffer, the top level first: level h occupies
  // [level_begin_[h], level_end(h)), level 0 (unsorted, the newest readings) ends at retained_.
  std::vector<double> items_;
  std::vector<std::uint32_t> level_begin_;
  std::vector<std::uint32_t> level_capacity_;
  std::vector<double> scratch_;  // working space (not state: not copied)
};

}  // namespace numresp::sensors

#endif  // NUMRESP_SENSORS_QUANTILE_SKETCH_HPP_
