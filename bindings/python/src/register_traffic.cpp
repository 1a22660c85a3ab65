// numresp::usage::traffic as numresp._core.traffic: per_byte, per_visit, segments, rating.
// The public functions are these, re-exported by numresp/traffic.py: a scalar call goes straight
// from Python to C++ (no Python wrapper), an array call runs the C++ loop with the GIL released.
#include <cmath>
#include <optional>
#include <string>

#include "numresp_python/parallel.hpp"
#include "numresp_python/pybind11.hpp"
#include "numresp_python/status.hpp"

#include "absl/strings/str_cat.h"
#include "numresp/usage/traffic.hpp"

namespace numresp::python {
namespace {

namespace traffic = numresp::usage::traffic;
using double_array = py::array_t<double, py::array::c_style | py::array::forcecast>;

/// A grid intensity given as g/kWh or as a country code.
double intensity_value(const py::handle& value, const char* key) {
  if (py::isinstance<py::str>(value)) {
    return value_or_throw(traffic::country_g_per_kwh(value.cast<std::string>()));
  }
  if (py::isinstance<py::bool_>(value) || !(py::isinstance<py::float_>(value) || py::isinstance<py::int_>(value))) {
    raise_status(
        absl::InvalidArgumentError(absl::StrCat("grid_intensity[\"", key, "\"] = ", std::string(py::repr(value)),
                                                ": expected g CO2e/kWh (a number) or a country code (str)")));
  }
  return value.cast<double>();
}

traffic::options make_options(bool green, const py::object& grid_intensity, const py::object& green_hosting_factor,
                              const py::object& first_visit_share = py::none(),
                              const py::object& return_visit_share = py::none(),
                              const py::object& data_reload_ratio = py::none()) {
  traffic::options o;
  o.green = green;
  auto number = [](const py::object& value, const char* name) -> std::optional<double> {
    if (value.is_none()) return std::nullopt;
    if (py::isinstance<py::bool_>(value) ||
        !(py::isinstance<py::float_>(value) || py::isinstance<py::int_>(value) || py::hasattr(value, "__float__"))) {
      raise_status(
          absl::InvalidArgumentError(absl::StrCat(name, " = ", std::string(py::repr(value)), ": expected a number")));
    }
    return value.cast<double>();
  };
  o.green_hosting_factor = number(green_hosting_factor, "green_hosting_factor");
  o.first_visit_share = number(first_visit_share, "first_visit_share");
  o.return_visit_share = number(return_visit_share, "return_visit_share");
  o.data_reload_ratio = number(data_reload_ratio, "data_reload_ratio");
  if (!grid_intensity.is_none()) {
    if (!py::isinstance<py::dict>(grid_intensity)) {
      raise_status(absl::InvalidArgumentError(
          absl::StrCat("grid_intensity = ", std::string(py::repr(grid_intensity)),
                       ": expected a dict with keys \"device\", \"network\", \"data_center\"")));
    }
    for (const auto& item : py::reinterpret_borrow<py::dict>(grid_intensity)) {
      const std::string key = py::str(item.first);
      if (item.second.is_none()) continue;
      if (key == "device") {
        o.device_g_per_kwh = intensity_value(item.second, "device");
      } else if (key == "network") {
        o.network_g_per_kwh = intensity_value(item.second, "network");
      } else if (key == "data_center") {
        o.data_center_g_per_kwh = intensity_value(item.second, "data_center");
      } else {
        raise_status(absl::InvalidArgumentError(absl::StrCat(
            "grid_intensity: unknown key \"", key, "\"; the keys are \"device\", \"network\", \"data_center\"")));
      }
    }
  }
  return o;
}

bool is_scalar(const py::handle& x) {
  return py::isinstance<py::float_>(x) || py::isinstance<py::int_>(x) ||
         (py::isinstance<py::array>(x) && py::reinterpret_borrow<py::array>(x).ndim() == 0);
}

enum class kind { per_byte, per_visit };

/// Runs the bulk kernel over `src` on the cores (numresp_python/parallel.hpp: pieces of at least
/// 2^19 values). Each value's result does not depend on the split. On a bad input, the whole array
/// is checked again in order, so that the error names the first bad index.
absl::Status parallel_apply(const traffic::calculator& calc, kind k, absl::Span<const double> src,
                            absl::Span<double> dst) {
  absl::Status status = parallel_chunks(src.size(), std::size_t{1} << 19, [&](std::size_t begin, std::size_t end) {
    const auto in = src.subspan(begin, end - begin);
    const auto out = dst.subspan(begin, end - begin);
    return k == kind::per_byte ? calc.per_byte_g(in, out) : calc.per_visit_g(in, out);
  });
  if (status.ok()) return status;
  for (std::size_t i = 0; i < src.size(); ++i) {
    if (absl::Status bad = traffic::check_bytes(src[i], "data_bytes", i); !bad.ok()) return bad;
  }
  return status;  // not an input error (e.g. OneByte per visit): the piece's own message
}

py::object evaluate(kind k, const py::object& data_bytes, const std::string& model_name, const traffic::options& o,
                    const py::object& out_arg = py::none()) {
  const traffic::model m = value_or_throw(traffic::parse_model(model_name));
  if (k == kind::per_visit && m == traffic::model::onebyte) {
    raise_status(absl::InvalidArgumentError("per_visit: onebyte has no per-visit form (CO2.js's OneByte neither)"));
  }
  const traffic::calculator calc = value_or_throw(traffic::calculator::create(m, o));
  if (py::isinstance<py::bool_>(data_bytes)) {
    raise_status(absl::InvalidArgumentError("data_bytes = " + std::string(py::repr(data_bytes)) +
                                            ": expected a number of bytes or an array"));
  }
  if (is_scalar(data_bytes)) {
    const double bytes = data_bytes.cast<double>();
    throw_if_error(traffic::check_bytes(bytes));
    return py::float_(k == kind::per_byte ? calc.per_byte_g(bytes) : calc.per_visit_g(bytes));
  }
  const auto in = data_bytes.cast<double_array>();
  double_array out;
  if (out_arg.is_none()) {
    out = double_array(in.request().shape);
  } else {
    // A caller's array, written in place (as numpy's out=): float64, C-contiguous, same shape.
    if (!py::isinstance<py::array_t<double>>(out_arg)) {
      raise_status(absl::InvalidArgumentError("out: expected a numpy float64 array"));
    }
    out = py::reinterpret_borrow<double_array>(out_arg);
    const auto o_info = out.request(true);
    const auto i_info = in.request();
    if (!(py::reinterpret_borrow<py::array>(out_arg).flags() & py::array::c_style) || o_info.shape != i_info.shape ||
        !py::reinterpret_borrow<py::array>(out_arg).writeable()) {
      raise_status(absl::InvalidArgumentError(
          "out: expected a writable C-contiguous float64 array of the same shape as data_bytes"));
    }
  }
  const auto n = static_cast<std::size_t>(in.size());
  absl::Status status;
  {
    py::gil_scoped_release release;
    const absl::Span<const double> src(in.data(), n);
    const absl::Span<double> dst(out.mutable_data(), n);
    status = parallel_apply(calc, k, src, dst);
  }
  throw_if_error(status);
  return std::move(out);
}

py::dict segment_dict(traffic::model m, const traffic::segments& s) {
  py::dict d;
  if (m == traffic::model::swd4) {
    d["data_center_operational"] = s.data_center_operational;
    d["network_operational"] = s.network_operational;
    d["device_operational"] = s.device_operational;
    d["data_center_embodied"] = s.data_center_embodied;
    d["network_embodied"] = s.network_embodied;
    d["device_embodied"] = s.device_embodied;
    d["total_embodied"] = s.total_embodied;
    d["total_operational"] = s.total_operational;
    d["data_center"] = s.data_center;
    d["network"] = s.network;
    d["device"] = s.device;
  } else {
    d["device"] = s.device;
    d["network"] = s.network;
    d["production"] = s.production;
    d["data_center"] = s.data_center;
  }
  d["total"] = s.total;
  return d;
}

}  // namespace

void register_traffic(py::module_& m) {
  m.def(
      "per_byte",
      [](const py::object& data_bytes, const std::string& model, bool green, const py::object& grid_intensity,
         const py::object& green_hosting_factor, const py::object& out) {
        return evaluate(kind::per_byte, data_bytes, model, make_options(green, grid_intensity, green_hosting_factor),
                        out);
      },
      py::arg("data_bytes"), py::arg("model") = "swd4", py::arg("green") = false, py::kw_only(),
      py::arg("grid_intensity") = py::none(), py::arg("green_hosting_factor") = py::none(), py::arg("out") = py::none(),
      R"doc(Grams CO2e for transferring ``data_bytes``, exactly as CO2.js 0.19.0's ``perByte``.

Parameters
----------
data_bytes : float or array_like
    Bytes transferred (finite, >= 0). An array gives an array of the same shape.
model : str
    ``"swd4"`` (Sustainable Web Design v4, the default), ``"swd3"`` or ``"onebyte"``.
green : bool
    Green hosting: v4 removes the data centre's operational emissions, v3 charges the data
    centre at 50 g/kWh, OneByte zeroes the data centre and charges the network at 475 g/kWh.
grid_intensity : dict, optional
    ``{"device": ..., "network": ..., "data_center": ...}``, each g CO2e/kWh or a country code
    (``"FRA"``; Ember annual averages as CO2.js ships them). Not for ``"onebyte"``.
green_hosting_factor : float, optional
    Share of green hosting in [0, 1], v4 only (``green=True`` forces 1).
out : numpy.ndarray, optional
    For an array input: a writable C-contiguous float64 array of the same shape to write the
    results into (as numpy's ``out=``), which saves allocating and faulting in a new one.

Returns
-------
float or numpy.ndarray
    Grams CO2e.

Raises
------
numresp.InvalidArgumentError
    Negative or non-finite bytes (with the index in an array), an unknown model, an option
    out of range or not taken by the model.
numresp.NotFoundError
    An unknown country code.)doc");

  m.def(
      "per_visit",
      [](const py::object& data_bytes, const std::string& model, bool green, const py::object& first_visit_share,
         const py::object& return_visit_share, const py::object& data_reload_ratio, const py::object& grid_intensity,
         const py::object& green_hosting_factor, const py::object& out) {
        return evaluate(kind::per_visit, data_bytes, model,
                        make_options(green, grid_intensity, green_hosting_factor, first_visit_share, return_visit_share,
                                     data_reload_ratio),
                        out);
      },
      py::arg("data_bytes"), py::arg("model") = "swd4", py::arg("green") = false, py::kw_only(),
      py::arg("first_visit_share") = py::none(), py::arg("return_visit_share") = py::none(),
      py::arg("data_reload_ratio") = py::none(), py::arg("grid_intensity") = py::none(),
      py::arg("green_hosting_factor") = py::none(), py::arg("out") = py::none(),
      R"doc(Grams CO2e for one visit of a page of ``data_bytes``, exactly as CO2.js 0.19.0's ``perVisit``.

``first_visit_share``, ``return_visit_share`` and ``data_reload_ratio`` (each in [0, 1]) default
to the model's: 1 / 0 / 0 for v4 (so a v4 visit equals ``per_byte``), 0.75 / 0.25 / 0.02 for v3.
OneByte has no per-visit form. Other parameters (and ``out``) as :func:`per_byte`.)doc");

  m.def(
      "segments",
      [](double data_bytes, const std::string& model, bool green, const py::object& grid_intensity,
         const py::object& green_hosting_factor) {
        const traffic::model which = value_or_throw(traffic::parse_model(model));
        if (which == traffic::model::onebyte) {
          raise_status(
              absl::InvalidArgumentError("segments: onebyte has no segment breakdown (CO2.js's OneByte neither)"));
        }
        throw_if_error(traffic::check_bytes(data_bytes));
        const auto calc = value_or_throw(
            traffic::calculator::create(which, make_options(green, grid_intensity, green_hosting_factor)));
        return segment_dict(which, calc.per_byte_segments(data_bytes));
      },
      py::arg("data_bytes"), py::arg("model") = "swd4", py::arg("green") = false, py::kw_only(),
      py::arg("grid_intensity") = py::none(), py::arg("green_hosting_factor") = py::none(),
      R"doc(Grams CO2e per segment for ``data_bytes``, as CO2.js's ``results: "segment"``.

v4: ``data_center_operational``, ``network_operational``, ``device_operational``,
``data_center_embodied``, ``network_embodied``, ``device_embodied``, ``total_embodied``,
``total_operational``, ``data_center``, ``network``, ``device`` and ``total``. As in CO2.js, only
``total`` applies green hosting. v3: ``device``, ``network``, ``production``, ``data_center``,
``total``. Arguments as :func:`per_byte`.)doc");

  m.def(
      "rating",
      [](const py::object& grams, const std::string& model) -> py::object {
        const traffic::model which = value_or_throw(traffic::parse_model(model));
        if (is_scalar(grams)) {
          return py::str(std::string(value_or_throw(traffic::rating(grams.cast<double>(), which))));
        }
        const auto in = grams.cast<double_array>();
        py::list out(static_cast<std::size_t>(in.size()));
        const double* g = in.data();
        for (py::ssize_t i = 0; i < in.size(); ++i) {
          auto r = traffic::rating(g[i], which);
          if (!r.ok()) {
            raise_status(absl::Status(r.status().code(), absl::StrCat("grams[", i, "]: ", r.status().message())));
          }
          out[static_cast<std::size_t>(i)] = std::string(*r);
        }
        return py::array(out);
      },
      py::arg("grams"), py::arg("model") = "swd4",
      R"doc(The Sustainable Web Design rating of ``grams`` CO2e per page view: ``"A+"`` to ``"F"``
(``grams <= limit``; v4 or v3 limits). OneByte has no rating.)doc");

  m.def(
      "country_intensity", [](const std::string& code) { return value_or_throw(traffic::country_g_per_kwh(code)); },
      py::arg("code"), "The annual grid intensity (g CO2e/kWh) CO2.js 0.19.0 ships for a country code.");
}

}  // namespace numresp::python
