// Monte Carlo over a composite's method choices and weights: rank intervals per unit and the
// average absolute rank shift per uncertain factor (methodology: docs/methodology/composite).
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "composite_internal.hpp"
#include "numresp/core/status.hpp"
#include "numresp/inclusion/composite.hpp"

namespace numresp::inclusion {
namespace {

using composite_detail::prepared_input;
using composite_detail::random_generator;
using composite_detail::scored_units;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr std::size_t kMaxDraws = 10000000;
constexpr std::size_t kMaxStoredRanks = 500000000;  // draws × units single-precision ranks: 2 GB
// Seeds of the one-factor-at-a-time streams, derived from the user's seed.
constexpr std::uint64_t kWeightStream = 0x5745494748545331ULL;
constexpr std::uint64_t kExclusionStream = 0x4558434c55444531ULL;

absl::Status check_uncertainty(const uncertainty_options& o) {
  if (o.draws < 1 || o.draws > kMaxDraws) {
    return absl::InvalidArgumentError(absl::StrCat("draws = ", o.draws, ": must be in [1, ", kMaxDraws, "]"));
  }
  if (!(o.weight_spread >= 0 && o.weight_spread < 1)) {
    return absl::InvalidArgumentError(absl::StrCat("weight_spread = ", o.weight_spread, ": must be in [0, 1)"));
  }
  if (!(std::isfinite(o.dirichlet_concentration) && o.dirichlet_concentration > 0)) {
    return absl::InvalidArgumentError(
        absl::StrCat("dirichlet_concentration = ", o.dirichlet_concentration, ": must be finite and > 0"));
  }
  if (!(o.exclusion_probability >= 0 && o.exclusion_probability < 1)) {
    return absl::InvalidArgumentError(
        absl::StrCat("exclusion_probability = ", o.exclusion_probability, ": must be in [0, 1)"));
  }
  return absl::OkStatus();
}

template <class T>
std::vector<T> distinct_or(const std::vector<T>& values, T fallback) {
  std::vector<T> out;
  for (T v : values) {
    if (std::find(out.begin(), out.end(), v) == out.end()) out.push_back(v);
  }
  if (out.empty()) out.push_back(fallback);
  return out;
}

/// Mean over the units ranked in both of |reference − ranks|; NaN when none.
double mean_abs_shift(const std::vector<double>& reference, const std::vector<double>& ranks) {
  double sum = 0;
  std::size_t count = 0;
  for (std::size_t u = 0; u < reference.size(); ++u) {
    if (std::isnan(reference[u]) || std::isnan(ranks[u])) continue;
    sum += std::fabs(reference[u] - ranks[u]);
    ++count;
  }
  return count ? sum / static_cast<double>(count) : kNaN;
}

/// Accumulates R̄_S over configurations.
struct shift_accumulator {
  double sum = 0;
  std::size_t configurations = 0;

  void add(double shift) {
    ++configurations;
    if (!std::isnan(shift)) sum += shift;
  }
  rank_shift result(std::string factor) const {
    rank_shift r;
    r.factor = std::move(factor);
    r.configurations = configurations;
    r.mean_abs_rank_shift = configurations ? sum / static_cast<double>(configurations) : 0.0;
    return r;
  }
};

/// Everything a draw needs, fixed for the analysis.
class sampler {
 public:
  sampler(const prepared_input& in, const uncertainty_options& options) : options_(options) {
    double total = 0;
    for (std::size_t i = 0; i < in.weights.size(); ++i) {
      if (in.weights[i] > 0) {
        used_.push_back(i);
        total += in.weights[i];
      }
    }
    base_ = in.weights;
    mean_.assign(in.weights.size(), 0.0);
    for (std::size_t i : used_) mean_[i] = in.weights[i] / total;
  }

  [[nodiscard]] bool weights_vary() const {
    return options_.weight_distribution == weight_perturbation::dirichlet || options_.weight_spread > 0;
  }
  [[nodiscard]] bool exclusion_varies() const { return options_.exclusion_probability > 0 && used_.size() > 1; }

  /// Perturbed weights (0 for unused indicators).
  void draw_weights(random_generator& rng, std::vector<double>* w) const {
    *w = base_;
    if (options_.weight_distribution == weight_perturbation::uniform) {
      if (options_.weight_spread <= 0) return;
      for (std::size_t i : used_) (*w)[i] = base_[i] * (1 + options_.weight_spread * (2 * rng.uniform() - 1));
      return;
    }
    double sum = 0;
    for (std::size_t i : used_) {
      (*w)[i] = rng.gamma(options_.dirichlet_concentration * mean_[i]);
      sum += (*w)[i];
    }
    if (!(sum > 0)) {
      *w = mean_;
      return;
    }
    for (std::size_t i : used_) (*w)[i] /= sum;
  }

  /// Sets the weights of excluded indicators to 0 (at least one used indicator stays).
  void draw_exclusion(random_generator& rng, std::vector<double>* w) const {
    if (!(options_.exclusion_probability > 0)) return;
    std::size_t kept = 0;
    std::vector<unsigned char> out(w->size(), 0);
    for (std::size_t i : used_) {
      if (rng.uniform() < options_.exclusion_probability) {
        out[i] = 1;
      } else {
        ++kept;
      }
    }
    if (kept == 0) out[used_[rng.index(used_.size())]] = 0;
    for (std::size_t i : used_) {
      if (out[i]) (*w)[i] = 0;
    }
  }

  [[nodiscard]] const std::vector<double>& base() const { return base_; }

 private:
  const uncertainty_options& options_;
  std::vector<std::size_t> used_;
  std::vector<double> base_;
  std::vector<double> mean_;
};

}  // namespace

absl::StatusOr<uncertainty_result> composite_uncertainty(const indicator_table& table,
                                                         absl::Span<const indicator_spec> indicators,
                                                         const composite_options& reference,
                                                         const uncertainty_options& options) {
  NUMRESP_RETURN_IF_ERROR(check_uncertainty(options));
  NUMRESP_ASSIGN_OR_RETURN(prepared_input in, composite_detail::prepare(table, indicators, reference));
  const std::vector<normalisation> normalisations = distinct_or(options.normalisations, reference.normalisation_method);
  const std::vector<aggregation> aggregations = distinct_or(options.aggregations, reference.aggregation_method);

  // Each normalisation once (the data are fixed; only the weights and the choices move).
  std::vector<normalisation> methods = normalisations;
  if (std::find(methods.begin(), methods.end(), reference.normalisation_method) == methods.end()) {
    methods.push_back(reference.normalisation_method);
  }
  std::vector<std::vector<double>> normalised(methods.size());
  for (std::size_t m = 0; m < methods.size(); ++m) {
    NUMRESP_ASSIGN_OR_RETURN(normalised[m], composite_detail::normalise_columns(in, indicators, methods[m], reference));
  }
  auto matrix_of = [&](normalisation method) -> const std::vector<double>& {
    return normalised[static_cast<std::size_t>(std::find(methods.begin(), methods.end(), method) - methods.begin())];
  };

  const std::size_t units = in.units;
  if (options.draws > kMaxStoredRanks / units) {
    return absl::InvalidArgumentError(absl::StrCat("draws = ", options.draws, " for ", units, " units: the ",
                                                   "ranks kept would exceed ", kMaxStoredRanks,
                                                   " values (4 bytes each); use fewer draws"));
  }
  uncertainty_result r;
  r.units = units;
  r.draws = options.draws;
  r.seed = options.seed;

  // The reference configuration, with its own rules.
  scored_units ref;
  NUMRESP_RETURN_IF_ERROR(composite_detail::score_units(in, matrix_of(reference.normalisation_method), in.weights,
                                                        reference.aggregation_method, reference.min_coverage,
                                                        reference.non_positive, table, indicators, &ref));
  r.score = ref.score;
  r.rank = descending_ranks(ref.score);

  const sampler sample(in, options);
  auto evaluate = [&](normalisation nm, aggregation ag, const std::vector<double>& w, std::vector<double>* ranks,
                      std::vector<double>* scores) -> absl::Status {
    scored_units s;
    NUMRESP_RETURN_IF_ERROR(composite_detail::score_units(in, matrix_of(nm), w, ag, reference.min_coverage,
                                                          options.non_positive, table, indicators, &s));
    *ranks = descending_ranks(s.score);
    if (scores != nullptr) *scores = std::move(s.score);
    return absl::OkStatus();
  };

  // -- All factors at once ------------------------------------------------------------------------
  std::vector<float> all_ranks(options.draws * units, std::numeric_limits<float>::quiet_NaN());
  std::vector<double> score_sum(units, 0.0);
  std::vector<std::size_t> score_count(units, 0);
  std::vector<std::size_t> top_count(units, 0);
  shift_accumulator all_shift;
  {
    random_generator rng(options.seed);
    std::vector<double> w;
    std::vector<double> ranks;
    std::vector<double> scores;
    for (std::size_t d = 0; d < options.draws; ++d) {
      const normalisation nm = normalisations[rng.index(normalisations.size())];
      const aggregation ag = aggregations[rng.index(aggregations.size())];
      sample.draw_weights(rng, &w);
      sample.draw_exclusion(rng, &w);
      NUMRESP_RETURN_IF_ERROR(evaluate(nm, ag, w, &ranks, &scores));
      std::size_t ranked = 0;
      for (double rk : ranks) ranked += std::isnan(rk) ? 0U : 1U;
      const double top = std::max(1.0, std::ceil(static_cast<double>(ranked) / 10));
      for (std::size_t u = 0; u < units; ++u) {
        if (std::isnan(ranks[u])) continue;
        all_ranks[d * units + u] = static_cast<float>(ranks[u]);
        score_sum[u] += scores[u];
        ++score_count[u];
        if (ranks[u] <= top) ++top_count[u];
      }
      all_shift.add(mean_abs_shift(r.rank, ranks));
    }
  }
  r.median_rank.assign(units, kNaN);
  r.rank_p5.assign(units, kNaN);
  r.rank_p95.assign(units, kNaN);
  r.p_top_decile.assign(units, 0.0);
  r.mean_score.assign(units, kNaN);
  std::vector<double> unit_ranks;
  unit_ranks.reserve(options.draws);
  for (std::size_t u = 0; u < units; ++u) {
    unit_ranks.clear();
    for (std::size_t d = 0; d < options.draws; ++d) {
      const float rk = all_ranks[d * units + u];
      if (!std::isnan(rk)) unit_ranks.push_back(static_cast<double>(rk));
    }
    r.p_top_decile[u] = static_cast<double>(top_count[u]) / static_cast<double>(options.draws);
    if (unit_ranks.empty()) continue;
    std::sort(unit_ranks.begin(), unit_ranks.end());
    r.median_rank[u] = composite_detail::percentile_sorted(unit_ranks, 50);
    r.rank_p5[u] = composite_detail::percentile_sorted(unit_ranks, 5);
    r.rank_p95[u] = composite_detail::percentile_sorted(unit_ranks, 95);
    r.mean_score[u] = score_sum[u] / static_cast<double>(score_count[u]);
  }
  r.sensitivity.push_back(all_shift.result("all"));

  // -- One factor at a time -----------------------------------------------------------------------
  std::vector<double> ranks;
  if (normalisations.size() > 1 || normalisations[0] != reference.normalisation_method) {
    shift_accumulator acc;
    for (normalisation nm : normalisations) {
      NUMRESP_RETURN_IF_ERROR(evaluate(nm, reference.aggregation_method, sample.base(), &ranks, nullptr));
      acc.add(mean_abs_shift(r.rank, ranks));
    }
    r.sensitivity.push_back(acc.result("normalisation"));
  }
  if (aggregations.size() > 1 || aggregations[0] != reference.aggregation_method) {
    shift_accumulator acc;
    for (aggregation ag : aggregations) {
      NUMRESP_RETURN_IF_ERROR(evaluate(reference.normalisation_method, ag, sample.base(), &ranks, nullptr));
      acc.add(mean_abs_shift(r.rank, ranks));
    }
    r.sensitivity.push_back(acc.result("aggregation"));
  }
  if (sample.weights_vary()) {
    shift_accumulator acc;
    random_generator rng(options.seed ^ kWeightStream);
    std::vector<double> w;
    for (std::size_t d = 0; d < options.draws; ++d) {
      sample.draw_weights(rng, &w);
      NUMRESP_RETURN_IF_ERROR(
          evaluate(reference.normalisation_method, reference.aggregation_method, w, &ranks, nullptr));
      acc.add(mean_abs_shift(r.rank, ranks));
    }
    r.sensitivity.push_back(acc.result("weights"));
  }
  if (sample.exclusion_varies()) {
    shift_accumulator acc;
    random_generator rng(options.seed ^ kExclusionStream);
    std::vector<double> w;
    for (std::size_t d = 0; d < options.draws; ++d) {
      w = sample.base();
      sample.draw_exclusion(rng, &w);
      NUMRESP_RETURN_IF_ERROR(
          evaluate(reference.normalisation_method, reference.aggregation_method, w, &ranks, nullptr));
      acc.add(mean_abs_shift(r.rank, ranks));
    }
    r.sensitivity.push_back(acc.result("exclusion"));
  }
  return r;
}

}  // namespace numresp::inclusion
