// numresp/inclusion/mediation.hpp: the indicators of a set of activities.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "numresp/inclusion/mediation.hpp"

namespace numresp::inclusion {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
/// The standard normal quantile of 0.975: a two-sided 95 % interval.
constexpr double kZ95 = 1.959963984540054;

/// Wilson's score interval for x successes in n trials (x may be fractional, 0 <= x <= n):
/// centre = (p + z²/2n) / (1 + z²/n), half-width = z / (1 + z²/n) · √(p(1-p)/n + z²/4n²).
/// NaN bounds when n = 0. (A private helper: the public intervals live in another module.)
std::pair<double, double> wilson(double x, double n) {
  if (!(n > 0)) return {kNaN, kNaN};
  const double p = x / n;
  const double z2 = kZ95 * kZ95;
  const double denominator = 1 + z2 / n;
  const double centre = (p + z2 / (2 * n)) / denominator;
  const double half = kZ95 / denominator * std::sqrt(p * (1 - p) / n + z2 / (4 * n * n));
  return {std::max(0.0, centre - half), std::min(1.0, centre + half)};
}

double ratio(double a, double b) { return b > 0 ? a / b : kNaN; }

void add(tally* t, const activity& a) {
  ++t->activities;
  if (a.type == activity_kind::collectif) {
    ++t->collective;
  } else {
    ++t->individual;
  }
  t->accompaniments += static_cast<std::size_t>(a.participants);
  if (a.duration_minutes) {
    t->minutes += *a.duration_minutes;
    ++t->timed;
  }
}

share_estimate share_of(std::string indicator, double numerator, double denominator, std::size_t n) {
  share_estimate s;
  s.indicator = std::move(indicator);
  s.numerator = numerator;
  s.denominator = denominator;
  s.share = ratio(numerator, denominator);
  s.n = n;
  // The interval's trials are the reports: x = share × n (= numerator when the share counts reports).
  const auto [low, high] = std::isnan(s.share) ? std::make_pair(kNaN, kNaN)
                                               : wilson(s.share * static_cast<double>(n), static_cast<double>(n));
  s.low = low;
  s.high = high;
  return s;
}

/// Rows for the known categories then `unknown`; intervals when `interval`.
std::vector<distribution_row> distribution(absl::Span<const absl::string_view> names, absl::Span<const double> counts,
                                           double unknown, bool interval) {
  double known = 0;
  for (double c : counts) known += c;
  const double all = known + unknown;
  std::vector<distribution_row> rows;
  for (std::size_t i = 0; i <= counts.size(); ++i) {
    distribution_row r;
    const bool is_unknown = i == counts.size();
    r.category = is_unknown ? "unknown" : std::string(names[i]);
    r.count = is_unknown ? unknown : counts[i];
    r.share = is_unknown ? kNaN : ratio(r.count, known);
    r.share_of_all = ratio(r.count, all);
    r.n = static_cast<std::size_t>(known);
    r.low = kNaN;
    r.high = kNaN;
    if (interval && !is_unknown && known > 0) std::tie(r.low, r.high) = wilson(r.count, known);
    rows.push_back(std::move(r));
  }
  return rows;
}

bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

// Days from 1970-01-01 (same algorithm as mediation.cpp's).
std::int64_t serial(civil_date d) {
  int y = d.year - (d.month <= 2 ? 1 : 0);
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<std::int64_t>(y - era * 400);
  const std::int64_t doy = (153 * (d.month + (d.month > 2 ? -3 : 9)) + 2) / 5 + d.day - 1;
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

std::string month_key(int year, int month) {
  civil_date d;
  d.year = year;
  d.month = month;
  d.day = 1;
  return format_date(d).substr(0, 7);
}

absl::Status check_options(const indicator_options& o) {
  if (o.population && !(std::isfinite(*o.population) && *o.population > 0)) {
    return absl::InvalidArgumentError(absl::StrCat("population = ", *o.population, ": must be finite and > 0"));
  }
  for (const auto& [label, d] : {std::make_pair("start", o.start), std::make_pair("end", o.end)}) {
    if (d && !is_valid_date(*d)) {
      return absl::InvalidArgumentError(
          absl::StrCat(label, " = ", d->year, "-", d->month, "-", d->day, ": not a real day"));
    }
  }
  if (o.start && o.end && *o.end < *o.start) {
    return absl::InvalidArgumentError(
        absl::StrCat("start = ", format_date(*o.start), " is after end = ", format_date(*o.end)));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<mediation_indicators> compute_indicators(absl::Span<const activity> activities,
                                                        const indicator_options& options) {
  if (absl::Status s = check_options(options); !s.ok()) return s;
  for (std::size_t i = 0; i < activities.size(); ++i) {
    if (absl::Status s = validate_activity(activities[i]); !s.ok()) {
      return absl::InvalidArgumentError(absl::StrCat("activities[", i, "] (source row ", activities[i].source_row,
                                                     ", id \"", activities[i].id, "\"): ", s.message()));
    }
  }

  mediation_indicators out;
  mediation_totals& t = out.totals;
  std::map<std::pair<int, std::string>, tally> places;
  std::map<std::string, tally> advisers;
  std::map<std::pair<int, int>, tally> months;
  double administrative = 0;
  double administrative_people = 0;
  double referral_known = 0;
  double referred = 0;
  std::array<double, 3> autonomy{};
  double autonomy_unknown = 0;
  std::array<double, 3> durations{};
  double duration_unknown = 0;
  std::array<double, kAgeBands> ages{};
  std::array<double, kStatusGroups> statuses{};
  std::optional<civil_date> first;
  std::optional<civil_date> last;

  for (const activity& a : activities) {
    if ((options.start && a.date < *options.start) || (options.end && a.date > *options.end)) {
      ++t.excluded_by_date;
      continue;
    }
    add(&t.all, a);
    add(&places[{static_cast<int>(a.place_type), a.place}], a);
    add(&advisers[a.adviser], a);
    add(&months[{a.date.year, a.date.month}], a);
    if (!first || a.date < *first) first = a.date;
    if (!last || a.date > *last) last = a.date;
    t.v1_ponctuel += a.v1_ponctuel ? 1 : 0;
    ++(a.source_version == 1 ? t.v1_reports : t.v2_reports);
    if (a.duration_minutes && !a.duration_exact) ++t.estimated_durations;
    if (a.administrative) {
      ++administrative;
      administrative_people += a.participants;
    }
    if (a.referred) {
      ++referral_known;
      referred += *a.referred ? 1 : 0;
    }
    if (a.autonomy) {
      ++autonomy[static_cast<std::size_t>(*a.autonomy)];
    } else {
      ++autonomy_unknown;
    }
    if (a.duration_bucket) {
      ++durations[static_cast<std::size_t>(*a.duration_bucket)];
    } else {
      ++duration_unknown;
    }
    for (std::size_t i = 0; i < kAgeBands; ++i) ages[i] += a.ages[i];
    for (std::size_t i = 0; i < kStatusGroups; ++i) statuses[i] += a.statuses[i];
  }

  // Totals and the period.
  t.advisers = advisers.size();
  t.places = places.size();
  t.mean_minutes = ratio(t.all.minutes, static_cast<double>(t.all.timed));
  t.period_start = options.start ? options.start : first;
  t.period_end = options.end ? options.end : last;
  if (t.period_start && t.period_end && *t.period_start <= *t.period_end) {
    const civil_date s = *t.period_start;
    const civil_date e = *t.period_end;
    t.period_days = static_cast<std::size_t>(serial(e) - serial(s) + 1);
    for (int y = s.year; y <= e.year; ++y) {
      civil_date jan1;
      jan1.year = y;
      jan1.month = 1;
      jan1.day = 1;
      civil_date dec31 = jan1;
      dec31.month = 12;
      dec31.day = 31;
      const std::int64_t from = serial(std::max(s, jan1));
      const std::int64_t to = serial(std::min(e, dec31));
      t.period_years += static_cast<double>(to - from + 1) / (is_leap(y) ? 366.0 : 365.0);
    }
  }
  t.population = options.population ? *options.population : kNaN;
  const double per_1000 = options.population ? 1000.0 / *options.population : kNaN;
  t.activities_per_1000 = static_cast<double>(t.all.activities) * per_1000;
  t.accompaniments_per_1000 = static_cast<double>(t.all.accompaniments) * per_1000;
  t.activities_per_1000_per_year = ratio(t.activities_per_1000, t.period_years);
  t.accompaniments_per_1000_per_year = ratio(t.accompaniments_per_1000, t.period_years);
  if (std::isnan(t.activities_per_1000)) {
    t.activities_per_1000_per_year = kNaN;
    t.accompaniments_per_1000_per_year = kNaN;
  }

  // Tables.
  for (auto& [key, counts] : places) {
    place_tally row;
    row.place_type = static_cast<place_kind>(key.first);
    row.place = key.second;
    row.counts = counts;
    out.by_place.push_back(std::move(row));
  }
  for (auto& [key, counts] : advisers) {
    keyed_tally row;
    row.key = key;
    row.counts = counts;
    out.by_adviser.push_back(std::move(row));
  }
  if (t.period_start && t.period_end && *t.period_start <= *t.period_end) {
    int y = t.period_start->year;
    int m = t.period_start->month;
    while (y < t.period_end->year || (y == t.period_end->year && m <= t.period_end->month)) {
      keyed_tally row;
      row.key = month_key(y, m);
      auto it = months.find({y, m});
      if (it != months.end()) row.counts = it->second;
      out.by_month.push_back(std::move(row));
      if (++m > 12) {
        m = 1;
        ++y;
      }
    }
  }

  // Shares.
  const double n_activities = static_cast<double>(t.all.activities);
  const std::size_t activities_count = t.all.activities;
  out.shares.push_back(share_of("administrative_activities", administrative, n_activities, activities_count));
  out.shares.push_back(share_of("administrative_accompaniments", administrative_people,
                                static_cast<double>(t.all.accompaniments), activities_count));
  out.shares.push_back(
      share_of("referred_activities", referred, referral_known, static_cast<std::size_t>(referral_known)));
  const double autonomy_known = autonomy[0] + autonomy[1] + autonomy[2];
  out.shares.push_back(share_of("no_autonomy", autonomy[0], autonomy_known, static_cast<std::size_t>(autonomy_known)));
  out.shares.push_back(
      share_of("collective_activities", static_cast<double>(t.all.collective), n_activities, activities_count));

  // Distributions.
  constexpr absl::string_view kAutonomy[] = {"entierement_accompagne", "partiellement_autonome", "autonome"};
  constexpr absl::string_view kDurations[] = {"<30", "30-60", ">=60"};
  constexpr absl::string_view kAges[] = {"<12", "12-17", "18-59", "60+"};
  constexpr absl::string_view kStatuses[] = {"student", "unemployed", "employed", "retired"};
  out.autonomy = distribution(kAutonomy, autonomy, autonomy_unknown, true);
  out.durations = distribution(kDurations, durations, duration_unknown, true);
  out.ages = distribution(kAges, absl::MakeConstSpan(ages.data(), kAgeBands - 1), ages[kAgeBands - 1], false);
  out.statuses = distribution(kStatuses, absl::MakeConstSpan(statuses.data(), kStatusGroups - 1),
                              statuses[kStatusGroups - 1], false);
  return out;
}

}  // namespace numresp::inclusion
