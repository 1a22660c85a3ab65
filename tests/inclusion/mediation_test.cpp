// Tests of numresp/inclusion/mediation.hpp: reading CRA v1 and v2 (JSON:API, plain arrays, the v1
// camelCase documents and archive, CSV, JSON lines), every kind of rejected row, the accounting
// (accepted + rejected = read), the v1 → v2 harmonisation, and the indicators hand-computed on
// the SYNTHETIC samples of tests/data/inclusion (README-mediation.md lists their figures).
#include "numresp/inclusion/mediation.hpp"

#include <cmath>
#include <fstream>
#include <limits>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "numresp/testing/status_matchers.hpp"

namespace numresp::inclusion {
namespace {

using ::numresp::testing::is_ok;
using ::numresp::testing::status_is;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using json = nlohmann::json;

const std::string kDir = NUMRESP_TEST_DATA_DIR "/inclusion/";
constexpr double kEps = 1e-12;

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in.good()) << "cannot read " << path;
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

civil_date day(int y, int m, int d) {
  civil_date c;
  c.year = y;
  c.month = m;
  c.day = d;
  return c;
}

read_result read_file(const std::string& name) {
  absl::StatusOr<read_result> r = read_activities_file(kDir + name);
  EXPECT_THAT(r, is_ok());
  return r.ok() ? *r : read_result{};
}

mediation_indicators indicators(const read_result& r, const indicator_options& o = {}) {
  absl::StatusOr<mediation_indicators> k = compute_indicators(r.accepted, o);
  EXPECT_THAT(k, is_ok());
  return k.ok() ? *k : mediation_indicators{};
}

const activity* by_id(const read_result& r, const std::string& id) {
  for (const activity& a : r.accepted) {
    if (a.id == id) return &a;
  }
  ADD_FAILURE() << "no accepted activity " << id;
  return nullptr;
}

const share_estimate& share(const mediation_indicators& k, const std::string& name) {
  for (const share_estimate& s : k.shares) {
    if (s.indicator == name) return s;
  }
  ADD_FAILURE() << "no share " << name;
  static share_estimate none;
  return none;
}

/// The fields of an activity that a reader sets, as text, to compare two readings.
std::string describe(const activity& a) {
  std::ostringstream s;
  s << a.id << "|" << format_date(a.date) << "|" << a.adviser << "|" << a.place << "|" << to_string(a.place_type) << "|"
    << to_string(a.type) << "|" << a.v1_ponctuel << "|" << a.participants << "|"
    << (a.recurring_participants ? std::to_string(*a.recurring_participants) : "-") << "|"
    << (a.duration_minutes ? std::to_string(*a.duration_minutes) : "-") << "|"
    << (a.duration_bucket ? to_string(*a.duration_bucket) : "-") << "|" << a.duration_exact << "|"
    << (a.autonomy ? to_string(*a.autonomy) : "-") << "|" << a.administrative << "|"
    << (a.referred ? (*a.referred ? "yes" : "no") : "-") << "|" << a.commune_code << "|" << a.source_version << "|";
  for (const std::string& t : a.themes) s << t << ",";
  s << "|";
  for (const std::string& t : a.referral_targets) s << t << ",";
  s << "|";
  for (int n : a.ages) s << n << ",";
  s << "|";
  for (int n : a.statuses) s << n << ",";
  return s.str();
}

struct expected_rejection {
  std::size_t row;
  std::string id;
  std::string field;
  std::string value;
  std::string message;  // a substring
};

void expect_rejections(const read_result& r, const std::vector<expected_rejection>& want) {
  ASSERT_EQ(r.rejected.size(), want.size());
  for (std::size_t i = 0; i < want.size(); ++i) {
    SCOPED_TRACE(want[i].id);
    EXPECT_EQ(r.rejected[i].row, want[i].row);
    EXPECT_EQ(r.rejected[i].id, want[i].id);
    EXPECT_EQ(r.rejected[i].field, want[i].field);
    EXPECT_EQ(r.rejected[i].value, want[i].value);
    EXPECT_THAT(r.rejected[i].message, HasSubstr(want[i].message));
  }
}

// -- Dates ----------------------------------------------------------------------------------------

TEST(mediation_dates, ParsesTheFormsOfTheReports) {
  EXPECT_THAT(parse_date("2024-09-03"), ::numresp::testing::is_ok_and_holds(day(2024, 9, 3)));
  EXPECT_THAT(parse_date(" 14/03/2022 "), ::numresp::testing::is_ok_and_holds(day(2022, 3, 14)));
  EXPECT_THAT(parse_date("2024-02-29"), ::numresp::testing::is_ok_and_holds(day(2024, 2, 29)));
  // Without an offset the date is kept.
  EXPECT_THAT(parse_date("2022-03-14T23:30:00"), ::numresp::testing::is_ok_and_holds(day(2022, 3, 14)));
  // With one, the French civil date: UTC+1 in winter...
  EXPECT_THAT(parse_date("2022-03-14T23:00:00.000Z"), ::numresp::testing::is_ok_and_holds(day(2022, 3, 15)));
  EXPECT_THAT(parse_date("2022-03-14T22:59:59Z"), ::numresp::testing::is_ok_and_holds(day(2022, 3, 14)));
  // ... UTC+2 from the last Sunday of March (27 March 2022, 01:00 UTC) to the last of October (30th).
  EXPECT_THAT(parse_date("2022-03-28T22:00:00.000Z"), ::numresp::testing::is_ok_and_holds(day(2022, 3, 29)));
  EXPECT_THAT(parse_date("2022-03-27T00:59:59Z"), ::numresp::testing::is_ok_and_holds(day(2022, 3, 27)));
  EXPECT_THAT(parse_date("2022-03-26T23:00:00Z"), ::numresp::testing::is_ok_and_holds(day(2022, 3, 27)));
  EXPECT_THAT(parse_date("2022-10-30T00:30:00Z"), ::numresp::testing::is_ok_and_holds(day(2022, 10, 30)));
  EXPECT_THAT(parse_date("2022-10-29T22:00:00Z"), ::numresp::testing::is_ok_and_holds(day(2022, 10, 30)));
  EXPECT_THAT(parse_date("2022-12-31T23:00:00Z"), ::numresp::testing::is_ok_and_holds(day(2023, 1, 1)));
  EXPECT_THAT(parse_date("2024-06-01T01:00:00+02:00"), ::numresp::testing::is_ok_and_holds(day(2024, 6, 1)));
  EXPECT_THAT(parse_date("2024-06-01T08:00:00-05:00"), ::numresp::testing::is_ok_and_holds(day(2024, 6, 1)));
  EXPECT_THAT(parse_date("2024-05-31T22:30+0000"), ::numresp::testing::is_ok_and_holds(day(2024, 6, 1)));
}

TEST(mediation_dates, RejectsOtherForms) {
  for (const char* bad : {"", "2024-02-30", "2023-02-29", "2024-13-01", "2024-9-3", "03/09/24", "2024-09-03T",
                          "2024-09-03T25:00Z", "2024-09-03T10:00:00+25:00", "2024-09-03 junk", "31/04/2024"}) {
    EXPECT_THAT(parse_date(bad), status_is(absl::StatusCode::kInvalidArgument, HasSubstr("date"))) << bad;
  }
  EXPECT_EQ(format_date(day(2024, 9, 3)), "2024-09-03");
  EXPECT_TRUE(is_valid_date(day(2000, 2, 29)));
  EXPECT_FALSE(is_valid_date(day(1900, 2, 29)));
}

// -- Names and detection ------------------------------------------------------------------------

TEST(mediation_names, RoundTripAndListTheKnownValues) {
  for (place_kind p : {place_kind::lieu_activite, place_kind::domicile, place_kind::a_distance, place_kind::autre}) {
    EXPECT_THAT(parse_place_kind(to_string(p)), ::numresp::testing::is_ok_and_holds(p));
  }
  EXPECT_THAT(parse_activity_kind("collectif"), ::numresp::testing::is_ok_and_holds(activity_kind::collectif));
  EXPECT_THAT(parse_autonomy_level("autonome"), ::numresp::testing::is_ok_and_holds(autonomy_level::autonome));
  EXPECT_THAT(parse_duration_band(">=60"), ::numresp::testing::is_ok_and_holds(duration_band::from_60));
  EXPECT_THAT(parse_place_kind("mairie"),
              status_is(absl::StatusCode::kNotFound, HasSubstr("lieu_activite, domicile, a_distance, autre")));
  EXPECT_EQ(to_string(age_band::from_18_to_59), "18-59");
  EXPECT_EQ(to_string(status_group::unknown), "unknown");
  EXPECT_EQ(band_of(29.99), duration_band::under_30);
  EXPECT_EQ(band_of(30), duration_band::from_30_to_60);
  EXPECT_EQ(band_of(60), duration_band::from_60);
  EXPECT_EQ(thematique_keys().size(), 30u);
  EXPECT_TRUE(is_administrative_thematique("aide_aux_demarches_administratives"));
  EXPECT_TRUE(is_administrative_thematique("argent_impots"));
  EXPECT_TRUE(is_administrative_thematique("associations"));
  EXPECT_FALSE(is_administrative_thematique("sante"));  // digital "santé" (Ameli account...) is not
}

TEST(mediation_detect, TellsTheVersionsApart) {
  using v = std::vector<std::string>;
  EXPECT_THAT(detect_version(v{"id", "date", "type", "thematiques"}),
              ::numresp::testing::is_ok_and_holds(cra_version::v2));
  EXPECT_THAT(detect_version(v{"id", "beneficiaires.total"}), ::numresp::testing::is_ok_and_holds(cra_version::v2));
  EXPECT_THAT(detect_version(v{"_id", "cra", "conseiller"}), ::numresp::testing::is_ok_and_holds(cra_version::v1));
  EXPECT_THAT(detect_version(v{"canal", "activite", "age_moins_12_ans"}),
              ::numresp::testing::is_ok_and_holds(cra_version::v1));
  EXPECT_THAT(detect_version(v{"id", "date"}), status_is(absl::StatusCode::kInvalidArgument, HasSubstr("version")));
  EXPECT_THAT(detect_version(v{"type", "canal"}), status_is(absl::StatusCode::kInvalidArgument, HasSubstr("1 v1")));
}

// -- The v2 sample ------------------------------------------------------------------------------

const std::vector<expected_rejection> kV2Rejections = {
    {2, "x01", "type", "atelier", "unknown value \"atelier\"; allowed: individuel, demarche_administrative"},
    {6, "x02", "type_lieu", "mairie", "allowed: lieu_activite, domicile, a_distance, autre"},
    {11, "x03", "thematiques", "impots", "unknown value \"impots\""},
    {14, "x04", "date", "2024-02-30", "no such day"},
    {17, "x05", "accompagnements", "0", "must be >= 1"},
    {21, "x06", "duree", "-30", "must be >= 0"},
    {24, "x07", "beneficiaires.tranches_age", "6", "sum to 6, more than the 4 participants"},
    {27, "x08", "accompagnements", "2", "exactly 1 participant"},
    {30, "x09", "suppression", "2024-11-25T09:12:00.000Z", "deleted"},
    {33, "x10", "structure_id", "", "required when type_lieu is lieu_activite"},
    {36, "x11", "autonomie", "total", "allowed: entierement_accompagne"},
    {39, "x12", "beneficiaires.tranches_age.douze_dix_huit", "trois", "whole number"},
    {42, "x13", "mediateur_id", "", "required"},
    {44, "x14", "thematiques", "[]", "at least one"},
};

TEST(mediation_v2, ReadsTheJsonApiSampleAndRejectsEveryKindOfBadRow) {
  const read_result r = read_file("cra_v2_sample.json");
  EXPECT_EQ(r.version, cra_version::v2);
  EXPECT_EQ(r.read, 46u);
  EXPECT_EQ(r.accepted.size(), 32u);
  EXPECT_EQ(r.accepted.size() + r.rejected.size(), r.read);
  expect_rejections(r, kV2Rejections);
}

TEST(mediation_v2, HarmonisesTheFields) {
  const read_result r = read_file("cra_v2_sample.json");
  const activity* a01 = by_id(r, "a01");
  ASSERT_NE(a01, nullptr);
  EXPECT_EQ(a01->date, day(2024, 9, 3));
  EXPECT_EQ(a01->adviser, "cn-01");
  EXPECT_EQ(a01->place, "mediatheque-francois-mitterrand");
  EXPECT_EQ(a01->place_type, place_kind::lieu_activite);
  EXPECT_EQ(a01->participants, 1);
  EXPECT_EQ(a01->duration_minutes, 45.0);
  EXPECT_EQ(a01->duration_bucket, duration_band::from_30_to_60);
  EXPECT_TRUE(a01->duration_exact);
  EXPECT_EQ(a01->autonomy, autonomy_level::entierement_accompagne);
  EXPECT_THAT(a01->themes, ElementsAre("aide_aux_demarches_administratives", "social_sante"));
  EXPECT_TRUE(a01->administrative);
  EXPECT_EQ(a01->referred, true);
  EXPECT_THAT(a01->referral_targets, ElementsAre("aide_aux_demarches_administratives"));
  EXPECT_THAT(a01->ages, ElementsAre(0, 0, 1, 0, 0));      // quarante_cinquante_neuf → 18-59
  EXPECT_THAT(a01->statuses, ElementsAre(0, 1, 0, 0, 0));  // sans_emploi
  EXPECT_EQ(a01->source_version, 2);
  EXPECT_EQ(a01->source_row, 0u);
  // The 2024 type "demarche_administrative": an individual activity about access to rights.
  const activity* a10 = by_id(r, "a10");
  ASSERT_NE(a10, nullptr);
  EXPECT_EQ(a10->type, activity_kind::individuel);
  EXPECT_TRUE(a10->administrative);
  EXPECT_THAT(a10->themes, ElementsAre("aide_aux_demarches_administratives", "famille_scolarite"));
  // A workshop: non_communique and the age grid (60-69 + 70+ → 60+).
  const activity* a04 = by_id(r, "a04");
  ASSERT_NE(a04, nullptr);
  EXPECT_EQ(a04->type, activity_kind::collectif);
  EXPECT_EQ(a04->participants, 6);
  EXPECT_FALSE(a04->autonomy.has_value());
  EXPECT_FALSE(a04->referred.has_value());  // oriente_vers_structure null
  EXPECT_THAT(a04->ages, ElementsAre(0, 0, 0, 5, 1));
  // Elsewhere than a place: the commune.
  const activity* a15 = by_id(r, "a15");
  ASSERT_NE(a15, nullptr);
  EXPECT_EQ(a15->place_type, place_kind::a_distance);
  EXPECT_EQ(a15->place, "Poitiers");
  EXPECT_EQ(a15->commune_code, "86194");
  // No duration, no autonomy.
  const activity* a32 = by_id(r, "a32");
  ASSERT_NE(a32, nullptr);
  EXPECT_FALSE(a32->duration_minutes.has_value());
  EXPECT_FALSE(a32->duration_bucket.has_value());
  EXPECT_FALSE(a32->autonomy.has_value());
  for (const activity& a : r.accepted) EXPECT_THAT(validate_activity(a), is_ok()) << a.id;
}

TEST(mediation_v2, CsvSampleReadsLikeTheJson) {
  // Same rows, ';'-separated (detected), lists with '|', nested keys joined with '.'.
  const read_result json_read = read_file("cra_v2_sample.json");
  const read_result csv_read = read_file("cra_v2_sample.csv");
  EXPECT_EQ(csv_read.version, cra_version::v2);
  EXPECT_EQ(csv_read.read, 46u);
  ASSERT_EQ(csv_read.accepted.size(), json_read.accepted.size());
  for (std::size_t i = 0; i < csv_read.accepted.size(); ++i) {
    EXPECT_EQ(describe(csv_read.accepted[i]), describe(json_read.accepted[i]));
    EXPECT_EQ(csv_read.accepted[i].source_row, json_read.accepted[i].source_row + 1);  // 1-based CSV rows
  }
  ASSERT_EQ(csv_read.rejected.size(), json_read.rejected.size());
  for (std::size_t i = 0; i < csv_read.rejected.size(); ++i) {
    EXPECT_EQ(csv_read.rejected[i].row, json_read.rejected[i].row + 1);
    EXPECT_EQ(csv_read.rejected[i].id, json_read.rejected[i].id);
    EXPECT_EQ(csv_read.rejected[i].field, json_read.rejected[i].field);
  }
  // An empty cell is an absent value: the empty list of x14 is a missing required field in CSV.
  EXPECT_EQ(csv_read.rejected.back().value, "");
  EXPECT_THAT(csv_read.rejected.back().message, HasSubstr("required"));
}

TEST(mediation_v2, PlainArraysAndJsonLinesReadTheSameActivities) {
  const json doc = json::parse(slurp(kDir + "cra_v2_sample.json"));
  const read_result api = read_file("cra_v2_sample.json");
  // A plain array of attribute objects (ids inside).
  json plain = json::array();
  std::string lines;
  for (const json& resource : doc["data"]) {
    json attributes = resource["attributes"];
    attributes["id"] = resource["id"];
    plain.push_back(attributes);
    lines += resource.dump() + "\n";
  }
  absl::StatusOr<read_result> p = read_activities_json(plain.dump());
  ASSERT_THAT(p, is_ok());
  ASSERT_EQ(p->accepted.size(), api.accepted.size());
  for (std::size_t i = 0; i < api.accepted.size(); ++i) EXPECT_EQ(describe(p->accepted[i]), describe(api.accepted[i]));
  EXPECT_EQ(p->rejected.size(), api.rejected.size());
  // JSON lines, with a blank line and a broken line: rows are 1-based lines.
  lines = "\n" + lines + "{\"type\": \"activite\", \n";
  absl::StatusOr<read_result> l = read_activities_json_lines(lines);
  ASSERT_THAT(l, is_ok());
  EXPECT_EQ(l->read, 47u);
  EXPECT_EQ(l->accepted.size(), 32u);
  EXPECT_EQ(l->accepted.size() + l->rejected.size(), l->read);
  EXPECT_EQ(l->accepted.front().source_row, 2u);
  EXPECT_EQ(l->rejected.front().row, 4u);  // x01, 3rd resource on line 4
  EXPECT_EQ(l->rejected.back().row, 48u);
  EXPECT_EQ(l->rejected.back().field, "");
  EXPECT_EQ(l->rejected.back().message, "malformed JSON");
}

TEST(mediation_v2, IndicatorsOfTheSample) {
  const read_result r = read_file("cra_v2_sample.json");
  indicator_options o;
  o.population = 90000;
  o.start = day(2024, 9, 1);
  o.end = day(2024, 12, 31);
  const mediation_indicators k = indicators(r, o);
  const mediation_totals& t = k.totals;
  EXPECT_EQ(t.all.activities, 32u);
  EXPECT_EQ(t.all.individual, 24u);
  EXPECT_EQ(t.all.collective, 8u);
  EXPECT_EQ(t.all.accompaniments, 81u);  // 24 individual + 6+8+5+10+8+4+7+9 in workshops
  EXPECT_EQ(t.all.timed, 31u);
  EXPECT_DOUBLE_EQ(t.all.minutes, 1770);
  EXPECT_NEAR(t.mean_minutes, 1770.0 / 31, kEps);
  EXPECT_EQ(t.estimated_durations, 0u);
  EXPECT_EQ(t.v2_reports, 32u);
  EXPECT_EQ(t.v1_reports, 0u);
  EXPECT_EQ(t.advisers, 3u);
  EXPECT_EQ(t.places, 8u);  // 6 places, home (Poitiers), remote (Poitiers)
  EXPECT_EQ(t.excluded_by_date, 0u);
  // The period: 1 September to 31 December 2024 = 122 days = 122/366 of a leap year = 1/3.
  EXPECT_EQ(t.period_days, 122u);
  EXPECT_NEAR(t.period_years, 1.0 / 3, kEps);
  EXPECT_NEAR(t.activities_per_1000, 32.0 / 90, kEps);
  EXPECT_NEAR(t.accompaniments_per_1000, 0.9, kEps);
  EXPECT_NEAR(t.activities_per_1000_per_year, 32.0 / 90 * 3, 1e-12);
  EXPECT_NEAR(t.accompaniments_per_1000_per_year, 2.7, 1e-12);

  // Shares: 12 of 32 activities concern access to rights (37.5 %, the plan's 38 %); their 19 of 81
  // participants; referred 5 of the 23 where it is known; no autonomy 8 of 23 (35 %).
  const share_estimate& adm = share(k, "administrative_activities");
  EXPECT_EQ(adm.numerator, 12);
  EXPECT_EQ(adm.denominator, 32);
  EXPECT_EQ(adm.n, 32u);
  EXPECT_DOUBLE_EQ(adm.share, 0.375);
  EXPECT_NEAR(adm.low, 0.2293388730945421, 1e-12);
  EXPECT_NEAR(adm.high, 0.5474559264692256, 1e-12);
  const share_estimate& adm_people = share(k, "administrative_accompaniments");
  EXPECT_EQ(adm_people.numerator, 19);
  EXPECT_EQ(adm_people.denominator, 81);
  EXPECT_EQ(adm_people.n, 32u);  // the activities are the interval's trials
  EXPECT_NEAR(adm_people.share, 19.0 / 81, kEps);
  EXPECT_NEAR(adm_people.low, 0.12140840585040191, 1e-12);
  EXPECT_NEAR(adm_people.high, 0.4046249956924133, 1e-12);
  const share_estimate& referred = share(k, "referred_activities");
  EXPECT_EQ(referred.numerator, 5);
  EXPECT_EQ(referred.n, 23u);
  EXPECT_NEAR(referred.low, 0.09663978026586204, 1e-12);
  EXPECT_NEAR(referred.high, 0.4190348301626401, 1e-12);
  const share_estimate& no_autonomy = share(k, "no_autonomy");
  EXPECT_EQ(no_autonomy.numerator, 8);
  EXPECT_EQ(no_autonomy.n, 23u);
  EXPECT_NEAR(no_autonomy.share, 8.0 / 23, kEps);
  EXPECT_NEAR(no_autonomy.low, 0.18811275938797734, 1e-12);
  EXPECT_NEAR(no_autonomy.high, 0.55109664622737, 1e-12);
  EXPECT_DOUBLE_EQ(share(k, "collective_activities").share, 0.25);
  ASSERT_EQ(k.shares.size(), 5u);

  // Autonomy: 8 / 10 / 5 over the 23 individual reports that have it; 9 unknown (8 workshops, a32).
  ASSERT_EQ(k.autonomy.size(), 4u);
  EXPECT_EQ(k.autonomy[0].category, "entierement_accompagne");
  EXPECT_EQ(k.autonomy[0].count, 8);
  EXPECT_EQ(k.autonomy[1].count, 10);
  EXPECT_EQ(k.autonomy[2].count, 5);
  EXPECT_EQ(k.autonomy[3].category, "unknown");
  EXPECT_EQ(k.autonomy[3].count, 9);
  EXPECT_TRUE(std::isnan(k.autonomy[3].share));
  EXPECT_NEAR(k.autonomy[3].share_of_all, 9.0 / 32, kEps);
  EXPECT_NEAR(k.autonomy[1].share, 10.0 / 23, kEps);
  EXPECT_EQ(k.autonomy[1].n, 23u);

  // Durations: <30: 6, 30-60: 13, >=60: 12 of the 31 timed; a32 unknown.
  ASSERT_EQ(k.durations.size(), 4u);
  EXPECT_EQ(k.durations[0].count, 6);
  EXPECT_EQ(k.durations[1].count, 13);
  EXPECT_EQ(k.durations[2].count, 12);
  EXPECT_EQ(k.durations[3].count, 1);
  EXPECT_NEAR(k.durations[0].low, 0.09187008361586096, 1e-12);
  EXPECT_NEAR(k.durations[0].high, 0.36280257811795463, 1e-12);

  // Ages and statuses on the common grid, participants.
  ASSERT_EQ(k.ages.size(), 5u);
  EXPECT_EQ(k.ages[0].count, 4);   // <12: the coding workshop
  EXPECT_EQ(k.ages[1].count, 6);   // 12-17
  EXPECT_EQ(k.ages[2].count, 32);  // 18-59
  EXPECT_EQ(k.ages[3].count, 33);  // 60+
  EXPECT_EQ(k.ages[4].count, 6);   // unknown
  EXPECT_NEAR(k.ages[3].share, 33.0 / 75, kEps);
  EXPECT_NEAR(k.ages[3].share_of_all, 33.0 / 81, kEps);
  EXPECT_TRUE(std::isnan(k.ages[3].low));
  EXPECT_EQ(k.statuses[0].count, 12);  // student
  EXPECT_EQ(k.statuses[1].count, 14);  // unemployed
  EXPECT_EQ(k.statuses[2].count, 15);  // employed
  EXPECT_EQ(k.statuses[3].count, 33);  // retired
  EXPECT_EQ(k.statuses[4].count, 7);   // unknown

  // Per month {activities, accompaniments, minutes}.
  ASSERT_EQ(k.by_month.size(), 4u);
  const std::vector<std::tuple<std::string, std::size_t, std::size_t, double>> months = {
      {"2024-09", 7, 12, 415}, {"2024-10", 9, 20, 445}, {"2024-11", 8, 24, 445}, {"2024-12", 8, 25, 465}};
  for (std::size_t i = 0; i < months.size(); ++i) {
    EXPECT_EQ(k.by_month[i].key, std::get<0>(months[i]));
    EXPECT_EQ(k.by_month[i].counts.activities, std::get<1>(months[i]));
    EXPECT_EQ(k.by_month[i].counts.accompaniments, std::get<2>(months[i]));
    EXPECT_DOUBLE_EQ(k.by_month[i].counts.minutes, std::get<3>(months[i]));
  }
  // Per adviser.
  ASSERT_EQ(k.by_adviser.size(), 3u);
  EXPECT_EQ(k.by_adviser[0].key, "cn-01");
  EXPECT_EQ(k.by_adviser[0].counts.activities, 12u);
  EXPECT_EQ(k.by_adviser[0].counts.accompaniments, 31u);
  EXPECT_DOUBLE_EQ(k.by_adviser[0].counts.minutes, 550);
  EXPECT_EQ(k.by_adviser[2].key, "cn-03");
  EXPECT_EQ(k.by_adviser[2].counts.accompaniments, 28u);
  // Per place: the 6 places (by name), then home, then remote.
  ASSERT_EQ(k.by_place.size(), 8u);
  EXPECT_EQ(k.by_place[0].place, "ccas-poitiers");
  EXPECT_EQ(k.by_place[0].counts.activities, 4u);
  EXPECT_EQ(k.by_place[0].counts.accompaniments, 10u);
  EXPECT_DOUBLE_EQ(k.by_place[0].counts.minutes, 235);
  EXPECT_EQ(k.by_place[4].place, "maison-quartier-saint-eloi");
  EXPECT_EQ(k.by_place[4].counts.accompaniments, 17u);
  EXPECT_EQ(k.by_place[5].place, "mediatheque-francois-mitterrand");
  EXPECT_EQ(k.by_place[5].counts.activities, 6u);
  EXPECT_EQ(k.by_place[5].counts.collective, 2u);
  EXPECT_EQ(k.by_place[6].place_type, place_kind::domicile);
  EXPECT_EQ(k.by_place[6].counts.activities, 2u);
  EXPECT_DOUBLE_EQ(k.by_place[6].counts.minutes, 165);
  EXPECT_EQ(k.by_place[7].place_type, place_kind::a_distance);
  std::size_t sum = 0;
  for (const place_tally& p : k.by_place) sum += p.counts.accompaniments;
  EXPECT_EQ(sum, t.all.accompaniments);
}

TEST(mediation_v2, PeriodFromTheDataAndDateFilter) {
  const read_result r = read_file("cra_v2_sample.json");
  indicator_options o;
  o.population = 90000;
  mediation_indicators k = indicators(r, o);
  // 3 September to 23 December 2024: 28 + 31 + 30 + 23 = 112 days of a 366-day year.
  EXPECT_EQ(k.totals.period_start, day(2024, 9, 3));
  EXPECT_EQ(k.totals.period_end, day(2024, 12, 23));
  EXPECT_EQ(k.totals.period_days, 112u);
  EXPECT_NEAR(k.totals.period_years, 112.0 / 366, kEps);
  EXPECT_NEAR(k.totals.activities_per_1000_per_year, 32.0 / 90 / (112.0 / 366), 1e-12);

  o.start = day(2024, 10, 1);
  o.end = day(2024, 10, 31);
  k = indicators(r, o);
  EXPECT_EQ(k.totals.all.activities, 9u);
  EXPECT_EQ(k.totals.excluded_by_date, 23u);
  EXPECT_EQ(k.totals.all.accompaniments, 20u);
  ASSERT_EQ(k.by_month.size(), 1u);
  EXPECT_EQ(k.by_month[0].key, "2024-10");
  EXPECT_EQ(k.totals.period_days, 31u);
  EXPECT_NEAR(k.totals.period_years, 31.0 / 366, kEps);
  EXPECT_EQ(share(k, "administrative_activities").numerator, 4);  // a10, a12, a15, a16

  // Without a population the rates are NaN, the rest is computed.
  k = indicators(r, indicator_options{});
  EXPECT_TRUE(std::isnan(k.totals.population));
  EXPECT_TRUE(std::isnan(k.totals.activities_per_1000));
  EXPECT_TRUE(std::isnan(k.totals.accompaniments_per_1000_per_year));
  EXPECT_EQ(k.totals.all.activities, 32u);
}

// -- The v1 sample ------------------------------------------------------------------------------

const std::vector<expected_rejection> kV1Rejections = {
    {2, "v1-x01", "canal", "mairie", "allowed: rattachement, autre lieu, autre, distance, domicile"},
    {6, "v1-x02", "activite", "atelier", "allowed: individuel, collectif, ponctuel"},
    {10, "v1-x03", "themes", "impots", "unknown theme \"impots\""},
    {13, "v1-x04", "nbParticipants", "150", "must be in [1, 100]"},
    {16, "v1-x05", "nbParticipants", "0", "must be in [1, 100]"},
    {19, "v1-x06", "dateAccompagnement", "2022-02-30", "no such day"},
    {22, "v1-x07", "dateAccompagnement", "2019-12-15", "on or after 2020-01-01"},
    {26, "v1-x08", "age", "3", "more than the 2 participants"},
    {30, "v1-x09", "duree", "-15", "must be >= 0"},
    {33, "v1-x10", "conseiller", "", "required"},
    {36, "v1-x11", "codePostal", "8600", "5 characters"},
    {39, "v1-x12", "age.plus65ans", "1", "unknown count key"},
    {42, "v1-x13", "statut.retraite", "-1", "must be in [0, 100]"},
};

TEST(mediation_v1, ReadsTheCamelCaseSampleAndRejectsEveryKindOfBadRow) {
  const read_result r = read_file("cra_v1_sample.json");
  EXPECT_EQ(r.version, cra_version::v1);
  EXPECT_EQ(r.read, 45u);
  EXPECT_EQ(r.accepted.size(), 32u);
  EXPECT_EQ(r.accepted.size() + r.rejected.size(), r.read);
  expect_rejections(r, kV1Rejections);
  for (const activity& a : r.accepted) EXPECT_THAT(validate_activity(a), is_ok()) << a.id;
}

TEST(mediation_v1, HarmonisesToTheV2Vocabulary) {
  const read_result r = read_file("cra_v1_sample.json");
  // Buckets: representative minutes, the bucket kept, not exact.
  const activity* a = by_id(r, "v1-01");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->source_version, 1);
  EXPECT_EQ(a->duration_minutes, 45.0);
  EXPECT_EQ(a->duration_bucket, duration_band::from_30_to_60);
  EXPECT_FALSE(a->duration_exact);
  EXPECT_FALSE(a->autonomy.has_value());  // not in v1
  EXPECT_THAT(a->themes, ElementsAre("aide_aux_demarches_administratives", "sante"));
  EXPECT_TRUE(a->administrative);
  EXPECT_EQ(a->referred, false);
  EXPECT_EQ(a->commune_code, "86194");
  EXPECT_EQ(by_id(r, "v1-02")->duration_minutes, 15.0);                                // "0-30"
  EXPECT_EQ(by_id(r, "v1-04")->duration_bucket, duration_band::from_60);               // "90": 1 h or more
  EXPECT_THAT(by_id(r, "v1-04")->themes, ElementsAre("prendre_en_main_du_materiel"));  // + smartphone, merged
  // Custom durations are exact: "120" (text) and 75 (a number).
  EXPECT_EQ(by_id(r, "v1-16")->duration_minutes, 120.0);
  EXPECT_TRUE(by_id(r, "v1-16")->duration_exact);
  EXPECT_EQ(by_id(r, "v1-26")->duration_minutes, 75.0);
  EXPECT_EQ(by_id(r, "v1-26")->duration_bucket, duration_band::from_60);
  // ponctuel → individual with the flag; a redirection with its organisation.
  const activity* p = by_id(r, "v1-02");
  EXPECT_EQ(p->type, activity_kind::individuel);
  EXPECT_TRUE(p->v1_ponctuel);
  EXPECT_EQ(p->referred, true);
  EXPECT_THAT(p->referral_targets, ElementsAre("CAF"));
  // Referral from `organismes` alone (a list of objects), and from `redirection` alone.
  EXPECT_EQ(by_id(r, "v1-05")->referred, true);
  EXPECT_THAT(by_id(r, "v1-05")->referral_targets, ElementsAre("CCAS"));
  EXPECT_EQ(by_id(r, "v1-13")->referred, true);
  EXPECT_TRUE(by_id(r, "v1-13")->referral_targets.empty());
  // Dates stored as instants are French days: 18 Jan 23:00 UTC = 19 Jan; {"$date"}; summer time.
  EXPECT_EQ(by_id(r, "v1-03")->date, day(2022, 1, 19));
  EXPECT_EQ(by_id(r, "v1-07")->date, day(2022, 2, 8));
  EXPECT_EQ(by_id(r, "v1-16")->date, day(2022, 3, 29));
  // A DBRef adviser; channels; places.
  EXPECT_EQ(by_id(r, "v1-07")->adviser, "cn-01");
  EXPECT_EQ(by_id(r, "v1-07")->place_type, place_kind::domicile);
  EXPECT_EQ(by_id(r, "v1-07")->place, "Poitiers");
  EXPECT_EQ(by_id(r, "v1-13")->place_type, place_kind::a_distance);
  EXPECT_EQ(by_id(r, "v1-25")->place_type, place_kind::autre);  // "autre lieu"
  EXPECT_EQ(by_id(r, "v1-25")->type, activity_kind::collectif);
  // Ages: 18-35 + 35-60 → 18-59; counts below the participants → unknown; heterogene → unknown.
  EXPECT_THAT(by_id(r, "v1-25")->ages, ElementsAre(0, 0, 5, 0, 0));
  EXPECT_THAT(by_id(r, "v1-19")->ages, ElementsAre(0, 0, 0, 4, 2));
  EXPECT_THAT(by_id(r, "v1-19")->statuses, ElementsAre(0, 0, 0, 4, 2));
  EXPECT_THAT(by_id(r, "v1-12")->ages, ElementsAre(0, 0, 0, 0, 1));
  EXPECT_EQ(by_id(r, "v1-29")->recurring_participants, 5);
  EXPECT_FALSE(by_id(r, "v1-12")->recurring_participants.has_value());
  // Theme mapping: "autre" has no v2 thematique.
  EXPECT_THAT(by_id(r, "v1-31")->themes, ElementsAre("diagnostic_numerique"));
  EXPECT_TRUE(by_id(r, "v1-32")->themes.empty());
  EXPECT_THAT(by_id(r, "v1-09")->themes, ElementsAre("bureautique", "insertion_professionnelle"));
  EXPECT_THAT(by_id(r, "v1-22")->themes, ElementsAre("parentalite"));
  EXPECT_THAT(by_id(r, "v1-06")->themes, ElementsAre("scolarite_et_numerique"));
}

/// The camelCase documents turned into the archive's snake_case attributes (JSON:API, `craV1`).
json to_archive(const json& camel) {
  static const std::map<std::string, std::string> kFlat = {
      {"nbParticipants", "nb_participants"}, {"nbParticipantsRecurrents", "nb_participants_recurrents"},
      {"codePostal", "code_postal"},         {"nomCommune", "nom_commune"},
      {"codeCommune", "code_commune"},       {"dateAccompagnement", "date_accompagnement"}};
  static const std::map<std::string, std::string> kAge = {{"moins12ans", "age_moins_12_ans"},
                                                          {"de12a18ans", "age_de_12_a_18_ans"},
                                                          {"de18a35ans", "age_de_18_a_35_ans"},
                                                          {"de35a60ans", "age_de_35_a_60_ans"},
                                                          {"plus60ans", "age_plus_60_ans"}};
  static const std::map<std::string, std::string> kStatut = {{"etudiant", "statut_etudiant"},
                                                             {"sansEmploi", "statut_sans_emploi"},
                                                             {"enEmploi", "statut_en_emploi"},
                                                             {"retraite", "statut_retraite"},
                                                             {"heterogene", "statut_heterogene"}};
  json out = {{"data", json::array()}};
  for (const json& d : camel) {
    json a = json::object();
    const json& cra = d["cra"];
    if (d.contains("conseiller")) {
      a["conseiller_numerique_id"] = d["conseiller"].is_object() ? d["conseiller"]["$id"]["$oid"] : d["conseiller"];
    }
    if (d.contains("permanence")) a["structure_nom"] = d["permanence"];
    for (auto it = cra.begin(); it != cra.end(); ++it) {
      if (it.key() == "age") {
        for (auto b = it->begin(); b != it->end(); ++b)
          a[kAge.count(b.key()) ? kAge.at(b.key()) : "age_" + b.key()] = *b;
      } else if (it.key() == "statut") {
        for (auto b = it->begin(); b != it->end(); ++b) a[kStatut.at(b.key())] = *b;
      } else if (it.key() == "accompagnement") {
        for (auto b = it->begin(); b != it->end(); ++b) a["accompagnement_" + b.key()] = *b;
      } else if (it.key() == "organismes" && it->is_array()) {
        json merged = json::object();
        for (const json& o : *it) merged.update(o);
        a["organismes"] = merged;
      } else if (it.key() == "dateAccompagnement" && it->is_object()) {
        a["date_accompagnement"] = (*it)["$date"];
      } else if (it.key() == "sousThemes") {
        a["sous_themes_equipement_informatique"] = json::array();
      } else {
        a[kFlat.count(it.key()) ? kFlat.at(it.key()) : it.key()] = *it;
      }
    }
    out["data"].push_back({{"type", "craV1"}, {"id", d["_id"]}, {"attributes", a}});
  }
  return out;
}

TEST(mediation_v1, TheArchiveShapeReadsLikeTheDocuments) {
  const read_result camel = read_file("cra_v1_sample.json");
  json docs = json::parse(slurp(kDir + "cra_v1_sample.json"));
  json valid = json::array();
  for (const json& d : docs) {
    if (d["_id"].get<std::string>().rfind("v1-x", 0) != 0) valid.push_back(d);
  }
  absl::StatusOr<read_result> archive = read_activities_json(to_archive(valid).dump());
  ASSERT_THAT(archive, is_ok());
  EXPECT_EQ(archive->version, cra_version::v1);  // detected from the resource type craV1
  EXPECT_TRUE(archive->rejected.empty());
  ASSERT_EQ(archive->accepted.size(), camel.accepted.size());
  for (std::size_t i = 0; i < camel.accepted.size(); ++i) {
    EXPECT_EQ(describe(archive->accepted[i]), describe(camel.accepted[i]));
  }
  // The bad rows are rejected under the archive's names.
  absl::StatusOr<read_result> bad = read_activities_json(to_archive(docs).dump());
  ASSERT_THAT(bad, is_ok());
  ASSERT_EQ(bad->rejected.size(), kV1Rejections.size());
  EXPECT_EQ(bad->rejected[3].field, "nb_participants");
  EXPECT_EQ(bad->rejected[9].field, "conseiller_numerique_id");
  EXPECT_EQ(bad->rejected[11].field, "age_plus65ans");  // no such archive column either
}

TEST(mediation_v1, IndicatorsOfTheSample) {
  const read_result r = read_file("cra_v1_sample.json");
  indicator_options o;
  o.population = 90000;
  o.start = day(2022, 1, 1);
  o.end = day(2022, 6, 30);
  const mediation_indicators k = indicators(r, o);
  const mediation_totals& t = k.totals;
  EXPECT_EQ(t.all.activities, 32u);
  EXPECT_EQ(t.all.individual, 26u);
  EXPECT_EQ(t.all.collective, 6u);
  EXPECT_EQ(t.v1_ponctuel, 5u);
  EXPECT_EQ(t.all.accompaniments, 66u);  // 26 + 8+6+10+5+7+4
  EXPECT_EQ(t.v1_reports, 32u);
  // 8 × 15 + 11 × 45 + 11 × 90 (bucket representatives) + 120 + 75 (exact) = 1800 minutes.
  EXPECT_DOUBLE_EQ(t.all.minutes, 1800);
  EXPECT_EQ(t.all.timed, 32u);
  EXPECT_DOUBLE_EQ(t.mean_minutes, 56.25);
  EXPECT_EQ(t.estimated_durations, 30u);
  EXPECT_EQ(t.period_days, 181u);
  EXPECT_NEAR(t.period_years, 181.0 / 365, kEps);
  EXPECT_NEAR(t.activities_per_1000, 32.0 / 90, kEps);
  EXPECT_NEAR(t.activities_per_1000_per_year, 32.0 / 90 * 365 / 181, 1e-12);
  EXPECT_NEAR(t.accompaniments_per_1000_per_year, 66.0 / 90 * 365 / 181, 1e-12);

  const share_estimate& adm = share(k, "administrative_activities");  // "demarche en ligne"
  EXPECT_EQ(adm.numerator, 12);
  EXPECT_NEAR(adm.low, 0.2293388730945421, 1e-12);
  EXPECT_NEAR(adm.high, 0.5474559264692256, 1e-12);
  const share_estimate& people = share(k, "administrative_accompaniments");
  EXPECT_EQ(people.numerator, 15);
  EXPECT_EQ(people.denominator, 66);
  EXPECT_NEAR(people.low, 0.11622788047584967, 1e-12);
  EXPECT_NEAR(people.high, 0.3967789549360069, 1e-12);
  const share_estimate& referred = share(k, "referred_activities");
  EXPECT_EQ(referred.numerator, 8);
  EXPECT_EQ(referred.n, 32u);  // always known in v1
  EXPECT_NEAR(referred.low, 0.1325240091850904, 1e-12);
  EXPECT_NEAR(referred.high, 0.4210655899424448, 1e-12);
  // No autonomy in v1: every report is unknown, the share has no reports.
  const share_estimate& none = share(k, "no_autonomy");
  EXPECT_EQ(none.n, 0u);
  EXPECT_TRUE(std::isnan(none.share));
  EXPECT_TRUE(std::isnan(none.low));
  EXPECT_EQ(k.autonomy[3].count, 32);
  EXPECT_TRUE(std::isnan(k.autonomy[0].share));

  EXPECT_EQ(k.durations[0].count, 8);
  EXPECT_EQ(k.durations[1].count, 11);
  EXPECT_EQ(k.durations[2].count, 13);
  EXPECT_EQ(k.durations[3].count, 0);
  const std::vector<double> ages = {0, 12, 24, 27, 3};
  const std::vector<double> statuses = {13, 16, 7, 27, 3};
  for (std::size_t i = 0; i < 5; ++i) {
    EXPECT_EQ(k.ages[i].count, ages[i]) << k.ages[i].category;
    EXPECT_EQ(k.statuses[i].count, statuses[i]) << k.statuses[i].category;
  }
  EXPECT_NEAR(k.ages[2].share, 24.0 / 63, kEps);

  const std::vector<std::tuple<std::string, std::size_t, std::size_t, double>> months = {
      {"2022-01", 5, 5, 210},  {"2022-02", 5, 5, 240},  {"2022-03", 6, 6, 405},
      {"2022-04", 6, 18, 300}, {"2022-05", 5, 18, 390}, {"2022-06", 5, 14, 255}};
  ASSERT_EQ(k.by_month.size(), months.size());
  for (std::size_t i = 0; i < months.size(); ++i) {
    EXPECT_EQ(k.by_month[i].key, std::get<0>(months[i]));
    EXPECT_EQ(k.by_month[i].counts.activities, std::get<1>(months[i]));
    EXPECT_EQ(k.by_month[i].counts.accompaniments, std::get<2>(months[i]));
    EXPECT_DOUBLE_EQ(k.by_month[i].counts.minutes, std::get<3>(months[i]));
  }
  ASSERT_EQ(k.by_adviser.size(), 3u);
  EXPECT_EQ(k.by_adviser[0].counts.activities, 12u);
  EXPECT_EQ(k.by_adviser[0].counts.accompaniments, 25u);
  EXPECT_DOUBLE_EQ(k.by_adviser[0].counts.minutes, 735);
  EXPECT_EQ(k.by_adviser[1].counts.accompaniments, 19u);
  EXPECT_DOUBLE_EQ(k.by_adviser[1].counts.minutes, 495);
  EXPECT_EQ(k.by_adviser[2].counts.accompaniments, 22u);
  EXPECT_DOUBLE_EQ(k.by_adviser[2].counts.minutes, 570);
  ASSERT_EQ(k.by_place.size(), 9u);  // 6 places + home + remote + elsewhere
  EXPECT_EQ(k.by_place[5].place, "mediatheque-francois-mitterrand");
  EXPECT_EQ(k.by_place[5].counts.activities, 6u);
  EXPECT_EQ(k.by_place[5].counts.accompaniments, 13u);
  EXPECT_DOUBLE_EQ(k.by_place[5].counts.minutes, 390);
  EXPECT_EQ(k.by_place[6].place_type, place_kind::domicile);
  EXPECT_EQ(k.by_place[6].counts.activities, 3u);
  EXPECT_EQ(k.by_place[8].place_type, place_kind::autre);
  EXPECT_EQ(k.by_place[8].counts.accompaniments, 5u);
}

TEST(mediation_v1_v2, BothVersionsTogether) {
  read_result both = read_file("cra_v1_sample.json");
  const read_result v2 = read_file("cra_v2_sample.json");
  both.accepted.insert(both.accepted.end(), v2.accepted.begin(), v2.accepted.end());
  const mediation_indicators k = indicators(both);
  EXPECT_EQ(k.totals.all.activities, 64u);
  EXPECT_EQ(k.totals.all.accompaniments, 147u);
  EXPECT_EQ(k.totals.v1_reports, 32u);
  EXPECT_EQ(k.totals.v2_reports, 32u);
  EXPECT_EQ(share(k, "administrative_activities").numerator, 24);
  // Autonomy only from v2: v1 reports are unknown.
  EXPECT_EQ(share(k, "no_autonomy").n, 23u);
  EXPECT_EQ(k.autonomy[3].count, 32 + 9);
  // The same place ids in both versions; months from January 2022 to December 2024, gaps included.
  EXPECT_EQ(k.by_place[5].place, "mediatheque-francois-mitterrand");
  EXPECT_EQ(k.by_place[5].counts.activities, 12u);
  ASSERT_EQ(k.by_month.size(), 36u);
  EXPECT_EQ(k.by_month[6].key, "2022-07");
  EXPECT_EQ(k.by_month[6].counts.activities, 0u);
  EXPECT_EQ(k.by_month[35].key, "2024-12");
  EXPECT_EQ(k.totals.period_days, 1078u);  // 2022-01-11 → 2024-12-23: 355 + 365 + 358 days
  EXPECT_NEAR(k.totals.period_years, 355.0 / 365 + 1 + 358.0 / 366, kEps);
}

// -- CSV layouts, in text -------------------------------------------------------------------------

TEST(mediation_csv, V1ArchiveColumnsAndCamelCaseAliases) {
  const std::string text =
      "id,conseiller_numerique_id,canal,activite,nbParticipants,age_moins12ans,age_de_18_a_35_ans,"
      "statut_sansEmploi,themes,duree,organismes,date_accompagnement,structure_nom,extra\n"
      "c1,cn-01,rattachement,individuel,1,0,1,1,demarche en ligne|courriel,1h30,CAF:2|CPAM,14/03/2022,Médiathèque,x\n"
      "c2,cn-02,domicile,collectif,3,1,,,internet,45min,,2022-03-15,,\n"
      "c3,cn-02,distance,ponctuel,1,,,,autre,,CAF:0,2022-03-16,,\n";
  absl::StatusOr<read_result> r = read_activities_csv(text);
  ASSERT_THAT(r, is_ok());
  EXPECT_EQ(r->version, cra_version::v1);
  ASSERT_EQ(r->accepted.size(), 3u) << (r->rejected.empty() ? "" : r->rejected[0].message);
  const activity& c1 = r->accepted[0];
  EXPECT_EQ(c1.date, day(2022, 3, 14));
  EXPECT_EQ(c1.place, "Médiathèque");
  EXPECT_EQ(c1.duration_minutes, 90.0);
  EXPECT_TRUE(c1.duration_exact);
  EXPECT_THAT(c1.themes, ElementsAre("aide_aux_demarches_administratives", "email"));
  EXPECT_THAT(c1.referral_targets, ElementsAre("CAF", "CPAM"));
  EXPECT_EQ(c1.referred, true);
  EXPECT_THAT(c1.ages, ElementsAre(0, 0, 1, 0, 0));
  const activity& c2 = r->accepted[1];
  EXPECT_EQ(c2.duration_minutes, 45.0);
  EXPECT_THAT(c2.ages, ElementsAre(1, 0, 0, 0, 2));
  EXPECT_THAT(c2.statuses, ElementsAre(0, 0, 0, 0, 3));
  EXPECT_EQ(c2.place, "");  // a home visit without a commune
  const activity& c3 = r->accepted[2];
  EXPECT_EQ(c3.referred, false);  // an organisation with a count of 0 is no referral
  EXPECT_FALSE(c3.duration_bucket.has_value());
  EXPECT_TRUE(c3.themes.empty());
}

TEST(mediation_csv, V2TextValues) {
  const std::string text =
      "id;date;mediateur_id;type;type_lieu;structure_id;duree;accompagnements;oriente_vers_structure;"
      "thematiques;beneficiaires_tranches_age_soixante_dix_plus\n"
      "t1;2024-10-01;m1;collectif;lieu_activite;s1;12,5;4;;email | sante;3\n"
      "t2;2024-10-02;m1;individuel;autre;;0;;oui;email;\n"
      "t3;2024-10-03;m1;individuel;autre;;10;;peut-être;email;\n"
      "t4;2024-10-04;m1;collectif;autre;;10;;;email;\n"
      "t5;2024-10-05;m1;individuel;autre;;1.5e1;1.0;non;email;\n";
  absl::StatusOr<read_result> r = read_activities_csv(text);
  ASSERT_THAT(r, is_ok());
  EXPECT_EQ(r->read, 5u);
  ASSERT_EQ(r->accepted.size(), 3u);
  EXPECT_EQ(r->accepted[0].duration_minutes, 12.5);  // a French decimal comma
  EXPECT_THAT(r->accepted[0].themes, ElementsAre("email", "sante"));
  EXPECT_THAT(r->accepted[0].ages, ElementsAre(0, 0, 0, 3, 1));
  EXPECT_EQ(r->accepted[1].referred, true);
  EXPECT_EQ(r->accepted[1].duration_bucket, duration_band::under_30);
  EXPECT_EQ(r->accepted[2].participants, 1);
  EXPECT_EQ(r->accepted[2].referred, false);
  ASSERT_EQ(r->rejected.size(), 2u);
  EXPECT_EQ(r->rejected[0].row, 3u);
  EXPECT_EQ(r->rejected[0].field, "oriente_vers_structure");
  EXPECT_EQ(r->rejected[0].value, "peut-être");
  EXPECT_EQ(r->rejected[1].row, 4u);
  EXPECT_EQ(r->rejected[1].field, "accompagnements");
  EXPECT_THAT(r->rejected[1].message, HasSubstr("required for a collective activity"));
}

TEST(mediation_csv, FileLevelErrors) {
  EXPECT_THAT(read_activities_csv("id,date,mediateur_id,type,type_lieu\n1,2024-01-01,m,individuel,autre\n",
                                  cra_version::v2, "a.csv"),
              status_is(absl::StatusCode::kInvalidArgument, HasSubstr("a.csv: CRA v2 CSV without the required "
                                                                      "column \"thematiques\"")));
  EXPECT_THAT(
      read_activities_csv("date,type,thematiques,mediateur_id,type_lieu,beneficiaires.total,beneficiaires_total\n"),
      status_is(absl::StatusCode::kInvalidArgument, HasSubstr("are both field beneficiaires.total")));
  EXPECT_THAT(read_activities_csv("date,type,thematiques,mediateur_id,type_lieu,beneficiaires.tranches_age.adultes\n"),
              status_is(absl::StatusCode::kInvalidArgument,
                        HasSubstr("\"beneficiaires.tranches_age.adultes\" is not a count")));
  EXPECT_THAT(read_activities_csv("id,date\n1,2024-01-01\n"),
              status_is(absl::StatusCode::kInvalidArgument, HasSubstr("cannot tell the CRA version")));
  EXPECT_THAT(read_activities_csv("a,b\n1,2,3\n", cra_version::v2),
              status_is(absl::StatusCode::kInvalidArgument, HasSubstr("<string>:2: expected 2 fields")));
  EXPECT_THAT(read_activities_csv("x\n", static_cast<cra_version>(7)),
              status_is(absl::StatusCode::kInvalidArgument, HasSubstr("version = 7")));
  // The header alone: nothing read, nothing lost.
  absl::StatusOr<read_result> empty = read_activities_csv("date,type,thematiques,mediateur_id,type_lieu\n");
  ASSERT_THAT(empty, is_ok());
  EXPECT_EQ(empty->read, 0u);
}

TEST(mediation_json, DocumentLevelErrorsAndOddElements) {
  EXPECT_THAT(read_activities_json("[{\"type\": ", cra_version::automatic, "f.json"),
              status_is(absl::StatusCode::kInvalidArgument, HasSubstr("f.json:1: malformed JSON")));
  EXPECT_THAT(read_activities_json("{\"activites\": []}"),
              status_is(absl::StatusCode::kInvalidArgument, HasSubstr("{\"data\": [...]}")));
  EXPECT_THAT(read_activities_json("42"), status_is(absl::StatusCode::kInvalidArgument, HasSubstr("got number")));
  EXPECT_THAT(read_activities_json("[{\"id\": 1}]"),
              status_is(absl::StatusCode::kInvalidArgument, HasSubstr("cannot tell")));
  // Non-objects are rejected rows; a resource of the other version too.
  absl::StatusOr<read_result> r = read_activities_json(
      "{\"data\": [3, {\"type\": \"craV1\", \"id\": \"z\", \"attributes\": {\"canal\": \"domicile\"}}]}",
      cra_version::v2);
  ASSERT_THAT(r, is_ok());
  EXPECT_EQ(r->read, 2u);
  ASSERT_EQ(r->rejected.size(), 2u);
  EXPECT_EQ(r->rejected[0].row, 0u);
  EXPECT_EQ(r->rejected[0].value, "3");
  EXPECT_THAT(r->rejected[0].message, HasSubstr("expected an object"));
  EXPECT_EQ(r->rejected[1].field, "type");
  EXPECT_EQ(r->rejected[1].value, "craV1");
  EXPECT_EQ(r->rejected[1].id, "z");
  // A v2 attribute object with an unknown beneficiaires key.
  r = read_activities_json(
      R"([{"date": "2024-01-02", "mediateur_id": "m", "type": "individuel", "type_lieu": "autre",
           "thematiques": ["email"], "beneficiaires": {"total": 1, "tranches_age": {"adultes": 1}}}])");
  ASSERT_THAT(r, is_ok());
  ASSERT_EQ(r->rejected.size(), 1u);
  EXPECT_EQ(r->rejected[0].field, "beneficiaires.tranches_age.adultes");
  // Files.
  EXPECT_THAT(read_activities_file(kDir + "no_such_file.json"), status_is(absl::StatusCode::kNotFound, HasSubstr("")));
  EXPECT_THAT(read_activities_file(kDir + "README-mediation.md"),
              status_is(absl::StatusCode::kInvalidArgument, HasSubstr("unknown extension")));
}

// -- Indicators: the interval and errors ----------------------------------------------------------

activity simple(bool administrative) {
  activity a;
  a.date = day(2024, 1, 15);
  a.adviser = "m";
  a.administrative = administrative;
  a.ages[4] = 1;
  a.statuses[4] = 1;
  return a;
}

TEST(mediation_indicators, WilsonIntervalOnTheResearchVectors) {
  // inclusion.md §5: Wilson 17/100 (0.108936, 0.255480), 5/40 (0.054595, 0.261121), 0/50 (0, 0.071348).
  for (const auto& [x, n, low, high] : std::vector<std::tuple<int, int, double, double>>{
           {17, 100, 0.108936, 0.255480}, {5, 40, 0.054595, 0.261121}, {0, 50, 0.0, 0.071348}}) {
    std::vector<activity> v;
    for (int i = 0; i < n; ++i) v.push_back(simple(i < x));
    absl::StatusOr<mediation_indicators> k = compute_indicators(v);
    ASSERT_THAT(k, is_ok());
    const share_estimate& s = share(*k, "administrative_activities");
    EXPECT_NEAR(s.low, low, 1e-6) << x << "/" << n;
    EXPECT_NEAR(s.high, high, 1e-6) << x << "/" << n;
    // One participant each: the accompaniment share and its interval are the same.
    EXPECT_NEAR(share(*k, "administrative_accompaniments").high, high, 1e-6);
  }
  // Nothing: NaN shares with n = 0, empty tables.
  absl::StatusOr<mediation_indicators> none = compute_indicators({});
  ASSERT_THAT(none, is_ok());
  EXPECT_TRUE(std::isnan(share(*none, "administrative_activities").share));
  EXPECT_TRUE(none->by_month.empty());
  EXPECT_EQ(none->totals.period_days, 0u);
}

TEST(mediation_indicators, RejectsBadOptionsAndBadActivities) {
  indicator_options o;
  o.population = 0;
  EXPECT_THAT(compute_indicators({}, o), status_is(absl::StatusCode::kInvalidArgument, HasSubstr("population = 0")));
  o.population = std::numeric_limits<double>::infinity();
  EXPECT_THAT(compute_indicators({}, o), status_is(absl::StatusCode::kInvalidArgument, HasSubstr("population")));
  o = {};
  o.start = day(2024, 2, 1);
  o.end = day(2024, 1, 1);
  EXPECT_THAT(compute_indicators({}, o), status_is(absl::StatusCode::kInvalidArgument, HasSubstr("is after end")));
  o.start = day(2024, 2, 30);
  EXPECT_THAT(compute_indicators({}, o), status_is(absl::StatusCode::kInvalidArgument, HasSubstr("start = 2024-2-30")));

  std::vector<activity> v = {simple(false), simple(true)};
  v[1].participants = 2;  // ages and statuses still sum to 1
  v[1].source_row = 7;
  EXPECT_THAT(compute_indicators(v), status_is(absl::StatusCode::kInvalidArgument,
                                               HasSubstr("activities[1] (source row 7, id \"\"): ages = 1")));
  activity a = simple(false);
  a.duration_minutes = 45;
  EXPECT_THAT(validate_activity(a), status_is(absl::StatusCode::kInvalidArgument, HasSubstr("duration_bucket")));
  a.duration_bucket = duration_band::under_30;
  a.duration_exact = true;
  EXPECT_THAT(validate_activity(a), status_is(absl::StatusCode::kInvalidArgument, HasSubstr("are in bucket 30-60")));
  a.duration_exact = false;  // a representative value may sit anywhere
  EXPECT_THAT(validate_activity(a), is_ok());
  a.duration_minutes = -1;
  EXPECT_THAT(validate_activity(a), status_is(absl::StatusCode::kInvalidArgument, HasSubstr("duration_minutes")));
  a = simple(false);
  a.themes = {"impots"};
  EXPECT_THAT(validate_activity(a), status_is(absl::StatusCode::kInvalidArgument, HasSubstr("unknown thematique")));
  a = simple(false);
  a.adviser = " ";
  EXPECT_THAT(validate_activity(a), status_is(absl::StatusCode::kInvalidArgument, HasSubstr("adviser")));
  a = simple(false);
  a.participants = 0;
  EXPECT_THAT(validate_activity(a), status_is(absl::StatusCode::kInvalidArgument, HasSubstr("participants = 0")));
  a = simple(false);
  a.recurring_participants = 2;
  EXPECT_THAT(validate_activity(a), status_is(absl::StatusCode::kInvalidArgument, HasSubstr("recurring")));
  a = simple(false);
  a.source_version = 3;
  EXPECT_THAT(validate_activity(a), status_is(absl::StatusCode::kInvalidArgument, HasSubstr("source_version")));
}

TEST(mediation_indicators, CalendarYearIsOneYearLeapOrNot) {
  std::vector<activity> v = {simple(false)};
  indicator_options o;
  o.population = 1000;
  for (int year : {2023, 2024}) {
    o.start = day(year, 1, 1);
    o.end = day(year, 12, 31);
    v[0].date = day(year, 6, 1);
    absl::StatusOr<mediation_indicators> k = compute_indicators(v, o);
    ASSERT_THAT(k, is_ok());
    EXPECT_NEAR(k->totals.period_years, 1.0, kEps) << year;
    EXPECT_NEAR(k->totals.activities_per_1000_per_year, 1.0, kEps) << year;
    EXPECT_EQ(k->by_month.size(), 12u);
  }
}

}  // namespace
}  // namespace numresp::inclusion
