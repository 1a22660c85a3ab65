// A function taking energy does not take a bare double either.
// expected-error: could not convert .*double.*|cannot convert .*double|no viable conversion from .*double|no matching
// function
#include "numresp/core/units.hpp"

using namespace numresp::units;  // NOLINT(google-build-using-namespace)

double kwh(energy e) { return e / kilowatt_hour; }

double use() {
#ifdef NUMRESP_SHOULD_NOT_COMPILE
  return kwh(3.6e6);
#else
  return kwh(3.6e6 * joule);
#endif
}
