// CO2e mass never adds to a device's physical mass, though both may be written "kg".
// expected-error: no match for .*operator\+|invalid operands to binary expression
#include "numresp/core/units.hpp"

using namespace numresp::units;  // NOLINT(google-build-using-namespace)

co2e_mass total() {
  const co2e_mass gwp = 2.0 * kg_co2e;
#ifdef NUMRESP_SHOULD_NOT_COMPILE
  const mass weight = 2.0 * kilogram;
  return gwp + weight;
#else
  return gwp + 2.0 * kg_co2e;
#endif
}
