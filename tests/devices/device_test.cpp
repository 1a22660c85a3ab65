// Tests of numresp/devices/device.hpp: archetypes of both table shapes, BoaviztAPI's own test
// assertions (tests/api/test_terminals_peripherals.py, on its test data), hand computations,
// criteria a set cannot provide, typed results and every bad input.
#include "numresp/devices/device.hpp"

#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "numresp/devices/rounding.hpp"
#include "numresp/testing/status_matchers.hpp"

namespace numresp::devices {
namespace {

using ::numresp::testing::is_ok;
using ::numresp::testing::status_is;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

// A query (designated initialisers are C++20; the library builds as C++17).
device_query query(std::string kind, std::string variant = "", std::optional<std::string> location = std::nullopt,
                   std::optional<double> duration = std::nullopt) {
  device_query q;
  q.kind = std::move(kind);
  q.variant = std::move(variant);
  q.location = std::move(location);
  q.duration_hours = duration;
  return q;
}

std::shared_ptr<const catalog> boavizta() {
  absl::StatusOr<std::shared_ptr<const catalog>> c = catalog::builtin("boavizta-2.4.1");
  EXPECT_THAT(c, is_ok());
  return *c;
}

std::shared_ptr<const catalog> ademe() {
  absl::StatusOr<std::shared_ptr<const catalog>> c = catalog::builtin("ademe-2025");
  EXPECT_THAT(c, is_ok());
  return *c;
}

// BoaviztAPI's tests run on tests/data, whose electricity data differs from production in five
// numbers (research/boavizta.md §2.2): the same catalog with those overrides.
std::shared_ptr<const catalog> boavizta_test_data() {
  const factors::factor_set& prod = boavizta()->set();
  auto o = [](std::string id, double v) {
    factors::factor_override x;
    x.id = std::move(id);
    x.value = v;
    x.origin = "BoaviztAPI tests/data/factors.yml";
    return x;
  };
  absl::StatusOr<factors::factor_set> test = prod.with_overrides(
      {o("grid.gwp.range_max", 0.9), o("grid.adpe.range_min", 1.32e-08), o("grid.adpe.range_max", 2.656e-07),
       o("grid.adpe.eee", 6.42e-08), o("grid.pe.eee", 12.874)});
  EXPECT_THAT(test, is_ok());
  absl::StatusOr<catalog> c = catalog::create(*test);
  EXPECT_THAT(c, is_ok());
  return std::make_shared<const catalog>(*c);
}

// The displayed figure, as BoaviztAPI's JSON shows it.
void expect_displayed(const std::optional<estimate<double>>& f, double value, double min, double max) {
  ASSERT_TRUE(f.has_value());
  absl::StatusOr<boaviztapi::rounded> r = boaviztapi::round_impact(f->value(), f->low(), f->high());
  ASSERT_THAT(r, is_ok());
  EXPECT_EQ(r->value, value);
  EXPECT_EQ(r->min, min);
  EXPECT_EQ(r->max, max);
}

TEST(devices_catalog, BoaviztaKindsVariantsAndDefaults) {
  auto c = boavizta();
  EXPECT_THAT(c->kinds(),
              ElementsAre("box", "desktop", "external_hdd", "external_ssd", "iot_device", "laptop", "monitor",
                          "smartphone", "tablet", "television", "usb_stick", "vr_controller", "vr_headset"));
  EXPECT_THAT(*c->variants("laptop"), ElementsAre("pro", "perso"));
  EXPECT_THAT(*c->variants("television"), ElementsAre("pro", "perso"));
  EXPECT_THAT(*c->variants("vr_headset"), ElementsAre("lcd", "oled"));
  EXPECT_EQ(c->default_location(), "EEE");
  EXPECT_THAT(c->locations(), Contains("FRA"));
  EXPECT_THAT(c->locations(), Contains("WOR"));
  EXPECT_EQ(c->locations().size(), 139u);
  // An upstream archetype id is accepted as the variant.
  absl::StatusOr<std::size_t> tv = c->find("television", "tv-perso");
  ASSERT_THAT(tv, is_ok());
  EXPECT_EQ(c->archetypes()[*tv].variant, "perso");
}

TEST(devices_catalog, AdemeKindsAndDefaults) {
  auto c = ademe();
  EXPECT_EQ(c->default_location(), "FRA");
  EXPECT_THAT(c->locations(), ElementsAre("CHN", "EEE", "FRA", "USA"));
  EXPECT_THAT(*c->variants("desktop"), ElementsAre("pro", "perso"));
  EXPECT_THAT(c->kinds(), Contains("smartphone"));
  EXPECT_THAT(c->kinds(), Contains("vr_headset"));
  EXPECT_THAT(c->kinds(), Contains("external_hdd"));
}

TEST(devices_catalog, UnknownNamesListTheKnownOnes) {
  auto c = boavizta();
  EXPECT_THAT(c->find("fridge"), status_is(absl::StatusCode::kNotFound, HasSubstr("known kinds: box, desktop")));
  EXPECT_THAT(c->find("laptop", "gaming"),
              status_is(absl::StatusCode::kNotFound, HasSubstr("known variants: pro, perso")));
  EXPECT_THAT(c->find_location("XYZ"), status_is(absl::StatusCode::kNotFound, HasSubstr("known locations: ")));
  EXPECT_THAT(*c->find_location(" fra "), c->find_location("FRA").value());
  EXPECT_THAT(catalog::builtin("nope"), status_is(absl::StatusCode::kNotFound));
  // IoT devices exist in BoaviztAPI's set only.
  EXPECT_THAT(evaluate(query("iot_device")), status_is(absl::StatusCode::kNotFound, HasSubstr("ademe-2025")));
}

// tests/api/test_terminals_peripherals.py::test_smartphone (verbose, default criteria).
TEST(devices_boaviztapi_upstream, SmartphoneDefaultCriteria) {
  auto c = boavizta_test_data();
  absl::StatusOr<device_result> r = evaluate(*c, query("smartphone"));
  ASSERT_THAT(r, is_ok());
  EXPECT_EQ(r->duration_hours, 21900.0);
  EXPECT_FALSE(r->location_given);
  expect_displayed(r->at(criterion::gwp).embedded, 84.0, 84.0, 84.0);
  expect_displayed(r->at(criterion::gwp).use, 2.0, 0.07555, 17.74);
  // adp's use phase uses the adpe electricity factor.
  expect_displayed(r->at(criterion::adpe).use, 4e-07, 4.336e-08, 5.235e-06);
  expect_displayed(r->at(criterion::pe).use, 80.0, 0.0427, 9227.0);
  EXPECT_FALSE(r->at(criterion::pe).embedded.has_value());
  EXPECT_THAT(r->at(criterion::pe).embedded_missing, HasSubstr("not implemented"));
}

// test_box (criteria=adpe).
TEST(devices_boaviztapi_upstream, BoxAdpe) {
  absl::StatusOr<device_result> r = evaluate(*boavizta_test_data(), query("box"));
  ASSERT_THAT(r, is_ok());
  EXPECT_EQ(r->duration_hours, 43800.0);
  EXPECT_EQ(r->use_time_ratio, 1.0);
  expect_displayed(r->at(criterion::adpe).embedded, 4.41e-05, 4.41e-05, 4.41e-05);
  expect_displayed(r->at(criterion::adpe).use, 3e-05, 2.891e-06, 0.0002327);
}

// test_television_perso (archetype=tv-perso, criteria=adpe).
TEST(devices_boaviztapi_upstream, TelevisionPersoAdpe) {
  absl::StatusOr<device_result> r = evaluate(*boavizta_test_data(), query("television", "tv-perso"));
  ASSERT_THAT(r, is_ok());
  EXPECT_EQ(r->duration_hours, 70080.0);
  expect_displayed(r->at(criterion::adpe).embedded, 0.0383, 0.0383, 0.0383);
  expect_displayed(r->at(criterion::adpe).use, 0.0004, 1.665e-05, 0.006701);
}

// test_television_perso_duration (duration=1, criteria=gwp).
TEST(devices_boaviztapi_upstream, TelevisionPersoOneHour) {
  absl::StatusOr<device_result> r = evaluate(*boavizta_test_data(), query("television", "perso", std::nullopt, 1.0));
  ASSERT_THAT(r, is_ok());
  expect_displayed(r->at(criterion::gwp).embedded, 0.005137, 0.005137, 0.005137);
  EXPECT_EQ(r->at(criterion::gwp).embedded->value(), 360.0 * (1.0 / 70080.0));
  expect_displayed(r->at(criterion::gwp).use, 0.03, 0.000414, 0.324);
}

// tests/unit/dto/test_use.py: 1 W for 8760 h in FRA = 1 kWh at 0.098 kgCO2e, 11.289 MJ,
// 4.858e-08 kgSbeq (a server there; the use formula is the same).
TEST(devices_boaviztapi_upstream, OneKilowattHourInFrance) {
  device_query q = query("laptop", "", "FRA", 8760.0);
  q.usage.power_w = 1.0;
  q.usage.use_time_ratio = 1.0;
  absl::StatusOr<device_result> r = evaluate(*boavizta(), q);
  ASSERT_THAT(r, is_ok());
  expect_displayed(r->at(criterion::gwp).use, 0.8585, 0.8585, 0.8585);
  expect_displayed(r->at(criterion::pe).use, 98.89, 98.89, 98.89);
  expect_displayed(r->at(criterion::adpe).use, 4.256e-07, 4.256e-07, 4.256e-07);
}

TEST(devices_evaluate, BoaviztaLaptopByHand) {
  absl::StatusOr<device_result> r = evaluate(query("laptop"), "boavizta-2.4.1");
  ASSERT_THAT(r, is_ok());
  EXPECT_EQ(r->variant, "pro");
  EXPECT_EQ(r->upstream_id, "laptop-pro");
  EXPECT_EQ(r->location, "EEE");
  EXPECT_EQ(r->lifetime_hours, 35040.0);
  EXPECT_EQ(r->allocation, 1.0);
  const criterion_result& gwp = r->at(criterion::gwp);
  EXPECT_EQ(*gwp.embedded, estimate<double>::exact(181.0));
  EXPECT_EQ(gwp.use->value(), 0.38 * (75.0 / 1000) * 0.3 * 35040.0);
  EXPECT_EQ(gwp.use->low(), 0.023 * (50.0 / 1000) * 0.3 * 35040.0);
  EXPECT_EQ(gwp.use->high(), 1.13161 * (100.0 / 1000) * 0.3 * 35040.0);
  // A country given: exact electricity factor.
  absl::StatusOr<device_result> fra = evaluate(query("laptop", "", "fra"), "boavizta-2.4.1");
  ASSERT_THAT(fra, is_ok());
  EXPECT_TRUE(fra->location_given);
  EXPECT_EQ(fra->at(criterion::gwp).use->low(), 0.098 * (50.0 / 1000) * 0.3 * 35040.0);
  // EEE spelled out is the default (BoaviztAPI resets it), with the global range.
  absl::StatusOr<device_result> eee = evaluate(query("laptop", "", "EEE"), "boavizta-2.4.1");
  ASSERT_THAT(eee, is_ok());
  EXPECT_FALSE(eee->location_given);
  EXPECT_EQ(*eee->at(criterion::gwp).use, *gwp.use);
}

TEST(devices_evaluate, AllocationIsCappedAtOne) {
  absl::StatusOr<device_result> half = evaluate(query("laptop", "", std::nullopt, 17520.0), "boavizta-2.4.1");
  absl::StatusOr<device_result> twice = evaluate(query("laptop", "", std::nullopt, 70080.0), "boavizta-2.4.1");
  ASSERT_THAT(half, is_ok());
  ASSERT_THAT(twice, is_ok());
  EXPECT_EQ(half->at(criterion::gwp).embedded->value(), 90.5);
  EXPECT_EQ(twice->at(criterion::gwp).embedded->value(), 181.0);
  // The use phase keeps growing with the duration.
  EXPECT_EQ(twice->at(criterion::gwp).use->value(), 4 * half->at(criterion::gwp).use->value());
}

TEST(devices_evaluate, UsageOverridesAreExact) {
  device_query q = query("laptop", "", "FRA", 8760.0);
  q.usage.power_w = 60.0;
  q.usage.use_time_ratio = 0.5;
  q.usage.lifetime_hours = 43800.0;
  q.usage.electricity_factor[static_cast<std::size_t>(criterion::gwp)] = 0.05;
  absl::StatusOr<device_result> r = evaluate(q, "boavizta-2.4.1");
  ASSERT_THAT(r, is_ok());
  EXPECT_EQ(*r->at(criterion::gwp).use, estimate<double>::exact(0.05 * (60.0 / 1000) * 0.5 * 8760.0));
  EXPECT_EQ(*r->at(criterion::gwp).embedded, estimate<double>::exact(181.0 * (8760.0 / 43800.0)));
  // Other criteria keep the location's factor.
  EXPECT_EQ(r->at(criterion::pe).use->value(), 11.289 * (60.0 / 1000) * 0.5 * 8760.0);
}

TEST(devices_evaluate, AdemeLaptopPhasesAndWater) {
  absl::StatusOr<device_result> r = evaluate(query("laptop", "", std::nullopt, 8760.0));
  ASSERT_THAT(r, is_ok());
  EXPECT_EQ(r->factor_set, "ademe-2025");
  EXPECT_EQ(r->location, "FRA");
  EXPECT_EQ(r->lifetime_hours, 5 * 8760.0);
  const criterion_result& gwp = r->at(criterion::gwp);
  EXPECT_NEAR(gwp.embedded->value(), (170 + 12.3 + 2.79) / 5, 1e-12);
  EXPECT_NEAR(gwp.embedded_phases[static_cast<std::size_t>(phase::manufacture)]->value(), 170.0 / 5, 1e-12);
  EXPECT_NEAR(gwp.embedded_phases[static_cast<std::size_t>(phase::end_of_life)]->value(), 2.79 / 5, 1e-12);
  // ADEME's own yearly use figure: 26.5 W × 3 h/day × 365 days × 0.0519 kg/kWh.
  EXPECT_NEAR(gwp.use->value(), 1.50600825, 1e-12);
  // Water: Base Empreinte's indicator, litres → m3, manufacture + distribution.
  EXPECT_NEAR(r->at(criterion::water).embedded->value(), (194000 + 51.6) / 1000.0 / 5, 1e-12);
  EXPECT_FALSE(r->at(criterion::water).use.has_value());
  EXPECT_THAT(r->at(criterion::water).use_missing, HasSubstr("electricity factor"));
  EXPECT_THAT(r->warnings, Contains(HasSubstr("scarcity-weighted")));
  // ADPe and primary energy: said, not zero.
  EXPECT_FALSE(r->at(criterion::adpe).embedded.has_value());
  EXPECT_THAT(r->at(criterion::adpe).embedded_missing, HasSubstr("climate and water figures only"));
  EXPECT_FALSE(r->at(criterion::adpe).total().has_value());
}

TEST(devices_evaluate, BoaviztaHasNoWaterAndSaysWhy) {
  absl::StatusOr<device_result> r = evaluate(query("smartphone"), "boavizta-2.4.1");
  ASSERT_THAT(r, is_ok());
  EXPECT_FALSE(r->at(criterion::water).embedded.has_value());
  EXPECT_THAT(r->at(criterion::water).embedded_missing, HasSubstr("#548"));
}

TEST(devices_evaluate, IotDroneMatchesUpstreamTest) {
  // tests/api/test_iot.py: drone_mini gwp embedded 15.37, use not implemented.
  absl::StatusOr<device_result> r = evaluate(query("iot_device", "drone_mini"), "boavizta-2.4.1");
  ASSERT_THAT(r, is_ok());
  expect_displayed(r->at(criterion::gwp).embedded, 15.37, 15.37, 15.37);
  EXPECT_FALSE(r->at(criterion::gwp).use.has_value());
  EXPECT_THAT(r->at(criterion::gwp).use_missing, HasSubstr("average power"));
  // With a power given, the use phase is computed.
  device_query q = query("iot_device", "drone_mini", "FRA");
  q.usage.power_w = 2.0;
  absl::StatusOr<device_result> powered = evaluate(q, "boavizta-2.4.1");
  ASSERT_THAT(powered, is_ok());
  EXPECT_EQ(powered->at(criterion::gwp).use->value(), 0.098 * (2.0 / 1000) * 1.0 * 35040.0);
}

TEST(devices_evaluate, TypedResults) {
  absl::StatusOr<device_result> r = evaluate(query("laptop"), "boavizta-2.4.1");
  ASSERT_THAT(r, is_ok());
  auto gwp = r->get<criterion::gwp>(device_phase::embedded);
  ASSERT_TRUE(gwp.has_value());
  EXPECT_DOUBLE_EQ(gwp->value() / units::gram_co2e, 181000.0);
  auto pe = r->get<criterion::pe>(device_phase::use);
  ASSERT_TRUE(pe.has_value());
  EXPECT_DOUBLE_EQ(pe->value() / units::megajoule, r->at(criterion::pe).use->value());
  EXPECT_FALSE(r->get<criterion::water>(device_phase::embedded).has_value());
}

TEST(devices_evaluate, BadInputNamesTheField) {
  const auto bad = [](device_query q) { return evaluate(q, "boavizta-2.4.1"); };
  EXPECT_THAT(
      bad(query("laptop", "", std::nullopt, -1.0)),
      status_is(absl::StatusCode::kInvalidArgument, HasSubstr("duration_hours must be finite and >= 0; got -1")));
  EXPECT_THAT(bad(query("laptop", "", std::nullopt, std::nan(""))),
              status_is(absl::StatusCode::kInvalidArgument, HasSubstr("duration_hours")));
  device_query power = query("laptop");
  power.usage.power_w = -5.0;
  EXPECT_THAT(bad(power), status_is(absl::StatusCode::kInvalidArgument, HasSubstr("usage.power_w")));
  device_query life = query("laptop");
  life.usage.lifetime_hours = 0.0;
  EXPECT_THAT(bad(life), status_is(absl::StatusCode::kInvalidArgument, HasSubstr("usage.lifetime_hours")));
  device_query ratio = query("laptop");
  ratio.usage.use_time_ratio = 1.5;
  EXPECT_THAT(bad(ratio), status_is(absl::StatusCode::kInvalidArgument, HasSubstr("usage.use_time_ratio")));
  device_query grid = query("laptop");
  grid.usage.electricity_factor[0] = -0.1;
  EXPECT_THAT(bad(grid), status_is(absl::StatusCode::kInvalidArgument, HasSubstr("electricity_factor.gwp")));
  EXPECT_THAT(bad(query("laptop", "", "XYZ")),
              status_is(absl::StatusCode::kNotFound, HasSubstr("unknown location \"XYZ\"")));
  EXPECT_THAT(bad(query("toaster")), status_is(absl::StatusCode::kNotFound, HasSubstr("known kinds")));
}

}  // namespace
}  // namespace numresp::devices

namespace numresp::devices {
namespace {

// A documented difference from BoaviztAPI: a lifetime override allocates IoT blocks over that
// lifetime (BoaviztAPI keeps 35,040 h for the blocks and would give a quarter of 15.368 here).
TEST(devices_evaluate, IotLifetimeOverrideAllocatesOverTheLifetimeGiven) {
  device_query q;
  q.kind = "iot_device";
  q.variant = "drone_mini";
  q.duration_hours = 8760.0;
  q.usage.lifetime_hours = 43800.0;
  absl::StatusOr<device_result> r = evaluate(q, "boavizta-2.4.1");
  ASSERT_THAT(r, ::numresp::testing::is_ok());
  EXPECT_NEAR(r->at(criterion::gwp).embedded->value(), 15.36787365 * 8760.0 / 43800.0, 1e-12);
  EXPECT_EQ(r->allocation, 0.2);
}

}  // namespace
}  // namespace numresp::devices
