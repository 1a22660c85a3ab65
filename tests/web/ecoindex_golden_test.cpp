// Parity with the EcoIndex references:
// - every golden vector of tests/data/golden/ecoindex-2.0.1.jsonl (made by
//   tests/data/golden/generate_ecoindex.mjs from npm ecoindex 2.0.1 + ecoindex_reference 1.0.2):
//   flavour::raw must give npm's score and quantile positions bit for bit, its grade ("G" where
//   npm answers false, i.e. a score of exactly 0), and GHG / water whose to_fixed_2 text is npm's
//   toFixed(2) string; flavour::ecoindex_fr must give the Python reference's integer score, grade,
//   and GHG / water exactly (the file's ecoindex_fr block, computed with the reference's
//   semantics). The bulk (span) API must agree with the scalar one on every line.
// - the Python reference's own test assertions (tests/data/ecoindex/python_reference_values.csv,
//   from cnumr/ecoindex_python_fullstack test/components/ecoindex/compute/test_ecoindex.py).
// Negative, NaN and infinite inputs are not golden vectors: npm has no guard (it extrapolates, or
// takes NaN as the worst value), while numresp refuses them with kInvalidArgument.
#include <cmath>
#include <cstddef>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "numresp/web/ecoindex.hpp"

namespace numresp::web {
namespace {

using json = nlohmann::json;

constexpr const char* kGoldenFile = NUMRESP_TEST_DATA_DIR "/golden/ecoindex-2.0.1.jsonl";
constexpr const char* kPythonValues = NUMRESP_TEST_DATA_DIR "/ecoindex/python_reference_values.csv";

// The file's composition (generate_ecoindex.mjs prints it): an empty, cut or stale file fails.
constexpr int kGoldenLines = 5781;
constexpr int kNpmGradeFalse = 23;         // npm getEcoIndexGrade(0) === false: numresp says 'G'
constexpr int kFlavoursGradeDiffer = 131;  // raw and ecoindex.fr grades differ (both references)
constexpr std::size_t kMaxShown = 40;

std::string show(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.17g", x);
  return buf;
}

bool same_bits(double a, double b) { return a == b && std::signbit(a) == std::signbit(b); }

struct golden_case {
  int line = 0;
  double dom = 0;
  double requests = 0;
  double size_kb = 0;
  json raw;
  json fr;
};

std::vector<golden_case> load_golden() {
  std::vector<golden_case> cases;
  std::ifstream in(kGoldenFile);
  EXPECT_TRUE(in.is_open()) << "cannot read " << kGoldenFile;
  std::string text;
  int line_number = 0;
  while (std::getline(in, text)) {
    ++line_number;
    if (text.empty()) continue;
    const json j = json::parse(text);
    cases.push_back({line_number, j.at("dom").get<double>(), j.at("requests").get<double>(),
                     j.at("size_kb").get<double>(), j.at("raw"), j.at("ecoindex_fr")});
  }
  return cases;
}

const std::vector<golden_case>& golden() {
  static const std::vector<golden_case> cases = load_golden();
  return cases;
}

std::string where(const golden_case& c) {
  return std::string(kGoldenFile) + ":" + std::to_string(c.line) + " (dom " + show(c.dom) + ", requests " +
         show(c.requests) + ", size_kb " + show(c.size_kb) + ")";
}

// Collects differences; reports the first kMaxShown and the count per kind.
class differences {
 public:
  void add(const std::string& kind, const std::string& text) {
    ++by_kind_[kind];
    if (shown_.size() < kMaxShown) shown_.push_back(kind + ": " + text);
  }
  [[nodiscard]] int total() const {
    int n = 0;
    for (const auto& [kind, count] : by_kind_) n += count;
    return n;
  }
  [[nodiscard]] std::string report() const {
    std::ostringstream out;
    for (const auto& [kind, count] : by_kind_) out << "  " << kind << ": " << count << "\n";
    for (const std::string& s : shown_) out << s << "\n";
    return out.str();
  }

 private:
  std::map<std::string, int> by_kind_;
  std::vector<std::string> shown_;
};

// npm's grade: "A".."G", or false (a score of exactly 0), which numresp reports as 'G'.
char npm_grade(const json& g, bool& was_false) {
  was_false = g.is_boolean();
  if (was_false) {
    EXPECT_FALSE(g.get<bool>());
    return 'G';
  }
  const std::string s = g.get<std::string>();
  EXPECT_EQ(s.size(), 1U);
  return s.empty() ? '?' : s[0];
}

TEST(EcoIndexGolden, RawMatchesNpmEcoindex201) {
  const auto& cases = golden();
  differences diff;
  int npm_false = 0;
  int checked = 0;
  for (const golden_case& c : cases) {
    const auto r = ecoindex(c.dom, c.requests, c.size_kb, flavour::raw);
    if (!r.ok()) {
      diff.add("refused", where(c) + ": " + r.status().ToString());
      continue;
    }
    ++checked;
    const json& w = c.raw;
    const double score = w.at("score").get<double>();
    if (!same_bits(r->score, score)) {
      diff.add("score", where(c) + ": numresp " + show(r->score) + ", npm " + show(score));
    }
    bool was_false = false;
    const char g = npm_grade(w.at("grade"), was_false);
    npm_false += was_false ? 1 : 0;
    if (r->grade != g) {
      diff.add("grade", where(c) + ": numresp " + std::string(1, r->grade) + ", npm " + w.at("grade").dump());
    }
    const std::string ghg = to_fixed_2(r->ghg_g);
    if (ghg != w.at("ghg").get<std::string>()) {
      diff.add("ghg", where(c) + ": numresp " + show(r->ghg_g) + " -> \"" + ghg + "\", npm " + w.at("ghg").dump());
    }
    const std::string water = to_fixed_2(r->water_cl);
    if (water != w.at("water").get<std::string>()) {
      diff.add("water",
               where(c) + ": numresp " + show(r->water_cl) + " -> \"" + water + "\", npm " + w.at("water").dump());
    }
    for (const auto& [name, got] :
         {std::pair<const char*, double>{"q_dom", r->q_dom}, {"q_requests", r->q_requests}, {"q_size", r->q_size}}) {
      const double want = w.at(name).get<double>();
      if (!same_bits(got, want)) diff.add(name, where(c) + ": numresp " + show(got) + ", npm " + show(want));
    }
  }
  EXPECT_EQ(diff.total(), 0) << diff.total() << " differences from npm ecoindex 2.0.1:\n" << diff.report();
  EXPECT_EQ(checked, kGoldenLines);
  EXPECT_EQ(static_cast<int>(cases.size()), kGoldenLines);
  EXPECT_EQ(npm_false, kNpmGradeFalse) << "lines where npm's grade is false (numresp: 'G')";
}

TEST(EcoIndexGolden, EcoindexFrMatchesThePythonReference) {
  const auto& cases = golden();
  differences diff;
  int checked = 0;
  int grades_differ = 0;
  for (const golden_case& c : cases) {
    const auto r = ecoindex(c.dom, c.requests, c.size_kb, flavour::ecoindex_fr);
    if (!r.ok()) {
      diff.add("refused", where(c) + ": " + r.status().ToString());
      continue;
    }
    ++checked;
    const json& w = c.fr;
    ASSERT_TRUE(w.at("score").is_number_integer()) << where(c);
    const double score = w.at("score").get<double>();
    if (!same_bits(r->score, score)) {
      diff.add("score", where(c) + ": numresp " + show(r->score) + ", Python " + show(score));
    }
    const std::string g = w.at("grade").get<std::string>();
    if (std::string(1, r->grade) != g) diff.add("grade", where(c) + ": numresp " + r->grade + ", Python " + g);
    const double ghg = w.at("ghg").get<double>();
    if (r->ghg_g != ghg) diff.add("ghg", where(c) + ": numresp " + show(r->ghg_g) + ", Python " + show(ghg));
    const double water = w.at("water").get<double>();
    if (r->water_cl != water) {
      diff.add("water", where(c) + ": numresp " + show(r->water_cl) + ", Python " + show(water));
    }
    // The quantile positions do not depend on the flavour.
    for (const auto& [name, got] :
         {std::pair<const char*, double>{"q_dom", r->q_dom}, {"q_requests", r->q_requests}, {"q_size", r->q_size}}) {
      if (!same_bits(got, c.raw.at(name).get<double>())) diff.add(name, where(c) + ": numresp " + show(got));
    }
    bool was_false = false;
    if (npm_grade(c.raw.at("grade"), was_false) != g[0]) ++grades_differ;
  }
  EXPECT_EQ(diff.total(), 0) << diff.total() << " differences from the Python reference:\n" << diff.report();
  EXPECT_EQ(checked, kGoldenLines);
  EXPECT_EQ(grades_differ, kFlavoursGradeDiffer);
}

TEST(EcoIndexGolden, BulkAgreesWithTheGoldenFile) {
  const auto& cases = golden();
  ASSERT_EQ(static_cast<int>(cases.size()), kGoldenLines);
  const std::size_t n = cases.size();
  std::vector<double> dom(n), requests(n), size_kb(n);
  for (std::size_t i = 0; i < n; ++i) {
    dom[i] = cases[i].dom;
    requests[i] = cases[i].requests;
    size_kb[i] = cases[i].size_kb;
  }
  for (const flavour f : {flavour::raw, flavour::ecoindex_fr}) {
    SCOPED_TRACE(std::string(to_string(f)));
    std::vector<double> score(n), ghg(n), water(n);
    std::vector<char> grades(n);
    ASSERT_TRUE(ecoindex(dom, requests, size_kb, f, absl::MakeSpan(score), absl::MakeSpan(grades), absl::MakeSpan(ghg),
                         absl::MakeSpan(water))
                    .ok());
    differences diff;
    for (std::size_t i = 0; i < n; ++i) {
      const golden_case& c = cases[i];
      bool was_false = false;
      if (f == flavour::raw) {
        if (!same_bits(score[i], c.raw.at("score").get<double>())) diff.add("score", where(c) + ": " + show(score[i]));
        if (grades[i] != npm_grade(c.raw.at("grade"), was_false)) diff.add("grade", where(c));
        if (to_fixed_2(ghg[i]) != c.raw.at("ghg").get<std::string>()) diff.add("ghg", where(c) + ": " + show(ghg[i]));
        if (to_fixed_2(water[i]) != c.raw.at("water").get<std::string>()) {
          diff.add("water", where(c) + ": " + show(water[i]));
        }
      } else {
        if (!same_bits(score[i], c.fr.at("score").get<double>())) diff.add("score", where(c) + ": " + show(score[i]));
        if (std::string(1, grades[i]) != c.fr.at("grade").get<std::string>()) diff.add("grade", where(c));
        if (ghg[i] != c.fr.at("ghg").get<double>()) diff.add("ghg", where(c) + ": " + show(ghg[i]));
        if (water[i] != c.fr.at("water").get<double>()) diff.add("water", where(c) + ": " + show(water[i]));
      }
    }
    EXPECT_EQ(diff.total(), 0) << diff.report();
  }
}

// --- The Python reference's own test values -------------------------------------------------

// One CSV record: fields split on commas outside double quotes ("" is a quote).
std::vector<std::string> split_csv(const std::string& line) {
  std::vector<std::string> fields(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char ch = line[i];
    if (quoted) {
      if (ch == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        fields.back() += '"';
        ++i;
      } else if (ch == '"') {
        quoted = false;
      } else {
        fields.back() += ch;
      }
    } else if (ch == '"') {
      quoted = true;
    } else if (ch == ',') {
      fields.emplace_back();
    } else {
      fields.back() += ch;
    }
  }
  return fields;
}

TEST(EcoIndexGolden, PythonReferenceTestValues) {
  std::ifstream in(kPythonValues);
  ASSERT_TRUE(in.is_open()) << "cannot read " << kPythonValues;
  std::string text;
  ASSERT_TRUE(std::getline(in, text));
  ASSERT_EQ(text, "function,argument,dom,requests,size_kb,field,expected,source");
  std::map<std::string, int> counts;
  int exact_realisations = 0;
  while (std::getline(in, text)) {
    if (text.empty()) continue;
    const std::vector<std::string> f = split_csv(text);
    ASSERT_EQ(f.size(), 8U) << text;
    SCOPED_TRACE(f[7] + ": " + text);
    const std::string& fn = f[0];
    const std::string& field = f[5];
    const std::string& expected = f[6];
    const double dom = std::stod(f[2]);
    const double requests = std::stod(f[3]);
    const double size_kb = std::stod(f[4]);
    const auto raw = ecoindex(dom, requests, size_kb, flavour::raw);
    const auto fr = ecoindex(dom, requests, size_kb, flavour::ecoindex_fr);
    ASSERT_TRUE(raw.ok()) << raw.status();
    ASSERT_TRUE(fr.ok()) << fr.status();
    ++counts[fn];

    if (fn == "get_quantile") {
      const double want = std::stod(expected);
      const double got = field == "q_dom" ? fr->q_dom : field == "q_requests" ? fr->q_requests : fr->q_size;
      EXPECT_EQ(got, want) << show(got);
      const double got_raw = field == "q_dom" ? raw->q_dom : field == "q_requests" ? raw->q_requests : raw->q_size;
      EXPECT_EQ(got_raw, want) << show(got_raw);
    } else if (fn == "get_score" || fn == "get_ecoindex") {
      if (field == "score") {
        EXPECT_EQ(fr->score, std::stod(expected));
      } else if (field == "grade") {
        EXPECT_EQ(std::string(1, fr->grade), expected);
      } else if (field == "ghg") {
        EXPECT_EQ(fr->ghg_g, std::stod(expected)) << show(fr->ghg_g);
      } else if (field == "water") {
        EXPECT_EQ(fr->water_cl, std::stod(expected)) << show(fr->water_cl);
      } else {
        ADD_FAILURE() << "unknown field " << field;
      }
    } else {
      // A function of a score: the row's inputs give an npm raw score equal to the argument
      // (50.2 is no reachable score: there, the nearest one), so ecoindex.fr's rounded score is
      // the argument rounded.
      const double argument = std::stod(f[1]);
      EXPECT_NEAR(raw->score, argument, 1e-12);
      if (raw->score == argument) ++exact_realisations;
      EXPECT_EQ(fr->score, round_half_even(argument));
      if (fn == "get_grade") {
        EXPECT_EQ(std::string(1, grade(argument)), expected);  // the reference's call itself
        EXPECT_EQ(std::string(1, raw->grade), expected);
        if (argument == round_half_even(argument)) {
          EXPECT_EQ(std::string(1, fr->grade), expected);
        }
      } else if (fn == "get_greenhouse_gases_emmission") {
        EXPECT_EQ(fr->ghg_g, std::stod(expected)) << show(fr->ghg_g);
      } else if (fn == "get_water_consumption") {
        EXPECT_EQ(fr->water_cl, std::stod(expected)) << show(fr->water_cl);
      } else {
        ADD_FAILURE() << "unknown function " << fn;
      }
    }
  }
  const std::map<std::string, int> expected_counts = {
      {"get_quantile", 4},
      {"get_score", 6},
      {"get_ecoindex", 8},
      {"get_grade", 5},
      {"get_greenhouse_gases_emmission", 4},
      {"get_water_consumption", 4},
  };
  EXPECT_EQ(counts, expected_counts);
  EXPECT_EQ(exact_realisations, 12);  // all score arguments but get_grade(50.2)
}

}  // namespace
}  // namespace numresp::web
