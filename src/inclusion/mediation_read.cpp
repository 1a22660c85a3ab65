// numresp/inclusion/mediation.hpp: reading CRA v1 and v2 from CSV, JSON and JSON lines.
//
// Every source becomes a list of *records*: the canonical field name (the v2 API attribute path,
// or the v1 archive's snake_case name) → its JSON value and the name the source gave it. One
// validator per version then turns a record into an activity or a failure (field, value, why).
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "numresp/core/status.hpp"
#include "numresp/inclusion/mediation.hpp"
#include "numresp/io/csv.hpp"

#define NUMRESP_MEDIATION_TRY_(expr) \
  do {                               \
    if (auto failed_ = (expr)) {     \
      return std::move(*failed_);    \
    }                                \
  } while (false)

namespace numresp::inclusion {
namespace {

using json = nlohmann::json;

// -- Field tables ---------------------------------------------------------------------------------

/// A canonical field and the other spelling its model uses (v1: the camelCase document's path).
struct field_spec {
  absl::string_view canonical;
  absl::string_view other;  // empty: none
};

constexpr field_spec kV1Fields[] = {
    {"id", "_id"},
    {"conseiller_numerique_id", "conseiller"},
    {"permanence", ""},
    {"structure_id", "structure"},
    {"structure_nom", ""},
    {"canal", ""},
    {"activite", ""},
    {"nb_participants", "nbParticipants"},
    {"nb_participants_recurrents", "nbParticipantsRecurrents"},
    {"age_moins_12_ans", "age.moins12ans"},
    {"age_de_12_a_18_ans", "age.de12a18ans"},
    {"age_de_18_a_35_ans", "age.de18a35ans"},
    {"age_de_35_a_60_ans", "age.de35a60ans"},
    {"age_plus_60_ans", "age.plus60ans"},
    {"statut_etudiant", "statut.etudiant"},
    {"statut_sans_emploi", "statut.sansEmploi"},
    {"statut_en_emploi", "statut.enEmploi"},
    {"statut_retraite", "statut.retraite"},
    {"statut_heterogene", "statut.heterogene"},
    {"themes", ""},
    {"sous_themes", "sousThemes"},
    {"duree", ""},
    {"duree_minutes", "dureeMinutes"},
    {"accompagnement_individuel", "accompagnement.individuel"},
    {"accompagnement_atelier", "accompagnement.atelier"},
    {"accompagnement_redirection", "accompagnement.redirection"},
    {"code_postal", "codePostal"},
    {"nom_commune", "nomCommune"},
    {"code_commune", "codeCommune"},
    {"date_accompagnement", "dateAccompagnement"},
    {"organismes", ""},
};

constexpr field_spec kV2Fields[] = {
    {"id", ""},
    {"date", ""},
    {"mediateur_id", ""},
    {"type", ""},
    {"type_lieu", ""},
    {"structure_id", ""},
    {"lieu_code_postal", ""},
    {"lieu_commune", ""},
    {"lieu_code_insee", ""},
    {"duree", ""},
    {"accompagnements", ""},
    {"autonomie", ""},
    {"oriente_vers_structure", ""},
    {"structure_de_redirection", ""},
    {"materiel", ""},
    {"thematiques", ""},
    {"niveau_atelier", ""},
    {"titre_atelier", ""},
    {"precisions_demarche", ""},
    {"tags", ""},
    {"suppression", ""},
    {"beneficiaires.total", ""},
    {"beneficiaires.genres.masculin", ""},
    {"beneficiaires.genres.feminin", ""},
    {"beneficiaires.genres.non_communique", ""},
    {"beneficiaires.tranches_age.moins_de_douze", ""},
    {"beneficiaires.tranches_age.douze_dix_huit", ""},
    {"beneficiaires.tranches_age.dix_huit_vingt_quatre", ""},
    {"beneficiaires.tranches_age.vingt_cinq_trente_neuf", ""},
    {"beneficiaires.tranches_age.quarante_cinquante_neuf", ""},
    {"beneficiaires.tranches_age.soixante_soixante_neuf", ""},
    {"beneficiaires.tranches_age.soixante_dix_plus", ""},
    {"beneficiaires.tranches_age.non_communique", ""},
    {"beneficiaires.statuts.scolarise", ""},
    {"beneficiaires.statuts.sans_emploi", ""},
    {"beneficiaires.statuts.en_emploi", ""},
    {"beneficiaires.statuts.retraite", ""},
    {"beneficiaires.statuts.non_communique", ""},
};

constexpr absl::string_view kV1Required[] = {"conseiller_numerique_id", "canal",  "activite",
                                             "nb_participants",         "themes", "date_accompagnement"};
constexpr absl::string_view kV2Required[] = {"date", "mediateur_id", "type", "type_lieu", "thematiques"};

// v1 themes (validationCra.js) and their v2 thematique (inclusion.md §3.3; "" = none).
constexpr std::pair<absl::string_view, absl::string_view> kV1Themes[] = {
    {"equipement informatique", "prendre_en_main_du_materiel"},
    {"vocabulaire", "culture_numerique"},
    {"internet", "navigation_sur_internet"},
    {"securite", "securite_numerique"},
    {"courriel", "email"},
    {"echanger", "reseaux_sociaux"},
    {"traitement texte", "bureautique"},
    {"contenus numeriques", "gere_ses_contenus_numeriques"},
    {"trouver emploi", "insertion_professionnelle"},
    {"tpe/pme", "entrepreneuriat"},
    {"accompagner enfant", "parentalite"},
    {"demarche en ligne", "aide_aux_demarches_administratives"},
    {"fraude et harcelement", "securite_numerique"},
    {"sante", "sante"},
    {"smartphone", "prendre_en_main_du_materiel"},
    {"budget", "banque_et_achats_en_ligne"},
    {"scolaire", "scolarite_et_numerique"},
    {"diagnostic", "diagnostic_numerique"},
    {"autre", ""},
};

constexpr absl::string_view kV1Canals[] = {"rattachement", "autre lieu", "autre", "distance", "domicile"};
constexpr absl::string_view kV1Activities[] = {"individuel", "collectif", "ponctuel"};
constexpr absl::string_view kV2Types[] = {"individuel", "demarche_administrative", "collectif"};
constexpr absl::string_view kV2Places[] = {"lieu_activite", "domicile", "a_distance", "autre"};
constexpr absl::string_view kV2Autonomy[] = {"entierement_accompagne", "partiellement_autonome", "autonome"};
constexpr absl::string_view kV2Redirections[] = {"operateur_ou_organisme_en_charge",
                                                 "aide_aux_demarches_administratives",
                                                 "administration",
                                                 "mediation_numerique",
                                                 "aide_sociale",
                                                 "insertion_professionnelle",
                                                 "autre"};
constexpr absl::string_view kV2Materiel[] = {"ordinateur", "telephone", "tablette", "autre", "aucun"};
constexpr absl::string_view kV2Levels[] = {"debutant", "intermediaire", "avance"};

// -- Records --------------------------------------------------------------------------------------

/// Why a row is rejected.
struct failure {
  std::string field;
  std::string value;
  std::string message;
};

using maybe_failure = std::optional<failure>;

struct entry {
  json value;          // never a JSON null: absent fields are not stored
  std::string source;  // the name the source gave the field
};

/// One row, keyed by canonical field name.
struct record {
  std::map<std::string, entry, std::less<>> fields;
  maybe_failure shape;        // a problem found while building it (an unknown count key...)
  std::string resource_type;  // JSON:API `type`, if any
  bool camel = false;         // a v1 camelCase document: its absent fields are named the camelCase way
};

/// The camelCase name of v1 field `canonical`, or `canonical`.
absl::string_view camel_name(absl::string_view canonical) {
  for (const field_spec& f : kV1Fields) {
    if (f.canonical == canonical) return f.other.empty() || canonical == "id" ? canonical : f.other;
  }
  return canonical;
}

/// Accepted spellings → canonical name, for one version.
class name_table {
 public:
  explicit name_table(cra_version v) {
    const auto add = [&](absl::string_view alias, absl::string_view canonical) {
      if (!alias.empty()) map_.emplace(std::string(alias), std::string(canonical));
    };
    if (v == cra_version::v1) {
      for (const field_spec& f : kV1Fields) {
        add(f.canonical, f.canonical);
        add(f.other, f.canonical);
        add(absl::StrReplaceAll(f.other, {{".", "_"}}), f.canonical);
      }
    } else {
      for (const field_spec& f : kV2Fields) {
        add(f.canonical, f.canonical);
        add(absl::StrReplaceAll(f.canonical, {{".", "_"}}), f.canonical);
      }
    }
  }
  /// The canonical name of `alias`, or nullptr.
  const std::string* find(absl::string_view alias) const {
    auto it = map_.find(alias);
    return it == map_.end() ? nullptr : &it->second;
  }

 private:
  std::map<std::string, std::string, std::less<>> map_;
};

const name_table& names_of(cra_version v) {
  static const name_table v1(cra_version::v1);
  static const name_table v2(cra_version::v2);
  return v == cra_version::v1 ? v1 : v2;
}

/// The text of a value for a message: strings as they are, other values as JSON.
std::string text_of(const json& v) { return v.is_string() ? v.get<std::string>() : v.dump(); }

bool is_blank(const json& v) {
  return v.is_null() || (v.is_string() && absl::StripAsciiWhitespace(v.get_ref<const std::string&>()).empty());
}

/// Whether an unknown field name looks like one of the version's counts (an age band...): such a
/// field is an error rather than ignored, since its people would silently become "unknown".
bool is_count_key(cra_version v, absl::string_view n) {
  const auto prefixed = [&](absl::string_view p) {
    return absl::StartsWith(n, p) && n.size() > p.size() && (n[p.size()] == '.' || n[p.size()] == '_');
  };
  if (v == cra_version::v1) return prefixed("age") || prefixed("statut") || prefixed("accompagnement");
  return prefixed("beneficiaires");
}

std::string known_columns(cra_version v) {
  std::vector<absl::string_view> names;
  for (const field_spec& f : v == cra_version::v1 ? absl::Span<const field_spec>(kV1Fields) : kV2Fields) {
    names.push_back(f.canonical);
  }
  return absl::StrJoin(names, ", ");
}

/// Stores `value` under its canonical name; unknown names are ignored, except counts (@ref is_count_key).
void put(record* r, cra_version v, const std::string& source, const json& value) {
  const std::string* canonical = names_of(v).find(source);
  if (canonical == nullptr) {
    if (is_count_key(v, source) && !r->shape) {
      r->shape = failure{source, text_of(value), "unknown count key for this CRA version"};
    }
    return;
  }
  if (v == cra_version::v1 && source != *canonical && source == camel_name(*canonical)) r->camel = true;
  if (is_blank(value)) return;
  auto [it, inserted] = r->fields.emplace(*canonical, entry{value, source});
  if (!inserted && *canonical != "id" && !r->shape) {
    r->shape = failure{source, text_of(value), absl::StrCat("given twice (also as ", it->second.source, ")")};
  }
}

/// v2: nested objects flattened with '.'.
void flatten_v2(record* r, const json& object, const std::string& prefix) {
  for (auto it = object.begin(); it != object.end(); ++it) {
    const std::string key = prefix.empty() ? it.key() : absl::StrCat(prefix, ".", it.key());
    if (it->is_object()) {
      flatten_v2(r, *it, key);
    } else {
      put(r, cra_version::v2, key, *it);
    }
  }
}

/// v1: the fields of `cra` merged with the top level; `age`, `statut` and `accompagnement`
/// flattened with '.'; other objects (ids, `organismes`, `{"$date": ...}`) kept whole.
void flatten_v1(record* r, const json& object) {
  for (auto it = object.begin(); it != object.end(); ++it) {
    const std::string& key = it.key();
    if (key == "cra" && it->is_object()) {
      r->camel = true;
      flatten_v1(r, *it);
    } else if ((key == "age" || key == "statut" || key == "accompagnement") && it->is_object()) {
      for (auto sub = it->begin(); sub != it->end(); ++sub) {
        put(r, cra_version::v1, absl::StrCat(key, ".", sub.key()), *sub);
      }
    } else {
      put(r, cra_version::v1, key, *it);
    }
  }
}

/// A JSON element (resource or record) into a record.
record record_of(const json& element, cra_version v) {
  record r;
  const json* body = &element;
  auto attributes = element.find("attributes");
  if (attributes != element.end() && attributes->is_object()) {
    body = &*attributes;
    auto type = element.find("type");
    if (type != element.end() && type->is_string()) r.resource_type = type->get<std::string>();
  }
  if (v == cra_version::v1) {
    flatten_v1(&r, *body);
  } else {
    flatten_v2(&r, *body, "");
  }
  if (body != &element) {
    auto id = element.find("id");
    if (id != element.end() && !is_blank(*id)) r.fields.emplace("id", entry{*id, "id"});
  }
  return r;
}

/// The field names of an element, for @ref detect_version.
void names_of_element(const json& object, const std::string& prefix, std::vector<std::string>* out) {
  for (auto it = object.begin(); it != object.end(); ++it) {
    const std::string key = prefix.empty() ? it.key() : absl::StrCat(prefix, ".", it.key());
    out->push_back(key);
    if (it->is_object() && it.key() != "organismes" && it.key() != "cra") names_of_element(*it, key, out);
  }
}

absl::StatusOr<cra_version> detect_element(const json& element) {
  auto attributes = element.find("attributes");
  if (attributes != element.end() && attributes->is_object()) {
    auto type = element.find("type");
    if (type != element.end() && type->is_string()) {
      if (*type == "activite") return cra_version::v2;
      if (*type == "craV1") return cra_version::v1;
    }
    std::vector<std::string> names;
    names_of_element(*attributes, "", &names);
    return detect_version(names);
  }
  std::vector<std::string> names;
  names_of_element(element, "", &names);
  return detect_version(names);
}

// -- Reading values -------------------------------------------------------------------------------

class row_reader {
 public:
  explicit row_reader(const record& r) : r_(r) {}

  const entry* find(absl::string_view canonical) const {
    auto it = r_.fields.find(canonical);
    return it == r_.fields.end() ? nullptr : &it->second;
  }
  std::string source(absl::string_view canonical) const {
    const entry* e = find(canonical);
    if (e != nullptr) return e->source;
    return std::string(r_.camel ? camel_name(canonical) : canonical);
  }
  failure fail(absl::string_view canonical, absl::string_view message) const {
    const entry* e = find(canonical);
    return failure{source(canonical), e != nullptr ? text_of(e->value) : std::string(), std::string(message)};
  }
  maybe_failure missing(absl::string_view canonical) const { return fail(canonical, "required, missing"); }

  /// A text (strings, numbers, MongoDB `{"$oid"}` / DBRef `{"$id"}` ids).
  maybe_failure text(absl::string_view canonical, bool required, std::string* out) const {
    const entry* e = find(canonical);
    if (e == nullptr) return required ? missing(canonical) : std::nullopt;
    std::optional<std::string> t = text_value(e->value);
    if (!t) return fail(canonical, "expected a text or an id");
    *out = std::string(absl::StripAsciiWhitespace(*t));
    return std::nullopt;
  }

  /// A whole number in [lo, hi]; JSON numbers or numeric text ("3", "3.0").
  maybe_failure integer(absl::string_view canonical, long lo, long hi, bool required, std::optional<int>* out) const {
    const entry* e = find(canonical);
    if (e == nullptr) return required ? missing(canonical) : std::nullopt;
    std::optional<double> d = number_value(e->value);
    if (!d || !std::isfinite(*d) || std::floor(*d) != *d) return fail(canonical, "expected a whole number");
    if (*d < static_cast<double>(lo) || *d > static_cast<double>(hi)) {
      return fail(canonical, hi == std::numeric_limits<int>::max() ? absl::StrCat("must be >= ", lo)
                                                                   : absl::StrCat("must be in [", lo, ", ", hi, "]"));
    }
    *out = static_cast<int>(*d);
    return std::nullopt;
  }

  /// A number >= 0 (minutes).
  maybe_failure minutes(absl::string_view canonical, std::optional<double>* out) const {
    const entry* e = find(canonical);
    if (e == nullptr) return std::nullopt;
    std::optional<double> d = number_value(e->value);
    if (!d || !std::isfinite(*d)) return fail(canonical, "expected a number of minutes");
    if (*d < 0) return fail(canonical, "a duration must be >= 0");
    *out = *d;
    return std::nullopt;
  }

  maybe_failure boolean(absl::string_view canonical, std::optional<bool>* out) const {
    const entry* e = find(canonical);
    if (e == nullptr) return std::nullopt;
    const json& v = e->value;
    if (v.is_boolean()) {
      *out = v.get<bool>();
      return std::nullopt;
    }
    if (v.is_number() && (v == 0 || v == 1)) {
      *out = v == 1;
      return std::nullopt;
    }
    if (v.is_string()) {
      const std::string t = absl::AsciiStrToLower(absl::StripAsciiWhitespace(v.get_ref<const std::string&>()));
      if (t == "true" || t == "1" || t == "oui" || t == "yes" || t == "vrai") {
        *out = true;
        return std::nullopt;
      }
      if (t == "false" || t == "0" || t == "non" || t == "no" || t == "faux") {
        *out = false;
        return std::nullopt;
      }
    }
    return fail(canonical, "expected true or false");
  }

  /// An array of texts, or a text split on '|'. Items are trimmed; empty items are dropped.
  maybe_failure list(absl::string_view canonical, bool required, std::vector<std::string>* out) const {
    const entry* e = find(canonical);
    if (e == nullptr) return required ? missing(canonical) : std::nullopt;
    out->clear();
    if (e->value.is_array()) {
      for (const json& item : e->value) {
        if (!item.is_string()) return fail(canonical, "expected a list of texts");
        const absl::string_view t = absl::StripAsciiWhitespace(item.get_ref<const std::string&>());
        if (!t.empty()) out->emplace_back(t);
      }
    } else if (e->value.is_string()) {
      for (absl::string_view t : absl::StrSplit(e->value.get_ref<const std::string&>(), '|')) {
        t = absl::StripAsciiWhitespace(t);
        if (!t.empty()) out->emplace_back(t);
      }
    } else {
      return fail(canonical, "expected a list of texts (or a text with items separated by '|')");
    }
    if (required && out->empty()) return fail(canonical, "at least one item is required");
    return std::nullopt;
  }

  /// One of `allowed`.
  maybe_failure one_of(absl::string_view canonical, absl::Span<const absl::string_view> allowed, bool required,
                       std::string* out) const {
    std::string t;
    NUMRESP_MEDIATION_TRY_(text(canonical, required, &t));
    if (find(canonical) == nullptr) return std::nullopt;
    if (std::find(allowed.begin(), allowed.end(), t) == allowed.end()) {
      return fail(canonical, absl::StrCat("unknown value \"", t, "\"; allowed: ", absl::StrJoin(allowed, ", ")));
    }
    *out = t;
    return std::nullopt;
  }

  /// Every item among `allowed`.
  maybe_failure all_of(absl::string_view canonical, absl::Span<const absl::string_view> allowed,
                       const std::vector<std::string>& items) const {
    for (const std::string& item : items) {
      if (std::find(allowed.begin(), allowed.end(), item) == allowed.end()) {
        return failure{source(canonical), item,
                       absl::StrCat("unknown value \"", item, "\"; allowed: ", absl::StrJoin(allowed, ", "))};
      }
    }
    return std::nullopt;
  }

  /// A date (text, or MongoDB `{"$date": text}`), not before `min`.
  maybe_failure date(absl::string_view canonical, std::optional<civil_date> min, civil_date* out) const {
    const entry* e = find(canonical);
    if (e == nullptr) return missing(canonical);
    const json* v = &e->value;
    if (v->is_object()) {
      auto d = v->find("$date");
      if (d != v->end()) v = &*d;
    }
    if (!v->is_string()) return fail(canonical, "expected a date (YYYY-MM-DD)");
    absl::StatusOr<civil_date> d = parse_date(v->get_ref<const std::string&>());
    if (!d.ok()) return fail(canonical, d.status().message());
    if (min && *d < *min) return fail(canonical, absl::StrCat("must be on or after ", format_date(*min)));
    *out = *d;
    return std::nullopt;
  }

  static std::optional<std::string> text_value(const json& v) {
    if (v.is_string()) return v.get<std::string>();
    if (v.is_number_integer() || v.is_number_unsigned()) return v.dump();
    if (v.is_object()) {
      for (const char* key : {"$oid", "$id"}) {
        auto it = v.find(key);
        if (it != v.end()) return text_value(*it);
      }
    }
    return std::nullopt;
  }

  static std::optional<double> number_value(const json& v) {
    if (v.is_number()) return v.get<double>();
    if (!v.is_string()) return std::nullopt;
    std::string t(absl::StripAsciiWhitespace(v.get_ref<const std::string&>()));
    if (t.find(',') != std::string::npos && t.find('.') == std::string::npos) {
      absl::StrReplaceAll({{",", "."}}, &t);  // a French decimal comma
    }
    double d = 0;
    if (!absl::SimpleAtod(t, &d)) return std::nullopt;
    return d;
  }

 private:
  const record& r_;
};

/// Counts of a group (ages, statuses): sum them, reject a sum above the participants, put the rest in unknown.
maybe_failure fill_counts(const row_reader& rr, absl::string_view group_field,
                          absl::Span<const std::pair<absl::string_view, std::size_t>> sources, long max_count,
                          int participants, std::size_t unknown_index, absl::Span<int> out) {
  std::fill(out.begin(), out.end(), 0);
  long sum = 0;
  for (const auto& [field, index] : sources) {
    std::optional<int> n;
    NUMRESP_MEDIATION_TRY_(rr.integer(field, 0, max_count, false, &n));
    if (n) {
      out[index] += *n;
      sum += *n;
    }
  }
  if (sum > participants) {
    return failure{std::string(group_field), absl::StrCat(sum),
                   absl::StrCat("the counts sum to ", sum, ", more than the ", participants, " participants")};
  }
  out[unknown_index] += static_cast<int>(participants - sum);
  return std::nullopt;
}

void sort_unique(std::vector<std::string>* v) {
  std::sort(v->begin(), v->end());
  v->erase(std::unique(v->begin(), v->end()), v->end());
}

// -- v1 -------------------------------------------------------------------------------------------

/// v1 `duree`: a bucket code, minutes (a number, "75", "1h30", "45min"), or nothing.
maybe_failure read_v1_duration(const row_reader& rr, activity* a) {
  std::optional<double> exact;
  NUMRESP_MEDIATION_TRY_(rr.minutes("duree_minutes", &exact));
  const entry* e = rr.find("duree");
  if (e != nullptr && e->value.is_string()) {
    const std::string t(absl::StripAsciiWhitespace(e->value.get_ref<const std::string&>()));
    struct code {
      absl::string_view text;
      duration_band band;
      double minutes;
    };
    constexpr code kCodes[] = {{"0-30", duration_band::under_30, 15},
                               {"30-60", duration_band::from_30_to_60, 45},
                               {"90", duration_band::from_60, 90}};
    for (const code& c : kCodes) {
      if (t == c.text) {
        a->duration_bucket = c.band;
        a->duration_minutes = c.minutes;
        a->duration_exact = false;
        return std::nullopt;
      }
    }
  }
  if (!exact && e != nullptr) {
    if (e->value.is_number()) {
      NUMRESP_MEDIATION_TRY_(rr.minutes("duree", &exact));
    } else if (e->value.is_string()) {
      // "75", "1h30", "2h", "45min", "1h30min"
      std::string t = absl::AsciiStrToLower(absl::StripAsciiWhitespace(e->value.get_ref<const std::string&>()));
      absl::string_view s = t;
      absl::ConsumeSuffix(&s, "min");
      absl::ConsumeSuffix(&s, "mn");
      double m = 0;
      const std::size_t h = s.find('h');
      int hours = 0;
      int mins = 0;
      if (h != absl::string_view::npos && absl::SimpleAtoi(s.substr(0, h), &hours) && hours >= 0 &&
          (h + 1 == s.size() || (absl::SimpleAtoi(s.substr(h + 1), &mins) && mins >= 0 && mins < 60))) {
        exact = hours * 60.0 + mins;
      } else if (absl::SimpleAtod(s, &m)) {
        if (!std::isfinite(m)) return rr.fail("duree", "expected a number of minutes");
        if (m < 0) return rr.fail("duree", "a duration must be >= 0");
        exact = m;
      } else {
        return rr.fail("duree", "expected 0-30, 30-60, 90, a number of minutes or a duration such as 1h30");
      }
    } else {
      return rr.fail("duree", "expected 0-30, 30-60, 90, a number of minutes or a duration such as 1h30");
    }
  }
  if (exact) {
    a->duration_minutes = *exact;
    a->duration_bucket = band_of(*exact);
    a->duration_exact = true;
  }
  return std::nullopt;
}

/// v1 `organismes`: null, `{"CAF": 2}`, `[{"CAF": 2}, ...]` or "CAF:2|CPAM". Adds the names with a count > 0.
maybe_failure read_v1_organismes(const row_reader& rr, std::vector<std::string>* names) {
  const entry* e = rr.find("organismes");
  if (e == nullptr) return std::nullopt;
  const auto take = [&](const std::string& name, const json& count) -> maybe_failure {
    std::optional<double> n = row_reader::number_value(count);
    if (name.empty() || !n || !std::isfinite(*n) || *n < 0 || std::floor(*n) != *n) {
      failure f = rr.fail("organismes", "");
      f.message =
          absl::StrCat("expected organisation names with whole counts >= 0; got \"", name, "\": ", text_of(count));
      return f;
    }
    if (*n > 0) names->push_back(name);
    return std::nullopt;
  };
  const auto take_object = [&](const json& object) -> maybe_failure {
    for (auto it = object.begin(); it != object.end(); ++it) {
      NUMRESP_MEDIATION_TRY_(take(std::string(absl::StripAsciiWhitespace(it.key())), *it));
    }
    return std::nullopt;
  };
  const json& v = e->value;
  if (v.is_object()) return take_object(v);
  if (v.is_array()) {
    for (const json& item : v) {
      if (!item.is_object()) return rr.fail("organismes", "expected an object {name: count} or a list of them");
      NUMRESP_MEDIATION_TRY_(take_object(item));
    }
    return std::nullopt;
  }
  if (v.is_string()) {
    for (absl::string_view item : absl::StrSplit(v.get_ref<const std::string&>(), '|')) {
      item = absl::StripAsciiWhitespace(item);
      if (item.empty()) continue;
      const std::size_t colon = item.rfind(':');
      if (colon == absl::string_view::npos) {
        names->emplace_back(item);
      } else {
        NUMRESP_MEDIATION_TRY_(take(std::string(absl::StripAsciiWhitespace(item.substr(0, colon))),
                                    json(std::string(item.substr(colon + 1)))));
      }
    }
    return std::nullopt;
  }
  return rr.fail("organismes", "expected an object {name: count}, a list of them, or \"CAF:2|CPAM:1\"");
}

maybe_failure read_v1(const record& r, activity* a) {
  const row_reader rr(r);
  a->source_version = 1;
  if (!r.resource_type.empty() && r.resource_type != "craV1") {
    return failure{"type", r.resource_type, "a v1 JSON:API resource has type craV1"};
  }
  NUMRESP_MEDIATION_TRY_(rr.text("id", false, &a->id));
  if (r.shape) return r.shape;
  NUMRESP_MEDIATION_TRY_(rr.text("conseiller_numerique_id", true, &a->adviser));
  if (a->adviser.empty()) return rr.missing("conseiller_numerique_id");
  std::string permanence;
  std::string structure_id;
  std::string structure_nom;
  NUMRESP_MEDIATION_TRY_(rr.text("permanence", false, &permanence));
  NUMRESP_MEDIATION_TRY_(rr.text("structure_id", false, &structure_id));
  NUMRESP_MEDIATION_TRY_(rr.text("structure_nom", false, &structure_nom));

  std::string canal;
  NUMRESP_MEDIATION_TRY_(rr.one_of("canal", kV1Canals, true, &canal));
  if (canal == "rattachement") {
    a->place_type = place_kind::lieu_activite;
  } else if (canal == "domicile") {
    a->place_type = place_kind::domicile;
  } else if (canal == "distance") {
    a->place_type = place_kind::a_distance;
  } else {
    a->place_type = place_kind::autre;
  }
  std::string kind;
  NUMRESP_MEDIATION_TRY_(rr.one_of("activite", kV1Activities, true, &kind));
  a->type = kind == "collectif" ? activity_kind::collectif : activity_kind::individuel;
  a->v1_ponctuel = kind == "ponctuel";

  std::optional<int> participants;
  NUMRESP_MEDIATION_TRY_(rr.integer("nb_participants", 1, 100, true, &participants));
  a->participants = *participants;
  NUMRESP_MEDIATION_TRY_(rr.integer("nb_participants_recurrents", 0, 100, false, &a->recurring_participants));

  constexpr std::pair<absl::string_view, std::size_t> kAges[] = {{"age_moins_12_ans", 0},
                                                                 {"age_de_12_a_18_ans", 1},
                                                                 {"age_de_18_a_35_ans", 2},
                                                                 {"age_de_35_a_60_ans", 2},
                                                                 {"age_plus_60_ans", 3}};
  NUMRESP_MEDIATION_TRY_(fill_counts(rr, "age", kAges, 100, a->participants, 4, absl::MakeSpan(a->ages)));
  constexpr std::pair<absl::string_view, std::size_t> kStatuses[] = {{"statut_etudiant", 0},
                                                                     {"statut_sans_emploi", 1},
                                                                     {"statut_en_emploi", 2},
                                                                     {"statut_retraite", 3},
                                                                     {"statut_heterogene", 4}};
  NUMRESP_MEDIATION_TRY_(fill_counts(rr, "statut", kStatuses, 100, a->participants, 4, absl::MakeSpan(a->statuses)));

  std::vector<std::string> themes;
  NUMRESP_MEDIATION_TRY_(rr.list("themes", true, &themes));
  if (themes.size() > 20) return rr.fail("themes", absl::StrCat("at most 20 themes; got ", themes.size()));
  for (const std::string& t : themes) {
    auto it = std::find_if(std::begin(kV1Themes), std::end(kV1Themes), [&](const auto& p) { return p.first == t; });
    if (it == std::end(kV1Themes)) {
      std::vector<absl::string_view> allowed;
      for (const auto& p : kV1Themes) allowed.push_back(p.first);
      return failure{rr.source("themes"), t,
                     absl::StrCat("unknown theme \"", t, "\"; allowed: ", absl::StrJoin(allowed, ", "))};
    }
    if (!it->second.empty()) a->themes.emplace_back(it->second);
  }
  sort_unique(&a->themes);
  a->administrative = std::find(themes.begin(), themes.end(), "demarche en ligne") != themes.end();
  std::vector<std::string> sous_themes;
  NUMRESP_MEDIATION_TRY_(rr.list("sous_themes", false, &sous_themes));

  NUMRESP_MEDIATION_TRY_(read_v1_duration(rr, a));

  std::optional<int> follow;
  NUMRESP_MEDIATION_TRY_(rr.integer("accompagnement_individuel", 0, 100, false, &follow));
  NUMRESP_MEDIATION_TRY_(rr.integer("accompagnement_atelier", 0, 100, false, &follow));
  std::optional<int> redirection;
  NUMRESP_MEDIATION_TRY_(rr.integer("accompagnement_redirection", 0, 100, false, &redirection));

  std::string code_postal;
  std::string nom_commune;
  NUMRESP_MEDIATION_TRY_(rr.text("code_postal", false, &code_postal));
  if (!code_postal.empty() && code_postal.size() != 5) return rr.fail("code_postal", "expected 5 characters");
  NUMRESP_MEDIATION_TRY_(rr.text("nom_commune", false, &nom_commune));
  NUMRESP_MEDIATION_TRY_(rr.text("code_commune", false, &a->commune_code));
  if (!a->commune_code.empty() && (a->commune_code.size() < 4 || a->commune_code.size() > 5)) {
    return rr.fail("code_commune", "expected an INSEE code of 4 or 5 characters");
  }

  civil_date min;
  min.year = 2020;
  min.month = 1;
  min.day = 1;
  NUMRESP_MEDIATION_TRY_(rr.date("date_accompagnement", min, &a->date));

  NUMRESP_MEDIATION_TRY_(read_v1_organismes(rr, &a->referral_targets));
  sort_unique(&a->referral_targets);
  a->referred = (redirection && *redirection > 0) || !a->referral_targets.empty();

  if (a->place_type == place_kind::lieu_activite) {
    a->place = !permanence.empty()      ? permanence
               : !structure_nom.empty() ? structure_nom
               : !structure_id.empty()  ? structure_id
                                        : nom_commune;
  } else {
    a->place = nom_commune;
  }
  return std::nullopt;
}

// -- v2 -------------------------------------------------------------------------------------------

maybe_failure read_v2(const record& r, activity* a) {
  const row_reader rr(r);
  a->source_version = 2;
  if (!r.resource_type.empty() && r.resource_type != "activite") {
    return failure{"type", r.resource_type, "a v2 JSON:API resource has type activite"};
  }
  NUMRESP_MEDIATION_TRY_(rr.text("id", false, &a->id));
  if (rr.find("suppression") != nullptr) return rr.fail("suppression", "the activity was deleted");
  if (r.shape) return r.shape;
  NUMRESP_MEDIATION_TRY_(rr.date("date", std::nullopt, &a->date));
  NUMRESP_MEDIATION_TRY_(rr.text("mediateur_id", true, &a->adviser));
  if (a->adviser.empty()) return rr.missing("mediateur_id");

  std::string type;
  NUMRESP_MEDIATION_TRY_(rr.one_of("type", kV2Types, true, &type));
  a->type = type == "collectif" ? activity_kind::collectif : activity_kind::individuel;

  std::string lieu;
  NUMRESP_MEDIATION_TRY_(rr.one_of("type_lieu", kV2Places, true, &lieu));
  a->place_type = *parse_place_kind(lieu);
  std::string structure_id;
  std::string commune;
  std::string code_postal;
  NUMRESP_MEDIATION_TRY_(rr.text("structure_id", false, &structure_id));
  if (a->place_type == place_kind::lieu_activite && structure_id.empty()) {
    return rr.fail("structure_id", "required when type_lieu is lieu_activite");
  }
  NUMRESP_MEDIATION_TRY_(rr.text("lieu_code_postal", false, &code_postal));
  if (!code_postal.empty() && code_postal.size() != 5) return rr.fail("lieu_code_postal", "expected 5 characters");
  NUMRESP_MEDIATION_TRY_(rr.text("lieu_commune", false, &commune));
  NUMRESP_MEDIATION_TRY_(rr.text("lieu_code_insee", false, &a->commune_code));
  if (!a->commune_code.empty() && a->commune_code.size() != 5) {
    return rr.fail("lieu_code_insee", "expected an INSEE code of 5 characters");
  }
  a->place = a->place_type == place_kind::lieu_activite ? structure_id : !commune.empty() ? commune : a->commune_code;

  std::optional<double> minutes;
  NUMRESP_MEDIATION_TRY_(rr.minutes("duree", &minutes));
  if (minutes) {
    a->duration_minutes = *minutes;
    a->duration_bucket = band_of(*minutes);
    a->duration_exact = true;
  }

  constexpr int kMax = std::numeric_limits<int>::max();
  std::optional<int> accompagnements;
  std::optional<int> total;
  NUMRESP_MEDIATION_TRY_(rr.integer("accompagnements", 1, kMax, false, &accompagnements));
  NUMRESP_MEDIATION_TRY_(rr.integer("beneficiaires.total", 1, kMax, false, &total));
  if (accompagnements && total && *accompagnements != *total) {
    return rr.fail("accompagnements", absl::StrCat("differs from beneficiaires.total = ", *total));
  }
  const bool individual = a->type == activity_kind::individuel;
  if (accompagnements || total) {
    a->participants = accompagnements ? *accompagnements : *total;
    if (individual && a->participants != 1) {
      return rr.fail(accompagnements ? "accompagnements" : "beneficiaires.total",
                     absl::StrCat("an individual activity has exactly 1 participant (type ", type, ")"));
    }
  } else if (individual) {
    a->participants = 1;
  } else {
    return rr.fail("accompagnements", "required for a collective activity (or beneficiaires.total)");
  }

  std::string autonomie;
  NUMRESP_MEDIATION_TRY_(rr.one_of("autonomie", kV2Autonomy, false, &autonomie));
  if (!autonomie.empty()) a->autonomy = *parse_autonomy_level(autonomie);
  NUMRESP_MEDIATION_TRY_(rr.boolean("oriente_vers_structure", &a->referred));
  std::string redirection;
  NUMRESP_MEDIATION_TRY_(rr.one_of("structure_de_redirection", kV2Redirections, false, &redirection));
  if (!redirection.empty()) a->referral_targets.push_back(redirection);

  std::vector<std::string> items;
  NUMRESP_MEDIATION_TRY_(rr.list("materiel", false, &items));
  NUMRESP_MEDIATION_TRY_(rr.all_of("materiel", kV2Materiel, items));
  NUMRESP_MEDIATION_TRY_(rr.list("thematiques", true, &a->themes));
  NUMRESP_MEDIATION_TRY_(rr.all_of("thematiques", thematique_keys(), a->themes));
  if (type == "demarche_administrative") a->themes.emplace_back("aide_aux_demarches_administratives");
  sort_unique(&a->themes);
  a->administrative = std::any_of(a->themes.begin(), a->themes.end(),
                                  [](const std::string& t) { return is_administrative_thematique(t); });
  std::string level;
  NUMRESP_MEDIATION_TRY_(rr.one_of("niveau_atelier", kV2Levels, false, &level));
  std::string free_text;
  NUMRESP_MEDIATION_TRY_(rr.text("titre_atelier", false, &free_text));
  NUMRESP_MEDIATION_TRY_(rr.text("precisions_demarche", false, &free_text));
  NUMRESP_MEDIATION_TRY_(rr.list("tags", false, &items));

  constexpr std::pair<absl::string_view, std::size_t> kAges[] = {
      {"beneficiaires.tranches_age.moins_de_douze", 0},
      {"beneficiaires.tranches_age.douze_dix_huit", 1},
      {"beneficiaires.tranches_age.dix_huit_vingt_quatre", 2},
      {"beneficiaires.tranches_age.vingt_cinq_trente_neuf", 2},
      {"beneficiaires.tranches_age.quarante_cinquante_neuf", 2},
      {"beneficiaires.tranches_age.soixante_soixante_neuf", 3},
      {"beneficiaires.tranches_age.soixante_dix_plus", 3},
      {"beneficiaires.tranches_age.non_communique", 4}};
  NUMRESP_MEDIATION_TRY_(
      fill_counts(rr, "beneficiaires.tranches_age", kAges, kMax, a->participants, 4, absl::MakeSpan(a->ages)));
  constexpr std::pair<absl::string_view, std::size_t> kStatuses[] = {{"beneficiaires.statuts.scolarise", 0},
                                                                     {"beneficiaires.statuts.sans_emploi", 1},
                                                                     {"beneficiaires.statuts.en_emploi", 2},
                                                                     {"beneficiaires.statuts.retraite", 3},
                                                                     {"beneficiaires.statuts.non_communique", 4}};
  NUMRESP_MEDIATION_TRY_(
      fill_counts(rr, "beneficiaires.statuts", kStatuses, kMax, a->participants, 4, absl::MakeSpan(a->statuses)));
  std::array<int, 3> genres{};
  constexpr std::pair<absl::string_view, std::size_t> kGenres[] = {{"beneficiaires.genres.masculin", 0},
                                                                   {"beneficiaires.genres.feminin", 1},
                                                                   {"beneficiaires.genres.non_communique", 2}};
  NUMRESP_MEDIATION_TRY_(
      fill_counts(rr, "beneficiaires.genres", kGenres, kMax, a->participants, 2, absl::MakeSpan(genres)));
  return std::nullopt;
}

// -- Drivers --------------------------------------------------------------------------------------

/// Validates one record into `out`.
void take(const record& r, cra_version v, std::size_t row, read_result* out) {
  ++out->read;
  activity a;
  a.source_row = row;
  maybe_failure f = v == cra_version::v1 ? read_v1(r, &a) : read_v2(r, &a);
  if (f) {
    row_error e;
    e.row = row;
    e.id = a.id;
    if (e.id.empty()) {
      auto id = r.fields.find("id");
      if (id != r.fields.end()) e.id = row_reader::text_value(id->second.value).value_or("");
    }
    e.field = std::move(f->field);
    e.value = std::move(f->value);
    e.message = std::move(f->message);
    out->rejected.push_back(std::move(e));
    return;
  }
  out->accepted.push_back(std::move(a));
}

void reject(std::size_t row, std::string field, std::string value, std::string message, read_result* out) {
  ++out->read;
  row_error e;
  e.row = row;
  e.field = std::move(field);
  e.value = std::move(value);
  e.message = std::move(message);
  out->rejected.push_back(std::move(e));
}

absl::Status check_version(cra_version v) {
  if (v == cra_version::automatic || v == cra_version::v1 || v == cra_version::v2) return absl::OkStatus();
  return absl::InvalidArgumentError(
      absl::StrCat("version = ", static_cast<int>(v), ": must be automatic (0), v1 (1) or v2 (2)"));
}

std::size_t line_of(absl::string_view text, std::size_t offset) {
  return 1 + static_cast<std::size_t>(std::count(
                 text.begin(), text.begin() + static_cast<std::ptrdiff_t>(std::min(offset, text.size())), '\n'));
}

}  // namespace

absl::StatusOr<read_result> read_activities_csv(absl::string_view text, cra_version version, absl::string_view origin) {
  NUMRESP_RETURN_IF_ERROR(check_version(version));
  // The separator: ';' when the header line has more of them than commas.
  const absl::string_view first = text.substr(0, text.find('\n'));
  io::csv_options options;
  options.separator =
      std::count(first.begin(), first.end(), ';') > std::count(first.begin(), first.end(), ',') ? ';' : ',';
  NUMRESP_ASSIGN_OR_RETURN(io::csv_table table, io::parse_csv(text, origin, options));
  if (version == cra_version::automatic) {
    absl::StatusOr<cra_version> v = detect_version(table.header);
    if (!v.ok()) return absl::InvalidArgumentError(absl::StrCat(origin, ": ", v.status().message()));
    version = *v;
  }
  // Columns → canonical names; every required one present, none twice.
  std::vector<const std::string*> canonical(table.header.size(), nullptr);
  std::map<std::string, std::string, std::less<>> seen;
  for (std::size_t c = 0; c < table.header.size(); ++c) {
    const std::string column(absl::StripAsciiWhitespace(table.header[c]));
    canonical[c] = names_of(version).find(column);
    if (canonical[c] == nullptr) {
      if (is_count_key(version, column)) {
        return absl::InvalidArgumentError(absl::StrCat(origin, ": column \"", column, "\" is not a count of CRA ",
                                                       to_string(version), "; known: ", known_columns(version)));
      }
      continue;
    }
    auto [it, inserted] = seen.emplace(*canonical[c], column);
    if (!inserted) {
      return absl::InvalidArgumentError(
          absl::StrCat(origin, ": columns \"", it->second, "\" and \"", column, "\" are both field ", *canonical[c]));
    }
  }
  const absl::Span<const absl::string_view> required =
      version == cra_version::v1 ? absl::Span<const absl::string_view>(kV1Required) : kV2Required;
  for (absl::string_view field : required) {
    if (seen.find(field) == seen.end()) {
      return absl::InvalidArgumentError(absl::StrCat(origin, ": CRA ", to_string(version),
                                                     " CSV without the required column \"", field,
                                                     "\"; columns: ", absl::StrJoin(table.header, ", ")));
    }
  }
  read_result out;
  out.version = version;
  out.accepted.reserve(table.rows.size());
  for (std::size_t i = 0; i < table.rows.size(); ++i) {
    record r;
    for (std::size_t c = 0; c < table.header.size(); ++c) {
      if (canonical[c] == nullptr) continue;
      const absl::string_view cell = absl::StripAsciiWhitespace(table.rows[i].fields[c]);
      if (cell.empty()) continue;
      r.fields.emplace(*canonical[c],
                       entry{json(std::string(cell)), std::string(absl::StripAsciiWhitespace(table.header[c]))});
    }
    take(r, version, i + 1, &out);
  }
  return out;
}

absl::StatusOr<read_result> read_activities_json(absl::string_view text, cra_version version,
                                                 absl::string_view origin) {
  NUMRESP_RETURN_IF_ERROR(check_version(version));
  json doc;
  try {
    doc = json::parse(text.begin(), text.end());
  } catch (const json::parse_error& e) {
    const std::size_t offset = e.byte > 0 ? e.byte - 1 : 0;
    return absl::InvalidArgumentError(
        absl::StrCat(origin, ":", line_of(text, offset), ": malformed JSON at byte offset ", offset, ": ", e.what()));
  }
  const json* items = &doc;
  if (doc.is_object()) {
    auto data = doc.find("data");
    if (data == doc.end() || !data->is_array()) {
      return absl::InvalidArgumentError(
          absl::StrCat(origin, ": expected an array of activity reports or a JSON:API list {\"data\": [...]}"));
    }
    items = &*data;
  } else if (!doc.is_array()) {
    return absl::InvalidArgumentError(absl::StrCat(origin,
                                                   ": expected an array of activity reports or a JSON:API "
                                                   "list {\"data\": [...]}, got ",
                                                   doc.type_name()));
  }
  if (version == cra_version::automatic) {
    for (const json& element : *items) {
      if (!element.is_object()) continue;
      absl::StatusOr<cra_version> v = detect_element(element);
      if (!v.ok()) return absl::InvalidArgumentError(absl::StrCat(origin, ": ", v.status().message()));
      version = *v;
      break;
    }
    if (version == cra_version::automatic) version = cra_version::v2;  // nothing to read anyway
  }
  read_result out;
  out.version = version;
  out.accepted.reserve(items->size());
  for (std::size_t i = 0; i < items->size(); ++i) {
    const json& element = (*items)[i];
    if (!element.is_object()) {
      reject(i, "", text_of(element), absl::StrCat("expected an object, got ", element.type_name()), &out);
      continue;
    }
    take(record_of(element, version), version, i, &out);
  }
  return out;
}

absl::StatusOr<read_result> read_activities_json_lines(absl::string_view text, cra_version version,
                                                       absl::string_view origin) {
  NUMRESP_RETURN_IF_ERROR(check_version(version));
  std::vector<absl::string_view> lines = absl::StrSplit(text, '\n');
  read_result out;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const absl::string_view line = absl::StripAsciiWhitespace(lines[i]);
    if (line.empty()) continue;
    const std::size_t row = i + 1;
    json element = json::parse(line.begin(), line.end(), nullptr, /*allow_exceptions=*/false);
    if (element.is_discarded()) {
      reject(row, "", std::string(line.substr(0, 200)), "malformed JSON", &out);
      continue;
    }
    if (!element.is_object()) {
      reject(row, "", text_of(element), absl::StrCat("expected an object, got ", element.type_name()), &out);
      continue;
    }
    if (version == cra_version::automatic) {
      absl::StatusOr<cra_version> v = detect_element(element);
      if (!v.ok()) {
        return absl::InvalidArgumentError(absl::StrCat(origin, ":", row, ": ", v.status().message()));
      }
      version = *v;
    }
    take(record_of(element, version), version, row, &out);
  }
  out.version = version == cra_version::automatic ? cra_version::v2 : version;
  return out;
}

absl::StatusOr<read_result> read_activities_file(const std::string& path, cra_version version) {
  NUMRESP_ASSIGN_OR_RETURN(std::string text, io::read_file(path));
  const std::string lower = absl::AsciiStrToLower(path);
  if (absl::EndsWith(lower, ".csv")) return read_activities_csv(text, version, path);
  if (absl::EndsWith(lower, ".json")) return read_activities_json(text, version, path);
  if (absl::EndsWith(lower, ".jsonl") || absl::EndsWith(lower, ".ndjson")) {
    return read_activities_json_lines(text, version, path);
  }
  return absl::InvalidArgumentError(absl::StrCat(path, ": unknown extension; expected .csv, .json, .jsonl or .ndjson"));
}

}  // namespace numresp::inclusion
