#include "numresp/devices/fleet.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"

namespace numresp::devices {
namespace {

constexpr std::size_t index_of(criterion c) noexcept { return static_cast<std::size_t>(c); }
constexpr std::size_t kEmbedded = 0;
constexpr std::size_t kUse = 1;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

absl::Status row_error(std::size_t row, const char* field, absl::string_view problem) {
  return absl::InvalidArgumentError(absl::StrCat("inventory row ", row, ", field ", field, ": ", problem));
}

// Sums of value, low and high for one criterion and phase, with a flag for rows whose figure is
// missing (then the sum is unavailable rather than partial).
struct accumulator {
  double value = 0;
  double low = 0;
  double high = 0;
  bool missing = false;
  bool any = false;
};

}  // namespace

std::optional<estimate<double>> fleet_line::total(criterion c) const noexcept {
  const auto& e = at(c, device_phase::embedded);
  const auto& u = at(c, device_phase::use);
  if (!e || !u) return std::nullopt;
  return *e + *u;
}

absl::StatusOr<fleet> fleet::create(std::shared_ptr<const catalog> catalog, absl::Span<const inventory_row> rows,
                                    fleet_options options) {
  fleet f;
  f.catalog_ = std::move(catalog);
  f.options_ = options;
  const std::size_t n = rows.size();
  f.archetype_.resize(n);
  f.location_.resize(n);
  f.count_.resize(n);
  f.year_.resize(n);
  f.refurbished_.resize(n);
  f.lifetime_years_.resize(n);
  f.power_.resize(n);
  f.ratio_.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    const inventory_row& r = rows[i];
    absl::StatusOr<std::size_t> a = f.catalog_->find(r.kind, r.variant);
    if (!a.ok()) {
      return absl::Status(a.status().code(), absl::StrCat("inventory row ", i, ", field kind: ", a.status().message()));
    }
    f.archetype_[i] = static_cast<std::uint32_t>(*a);
    f.location_[i] = -1;
    if (r.location) {
      absl::StatusOr<std::size_t> l = f.catalog_->find_location(*r.location);
      if (!l.ok()) {
        return absl::Status(l.status().code(),
                            absl::StrCat("inventory row ", i, ", field location: ", l.status().message()));
      }
      f.location_[i] = static_cast<std::int32_t>(*l);
    }
    f.count_[i] = r.count;
    f.year_[i] = r.acquisition_year;
    f.refurbished_[i] = r.refurbished ? 1.0 : 0.0;
    f.lifetime_years_[i] = r.lifetime_years ? *r.lifetime_years : kNaN;
    if (r.lifetime_years && std::isnan(*r.lifetime_years)) {
      return row_error(i, "lifetime_years", "must be a number > 0; got nan");
    }
    f.power_[i] = r.power_w ? *r.power_w : kNaN;
    if (r.power_w && std::isnan(*r.power_w)) return row_error(i, "power_w", "must be a number >= 0; got nan");
    f.ratio_[i] = r.use_time_ratio ? *r.use_time_ratio : kNaN;
    if (r.use_time_ratio && std::isnan(*r.use_time_ratio)) {
      return row_error(i, "use_time_ratio", "must be in [0, 1]; got nan");
    }
  }
  if (absl::Status s = f.finish(); !s.ok()) return s;
  return f;
}

absl::StatusOr<fleet> fleet::from_columns(std::shared_ptr<const catalog> catalog, const inventory_columns& c,
                                          fleet_options options) {
  const std::size_t n = c.archetype.size();
  auto check_size = [&](std::size_t size, const char* name, bool optional) -> absl::Status {
    if (size == n || (optional && size == 0)) return absl::OkStatus();
    return absl::InvalidArgumentError(
        absl::StrCat("inventory column ", name, " has ", size, " rows; expected ", n, optional ? " or none" : ""));
  };
  for (auto [size, name, optional] :
       {std::tuple{c.count.size(), "count", false}, std::tuple{c.acquisition_year.size(), "acquisition_year", false},
        std::tuple{c.location.size(), "location", true}, std::tuple{c.refurbished.size(), "refurbished", true},
        std::tuple{c.lifetime_years.size(), "lifetime_years", true}, std::tuple{c.power_w.size(), "power_w", true},
        std::tuple{c.use_time_ratio.size(), "use_time_ratio", true}}) {
    if (absl::Status s = check_size(size, name, optional); !s.ok()) return s;
  }
  fleet f;
  f.catalog_ = std::move(catalog);
  f.options_ = options;
  const std::size_t archetypes = f.catalog_->archetypes().size();
  const std::size_t locations = f.catalog_->electricity().size();
  f.archetype_.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    const std::int32_t a = c.archetype[i];
    if (a < 0 || static_cast<std::size_t>(a) >= archetypes) {
      return absl::InvalidArgumentError(
          absl::StrCat("inventory row ", i, ", field archetype: index ", a, " out of range [0, ", archetypes, ")"));
    }
    f.archetype_[i] = static_cast<std::uint32_t>(a);
  }
  f.count_.assign(c.count.begin(), c.count.end());
  f.year_.assign(c.acquisition_year.begin(), c.acquisition_year.end());
  if (c.location.empty()) {
    f.location_.assign(n, -1);
  } else {
    f.location_.assign(c.location.begin(), c.location.end());
    for (std::size_t i = 0; i < n; ++i) {
      if (f.location_[i] < -1 || f.location_[i] >= static_cast<std::int32_t>(locations)) {
        return absl::InvalidArgumentError(absl::StrCat("inventory row ", i, ", field location: index ", f.location_[i],
                                                       " out of range [-1, ", locations, ")"));
      }
    }
  }
  f.refurbished_.resize(n);
  for (std::size_t i = 0; i < n; ++i) f.refurbished_[i] = c.refurbished.empty() ? 0.0 : (c.refurbished[i] ? 1 : 0);
  auto optional_column = [n](absl::Span<const double> col) {
    return col.empty() ? std::vector<double>(n, kNaN) : std::vector<double>(col.begin(), col.end());
  };
  f.lifetime_years_ = optional_column(c.lifetime_years);
  f.power_ = optional_column(c.power_w);
  f.ratio_ = optional_column(c.use_time_ratio);
  if (absl::Status s = f.finish(); !s.ok()) return s;
  return f;
}

absl::Status fleet::finish() {
  const std::size_t n = archetype_.size();
  const std::vector<archetype>& types = catalog_->archetypes();
  for (std::size_t i = 0; i < n; ++i) {
    if (!(std::isfinite(count_[i]) && count_[i] >= 0)) {
      return row_error(i, "count", absl::StrCat("must be finite and >= 0; got ", count_[i]));
    }
    const double life = lifetime_years_[i];
    if (std::isnan(life)) {
      lifetime_years_[i] = types[archetype_[i]].lifetime_hours / hours_per_year;
    } else if (!(std::isfinite(life) && life > 0)) {
      return row_error(i, "lifetime_years", absl::StrCat("must be finite and > 0; got ", life));
    }
    if (!std::isnan(power_[i]) && !(std::isfinite(power_[i]) && power_[i] >= 0)) {
      return row_error(i, "power_w", absl::StrCat("must be finite and >= 0; got ", power_[i]));
    }
    if (std::isnan(ratio_[i])) {
      ratio_[i] = types[archetype_[i]].use_time_ratio;
    } else if (!(ratio_[i] >= 0 && ratio_[i] <= 1)) {
      return row_error(i, "use_time_ratio", absl::StrCat("must be in [0, 1]; got ", ratio_[i]));
    }
    if (!(refurbished_[i] >= 0 && refurbished_[i] <= 1)) {
      return row_error(i, "refurbished", absl::StrCat("share must be in [0, 1]; got ", refurbished_[i]));
    }
  }
  refurb_.assign(types.size(), estimate<double>::exact(1.0));
  refurb_known_.assign(types.size(), 0);
  for (std::size_t a = 0; a < types.size(); ++a) {
    if (options_.refurbishment_share) {
      refurb_[a] = *options_.refurbishment_share;
      refurb_known_[a] = 1;
      continue;
    }
    absl::StatusOr<estimate<double>> s = catalog_->refurbishment_share(types[a].kind);
    if (s.ok()) {
      refurb_[a] = *s;
      refurb_known_[a] = 1;
    }
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (refurbished_[i] > 0 && !refurb_known_[archetype_[i]]) {
      absl::StatusOr<estimate<double>> s = catalog_->refurbishment_share(types[archetype_[i]].kind);
      return absl::Status(s.status().code(),
                          absl::StrCat("inventory row ", i, ", field refurbished: ", s.status().message()));
    }
  }
  return absl::OkStatus();
}

std::pair<int, int> fleet::year_span() const noexcept {
  if (archetype_.empty()) return {0, 0};
  int first = std::numeric_limits<int>::max();
  int last = std::numeric_limits<int>::min();
  for (std::size_t i = 0; i < archetype_.size(); ++i) {
    first = std::min(first, year_[i]);
    last = std::max(last, year_[i] + static_cast<int>(std::ceil(lifetime_years_[i])) - 1);
  }
  return {first, last};
}

fleet::row_view fleet::row(std::size_t i) const noexcept {
  const archetype& a = catalog_->archetypes()[archetype_[i]];
  const bool own_power = !std::isnan(power_[i]);
  estimate<double> p =
      own_power ? estimate<double>::exact(power_[i]) : (a.power_w ? *a.power_w : estimate<double>::exact(0.0));
  return {archetype_[i],   location_[i],       count_[i], year_[i],
          refurbished_[i], lifetime_years_[i], p,         own_power || a.power_w.has_value(),
          own_power,       ratio_[i]};
}

std::optional<estimate<double>> fleet::electricity(std::int32_t location, criterion c) const noexcept {
  const std::size_t i = index_of(c);
  // As in evaluate(): the default location takes the set's global range when it has one; a
  // location's factor otherwise keeps its row's own bounds (exact without).
  auto with_bounds = [&](const electricity_location& loc) -> std::optional<estimate<double>> {
    const auto& f = loc.factor[i];
    if (!f) return std::nullopt;
    if (const auto& own = loc.bounds[i]) return estimate<double>::from_ordered(*f, own->first, own->second);
    return estimate<double>::exact(*f);
  };
  if (location >= 0) return with_bounds(catalog_->electricity()[static_cast<std::size_t>(location)]);
  absl::StatusOr<std::size_t> d = catalog_->find_location(catalog_->default_location());
  if (!d.ok()) return std::nullopt;
  const electricity_location& loc = catalog_->electricity()[*d];
  if (!loc.factor[i]) return std::nullopt;
  if (const auto& range = catalog_->electricity_range(c)) {
    return estimate<double>::from_ordered(*loc.factor[i], range->first, range->second);
  }
  return with_bounds(loc);
}

double fleet::in_service(std::size_t i, int year) const noexcept {
  const double start = year_[i];
  if (options_.renew) return year >= year_[i] ? 1.0 : 0.0;
  const double end = start + lifetime_years_[i];
  const double lo = std::max(start, static_cast<double>(year));
  const double hi = std::min(end, static_cast<double>(year) + 1.0);
  return hi > lo ? hi - lo : 0.0;
}

fleet_footprint fleet::footprint(int year) const {
  const std::vector<archetype>& types = catalog_->archetypes();
  const std::size_t na = types.size();
  const std::size_t nl = catalog_->electricity().size() + 1;  // slot 0: default location

  // Electricity per location slot and criterion.
  std::vector<std::array<std::optional<estimate<double>>, 4>> grid(nl);
  for (std::size_t l = 0; l < nl; ++l) {
    for (criterion c : all_criteria) grid[l][index_of(c)] = electricity(static_cast<std::int32_t>(l) - 1, c);
  }

  // Per archetype: devices, embedded coefficient Σ n s m / L (with its bounds through m), and use
  // coefficients per location: Σ n s 8760 u P / 1000 (bounds through P).
  struct per_archetype {
    double devices = 0;
    double emb = 0, emb_lo = 0, emb_hi = 0;
    bool present = false;
    bool power_missing = false;
  };
  std::vector<per_archetype> acc(na);
  std::vector<double> use_v(na * nl, 0.0), use_lo(na * nl, 0.0), use_hi(na * nl, 0.0);
  const std::size_t n = archetype_.size();
  for (std::size_t i = 0; i < n; ++i) {
    const double s = in_service(i, year);
    const std::uint32_t a = archetype_[i];
    per_archetype& p = acc[a];
    p.present = true;
    if (s == 0.0) continue;
    const double k = count_[i] * s;
    p.devices += k;
    const double f = refurbished_[i];
    const estimate<double>& r = refurb_[a];
    const double per_year = k / lifetime_years_[i];
    // m = 1 − f + f R, monotone in R.
    p.emb += per_year * (1.0 - f + f * r.value());
    p.emb_lo += per_year * (1.0 - f + f * r.low());
    p.emb_hi += per_year * (1.0 - f + f * r.high());
    const double hours = k * hours_per_year * ratio_[i] / 1000.0;
    const std::size_t slot = a * nl + static_cast<std::size_t>(location_[i] + 1);
    if (!std::isnan(power_[i])) {
      const double e = hours * power_[i];
      use_v[slot] += e;
      use_lo[slot] += e;
      use_hi[slot] += e;
    } else if (const auto& pw = types[a].power_w) {
      use_v[slot] += hours * pw->value();
      use_lo[slot] += hours * pw->low();
      use_hi[slot] += hours * pw->high();
    } else {
      p.power_missing = true;
    }
  }

  fleet_footprint out;
  out.year = year;
  std::array<std::array<accumulator, 2>, 4> total{};
  for (std::size_t a = 0; a < na; ++a) {
    if (!acc[a].present) continue;
    fleet_line line;
    line.archetype = a;
    line.kind = types[a].kind;
    line.variant = types[a].variant;
    line.devices = acc[a].devices;
    for (criterion c : all_criteria) {
      const std::size_t ci = index_of(c);
      accumulator& te = total[ci][kEmbedded];
      accumulator& tu = total[ci][kUse];
      if (const auto& e = types[a].embedded[ci]) {
        // Products of non-negative bounds: the low bound pairs the lows.
        const double v = acc[a].emb * e->value();
        const double lo = acc[a].emb_lo * e->low();
        const double hi = acc[a].emb_hi * e->high();
        line.figure[ci][kEmbedded] = estimate<double>::from_ordered(v, std::min(lo, v), std::max(hi, v));
        te.value += v;
        te.low += std::min(lo, v);
        te.high += std::max(hi, v);
      } else {
        te.missing = true;
      }
      accumulator u;
      for (std::size_t l = 0; l < nl; ++l) {
        const std::size_t slot = a * nl + l;
        if (use_v[slot] == 0.0 && use_hi[slot] == 0.0) continue;
        const auto& g = grid[l][ci];
        if (!g) {
          u.missing = true;
          continue;
        }
        u.value += use_v[slot] * g->value();
        u.low += use_lo[slot] * g->low();
        u.high += use_hi[slot] * g->high();
      }
      if (!u.missing && !acc[a].power_missing) {
        line.figure[ci][kUse] = estimate<double>::from_ordered(u.value, u.low, u.high);
        tu.value += u.value;
        tu.low += u.low;
        tu.high += u.high;
      } else {
        tu.missing = true;
      }
    }
    out.lines.push_back(std::move(line));
  }
  out.total.kind = "total";
  for (const fleet_line& l : out.lines) out.total.devices += l.devices;
  for (criterion c : all_criteria) {
    const std::size_t ci = index_of(c);
    for (std::size_t p : {kEmbedded, kUse}) {
      const accumulator& t = total[ci][p];
      if (!t.missing) {
        out.total.figure[ci][p] = estimate<double>::from_ordered(t.value, t.low, t.high);
      }
    }
    if (total[ci][kEmbedded].missing || total[ci][kUse].missing) {
      out.missing[ci] = absl::StrCat("set ", catalog_->set_name(), " cannot provide ", to_string(c),
                                     total[ci][kEmbedded].missing ? " embedded" : "",
                                     total[ci][kEmbedded].missing && total[ci][kUse].missing ? " and" : "",
                                     total[ci][kUse].missing ? " use" : "", " figures for every row");
    }
  }
  return out;
}

absl::StatusOr<std::vector<fleet_footprint>> fleet::by_year(int first, int last) const {
  if (first > last) {
    return absl::InvalidArgumentError(absl::StrCat("by_year: first year ", first, " is after last year ", last));
  }
  if (static_cast<long long>(last) - first >= 1000) {
    return absl::InvalidArgumentError(absl::StrCat("by_year: span ", first, "-", last, " exceeds 1,000 years"));
  }
  std::vector<fleet_footprint> out;
  out.reserve(static_cast<std::size_t>(last - first + 1));
  for (int y = first; y <= last; ++y) out.push_back(footprint(y));
  return out;
}

absl::StatusOr<fleet> fleet::with_scenario(const scenario& s) const {
  if (!(std::isfinite(s.extend_lifetime_years) && s.extend_lifetime_years >= 0)) {
    return absl::InvalidArgumentError(absl::StrCat("scenario \"", s.name,
                                                   "\", field extend_lifetime_years: must be finite and >= 0; got ",
                                                   s.extend_lifetime_years));
  }
  if (!(s.refurbished_share >= 0 && s.refurbished_share <= 1)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "scenario \"", s.name, "\", field refurbished_share: must be in [0, 1]; got ", s.refurbished_share));
  }
  for (const std::string& k : s.kinds) {
    absl::StatusOr<std::vector<std::string>> v = catalog_->variants(k);
    if (!v.ok()) {
      return absl::Status(v.status().code(),
                          absl::StrCat("scenario \"", s.name, "\", field kinds: ", v.status().message()));
    }
  }
  fleet out = *this;
  const std::vector<archetype>& types = catalog_->archetypes();
  for (std::size_t i = 0; i < out.archetype_.size(); ++i) {
    const std::string& kind = types[out.archetype_[i]].kind;
    if (!s.kinds.empty() && std::find(s.kinds.begin(), s.kinds.end(), kind) == s.kinds.end()) continue;
    out.lifetime_years_[i] += s.extend_lifetime_years;
    if (s.refurbished_share > 0) {
      if (!refurb_known_[out.archetype_[i]]) {
        absl::StatusOr<estimate<double>> r = catalog_->refurbishment_share(kind);
        return absl::Status(r.status().code(),
                            absl::StrCat("scenario \"", s.name, "\", field refurbished_share: ", r.status().message()));
      }
      // A share of the purchases of rows not already refurbished.
      out.refurbished_[i] = out.refurbished_[i] + (1.0 - out.refurbished_[i]) * s.refurbished_share;
    }
  }
  return out;
}

absl::StatusOr<std::array<std::optional<estimate<double>>, 4>> fleet::reuse_avoided(
    absl::Span<const reuse_action> reuse) const {
  std::array<std::optional<estimate<double>>, 4> out{};
  for (criterion c : all_criteria) out[index_of(c)] = estimate<double>{};
  const std::vector<archetype>& types = catalog_->archetypes();
  for (std::size_t k = 0; k < reuse.size(); ++k) {
    const reuse_action& r = reuse[k];
    absl::StatusOr<std::size_t> a = catalog_->find(r.kind, r.variant);
    if (!a.ok()) {
      return absl::Status(a.status().code(), absl::StrCat("reuse action ", k, ", field kind: ", a.status().message()));
    }
    if (!(std::isfinite(r.count) && r.count >= 0)) {
      return absl::InvalidArgumentError(
          absl::StrCat("reuse action ", k, ", field count: must be finite and >= 0; got ", r.count));
    }
    const double life = types[*a].lifetime_hours / hours_per_year;
    const double second = r.remaining_years ? *r.remaining_years : life / 2.0;
    if (!(std::isfinite(second) && second > 0)) {
      return absl::InvalidArgumentError(
          absl::StrCat("reuse action ", k, ", field remaining_years: must be finite and > 0; got ", second));
    }
    if (!refurb_known_[*a]) {
      absl::StatusOr<estimate<double>> s = catalog_->refurbishment_share(types[*a].kind);
      return absl::Status(s.status().code(), absl::StrCat("reuse action ", k, ", field kind: ", s.status().message()));
    }
    const estimate<double>& rs = refurb_[*a];
    // Per year: n × E × (1 / L − R / R'); R's high bound gives the low saving.
    for (criterion c : all_criteria) {
      const std::size_t ci = index_of(c);
      auto& slot = out[ci];
      if (!slot) continue;
      const auto& e = types[*a].embedded[ci];
      if (!e) {
        slot.reset();
        continue;
      }
      const double v = r.count * e->value() * (1.0 / life - rs.value() / second);
      const double lo = r.count * e->low() * (1.0 / life - rs.high() / second);
      const double hi = r.count * e->high() * (1.0 / life - rs.low() / second);
      *slot += estimate<double>::from_ordered(v, std::min(lo, v), std::max(hi, v));
    }
  }
  return out;
}

absl::StatusOr<std::vector<scenario_result>> compare(const fleet& baseline, absl::Span<const scenario> scenarios,
                                                     int year) {
  std::vector<scenario_result> out;
  auto summarise = [&](const std::string& name, const fleet& f,
                       absl::Span<const reuse_action> reuse) -> absl::StatusOr<scenario_result> {
    scenario_result r;
    r.name = name;
    const fleet_footprint fp = f.footprint(year);
    absl::StatusOr<std::array<std::optional<estimate<double>>, 4>> avoided = f.reuse_avoided(reuse);
    if (!avoided.ok()) return avoided.status();
    for (criterion c : all_criteria) {
      const std::size_t ci = index_of(c);
      scenario_figures& s = r.criteria[ci];
      s.embedded = fp.total.at(c, device_phase::embedded);
      s.use = fp.total.at(c, device_phase::use);
      s.avoided = (*avoided)[ci];
      s.missing = fp.missing[ci];
      if (s.embedded && s.use && s.avoided) {
        s.net = *s.embedded + *s.use - *s.avoided;
      } else if (s.missing.empty()) {
        s.missing = absl::StrCat("set ", f.catalog_ref().set_name(), " cannot provide ", to_string(c),
                                 " for every reused kind");
      }
    }
    return r;
  };
  absl::StatusOr<scenario_result> base = summarise("baseline", baseline, {});
  if (!base.ok()) return base.status();
  out.push_back(*std::move(base));
  for (const scenario& s : scenarios) {
    absl::StatusOr<fleet> changed = baseline.with_scenario(s);
    if (!changed.ok()) return changed.status();
    absl::StatusOr<scenario_result> r = summarise(s.name, *changed, s.reuse);
    if (!r.ok()) {
      return absl::Status(r.status().code(), absl::StrCat("scenario \"", s.name, "\": ", r.status().message()));
    }
    out.push_back(*std::move(r));
  }
  for (scenario_result& r : out) {
    for (criterion c : all_criteria) {
      const std::size_t ci = index_of(c);
      const auto& b = out.front().criteria[ci].net;
      const auto& v = r.criteria[ci].net;
      if (!b || !v) continue;
      r.change[ci] = v->value() - b->value();
      if (b->value() != 0) r.relative_change[ci] = (v->value() - b->value()) / b->value();
    }
  }
  return out;
}

}  // namespace numresp::devices
