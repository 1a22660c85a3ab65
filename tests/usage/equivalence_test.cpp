// Tests of numresp/usage/equivalence.hpp: every equivalence against Impact CO2's published figure
// (tests/data/ademe/equivalences_golden.csv), the email claim's kilometres, older sets, bad inputs.
#include "numresp/usage/equivalence.hpp"

#include <fstream>
#include <limits>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "numresp/testing/status_matchers.hpp"

namespace numresp::usage {
namespace {

using ::numresp::testing::is_ok;
using ::numresp::testing::status_is;
using ::testing::AllOf;
using ::testing::DoubleNear;
using ::testing::HasSubstr;

struct published {
  std::string name;
  std::string impactco2_id;
  double kg = 0;
  std::string unit;
};

std::vector<published> load_published() {
  std::ifstream in(NUMRESP_TEST_DATA_DIR "/ademe/equivalences_golden.csv");
  EXPECT_TRUE(in.good());
  std::vector<published> rows;
  std::string line;
  bool header = true;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    if (header) {
      header = false;
      continue;
    }
    std::vector<std::string> f;
    std::stringstream ss(line);
    std::string field;
    while (std::getline(ss, field, ',')) f.push_back(field);
    EXPECT_EQ(f.size(), 5u) << line;
    if (f.size() == 5) rows.push_back({f[0], f[1], std::stod(f[2]), f[3]});
  }
  return rows;
}

TEST(usage_equivalence, EveryNameMatchesImpactCo2) {
  const std::vector<published> rows = load_published();
  ASSERT_EQ(rows.size(), equivalences().size());
  for (const published& p : rows) {
    SCOPED_TRACE(p.name + " / " + p.impactco2_id);
    absl::StatusOr<const equivalence*> e = find_equivalence(p.name);
    ASSERT_THAT(e, is_ok());
    EXPECT_EQ((*e)->unit, p.unit);
    absl::StatusOr<double> one = equivalent(p.kg * units::kg_co2e, p.name);
    ASSERT_THAT(one, is_ok());
    EXPECT_NEAR(*one, 1.0, 1e-12);
  }
}

TEST(usage_equivalence, NamesAreUniqueAndFactorsExist) {
  std::set<std::string> seen;
  for (const equivalence& e : equivalences()) {
    EXPECT_TRUE(seen.insert(std::string(e.name)).second) << e.name;
    EXPECT_NE(factors::default_set().find(e.factor_id), nullptr) << e.factor_id;
    EXPECT_THAT(factors::default_set().get_in(e.factor_id, e.factor_unit), is_ok()) << e.name;
  }
  EXPECT_THAT(find_equivalence("walking_km"), status_is(absl::StatusCode::kNotFound))
      << "walking is 0 g/km: no distance is equivalent";
}

TEST(usage_equivalence, TheEmailClaimInKilometres) {
  // research/factors.md §2: 7,300 emails a year at 1.94 / 3.00 / 2.46 g = 99 / 154 / 126 km at 0.142 kg/km.
  EXPECT_THAT(equivalent(7300 * 1.9364 * units::gram_co2e, "car_km"),
              ::numresp::testing::is_ok_and_holds(DoubleNear(99.37, 0.01)));
  EXPECT_THAT(equivalent(7300 * 3.0020 * units::gram_co2e, "car_km"),
              ::numresp::testing::is_ok_and_holds(DoubleNear(154.05, 0.01)));
  EXPECT_THAT(equivalent(7300 * 2.46181262 * units::gram_co2e, "car_km"),
              ::numresp::testing::is_ok_and_holds(DoubleNear(126.33, 0.01)));
  absl::StatusOr<units::length> d = distance_equivalent(142.25341222954335 * units::gram_co2e, "car_km");
  ASSERT_THAT(d, is_ok());
  EXPECT_NEAR(*d / units::kilometre, 1.0, 1e-12);
}

TEST(usage_equivalence, HandComputed) {
  // 1 kg CO2e: 1000 / 2.93 km by TGV; 1000 / 122.42 km by diesel bus; 1 / 4.97 beef meals.
  EXPECT_NEAR(*equivalent(1.0 * units::kg_co2e, "tgv_km"), 1000 / 2.93, 1e-9);
  EXPECT_NEAR(*equivalent(1.0 * units::kg_co2e, "bus_km"), 1000 / 122.42, 1e-9);
  EXPECT_NEAR(*equivalent(1.0 * units::kg_co2e, "beef_meals"), 1 / 4.97, 1e-12);
  EXPECT_NEAR(*equivalent(1.0 * units::kg_co2e, "plane_km"), 1 / 0.184661, 1e-9);
  EXPECT_NEAR(*equivalent(1.0 * units::kg_co2e, "electric_car_km"), 1 / 0.06736526222954337, 1e-9);
  EXPECT_NEAR(*equivalent(9.1 * units::tonne_co2e, "french_footprint_years"), 1.0, 1e-12);
  EXPECT_NEAR(*equivalent(-1.0 * units::kg_co2e, "car_km"), -1000 / 142.25341222954335, 1e-9)
      << "a saving gives a negative distance";
}

TEST(usage_equivalence, OlderSetsReproduceOlderTexts) {
  // ademe-2022 and ademe-2024 carry Impact CO2's 2022-2026 car: 0.2176 kg CO2e/km.
  for (const char* name : {"ademe-2022", "ademe-2024"}) {
    absl::StatusOr<double> km = equivalent(217.6 * units::kg_co2e, "car_km", factors::get_set(name)->get());
    ASSERT_THAT(km, is_ok());
    EXPECT_NEAR(*km, 1000, 1e-9) << name;
  }
  EXPECT_THAT(equivalent(1.0 * units::kg_co2e, "laptops", factors::get_set("ademe-2022")->get()),
              status_is(absl::StatusCode::kNotFound, HasSubstr("equivalence.laptop")));
}

TEST(usage_equivalence, Bulk) {
  const std::vector<double> g = {0, 142.25341222954335, -284.5068244590867};
  std::vector<double> out(3);
  ASSERT_THAT(equivalent(g, "car_km", factors::default_set(), absl::MakeSpan(out)), is_ok());
  EXPECT_NEAR(out[0], 0, 1e-15);
  EXPECT_NEAR(out[1], 1, 1e-12);
  EXPECT_NEAR(out[2], -2, 1e-12);
  const std::vector<double> bad = {1, std::numeric_limits<double>::infinity()};
  std::vector<double> out2(2);
  EXPECT_THAT(equivalent(bad, "car_km", factors::default_set(), absl::MakeSpan(out2)),
              status_is(absl::StatusCode::kInvalidArgument, HasSubstr("grams[1] = inf")));
  EXPECT_THAT(equivalent(g, "car_km", factors::default_set(), absl::MakeSpan(out2)),
              status_is(absl::StatusCode::kInvalidArgument, HasSubstr("room for 2")));
  EXPECT_THAT(equivalent(g, "horse_km", factors::default_set(), absl::MakeSpan(out)),
              status_is(absl::StatusCode::kNotFound, HasSubstr("horse_km")));
}

TEST(usage_equivalence, BadInputs) {
  EXPECT_THAT(equivalent(1.0 * units::kg_co2e, "horse_km"),
              status_is(absl::StatusCode::kNotFound, AllOf(HasSubstr("equivalence = \"horse_km\""), HasSubstr("car_km"),
                                                           HasSubstr("tgv_km"), HasSubstr("beef_meals"))));
  EXPECT_THAT(equivalent(std::numeric_limits<double>::quiet_NaN() * units::gram_co2e, "car_km"),
              status_is(absl::StatusCode::kInvalidArgument, HasSubstr("grams = nan")));
  EXPECT_THAT(distance_equivalent(1.0 * units::kg_co2e, "beef_meals"),
              status_is(absl::StatusCode::kInvalidArgument, HasSubstr("not a distance")));
  factors::factor_override zero;
  zero.id = "equivalence.car_thermal";
  zero.value = 0;
  zero.origin = "test";
  absl::StatusOr<factors::factor_set> set = factors::default_set().with_overrides({zero});
  ASSERT_THAT(set, is_ok());
  EXPECT_THAT(equivalent(1.0 * units::kg_co2e, "car_km", *set),
              status_is(absl::StatusCode::kInvalidArgument, HasSubstr("equivalence.car_thermal is 0")));
}

}  // namespace
}  // namespace numresp::usage
