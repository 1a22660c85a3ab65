#include "numresp/devices/uncertainty.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"

namespace numresp::devices {
namespace {

constexpr std::size_t index_of(criterion c) noexcept { return static_cast<std::size_t>(c); }

std::uint64_t splitmix64(std::uint64_t& state) noexcept {
  std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

constexpr std::uint64_t rotl(std::uint64_t x, int k) noexcept { return (x << k) | (x >> (64 - k)); }

absl::Status check_draws(const monte_carlo_options& o) {
  if (o.draws >= 1 && o.draws <= 100000000) return absl::OkStatus();
  return absl::InvalidArgumentError(absl::StrCat("monte_carlo: draws must be in [1, 10^8]; got ", o.draws));
}

// A sampled input: a triangular (low, mode, high), or a constant when low == high.
struct input {
  double low = 0;
  double mode = 0;
  double high = 0;
  [[nodiscard]] bool fixed() const noexcept { return low == high; }
  double draw(random_source& rng) const noexcept { return fixed() ? mode : triangular(low, mode, high, rng.uniform()); }
};

input from(const estimate<double>& e) noexcept { return {e.low(), e.value(), e.high()}; }

distribution_summary summarise(std::vector<double>& draws, bool keep) {
  distribution_summary s;
  double sum = 0;
  for (double d : draws) sum += d;
  s.mean = sum / static_cast<double>(draws.size());
  std::vector<double> sorted = draws;
  std::sort(sorted.begin(), sorted.end());
  s.p5 = percentile_sorted(sorted, 5);
  s.p50 = percentile_sorted(sorted, 50);
  s.p95 = percentile_sorted(sorted, 95);
  s.min = sorted.front();
  s.max = sorted.back();
  if (keep) s.draws = std::move(draws);
  return s;
}

}  // namespace

random_source::random_source(std::uint64_t seed) noexcept {
  std::uint64_t state = seed;
  for (auto& word : s_) word = splitmix64(state);
}

std::uint64_t random_source::next() noexcept {
  const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
  const std::uint64_t t = s_[1] << 17;
  s_[2] ^= s_[0];
  s_[3] ^= s_[1];
  s_[1] ^= s_[2];
  s_[0] ^= s_[3];
  s_[2] ^= t;
  s_[3] = rotl(s_[3], 45);
  return result;
}

double triangular(double low, double mode, double high, double u) noexcept {
  if (!(high > low)) return mode;
  const double width = high - low;
  const double split = (mode - low) / width;
  if (u < split) return low + std::sqrt(u * width * (mode - low));
  return high - std::sqrt((1.0 - u) * width * (high - mode));
}

double percentile_sorted(absl::Span<const double> sorted, double p) noexcept {
  if (sorted.empty()) return 0.0;
  const double position = p / 100.0 * static_cast<double>(sorted.size() - 1);
  const auto below = static_cast<std::size_t>(std::floor(position));
  const std::size_t above = std::min(below + 1, sorted.size() - 1);
  const double t = position - static_cast<double>(below);
  return sorted[below] + (sorted[above] - sorted[below]) * t;
}

absl::StatusOr<monte_carlo_result> monte_carlo(const catalog& catalog, const device_query& query,
                                               const monte_carlo_options& options) {
  if (absl::Status s = check_draws(options); !s.ok()) return s;
  absl::StatusOr<device_result> base = evaluate(catalog, query);
  if (!base.ok()) return base.status();
  absl::StatusOr<std::size_t> a = catalog.find(query.kind, query.variant);
  if (!a.ok()) return a.status();
  const archetype& type = catalog.archetypes()[*a];

  monte_carlo_result out;
  out.draws = options.draws;
  out.seed = options.seed;
  random_source rng(options.seed);
  const input power = base->power_w ? from(*base->power_w) : input{};
  std::array<input, 4> embedded{};
  std::array<input, 4> grid{};
  for (criterion c : all_criteria) {
    const std::size_t i = index_of(c);
    if (type.embedded[i]) embedded[i] = from(*type.embedded[i]);
    if (base->at(c).electricity_factor) grid[i] = from(*base->at(c).electricity_factor);
  }
  std::array<std::array<std::vector<double>, 3>, 4> draws;
  for (criterion c : all_criteria) {
    const std::size_t i = index_of(c);
    for (std::size_t part = 0; part < 3; ++part) draws[i][part].reserve(options.draws);
  }
  const double hours = base->use_time_ratio * base->duration_hours;
  for (std::size_t d = 0; d < options.draws; ++d) {
    // Draw order is fixed: power, then per criterion embedded and electricity.
    const double p = power.draw(rng);
    for (criterion c : all_criteria) {
      const std::size_t i = index_of(c);
      const criterion_result& r = base->at(c);
      const double e = embedded[i].draw(rng);
      const double f = grid[i].draw(rng);
      const double emb = e * base->allocation;
      const double use = f * (p / 1000) * hours;
      if (r.embedded) draws[i][0].push_back(emb);
      if (r.use) draws[i][1].push_back(use);
      if (r.embedded && r.use) draws[i][total_part].push_back(emb + use);
    }
  }
  for (criterion c : all_criteria) {
    const std::size_t i = index_of(c);
    for (std::size_t part = 0; part < 3; ++part) {
      if (!draws[i][part].empty()) out.figure[i][part] = summarise(draws[i][part], options.keep_draws);
    }
  }
  return out;
}

absl::StatusOr<monte_carlo_result> monte_carlo(const fleet& fleet, int year, const monte_carlo_options& options) {
  if (absl::Status s = check_draws(options); !s.ok()) return s;
  const catalog& cat = fleet.catalog_ref();
  const std::vector<archetype>& types = cat.archetypes();
  const std::size_t na = types.size();
  const std::size_t nl = cat.electricity().size() + 1;
  const fleet_footprint fp = fleet.footprint(year);

  // Coefficients, so that a draw costs O(archetypes × locations), not O(rows):
  //   embedded = Σ_a E_a (new_a + R_a refurb_a),  new_a = Σ n s (1 − f) / L,  refurb_a = Σ n s f / L
  //   use      = Σ_{a,l} F_l (P_a own_al + fixed_al),  own: rows with the archetype's power
  std::vector<double> new_coef(na, 0.0), refurb_coef(na, 0.0);
  std::vector<double> own(na * nl, 0.0), fixed(na * nl, 0.0);
  for (std::size_t i = 0; i < fleet.size(); ++i) {
    const double s = fleet.in_service(i, year);
    if (s == 0) continue;
    const fleet::row_view r = fleet.row(i);
    const double k = r.count * s / r.lifetime_years;
    new_coef[r.archetype] += k * (1.0 - r.refurbished);
    refurb_coef[r.archetype] += k * r.refurbished;
    const std::size_t slot = r.archetype * nl + static_cast<std::size_t>(r.location + 1);
    const double hours = r.count * s * hours_per_year * r.use_time_ratio / 1000.0;
    if (!r.power_known) continue;
    if (!r.power_overridden) {
      own[slot] += hours;
    } else {
      fixed[slot] += hours * r.power_w.value();
    }
  }
  struct active_slot {
    std::size_t archetype;
    std::size_t location;
    double own;
    double fixed;
  };
  std::vector<active_slot> slots;
  for (std::size_t a = 0; a < na; ++a) {
    for (std::size_t l = 0; l < nl; ++l) {
      const std::size_t slot = a * nl + l;
      if (own[slot] != 0 || fixed[slot] != 0) slots.push_back({a, l, own[slot], fixed[slot]});
    }
  }
  std::vector<input> power(na), refurb(na);
  std::vector<std::array<input, 4>> embedded(na);
  for (std::size_t a = 0; a < na; ++a) {
    if (types[a].power_w) power[a] = from(*types[a].power_w);
    refurb[a] = from(fleet.refurbishment_share(a));
    for (criterion c : all_criteria) {
      if (types[a].embedded[index_of(c)]) embedded[a][index_of(c)] = from(*types[a].embedded[index_of(c)]);
    }
  }
  std::vector<std::array<input, 4>> grid(nl);
  for (std::size_t l = 0; l < nl; ++l) {
    for (criterion c : all_criteria) {
      if (auto g = fleet.electricity(static_cast<std::int32_t>(l) - 1, c)) grid[l][index_of(c)] = from(*g);
    }
  }

  monte_carlo_result out;
  out.draws = options.draws;
  out.seed = options.seed;
  std::array<std::array<std::vector<double>, 3>, 4> draws;
  std::array<bool, 4> emb_ok{}, use_ok{};
  for (criterion c : all_criteria) {
    const std::size_t i = index_of(c);
    emb_ok[i] = fp.total.at(c, device_phase::embedded).has_value();
    use_ok[i] = fp.total.at(c, device_phase::use).has_value();
    for (std::size_t part = 0; part < 3; ++part) draws[i][part].reserve(options.draws);
  }
  random_source rng(options.seed);
  std::vector<double> p_draw(na), r_draw(na);
  std::vector<std::array<double, 4>> e_draw(na), g_draw(nl);
  for (std::size_t d = 0; d < options.draws; ++d) {
    // Draw order is fixed: per archetype power, refurbishment share, embedded per criterion; then
    // per location the electricity factor per criterion.
    for (std::size_t a = 0; a < na; ++a) {
      p_draw[a] = power[a].draw(rng);
      r_draw[a] = refurb[a].draw(rng);
      for (std::size_t c = 0; c < 4; ++c) e_draw[a][c] = embedded[a][c].draw(rng);
    }
    for (std::size_t l = 0; l < nl; ++l) {
      for (std::size_t c = 0; c < 4; ++c) g_draw[l][c] = grid[l][c].draw(rng);
    }
    for (std::size_t c = 0; c < 4; ++c) {
      double emb = 0;
      double use = 0;
      for (std::size_t a = 0; a < na; ++a) emb += e_draw[a][c] * (new_coef[a] + r_draw[a] * refurb_coef[a]);
      for (const active_slot& s : slots) use += g_draw[s.location][c] * (p_draw[s.archetype] * s.own + s.fixed);
      if (emb_ok[c]) draws[c][0].push_back(emb);
      if (use_ok[c]) draws[c][1].push_back(use);
      if (emb_ok[c] && use_ok[c]) draws[c][total_part].push_back(emb + use);
    }
  }
  for (std::size_t c = 0; c < 4; ++c) {
    for (std::size_t part = 0; part < 3; ++part) {
      if (!draws[c][part].empty()) out.figure[c][part] = summarise(draws[c][part], options.keep_draws);
    }
  }
  return out;
}

}  // namespace numresp::devices
