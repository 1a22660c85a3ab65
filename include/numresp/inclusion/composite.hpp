/// @file
/// Composite indices over a units × indicators table: normalisation, weights, aggregation,
/// missing-data rules, the Indice de Fragilité Numérique (IFN) 2019 and 2021–22 profiles, and a
/// Monte Carlo uncertainty / sensitivity analysis giving rank intervals (methodology:
/// docs/methodology/composite; OECD/JRC *Handbook on Constructing Composite Indicators*, 2008).
///
/// Conventions, everywhere in this header:
/// - **higher = more fragile**: an indicator's polarity (+1 or −1) is applied by the
///   normalisation, so every normalised value, every composite score and every IFN score grows
///   with fragility;
/// - rank 1 = the highest composite score (the most fragile unit); tied units share the average
///   of their ranks;
/// - missing values are NaN; infinite values are errors.
///
///     std::vector<double> v = {1, 10, 5,   2, 30, 5,   3, 20, 15,   4, 40, 25};  // 4 units × 3
///     std::vector<numresp::inclusion::indicator_spec> specs(3);
///     specs[0].name = "poverty_rate";
///     specs[1].name = "older_65_rate";
///     specs[1].weight = 2;
///     specs[2].name = "thd_coverage_rate";
///     specs[2].polarity = -1;  // more coverage = less fragile
///     numresp::inclusion::indicator_table t;
///     t.units = 4;
///     t.indicators = 3;
///     t.values = v;
///     auto r = numresp::inclusion::composite(t, specs);  // min-max [0, 1], arithmetic
///     // r->score = {0.25, 0.6667, 0.4583, 0.75}
#ifndef NUMRESP_INCLUSION_COMPOSITE_HPP_
#define NUMRESP_INCLUSION_COMPOSITE_HPP_

#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"

namespace numresp::inclusion {

// -- Method choices -------------------------------------------------------------------------------

/// How an indicator's raw values become comparable scores (see @ref numresp::inclusion::normalise "normalise" for the
/// formulas).
enum class normalisation {
  minmax,              ///< (x − min)/(max − min), mapped onto [low, high] (default [0, 1])
  zscore,              ///< (x − mean)/s, s the sample standard deviation (n − 1)
  rank,                ///< average ranks 1..n (ties share their mean rank)
  ratio_to_reference,  ///< 100·x/ref (IFN 2019)
  decile_points,       ///< −3…+3 points from the decile band of x (IFN 2021–22)
};

/// How a unit's normalised values combine, with weights w_i normalised to sum 1 over the
/// indicators available for that unit.
enum class aggregation {
  arithmetic,  ///< Σ w_i y_i (fully compensatory)
  geometric,   ///< Π y_i^{w_i}; needs y > 0
  harmonic,    ///< 1 / Σ (w_i / y_i); needs y > 0 (the least compensatory)
};

/// What a missing (NaN) value does.
enum class missing_rule {
  skip,         ///< drop the indicator for that unit and renormalise the weights over the others
  fail,         ///< `kInvalidArgument` naming the unit and the indicator
  impute_mean,  ///< replace it by the indicator's mean over the units that have it
};

/// The statistic of a reference set: for `ratio_to_reference` without a given reference value.
enum class reference_statistic { mean, median };

/// What a value <= 0 does under the geometric and harmonic aggregations.
enum class non_positive_rule {
  fail,   ///< `kInvalidArgument` naming the unit, the indicator and the value
  shift,  ///< add c = 1 − min to every normalised value when min <= 0 (min over units and used indicators)
};

/// How the Monte Carlo perturbs the weights.
enum class weight_perturbation {
  uniform,    ///< w_i·(1 + s·(2u − 1)), u uniform in [0, 1): ±s around each weight, independently
  dirichlet,  ///< Dirichlet(κ·w̄): mean w̄ (the normalised weights), spread shrinking with κ
};

/// "minmax", "zscore", "rank", "ratio_to_reference", "decile_points".
/// @return `kNotFound` listing the names.
[[nodiscard]] absl::StatusOr<normalisation> parse_normalisation(absl::string_view name);
/// "arithmetic", "geometric", "harmonic". @return `kNotFound` listing the names.
[[nodiscard]] absl::StatusOr<aggregation> parse_aggregation(absl::string_view name);
/// "skip", "fail", "impute_mean". @return `kNotFound` listing the names.
[[nodiscard]] absl::StatusOr<missing_rule> parse_missing_rule(absl::string_view name);
/// "mean", "median". @return `kNotFound` listing the names.
[[nodiscard]] absl::StatusOr<reference_statistic> parse_reference_statistic(absl::string_view name);
/// "fail", "shift". @return `kNotFound` listing the names.
[[nodiscard]] absl::StatusOr<non_positive_rule> parse_non_positive_rule(absl::string_view name);
/// "uniform", "dirichlet". @return `kNotFound` listing the names.
[[nodiscard]] absl::StatusOr<weight_perturbation> parse_weight_perturbation(absl::string_view name);

[[nodiscard]] absl::string_view to_string(normalisation method) noexcept;
[[nodiscard]] absl::string_view to_string(aggregation method) noexcept;
[[nodiscard]] absl::string_view to_string(missing_rule rule) noexcept;
[[nodiscard]] absl::string_view to_string(reference_statistic statistic) noexcept;
[[nodiscard]] absl::string_view to_string(non_positive_rule rule) noexcept;
[[nodiscard]] absl::string_view to_string(weight_perturbation method) noexcept;

// -- Inputs ---------------------------------------------------------------------------------------

/// One indicator of a composite.
struct indicator_spec {
  std::string name;  ///< non-empty, unique in the composite; used in messages
  /// +1: a higher value is more fragile; −1: a higher value is less fragile (coverage, income,
  /// services per inhabitant), flipped by the normalisation.
  int polarity = 1;
  double weight = 1;  ///< finite, >= 0; 0 = not used. Only ratios matter (normalised per unit).
  /// `ratio_to_reference`: the reference territory's value (finite, > 0). Without it, the
  /// @ref numresp::inclusion::indicator_spec::statistic "statistic" of the units' own values.
  std::optional<double> reference;
  reference_statistic statistic =
      reference_statistic::mean;  ///< the reference statistic of the units, when `reference` is not given
  /// `decile_points`: the reference distribution's deciles D1..D9 (9 finite values, ascending),
  /// e.g. the national ones. Empty: the deciles of the units' own values.
  std::vector<double> deciles;
};

/// A units × indicators table of raw values, row-major: unit u's indicator i is
/// `values[u * indicators + i]`. NaN = missing. A view: the caller keeps the data alive.
struct indicator_table {
  std::size_t units = 0;            ///< rows
  std::size_t indicators = 0;       ///< columns
  absl::Span<const double> values;  ///< units × indicators values
  /// Units' names for messages (empty: rows are named by their index), else one per unit.
  absl::Span<const std::string> unit_names;
};

/// The method choices of one composite.
struct composite_options {
  normalisation normalisation_method = normalisation::minmax;  ///< how each column is normalised
  aggregation aggregation_method = aggregation::arithmetic;    ///< how each unit's values combine
  missing_rule missing = missing_rule::skip;                   ///< what a missing value does
  /// Data-availability threshold, in [0, 1]: a unit whose share of observed (not missing, not
  /// imputed) values among the used indicators is below it gets a NaN score and is flagged
  /// (rules `skip` and `impute_mean`). A unit with no observed value is always NaN and flagged.
  double min_coverage = 0.5;
  double minmax_low = 0;       ///< `minmax` maps the minimum onto this (finite, < minmax_high)
  double minmax_high = 1;      ///< and the maximum onto this ([1, 100] suits the geometric mean)
  bool rank_as_share = false;  ///< `rank`: r/n (in (0, 1]) instead of r (in 1..n)
  non_positive_rule non_positive = non_positive_rule::fail;
};

// -- Results --------------------------------------------------------------------------------------

/// A composite over a table.
struct composite_result {
  std::size_t units = 0;       ///< rows of the table
  std::size_t indicators = 0;  ///< columns of the table
  /// units × indicators normalised values (polarity applied, before any shift); NaN where the
  /// value is missing (rule `skip`) and for indicators of weight 0.
  std::vector<double> normalised;
  std::vector<double> score;         ///< per unit; NaN below the coverage threshold
  std::vector<double> coverage;      ///< per unit: observed share of the used indicators, in [0, 1]
  std::vector<std::size_t> flagged;  ///< units (row indices) below the coverage threshold
  double shift = 0;                  ///< the c added under `non_positive_rule::shift` (0 if none)
};

// -- Building blocks ------------------------------------------------------------------------------

/// The deciles D1..D9 of the non-NaN values: percentiles 10, 20, …, 90 interpolating linearly
/// between order statistics (numpy's default, Hyndman–Fan type 7: position k/10·(n − 1)).
/// @return `kInvalidArgument` without any non-NaN value.
[[nodiscard]] absl::StatusOr<std::array<double, 9>> deciles(absl::Span<const double> values);

/// IFN 2021–22 decile points of `x` against the deciles `d` = D1..D9 (numresp's interpretation;
/// the source only says "the top 10 % get +3, the centre is the median"): one point per decile
/// band beyond the middle 40 %, boundaries going to the band nearer the centre:
///
///     x <  D1        → −3        D7 < x <= D8 → +1
///     D1 <= x < D2   → −2        D8 < x <= D9 → +2
///     D2 <= x < D3   → −1        D9 < x       → +3
///     D3 <= x <= D7  →  0
///
/// Symmetric: the points of −x against the deciles of −x are the opposite. NaN gives 0: check
/// for missing values first.
[[nodiscard]] int decile_points(double x, const std::array<double, 9>& d) noexcept;

/// The mean or the median of the non-NaN values.
/// @return `kInvalidArgument` without any non-NaN value.
[[nodiscard]] absl::StatusOr<double> reference_value(absl::Span<const double> values, reference_statistic statistic);

/// Normalises one indicator's column (one value per unit, NaN = missing, kept NaN), statistics
/// taken over the non-missing values, polarity p = `spec.polarity` applied:
/// - `minmax`: low + (high − low)·(x − min)/(max − min); p = −1 uses (max − x); a constant
///   column gives the midpoint (low + high)/2;
/// - `zscore`: p·(x − mean)/s with the sample standard deviation s (n − 1); 0 when n < 2 or s = 0;
/// - `rank`: the ascending rank of p·x among the n values, ties sharing their average rank
///   (1..n, or r/n with `rank_as_share`);
/// - `ratio_to_reference`: 100·x/ref for p = +1, 200 − 100·x/ref for p = −1 (the mirror about
///   100: 10 % below the reference scores 110); ref = `spec.reference` or its statistic;
/// - `decile_points`: p·`decile_points(x, D)`, D = `spec.deciles` or the column's deciles.
/// @return `kInvalidArgument` naming the indicator for an infinite value, a bad spec (polarity,
///         reference <= 0, deciles not 9 ascending finite values) or a column without values.
[[nodiscard]] absl::StatusOr<std::vector<double>> normalise(absl::Span<const double> column, const indicator_spec& spec,
                                                            normalisation method,
                                                            const composite_options& options = {});

/// One unit's aggregate of `values` (NaN = missing, skipped) with `weights` (>= 0, one per
/// value) normalised to sum 1 over the available values of positive weight. NaN when none.
/// @return `kInvalidArgument` for mismatched sizes, a bad weight, or (geometric, harmonic) a
///         used value <= 0, naming its index.
[[nodiscard]] absl::StatusOr<double> aggregate(absl::Span<const double> values, absl::Span<const double> weights,
                                               aggregation method);

/// Ranks of `scores`, 1 = the highest; ties share their average rank; NaN scores get NaN and are
/// not counted.
[[nodiscard]] std::vector<double> descending_ranks(absl::Span<const double> scores);

/// The composite of `table`, whose columns are `indicators` (one spec per column), with
/// `options`: the missing rule, the normalisation of each used column (weight > 0), the
/// non-positive rule (geometric, harmonic), the weighted aggregation per unit and the coverage
/// threshold.
/// @return `kInvalidArgument` for a malformed table (sizes, infinite values, naming the unit and
///         the indicator), a bad spec (empty or duplicated name, polarity not ±1, negative or
///         non-finite weight, no positive weight, bad reference or deciles), bad options, a
///         missing value under `fail` or a non-positive value under `fail`, naming the unit, the
///         indicator and the value.
[[nodiscard]] absl::StatusOr<composite_result> composite(const indicator_table& table,
                                                         absl::Span<const indicator_spec> indicators,
                                                         const composite_options& options = {});

// -- Uncertainty and sensitivity ------------------------------------------------------------------

/// The Monte Carlo's uncertain factors. Each draw picks a normalisation uniformly in
/// `normalisations`, an aggregation uniformly in `aggregations`, perturbed weights and
/// (with `exclusion_probability` > 0) a set of excluded indicators; the other choices stay
/// the reference configuration's.
struct uncertainty_options {
  std::vector<normalisation> normalisations;                               ///< empty: the reference's only
  std::vector<aggregation> aggregations;                                   ///< empty: the reference's only
  weight_perturbation weight_distribution = weight_perturbation::uniform;  ///< how the weights are perturbed
  double weight_spread = 0.25;                                             ///< uniform: s in [0, 1); 0 = weights fixed
  double dirichlet_concentration = 50;  ///< Dirichlet: κ > 0 (larger = closer to the weights)
  double exclusion_probability = 0;     ///< each used indicator out with this probability, in [0, 1)
  /// Under the geometric and harmonic aggregations in the draws (`shift` by default, so that
  /// z-scores or decile points can meet a geometric mean).
  non_positive_rule non_positive = non_positive_rule::shift;
  std::size_t draws = 1000;  ///< in [1, 10^7]
  std::uint64_t seed = 0;    ///< xoshiro256** seeded by SplitMix64: the same seed, the same result
};

/// The average absolute rank shift caused by one factor alone:
/// R̄_S = (1/M) Σ_c (1/U_c) Σ_u |rank_ref(u) − rank_c(u)| over M configurations c and the U_c units
/// ranked in both.
struct rank_shift {
  /// "normalisation", "aggregation" (each alternative of the set once, the others at the
  /// reference), "weights", "exclusion" (`draws` draws of that factor alone) or "all" (the
  /// Monte Carlo's draws, every factor at once).
  std::string factor;
  std::size_t configurations = 0;  ///< M
  double mean_abs_rank_shift = 0;  ///< R̄_S, in ranks
};

/// Per unit (vectors of `units` values) and per factor.
struct uncertainty_result {
  std::size_t units = 0;            ///< units of the table
  std::size_t draws = 0;            ///< draws made
  std::uint64_t seed = 0;           ///< the seed used
  std::vector<double> score;        ///< the reference configuration's composite
  std::vector<double> rank;         ///< its rank (1 = most fragile)
  std::vector<double> median_rank;  ///< over the draws that rank the unit
  std::vector<double> rank_p5;      ///< 5th percentile of the rank (linear interpolation)
  std::vector<double> rank_p95;     ///< 95th percentile
  /// Share of the draws with rank <= ceil(n/10), n the units ranked in that draw (the most
  /// fragile 10 %, at least one unit).
  std::vector<double> p_top_decile;
  /// Mean composite over the draws: mixes the scales of the normalisations; compare units, not
  /// configurations.
  std::vector<double> mean_score;
  std::vector<rank_shift> sensitivity;  ///< "all" first, then each factor that varies
};

/// Monte Carlo over the method choices and weights, around the reference configuration
/// (`indicators`' weights, `reference`'s normalisation and aggregation). Memory: draws × units
/// floats for the ranks (at most 5·10^8 of them).
/// @return the errors of @ref numresp::inclusion::composite "composite" for the reference configuration (or for a
/// draw's
///         normalisation), and `kInvalidArgument` for bad options (draws, spread,
///         concentration, probability) or draws × units above 5·10^8.
[[nodiscard]] absl::StatusOr<uncertainty_result> composite_uncertainty(const indicator_table& table,
                                                                       absl::Span<const indicator_spec> indicators,
                                                                       const composite_options& reference,
                                                                       const uncertainty_options& options = {});

// -- Indice de Fragilité Numérique ----------------------------------------------------------------

/// One indicator of an IFN profile.
struct ifn_indicator {
  std::string key;    ///< the column the profile expects
  std::string block;  ///< its axis (2019) or block (2021)
  int polarity = 1;   ///< +1: higher = more fragile
  std::string label;  ///< what it is, with its source
};

/// An IFN version: its indicators, their axes or blocks, and its scoring.
struct ifn_profile {
  std::string name;         ///< "ifn2019", "ifn2021"
  std::string description;  ///< the version, its authors and its scoring in a sentence
  /// `ratio_to_reference` (2019: axis = mean of its indicators' scores, total = mean of the
  /// axes) or `decile_points` (2021: total = Σ points × 10 / (3k)).
  normalisation scoring = normalisation::ratio_to_reference;
  std::vector<std::string> blocks;        ///< in order
  std::vector<ifn_indicator> indicators;  ///< in the profile's order (blocks in order)
};

/// IFN v2019 (Incub'O / SGAR Occitanie; Data for Good v2020): 11 variables in 4 axes, each
/// scored 100·x/ref against a reference territory.
[[nodiscard]] const ifn_profile& ifn2019_profile();
/// IFN v2021–22 (La MedNum / TelesCoop): 11 general indicators in 4 blocks, each scored −3…+3
/// by decile band.
[[nodiscard]] const ifn_profile& ifn2021_profile();
/// "ifn2019", "ifn2021". @return `kNotFound` listing the names.
[[nodiscard]] absl::StatusOr<const ifn_profile*> find_ifn_profile(absl::string_view name);
/// The profiles' names.
[[nodiscard]] std::vector<std::string> ifn_profile_names();

/// The choices of an IFN computation.
struct ifn_options {
  /// The indicators kept (profile keys); empty = all. Deselected ones need no column.
  std::vector<std::string> selected;
  /// 2019: the reference territory's value per key (finite, > 0). A key without one uses
  /// @ref numresp::inclusion::ifn_options::statistic "statistic" over the table's units.
  std::map<std::string, double> reference;
  reference_statistic statistic =
      reference_statistic::mean;  ///< 2019: the statistic of the table's units for keys without a reference value
  /// 2019: score favourable indicators (polarity −1: coverage, income, public services) as
  /// 200 − 100·x/ref so that higher = more fragile. false = the Data for Good code's plain
  /// 100·x/ref for every variable.
  bool invert_favourable = true;
  /// 2021: the reference (national) deciles D1..D9 per key. A key without them uses the deciles
  /// of the table's units.
  std::map<std::string, std::array<double, 9>> deciles;
};

/// An IFN per unit: per-indicator, per-block (axis) and total scores. Row-major matrices.
struct ifn_result {
  std::string profile;                   ///< the profile's name
  std::size_t units = 0;                 ///< rows of the table
  std::vector<std::string> indicators;   ///< the selected keys, in the profile's order
  std::vector<double> indicator_scores;  ///< units × indicators (NaN = missing value)
  std::vector<std::string> blocks;       ///< blocks with at least one selected indicator
  std::vector<double> block_scores;      ///< units × blocks
  /// 2019: "global_acces" (mean of the two access axes) and "global_competences" (the two
  /// competence axes); 2021: none.
  std::vector<std::string> summaries;
  std::vector<double> summary_scores;  ///< units × summaries
  std::vector<double> total;           ///< per unit; NaN without any available indicator
};

/// The IFN of `table`, whose columns are named `columns` (other columns are ignored).
/// - 2019: s_i = 100·x_i/ref_i (polarity −1: 200 − 100·x_i/ref_i, see
///   @ref numresp::inclusion::ifn_options::invert_favourable "invert_favourable"); axis = mean of its available
///   indicator scores; global_acces / global_competences = mean of their available axes; total = mean of the available
///   axes.
/// - 2021: p_i = `decile_points(x_i, D_i)` in −3…+3; block = Σ_block p × 10/(3·k_block);
///   total = Σ p × 10/(3·k), k = the selected indicators available for the unit (with all 11:
///   Σ p / 3.3, in −10…+10; fewer: rescaled to stay in −10…+10, as the MedNum README says for
///   deselected indicators).
/// @return `kNotFound` listing the profile's missing columns (or an unknown selected key, listing
///         the profile's keys); `kInvalidArgument` for sizes, duplicated columns, infinite values,
///         a reference <= 0 or bad deciles, naming the unit and the column.
[[nodiscard]] absl::StatusOr<ifn_result> ifn(const indicator_table& table, absl::Span<const std::string> columns,
                                             const ifn_profile& profile, const ifn_options& options = {});

}  // namespace numresp::inclusion

#endif  // NUMRESP_INCLUSION_COMPOSITE_HPP_
