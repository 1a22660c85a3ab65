/// @file
/// Illectronism rates tagged with their definition, and local synthetic estimates (methodology:
/// docs/methodology/proportions, "Illectronism").
///
/// INSEE changed its measure between surveys: in 2019 a person is in illectronism without
/// internet use in the last 12 months or with no skill in any of 4 domains (17 % nationally,
/// Insee Première 1780); from 2021, without use in the last 3 months or lacking skills in at least
/// 4 of 5 domains (15.4 %, Insee Première 1953). Rates carry their definition, and comparing two
/// rates of different definitions is an error, never a silent trend.
///
/// There is no commune-level survey estimate. A synthetic estimate applies national rates by
/// stratum (e.g. age band) to the local population of each stratum:
///
///     rate = Σ_h (N_h / N) p_h        Var = Σ_h (N_h / N)² Var(p_h)
///
/// It ignores local effects within strata (INSEE finds rural areas above cities at equal age),
/// so it is labelled model-based; its variance covers the national rates' sampling error only.
#ifndef NUMRESP_INCLUSION_ILLECTRONISM_HPP_
#define NUMRESP_INCLUSION_ILLECTRONISM_HPP_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "numresp/inclusion/proportion.hpp"

namespace numresp::inclusion {

/// INSEE's two definitions of illectronism.
enum class illectronism_definition : std::uint8_t {
  insee_2019,  ///< no internet use in 12 months, or no skill in any of 4 domains (TIC 2019)
  insee_2021,  ///< no internet use in 3 months, or lacking skills in >= 4 of 5 domains (TIC 2021)
};

/// "insee_2019" or "insee_2021".
[[nodiscard]] absl::string_view to_string(illectronism_definition d) noexcept;
/// A sentence describing the definition.
[[nodiscard]] absl::string_view describe(illectronism_definition d) noexcept;
/// The definition named `name`.
/// @return `kNotFound` listing the names.
[[nodiscard]] absl::StatusOr<illectronism_definition> parse_illectronism_definition(absl::string_view name);

/// A rate with the definition it was measured with.
struct illectronism_rate {
  double rate = 0;                       ///< in [0, 1]
  std::optional<double> standard_error;  ///< when the source gives one (or a survey estimates it)
  illectronism_definition definition = illectronism_definition::insee_2021;  ///< how it was measured
  std::string source;                                                        ///< citation
};

/// `a.rate − b.rate`.
/// @return `kFailedPrecondition` naming both definitions when they differ (the 2019 and 2021
///         measures are not comparable).
[[nodiscard]] absl::StatusOr<double> difference(const illectronism_rate& a, const illectronism_rate& b);

/// One stratum of a synthetic estimate: its local population and the national rate.
struct stratum {
  std::string name;                      ///< e.g. "75+"
  double population = 0;                 ///< local population of the stratum, >= 0
  double rate = 0;                       ///< national rate of the stratum, in [0, 1]
  std::optional<double> standard_error;  ///< of the national rate
};

/// A synthetic (model-based) local estimate.
struct synthetic_estimate {
  illectronism_definition definition = illectronism_definition::insee_2021;  ///< of the rates used
  double population = 0;                                                     ///< Σ N_h
  double rate = 0;                                                           ///< Σ (N_h / N) p_h
  double people = 0;                                                         ///< Σ N_h p_h
  std::optional<double> variance;     ///< Σ (N_h / N)² SE_h², when every stratum has an SE
  std::optional<interval> rate_ci;    ///< normal interval on the rate (clipped), when the variance is known
  std::optional<interval> people_ci;  ///< the same × population
  std::vector<double> contributions;  ///< people per stratum, N_h p_h
};

/// The synthetic estimate of `strata` measured with `definition`.
/// @return `kInvalidArgument` naming the stratum and field of a negative or non-finite
///         population, a rate outside [0, 1], a negative standard error, no stratum or a zero
///         total population; `kInvalidArgument` for a level outside (0, 1).
[[nodiscard]] absl::StatusOr<synthetic_estimate> synthetic(absl::Span<const stratum> strata,
                                                           illectronism_definition definition, double level = 0.95);

/// A published national rate for one age band.
struct age_band_rate {
  std::string name;  ///< "15-44", "45-59", "60-74", "75+"
  int min_age = 0;   ///< first age of the band
  int max_age = 0;   ///< last age of the band (200 for an open band)
  double rate = 0;   ///< in [0, 1]
};

/// A published table of national rates by age band, with its definition and source.
struct national_table {
  std::string name;                                                          ///< e.g. "insee_2019_age"
  illectronism_definition definition = illectronism_definition::insee_2019;  ///< measure
  std::string source;                                                        ///< citation
  double national_rate = 0;                                                  ///< the all-ages rate of the same source
  std::vector<age_band_rate> bands;                                          ///< covering ages 15+
};

/// The built-in tables: "insee_2019_age" (Insee Analyses n° 85, June 2023, 2019 data, 12-month
/// definition: 15–44 3 %, 45–59 9 %, 60–74 27 %, 75+ 67 %; national 16 %). INSEE's 2021 figures
/// by age (Insee Première 1953) leave out the 40–59 band, so no complete 2021 table is built in.
[[nodiscard]] const std::vector<national_table>& national_tables();
/// The table named `name`.
/// @return `kNotFound` listing the names.
[[nodiscard]] absl::StatusOr<const national_table*> find_national_table(absl::string_view name);

}  // namespace numresp::inclusion

#endif  // NUMRESP_INCLUSION_ILLECTRONISM_HPP_
