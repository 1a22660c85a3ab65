#include "numresp_python/status.hpp"

#include <string>

namespace numresp::python {
namespace {

// Borrowed references kept alive by the module object (set in register_status).
PyObject* base_error = nullptr;
PyObject* invalid_argument_error = nullptr;
PyObject* out_of_range_error = nullptr;
PyObject* not_found_error = nullptr;
PyObject* failed_precondition_error = nullptr;

PyObject* make_exception(py::module_& m, const char* name, const char* doc, py::tuple bases) {
  const std::string qualified = std::string("numresp.") + name;
  PyObject* cls = PyErr_NewExceptionWithDoc(qualified.c_str(), doc, bases.ptr(), nullptr);
  if (cls == nullptr) throw py::error_already_set();
  m.add_object(name, py::reinterpret_steal<py::object>(cls));
  return cls;
}

}  // namespace

void register_status(py::module_& m) {
  base_error = make_exception(m, "NumrespError", "Base class of every error numresp raises.",
                              py::make_tuple(py::reinterpret_borrow<py::object>(PyExc_RuntimeError)));
  const auto base = py::reinterpret_borrow<py::object>(base_error);
  invalid_argument_error =
      make_exception(m, "InvalidArgumentError", "A malformed or impossible argument (negative bytes, low > high...).",
                     py::make_tuple(base, py::reinterpret_borrow<py::object>(PyExc_ValueError)));
  out_of_range_error = make_exception(m, "OutOfRangeError", "A value outside a model's validity range.",
                                      py::make_tuple(base, py::reinterpret_borrow<py::object>(PyExc_ValueError)));
  not_found_error = make_exception(m, "NotFoundError", "An unknown identifier (factor id, country code, kind...).",
                                   py::make_tuple(base, py::reinterpret_borrow<py::object>(PyExc_KeyError)));
  failed_precondition_error =
      make_exception(m, "FailedPreconditionError", "An object in the wrong state for the call.",
                     py::make_tuple(base, py::reinterpret_borrow<py::object>(PyExc_RuntimeError)));
}

void raise_status(const absl::Status& status) {
  PyObject* cls = base_error;
  switch (status.code()) {
    case absl::StatusCode::kInvalidArgument:
      cls = invalid_argument_error;
      break;
    case absl::StatusCode::kOutOfRange:
      cls = out_of_range_error;
      break;
    case absl::StatusCode::kNotFound:
      cls = not_found_error;
      break;
    case absl::StatusCode::kFailedPrecondition:
      cls = failed_precondition_error;
      break;
    default:
      break;
  }
  const std::string message(status.message());
  PyErr_SetString(cls, message.c_str());
  throw py::error_already_set();
}

}  // namespace numresp::python
