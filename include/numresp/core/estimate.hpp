/// @file
/// `numresp::estimate`: a value with a lower and an upper bound, and the rules to combine them.
///
/// An estimate is what BoaviztAPI calls value / min / max: a central value and an interval that
/// encloses it (`low <= value <= high`). The bounds come from the inputs' own bounds (a factor's
/// published range, a device's minimum and maximum power); they are *enclosures*, not confidence
/// intervals. Probabilistic statements (P5 / P50 / P95) come from the seeded Monte Carlo path of
/// the models that need one.
///
/// Combination rules (interval arithmetic; see docs/methodology/estimate):
/// - `a + b`: value, low and high add (`[a.low + b.low, a.high + b.high]`);
/// - `a - b`: `[a.low - b.high, a.high - b.low]`, the widest difference;
/// - `a * k`, `k * a`, `a / k` for a scalar `k`: each of value, low, high is scaled, and the
///   bounds swap when `k < 0`;
/// - `a * b` for two estimates: low and high are the smallest and largest of the four bound
///   products, value is the product of the values.
///
/// These rules treat every input as free to sit anywhere in its own interval independently of
/// the others, so a result is a guaranteed enclosure, wide when the same uncertain factor enters
/// twice (as in `x - x`). Evaluate a model at its inputs' bounds instead when inputs are
/// correlated.
#ifndef NUMRESP_CORE_ESTIMATE_HPP_
#define NUMRESP_CORE_ESTIMATE_HPP_

#include <algorithm>
#include <cmath>
#include <string>
#include <type_traits>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "numresp/core/units.hpp"

namespace numresp {

namespace detail {

/// The raw `double` inside a `double` or a numresp quantity.
template <class T>
constexpr double raw_value(const T& x) noexcept {
  if constexpr (std::is_arithmetic_v<T>) {
    return static_cast<double>(x);
  } else {
    return x.value();
  }
}

}  // namespace detail

/// A value with low and high bounds, `low <= value <= high`.
///
/// @tparam T `double` or a numresp quantity (`units::co2e_mass`, `units::energy`, ...).
///
/// Build one with @ref exact (no uncertainty) or @ref create (validated bounds):
///
///     using namespace numresp::units;
///     auto e = numresp::estimate<co2e_mass>::create(150.0 * kg_co2e, 120.0 * kg_co2e,
///                                                   200.0 * kg_co2e);
///     if (!e.ok()) return e.status();
///     numresp::estimate<co2e_mass> fleet = *e * 352.0;   // every bound scales
template <class T = double>
class estimate {
  static_assert(std::is_floating_point_v<T> || units::is_quantity_v<T>,
                "numresp::estimate holds a floating-point value or a numresp quantity");

 public:
  /// The type of the value and of the bounds.
  using value_type = T;

  /// Zero, with zero-width bounds.
  constexpr estimate() noexcept = default;

  /// An estimate with no uncertainty: `low == value == high == x`.
  [[nodiscard]] static constexpr estimate exact(T x) noexcept { return estimate(x, x, x); }

  /// A validated estimate.
  /// @return `kInvalidArgument` when a number is not finite or when `low <= value <= high` does
  ///         not hold; the message names the offending bound and the three values.
  [[nodiscard]] static absl::StatusOr<estimate> create(T value, T low, T high) {
    const double v = detail::raw_value(value);
    const double lo = detail::raw_value(low);
    const double hi = detail::raw_value(high);
    if (!std::isfinite(v) || !std::isfinite(lo) || !std::isfinite(hi)) {
      return absl::InvalidArgumentError(
          absl::StrCat("estimate: value, low and high must be finite; got value=", v, ", low=", lo, ", high=", hi));
    }
    if (lo > v) {
      return absl::InvalidArgumentError(
          absl::StrCat("estimate: low must not exceed value; got low=", lo, " > value=", v));
    }
    if (v > hi) {
      return absl::InvalidArgumentError(
          absl::StrCat("estimate: value must not exceed high; got value=", v, " > high=", hi));
    }
    return estimate(value, low, high);
  }

  /// The central value.
  [[nodiscard]] constexpr T value() const noexcept { return value_; }
  /// The lower bound.
  [[nodiscard]] constexpr T low() const noexcept { return low_; }
  /// The upper bound.
  [[nodiscard]] constexpr T high() const noexcept { return high_; }
  /// `high - low`.
  [[nodiscard]] constexpr T width() const noexcept { return high_ - low_; }
  /// True when the bounds coincide with the value.
  [[nodiscard]] constexpr bool is_exact() const noexcept { return low_ == value_ && value_ == high_; }

  /// Interval sum.
  constexpr estimate& operator+=(const estimate& other) noexcept {
    value_ += other.value_;
    low_ += other.low_;
    high_ += other.high_;
    return *this;
  }
  /// Interval difference (widest: `low - other.high`, `high - other.low`).
  constexpr estimate& operator-=(const estimate& other) noexcept {
    const T new_low = low_ - other.high_;
    const T new_high = high_ - other.low_;
    value_ -= other.value_;
    low_ = new_low;
    high_ = new_high;
    return *this;
  }
  /// Scales value and bounds by `k`; the bounds swap when `k < 0`.
  constexpr estimate& operator*=(double k) noexcept {
    value_ *= k;
    low_ *= k;
    high_ *= k;
    if (k < 0) {
      std::swap(low_, high_);
    }
    return *this;
  }
  /// Divides value and bounds by `k`; the bounds swap when `k < 0`.
  constexpr estimate& operator/=(double k) noexcept {
    value_ /= k;
    low_ /= k;
    high_ /= k;
    if (k < 0) {
      std::swap(low_, high_);
    }
    return *this;
  }

  [[nodiscard]] friend constexpr estimate operator+(estimate a, const estimate& b) noexcept { return a += b; }
  [[nodiscard]] friend constexpr estimate operator-(estimate a, const estimate& b) noexcept { return a -= b; }
  [[nodiscard]] friend constexpr estimate operator-(const estimate& a) noexcept {
    return estimate(-a.value_, -a.high_, -a.low_);
  }
  [[nodiscard]] friend constexpr estimate operator*(estimate a, double k) noexcept { return a *= k; }
  [[nodiscard]] friend constexpr estimate operator*(double k, estimate a) noexcept { return a *= k; }
  [[nodiscard]] friend constexpr estimate operator/(estimate a, double k) noexcept { return a /= k; }

  /// Interval product of two estimates, such as power × time = energy. The result's type is the
  /// product of the two value types.
  template <class U>
  [[nodiscard]] friend constexpr auto operator*(const estimate& a, const estimate<U>& b) noexcept {
    using product_type = decltype(a.value() * b.value());
    const product_type p1 = a.low() * b.low();
    const product_type p2 = a.low() * b.high();
    const product_type p3 = a.high() * b.low();
    const product_type p4 = a.high() * b.high();
    return estimate<product_type>::from_ordered(a.value() * b.value(), std::min({p1, p2, p3, p4}),
                                                std::max({p1, p2, p3, p4}));
  }

  [[nodiscard]] friend constexpr bool operator==(const estimate& a, const estimate& b) noexcept {
    return a.value_ == b.value_ && a.low_ == b.low_ && a.high_ == b.high_;
  }
  [[nodiscard]] friend constexpr bool operator!=(const estimate& a, const estimate& b) noexcept { return !(a == b); }

  /// For combination code that has established `low <= value <= high` itself (an operator's
  /// result). Not for user input: use @ref create.
  [[nodiscard]] static constexpr estimate from_ordered(T value, T low, T high) noexcept {
    return estimate(value, low, high);
  }

 private:
  constexpr estimate(T value, T low, T high) noexcept : value_(value), low_(low), high_(high) {}

  T value_{};
  T low_{};
  T high_{};
};

}  // namespace numresp

#endif  // NUMRESP_CORE_ESTIMATE_HPP_
