// numresp::inclusion's composite indices (normalisation, weights, aggregation, missing rules,
// the IFN 2019 and 2021 profiles, the Monte Carlo rank intervals) in numresp._core.inclusion, as
// functions prefixed `composite_`. The facade is numresp/inclusion/composite.py: it turns a
// DataFrame into a units × indicators float64 matrix (NaN = missing) plus column and unit names,
// and the dicts returned here back into pandas objects. Computations run without the GIL. Bad
// values raise numresp.InvalidArgumentError naming the unit, the column and the value; unknown
// names raise numresp.NotFoundError listing the known ones.
#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "numresp_python/pybind11.hpp"
#include "numresp_python/status.hpp"

#include "absl/strings/str_cat.h"
#include "numresp/inclusion/composite.hpp"

namespace numresp::python {
namespace {

namespace inc = numresp::inclusion;
using double_array = py::array_t<double, py::array::c_style | py::array::forcecast>;

// -- Arguments ------------------------------------------------------------------------------------

/// A units × indicators matrix with its names; `table` views `values`, which the caller keeps.
struct matrix_input {
  double_array values;
  std::vector<std::string> columns;
  std::vector<std::string> units;
  inc::indicator_table table;
};

matrix_input read_matrix(const py::object& values, std::vector<std::string> columns, std::vector<std::string> units,
                         const char* who) {
  matrix_input m;
  m.values = double_array::ensure(values);
  if (!m.values || m.values.ndim() != 2) {
    raise_status(absl::InvalidArgumentError(absl::StrCat(who, ": expected a 2-D array of numbers (units × columns)")));
  }
  const auto rows = static_cast<std::size_t>(m.values.shape(0));
  const auto cols = static_cast<std::size_t>(m.values.shape(1));
  if (cols != columns.size() || rows != units.size()) {
    raise_status(absl::InvalidArgumentError(absl::StrCat(who, ": a ", rows, " × ", cols, " array for ", units.size(),
                                                         " units and ", columns.size(), " column names")));
  }
  m.columns = std::move(columns);
  m.units = std::move(units);
  m.table.units = rows;
  m.table.indicators = cols;
  m.table.values = absl::MakeConstSpan(m.values.data(), rows * cols);
  m.table.unit_names = m.units;
  return m;
}

std::array<double, 9> read_deciles(const std::vector<double>& d, const std::string& column) {
  if (d.size() != 9) {
    raise_status(absl::InvalidArgumentError(
        absl::StrCat("column '", column, "': ", d.size(), " deciles given: expected 9 (D1..D9)")));
  }
  std::array<double, 9> out{};
  for (std::size_t k = 0; k < 9; ++k) out[k] = d[k];
  return out;
}

std::vector<inc::indicator_spec> read_specs(const std::vector<std::string>& columns, const std::vector<double>& weights,
                                            const std::vector<int>& polarity,
                                            const std::vector<std::optional<double>>& reference,
                                            const std::vector<std::string>& statistic,
                                            const std::vector<std::optional<std::vector<double>>>& deciles) {
  const std::size_t n = columns.size();
  if (weights.size() != n || polarity.size() != n || reference.size() != n || statistic.size() != n ||
      deciles.size() != n) {
    raise_status(absl::InvalidArgumentError(absl::StrCat(
        "composite: ", n, " columns but ", weights.size(), " weights, ", polarity.size(), " polarities, ",
        reference.size(), " references, ", statistic.size(), " statistics and ", deciles.size(), " decile lists")));
  }
  std::vector<inc::indicator_spec> specs(n);
  for (std::size_t i = 0; i < n; ++i) {
    specs[i].name = columns[i];
    specs[i].weight = weights[i];
    specs[i].polarity = polarity[i];
    specs[i].reference = reference[i];
    specs[i].statistic = value_or_throw(inc::parse_reference_statistic(statistic[i]));
    if (deciles[i]) {
      const std::array<double, 9> d = read_deciles(*deciles[i], columns[i]);
      specs[i].deciles.assign(d.begin(), d.end());
    }
  }
  return specs;
}

inc::composite_options read_options(const std::string& normalisation, const std::string& aggregation,
                                    const std::string& missing, double min_coverage, double minmax_low,
                                    double minmax_high, bool rank_as_share, const std::string& non_positive) {
  inc::composite_options o;
  o.normalisation_method = value_or_throw(inc::parse_normalisation(normalisation));
  o.aggregation_method = value_or_throw(inc::parse_aggregation(aggregation));
  o.missing = value_or_throw(inc::parse_missing_rule(missing));
  o.min_coverage = min_coverage;
  o.minmax_low = minmax_low;
  o.minmax_high = minmax_high;
  o.rank_as_share = rank_as_share;
  o.non_positive = value_or_throw(inc::parse_non_positive_rule(non_positive));
  return o;
}

py::array_t<double> vector_array(const std::vector<double>& v) {
  return py::array_t<double>(static_cast<py::ssize_t>(v.size()), v.data());
}

py::array_t<double> matrix_array(const std::vector<double>& v, std::size_t rows, std::size_t cols) {
  return py::array_t<double>(std::vector<py::ssize_t>{static_cast<py::ssize_t>(rows), static_cast<py::ssize_t>(cols)},
                             v.data());
}

// -- Functions ------------------------------------------------------------------------------------

py::dict composite_score(const py::object& values, std::vector<std::string> columns, std::vector<std::string> units,
                         const std::vector<double>& weights, const std::vector<int>& polarity,
                         const std::vector<std::optional<double>>& reference, const std::vector<std::string>& statistic,
                         const std::vector<std::optional<std::vector<double>>>& deciles,
                         const std::string& normalisation, const std::string& aggregation, const std::string& missing,
                         double min_coverage, double minmax_low, double minmax_high, bool rank_as_share,
                         const std::string& non_positive) {
  const matrix_input m = read_matrix(values, std::move(columns), std::move(units), "composite");
  const std::vector<inc::indicator_spec> specs =
      read_specs(m.columns, weights, polarity, reference, statistic, deciles);
  const inc::composite_options o = read_options(normalisation, aggregation, missing, min_coverage, minmax_low,
                                                minmax_high, rank_as_share, non_positive);
  absl::StatusOr<inc::composite_result> r;
  {
    py::gil_scoped_release release;
    r = inc::composite(m.table, specs, o);
  }
  const inc::composite_result result = value_or_throw(std::move(r));
  py::dict d;
  d["score"] = vector_array(result.score);
  d["coverage"] = vector_array(result.coverage);
  d["normalised"] = matrix_array(result.normalised, result.units, result.indicators);
  d["flagged"] = result.flagged;
  d["shift"] = result.shift;
  return d;
}

py::dict composite_uncertainty(const py::object& values, std::vector<std::string> columns,
                               std::vector<std::string> units, const std::vector<double>& weights,
                               const std::vector<int>& polarity, const std::vector<std::optional<double>>& reference,
                               const std::vector<std::string>& statistic,
                               const std::vector<std::optional<std::vector<double>>>& deciles,
                               const std::string& normalisation, const std::string& aggregation,
                               const std::string& missing, double min_coverage, double minmax_low, double minmax_high,
                               bool rank_as_share, const std::vector<std::string>& normalisations,
                               const std::vector<std::string>& aggregations, const std::string& weight_distribution,
                               double weight_spread, double dirichlet_concentration, double exclusion_probability,
                               const std::string& non_positive, std::int64_t draws, std::uint64_t seed) {
  const matrix_input m = read_matrix(values, std::move(columns), std::move(units), "composite_uncertainty");
  const std::vector<inc::indicator_spec> specs =
      read_specs(m.columns, weights, polarity, reference, statistic, deciles);
  const inc::composite_options o =
      read_options(normalisation, aggregation, missing, min_coverage, minmax_low, minmax_high, rank_as_share, "fail");
  inc::uncertainty_options u;
  for (const std::string& n : normalisations) u.normalisations.push_back(value_or_throw(inc::parse_normalisation(n)));
  for (const std::string& a : aggregations) u.aggregations.push_back(value_or_throw(inc::parse_aggregation(a)));
  u.weight_distribution = value_or_throw(inc::parse_weight_perturbation(weight_distribution));
  u.weight_spread = weight_spread;
  u.dirichlet_concentration = dirichlet_concentration;
  u.exclusion_probability = exclusion_probability;
  u.non_positive = value_or_throw(inc::parse_non_positive_rule(non_positive));
  if (draws < 1) raise_status(absl::InvalidArgumentError(absl::StrCat("draws = ", draws, ": must be >= 1")));
  u.draws = static_cast<std::size_t>(draws);
  u.seed = seed;
  inc::composite_options reference_options = o;
  reference_options.non_positive = u.non_positive;
  absl::StatusOr<inc::uncertainty_result> r;
  {
    py::gil_scoped_release release;
    r = inc::composite_uncertainty(m.table, specs, reference_options, u);
  }
  const inc::uncertainty_result result = value_or_throw(std::move(r));
  py::dict d;
  d["score"] = vector_array(result.score);
  d["rank"] = vector_array(result.rank);
  d["median_rank"] = vector_array(result.median_rank);
  d["rank_p5"] = vector_array(result.rank_p5);
  d["rank_p95"] = vector_array(result.rank_p95);
  d["p_top_decile"] = vector_array(result.p_top_decile);
  d["mean_score"] = vector_array(result.mean_score);
  py::list sensitivity;
  for (const inc::rank_shift& s : result.sensitivity) {
    sensitivity.append(py::make_tuple(s.factor, s.configurations, s.mean_abs_rank_shift));
  }
  d["sensitivity"] = sensitivity;
  d["draws"] = result.draws;
  d["seed"] = result.seed;
  return d;
}

py::dict composite_ifn(const py::object& values, std::vector<std::string> columns, std::vector<std::string> units,
                       const std::string& profile, const std::vector<std::string>& selected,
                       const std::map<std::string, double>& reference, const std::string& statistic,
                       bool invert_favourable, const std::map<std::string, std::vector<double>>& deciles) {
  const inc::ifn_profile& p = *value_or_throw(inc::find_ifn_profile(profile));
  const matrix_input m = read_matrix(values, std::move(columns), std::move(units), profile.c_str());
  inc::ifn_options o;
  o.selected = selected;
  o.reference = reference;
  o.statistic = value_or_throw(inc::parse_reference_statistic(statistic));
  o.invert_favourable = invert_favourable;
  for (const auto& [key, d] : deciles) o.deciles[key] = read_deciles(d, key);
  absl::StatusOr<inc::ifn_result> r;
  {
    py::gil_scoped_release release;
    r = inc::ifn(m.table, m.columns, p, o);
  }
  const inc::ifn_result result = value_or_throw(std::move(r));
  py::dict d;
  d["profile"] = result.profile;
  d["indicators"] = result.indicators;
  d["indicator_scores"] = matrix_array(result.indicator_scores, result.units, result.indicators.size());
  d["blocks"] = result.blocks;
  d["block_scores"] = matrix_array(result.block_scores, result.units, result.blocks.size());
  d["summaries"] = result.summaries;
  d["summary_scores"] = matrix_array(result.summary_scores, result.units, result.summaries.size());
  d["total"] = vector_array(result.total);
  return d;
}

py::list composite_ifn_profiles() {
  py::list out;
  for (const std::string& name : inc::ifn_profile_names()) {
    const inc::ifn_profile& p = *value_or_throw(inc::find_ifn_profile(name));
    py::list indicators;
    for (const inc::ifn_indicator& i : p.indicators) {
      indicators.append(py::make_tuple(i.key, i.block, i.polarity, i.label));
    }
    py::dict d;
    d["name"] = p.name;
    d["description"] = p.description;
    d["scoring"] = std::string(inc::to_string(p.scoring));
    d["blocks"] = p.blocks;
    d["indicators"] = indicators;
    out.append(d);
  }
  return out;
}

std::vector<double> one_column(const py::object& values, const char* who) {
  const double_array a = double_array::ensure(values);
  if (!a || a.ndim() != 1) raise_status(absl::InvalidArgumentError(absl::StrCat(who, ": expected a 1-D array")));
  return std::vector<double>(a.data(), a.data() + a.size());
}

}  // namespace

void register_composite(py::module_& m) {
  m.def("composite_score", &composite_score, py::arg("values"), py::arg("columns"), py::arg("units"),
        py::arg("weights"), py::arg("polarity"), py::arg("reference"), py::arg("statistic"), py::arg("deciles"),
        py::arg("normalisation"), py::arg("aggregation"), py::arg("missing"), py::arg("min_coverage"),
        py::arg("minmax_low"), py::arg("minmax_high"), py::arg("rank_as_share"), py::arg("non_positive"),
        "A composite index per unit: dict of score, coverage, normalised, flagged, shift.");
  m.def("composite_uncertainty", &composite_uncertainty, py::arg("values"), py::arg("columns"), py::arg("units"),
        py::arg("weights"), py::arg("polarity"), py::arg("reference"), py::arg("statistic"), py::arg("deciles"),
        py::arg("normalisation"), py::arg("aggregation"), py::arg("missing"), py::arg("min_coverage"),
        py::arg("minmax_low"), py::arg("minmax_high"), py::arg("rank_as_share"), py::arg("normalisations"),
        py::arg("aggregations"), py::arg("weight_distribution"), py::arg("weight_spread"),
        py::arg("dirichlet_concentration"), py::arg("exclusion_probability"), py::arg("non_positive"), py::arg("draws"),
        py::arg("seed"), "Monte Carlo over a composite's method choices and weights: rank intervals and rank shifts.");
  m.def("composite_ifn", &composite_ifn, py::arg("values"), py::arg("columns"), py::arg("units"), py::arg("profile"),
        py::arg("selected"), py::arg("reference"), py::arg("statistic"), py::arg("invert_favourable"),
        py::arg("deciles"), "The Indice de Fragilité Numérique (ifn2019, ifn2021): indicator, block and total scores.");
  m.def("composite_ifn_profiles", &composite_ifn_profiles, "The IFN profiles: name, scoring, blocks, indicators.");
  m.def(
      "composite_deciles",
      [](const py::object& values) {
        const std::vector<double> v = one_column(values, "deciles");
        const std::array<double, 9> d = value_or_throw(inc::deciles(v));
        return std::vector<double>(d.begin(), d.end());
      },
      py::arg("values"), "D1..D9 of the non-NaN values (linear interpolation, numpy's default).");
  m.def(
      "composite_reference_value",
      [](const py::object& values, const std::string& statistic) {
        const std::vector<double> v = one_column(values, "reference");
        return value_or_throw(inc::reference_value(v, value_or_throw(inc::parse_reference_statistic(statistic))));
      },
      py::arg("values"), py::arg("statistic"), "The mean or the median of the non-NaN values.");
}

}  // namespace numresp::python
