// numresp::devices (device life cycle, fleets, scenarios, Monte Carlo) as numresp._core.devices;
// numresp/devices.py is the facade (names, pandas, result objects).
#include <array>
#include <cmath>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "numresp_python/pybind11.hpp"
#include "numresp_python/status.hpp"

#include "absl/strings/str_cat.h"
#include "numresp/devices/device.hpp"
#include "numresp/devices/fleet.hpp"
#include "numresp/devices/rounding.hpp"
#include "numresp/devices/uncertainty.hpp"
#include "numresp/factors/factor_set.hpp"

namespace numresp::python {
namespace {

namespace dv = numresp::devices;
using double_array = py::array_t<double, py::array::c_style | py::array::forcecast>;
using int_array = py::array_t<std::int32_t, py::array::c_style | py::array::forcecast>;
using byte_array = py::array_t<std::uint8_t, py::array::c_style | py::array::forcecast>;

std::shared_ptr<const dv::catalog> resolve_catalog(const py::object& fs) {
  if (fs.is_none()) return value_or_throw(dv::catalog::builtin());
  if (py::isinstance<py::str>(fs)) return value_or_throw(dv::catalog::builtin(fs.cast<std::string>()));
  const py::object core = py::hasattr(fs, "_set") ? py::object(fs.attr("_set")) : fs;
  if (py::isinstance<factors::factor_set>(core)) {
    return std::make_shared<const dv::catalog>(
        value_or_throw(dv::catalog::create(core.cast<const factors::factor_set&>())));
  }
  raise_status(absl::InvalidArgumentError(absl::StrCat("factor_set = ", std::string(py::repr(fs)),
                                                       ": expected a set name (str) or a numresp.factors.FactorSet")));
}

py::object triple(const std::optional<estimate<double>>& e) {
  if (!e) return py::none();
  return py::make_tuple(e->value(), e->low(), e->high());
}

criterion criterion_of(const std::string& name) { return value_or_throw(parse_criterion(name)); }

dv::device_query make_query(const std::string& kind, const std::string& variant,
                            const std::optional<std::string>& location, std::optional<double> duration,
                            std::optional<double> power, std::optional<double> ratio, std::optional<double> lifetime,
                            const py::dict& electricity) {
  dv::device_query q;
  q.kind = kind;
  q.variant = variant;
  q.location = location;
  q.duration_hours = duration;
  q.usage.power_w = power;
  q.usage.use_time_ratio = ratio;
  q.usage.lifetime_hours = lifetime;
  for (const auto& item : electricity) {
    const criterion c = criterion_of(item.first.cast<std::string>());
    q.usage.electricity_factor[static_cast<std::size_t>(c)] = item.second.cast<double>();
  }
  return q;
}

py::dict result_dict(const dv::device_result& r) {
  py::dict d;
  d["factor_set"] = r.factor_set;
  d["kind"] = r.kind;
  d["variant"] = r.variant;
  d["upstream_id"] = r.upstream_id;
  d["location"] = r.location;
  d["location_given"] = r.location_given;
  d["duration_hours"] = r.duration_hours;
  d["lifetime_hours"] = r.lifetime_hours;
  d["use_time_ratio"] = r.use_time_ratio;
  d["power_w"] = triple(r.power_w);
  d["allocation"] = r.allocation;
  d["warnings"] = r.warnings;
  d["sources"] = r.sources;
  py::dict criteria;
  for (criterion c : all_criteria) {
    const dv::criterion_result& x = r.at(c);
    py::dict e;
    e["embedded"] = triple(x.embedded);
    e["use"] = triple(x.use);
    e["embedded_missing"] = x.embedded_missing;
    e["use_missing"] = x.use_missing;
    e["electricity_factor"] = triple(x.electricity_factor);
    py::dict phases;
    for (phase p : all_phases) {
      if (const auto& f = x.embedded_phases[static_cast<std::size_t>(p)])
        phases[py::str(std::string(to_string(p)))] = triple(f);
    }
    e["embedded_phases"] = phases;
    e["unit"] = std::string(dv::report_unit(c));
    criteria[py::str(std::string(to_string(c)))] = e;
  }
  d["criteria"] = criteria;
  return d;
}

py::dict summary_dict(const dv::distribution_summary& s) {
  py::dict d;
  d["mean"] = s.mean;
  d["p5"] = s.p5;
  d["p50"] = s.p50;
  d["p95"] = s.p95;
  d["min"] = s.min;
  d["max"] = s.max;
  return d;
}

py::dict monte_carlo_dict(const dv::monte_carlo_result& r) {
  py::dict out;
  out["draws"] = r.draws;
  out["seed"] = r.seed;
  py::dict criteria;
  static constexpr std::array<const char*, 3> parts = {"embedded", "use", "total"};
  for (criterion c : all_criteria) {
    py::dict per;
    for (std::size_t p = 0; p < 3; ++p) {
      const auto& s = r.at(c, p);
      per[parts[p]] = s ? py::object(summary_dict(*s)) : py::none();
    }
    criteria[py::str(std::string(to_string(c)))] = per;
  }
  out["criteria"] = criteria;
  return out;
}

// A footprint as columns: one entry per (line, criterion, phase); the total's line has kind "total".
py::dict footprint_columns(const std::vector<dv::fleet_footprint>& years) {
  std::vector<int> year;
  std::vector<std::string> kind, variant, crit, ph, missing;
  std::vector<double> devices, value, low, high;
  std::vector<bool> available;
  for (const dv::fleet_footprint& f : years) {
    auto add_line = [&](const dv::fleet_line& l, bool is_total) {
      for (criterion c : all_criteria) {
        for (dv::device_phase p : {dv::device_phase::embedded, dv::device_phase::use}) {
          const auto& e = l.at(c, p);
          year.push_back(f.year);
          kind.push_back(l.kind);
          variant.push_back(is_total ? "" : l.variant);
          devices.push_back(l.devices);
          crit.emplace_back(to_string(c));
          ph.emplace_back(dv::to_string(p));
          available.push_back(e.has_value());
          value.push_back(e ? e->value() : std::nan(""));
          low.push_back(e ? e->low() : std::nan(""));
          high.push_back(e ? e->high() : std::nan(""));
          missing.push_back(is_total ? f.missing[static_cast<std::size_t>(c)] : "");
        }
      }
    };
    for (const dv::fleet_line& l : f.lines) add_line(l, false);
    add_line(f.total, true);
  }
  py::dict d;
  d["year"] = py::array_t<int>(static_cast<py::ssize_t>(year.size()), year.data());
  d["kind"] = kind;
  d["variant"] = variant;
  d["devices"] = py::array_t<double>(static_cast<py::ssize_t>(devices.size()), devices.data());
  d["criterion"] = crit;
  d["phase"] = ph;
  d["value"] = py::array_t<double>(static_cast<py::ssize_t>(value.size()), value.data());
  d["low"] = py::array_t<double>(static_cast<py::ssize_t>(low.size()), low.data());
  d["high"] = py::array_t<double>(static_cast<py::ssize_t>(high.size()), high.data());
  d["missing"] = missing;
  return d;
}

dv::scenario scenario_of(const py::dict& s) {
  dv::scenario out;
  out.name = s["name"].cast<std::string>();
  out.extend_lifetime_years = s["extend_lifetime_years"].cast<double>();
  out.refurbished_share = s["refurbished_share"].cast<double>();
  out.kinds = s["kinds"].cast<std::vector<std::string>>();
  for (const auto& item : s["reuse"].cast<py::list>()) {
    const py::dict r = item.cast<py::dict>();
    dv::reuse_action a;
    a.kind = r["kind"].cast<std::string>();
    a.variant = r["variant"].is_none() ? "" : r["variant"].cast<std::string>();
    a.count = r["count"].cast<double>();
    if (!r["remaining_years"].is_none()) a.remaining_years = r["remaining_years"].cast<double>();
    out.reuse.push_back(std::move(a));
  }
  return out;
}

}  // namespace

void register_devices(py::module_& m) {
  py::class_<dv::catalog, std::shared_ptr<dv::catalog>>(m, "Catalog", "Device archetypes of one factor set")
      .def_property_readonly("set_name", &dv::catalog::set_name)
      .def_property_readonly("default_location", &dv::catalog::default_location)
      .def("kinds", &dv::catalog::kinds)
      .def("variants", [](const dv::catalog& c, const std::string& kind) { return value_or_throw(c.variants(kind)); })
      .def("locations", &dv::catalog::locations)
      .def("find", [](const dv::catalog& c, const std::string& kind,
                      const std::string& variant) { return value_or_throw(c.find(kind, variant)); })
      .def("find_location",
           [](const dv::catalog& c, const std::string& code) { return value_or_throw(c.find_location(code)); })
      .def("electricity",
           [](const dv::catalog& c) {
             py::list out;
             for (const dv::electricity_location& l : c.electricity()) {
               py::dict d;
               d["code"] = l.code;
               for (criterion k : all_criteria) {
                 const auto& f = l.factor[static_cast<std::size_t>(k)];
                 d[py::str(std::string(to_string(k)))] = f ? py::object(py::float_(*f)) : py::none();
               }
               out.append(d);
             }
             return out;
           })
      .def("archetypes", [](const dv::catalog& c) {
        py::list out;
        for (const dv::archetype& a : c.archetypes()) {
          py::dict d;
          d["kind"] = a.kind;
          d["variant"] = a.variant;
          d["upstream_id"] = a.upstream_id;
          d["default"] = value_or_throw(c.find(a.kind)) == value_or_throw(c.find(a.kind, a.variant));
          d["lifetime_hours"] = a.lifetime_hours;
          d["use_time_ratio"] = a.use_time_ratio;
          d["power_w"] = triple(a.power_w);
          py::dict embedded;
          for (criterion k : all_criteria) {
            embedded[py::str(std::string(to_string(k)))] = triple(a.embedded[static_cast<std::size_t>(k)]);
          }
          d["embedded"] = embedded;
          out.append(d);
        }
        return out;
      });

  m.def(
      "catalog", [](const py::object& fs) { return std::const_pointer_cast<dv::catalog>(resolve_catalog(fs)); },
      py::arg("factor_set") = py::none(), "The device catalog of a factor set (None: the default set).");

  m.def(
      "evaluate",
      [](const dv::catalog& c, const std::string& kind, const std::string& variant,
         const std::optional<std::string>& location, std::optional<double> duration, std::optional<double> power,
         std::optional<double> ratio, std::optional<double> lifetime, const py::dict& electricity) {
        const dv::device_query q = make_query(kind, variant, location, duration, power, ratio, lifetime, electricity);
        return result_dict(value_or_throw(dv::evaluate(c, q)));
      },
      py::arg("catalog"), py::arg("kind"), py::arg("variant"), py::arg("location"), py::arg("duration_hours"),
      py::arg("power_w"), py::arg("use_time_ratio"), py::arg("lifetime_hours"), py::arg("electricity_factor"));

  m.def(
      "monte_carlo_device",
      [](const dv::catalog& c, const std::string& kind, const std::string& variant,
         const std::optional<std::string>& location, std::optional<double> duration, std::optional<double> power,
         std::optional<double> ratio, std::optional<double> lifetime, const py::dict& electricity, std::size_t draws,
         std::uint64_t seed) {
        const dv::device_query q = make_query(kind, variant, location, duration, power, ratio, lifetime, electricity);
        dv::monte_carlo_options o;
        o.draws = draws;
        o.seed = seed;
        dv::monte_carlo_result r;
        {
          py::gil_scoped_release release;
          r = value_or_throw(dv::monte_carlo(c, q, o));
        }
        return monte_carlo_dict(r);
      },
      py::arg("catalog"), py::arg("kind"), py::arg("variant"), py::arg("location"), py::arg("duration_hours"),
      py::arg("power_w"), py::arg("use_time_ratio"), py::arg("lifetime_hours"), py::arg("electricity_factor"),
      py::arg("draws"), py::arg("seed"));

  py::class_<dv::fleet>(m, "Fleet", "A resolved, validated device inventory")
      .def(py::init([](const std::shared_ptr<dv::catalog>& c, const int_array& archetype, const double_array& count,
                       const int_array& year, const int_array& location, const byte_array& refurbished,
                       const double_array& lifetime, const double_array& power, const double_array& ratio, bool renew,
                       const py::object& refurbishment_share) {
             dv::inventory_columns cols;
             cols.archetype = absl::MakeConstSpan(archetype.data(), static_cast<std::size_t>(archetype.size()));
             cols.count = absl::MakeConstSpan(count.data(), static_cast<std::size_t>(count.size()));
             cols.acquisition_year = absl::MakeConstSpan(year.data(), static_cast<std::size_t>(year.size()));
             cols.location = absl::MakeConstSpan(location.data(), static_cast<std::size_t>(location.size()));
             cols.refurbished = absl::MakeConstSpan(refurbished.data(), static_cast<std::size_t>(refurbished.size()));
             cols.lifetime_years = absl::MakeConstSpan(lifetime.data(), static_cast<std::size_t>(lifetime.size()));
             cols.power_w = absl::MakeConstSpan(power.data(), static_cast<std::size_t>(power.size()));
             cols.use_time_ratio = absl::MakeConstSpan(ratio.data(), static_cast<std::size_t>(ratio.size()));
             dv::fleet_options o;
             o.renew = renew;
             if (!refurbishment_share.is_none()) {
               const auto t = refurbishment_share.cast<std::tuple<double, double, double>>();
               o.refurbishment_share =
                   value_or_throw(estimate<double>::create(std::get<0>(t), std::get<1>(t), std::get<2>(t)));
             }
             absl::StatusOr<dv::fleet> f;
             {
               py::gil_scoped_release release;
               f = dv::fleet::from_columns(c, cols, o);
             }
             return value_or_throw(std::move(f));
           }),
           py::arg("catalog"), py::arg("archetype"), py::arg("count"), py::arg("acquisition_year"), py::arg("location"),
           py::arg("refurbished"), py::arg("lifetime_years"), py::arg("power_w"), py::arg("use_time_ratio"),
           py::arg("renew"), py::arg("refurbishment_share"))
      .def("__len__", &dv::fleet::size)
      .def("year_span", &dv::fleet::year_span)
      .def("footprint",
           [](const dv::fleet& f, int year) {
             std::vector<dv::fleet_footprint> one;
             {
               py::gil_scoped_release release;
               one.push_back(f.footprint(year));
             }
             return footprint_columns(one);
           })
      .def("by_year",
           [](const dv::fleet& f, int first, int last) {
             absl::StatusOr<std::vector<dv::fleet_footprint>> years;
             {
               py::gil_scoped_release release;
               years = f.by_year(first, last);
             }
             return footprint_columns(value_or_throw(std::move(years)));
           })
      .def("compare",
           [](const dv::fleet& f, const py::list& scenarios, int year) {
             std::vector<dv::scenario> list;
             for (const auto& s : scenarios) list.push_back(scenario_of(s.cast<py::dict>()));
             const std::vector<dv::scenario_result> results = value_or_throw(dv::compare(f, list, year));
             py::list out;
             for (const dv::scenario_result& r : results) {
               py::dict d;
               d["name"] = r.name;
               py::dict criteria;
               for (criterion c : all_criteria) {
                 const std::size_t i = static_cast<std::size_t>(c);
                 const dv::scenario_figures& s = r.criteria[i];
                 py::dict e;
                 e["embedded"] = triple(s.embedded);
                 e["use"] = triple(s.use);
                 e["avoided"] = triple(s.avoided);
                 e["net"] = triple(s.net);
                 e["missing"] = s.missing;
                 e["change"] = r.change[i] ? py::object(py::float_(*r.change[i])) : py::none();
                 e["relative_change"] =
                     r.relative_change[i] ? py::object(py::float_(*r.relative_change[i])) : py::none();
                 criteria[py::str(std::string(to_string(c)))] = e;
               }
               d["criteria"] = criteria;
               out.append(d);
             }
             return out;
           })
      .def("monte_carlo", [](const dv::fleet& f, int year, std::size_t draws, std::uint64_t seed) {
        dv::monte_carlo_options o;
        o.draws = draws;
        o.seed = seed;
        absl::StatusOr<dv::monte_carlo_result> r;
        {
          py::gil_scoped_release release;
          r = dv::monte_carlo(f, year, o);
        }
        return monte_carlo_dict(value_or_throw(std::move(r)));
      });

  py::module_ b = m.def_submodule("boaviztapi", "BoaviztAPI 2.4.1's display rounding");
  b.def(
      "round_to_sigfig",
      [](double x, int figures) { return value_or_throw(dv::boaviztapi::round_to_sigfig(x, figures)); }, py::arg("x"),
      py::arg("figures"));
  b.def(
      "significant_number", [](double x) { return value_or_throw(dv::boaviztapi::significant_number(x)); },
      py::arg("x"));
  b.def(
      "round_based_on_min_max",
      [](double v, double lo, double hi, double u) {
        return value_or_throw(dv::boaviztapi::round_based_on_min_max(v, lo, hi, u));
      },
      py::arg("value"), py::arg("min"), py::arg("max"), py::arg("uncertainty") = dv::boaviztapi::uncertainty_percent);
  b.def(
      "round_impact",
      [](double v, double lo, double hi) {
        const dv::boaviztapi::rounded r = value_or_throw(dv::boaviztapi::round_impact(v, lo, hi));
        py::dict d;
        d["value"] = r.value;
        d["min"] = r.min;
        d["max"] = r.max;
        d["warnings"] = r.warnings;
        return d;
      },
      py::arg("value"), py::arg("min"), py::arg("max"));
}

}  // namespace numresp::python
