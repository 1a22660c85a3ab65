#include "numresp/factors/factor_set.hpp"

#include <algorithm>
#include <cmath>
#include <mutex>
#include <set>
#include <utility>

#include "absl/strings/str_join.h"
#include "builtin_data.hpp"

namespace numresp::factors {
namespace {

using index_map = absl::flat_hash_map<std::string, std::size_t>;

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

/// The (at most) three ids closest to `id`, closest first.
std::vector<std::string> closest_ids(const std::vector<factor>& factors, absl::string_view id) {
  std::vector<std::pair<std::size_t, const std::string*>> scored;
  scored.reserve(factors.size());
  for (const factor& f : factors) scored.emplace_back(edit_distance(id, f.id), &f.id);
  const std::size_t keep = std::min<std::size_t>(3, scored.size());
  std::partial_sort(
      scored.begin(), scored.begin() + static_cast<std::ptrdiff_t>(keep), scored.end(),
      [](const auto& x, const auto& y) { return x.first != y.first ? x.first < y.first : *x.second < *y.second; });
  std::vector<std::string> out;
  for (std::size_t i = 0; i < keep; ++i) out.push_back(*scored[i].second);
  return out;
}

absl::Status not_found(const factor_set& set, absl::string_view id, absl::string_view origin) {
  std::vector<std::string> near = closest_ids(set.factors(), id);
  return absl::NotFoundError(absl::StrCat(origin.empty() ? "" : absl::StrCat(origin, ": "), "unknown factor id \"", id,
                                          "\" in set ", set.name(),
                                          "; closest known ids: ", absl::StrJoin(near, ", ")));
}

}  // namespace

factor_set::factor_set(std::string name, std::string description, std::vector<factor> factors)
    : name_(std::move(name)), description_(std::move(description)), factors_(std::move(factors)) {}

absl::StatusOr<factor_set> factor_set::create(std::string name, std::string description, std::vector<factor> factors) {
  auto index = std::make_shared<index_map>();
  index->reserve(factors.size());
  for (std::size_t i = 0; i < factors.size(); ++i) {
    if (!index->emplace(factors[i].id, i).second) {
      return absl::InvalidArgumentError(
          absl::StrCat("factor set ", name, ": factor id \"", factors[i].id, "\" appears twice"));
    }
  }
  factor_set set(std::move(name), std::move(description), std::move(factors));
  set.index_ = std::move(index);
  return set;
}

const factor* factor_set::find(absl::string_view id) const noexcept {
  auto it = index_->find(id);
  return it == index_->end() ? nullptr : &factors_[it->second];
}

absl::StatusOr<const factor*> factor_set::lookup(absl::string_view id) const {
  const factor* f = find(id);
  if (f == nullptr) return not_found(*this, id, "");
  return f;
}

absl::StatusOr<double> factor_set::canonical_value(absl::string_view id, const units::dimension& expected,
                                                   double factor::*field) const {
  absl::StatusOr<const factor*> f = lookup(id);
  if (!f.ok()) return f.status();
  const units::unit_spec& unit = (*f)->parsed_unit;
  if (unit.dim != expected) {
    return absl::InvalidArgumentError(absl::StrCat("factor \"", id, "\" is in ", (*f)->unit, " (", unit.dim.to_string(),
                                                   "), not in a unit of ", expected.to_string()));
  }
  const units::unit_spec canonical{1.0, expected, {}};
  return units::rescale((*f)->*field, unit, canonical);
}

absl::StatusOr<double> factor_set::get_number(absl::string_view id) const {
  return canonical_value(id, units::dimension{}, &factor::value);
}

absl::StatusOr<double> factor_set::get_in(absl::string_view id, absl::string_view unit) const {
  absl::StatusOr<const factor*> f = lookup(id);
  if (!f.ok()) return f.status();
  absl::StatusOr<units::unit_spec> target = units::parse_unit(unit);
  if (!target.ok()) return target.status();
  return units::convert((*f)->value, (*f)->parsed_unit, *target);
}

std::vector<std::string> factor_set::licences() const {
  std::set<std::string> distinct;
  for (const factor& f : factors_) distinct.insert(f.licence);
  return {distinct.begin(), distinct.end()};
}

absl::StatusOr<factor_set> factor_set::with_overrides(absl::Span<const factor_override> overrides) const {
  std::vector<std::string> errors;
  absl::StatusCode code = absl::StatusCode::kOk;
  auto fail = [&](absl::Status s) {
    if (code == absl::StatusCode::kOk) code = s.code();
    errors.emplace_back(s.message());
  };
  auto where = [](const factor_override& o, absl::string_view field) {
    return absl::StrCat(o.origin.empty() ? "override" : o.origin, ": ", o.id, ": field '", field, "'");
  };

  std::vector<factor> result = factors_;
  absl::flat_hash_map<std::string, std::string> seen;  // id → origin
  for (const factor_override& o : overrides) {
    auto position = index_->find(o.id);
    if (position == index_->end()) {
      fail(not_found(*this, o.id, o.origin.empty() ? "override" : o.origin));
      continue;
    }
    if (auto [it, inserted] = seen.emplace(o.id, o.origin); !inserted) {
      fail(absl::InvalidArgumentError(
          absl::StrCat(where(o, "id"), " = \"", o.id, "\": overridden twice (also at ", it->second, ")")));
      continue;
    }
    factor& f = result[position->second];
    units::unit_spec unit = f.parsed_unit;
    if (o.unit) {
      absl::StatusOr<units::unit_spec> parsed = units::parse_unit(*o.unit);
      if (!parsed.ok()) {
        fail(absl::InvalidArgumentError(
            absl::StrCat(where(o, "unit"), " = \"", *o.unit, "\": ", parsed.status().message())));
        continue;
      }
      if (parsed->dim != f.parsed_unit.dim) {
        fail(absl::InvalidArgumentError(absl::StrCat(where(o, "unit"), " = \"", *o.unit, "\": a unit of ",
                                                     parsed->dim.to_string(), ", but the factor is in ", f.unit, " (",
                                                     f.parsed_unit.dim.to_string(), ")")));
        continue;
      }
      unit = *std::move(parsed);
    }
    if (!std::isfinite(o.value) || o.value < 0) {
      fail(absl::InvalidArgumentError(
          absl::StrCat(where(o, "value"), " = ", o.value, ": must be a finite number >= 0")));
      continue;
    }
    if (o.low.has_value() != o.high.has_value()) {
      fail(absl::InvalidArgumentError(
          absl::StrCat(where(o, o.low ? "high" : "low"), ": low and high are given together or not at all")));
      continue;
    }
    if (o.low) {
      if (!std::isfinite(*o.low) || !std::isfinite(*o.high)) {
        fail(absl::InvalidArgumentError(absl::StrCat(where(o, std::isfinite(*o.low) ? "high" : "low"), " = ",
                                                     std::isfinite(*o.low) ? *o.high : *o.low,
                                                     ": must be a finite number")));
        continue;
      }
      if (*o.low > o.value) {
        fail(
            absl::InvalidArgumentError(absl::StrCat(where(o, "low"), " = ", *o.low, ": greater than value ", o.value)));
        continue;
      }
      if (*o.high < o.value) {
        fail(absl::InvalidArgumentError(absl::StrCat(where(o, "high"), " = ", *o.high, ": less than value ", o.value)));
        continue;
      }
    }
    const std::string previous = absl::StrCat(f.value, " ", f.unit, " from ", f.source);
    f.value = units::rescale(o.value, unit, f.parsed_unit);
    f.low.reset();
    f.high.reset();
    if (o.low) {
      f.low = units::rescale(*o.low, unit, f.parsed_unit);
      f.high = units::rescale(*o.high, unit, f.parsed_unit);
    }
    f.source = o.source ? *o.source : absl::StrCat("user override (", o.origin.empty() ? "override" : o.origin, ")");
    f.source_url = o.origin.empty() ? "override" : o.origin;
    f.licence = "user-provided";
    f.notes = absl::StrCat(o.notes ? absl::StrCat(*o.notes, "; ") : "", "replaces ", previous,
                           o.unit ? absl::StrCat("; given in ", *o.unit) : "");
  }
  if (!errors.empty()) {
    std::string message =
        errors.size() == 1
            ? errors.front()
            : absl::StrCat(errors.size(), " invalid overrides, none applied: ", absl::StrJoin(errors, "; "));
    return absl::Status(code, message);
  }
  factor_set out(name_, description_, std::move(result));
  out.index_ = index_;  // same ids, same positions
  return out;
}

namespace {

struct builtin_registry {
  std::vector<std::unique_ptr<factor_set>> sets;
  std::vector<std::string> names;  // default first
  const factor_set* default_set = nullptr;
};

/// Builds every built-in set once. The tables were validated when the library was built, so a
/// failure here means a corrupted build: fail loudly.
const builtin_registry& registry() {
  static const builtin_registry* const instance = [] {
    auto* r = new builtin_registry();
    for (std::size_t s = 0; s < detail::builtin_set_count; ++s) {
      const detail::raw_set& raw = detail::builtin_sets[s];
      std::vector<factor> factors;
      factors.reserve(raw.count);
      for (std::size_t i = 0; i < raw.count; ++i) {
        std::vector<std::string> fields(std::begin(raw.rows[i].fields), std::end(raw.rows[i].fields));
        absl::StatusOr<factor> f = make_factor(fields, raw.rows[i].origin);
        if (!f.ok()) std::abort();
        factors.push_back(*std::move(f));
      }
      absl::StatusOr<factor_set> set = factor_set::create(raw.name, raw.description, std::move(factors));
      if (!set.ok()) std::abort();
      r->sets.push_back(std::make_unique<factor_set>(*std::move(set)));
      if (raw.is_default) {
        r->default_set = r->sets.back().get();
        r->names.insert(r->names.begin(), raw.name);
      } else {
        r->names.emplace_back(raw.name);
      }
    }
    if (r->default_set == nullptr) std::abort();
    return r;
  }();
  return *instance;
}

}  // namespace

const factor_set& default_set() { return *registry().default_set; }

absl::StatusOr<std::reference_wrapper<const factor_set>> get_set(absl::string_view name) {
  const builtin_registry& r = registry();
  for (const auto& set : r.sets) {
    if (set->name() == name) return std::cref(*set);
  }
  return absl::NotFoundError(
      absl::StrCat("unknown factor set \"", name, "\"; known sets: ", absl::StrJoin(r.names, ", ")));
}

std::vector<std::string> set_names() { return registry().names; }

absl::string_view default_set_name() noexcept {
  for (std::size_t s = 0; s < detail::builtin_set_count; ++s) {
    if (detail::builtin_sets[s].is_default) return detail::builtin_sets[s].name;
  }
  return {};
}

}  // namespace numresp::factors
