/// @file
/// BoaviztAPI 2.4.1's display rounding, reimplemented bit for bit (methodology:
/// docs/methodology/devices, "Rounding"). BoaviztAPI reports each value rounded according to the
/// width of its [min, max] band (10 % of the band fixes the last digit kept, never coarser than
/// the value's own order of magnitude, at most 4 significant figures), and min and max to 4
/// significant figures. Ties in the band rounding go to the even neighbour (Python's `round`);
/// ties in the significant-figure rounding go away from zero (WebKit's `toPrecision`, which
/// BoaviztAPI ports).
///
/// numresp computes with full precision; these helpers reproduce BoaviztAPI's displayed numbers.
#ifndef NUMRESP_DEVICES_ROUNDING_HPP_
#define NUMRESP_DEVICES_ROUNDING_HPP_

#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace numresp::devices::boaviztapi {

/// BoaviztAPI's configuration: uncertainty 10 %, 1 to 4 significant figures.
inline constexpr double uncertainty_percent = 10.0;  ///< 10 % of the band fixes the last digit
inline constexpr int max_significant_figures = 4;    ///< at most 4 significant figures
inline constexpr int min_significant_figures = 1;    ///< 1 figure when the value rounds to 0

/// The warning BoaviztAPI adds when the band is too wide for the value.
inline constexpr const char* important_uncertainty_warning =
    "Uncertainty from technical characteristics is very important. Results should be interpreted with "
    "caution (see min and max values)";

/// `x` rounded to `figures` significant figures, ties away from zero on the decimal digits
/// (BoaviztAPI `round_to_sigfig`, a port of WebKit's `Number.prototype.toPrecision`).
/// @return `kInvalidArgument` for figures outside [1, 17] or a non-finite `x`.
[[nodiscard]] absl::StatusOr<double> round_to_sigfig(double x, int figures);

/// BoaviztAPI `significant_number`: the number of significant figures of `x` as BoaviztAPI counts
/// them (0 for 0).
/// @return `kInvalidArgument` for a non-finite `x`.
[[nodiscard]] absl::StatusOr<int> significant_number(double x);

/// BoaviztAPI `round_based_on_min_max`: `value` rounded to the decade of `uncertainty` % of
/// [min, max], never coarser than the decade of `value`; `value` unchanged when min == max.
/// @return `kInvalidArgument` for uncertainty 0, max < min, a negative value with a band, or
///         non-finite input.
[[nodiscard]] absl::StatusOr<double> round_based_on_min_max(double value, double min, double max,
                                                            double uncertainty = uncertainty_percent);

/// A value as BoaviztAPI displays it, with the warnings it adds.
struct rounded {
  double value = 0;                   ///< the displayed value
  double min = 0;                     ///< the displayed min
  double max = 0;                     ///< the displayed max
  std::vector<std::string> warnings;  ///< warnings BoaviztAPI adds
};

/// BoaviztAPI `Impact.to_json` rounding: value by @ref round_based_on_min_max capped at 4
/// significant figures (1 figure and a warning when it rounds to 0), min and max to 4 figures.
/// @return the errors of the helpers above.
[[nodiscard]] absl::StatusOr<rounded> round_impact(double value, double min, double max);

}  // namespace numresp::devices::boaviztapi

#endif  // NUMRESP_DEVICES_ROUNDING_HPP_
