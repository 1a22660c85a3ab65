/// @file
/// Time windows for readings (methodology: docs/methodology/sensors, "Windows"):
///
/// - fixed tumbling windows of a duration ("30s", "15min", "1h", "2h", "1d"), aligned to the Unix
///   epoch in absolute time, so a window is the same instant range in every time zone;
/// - calendar windows ("hour", "day", "week" from Monday, "month") in a time zone
///   (Europe/Paris by default), following its civil time: a day is local midnight to midnight,
///   23 or 25 hours long on daylight-saving days; a window's start is reported as an absolute
///   instant.
///
/// Timestamps are nanoseconds since the Unix epoch (UTC).
#ifndef NUMRESP_SENSORS_WINDOWS_HPP_
#define NUMRESP_SENSORS_WINDOWS_HPP_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace numresp::sensors {

/// Nanoseconds per second.
inline constexpr std::int64_t ns_per_second = 1000000000;

/// A window rule.
struct window_spec {
  /// Fixed duration or calendar unit.
  enum class kind : std::uint8_t { fixed, hour, day, week, month };
  kind unit = kind::fixed;                 ///< the rule
  std::int64_t width_ns = 0;               ///< fixed windows: the duration [ns]
  std::string text;                        ///< as written, e.g. "15min"
  std::string time_zone = "Europe/Paris";  ///< calendar windows: the zone
  absl::TimeZone tz;                       ///< the zone, loaded

  /// Parses "<n><unit>" with unit s, sec, min, h, d (fixed), or "hour", "day", "week", "month"
  /// (calendar, in `time_zone`).
  /// @return `kInvalidArgument` naming the text for a malformed window or a non-positive
  ///         duration; `kNotFound` for an unknown time zone.
  [[nodiscard]] static absl::StatusOr<window_spec> parse(absl::string_view text,
                                                         absl::string_view time_zone = "Europe/Paris");
};

/// Assigns timestamps in [first, last] to windows: the windows' starts in order, and for each
/// timestamp the index of its window. Fixed windows are arithmetic; calendar windows use the
/// boundaries computed once for the range.
class window_index {
 public:
  /// The windows covering [first_ns, last_ns].
  /// @return `kInvalidArgument` when first > last, or the range has more than 10^9 windows.
  [[nodiscard]] static absl::StatusOr<window_index> create(const window_spec& spec, std::int64_t first_ns,
                                                           std::int64_t last_ns);

  /// Index of the window of `t_ns` (which must lie in [first, last]).
  [[nodiscard]] std::uint64_t index_of(std::int64_t t_ns) const noexcept {
    if (fixed_) {
      // A multiplication by the inverse, corrected by one step when rounding lands on the wrong
      // side of a boundary (exact for every offset below 2^62).
      const std::int64_t d = t_ns - origin_;
      auto q = static_cast<std::int64_t>(static_cast<double>(d) * inverse_);
      while (q > 0 && q * width_ > d) --q;
      while ((q + 1) * width_ <= d) ++q;
      return static_cast<std::uint64_t>(q);
    }
    return calendar_index_of(t_ns);
  }
  /// Start of window `i` [ns since the epoch].
  [[nodiscard]] std::int64_t start_of(std::uint64_t i) const noexcept;
  /// Windows in the range.
  [[nodiscard]] std::uint64_t size() const noexcept { return count_; }

 private:
  window_index() = default;
  [[nodiscard]] std::uint64_t calendar_index_of(std::int64_t t_ns) const noexcept;
  bool fixed_ = true;
  std::int64_t origin_ = 0;  // fixed: start of window 0
  std::int64_t width_ = 0;
  double inverse_ = 0;  // 1 / width, for a division-free index
  std::uint64_t count_ = 0;
  std::vector<std::int64_t> starts_;  // calendar: starts, plus the end of the last window
};

}  // namespace numresp::sensors

#endif  // NUMRESP_SENSORS_WINDOWS_HPP_
