/// @file
/// Digital-mediation activity: the advisers' activity reports (*comptes rendus d'activité*, CRA)
/// of the conseillers numériques, read from both national data models and harmonised, and the
/// indicators a city reports on them (methodology: docs/methodology/mediation).
///
/// - **CRA v1** (conseiller-numerique.gouv.fr, 2021-2024): the camelCase documents
///   (`{"cra": {"canal", "activite", "nbParticipants", "age": {...}, ...}, "conseiller", ...}`)
///   and the snake_case archive the Coop re-exposes (`/api/v1/archives-v1/cras`).
/// - **CRA v2** ("La Coop de la médiation numérique", 2024 on): the `/api/v1/activites` JSON:API
///   resources (`{"data": [{"id", "type": "activite", "attributes": {...}}]}`) or a plain array
///   of their attribute objects.
/// - **CSV**: one layout per version, with the API's field names (see @ref numresp::inclusion::read_activities_csv
/// "read_activities_csv").
///
/// Every value is checked against the allowed values of its model; a row with a bad value is
/// rejected with its row number, field, value and a message, never dropped silently:
/// `accepted.size() + rejected.size() == read` always holds.
///
///     auto r = numresp::inclusion::read_activities_file("cra_v2.json");
///     // r->accepted: harmonised activities, r->rejected: one row_error per rejected row
///     numresp::inclusion::indicator_options o;
///     o.population = 90000;
///     auto k = numresp::inclusion::compute_indicators(r->accepted, o);
///     // k->totals.accompaniments, k->by_place, k->shares (access to rights, with a Wilson interval)...
#ifndef NUMRESP_INCLUSION_MEDIATION_HPP_
#define NUMRESP_INCLUSION_MEDIATION_HPP_

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"

namespace numresp::inclusion {

// -- Dates ----------------------------------------------------------------------------------------

/// A day of the proleptic Gregorian calendar, without time zone.
struct civil_date {
  int year = 0;   ///< e.g. 2024
  int month = 0;  ///< 1-12
  int day = 0;    ///< 1-31
};

constexpr bool operator==(civil_date a, civil_date b) noexcept {
  return a.year == b.year && a.month == b.month && a.day == b.day;
}
constexpr bool operator!=(civil_date a, civil_date b) noexcept { return !(a == b); }
constexpr bool operator<(civil_date a, civil_date b) noexcept {
  return a.year != b.year ? a.year < b.year : a.month != b.month ? a.month < b.month : a.day < b.day;
}
constexpr bool operator>(civil_date a, civil_date b) noexcept { return b < a; }
constexpr bool operator<=(civil_date a, civil_date b) noexcept { return !(b < a); }
constexpr bool operator>=(civil_date a, civil_date b) noexcept { return !(a < b); }

/// Whether `d` is a real day (month 1-12, day within the month, leap years counted), year 1-9999.
[[nodiscard]] bool is_valid_date(civil_date d) noexcept;

/// `"YYYY-MM-DD"`.
[[nodiscard]] std::string format_date(civil_date d);

/// Parses a date as the activity reports write it: `YYYY-MM-DD`, `DD/MM/YYYY`, or an ISO 8601
/// date-time `YYYY-MM-DDTHH:MM[:SS[.fff]][Z|±HH:MM]`. A date-time with a UTC offset is an instant:
/// it is turned into the **French civil date** (Europe/Paris: UTC+1, UTC+2 from the last Sunday of
/// March to the last Sunday of October, 01:00 UTC), because the v1 service stored the day chosen
/// in France as the instant of its local midnight (`2022-03-14T23:00:00.000Z` is 15 March). A
/// date-time without an offset keeps its date.
/// @return `kInvalidArgument` naming the text for any other form or an impossible day.
[[nodiscard]] absl::StatusOr<civil_date> parse_date(absl::string_view text);

// -- The harmonised activity ----------------------------------------------------------------------

/// Which data model a source follows.
enum class cra_version {
  automatic = 0,  ///< detect it from the field names (see @ref detect_version)
  v1 = 1,         ///< conseiller-numerique.gouv.fr CRA (2021-2024)
  v2 = 2,         ///< Coop de la médiation numérique activity (2024 on)
};

/// Where the activity took place (v2 `type_lieu`; v1 `canal` harmonised).
enum class place_kind {
  lieu_activite,  ///< one of the adviser's places (v1 `rattachement`)
  domicile,       ///< at the person's home
  a_distance,     ///< by phone or video (v1 `distance`)
  autre,          ///< elsewhere (v1 `autre lieu` / `autre`)
};

/// Individual support or a collective workshop (v2 `type`; v1 `activite` harmonised).
enum class activity_kind {
  individuel,  ///< one person (v1 `individuel` and `ponctuel`; v2 `individuel`, `demarche_administrative`)
  collectif,   ///< a workshop
};

/// v2 `autonomie`: how much the person did themselves. Absent from v1.
enum class autonomy_level {
  entierement_accompagne,  ///< 1 star: "l'usager a été entièrement accompagné" (no autonomy)
  partiellement_autonome,  ///< 2 stars: "a participé"
  autonome,                ///< 3 stars: "plutôt autonome"
};

/// The duration buckets common to v1 and v2, in minutes: [0, 30), [30, 60), [60, +inf).
enum class duration_band {
  under_30,       ///< `"<30"`; v1 `0-30`
  from_30_to_60,  ///< `"30-60"`; v1 `30-60`
  from_60,        ///< `">=60"`; v1 `90` ("1 h or more")
};

/// The age grid common to v1 and v2 (their boundaries only agree at 12, 18 and 60).
enum class age_band {
  under_12,       ///< `"<12"`: v1 `moins12ans`, v2 `moins_de_douze`
  from_12_to_17,  ///< `"12-17"`: v1 `de12a18ans` ("actually 12-17"), v2 `douze_dix_huit`
  from_18_to_59,  ///< `"18-59"`: v1 18-35 + 35-60; v2 18-24 + 25-39 + 40-59
  from_60,        ///< `"60+"`: v1 `plus60ans`; v2 60-69 + 70+
  unknown,        ///< `"unknown"`: v2 `non_communique`, and participants no band was given for
};

/// The social-status grid common to v1 and v2.
enum class status_group {
  student,     ///< `"student"`: v1 `etudiant`, v2 `scolarise`
  unemployed,  ///< `"unemployed"`: `sansEmploi` / `sans_emploi`
  employed,    ///< `"employed"`: `enEmploi` / `en_emploi`
  retired,     ///< `"retired"`: `retraite`
  unknown,     ///< `"unknown"`: v1 `heterogene`, v2 `non_communique`, and participants not given
};

inline constexpr std::size_t kAgeBands = 5;      ///< values of @ref age_band
inline constexpr std::size_t kStatusGroups = 5;  ///< values of @ref status_group

/// The name of a value: `"lieu_activite"`, `"domicile"`, `"a_distance"`, `"autre"`.
[[nodiscard]] absl::string_view to_string(place_kind v) noexcept;
/// `"individuel"`, `"collectif"`.
[[nodiscard]] absl::string_view to_string(activity_kind v) noexcept;
/// `"entierement_accompagne"`, `"partiellement_autonome"`, `"autonome"`.
[[nodiscard]] absl::string_view to_string(autonomy_level v) noexcept;
/// `"<30"`, `"30-60"`, `">=60"`.
[[nodiscard]] absl::string_view to_string(duration_band v) noexcept;
/// `"<12"`, `"12-17"`, `"18-59"`, `"60+"`, `"unknown"`.
[[nodiscard]] absl::string_view to_string(age_band v) noexcept;
/// `"student"`, `"unemployed"`, `"employed"`, `"retired"`, `"unknown"`.
[[nodiscard]] absl::string_view to_string(status_group v) noexcept;
/// `"automatic"`, `"v1"`, `"v2"`.
[[nodiscard]] absl::string_view to_string(cra_version v) noexcept;

/// The place type named `text` (as `to_string` writes it). @return `kNotFound` listing the known names.
[[nodiscard]] absl::StatusOr<place_kind> parse_place_kind(absl::string_view text);
/// The activity type named `text`. @return `kNotFound` listing the known names.
[[nodiscard]] absl::StatusOr<activity_kind> parse_activity_kind(absl::string_view text);
/// The autonomy level named `text`. @return `kNotFound` listing the known names.
[[nodiscard]] absl::StatusOr<autonomy_level> parse_autonomy_level(absl::string_view text);
/// The duration bucket named `text`. @return `kNotFound` listing the known names.
[[nodiscard]] absl::StatusOr<duration_band> parse_duration_band(absl::string_view text);

/// The band of a duration in minutes (>= 0): [0, 30) → under_30, [30, 60) → from_30_to_60, else from_60.
[[nodiscard]] duration_band band_of(double minutes) noexcept;

/// The v2 `thematiques` keys (digital ones, then the service-public.fr administrative taxonomy).
[[nodiscard]] absl::Span<const absl::string_view> thematique_keys() noexcept;
/// Whether thematique `key` concerns access to rights / online administrative procedures:
/// `aide_aux_demarches_administratives` or one of the 11 administrative (service-public.fr) keys.
[[nodiscard]] bool is_administrative_thematique(absl::string_view key) noexcept;

/// One activity report (CRA), harmonised on the v2 vocabulary (inclusion.md §3.3).
struct activity {
  std::string id;       ///< the report's identifier; empty when the source has none
  civil_date date;      ///< the day of the activity (v2 `date`; v1 `dateAccompagnement`, French date)
  std::string adviser;  ///< v2 `mediateur_id`; v1 `conseiller` / `conseiller_numerique_id`
  std::string place;    ///< see @ref read_activities_csv ("Places"); may be empty
  place_kind place_type = place_kind::lieu_activite;  ///< v2 `type_lieu`; v1 `canal` harmonised
  activity_kind type = activity_kind::individuel;     ///< v2 `type`; v1 `activite` harmonised
  bool v1_ponctuel = false;  ///< v1 `activite` = `ponctuel` (a one-off request), counted as individual
  int participants = 1;      ///< people in the activity, >= 1: v2 `accompagnements`; v1 `nbParticipants`
  std::optional<int> recurring_participants;  ///< v1 `nbParticipantsRecurrents` (absent in v2)
  /// Minutes, >= 0: v2 `duree` exactly; v1 a custom duration exactly, or the representative
  /// minutes of a bucket (`0-30` → 15, `30-60` → 45, `90` → 90; then @ref duration_exact is false).
  std::optional<double> duration_minutes;
  std::optional<duration_band> duration_bucket;  ///< the common bucket; set whenever the duration is known
  bool duration_exact = false;                   ///< the minutes were measured, not a bucket's representative
  std::optional<autonomy_level> autonomy;        ///< v2 `autonomie`; always empty for v1
  std::vector<std::string> themes;               ///< v2 `thematiques` keys, v1 `themes` mapped (§3.3); sorted, unique
  /// The request concerns access to rights / online administrative procedures: an administrative
  /// thematique (@ref is_administrative_thematique), v2 type `demarche_administrative`, v1 theme
  /// `demarche en ligne`.
  bool administrative = false;
  /// The person was referred to another organisation: v2 `oriente_vers_structure` (empty when
  /// null); v1 `accompagnement.redirection` > 0 or an `organismes` entry with a count > 0.
  std::optional<bool> referred;
  /// Where to: v2 `structure_de_redirection` (one key); v1 the `organismes` names with a count > 0.
  std::vector<std::string> referral_targets;
  /// Participants per @ref age_band (indexed by its value); sums to @ref participants (the people
  /// no band was given for are `unknown`).
  std::array<int, kAgeBands> ages{};
  /// Participants per @ref status_group (indexed by its value); sums to @ref participants.
  std::array<int, kStatusGroups> statuses{};
  std::string commune_code;    ///< INSEE code of the commune: v2 `lieu_code_insee`, v1 `codeCommune`; may be empty
  int source_version = 2;      ///< 1 or 2: the data model read
  std::size_t source_row = 0;  ///< the row it was read from (as in @ref row_error::row)
};

/// `kInvalidArgument` naming the first field of `a` that breaks the invariants: a valid date,
/// a non-empty adviser, participants >= 1, recurring participants in [0, participants], ages and
/// statuses >= 0 each and summing to the participants, minutes finite and >= 0, a bucket whenever
/// there are minutes (the bucket of the minutes when they are exact), themes among
/// @ref thematique_keys, source version 1 or 2.
[[nodiscard]] absl::Status validate_activity(const activity& a);

// -- Reading ------------------------------------------------------------------------------------

/// A rejected row: where, which field, its value and why. One per rejected row (its first bad
/// field, in the order of the layout).
struct row_error {
  /// CSV: 1-based data row (the header is row 0); JSON: the index in the array (0-based);
  /// JSON lines: the 1-based line.
  std::size_t row = 0;
  std::string id;       ///< the row's id when it could be read, else empty
  std::string field;    ///< the field as the source names it (`nbParticipants`, `beneficiaires.total`...)
  std::string value;    ///< the value as text (JSON values other than strings as JSON); empty when absent
  std::string message;  ///< what is wrong, with the allowed values
};

/// What a reader returns: `accepted.size() + rejected.size() == read`.
struct read_result {
  std::vector<activity> accepted;                ///< harmonised, in source order
  std::vector<row_error> rejected;               ///< in source order
  std::size_t read = 0;                          ///< rows (records) read
  cra_version version = cra_version::automatic;  ///< the version read (detected or given)
};

/// The version of a source from its field names (CSV header, or the first record's keys, nested
/// keys flattened with '.'). v2 markers: `type`, `type_lieu`, `autonomie`, `thematiques`,
/// `mediateur_id`, `accompagnements`, `oriente_vers_structure`, `structure_de_redirection`,
/// `materiel`, `beneficiaires...`. v1 markers: `activite`, `canal`, `themes`, `cra`,
/// `nbParticipants`, `nb_participants`, `conseiller`, `conseiller_numerique_id`,
/// `dateAccompagnement`, `date_accompagnement`, `age...`, `statut...`, `organismes`. Only v2
/// markers → v2; only v1 markers → v1.
/// @return `kInvalidArgument` when both kinds or neither are present (pass the version then).
[[nodiscard]] absl::StatusOr<cra_version> detect_version(absl::Span<const std::string> field_names);

/// Reads activity reports from CSV text (`,` or `;` separated, detected from the header line;
/// RFC 4180 quoting).
///
/// **Columns** are the API's field names; unknown columns are ignored; an empty cell is an absent
/// value; lists are separated by `|`; booleans are `true`/`false`/`1`/`0`/`oui`/`non`.
/// - v2 (the `/api/v1/activites` attributes, nested keys joined with `.`; `_` is accepted too):
///   `id`, `date`*, `mediateur_id`*, `type`*, `type_lieu`*, `structure_id`, `lieu_code_postal`,
///   `lieu_commune`, `lieu_code_insee`, `duree` (minutes), `accompagnements`, `autonomie`,
///   `oriente_vers_structure`, `structure_de_redirection`, `materiel` (list), `thematiques`* (list),
///   `niveau_atelier`, `titre_atelier`, `precisions_demarche`, `tags` (list), `suppression`,
///   `beneficiaires.total`, `beneficiaires.genres.{masculin,feminin,non_communique}`,
///   `beneficiaires.tranches_age.{moins_de_douze,douze_dix_huit,dix_huit_vingt_quatre,
///   vingt_cinq_trente_neuf,quarante_cinquante_neuf,soixante_soixante_neuf,soixante_dix_plus,
///   non_communique}`, `beneficiaires.statuts.{scolarise,sans_emploi,en_emploi,retraite,non_communique}`.
/// - v1 (the archive's snake_case attributes; the camelCase paths such as `nbParticipants` or
///   `age.moins12ans` / `age_moins12ans` are accepted too): `id`, `conseiller_numerique_id`*,
///   `permanence`, `structure_id`, `structure_nom`, `canal`*, `activite`*, `nb_participants`*,
///   `nb_participants_recurrents`, `age_moins_12_ans`, `age_de_12_a_18_ans`, `age_de_18_a_35_ans`,
///   `age_de_35_a_60_ans`, `age_plus_60_ans`, `statut_etudiant`, `statut_sans_emploi`,
///   `statut_en_emploi`, `statut_retraite`, `statut_heterogene`, `themes`* (list), `sous_themes`
///   (list), `duree` (`0-30`, `30-60`, `90`, minutes or `1h30`), `duree_minutes`,
///   `accompagnement_individuel`, `accompagnement_atelier`, `accompagnement_redirection`,
///   `code_postal`, `nom_commune`, `code_commune`, `date_accompagnement`*, `organismes`
///   (`CAF:2|CPAM:1`; a name alone counts 1).
///
/// (*) required: a missing column is an error for the whole file.
///
/// **Places** (@ref activity::place): v2 `structure_id` for `lieu_activite` (required then),
/// otherwise `lieu_commune`, else `lieu_code_insee`; v1 `rattachement`: `permanence`, else
/// `structure_nom`, else `structure_id`, else `nom_commune`; other v1 channels: `nom_commune`.
///
/// **Checks** (a failing row is rejected; inclusion.md §3.1-3.2): enumerations among their
/// values; counts whole numbers (v1 0-100); participants >= 1 (v1 at most 100; a v2 individual
/// activity exactly 1; v2 `accompagnements` equal to `beneficiaires.total` when both are given);
/// dates real days (v1 from 2020-01-01); durations >= 0; at least one theme; postal codes 5
/// characters, commune codes 5 (v1: 4-5); a v2 activity with a `suppression` date is deleted, so
/// rejected. Age (status) counts summing to **more** than the participants are rejected; summing to
/// fewer, the rest is counted `unknown`.
/// @return `kInvalidArgument` for malformed CSV, a missing required column or an undetectable
///         version (the message names `origin`); bad rows are in `rejected`, not errors.
[[nodiscard]] absl::StatusOr<read_result> read_activities_csv(absl::string_view text,
                                                              cra_version version = cra_version::automatic,
                                                              absl::string_view origin = "<string>");

/// Reads activity reports from a JSON document: a JSON:API list (`{"data": [{"id", "type",
/// "attributes": {...}}]}`, v2 type `activite`, v1 archive type `craV1`) or an array of records
/// (v2 attribute objects; v1 camelCase CRA documents, with their fields under `cra` or at the top,
/// `conseiller`, `permanence`, `structure` and `_id` as strings or MongoDB extended JSON; v1
/// archive attribute objects). Checks and places as in @ref read_activities_csv; row numbers are
/// the array indexes.
/// @return `kInvalidArgument` for malformed JSON, another shape or an undetectable version.
[[nodiscard]] absl::StatusOr<read_result> read_activities_json(absl::string_view text,
                                                               cra_version version = cra_version::automatic,
                                                               absl::string_view origin = "<string>");

/// Reads JSON lines: one record (as in @ref read_activities_json's arrays) per non-blank line; a
/// malformed line is a rejected row (field empty), not an error. Row numbers are 1-based lines.
/// @return `kInvalidArgument` for an undetectable version.
[[nodiscard]] absl::StatusOr<read_result> read_activities_json_lines(absl::string_view text,
                                                                     cra_version version = cra_version::automatic,
                                                                     absl::string_view origin = "<string>");

/// Reads a file by its extension: `.csv`, `.json`, `.jsonl` / `.ndjson` (case-insensitive).
/// @return `kNotFound` when it cannot be opened, `kInvalidArgument` for another extension, else
///         as the reader.
[[nodiscard]] absl::StatusOr<read_result> read_activities_file(const std::string& path,
                                                               cra_version version = cra_version::automatic);

// -- Indicators ---------------------------------------------------------------------------------

/// Options of @ref compute_indicators.
struct indicator_options {
  /// Inhabitants, for the rates per 1,000 (finite, > 0); none: the rates are NaN.
  std::optional<double> population;
  std::optional<civil_date> start;  ///< keep activities on or after this day; also the period's start
  std::optional<civil_date> end;    ///< keep activities on or before this day; also the period's end
};

/// Counts of a group of activities.
struct tally {
  std::size_t activities = 0;      ///< activity reports ("sessions")
  std::size_t individual = 0;      ///< of which individual (v1 one-off requests included)
  std::size_t collective = 0;      ///< of which workshops
  std::size_t accompaniments = 0;  ///< Σ participants: people helped, each participation counted
  double minutes = 0;              ///< Σ durations of the activities that have one (adviser time)
  std::size_t timed = 0;           ///< activities with a duration
};

/// A row of @ref mediation_indicators::by_place.
struct place_tally {
  place_kind place_type = place_kind::lieu_activite;
  std::string place;
  tally counts;
};

/// A row of @ref mediation_indicators::by_adviser or @ref mediation_indicators::by_month.
struct keyed_tally {
  std::string key;  ///< the adviser, or the month `YYYY-MM`
  tally counts;
};

/// A share with its Wilson score 95 % interval.
struct share_estimate {
  std::string indicator;   ///< see @ref mediation_indicators::shares
  double numerator = 0;    ///< the count it is the share of (activities or participants)
  double denominator = 0;  ///< what it is a share of
  double share = 0;        ///< numerator / denominator; NaN when the denominator is 0
  double low = 0;          ///< Wilson 95 % lower bound, on `n` trials
  double high = 0;         ///< Wilson 95 % upper bound
  std::size_t n = 0;       ///< the reports it is computed on (the interval's trials)
};

/// A category of a distribution.
struct distribution_row {
  std::string category;     ///< e.g. `"autonome"`, `"<30"`, `"60+"`, `"unknown"`
  double count = 0;         ///< activities (autonomy, durations) or participants (ages, statuses)
  double share = 0;         ///< count / Σ known categories; NaN for `unknown` and when nothing is known
  double share_of_all = 0;  ///< count / Σ all categories (unknown included); NaN when empty
  double low = 0;           ///< Wilson 95 % bounds of `share` on `n` (autonomy, durations); NaN for ages, statuses
  double high = 0;          ///< see `low`
  std::size_t n = 0;        ///< Σ known categories (activities or participants)
};

/// Totals over the activities kept.
struct mediation_totals {
  tally all;                               ///< every activity kept
  std::size_t v1_ponctuel = 0;             ///< v1 one-off requests (among `all.individual`)
  std::size_t v1_reports = 0;              ///< activities read from v1
  std::size_t v2_reports = 0;              ///< activities read from v2
  std::size_t excluded_by_date = 0;        ///< activities given but outside [start, end]
  std::size_t advisers = 0;                ///< distinct advisers
  std::size_t places = 0;                  ///< distinct (place type, place)
  double mean_minutes = 0;                 ///< all.minutes / all.timed; NaN without durations
  std::size_t estimated_durations = 0;     ///< timed activities whose minutes represent a v1 bucket
  std::optional<civil_date> period_start;  ///< options.start, else the first activity's date
  std::optional<civil_date> period_end;    ///< options.end, else the last activity's date
  std::size_t period_days = 0;             ///< days from period_start to period_end, both included; 0 without
  /// The period in years: Σ over its calendar years of (its days in that year / days of that
  /// year), so that a whole calendar year is exactly 1, leap or not.
  double period_years = 0;
  double population = 0;                    ///< options.population; NaN without
  double activities_per_1000 = 0;           ///< 1000 × activities / population over the period; NaN without population
  double accompaniments_per_1000 = 0;       ///< 1000 × accompaniments / population over the period
  double activities_per_1000_per_year = 0;  ///< activities_per_1000 / period_years (NaN without a period)
  double accompaniments_per_1000_per_year = 0;  ///< accompaniments_per_1000 / period_years
};

/// The indicators of @ref compute_indicators.
struct mediation_indicators {
  mediation_totals totals;
  std::vector<place_tally> by_place;    ///< by place type (in @ref place_kind order), then place name
  std::vector<keyed_tally> by_adviser;  ///< by adviser id
  /// By month `YYYY-MM`, every month of the period (zeros included), chronologically.
  std::vector<keyed_tally> by_month;
  /// In this order:
  /// - `administrative_activities`: activities about access to rights / all (n = activities);
  /// - `administrative_accompaniments`: their participants / all participants; the interval is
  ///   Wilson's with the **activities** as the trials (n = activities, x = share × n), since the
  ///   participants of one workshop are not independent;
  /// - `referred_activities`: referred / activities where referral is known;
  /// - `no_autonomy`: `entierement_accompagne` / activities with an autonomy level (v2 only);
  /// - `collective_activities`: workshops / activities.
  std::vector<share_estimate> shares;
  std::vector<distribution_row> autonomy;   ///< the 3 levels then `unknown` (v1 and unset), activities
  std::vector<distribution_row> durations;  ///< `<30`, `30-60`, `>=60`, `unknown`, activities
  std::vector<distribution_row> ages;       ///< the @ref age_band grid, participants
  std::vector<distribution_row> statuses;   ///< the @ref status_group grid, participants
};

/// Computes the indicators of `activities` (see each field; formulas in
/// docs/methodology/mediation). Activities outside [options.start, options.end] are left out
/// (and counted in `excluded_by_date`).
/// @return `kInvalidArgument` for an activity that fails @ref validate_activity (its index and
///         row named), a population not finite and > 0, an invalid start or end, or start > end.
[[nodiscard]] absl::StatusOr<mediation_indicators> compute_indicators(absl::Span<const activity> activities,
                                                                      const indicator_options& options = {});

}  // namespace numresp::inclusion

#endif  // NUMRESP_INCLUSION_MEDIATION_HPP_
