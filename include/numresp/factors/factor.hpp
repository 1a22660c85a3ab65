/// @file
/// One factor: a number every model rests on, with its bounds, unit and provenance.
///
/// Factors come from the tables in `data/factors/*.csv` (one row a factor), validated and
/// compiled into the library at build time; see docs/methodology/factors.
#ifndef NUMRESP_FACTORS_FACTOR_HPP_
#define NUMRESP_FACTORS_FACTOR_HPP_

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "numresp/core/unit_string.hpp"

namespace numresp::factors {

/// A factor: value, optional bounds, unit and provenance.
struct factor {
  std::string id;                ///< dotted identifier, e.g. "grid.gwp.fra"
  double value = 0.0;            ///< in @ref unit; finite and >= 0
  std::optional<double> low;     ///< lower bound in @ref unit, when the source gives one
  std::optional<double> high;    ///< upper bound in @ref unit, when the source gives one
  std::string unit;              ///< unit as written in the table, e.g. "kgCO2e/kWh"
  std::string source;            ///< citation
  std::string source_url;        ///< URL or upstream path
  int year = 0;                  ///< reference year or vintage
  std::string region;            ///< ISO 3166-1 alpha-3, "EU", "WOR", or "-"
  std::string licence;           ///< SPDX-like licence of the figure
  std::string notes;             ///< free text
  units::unit_spec parsed_unit;  ///< @ref unit, parsed
};

/// The columns of a factor table, in order.
inline constexpr std::array<absl::string_view, 11> table_columns = {
    "id", "value", "low", "high", "unit", "source", "source_url", "year", "region", "licence", "notes"};

/// Builds a factor from the fields of one table row (in @ref table_columns order), checking every
/// rule of the table format: the id's shape, a finite non-negative value, bounds given together
/// with `low <= value <= high`, a unit that parses, a non-empty source, source_url, region and
/// licence, a four-digit year.
/// @param origin names the row in messages, e.g. "data/factors/ademe-2025.csv:12".
/// @return `kInvalidArgument` naming `origin`, the field and the offending value.
[[nodiscard]] absl::StatusOr<factor> make_factor(const std::vector<std::string>& fields, absl::string_view origin);

/// True when `id` has the shape of a factor id: `^[a-z0-9_]+(\.[a-z0-9_-]+)+$`.
[[nodiscard]] bool is_valid_id(absl::string_view id) noexcept;

}  // namespace numresp::factors

#endif  // NUMRESP_FACTORS_FACTOR_HPP_
