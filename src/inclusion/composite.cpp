#include "numresp/inclusion/composite.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <numeric>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "composite_internal.hpp"
#include "numresp/core/status.hpp"

namespace numresp::inclusion {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

template <class Enum, std::size_t N>
absl::StatusOr<Enum> parse_enum(absl::string_view what, absl::string_view name,
                                const std::pair<absl::string_view, Enum> (&names)[N]) {
  for (const auto& [text, value] : names) {
    if (text == name) return value;
  }
  std::vector<std::string> known;
  for (const auto& entry : names) known.emplace_back(entry.first);
  return absl::NotFoundError(absl::StrCat("unknown ", what, " '", name, "'; known: ", absl::StrJoin(known, ", ")));
}

constexpr std::pair<absl::string_view, normalisation> kNormalisations[] = {
    {"minmax", normalisation::minmax},
    {"zscore", normalisation::zscore},
    {"rank", normalisation::rank},
    {"ratio_to_reference", normalisation::ratio_to_reference},
    {"decile_points", normalisation::decile_points},
};
constexpr std::pair<absl::string_view, aggregation> kAggregations[] = {
    {"arithmetic", aggregation::arithmetic},
    {"geometric", aggregation::geometric},
    {"harmonic", aggregation::harmonic},
};
constexpr std::pair<absl::string_view, missing_rule> kMissingRules[] = {
    {"skip", missing_rule::skip},
    {"fail", missing_rule::fail},
    {"impute_mean", missing_rule::impute_mean},
};
constexpr std::pair<absl::string_view, reference_statistic> kStatistics[] = {
    {"mean", reference_statistic::mean},
    {"median", reference_statistic::median},
};
constexpr std::pair<absl::string_view, non_positive_rule> kNonPositiveRules[] = {
    {"fail", non_positive_rule::fail},
    {"shift", non_positive_rule::shift},
};
constexpr std::pair<absl::string_view, weight_perturbation> kPerturbations[] = {
    {"uniform", weight_perturbation::uniform},
    {"dirichlet", weight_perturbation::dirichlet},
};

template <class Enum, std::size_t N>
absl::string_view name_of(Enum value, const std::pair<absl::string_view, Enum> (&names)[N]) noexcept {
  for (const auto& [text, v] : names) {
    if (v == value) return text;
  }
  return "?";
}

/// The non-NaN values, sorted.
std::vector<double> sorted_available(absl::Span<const double> values) {
  std::vector<double> out;
  out.reserve(values.size());
  for (double v : values) {
    if (!std::isnan(v)) out.push_back(v);
  }
  std::sort(out.begin(), out.end());
  return out;
}

/// Ascending average ranks (1..n) of the non-NaN values; NaN stays NaN.
std::vector<double> ascending_ranks(absl::Span<const double> values) {
  std::vector<std::size_t> order;
  order.reserve(values.size());
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (!std::isnan(values[i])) order.push_back(i);
  }
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return values[a] < values[b]; });
  std::vector<double> ranks(values.size(), kNaN);
  std::size_t start = 0;
  while (start < order.size()) {
    std::size_t end = start + 1;
    while (end < order.size() && values[order[end]] == values[order[start]]) ++end;
    // Positions start..end-1 hold ranks start+1..end: their mean.
    const double mean_rank = 0.5 * static_cast<double>(start + 1 + end);
    for (std::size_t k = start; k < end; ++k) ranks[order[k]] = mean_rank;
    start = end;
  }
  return ranks;
}

absl::Status check_spec(const indicator_spec& spec) {
  if (spec.polarity != 1 && spec.polarity != -1) {
    return absl::InvalidArgumentError(
        absl::StrCat("indicator '", spec.name, "': polarity = ", spec.polarity, ": must be +1 or -1"));
  }
  if (!(std::isfinite(spec.weight) && spec.weight >= 0)) {
    return absl::InvalidArgumentError(
        absl::StrCat("indicator '", spec.name, "': weight = ", spec.weight, ": must be finite and >= 0"));
  }
  if (spec.reference && !(std::isfinite(*spec.reference) && *spec.reference > 0)) {
    return absl::InvalidArgumentError(
        absl::StrCat("indicator '", spec.name, "': reference = ", *spec.reference, ": must be finite and > 0"));
  }
  if (!spec.deciles.empty()) {
    if (spec.deciles.size() != 9) {
      return absl::InvalidArgumentError(
          absl::StrCat("indicator '", spec.name, "': ", spec.deciles.size(), " deciles given: expected 9 (D1..D9)"));
    }
    for (std::size_t k = 0; k < 9; ++k) {
      if (!std::isfinite(spec.deciles[k]) || (k > 0 && spec.deciles[k] < spec.deciles[k - 1])) {
        return absl::InvalidArgumentError(absl::StrCat("indicator '", spec.name, "': deciles D", k + 1, " = ",
                                                       spec.deciles[k], ": must be finite and ascending"));
      }
    }
  }
  return absl::OkStatus();
}

absl::Status check_options(const composite_options& options) {
  if (!(options.min_coverage >= 0 && options.min_coverage <= 1)) {
    return absl::InvalidArgumentError(
        absl::StrCat("min_coverage = ", options.min_coverage, ": must be a share in [0, 1]"));
  }
  if (!(std::isfinite(options.minmax_low) && std::isfinite(options.minmax_high) &&
        options.minmax_low < options.minmax_high)) {
    return absl::InvalidArgumentError(absl::StrCat("minmax range [", options.minmax_low, ", ", options.minmax_high,
                                                   "]: must be finite with low < high"));
  }
  return absl::OkStatus();
}

}  // namespace

// -- Names ----------------------------------------------------------------------------------------

absl::StatusOr<normalisation> parse_normalisation(absl::string_view name) {
  return parse_enum<normalisation>("normalisation", name, kNormalisations);
}
absl::StatusOr<aggregation> parse_aggregation(absl::string_view name) {
  return parse_enum<aggregation>("aggregation", name, kAggregations);
}
absl::StatusOr<missing_rule> parse_missing_rule(absl::string_view name) {
  return parse_enum<missing_rule>("missing-data rule", name, kMissingRules);
}
absl::StatusOr<reference_statistic> parse_reference_statistic(absl::string_view name) {
  return parse_enum<reference_statistic>("reference statistic", name, kStatistics);
}
absl::StatusOr<non_positive_rule> parse_non_positive_rule(absl::string_view name) {
  return parse_enum<non_positive_rule>("non-positive rule", name, kNonPositiveRules);
}
absl::StatusOr<weight_perturbation> parse_weight_perturbation(absl::string_view name) {
  return parse_enum<weight_perturbation>("weight distribution", name, kPerturbations);
}

absl::string_view to_string(normalisation method) noexcept { return name_of(method, kNormalisations); }
absl::string_view to_string(aggregation method) noexcept { return name_of(method, kAggregations); }
absl::string_view to_string(missing_rule rule) noexcept { return name_of(rule, kMissingRules); }
absl::string_view to_string(reference_statistic statistic) noexcept { return name_of(statistic, kStatistics); }
absl::string_view to_string(non_positive_rule rule) noexcept { return name_of(rule, kNonPositiveRules); }
absl::string_view to_string(weight_perturbation method) noexcept { return name_of(method, kPerturbations); }

// -- Building blocks ------------------------------------------------------------------------------

namespace composite_detail {

double percentile_sorted(absl::Span<const double> sorted, double p) noexcept {
  if (sorted.empty()) return kNaN;
  const double position = p / 100 * static_cast<double>(sorted.size() - 1);
  const auto below = static_cast<std::size_t>(std::floor(position));
  if (below + 1 >= sorted.size()) return sorted.back();
  const double fraction = position - static_cast<double>(below);
  return sorted[below] + fraction * (sorted[below + 1] - sorted[below]);
}

std::string unit_label(const indicator_table& table, std::size_t unit) {
  if (unit < table.unit_names.size()) return absl::StrCat("unit '", table.unit_names[unit], "' (row ", unit, ")");
  return absl::StrCat("row ", unit);
}

std::string join_names(absl::Span<const std::string> names) { return absl::StrJoin(names, ", "); }

absl::StatusOr<prepared_input> prepare(const indicator_table& table, absl::Span<const indicator_spec> indicators,
                                       const composite_options& options) {
  if (table.values.size() != table.units * table.indicators) {
    return absl::InvalidArgumentError(absl::StrCat("composite: ", table.values.size(), " values for ", table.units,
                                                   " units × ", table.indicators, " indicators"));
  }
  if (indicators.size() != table.indicators) {
    return absl::InvalidArgumentError(
        absl::StrCat("composite: ", indicators.size(), " indicator specs for ", table.indicators, " columns"));
  }
  if (!table.unit_names.empty() && table.unit_names.size() != table.units) {
    return absl::InvalidArgumentError(
        absl::StrCat("composite: ", table.unit_names.size(), " unit names for ", table.units, " units"));
  }
  if (table.units == 0 || table.indicators == 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("composite: empty table (", table.units, " units × ", table.indicators, " indicators)"));
  }
  NUMRESP_RETURN_IF_ERROR(check_options(options));
  std::set<std::string> names;
  bool any_weight = false;
  for (const indicator_spec& spec : indicators) {
    if (spec.name.empty()) return absl::InvalidArgumentError("composite: an indicator has an empty name");
    if (!names.insert(spec.name).second) {
      return absl::InvalidArgumentError(absl::StrCat("composite: indicator '", spec.name, "' appears twice"));
    }
    NUMRESP_RETURN_IF_ERROR(check_spec(spec));
    any_weight |= spec.weight > 0;
  }
  if (!any_weight) return absl::InvalidArgumentError("composite: every weight is 0; at least one must be > 0");

  prepared_input in;
  in.units = table.units;
  in.indicators = table.indicators;
  in.values.assign(table.values.begin(), table.values.end());
  in.observed.assign(in.values.size(), 1);
  in.weights.reserve(indicators.size());
  for (const indicator_spec& spec : indicators) in.weights.push_back(spec.weight);
  const std::size_t n_ind = in.indicators;
  for (std::size_t u = 0; u < in.units; ++u) {
    for (std::size_t i = 0; i < n_ind; ++i) {
      const double v = in.values[u * n_ind + i];
      if (std::isnan(v)) {
        in.observed[u * n_ind + i] = 0;
      } else if (!std::isfinite(v)) {
        return absl::InvalidArgumentError(absl::StrCat("composite: ", unit_label(table, u), ", indicator '",
                                                       indicators[i].name, "': value ", v,
                                                       " is not finite (use NaN for a missing value)"));
      }
    }
  }
  for (std::size_t i = 0; i < n_ind; ++i) {
    if (!(in.weights[i] > 0)) continue;
    double sum = 0;
    std::size_t count = 0;
    for (std::size_t u = 0; u < in.units; ++u) {
      if (!in.observed[u * n_ind + i]) {
        if (options.missing == missing_rule::fail) {
          return absl::InvalidArgumentError(absl::StrCat("composite: ", unit_label(table, u), ", indicator '",
                                                         indicators[i].name,
                                                         "': value missing (NaN) under the missing rule 'fail'"));
        }
        continue;
      }
      sum += in.values[u * n_ind + i];
      ++count;
    }
    if (count == 0) {
      return absl::InvalidArgumentError(
          absl::StrCat("composite: indicator '", indicators[i].name, "': no unit has a value"));
    }
    if (options.missing == missing_rule::impute_mean && count < in.units) {
      const double mean = sum / static_cast<double>(count);
      for (std::size_t u = 0; u < in.units; ++u) {
        if (!in.observed[u * n_ind + i]) in.values[u * n_ind + i] = mean;
      }
    }
  }
  return in;
}

absl::StatusOr<std::vector<double>> normalise_columns(const prepared_input& in,
                                                      absl::Span<const indicator_spec> indicators, normalisation method,
                                                      const composite_options& options) {
  const std::size_t n_ind = in.indicators;
  std::vector<double> out(in.values.size(), kNaN);
  std::vector<double> column(in.units);
  for (std::size_t i = 0; i < n_ind; ++i) {
    if (!(in.weights[i] > 0)) continue;
    for (std::size_t u = 0; u < in.units; ++u) column[u] = in.values[u * n_ind + i];
    NUMRESP_ASSIGN_OR_RETURN(std::vector<double> y, normalise(column, indicators[i], method, options));
    for (std::size_t u = 0; u < in.units; ++u) out[u * n_ind + i] = y[u];
  }
  return out;
}

absl::Status score_units(const prepared_input& in, absl::Span<const double> normalised,
                         absl::Span<const double> weights, aggregation method, double min_coverage,
                         non_positive_rule non_positive, const indicator_table& table,
                         absl::Span<const indicator_spec> indicators, scored_units* out) {
  const std::size_t n_ind = in.indicators;
  out->score.assign(in.units, kNaN);
  out->coverage.assign(in.units, 0.0);
  out->flagged.clear();
  out->shift = 0;
  std::size_t used = 0;
  for (double w : weights) used += w > 0 ? 1U : 0U;

  // Which units get a score, and their coverage.
  std::vector<unsigned char> scored(in.units, 0);
  for (std::size_t u = 0; u < in.units; ++u) {
    std::size_t observed = 0;
    for (std::size_t i = 0; i < n_ind; ++i) {
      if (weights[i] > 0 && in.observed[u * n_ind + i]) ++observed;
    }
    const double coverage = used ? static_cast<double>(observed) / static_cast<double>(used) : 0.0;
    out->coverage[u] = coverage;
    if (observed == 0 || coverage < min_coverage) {
      out->flagged.push_back(u);
    } else {
      scored[u] = 1;
    }
  }

  // The non-positive rule, over the values that enter an aggregate.
  double shift = 0;
  if (method != aggregation::arithmetic) {
    double lowest = std::numeric_limits<double>::infinity();
    std::size_t low_unit = 0;
    std::size_t low_indicator = 0;
    for (std::size_t u = 0; u < in.units; ++u) {
      if (!scored[u]) continue;
      for (std::size_t i = 0; i < n_ind; ++i) {
        const double y = normalised[u * n_ind + i];
        if (weights[i] > 0 && !std::isnan(y) && y < lowest) {
          lowest = y;
          low_unit = u;
          low_indicator = i;
        }
      }
    }
    if (lowest <= 0) {
      if (non_positive == non_positive_rule::fail) {
        return absl::InvalidArgumentError(
            absl::StrCat("composite: ", unit_label(table, low_unit), ", indicator '", indicators[low_indicator].name,
                         "': normalised value ", lowest, " is not > 0, which the ", to_string(method),
                         " aggregation needs (normalise onto a positive range such as minmax [1, 100], or use the "
                         "non-positive rule 'shift')"));
      }
      shift = 1 - lowest;
    }
  }
  out->shift = shift;

  for (std::size_t u = 0; u < in.units; ++u) {
    if (!scored[u]) continue;
    double weight_sum = 0;
    for (std::size_t i = 0; i < n_ind; ++i) {
      if (weights[i] > 0 && !std::isnan(normalised[u * n_ind + i])) weight_sum += weights[i];
    }
    double acc = 0;
    for (std::size_t i = 0; i < n_ind; ++i) {
      const double y = normalised[u * n_ind + i];
      if (!(weights[i] > 0) || std::isnan(y)) continue;
      const double w = weights[i] / weight_sum;
      const double x = y + shift;
      switch (method) {
        case aggregation::arithmetic:
          acc += w * x;
          break;
        case aggregation::geometric:
          acc += w * std::log(x);
          break;
        case aggregation::harmonic:
          acc += w / x;
          break;
      }
    }
    switch (method) {
      case aggregation::arithmetic:
        out->score[u] = acc;
        break;
      case aggregation::geometric:
        out->score[u] = std::exp(acc);
        break;
      case aggregation::harmonic:
        out->score[u] = 1 / acc;
        break;
    }
  }
  return absl::OkStatus();
}

}  // namespace composite_detail

absl::StatusOr<std::array<double, 9>> deciles(absl::Span<const double> values) {
  const std::vector<double> sorted = sorted_available(values);
  if (sorted.empty()) return absl::InvalidArgumentError("deciles: no value (every value is NaN or none given)");
  std::array<double, 9> d{};
  for (std::size_t k = 0; k < 9; ++k) {
    d[k] = composite_detail::percentile_sorted(sorted, 10.0 * static_cast<double>(k + 1));
  }
  return d;
}

int decile_points(double x, const std::array<double, 9>& d) noexcept {
  // d[0] = D1 … d[8] = D9. Boundaries go to the band nearer the centre.
  if (x > d[8]) return 3;
  if (x > d[7]) return 2;
  if (x > d[6]) return 1;
  if (x < d[0]) return -3;
  if (x < d[1]) return -2;
  if (x < d[2]) return -1;
  return 0;
}

absl::StatusOr<double> reference_value(absl::Span<const double> values, reference_statistic statistic) {
  const std::vector<double> sorted = sorted_available(values);
  if (sorted.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat("reference ", to_string(statistic), ": no value (every value is NaN or none given)"));
  }
  if (statistic == reference_statistic::median) return composite_detail::percentile_sorted(sorted, 50);
  return std::accumulate(sorted.begin(), sorted.end(), 0.0) / static_cast<double>(sorted.size());
}

absl::StatusOr<std::vector<double>> normalise(absl::Span<const double> column, const indicator_spec& spec,
                                              normalisation method, const composite_options& options) {
  NUMRESP_RETURN_IF_ERROR(check_spec(spec));
  NUMRESP_RETURN_IF_ERROR(check_options(options));
  for (std::size_t u = 0; u < column.size(); ++u) {
    if (std::isinf(column[u])) {
      return absl::InvalidArgumentError(absl::StrCat("indicator '", spec.name, "', row ", u, ": value ", column[u],
                                                     " is not finite (use NaN for a missing value)"));
    }
  }
  const std::vector<double> sorted = sorted_available(column);
  if (sorted.empty())
    return absl::InvalidArgumentError(absl::StrCat("indicator '", spec.name, "': no unit has a value"));
  const double p = spec.polarity;
  const std::size_t n = sorted.size();
  std::vector<double> y(column.size(), kNaN);
  switch (method) {
    case normalisation::minmax: {
      const double lo = sorted.front();
      const double hi = sorted.back();
      const double span = options.minmax_high - options.minmax_low;
      for (std::size_t u = 0; u < column.size(); ++u) {
        const double x = column[u];
        if (std::isnan(x)) continue;
        if (hi == lo) {
          y[u] = 0.5 * (options.minmax_low + options.minmax_high);
        } else {
          const double share = p > 0 ? (x - lo) / (hi - lo) : (hi - x) / (hi - lo);
          y[u] = options.minmax_low + span * share;
        }
      }
      break;
    }
    case normalisation::zscore: {
      const double mean = std::accumulate(sorted.begin(), sorted.end(), 0.0) / static_cast<double>(n);
      double ss = 0;
      for (double v : sorted) ss += (v - mean) * (v - mean);
      const double sd = n > 1 ? std::sqrt(ss / static_cast<double>(n - 1)) : 0.0;
      for (std::size_t u = 0; u < column.size(); ++u) {
        const double x = column[u];
        if (std::isnan(x)) continue;
        y[u] = sd > 0 ? p * (x - mean) / sd : 0.0;
      }
      break;
    }
    case normalisation::rank: {
      std::vector<double> signed_values(column.begin(), column.end());
      for (double& v : signed_values) v *= p;
      y = ascending_ranks(signed_values);
      if (options.rank_as_share) {
        for (double& r : y) r /= static_cast<double>(n);
      }
      break;
    }
    case normalisation::ratio_to_reference: {
      double ref = 0;
      if (spec.reference) {
        ref = *spec.reference;
      } else {
        NUMRESP_ASSIGN_OR_RETURN(ref, reference_value(column, spec.statistic));
        if (!(ref > 0)) {
          return absl::InvalidArgumentError(absl::StrCat("indicator '", spec.name, "': reference ",
                                                         to_string(spec.statistic), " of the units = ", ref,
                                                         ": must be > 0 for a ratio to the reference"));
        }
      }
      for (std::size_t u = 0; u < column.size(); ++u) {
        const double x = column[u];
        if (std::isnan(x)) continue;
        y[u] = p > 0 ? 100 * x / ref : 200 - 100 * x / ref;
      }
      break;
    }
    case normalisation::decile_points: {
      std::array<double, 9> d{};
      if (spec.deciles.size() == 9) {
        std::copy(spec.deciles.begin(), spec.deciles.end(), d.begin());
      } else {
        NUMRESP_ASSIGN_OR_RETURN(d, deciles(column));
      }
      for (std::size_t u = 0; u < column.size(); ++u) {
        const double x = column[u];
        if (std::isnan(x)) continue;
        y[u] = p * decile_points(x, d);
      }
      break;
    }
  }
  return y;
}

absl::StatusOr<double> aggregate(absl::Span<const double> values, absl::Span<const double> weights,
                                 aggregation method) {
  if (values.size() != weights.size()) {
    return absl::InvalidArgumentError(
        absl::StrCat("aggregate: ", values.size(), " values and ", weights.size(), " weights"));
  }
  double weight_sum = 0;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (!(std::isfinite(weights[i]) && weights[i] >= 0)) {
      return absl::InvalidArgumentError(
          absl::StrCat("aggregate: weight [", i, "] = ", weights[i], ": must be finite and >= 0"));
    }
    if (std::isinf(values[i])) {
      return absl::InvalidArgumentError(absl::StrCat("aggregate: value [", i, "] = ", values[i], " is not finite"));
    }
    if (weights[i] > 0 && !std::isnan(values[i])) {
      if (method != aggregation::arithmetic && !(values[i] > 0)) {
        return absl::InvalidArgumentError(absl::StrCat("aggregate: value [", i, "] = ", values[i],
                                                       " is not > 0, which the ", to_string(method),
                                                       " aggregation needs"));
      }
      weight_sum += weights[i];
    }
  }
  if (!(weight_sum > 0)) return kNaN;
  double acc = 0;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (!(weights[i] > 0) || std::isnan(values[i])) continue;
    const double w = weights[i] / weight_sum;
    switch (method) {
      case aggregation::arithmetic:
        acc += w * values[i];
        break;
      case aggregation::geometric:
        acc += w * std::log(values[i]);
        break;
      case aggregation::harmonic:
        acc += w / values[i];
        break;
    }
  }
  switch (method) {
    case aggregation::arithmetic:
      return acc;
    case aggregation::geometric:
      return std::exp(acc);
    case aggregation::harmonic:
      return 1 / acc;
  }
  return kNaN;
}

std::vector<double> descending_ranks(absl::Span<const double> scores) {
  std::vector<double> negated(scores.begin(), scores.end());
  for (double& s : negated) s = -s;
  return ascending_ranks(negated);
}

absl::StatusOr<composite_result> composite(const indicator_table& table, absl::Span<const indicator_spec> indicators,
                                           const composite_options& options) {
  NUMRESP_ASSIGN_OR_RETURN(composite_detail::prepared_input in, composite_detail::prepare(table, indicators, options));
  NUMRESP_ASSIGN_OR_RETURN(std::vector<double> normalised,
                           composite_detail::normalise_columns(in, indicators, options.normalisation_method, options));
  composite_detail::scored_units scored;
  NUMRESP_RETURN_IF_ERROR(composite_detail::score_units(in, normalised, in.weights, options.aggregation_method,
                                                        options.min_coverage, options.non_positive, table, indicators,
                                                        &scored));
  composite_result r;
  r.units = in.units;
  r.indicators = in.indicators;
  r.normalised = std::move(normalised);
  r.score = std::move(scored.score);
  r.coverage = std::move(scored.coverage);
  r.flagged = std::move(scored.flagged);
  r.shift = scored.shift;
  return r;
}

}  // namespace numresp::inclusion
