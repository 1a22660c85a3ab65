#include "numresp/factors/factor_set.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "numresp/testing/status_matchers.hpp"

namespace numresp::factors {
namespace {

using ::numresp::testing::is_ok;
using ::numresp::testing::is_ok_and_holds;
using ::numresp::testing::status_is;
using ::testing::AllOf;
using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::Not;

const factor_set& ademe() { return default_set(); }

TEST(BuiltinSets, NamesDefaultFirst) {
  const std::vector<std::string> names = set_names();
  ASSERT_FALSE(names.empty());
  EXPECT_EQ(names.front(), "ademe-2025");
  EXPECT_EQ(default_set_name(), "ademe-2025");
  for (const char* expected : {"ademe-2025", "boavizta-2.4.1", "swd-v4", "swd-v3", "onebyte"}) {
    EXPECT_THAT(names, Contains(expected));
  }
  EXPECT_EQ(ademe().name(), "ademe-2025");
  EXPECT_FALSE(ademe().description().empty());
}

TEST(BuiltinSets, EveryRowIsSourced) {
  for (const std::string& name : set_names()) {
    auto set = get_set(name);
    ASSERT_THAT(set, is_ok());
    const factor_set& s = *set;
    EXPECT_GT(s.size(), 0u) << name;
    for (const factor& f : s) {
      EXPECT_FALSE(f.source.empty()) << name << " " << f.id;
      EXPECT_FALSE(f.source_url.empty()) << name << " " << f.id;
      EXPECT_FALSE(f.unit.empty()) << name << " " << f.id;
      EXPECT_FALSE(f.licence.empty()) << name << " " << f.id;
      EXPECT_GE(f.year, 1990) << name << " " << f.id;
      EXPECT_TRUE(std::isfinite(f.value) && f.value >= 0) << name << " " << f.id;
      EXPECT_EQ(s.find(f.id), &f);
    }
  }
}

TEST(BuiltinSets, UnknownSetListsTheKnownOnes) {
  EXPECT_THAT(get_set("ademe-2030"),
              status_is(absl::StatusCode::kNotFound,
                        AllOf(HasSubstr("\"ademe-2030\""), HasSubstr("ademe-2025"), HasSubstr("swd-v4"))));
}

TEST(FactorSet, FrenchGridIsTypedAndConverts) {
  auto grid = ademe().get<units::carbon_intensity>("grid.gwp.fra");
  ASSERT_THAT(grid, is_ok());
  EXPECT_DOUBLE_EQ(units::value_in(*grid, units::kg_co2e / units::kilowatt_hour), 0.0519);
  EXPECT_THAT(ademe().get_in("grid.gwp.fra", "gCO2e/kWh"), is_ok_and_holds(51.9));
  EXPECT_THAT(ademe().get_in("grid.gwp.fra", "kgCO2e/MWh"), is_ok_and_holds(51.9));
}

TEST(FactorSet, WrongQuantityTypeNamesBothDimensions) {
  EXPECT_THAT(ademe().get<units::energy>("grid.gwp.fra"),
              status_is(absl::StatusCode::kInvalidArgument,
                        HasSubstr("\"grid.gwp.fra\" is in kgCO2e/kWh (CO2e mass / energy), not in a unit of energy")));
  EXPECT_THAT(ademe().get_number("grid.gwp.fra"), status_is(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(ademe().get_in("grid.gwp.fra", "kWh"), status_is(absl::StatusCode::kInvalidArgument));
}

TEST(FactorSet, UnknownIdSuggestsTheClosest) {
  EXPECT_THAT(
      ademe().lookup("grid.gwp.frx"),
      status_is(absl::StatusCode::kNotFound, AllOf(HasSubstr("unknown factor id \"grid.gwp.frx\" in set ademe-2025"),
                                                   HasSubstr("closest known ids: grid.gwp.fra"))));
  EXPECT_EQ(ademe().find("grid.gwp.frx"), nullptr);
}

TEST(FactorSet, Licences) {
  const std::vector<std::string> l = ademe().licences();
  ASSERT_FALSE(l.empty());
  EXPECT_TRUE(std::is_sorted(l.begin(), l.end()));
  EXPECT_EQ(std::adjacent_find(l.begin(), l.end()), l.end());
  auto swd = get_set("swd-v4");
  ASSERT_THAT(swd, is_ok());
  EXPECT_THAT(swd->get().licences(), Contains("CC-BY-SA-4.0")) << "Ember grid intensities";
}

TEST(FactorSet, SwdSetsCarryGridIntensities) {
  for (const char* name : {"swd-v4", "swd-v3", "onebyte"}) {
    auto set = get_set(name);
    ASSERT_THAT(set, is_ok());
    auto fra = set->get().get_in("grid.gwp.fra", "gCO2e/kWh");
    ASSERT_THAT(fra, is_ok()) << name;
    EXPECT_GT(*fra, 10.0);
    EXPECT_LT(*fra, 100.0);
  }
}

TEST(FactorSet, CreateRejectsDuplicateIds) {
  auto f = default_set().factors().front();
  EXPECT_THAT(factor_set::create("mine", "test", {f, f}),
              status_is(absl::StatusCode::kInvalidArgument, HasSubstr("appears twice")));
}

factor_override make(std::string id, double value) {
  factor_override o;
  o.id = std::move(id);
  o.value = value;
  o.origin = "test:1";
  return o;
}

TEST(Overrides, ConvertIntoTheFactorsUnitAndLeaveTheOriginalAlone) {
  factor_override o = make("grid.gwp.fra", 52.0);
  o.unit = "g CO2e/kWh";
  o.source = "RTE eco2mix 2025";
  auto changed = ademe().with_overrides({o});
  ASSERT_THAT(changed, is_ok());
  const factor* f = changed->find("grid.gwp.fra");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->value, 0.052) << "52 g → 0.052 kg, correctly rounded";
  EXPECT_EQ(f->unit, "kgCO2e/kWh");
  EXPECT_EQ(f->source, "RTE eco2mix 2025");
  EXPECT_EQ(f->licence, "user-provided");
  EXPECT_THAT(f->notes, HasSubstr("replaces 0.0519 kgCO2e/kWh"));
  EXPECT_EQ(changed->size(), ademe().size());
  EXPECT_EQ(ademe().find("grid.gwp.fra")->value, 0.0519) << "the original set is unchanged";
  EXPECT_THAT(changed->licences(), Contains("user-provided"));
}

TEST(Overrides, BoundsAreTheOverridesOwn) {
  factor_override o = make("grid.gwp.fra", 0.06);
  o.low = 0.05;
  o.high = 0.08;
  auto changed = ademe().with_overrides({o});
  ASSERT_THAT(changed, is_ok());
  auto e = changed->get_estimate<units::carbon_intensity>("grid.gwp.fra");
  ASSERT_THAT(e, is_ok());
  const auto per_kwh = units::kg_co2e / units::kilowatt_hour;
  EXPECT_DOUBLE_EQ(units::value_in(e->low(), per_kwh), 0.05);
  EXPECT_DOUBLE_EQ(units::value_in(e->value(), per_kwh), 0.06);
  EXPECT_DOUBLE_EQ(units::value_in(e->high(), per_kwh), 0.08);
  auto exact = ademe().get_estimate<units::carbon_intensity>("grid.gwp.fra");
  ASSERT_THAT(exact, is_ok());
  EXPECT_TRUE(exact->is_exact());
}

TEST(Overrides, UnknownIdIsNotFoundWithSuggestions) {
  EXPECT_THAT(ademe().with_overrides({make("grid.gwp.france", 0.05)}),
              status_is(absl::StatusCode::kNotFound,
                        AllOf(HasSubstr("test:1: unknown factor id \"grid.gwp.france\""), HasSubstr("grid.gwp.fra"))));
}

TEST(Overrides, EachKindOfBadValue) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  auto with_unit = [](factor_override o, std::string unit) {
    o.unit = std::move(unit);
    return o;
  };
  auto with_bounds = [](factor_override o, std::optional<double> low, std::optional<double> high) {
    o.low = low;
    o.high = high;
    return o;
  };
  struct bad {
    factor_override o;
    std::string message;
  };
  const std::vector<bad> cases = {
      {make("grid.gwp.fra", -1.0), "test:1: grid.gwp.fra: field 'value' = -1: must be a finite number >= 0"},
      {make("grid.gwp.fra", nan), "field 'value' = nan"},
      {make("grid.gwp.fra", inf), "field 'value' = inf"},
      {with_unit(make("grid.gwp.fra", 1.0), "kgCO3e/kWh"),
       "field 'unit' = \"kgCO3e/kWh\": unit \"kgCO3e/kWh\": unknown symbol"},
      {with_unit(make("grid.gwp.fra", 1.0), "kWh"),
       "field 'unit' = \"kWh\": a unit of energy, but the factor is in kgCO2e/kWh"},
      {with_bounds(make("grid.gwp.fra", 0.05), 0.06, 0.07), "field 'low' = 0.06: greater than value 0.05"},
      {with_bounds(make("grid.gwp.fra", 0.05), 0.01, 0.04), "field 'high' = 0.04: less than value 0.05"},
      {with_bounds(make("grid.gwp.fra", 0.05), 0.01, std::nullopt), "field 'high': low and high are given together"},
      {with_bounds(make("grid.gwp.fra", 0.05), std::nullopt, 0.1), "field 'low': low and high are given together"},
      {with_bounds(make("grid.gwp.fra", 0.05), nan, 0.1), "field 'low' = nan: must be a finite number"},
  };
  for (const bad& c : cases) {
    EXPECT_THAT(ademe().with_overrides({c.o}), status_is(absl::StatusCode::kInvalidArgument, HasSubstr(c.message)))
        << c.message;
  }
}

TEST(Overrides, AllOrNothingAndEveryErrorListed) {
  factor_override good = make("grid.gwp.fra", 0.06);
  factor_override bad1 = make("grid.gwp.fra", 0.07);  // the same id twice
  bad1.origin = "test:2";
  factor_override bad2 = make("grid.gwp.fr", 0.07);
  bad2.origin = "test:3";
  auto result = ademe().with_overrides({good, bad1, bad2});
  EXPECT_THAT(
      result,
      status_is(
          absl::StatusCode::kInvalidArgument,
          AllOf(HasSubstr("2 invalid overrides, none applied"),
                HasSubstr("test:2: grid.gwp.fra: field 'id' = \"grid.gwp.fra\": overridden twice (also at test:1)"),
                HasSubstr("test:3: unknown factor id \"grid.gwp.fr\""))));
  EXPECT_EQ(ademe().find("grid.gwp.fra")->value, 0.0519);
  EXPECT_THAT(ademe().with_overrides({}), is_ok());
}

}  // namespace
}  // namespace numresp::factors
