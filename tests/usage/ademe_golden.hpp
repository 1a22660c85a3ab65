// The golden values of ADEME's usage models (tests/data/ademe/usage_golden.csv), shared by the
// usage tests. A value is checked to half a unit of its last printed digit: the grid is printed to
// 5 significant figures, so that is all a reproduction can be held to.
#ifndef NUMRESP_TESTS_USAGE_ADEME_GOLDEN_HPP_
#define NUMRESP_TESTS_USAGE_ADEME_GOLDEN_HPP_

#include <cmath>
#include <cstddef>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace numresp::usage::golden {

/// A printed number: its value and the tolerance its printing allows.
struct printed {
  std::string text;
  double value = 0;
  double tolerance = 0;  ///< half a unit of the last printed digit
};

inline printed parse_printed(const std::string& text) {
  printed p;
  p.text = text;
  p.value = text.empty() ? 0.0 : std::stod(text);
  const std::size_t dot = text.find('.');
  const int decimals = dot == std::string::npos ? 0 : static_cast<int>(text.size() - dot - 1);
  p.tolerance = 0.5 * std::pow(10.0, -decimals);
  return p;
}

/// One row of the golden file.
struct row {
  std::string usage;  ///< email, streaming, video_call, web_search, download, spam, storage_published, storage_model
  std::string size_mb;
  std::string device;
  std::string network;
  std::string quality;
  printed total;
  printed devices;
  printed transmission;
  printed data_center;
  std::string source;
};

inline std::vector<row> load() {
  std::ifstream in(NUMRESP_TEST_DATA_DIR "/ademe/usage_golden.csv");
  EXPECT_TRUE(in.good()) << "cannot read " NUMRESP_TEST_DATA_DIR "/ademe/usage_golden.csv";
  std::vector<row> rows;
  std::string line;
  bool header = true;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    if (header) {
      header = false;
      continue;
    }
    std::vector<std::string> f;
    std::stringstream ss(line);
    std::string field;
    while (std::getline(ss, field, ',')) f.push_back(field);
    if (f.size() != 10) {
      ADD_FAILURE() << "golden row with " << f.size() << " fields: " << line;
      continue;
    }
    rows.push_back(row{f[0], f[1], f[2], f[3], f[4], parse_printed(f[5]), parse_printed(f[6]), parse_printed(f[7]),
                       parse_printed(f[8]), f[9]});
  }
  return rows;
}

/// The rows of one usage.
inline std::vector<row> rows_of(const std::string& usage) {
  std::vector<row> out;
  for (const row& r : load()) {
    if (r.usage == usage) out.push_back(r);
  }
  return out;
}

/// |actual - printed| <= tolerance (plus a hair for the decimal → binary conversion).
inline ::testing::AssertionResult matches(const printed& expected, double actual) {
  if (std::abs(actual - expected.value) <= expected.tolerance * (1 + 1e-9)) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << actual << " is not " << expected.text << " +- " << expected.tolerance;
}

}  // namespace numresp::usage::golden

#endif  // NUMRESP_TESTS_USAGE_ADEME_GOLDEN_HPP_
