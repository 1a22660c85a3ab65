#include "numresp/factors/factor.hpp"

#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "numresp/testing/status_matchers.hpp"

namespace numresp::factors {
namespace {

using ::numresp::testing::is_ok;
using ::numresp::testing::status_is;
using ::testing::HasSubstr;

std::vector<std::string> row() {
  return {"grid.gwp.fra",
          "0.0519",
          "",
          "",
          "kgCO2e/kWh",
          "ADEME Base Empreinte",
          "https://base-empreinte.ademe.fr",
          "2024",
          "FRA",
          "Etalab-2.0",
          ""};
}

TEST(MakeFactor, ValidRow) {
  auto f = make_factor(row(), "t.csv:2");
  ASSERT_THAT(f, is_ok());
  EXPECT_EQ(f->id, "grid.gwp.fra");
  EXPECT_EQ(f->value, 0.0519);
  EXPECT_FALSE(f->low.has_value());
  EXPECT_EQ(f->year, 2024);
  EXPECT_EQ(f->parsed_unit.dim.to_string(), "CO2e mass / energy");
}

TEST(MakeFactor, Bounds) {
  auto r = row();
  r[2] = "0.04";
  r[3] = "0.06";
  auto f = make_factor(r, "t.csv:2");
  ASSERT_THAT(f, is_ok());
  EXPECT_EQ(*f->low, 0.04);
  EXPECT_EQ(*f->high, 0.06);
}

struct bad_case {
  std::size_t column;
  std::string value;
  std::string message;
};

class MakeFactorRejects : public ::testing::TestWithParam<bad_case> {};

TEST_P(MakeFactorRejects, NamingOriginFieldAndValue) {
  auto r = row();
  r[GetParam().column] = GetParam().value;
  EXPECT_THAT(make_factor(r, "t.csv:7"),
              status_is(absl::StatusCode::kInvalidArgument, HasSubstr("t.csv:7: field '" + GetParam().message)));
}

INSTANTIATE_TEST_SUITE_P(
    EveryRule, MakeFactorRejects,
    ::testing::Values(bad_case{0, "Grid.gwp.fra", "id' = \"Grid.gwp.fra\""}, bad_case{0, "grid", "id' = \"grid\""},
                      bad_case{0, "grid..fra", "id'"}, bad_case{1, "abc", "value' = \"abc\": not a finite number"},
                      bad_case{1, "nan", "value' = \"nan\""}, bad_case{1, "inf", "value' = \"inf\""},
                      bad_case{1, "-1", "value' = \"-1\": negative"}, bad_case{1, " 1", "value'"},
                      bad_case{1, "", "value'"}, bad_case{2, "0.01", "high' = \"\": low and high"},
                      bad_case{3, "0.1", "low' = \"\": low and high"},
                      bad_case{4, "kgCO2/kWh", "unit' = \"kgCO2/kWh\": unit \"kgCO2/kWh\": unknown symbol"},
                      bad_case{4, "", "unit' = \"\""}, bad_case{5, "", "source' = \"\": empty"},
                      bad_case{6, "", "source_url' = \"\": empty"}, bad_case{7, "24", "year' = \"24\""},
                      bad_case{7, "20x4", "year' = \"20x4\""}, bad_case{8, "", "region' = \"\": empty"},
                      bad_case{9, "", "licence' = \"\": empty"}));

TEST(MakeFactor, BoundsMustEncloseTheValue) {
  auto r = row();
  r[2] = "0.06";
  r[3] = "0.07";
  EXPECT_THAT(make_factor(r, "t.csv:3"), status_is(absl::StatusCode::kInvalidArgument,
                                                   HasSubstr("field 'low' = \"0.06\": greater than value 0.0519")));
  r[2] = "0.01";
  r[3] = "0.05";
  EXPECT_THAT(make_factor(r, "t.csv:3"),
              status_is(absl::StatusCode::kInvalidArgument, HasSubstr("field 'high' = \"0.05\": less than value")));
}

TEST(MakeFactor, WrongFieldCount) {
  EXPECT_THAT(make_factor({"a.b", "1"}, "t.csv:2"),
              status_is(absl::StatusCode::kInvalidArgument, HasSubstr("expected 11 fields, found 2")));
}

TEST(IsValidId, Shapes) {
  EXPECT_TRUE(is_valid_id("grid.gwp.fra"));
  EXPECT_TRUE(is_valid_id("device.laptop.pro.gwp.embedded"));
  EXPECT_TRUE(is_valid_id("swd.v4.rating.a_plus"));
  EXPECT_TRUE(is_valid_id("email.model.size-simple"));
  EXPECT_FALSE(is_valid_id("grid"));
  EXPECT_FALSE(is_valid_id("grid."));
  EXPECT_FALSE(is_valid_id(".grid"));
  EXPECT_FALSE(is_valid_id("grid.GWP"));
  EXPECT_FALSE(is_valid_id("grid gwp.x"));
  EXPECT_FALSE(is_valid_id("-grid.x"));
  EXPECT_FALSE(is_valid_id(""));
}

}  // namespace
}  // namespace numresp::factors
