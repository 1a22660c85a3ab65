#include "numresp/io/factor_overrides.hpp"

#include <cstdio>
#include <fstream>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "numresp/testing/status_matchers.hpp"

namespace numresp::io {
namespace {

using ::numresp::testing::is_ok;
using ::numresp::testing::status_is;
using ::testing::AllOf;
using ::testing::HasSubstr;

TEST(OverridesCsv, AllColumns) {
  auto o = parse_factor_overrides_csv(
      "id,value,unit,low,high,source,notes\n"
      "grid.gwp.fra,52,gCO2e/kWh,40,60,\"RTE, 2025\",annual mean\n"
      "grid.gwp.eu,0.3,,,,,\n",
      "o.csv");
  ASSERT_THAT(o, is_ok());
  ASSERT_EQ(o->size(), 2u);
  const auto& a = (*o)[0];
  EXPECT_EQ(a.id, "grid.gwp.fra");
  EXPECT_EQ(a.value, 52.0);
  EXPECT_EQ(*a.unit, "gCO2e/kWh");
  EXPECT_EQ(*a.low, 40.0);
  EXPECT_EQ(*a.high, 60.0);
  EXPECT_EQ(*a.source, "RTE, 2025");
  EXPECT_EQ(*a.notes, "annual mean");
  EXPECT_EQ(a.origin, "o.csv:2");
  const auto& b = (*o)[1];
  EXPECT_FALSE(b.unit.has_value());
  EXPECT_FALSE(b.low.has_value());
  EXPECT_EQ(b.origin, "o.csv:3");
}

TEST(OverridesCsv, Errors) {
  EXPECT_THAT(parse_factor_overrides_csv("id,valeur\nx.y,1\n", "o.csv"),
              status_is(absl::StatusCode::kInvalidArgument, HasSubstr("o.csv:1: unknown column 'valeur'")));
  EXPECT_THAT(parse_factor_overrides_csv("id,unit\nx.y,kg\n", "o.csv"),
              status_is(absl::StatusCode::kInvalidArgument, HasSubstr("needs the columns 'id' and 'value'")));
  EXPECT_THAT(
      parse_factor_overrides_csv("id,value\nx.y,1\nx.z,one\n", "o.csv"),
      status_is(absl::StatusCode::kInvalidArgument, HasSubstr("o.csv:3: x.z: field 'value' = \"one\": not a number")));
  EXPECT_THAT(parse_factor_overrides_csv("id,value,low,high\nx.y,1,0.5,high\n", "o.csv"),
              status_is(absl::StatusCode::kInvalidArgument, HasSubstr("o.csv:2: x.y: field 'high' = \"high\"")));
  EXPECT_THAT(parse_factor_overrides_csv("id,value\nx.y,\"1\n", "o.csv"),
              status_is(absl::StatusCode::kInvalidArgument, HasSubstr("unterminated")));
}

TEST(OverridesJson, NumbersAndObjects) {
  auto o = parse_factor_overrides_json(
      "{\n  \"grid.gwp.fra\": {\"value\": 52, \"unit\": \"gCO2e/kWh\", \"low\": 40, \"high\": 60,\n"
      "                   \"source\": \"RTE\"},\n  \"grid.gwp.eu\": 0.3\n}\n",
      "o.json");
  ASSERT_THAT(o, is_ok());
  ASSERT_EQ(o->size(), 2u);
  const auto& eu = (*o)[0].id == "grid.gwp.eu" ? (*o)[0] : (*o)[1];
  const auto& fra = (*o)[0].id == "grid.gwp.fra" ? (*o)[0] : (*o)[1];
  EXPECT_EQ(fra.value, 52.0);
  EXPECT_EQ(*fra.unit, "gCO2e/kWh");
  EXPECT_EQ(*fra.low, 40.0);
  EXPECT_EQ(*fra.source, "RTE");
  EXPECT_EQ(fra.origin, "o.json:2");
  EXPECT_EQ(eu.value, 0.3);
  EXPECT_EQ(eu.origin, "o.json:4");
}

TEST(OverridesJson, Errors) {
  EXPECT_THAT(parse_factor_overrides_json("{\n  \"a.b\": 1,\n  \"c.d\": \n}", "o.json"),
              status_is(absl::StatusCode::kInvalidArgument, HasSubstr("o.json:4: malformed JSON at byte offset")));
  EXPECT_THAT(parse_factor_overrides_json("[1, 2]", "o.json"),
              status_is(absl::StatusCode::kInvalidArgument, HasSubstr("expected a JSON object")));
  EXPECT_THAT(parse_factor_overrides_json("{\"a.b\": \"52\"}", "o.json"),
              status_is(absl::StatusCode::kInvalidArgument,
                        HasSubstr("o.json:1: a.b: field 'value' = \"52\": expected a number or an object")));
  EXPECT_THAT(parse_factor_overrides_json("{\"a.b\": {\"value\": \"52\"}}", "o.json"),
              status_is(absl::StatusCode::kInvalidArgument, HasSubstr("field 'value' = \"52\": expected a number")));
  EXPECT_THAT(parse_factor_overrides_json("{\"a.b\": {\"unit\": 3, \"value\": 1}}", "o.json"),
              status_is(absl::StatusCode::kInvalidArgument, HasSubstr("field 'unit' = 3: expected a string")));
  EXPECT_THAT(parse_factor_overrides_json("{\"a.b\": {\"valeur\": 1}}", "o.json"),
              status_is(absl::StatusCode::kInvalidArgument, HasSubstr("unknown field 'valeur'")));
  EXPECT_THAT(parse_factor_overrides_json("{\"a.b\": {\"unit\": \"kg\"}}", "o.json"),
              status_is(absl::StatusCode::kInvalidArgument, HasSubstr("field 'value' is missing")));
}

class OverrideFiles : public ::testing::Test {
 protected:
  std::string write(const std::string& name, const std::string& text) {
    const std::string path = ::testing::TempDir() + name;
    std::ofstream(path) << text;
    return path;
  }
};

TEST_F(OverrideFiles, AppliesFromCsvAndJson) {
  const auto& set = factors::default_set();
  auto from_csv = apply_factor_overrides(set, write("ov.csv", "id,value,unit\ngrid.gwp.fra,60,gCO2e/kWh\n"));
  ASSERT_THAT(from_csv, is_ok());
  EXPECT_EQ(from_csv->find("grid.gwp.fra")->value, 0.06);
  auto from_json = apply_factor_overrides(set, write("ov.json", "{\"grid.gwp.fra\": {\"value\": 0.07}}"));
  ASSERT_THAT(from_json, is_ok());
  EXPECT_EQ(from_json->find("grid.gwp.fra")->value, 0.07);
  EXPECT_EQ(set.find("grid.gwp.fra")->value, 0.0519);
}

TEST_F(OverrideFiles, BadFilesLeaveTheSetUnchanged) {
  const auto& set = factors::default_set();
  const std::string path = write("bad.csv", "id,value,unit\ngrid.gwp.fra,60,gCO2e/kWh\ngrid.gwp.fra,-5,\n");
  EXPECT_THAT(apply_factor_overrides(set, path),
              status_is(absl::StatusCode::kInvalidArgument,
                        AllOf(HasSubstr(path + ":3: grid.gwp.fra: field 'id'"), HasSubstr(path + ":3"))));
  EXPECT_EQ(set.find("grid.gwp.fra")->value, 0.0519);
  EXPECT_THAT(read_factor_overrides(write("ov.txt", "x")),
              status_is(absl::StatusCode::kInvalidArgument, HasSubstr("expected a .csv or .json file")));
  EXPECT_THAT(read_factor_overrides("/nonexistent/ov.json"), status_is(absl::StatusCode::kNotFound));
}

}  // namespace
}  // namespace numresp::io
