#include "numresp/core/impact.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "numresp/testing/status_matchers.hpp"

namespace numresp {
namespace {

using ::numresp::testing::is_ok_and_holds;
using ::numresp::testing::status_is;
using ::testing::HasSubstr;
using units::co2e_mass;
using units::kg_co2e;

estimate<co2e_mass> kg(double v) { return estimate<co2e_mass>::exact(v * kg_co2e); }

TEST(Impact, NamesRoundTrip) {
  for (criterion c : all_criteria) EXPECT_THAT(parse_criterion(to_string(c)), is_ok_and_holds(c));
  for (phase p : all_phases) EXPECT_THAT(parse_phase(to_string(p)), is_ok_and_holds(p));
  EXPECT_EQ(to_string(criterion::adpe), "adpe");
  EXPECT_EQ(to_string(phase::end_of_life), "end_of_life");
  EXPECT_EQ(canonical_unit_symbol(criterion::gwp), "gCO2e");
  EXPECT_EQ(canonical_unit_symbol(criterion::water), "m3");
}

TEST(Impact, UnknownNamesListTheKnownOnes) {
  EXPECT_THAT(parse_criterion("co2"),
              status_is(absl::StatusCode::kNotFound, HasSubstr("\"co2\"; known criteria: gwp, adpe, pe, water")));
  EXPECT_THAT(parse_phase("embedded"), status_is(absl::StatusCode::kNotFound, HasSubstr("manufacture")));
}

TEST(Impact, EmbeddedIsEveryPhaseButUse) {
  EXPECT_TRUE(is_embedded(phase::manufacture));
  EXPECT_TRUE(is_embedded(phase::distribution));
  EXPECT_TRUE(is_embedded(phase::end_of_life));
  EXPECT_FALSE(is_embedded(phase::use));
}

TEST(PhaseBreakdown, TotalsSumAssessedPhases) {
  phase_breakdown<co2e_mass> b;
  EXPECT_FALSE(b.is_assessed());
  EXPECT_FALSE(b.total().has_value());
  b.set(phase::manufacture, kg(100.0));
  b.set(phase::use, kg(20.0));
  b.set(phase::end_of_life, kg(5.0));
  EXPECT_TRUE(b.has(phase::use));
  EXPECT_FALSE(b.has(phase::distribution));
  ASSERT_TRUE(b.total().has_value());
  EXPECT_DOUBLE_EQ(b.total()->value() / kg_co2e, 125.0);
  EXPECT_DOUBLE_EQ(b.embedded()->value() / kg_co2e, 105.0);
  b.clear(phase::use);
  EXPECT_DOUBLE_EQ(b.total()->value() / kg_co2e, 105.0);
}

TEST(PhaseBreakdown, SumIsStrict) {
  phase_breakdown<co2e_mass> a;
  a.set(phase::manufacture, kg(100.0));
  a.set(phase::use, kg(20.0));
  phase_breakdown<co2e_mass> b;
  b.set(phase::manufacture, kg(50.0));
  const auto s = a + b;
  EXPECT_DOUBLE_EQ(s[phase::manufacture]->value() / kg_co2e, 150.0);
  EXPECT_FALSE(s.has(phase::use)) << "a phase missing from one operand is missing from the sum";
}

TEST(PhaseBreakdown, ZeroIsTheIdentity) {
  phase_breakdown<co2e_mass> a;
  a.set(phase::manufacture, kg(100.0));
  a.set(phase::use, kg(20.0));
  EXPECT_EQ(phase_breakdown<co2e_mass>::zero() + a, a);
  EXPECT_TRUE(phase_breakdown<co2e_mass>::zero().has(phase::distribution));
}

TEST(PhaseBreakdown, ScalingKeepsBounds) {
  phase_breakdown<co2e_mass> a;
  a.set(phase::manufacture, *estimate<co2e_mass>::create(100.0 * kg_co2e, 80.0 * kg_co2e, 130.0 * kg_co2e));
  const auto s = a * 3.0;
  EXPECT_DOUBLE_EQ(s[phase::manufacture]->low() / kg_co2e, 240.0);
  EXPECT_DOUBLE_EQ(s[phase::manufacture]->high() / kg_co2e, 390.0);
}

TEST(ImpactTotal, FleetSumFromZero) {
  impact laptop;
  laptop.gwp.set(phase::manufacture, kg(156.0));
  laptop.gwp.set(phase::use, kg(7.0));
  laptop.adpe.set(phase::manufacture, estimate<units::sb_eq_mass>::exact(0.012 * units::kg_sb_eq));
  impact phone;
  phone.gwp.set(phase::manufacture, kg(30.0));
  phone.gwp.set(phase::use, kg(1.0));

  impact fleet = impact::zero();
  fleet += laptop * 10.0;
  EXPECT_TRUE(fleet.is_assessed(criterion::adpe));
  fleet += phone * 2.0;
  EXPECT_DOUBLE_EQ(fleet.gwp.total()->value() / kg_co2e, 10.0 * 163.0 + 2.0 * 31.0);
  EXPECT_FALSE(fleet.is_assessed(criterion::adpe)) << "phones have no ADPe figure";
  EXPECT_FALSE(fleet.is_assessed(criterion::water));
  EXPECT_EQ(impact::zero() + laptop, laptop);
}

}  // namespace
}  // namespace numresp
