/// @file
/// The RGESN 2024 (Référentiel général d'écoconception de services numériques): its 78 criteria
/// and its weighted progress score (methodology: docs/methodology/rgesn).
///
/// The criteria are those of the reference's machine-readable edition (DISIC/MiNumEco,
/// `_data/referentiel-ecoconception.json` @ 6a64404c8cb3), compiled into the library from
/// `data/rgesn/rgesn-2024.json`: no file is read at run time. Texts are in French, as published,
/// in Markdown. Licence: CC BY-SA 4.0, Arcep / Arcom with ADEME, DINUM, CNIL and Inria; a work
/// that redistributes the texts must credit them and keep the licence (`data/rgesn/README.md`).
///
/// The score is the 2024 "score d'avancement", a progress indicator and not an environmental
/// impact: 100 × the weights of the criteria met / the weights of the applicable criteria, with
/// weights 1.5 (Prioritaire), 1.25 (Recommandé) and 1 (Modéré).
///
///     std::vector<std::pair<std::string, numresp::web::rgesn::answer>> answers;
///     for (const auto& c : numresp::web::rgesn::criteria()) {
///       answers.emplace_back(c.id, numresp::web::rgesn::answer::met);
///     }
///     answers[0].second = numresp::web::rgesn::answer::not_met;  // 1.1, Prioritaire
///     auto r = numresp::web::rgesn::score(answers);              // r->score = 100 × 98.75 / 100.25
#ifndef NUMRESP_WEB_RGESN_HPP_
#define NUMRESP_WEB_RGESN_HPP_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"

namespace numresp::web::rgesn {

/// A criterion's priority ("priorite"), one of the reference's three levels.
enum class priority : std::uint8_t {
  prioritaire,  ///< "Prioritaire": 30 criteria, weight 1.5
  recommande,   ///< "Recommandé": 29 criteria, weight 1.25
  modere,       ///< "Modéré": 19 criteria, weight 1
};

/// The reference's word for `p`: "Prioritaire", "Recommandé" or "Modéré".
[[nodiscard]] absl::string_view to_string(priority p) noexcept;
/// The priority written `words` as the reference writes it ("Prioritaire", "Recommandé",
/// "Modéré"; exact, with accents).
/// @return `kInvalidArgument` naming the value and listing the three.
[[nodiscard]] absl::StatusOr<priority> parse_priority(absl::string_view words);
/// The weight of a priority in the score: 1.5 (Prioritaire), 1.25 (Recommandé), 1 (Modéré).
/// The values are data (`data/rgesn/rgesn-2024.json`, "weights", with their citation: the
/// RGESN 2024's "Calcul de score d'avancement" and Arcep's self-assessment spreadsheet).
[[nodiscard]] double weight(priority p) noexcept;

/// One criterion of the RGESN 2024, as the reference gives it (texts in French, Markdown).
struct criterion {
  std::string id;     ///< "numero": "1.1" ... "9.7"
  std::string group;  ///< "thematique": "Stratégie" ... "Algorithmie"
  // The type is written in full because the member has the enum's name.
  /// "priorite": Prioritaire, Recommandé or Modéré
  numresp::web::rgesn::priority priority = numresp::web::rgesn::priority::prioritaire;
  std::string criterion;       ///< "critere": the question
  std::string difficulty;      ///< "difficulte": "Faible", "Moyen" or "Fort"
  std::string target;          ///< "cible": "Applicable à tous les services" or when it is N/A
  std::string roles;           ///< "metiers": the roles concerned, comma-separated
  std::string objective;       ///< "objectif"
  std::string implementation;  ///< "miseEnOeuvre": how to meet it
  std::string control;         ///< "controle": how to check it
  /// `target` is "Applicable à tous les services": the criterion can never be "not applicable"
  /// (18 criteria).
  bool always_applicable = false;
};

/// The 78 criteria, in the reference's order (1.1 ... 9.7). Built once, on first use, from the
/// data compiled into the library; never destroyed.
[[nodiscard]] const std::vector<criterion>& criteria();

/// The 9 groups ("thematiques"), in the reference's order: Stratégie, Spécifications,
/// Architecture, UX/UI, Contenus, Frontend, Backend, Hébergement, Algorithmie.
[[nodiscard]] const std::vector<std::string>& groups();

/// The criterion numbered `id`, such as "4.13".
/// @return `kNotFound` naming the id and the closest known ids.
[[nodiscard]] absl::StatusOr<const criterion*> find(absl::string_view id);

/// The answer for one criterion. A partial validation is `not_met`, as the reference says.
enum class answer : std::uint8_t {
  met,             ///< "validé"
  not_met,         ///< "non validé"
  not_applicable,  ///< "non applicable": left out of the score (refused for an always-applicable criterion)
};

/// "met", "not_met" or "not_applicable".
[[nodiscard]] absl::string_view to_string(answer a) noexcept;
/// The answer written `text`: "met", "not_met" or "not_applicable" (exact).
/// @return `kInvalidArgument` naming the value and listing the three.
[[nodiscard]] absl::StatusOr<answer> parse_answer(absl::string_view text);

/// The score of one group (thematique).
struct group_score {
  std::string group;  ///< the group's name, as in @ref numresp::web::rgesn::criterion::group "criterion::group"
  /// 100 × points / max_points, in [0, 100]; `std::nullopt` when no criterion of the group is
  /// applicable (the reference's spreadsheet shows "Non applicable" there).
  std::optional<double> score;
  std::size_t met = 0;             ///< criteria met
  std::size_t not_met = 0;         ///< criteria not met
  std::size_t not_applicable = 0;  ///< criteria not applicable
  double points = 0;               ///< sum of the weights of the criteria met
  double max_points = 0;           ///< sum of the weights of the applicable criteria
};

/// A service's RGESN 2024 progress score.
struct result {
  double score = 0;                         ///< 100 × points / max_points, in [0, 100]
  std::vector<group_score> groups;          ///< the 9 groups, in the reference's order
  std::vector<std::string> unmet_priority;  ///< ids of the Prioritaire criteria not met, in order
  std::size_t met = 0;                      ///< criteria met
  std::size_t not_met = 0;                  ///< criteria not met
  std::size_t not_applicable = 0;           ///< criteria not applicable
  double points = 0;                        ///< sum of the weights of the criteria met
  double max_points = 0;                    ///< sum of the weights of the applicable criteria (100.25 when all are)
};

/// The RGESN 2024 progress score of a service, from one answer per criterion.
///
/// score = 100 × Σ weight(met) / Σ weight(met or not met), computed as `100.0 * points /
/// max_points`; each group's score likewise within the group. "Not applicable" criteria are
/// left out of both sums. Every one of the 78 criteria must be answered, once.
///
/// @param answers pairs (criterion id such as "4.13", answer), in any order.
/// @return the score; or, checked in this order:
///         - `kNotFound` for an unknown id, naming it and the closest ids;
///         - `kInvalidArgument` for an id answered twice, naming it;
///         - `kInvalidArgument` for missing answers, listing the first 10 missing ids and the
///           count;
///         - `kInvalidArgument` when every answer is "not applicable" (nothing to score);
///         - `kInvalidArgument` for "not applicable" given to a criterion whose target is
///           "Applicable à tous les services", naming every such id.
[[nodiscard]] absl::StatusOr<result> score(absl::Span<const std::pair<std::string, answer>> answers);

/// A criterion that a page measurement (EcoIndex-style: transferred weight, requests, DOM, HTTP
/// headers, as in a HAR file) gives evidence for, and what evidence.
struct measurable_criterion {
  std::string id;      ///< the criterion, e.g. "6.1"
  std::string reason;  ///< what a measurement shows for it
};

/// The criteria a page measurement (EcoIndex, a HAR file: weight, requests, DOM, headers) can
/// support, in the reference's order, with a short reason each: 2.3, 4.1, 4.2, 4.8, 4.9, 6.1,
/// 6.2, 6.3, 6.4, 6.5, 6.7, 7.1. Evidence, not a verdict: a measurement of some pages can show
/// that a criterion is not met, but meeting it is decided by the assessor for the whole service.
/// All other criteria (strategy, specifications, hosting, AI, ...) are assessed from documents.
[[nodiscard]] const std::vector<measurable_criterion>& measurable_by_page_measurement();

}  // namespace numresp::web::rgesn

#endif  // NUMRESP_WEB_RGESN_HPP_
