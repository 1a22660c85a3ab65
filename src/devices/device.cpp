// One device: BoaviztAPI 2.4.1's terminal model (simple_embedded + Impact.allocate for the
// embedded part, simple_impact_use for the use phase), with the same floating-point operations in
// the same order so that results are bit-identical.
#include <array>
#include <cmath>
#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "numresp/devices/device.hpp"

namespace numresp::devices {
namespace {

constexpr std::size_t index_of(criterion c) noexcept { return static_cast<std::size_t>(c); }

absl::Status check_non_negative(const char* field, double v) {
  if (std::isfinite(v) && v >= 0) return absl::OkStatus();
  return absl::InvalidArgumentError(absl::StrCat(field, " must be finite and >= 0; got ", v));
}

}  // namespace

absl::StatusOr<device_result> evaluate(const catalog& catalog, const device_query& query) {
  absl::StatusOr<std::size_t> index = catalog.find(query.kind, query.variant);
  if (!index.ok()) return index.status();
  const archetype& a = catalog.archetypes()[*index];
  const usage_overrides& u = query.usage;

  if (query.duration_hours) {
    if (absl::Status s = check_non_negative("duration_hours", *query.duration_hours); !s.ok()) return s;
  }
  if (u.power_w) {
    if (absl::Status s = check_non_negative("usage.power_w", *u.power_w); !s.ok()) return s;
  }
  if (u.use_time_ratio && !(*u.use_time_ratio >= 0 && *u.use_time_ratio <= 1)) {
    return absl::InvalidArgumentError(absl::StrCat("usage.use_time_ratio must be in [0, 1]; got ", *u.use_time_ratio));
  }
  if (u.lifetime_hours && !(std::isfinite(*u.lifetime_hours) && *u.lifetime_hours > 0)) {
    return absl::InvalidArgumentError(
        absl::StrCat("usage.lifetime_hours must be finite and > 0; got ", *u.lifetime_hours));
  }
  for (criterion c : all_criteria) {
    const std::optional<double>& f = u.electricity_factor[index_of(c)];
    if (!f) continue;
    const std::string field = absl::StrCat("usage.electricity_factor.", to_string(c));
    if (absl::Status s = check_non_negative(field.c_str(), *f); !s.ok()) return s;
  }

  device_result r;
  r.factor_set = catalog.set_name();
  r.kind = a.kind;
  r.variant = a.variant;
  r.upstream_id = a.upstream_id;
  r.sources = a.factor_ids;
  r.warnings = a.notes;

  // Location: an explicit code is exact; none (or the default spelled out, as BoaviztAPI resets
  // "EEE" to "not given") uses the default's value with the global range when the set has one.
  std::size_t location_index = 0;
  bool given = false;
  if (query.location) {
    absl::StatusOr<std::size_t> l = catalog.find_location(*query.location);
    if (!l.ok()) return l.status();
    location_index = *l;
    given = catalog.electricity()[location_index].code != catalog.default_location();
  } else {
    absl::StatusOr<std::size_t> l = catalog.find_location(catalog.default_location());
    if (!l.ok()) return l.status();
    location_index = *l;
  }
  const electricity_location& location = catalog.electricity()[location_index];
  r.location = location.code;
  r.location_given = given;

  r.lifetime_hours = u.lifetime_hours ? *u.lifetime_hours : a.lifetime_hours;
  r.use_time_ratio = u.use_time_ratio ? *u.use_time_ratio : a.use_time_ratio;
  r.duration_hours = query.duration_hours ? *query.duration_hours : r.lifetime_hours;
  if (u.power_w) {
    r.power_w = estimate<double>::exact(*u.power_w);
  } else {
    r.power_w = a.power_w;
  }

  // Impact.allocate: the lifetime has no range, so the three ratios are equal.
  const double duration = r.duration_hours;
  const double ratio = duration > r.lifetime_hours ? 1.0 : duration / r.lifetime_hours;
  r.allocation = ratio;

  for (criterion c : all_criteria) {
    const std::size_t i = index_of(c);
    criterion_result& out = r.criteria[i];
    out.which = c;
    if (a.embedded[i] && !a.blocks.empty()) {
      // BoaviztAPI's IoT devices: each block allocated, then the blocks added.
      std::vector<double> parts;
      parts.reserve(a.blocks.size());
      for (const std::array<double, 4>& b : a.blocks)
        parts.push_back(duration > r.lifetime_hours ? b[i] : b[i] * ratio);
      const double v = python_sum(parts);
      out.embedded = estimate<double>::exact(v);
      for (std::size_t p = 0; p < 4; ++p) {
        if (const auto& part = a.embedded_phases[i][p])
          out.embedded_phases[p] = estimate<double>::exact(part->value() * ratio);
      }
    } else if (a.embedded[i]) {
      const estimate<double>& e = *a.embedded[i];
      out.embedded = estimate<double>::from_ordered(e.value() * ratio, e.low() * ratio, e.high() * ratio);
      for (std::size_t p = 0; p < 4; ++p) {
        if (const auto& part = a.embedded_phases[i][p]) {
          out.embedded_phases[p] =
              estimate<double>::from_ordered(part->value() * ratio, part->low() * ratio, part->high() * ratio);
        }
      }
    } else {
      out.embedded_missing = a.embedded_missing[i];
    }

    // Electricity factor: the query's override (exact) > the location's factor: for the default
    // location, with the set's global range when it has one (as BoaviztAPI); otherwise with the
    // factor row's own bounds when it gives them (exact when not).
    std::optional<estimate<double>> f;
    if (u.electricity_factor[i]) {
      f = estimate<double>::exact(*u.electricity_factor[i]);
    } else if (location.factor[i]) {
      const double v = *location.factor[i];
      const auto& range = catalog.electricity_range(c);
      if (!given && range) {
        f = estimate<double>::from_ordered(v, range->first, range->second);
      } else if (const auto& own = location.bounds[i]) {
        f = estimate<double>::from_ordered(v, own->first, own->second);
      } else {
        f = estimate<double>::exact(v);
      }
      r.sources.push_back(location.factor_ids[i]);
    }
    out.electricity_factor = f;
    if (!f) {
      out.use_missing = absl::StrCat("set ", catalog.set_name(), " has no ", to_string(c),
                                     " electricity factor for location ", location.code);
      continue;
    }
    if (!r.power_w) {
      out.use_missing = absl::StrCat("set ", catalog.set_name(), " has no average power for ", a.kind, " ", a.variant,
                                     "; give usage.power_w");
      continue;
    }
    // simple_impact_use: F × (W / 1000) × use_time_ratio × duration × units, left to right.
    const estimate<double>& p = *r.power_w;
    const double t = r.use_time_ratio;
    const double value = f->value() * (p.value() / 1000) * t * duration * 1.0;
    const double low = f->low() * (p.low() / 1000) * t * duration * 1.0;
    const double high = f->high() * (p.high() / 1000) * t * duration * 1.0;
    out.use = estimate<double>::from_ordered(value, low, high);
  }
  return r;
}

absl::StatusOr<device_result> evaluate(const device_query& query, absl::string_view set_name) {
  absl::StatusOr<std::shared_ptr<const catalog>> c = catalog::builtin(set_name);
  if (!c.ok()) return c.status();
  return evaluate(**c, query);
}

}  // namespace numresp::devices
