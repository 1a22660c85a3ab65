#include "numresp/io/csv.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "numresp/testing/status_matchers.hpp"

namespace numresp::io {
namespace {

using ::numresp::testing::is_ok;
using ::numresp::testing::status_is;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST(ParseCsv, HeaderAndRowsWithLineNumbers) {
  auto t = parse_csv("a,b\n1,2\n\n3,4\n");
  ASSERT_THAT(t, is_ok());
  EXPECT_THAT(t->header, ElementsAre("a", "b"));
  ASSERT_EQ(t->rows.size(), 2u);
  EXPECT_THAT(t->rows[0].fields, ElementsAre("1", "2"));
  EXPECT_EQ(t->rows[0].line, 2u);
  EXPECT_EQ(t->rows[1].line, 4u) << "the blank line is skipped but counted";
  EXPECT_EQ(t->column("b"), 1);
  EXPECT_EQ(t->column("c"), -1);
}

TEST(ParseCsv, QuotedFields) {
  auto t = parse_csv("id,source\nx,\"ADEME, Base Empreinte \"\"2024\"\"\"\ny,\"two\nlines\"\nz,\n");
  ASSERT_THAT(t, is_ok());
  EXPECT_EQ(t->rows[0].fields[1], "ADEME, Base Empreinte \"2024\"");
  EXPECT_EQ(t->rows[1].fields[1], "two\nlines");
  EXPECT_EQ(t->rows[2].line, 5u) << "a quoted line break counts as a line";
  EXPECT_EQ(t->rows[2].fields[1], "");
}

TEST(ParseCsv, CrlfBomSemicolonAndNoFinalNewline) {
  auto t = parse_csv("\xEF\xBB\xBFville;valeur\r\nPoitiers;0,0519", "<fr>", csv_options{';'});
  ASSERT_THAT(t, is_ok());
  EXPECT_THAT(t->header, ElementsAre("ville", "valeur"));
  EXPECT_THAT(t->rows[0].fields, ElementsAre("Poitiers", "0,0519"));
}

TEST(ParseCsv, ErrorsNameLineAndOffset) {
  EXPECT_THAT(
      parse_csv("a,b\n1,\"open\n", "f.csv"),
      status_is(absl::StatusCode::kInvalidArgument, HasSubstr("f.csv:2: unterminated quoted field (byte offset 6)")));
  EXPECT_THAT(
      parse_csv("a,b\n\"x\"y,2\n", "f.csv"),
      status_is(absl::StatusCode::kInvalidArgument, HasSubstr("f.csv:2: text after a closing quote (byte offset 7)")));
  EXPECT_THAT(
      parse_csv("a,b\n1,2,3\n", "f.csv"),
      status_is(absl::StatusCode::kInvalidArgument, HasSubstr("f.csv:2: expected 2 fields as in the header, found 3")));
  EXPECT_THAT(parse_csv("a,b\nx\"y,2\n", "f.csv"),
              status_is(absl::StatusCode::kInvalidArgument, HasSubstr("quote inside an unquoted field")));
  EXPECT_THAT(parse_csv("", "f.csv"), status_is(absl::StatusCode::kInvalidArgument, HasSubstr("empty CSV")));
  EXPECT_THAT(parse_csv("a\n", "f.csv", csv_options{'\t'}), status_is(absl::StatusCode::kInvalidArgument));
}

TEST(ReadFile, MissingFileIsNotFound) {
  EXPECT_THAT(read_csv_file("/nonexistent/numresp.csv"),
              status_is(absl::StatusCode::kNotFound, HasSubstr("/nonexistent/numresp.csv")));
}

}  // namespace
}  // namespace numresp::io
