// Parity with CO2.js 0.19.0: every golden vector of tests/data/golden/co2js-0.19.0.jsonl (made by
// tests/data/golden/generate_co2js.mjs from the package itself) must come out of numresp bit for
// bit. Country codes are resolved with country_g_per_kwh, as a user of the C++ API would.
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <optional>
#include <string>
#include <utility>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "numresp/usage/traffic.hpp"

namespace numresp::usage::traffic {
namespace {

using json = nlohmann::json;

constexpr const char* kGoldenFile = NUMRESP_TEST_DATA_DIR "/golden/co2js-0.19.0.jsonl";

std::string show(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.17g", x);
  return buf;
}

// Bit for bit: equal values, and the same sign for a zero.
void expect_same(double got, double want, const std::string& what) {
  EXPECT_EQ(got, want) << what << ": numresp " << show(got) << ", CO2.js " << show(want);
  if (got == want) {
    EXPECT_EQ(std::signbit(got), std::signbit(want)) << what << ": sign of zero";
  }
}

std::optional<double> optional_number(const json& o, const char* key) {
  if (!o.contains(key)) return std::nullopt;
  return o.at(key).get<double>();
}

// A grid intensity of the file: a number of g/kWh, or a country code to look up.
std::optional<double> intensity(const json& grid, const char* key) {
  if (!grid.contains(key)) return std::nullopt;
  const json& v = grid.at(key);
  if (!v.is_string()) return v.get<double>();
  const auto g = country_g_per_kwh(v.get<std::string>());
  if (!g.ok()) {
    ADD_FAILURE() << g.status();
    return std::nullopt;
  }
  return *g;
}

// One golden line: EXPECT_* on every value it holds (the caller's SCOPED_TRACE names the line).
void check_line(const json& line) {
  const auto m = parse_model(line.at("model").get<std::string>());
  ASSERT_TRUE(m.ok()) << m.status();
  const std::string fn = line.at("fn").get<std::string>();
  const json& expected = line.at("expected");

  if (fn == "rating") {
    const double grams = line.at("grams").get<double>();
    const auto r = rating(grams, *m);
    ASSERT_TRUE(r.ok()) << r.status();
    EXPECT_EQ(std::string(*r), expected.get<std::string>()) << "rating(" << show(grams) << ")";
    return;
  }

  const json& o = line.at("options");
  options opts;
  opts.green = line.at("green").get<bool>();
  opts.green_hosting_factor = optional_number(o, "green_hosting_factor");
  opts.first_visit_share = optional_number(o, "first_visit_share");
  opts.return_visit_share = optional_number(o, "return_visit_share");
  opts.data_reload_ratio = optional_number(o, "data_reload_ratio");
  if (o.contains("grid_intensity")) {
    const json& grid = o.at("grid_intensity");
    opts.device_g_per_kwh = intensity(grid, "device");
    opts.network_g_per_kwh = intensity(grid, "network");
    opts.data_center_g_per_kwh = intensity(grid, "data_center");
  }
  const auto calc = calculator::create(*m, opts);
  ASSERT_TRUE(calc.ok()) << calc.status();
  const double bytes = line.at("bytes").get<double>();
  ASSERT_TRUE(check_bytes(bytes).ok()) << check_bytes(bytes);

  if (fn == "per_byte") {
    expect_same(calc->per_byte_g(bytes), expected.get<double>(), "per_byte(" + show(bytes) + ")");
  } else if (fn == "per_visit") {
    expect_same(calc->per_visit_g(bytes), expected.get<double>(), "per_visit(" + show(bytes) + ")");
  } else if (fn == "segments") {
    const segments s = calc->per_byte_segments(bytes);
    const std::map<std::string, double> fields = {
        {"data_center_operational", s.data_center_operational},
        {"network_operational", s.network_operational},
        {"device_operational", s.device_operational},
        {"data_center_embodied", s.data_center_embodied},
        {"network_embodied", s.network_embodied},
        {"device_embodied", s.device_embodied},
        {"total_embodied", s.total_embodied},
        {"total_operational", s.total_operational},
        {"data_center", s.data_center},
        {"network", s.network},
        {"device", s.device},
        {"production", s.production},
        {"total", s.total},
    };
    EXPECT_EQ(expected.size(), *m == model::swd4 ? 12U : 5U) << expected.dump();
    for (const auto& [name, want] : expected.items()) {
      const auto it = fields.find(name);
      if (it == fields.end()) {
        ADD_FAILURE() << "unknown segment field " << name;
        continue;
      }
      expect_same(it->second, want.get<double>(), "segments(" + show(bytes) + ")." + name);
    }
  } else {
    ADD_FAILURE() << "unknown fn " << fn;
  }
}

TEST(TrafficGolden, MatchesCo2js0190BitForBit) {
  std::ifstream in(kGoldenFile);
  ASSERT_TRUE(in.is_open()) << "cannot read " << kGoldenFile;
  const ::testing::TestResult& result = *::testing::UnitTest::GetInstance()->current_test_info()->result();
  std::map<std::pair<std::string, std::string>, int> counts;
  std::string text;
  int line_number = 0;
  int lines_differing = 0;
  while (std::getline(in, text)) {
    ++line_number;
    if (text.empty()) continue;
    SCOPED_TRACE(std::string(kGoldenFile) + ":" + std::to_string(line_number) + ": " + text);
    const json line = json::parse(text);
    const int failures_before = result.total_part_count();
    check_line(line);
    if (result.total_part_count() != failures_before) ++lines_differing;
    ++counts[{line.at("model").get<std::string>(), line.at("fn").get<std::string>()}];
  }
  EXPECT_EQ(lines_differing, 0) << lines_differing << " of " << line_number
                                << " golden lines differ from CO2.js 0.19.0";

  // The file's composition (tests/data/golden/generate_co2js.mjs prints it): an empty, cut or
  // stale file cannot pass.
  const std::map<std::pair<std::string, std::string>, int> expected_counts = {
      {{"onebyte", "per_byte"}, 528}, {{"swd3", "per_byte"}, 595}, {{"swd3", "per_visit"}, 775},
      {{"swd3", "rating"}, 166},      {{"swd3", "segments"}, 417}, {{"swd4", "per_byte"}, 945},
      {{"swd4", "per_visit"}, 1137},  {{"swd4", "rating"}, 193},   {{"swd4", "segments"}, 657},
  };
  EXPECT_EQ(counts, expected_counts);
  EXPECT_EQ(line_number, 5413);
}

}  // namespace
}  // namespace numresp::usage::traffic
