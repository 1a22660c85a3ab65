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
#include "numresp/factors/factor.hpp"
#include "numresp/factors/factor_set.hpp"
#include "numresp/io/csv.hpp"
#include "numresp/io/factor_overrides.hpp"

#endif  // NUMRESP_NUMRESP_HPP_
