/// @file
/// Time-weighted average of one sensor's readings, LOCF or linear, as an ordered mergeable state
/// with the semantics of TimescaleDB Toolkit's `time_weight` (methodology:
/// docs/methodology/ordered-aggregates).
///
/// Times are `std::int64_t` nanoseconds since the Unix epoch (UTC) throughout. The state keeps
/// the first and last points and the weighted sum (the integral of the value over time, in
/// value × nanoseconds), so states of **disjoint, consecutive** time ranges of the same series
/// merge in time order; overlapping states are an error (`kFailedPrecondition`), never a silent
/// wrong answer.
///
///     numresp::sensors::time_weight tw(numresp::sensors::time_weight::linear);
///     tw.update(t0, 10.0);              // t in ns, non-decreasing
///     tw.update(t1, 20.0);
///     tw.merge(next_hour);              // a later, disjoint state of the same sensor
///     tw.average();                     // std::nullopt for 0 or 1 point (Toolkit's NULL)
///     tw.interpolated_average(hour_start, hour_end, prev_point, next_point);
#ifndef NUMRESP_SENSORS_TIME_WEIGHT_HPP_
#define NUMRESP_SENSORS_TIME_WEIGHT_HPP_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"

namespace numresp::sensors {

/// A reading: time `t` [ns since the Unix epoch, UTC] and value `v`.
struct ts_point {
  std::int64_t t = 0;  ///< nanoseconds since 1970-01-01T00:00:00Z
  double v = 0;        ///< the reading

  [[nodiscard]] friend bool operator==(const ts_point& a, const ts_point& b) noexcept {
    return a.t == b.t && a.v == b.v;
  }
  [[nodiscard]] friend bool operator!=(const ts_point& a, const ts_point& b) noexcept { return !(a == b); }
};

/// The time unit of an integral (value × unit).
enum class integral_unit : std::uint8_t {
  nanosecond,
  microsecond,
  millisecond,
  second,
  minute,
  hour,
};

/// Nanoseconds in one `unit` (1, 1e3, 1e6, 1e9, 6e10, 3.6e12).
[[nodiscard]] double nanoseconds_per(integral_unit unit) noexcept;
/// "ns", "us", "ms", "s", "min", "h".
[[nodiscard]] absl::string_view to_string(integral_unit unit) noexcept;
/// Reads a unit: "ns", "us", "ms", "s", "min", "h" or Toolkit's names ("nanosecond",
/// "usecond"/"microsecond", "msecond"/"millisecond", "second", "minute", "hour", also plural),
/// case-insensitive.
/// @return `kInvalidArgument` naming the text and the known units.
[[nodiscard]] absl::StatusOr<integral_unit> parse_integral_unit(absl::string_view name);

/// Time-weighted summary of one series: method, point count, first and last points, and the
/// weighted sum ∫ v dt over [first.t, last.t] [value × ns].
///
/// Weights, between consecutive points p and q (Toolkit's `weighted_sum`):
/// LOCF `p.v × (q.t − p.t)`; linear `(p.v + q.v) / 2 × (q.t − p.t)`. The last point carries no
/// weight until a later point (or a window end, see @ref interpolate) closes its interval.
class time_weight {
 public:
  /// How a value holds between readings.
  enum method : std::uint8_t {
    locf = 0,    ///< last observation carried forward: a step function
    linear = 1,  ///< straight line between consecutive readings: a trapezoid rule
  };

  /// An empty state.
  explicit time_weight(method m = linear) noexcept : method_(m) {}

  /// Adds a reading at `t` [ns]. Times must not decrease within a state. A reading at the same
  /// time as the last one is ignored (Toolkit: "if two points are equal we only use the first we
  /// see"); a NaN value is a missing reading and is ignored.
  /// @return `kFailedPrecondition` naming both times for `t` before the last time;
  ///         `kInvalidArgument` for an infinite value; `kOutOfRange` if the weighted sum
  ///         overflows. The state is unchanged on error.
  absl::Status update(std::int64_t t, double v);
  /// Adds readings `(t[i], v[i])` in order, as repeated @ref update calls, atomically: on error
  /// (which names the index) the state is unchanged.
  /// @return as @ref update, or `kInvalidArgument` for spans of different sizes.
  absl::Status update(absl::Span<const std::int64_t> t, absl::Span<const double> v);

  /// Appends `later`, the state of the time range that follows this one (Toolkit's `combine`):
  /// n adds, the first point is this one's, the last is `later`'s, and the weighted sum is
  /// `this + later + weight(this.last, later.first)` — the gap between the two states is
  /// bridged with the method. Merging an empty state, or into one, is a copy.
  /// @return `kInvalidArgument` for another method; `kFailedPrecondition` naming both time
  ///         ranges when `later` does not start strictly after this state's last time
  ///         (overlap, or a shared timestamp); `kOutOfRange` on overflow. Unchanged on error.
  absl::Status merge(const time_weight& later);
  /// Sorts `parts` by first time (empty parts skipped) and merges them in that order.
  /// @return `kInvalidArgument` for no parts or mixed methods, else as @ref merge.
  [[nodiscard]] static absl::StatusOr<time_weight> merge_sorted(absl::Span<const time_weight> parts);

  /// True before the first reading.
  [[nodiscard]] bool is_empty() const noexcept { return n_ == 0; }
  /// Readings kept (duplicate times and NaN values are not counted).
  [[nodiscard]] std::uint64_t get_n() const noexcept { return n_; }
  /// LOCF or linear.
  [[nodiscard]] method get_method() const noexcept { return method_; }
  /// The earliest reading (nullopt when empty).
  [[nodiscard]] std::optional<ts_point> first() const noexcept {
    return n_ ? std::optional<ts_point>(first_) : std::nullopt;
  }
  /// The latest reading (nullopt when empty).
  [[nodiscard]] std::optional<ts_point> last() const noexcept {
    return n_ ? std::optional<ts_point>(last_) : std::nullopt;
  }
  /// ∫ v dt over [first.t, last.t] [value × ns]; 0 for 0 or 1 reading.
  [[nodiscard]] double weighted_sum() const noexcept { return w_sum_; }
  /// weighted_sum / (last.t − first.t): nullopt when empty or when all readings share one time
  /// (Toolkit returns NULL: "without bounds, the average for a single value is undefined").
  [[nodiscard]] std::optional<double> average() const noexcept;
  /// weighted_sum in value × `unit` (Toolkit's `integral`, default seconds): 0 for a single
  /// reading, nullopt when empty.
  [[nodiscard]] std::optional<double> integral(integral_unit unit = integral_unit::second) const noexcept;

  /// This state extended to the window [window_start, window_end) with Toolkit's
  /// `interpolate` rules, so that @ref average and @ref integral cover the window:
  /// - start: with `prev` (the reading before the window, e.g. the previous window's last) and
  ///   window_start < first.t, a point at window_start is added — LOCF: prev.v; linear: the
  ///   line prev → first at window_start — and its interval to first is weighted. Without
  ///   `prev` the window starts at the first reading.
  /// - end: with `next` (the reading after the window), a point at window_end is added — LOCF:
  ///   last.v; linear: the line last → next at window_end. Without `next`, LOCF carries last.v
  ///   to window_end and linear stops at the last reading.
  /// An empty state stays empty (Toolkit returns NULL for an empty bucket). get_n counts the
  /// boundary points added (so that n = 1 still means a single point).
  /// @return `kInvalidArgument` for window_start >= window_end or a non-finite prev/next
  ///         value; `kFailedPrecondition` naming the times when the readings are not inside
  ///         the window (window_start <= first.t, last.t < window_end), prev is not at or
  ///         before window_start and before first.t, or next is not at or after window_end.
  [[nodiscard]] absl::StatusOr<time_weight> interpolate(std::int64_t window_start, std::int64_t window_end,
                                                        std::optional<ts_point> prev = std::nullopt,
                                                        std::optional<ts_point> next = std::nullopt) const;
  /// `interpolate(...)->average()` (Toolkit's `interpolated_average`).
  [[nodiscard]] absl::StatusOr<std::optional<double>> interpolated_average(
      std::int64_t window_start, std::int64_t window_end, std::optional<ts_point> prev = std::nullopt,
      std::optional<ts_point> next = std::nullopt) const;
  /// `interpolate(...)->integral(unit)` (Toolkit's `interpolated_integral`).
  [[nodiscard]] absl::StatusOr<std::optional<double>> interpolated_integral(
      std::int64_t window_start, std::int64_t window_end, std::optional<ts_point> prev = std::nullopt,
      std::optional<ts_point> next = std::nullopt, integral_unit unit = integral_unit::second) const;

  /// The framed bytes (aggregate type time_weight, see numresp/sensors/%serialization.hpp). Payload v1:
  /// method u8 (0 LOCF, 1 linear), n u64, then when n > 0: first.t i64, first.v f64, last.t
  /// i64, last.v f64, weighted sum f64.
  [[nodiscard]] std::string serialize() const;
  /// Reads @ref serialize's bytes.
  /// @return `kInvalidArgument` naming the byte offset for short, foreign, corrupt, newer or
  ///         inconsistent bytes (unknown method, non-finite values, last before first, a single
  ///         reading with two distinct points or a weighted sum, more readings than
  ///         nanoseconds in the range, trailing payload bytes).
  [[nodiscard]] static absl::StatusOr<time_weight> deserialize(absl::string_view bytes);

  /// Same method, count, points and weighted sum (bitwise equal doubles).
  [[nodiscard]] friend bool operator==(const time_weight& a, const time_weight& b) noexcept {
    return a.method_ == b.method_ && a.n_ == b.n_ && a.first_ == b.first_ && a.last_ == b.last_ && a.w_sum_ == b.w_sum_;
  }
  [[nodiscard]] friend bool operator!=(const time_weight& a, const time_weight& b) noexcept { return !(a == b); }

 private:
  // One reading; `index` >= 0 names it in messages (bulk updates).
  absl::Status add(std::int64_t t, double v, std::ptrdiff_t index);

  method method_ = linear;
  std::uint64_t n_ = 0;
  ts_point first_;
  ts_point last_;
  double w_sum_ = 0;
};

/// "locf" or "linear".
[[nodiscard]] absl::string_view to_string(time_weight::method m) noexcept;
/// Reads "locf" / "linear" (case-insensitive, as Toolkit).
/// @return `kInvalidArgument` naming the text.
[[nodiscard]] absl::StatusOr<time_weight::method> parse_time_weight_method(absl::string_view name);

}  // namespace numresp::sensors

#endif  // NUMRESP_SENSORS_TIME_WEIGHT_HPP_
