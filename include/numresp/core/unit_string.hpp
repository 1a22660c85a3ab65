/// @file
/// Units written as text ("kgCO2e/kWh", "g CO2e / GB", "kWh/year", "m3"): parsing, checking
/// against a quantity type, and conversion.
///
/// This is the bridge between typed quantities and the places where units arrive as strings:
/// factor tables, override files, the Python API. A parsed unit is a @ref numresp::units::unit_spec "unit_spec":
/// its dimension (exponents of the six base dimensions numresp knows) and its scale (the size of
/// one such unit in canonical units: g CO2e, g Sb-eq, kg, byte, s, m).
///
/// Grammar: whitespace is ignored; terms are joined by `*`, `.` or `·` (product) and `/`
/// (quotient of the next term only, so `g/kWh/year` is g·kWh⁻¹·year⁻¹); a term is a symbol with
/// an optional exponent, `m3`, `m^3` or `s^-1`. Symbols: see docs/api/core (every SI-prefixed
/// form of g, gCO2e, gSbeq, B, o (octet), J, Wh, W, L, m, s; binary KiB..TiB; t, kt, Mt, tCO2e;
/// min, h, day, year (365 d); counts such as `unit`, `device`, `email`, `visit` that are
/// dimensionless; `%`).
#ifndef NUMRESP_CORE_UNIT_STRING_HPP_
#define NUMRESP_CORE_UNIT_STRING_HPP_

#include <array>
#include <cstddef>
#include <string>
#include <type_traits>

#include <boost/units/dim.hpp>
#include <boost/units/dimensionless_type.hpp>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "numresp/core/units.hpp"

namespace numresp::units {

#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wshadow"  // the enumerators share names with quantity types
#endif
/// The base dimensions that a runtime @ref numresp::units::dimension "dimension" counts, in its exponent order.
enum class base_dimension : std::size_t { length, mass, time, information, co2e, sb_eq };
#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif

/// A dimension known at run time: one integer exponent per @ref base_dimension.
struct dimension {
  /// Exponents, indexed by @ref base_dimension.
  std::array<int, 6> exponents{};

  /// The exponent of base dimension `b`.
  [[nodiscard]] constexpr int operator[](base_dimension b) const noexcept {
    return exponents[static_cast<std::size_t>(b)];
  }
  /// True when every exponent is zero.
  [[nodiscard]] constexpr bool is_dimensionless() const noexcept {
    for (int e : exponents) {
      if (e != 0) return false;
    }
    return true;
  }
  /// A readable name: "CO2e mass", "energy", "CO2e mass / energy", or the exponents
  /// ("length^2 mass time^-2") when no name fits.
  [[nodiscard]] std::string to_string() const;

  [[nodiscard]] friend constexpr bool operator==(const dimension& a, const dimension& b) noexcept {
    for (std::size_t i = 0; i < a.exponents.size(); ++i) {
      if (a.exponents[i] != b.exponents[i]) return false;
    }
    return true;
  }
  [[nodiscard]] friend constexpr bool operator!=(const dimension& a, const dimension& b) noexcept { return !(a == b); }
};

namespace detail {

template <class Tag>
constexpr std::size_t base_index() noexcept {
  namespace bu = boost::units;
  if constexpr (std::is_same_v<Tag, bu::length_base_dimension>) {
    return static_cast<std::size_t>(base_dimension::length);
  } else if constexpr (std::is_same_v<Tag, bu::mass_base_dimension>) {
    return static_cast<std::size_t>(base_dimension::mass);
  } else if constexpr (std::is_same_v<Tag, bu::time_base_dimension>) {
    return static_cast<std::size_t>(base_dimension::time);
  } else if constexpr (std::is_same_v<Tag, bu::information_base_dimension>) {
    return static_cast<std::size_t>(base_dimension::information);
  } else if constexpr (std::is_same_v<Tag, co2e_base_dimension>) {
    return static_cast<std::size_t>(base_dimension::co2e);
  } else {
    static_assert(std::is_same_v<Tag, sb_eq_base_dimension>,
                  "numresp::units::dimension_of: a base dimension outside numresp's system");
    return static_cast<std::size_t>(base_dimension::sb_eq);
  }
}

template <class List>
struct dimension_exponents;

template <>
struct dimension_exponents<boost::units::dimensionless_type> {
  static constexpr void add_to(dimension&) noexcept {}
};

template <class Tag, class Exponent, class Next>
struct dimension_exponents<boost::units::list<boost::units::dim<Tag, Exponent>, Next>> {
  static_assert(Exponent::Denominator == 1, "numresp::units::dimension_of: fractional exponent");
  static constexpr void add_to(dimension& d) noexcept {
    d.exponents[base_index<Tag>()] += static_cast<int>(Exponent::Numerator);
    dimension_exponents<Next>::add_to(d);
  }
};

}  // namespace detail

/// The run-time dimension of a numresp quantity type:
/// `dimension_of<co2e_mass>()[base_dimension::co2e] == 1`.
template <class Quantity>
[[nodiscard]] constexpr dimension dimension_of() noexcept {
  static_assert(is_quantity_v<Quantity>, "dimension_of needs a numresp quantity type");
  dimension d;
  detail::dimension_exponents<typename Quantity::unit_type::dimension_type>::add_to(d);
  return d;
}

/// A unit parsed from text.
struct unit_spec {
  double scale = 1.0;  ///< the size of one such unit, in canonical units
  dimension dim;       ///< its dimension
  std::string text;    ///< the text it was parsed from, whitespace removed
};

/// Parses a unit.
/// @return `kInvalidArgument` naming the text, the offending symbol and its byte offset when the
///         text is empty, has an unknown symbol, a malformed exponent or a dangling operator.
[[nodiscard]] absl::StatusOr<unit_spec> parse_unit(absl::string_view text);

/// Converts `value` from unit `from` to unit `to`.
/// Conversions by an exact power of ten (g → kg, kWh → Wh) divide or multiply by an exact
/// integer, so they are correctly rounded.
/// @return `kInvalidArgument` when a unit does not parse or the two dimensions differ (the
///         message names both units and both dimensions).
[[nodiscard]] absl::StatusOr<double> convert(double value, absl::string_view from, absl::string_view to);

/// As the string overload, with parsed units.
[[nodiscard]] absl::StatusOr<double> convert(double value, const unit_spec& from, const unit_spec& to);

/// `value`, given in unit `from`, expressed in unit `to`, without checking that the two
/// dimensions agree (check first, or use @ref convert). Exposed for bulk conversion loops.
[[nodiscard]] double rescale(double value, const unit_spec& from, const unit_spec& to) noexcept;

/// `value` in unit `unit` as a typed quantity, e.g. `make_quantity<energy>(3, "kWh")`.
/// @return `kInvalidArgument` when the unit does not parse or its dimension is not the
///         quantity's.
template <class Quantity>
[[nodiscard]] absl::StatusOr<Quantity> make_quantity(double value, absl::string_view unit) {
  absl::StatusOr<unit_spec> spec = parse_unit(unit);
  if (!spec.ok()) return spec.status();
  constexpr dimension expected = dimension_of<Quantity>();
  if (spec->dim != expected) {
    return absl::InvalidArgumentError(
        absl::StrCat("unit \"", unit, "\" is a unit of ", spec->dim.to_string(), ", not of ", expected.to_string()));
  }
  unit_spec canonical;
  canonical.dim = expected;
  return Quantity::from_value(rescale(value, *spec, canonical));
}

/// The value of `q` in unit `unit`, e.g. `value_in_unit(q, "kgCO2e")`.
/// @return `kInvalidArgument` when the unit does not parse or its dimension is not the
///         quantity's.
template <class Quantity>
[[nodiscard]] absl::StatusOr<double> value_in_unit(Quantity q, absl::string_view unit) {
  absl::StatusOr<unit_spec> spec = parse_unit(unit);
  if (!spec.ok()) return spec.status();
  unit_spec canonical;
  canonical.dim = dimension_of<Quantity>();
  if (spec->dim != canonical.dim) {
    return absl::InvalidArgumentError(absl::StrCat("unit \"", unit, "\" is a unit of ", spec->dim.to_string(),
                                                   ", not of ", canonical.dim.to_string()));
  }
  return rescale(q.value(), canonical, *spec);
}

}  // namespace numresp::units

#endif  // NUMRESP_CORE_UNIT_STRING_HPP_
