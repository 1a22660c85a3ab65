/// @file
/// A reset-aware counter (an energy meter's cumulative kWh, a people counter) as an ordered
/// mergeable state with the semantics of TimescaleDB Toolkit's `counter_agg` (methodology:
/// docs/methodology/ordered-aggregates).
///
/// Times are `std::int64_t` nanoseconds since the Unix epoch (UTC); durations and rates are per
/// **second**. Any decrease of the value is a reset: the counter restarted from 0, and the value
/// before the drop is banked (`reset_sum`), as Toolkit and Prometheus do. States of disjoint,
/// consecutive time ranges merge in time order (a drop across the boundary is a reset);
/// overlapping states are an error.
///
///     numresp::sensors::counter c;
///     c.update(t0, 1200.5);              // kWh, t in ns, non-decreasing
///     c.update(t1, 1201.0);
///     c.update(t2, 0.4);                 // meter replaced: a reset
///     c.delta();                         // 0.5 + 0.4 = 0.9 kWh
///     c.extrapolated_delta(hour_start, hour_end);   // Prometheus increase()
#ifndef NUMRESP_SENSORS_COUNTER_HPP_
#define NUMRESP_SENSORS_COUNTER_HPP_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "numresp/sensors/time_weight.hpp"

namespace numresp::sensors {

/// Counter summary: the first, second, penultimate and last readings, the banked value of the
/// resets, and the counts of readings, resets and changes.
class counter {
 public:
  /// How @ref extrapolated_delta extends the observed delta to the range's edges.
  enum class extrapolation : std::uint8_t {
    prometheus = 0,  ///< Prometheus `increase()` / `rate()`, as Toolkit's `'prometheus'`
  };

  /// An empty state.
  counter() noexcept = default;

  /// Adds a reading at `t` [ns]. Times must not decrease within a state; a reading at the same
  /// time as the last one is ignored (also for reset detection); a NaN value is a missing
  /// reading and is ignored. A value below the previous one is a reset: the previous value is
  /// added to @ref reset_sum and @ref num_resets grows by one.
  /// @return `kFailedPrecondition` naming both times for `t` before the last time;
  ///         `kInvalidArgument` for an infinite value; `kOutOfRange` if reset_sum overflows.
  ///         The state is unchanged on error.
  absl::Status update(std::int64_t t, double v);
  /// Adds readings `(t[i], v[i])` in order, atomically (on error, which names the index, the
  /// state is unchanged).
  /// @return as @ref update, or `kInvalidArgument` for spans of different sizes.
  absl::Status update(absl::Span<const std::int64_t> t, absl::Span<const double> v);

  /// Appends `later`, the state of the time range that follows this one (Toolkit's
  /// `combine`): a drop from this last value to later's first value is a reset; later's banked
  /// resets, resets and changes add; second and penultimate are recomputed across the boundary.
  /// Merging an empty state, or into one, is a copy.
  /// @return `kFailedPrecondition` naming both time ranges when `later` does not start strictly
  ///         after this state's last time; `kOutOfRange` on overflow. Unchanged on error.
  absl::Status merge(const counter& later);
  /// Sorts `parts` by first time (empty parts skipped) and merges them in that order.
  /// @return as @ref merge.
  [[nodiscard]] static absl::StatusOr<counter> merge_sorted(absl::Span<const counter> parts);

  /// True before the first reading.
  [[nodiscard]] bool is_empty() const noexcept { return n_ == 0; }
  /// Readings kept (duplicate times and NaN values are not counted).
  [[nodiscard]] std::uint64_t get_n() const noexcept { return n_; }
  /// The earliest reading (nullopt when empty).
  [[nodiscard]] std::optional<ts_point> first() const noexcept { return point(first_); }
  /// The second reading (the first when there is one reading; nullopt when empty).
  [[nodiscard]] std::optional<ts_point> second() const noexcept { return point(second_); }
  /// The reading before the last (the first when there is one reading; nullopt when empty).
  [[nodiscard]] std::optional<ts_point> penultimate() const noexcept { return point(penultimate_); }
  /// The latest reading (nullopt when empty).
  [[nodiscard]] std::optional<ts_point> last() const noexcept { return point(last_); }
  /// Sum of the values just before each reset.
  [[nodiscard]] double reset_sum() const noexcept { return reset_sum_; }
  /// Resets detected (decreases between consecutive readings, including across merges).
  [[nodiscard]] std::uint64_t num_resets() const noexcept { return num_resets_; }
  /// Consecutive readings whose values differ (a reset counts as a change).
  [[nodiscard]] std::uint64_t num_changes() const noexcept { return num_changes_; }

  /// last.v + reset_sum − first.v: the increase over [first.t, last.t], resets included (0 for
  /// one reading; nullopt when empty).
  [[nodiscard]] std::optional<double> delta() const noexcept;
  /// (last.t − first.t) in seconds (0 for one reading; nullopt when empty).
  [[nodiscard]] std::optional<double> time_delta() const noexcept;
  /// delta / time_delta [per second]; nullopt for fewer than two readings.
  [[nodiscard]] std::optional<double> rate() const noexcept;
  /// second.v − first.v, or second.v after a reset (0 for one reading; nullopt when empty).
  [[nodiscard]] std::optional<double> idelta_left() const noexcept;
  /// last.v − penultimate.v, or last.v after a reset (0 for one reading; nullopt when empty).
  [[nodiscard]] std::optional<double> idelta_right() const noexcept;
  /// idelta_left / (second.t − first.t) [per second]; nullopt for fewer than two readings.
  [[nodiscard]] std::optional<double> irate_left() const noexcept;
  /// idelta_right / (last.t − penultimate.t) [per second]; nullopt for fewer than two readings.
  [[nodiscard]] std::optional<double> irate_right() const noexcept;

  /// The increase over the range [range_start, range_end), extrapolated from the readings with
  /// Prometheus' rule (Toolkit's `extrapolated_delta(..., 'prometheus')`). With s = first.t −
  /// range_start, e = range_end − 1 ms − last.t (Prometheus' inclusive end), T = last.t −
  /// first.t and a = T / (n − 1) (seconds): when delta > 0 and first.v >= 0, s is capped at
  /// T × first.v / delta (do not extrapolate below zero); each side extends by s (resp. e)
  /// when it is below 1.1 a, else by a / 2; the result is delta × (T + ext_start + ext_end) / T.
  /// @return nullopt for fewer than two readings; `kInvalidArgument` for range_start >=
  ///         range_end; `kFailedPrecondition` naming the times when the readings are not inside
  ///         the range (range_start <= first.t, last.t < range_end).
  [[nodiscard]] absl::StatusOr<std::optional<double>> extrapolated_delta(
      std::int64_t range_start, std::int64_t range_end, extrapolation method = extrapolation::prometheus) const;
  /// extrapolated_delta / (range_end − range_start − 1 ms) [per second] (Toolkit's
  /// `extrapolated_rate`); nullopt for fewer than two readings or a range of 1 ms or less.
  /// @return errors as @ref extrapolated_delta.
  [[nodiscard]] absl::StatusOr<std::optional<double>> extrapolated_rate(
      std::int64_t range_start, std::int64_t range_end, extrapolation method = extrapolation::prometheus) const;

  /// The framed bytes (aggregate type counter, see numresp/sensors/%serialization.hpp). Payload v1: n u64, then
  /// when n > 0: first, second, penultimate, last (t i64, v f64 each), reset_sum f64,
  /// num_resets u64, num_changes u64.
  [[nodiscard]] std::string serialize() const;
  /// Reads @ref serialize's bytes.
  /// @return `kInvalidArgument` naming the byte offset for short, foreign, corrupt, newer or
  ///         inconsistent bytes (non-finite values, points out of order or inconsistent with n,
  ///         more resets than changes or changes than intervals, reset_sum without resets,
  ///         trailing payload bytes).
  [[nodiscard]] static absl::StatusOr<counter> deserialize(absl::string_view bytes);

  /// Same points, counts and reset_sum (bitwise equal doubles).
  [[nodiscard]] friend bool operator==(const counter& a, const counter& b) noexcept {
    return a.n_ == b.n_ && a.first_ == b.first_ && a.second_ == b.second_ && a.penultimate_ == b.penultimate_ &&
           a.last_ == b.last_ && a.reset_sum_ == b.reset_sum_ && a.num_resets_ == b.num_resets_ &&
           a.num_changes_ == b.num_changes_;
  }
  [[nodiscard]] friend bool operator!=(const counter& a, const counter& b) noexcept { return !(a == b); }

 private:
  [[nodiscard]] std::optional<ts_point> point(const ts_point& p) const noexcept {
    return n_ ? std::optional<ts_point>(p) : std::nullopt;
  }
  // One reading; `index` >= 0 names it in messages (bulk updates).
  absl::Status add(std::int64_t t, double v, std::ptrdiff_t index);

  std::uint64_t n_ = 0;
  ts_point first_;
  ts_point second_;
  ts_point penultimate_;
  ts_point last_;
  double reset_sum_ = 0;
  std::uint64_t num_resets_ = 0;
  std::uint64_t num_changes_ = 0;
};

/// "prometheus".
[[nodiscard]] absl::string_view to_string(counter::extrapolation m) noexcept;
/// Reads "prometheus" (case-insensitive).
/// @return `kInvalidArgument` naming the text.
[[nodiscard]] absl::StatusOr<counter::extrapolation> parse_extrapolation(absl::string_view name);

}  // namespace numresp::sensors

#endif  // NUMRESP_SENSORS_COUNTER_HPP_
