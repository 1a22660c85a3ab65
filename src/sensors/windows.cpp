#include "numresp/sensors/windows.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"

namespace numresp::sensors {
namespace {

constexpr std::int64_t kHour = 3600 * ns_per_second;

std::int64_t floor_div(std::int64_t a, std::int64_t b) noexcept {
  std::int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}

std::int64_t to_ns(absl::Time t) noexcept { return absl::ToUnixNanos(t); }

}  // namespace

absl::StatusOr<window_spec> window_spec::parse(absl::string_view text, absl::string_view time_zone) {
  window_spec w;
  w.text = std::string(text);
  w.time_zone = std::string(time_zone);
  if (!absl::LoadTimeZone(std::string(time_zone), &w.tz)) {
    return absl::NotFoundError(
        absl::StrCat("unknown time zone \"", time_zone, "\" (an IANA name such as \"Europe/Paris\" or \"UTC\")"));
  }
  const std::string t = absl::AsciiStrToLower(absl::StripAsciiWhitespace(text));
  if (t == "hour") {
    w.unit = kind::hour;
    return w;
  }
  if (t == "day") {
    w.unit = kind::day;
    return w;
  }
  if (t == "week") {
    w.unit = kind::week;
    return w;
  }
  if (t == "month") {
    w.unit = kind::month;
    return w;
  }
  std::size_t digits = 0;
  while (digits < t.size() && std::isdigit(static_cast<unsigned char>(t[digits])) != 0) ++digits;
  std::int64_t n = 0;
  if (digits == 0 || !absl::SimpleAtoi(t.substr(0, digits), &n)) {
    return absl::InvalidArgumentError(
        absl::StrCat("window \"", text, "\": expected <n><unit> (s, min, h, d) or hour, day, week, month"));
  }
  const std::string unit = t.substr(digits);
  std::int64_t scale = 0;
  if (unit == "s" || unit == "sec")
    scale = ns_per_second;
  else if (unit == "min" || unit == "m")
    scale = 60 * ns_per_second;
  else if (unit == "h")
    scale = kHour;
  else if (unit == "d")
    scale = 24 * kHour;
  else {
    return absl::InvalidArgumentError(
        absl::StrCat("window \"", text, "\": unknown unit \"", unit, "\" (s, min, h, d, or hour, day, week, month)"));
  }
  if (n <= 0 || n > 366 * 24 * 3600) {
    return absl::InvalidArgumentError(
        absl::StrCat("window \"", text, "\": the duration must be positive and at most a year"));
  }
  w.unit = kind::fixed;
  w.width_ns = n * scale;
  return w;
}

absl::StatusOr<window_index> window_index::create(const window_spec& spec, std::int64_t first_ns,
                                                  std::int64_t last_ns) {
  if (first_ns > last_ns) {
    return absl::InvalidArgumentError(absl::StrCat("window range: first ", first_ns, " is after last ", last_ns));
  }
  window_index w;
  if (spec.unit == window_spec::kind::fixed || spec.unit == window_spec::kind::hour) {
    w.fixed_ = true;
    w.width_ = spec.unit == window_spec::kind::fixed ? spec.width_ns : kHour;
    std::int64_t offset = 0;
    if (spec.unit == window_spec::kind::hour) {
      // Local hours: absolute hours shifted by the zone's offset modulo one hour (whole-hour
      // daylight-saving changes keep the alignment).
      const absl::TimeZone::CivilInfo info = spec.tz.At(absl::FromUnixNanos(first_ns));
      offset = (static_cast<std::int64_t>(info.offset) * ns_per_second) % kHour;
    }
    w.origin_ = floor_div(first_ns - offset, w.width_) * w.width_ + offset;
    w.count_ = static_cast<std::uint64_t>((last_ns - w.origin_) / w.width_) + 1;
    w.inverse_ = 1.0 / static_cast<double>(w.width_);
    if (w.count_ > 1000000000ULL) {
      return absl::InvalidArgumentError(absl::StrCat("window range: ", w.count_, " windows of ", spec.text,
                                                     " between the first and last readings (at most 10^9)"));
    }
    return w;
  }
  w.fixed_ = false;
  const absl::TimeZone& tz = spec.tz;
  const absl::Time first = absl::FromUnixNanos(first_ns);
  const absl::Time last = absl::FromUnixNanos(last_ns);
  auto start_of_civil = [&](absl::Time t) -> absl::CivilSecond {
    switch (spec.unit) {
      case window_spec::kind::day:
        return absl::CivilSecond(absl::ToCivilDay(t, tz));
      case window_spec::kind::week: {
        absl::CivilDay d = absl::ToCivilDay(t, tz);
        while (absl::GetWeekday(d) != absl::Weekday::monday) --d;
        return absl::CivilSecond(d);
      }
      default:
        return absl::CivilSecond(absl::ToCivilMonth(t, tz));
    }
  };
  auto next_civil = [&](absl::CivilSecond c) -> absl::CivilSecond {
    switch (spec.unit) {
      case window_spec::kind::day:
        return absl::CivilSecond(absl::CivilDay(c) + 1);
      case window_spec::kind::week:
        return absl::CivilSecond(absl::CivilDay(c) + 7);
      default:
        return absl::CivilSecond(absl::CivilMonth(c) + 1);
    }
  };
  absl::CivilSecond c = start_of_civil(first);
  w.starts_.push_back(to_ns(absl::FromCivil(c, tz)));
  while (true) {
    c = next_civil(c);
    const std::int64_t b = to_ns(absl::FromCivil(c, tz));
    if (b <= w.starts_.back()) continue;
    w.starts_.push_back(b);
    if (absl::FromUnixNanos(b) > last) break;
    if (w.starts_.size() > 10000000) {
      return absl::InvalidArgumentError("window range: more than 10^7 calendar windows");
    }
  }
  w.count_ = w.starts_.size() - 1;
  return w;
}

std::uint64_t window_index::calendar_index_of(std::int64_t t_ns) const noexcept {
  const auto it = std::upper_bound(starts_.begin(), starts_.end(), t_ns);
  return static_cast<std::uint64_t>(it - starts_.begin()) - 1;
}

std::int64_t window_index::start_of(std::uint64_t i) const noexcept {
  if (fixed_) return origin_ + static_cast<std::int64_t>(i) * width_;
  return starts_[i];
}

}  // namespace numresp::sensors
