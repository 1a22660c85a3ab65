// numresp::factors as numresp._core.factors: sets, lookups, tables, overrides.
#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "numresp_python/pybind11.hpp"
#include "numresp_python/status.hpp"

#include "absl/strings/str_cat.h"
#include "numresp/factors/factor_set.hpp"
#include "numresp/io/factor_overrides.hpp"

namespace numresp::python {
namespace {

using numresp::factors::factor;
using numresp::factors::factor_override;
using numresp::factors::factor_set;

py::object optional_float(const std::optional<double>& x) { return x ? py::object(py::float_(*x)) : py::none(); }

py::dict factor_dict(const factor& f) {
  py::dict d;
  d["id"] = f.id;
  d["value"] = f.value;
  d["low"] = optional_float(f.low);
  d["high"] = optional_float(f.high);
  d["unit"] = f.unit;
  d["source"] = f.source;
  d["source_url"] = f.source_url;
  d["year"] = f.year;
  d["region"] = f.region;
  d["licence"] = f.licence;
  d["notes"] = f.notes;
  return d;
}

/// The set's table as columns (a dict of lists), in table order, for a pandas DataFrame.
py::dict table_columns(const factor_set& set) {
  const std::size_t n = set.size();
  py::list id(n), value(n), low(n), high(n), unit(n), source(n), url(n), year(n), region(n), licence(n), notes(n);
  std::size_t i = 0;
  for (const factor& f : set) {
    id[i] = f.id;
    value[i] = f.value;
    low[i] = f.low ? *f.low : std::nan("");
    high[i] = f.high ? *f.high : std::nan("");
    unit[i] = f.unit;
    source[i] = f.source;
    url[i] = f.source_url;
    year[i] = f.year;
    region[i] = f.region;
    licence[i] = f.licence;
    notes[i] = f.notes;
    ++i;
  }
  py::dict d;
  d["id"] = id;
  d["value"] = value;
  d["low"] = low;
  d["high"] = high;
  d["unit"] = unit;
  d["source"] = source;
  d["source_url"] = url;
  d["year"] = year;
  d["region"] = region;
  d["licence"] = licence;
  d["notes"] = notes;
  return d;
}

/// A finite or non-finite number from a Python object; bools and strings are not numbers.
std::optional<double> as_number(const py::handle& x) {
  if (py::isinstance<py::bool_>(x) ||
      !(py::isinstance<py::float_>(x) || py::isinstance<py::int_>(x) || py::hasattr(x, "__float__"))) {
    return std::nullopt;
  }
  if (py::isinstance<py::str>(x) || py::isinstance<py::bytes>(x)) return std::nullopt;
  return x.cast<double>();
}

/// Overrides from a dict: {id: number} or {id: {"value": ..., "unit": ..., "low": ..., "high": ...,
/// "source": ..., "notes": ...}}.
std::vector<factor_override> overrides_from_dict(const py::dict& spec) {
  std::vector<factor_override> out;
  for (const auto& [key, item] : spec) {
    if (!py::isinstance<py::str>(key)) {
      raise_status(absl::InvalidArgumentError(
          absl::StrCat("overrides: keys are factor ids (str); got ", std::string(py::repr(key)))));
    }
    factor_override o;
    o.id = key.cast<std::string>();
    o.origin = absl::StrCat("overrides['", o.id, "']");
    auto wrong = [&](absl::string_view field, const py::handle& value, absl::string_view expected) {
      raise_status(absl::InvalidArgumentError(
          absl::StrCat(o.origin, ": field '", field, "' = ", std::string(py::repr(value)), ": expected ", expected)));
    };
    if (auto number = as_number(item)) {
      o.value = *number;
      out.push_back(std::move(o));
      continue;
    }
    if (!py::isinstance<py::dict>(item)) wrong("value", item, "a number or a dict with \"value\"");
    const py::dict fields = py::reinterpret_borrow<py::dict>(item);
    if (!fields.contains("value")) {
      raise_status(absl::InvalidArgumentError(absl::StrCat(o.origin, ": field 'value' is missing")));
    }
    for (const auto& [name_handle, value] : fields) {
      const std::string name = py::str(name_handle);
      if (name == "value" || name == "low" || name == "high") {
        if (value.is_none() && name != "value") continue;
        auto number = as_number(value);
        if (!number) wrong(name, value, "a number");
        (name == "value" ? o.value : name == "low" ? o.low.emplace() : o.high.emplace()) = *number;
      } else if (name == "unit" || name == "source" || name == "notes") {
        if (value.is_none()) continue;
        if (!py::isinstance<py::str>(value)) wrong(name, value, "a str");
        (name == "unit" ? o.unit : name == "source" ? o.source : o.notes) = value.cast<std::string>();
      } else {
        raise_status(absl::InvalidArgumentError(absl::StrCat(
            o.origin, ": unknown field '", name, "'; the fields are: value, unit, low, high, source, notes")));
      }
    }
    out.push_back(std::move(o));
  }
  return out;
}

}  // namespace

void register_factors(py::module_& m) {
  py::class_<factor_set>(m, "FactorSet", "A named, immutable set of sourced factors (use numresp.factors).")
      .def_property_readonly("name", &factor_set::name)
      .def_property_readonly("description", &factor_set::description)
      .def("__len__", &factor_set::size)
      .def("__contains__", [](const factor_set& s, const std::string& id) { return s.find(id) != nullptr; })
      .def("ids",
           [](const factor_set& s) {
             py::list ids;
             for (const factor& f : s) ids.append(f.id);
             return ids;
           })
      .def(
          "factor",
          [](const factor_set& s, const std::string& id) { return factor_dict(*value_or_throw(s.lookup(id))); },
          py::arg("id"))
      .def(
          "value",
          [](const factor_set& s, const std::string& id, const std::optional<std::string>& unit) {
            if (unit) return value_or_throw(s.get_in(id, *unit));
            return value_or_throw(s.lookup(id))->value;
          },
          py::arg("id"), py::arg("unit") = py::none())
      .def("table_columns", &table_columns)
      .def("licences", &factor_set::licences)
      .def(
          "with_overrides_dict",
          [](const factor_set& s, const py::dict& spec) {
            return value_or_throw(s.with_overrides(overrides_from_dict(spec)));
          },
          py::arg("overrides"))
      .def(
          "with_overrides_file",
          [](const factor_set& s, const std::string& path) {
            return value_or_throw(numresp::io::apply_factor_overrides(s, path));
          },
          py::arg("path"));

  m.def(
      "default", []() { return numresp::factors::default_set(); }, "A copy of the default set (ademe-2025).");
  m.def(
      "get", [](const std::string& name) { return value_or_throw(numresp::factors::get_set(name)).get(); },
      py::arg("name"), "A copy of the built-in set `name`. Raises NotFoundError listing the known names.");
  m.def("sets", &numresp::factors::set_names, "The names of the built-in sets, the default first.");
}

}  // namespace numresp::python
