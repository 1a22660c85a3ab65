#include "numresp/web/ecoindex.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <optional>

#include "absl/strings/str_cat.h"

namespace numresp::web {
namespace {

absl::Status check_input(absl::string_view name, double value, std::optional<std::size_t> index = std::nullopt) {
  if (std::isfinite(value) && value >= 0) return absl::OkStatus();
  return absl::InvalidArgumentError(
      absl::StrCat(name, index ? absl::StrCat("[", *index, "]") : "", " = ", value, ": must be a finite number >= 0"));
}

/// A quantile table padded with +infinity to 32 boundaries, for a branch-free binary search.
struct padded_table {
  std::array<double, 32> q{};

  explicit padded_table(const std::array<double, 21>& table) noexcept {
    for (std::size_t i = 0; i < q.size(); ++i) q[i] = i < table.size() ? table[i] : HUGE_VAL;
  }
};

inline double quantile_of(const padded_table& t, double value) noexcept {
  // The references scan for the first boundary i with value < Q[i]. The boundaries increase, so
  // that i is one more than the number of boundaries Q[1..20] <= value, which a binary search finds
  // in five steps, written without branches (the padding is +infinity, never <= a finite value);
  // the interpolation below is the references' expression for the same i, so the result is bit
  // for bit theirs. (NaN, which the references send to 20, is rejected before this is used.)
  std::size_t below = 0;  // boundaries Q[1..below] are <= value
  for (std::size_t step = 16; step > 0; step /= 2) {
    below += step * static_cast<std::size_t>(t.q[below + step] <= value);
  }
  if (below >= 20) return 20.0;
  const std::size_t i = below + 1;
  return static_cast<double>(i - 1) + (value - t.q[i - 1]) / (t.q[i] - t.q[i - 1]);
}

/// The grade: 'A' when score > limits[0], ..., 'F' when score > limits[5], else 'G'. The limits
/// decrease, so the grade's index is the number of limits the score does not exceed (no branch).
inline char grade_of(double score, const std::array<double, 6>& limits) noexcept {
  std::size_t not_above = 0;
  for (double limit : limits) not_above += score <= limit ? 1 : 0;
  return static_cast<char>('A' + not_above);
}

/// The score, as the references compute it: 100 - 5 * (3 q_dom + 2 q_req + q_size) / 6.
double raw_score(double q_dom, double q_req, double q_size) noexcept {
  return 100 - ((5 * ((3 * q_dom + 2 * q_req) + q_size)) / 6);
}

/// GHG (base 2 g) or water (base 3 cl) per page view: base + base * (50 - score) / 100.
double per_view(double base, double score) noexcept { return base + base * (50 - score) / 100; }

struct padded_tables {
  padded_table dom, requests, size_kb;
  explicit padded_tables(const ecoindex_tables& t) noexcept : dom(t.dom), requests(t.requests), size_kb(t.size_kb) {}
};

ecoindex_result compute(double dom, double requests, double size_kb, flavour f, const ecoindex_tables& t,
                        const padded_tables& p) noexcept {
  ecoindex_result r;
  r.q_dom = quantile_of(p.dom, dom);
  r.q_requests = quantile_of(p.requests, requests);
  r.q_size = quantile_of(p.size_kb, size_kb);
  const double raw = raw_score(r.q_dom, r.q_requests, r.q_size);
  if (f == flavour::raw) {
    r.score = raw;
    r.grade = grade_of(raw, t.grade_limits);
    r.ghg_g = per_view(t.ghg_base_g, raw);
    r.water_cl = per_view(t.water_base_cl, raw);
  } else {
    r.score = round_half_even(raw);
    r.grade = grade_of(r.score, t.grade_limits);
    r.ghg_g = round_half_even(100 * per_view(t.ghg_base_g, r.score)) / 100;
    r.water_cl = round_half_even(100 * per_view(t.water_base_cl, r.score)) / 100;
  }
  return r;
}

}  // namespace

absl::string_view to_string(flavour f) noexcept { return f == flavour::raw ? "raw" : "ecoindex.fr"; }

absl::StatusOr<flavour> parse_flavour(absl::string_view name) {
  if (name == "raw") return flavour::raw;
  if (name == "ecoindex.fr" || name == "ecoindex_fr") return flavour::ecoindex_fr;
  return absl::InvalidArgumentError(
      absl::StrCat("flavour = \"", name, "\": unknown EcoIndex flavour; the flavours are \"raw\" and \"ecoindex.fr\""));
}

absl::StatusOr<ecoindex_tables> ecoindex_tables::from_factors(const factors::factor_set& set) {
  ecoindex_tables t;
  struct table {
    absl::string_view name;
    absl::string_view unit;
    std::array<double, 21>* values;
  };
  for (const table& tab :
       {table{"dom", "1", &t.dom}, table{"requests", "1", &t.requests}, table{"size_kb", "kB", &t.size_kb}}) {
    for (std::size_t i = 0; i < 21; ++i) {
      absl::StatusOr<double> v = set.get_in(absl::StrCat("ecoindex.quantile.", tab.name, ".", i), tab.unit);
      if (!v.ok()) return v.status();
      (*tab.values)[i] = *v;
      if (i > 0 && !((*tab.values)[i] > (*tab.values)[i - 1])) {
        return absl::InvalidArgumentError(
            absl::StrCat("ecoindex.quantile.", tab.name, ".", i, " = ", *v, ": the quantile boundaries must increase"));
      }
    }
  }
  static constexpr absl::string_view letters[] = {"a", "b", "c", "d", "e", "f"};
  for (std::size_t i = 0; i < 6; ++i) {
    absl::StatusOr<double> current = set.get_number(absl::StrCat("ecoindex.grade.", letters[i]));
    if (!current.ok()) return current.status();
    t.grade_limits[i] = *current;
    absl::StatusOr<double> legacy = set.get_number(absl::StrCat("ecoindex.legacy_grade.", letters[i]));
    if (!legacy.ok()) return legacy.status();
    t.legacy_grade_limits[i] = *legacy;
  }
  absl::StatusOr<double> ghg = set.get_in("ecoindex.ghg.base", "gCO2e/pageview");
  if (!ghg.ok()) return ghg.status();
  t.ghg_base_g = *ghg;
  absl::StatusOr<double> water = set.get_in("ecoindex.water.base", "cl/pageview");
  if (!water.ok()) return water.status();
  t.water_base_cl = *water;
  return t;
}

const ecoindex_tables& ecoindex_tables::builtin() {
  static const ecoindex_tables tables = [] {
    auto set = factors::get_set("ecoindex");
    if (!set.ok()) std::abort();  // built-in tables are validated when the library is built
    auto t = from_factors(set->get());
    if (!t.ok()) std::abort();
    return *t;
  }();
  return tables;
}

double quantile(const std::array<double, 21>& table, double value) noexcept {
  return quantile_of(padded_table(table), value);
}

char grade(double score, const ecoindex_tables& tables) noexcept { return grade_of(score, tables.grade_limits); }

char legacy_grade(double legacy_score, const ecoindex_tables& tables) noexcept {
  return grade_of(legacy_score, tables.legacy_grade_limits);
}

double round_half_even(double x) noexcept { return std::nearbyint(x); }

std::string to_fixed_2(double x) {
  if (!std::isfinite(x)) return std::isnan(x) ? "NaN" : (x > 0 ? "Infinity" : "-Infinity");
  const bool negative = x < 0;
  // glibc prints the exact decimal expansion of the binary value; round it half up at 2 places.
  char buf[400];
  std::snprintf(buf, sizeof buf, "%.60f", std::fabs(x));
  std::string digits(buf);
  const std::size_t dot = digits.find('.');
  std::string kept = digits.substr(0, dot) + digits.substr(dot + 1, 2);  // integer part + 2 decimals
  const bool round_up = digits[dot + 3] >= '5';
  if (round_up) {
    std::size_t i = kept.size();
    while (i > 0) {
      --i;
      if (kept[i] == '9') {
        kept[i] = '0';
      } else {
        ++kept[i];
        break;
      }
      if (i == 0) kept.insert(kept.begin(), '1');
    }
  }
  std::string out = kept.substr(0, kept.size() - 2) + "." + kept.substr(kept.size() - 2);
  return negative ? "-" + out : out;
}

absl::StatusOr<ecoindex_result> ecoindex(double dom, double requests, double size_kb, flavour f,
                                         const ecoindex_tables& tables) {
  if (absl::Status s = check_input("dom", dom); !s.ok()) return s;
  if (absl::Status s = check_input("requests", requests); !s.ok()) return s;
  if (absl::Status s = check_input("size_kb", size_kb); !s.ok()) return s;
  if (&tables == &ecoindex_tables::builtin()) {
    static const padded_tables builtin_padded(ecoindex_tables::builtin());
    return compute(dom, requests, size_kb, f, tables, builtin_padded);
  }
  return compute(dom, requests, size_kb, f, tables, padded_tables(tables));
}

absl::Status ecoindex(absl::Span<const double> dom, absl::Span<const double> requests, absl::Span<const double> size_kb,
                      flavour f, absl::Span<double> score, absl::Span<char> grade_out, absl::Span<double> ghg_g,
                      absl::Span<double> water_cl, const ecoindex_tables& tables) {
  const std::size_t n = dom.size();
  if (requests.size() != n || size_kb.size() != n || score.size() != n || grade_out.size() != n || ghg_g.size() != n ||
      water_cl.size() != n) {
    return absl::InvalidArgumentError(
        absl::StrCat("ecoindex: dom, requests and size_kb must have the same length; got ", n, ", ", requests.size(),
                     ", ", size_kb.size()));
  }
  const padded_tables padded(tables);
  bool valid = true;
  for (std::size_t i = 0; i < n; ++i) {
    valid = valid && dom[i] >= 0 && requests[i] >= 0 && size_kb[i] >= 0 && std::isfinite(dom[i]) &&
            std::isfinite(requests[i]) && std::isfinite(size_kb[i]);
    const ecoindex_result r = compute(dom[i], requests[i], size_kb[i], f, tables, padded);
    score[i] = r.score;
    grade_out[i] = r.grade;
    ghg_g[i] = r.ghg_g;
    water_cl[i] = r.water_cl;
  }
  if (!valid) {
    for (std::size_t i = 0; i < n; ++i) {
      if (absl::Status s = check_input("dom", dom[i], i); !s.ok()) return s;
      if (absl::Status s = check_input("requests", requests[i], i); !s.ok()) return s;
      if (absl::Status s = check_input("size_kb", size_kb[i], i); !s.ok()) return s;
    }
  }
  return absl::OkStatus();
}

}  // namespace numresp::web
