/// @file
/// Proportions and counts with honest intervals (methodology: docs/methodology/proportions):
/// seven interval methods for a proportion, weighted proportions with Kish's effective sample
/// size or a given design effect, the finite-population correction, Newcombe's interval for a
/// difference of two proportions, and exact Poisson intervals for counts and rates. Results agree
/// with R and statsmodels to 1e-9 (golden vectors in tests/data/inclusion/intervals.jsonl).
///
///     auto ci = numresp::inclusion::proportion_ci(17, 100);   // Wilson, 95 %
///     // ci->low ≈ 0.108936, ci->high ≈ 0.255480
///
/// Successes and trials may be non-integer (effective sizes of weighted surveys); every bound is
/// clipped to [0, 1].
#ifndef NUMRESP_INCLUSION_PROPORTION_HPP_
#define NUMRESP_INCLUSION_PROPORTION_HPP_

#include <array>
#include <cstdint>
#include <optional>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"

namespace numresp::inclusion {

/// Interval methods for a binomial proportion x / n (z = the normal quantile of 1 − α/2).
enum class ci_method : std::uint8_t {
  wilson,           ///< Wilson's score interval (the default: good coverage at every n and p)
  wilson_cc,        ///< Wilson with continuity correction, as R's prop.test(correct = TRUE)
  clopper_pearson,  ///< "exact": Beta quantiles; conservative (coverage >= 1 − α)
  jeffreys,         ///< Beta(x + ½, n − x + ½) quantiles (equal-tailed Bayesian)
  agresti_coull,    ///< Wald's formula on (x + z²/2) / (n + z²)
  wald,             ///< p ± z √(p(1 − p)/n): poor for small n or extreme p; kept for comparison
  logit,            ///< Wald's interval on the logit scale; Clopper-Pearson at x = 0 or x = n
};

/// Every method, in declaration order.
inline constexpr std::array<ci_method, 7> all_ci_methods = {
    ci_method::wilson, ci_method::wilson_cc, ci_method::clopper_pearson, ci_method::jeffreys, ci_method::agresti_coull,
    ci_method::wald,   ci_method::logit};

/// "wilson", "wilson_cc", "clopper_pearson", "jeffreys", "agresti_coull", "wald", "logit".
[[nodiscard]] absl::string_view to_string(ci_method m) noexcept;
/// The method named `name`.
/// @return `kNotFound` listing the names.
[[nodiscard]] absl::StatusOr<ci_method> parse_ci_method(absl::string_view name);

/// A two-sided interval.
struct interval {
  double low = 0;   ///< lower bound
  double high = 0;  ///< upper bound
};

/// The quantile of the standard normal distribution at `p` in (0, 1).
[[nodiscard]] double normal_quantile(double p) noexcept;

/// The interval of the proportion `successes / trials` at confidence `level`.
/// @return `kInvalidArgument` naming the argument unless 0 <= successes <= trials, trials > 0
///         and 0 < level < 1 (all finite).
[[nodiscard]] absl::StatusOr<interval> proportion_ci(double successes, double trials,
                                                     ci_method method = ci_method::wilson, double level = 0.95);

/// Bulk: `low[i], high[i]` of `successes[i] / trials[i]`; `successes` and `trials` have the same
/// length or one of them has one element (used for all).
/// @return `kInvalidArgument` naming the first bad element's index, or mismatched lengths.
[[nodiscard]] absl::Status proportion_ci(absl::Span<const double> successes, absl::Span<const double> trials,
                                         ci_method method, double level, absl::Span<double> low,
                                         absl::Span<double> high);

/// The interval with the finite-population correction: a sample of `trials` out of a population
/// of `population` (variance × (1 − n/N), that is the method applied to n* = n / (1 − n/N) and
/// x* = n* p). A census (n = N) gives the exact proportion.
/// @return `kInvalidArgument` unless population >= trials, plus the errors of @ref proportion_ci.
[[nodiscard]] absl::StatusOr<interval> proportion_ci_fpc(double successes, double trials, double population,
                                                         ci_method method = ci_method::wilson, double level = 0.95);

/// A weighted proportion and its interval.
struct weighted_result {
  double estimate = 0;       ///< Σ w y / Σ w
  double n = 0;              ///< observations
  double sum_weights = 0;    ///< Σ w (the estimated population size when w are expansion weights)
  double n_effective = 0;    ///< Kish: (Σ w)² / Σ w², or n / design effect when one is given
  double design_effect = 0;  ///< Kish's 1 + CV²(w) = n Σ w² / (Σ w)², or the one given
  interval ci;               ///< the method on x* = n_eff × estimate, n* = n_eff
};

/// The weighted proportion of outcomes `y` (each in [0, 1], usually 0 or 1) with weights `w`
/// (>= 0, not all 0); the interval uses Kish's effective sample size, or `design_effect` (>= 1
/// usually; > 0) when given (clustering, stratification).
/// @return `kInvalidArgument` naming the index and field of a bad element, mismatched lengths,
///         empty input or zero total weight.
[[nodiscard]] absl::StatusOr<weighted_result> weighted_proportion_ci(absl::Span<const double> y,
                                                                     absl::Span<const double> w,
                                                                     ci_method method = ci_method::wilson,
                                                                     double level = 0.95,
                                                                     std::optional<double> design_effect = {});

/// Newcombe's hybrid score interval (his method 10) for p1 − p2 of two independent proportions,
/// from the two Wilson intervals; in [−1, 1].
/// @return the errors of @ref proportion_ci, naming which proportion.
[[nodiscard]] absl::StatusOr<interval> difference_ci(double successes1, double trials1, double successes2,
                                                     double trials2, double level = 0.95);

/// The exact (Garwood) interval of a Poisson count: [χ²(α/2; 2x)/2, χ²(1 − α/2; 2x + 2)/2].
/// @return `kInvalidArgument` unless count >= 0 and finite and 0 < level < 1.
[[nodiscard]] absl::StatusOr<interval> poisson_ci(double count, double level = 0.95);

/// A rate per `per` inhabitants (e.g. per 1,000) of a count, with the count's exact interval.
struct rate_result {
  double rate = 0;  ///< count / population × per
  interval ci;      ///< the count's exact interval, scaled the same way
};

/// `count / population × per`, with @ref poisson_ci scaled the same way.
/// @return `kInvalidArgument` unless population > 0 and per > 0, plus @ref poisson_ci's errors.
[[nodiscard]] absl::StatusOr<rate_result> rate_ci(double count, double population, double per = 1000.0,
                                                  double level = 0.95);

}  // namespace numresp::inclusion

#endif  // NUMRESP_INCLUSION_PROPORTION_HPP_
