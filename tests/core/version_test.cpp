#include "numresp/core/version.hpp"

#include <string>

#include <gtest/gtest.h>

namespace {

TEST(Version, StringAndNumberAgree) {
  const std::string expected = std::to_string(NUMRESP_VERSION_MAJOR) + "." + std::to_string(NUMRESP_VERSION_MINOR) +
                               "." + std::to_string(NUMRESP_VERSION_PATCH);
  EXPECT_EQ(numresp::version_string, expected);
  EXPECT_EQ(numresp::version_number,
            NUMRESP_VERSION_MAJOR * 10000 + NUMRESP_VERSION_MINOR * 100 + NUMRESP_VERSION_PATCH);
}

}  // namespace
