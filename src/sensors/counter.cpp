#include "numresp/sensors/counter.hpp"

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

constexpr double kNsPerSecond = 1e9;
/// Prometheus takes a range [L, H) as the inclusive [L, H − 1 ms] (Toolkit subtracts it too).
constexpr double kPrometheusEndNs = 1e6;

using detail::range_text;
using detail::span_ns;
using detail::time_text;

/// b − a in seconds, for b >= a (Toolkit's `to_seconds((b - a) as f64)`).
double seconds(std::int64_t a, std::int64_t b) noexcept { return span_ns(a, b) / kNsPerSecond; }

absl::Status overflow(const char* who, double rs) {
  return absl::OutOfRangeError(absl::StrCat(who, ": reset_sum overflows (", rs, "); rescale the values"));
}

}  // namespace

absl::string_view to_string(counter::extrapolation /*m*/) noexcept { return "prometheus"; }

absl::StatusOr<counter::extrapolation> parse_extrapolation(absl::string_view name) {
  if (absl::AsciiStrToLower(name) == "prometheus") return counter::extrapolation::prometheus;
  return absl::InvalidArgumentError(
      absl::StrCat("method = \"", name, "\": unknown extrapolation method; expected \"prometheus\""));
}

absl::Status counter::add(std::int64_t t, double v, std::ptrdiff_t index) {
  if (std::isnan(v)) return absl::OkStatus();  // a missing reading
  if (absl::Status s = detail::check_reading("counter.update", t, v, index, n_, first_, last_); !s.ok()) return s;
  const ts_point p{t, v};
  if (n_ == 0) {
    first_ = second_ = penultimate_ = last_ = p;
    n_ = 1;
    return absl::OkStatus();
  }
  // The first reading at a time wins, before any reset detection (Toolkit tests for a reset
  // first, so a dropped duplicate can count as a reset there).
  if (t == last_.t) return absl::OkStatus();
  if (v < last_.v) {
    const double rs = reset_sum_ + last_.v;
    if (!std::isfinite(rs)) return overflow("counter.update", rs);
    reset_sum_ = rs;
    ++num_resets_;
  }
  if (v != last_.v) ++num_changes_;
  if (n_ == 1) second_ = p;
  penultimate_ = last_;
  last_ = p;
  ++n_;
  return absl::OkStatus();
}

absl::Status counter::update(std::int64_t t, double v) { return add(t, v, -1); }

absl::Status counter::update(absl::Span<const std::int64_t> t, absl::Span<const double> v) {
  return detail::update_all(
      "counter.update", *this, t, v,
      [](counter& next, std::int64_t ti, double vi, std::ptrdiff_t i) { return next.add(ti, vi, i); });
}

absl::Status counter::merge(const counter& later) {
  if (later.n_ == 0) return absl::OkStatus();
  if (n_ == 0) {
    *this = later;
    return absl::OkStatus();
  }
  if (absl::Status s = detail::check_later("counter.merge", first_, last_, later.first_, later.last_); !s.ok()) {
    return s;
  }
  if (n_ + later.n_ < n_) return absl::OutOfRangeError("counter.merge: the reading count overflows");
  counter out = *this;
  if (later.first_.v < last_.v) {  // a reset across the boundary
    out.reset_sum_ += last_.v;
    ++out.num_resets_;
  }
  if (later.first_.v != last_.v) ++out.num_changes_;
  out.penultimate_ = later.n_ == 1 ? last_ : later.penultimate_;
  if (n_ == 1) out.second_ = later.first_;
  out.last_ = later.last_;
  out.reset_sum_ += later.reset_sum_;
  out.num_resets_ += later.num_resets_;
  out.num_changes_ += later.num_changes_;
  out.n_ += later.n_;
  if (!std::isfinite(out.reset_sum_)) return overflow("counter.merge", out.reset_sum_);
  *this = out;
  return absl::OkStatus();
}

absl::StatusOr<counter> counter::merge_sorted(absl::Span<const counter> parts) {
  counter out;
  if (absl::Status s = detail::merge_by_first_time(parts, out); !s.ok()) return s;
  return out;
}

std::optional<double> counter::delta() const noexcept {
  if (n_ == 0) return std::nullopt;
  return last_.v + reset_sum_ - first_.v;
}

std::optional<double> counter::time_delta() const noexcept {
  if (n_ == 0) return std::nullopt;
  return seconds(first_.t, last_.t);
}

std::optional<double> counter::rate() const noexcept {
  if (n_ < 2) return std::nullopt;
  return (last_.v + reset_sum_ - first_.v) / seconds(first_.t, last_.t);
}

std::optional<double> counter::idelta_left() const noexcept {
  if (n_ == 0) return std::nullopt;
  return second_.v >= first_.v ? second_.v - first_.v : second_.v;
}

std::optional<double> counter::idelta_right() const noexcept {
  if (n_ == 0) return std::nullopt;
  return last_.v >= penultimate_.v ? last_.v - penultimate_.v : last_.v;
}

std::optional<double> counter::irate_left() const noexcept {
  if (n_ < 2) return std::nullopt;
  return *idelta_left() / seconds(first_.t, second_.t);
}

std::optional<double> counter::irate_right() const noexcept {
  if (n_ < 2) return std::nullopt;
  return *idelta_right() / seconds(penultimate_.t, last_.t);
}

absl::StatusOr<std::optional<double>> counter::extrapolated_delta(std::int64_t range_start, std::int64_t range_end,
                                                                  extrapolation /*method*/) const {
  constexpr const char* kWho = "counter.extrapolated_delta";
  if (range_start >= range_end) {
    return absl::InvalidArgumentError(absl::StrCat(kWho, ": range_start = ", time_text(range_start),
                                                   " is not before range_end = ", time_text(range_end)));
  }
  if (n_ == 0) return std::optional<double>();
  if (range_start > first_.t || last_.t >= range_end) {
    return absl::FailedPreconditionError(absl::StrCat(kWho, ": the readings ", range_text(first_.t, last_.t),
                                                      " are not inside the range [", time_text(range_start), ", ",
                                                      time_text(range_end), ")"));
  }
  if (n_ < 2) return std::optional<double>();
  // Toolkit's prometheus_delta, itself Prometheus' extrapolatedRate; all durations in seconds.
  double result = last_.v + reset_sum_ - first_.v;
  double to_start = seconds(range_start, first_.t);
  const double to_end = (span_ns(last_.t, range_end) - kPrometheusEndNs) / kNsPerSecond;
  const double sampled = seconds(first_.t, last_.t);
  const double average_step = sampled / static_cast<double>(n_ - 1);
  if (result > 0.0 && first_.v >= 0.0) {  // do not extrapolate below zero
    const double to_zero = sampled * (first_.v / result);
    if (to_zero < to_start) to_start = to_zero;
  }
  const double threshold = average_step * 1.1;
  double interval = sampled;
  interval += to_start < threshold ? to_start : average_step / 2.0;
  interval += to_end < threshold ? to_end : average_step / 2.0;
  result *= interval / sampled;
  return std::optional<double>(result);
}

absl::StatusOr<std::optional<double>> counter::extrapolated_rate(std::int64_t range_start, std::int64_t range_end,
                                                                 extrapolation method) const {
  absl::StatusOr<std::optional<double>> d = extrapolated_delta(range_start, range_end, method);
  if (!d.ok() || !d->has_value()) return d;
  const double duration = span_ns(range_start, range_end) - kPrometheusEndNs;
  if (duration <= 0) return std::optional<double>();
  return std::optional<double>(**d / (duration / kNsPerSecond));
}

std::string counter::serialize() const {
  byte_writer w;
  w.u64(n_);
  if (n_ > 0) {
    for (const ts_point* p : {&first_, &second_, &penultimate_, &last_}) {
      w.i64(p->t);
      w.f64(p->v);
    }
    w.f64(reset_sum_);
    w.u64(num_resets_);
    w.u64(num_changes_);
  }
  return write_frame(aggregate_type::counter, w.str());
}

absl::StatusOr<counter> counter::deserialize(absl::string_view bytes) {
  absl::StatusOr<frame> f = read_frame(bytes, aggregate_type::counter);
  if (!f.ok()) return f.status();
  byte_reader r(f->payload, frame_header_size);
  counter out;
  r.u64(out.n_, "n");
  if (r.status().ok() && out.n_ > 0) {
    const struct {
      ts_point* p;
      const char* t;
      const char* v;
    } fields[] = {{&out.first_, "first.t", "first.v"},
                  {&out.second_, "second.t", "second.v"},
                  {&out.penultimate_, "penultimate.t", "penultimate.v"},
                  {&out.last_, "last.t", "last.v"}};
    for (const auto& field : fields) {
      if (r.i64(field.p->t, field.t) && r.f64(field.p->v, field.v) && !std::isfinite(field.p->v)) {
        r.fail(field.v, absl::StrCat(field.p->v, " is not finite"));
      }
    }
    if (r.f64(out.reset_sum_, "reset_sum") && !std::isfinite(out.reset_sum_)) {
      r.fail("reset_sum", absl::StrCat(out.reset_sum_, " is not finite"));
    }
    r.u64(out.num_resets_, "num_resets");
    r.u64(out.num_changes_, "num_changes");
    if (r.status().ok()) {
      const std::uint64_t n = out.n_;
      const ts_point& a = out.first_;
      const ts_point& b = out.second_;
      const ts_point& y = out.penultimate_;
      const ts_point& z = out.last_;
      if (n == 1 && (b != a || y != a || z != a || out.reset_sum_ != 0 || out.num_changes_ != 0)) {
        r.fail("n", "1 reading, but distinct points, changes or a reset_sum");
      } else if (n == 2 && (b != z || y != a || !(a.t < z.t))) {
        r.fail("n", "2 readings, but second != last, penultimate != first or first.t >= last.t");
      } else if (n == 3 && (b != y || !(a.t < b.t && b.t < z.t))) {
        r.fail("n", "3 readings, but second != penultimate or the times are not increasing");
      } else if (n > 3 && !(a.t < b.t && b.t < y.t && y.t < z.t)) {
        r.fail("n", "the times of first, second, penultimate and last are not increasing");
      } else if (n > 1 && n - 1 > static_cast<std::uint64_t>(z.t) - static_cast<std::uint64_t>(a.t)) {
        r.fail("n", absl::StrCat(n, " readings at distinct times do not fit in ",
                                 static_cast<std::uint64_t>(z.t) - static_cast<std::uint64_t>(a.t), " ns"));
      } else if (out.num_changes_ > n - 1) {
        r.fail("num_changes", absl::StrCat(out.num_changes_, " changes between ", n, " readings"));
      } else if (out.num_resets_ > out.num_changes_) {
        r.fail("num_resets", absl::StrCat(out.num_resets_, " resets but ", out.num_changes_, " changes"));
      } else if (out.num_resets_ == 0 && out.reset_sum_ != 0) {
        r.fail("reset_sum", absl::StrCat(out.reset_sum_, " without any reset"));
      } else if (out.num_changes_ == 0 && (b.v != a.v || y.v != a.v || z.v != a.v)) {
        r.fail("num_changes", "0 changes, but the values differ");
      }
    }
  }
  if (r.status().ok() && !r.at_end()) r.fail("payload", absl::StrCat(r.remaining(), " unexpected trailing bytes"));
  if (!r.status().ok()) return r.status();
  return out;
}

}  // namespace numresp::sensors
