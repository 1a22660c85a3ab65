/// @file
/// Summary statistics of a stream of readings — count, sum, min, max, mean, variance — as a
/// mergeable state (methodology: docs/methodology/sensors). Any split of a stream, merged in any
/// order, gives the same count, min and max, and the same sum, mean and variance up to
/// floating-point rounding (Chan, Golub and LeVeque's pairwise update of the centred second
/// moment, numerically stable).
///
///     numresp::sensors::stats s;
///     for (double v : readings) s.update(v);
///     s.merge(other);                   // another sensor, partition or window
///     s.mean(); s.variance();           // NaN when undefined
#ifndef NUMRESP_SENSORS_STATS_HPP_
#define NUMRESP_SENSORS_STATS_HPP_

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace numresp::sensors {

/// Count, sum, min, max, mean and centred second moment. NaN readings are ignored (not
/// counted), as pandas does.
class stats {
 public:
  /// Adds one reading (Welford's update).
  void update(double v) noexcept {
    if (std::isnan(v)) return;
    ++n_;
    sum_ += v;
    const double delta = v - mean_;
    mean_ += delta / static_cast<double>(n_);
    m2_ += delta * (v - mean_);
    if (v < min_) min_ = v;
    if (v > max_) max_ = v;
  }
  /// Adds another state (any order).
  void merge(const stats& other) noexcept;

  [[nodiscard]] bool is_empty() const noexcept { return n_ == 0; }
  /// Readings counted.
  [[nodiscard]] std::uint64_t get_n() const noexcept { return n_; }
  /// Σ v (0 when empty, as pandas).
  [[nodiscard]] double sum() const noexcept { return sum_; }
  /// Smallest reading (NaN when empty).
  [[nodiscard]] double min() const noexcept { return n_ ? min_ : std::numeric_limits<double>::quiet_NaN(); }
  /// Largest reading (NaN when empty).
  [[nodiscard]] double max() const noexcept { return n_ ? max_ : std::numeric_limits<double>::quiet_NaN(); }
  /// sum / count, as pandas computes it (NaN when empty).
  [[nodiscard]] double mean() const noexcept {
    return n_ ? sum_ / static_cast<double>(n_) : std::numeric_limits<double>::quiet_NaN();
  }
  /// Σ (v − mean)².
  [[nodiscard]] double m2() const noexcept { return m2_; }
  /// Variance with `ddof` degrees of freedom removed (1: the sample variance, pandas' default);
  /// NaN when count <= ddof.
  [[nodiscard]] double variance(int ddof = 1) const noexcept {
    const auto d = static_cast<std::uint64_t>(ddof < 0 ? 0 : ddof);
    return n_ > d ? m2_ / static_cast<double>(n_ - d) : std::numeric_limits<double>::quiet_NaN();
  }

  /// Builds a state from its parts (for tables and deserialization); no check.
  [[nodiscard]] static stats from_parts(std::uint64_t n, double sum, double min, double max, double mean,
                                        double m2) noexcept;
  /// The running (Welford) mean, which merges use; @ref mean is sum / count.
  [[nodiscard]] double running_mean() const noexcept { return mean_; }

  /// The framed bytes (aggregate type stats; payload: n u64, sum, min, max, mean, m2 f64).
  [[nodiscard]] std::string serialize() const;
  /// Reads @ref serialize's bytes.
  /// @return `kInvalidArgument` naming the byte offset for short, foreign, corrupt or
  ///         inconsistent bytes (e.g. min > max, negative m2).
  [[nodiscard]] static absl::StatusOr<stats> deserialize(absl::string_view bytes);

  [[nodiscard]] friend bool operator==(const stats& a, const stats& b) noexcept {
    return a.n_ == b.n_ && a.sum_ == b.sum_ && a.mean_ == b.mean_ && a.m2_ == b.m2_ &&
           (a.n_ == 0 || (a.min_ == b.min_ && a.max_ == b.max_));
  }

 private:
  std::uint64_t n_ = 0;
  double sum_ = 0;
  double mean_ = 0;
  double m2_ = 0;
  double min_ = std::numeric_limits<double>::infinity();
  double max_ = -std::numeric_limits<double>::infinity();
};

}  // namespace numresp::sensors

#endif  // NUMRESP_SENSORS_STATS_HPP_
