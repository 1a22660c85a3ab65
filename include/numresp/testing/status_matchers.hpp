/// @file
/// GoogleMock matchers for `absl::Status` and `absl::StatusOr<T>` (Debian's Abseil 20220623 has
/// none). Header-only; link GoogleMock yourself.
///
///     EXPECT_THAT(numresp::units::parse_unit("kWh"), numresp::testing::is_ok());
///     EXPECT_THAT(numresp::units::parse_unit("kWx"),
///                 numresp::testing::status_is(absl::StatusCode::kInvalidArgument,
///                                             ::testing::HasSubstr("kWx")));
///     EXPECT_THAT(numresp::units::convert(1.0, "kg", "g"), numresp::testing::is_ok_and_holds(1000.0));
#ifndef NUMRESP_TESTING_STATUS_MATCHERS_HPP_
#define NUMRESP_TESTING_STATUS_MATCHERS_HPP_

#include <ostream>
#include <string>
#include <utility>

#include <gmock/gmock.h>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace numresp::testing {

namespace detail {

inline const absl::Status& status_of(const absl::Status& s) { return s; }
template <class T>
const absl::Status& status_of(const absl::StatusOr<T>& s) {
  return s.status();
}

class status_is_matcher {
 public:
  status_is_matcher(absl::StatusCode code, ::testing::Matcher<const std::string&> message)
      : code_(code), message_(std::move(message)) {}

  template <class T>
  bool MatchAndExplain(const T& actual, ::testing::MatchResultListener* listener) const {  // NOLINT
    const absl::Status& status = status_of(actual);
    *listener << "whose status is " << status;
    if (status.code() != code_) return false;
    return message_.MatchAndExplain(std::string(status.message()), listener);
  }
  void DescribeTo(std::ostream* os) const {  // NOLINT
    *os << "has status code " << absl::StatusCodeToString(code_) << " and a message that ";
    message_.DescribeTo(os);
  }
  void DescribeNegationTo(std::ostream* os) const {  // NOLINT
    *os << "does not have status code " << absl::StatusCodeToString(code_) << " or has a message that ";
    message_.DescribeNegationTo(os);
  }

 private:
  absl::StatusCode code_;
  ::testing::Matcher<const std::string&> message_;
};

template <class InnerMatcher>
class is_ok_and_holds_matcher {
 public:
  explicit is_ok_and_holds_matcher(InnerMatcher inner) : inner_(std::move(inner)) {}

  template <class T>
  bool MatchAndExplain(const absl::StatusOr<T>& actual, ::testing::MatchResultListener* listener) const {  // NOLINT
    if (!actual.ok()) {
      *listener << "whose status is " << actual.status();
      return false;
    }
    *listener << "whose value ";
    return ::testing::ExplainMatchResult(inner_, *actual, listener);
  }
  void DescribeTo(std::ostream* os) const {  // NOLINT
    *os << "is OK and holds a value that matches the inner matcher";
  }
  void DescribeNegationTo(std::ostream* os) const {  // NOLINT
    *os << "is not OK or holds a value that does not match";
  }

 private:
  InnerMatcher inner_;
};

}  // namespace detail

/// Matches an OK `absl::Status` or `absl::StatusOr<T>`.
inline auto is_ok() {
  return ::testing::MakePolymorphicMatcher(
      detail::status_is_matcher(absl::StatusCode::kOk, ::testing::A<const std::string&>()));
}

/// Matches a status (or the status of a `StatusOr`) with code `code` and any message.
inline auto status_is(absl::StatusCode code) {
  return ::testing::MakePolymorphicMatcher(detail::status_is_matcher(code, ::testing::A<const std::string&>()));
}

/// Matches a status with code `code` and a message matching `message`
/// (e.g. `testing::HasSubstr("row 3")`).
template <class MessageMatcher>
auto status_is(absl::StatusCode code, MessageMatcher message) {
  return ::testing::MakePolymorphicMatcher(
      detail::status_is_matcher(code, ::testing::SafeMatcherCast<const std::string&>(std::move(message))));
}

/// Matches an OK `absl::StatusOr<T>` whose value matches `inner` (a matcher or a value).
template <class InnerMatcher>
auto is_ok_and_holds(InnerMatcher inner) {
  return ::testing::MakePolymorphicMatcher(detail::is_ok_and_holds_matcher<InnerMatcher>(std::move(inner)));
}

}  // namespace numresp::testing

#endif  // NUMRESP_TESTING_STATUS_MATCHERS_HPP_
