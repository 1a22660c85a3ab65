// Internal helpers shared by the ordered aggregates (counter.cpp, time_weight.cpp): times in
// messages, spans without signed overflow, and the rules of ordered merges.
#ifndef NUMRESP_SRC_SENSORS_ORDERED_INTERNAL_HPP_
#define NUMRESP_SRC_SENSORS_ORDERED_INTERNAL_HPP_

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "absl/types/span.h"
#include "numresp/sensors/time_weight.hpp"

namespace numresp::sensors::detail {

/// `t` as "<ns> (<RFC 3339 UTC>)".
inline std::string time_text(std::int64_t t) {
  return absl::StrCat(t, " (", absl::FormatTime(absl::RFC3339_full, absl::FromUnixNanos(t), absl::UTCTimeZone()), ")");
}

/// "[a, b]" with both times.
inline std::string range_text(std::int64_t a, std::int64_t b) {
  return absl::StrCat("[", time_text(a), ", ", time_text(b), "]");
}

/// b − a [ns] as a double, for b >= a (no signed overflow).
inline double span_ns(std::int64_t a, std::int64_t b) noexcept {
  return static_cast<double>(static_cast<std::uint64_t>(b) - static_cast<std::uint64_t>(a));
}

/// A reading's checks before a state of `n` readings covering [first, last] takes it (NaN values,
/// missing readings, are skipped before): a finite value, and a time not before the last one.
/// `index` is the reading's position in an array, or negative for a single reading.
inline absl::Status check_reading(const char* who, std::int64_t t, double v, std::ptrdiff_t index, std::uint64_t n,
                                  const ts_point& first, const ts_point& last) {
  // The position's text only on the error paths: this runs once per reading.
  const auto at = [index] { return index < 0 ? std::string() : absl::StrCat("[", index, "]"); };
  if (!std::isfinite(v)) {
    return absl::InvalidArgumentError(absl::StrCat(who, ": v", at(), " = ", v, " at t", at(), " = ", time_text(t),
                                                   ": readings must be finite (NaN is a missing reading)"));
  }
  if (n > 0 && t < last.t) {
    return absl::FailedPreconditionError(
        absl::StrCat(who, ": t", at(), " = ", time_text(t), " is before the last time ", time_text(last.t),
                     " of the state covering ", range_text(first.t, last.t),
                     ": times must not decrease within a state (sort the readings, or merge a later state)"));
  }
  return absl::OkStatus();
}

/// Adds the readings (t[i], v[i]) to `state` all or nothing: `add(next, t, v, i)` adds one to a
/// copy, which replaces the state only when every reading was taken.
template <class State, class Add>
absl::Status update_all(const char* who, State& state, absl::Span<const std::int64_t> t, absl::Span<const double> v,
                        const Add& add) {
  if (t.size() != v.size()) {
    return absl::InvalidArgumentError(
        absl::StrCat(who, ": t has ", t.size(), " readings and v has ", v.size(), "; they must have the same size"));
  }
  State next = state;
  for (std::size_t i = 0; i < t.size(); ++i) {
    absl::Status s = add(next, t[i], v[i], static_cast<std::ptrdiff_t>(i));
    if (!s.ok()) return s;
  }
  state = next;
  return absl::OkStatus();
}

/// An ordered merge's precondition: the later state's range [later_first, later_last] starts
/// after this state's [first, last]; `who` names the operation in the error.
inline absl::Status check_later(const char* who, const ts_point& first, const ts_point& last,
                                const ts_point& later_first, const ts_point& later_last) {
  if (later_first.t > last.t) return absl::OkStatus();
  return absl::FailedPreconditionError(absl::StrCat(
      who, ": the later state's range ", range_text(later_first.t, later_last.t),
      " does not start after this state's range ", range_text(first.t, last.t),
      ": only disjoint states merge, in time order (overlapping states are an error, as in TimescaleDB Toolkit)"));
}

/// Merges the non-empty parts in order of their first times (ties keep their order) into `out`,
/// as `merge_sorted` does for any ordered state.
template <class State>
absl::Status merge_by_first_time(absl::Span<const State> parts, State& out) {
  std::vector<const State*> order;
  order.reserve(parts.size());
  for (const State& p : parts) {
    if (!p.is_empty()) order.push_back(&p);
  }
  std::stable_sort(order.begin(), order.end(),
                   [](const State* a, const State* b) { return a->first()->t < b->first()->t; });
  for (const State* p : order) {
    absl::Status s = out.merge(*p);
    if (!s.ok()) return s;
  }
  return absl::OkStatus();
}

}  // namespace numresp::sensors::detail

#endif  // NUMRESP_SRC_SENSORS_ORDERED_INTERNAL_HPP_
