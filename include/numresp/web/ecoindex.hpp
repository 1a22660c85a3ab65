/// @file
/// EcoIndex: a web page's environmental score from its DOM size, request count and transferred
/// size (methodology: docs/methodology/ecoindex).
///
/// The quantile tables, grade thresholds and per-page-view constants come from the factor set
/// `ecoindex` (ecoindex_reference 1.0.2; CC BY-NC-ND 3.0: non-commercial use, no derivatives).
/// Two flavours, each equal to its reference on any valid input:
/// - `raw`: the npm package `ecoindex` 2.0.1: the unrounded score; grade, GHG and water from it
///   (npm formats GHG and water with `toFixed(2)`: see to_fixed_2());
/// - `ecoindex_fr`: the Python reference that ecoindex.fr uses: the score rounded half to even
///   first; grade, GHG and water from that integer, GHG and water rounded half to even to 0.01.
///
/// numresp departs from the references only where they give no usable answer: a negative,
/// non-finite or NaN input is an error (npm extrapolates or treats NaN as the worst value), and a
/// score of 0 is grade "G" (npm returns `false` for exactly 0, as for out-of-range scores).
#ifndef NUMRESP_WEB_ECOINDEX_HPP_
#define NUMRESP_WEB_ECOINDEX_HPP_

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "numresp/factors/factor_set.hpp"

namespace numresp::web {

/// Which reference convention to follow.
enum class flavour : std::uint8_t {
  raw,          ///< npm `ecoindex` 2.0.1: unrounded score
  ecoindex_fr,  ///< the Python reference of ecoindex.fr: score rounded half to even first
};

/// "raw" or "ecoindex.fr".
[[nodiscard]] absl::string_view to_string(flavour f) noexcept;
/// The flavour named `name`: "raw", or "ecoindex.fr" (also "ecoindex_fr").
/// @return `kInvalidArgument` naming the value.
[[nodiscard]] absl::StatusOr<flavour> parse_flavour(absl::string_view name);

/// The EcoIndex reference data, read from a factor set.
struct ecoindex_tables {
  std::array<double, 21> dom{};                 ///< DOM element quantile boundaries
  std::array<double, 21> requests{};            ///< request-count quantile boundaries
  std::array<double, 21> size_kb{};             ///< transferred-size quantile boundaries [kB]
  std::array<double, 6> grade_limits{};         ///< A..F: grade when score > limit (current scale)
  std::array<double, 6> legacy_grade_limits{};  ///< A..F on the pre-September-2022 scale
  double ghg_base_g = 0;                        ///< gCO2e per page view at score 50 (2)
  double water_base_cl = 0;                     ///< cl per page view at score 50 (3)

  /// From a factor set holding the EcoIndex rows (ids starting with "ecoindex.").
  /// @return `kNotFound` for a missing row, `kInvalidArgument` for a table that is not increasing.
  [[nodiscard]] static absl::StatusOr<ecoindex_tables> from_factors(const factors::factor_set& set);
  /// From the built-in `ecoindex` set.
  [[nodiscard]] static const ecoindex_tables& builtin();
};

/// One page's EcoIndex.
struct ecoindex_result {
  double q_dom = 0;       ///< quantile position of the DOM size, [0, 20]
  double q_requests = 0;  ///< quantile position of the request count, [0, 20]
  double q_size = 0;      ///< quantile position of the transferred size, [0, 20]
  double score = 0;       ///< 0-100, higher is better (an integer for ecoindex_fr)
  char grade = 'G';       ///< 'A'..'G'
  double ghg_g = 0;       ///< greenhouse gases per page view [g CO2e]
  double water_cl = 0;    ///< water per page view [cl]
};

/// The EcoIndex of a page with `dom` elements, `requests` requests and `size_kb` kB transferred
/// (1 kB = 1000 bytes).
/// @return `kInvalidArgument` naming the argument when an input is negative, infinite or NaN.
[[nodiscard]] absl::StatusOr<ecoindex_result> ecoindex(double dom, double requests, double size_kb,
                                                       flavour f = flavour::raw,
                                                       const ecoindex_tables& tables = ecoindex_tables::builtin());

/// The quantile position of `value` in a 21-boundary table: `(i - 1) + (v - Q[i-1]) / (Q[i] -
/// Q[i-1])` for the first `i` with `v < Q[i]`, and 20 at or above the last boundary.
[[nodiscard]] double quantile(const std::array<double, 21>& table, double value) noexcept;

/// The grade of a score on the current scale ('A' when score > 80, ..., 'G' when score <= 10).
[[nodiscard]] char grade(double score, const ecoindex_tables& tables = ecoindex_tables::builtin()) noexcept;

/// The grade of a score reported on the pre-September-2022 scale (-5..95; thresholds 75, 65, 50,
/// 35, 20, 5), for old reports (GreenIT-Analysis-cli still prints it).
[[nodiscard]] char legacy_grade(double legacy_score,
                                const ecoindex_tables& tables = ecoindex_tables::builtin()) noexcept;

/// A pre-2022 score on the current scale (the old formula gave 5 points less).
[[nodiscard]] constexpr double from_legacy_score(double legacy_score) noexcept { return legacy_score + 5; }

/// `x` formatted as JavaScript's `x.toFixed(2)` does (an exact tie of the binary value rounds away
/// from zero), as npm `ecoindex` formats GHG and water.
[[nodiscard]] std::string to_fixed_2(double x);

/// Python's `round(x)`: to the nearest integer, ties to even.
[[nodiscard]] double round_half_even(double x) noexcept;

/// Bulk: the EcoIndex of many pages (structure of arrays). Every span has the same size.
/// @return `kInvalidArgument` naming the argument and the first bad index; outputs are then
///         incomplete.
[[nodiscard]] absl::Status ecoindex(absl::Span<const double> dom, absl::Span<const double> requests,
                                    absl::Span<const double> size_kb, flavour f, absl::Span<double> score,
                                    absl::Span<char> grade, absl::Span<double> ghg_g, absl::Span<double> water_cl,
                                    const ecoindex_tables& tables = ecoindex_tables::builtin());

}  // namespace numresp::web

#endif  // NUMRESP_WEB_ECOINDEX_HPP_
