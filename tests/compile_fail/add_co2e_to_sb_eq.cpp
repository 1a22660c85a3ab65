// CO2e mass (climate change) and Sb-eq mass (resource depletion) never add.
// expected-error: no match for .*operator\+|invalid operands to binary expression
#include "numresp/core/units.hpp"

using namespace numresp::units;  // NOLINT(google-build-using-namespace)

co2e_mass total() {
  const co2e_mass gwp = 2.0 * kg_co2e;
#ifdef NUMRESP_SHOULD_NOT_COMPILE
  const sb_eq_mass adpe = 0.01 * kg_sb_eq;
  return gwp + adpe;
#else
  return gwp + 0.5 * kg_co2e;
#endif
}
