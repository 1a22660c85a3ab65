#include "numresp/web/rgesn.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace numresp::web::rgesn {
namespace detail {
/// data/rgesn/rgesn-2024.json, byte for byte; defined in the rgesn_data.cpp that
/// src/web/rgesn.cmake generates (and validates) at build time.
std::string embedded_json();
}  // namespace detail

namespace {

/// The target ("cible") of the criteria that apply to every service.
constexpr absl::string_view kAlwaysApplicable = "Applicable à tous les services";
/// The reference's words for the priorities, in enum order.
constexpr std::array<absl::string_view, 3> kPriorityWords = {"Prioritaire", "Recommandé", "Modéré"};
/// The answers' names, in enum order.
constexpr std::array<absl::string_view, 3> kAnswerNames = {"met", "not_met", "not_applicable"};
/// How many missing ids an error message lists.
constexpr std::size_t kMissingListed = 10;

/// Everything read from the compiled-in data, once.
struct data {
  std::vector<criterion> criteria;
  std::vector<std::string> groups;
  std::vector<std::size_t> group_of;  // criterion index -> group index
  std::array<double, 3> weights{};
  std::map<std::string, std::size_t, std::less<>> index;  // id -> criterion index
  std::vector<measurable_criterion> measurable;
};

/// The compiled-in data were validated when the library was built (src/web/rgesn.cmake): a
/// failure here means a corrupted build, not a user error, so it stops the program.
[[noreturn]] void corrupt(const std::string& what) {
  std::fprintf(stderr, "numresp: the compiled-in RGESN data (data/rgesn/rgesn-2024.json) is corrupt: %s\n",
               what.c_str());
  std::abort();
}

const std::string& string_field(const nlohmann::json& object, const char* key) {
  const auto it = object.find(key);
  if (it == object.end() || !it->is_string()) corrupt(absl::StrCat("no string \"", key, "\""));
  return it->get_ref<const std::string&>();
}

std::size_t priority_index(priority p) { return static_cast<std::size_t>(p); }

/// The ids of a page measurement's evidence, with what it shows (shared research
/// ecoindex-rgesn.md §4.2: the criteria closest to an EcoIndex-style measurement).
std::vector<measurable_criterion> page_measurement_criteria() {
  return {
      {"2.3",
       "the transferred weight and request count of each screen tell whether it is usable on a low-bandwidth "
       "connection (and a measurement run offline shows what still works)"},
      {"4.1",
       "media requests (video, audio, animations) made while the page loads, without any user action, reveal "
       "autoplay; the DOM shows autoplay attributes"},
      {"4.2", "requests and DOM elements that keep growing while the page is scrolled reveal infinite scroll"},
      {"4.8", "the font files downloaded (count and weight) are listed by their MIME type or extension"},
      {"4.9",
       "the requests sent while a field is typed in (autocompletion) are counted in a measurement of that "
       "interaction"},
      {"6.1",
       "the transferred weight and the number of requests of each screen are exactly what EcoIndex measures, "
       "to compare with the service's own limits"},
      {"6.2",
       "the HTTP cache headers (Cache-Control, Expires, ETag, Last-Modified) of each response, and what a second "
       "visit transfers again"},
      {"6.3", "the Content-Encoding (gzip, br, zstd) of text responses (HTML, CSS, JavaScript, JSON, SVG)"},
      {"6.4", "the intrinsic size of each image (from the response) against its displayed size (from the DOM)"},
      {"6.5",
       "resources that are transferred but not used by the screen (unused scripts, styles, images) show in the "
       "requests and the DOM"},
      {"6.7", "the domains that serve the service's static resources are listed in the requests"},
      {"7.1", "response times and cache headers (Age, X-Cache) of repeated requests hint at a server-side cache"},
  };
}

data load() {
  const nlohmann::json root = nlohmann::json::parse(detail::embedded_json(), nullptr, /*allow_exceptions=*/false);
  if (root.is_discarded() || !root.is_object()) corrupt("not a JSON object");
  data d;

  const auto weights = root.find("weights");
  if (weights == root.end() || !weights->is_object()) corrupt("no \"weights\"");
  const auto values = weights->find("values");
  if (values == weights->end() || !values->is_object()) corrupt("no \"weights\".\"values\"");
  for (std::size_t p = 0; p < kPriorityWords.size(); ++p) {
    const auto w = values->find(std::string(kPriorityWords[p]));
    if (w == values->end() || !w->is_number()) corrupt(absl::StrCat("no weight for ", kPriorityWords[p]));
    d.weights[p] = w->get<double>();
  }

  const auto list = root.find("criteria");
  if (list == root.end() || !list->is_array()) corrupt("no \"criteria\"");
  d.criteria.reserve(list->size());
  for (const nlohmann::json& item : *list) {
    if (!item.is_object()) corrupt("a criterion is not an object");
    criterion c;
    c.id = string_field(item, "numero");
    c.group = string_field(item, "thematique");
    absl::StatusOr<priority> p = parse_priority(string_field(item, "priorite"));
    if (!p.ok()) corrupt(std::string(p.status().message()));
    c.priority = *p;
    c.criterion = string_field(item, "critere");
    c.difficulty = string_field(item, "difficulte");
    c.target = string_field(item, "cible");
    c.roles = string_field(item, "metiers");
    c.objective = string_field(item, "objectif");
    c.implementation = string_field(item, "miseEnOeuvre");
    c.control = string_field(item, "controle");
    c.always_applicable = c.target == kAlwaysApplicable;
    if (d.groups.empty() || d.groups.back() != c.group) d.groups.push_back(c.group);
    d.group_of.push_back(d.groups.size() - 1);
    if (!d.index.emplace(c.id, d.criteria.size()).second) corrupt(absl::StrCat("criterion ", c.id, " twice"));
    d.criteria.push_back(std::move(c));
  }

  d.measurable = page_measurement_criteria();
  for (const measurable_criterion& m : d.measurable) {
    if (d.index.find(m.id) == d.index.end()) corrupt(absl::StrCat("no criterion ", m.id));
  }
  return d;
}

const data& the_data() {
  static const data* const d = new data(load());
  return *d;
}

/// Levenshtein distance, for "did you mean" suggestions.
std::size_t edit_distance(absl::string_view a, absl::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = up;
    }
  }
  return row[b.size()];
}

/// `kNotFound` for an unknown id, with the (at most) three closest ids, closest first.
absl::Status unknown_id(absl::string_view id) {
  const std::vector<criterion>& all = the_data().criteria;
  std::vector<std::pair<std::size_t, std::size_t>> scored;  // (distance, criterion index)
  scored.reserve(all.size());
  for (std::size_t i = 0; i < all.size(); ++i) scored.emplace_back(edit_distance(id, all[i].id), i);
  const std::size_t keep = std::min<std::size_t>(3, scored.size());
  std::partial_sort(scored.begin(), scored.begin() + static_cast<std::ptrdiff_t>(keep), scored.end());
  std::vector<absl::string_view> near;
  for (std::size_t i = 0; i < keep; ++i) near.push_back(all[scored[i].second].id);
  return absl::NotFoundError(absl::StrCat("unknown RGESN 2024 criterion id \"", id, "\"; closest ids: ",
                                          absl::StrJoin(near, ", "), " (ids run from 1.1 to 9.7)"));
}

}  // namespace

absl::string_view to_string(priority p) noexcept { return kPriorityWords[priority_index(p)]; }

absl::StatusOr<priority> parse_priority(absl::string_view words) {
  for (std::size_t p = 0; p < kPriorityWords.size(); ++p) {
    if (words == kPriorityWords[p]) return static_cast<priority>(p);
  }
  return absl::InvalidArgumentError(
      absl::StrCat("priority \"", words, "\": expected one of \"", absl::StrJoin(kPriorityWords, "\", \""), "\""));
}

double weight(priority p) noexcept { return the_data().weights[priority_index(p)]; }

const std::vector<criterion>& criteria() { return the_data().criteria; }

const std::vector<std::string>& groups() { return the_data().groups; }

absl::StatusOr<const criterion*> find(absl::string_view id) {
  const data& d = the_data();
  const auto it = d.index.find(id);
  if (it == d.index.end()) return unknown_id(id);
  return &d.criteria[it->second];
}

absl::string_view to_string(answer a) noexcept { return kAnswerNames[static_cast<std::size_t>(a)]; }

absl::StatusOr<answer> parse_answer(absl::string_view text) {
  for (std::size_t a = 0; a < kAnswerNames.size(); ++a) {
    if (text == kAnswerNames[a]) return static_cast<answer>(a);
  }
  return absl::InvalidArgumentError(
      absl::StrCat("answer \"", text, "\": expected one of \"", absl::StrJoin(kAnswerNames, "\", \""), "\""));
}

absl::StatusOr<result> score(absl::Span<const std::pair<std::string, answer>> answers) {
  const data& d = the_data();
  const std::size_t n = d.criteria.size();
  std::vector<std::optional<answer>> given(n);

  // Unknown ids and duplicates, in the caller's order.
  for (const auto& [id, a] : answers) {
    const auto it = d.index.find(id);
    if (it == d.index.end()) return unknown_id(id);
    if (given[it->second].has_value()) {
      return absl::InvalidArgumentError(absl::StrCat("criterion ", id, " is answered twice (",
                                                     to_string(*given[it->second]), ", then ", to_string(a), ")"));
    }
    given[it->second] = a;
  }

  // Missing answers.
  std::vector<absl::string_view> missing;
  for (std::size_t i = 0; i < n; ++i) {
    if (!given[i].has_value()) missing.push_back(d.criteria[i].id);
  }
  if (!missing.empty()) {
    const std::size_t listed = std::min(missing.size(), kMissingListed);
    std::string message =
        absl::StrCat("missing answers for ", missing.size(), " of the ", n, " RGESN criteria: ",
                     absl::StrJoin(missing.begin(), missing.begin() + static_cast<std::ptrdiff_t>(listed), ", "));
    if (missing.size() > listed) absl::StrAppend(&message, " and ", missing.size() - listed, " more");
    absl::StrAppend(&message, " (every criterion needs met, not_met or not_applicable)");
    return absl::InvalidArgumentError(message);
  }

  // Nothing applicable, then "not applicable" for a criterion that applies to every service.
  if (std::all_of(given.begin(), given.end(), [](const auto& a) { return *a == answer::not_applicable; })) {
    return absl::InvalidArgumentError(absl::StrCat(
        "every answer is not_applicable: the score needs at least one applicable criterion (and the ",
        std::count_if(d.criteria.begin(), d.criteria.end(), [](const criterion& c) { return c.always_applicable; }),
        " criteria whose target is \"", kAlwaysApplicable, "\" are always applicable)"));
  }
  std::vector<absl::string_view> wrongly_na;
  for (std::size_t i = 0; i < n; ++i) {
    if (*given[i] == answer::not_applicable && d.criteria[i].always_applicable) wrongly_na.push_back(d.criteria[i].id);
  }
  if (!wrongly_na.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "not_applicable for ", wrongly_na.size() == 1 ? "criterion " : "criteria ", absl::StrJoin(wrongly_na, ", "),
        ": their target is \"", kAlwaysApplicable, "\", so they are always applicable (answer met or not_met)"));
  }

  // The sums.
  result r;
  r.groups.resize(d.groups.size());
  for (std::size_t g = 0; g < d.groups.size(); ++g) r.groups[g].group = d.groups[g];
  for (std::size_t i = 0; i < n; ++i) {
    const criterion& c = d.criteria[i];
    group_score& g = r.groups[d.group_of[i]];
    const double w = d.weights[priority_index(c.priority)];
    switch (*given[i]) {
      case answer::met:
        ++r.met, ++g.met;
        r.points += w, g.points += w;
        r.max_points += w, g.max_points += w;
        break;
      case answer::not_met:
        ++r.not_met, ++g.not_met;
        r.max_points += w, g.max_points += w;
        if (c.priority == priority::prioritaire) r.unmet_priority.push_back(c.id);
        break;
      case answer::not_applicable:
        ++r.not_applicable, ++g.not_applicable;
        break;
    }
  }
  r.score = 100.0 * r.points / r.max_points;
  for (group_score& g : r.groups) {
    if (g.max_points > 0) g.score = 100.0 * g.points / g.max_points;
  }
  return r;
}

const std::vector<measurable_criterion>& measurable_by_page_measurement() { return the_data().measurable; }

}  // namespace numresp::web::rgesn
