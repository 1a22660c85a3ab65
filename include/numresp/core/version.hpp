/// @file
/// The library's version: the single source that CMake, the pkg-config file and the Python
/// package read.
#ifndef NUMRESP_CORE_VERSION_HPP_
#define NUMRESP_CORE_VERSION_HPP_

#define NUMRESP_VERSION_MAJOR 0
#define NUMRESP_VERSION_MINOR 1
#define NUMRESP_VERSION_PATCH 0
/// The version as a string, "MAJOR.MINOR.PATCH".
#define NUMRESP_VERSION_STRING "0.1.0"

namespace numresp {

/// The version this header belongs to, as a string ("0.1.0").
inline constexpr const char* version_string = NUMRESP_VERSION_STRING;

/// The version as one number: MAJOR * 10000 + MINOR * 100 + PATCH.
inline constexpr int version_number =
    NUMRESP_VERSION_MAJOR * 10000 + NUMRESP_VERSION_MINOR * 100 + NUMRESP_VERSION_PATCH;

}  // namespace numresp

#endif  // NUMRESP_CORE_VERSION_HPP_
