// Emissions never add to bytes.
// expected-error: no match for .*operator\+|invalid operands to binary expression
#include "numresp/core/units.hpp"

using namespace numresp::units;  // NOLINT(google-build-using-namespace)

co2e_mass total() {
  const co2e_mass per_page = 0.5 * gram_co2e;
#ifdef NUMRESP_SHOULD_NOT_COMPILE
  return per_page + 2.0 * megabyte;
#else
  const co2e_per_data per_byte = per_page / (2.0 * megabyte);
  return per_page + per_byte * (1.0 * megabyte);
#endif
}
