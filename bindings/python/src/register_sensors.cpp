// numresp::sensors windows, stats and grouped tables as numresp._core.sensors; the facade is
// numresp/sensors/__init__.py (and numresp/dask.py for the scale-out). The quantile sketch,
// LoRaWAN ingestion and ordered aggregates register from their own files.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "numresp_python/pybind11.hpp"
#include "numresp_python/status.hpp"

#include "absl/strings/str_cat.h"
#include "numresp/sensors/aggregate.hpp"
#include "numresp/sensors/stats.hpp"
#include "numresp/sensors/windows.hpp"

namespace numresp::python {
namespace {

namespace sn = numresp::sensors;
using i64_array = py::array_t<std::int64_t, py::array::c_style | py::array::forcecast>;
using double_array = py::array_t<double, py::array::c_style | py::array::forcecast>;

// Hands a vector to numpy without copying.
template <class T, class A>
py::array_t<T> to_numpy(std::vector<T, A>&& v) {
  auto* owned = new std::vector<T, A>(std::move(v));
  py::capsule free(owned, [](void* p) { delete static_cast<std::vector<T, A>*>(p); });
  return py::array_t<T>(static_cast<py::ssize_t>(owned->size()), owned->data(), free);
}

template <class T, class A>
py::array_t<T> copy_numpy(const std::vector<T, A>& v) {
  return py::array_t<T>(static_cast<py::ssize_t>(v.size()), v.data());
}

py::dict columns(sn::window_table&& t) {
  const bool moments = t.m2.size() == t.group.size();
  py::dict d;
  d["group"] = to_numpy(std::move(t.group));
  d["window_start"] = to_numpy(std::move(t.window_start));
  d["count"] = to_numpy(std::move(t.count));
  d["sum"] = to_numpy(std::move(t.sum));
  d["min"] = to_numpy(std::move(t.min));
  d["max"] = to_numpy(std::move(t.max));
  d["mean_exact"] = to_numpy(std::move(t.mean));  // sum / count
  if (moments) d["m2"] = to_numpy(std::move(t.m2));
  return d;
}

absl::Span<const std::int64_t> span_i64(const i64_array& a) {
  return absl::MakeConstSpan(a.data(), static_cast<std::size_t>(a.size()));
}
absl::Span<const double> span_f64(const double_array& a) {
  return absl::MakeConstSpan(a.data(), static_cast<std::size_t>(a.size()));
}

sn::window_table run(const i64_array& group, const i64_array& t_ns, const double_array& value,
                     const std::string& window, const std::string& tz, bool moments, std::int64_t time_unit_ns) {
  const sn::window_spec spec = value_or_throw(sn::window_spec::parse(window, tz));
  sn::aggregate_options o;
  o.moments = moments;
  o.time_unit_ns = time_unit_ns;
  absl::StatusOr<sn::window_table> t;
  {
    py::gil_scoped_release release;
    t = sn::aggregate(span_i64(group), span_i64(t_ns), span_f64(value), spec, o);
  }
  return value_or_throw(std::move(t));
}

constexpr int kPickleVersion = 1;

}  // namespace

void register_sensors(py::module_& m) {
  m.def(
      "check_window",
      [](const std::string& window, const std::string& tz) {
        const sn::window_spec s = value_or_throw(sn::window_spec::parse(window, tz));
        return py::make_tuple(s.unit == sn::window_spec::kind::fixed ? "fixed" : "calendar", s.width_ns);
      },
      py::arg("window"), py::arg("tz"));
  m.def(
      "aggregate_columns",
      [](const i64_array& group, const i64_array& t, const double_array& value, const std::string& window,
         const std::string& tz, bool moments,
         std::int64_t time_unit_ns) { return columns(run(group, t, value, window, tz, moments, time_unit_ns)); },
      py::arg("group"), py::arg("t"), py::arg("value"), py::arg("window"), py::arg("tz"), py::arg("moments"),
      py::arg("time_unit_ns") = 1,
      "Per-(group, window) statistics as numpy columns (sorted by group, then window start). Timestamps are "
      "nanoseconds, or units of time_unit_ns nanoseconds (10**9 for epoch seconds).");

  py::class_<sn::window_table>(m, "WindowTable", "A mergeable table of per-(group, window) statistics states")
      .def(py::init([](const i64_array& group, const i64_array& t_ns, const double_array& value,
                       const std::string& window, const std::string& tz,
                       std::int64_t time_unit_ns) { return run(group, t_ns, value, window, tz, true, time_unit_ns); }),
           py::arg("group"), py::arg("t_ns"), py::arg("value"), py::arg("window"), py::arg("tz"),
           py::arg("time_unit_ns") = 1)
      .def("__len__", &sn::window_table::size)
      .def("merge",
           [](const sn::window_table& a, const sn::window_table& b) {
             absl::StatusOr<sn::window_table> r;
             {
               py::gil_scoped_release release;
               r = sn::merge(a, b);
             }
             return value_or_throw(std::move(r));
           })
      .def("columns",
           [](const sn::window_table& t) {
             py::dict d;
             d["group"] = copy_numpy(t.group);
             d["window_start"] = copy_numpy(t.window_start);
             d["count"] = copy_numpy(t.count);
             d["sum"] = copy_numpy(t.sum);
             d["min"] = copy_numpy(t.min);
             d["max"] = copy_numpy(t.max);
             d["mean_running"] = copy_numpy(t.mean);
             d["m2"] = copy_numpy(t.m2);
             return d;
           })
      .def("serialize", [](const sn::window_table& t) { return py::bytes(t.serialize()); })
      .def_static("deserialize",
                  [](const py::bytes& b) { return value_or_throw(sn::window_table::deserialize(std::string(b))); })
      .def(
          py::pickle([](const sn::window_table& t) { return py::make_tuple(kPickleVersion, py::bytes(t.serialize())); },
                     [](const py::tuple& state) {
                       if (state.size() != 2 || state[0].cast<int>() != kPickleVersion) {
                         raise_status(absl::InvalidArgumentError(absl::StrCat(
                             "WindowTable pickle: unsupported state (version ", kPickleVersion, " expected)")));
                       }
                       return value_or_throw(sn::window_table::deserialize(state[1].cast<std::string>()));
                     }));

  py::class_<sn::stats>(m, "Stats", "Count, sum, min, max, mean, variance of a stream; mergeable in any order")
      .def(py::init<>())
      .def(
          "update", [](sn::stats& s, double v) { s.update(v); }, py::arg("value"))
      .def(
          "update_array",
          [](sn::stats& s, const double_array& values) {
            const double* p = values.data();
            const auto n = static_cast<std::size_t>(values.size());
            py::gil_scoped_release release;
            for (std::size_t i = 0; i < n; ++i) s.update(p[i]);
          },
          py::arg("values"))
      .def(
          "merge", [](sn::stats& s, const sn::stats& o) { s.merge(o); }, py::arg("other"))
      .def("is_empty", &sn::stats::is_empty)
      .def("get_n", &sn::stats::get_n)
      .def_property_readonly("n", &sn::stats::get_n)
      .def_property_readonly("sum", &sn::stats::sum)
      .def_property_readonly("min", &sn::stats::min)
      .def_property_readonly("max", &sn::stats::max)
      .def_property_readonly("mean", &sn::stats::mean)
      .def("variance", &sn::stats::variance, py::arg("ddof") = 1)
      .def("serialize", [](const sn::stats& s) { return py::bytes(s.serialize()); })
      .def_static("deserialize",
                  [](const py::bytes& b) { return value_or_throw(sn::stats::deserialize(std::string(b))); })
      .def(py::pickle([](const sn::stats& s) { return py::make_tuple(kPickleVersion, py::bytes(s.serialize())); },
                      [](const py::tuple& state) {
                        if (state.size() != 2 || state[0].cast<int>() != kPickleVersion) {
                          raise_status(absl::InvalidArgumentError(
                              absl::StrCat("Stats pickle: unsupported state (version ", kPickleVersion, " expected)")));
                        }
                        return value_or_throw(sn::stats::deserialize(state[1].cast<std::string>()));
                      }))
      .def("__eq__", [](const sn::stats& a, const sn::stats& b) { return a == b; })
      .def("__repr__", [](const sn::stats& s) {
        return absl::StrCat("Stats(n=", s.get_n(), ", mean=", s.mean(), ", min=", s.min(), ", max=", s.max(), ")");
      });
}

}  // namespace numresp::python
