// numresp::units unit strings: parse() → Unit, convert() for scalars and numpy arrays.
#include <cmath>
#include <cstddef>
#include <string>

#include "numresp_python/pybind11.hpp"
#include "numresp_python/status.hpp"

#include "absl/strings/str_cat.h"
#include "numresp/core/unit_string.hpp"

namespace numresp::python {
namespace {

using numresp::units::unit_spec;

py::array_t<double> convert_array(const py::array_t<double, py::array::c_style | py::array::forcecast>& values,
                                  const unit_spec& from, const unit_spec& to) {
  // Checks (and the error) before any work: dimensions first.
  throw_if_error(numresp::units::convert(0.0, from, to).status());
  py::array_t<double> out(values.request().shape);
  const auto n = static_cast<std::size_t>(values.size());
  const double* in = values.data();
  double* dst = out.mutable_data();
  {
    py::gil_scoped_release release;
    for (std::size_t i = 0; i < n; ++i) dst[i] = numresp::units::rescale(in[i], from, to);
  }
  return out;
}

}  // namespace

void register_units(py::module_& m) {
  py::class_<unit_spec>(m, "Unit", "A unit parsed from text: its scale in canonical units and its dimension.")
      .def_readonly("text", &unit_spec::text, "The text it was parsed from, whitespace removed.")
      .def_readonly("scale", &unit_spec::scale,
                    "The size of one such unit in canonical units (g CO2e, g Sb-eq, kg, byte, J, s, m...).")
      .def_property_readonly(
          "dimension", [](const unit_spec& u) { return u.dim.to_string(); },
          "The dimension's name, such as ``'CO2e mass'``, ``'energy'`` or ``'CO2e mass / energy'``.")
      .def_property_readonly(
          "exponents",
          [](const unit_spec& u) {
            py::dict d;
            static const char* const names[] = {"length", "mass", "time", "information", "co2e", "sb_eq"};
            for (std::size_t i = 0; i < u.dim.exponents.size(); ++i) {
              if (u.dim.exponents[i] != 0) d[names[i]] = u.dim.exponents[i];
            }
            return d;
          },
          "Non-zero exponents of the base dimensions, such as ``{'co2e': 1, 'length': -2, 'mass': -1, 'time': 2}``.")
      .def("__repr__", [](const unit_spec& u) {
        return absl::StrCat("Unit('", u.text, "', scale=", u.scale, ", dimension='", u.dim.to_string(), "')");
      });

  m.def(
      "parse", [](const std::string& text) { return value_or_throw(numresp::units::parse_unit(text)); },
      py::arg("unit"), "Parses a unit such as 'kgCO2e/kWh'. Raises InvalidArgumentError naming the symbol and offset.");

  m.def(
      "convert",
      [](const py::object& value, const std::string& from, const std::string& to) -> py::object {
        const unit_spec from_spec = value_or_throw(numresp::units::parse_unit(from));
        const unit_spec to_spec = value_or_throw(numresp::units::parse_unit(to));
        if (py::isinstance<py::array>(value) || py::isinstance<py::list>(value) || py::isinstance<py::tuple>(value)) {
          return convert_array(value.cast<py::array_t<double, py::array::c_style | py::array::forcecast>>(), from_spec,
                               to_spec);
        }
        return py::float_(value_or_throw(numresp::units::convert(value.cast<double>(), from_spec, to_spec)));
      },
      py::arg("value"), py::arg("from_unit"), py::arg("to_unit"),
      "Converts value (a number or an array) from one unit to another of the same dimension.");
}

}  // namespace numresp::python
