#include "numresp/inclusion/coverage.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <numeric>
#include <queue>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"

namespace numresp::inclusion {
namespace {

constexpr double kDegree = 3.14159265358979323846 / 180.0;

absl::Status check_weights(absl::Span<const double> w, std::size_t n) {
  if (w.empty()) return absl::OkStatus();
  if (w.size() != n) {
    return absl::InvalidArgumentError(absl::StrCat("weights has ", w.size(), " values for ", n, " demand points"));
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (!(std::isfinite(w[i]) && w[i] >= 0)) {
      return absl::InvalidArgumentError(absl::StrCat("weights[", i, "] must be finite and >= 0; got ", w[i]));
    }
  }
  return absl::OkStatus();
}

double weight_of(absl::Span<const double> w, std::size_t i) noexcept { return w.empty() ? 1.0 : w[i]; }

// The candidates covering each demand point not covered by the existing sites, as lists per
// candidate (CSR), and the state the algorithms share.
struct siting_state {
  std::vector<double> weight;          // per demand point (0 when covered by existing sites)
  std::vector<std::uint32_t> offsets;  // per candidate: [offsets[j], offsets[j + 1])
  std::vector<std::uint32_t> demand;   // demand indices
  double initial = 0;
  double total = 0;
};

absl::StatusOr<siting_state> prepare(const siting_problem& p) {
  if (absl::Status s = check_points(p.demand_lon, p.demand_lat, "demand"); !s.ok()) return s;
  if (absl::Status s = check_points(p.candidate_lon, p.candidate_lat, "candidates"); !s.ok()) return s;
  if (absl::Status s = check_points(p.existing_lon, p.existing_lat, "existing"); !s.ok()) return s;
  const std::size_t n = p.demand_lon.size();
  if (absl::Status s = check_weights(p.weights, n); !s.ok()) return s;
  absl::StatusOr<point_index> candidates = point_index::create(p.candidate_lon, p.candidate_lat, p.radius_m);
  if (!candidates.ok()) return candidates.status();
  absl::StatusOr<point_index> existing = point_index::create(p.existing_lon, p.existing_lat, p.radius_m);
  if (!existing.ok()) return existing.status();
  if (n >= std::numeric_limits<std::uint32_t>::max()) {
    return absl::InvalidArgumentError(absl::StrCat("too many demand points: ", n));
  }
  siting_state st;
  st.weight.resize(n);
  const std::size_t m = p.candidate_lon.size();
  std::vector<std::uint32_t> count(m + 1, 0);
  std::vector<std::array<double, 3>> u(n);
  std::vector<std::uint8_t> open(n, 0);
  for (std::size_t i = 0; i < n; ++i) {
    const double w = weight_of(p.weights, i);
    st.total += w;
    u[i] = point_index::unit_vector(p.demand_lon[i], p.demand_lat[i]);
    if (existing->size() > 0 && existing->any_within(u[i])) {
      st.initial += w;
      continue;
    }
    st.weight[i] = w;
    open[i] = 1;
    candidates->for_each_within(u[i], [&](std::size_t j) { ++count[j + 1]; });
  }
  std::partial_sum(count.begin(), count.end(), count.begin());
  st.offsets = count;
  st.demand.resize(count[m]);
  std::vector<std::uint32_t> fill(count.begin(), count.end() - 1);
  for (std::size_t i = 0; i < n; ++i) {
    if (!open[i]) continue;
    candidates->for_each_within(u[i], [&](std::size_t j) { st.demand[fill[j]++] = static_cast<std::uint32_t>(i); });
  }
  // Demand indices in increasing order within each candidate (deterministic sums).
  for (std::size_t j = 0; j < m; ++j) {
    std::sort(st.demand.begin() + st.offsets[j], st.demand.begin() + st.offsets[j + 1]);
  }
  return st;
}

double gain(const siting_state& st, const std::vector<std::uint8_t>& covered, std::size_t j) {
  double g = 0;
  for (std::uint32_t k = st.offsets[j]; k < st.offsets[j + 1]; ++k) {
    const std::uint32_t i = st.demand[k];
    if (!covered[i]) g += st.weight[i];
  }
  return g;
}

void cover(const siting_state& st, std::vector<std::uint8_t>& covered, std::size_t j) {
  for (std::uint32_t k = st.offsets[j]; k < st.offsets[j + 1]; ++k) covered[st.demand[k]] = 1;
}

}  // namespace

double great_circle_m(double lon1, double lat1, double lon2, double lat2) noexcept {
  const double p1 = lat1 * kDegree;
  const double p2 = lat2 * kDegree;
  const double dp = (lat2 - lat1) * kDegree;
  const double dl = (lon2 - lon1) * kDegree;
  const double a =
      std::sin(dp / 2) * std::sin(dp / 2) + std::cos(p1) * std::cos(p2) * std::sin(dl / 2) * std::sin(dl / 2);
  return 2 * earth_radius_m * std::asin(std::min(1.0, std::sqrt(a)));
}

std::array<double, 3> point_index::unit_vector(double lon, double lat) noexcept {
  const double l = lon * kDegree;
  const double p = lat * kDegree;
  return {std::cos(p) * std::cos(l), std::cos(p) * std::sin(l), std::sin(p)};
}

absl::Status check_points(absl::Span<const double> lon, absl::Span<const double> lat, const char* what) {
  if (lon.size() != lat.size()) {
    return absl::InvalidArgumentError(
        absl::StrCat(what, ": ", lon.size(), " longitudes but ", lat.size(), " latitudes"));
  }
  for (std::size_t i = 0; i < lon.size(); ++i) {
    if (!(std::isfinite(lon[i]) && lon[i] >= -180 && lon[i] <= 360)) {
      return absl::InvalidArgumentError(
          absl::StrCat(what, "[", i, "]: longitude must be in [-180, 360] degrees; got ", lon[i]));
    }
    if (!(std::isfinite(lat[i]) && lat[i] >= -90 && lat[i] <= 90)) {
      return absl::InvalidArgumentError(
          absl::StrCat(what, "[", i, "]: latitude must be in [-90, 90] degrees; got ", lat[i]));
    }
  }
  return absl::OkStatus();
}

point_index::cell_key point_index::key_of(const std::array<double, 3>& u) const noexcept {
  return {static_cast<std::int32_t>(std::floor(u[0] / cell_)), static_cast<std::int32_t>(std::floor(u[1] / cell_)),
          static_cast<std::int32_t>(std::floor(u[2] / cell_))};
}

absl::StatusOr<point_index> point_index::create(absl::Span<const double> lon, absl::Span<const double> lat,
                                                double radius_m) {
  if (!(std::isfinite(radius_m) && radius_m >= 0.1 && radius_m <= 2e7)) {
    return absl::InvalidArgumentError(absl::StrCat("radius_m must be in [0.1, 20,000,000] m; got ", radius_m));
  }
  if (absl::Status s = check_points(lon, lat, "sites"); !s.ok()) return s;
  if (lon.size() >= std::numeric_limits<std::uint32_t>::max()) {
    return absl::InvalidArgumentError(absl::StrCat("too many sites: ", lon.size()));
  }
  point_index out;
  out.radius_m_ = radius_m;
  const double chord = 2 * std::sin(std::min(radius_m / earth_radius_m, 3.14159265358979323846) / 2);
  out.chord2_ = chord * chord;
  // Cells of twice the chord: a query ball spans at most 2 cells per axis (8 lookups).
  out.cell_ = std::max(2 * chord, 1e-9);
  const std::size_t n = lon.size();
  std::vector<std::array<double, 3>> xyz(n);
  std::vector<cell_key> keys(n);
  std::vector<std::uint32_t> order(n);
  for (std::size_t i = 0; i < n; ++i) {
    xyz[i] = unit_vector(lon[i], lat[i]);
    keys[i] = out.key_of(xyz[i]);
    order[i] = static_cast<std::uint32_t>(i);
  }
  std::sort(order.begin(), order.end(),
            [&](std::uint32_t a, std::uint32_t b) { return keys[a] != keys[b] ? keys[a] < keys[b] : a < b; });
  out.xyz_.resize(n);
  out.original_.resize(n);
  for (std::size_t k = 0; k < n; ++k) {
    out.xyz_[k] = xyz[order[k]];
    out.original_[k] = order[k];
  }
  std::size_t begin = 0;
  while (begin < n) {
    std::size_t end = begin + 1;
    while (end < n && keys[order[end]] == keys[order[begin]]) ++end;
    out.cells_.emplace(keys[order[begin]],
                       std::make_pair(static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(end)));
    begin = end;
  }
  return out;
}

bool point_index::any_within(const std::array<double, 3>& u) const noexcept {
  return visit(u, [](std::uint32_t) { return true; });
}

absl::StatusOr<coverage_result> coverage(absl::Span<const double> demand_lon, absl::Span<const double> demand_lat,
                                         absl::Span<const double> weights, absl::Span<const double> site_lon,
                                         absl::Span<const double> site_lat, double radius_m,
                                         absl::Span<std::uint8_t> covered) {
  if (absl::Status s = check_points(demand_lon, demand_lat, "demand"); !s.ok()) return s;
  const std::size_t n = demand_lon.size();
  if (absl::Status s = check_weights(weights, n); !s.ok()) return s;
  if (!covered.empty() && covered.size() != n) {
    return absl::InvalidArgumentError(absl::StrCat("covered has ", covered.size(), " slots for ", n, " points"));
  }
  absl::StatusOr<point_index> sites = point_index::create(site_lon, site_lat, radius_m);
  if (!sites.ok()) return sites.status();
  coverage_result r;
  r.points = n;
  for (std::size_t i = 0; i < n; ++i) {
    const double w = weight_of(weights, i);
    r.total_weight += w;
    const bool in = sites->size() > 0 && sites->any_within(point_index::unit_vector(demand_lon[i], demand_lat[i]));
    if (!covered.empty()) covered[i] = in ? 1 : 0;
    if (in) {
      r.covered_weight += w;
      ++r.covered_points;
    }
  }
  r.share = r.total_weight > 0 ? r.covered_weight / r.total_weight : 0.0;
  return r;
}

absl::StatusOr<siting_result> site_greedy(const siting_problem& problem, std::size_t k) {
  absl::StatusOr<siting_state> st = prepare(problem);
  if (!st.ok()) return st.status();
  const std::size_t m = problem.candidate_lon.size();
  siting_result r;
  r.initial_weight = st->initial;
  r.total_weight = st->total;
  std::vector<std::uint8_t> covered(st->weight.size(), 0);
  // Max-heap of (stale gain, -index): ties to the lower index.
  using entry = std::pair<double, std::int64_t>;
  std::priority_queue<entry> heap;
  for (std::size_t j = 0; j < m; ++j) {
    heap.emplace(gain(*st, covered, j), -static_cast<std::int64_t>(j));
    ++r.evaluations;
  }
  std::vector<std::uint8_t> taken(m, 0);
  double covered_weight = st->initial;
  while (r.chosen.size() < k && !heap.empty()) {
    const entry top = heap.top();
    heap.pop();
    const auto j = static_cast<std::size_t>(-top.second);
    const double fresh = gain(*st, covered, j);
    ++r.evaluations;
    // Stale: put it back unless it still beats the next one (ties to the lower index).
    if (!heap.empty() && (fresh < heap.top().first || (fresh == heap.top().first && heap.top().second > top.second))) {
      heap.emplace(fresh, top.second);
      continue;
    }
    if (fresh <= 0) break;  // nothing left to cover
    taken[j] = 1;
    cover(*st, covered, j);
    covered_weight += fresh;
    r.chosen.push_back(j);
    r.curve.push_back(covered_weight);
  }
  return r;
}

absl::StatusOr<siting_result> site_exact(const siting_problem& problem, std::size_t k, std::size_t max_nodes) {
  absl::StatusOr<siting_state> prepared = prepare(problem);
  if (!prepared.ok()) return prepared.status();
  const siting_state& st = *prepared;
  const std::size_t m = problem.candidate_lon.size();
  const std::size_t picks = std::min(k, m);
  // Candidates in decreasing order of their gain alone: good solutions first.
  std::vector<std::uint8_t> none(st.weight.size(), 0);
  std::vector<std::size_t> order(m);
  std::vector<double> alone(m);
  for (std::size_t j = 0; j < m; ++j) {
    order[j] = j;
    alone[j] = gain(st, none, j);
  }
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return alone[a] > alone[b]; });

  // Incumbent: the greedy's answer.
  absl::StatusOr<siting_result> greedy = site_greedy(problem, picks);
  if (!greedy.ok()) return greedy.status();
  double best = greedy->curve.empty() ? st.initial : greedy->curve.back();
  std::vector<std::size_t> best_set = greedy->chosen;

  std::vector<std::uint32_t> times_covered(st.weight.size(), 0);
  std::vector<std::size_t> current;
  double value = st.initial;
  std::size_t nodes = 0;
  bool exhausted = false;
  std::vector<double> gains;
  // Depth-first: at position `from` in `order`, choose among the remaining candidates.
  auto marginal = [&](std::size_t j) {
    double g = 0;
    for (std::uint32_t q = st.offsets[j]; q < st.offsets[j + 1]; ++q) {
      const std::uint32_t i = st.demand[q];
      if (times_covered[i] == 0) g += st.weight[i];
    }
    return g;
  };
  auto add = [&](std::size_t j, int delta) {
    for (std::uint32_t q = st.offsets[j]; q < st.offsets[j + 1]; ++q) {
      const std::uint32_t i = st.demand[q];
      if (delta > 0) {
        if (times_covered[i]++ == 0) value += st.weight[i];
      } else if (--times_covered[i] == 0) {
        value -= st.weight[i];
      }
    }
  };
  auto search = [&](auto& self, std::size_t from) -> void {
    if (exhausted) return;
    if (++nodes > max_nodes) {
      exhausted = true;
      return;
    }
    if (value > best + 1e-12 * std::max(1.0, best)) {
      best = value;
      best_set = current;
    }
    if (current.size() == picks || from >= m) return;
    // Bound: value + the (picks − chosen) largest marginal gains among the rest.
    gains.clear();
    for (std::size_t q = from; q < m; ++q) gains.push_back(marginal(order[q]));
    const std::size_t room = std::min(picks - current.size(), gains.size());
    std::partial_sort(gains.begin(), gains.begin() + static_cast<std::ptrdiff_t>(room), gains.end(),
                      std::greater<double>());
    double bound = value;
    for (std::size_t q = 0; q < room; ++q) bound += gains[q];
    if (bound <= best + 1e-12 * std::max(1.0, best)) return;
    for (std::size_t q = from; q < m; ++q) {
      const std::size_t j = order[q];
      current.push_back(j);
      add(j, +1);
      self(self, q + 1);
      add(j, -1);
      current.pop_back();
      if (exhausted) return;
    }
  };
  search(search, 0);
  if (exhausted) {
    return absl::OutOfRangeError(absl::StrCat(
        "site_exact: more than ", max_nodes, " nodes for ", m, " candidates and k = ", k, "; best found so far covers ",
        best, " of ", st.total, " (greedy: ", greedy->curve.empty() ? st.initial : greedy->curve.back(), ")"));
  }
  // Report the optimal set in greedy order, with its curve.
  siting_result r;
  r.initial_weight = st.initial;
  r.total_weight = st.total;
  r.evaluations = nodes;
  r.optimal = true;
  std::vector<std::uint8_t> covered(st.weight.size(), 0);
  std::vector<std::size_t> rest = best_set;
  double running = st.initial;
  while (!rest.empty()) {
    std::size_t best_q = 0;
    double best_gain = -1;
    for (std::size_t q = 0; q < rest.size(); ++q) {
      const double g = gain(st, covered, rest[q]);
      if (g > best_gain || (g == best_gain && rest[q] < rest[best_q])) {
        best_gain = g;
        best_q = q;
      }
    }
    cover(st, covered, rest[best_q]);
    running += best_gain;
    r.chosen.push_back(rest[best_q]);
    r.curve.push_back(running);
    rest.erase(rest.begin() + static_cast<std::ptrdiff_t>(best_q));
  }
  return r;
}

}  // namespace numresp::inclusion
