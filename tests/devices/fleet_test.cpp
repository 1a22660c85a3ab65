// Tests of numresp/devices/fleet.hpp and uncertainty.hpp: footprints and scenarios computed by
// hand on small inventories, every bad row, and the Monte Carlo's determinism and statistics.
#include "numresp/devices/fleet.hpp"

#include <cmath>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "numresp/devices/uncertainty.hpp"
#include "numresp/factors/factor_set.hpp"
#include "numresp/testing/status_matchers.hpp"

namespace numresp::devices {
namespace {

using ::numresp::testing::is_ok;
using ::numresp::testing::status_is;
using ::testing::HasSubstr;

constexpr std::size_t kGwp = static_cast<std::size_t>(criterion::gwp);
constexpr std::size_t kAdpe = static_cast<std::size_t>(criterion::adpe);
constexpr std::size_t kWater = static_cast<std::size_t>(criterion::water);

// ademe-2025 figures (data/factors/ademe-2025.csv).
constexpr double kLaptopE = 170 + 12.3 + 2.79;      // kg CO2e
constexpr double kSmartphoneE = 77 + 2.27 + 0.246;  // kg CO2e
constexpr double kDesktopProE = 203 + 1.85 + 6.61;  // kg CO2e
constexpr double kFrance = 0.0519;                  // kg CO2e / kWh
constexpr double kEurope = 0.4104;                  // kg CO2e / kWh

std::shared_ptr<const catalog> ademe() { return *catalog::builtin("ademe-2025"); }
std::shared_ptr<const catalog> boavizta() { return *catalog::builtin("boavizta-2.4.1"); }

inventory_row row(std::string kind, double count, int year) {
  inventory_row r;
  r.kind = std::move(kind);
  r.count = count;
  r.acquisition_year = year;
  return r;
}

std::vector<inventory_row> city() {
  std::vector<inventory_row> rows = {row("laptop", 10, 2022), row("smartphone", 4, 2023), row("desktop", 2, 2020)};
  rows[1].refurbished = true;
  rows[2].location = "EEE";
  rows[2].lifetime_years = 8.0;
  return rows;
}

const fleet_line& line_of(const fleet_footprint& f, const std::string& kind) {
  for (const fleet_line& l : f.lines) {
    if (l.kind == kind) return l;
  }
  ADD_FAILURE() << "no line for " << kind;
  return f.total;
}

void expect_close(double got, double want) { EXPECT_NEAR(got, want, 1e-12 * std::max(1.0, std::fabs(want))); }

TEST(devices_fleet, FootprintOfAYearByHand) {
  absl::StatusOr<fleet> f = fleet::create(ademe(), city());
  ASSERT_THAT(f, is_ok());
  const fleet_footprint y = f->footprint(2024);
  ASSERT_EQ(y.lines.size(), 3u);

  const fleet_line& laptop = line_of(y, "laptop");
  EXPECT_EQ(laptop.devices, 10.0);
  expect_close(laptop.at(criterion::gwp, device_phase::embedded)->value(), 10 * kLaptopE / 5);
  expect_close(laptop.at(criterion::gwp, device_phase::use)->value(), 10 * 8760 * (3.0 / 24) * 26.5 / 1000 * kFrance);

  // Refurbished smartphones carry 13 % [13 %, 36 %] of a new one's embedded impact.
  const fleet_line& phone = line_of(y, "smartphone");
  const estimate<double> e = *phone.at(criterion::gwp, device_phase::embedded);
  expect_close(e.value(), 4 / 2.5 * 0.13 * kSmartphoneE);
  expect_close(e.low(), 4 / 2.5 * 0.13 * kSmartphoneE);
  expect_close(e.high(), 4 / 2.5 * 0.36 * kSmartphoneE);

  // Professional desktops (the default variant), kept 8 years, used in Europe.
  const fleet_line& desktop = line_of(y, "desktop");
  EXPECT_EQ(desktop.variant, "pro");
  expect_close(desktop.at(criterion::gwp, device_phase::embedded)->value(), 2 * kDesktopProE / 8);
  expect_close(desktop.at(criterion::gwp, device_phase::use)->value(), 2 * 8760 * (6.0 / 24) * 70 / 1000 * kEurope);

  // The total adds the lines; ADEME has no ADPe: unavailable, and said.
  expect_close(y.total.at(criterion::gwp, device_phase::embedded)->value(),
               10 * kLaptopE / 5 + 4 / 2.5 * 0.13 * kSmartphoneE + 2 * kDesktopProE / 8);
  EXPECT_EQ(y.total.devices, 16.0);
  EXPECT_FALSE(y.total.at(criterion::adpe, device_phase::embedded).has_value());
  EXPECT_THAT(y.missing[kAdpe], HasSubstr("adpe embedded and use"));
  EXPECT_TRUE(y.missing[kGwp].empty());
  // Water: embedded only (no electricity water factor).
  EXPECT_TRUE(y.total.at(criterion::water, device_phase::embedded).has_value());
  EXPECT_FALSE(y.total.at(criterion::water, device_phase::use).has_value());
}

TEST(devices_fleet, ElectricityFactorBoundsReachDevicesAndFleets) {
  // France's grid factor overridden with bounds: a device (located in France, or at the set's
  // default location, France, since ademe-2025 has no global range) and a fleet carry them into
  // the use phase.
  factors::factor_override o;
  o.id = "grid.gwp.fra";
  o.value = 0.06;
  o.low = 0.04;
  o.high = 0.09;
  o.origin = "test";
  absl::StatusOr<factors::factor_set> set = factors::get_set("ademe-2025")->get().with_overrides({o});
  ASSERT_THAT(set, is_ok());
  absl::StatusOr<catalog> created = catalog::create(*set);
  ASSERT_THAT(created, is_ok());
  const auto bounded = std::make_shared<const catalog>(*std::move(created));
  for (const std::optional<std::string>& location : {std::optional<std::string>("FRA"), std::optional<std::string>()}) {
    SCOPED_TRACE(location.value_or("default location"));
    device_query q;
    q.kind = "laptop";
    q.location = location;
    absl::StatusOr<device_result> r = evaluate(*bounded, q);
    ASSERT_THAT(r, is_ok());
    const estimate<double>& f = *r->at(criterion::gwp).electricity_factor;
    EXPECT_EQ(f.value(), 0.06);
    EXPECT_EQ(f.low(), 0.04);
    EXPECT_EQ(f.high(), 0.09);
    const estimate<double>& use = *r->at(criterion::gwp).use;
    expect_close(use.low() / use.value(), 0.04 / 0.06);
    expect_close(use.high() / use.value(), 0.09 / 0.06);
  }
  for (const std::optional<std::string>& location : {std::optional<std::string>("FRA"), std::optional<std::string>()}) {
    std::vector<inventory_row> rows = {row("laptop", 10, 2022)};
    rows[0].location = location;
    absl::StatusOr<fleet> f = fleet::create(bounded, rows);
    ASSERT_THAT(f, is_ok());
    const estimate<double> use = *line_of(f->footprint(2024), "laptop").at(criterion::gwp, device_phase::use);
    expect_close(use.low() / use.value(), 0.04 / 0.06);
    expect_close(use.high() / use.value(), 0.09 / 0.06);
  }
  // The built-in factor has no bounds: exact.
  device_query q;
  q.kind = "laptop";
  q.location = "FRA";
  absl::StatusOr<device_result> plain = evaluate(*ademe(), q);
  ASSERT_THAT(plain, is_ok());
  EXPECT_EQ(plain->at(criterion::gwp).electricity_factor->low(), plain->at(criterion::gwp).electricity_factor->value());
}

TEST(devices_fleet, RenewalAndServiceShares) {
  absl::StatusOr<fleet> renewed = fleet::create(ademe(), city());
  ASSERT_THAT(renewed, is_ok());
  EXPECT_EQ(renewed->footprint(2019).total.devices, 0.0);
  EXPECT_EQ(renewed->footprint(2021).total.devices, 2.0);
  EXPECT_EQ(renewed->footprint(2040).total.devices, 16.0);  // stock renewed at end of life

  fleet_options once;
  once.renew = false;
  absl::StatusOr<fleet> f = fleet::create(ademe(), city(), once);
  ASSERT_THAT(f, is_ok());
  // Smartphones bought in 2023 with 2.5-year lives: 2023, 2024 whole, half of 2025, then gone.
  EXPECT_EQ(line_of(f->footprint(2025), "smartphone").devices, 2.0);
  EXPECT_EQ(line_of(f->footprint(2026), "smartphone").devices, 0.0);
  expect_close(line_of(f->footprint(2025), "smartphone").at(criterion::gwp, device_phase::embedded)->value(),
               2 / 2.5 * 0.13 * kSmartphoneE);
  // Allocated over its life, a row's embedded impact adds up to its whole embedded impact.
  absl::StatusOr<std::vector<fleet_footprint>> years = f->by_year(2020, 2030);
  ASSERT_THAT(years, is_ok());
  double laptop_sum = 0;
  for (const fleet_footprint& y : *years)
    laptop_sum += line_of(y, "laptop").at(criterion::gwp, device_phase::embedded)->value();
  expect_close(laptop_sum, 10 * kLaptopE);
  EXPECT_EQ(f->year_span(), std::make_pair(2020, 2027));
  EXPECT_THAT(f->by_year(2030, 2020), status_is(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(f->by_year(0, 5000), status_is(absl::StatusCode::kInvalidArgument, HasSubstr("1,000 years")));
}

TEST(devices_fleet, BoaviztaFleetKeepsItsRanges) {
  std::vector<inventory_row> rows = {row("laptop", 3, 2024)};
  absl::StatusOr<fleet> f = fleet::create(boavizta(), rows);
  ASSERT_THAT(f, is_ok());
  const fleet_footprint y = f->footprint(2024);
  // Same figures as the one-device model over one year, times 3.
  device_query q;
  q.kind = "laptop";
  q.duration_hours = 8760.0;
  absl::StatusOr<device_result> one = evaluate(q, "boavizta-2.4.1");
  ASSERT_THAT(one, is_ok());
  const estimate<double> use = *y.total.at(criterion::gwp, device_phase::use);
  expect_close(use.value(), 3 * one->at(criterion::gwp).use->value());
  expect_close(use.low(), 3 * one->at(criterion::gwp).use->low());
  expect_close(use.high(), 3 * one->at(criterion::gwp).use->high());
  expect_close(y.total.at(criterion::adpe, device_phase::embedded)->value(), 3 * 0.0086 / 4);
  // A refurbished row needs a refurbishment factor, which BoaviztAPI's set does not have.
  rows[0].refurbished = true;
  EXPECT_THAT(fleet::create(boavizta(), rows),
              status_is(absl::StatusCode::kNotFound, HasSubstr("inventory row 0, field refurbished")));
  fleet_options given;
  given.refurbishment_share = estimate<double>::exact(0.2);
  absl::StatusOr<fleet> with_share = fleet::create(boavizta(), rows, given);
  ASSERT_THAT(with_share, is_ok());
  expect_close(with_share->footprint(2024).total.at(criterion::gwp, device_phase::embedded)->value(),
               3 * 181.0 / 4 * 0.2);
}

TEST(devices_fleet, ScenariosByHand) {
  absl::StatusOr<fleet> f = fleet::create(ademe(), city());
  ASSERT_THAT(f, is_ok());
  scenario longer;
  longer.name = "keep laptops a year longer";
  longer.extend_lifetime_years = 1;
  longer.kinds = {"laptop"};
  scenario refurb;
  refurb.name = "half the laptops refurbished";
  refurb.refurbished_share = 0.5;
  refurb.kinds = {"laptop"};
  scenario reuse;
  reuse.name = "ordinateurs solidaires";
  reuse.reuse = {{"laptop", "", 150, 3.0}};
  absl::StatusOr<std::vector<scenario_result>> r = compare(*f, {longer, refurb, reuse}, 2024);
  ASSERT_THAT(r, is_ok());
  ASSERT_EQ(r->size(), 4u);
  const double base_laptop = 10 * kLaptopE / 5;
  const double base = (*r)[0].criteria[kGwp].net->value();
  EXPECT_EQ((*r)[0].name, "baseline");
  EXPECT_EQ((*r)[0].change[kGwp], 0.0);
  expect_close(*(*r)[1].change[kGwp], 10 * kLaptopE / 6 - base_laptop);
  expect_close(*(*r)[2].change[kGwp], base_laptop * (0.5 + 0.5 * 0.27) - base_laptop);
  const double avoided = 150 * kLaptopE * (1.0 / 5 - 0.27 / 3);
  expect_close((*r)[3].criteria[kGwp].avoided->value(), avoided);
  expect_close(*(*r)[3].change[kGwp], -avoided);
  expect_close(*(*r)[3].relative_change[kGwp], -avoided / base);
  // The refurbishment share's bounds (1 % to 64 %) bound the saving.
  EXPECT_LT((*r)[3].criteria[kGwp].avoided->low(), avoided);
  EXPECT_GT((*r)[3].criteria[kGwp].avoided->high(), avoided);
  // Water is available, ADPe is not: said.
  EXPECT_TRUE((*r)[3].criteria[kWater].avoided.has_value());
  EXPECT_FALSE((*r)[3].criteria[kAdpe].net.has_value());
  EXPECT_FALSE((*r)[3].criteria[kAdpe].missing.empty());
  // The use phase does not change with these policies.
  expect_close((*r)[1].criteria[kGwp].use->value(), (*r)[0].criteria[kGwp].use->value());
}

TEST(devices_fleet, EveryBadRowIsNamed) {
  auto bad = [](std::size_t index, auto change) {
    std::vector<inventory_row> rows = city();
    change(rows[index]);
    return fleet::create(ademe(), rows);
  };
  EXPECT_THAT(bad(1, [](inventory_row& r) { r.count = -1; }),
              status_is(absl::StatusCode::kInvalidArgument, HasSubstr("inventory row 1, field count")));
  EXPECT_THAT(bad(2, [](inventory_row& r) { r.lifetime_years = 0.0; }),
              status_is(absl::StatusCode::kInvalidArgument, HasSubstr("inventory row 2, field lifetime_years")));
  EXPECT_THAT(bad(0, [](inventory_row& r) { r.power_w = -3.0; }),
              status_is(absl::StatusCode::kInvalidArgument, HasSubstr("inventory row 0, field power_w")));
  EXPECT_THAT(bad(0, [](inventory_row& r) { r.use_time_ratio = 2.0; }),
              status_is(absl::StatusCode::kInvalidArgument, HasSubstr("inventory row 0, field use_time_ratio")));
  EXPECT_THAT(bad(2, [](inventory_row& r) { r.kind = "fridge"; }),
              status_is(absl::StatusCode::kNotFound, HasSubstr("inventory row 2, field kind")));
  EXPECT_THAT(bad(1, [](inventory_row& r) { r.location = "ATL"; }),
              status_is(absl::StatusCode::kNotFound, HasSubstr("inventory row 1, field location")));
  EXPECT_THAT(bad(0, [](inventory_row& r) { r.count = std::nan(""); }),
              status_is(absl::StatusCode::kInvalidArgument, HasSubstr("got nan")));

  absl::StatusOr<fleet> f = fleet::create(ademe(), city());
  ASSERT_THAT(f, is_ok());
  scenario s;
  s.name = "bad";
  s.refurbished_share = 1.5;
  EXPECT_THAT(f->with_scenario(s), status_is(absl::StatusCode::kInvalidArgument, HasSubstr("refurbished_share")));
  s.refurbished_share = 0;
  s.extend_lifetime_years = -1;
  EXPECT_THAT(f->with_scenario(s), status_is(absl::StatusCode::kInvalidArgument, HasSubstr("extend_lifetime_years")));
  s.extend_lifetime_years = 0;
  s.kinds = {"toaster"};
  EXPECT_THAT(f->with_scenario(s), status_is(absl::StatusCode::kNotFound, HasSubstr("field kinds")));
  EXPECT_THAT(f->reuse_avoided({{"laptop", "", -2, std::nullopt}}),
              status_is(absl::StatusCode::kInvalidArgument, HasSubstr("reuse action 0, field count")));
  EXPECT_THAT(f->reuse_avoided({{"laptop", "", 2, 0.0}}),
              status_is(absl::StatusCode::kInvalidArgument, HasSubstr("field remaining_years")));
}

TEST(devices_fleet, ColumnsMatchRows) {
  auto c = ademe();
  const std::vector<inventory_row> rows = city();
  std::vector<std::int32_t> archetype, year, location;
  std::vector<double> count, life;
  std::vector<std::uint8_t> refurbished;
  for (const inventory_row& r : rows) {
    archetype.push_back(static_cast<std::int32_t>(*c->find(r.kind, r.variant)));
    year.push_back(r.acquisition_year);
    count.push_back(r.count);
    location.push_back(r.location ? static_cast<std::int32_t>(*c->find_location(*r.location)) : -1);
    life.push_back(r.lifetime_years ? *r.lifetime_years : std::nan(""));
    refurbished.push_back(r.refurbished ? 1 : 0);
  }
  inventory_columns cols;
  cols.archetype = archetype;
  cols.count = count;
  cols.acquisition_year = year;
  cols.location = location;
  cols.refurbished = refurbished;
  cols.lifetime_years = life;
  absl::StatusOr<fleet> a = fleet::from_columns(c, cols);
  absl::StatusOr<fleet> b = fleet::create(c, rows);
  ASSERT_THAT(a, is_ok());
  ASSERT_THAT(b, is_ok());
  EXPECT_EQ(a->footprint(2024).total.at(criterion::gwp, device_phase::embedded),
            b->footprint(2024).total.at(criterion::gwp, device_phase::embedded));
  std::vector<double> short_count = {1.0};
  cols.count = short_count;
  EXPECT_THAT(fleet::from_columns(c, cols), status_is(absl::StatusCode::kInvalidArgument, HasSubstr("count")));
  cols.count = count;
  archetype[1] = 9999;
  EXPECT_THAT(fleet::from_columns(c, cols),
              status_is(absl::StatusCode::kInvalidArgument, HasSubstr("row 1, field archetype")));
}

TEST(devices_uncertainty, TriangularAndPercentiles) {
  EXPECT_EQ(triangular(1, 2, 4, 0.0), 1.0);
  EXPECT_EQ(triangular(1, 2, 4, 1.0), 4.0);
  EXPECT_DOUBLE_EQ(triangular(1, 2, 4, 1.0 / 3), 2.0);  // the mode sits at F = (c - a) / (b - a)
  EXPECT_EQ(triangular(3, 3, 3, 0.7), 3.0);
  const std::vector<double> v = {1, 2, 3, 4};
  EXPECT_EQ(percentile_sorted(v, 50), 2.5);
  EXPECT_EQ(percentile_sorted(v, 0), 1.0);
  EXPECT_EQ(percentile_sorted(v, 100), 4.0);
  EXPECT_DOUBLE_EQ(percentile_sorted(v, 5), 1.15);
  random_source a(42), b(42), c(43);
  bool differs = false;
  for (int i = 0; i < 1000; ++i) {
    const double x = a.uniform();
    EXPECT_EQ(x, b.uniform());
    differs = differs || x != c.uniform();
    EXPECT_GE(x, 0.0);
    EXPECT_LT(x, 1.0);
  }
  EXPECT_TRUE(differs);
}

TEST(devices_uncertainty, DeviceMonteCarlo) {
  device_query q;
  q.kind = "laptop";
  monte_carlo_options o;
  o.draws = 200000;
  o.seed = 7;
  absl::StatusOr<monte_carlo_result> r = monte_carlo(*boavizta(), q, o);
  ASSERT_THAT(r, is_ok());
  const distribution_summary& use = *r->at(criterion::gwp, 1);
  // Independent triangulars: E[F P] = E[F] E[P].
  const double mean_f = (0.023 + 0.38 + 1.13161) / 3;
  const double mean_p = (50.0 + 75 + 100) / 3;
  EXPECT_NEAR(use.mean, mean_f * mean_p / 1000 * 0.3 * 35040, 0.01 * use.mean);
  EXPECT_LT(use.p5, use.p50);
  EXPECT_LT(use.p50, use.p95);
  EXPECT_GE(use.min, 0.023 * 0.05 * 0.3 * 35040 * (1 - 1e-12));
  EXPECT_LE(use.max, 1.13161 * 0.1 * 0.3 * 35040 * (1 + 1e-12));
  // The embedded factor has no range: a constant.
  const distribution_summary& emb = *r->at(criterion::gwp, 0);
  EXPECT_EQ(emb.p5, 181.0);
  EXPECT_EQ(emb.p95, 181.0);
  EXPECT_FALSE(r->at(criterion::water, total_part).has_value());
  // The same seed, the same numbers; another seed, others.
  o.draws = 1000;
  absl::StatusOr<monte_carlo_result> a = monte_carlo(*boavizta(), q, o);
  absl::StatusOr<monte_carlo_result> b = monte_carlo(*boavizta(), q, o);
  o.seed = 8;
  absl::StatusOr<monte_carlo_result> c = monte_carlo(*boavizta(), q, o);
  EXPECT_EQ(a->at(criterion::gwp, total_part)->p50, b->at(criterion::gwp, total_part)->p50);
  EXPECT_NE(a->at(criterion::gwp, total_part)->p50, c->at(criterion::gwp, total_part)->p50);
  o.draws = 0;
  EXPECT_THAT(monte_carlo(*boavizta(), q, o), status_is(absl::StatusCode::kInvalidArgument, HasSubstr("draws")));
}

TEST(devices_uncertainty, FleetMonteCarlo) {
  absl::StatusOr<fleet> f = fleet::create(ademe(), city());
  ASSERT_THAT(f, is_ok());
  monte_carlo_options o;
  o.draws = 20000;
  o.keep_draws = true;
  absl::StatusOr<monte_carlo_result> r = monte_carlo(*f, 2024, o);
  ASSERT_THAT(r, is_ok());
  const fleet_footprint y = f->footprint(2024);
  const distribution_summary& emb = *r->at(criterion::gwp, 0);
  EXPECT_EQ(emb.draws.size(), 20000u);
  // Only the smartphones' refurbishment share is uncertain: triangular(0.13, 0.13, 0.36).
  const double fixed = 10 * kLaptopE / 5 + 2 * kDesktopProE / 8;
  const double phones = 4 / 2.5 * kSmartphoneE;
  EXPECT_NEAR(emb.mean, fixed + phones * (0.13 + 0.13 + 0.36) / 3, 1e-3 * emb.mean);
  EXPECT_GE(emb.min, y.total.at(criterion::gwp, device_phase::embedded)->low() * (1 - 1e-12));
  EXPECT_LE(emb.max, y.total.at(criterion::gwp, device_phase::embedded)->high() * (1 + 1e-12));
  // No uncertain input in the use phase: every draw is the central value.
  const distribution_summary& use = *r->at(criterion::gwp, 1);
  expect_close(use.p5, y.total.at(criterion::gwp, device_phase::use)->value());
  expect_close(use.p95, y.total.at(criterion::gwp, device_phase::use)->value());
  EXPECT_FALSE(r->at(criterion::adpe, 0).has_value());
}

}  // namespace
}  // namespace numresp::devices
