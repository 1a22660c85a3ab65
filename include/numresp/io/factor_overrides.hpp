/// @file
/// Factor overrides from files: a CSV table or a JSON object, turned into
/// @ref numresp::factors::factor_override values and applied all or nothing.
///
/// CSV: a header with `id` and `value` and any of `unit`, `low`, `high`, `source`, `notes`; one
/// row an override.
///
///     id,value,unit,source
///     grid.gwp.fra,52,g CO2e/kWh,RTE eco2mix 2025 annual average
///
/// JSON: an object from factor id to either a number (in the factor's own unit) or an object
/// with `value` and any of `unit`, `low`, `high`, `source`, `notes`.
///
///     {"grid.gwp.fra": {"value": 52, "unit": "gCO2e/kWh"}, "device.laptop.lifetime": 6}
///
/// Every message names the file, the line and the field.
#ifndef NUMRESP_IO_FACTOR_OVERRIDES_HPP_
#define NUMRESP_IO_FACTOR_OVERRIDES_HPP_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "numresp/factors/factor_set.hpp"

namespace numresp::io {

/// Parses overrides written as CSV. `origin` names the text in messages (a path).
/// @return `kInvalidArgument` naming origin, line and field for malformed CSV, a missing `id` or
///         `value` column, an unknown column, or a field that is not a number where one is due.
[[nodiscard]] absl::StatusOr<std::vector<factors::factor_override>> parse_factor_overrides_csv(
    absl::string_view text, absl::string_view origin);

/// Parses overrides written as JSON. `origin` names the text in messages (a path).
/// @return `kInvalidArgument` naming origin, line and field for malformed JSON (with the byte
///         offset of the syntax error), a document that is not an object, or a field of the wrong
///         type.
[[nodiscard]] absl::StatusOr<std::vector<factors::factor_override>> parse_factor_overrides_json(
    absl::string_view text, absl::string_view origin);

/// Reads overrides from a `.csv` or `.json` file (chosen by extension).
/// @return `kNotFound` when the file cannot be opened, `kInvalidArgument` for another extension
///         or as the parsers above.
[[nodiscard]] absl::StatusOr<std::vector<factors::factor_override>> read_factor_overrides(const std::string& path);

/// `set.with_overrides(read_factor_overrides(path))`: a new set, or the first error; `set` is
/// unchanged either way.
[[nodiscard]] absl::StatusOr<factors::factor_set> apply_factor_overrides(const factors::factor_set& set,
                                                                         const std::string& path);

}  // namespace numresp::io

#endif  // NUMRESP_IO_FACTOR_OVERRIDES_HPP_
