// Typed units and estimates: the footprint of the computers Poitiers collected for its
// "ordinateurs solidaires" programme (shared/PLAN.md: 352 collected by end 2023, over 150
// redistributed), and the use-phase electricity of one refurbished laptop.
//
// The per-device figures below are inputs of this example, stated with their source; the
// library's models take them from the factor tables instead.
#include <cstdio>

#include "numresp/core/estimate.hpp"
#include "numresp/core/impact.hpp"
#include "numresp/core/unit_string.hpp"
#include "numresp/core/units.hpp"

int main() {
  using namespace numresp::units;  // NOLINT(google-build-using-namespace)
  using numresp::estimate;

  // Manufacture of one laptop, kg CO2e, with a range (example input).
  auto laptop = estimate<co2e_mass>::create(156.0 * kg_co2e, 120.0 * kg_co2e, 200.0 * kg_co2e);
  if (!laptop.ok()) {
    std::fprintf(stderr, "%s\n", laptop.status().ToString().c_str());
    return 1;
  }
  const estimate<co2e_mass> collected = *laptop * 352.0;
  const estimate<co2e_mass> redistributed = *laptop * 150.0;
  std::printf("352 collected computers embody %.1f t CO2e [%.1f, %.1f]\n", value_in(collected.value(), tonne_co2e),
              value_in(collected.low(), tonne_co2e), value_in(collected.high(), tonne_co2e));
  std::printf("150 redistributed computers avoid building new ones worth %.1f t CO2e [%.1f, %.1f]\n",
              value_in(redistributed.value(), tonne_co2e), value_in(redistributed.low(), tonne_co2e),
              value_in(redistributed.high(), tonne_co2e));

  // Use phase of one laptop: 20 W (10-30 W) for 1,600 h a year, French grid 0.0519 kg CO2e/kWh.
  auto power = estimate<numresp::units::power>::create(20.0 * watt, 10.0 * watt, 30.0 * watt);
  if (!power.ok()) return 1;
  const estimate<energy> yearly = *power * estimate<duration>::exact(1600.0 * hour);
  auto grid = make_quantity<carbon_intensity>(0.0519, "kgCO2e/kWh");
  if (!grid.ok()) {
    std::fprintf(stderr, "%s\n", grid.status().ToString().c_str());
    return 1;
  }
  const co2e_mass use_gwp = *grid * yearly.value();
  std::printf("one laptop uses %.0f kWh a year [%.0f, %.0f], %.2f kg CO2e\n", value_in(yearly.value(), kilowatt_hour),
              value_in(yearly.low(), kilowatt_hour), value_in(yearly.high(), kilowatt_hour),
              value_in(use_gwp, kg_co2e));

  // The same laptop as a multi-criteria impact over one year of a five-year life.
  numresp::impact one_year;
  one_year.gwp.set(numresp::phase::manufacture, *laptop / 5.0);
  one_year.gwp.set(numresp::phase::use, estimate<co2e_mass>::exact(use_gwp));
  std::printf("one year of one laptop: %.1f kg CO2e, of which embedded %.1f kg\n",
              value_in(one_year.gwp.total()->value(), kg_co2e), value_in(one_year.gwp.embedded()->value(), kg_co2e));
  std::printf("water use assessed: %s\n", one_year.is_assessed(numresp::criterion::water) ? "yes" : "no");
  return 0;
}
