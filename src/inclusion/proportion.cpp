#include "numresp/inclusion/proportion.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <optional>
#include <string>

#include <boost/math/special_functions/beta.hpp>
#include <boost/math/special_functions/erf.hpp>
#include <boost/math/special_functions/gamma.hpp>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"

namespace numresp::inclusion {
namespace {

// Boost.Math reports domain errors through errno, never by throwing: inputs are checked first.
using boost_policy =
    boost::math::policies::policy<boost::math::policies::domain_error<boost::math::policies::errno_on_error>,
                                  boost::math::policies::overflow_error<boost::math::policies::errno_on_error>,
                                  boost::math::policies::evaluation_error<boost::math::policies::errno_on_error>>;

double clip(double x) noexcept { return std::min(1.0, std::max(0.0, x)); }

absl::Status check_level(double level) {
  if (level > 0 && level < 1) return absl::OkStatus();
  return absl::InvalidArgumentError(absl::StrCat("level must be in (0, 1); got ", level));
}

absl::Status check_counts(double x, double n, const std::string& where) {
  if (!(std::isfinite(n) && n > 0)) {
    return absl::InvalidArgumentError(absl::StrCat(where, "trials must be finite and > 0; got ", n));
  }
  if (!(std::isfinite(x) && x >= 0 && x <= n)) {
    return absl::InvalidArgumentError(absl::StrCat(where, "successes must be in [0, trials = ", n, "]; got ", x));
  }
  return absl::OkStatus();
}

// The Beta quantile, with the boundary conventions of R's qbeta for a = 0 or b = 0.
double beta_quantile(double a, double b, double p) { return boost::math::ibeta_inv(a, b, p, boost_policy()); }

interval clopper_pearson(double x, double n, double alpha) {
  const double low = x <= 0 ? 0.0 : beta_quantile(x, n - x + 1, alpha / 2);
  const double high = x >= n ? 1.0 : beta_quantile(x + 1, n - x, 1 - alpha / 2);
  return {low, high};
}

interval wilson(double x, double n, double z) {
  const double p = x / n;
  const double z2 = z * z;
  const double denominator = 1 + z2 / n;
  const double centre = (p + z2 / (2 * n)) / denominator;
  const double half = z / denominator * std::sqrt(p * (1 - p) / n + z2 / (4 * n * n));
  // Exactly 0 at x = 0 and 1 at x = n, as R's prop.test.
  return {x <= 0 ? 0.0 : clip(centre - half), x >= n ? 1.0 : clip(centre + half)};
}

// R's prop.test(correct = TRUE) for one sample: Yates' correction min(0.5, |x − n/2|) (R tests
// against p = 0.5 and applies the correction to the interval as well), with R's boundary rules.
interval wilson_cc(double x, double n, double z) {
  const double estimate = x / n;
  const double yates = std::min(0.5, std::fabs(x - n * 0.5));
  const double z22n = z * z / (2 * n);
  double pc = estimate + yates / n;
  const double high = pc >= 1 ? 1.0 : (pc + z22n + z * std::sqrt(pc * (1 - pc) / n + z22n / (2 * n))) / (1 + 2 * z22n);
  pc = estimate - yates / n;
  const double low = pc <= 0 ? 0.0 : (pc + z22n - z * std::sqrt(pc * (1 - pc) / n + z22n / (2 * n))) / (1 + 2 * z22n);
  return {clip(low), clip(high)};
}

// `z` is the normal quantile of 1 − α/2 (computed once per call by the callers).
interval compute(double x, double n, ci_method method, double level, double z) {
  const double alpha = 1 - level;
  const double p = x / n;
  switch (method) {
    case ci_method::wilson:
      return wilson(x, n, z);
    case ci_method::wilson_cc:
      return wilson_cc(x, n, z);
    case ci_method::clopper_pearson:
      return clopper_pearson(x, n, alpha);
    case ci_method::jeffreys:
      return {clip(beta_quantile(x + 0.5, n - x + 0.5, alpha / 2)),
              clip(beta_quantile(x + 0.5, n - x + 0.5, 1 - alpha / 2))};
    case ci_method::agresti_coull: {
      const double nt = n + z * z;
      const double pt = (x + z * z / 2) / nt;
      const double half = z * std::sqrt(pt * (1 - pt) / nt);
      return {clip(pt - half), clip(pt + half)};
    }
    case ci_method::wald: {
      const double half = z * std::sqrt(p * (1 - p) / n);
      return {clip(p - half), clip(p + half)};
    }
    case ci_method::logit: {
      if (x <= 0 || x >= n) return clopper_pearson(x, n, alpha);
      const double centre = std::log(p / (1 - p));
      const double half = z / std::sqrt(n * p * (1 - p));
      const auto expit = [](double t) { return 1 / (1 + std::exp(-t)); };
      return {clip(expit(centre - half)), clip(expit(centre + half))};
    }
  }
  return {0, 1};
}

double z_of(double level) noexcept { return normal_quantile(1 - (1 - level) / 2); }

}  // namespace

absl::string_view to_string(ci_method m) noexcept {
  switch (m) {
    case ci_method::wilson:
      return "wilson";
    case ci_method::wilson_cc:
      return "wilson_cc";
    case ci_method::clopper_pearson:
      return "clopper_pearson";
    case ci_method::jeffreys:
      return "jeffreys";
    case ci_method::agresti_coull:
      return "agresti_coull";
    case ci_method::wald:
      return "wald";
    case ci_method::logit:
      return "logit";
  }
  return "";
}

absl::StatusOr<ci_method> parse_ci_method(absl::string_view name) {
  for (ci_method m : all_ci_methods) {
    if (to_string(m) == name) return m;
  }
  return absl::NotFoundError(absl::StrCat("unknown interval method \"", name,
                                          "\"; known methods: wilson, wilson_cc, clopper_pearson, jeffreys, "
                                          "agresti_coull, wald, logit"));
}

double normal_quantile(double p) noexcept { return -std::sqrt(2.0) * boost::math::erfc_inv(2 * p, boost_policy()); }

absl::StatusOr<interval> proportion_ci(double successes, double trials, ci_method method, double level) {
  if (absl::Status s = check_level(level); !s.ok()) return s;
  if (absl::Status s = check_counts(successes, trials, ""); !s.ok()) return s;
  return compute(successes, trials, method, level, z_of(level));
}

absl::Status proportion_ci(absl::Span<const double> successes, absl::Span<const double> trials, ci_method method,
                           double level, absl::Span<double> low, absl::Span<double> high) {
  if (absl::Status s = check_level(level); !s.ok()) return s;
  const std::size_t n = std::max(successes.size(), trials.size());
  const bool ok_sizes = (successes.size() == n || successes.size() == 1) && (trials.size() == n || trials.size() == 1);
  if (!ok_sizes || low.size() != n || high.size() != n) {
    return absl::InvalidArgumentError(absl::StrCat("proportion_ci: successes (", successes.size(), "), trials (",
                                                   trials.size(), ") and outputs (", low.size(), ", ", high.size(),
                                                   ") must have the same length, or one input one element"));
  }
  const double z = z_of(level);
  for (std::size_t i = 0; i < n; ++i) {
    const double x = successes[successes.size() == 1 ? 0 : i];
    const double t = trials[trials.size() == 1 ? 0 : i];
    if (absl::Status s = check_counts(x, t, absl::StrCat("index ", i, ": ")); !s.ok()) return s;
    const interval r = compute(x, t, method, level, z);
    low[i] = r.low;
    high[i] = r.high;
  }
  return absl::OkStatus();
}

absl::StatusOr<interval> proportion_ci_fpc(double successes, double trials, double population, ci_method method,
                                           double level) {
  if (absl::Status s = check_level(level); !s.ok()) return s;
  if (absl::Status s = check_counts(successes, trials, ""); !s.ok()) return s;
  if (!(std::isfinite(population) && population >= trials)) {
    return absl::InvalidArgumentError(
        absl::StrCat("population must be finite and >= trials = ", trials, "; got ", population));
  }
  const double p = successes / trials;
  if (population == trials) return interval{p, p};  // a census
  const double n_star = trials / (1 - trials / population);
  return compute(n_star * p, n_star, method, level, z_of(level));
}

absl::StatusOr<weighted_result> weighted_proportion_ci(absl::Span<const double> y, absl::Span<const double> w,
                                                       ci_method method, double level,
                                                       std::optional<double> design_effect) {
  if (absl::Status s = check_level(level); !s.ok()) return s;
  if (y.size() != w.size()) {
    return absl::InvalidArgumentError(
        absl::StrCat("weighted proportion: y has ", y.size(), " values and w ", w.size(), "; they must match"));
  }
  if (y.empty()) return absl::InvalidArgumentError("weighted proportion: no observation");
  if (design_effect && !(std::isfinite(*design_effect) && *design_effect > 0)) {
    return absl::InvalidArgumentError(absl::StrCat("design_effect must be finite and > 0; got ", *design_effect));
  }
  double sw = 0;
  double sw2 = 0;
  double swy = 0;
  for (std::size_t i = 0; i < y.size(); ++i) {
    if (!(std::isfinite(y[i]) && y[i] >= 0 && y[i] <= 1)) {
      return absl::InvalidArgumentError(absl::StrCat("index ", i, ", field y: must be in [0, 1]; got ", y[i]));
    }
    if (!(std::isfinite(w[i]) && w[i] >= 0)) {
      return absl::InvalidArgumentError(absl::StrCat("index ", i, ", field w: must be finite and >= 0; got ", w[i]));
    }
    sw += w[i];
    sw2 += w[i] * w[i];
    swy += w[i] * y[i];
  }
  if (sw <= 0) return absl::InvalidArgumentError("weighted proportion: the weights sum to 0");
  weighted_result r;
  r.n = static_cast<double>(y.size());
  r.sum_weights = sw;
  r.estimate = swy / sw;
  r.design_effect = design_effect ? *design_effect : r.n * sw2 / (sw * sw);
  r.n_effective = design_effect ? r.n / *design_effect : sw * sw / sw2;
  r.ci = compute(r.n_effective * r.estimate, r.n_effective, method, level, z_of(level));
  return r;
}

absl::StatusOr<interval> difference_ci(double successes1, double trials1, double successes2, double trials2,
                                       double level) {
  if (absl::Status s = check_level(level); !s.ok()) return s;
  if (absl::Status s = check_counts(successes1, trials1, "first proportion: "); !s.ok()) return s;
  if (absl::Status s = check_counts(successes2, trials2, "second proportion: "); !s.ok()) return s;
  const double z = normal_quantile(1 - (1 - level) / 2);
  const double p1 = successes1 / trials1;
  const double p2 = successes2 / trials2;
  const interval a = wilson(successes1, trials1, z);
  const interval b = wilson(successes2, trials2, z);
  const double d = p1 - p2;
  const double low = d - std::sqrt((p1 - a.low) * (p1 - a.low) + (b.high - p2) * (b.high - p2));
  const double high = d + std::sqrt((a.high - p1) * (a.high - p1) + (p2 - b.low) * (p2 - b.low));
  return interval{std::max(-1.0, low), std::min(1.0, high)};
}

absl::StatusOr<interval> poisson_ci(double count, double level) {
  if (absl::Status s = check_level(level); !s.ok()) return s;
  if (!(std::isfinite(count) && count >= 0)) {
    return absl::InvalidArgumentError(absl::StrCat("count must be finite and >= 0; got ", count));
  }
  const double alpha = 1 - level;
  // χ²(p; 2k)/2 is the Gamma(k, 1) quantile.
  const double low = count <= 0 ? 0.0 : boost::math::gamma_p_inv(count, alpha / 2, boost_policy());
  const double high = boost::math::gamma_p_inv(count + 1, 1 - alpha / 2, boost_policy());
  return interval{low, high};
}

absl::StatusOr<rate_result> rate_ci(double count, double population, double per, double level) {
  if (!(std::isfinite(population) && population > 0)) {
    return absl::InvalidArgumentError(absl::StrCat("population must be finite and > 0; got ", population));
  }
  if (!(std::isfinite(per) && per > 0)) {
    return absl::InvalidArgumentError(absl::StrCat("per must be finite and > 0; got ", per));
  }
  absl::StatusOr<interval> ci = poisson_ci(count, level);
  if (!ci.ok()) return ci.status();
  const double scale = per / population;
  return rate_result{count * scale, {ci->low * scale, ci->high * scale}};
}

}  // namespace numresp::inclusion
