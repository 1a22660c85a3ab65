/// @file
/// The fact-check of the plan's figures: each claim of Poitiers' *Plan numérique responsable*
/// (2022) that numresp can recompute, recomputed with the factors of a set
/// (methodology: docs/methodology/equivalences-claims).
///
/// Above all "sending 20 emails a day for a year pollutes as much as driving 1,000 km by car":
/// with `ademe-2025`, 20 emails a day for 365 days are 14-22 kg CO2e, 99-154 km in an average
/// thermal car, so the claim is 6.5 to 10 times too high. The plan's own numbers (20 emails,
/// 1,000 km, 3.1 million computers...) are the claims' data, quoted in `claims.cpp` with their
/// source; every other number is a factor of the set.
///
///     for (const numresp::usage::claim& c : *numresp::usage::check_claims()) {
///       std::cout << c.text << ": " << c.verdict << "\n";
///     }
#ifndef NUMRESP_USAGE_CLAIMS_HPP_
#define NUMRESP_USAGE_CLAIMS_HPP_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "numresp/factors/factor_set.hpp"

namespace numresp::usage {

/// One of the plan's claims, recomputed. Figures are plain numbers in @ref unit, as a report
/// row: the claims mix kilometres, grams per email and computers per day.
struct claim {
  std::string id;          ///< stable identifier, e.g. "email_20_a_day_1000_km"
  std::string text;        ///< the claim as the plan (or its source) words it
  double plan_value = 0;   ///< the plan's figure, in @ref unit
  std::string unit;        ///< unit of the four figures, e.g. "km"
  double today_value = 0;  ///< the figure recomputed with the set's factors
  double today_low = 0;    ///< lower end of today's figure where the inputs give a range (else = today_value)
  double today_high = 0;   ///< upper end (else = today_value)
  std::vector<std::string> factor_ids;  ///< the factors the recomputation reads (empty: arithmetic only)
  double ratio = 0;                     ///< plan_value / today_value
  std::string verdict;                  ///< a short verdict, with the range of the ratio
};

/// A claim of the plan that numresp does not recompute, and why.
struct skipped_claim {
  std::string text;    ///< the claim
  std::string reason;  ///< why it is not recomputed
};

/// The plan's claims recomputed with `set` (the default `ademe-2025`; `ademe-2022` gives the
/// figures with the 2022 car factor, for instance).
/// @return `kNotFound` naming a factor the set lacks.
[[nodiscard]] absl::StatusOr<std::vector<claim>> check_claims(const factors::factor_set& set = factors::default_set());

/// The plan's figures traced in research/factors.md §1 that numresp does not recompute, with the
/// reason for each.
[[nodiscard]] std::vector<skipped_claim> skipped_claims();

}  // namespace numresp::usage

#endif  // NUMRESP_USAGE_CLAIMS_HPP_
