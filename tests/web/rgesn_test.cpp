// numresp/web/rgesn.hpp: the compiled-in RGESN 2024 criteria against data/rgesn/rgesn-2024.json
// and the reference's structure, hand-computed progress scores, and every error.
//
// Per-group maximum points come from Arcep's self-assessment spreadsheet
// (rgesn_2024_outil_declaration_ecoconception.ods, sheet "Score d'avancement", column
// "Dénominateur par thématique": 13.5, 14, 8.25, 18, 10.25, 8, 5, 13, 10.25; total 100.25).
#include "numresp/web/rgesn.hpp"

#include <algorithm>
#include <cstddef>
#include <fstream>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "absl/status/status.h"
#include "numresp/testing/status_matchers.hpp"

namespace numresp::web::rgesn {
namespace {

using ::numresp::testing::is_ok;
using ::numresp::testing::status_is;
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::Optional;

using answers = std::vector<std::pair<std::string, answer>>;

const std::vector<std::string> kGroups = {"Stratégie", "Spécifications", "Architecture", "UX/UI",      "Contenus",
                                          "Frontend",  "Backend",        "Hébergement",  "Algorithmie"};
const std::vector<std::size_t> kGroupCounts = {10, 10, 7, 15, 8, 7, 4, 10, 7};
/// Arcep's spreadsheet, "Dénominateur par thématique" with every criterion applicable.
const std::vector<double> kGroupMaxPoints = {13.5, 14, 8.25, 18, 10.25, 8, 5, 13, 10.25};

/// Every criterion answered `a`.
answers all(answer a) {
  answers out;
  for (const criterion& c : criteria()) out.emplace_back(c.id, a);
  return out;
}

/// `base` with some answers changed.
answers with(answers base, const std::map<std::string, answer>& changes) {
  for (auto& [id, a] : base) {
    if (const auto it = changes.find(id); it != changes.end()) a = it->second;
  }
  return base;
}

result score_ok(const answers& a) {
  absl::StatusOr<result> r = score(a);
  EXPECT_THAT(r, is_ok());
  return r.ok() ? *r : result{};
}

const group_score& group_of(const result& r, const std::string& name) {
  const auto it = std::find_if(r.groups.begin(), r.groups.end(), [&](const group_score& g) { return g.group == name; });
  EXPECT_NE(it, r.groups.end()) << name;
  return *it;
}

// -- The data -------------------------------------------------------------------------------------

TEST(web_rgesn, HoldsTheSeventyEightCriteriaInNineGroupsInOrder) {
  const std::vector<criterion>& all = criteria();
  ASSERT_EQ(all.size(), 78u);
  EXPECT_EQ(groups(), kGroups);
  std::vector<std::size_t> counts(kGroups.size(), 0);
  for (std::size_t i = 0; i < all.size(); ++i) {
    const auto g = std::find(kGroups.begin(), kGroups.end(), all[i].group);
    ASSERT_NE(g, kGroups.end()) << all[i].group;
    const auto group_number = static_cast<std::size_t>(g - kGroups.begin());
    ++counts[group_number];
    // Ids are "<group>.<n>", numbered from 1 in each group, in order.
    EXPECT_EQ(all[i].id, std::to_string(group_number + 1) + "." + std::to_string(counts[group_number])) << i;
  }
  EXPECT_EQ(counts, kGroupCounts);
  EXPECT_EQ(all.front().id, "1.1");
  EXPECT_EQ(all.back().id, "9.7");
}

TEST(web_rgesn, PrioritiesAreThirtyTwentyNineNineteen) {
  std::map<priority, std::size_t> counts;
  for (const criterion& c : criteria()) ++counts[c.priority];
  EXPECT_EQ(counts[priority::prioritaire], 30u);
  EXPECT_EQ(counts[priority::recommande], 29u);
  EXPECT_EQ(counts[priority::modere], 19u);
  // The PDF's summary table lists the notifications criterion as "4.3"; the data (and the
  // fiches) have 4.13 = notifications = Prioritaire and 4.3 = navigation = Recommandé.
  EXPECT_EQ((*find("4.13"))->priority, priority::prioritaire);
  EXPECT_THAT((*find("4.13"))->criterion, HasSubstr("notifications"));
  EXPECT_EQ((*find("4.3"))->priority, priority::recommande);
  EXPECT_THAT((*find("4.3"))->criterion, HasSubstr("parcours de navigation"));
}

TEST(web_rgesn, EighteenCriteriaAreAlwaysApplicable) {
  std::vector<std::string> ids;
  for (const criterion& c : criteria()) {
    EXPECT_EQ(c.always_applicable, c.target == "Applicable à tous les services") << c.id;
    if (c.always_applicable) ids.push_back(c.id);
  }
  EXPECT_THAT(ids, ElementsAre("1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "1.8", "1.9", "2.1", "2.2", "2.3", "2.6",
                               "2.7", "4.1", "4.5", "4.6", "4.7", "9.1"));
}

TEST(web_rgesn, EveryFieldIsFilledAndDifficultiesAreTheReferences) {
  std::map<std::string, std::size_t> difficulties;
  for (const criterion& c : criteria()) {
    SCOPED_TRACE(c.id);
    for (const std::string* field : {&c.id, &c.group, &c.criterion, &c.difficulty, &c.target, &c.roles, &c.objective,
                                     &c.implementation, &c.control}) {
      EXPECT_FALSE(field->empty());
    }
    EXPECT_THAT(c.criterion, HasSubstr("?"));
    ++difficulties[c.difficulty];
  }
  EXPECT_EQ(difficulties, (std::map<std::string, std::size_t>{{"Faible", 21}, {"Moyen", 41}, {"Fort", 16}}));
}

TEST(web_rgesn, TextsAreTheDataFileCharacterForCharacter) {
  // NUMRESP_TEST_DATA_DIR is <source>/tests/data.
  std::ifstream in(std::string(NUMRESP_TEST_DATA_DIR) + "/../../data/rgesn/rgesn-2024.json", std::ios::binary);
  ASSERT_TRUE(in) << "data/rgesn/rgesn-2024.json";
  std::stringstream text;
  text << in.rdbuf();
  const nlohmann::json file = nlohmann::json::parse(text.str());
  const nlohmann::json& list = file.at("criteria");
  ASSERT_EQ(list.size(), criteria().size());
  for (std::size_t i = 0; i < list.size(); ++i) {
    const criterion& c = criteria()[i];
    const nlohmann::json& j = list[i];
    SCOPED_TRACE(c.id);
    EXPECT_EQ(j.size(), 10u);
    EXPECT_EQ(c.id, j.at("numero").get<std::string>());
    EXPECT_EQ(c.group, j.at("thematique").get<std::string>());
    EXPECT_EQ(to_string(c.priority), j.at("priorite").get<std::string>());
    EXPECT_EQ(c.criterion, j.at("critere").get<std::string>());
    EXPECT_EQ(c.difficulty, j.at("difficulte").get<std::string>());
    EXPECT_EQ(c.target, j.at("cible").get<std::string>());
    EXPECT_EQ(c.roles, j.at("metiers").get<std::string>());
    EXPECT_EQ(c.objective, j.at("objectif").get<std::string>());
    EXPECT_EQ(c.implementation, j.at("miseEnOeuvre").get<std::string>());
    EXPECT_EQ(c.control, j.at("controle").get<std::string>());
  }
  // A few texts as published (Appendix A of the research notes).
  EXPECT_EQ(criteria()[0].criterion,
            "Le service numérique a-t-il été évalué favorablement en termes d'utilité en tenant compte de ses impacts "
            "environnementaux ?");
  EXPECT_EQ((*find("6.1"))->criterion,
            "Le service numérique s’astreint-il à un poids maximum et une limite de requête par écran ?");
  EXPECT_EQ((*find("1.1"))->roles, "Porteur de projet, Responsable RSE/Numérique soutenable");
  // The weights and their citation are in the same file.
  EXPECT_EQ(file.at("weights").at("values").at("Prioritaire").get<double>(), weight(priority::prioritaire));
  EXPECT_EQ(file.at("weights").at("values").at("Recommandé").get<double>(), weight(priority::recommande));
  EXPECT_EQ(file.at("weights").at("values").at("Modéré").get<double>(), weight(priority::modere));
  EXPECT_THAT(file.at("weights").at("source").get<std::string>(), HasSubstr("score d'avancement"));
  EXPECT_THAT(file.at("licence").get<std::string>(), HasSubstr("CC BY-SA 4.0"));
}

TEST(web_rgesn, WeightsAndMaximumPoints) {
  EXPECT_EQ(weight(priority::prioritaire), 1.5);
  EXPECT_EQ(weight(priority::recommande), 1.25);
  EXPECT_EQ(weight(priority::modere), 1.0);
  double total = 0;
  std::vector<double> per_group(kGroups.size(), 0.0);
  for (const criterion& c : criteria()) {
    total += weight(c.priority);
    per_group[static_cast<std::size_t>(std::find(kGroups.begin(), kGroups.end(), c.group) - kGroups.begin())] +=
        weight(c.priority);
  }
  EXPECT_EQ(total, 100.25);  // 30 × 1.5 + 29 × 1.25 + 19 × 1
  EXPECT_EQ(per_group, kGroupMaxPoints);
}

TEST(web_rgesn, PriorityAndAnswerNames) {
  EXPECT_EQ(to_string(priority::prioritaire), "Prioritaire");
  EXPECT_EQ(to_string(priority::recommande), "Recommandé");
  EXPECT_EQ(to_string(priority::modere), "Modéré");
  for (priority p : {priority::prioritaire, priority::recommande, priority::modere}) {
    EXPECT_THAT(parse_priority(to_string(p)), ::numresp::testing::is_ok_and_holds(p));
  }
  EXPECT_THAT(parse_priority("Modere"),
              status_is(absl::StatusCode::kInvalidArgument, AllOf(HasSubstr("\"Modere\""), HasSubstr("Modéré"))));
  EXPECT_EQ(to_string(answer::met), "met");
  EXPECT_EQ(to_string(answer::not_met), "not_met");
  EXPECT_EQ(to_string(answer::not_applicable), "not_applicable");
  for (answer a : {answer::met, answer::not_met, answer::not_applicable}) {
    EXPECT_THAT(parse_answer(to_string(a)), ::numresp::testing::is_ok_and_holds(a));
  }
  for (const char* bad : {"", "Met", "validé", "n/a", "not met"}) {
    EXPECT_THAT(parse_answer(bad), status_is(absl::StatusCode::kInvalidArgument,
                                             AllOf(HasSubstr(std::string("\"") + bad + "\""), HasSubstr("not_met"))));
  }
}

TEST(web_rgesn, FindsCriteriaAndSuggestsCloseIds) {
  absl::StatusOr<const criterion*> c = find("8.3");
  ASSERT_THAT(c, is_ok());
  EXPECT_EQ((*c)->group, "Hébergement");
  EXPECT_THAT((*c)->criterion, HasSubstr("PUE"));
  EXPECT_THAT(find("8.11"), status_is(absl::StatusCode::kNotFound, AllOf(HasSubstr("\"8.11\""), HasSubstr("8.1"))));
}

TEST(web_rgesn, PageMeasurementSupportsTwelveCriteria) {
  std::vector<std::string> ids;
  for (const measurable_criterion& m : measurable_by_page_measurement()) {
    ids.push_back(m.id);
    EXPECT_THAT(find(m.id), is_ok()) << m.id;
    EXPECT_GT(m.reason.size(), 20u) << m.id;
  }
  EXPECT_THAT(ids, ElementsAre("2.3", "4.1", "4.2", "4.8", "4.9", "6.1", "6.2", "6.3", "6.4", "6.5", "6.7", "7.1"));
  EXPECT_THAT(measurable_by_page_measurement()[5].reason, HasSubstr("EcoIndex"));
}

// -- Scores ---------------------------------------------------------------------------------------

TEST(web_rgesn, AllMetIsOneHundred) {
  const result r = score_ok(all(answer::met));
  EXPECT_EQ(r.score, 100.0);
  EXPECT_EQ(r.points, 100.25);
  EXPECT_EQ(r.max_points, 100.25);
  EXPECT_EQ(r.met, 78u);
  EXPECT_EQ(r.not_met, 0u);
  EXPECT_EQ(r.not_applicable, 0u);
  EXPECT_THAT(r.unmet_priority, IsEmpty());
  ASSERT_EQ(r.groups.size(), 9u);
  for (std::size_t g = 0; g < r.groups.size(); ++g) {
    EXPECT_EQ(r.groups[g].group, kGroups[g]);
    EXPECT_THAT(r.groups[g].score, Optional(100.0));
    EXPECT_EQ(r.groups[g].met, kGroupCounts[g]);
    EXPECT_EQ(r.groups[g].max_points, kGroupMaxPoints[g]);
  }
}

TEST(web_rgesn, AllNotMetIsZeroWithEveryPriorityCriterionListed) {
  const result r = score_ok(all(answer::not_met));
  EXPECT_EQ(r.score, 0.0);
  EXPECT_EQ(r.points, 0.0);
  EXPECT_EQ(r.max_points, 100.25);
  EXPECT_EQ(r.not_met, 78u);
  ASSERT_EQ(r.unmet_priority.size(), 30u);
  EXPECT_EQ(r.unmet_priority.front(), "1.1");
  EXPECT_EQ(r.unmet_priority.back(), "9.7");
  for (const group_score& g : r.groups) EXPECT_THAT(g.score, Optional(0.0)) << g.group;
}

TEST(web_rgesn, OnePrioritaireNotMet) {
  const result r = score_ok(with(all(answer::met), {{"1.1", answer::not_met}}));
  EXPECT_DOUBLE_EQ(r.score, 100 * (100.25 - 1.5) / 100.25);  // 98.503740648...
  EXPECT_NEAR(r.score, 98.5037, 5e-5);
  EXPECT_EQ(r.points, 98.75);
  EXPECT_EQ(r.max_points, 100.25);
  EXPECT_THAT(r.unmet_priority, ElementsAre("1.1"));
  EXPECT_EQ(r.met, 77u);
  EXPECT_EQ(r.not_met, 1u);
  const group_score& strategy = group_of(r, "Stratégie");
  EXPECT_THAT(strategy.score, Optional(::testing::DoubleEq(100 * 12.0 / 13.5)));
  EXPECT_EQ(strategy.points, 12.0);
  EXPECT_EQ(strategy.not_met, 1u);
  EXPECT_THAT(group_of(r, "Frontend").score, Optional(100.0));
}

TEST(web_rgesn, RecommandeAndModereNotMetCountTheirWeights) {
  // 1.3 Recommandé (1.25) and 1.7 Modéré (1) not met.
  const result r = score_ok(with(all(answer::met), {{"1.3", answer::not_met}, {"1.7", answer::not_met}}));
  EXPECT_DOUBLE_EQ(r.score, 100 * 98.0 / 100.25);
  EXPECT_THAT(r.unmet_priority, IsEmpty());  // neither is Prioritaire
  EXPECT_THAT(group_of(r, "Stratégie").score, Optional(::testing::DoubleEq(100 * 11.25 / 13.5)));
}

TEST(web_rgesn, NotApplicableIsLeftOutOfBothSums) {
  // No AI training nor inference: 9.2-9.7 N/A (5 Prioritaire, 1 Recommandé: 8.75 points).
  const answers no_ai = with(all(answer::met), {{"9.2", answer::not_applicable},
                                                {"9.3", answer::not_applicable},
                                                {"9.4", answer::not_applicable},
                                                {"9.5", answer::not_applicable},
                                                {"9.6", answer::not_applicable},
                                                {"9.7", answer::not_applicable}});
  result r = score_ok(no_ai);
  EXPECT_EQ(r.score, 100.0);
  EXPECT_EQ(r.max_points, 100.25 - 8.75);
  EXPECT_EQ(r.not_applicable, 6u);
  const group_score& ai = group_of(r, "Algorithmie");
  EXPECT_THAT(ai.score, Optional(100.0));  // 9.1 is always applicable
  EXPECT_EQ(ai.max_points, 1.5);
  EXPECT_EQ(ai.not_applicable, 6u);

  // The same with 1.1 not met: only the applicable weights count.
  r = score_ok(with(no_ai, {{"1.1", answer::not_met}}));
  EXPECT_DOUBLE_EQ(r.score, 100 * (91.5 - 1.5) / 91.5);
  // And N/A weighs nothing: "not applicable" is not "met".
  EXPECT_LT(r.score, 100.0);
}

TEST(web_rgesn, PerGroupScoresByHand) {
  // Backend entirely N/A (7.1 R, 7.2 R, 7.3 M, 7.4 P: 5 points); Frontend: 6.1 R met, 6.2 R not
  // met, 6.3 M N/A, 6.4 R met, 6.5 R not met, 6.6 M met, 6.7 M not met; 1.1 (P) not met.
  answers a = all(answer::met);
  a = with(a, {{"7.1", answer::not_applicable},
               {"7.2", answer::not_applicable},
               {"7.3", answer::not_applicable},
               {"7.4", answer::not_applicable},
               {"6.2", answer::not_met},
               {"6.3", answer::not_applicable},
               {"6.5", answer::not_met},
               {"6.7", answer::not_met},
               {"1.1", answer::not_met}});
  const result r = score_ok(a);
  // max = 100.25 - 5 (Backend) - 1 (6.3) = 94.25; points = 94.25 - 3.5 (6.2, 6.5, 6.7) - 1.5 (1.1).
  EXPECT_EQ(r.max_points, 94.25);
  EXPECT_EQ(r.points, 89.25);
  EXPECT_DOUBLE_EQ(r.score, 100 * 89.25 / 94.25);
  EXPECT_EQ(r.met, 78u - 4u - 1u - 4u);
  EXPECT_EQ(r.not_met, 4u);
  EXPECT_EQ(r.not_applicable, 5u);

  const group_score& backend = group_of(r, "Backend");
  EXPECT_EQ(backend.score, std::nullopt);  // nothing applicable: no score
  EXPECT_EQ(backend.not_applicable, 4u);
  EXPECT_EQ(backend.max_points, 0.0);

  const group_score& frontend = group_of(r, "Frontend");
  EXPECT_THAT(frontend.score, Optional(50.0));  // (1.25 + 1.25 + 1) / (4 × 1.25 + 2 × 1)
  EXPECT_EQ(frontend.points, 3.5);
  EXPECT_EQ(frontend.max_points, 7.0);
  EXPECT_EQ(frontend.met, 3u);
  EXPECT_EQ(frontend.not_met, 3u);
  EXPECT_EQ(frontend.not_applicable, 1u);

  EXPECT_THAT(group_of(r, "Stratégie").score, Optional(::testing::DoubleEq(100 * 12.0 / 13.5)));
  for (const char* untouched : {"Spécifications", "Architecture", "UX/UI", "Contenus", "Hébergement", "Algorithmie"}) {
    EXPECT_THAT(group_of(r, untouched).score, Optional(100.0)) << untouched;
  }
  EXPECT_THAT(r.unmet_priority, ElementsAre("1.1"));  // 6.2, 6.5, 6.7 are not Prioritaire
}

TEST(web_rgesn, WorkedExampleOfTheMethodologyPage) {
  // docs/methodology/rgesn.rst: no AI, no video or audio, no consensus mechanism; 1.1, 6.1, 6.2
  // and 4.8 not met.
  answers a = all(answer::met);
  for (const char* id : {"9.2", "9.3", "9.4", "9.5", "9.6", "9.7", "5.4", "5.5", "5.6", "7.4"}) {
    a = with(a, {{id, answer::not_applicable}});
  }
  for (const char* id : {"1.1", "6.1", "6.2", "4.8"}) a = with(a, {{id, answer::not_met}});
  const result r = score_ok(a);
  EXPECT_EQ(r.max_points, 86.0);
  EXPECT_EQ(r.points, 81.0);
  EXPECT_EQ(r.score, 100.0 * 81 / 86);
  EXPECT_NEAR(r.score, 94.19, 0.005);
  EXPECT_EQ(r.met, 64u);
  EXPECT_EQ(r.not_met, 4u);
  EXPECT_EQ(r.not_applicable, 10u);
  EXPECT_THAT(group_of(r, "Stratégie").score, Optional(::testing::DoubleEq(100 * 12.0 / 13.5)));
  EXPECT_THAT(group_of(r, "UX/UI").score, Optional(::testing::DoubleEq(100 * 17.0 / 18)));
  EXPECT_THAT(group_of(r, "Frontend").score, Optional(68.75));
  EXPECT_EQ(group_of(r, "Contenus").max_points, 6.25);
  EXPECT_EQ(group_of(r, "Backend").max_points, 3.5);
  EXPECT_EQ(group_of(r, "Algorithmie").max_points, 1.5);
  for (const char* full : {"Spécifications", "Architecture", "Contenus", "Backend", "Hébergement", "Algorithmie"}) {
    EXPECT_THAT(group_of(r, full).score, Optional(100.0)) << full;
  }
  EXPECT_THAT(r.unmet_priority, ElementsAre("1.1"));
}

TEST(web_rgesn, UnmetPriorityFollowsTheReferenceOrderWhateverTheAnswerOrder) {
  answers a = with(all(answer::met), {{"9.7", answer::not_met},
                                      {"2.1", answer::not_met},
                                      {"4.13", answer::not_met},
                                      {"4.3", answer::not_met}});  // 4.3 is Recommandé
  const result in_order = score_ok(a);
  EXPECT_THAT(in_order.unmet_priority, ElementsAre("2.1", "4.13", "9.7"));
  std::mt19937 shuffle_rng(20240517);
  std::shuffle(a.begin(), a.end(), shuffle_rng);
  const result shuffled = score_ok(a);
  EXPECT_EQ(shuffled.unmet_priority, in_order.unmet_priority);
  EXPECT_EQ(shuffled.score, in_order.score);
  EXPECT_EQ(shuffled.points, in_order.points);
  EXPECT_EQ(shuffled.max_points, in_order.max_points);
  EXPECT_DOUBLE_EQ(in_order.score, 100 * (100.25 - 3 * 1.5 - 1.25) / 100.25);
}

// -- Errors ---------------------------------------------------------------------------------------

TEST(web_rgesn, UnknownIdIsNotFoundWithTheClosestIds) {
  answers a = all(answer::met);
  a.emplace_back("1.11", answer::met);
  EXPECT_THAT(score(a), status_is(absl::StatusCode::kNotFound,
                                  AllOf(HasSubstr("\"1.11\""), HasSubstr("closest ids: 1.1"), HasSubstr("1.10"))));
  a.back().first = "10.1";
  EXPECT_THAT(score(a), status_is(absl::StatusCode::kNotFound, HasSubstr("\"10.1\"")));
  a.back().first = "";
  EXPECT_THAT(score(a), status_is(absl::StatusCode::kNotFound, HasSubstr("\"\"")));
  // Checked before anything else, in the caller's order.
  EXPECT_THAT(score({{"x", answer::met}}), status_is(absl::StatusCode::kNotFound, HasSubstr("\"x\"")));
}

TEST(web_rgesn, DuplicateIsInvalidArgument) {
  answers a = all(answer::met);
  a.emplace_back("4.2", answer::not_met);
  EXPECT_THAT(score(a), status_is(absl::StatusCode::kInvalidArgument,
                                  AllOf(HasSubstr("criterion 4.2 is answered twice"), HasSubstr("met, then not_met"))));
  // Even with the same answer twice.
  a.back().second = answer::met;
  EXPECT_THAT(score(a), status_is(absl::StatusCode::kInvalidArgument, HasSubstr("4.2")));
}

TEST(web_rgesn, MissingAnswersAreListed) {
  EXPECT_THAT(score({}), status_is(absl::StatusCode::kInvalidArgument,
                                   AllOf(HasSubstr("missing answers for 78 of the 78"),
                                         HasSubstr("1.1, 1.2, 1.3, 1.4, 1.5, 1.6, 1.7, 1.8, 1.9, 1.10 and 68 more"))));
  answers a = all(answer::met);
  a.erase(a.begin() + 20);  // 3.1
  a.pop_back();             // 9.7
  absl::StatusOr<result> r = score(a);
  EXPECT_THAT(r, status_is(absl::StatusCode::kInvalidArgument, HasSubstr("missing answers for 2 of the 78")));
  EXPECT_THAT(r, status_is(absl::StatusCode::kInvalidArgument, HasSubstr(": 3.1, 9.7 (every criterion")));
  EXPECT_THAT(r, status_is(absl::StatusCode::kInvalidArgument, Not(HasSubstr("more"))));
}

TEST(web_rgesn, NotApplicableForAnAlwaysApplicableCriterionIsInvalidArgument) {
  EXPECT_THAT(score(with(all(answer::met), {{"1.1", answer::not_applicable}})),
              status_is(absl::StatusCode::kInvalidArgument, AllOf(HasSubstr("not_applicable for criterion 1.1:"),
                                                                  HasSubstr("\"Applicable à tous les services\""))));
  EXPECT_THAT(score(with(all(answer::met), {{"9.1", answer::not_applicable}, {"2.3", answer::not_applicable}})),
              status_is(absl::StatusCode::kInvalidArgument, HasSubstr("not_applicable for criteria 2.3, 9.1:")));
  // Every N/A-able criterion N/A, the 18 others answered: valid.
  answers a;
  for (const criterion& c : criteria()) {
    a.emplace_back(c.id, c.always_applicable ? answer::not_met : answer::not_applicable);
  }
  const result r = score_ok(a);
  EXPECT_EQ(r.score, 0.0);
  EXPECT_EQ(r.not_applicable, 60u);
  EXPECT_EQ(group_of(r, "Architecture").score, std::nullopt);
  EXPECT_THAT(group_of(r, "UX/UI").score, Optional(0.0));
}

TEST(web_rgesn, NothingApplicableIsInvalidArgument) {
  EXPECT_THAT(score(all(answer::not_applicable)),
              status_is(absl::StatusCode::kInvalidArgument,
                        AllOf(HasSubstr("every answer is not_applicable"), HasSubstr("18 criteria"))));
}

TEST(web_rgesn, ErrorsComeInTheDocumentedOrder) {
  // Unknown id before a duplicate before missing answers.
  answers a = {{"1.1", answer::met}, {"1.1", answer::met}, {"0.0", answer::met}};
  EXPECT_THAT(score(a), status_is(absl::StatusCode::kInvalidArgument, HasSubstr("answered twice")));
  a = {{"0.0", answer::met}, {"1.1", answer::met}, {"1.1", answer::met}};
  EXPECT_THAT(score(a), status_is(absl::StatusCode::kNotFound));
  a = {{"1.1", answer::not_applicable}};
  EXPECT_THAT(score(a), status_is(absl::StatusCode::kInvalidArgument, HasSubstr("missing answers for 77")));
}

}  // namespace
}  // namespace numresp::web::rgesn
