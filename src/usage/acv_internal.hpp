// Internals shared by the ADEME usage models (src/usage/*.cpp); not installed.
#ifndef NUMRESP_SRC_USAGE_ACV_INTERNAL_HPP_
#define NUMRESP_SRC_USAGE_ACV_INTERNAL_HPP_

#include <cmath>
#include <cstddef>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "numresp/factors/factor_set.hpp"
#include "numresp/usage/acv.hpp"

namespace numresp::usage::detail {

/// Reads factor `id` of `set` as a `Quantity` into `*out`.
template <class Quantity>
absl::Status read(const factors::factor_set& set, absl::string_view id, Quantity* out) {
  absl::StatusOr<Quantity> q = set.get<Quantity>(id);
  if (!q.ok()) return q.status();
  *out = *q;
  return absl::OkStatus();
}

/// Reads the dimensionless factor `id` of `set` into `*out` (`%` → share).
inline absl::Status read_number(const factors::factor_set& set, absl::string_view id, double* out) {
  absl::StatusOr<double> v = set.get_number(id);
  if (!v.ok()) return v.status();
  *out = *v;
  return absl::OkStatus();
}

/// Reads factor `id` of `set` converted to `unit` into `*out`.
inline absl::Status read_in(const factors::factor_set& set, absl::string_view id, absl::string_view unit, double* out) {
  absl::StatusOr<double> v = set.get_in(id, unit);
  if (!v.ok()) return v.status();
  *out = *v;
  return absl::OkStatus();
}

/// "name = value" or "name[i] = value", for messages.
inline std::string argument(absl::string_view name, double value, std::optional<std::size_t> index = std::nullopt) {
  return absl::StrCat(name, index ? absl::StrCat("[", *index, "]") : "", " = ", value);
}

/// `kInvalidArgument` unless `value` is finite and >= 0, naming the argument, its index and value.
inline absl::Status check_non_negative(double value, absl::string_view name, absl::string_view what,
                                       std::optional<std::size_t> index = std::nullopt) {
  if (std::isfinite(value) && value >= 0) return absl::OkStatus();
  return absl::InvalidArgumentError(absl::StrCat(argument(name, value, index), ": must be a finite ", what, " >= 0"));
}

/// `kInvalidArgument` unless `value` is finite and > 0.
inline absl::Status check_positive(double value, absl::string_view name, absl::string_view what,
                                   std::optional<std::size_t> index = std::nullopt) {
  if (std::isfinite(value) && value > 0) return absl::OkStatus();
  return absl::InvalidArgumentError(absl::StrCat(argument(name, value, index), ": must be a finite ", what, " > 0"));
}

/// What a mix of devices emits per second of use: construction allocated by time of use
/// (Σ share × construction / use time) and electricity (Σ share × power × grid).
struct device_rates {
  double construction_g_per_s = 0;
  double use_g_per_s = 0;
};

/// The rates of `mix` with `profiles` and the device grid `grid`.
device_rates rates_of(const device_mix& mix, const device_profiles& profiles, units::carbon_intensity grid) noexcept;

/// `kInvalidArgument` naming the first bad field of `p` (negative or non-finite values, zero
/// lifetimes or use times that the model divides by).
absl::Status validate(const shared_parameters& p);

/// `kInvalidArgument` naming the mix field that is negative or non-finite.
absl::Status validate(const device_mix& mix, absl::string_view name);

/// `kInvalidArgument` unless `n` is one of the four networks a user's usage runs on.
absl::Status check_user_network(network n, absl::string_view name);

/// Grams CO2e of `bytes` over network `n`.
inline double transmission_g(const shared_parameters& p, network n, double bytes) noexcept {
  return bytes * p.networks[n].value();
}

}  // namespace numresp::usage::detail

#endif  // NUMRESP_SRC_USAGE_ACV_INTERNAL_HPP_
