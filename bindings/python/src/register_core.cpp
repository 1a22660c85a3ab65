// numresp::estimate<double> as numresp.Estimate; criteria and phase names.
#include <optional>
#include <string>

#include "numresp_python/pybind11.hpp"
#include "numresp_python/status.hpp"

#include "absl/strings/str_cat.h"
#include "numresp/core/estimate.hpp"
#include "numresp/core/impact.hpp"

namespace numresp::python {
namespace {

using estimate_d = numresp::estimate<double>;

// Version of the pickled state of Estimate: (version, value, low, high).
constexpr int estimate_pickle_version = 1;

estimate_d make_estimate(double value, std::optional<double> low, std::optional<double> high) {
  if (low.has_value() != high.has_value()) {
    raise_status(absl::InvalidArgumentError(
        absl::StrCat("Estimate: give both low and high, or neither; got low=", low ? absl::StrCat(*low) : "None",
                     ", high=", high ? absl::StrCat(*high) : "None")));
  }
  if (!low) {
    return value_or_throw(estimate_d::create(value, value, value));
  }
  return value_or_throw(estimate_d::create(value, *low, *high));
}

std::string repr(const estimate_d& e) {
  return absl::StrCat("Estimate(", e.value(), ", low=", e.low(), ", high=", e.high(), ")");
}

}  // namespace

void register_core(py::module_& m) {
  py::class_<estimate_d>(m, "Estimate", R"doc(
A value with low and high bounds, ``low <= value <= high``.

Bounds are enclosures, not confidence intervals. Combination rules (interval arithmetic):
``a + b`` adds value, low and high; ``a - b`` takes the widest difference
(``low = a.low - b.high``); scaling by a number scales every bound and swaps them for a
negative number; ``a * b`` takes the smallest and largest of the four bound products.

Parameters
----------
value : float
    The central value.
low, high : float, optional
    The bounds; give both or neither (neither: an exact value).

Raises
------
numresp.InvalidArgumentError
    When a number is not finite, ``low > value`` or ``value > high``.
)doc")
      .def(py::init(&make_estimate), py::arg("value"), py::arg("low") = py::none(), py::arg("high") = py::none())
      .def_property_readonly("value", &estimate_d::value, "The central value.")
      .def_property_readonly("low", &estimate_d::low, "The lower bound.")
      .def_property_readonly("high", &estimate_d::high, "The upper bound.")
      .def_property_readonly("width", &estimate_d::width, "``high - low``.")
      .def_property_readonly("is_exact", &estimate_d::is_exact, "True when low == value == high.")
      .def(py::self + py::self)
      .def(py::self - py::self)
      .def(-py::self)
      .def(py::self * py::self)
      .def(py::self * double())
      .def(double() * py::self)
      .def(py::self / double())
      .def(py::self == py::self)
      .def(py::self != py::self)
      .def("__hash__", [](const estimate_d& e) { return py::hash(py::make_tuple(e.value(), e.low(), e.high())); })
      .def("__repr__", &repr)
      .def(
          "to_dict",
          [](const estimate_d& e) {
            py::dict d;
            d["value"] = e.value();
            d["low"] = e.low();
            d["high"] = e.high();
            return d;
          },
          "``{\"value\": ..., \"low\": ..., \"high\": ...}``.")
      .def(py::pickle(
          [](const estimate_d& e) { return py::make_tuple(estimate_pickle_version, e.value(), e.low(), e.high()); },
          [](const py::tuple& state) {
            if (state.size() != 4 || state[0].cast<int>() != estimate_pickle_version) {
              raise_status(absl::InvalidArgumentError(
                  absl::StrCat("Estimate: cannot read pickled state ", std::string(py::repr(state)),
                               "; this numresp reads version ", estimate_pickle_version)));
            }
            return value_or_throw(
                estimate_d::create(state[1].cast<double>(), state[2].cast<double>(), state[3].cast<double>()));
          }));

  py::tuple criteria(numresp::all_criteria.size());
  for (std::size_t i = 0; i < numresp::all_criteria.size(); ++i) {
    criteria[i] = std::string(numresp::to_string(numresp::all_criteria[i]));
  }
  m.attr("CRITERIA") = criteria;
  py::tuple phases(numresp::all_phases.size());
  for (std::size_t i = 0; i < numresp::all_phases.size(); ++i) {
    phases[i] = std::string(numresp::to_string(numresp::all_phases[i]));
  }
  m.attr("PHASES") = phases;
  py::dict units;
  for (numresp::criterion c : numresp::all_criteria) {
    units[py::str(std::string(numresp::to_string(c)))] = std::string(numresp::canonical_unit_symbol(c));
  }
  m.attr("CRITERION_UNITS") = units;
}

}  // namespace numresp::python
