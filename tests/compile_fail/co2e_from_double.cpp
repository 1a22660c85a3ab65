// A quantity is never built from a bare double: the unit must be written.
// expected-error: conversion from .*double.* to non-scalar type|no viable conversion from .*double
#include "numresp/core/units.hpp"

using namespace numresp::units;  // NOLINT(google-build-using-namespace)

co2e_mass make() {
#ifdef NUMRESP_SHOULD_NOT_COMPILE
  co2e_mass m = 2.0;
#else
  co2e_mass m = 2.0 * kg_co2e;
#endif
  return m;
}
