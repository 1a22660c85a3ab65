// numresp::sensors ordered aggregates — time_weight and counter — as numresp._core.sensors._TimeWeight
// and ._Counter. The facade is numresp/sensors/_ordered.py (TimeWeight, Counter), which turns
// datetimes into int64 epoch nanoseconds; here every time is already an int64 [ns]. Arrays are
// updated in C++ with the GIL released. Errors: kInvalidArgument → numresp.InvalidArgumentError,
// kFailedPrecondition (out-of-order readings, overlapping merges) → numresp.FailedPreconditionError,
// kOutOfRange → numresp.OutOfRangeError.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "numresp_python/pybind11.hpp"
#include "numresp_python/status.hpp"

#include "absl/strings/str_cat.h"
#include "numresp/sensors/counter.hpp"
#include "numresp/sensors/time_weight.hpp"

namespace numresp::python {
namespace {

namespace sn = numresp::sensors;
using i64_array = py::array_t<std::int64_t, py::array::c_style | py::array::forcecast>;
using double_array = py::array_t<double, py::array::c_style | py::array::forcecast>;
using point_arg = std::optional<std::pair<std::int64_t, double>>;

/// (t, v) or None.
py::object point(const std::optional<sn::ts_point>& p) {
  if (!p) return py::none();
  return py::make_tuple(p->t, p->v);
}

std::optional<sn::ts_point> to_point(const point_arg& p) {
  if (!p) return std::nullopt;
  return sn::ts_point{p->first, p->second};
}

/// Both arrays flat and of one length; then `update(span, span)` without the GIL.
template <class State>
void update_arrays(State& s, const i64_array& t, const double_array& v) {
  if (t.ndim() != 1 || v.ndim() != 1) {
    raise_status(absl::InvalidArgumentError(
        absl::StrCat("update: t and v must be one-dimensional; got ", t.ndim(), " and ", v.ndim(), " dimensions")));
  }
  const auto n = static_cast<std::size_t>(t.size());
  const auto m = static_cast<std::size_t>(v.size());
  const std::int64_t* tp = t.data();
  const double* vp = v.data();
  absl::Status status;
  {
    py::gil_scoped_release release;
    status = s.update(absl::MakeConstSpan(tp, n), absl::MakeConstSpan(vp, m));
  }
  throw_if_error(status);
}

sn::integral_unit unit_of(const std::string& unit) { return value_or_throw(sn::parse_integral_unit(unit)); }

}  // namespace

void register_ordered(py::module_& m) {
  py::class_<sn::time_weight>(m, "_TimeWeight",
                              "Time-weighted summary (LOCF or linear) of one series; ordered merges "
                              "(use numresp.sensors.TimeWeight)")
      .def(py::init([](const std::string& method) {
             return sn::time_weight(value_or_throw(sn::parse_time_weight_method(method)));
           }),
           py::arg("method") = "linear")
      .def(
          "update", [](sn::time_weight& s, std::int64_t t, double v) { throw_if_error(s.update(t, v)); }, py::arg("t"),
          py::arg("v"))
      .def("update_array", &update_arrays<sn::time_weight>, py::arg("t"), py::arg("v"))
      .def(
          "merge", [](sn::time_weight& s, const sn::time_weight& later) { throw_if_error(s.merge(later)); },
          py::arg("later"))
      .def_static(
          "merge_sorted",
          [](const std::vector<sn::time_weight>& parts) {
            return value_or_throw(sn::time_weight::merge_sorted(parts));
          },
          py::arg("parts"))
      .def("copy", [](const sn::time_weight& s) { return s; })
      .def_property_readonly("is_empty", &sn::time_weight::is_empty)
      .def_property_readonly("n", &sn::time_weight::get_n)
      .def_property_readonly("method",
                             [](const sn::time_weight& s) { return std::string(sn::to_string(s.get_method())); })
      .def_property_readonly("first", [](const sn::time_weight& s) { return point(s.first()); })
      .def_property_readonly("last", [](const sn::time_weight& s) { return point(s.last()); })
      .def_property_readonly("weighted_sum", &sn::time_weight::weighted_sum)
      .def("average", &sn::time_weight::average)
      .def(
          "integral", [](const sn::time_weight& s, const std::string& unit) { return s.integral(unit_of(unit)); },
          py::arg("unit") = "s")
      .def(
          "interpolated_average",
          [](const sn::time_weight& s, std::int64_t start, std::int64_t end, const point_arg& prev,
             const point_arg& next) {
            return value_or_throw(s.interpolated_average(start, end, to_point(prev), to_point(next)));
          },
          py::arg("start"), py::arg("end"), py::arg("prev") = py::none(), py::arg("next") = py::none())
      .def(
          "interpolated_integral",
          [](const sn::time_weight& s, std::int64_t start, std::int64_t end, const point_arg& prev,
             const point_arg& next, const std::string& unit) {
            return value_or_throw(s.interpolated_integral(start, end, to_point(prev), to_point(next), unit_of(unit)));
          },
          py::arg("start"), py::arg("end"), py::arg("prev") = py::none(), py::arg("next") = py::none(),
          py::arg("unit") = "s")
      .def(
          "interpolate",
          [](const sn::time_weight& s, std::int64_t start, std::int64_t end, const point_arg& prev,
             const point_arg& next) {
            return value_or_throw(s.interpolate(start, end, to_point(prev), to_point(next)));
          },
          py::arg("start"), py::arg("end"), py::arg("prev") = py::none(), py::arg("next") = py::none())
      .def("serialize", [](const sn::time_weight& s) { return py::bytes(s.serialize()); })
      .def_static(
          "deserialize",
          [](const py::bytes& b) { return value_or_throw(sn::time_weight::deserialize(std::string(b))); },
          py::arg("data"))
      .def("__eq__", [](const sn::time_weight& a, const sn::time_weight& b) { return a == b; });

  py::class_<sn::counter>(m, "_Counter",
                          "Reset-aware counter summary of one series; ordered merges (use numresp.sensors.Counter)")
      .def(py::init<>())
      .def(
          "update", [](sn::counter& s, std::int64_t t, double v) { throw_if_error(s.update(t, v)); }, py::arg("t"),
          py::arg("v"))
      .def("update_array", &update_arrays<sn::counter>, py::arg("t"), py::arg("v"))
      .def(
          "merge", [](sn::counter& s, const sn::counter& later) { throw_if_error(s.merge(later)); }, py::arg("later"))
      .def_static(
          "merge_sorted",
          [](const std::vector<sn::counter>& parts) { return value_or_throw(sn::counter::merge_sorted(parts)); },
          py::arg("parts"))
      .def("copy", [](const sn::counter& s) { return s; })
      .def_property_readonly("is_empty", &sn::counter::is_empty)
      .def_property_readonly("n", &sn::counter::get_n)
      .def_property_readonly("first", [](const sn::counter& s) { return point(s.first()); })
      .def_property_readonly("second", [](const sn::counter& s) { return point(s.second()); })
      .def_property_readonly("penultimate", [](const sn::counter& s) { return point(s.penultimate()); })
      .def_property_readonly("last", [](const sn::counter& s) { return point(s.last()); })
      .def_property_readonly("reset_sum", &sn::counter::reset_sum)
      .def_property_readonly("num_resets", &sn::counter::num_resets)
      .def_property_readonly("num_changes", &sn::counter::num_changes)
      .def("delta", &sn::counter::delta)
      .def("time_delta", &sn::counter::time_delta)
      .def("rate", &sn::counter::rate)
      .def("idelta_left", &sn::counter::idelta_left)
      .def("idelta_right", &sn::counter::idelta_right)
      .def("irate_left", &sn::counter::irate_left)
      .def("irate_right", &sn::counter::irate_right)
      .def(
          "extrapolated_delta",
          [](const sn::counter& s, std::int64_t start, std::int64_t end, const std::string& method) {
            return value_or_throw(s.extrapolated_delta(start, end, value_or_throw(sn::parse_extrapolation(method))));
          },
          py::arg("start"), py::arg("end"), py::arg("method") = "prometheus")
      .def(
          "extrapolated_rate",
          [](const sn::counter& s, std::int64_t start, std::int64_t end, const std::string& method) {
            return value_or_throw(s.extrapolated_rate(start, end, value_or_throw(sn::parse_extrapolation(method))));
          },
          py::arg("start"), py::arg("end"), py::arg("method") = "prometheus")
      .def("serialize", [](const sn::counter& s) { return py::bytes(s.serialize()); })
      .def_static(
          "deserialize", [](const py::bytes& b) { return value_or_throw(sn::counter::deserialize(std::string(b))); },
          py::arg("data"))
      .def("__eq__", [](const sn::counter& a, const sn::counter& b) { return a == b; });
}

}  // namespace numresp::python
