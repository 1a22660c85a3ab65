/// @file
/// Named, versioned factor sets, compiled into the library, with typed lookups and all-or-nothing
/// overrides.
///
/// Built-in sets (see docs/methodology/factors for every row and its source):
/// - `ademe-2025` (the default): ADEME Impact CO2 and the ACV numérique 2.1.0 model;
/// - `ademe-2024`, `ademe-2022`: earlier ADEME vintages, where values differ materially;
/// - `boavizta-2.4.1`: BoaviztAPI 2.4.1's terminal factors, usage archetypes and electricity
///   factors per country;
/// - `swd-v4`, `swd-v3`, `onebyte`: the CO2.js 0.19.0 data-transfer constants, with the
///   annual grid intensities per country that CO2.js ships (Ember).
///
///     const auto& ademe = numresp::factors::default_set();
///     absl::StatusOr<numresp::units::carbon_intensity> grid =
///         ademe.get<numresp::units::carbon_intensity>("grid.gwp.fra");
#ifndef NUMRESP_FACTORS_FACTOR_SET_HPP_
#define NUMRESP_FACTORS_FACTOR_SET_HPP_

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "numresp/core/estimate.hpp"
#include "numresp/core/unit_string.hpp"
#include "numresp/core/units.hpp"
#include "numresp/factors/factor.hpp"

namespace numresp::factors {

/// A replacement for one factor's figure.
struct factor_override {
  std::string id;                     ///< the factor to replace
  double value = 0.0;                 ///< the new value, in @ref unit (or the factor's unit)
  std::optional<std::string> unit;    ///< its unit; the factor's own when absent
  std::optional<double> low;          ///< new lower bound, in the same unit
  std::optional<double> high;         ///< new upper bound, in the same unit
  std::optional<std::string> source;  ///< the user's citation for the new figure
  std::optional<std::string> notes;   ///< free text
  std::string origin;                 ///< where it came from, for messages: "overrides.csv:4", "dict"
};

/// A named set of factors. Immutable: @ref with_overrides returns a new set.
class factor_set {
 public:
  /// Builds a set from factors, rejecting duplicate ids (`kInvalidArgument`).
  [[nodiscard]] static absl::StatusOr<factor_set> create(std::string name, std::string description,
                                                         std::vector<factor> factors);

  /// The set's name, e.g. "ademe-2025".
  [[nodiscard]] const std::string& name() const noexcept { return name_; }
  /// One line on what the set holds and where it comes from.
  [[nodiscard]] const std::string& description() const noexcept { return description_; }
  /// Number of factors.
  [[nodiscard]] std::size_t size() const noexcept { return factors_.size(); }
  /// The factors, in table order.
  [[nodiscard]] const std::vector<factor>& factors() const noexcept { return factors_; }
  /// Iteration over the factors, in table order.
  [[nodiscard]] std::vector<factor>::const_iterator begin() const noexcept { return factors_.begin(); }
  /// End of iteration.
  [[nodiscard]] std::vector<factor>::const_iterator end() const noexcept { return factors_.end(); }

  /// The factor `id`, or nullptr.
  [[nodiscard]] const factor* find(absl::string_view id) const noexcept;
  /// The factor `id`.
  /// @return `kNotFound` naming the id, the set and the closest known ids.
  [[nodiscard]] absl::StatusOr<const factor*> lookup(absl::string_view id) const;

  /// The value of factor `id` as a typed quantity in canonical units.
  /// @return `kNotFound` (see @ref lookup), or `kInvalidArgument` when the factor's unit is not a
  ///         unit of `Quantity` (the message names both dimensions).
  template <class Quantity>
  [[nodiscard]] absl::StatusOr<Quantity> get(absl::string_view id) const {
    absl::StatusOr<double> canonical = canonical_value(id, units::dimension_of<Quantity>(), &factor::value);
    if (!canonical.ok()) return canonical.status();
    return Quantity::from_value(*canonical);
  }

  /// Value and bounds of factor `id` as a typed estimate (an exact one when the factor has no
  /// bounds). Errors as @ref get.
  template <class Quantity>
  [[nodiscard]] absl::StatusOr<estimate<Quantity>> get_estimate(absl::string_view id) const {
    absl::StatusOr<const factor*> f = lookup(id);
    if (!f.ok()) return f.status();
    absl::StatusOr<double> value = canonical_value(id, units::dimension_of<Quantity>(), &factor::value);
    if (!value.ok()) return value.status();
    if (!(*f)->low) return estimate<Quantity>::exact(Quantity::from_value(*value));
    const units::unit_spec canonical{1.0, (*f)->parsed_unit.dim, {}};
    return estimate<Quantity>::create(Quantity::from_value(*value),
                                      Quantity::from_value(units::rescale(*(*f)->low, (*f)->parsed_unit, canonical)),
                                      Quantity::from_value(units::rescale(*(*f)->high, (*f)->parsed_unit, canonical)));
  }

  /// The value of a dimensionless factor (a ratio, a share), in canonical form (`%` → /100).
  /// @return `kNotFound`, or `kInvalidArgument` when the factor has a dimension.
  [[nodiscard]] absl::StatusOr<double> get_number(absl::string_view id) const;

  /// The value of factor `id` converted to `unit` (e.g. "gCO2e/kWh").
  /// @return `kNotFound`, or `kInvalidArgument` when `unit` does not parse or its dimension differs.
  [[nodiscard]] absl::StatusOr<double> get_in(absl::string_view id, absl::string_view unit) const;

  /// The distinct licences of the set's factors, sorted.
  [[nodiscard]] std::vector<std::string> licences() const;

  /// A new set with `overrides` applied; this set is unchanged. Every override is checked before
  /// any is applied (all or nothing): an unknown id is `kNotFound` naming it and the closest
  /// known ids; a unit that does not parse or has another dimension than the factor's, a
  /// negative or non-finite value, bounds given alone or out of order, or the same id twice is
  /// `kInvalidArgument`. Each message names the override's origin (file and line) and field;
  /// when several overrides are wrong, the message lists them all. A value given in another
  /// unit of the same dimension is converted to the factor's unit. An overridden factor keeps
  /// its id and unit, takes the override's bounds (none when it gives none), and records the
  /// override's origin and citation as its source, with the figure it replaces in its notes.
  [[nodiscard]] absl::StatusOr<factor_set> with_overrides(absl::Span<const factor_override> overrides) const;

 private:
  factor_set(std::string name, std::string description, std::vector<factor> factors);

  absl::StatusOr<double> canonical_value(absl::string_view id, const units::dimension& expected,
                                         double factor::*field) const;

  std::string name_;
  std::string description_;
  std::vector<factor> factors_;
  // id → position in factors_; shared between copies (the set is immutable).
  std::shared_ptr<const absl::flat_hash_map<std::string, std::size_t>> index_;
};

/// The default set, `ademe-2025`.
[[nodiscard]] const factor_set& default_set();

/// The built-in set named `name`.
/// @return `kNotFound` naming the value and listing the known names.
[[nodiscard]] absl::StatusOr<std::reference_wrapper<const factor_set>> get_set(absl::string_view name);

/// The names of the built-in sets, the default first.
[[nodiscard]] std::vector<std::string> set_names();

/// The name of the default set.
[[nodiscard]] absl::string_view default_set_name() noexcept;

}  // namespace numresp::factors

#endif  // NUMRESP_FACTORS_FACTOR_SET_HPP_
