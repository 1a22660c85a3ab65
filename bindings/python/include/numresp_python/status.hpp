// Status → Python exception, in one place.
//
//   kInvalidArgument    → numresp.InvalidArgumentError  (ValueError)
//   kOutOfRange         → numresp.OutOfRangeError       (ValueError)
//   kNotFound           → numresp.NotFoundError         (KeyError)
//   kFailedPrecondition → numresp.FailedPreconditionError (RuntimeError)
//   anything else       → numresp.NumrespError          (RuntimeError)
//
// Every class derives from numresp.NumrespError, so `except numresp.NumrespError` catches all.
#ifndef NUMRESP_PYTHON_STATUS_HPP_
#define NUMRESP_PYTHON_STATUS_HPP_

#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "numresp_python/pybind11.hpp"

namespace numresp::python {

/// Raises the Python exception for a non-OK status (as `py::error_already_set`).
[[noreturn]] void raise_status(const absl::Status& status);

/// Does nothing for an OK status, raises otherwise.
inline void throw_if_error(const absl::Status& status) {
  if (!status.ok()) raise_status(status);
}

/// The value of an OK `StatusOr`, or raises.
template <class T>
T value_or_throw(absl::StatusOr<T> result) {
  if (!result.ok()) raise_status(result.status());
  return *std::move(result);
}

}  // namespace numresp::python

#endif  // NUMRESP_PYTHON_STATUS_HPP_
