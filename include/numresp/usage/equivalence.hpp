/// @file
/// Grams CO2e as everyday equivalents: kilometres by car, train, bus or plane, meals, devices,
/// flights, days of France's digital footprint... with ADEME Impact CO2's factors
/// (`equivalence` factors; methodology: docs/methodology/equivalences-claims).
///
/// An equivalent amount is the emissions divided by the factor: `car_km` of 142.25 g is 1 km with
/// the average thermal car (`equivalence.car_thermal`, 0.1423 kg CO2e/km in `ademe-2025`; 0.2176
/// in the older sets, which reproduces texts of 2022-2025).
///
///     absl::StatusOr<double> km = numresp::usage::equivalent(14.1 * numresp::units::kg_co2e, "car_km");
///     // *km ≈ 99.1
#ifndef NUMRESP_USAGE_EQUIVALENCE_HPP_
#define NUMRESP_USAGE_EQUIVALENCE_HPP_

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "numresp/core/units.hpp"
#include "numresp/factors/factor_set.hpp"

namespace numresp::usage {

/// One equivalence: its name, the factor it divides by, and the unit of the result.
struct equivalence {
  absl::string_view name;         ///< e.g. "car_km"
  absl::string_view factor_id;    ///< e.g. "equivalence.car_thermal"
  absl::string_view factor_unit;  ///< the unit the factor is read in, e.g. "gCO2e/km"
  absl::string_view unit;         ///< the unit of the result, e.g. "km"
  absl::string_view description;  ///< what one unit of the result is
};

/// Every equivalence, in a fixed order (transport per km first, then items).
[[nodiscard]] absl::Span<const equivalence> equivalences() noexcept;

/// The equivalence named `name`.
/// @return `kNotFound` naming the value and listing the known names.
[[nodiscard]] absl::StatusOr<const equivalence*> find_equivalence(absl::string_view name);

/// `emissions` as an amount of equivalence `name` (in its @ref equivalence::unit), with the
/// factors of `set`. Negative emissions (a saving) give a negative amount.
/// @return `kNotFound` for an unknown name or a set without the factor; `kInvalidArgument` for
///         non-finite emissions or a factor of 0 (no equivalent amount).
[[nodiscard]] absl::StatusOr<double> equivalent(units::co2e_mass emissions, absl::string_view name,
                                                const factors::factor_set& set = factors::default_set());

/// `emissions` as a distance with a per-km equivalence (`car_km`, `tgv_km`, ...).
/// @return as @ref equivalent, and `kInvalidArgument` when `name` is not a distance.
[[nodiscard]] absl::StatusOr<units::length> distance_equivalent(
    units::co2e_mass emissions, absl::string_view name, const factors::factor_set& set = factors::default_set());

/// Bulk: `out[i]` = `grams[i]` grams CO2e as an amount of equivalence `name`.
/// @return as @ref equivalent; a non-finite input is named with its index (`out` is then
///         incomplete); spans of different sizes are `kInvalidArgument`.
[[nodiscard]] absl::Status equivalent(absl::Span<const double> grams, absl::string_view name,
                                      const factors::factor_set& set, absl::Span<double> out);

}  // namespace numresp::usage

#endif  // NUMRESP_USAGE_EQUIVALENCE_HPP_
