#include "numresp/sensors/time_weight.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "numresp/sensors/serialization.hpp"
#include "ordered_internal.hpp"

namespace numresp::sensors {
namespace {

using detail::range_text;
using detail::span_ns;
using detail::time_text;

/// Toolkit's `weighted_sum` of the interval [p.t, q.t].
double weight(time_weight::method m, const ts_point& p, const ts_point& q) noexcept {
  const double duration = span_ns(p.t, q.t);
  if (m == time_weight::locf) return p.v * duration;
  return (p.v + q.v) / 2.0 * duration;
}

/// Toolkit's `interpolate`: the value at `target` (p.t <= target) — LOCF p.v; linear the line
/// through p and q (q.t > p.t), in point-slope form.
double value_at(time_weight::method m, const ts_point& p, const ts_point& q, std::int64_t target) noexcept {
  if (m == time_weight::locf) return p.v;
  const double duration = span_ns(p.t, q.t);
  const double dinterp = span_ns(p.t, target);
  return (q.v - p.v) * dinterp / duration + p.v;
}

absl::Status overflow(const char* who, double w) {
  return absl::OutOfRangeError(
      absl::StrCat(who, ": the weighted sum overflows (", w, " value x ns); rescale the values"));
}

}  // namespace

double nanoseconds_per(integral_unit unit) noexcept {
  switch (unit) {
    case integral_unit::nanosecond:
      return 1.0;
    case integral_unit::microsecond:
      return 1e3;
    case integral_unit::millisecond:
      return 1e6;
    case integral_unit::second:
      return 1e9;
    case integral_unit::minute:
      return 6e10;
    case integral_unit::hour:
      return 3.6e12;
  }
  return 1e9;
}

absl::string_view to_string(integral_unit unit) noexcept {
  switch (unit) {
    case integral_unit::nanosecond:
      return "ns";
    case integral_unit::microsecond:
      return "us";
    case integral_unit::millisecond:
      return "ms";
    case integral_unit::second:
      return "s";
    case integral_unit::minute:
      return "min";
    case integral_unit::hour:
      return "h";
  }
  return "s";
}

absl::StatusOr<integral_unit> parse_integral_unit(absl::string_view name) {
  std::string s = absl::AsciiStrToLower(name);
  if (s.size() > 1 && s.back() == 's' && s != "ns" && s != "us" && s != "ms") s.pop_back();  // plurals
  if (s == "ns" || s == "nanosecond" || s == "nsecond") return integral_unit::nanosecond;
  if (s == "us" || s == "microsecond" || s == "usecond") return integral_unit::microsecond;
  if (s == "ms" || s == "millisecond" || s == "msecond") return integral_unit::millisecond;
  if (s == "s" || s == "second" || s == "sec") return integral_unit::second;
  if (s == "min" || s == "minute") return integral_unit::minute;
  if (s == "h" || s == "hour") return integral_unit::hour;
  return absl::InvalidArgumentError(absl::StrCat(
      "unit = \"", name,
      "\": unknown time unit; expected ns, us, ms, s, min, h (or nanosecond, usecond, msecond, second, minute, "
      "hour)"));
}

absl::string_view to_string(time_weight::method m) noexcept { return m == time_weight::locf ? "locf" : "linear"; }

absl::StatusOr<time_weight::method> parse_time_weight_method(absl::string_view name) {
  const std::string s = absl::AsciiStrToLower(name);
  if (s == "locf") return time_weight::locf;
  if (s == "linear") return time_weight::linear;
  return absl::InvalidArgumentError(
      absl::StrCat("method = \"", name, "\": unknown time-weighting method; expected \"linear\" or \"locf\""));
}

absl::Status time_weight::add(std::int64_t t, double v, std::ptrdiff_t index) {
  if (std::isnan(v)) return absl::OkStatus();  // a missing reading
  if (absl::Status s = detail::check_reading("time_weight.update", t, v, index, n_, first_, last_); !s.ok()) return s;
  if (n_ == 0) {
    first_ = ts_point{t, v};
    last_ = first_;
    w_sum_ = 0;
    n_ = 1;
    return absl::OkStatus();
  }
  if (t == last_.t) return absl::OkStatus();  // Toolkit keeps the first reading at a time
  const ts_point p{t, v};
  const double w = w_sum_ + weight(method_, last_, p);
  if (!std::isfinite(w)) return overflow("time_weight.update", w);
  w_sum_ = w;
  last_ = p;
  ++n_;
  return absl::OkStatus();
}

absl::Status time_weight::update(std::int64_t t, double v) { return add(t, v, -1); }

absl::Status time_weight::update(absl::Span<const std::int64_t> t, absl::Span<const double> v) {
  return detail::update_all(
      "time_weight.update", *this, t, v,
      [](time_weight& next, std::int64_t ti, double vi, std::ptrdiff_t i) { return next.add(ti, vi, i); });
}

absl::Status time_weight::merge(const time_weight& later) {
  if (later.method_ != method_) {
    return absl::InvalidArgumentError(absl::StrCat("time_weight.merge: method = ", to_string(later.method_),
                                                   " differs from this state's ", to_string(method_),
                                                   "; only states of one method merge"));
  }
  if (later.n_ == 0) return absl::OkStatus();
  if (n_ == 0) {
    *this = later;
    return absl::OkStatus();
  }
  if (absl::Status s = detail::check_later("time_weight.merge", first_, last_, later.first_, later.last_); !s.ok()) {
    return s;
  }
  if (n_ + later.n_ < n_) return absl::OutOfRangeError("time_weight.merge: the reading count overflows");
  const double w = w_sum_ + later.w_sum_ + weight(method_, last_, later.first_);
  if (!std::isfinite(w)) return overflow("time_weight.merge", w);
  w_sum_ = w;
  last_ = later.last_;
  n_ += later.n_;
  return absl::OkStatus();
}

absl::StatusOr<time_weight> time_weight::merge_sorted(absl::Span<const time_weight> parts) {
  if (parts.empty()) return absl::InvalidArgumentError("time_weight.merge_sorted: parts is empty");
  for (const time_weight& p : parts) {
    if (p.method_ != parts[0].method_) {
      return absl::InvalidArgumentError(absl::StrCat("time_weight.merge_sorted: methods differ (",
                                                     to_string(parts[0].method_), " and ", to_string(p.method_), ")"));
    }
  }
  time_weight out(parts[0].method_);
  if (absl::Status s = detail::merge_by_first_time(parts, out); !s.ok()) return s;
  return out;
}

std::optional<double> time_weight::average() const noexcept {
  if (n_ == 0 || first_.t == last_.t) return std::nullopt;
  return w_sum_ / span_ns(first_.t, last_.t);
}

std::optional<double> time_weight::integral(integral_unit unit) const noexcept {
  if (n_ == 0) return std::nullopt;
  if (first_.t == last_.t) return 0.0;
  return w_sum_ / nanoseconds_per(unit);
}

absl::StatusOr<time_weight> time_weight::interpolate(std::int64_t window_start, std::int64_t window_end,
                                                     std::optional<ts_point> prev, std::optional<ts_point> next) const {
  constexpr const char* kWho = "time_weight.interpolate";
  if (window_start >= window_end) {
    return absl::InvalidArgumentError(absl::StrCat(kWho, ": window_start = ", time_text(window_start),
                                                   " is not before window_end = ", time_text(window_end)));
  }
  if (prev && !std::isfinite(prev->v)) {
    return absl::InvalidArgumentError(absl::StrCat(kWho, ": prev.v = ", prev->v, " must be finite"));
  }
  if (next && !std::isfinite(next->v)) {
    return absl::InvalidArgumentError(absl::StrCat(kWho, ": next.v = ", next->v, " must be finite"));
  }
  if (n_ == 0) return *this;
  if (window_start > first_.t || last_.t >= window_end) {
    return absl::FailedPreconditionError(absl::StrCat(kWho, ": the readings ", range_text(first_.t, last_.t),
                                                      " are not inside the window [", time_text(window_start), ", ",
                                                      time_text(window_end), ")"));
  }
  if (prev && (prev->t > window_start || prev->t >= first_.t)) {
    return absl::FailedPreconditionError(absl::StrCat(kWho, ": prev.t = ", time_text(prev->t),
                                                      " must be at or before window_start = ", time_text(window_start),
                                                      " and before the first reading ", time_text(first_.t)));
  }
  if (next && next->t < window_end) {
    return absl::FailedPreconditionError(absl::StrCat(kWho, ": next.t = ", time_text(next->t),
                                                      " must be at or after window_end = ", time_text(window_end)));
  }
  time_weight out = *this;
  if (prev && window_start < first_.t) {
    const ts_point start{window_start, value_at(method_, *prev, first_, window_start)};
    out.w_sum_ += weight(method_, start, first_);
    out.first_ = start;
    ++out.n_;
  }
  if (next || method_ == locf) {
    const ts_point end{window_end, next ? value_at(method_, last_, *next, window_end) : last_.v};
    out.w_sum_ += weight(method_, last_, end);
    out.last_ = end;
    ++out.n_;
  }
  if (!std::isfinite(out.w_sum_)) return overflow(kWho, out.w_sum_);
  return out;
}

absl::StatusOr<std::optional<double>> time_weight::interpolated_average(std::int64_t window_start,
                                                                        std::int64_t window_end,
                                                                        std::optional<ts_point> prev,
                                                                        std::optional<ts_point> next) const {
  absl::StatusOr<time_weight> w = interpolate(window_start, window_end, prev, next);
  if (!w.ok()) return w.status();
  return w->average();
}

absl::StatusOr<std::optional<double>> time_weight::interpolated_integral(std::int64_t window_start,
                                                                         std::int64_t window_end,
                                                                         std::optional<ts_point> prev,
                                                                         std::optional<ts_point> next,
                                                                         integral_unit unit) const {
  absl::StatusOr<time_weight> w = interpolate(window_start, window_end, prev, next);
  if (!w.ok()) return w.status();
  return w->integral(unit);
}

std::string time_weight::serialize() const {
  byte_writer w;
  w.u8(static_cast<std::uint8_t>(method_));
  w.u64(n_);
  if (n_ > 0) {
    w.i64(first_.t);
    w.f64(first_.v);
    w.i64(last_.t);
    w.f64(last_.v);
    w.f64(w_sum_);
  }
  return write_frame(aggregate_type::time_weight, w.str());
}

absl::StatusOr<time_weight> time_weight::deserialize(absl::string_view bytes) {
  absl::StatusOr<frame> f = read_frame(bytes, aggregate_type::time_weight);
  if (!f.ok()) return f.status();
  byte_reader r(f->payload, frame_header_size);
  std::uint8_t m = 0;
  if (r.u8(m, "method") && m > 1) r.fail("method", absl::StrCat(m, " is not 0 (locf) or 1 (linear)"));
  time_weight out(m == 0 ? locf : linear);
  r.u64(out.n_, "n");
  if (r.status().ok() && out.n_ > 0) {
    if (r.i64(out.first_.t, "first.t") && r.f64(out.first_.v, "first.v") && !std::isfinite(out.first_.v)) {
      r.fail("first.v", absl::StrCat(out.first_.v, " is not finite"));
    }
    if (r.i64(out.last_.t, "last.t") && r.f64(out.last_.v, "last.v") && !std::isfinite(out.last_.v)) {
      r.fail("last.v", absl::StrCat(out.last_.v, " is not finite"));
    }
    if (r.f64(out.w_sum_, "weighted_sum") && !std::isfinite(out.w_sum_)) {
      r.fail("weighted_sum", absl::StrCat(out.w_sum_, " is not finite"));
    }
    if (r.status().ok()) {
      if (out.last_.t < out.first_.t) {
        r.fail("last.t", absl::StrCat(out.last_.t, " is before first.t ", out.first_.t));
      } else if (out.n_ == 1 && (out.first_ != out.last_ || out.w_sum_ != 0)) {
        r.fail("n", "1 reading, but two distinct points or a weighted sum");
      } else if (out.n_ > 1 &&
                 out.n_ - 1 > static_cast<std::uint64_t>(out.last_.t) - static_cast<std::uint64_t>(out.first_.t)) {
        r.fail("n",
               absl::StrCat(out.n_, " readings at distinct times do not fit in ",
                            static_cast<std::uint64_t>(out.last_.t) - static_cast<std::uint64_t>(out.first_.t), " ns"));
      }
    }
  }
  if (r.status().ok() && !r.at_end()) r.fail("payload", absl::StrCat(r.remaining(), " unexpected trailing bytes"));
  if (!r.status().ok()) return r.status();
  return out;
}

}  // namespace numresp::sensors
