#include "numresp/core/status.hpp"

#include <memory>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "numresp/testing/status_matchers.hpp"

namespace {

using ::numresp::testing::is_ok;
using ::numresp::testing::is_ok_and_holds;
using ::numresp::testing::status_is;
using ::testing::HasSubstr;
using ::testing::Not;

absl::Status check_positive(int x) {
  if (x <= 0) return absl::InvalidArgumentError("x must be positive; got " + std::to_string(x));
  return absl::OkStatus();
}

absl::StatusOr<int> half(int x) {
  if (x % 2 != 0) return absl::InvalidArgumentError("odd: " + std::to_string(x));
  return x / 2;
}

absl::Status twice_checked(int x, int* calls) {
  NUMRESP_RETURN_IF_ERROR(check_positive(x));
  ++*calls;
  NUMRESP_RETURN_IF_ERROR(check_positive(x - 10));
  ++*calls;
  return absl::OkStatus();
}

absl::StatusOr<int> quarter(int x) {
  NUMRESP_ASSIGN_OR_RETURN(int h, half(x));
  NUMRESP_ASSIGN_OR_RETURN(const int q, half(h));
  return q;
}

absl::StatusOr<std::unique_ptr<int>> boxed(int x) {
  if (x < 0) return absl::OutOfRangeError("negative");
  return std::make_unique<int>(x);
}

absl::StatusOr<int> unbox(int x) {
  std::unique_ptr<int> p;
  NUMRESP_ASSIGN_OR_RETURN(p, boxed(x));  // assignment to an existing, move-only variable
  return *p;
}

TEST(StatusMacros, ReturnIfErrorStopsAtTheFirstError) {
  int calls = 0;
  EXPECT_THAT(twice_checked(20, &calls), is_ok());
  EXPECT_EQ(calls, 2);
  calls = 0;
  EXPECT_THAT(twice_checked(5, &calls), status_is(absl::StatusCode::kInvalidArgument, HasSubstr("got -5")));
  EXPECT_EQ(calls, 1);
  calls = 0;
  EXPECT_THAT(twice_checked(-1, &calls), status_is(absl::StatusCode::kInvalidArgument, HasSubstr("got -1")));
  EXPECT_EQ(calls, 0);
}

TEST(StatusMacros, AssignOrReturn) {
  EXPECT_THAT(quarter(12), is_ok_and_holds(3));
  EXPECT_THAT(quarter(6), status_is(absl::StatusCode::kInvalidArgument, "odd: 3"));
  EXPECT_THAT(quarter(7), status_is(absl::StatusCode::kInvalidArgument, "odd: 7"));
  EXPECT_THAT(unbox(4), is_ok_and_holds(4));
  EXPECT_THAT(unbox(-4), status_is(absl::StatusCode::kOutOfRange));
}

TEST(StatusMatchers, NegationsMatchTheOpposite) {
  EXPECT_THAT(absl::InternalError("x"), Not(is_ok()));
  EXPECT_THAT(absl::OkStatus(), Not(status_is(absl::StatusCode::kInternal)));
  EXPECT_THAT(half(3), Not(is_ok_and_holds(1)));
  EXPECT_THAT(half(4), Not(is_ok_and_holds(1)));
  EXPECT_THAT(absl::NotFoundError("abc"), Not(status_is(absl::StatusCode::kNotFound, HasSubstr("xyz"))));
}

}  // namespace
