#include "numresp/devices/rounding.hpp"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <system_error>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace numresp::devices::boaviztapi {
namespace {

absl::Status require_finite(const char* name, double x) {
  if (std::isfinite(x)) return absl::OkStatus();
  return absl::InvalidArgumentError(absl::StrCat("boaviztapi rounding: ", name, " must be finite; got ", x));
}

// Parses the decimal string "<digits>e<exponent>" with the C library (correctly rounded).
double decimal_to_double(std::int64_t digits, int exponent) {
  const std::string text = absl::StrCat(digits, "e", exponent);
  return std::strtod(text.c_str(), nullptr);
}

// The shortest decimal that round-trips x (Python's repr): x = digits × 10^exponent with the
// digits' last one non-zero.
void shortest_decimal(double x, std::string& digits, int& exponent) {
  char buffer[64];
  const std::to_chars_result r = std::to_chars(buffer, buffer + sizeof buffer, x, std::chars_format::scientific);
  const std::string text(buffer, r.ptr);
  const std::size_t e = text.find('e');
  const std::string mantissa = text.substr(0, e);
  const int exp10 = std::atoi(text.c_str() + e + 1);
  digits.clear();
  for (char c : mantissa) {
    if (c >= '0' && c <= '9') digits.push_back(c);
  }
  // mantissa d.ddd × 10^exp10 = digits × 10^(exp10 - (n - 1))
  exponent = exp10 - static_cast<int>(digits.size()) + 1;
  while (digits.size() > 1 && digits.back() == '0') {
    digits.pop_back();
    ++exponent;
  }
}

// BoaviztAPI's `remove_unsignificant_zeros` for 0 < |x| < 1: scales x by a power of ten found
// from its shortest decimal form, stopping at 10^-9 (as the upstream loop does).
double remove_insignificant_zeros(double x) {
  std::string digits;
  int exponent = 0;
  shortest_decimal(x, digits, exponent);
  // Upstream searches the smallest j >= -9 with x not a multiple of 10^j: the lowest non-zero
  // digit sits at 10^exponent, so j = max(-9, exponent + 1); then multiplies by 10^(1 - j).
  const int j = exponent + 1 > -9 ? exponent + 1 : -9;
  const int scale = 1 - j;
  return std::strtod(absl::StrCat(digits, "e", exponent + scale).c_str(), nullptr);
}

// BoaviztAPI's `precision_and_scale(x)[0]` with its 14-digit budget.
int precision(double x) {
  constexpr int max_digits = 14;
  const double a = std::fabs(x);
  const auto int_part = static_cast<std::int64_t>(a);
  const int magnitude = int_part == 0 ? 1 : static_cast<int>(std::log10(static_cast<double>(int_part))) + 1;
  if (magnitude >= max_digits) return magnitude;
  const double frac_part = a - static_cast<double>(int_part);
  std::int64_t multiplier = 1;
  for (int i = 0; i < max_digits - magnitude; ++i) multiplier *= 10;
  std::int64_t frac_digits = multiplier + static_cast<std::int64_t>(static_cast<double>(multiplier) * frac_part + 0.5);
  while (frac_digits % 10 == 0) frac_digits /= 10;
  const int scale = static_cast<int>(std::log10(static_cast<double>(frac_digits)));
  return magnitude + scale;
}

}  // namespace

absl::StatusOr<double> round_to_sigfig(double x, int figures) {
  if (absl::Status s = require_finite("x", x); !s.ok()) return s;
  if (figures < 1 || figures > 17) {
    return absl::InvalidArgumentError(
        absl::StrCat("boaviztapi rounding: significant figures must be in [1, 17]; got ", figures));
  }
  if (x == 0.0) return 0.0;
  const bool negative = x < 0;
  const double a = negative ? -x : x;
  const int p = figures;
  // WebKit's toPrecision: e = trunc(log10 x), n = floor(x / 10^(e - p + 1)) with p digits.
  int e = static_cast<int>(std::log10(a));
  double tens = std::pow(10.0, e - p + 1);
  const auto too_small = [&] {
    return absl::InvalidArgumentError(absl::StrCat("boaviztapi rounding: ", x, " is too small to round to ", figures,
                                                   " significant figures (BoaviztAPI divides by zero)"));
  };
  if (tens == 0.0) return too_small();
  double n = std::floor(a / tens);
  if (n < std::pow(10.0, p - 1)) {
    e -= 1;
    tens = std::pow(10.0, e - p + 1);
    if (tens == 0.0) return too_small();
    n = std::floor(a / tens);
  }
  if (std::fabs((n + 1.0) * tens - a) <= std::fabs(n * tens - a)) n += 1.0;
  if (n >= std::pow(10.0, p)) {
    n /= 10.0;
    e += 1;
  }
  // The upstream builds the decimal string n × 10^(e - p + 1) and parses it.
  const double out = decimal_to_double(static_cast<std::int64_t>(n), e - p + 1);
  return negative ? -out : out;
}

absl::StatusOr<int> significant_number(double x) {
  if (absl::Status s = require_finite("x", x); !s.ok()) return s;
  if (x == 0.0) return 0;
  double a = std::fabs(x);
  if (static_cast<std::int64_t>(a) == 0) a = remove_insignificant_zeros(a);
  return precision(a);
}

absl::StatusOr<double> round_based_on_min_max(double value, double min, double max, double uncertainty) {
  if (absl::Status s = require_finite("value", value); !s.ok()) return s;
  if (absl::Status s = require_finite("min", min); !s.ok()) return s;
  if (absl::Status s = require_finite("max", max); !s.ok()) return s;
  if (uncertainty == 0) {
    return absl::InvalidArgumentError("boaviztapi rounding: uncertainty must not be 0 %");
  }
  if (max < min) {
    return absl::InvalidArgumentError(
        absl::StrCat("boaviztapi rounding: min must not exceed max; got min=", min, " > max=", max));
  }
  const double approx = (max - min) / (100.0 / uncertainty);
  if (approx == 0) return value;
  int significant = static_cast<int>(std::floor(std::log10(approx)));
  if (value != 0) {
    if (value < 0) {
      return absl::InvalidArgumentError(absl::StrCat(
          "boaviztapi rounding: a negative value cannot be rounded on a band (BoaviztAPI raises); got value=", value));
    }
    const int order = static_cast<int>(std::floor(std::log10(value)));
    if (order < significant) significant = order;
  }
  // Python's round() on a float goes to the even neighbour on ties: nearbyint in the default mode.
  if (significant > 0) {
    const double scale = std::pow(10.0, significant);
    return std::nearbyint(value / scale) * scale;
  }
  const double down = std::pow(10.0, significant);
  const double up = std::pow(10.0, -significant);
  return std::nearbyint(value / down) / up;
}

absl::StatusOr<rounded> round_impact(double value, double min, double max) {
  rounded out;
  absl::StatusOr<double> rd = round_based_on_min_max(value, min, max);
  if (!rd.ok()) return rd.status();
  absl::StatusOr<int> figures = significant_number(*rd);
  if (!figures.ok()) return figures.status();
  absl::StatusOr<double> low = round_to_sigfig(min, max_significant_figures);
  if (!low.ok()) return low.status();
  absl::StatusOr<double> high = round_to_sigfig(max, max_significant_figures);
  if (!high.ok()) return high.status();
  out.min = *low;
  out.max = *high;
  if (*rd == 0) {
    out.warnings.emplace_back(important_uncertainty_warning);
    absl::StatusOr<double> v = round_to_sigfig(value, min_significant_figures);
    if (!v.ok()) return v.status();
    out.value = *v;
    return out;
  }
  if (value != 0 && max > min) {
    const double approx = (max - min) / (100.0 / uncertainty_percent);
    if (approx > 0) {
      const double uncapped = std::floor(std::log10(approx));
      if (std::nearbyint(value / std::pow(10.0, uncapped)) == 0) {
        out.warnings.emplace_back(important_uncertainty_warning);
      }
    }
  }
  if (*figures > max_significant_figures) {
    absl::StatusOr<double> v = round_to_sigfig(*rd, max_significant_figures);
    if (!v.ok()) return v.status();
    out.value = *v;
  } else {
    out.value = *rd;
  }
  return out;
}

}  // namespace numresp::devices::boaviztapi
