/// @file
/// Umbrella header for applications: includes every public header of numresp. The library never
/// includes it; include the narrow headers you use to keep compile times low.
#ifndef NUMRESP_NUMRESP_HPP_
#define NUMRESP_NUMRESP_HPP_

#include "numresp/core/estimate.hpp"
#include "numresp/core/impact.hpp"
#include "numresp/core/status.hpp"
#include "numresp/core/unit_string.hpp"
#include "numresp/core/units.hpp"
#include "numresp/core/version.hpp"
#include "numresp/devices/device.hpp"
#include "numresp/devices/fleet.hpp"
#include "numresp/devices/rounding.hpp"
#include "numresp/devices/uncertainty.hpp"
#include "numresp/factors/factor.hpp"
#include "numresp/factors/factor_set.hpp"
#include "numresp/io/csv.hpp"
#include "numresp/io/factor_overrides.hpp"
#include "numresp/usage/acv.hpp"
#include "numresp/usage/claims.hpp"
#include "numresp/usage/email.hpp"
#include "numresp/usage/equivalence.hpp"
#include "numresp/usage/storage.hpp"
#include "numresp/usage/streaming.hpp"
#include "numresp/usage/traffic.hpp"
#include "numresp/web/ecoindex.hpp"
#include "numresp/web/har.hpp"
#include "numresp/web/rgesn.hpp"

#endif  // NUMRESP_NUMRESP_HPP_
