// numresp::inclusion intervals, coverage and siting as numresp._core.inclusion; the facade is
// numresp/inclusion/__init__.py. Mediation and composite indices register themselves from their
// own files.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "numresp_python/parallel.hpp"
#include "numresp_python/pybind11.hpp"
#include "numresp_python/status.hpp"

#include "absl/strings/str_cat.h"
#include "numresp/inclusion/coverage.hpp"
#include "numresp/inclusion/illectronism.hpp"
#include "numresp/inclusion/proportion.hpp"

namespace numresp::python {
namespace {

namespace inc = numresp::inclusion;
using double_array = py::array_t<double, py::array::c_style | py::array::forcecast>;

absl::Span<const double> span_of(const double_array& a) {
  return absl::MakeConstSpan(a.data(), static_cast<std::size_t>(a.size()));
}

// An (n, 2) array of (lon, lat) → two contiguous columns.
struct lonlat {
  std::vector<double> lon;
  std::vector<double> lat;
};

lonlat lonlat_of(const py::object& obj, const char* name) {
  lonlat out;
  if (obj.is_none()) return out;
  const double_array a = double_array::ensure(obj);
  if (!a) raise_status(absl::InvalidArgumentError(absl::StrCat(name, ": expected an array of (lon, lat) pairs")));
  if (a.ndim() == 1 && a.size() == 0) return out;
  if (a.ndim() != 2 || a.shape(1) != 2) {
    raise_status(absl::InvalidArgumentError(absl::StrCat(
        name, ": expected shape (n, 2) of (lon, lat); got ",
        a.ndim() == 2 ? absl::StrCat("(", a.shape(0), ", ", a.shape(1), ")") : absl::StrCat(a.ndim(), " dimensions"))));
  }
  const auto n = static_cast<std::size_t>(a.shape(0));
  out.lon.resize(n);
  out.lat.resize(n);
  const double* p = a.data();
  for (std::size_t i = 0; i < n; ++i) {
    out.lon[i] = p[2 * i];
    out.lat[i] = p[2 * i + 1];
  }
  return out;
}

py::dict siting_dict(const inc::siting_result& r) {
  py::dict d;
  d["chosen"] = py::array_t<std::int64_t>(static_cast<py::ssize_t>(r.chosen.size()),
                                          std::vector<std::int64_t>(r.chosen.begin(), r.chosen.end()).data());
  d["curve"] = py::array_t<double>(static_cast<py::ssize_t>(r.curve.size()), r.curve.data());
  d["initial"] = r.initial_weight;
  d["total"] = r.total_weight;
  d["evaluations"] = r.evaluations;
  d["optimal"] = r.optimal;
  return d;
}

void register_illectronism(py::module_& m) {
  m.def("illectronism_tables", [] {
    py::list out;
    for (const inc::national_table& t : inc::national_tables()) {
      py::dict d;
      d["name"] = t.name;
      d["definition"] = std::string(inc::to_string(t.definition));
      d["source"] = t.source;
      d["national_rate"] = t.national_rate;
      py::list bands;
      for (const inc::age_band_rate& b : t.bands) {
        py::dict e;
        e["name"] = b.name;
        e["min_age"] = b.min_age;
        e["max_age"] = b.max_age;
        e["rate"] = b.rate;
        bands.append(e);
      }
      d["bands"] = bands;
      out.append(d);
    }
    return out;
  });
  m.def("describe_definition", [](const std::string& name) {
    return std::string(inc::describe(value_or_throw(inc::parse_illectronism_definition(name))));
  });
  m.def(
      "synthetic_estimate",
      [](const std::vector<std::string>& names, const std::vector<double>& population, const std::vector<double>& rate,
         const std::vector<std::optional<double>>& se, const std::string& definition, double level) {
        if (names.size() != population.size() || names.size() != rate.size() || names.size() != se.size()) {
          raise_status(absl::InvalidArgumentError("synthetic estimate: strata fields have different lengths"));
        }
        std::vector<inc::stratum> strata(names.size());
        for (std::size_t h = 0; h < names.size(); ++h) {
          strata[h].name = names[h];
          strata[h].population = population[h];
          strata[h].rate = rate[h];
          strata[h].standard_error = se[h];
        }
        const inc::synthetic_estimate r = value_or_throw(
            inc::synthetic(strata, value_or_throw(inc::parse_illectronism_definition(definition)), level));
        py::dict d;
        d["definition"] = std::string(inc::to_string(r.definition));
        d["population"] = r.population;
        d["rate"] = r.rate;
        d["people"] = r.people;
        d["variance"] = r.variance ? py::object(py::float_(*r.variance)) : py::none();
        d["rate_ci"] = r.rate_ci ? py::object(py::make_tuple(r.rate_ci->low, r.rate_ci->high)) : py::none();
        d["people_ci"] = r.people_ci ? py::object(py::make_tuple(r.people_ci->low, r.people_ci->high)) : py::none();
        d["contributions"] = r.contributions;
        return d;
      },
      py::arg("names"), py::arg("population"), py::arg("rate"), py::arg("standard_error"), py::arg("definition"),
      py::arg("level"));
}

}  // namespace

void register_inclusion(py::module_& m) {
  m.def(
      "proportion_ci_scalar",
      [](double x, double n, const std::string& method, double level) {
        const inc::interval r =
            value_or_throw(inc::proportion_ci(x, n, value_or_throw(inc::parse_ci_method(method)), level));
        return py::make_tuple(r.low, r.high);
      },
      py::arg("successes"), py::arg("trials"), py::arg("method"), py::arg("level"));
  m.def(
      "proportion_ci_arrays",
      [](const double_array& x, const double_array& n, const std::string& method, double level) {
        const inc::ci_method meth = value_or_throw(inc::parse_ci_method(method));
        const std::size_t size = std::max(static_cast<std::size_t>(x.size()), static_cast<std::size_t>(n.size()));
        py::array_t<double> low(static_cast<py::ssize_t>(size));
        py::array_t<double> high(static_cast<py::ssize_t>(size));
        absl::Status s;
        {
          py::gil_scoped_release release;
          s = inc::proportion_ci(span_of(x), span_of(n), meth, level, absl::MakeSpan(low.mutable_data(), size),
                                 absl::MakeSpan(high.mutable_data(), size));
        }
        throw_if_error(s);
        return py::make_tuple(low, high);
      },
      py::arg("successes"), py::arg("trials"), py::arg("method"), py::arg("level"));
  m.def(
      "proportion_ci_fpc",
      [](double x, double n, double population, const std::string& method, double level) {
        const inc::interval r = value_or_throw(
            inc::proportion_ci_fpc(x, n, population, value_or_throw(inc::parse_ci_method(method)), level));
        return py::make_tuple(r.low, r.high);
      },
      py::arg("successes"), py::arg("trials"), py::arg("population"), py::arg("method"), py::arg("level"));
  m.def(
      "weighted_proportion_ci",
      [](const double_array& y, const double_array& w, const std::string& method, double level,
         std::optional<double> design_effect) {
        const inc::weighted_result r = value_or_throw(inc::weighted_proportion_ci(
            span_of(y), span_of(w), value_or_throw(inc::parse_ci_method(method)), level, design_effect));
        py::dict d;
        d["estimate"] = r.estimate;
        d["low"] = r.ci.low;
        d["high"] = r.ci.high;
        d["n"] = r.n;
        d["n_effective"] = r.n_effective;
        d["design_effect"] = r.design_effect;
        d["sum_weights"] = r.sum_weights;
        return d;
      },
      py::arg("y"), py::arg("w"), py::arg("method"), py::arg("level"), py::arg("design_effect"));
  m.def(
      "difference_ci",
      [](double x1, double n1, double x2, double n2, double level) {
        const inc::interval r = value_or_throw(inc::difference_ci(x1, n1, x2, n2, level));
        return py::make_tuple(r.low, r.high);
      },
      py::arg("x1"), py::arg("n1"), py::arg("x2"), py::arg("n2"), py::arg("level"));
  m.def(
      "poisson_ci",
      [](double count, double level) {
        const inc::interval r = value_or_throw(inc::poisson_ci(count, level));
        return py::make_tuple(r.low, r.high);
      },
      py::arg("count"), py::arg("level"));
  m.def(
      "rate_ci",
      [](double count, double population, double per, double level) {
        const inc::rate_result r = value_or_throw(inc::rate_ci(count, population, per, level));
        return py::make_tuple(r.rate, r.ci.low, r.ci.high);
      },
      py::arg("count"), py::arg("population"), py::arg("per"), py::arg("level"));
  m.def("great_circle_m", &inc::great_circle_m, py::arg("lon1"), py::arg("lat1"), py::arg("lon2"), py::arg("lat2"));

  m.def(
      "coverage",
      [](const py::object& demand, const double_array& weights, const py::object& sites, double radius_m,
         bool want_mask) {
        const lonlat d = lonlat_of(demand, "demand_lonlat");
        const lonlat s = lonlat_of(sites, "sites_lonlat");
        std::vector<std::uint8_t> mask(want_mask ? d.lon.size() : 0);
        absl::StatusOr<inc::coverage_result> r;
        {
          py::gil_scoped_release release;
          r = inc::coverage(d.lon, d.lat, span_of(weights), s.lon, s.lat, radius_m, absl::MakeSpan(mask));
        }
        const inc::coverage_result c = value_or_throw(std::move(r));
        py::dict out;
        out["share"] = c.share;
        out["covered_weight"] = c.covered_weight;
        out["total_weight"] = c.total_weight;
        out["covered_points"] = c.covered_points;
        out["points"] = c.points;
        if (want_mask) {
          py::array_t<bool> a(static_cast<py::ssize_t>(mask.size()));
          bool* p = a.mutable_data();
          for (std::size_t i = 0; i < mask.size(); ++i) p[i] = mask[i] != 0;
          out["covered"] = a;
        }
        return out;
      },
      py::arg("demand"), py::arg("weights"), py::arg("sites"), py::arg("radius_m"), py::arg("mask"));

  auto siting = [](bool exact) {
    return [exact](const py::object& demand, const double_array& weights, const py::object& candidates, double radius_m,
                   std::size_t k, const py::object& existing, std::size_t max_nodes) {
      const lonlat d = lonlat_of(demand, "demand_lonlat");
      const lonlat c = lonlat_of(candidates, "candidates_lonlat");
      const lonlat e = lonlat_of(existing, "existing_lonlat");
      inc::siting_problem p;
      p.demand_lon = d.lon;
      p.demand_lat = d.lat;
      p.weights = span_of(weights);
      p.candidate_lon = c.lon;
      p.candidate_lat = c.lat;
      p.existing_lon = e.lon;
      p.existing_lat = e.lat;
      p.radius_m = radius_m;
      absl::StatusOr<inc::siting_result> r;
      {
        py::gil_scoped_release release;
        r = exact ? inc::site_exact(p, k, max_nodes) : inc::site_greedy(p, k);
      }
      return siting_dict(value_or_throw(std::move(r)));
    };
  };
  m.def("site_greedy", siting(false), py::arg("demand"), py::arg("weights"), py::arg("candidates"), py::arg("radius_m"),
        py::arg("k"), py::arg("existing"), py::arg("max_nodes") = 0);
  m.def("site_exact", siting(true), py::arg("demand"), py::arg("weights"), py::arg("candidates"), py::arg("radius_m"),
        py::arg("k"), py::arg("existing"), py::arg("max_nodes"));

  register_illectronism(m);
}

}  // namespace numresp::python
