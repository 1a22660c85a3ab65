/// @file
/// Seeded Monte Carlo over factor bounds, for a device and for a fleet (methodology:
/// docs/methodology/devices, "Uncertainty").
///
/// Every uncertain input with a range — an embedded factor, an archetype's power, an electricity
/// factor (the global range when no location is given), a refurbishment share — is drawn from a
/// triangular distribution with its low bound, its central value as the mode and its high bound;
/// inputs without a range stay fixed. One draw per input and iteration is shared by every row
/// that uses the input (a factor's error is systematic, not independent per device). The draws
/// come from numresp's own xoshiro256** generator seeded with SplitMix64 and the inverse CDF, so
/// the same seed gives the same numbers on every platform. Percentiles interpolate linearly
/// between order statistics (numpy's default).
#ifndef NUMRESP_DEVICES_UNCERTAINTY_HPP_
#define NUMRESP_DEVICES_UNCERTAINTY_HPP_

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "numresp/devices/device.hpp"
#include "numresp/devices/fleet.hpp"

namespace numresp::devices {

/// Monte Carlo settings.
struct monte_carlo_options {
  std::size_t draws = 10000;  ///< iterations, in [1, 10^8]
  std::uint64_t seed = 0;     ///< the same seed gives the same numbers
  bool keep_draws = false;    ///< keep every draw in the summaries
};

/// The distribution of one figure over the draws [report unit].
struct distribution_summary {
  double mean = 0;            ///< mean of the draws
  double p5 = 0;              ///< 5th percentile
  double p50 = 0;             ///< median
  double p95 = 0;             ///< 95th percentile
  double min = 0;             ///< smallest draw
  double max = 0;             ///< largest draw
  std::vector<double> draws;  ///< when @ref monte_carlo_options::keep_draws
};

/// Per criterion and phase (embedded, use) plus the total; none when the set cannot provide it.
struct monte_carlo_result {
  std::size_t draws = 0;                                                       ///< iterations run
  std::uint64_t seed = 0;                                                      ///< the seed used
  std::array<std::array<std::optional<distribution_summary>, 3>, 4> figure{};  ///< [criterion][embedded, use, total]

  /// One criterion and part (0 embedded, 1 use, 2 total).
  [[nodiscard]] const std::optional<distribution_summary>& at(criterion c, std::size_t part) const noexcept {
    return figure[static_cast<std::size_t>(c)][part];
  }
};

/// Index of the total in @ref monte_carlo_result::figure's inner arrays (after embedded and use).
inline constexpr std::size_t total_part = 2;

/// A deterministic random source: xoshiro256** seeded by SplitMix64.
class random_source {
 public:
  explicit random_source(std::uint64_t seed) noexcept;
  /// The next 64 random bits.
  std::uint64_t next() noexcept;
  /// Uniform in [0, 1), 53 random bits.
  double uniform() noexcept { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

 private:
  std::array<std::uint64_t, 4> s_{};
};

/// The inverse CDF of the triangular distribution (low, mode, high) at `u` in [0, 1]; `mode` when
/// low == high.
[[nodiscard]] double triangular(double low, double mode, double high, double u) noexcept;

/// The p-th percentile (p in [0, 100]) of sorted values, interpolating linearly (numpy's default).
[[nodiscard]] double percentile_sorted(absl::Span<const double> sorted, double p) noexcept;

/// Monte Carlo of one device's figures over its duration.
/// @return the errors of @ref evaluate; `kInvalidArgument` for a draw count out of range.
[[nodiscard]] absl::StatusOr<monte_carlo_result> monte_carlo(const catalog& catalog, const device_query& query,
                                                             const monte_carlo_options& options = {});

/// Monte Carlo of a fleet's footprint in `year` (the fleet total).
/// @return `kInvalidArgument` for a draw count out of range.
[[nodiscard]] absl::StatusOr<monte_carlo_result> monte_carlo(const fleet& fleet, int year,
                                                             const monte_carlo_options& options = {});

}  // namespace numresp::devices

#endif  // NUMRESP_DEVICES_UNCERTAINTY_HPP_
