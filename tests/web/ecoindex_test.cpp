// Unit tests of numresp/web/ecoindex.hpp: the reference repositories' own test values (the
// project's research notes on EcoIndex, section 3), the flavours, the legacy scale, toFixed, and
// errors. Parity on thousands of inputs runs on golden vectors (ecoindex_golden_test.cpp).
#include "numresp/web/ecoindex.hpp"

#include <limits>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "numresp/testing/status_matchers.hpp"

namespace numresp::web {
namespace {

using ::numresp::testing::is_ok;
using ::numresp::testing::is_ok_and_holds;
using ::numresp::testing::status_is;
using ::testing::HasSubstr;

ecoindex_result run(double dom, double req, double size, flavour f = flavour::raw) {
  auto r = ecoindex(dom, req, size, f);
  EXPECT_THAT(r, is_ok());
  return *r;
}

TEST(EcoIndex, PythonReferenceValues) {
  const auto& t = ecoindex_tables::builtin();
  EXPECT_EQ(quantile(t.size_kb, 2500), 14.086372025739513);
  EXPECT_EQ(quantile(t.dom, 150), 2.892857142857143);
  EXPECT_EQ(quantile(t.requests, 23), 2.8);
  EXPECT_EQ(quantile(t.size_kb, 310182.902), 20);
  const struct {
    double dom, req, size, score;
  } scores[] = {{100, 100, 100, 72},   {100, 100, 1000, 67},  {100, 100, 10000, 58},
                {200, 200, 10000, 46}, {2355, 267, 2493, 10}, {240, 20, 331, 83}};
  for (const auto& c : scores) EXPECT_EQ(run(c.dom, c.req, c.size, flavour::ecoindex_fr).score, c.score);
  const ecoindex_result r = run(100, 100, 100, flavour::ecoindex_fr);
  EXPECT_EQ(r.grade, 'B');
  EXPECT_EQ(r.ghg_g, 1.56);
  EXPECT_EQ(r.water_cl, 2.34);
  const ecoindex_result out_of_range = run(2240, 100, 310182.902, flavour::ecoindex_fr);
  EXPECT_EQ(out_of_range.score, 16);
  EXPECT_EQ(out_of_range.grade, 'F');
  EXPECT_EQ(out_of_range.ghg_g, 2.68);
  EXPECT_EQ(out_of_range.water_cl, 4.02);
}

TEST(EcoIndex, BoundariesGiveExactScores) {
  const auto& t = ecoindex_tables::builtin();
  for (std::size_t i = 0; i <= 20; ++i) {
    EXPECT_EQ(run(t.dom[i], t.requests[i], t.size_kb[i]).score, 100.0 - 5.0 * static_cast<double>(i)) << i;
  }
}

TEST(EcoIndex, Grades) {
  for (const auto& [score, g] : std::vector<std::pair<double, char>>{{81, 'A'},
                                                                     {80, 'B'},
                                                                     {71, 'B'},
                                                                     {70, 'C'},
                                                                     {56, 'C'},
                                                                     {55, 'D'},
                                                                     {41, 'D'},
                                                                     {40, 'E'},
                                                                     {26, 'E'},
                                                                     {25, 'F'},
                                                                     {11, 'F'},
                                                                     {10, 'G'},
                                                                     {0, 'G'},
                                                                     {55.2, 'C'},
                                                                     {50.2, 'D'}}) {
    EXPECT_EQ(grade(score), g) << score;
  }
  EXPECT_EQ(run(0, 0, 0).grade, 'A');
  EXPECT_EQ(run(600000, 4000, 300000).grade, 'G') << "npm says false here; numresp says G";
  EXPECT_EQ(run(600000, 4000, 300000).score, 0.0);
}

TEST(EcoIndex, FlavoursDifferWhereTheReferencesDo) {
  EXPECT_EQ(run(159, 0, 0).score, 92.5);
  EXPECT_EQ(run(159, 0, 0, flavour::ecoindex_fr).score, 92.0) << "half to even";
  EXPECT_EQ(run(47, 0, 0, flavour::ecoindex_fr).score, 98.0);
  EXPECT_EQ(run(86, 111, 153).grade, 'B');
  EXPECT_EQ(run(86, 111, 153, flavour::ecoindex_fr).grade, 'C');
  EXPECT_EQ(run(2299, 275, 2364.674).grade, 'F');
  EXPECT_EQ(run(2299, 275, 2364.674, flavour::ecoindex_fr).grade, 'G');
  const ecoindex_result tie = run(61, 2, 1.37);
  EXPECT_EQ(tie.score, 93.75);
  EXPECT_EQ(tie.ghg_g, 1.125);
  EXPECT_EQ(to_fixed_2(tie.ghg_g), "1.13") << "JS toFixed rounds an exact tie up";
  EXPECT_EQ(run(61, 2, 1.37, flavour::ecoindex_fr).ghg_g, 1.12);
}

TEST(EcoIndex, PerViewFormulas) {
  const ecoindex_result zero = run(0, 0, 0);
  EXPECT_EQ(zero.ghg_g, 1.0);
  EXPECT_EQ(zero.water_cl, 1.5);
  const ecoindex_result worst = run(1e9, 1e9, 1e9);
  EXPECT_EQ(worst.ghg_g, 3.0);
  EXPECT_EQ(worst.water_cl, 4.5);
}

TEST(EcoIndex, LegacyScale) {
  EXPECT_EQ(from_legacy_score(67), 72);
  EXPECT_EQ(legacy_grade(76), 'A');
  EXPECT_EQ(legacy_grade(75), 'B');
  EXPECT_EQ(legacy_grade(5), 'G');
  EXPECT_EQ(legacy_grade(-5), 'G');
}

TEST(EcoIndex, ToFixed2) {
  EXPECT_EQ(to_fixed_2(2.125), "2.13");
  EXPECT_EQ(to_fixed_2(1.005), "1.00") << "1.005 is below the tie in binary";
  EXPECT_EQ(to_fixed_2(2.96), "2.96");
  EXPECT_EQ(to_fixed_2(2.8), "2.80");
  EXPECT_EQ(to_fixed_2(0), "0.00");
  EXPECT_EQ(to_fixed_2(9.999), "10.00");
  EXPECT_EQ(to_fixed_2(-1.125), "-1.13");
}

TEST(EcoIndex, BadInputsNameTheArgument) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  EXPECT_THAT(ecoindex(-1, 10, 10), status_is(absl::StatusCode::kInvalidArgument, HasSubstr("dom = -1")));
  EXPECT_THAT(ecoindex(1, nan, 10), status_is(absl::StatusCode::kInvalidArgument, HasSubstr("requests = nan")));
  EXPECT_THAT(ecoindex(1, 1, std::numeric_limits<double>::infinity()),
              status_is(absl::StatusCode::kInvalidArgument, HasSubstr("size_kb = inf")));
  EXPECT_THAT(parse_flavour("npm"), status_is(absl::StatusCode::kInvalidArgument, HasSubstr("flavour = \"npm\"")));
  EXPECT_THAT(parse_flavour("ecoindex.fr"), is_ok_and_holds(flavour::ecoindex_fr));
}

TEST(EcoIndex, BulkMatchesScalarAndNamesTheIndex) {
  const std::vector<double> dom = {0, 100, 2355, 159}, req = {0, 100, 267, 0}, size = {0, 100, 2493, 0};
  std::vector<double> score(4), ghg(4), water(4);
  std::vector<char> g(4);
  for (flavour f : {flavour::raw, flavour::ecoindex_fr}) {
    ASSERT_THAT(ecoindex(dom, req, size, f, absl::MakeSpan(score), absl::MakeSpan(g), absl::MakeSpan(ghg),
                         absl::MakeSpan(water)),
                is_ok());
    for (std::size_t i = 0; i < 4; ++i) {
      const ecoindex_result r = run(dom[i], req[i], size[i], f);
      EXPECT_EQ(score[i], r.score);
      EXPECT_EQ(g[i], r.grade);
      EXPECT_EQ(ghg[i], r.ghg_g);
      EXPECT_EQ(water[i], r.water_cl);
    }
  }
  const std::vector<double> bad = {1, 2, -3, 4};
  EXPECT_THAT(ecoindex(dom, bad, size, flavour::raw, absl::MakeSpan(score), absl::MakeSpan(g), absl::MakeSpan(ghg),
                       absl::MakeSpan(water)),
              status_is(absl::StatusCode::kInvalidArgument, HasSubstr("requests[2] = -3")));
  EXPECT_THAT(ecoindex(dom, std::vector<double>(3), size, flavour::raw, absl::MakeSpan(score), absl::MakeSpan(g),
                       absl::MakeSpan(ghg), absl::MakeSpan(water)),
              status_is(absl::StatusCode::kInvalidArgument, HasSubstr("same length")));
}

}  // namespace
}  // namespace numresp::web
