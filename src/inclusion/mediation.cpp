// numresp/inclusion/mediation.hpp: value names, dates, the activity's invariants and version
// detection. The readers are in mediation_read.cpp, the indicators in mediation_indicators.cpp.
#include "numresp/inclusion/mediation.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"

namespace numresp::inclusion {
namespace {

constexpr absl::string_view kPlaceNames[] = {"lieu_activite", "domicile", "a_distance", "autre"};
constexpr absl::string_view kActivityNames[] = {"individuel", "collectif"};
constexpr absl::string_view kAutonomyNames[] = {"entierement_accompagne", "partiellement_autonome", "autonome"};
constexpr absl::string_view kDurationNames[] = {"<30", "30-60", ">=60"};
constexpr absl::string_view kAgeNames[] = {"<12", "12-17", "18-59", "60+", "unknown"};
constexpr absl::string_view kStatusNames[] = {"student", "unemployed", "employed", "retired", "unknown"};
constexpr absl::string_view kVersionNames[] = {"automatic", "v1", "v2"};

// v2 `thematiques` (Coop `thematiqueApiValues`): the digital ones, then the service-public.fr taxonomy.
constexpr absl::string_view kThematiques[] = {
    "diagnostic_numerique",
    "prendre_en_main_du_materiel",
    "maintenance_de_materiel",
    "gere_ses_contenus_numeriques",
    "navigation_sur_internet",
    "email",
    "bureautique",
    "reseaux_sociaux",
    "sante",
    "banque_et_achats_en_ligne",
    "entrepreneuriat",
    "insertion_professionnelle",
    "securite_numerique",
    "parentalite",
    "scolarite_et_numerique",
    "creer_avec_le_numerique",
    "culture_numerique",
    "intelligence_artificielle",
    "aide_aux_demarches_administratives",
    // administrative (service-public.fr)
    "papiers_elections_citoyennete",
    "famille_scolarite",
    "social_sante",
    "travail_formation",
    "logement",
    "transports_mobilite",
    "argent_impots",
    "justice",
    "etrangers_europe",
    "loisirs_sports_culture",
    "associations",
};
constexpr std::size_t kFirstAdministrative = 18;  // aide_aux_demarches_administratives

template <class E, std::size_t N>
absl::string_view name_in(const absl::string_view (&names)[N], E v) noexcept {
  const auto i = static_cast<std::size_t>(v);
  return i < N ? names[i] : absl::string_view("?");
}

template <class E, std::size_t N>
absl::StatusOr<E> parse_in(const absl::string_view (&names)[N], absl::string_view text, absl::string_view what) {
  const absl::string_view t = absl::StripAsciiWhitespace(text);
  for (std::size_t i = 0; i < N; ++i) {
    if (names[i] == t) return static_cast<E>(i);
  }
  return absl::NotFoundError(absl::StrCat("unknown ", what, " \"", text, "\"; known: ", absl::StrJoin(names, ", ")));
}

bool is_leap(int y) noexcept { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int y, int m) noexcept {
  constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : kDays[m - 1];
}

// Days since 1970-01-01 of a civil date (H. Hinnant's algorithm).
std::int64_t days_from_civil(int y, int m, int d) noexcept {
  y -= m <= 2 ? 1 : 0;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<std::int64_t>(y - era * 400);
  const std::int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

civil_date civil_from_days(std::int64_t z) noexcept {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const std::int64_t doe = z - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  const std::int64_t d = doy - (153 * mp + 2) / 5 + 1;
  const std::int64_t m = mp < 10 ? mp + 3 : mp - 9;
  civil_date out;
  out.year = static_cast<int>(yoe + era * 400 + (m <= 2 ? 1 : 0));
  out.month = static_cast<int>(m);
  out.day = static_cast<int>(d);
  return out;
}

// 0 = Sunday.
int weekday(std::int64_t days) noexcept { return static_cast<int>(((days % 7) + 11) % 7); }

// Seconds since the epoch of the last Sunday of `month` in `year`, 01:00 UTC (EU summer time).
std::int64_t eu_switch(int year, int month) noexcept {
  const std::int64_t last = days_from_civil(year, month, days_in_month(year, month));
  return (last - weekday(last)) * 86400 + 3600;
}

// The French civil date of a UTC instant (seconds since the epoch).
civil_date paris_date(std::int64_t utc_seconds) noexcept {
  const auto floor_div = [](std::int64_t a, std::int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); };
  const int year = civil_from_days(floor_div(utc_seconds, 86400)).year;
  const bool summer = utc_seconds >= eu_switch(year, 3) && utc_seconds < eu_switch(year, 10);
  return civil_from_days(floor_div(utc_seconds + (summer ? 7200 : 3600), 86400));
}

bool digits(absl::string_view s, int* out) {
  if (s.empty() ||
      !std::all_of(s.begin(), s.end(), [](char c) { return absl::ascii_isdigit(static_cast<unsigned char>(c)); }))
    return false;
  return absl::SimpleAtoi(s, out);
}

absl::Status bad_date(absl::string_view text, absl::string_view why) {
  return absl::InvalidArgumentError(absl::StrCat("date \"", text, "\": ", why));
}

// `[:SS[.fff]]` then `[Z|±HH:MM|±HHMM]` after `HH:MM`; sets the seconds and the offset (seconds east).
bool parse_time_tail(absl::string_view rest, int* seconds, std::optional<int>* offset) {
  *seconds = 0;
  if (absl::ConsumePrefix(&rest, ":")) {
    if (rest.size() < 2 || !digits(rest.substr(0, 2), seconds) || *seconds > 60) return false;
    rest.remove_prefix(2);
    if (absl::ConsumePrefix(&rest, ".") || absl::ConsumePrefix(&rest, ",")) {
      std::size_t n = 0;
      while (n < rest.size() && absl::ascii_isdigit(static_cast<unsigned char>(rest[n]))) ++n;
      if (n == 0) return false;
      rest.remove_prefix(n);
    }
  }
  if (rest.empty()) return true;
  if (rest == "Z" || rest == "z") {
    *offset = 0;
    return true;
  }
  if (rest[0] != '+' && rest[0] != '-') return false;
  const int sign = rest[0] == '-' ? -1 : 1;
  rest.remove_prefix(1);
  int h = 0;
  int m = 0;
  if (rest.size() == 5 && rest[2] == ':') {
    if (!digits(rest.substr(0, 2), &h) || !digits(rest.substr(3, 2), &m)) return false;
  } else if (rest.size() == 4 || rest.size() == 2) {
    if (!digits(rest.substr(0, 2), &h) || (rest.size() == 4 && !digits(rest.substr(2, 2), &m))) return false;
  } else {
    return false;
  }
  if (h > 14 || m > 59) return false;
  *offset = sign * (h * 3600 + m * 60);
  return true;
}

}  // namespace

// -- Names ----------------------------------------------------------------------------------------

absl::string_view to_string(place_kind v) noexcept { return name_in(kPlaceNames, v); }
absl::string_view to_string(activity_kind v) noexcept { return name_in(kActivityNames, v); }
absl::string_view to_string(autonomy_level v) noexcept { return name_in(kAutonomyNames, v); }
absl::string_view to_string(duration_band v) noexcept { return name_in(kDurationNames, v); }
absl::string_view to_string(age_band v) noexcept { return name_in(kAgeNames, v); }
absl::string_view to_string(status_group v) noexcept { return name_in(kStatusNames, v); }
absl::string_view to_string(cra_version v) noexcept { return name_in(kVersionNames, v); }

absl::StatusOr<place_kind> parse_place_kind(absl::string_view text) {
  return parse_in<place_kind>(kPlaceNames, text, "place type");
}
absl::StatusOr<activity_kind> parse_activity_kind(absl::string_view text) {
  return parse_in<activity_kind>(kActivityNames, text, "activity type");
}
absl::StatusOr<autonomy_level> parse_autonomy_level(absl::string_view text) {
  return parse_in<autonomy_level>(kAutonomyNames, text, "autonomy level");
}
absl::StatusOr<duration_band> parse_duration_band(absl::string_view text) {
  return parse_in<duration_band>(kDurationNames, text, "duration bucket");
}

duration_band band_of(double minutes) noexcept {
  if (minutes < 30) return duration_band::under_30;
  if (minutes < 60) return duration_band::from_30_to_60;
  return duration_band::from_60;
}

absl::Span<const absl::string_view> thematique_keys() noexcept { return kThematiques; }

bool is_administrative_thematique(absl::string_view key) noexcept {
  for (std::size_t i = kFirstAdministrative; i < std::size(kThematiques); ++i) {
    if (kThematiques[i] == key) return true;
  }
  return false;
}

// -- Dates ----------------------------------------------------------------------------------------

bool is_valid_date(civil_date d) noexcept {
  return d.year >= 1 && d.year <= 9999 && d.month >= 1 && d.month <= 12 && d.day >= 1 &&
         d.day <= days_in_month(d.year, d.month);
}

std::string format_date(civil_date d) {
  const auto pad = [](int v, std::size_t width) {
    std::string s = std::to_string(v < 0 ? -v : v);
    if (s.size() < width) s.insert(0, width - s.size(), '0');
    return v < 0 ? "-" + s : s;
  };
  return absl::StrCat(pad(d.year, 4), "-", pad(d.month, 2), "-", pad(d.day, 2));
}

absl::StatusOr<civil_date> parse_date(absl::string_view text) {
  const absl::string_view t = absl::StripAsciiWhitespace(text);
  civil_date d;
  if (t.size() == 10 && t[2] == '/' && t[5] == '/') {
    if (!digits(t.substr(0, 2), &d.day) || !digits(t.substr(3, 2), &d.month) || !digits(t.substr(6, 4), &d.year)) {
      return bad_date(text, "expected YYYY-MM-DD, DD/MM/YYYY or an ISO 8601 date-time");
    }
    if (!is_valid_date(d)) return bad_date(text, "no such day");
    return d;
  }
  if (t.size() < 10 || t[4] != '-' || t[7] != '-' || !digits(t.substr(0, 4), &d.year) ||
      !digits(t.substr(5, 2), &d.month) || !digits(t.substr(8, 2), &d.day)) {
    return bad_date(text, "expected YYYY-MM-DD, DD/MM/YYYY or an ISO 8601 date-time");
  }
  if (!is_valid_date(d)) return bad_date(text, "no such day");
  if (t.size() == 10) return d;
  // A date-time: `T` (or a space), HH:MM, then the optional seconds and offset.
  int h = 0;
  int m = 0;
  int s = 0;
  std::optional<int> offset;
  if ((t[10] != 'T' && t[10] != 't' && t[10] != ' ') || t.size() < 16 || t[13] != ':' || !digits(t.substr(11, 2), &h) ||
      !digits(t.substr(14, 2), &m) || h > 24 || m > 59 || !parse_time_tail(t.substr(16), &s, &offset)) {
    return bad_date(text, "expected YYYY-MM-DD, DD/MM/YYYY or an ISO 8601 date-time");
  }
  if (!offset) return d;
  const std::int64_t instant =
      days_from_civil(d.year, d.month, d.day) * 86400 + h * 3600 + m * 60 + s - static_cast<std::int64_t>(*offset);
  return paris_date(instant);
}

// -- The activity's invariants ------------------------------------------------------------------

absl::Status validate_activity(const activity& a) {
  const auto bad = [&](absl::string_view field, const auto& value, absl::string_view why) {
    return absl::InvalidArgumentError(absl::StrCat(field, " = ", value, ": ", why));
  };
  if (!is_valid_date(a.date)) {
    return bad("date", absl::StrCat(a.date.year, "-", a.date.month, "-", a.date.day), "not a real day");
  }
  if (absl::StripAsciiWhitespace(a.adviser).empty()) return bad("adviser", "\"\"", "must not be empty");
  if (static_cast<std::size_t>(a.place_type) > 3) {
    return bad("place_type", static_cast<int>(a.place_type), "not a place_kind");
  }
  if (static_cast<std::size_t>(a.type) > 1) return bad("type", static_cast<int>(a.type), "not an activity_kind");
  if (a.participants < 1) return bad("participants", a.participants, "must be >= 1");
  if (a.recurring_participants && (*a.recurring_participants < 0 || *a.recurring_participants > a.participants)) {
    return bad("recurring_participants", *a.recurring_participants,
               absl::StrCat("must be in [0, participants = ", a.participants, "]"));
  }
  if (a.duration_minutes) {
    const double v = *a.duration_minutes;
    if (!(std::isfinite(v) && v >= 0)) return bad("duration_minutes", v, "must be finite and >= 0");
    if (!a.duration_bucket) return bad("duration_bucket", "(none)", "must be set when there are minutes");
    if (a.duration_exact && *a.duration_bucket != band_of(v)) {
      return bad("duration_bucket", to_string(*a.duration_bucket),
                 absl::StrCat("exact minutes ", v, " are in bucket ", to_string(band_of(v))));
    }
  }
  if (a.duration_bucket && static_cast<std::size_t>(*a.duration_bucket) > 2) {
    return bad("duration_bucket", static_cast<int>(*a.duration_bucket), "not a duration_band");
  }
  if (a.autonomy && static_cast<std::size_t>(*a.autonomy) > 2) {
    return bad("autonomy", static_cast<int>(*a.autonomy), "not an autonomy_level");
  }
  for (const std::string& t : a.themes) {
    if (std::find(std::begin(kThematiques), std::end(kThematiques), t) == std::end(kThematiques)) {
      return bad("themes", absl::StrCat("\"", t, "\""),
                 absl::StrCat("unknown thematique; known: ", absl::StrJoin(kThematiques, ", ")));
    }
  }
  const auto check_counts = [&](absl::string_view field, absl::Span<const int> counts,
                                absl::Span<const absl::string_view> names) -> absl::Status {
    long sum = 0;
    for (std::size_t i = 0; i < counts.size(); ++i) {
      if (counts[i] < 0) return bad(absl::StrCat(field, "[", names[i], "]"), counts[i], "must be >= 0");
      sum += counts[i];
    }
    if (sum != a.participants) {
      return bad(field, sum, absl::StrCat("the counts must sum to participants = ", a.participants));
    }
    return absl::OkStatus();
  };
  if (absl::Status s = check_counts("ages", a.ages, kAgeNames); !s.ok()) return s;
  if (absl::Status s = check_counts("statuses", a.statuses, kStatusNames); !s.ok()) return s;
  if (a.source_version != 1 && a.source_version != 2) return bad("source_version", a.source_version, "must be 1 or 2");
  return absl::OkStatus();
}

// -- Version detection --------------------------------------------------------------------------

absl::StatusOr<cra_version> detect_version(absl::Span<const std::string> field_names) {
  constexpr absl::string_view kV2[] = {"type",
                                       "type_lieu",
                                       "autonomie",
                                       "thematiques",
                                       "mediateur_id",
                                       "accompagnements",
                                       "oriente_vers_structure",
                                       "structure_de_redirection",
                                       "materiel"};
  constexpr absl::string_view kV1[] = {"activite",
                                       "canal",
                                       "themes",
                                       "cra",
                                       "nbParticipants",
                                       "nb_participants",
                                       "conseiller",
                                       "conseiller_numerique_id",
                                       "dateAccompagnement",
                                       "date_accompagnement",
                                       "organismes",
                                       "age",
                                       "statut"};
  const auto prefixed = [](absl::string_view n, absl::string_view p) {
    return absl::StartsWith(n, p) && n.size() > p.size() && (n[p.size()] == '.' || n[p.size()] == '_');
  };
  std::size_t v1 = 0;
  std::size_t v2 = 0;
  for (const std::string& raw : field_names) {
    const absl::string_view n = absl::StripAsciiWhitespace(raw);
    if (std::find(std::begin(kV2), std::end(kV2), n) != std::end(kV2) || n == "beneficiaires" ||
        prefixed(n, "beneficiaires")) {
      ++v2;
    } else if (std::find(std::begin(kV1), std::end(kV1), n) != std::end(kV1) || prefixed(n, "age") ||
               prefixed(n, "statut") || prefixed(n, "cra")) {
      ++v1;
    }
  }
  if (v2 > 0 && v1 == 0) return cra_version::v2;
  if (v1 > 0 && v2 == 0) return cra_version::v1;
  return absl::InvalidArgumentError(
      absl::StrCat("cannot tell the CRA version from the fields (", v1, " v1 and ", v2,
                   " v2 markers among: ", absl::StrJoin(field_names, ", "),
                   "); v2 has type/type_lieu/thematiques/autonomie..., v1 activite/canal/themes/nb_participants...: "
                   "give the version"));
}

}  // namespace numresp::inclusion
