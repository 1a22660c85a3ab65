// numresp::inclusion mediation activity (numresp/inclusion/mediation.hpp) in
// numresp._core.inclusion, every name prefixed `mediation_`; the facade is
// numresp/inclusion/mediation.py. Readers return columns (dicts of lists) for pandas; the
// indicators take the accepted activities back as columns. Reading and computing run with the GIL
// released. Bad files raise numresp.InvalidArgumentError; bad rows are returned, not raised.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "numresp_python/pybind11.hpp"
#include "numresp_python/status.hpp"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "numresp/inclusion/mediation.hpp"

namespace numresp::python {
namespace {

namespace inc = numresp::inclusion;

constexpr const char* kAgeColumns[] = {"age_under_12", "age_12_17", "age_18_59", "age_60_plus", "age_unknown"};
constexpr const char* kStatusColumns[] = {"status_student", "status_unemployed", "status_employed", "status_retired",
                                          "status_unknown"};

inc::cra_version version_of(int v) {
  if (v < 0 || v > 2) {
    raise_status(absl::InvalidArgumentError(absl::StrCat("version = ", v, ": must be None (detect), 1 or 2")));
  }
  return static_cast<inc::cra_version>(v);
}

py::object optional_float(const std::optional<double>& v) { return v ? py::object(py::float_(*v)) : py::none(); }

// -- Results → columns --------------------------------------------------------------------------

py::dict activity_columns(const std::vector<inc::activity>& activities) {
  const std::size_t n = activities.size();
  py::list id(n), date(n), adviser(n), place(n), place_type(n), type(n), ponctuel(n), participants(n), recurring(n),
      minutes(n), bucket(n), exact(n), autonomy(n), themes(n), administrative(n), referred(n), targets(n), commune(n),
      version(n), row(n);
  std::vector<py::list> ages;
  std::vector<py::list> statuses;
  for (std::size_t i = 0; i < inc::kAgeBands; ++i) ages.emplace_back(n);
  for (std::size_t i = 0; i < inc::kStatusGroups; ++i) statuses.emplace_back(n);
  for (std::size_t i = 0; i < n; ++i) {
    const inc::activity& a = activities[i];
    id[i] = a.id;
    date[i] = inc::format_date(a.date);
    adviser[i] = a.adviser;
    place[i] = a.place;
    place_type[i] = std::string(inc::to_string(a.place_type));
    type[i] = std::string(inc::to_string(a.type));
    ponctuel[i] = a.v1_ponctuel;
    participants[i] = a.participants;
    recurring[i] = a.recurring_participants ? py::object(py::int_(*a.recurring_participants)) : py::none();
    minutes[i] = optional_float(a.duration_minutes);
    bucket[i] = a.duration_bucket ? py::object(py::str(std::string(inc::to_string(*a.duration_bucket)))) : py::none();
    exact[i] = a.duration_exact;
    autonomy[i] = a.autonomy ? py::object(py::str(std::string(inc::to_string(*a.autonomy)))) : py::none();
    themes[i] = absl::StrJoin(a.themes, "|");
    administrative[i] = a.administrative;
    referred[i] = a.referred ? py::object(py::bool_(*a.referred)) : py::none();
    targets[i] = absl::StrJoin(a.referral_targets, "|");
    for (std::size_t b = 0; b < inc::kAgeBands; ++b) ages[b][i] = a.ages[b];
    for (std::size_t s = 0; s < inc::kStatusGroups; ++s) statuses[s][i] = a.statuses[s];
    commune[i] = a.commune_code;
    version[i] = a.source_version;
    row[i] = a.source_row;
  }
  py::dict d;
  d["id"] = id;
  d["date"] = date;
  d["adviser"] = adviser;
  d["place"] = place;
  d["place_type"] = place_type;
  d["type"] = type;
  d["v1_ponctuel"] = ponctuel;
  d["participants"] = participants;
  d["recurring_participants"] = recurring;
  d["duration_minutes"] = minutes;
  d["duration_bucket"] = bucket;
  d["duration_exact"] = exact;
  d["autonomy"] = autonomy;
  d["themes"] = themes;
  d["administrative"] = administrative;
  d["referred"] = referred;
  d["referral_targets"] = targets;
  for (std::size_t b = 0; b < inc::kAgeBands; ++b) d[kAgeColumns[b]] = ages[b];
  for (std::size_t s = 0; s < inc::kStatusGroups; ++s) d[kStatusColumns[s]] = statuses[s];
  d["commune_code"] = commune;
  d["source_version"] = version;
  d["source_row"] = row;
  return d;
}

py::dict read_dict(const inc::read_result& r) {
  py::list row, field, value, message, id;
  for (const inc::row_error& e : r.rejected) {
    row.append(e.row);
    field.append(e.field);
    value.append(e.value);
    message.append(e.message);
    id.append(e.id);
  }
  py::dict rejected;
  rejected["row"] = row;
  rejected["field"] = field;
  rejected["value"] = value;
  rejected["message"] = message;
  rejected["id"] = id;
  py::dict d;
  d["accepted"] = activity_columns(r.accepted);
  d["rejected"] = rejected;
  d["read"] = r.read;
  d["version"] = static_cast<int>(r.version);
  return d;
}

template <class Read>
py::dict read_with(Read read) {
  absl::StatusOr<inc::read_result> r;
  {
    py::gil_scoped_release release;
    r = read();
  }
  return read_dict(value_or_throw(std::move(r)));
}

// -- Columns → activities -----------------------------------------------------------------------

/// One column of the activities table (None or a list of row values).
class column {
 public:
  column(const py::dict& columns, const char* name, std::size_t rows, bool required) : name_(name) {
    if (columns.contains(name) && !columns[name].is_none()) {
      values_ = py::list(columns[name]);
      if (values_.size() != rows) {
        raise_status(absl::InvalidArgumentError(
            absl::StrCat("activities: column ", name, " has ", values_.size(), " values, expected ", rows)));
      }
      present_ = true;
    } else if (required) {
      raise_status(absl::InvalidArgumentError(absl::StrCat("activities: column ", name, " is required")));
    }
  }
  bool present() const { return present_; }
  /// The value of row `i`, or None (absent column, None, NaN).
  py::object at(std::size_t i) const {
    if (!present_) return py::none();
    py::object v = values_[i];
    if (py::isinstance<py::float_>(v) && std::isnan(v.cast<double>())) return py::none();
    return v;
  }
  [[noreturn]] void bad(std::size_t i, const py::object& v, const std::string& why) const {
    raise_status(absl::InvalidArgumentError(
        absl::StrCat("activities row ", i, ", column ", name_, " = ", std::string(py::repr(v)), ": ", why)));
  }
  std::string text(std::size_t i) const {
    py::object v = at(i);
    if (v.is_none()) return "";
    if (!py::isinstance<py::str>(v)) bad(i, v, "expected a text");
    return v.cast<std::string>();
  }
  std::optional<double> number(std::size_t i) const {
    py::object v = at(i);
    if (v.is_none()) return std::nullopt;
    if (py::isinstance<py::bool_>(v) || !py::hasattr(v, "__float__") || py::isinstance<py::str>(v)) {
      bad(i, v, "expected a number");
    }
    return v.cast<double>();
  }
  int integer(std::size_t i, int fallback) const {
    std::optional<double> d = number(i);
    if (!d) return fallback;
    if (!std::isfinite(*d) || std::floor(*d) != *d || std::fabs(*d) > 2e9) bad(i, at(i), "expected a whole number");
    return static_cast<int>(*d);
  }
  std::optional<bool> boolean(std::size_t i) const {
    py::object v = at(i);
    if (v.is_none()) return std::nullopt;
    if (py::isinstance<py::str>(v) || !(py::isinstance<py::bool_>(v) || py::hasattr(v, "__bool__"))) {
      bad(i, v, "expected True or False");
    }
    const int truth = PyObject_IsTrue(v.ptr());
    if (truth < 0) throw py::error_already_set();
    return truth == 1;
  }
  std::vector<std::string> items(std::size_t i) const {
    py::object v = at(i);
    std::vector<std::string> out;
    if (v.is_none()) return out;
    if (py::isinstance<py::str>(v)) {
      for (absl::string_view t : absl::StrSplit(v.cast<std::string>(), '|', absl::SkipWhitespace())) {
        out.emplace_back(t);
      }
      return out;
    }
    for (const py::handle& item : v) out.push_back(py::str(item).cast<std::string>());
    return out;
  }

 private:
  const char* name_;
  py::list values_;
  bool present_ = false;
};

template <class T>
T parsed(const column& c, std::size_t i, absl::StatusOr<T> r) {
  if (!r.ok()) c.bad(i, c.at(i), std::string(r.status().message()));
  return *r;
}

std::vector<inc::activity> activities_of(const py::dict& columns) {
  std::size_t rows = 0;
  if (columns.contains("date")) rows = py::len(columns["date"]);
  const column date(columns, "date", rows, true), adviser(columns, "adviser", rows, true),
      place(columns, "place", rows, false), place_type(columns, "place_type", rows, true),
      type(columns, "type", rows, true), participants(columns, "participants", rows, true),
      id(columns, "id", rows, false), ponctuel(columns, "v1_ponctuel", rows, false),
      recurring(columns, "recurring_participants", rows, false), minutes(columns, "duration_minutes", rows, false),
      bucket(columns, "duration_bucket", rows, false), exact(columns, "duration_exact", rows, false),
      autonomy(columns, "autonomy", rows, false), themes(columns, "themes", rows, false),
      administrative(columns, "administrative", rows, false), referred(columns, "referred", rows, false),
      targets(columns, "referral_targets", rows, false), commune(columns, "commune_code", rows, false),
      version(columns, "source_version", rows, false), source_row(columns, "source_row", rows, false);
  std::vector<column> ages;
  std::vector<column> statuses;
  for (const char* name : kAgeColumns) ages.emplace_back(columns, name, rows, false);
  for (const char* name : kStatusColumns) statuses.emplace_back(columns, name, rows, false);
  const auto any = [](const std::vector<column>& cs) {
    for (const column& c : cs) {
      if (c.present()) return true;
    }
    return false;
  };
  const bool has_ages = any(ages);
  const bool has_statuses = any(statuses);

  std::vector<inc::activity> out(rows);
  for (std::size_t i = 0; i < rows; ++i) {
    inc::activity& a = out[i];
    a.id = id.text(i);
    py::object d = date.at(i);
    if (d.is_none() || !py::isinstance<py::str>(d)) date.bad(i, d, "expected a date YYYY-MM-DD");
    a.date = parsed(date, i, inc::parse_date(d.cast<std::string>()));
    a.adviser = adviser.text(i);
    a.place = place.text(i);
    a.place_type = parsed(place_type, i, inc::parse_place_kind(place_type.text(i)));
    a.type = parsed(type, i, inc::parse_activity_kind(type.text(i)));
    a.v1_ponctuel = ponctuel.boolean(i).value_or(false);
    a.participants = participants.integer(i, 0);
    if (recurring.number(i)) a.recurring_participants = recurring.integer(i, 0);
    a.duration_minutes = minutes.number(i);
    const std::string b = bucket.text(i);
    if (!b.empty()) a.duration_bucket = parsed(bucket, i, inc::parse_duration_band(b));
    a.duration_exact = exact.present() ? exact.boolean(i).value_or(false) : a.duration_minutes.has_value();
    if (a.duration_minutes && !a.duration_bucket && std::isfinite(*a.duration_minutes) && *a.duration_minutes >= 0) {
      a.duration_bucket = inc::band_of(*a.duration_minutes);
    }
    const std::string level = autonomy.text(i);
    if (!level.empty()) a.autonomy = parsed(autonomy, i, inc::parse_autonomy_level(level));
    a.themes = themes.items(i);
    a.administrative = administrative.present()
                           ? administrative.boolean(i).value_or(false)
                           : std::any_of(a.themes.begin(), a.themes.end(),
                                         [](const std::string& t) { return inc::is_administrative_thematique(t); });
    a.referred = referred.boolean(i);
    a.referral_targets = targets.items(i);
    if (has_ages) {
      for (std::size_t k = 0; k < inc::kAgeBands; ++k) a.ages[k] = ages[k].integer(i, 0);
    } else {
      a.ages[static_cast<std::size_t>(inc::age_band::unknown)] = a.participants;
    }
    if (has_statuses) {
      for (std::size_t k = 0; k < inc::kStatusGroups; ++k) a.statuses[k] = statuses[k].integer(i, 0);
    } else {
      a.statuses[static_cast<std::size_t>(inc::status_group::unknown)] = a.participants;
    }
    a.commune_code = commune.text(i);
    a.source_version = version.integer(i, 2);
    a.source_row = static_cast<std::size_t>(std::max(0, source_row.integer(i, static_cast<int>(i))));
  }
  return out;
}

// -- Indicators → dicts -------------------------------------------------------------------------

py::object nan_to_none(double v) { return std::isnan(v) ? py::none() : py::object(py::float_(v)); }

void put_tally(py::dict* d, const inc::tally& t) {
  (*d)["activities"] = t.activities;
  (*d)["individual"] = t.individual;
  (*d)["collective"] = t.collective;
  (*d)["accompaniments"] = t.accompaniments;
  (*d)["minutes"] = t.minutes;
  (*d)["timed"] = t.timed;
}

py::list distribution_list(const std::vector<inc::distribution_row>& rows) {
  py::list out;
  for (const inc::distribution_row& r : rows) {
    py::dict d;
    d["category"] = r.category;
    d["count"] = r.count;
    d["share"] = nan_to_none(r.share);
    d["share_of_all"] = nan_to_none(r.share_of_all);
    d["low"] = nan_to_none(r.low);
    d["high"] = nan_to_none(r.high);
    d["n"] = r.n;
    out.append(d);
  }
  return out;
}

py::dict indicators_dict(const inc::mediation_indicators& k) {
  const inc::mediation_totals& t = k.totals;
  py::dict totals;
  totals["activities"] = t.all.activities;
  totals["individual"] = t.all.individual;
  totals["collective"] = t.all.collective;
  totals["v1_ponctuel"] = t.v1_ponctuel;
  totals["accompaniments"] = t.all.accompaniments;
  totals["minutes"] = t.all.minutes;
  totals["timed_activities"] = t.all.timed;
  totals["mean_minutes"] = nan_to_none(t.mean_minutes);
  totals["estimated_durations"] = t.estimated_durations;
  totals["v1_reports"] = t.v1_reports;
  totals["v2_reports"] = t.v2_reports;
  totals["excluded_by_date"] = t.excluded_by_date;
  totals["advisers"] = t.advisers;
  totals["places"] = t.places;
  totals["period_start"] = t.period_start ? py::object(py::str(inc::format_date(*t.period_start))) : py::none();
  totals["period_end"] = t.period_end ? py::object(py::str(inc::format_date(*t.period_end))) : py::none();
  totals["period_days"] = t.period_days;
  totals["period_years"] = t.period_years;
  totals["population"] = nan_to_none(t.population);
  totals["activities_per_1000"] = nan_to_none(t.activities_per_1000);
  totals["accompaniments_per_1000"] = nan_to_none(t.accompaniments_per_1000);
  totals["activities_per_1000_per_year"] = nan_to_none(t.activities_per_1000_per_year);
  totals["accompaniments_per_1000_per_year"] = nan_to_none(t.accompaniments_per_1000_per_year);

  py::list places, advisers, months, shares;
  for (const inc::place_tally& p : k.by_place) {
    py::dict d;
    d["place_type"] = std::string(inc::to_string(p.place_type));
    d["place"] = p.place;
    put_tally(&d, p.counts);
    places.append(d);
  }
  for (const inc::keyed_tally& a : k.by_adviser) {
    py::dict d;
    d["adviser"] = a.key;
    put_tally(&d, a.counts);
    advisers.append(d);
  }
  for (const inc::keyed_tally& m : k.by_month) {
    py::dict d;
    d["month"] = m.key;
    put_tally(&d, m.counts);
    months.append(d);
  }
  for (const inc::share_estimate& s : k.shares) {
    py::dict d;
    d["indicator"] = s.indicator;
    d["share"] = nan_to_none(s.share);
    d["low"] = nan_to_none(s.low);
    d["high"] = nan_to_none(s.high);
    d["n"] = s.n;
    d["numerator"] = s.numerator;
    d["denominator"] = s.denominator;
    shares.append(d);
  }
  py::dict out;
  out["totals"] = totals;
  out["by_place"] = places;
  out["by_adviser"] = advisers;
  out["by_month"] = months;
  out["shares"] = shares;
  out["autonomy"] = distribution_list(k.autonomy);
  out["durations"] = distribution_list(k.durations);
  out["ages"] = distribution_list(k.ages);
  out["statuses"] = distribution_list(k.statuses);
  return out;
}

std::optional<inc::civil_date> date_option(const std::optional<std::string>& text, const char* name) {
  if (!text) return std::nullopt;
  absl::StatusOr<inc::civil_date> d = inc::parse_date(*text);
  if (!d.ok()) raise_status(absl::InvalidArgumentError(absl::StrCat(name, ": ", d.status().message())));
  return *d;
}

}  // namespace

void register_mediation(py::module_& m) {
  m.def(
      "mediation_read_file",
      [](const std::string& path, int version) {
        const inc::cra_version v = version_of(version);
        return read_with([&] { return inc::read_activities_file(path, v); });
      },
      py::arg("path"), py::arg("version") = 0,
      "Reads a .csv, .json or .jsonl file of CRA v1/v2: {accepted: columns, rejected: columns, read, version}.");
  m.def(
      "mediation_read_csv",
      [](const std::string& text, int version, const std::string& origin) {
        const inc::cra_version v = version_of(version);
        return read_with([&] { return inc::read_activities_csv(text, v, origin); });
      },
      py::arg("text"), py::arg("version") = 0, py::arg("origin") = "<string>",
      "Reads CSV text (see mediation_read_file).");
  m.def(
      "mediation_read_json",
      [](const std::string& text, int version, const std::string& origin) {
        const inc::cra_version v = version_of(version);
        return read_with([&] { return inc::read_activities_json(text, v, origin); });
      },
      py::arg("text"), py::arg("version") = 0, py::arg("origin") = "<string>",
      "Reads a JSON document (see mediation_read_file).");
  m.def(
      "mediation_read_json_lines",
      [](const std::string& text, int version, const std::string& origin) {
        const inc::cra_version v = version_of(version);
        return read_with([&] { return inc::read_activities_json_lines(text, v, origin); });
      },
      py::arg("text"), py::arg("version") = 0, py::arg("origin") = "<string>",
      "Reads JSON lines (see mediation_read_file).");
  m.def(
      "mediation_detect_version",
      [](const std::vector<std::string>& names) {
        return static_cast<int>(value_or_throw(inc::detect_version(names)));
      },
      py::arg("field_names"), "1 or 2 from field names; InvalidArgumentError when it cannot tell.");
  m.def(
      "mediation_indicators",
      [](const py::dict& columns, std::optional<double> population, std::optional<std::string> start,
         std::optional<std::string> end) {
        const std::vector<inc::activity> activities = activities_of(columns);
        inc::indicator_options o;
        o.population = population;
        o.start = date_option(start, "start");
        o.end = date_option(end, "end");
        absl::StatusOr<inc::mediation_indicators> k;
        {
          py::gil_scoped_release release;
          k = inc::compute_indicators(activities, o);
        }
        return indicators_dict(value_or_throw(std::move(k)));
      },
      py::arg("activities"), py::arg("population") = py::none(), py::arg("start") = py::none(),
      py::arg("end") = py::none(), "The indicators of activities given as columns (the accepted table).");
  m.def("mediation_thematiques", [] {
    std::vector<std::string> out;
    for (absl::string_view k : inc::thematique_keys()) out.emplace_back(k);
    return out;
  });
}

}  // namespace numresp::python
