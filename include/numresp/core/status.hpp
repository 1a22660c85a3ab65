/// @file
/// Error handling: `absl::Status` / `absl::StatusOr<T>` and the two propagation macros that
/// Debian's Abseil 20220623 does not have.
///
/// numresp's core throws no exceptions. Anything that can fail on external input (parsing, a
/// lookup, validating a user's values) returns a `Status` or a `StatusOr<T>`, with the most
/// specific canonical code:
/// - `kInvalidArgument`: a malformed or impossible value (negative bytes, low > high, ...);
/// - `kOutOfRange`: a value outside a model's validity range;
/// - `kNotFound`: an unknown identifier (factor id, country code, device kind);
/// - `kFailedPrecondition`: an object in the wrong state for the call.
///
/// Messages say what, where (field, row, byte offset) and the offending value.
#ifndef NUMRESP_CORE_STATUS_HPP_
#define NUMRESP_CORE_STATUS_HPP_

#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

#define NUMRESP_STATUS_CONCAT_INNER_(a, b) a##b
#define NUMRESP_STATUS_CONCAT_(a, b) NUMRESP_STATUS_CONCAT_INNER_(a, b)

/// Evaluates `expr` (an `absl::Status`) and returns it from the enclosing function if it is not
/// OK.
///
///     absl::Status load(const table& t) {
///       NUMRESP_RETURN_IF_ERROR(validate(t));
///       return absl::OkStatus();
///     }
#define NUMRESP_RETURN_IF_ERROR(expr)                                     \
  do {                                                                    \
    if (::absl::Status numresp_status_ = (expr); !numresp_status_.ok()) { \
      return numresp_status_;                                             \
    }                                                                     \
  } while (false)

/// Evaluates `rexpr` (an `absl::StatusOr<T>`); on error returns its status from the enclosing
/// function, otherwise moves its value into `lhs`, which may be a declaration.
///
///     absl::StatusOr<double> kwh(absl::string_view s) {
///       NUMRESP_ASSIGN_OR_RETURN(auto unit, numresp::units::parse_unit(s));
///       return unit.scale / 3.6e6;
///     }
///
/// It expands to more than one statement: do not use it as the sole body of an unbraced `if`.
#define NUMRESP_ASSIGN_OR_RETURN(lhs, rexpr) \
  NUMRESP_ASSIGN_OR_RETURN_IMPL_(NUMRESP_STATUS_CONCAT_(numresp_statusor_, __LINE__), lhs, rexpr)

#define NUMRESP_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, rexpr) \
  auto tmp = (rexpr);                                   \
  if (!tmp.ok()) {                                      \
    return std::move(tmp).status();                     \
  }                                                     \
  lhs = *std::move(tmp)

#endif  // NUMRESP_CORE_STATUS_HPP_
