// Energy is not power: kWh and kW do not mix.
// expected-error: is_implicitly_convertible<Unit2, *unit_type>|no viable overloaded '='
// conversion
#include "numresp/core/units.hpp"

using namespace numresp::units;  // NOLINT(google-build-using-namespace)

power rating() {
  power p = 30.0 * watt;
#ifdef NUMRESP_SHOULD_NOT_COMPILE
  p = 2.0 * kilowatt_hour;
#else
  p = (2.0 * kilowatt_hour) / (4.0 * hour);
#endif
  return p;
}
