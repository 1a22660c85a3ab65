// A consumer of the installed library: typed units (header-only), estimates, and the compiled
// unit parser (numresp::core).
#include <cstdio>

#include "numresp/core/estimate.hpp"
#include "numresp/core/unit_string.hpp"
#include "numresp/core/units.hpp"
#include "numresp/core/version.hpp"

int main() {
  using namespace numresp::units;  // NOLINT(google-build-using-namespace)
  auto per_computer = numresp::estimate<co2e_mass>::create(150.0 * kg_co2e, 120.0 * kg_co2e, 200.0 * kg_co2e);
  if (!per_computer.ok()) return 1;
  const numresp::estimate<co2e_mass> collected = *per_computer * 352.0;
  auto tonnes = value_in_unit(collected.value(), "tCO2e");
  if (!tonnes.ok()) return 2;
  std::printf("numresp %s consumer: 352 computers, %.2f tCO2e\n", numresp::version_string, *tonnes);
  return *tonnes > 52.79 && *tonnes < 52.81 ? 0 : 3;
}
