// numresp::sensors::quantile_sketch (numresp/sensors/quantile_sketch.hpp), the KLL quantile
// sketch, in numresp._core.sensors as the class `QuantileSketch`. The facade is
// numresp/sensors/_sketch.py (scalars or arrays, pickling, the Python names). Array updates and
// array queries run in C++ without the GIL. Bad values raise numresp.InvalidArgumentError (a
// ValueError) naming the argument, its index in an array and the value; queries of an empty
// sketch raise numresp.FailedPreconditionError.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "numresp_python/pybind11.hpp"
#include "numresp_python/status.hpp"

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "numresp/sensors/quantile_sketch.hpp"

namespace numresp::python {
namespace {

using numresp::sensors::quantile_sketch;
using double_array = py::array_t<double, py::array::c_style | py::array::forcecast>;

/// `[i]` or `[i, j, ...]` for the flat index `flat` of an array of `shape`.
std::string index_text(std::size_t flat, const std::vector<py::ssize_t>& shape) {
  if (shape.size() <= 1) return absl::StrCat("[", flat, "]");
  std::vector<std::size_t> idx(shape.size());
  for (std::size_t d = shape.size(); d-- > 0;) {
    const auto extent = static_cast<std::size_t>(shape[d]);
    idx[d] = flat % extent;
    flat /= extent;
  }
  std::string out = "[";
  for (std::size_t d = 0; d < idx.size(); ++d) absl::StrAppend(&out, d ? ", " : "", idx[d]);
  return out + "]";
}

std::vector<py::ssize_t> shape_of(const double_array& a) { return {a.shape(), a.shape() + a.ndim()}; }

/// The first index of `a` whose value fails `ok`, or a.size() (without the GIL).
template <class Ok>
std::size_t first_bad(const double_array& a, Ok ok) {
  const auto n = static_cast<std::size_t>(a.size());
  const double* data = a.data();
  py::gil_scoped_release release;
  for (std::size_t i = 0; i < n; ++i) {
    if (!ok(data[i])) return i;
  }
  return n;
}

bool valid_rank(double r) { return r >= 0 && r <= 1; }

void check_rank(double q, const char* name) {
  if (!valid_rank(q)) {
    raise_status(absl::InvalidArgumentError(absl::StrCat(name, " = ", q, ": must be in [0, 1]")));
  }
}

void check_ranks(const double_array& q, const char* name) {
  const std::size_t bad = first_bad(q, valid_rank);
  if (bad < static_cast<std::size_t>(q.size())) {
    raise_status(absl::InvalidArgumentError(
        absl::StrCat(name, index_text(bad, shape_of(q)), " = ", q.data()[bad], ": must be in [0, 1]")));
  }
}

void check_values(const double_array& x, const char* name) {
  const std::size_t bad = first_bad(x, [](double v) { return !std::isnan(v); });
  if (bad < static_cast<std::size_t>(x.size())) {
    raise_status(absl::InvalidArgumentError(
        absl::StrCat(name, index_text(bad, shape_of(x)), " = nan: the rank of NaN is undefined")));
  }
}

/// An array of the shape of `like` holding `values`.
py::array_t<double> shaped(const std::vector<double>& values, const double_array& like) {
  py::array_t<double> out(shape_of(like));
  std::copy(values.begin(), values.end(), out.mutable_data());
  return out;
}

/// The bytes of a bytes, bytearray or contiguous buffer; valid while `x` lives.
std::string bytes_of(const py::handle& x) {
  if (PyBytes_Check(x.ptr())) return std::string(py::reinterpret_borrow<py::bytes>(x));
  if (PyByteArray_Check(x.ptr())) {
    return std::string(PyByteArray_AsString(x.ptr()), static_cast<std::size_t>(PyByteArray_Size(x.ptr())));
  }
  if (PyObject_CheckBuffer(x.ptr())) {
    const py::buffer_info info = py::reinterpret_borrow<py::buffer>(x).request();
    if (info.ndim <= 1 && (info.ndim == 0 || info.strides[0] == info.itemsize)) {
      return std::string(static_cast<const char*>(info.ptr), static_cast<std::size_t>(info.size * info.itemsize));
    }
  }
  raise_status(absl::InvalidArgumentError(absl::StrCat("data = ", std::string(py::repr(x)).substr(0, 80),
                                                       ": expected bytes, a bytearray or a contiguous buffer")));
}

std::string repr(const quantile_sketch& s) {
  std::string out =
      absl::StrCat("QuantileSketch(k=", s.get_k(), ", n=", s.get_n(), ", retained=", s.get_num_retained());
  if (!s.is_empty()) absl::StrAppend(&out, ", min=", *s.get_min_item(), ", max=", *s.get_max_item());
  return out + ")";
}

}  // namespace

void register_quantile_sketch(py::module_& m) {
  py::class_<quantile_sketch>(m, "QuantileSketch", R"doc(
A KLL quantile sketch of floats (the facade is numresp.sensors.QuantileSketch).

Parameters
----------
k : int, optional
    Accuracy, 8 to 65535 (default 200: 1.33 % rank error at 99 % confidence).
seed : int, optional
    Seed of the compaction coin flips, 0 to 2**64 - 1.
)doc")
      .def(
          py::init([](std::int64_t k, std::uint64_t seed) { return value_or_throw(quantile_sketch::create(k, seed)); }),
          py::arg("k") = quantile_sketch::kDefaultK, py::arg("seed") = quantile_sketch::kDefaultSeed)
      .def(
          "update", [](quantile_sketch& s, double x) { s.update(x); }, py::arg("x"), "Adds one reading (NaN ignored).")
      .def(
          "update_array",
          [](quantile_sketch& s, const double_array& xs) {
            const absl::Span<const double> span(xs.data(), static_cast<std::size_t>(xs.size()));
            py::gil_scoped_release release;
            s.update(span);
          },
          py::arg("xs"), "Adds the readings of an array, in C order (NaN ignored), without the GIL.")
      .def(
          "merge",
          [](quantile_sketch& s, const quantile_sketch& other) {
            py::gil_scoped_release release;
            s.merge(other);
          },
          py::arg("other"), "Adds another sketch's readings (any k; the error bound is that of the smallest).")
      .def_property_readonly("n", &quantile_sketch::get_n, "Readings seen (NaN excluded).")
      .def_property_readonly("k", &quantile_sketch::get_k, "The accuracy parameter.")
      .def_property_readonly("min_k", &quantile_sketch::get_min_k, "The smallest k merged in (sets the error).")
      .def_property_readonly("seed", &quantile_sketch::get_seed, "The seed of the coin flips.")
      .def_property_readonly("num_retained", &quantile_sketch::get_num_retained, "Readings kept.")
      .def_property_readonly("num_levels", &quantile_sketch::get_num_levels, "Levels (compactors).")
      .def_property_readonly("is_empty", &quantile_sketch::is_empty, "True before the first reading.")
      .def_property_readonly("is_estimation_mode", &quantile_sketch::is_estimation_mode,
                             "True once readings have been compacted (answers approximate).")
      .def(
          "min_item", [](const quantile_sketch& s) { return value_or_throw(s.get_min_item()); },
          "The smallest reading; FailedPreconditionError when empty.")
      .def(
          "max_item", [](const quantile_sketch& s) { return value_or_throw(s.get_max_item()); },
          "The largest reading; FailedPreconditionError when empty.")
      .def(
          "quantile",
          [](const quantile_sketch& s, double q, bool inclusive) {
            check_rank(q, "q");
            return value_or_throw(s.get_quantile(q, inclusive));
          },
          py::arg("q"), py::arg("inclusive") = true, "The reading at normalized rank q.")
      .def(
          "quantiles",
          [](const quantile_sketch& s, const double_array& q, bool inclusive) {
            check_ranks(q, "q");
            absl::StatusOr<std::vector<double>> out;
            {
              const absl::Span<const double> span(q.data(), static_cast<std::size_t>(q.size()));
              py::gil_scoped_release release;
              out = s.get_quantiles(span, inclusive);
            }
            return shaped(value_or_throw(std::move(out)), q);
          },
          py::arg("q"), py::arg("inclusive") = true, "The readings at the normalized ranks of an array (same shape).")
      .def(
          "rank",
          [](const quantile_sketch& s, double x, bool inclusive) {
            if (std::isnan(x)) raise_status(absl::InvalidArgumentError("x = nan: the rank of NaN is undefined"));
            return value_or_throw(s.get_rank(x, inclusive));
          },
          py::arg("x"), py::arg("inclusive") = true, "The normalized rank of x (share <= x, or < x).")
      .def(
          "ranks",
          [](const quantile_sketch& s, const double_array& x, bool inclusive) {
            check_values(x, "x");
            absl::StatusOr<std::vector<double>> out;
            {
              const absl::Span<const double> span(x.data(), static_cast<std::size_t>(x.size()));
              py::gil_scoped_release release;
              out = s.get_ranks(span, inclusive);
            }
            return shaped(value_or_throw(std::move(out)), x);
          },
          py::arg("x"), py::arg("inclusive") = true, "The normalized ranks of an array's values (same shape).")
      .def("normalized_rank_error", &quantile_sketch::get_normalized_rank_error, py::arg("pmf") = false,
           "The a-priori rank error at 99 % confidence: single-sided, or double-sided (pmf=True).")
      .def_static(
          "normalized_rank_error_for",
          [](std::int64_t k, bool pmf) {
            if (k < quantile_sketch::kMinK || k > quantile_sketch::kMaxK) {
              raise_status(absl::InvalidArgumentError(absl::StrCat("k = ", k, ": must be in [", quantile_sketch::kMinK,
                                                                   ", ", quantile_sketch::kMaxK, "]")));
            }
            return quantile_sketch::normalized_rank_error(static_cast<std::uint16_t>(k), pmf);
          },
          py::arg("k"), py::arg("pmf") = false, "The a-priori rank error of a sketch with k.")
      .def(
          "items",
          [](const quantile_sketch& s) {
            const std::vector<quantile_sketch::weighted_item> items = s.get_items();
            py::array_t<double> values(static_cast<py::ssize_t>(items.size()));
            py::array_t<std::uint64_t> weights(static_cast<py::ssize_t>(items.size()));
            double* v = values.mutable_data();
            std::uint64_t* w = weights.mutable_data();
            for (std::size_t i = 0; i < items.size(); ++i) {
              v[i] = items[i].item;
              w[i] = items[i].weight;
            }
            return py::make_tuple(values, weights);
          },
          "The retained readings and their weights (two arrays), level by level.")
      .def(
          "serialize",
          [](const quantile_sketch& s) {
            const std::string bytes = s.serialize();
            return py::bytes(bytes);
          },
          "The framed bytes (numresp's sensor aggregate format).")
      .def_static(
          "deserialize",
          [](const py::object& data) {
            const std::string bytes = bytes_of(data);
            return value_or_throw(quantile_sketch::deserialize(bytes));
          },
          py::arg("data"), "Reads serialize()'s bytes; InvalidArgumentError (with the byte offset) when corrupt.")
      .def("__copy__", [](const quantile_sketch& s) { return quantile_sketch(s); })
      .def(
          "__deepcopy__", [](const quantile_sketch& s, const py::dict&) { return quantile_sketch(s); }, py::arg("memo"))
      .def("__repr__", &repr);

  m.attr("QUANTILE_SKETCH_DEFAULT_K") = quantile_sketch::kDefaultK;
  m.attr("QUANTILE_SKETCH_MIN_K") = quantile_sketch::kMinK;
  m.attr("QUANTILE_SKETCH_MAX_K") = quantile_sketch::kMaxK;
  m.attr("QUANTILE_SKETCH_DEFAULT_SEED") = py::int_(quantile_sketch::kDefaultSeed);
}

}  // namespace numresp::python
