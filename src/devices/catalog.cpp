// Reads device archetypes and electricity factors from a factor set.
//
// Two table shapes exist. BoaviztAPI's (set boavizta-2.4.1): one embedded figure per criterion,
// `device.<kind>.<variant>.<criterion>.embedded`, usage profile `device.<kind>.<variant>.power`
// (W, with min/max), `.lifetime` (h), `.use_time_ratio`; IoT devices are sums of functional
// blocks `device.iot_<block>.<hsl-level>.<criterion>.{manufacture,eol}` whose levels each IoT
// archetype lists as `device.iot_device.<archetype>.block.<block>`. ADEME's (ademe-2025, ...):
// `device.<kind>.<criterion>.{manufacture,distribution,end_of_life}`, `.power` (W), `.lifetime`
// (years), `.use_hours_per_day`.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "numresp/devices/device.hpp"

namespace numresp::devices {
namespace {

constexpr std::size_t index_of(criterion c) noexcept { return static_cast<std::size_t>(c); }

// BoaviztAPI's default archetype of each kind (boaviztapi/utils/config.py) as a variant name.
struct kind_spec {
  const char* kind;
  const char* default_variant;
  std::array<const char*, 2> boavizta_variants;
  std::array<const char*, 2> upstream_ids;
};

constexpr std::array<kind_spec, 12> kBoaviztaKinds = {{
    {"laptop", "pro", {"pro", "perso"}, {"laptop-pro", "laptop-perso"}},
    {"desktop", "pro", {"pro", "perso"}, {"desktop-pro", "desktop-perso"}},
    {"smartphone", "default", {"default", nullptr}, {"smartphone-default", nullptr}},
    {"tablet", "default", {"default", nullptr}, {"tablet-default", nullptr}},
    {"television", "pro", {"pro", "perso"}, {"tv-pro", "tv-perso"}},
    {"monitor", "default", {"default", nullptr}, {"monitor-default", nullptr}},
    {"box", "default", {"default", nullptr}, {"box-default", nullptr}},
    {"usb_stick", "default", {"default", nullptr}, {"usb-stick-default", nullptr}},
    {"external_ssd", "default", {"default", nullptr}, {"external-ssd-default", nullptr}},
    {"external_hdd", "default", {"default", nullptr}, {"hdd-default", nullptr}},
    {"vr_headset", "lcd", {"lcd", "oled"}, {"vr-headset-lcd", "vr-headset-oled"}},
    {"vr_controller", "default", {"default", nullptr}, {"vr-controller-default", nullptr}},
}};

// BoaviztAPI IoT functional blocks, in iot_device.csv's column order.
constexpr std::array<const char*, 11> kIotBlocks = {"actuators", "casing",  "connectivity",  "memory",
                                                    "others",    "pcb",     "power_supply",  "processing",
                                                    "security",  "sensing", "user_interface"};
constexpr std::array<const char*, 5> kIotArchetypes = {"default", "occupancy_sensor", "home_connected_assistant_mini",
                                                       "drone_mini", "smart_watch"};

// ADEME kinds: table prefix → (kind, variant). The default variant follows BoaviztAPI's.
struct ademe_spec {
  const char* prefix;
  const char* kind;
  const char* variant;
};
constexpr std::array<ademe_spec, 19> kAdemeKinds = {{
    {"desktop_pro", "desktop", "pro"},
    {"desktop", "desktop", "perso"},
    {"laptop", "laptop", "default"},
    {"smartphone", "smartphone", "default"},
    {"tablet", "tablet", "default"},
    {"television", "television", "default"},
    {"monitor", "monitor", "default"},
    {"box", "box", "default"},
    {"usb_stick", "usb_stick", "default"},
    {"external_ssd", "external_ssd", "default"},
    {"external_hdd", "external_hdd", "default"},
    {"vr_headset", "vr_headset", "default"},
    {"vr_controller", "vr_controller", "default"},
    {"speaker", "speaker", "default"},
    {"console", "console", "default"},
    {"handheld_console", "handheld_console", "default"},
    {"printer", "printer", "default"},
    {"projector", "projector", "default"},
    {"basic_phone", "basic_phone", "default"},
}};

// Criterion names in factor ids (water is "water" in ADEME tables; BoaviztAPI's wu is not used).
constexpr std::array<const char*, 4> kCriterionId = {"gwp", "adpe", "pe", "water"};

std::optional<estimate<double>> read_estimate(const factors::factor_set& set, const std::string& id,
                                              absl::string_view unit, absl::Status& error) {
  const factors::factor* f = set.find(id);
  if (f == nullptr) return std::nullopt;
  absl::StatusOr<units::unit_spec> target = units::parse_unit(unit);
  if (!target.ok()) {
    error = target.status();
    return std::nullopt;
  }
  auto conv = [&](double v) -> std::optional<double> {
    absl::StatusOr<double> out = units::convert(v, f->parsed_unit, *target);
    if (!out.ok()) {
      error = absl::InvalidArgumentError(absl::StrCat("factor ", id, ": ", out.status().message()));
      return std::nullopt;
    }
    return *out;
  };
  std::optional<double> v = conv(f->value);
  if (!v) return std::nullopt;
  double lo = *v;
  double hi = *v;
  if (f->low && f->high) {
    std::optional<double> l = conv(*f->low);
    std::optional<double> h = conv(*f->high);
    if (!l || !h) return std::nullopt;
    lo = *l;
    hi = *h;
  }
  return estimate<double>::from_ordered(*v, lo, hi);
}

const char* const kWaterNote =
    "water: ADEME Base Empreinte water indicator (manufacture + distribution; end of life not given), "
    "a scarcity-weighted figure, not litres withdrawn";

}  // namespace

double python_sum(const std::vector<double>& values) noexcept {
  if (values.empty()) return 0.0;
  double sum = values.front();
  double compensation = 0.0;
  for (std::size_t i = 1; i < values.size(); ++i) {
    const double x = values[i];
    const double t = sum + x;
    if (std::fabs(sum) >= std::fabs(x)) {
      compensation += (sum - t) + x;
    } else {
      compensation += (x - t) + sum;
    }
    sum = t;
  }
  if (compensation != 0.0 && std::isfinite(compensation)) sum += compensation;
  return sum;
}

absl::string_view to_string(device_phase p) noexcept { return p == device_phase::embedded ? "embedded" : "use"; }

absl::string_view report_unit(criterion c) noexcept {
  switch (c) {
    case criterion::gwp:
      return "kgCO2e";
    case criterion::adpe:
      return "kgSbeq";
    case criterion::pe:
      return "MJ";
    case criterion::water:
      return "m3";
  }
  return "";
}

absl::StatusOr<catalog> catalog::create(const factors::factor_set& set) {
  catalog out;
  out.set_name_ = set.name();
  out.set_ = std::make_shared<const factors::factor_set>(set);
  absl::Status error;
  const factors::factor_set& s = *out.set_;
  const bool boavizta_shape =
      s.find("device.laptop.pro.gwp.embedded") != nullptr || s.find("device.laptop.pro.lifetime") != nullptr;

  auto finish_archetype = [&](archetype a) { out.archetypes_.push_back(std::move(a)); };

  if (boavizta_shape) {
    for (const kind_spec& k : kBoaviztaKinds) {
      for (std::size_t v = 0; v < k.boavizta_variants.size(); ++v) {
        if (k.boavizta_variants[v] == nullptr) continue;
        const std::string base = absl::StrCat("device.", k.kind, ".", k.boavizta_variants[v]);
        std::optional<estimate<double>> lifetime = read_estimate(s, base + ".lifetime", "h", error);
        if (!error.ok()) return error;
        if (!lifetime) continue;
        archetype a;
        a.kind = k.kind;
        a.variant = k.boavizta_variants[v];
        a.upstream_id = k.upstream_ids[v];
        a.lifetime_hours = lifetime->value();
        std::optional<estimate<double>> ratio = read_estimate(s, base + ".use_time_ratio", "1", error);
        a.use_time_ratio = ratio ? ratio->value() : 1.0;
        a.power_w = read_estimate(s, base + ".power", "W", error);
        if (!error.ok()) return error;
        a.factor_ids = {base + ".lifetime", base + ".use_time_ratio", base + ".power"};
        for (criterion c : all_criteria) {
          const std::size_t i = index_of(c);
          if (c == criterion::water) {
            a.embedded_missing[i] =
                "boavizta-2.4.1 has no sound water factor for devices (BoaviztAPI's embedded 'wu' is negative for "
                "every ADEME terminal, upstream issue #548)";
            continue;
          }
          if (c == criterion::pe) {
            a.embedded_missing[i] =
                "BoaviztAPI 2.4.1 has no embedded primary-energy factor for terminals ('pe' "
                "embedded is 'not implemented')";
            continue;
          }
          const std::string id = absl::StrCat(base, ".", kCriterionId[i], ".embedded");
          a.embedded[i] = read_estimate(s, id, report_unit(c), error);
          if (!error.ok()) return error;
          if (a.embedded[i]) {
            a.factor_ids.push_back(id);
          } else {
            a.embedded_missing[i] = absl::StrCat("no factor ", id, " in set ", s.name());
          }
        }
        finish_archetype(std::move(a));
      }
    }
    // IoT devices: sums of functional blocks.
    for (const char* name : kIotArchetypes) {
      const std::string base = absl::StrCat("device.iot_device.", name);
      std::optional<estimate<double>> lifetime = read_estimate(s, base + ".lifetime", "h", error);
      if (!error.ok()) return error;
      if (!lifetime) continue;
      archetype a;
      a.kind = "iot_device";
      a.variant = name;
      a.upstream_id = std::string(name) == "default" ? "iot-device-default" : name;
      a.lifetime_hours = lifetime->value();
      std::optional<estimate<double>> ratio = read_estimate(s, base + ".use_time_ratio", "1", error);
      a.use_time_ratio = ratio ? ratio->value() : 1.0;
      a.power_w = read_estimate(s, base + ".power", "W", error);
      if (!error.ok()) return error;
      a.factor_ids = {base + ".lifetime", base + ".use_time_ratio"};
      for (criterion c : all_criteria) {
        const std::size_t i = index_of(c);
        if (c == criterion::water) {
          a.embedded_missing[i] = "boavizta-2.4.1 has no sound water factor for IoT blocks (BoaviztAPI 'wu')";
          continue;
        }
        // Each block: manufacture + end of life; blocks in iot_device.csv's column order.
        double manufacture = 0;
        double eol = 0;
        std::vector<double> block_values;
        bool complete = true;
        for (const char* block : kIotBlocks) {
          const factors::factor* level = s.find(absl::StrCat(base, ".block.", block));
          if (level == nullptr) continue;
          const std::string block_base =
              absl::StrCat("device.iot_", block, ".hsl-", static_cast<int>(level->value), ".", kCriterionId[i]);
          std::optional<estimate<double>> m = read_estimate(s, block_base + ".manufacture", report_unit(c), error);
          std::optional<estimate<double>> e = read_estimate(s, block_base + ".eol", report_unit(c), error);
          if (!error.ok()) return error;
          if (!m || !e) {
            complete = false;
            a.embedded_missing[i] = absl::StrCat("no factor ", block_base, ".manufacture/.eol in set ", s.name());
            break;
          }
          manufacture += m->value();
          eol += e->value();
          block_values.push_back(m->value() + e->value());
          a.factor_ids.push_back(block_base + ".manufacture");
          a.factor_ids.push_back(block_base + ".eol");
        }
        if (!complete) continue;
        if (a.blocks.size() < block_values.size()) a.blocks.resize(block_values.size(), std::array<double, 4>{});
        for (std::size_t b = 0; b < block_values.size(); ++b) a.blocks[b][i] = block_values[b];
        a.embedded[i] = estimate<double>::exact(python_sum(block_values));
        a.embedded_phases[i][static_cast<std::size_t>(phase::manufacture)] = estimate<double>::exact(manufacture);
        a.embedded_phases[i][static_cast<std::size_t>(phase::end_of_life)] = estimate<double>::exact(eol);
      }
      a.notes.emplace_back(
          "IoT device: functional blocks only, no distribution, no associated digital services (network, "
          "data centres, other terminals)");
      if (!a.power_w) a.notes.emplace_back("no average power in the set: the use phase is not assessed");
      finish_archetype(std::move(a));
    }
  } else {
    for (const ademe_spec& k : kAdemeKinds) {
      const std::string base = absl::StrCat("device.", k.prefix);
      std::optional<estimate<double>> lifetime = read_estimate(s, base + ".lifetime", "h", error);
      if (!error.ok()) return error;
      if (!lifetime) continue;
      archetype a;
      a.kind = k.kind;
      a.variant = k.variant;
      a.upstream_id = k.prefix;
      a.lifetime_hours = lifetime->value();
      std::optional<estimate<double>> hours = read_estimate(s, base + ".use_hours_per_day", "1", error);
      if (!error.ok()) {
        // use_hours_per_day is "h/d": dimensionless as a ratio of durations.
        error = absl::OkStatus();
      }
      if (!hours) {
        const factors::factor* h = s.find(base + ".use_hours_per_day");
        if (h != nullptr) hours = estimate<double>::exact(h->value / 24.0);
      }
      a.use_time_ratio = hours ? hours->value() : 0.0;
      a.power_w = read_estimate(s, base + ".power", "W", error);
      if (!error.ok()) return error;
      a.factor_ids = {base + ".lifetime", base + ".use_hours_per_day", base + ".power"};
      for (criterion c : all_criteria) {
        const std::size_t i = index_of(c);
        std::optional<estimate<double>> sum;
        for (phase p : {phase::manufacture, phase::distribution, phase::end_of_life}) {
          const std::string id = absl::StrCat(base, ".", kCriterionId[i], ".", to_string(p));
          std::optional<estimate<double>> f = read_estimate(s, id, report_unit(c), error);
          if (!error.ok()) return error;
          if (!f) continue;
          a.embedded_phases[i][static_cast<std::size_t>(p)] = f;
          a.factor_ids.push_back(id);
          sum = sum ? *sum + *f : *f;
        }
        a.embedded[i] = sum;
        if (!sum) {
          a.embedded_missing[i] =
              absl::StrCat("set ", s.name(), " has no ", kCriterionId[i], " factor for ", k.prefix,
                           c == criterion::adpe || c == criterion::pe
                               ? " (ADEME's ACV numérique model publishes climate and water figures only)"
                               : "");
        } else if (c == criterion::water) {
          a.notes.emplace_back(kWaterNote);
        }
      }
      finish_archetype(std::move(a));
    }
  }
  if (out.archetypes_.empty()) {
    return absl::NotFoundError(absl::StrCat("factor set ", s.name(), " has no device archetype"));
  }
  std::sort(out.archetypes_.begin(), out.archetypes_.end(), [](const archetype& a, const archetype& b) {
    return std::tie(a.kind, a.variant) < std::tie(b.kind, b.variant);
  });
  for (std::size_t i = 0; i < out.archetypes_.size(); ++i) {
    out.by_kind_[out.archetypes_[i].kind].push_back(i);
  }
  // Default variant first.
  for (auto& [kind, list] : out.by_kind_) {
    const char* wanted = "default";
    for (const kind_spec& k : kBoaviztaKinds) {
      if (kind == k.kind) wanted = k.default_variant;
    }
    std::stable_partition(list.begin(), list.end(),
                          [&](std::size_t i) { return out.archetypes_[i].variant == wanted; });
  }

  // Electricity: grid.<criterion>.<code> rows whose region names a 3-letter location.
  std::map<std::string, electricity_location> locations;
  for (const factors::factor& f : s) {
    if (!absl::StartsWith(f.id, "grid.")) continue;
    const std::vector<std::string> parts = absl::StrSplit(f.id, '.');
    if (parts.size() != 3) continue;
    std::optional<criterion> c;
    for (criterion k : all_criteria) {
      if (parts[1] == kCriterionId[index_of(k)]) c = k;
    }
    if (!c) continue;
    std::string code = absl::AsciiStrToUpper(f.region);
    if (code == "EU") code = "EEE";  // ADEME's EU average: BoaviztAPI's Europe
    if (code.size() != 3 || parts[2] == "range_min" || parts[2] == "range_max") continue;
    // Only the location's own row (grid.gwp.fra), not variants such as grid.gwp.fra_marginal.
    std::string expected = absl::AsciiStrToLower(code);
    if (parts[2] != expected && !(code == "EEE" && parts[2] == "eu")) continue;
    const std::string unit = absl::StrCat(report_unit(*c), "/kWh");
    absl::StatusOr<units::unit_spec> target = units::parse_unit(unit);
    if (!target.ok()) return target.status();
    absl::StatusOr<double> v = units::convert(f.value, f.parsed_unit, *target);
    if (!v.ok()) return absl::InvalidArgumentError(absl::StrCat("factor ", f.id, ": ", v.status().message()));
    electricity_location& loc = locations[code];
    loc.code = code;
    loc.factor[index_of(*c)] = *v;
    loc.factor_ids[index_of(*c)] = f.id;
    if (f.low && f.high) {
      absl::StatusOr<double> lo = units::convert(*f.low, f.parsed_unit, *target);
      absl::StatusOr<double> hi = units::convert(*f.high, f.parsed_unit, *target);
      if (!lo.ok() || !hi.ok())
        return absl::InvalidArgumentError(
            absl::StrCat("factor ", f.id, ": bounds: ", (lo.ok() ? hi : lo).status().message()));
      loc.bounds[index_of(*c)] = std::make_pair(*lo, *hi);
    }
  }
  for (auto& [code, loc] : locations) {
    out.location_index_[code] = out.electricity_.size();
    out.electricity_.push_back(std::move(loc));
  }
  bool has_range = false;
  for (criterion c : all_criteria) {
    const factors::factor* lo = s.find(absl::StrCat("grid.", kCriterionId[index_of(c)], ".range_min"));
    const factors::factor* hi = s.find(absl::StrCat("grid.", kCriterionId[index_of(c)], ".range_max"));
    if (lo == nullptr || hi == nullptr) continue;
    const std::string unit = absl::StrCat(report_unit(c), "/kWh");
    absl::StatusOr<double> l = units::convert(lo->value, lo->parsed_unit, *units::parse_unit(unit));
    absl::StatusOr<double> h = units::convert(hi->value, hi->parsed_unit, *units::parse_unit(unit));
    if (!l.ok()) return l.status();
    if (!h.ok()) return h.status();
    out.range_[index_of(c)] = std::make_pair(*l, *h);
    has_range = true;
  }
  out.default_location_ = has_range ? "EEE" : "FRA";
  if (out.location_index_.count(out.default_location_) == 0 && !out.electricity_.empty()) {
    out.default_location_ = out.electricity_.front().code;
  }
  return out;
}

absl::StatusOr<std::shared_ptr<const catalog>> catalog::builtin(absl::string_view name) {
  static std::mutex mutex;
  static std::map<std::string, std::shared_ptr<const catalog>, std::less<>> cache;
  const std::string key(name.empty() ? factors::default_set_name() : name);
  std::lock_guard<std::mutex> lock(mutex);
  if (auto it = cache.find(key); it != cache.end()) return it->second;
  absl::StatusOr<std::reference_wrapper<const factors::factor_set>> set = factors::get_set(key);
  if (!set.ok()) return set.status();
  absl::StatusOr<catalog> c = catalog::create(set->get());
  if (!c.ok()) return c.status();
  auto shared = std::make_shared<const catalog>(*std::move(c));
  cache.emplace(key, shared);
  return shared;
}

std::vector<std::string> catalog::kinds() const {
  std::vector<std::string> out;
  out.reserve(by_kind_.size());
  for (const auto& entry : by_kind_) out.push_back(entry.first);
  return out;
}

absl::StatusOr<std::vector<std::string>> catalog::variants(absl::string_view kind) const {
  auto it = by_kind_.find(kind);
  if (it == by_kind_.end()) {
    return absl::NotFoundError(absl::StrCat("unknown device kind \"", kind, "\" in factor set ", set_name_,
                                            "; known kinds: ", absl::StrJoin(kinds(), ", ")));
  }
  std::vector<std::string> out;
  for (std::size_t i : it->second) out.push_back(archetypes_[i].variant);
  return out;
}

absl::StatusOr<std::size_t> catalog::find(absl::string_view kind, absl::string_view variant) const {
  auto it = by_kind_.find(kind);
  if (it == by_kind_.end()) {
    return absl::NotFoundError(absl::StrCat("unknown device kind \"", kind, "\" in factor set ", set_name_,
                                            "; known kinds: ", absl::StrJoin(kinds(), ", ")));
  }
  if (variant.empty()) return it->second.front();
  for (std::size_t i : it->second) {
    if (archetypes_[i].variant == variant || archetypes_[i].upstream_id == variant) return i;
  }
  std::vector<std::string> names;
  for (std::size_t i : it->second) names.push_back(archetypes_[i].variant);
  return absl::NotFoundError(absl::StrCat("unknown variant \"", variant, "\" of device kind ", kind, " in factor set ",
                                          set_name_, "; known variants: ", absl::StrJoin(names, ", ")));
}

std::vector<std::string> catalog::locations() const {
  std::vector<std::string> out;
  out.reserve(electricity_.size());
  for (const electricity_location& l : electricity_) out.push_back(l.code);
  return out;
}

absl::StatusOr<std::size_t> catalog::find_location(absl::string_view code) const {
  const std::string key = absl::AsciiStrToUpper(absl::StripAsciiWhitespace(code));
  auto it = location_index_.find(key);
  if (it == location_index_.end()) {
    return absl::NotFoundError(absl::StrCat("unknown location \"", code, "\" in factor set ", set_name_,
                                            "; known locations: ", absl::StrJoin(locations(), ", ")));
  }
  return it->second;
}

absl::StatusOr<estimate<double>> catalog::refurbishment_share(absl::string_view kind) const {
  absl::Status error;
  const std::string specific = absl::StrCat("refurbishment.", kind, ".embedded_share");
  std::optional<estimate<double>> f = read_estimate(*set_, specific, "1", error);
  if (!error.ok()) return error;
  if (f) return *f;
  f = read_estimate(*set_, "refurbishment.default.embedded_share", "1", error);
  if (!error.ok()) return error;
  if (f) return *f;
  return absl::NotFoundError(absl::StrCat("factor set ", set_name_, " has no refurbishment factor (", specific,
                                          " or refurbishment.default.embedded_share); "
                                          "give fleet_options.refurbishment_share or use ademe-2025"));
}

}  // namespace numresp::devices
