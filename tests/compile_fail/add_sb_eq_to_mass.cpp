// Sb-eq mass never adds to plain mass.
// expected-error: no match for .*operator\+|invalid operands to binary expression
#include "numresp/core/units.hpp"

using namespace numresp::units;  // NOLINT(google-build-using-namespace)

sb_eq_mass total() {
  const sb_eq_mass adpe = 0.01 * kg_sb_eq;
#ifdef NUMRESP_SHOULD_NOT_COMPILE
  return adpe + 3.0 * gram;
#else
  return adpe + 3.0 * gram_sb_eq;
#endif
}
