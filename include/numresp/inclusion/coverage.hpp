/// @file
/// Coverage and siting of access points — free wifi hotspots, free-access computers, drop-in
/// places (methodology: docs/methodology/coverage):
///
/// - coverage: the share of a weighted population (e.g. a 200 m grid of inhabitants) within a
///   great-circle distance of at least one site;
/// - siting: the maximal covering location problem with existing sites kept — choose k new sites
///   among candidates to cover the most weight. @ref numresp::inclusion::site_greedy is the lazy
///   greedy algorithm (Minoux), which reaches at least 1 − 1/e of the optimum (coverage is
///   monotone submodular) and gives the coverage curve; @ref numresp::inclusion::site_exact is a
///   branch and bound for small instances, to measure the greedy's gap.
///
/// Points are (longitude, latitude) in degrees (WGS 84) on a sphere of radius
/// @ref numresp::inclusion::earth_radius_m. "Within r" is decided on the chord between the two
/// unit vectors (|u − v| <= 2 sin(r / 2R)), which is the great-circle test without
/// trigonometry per pair. A spatial hash of the sites (cells of twice that chord) makes a query
/// cost a few cell lookups whatever the number of sites.
#ifndef NUMRESP_INCLUSION_COVERAGE_HPP_
#define NUMRESP_INCLUSION_COVERAGE_HPP_

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/types/span.h"

namespace numresp::inclusion {

/// The mean radius of the Earth (IUGG), metres.
inline constexpr double earth_radius_m = 6371008.8;

/// Great-circle distance in metres between two (longitude, latitude) points in degrees
/// (haversine formula).
[[nodiscard]] double great_circle_m(double lon1, double lat1, double lon2, double lat2) noexcept;

/// Points as unit vectors, with a spatial hash for radius queries.
class point_index {
 public:
  /// Indexes the points (`lon[i]`, `lat[i]`) for queries within `radius_m`.
  /// @return `kInvalidArgument` naming the index of a longitude outside [-180, 360], a latitude
  ///         outside [-90, 90], a non-finite value, mismatched lengths, or a radius that is not
  ///         in [0.1 m, 20,000 km].
  [[nodiscard]] static absl::StatusOr<point_index> create(absl::Span<const double> lon, absl::Span<const double> lat,
                                                          double radius_m);

  /// Points indexed.
  [[nodiscard]] std::size_t size() const noexcept { return xyz_.size(); }
  /// The query radius [m].
  [[nodiscard]] double radius_m() const noexcept { return radius_m_; }

  /// True when some indexed point lies within the radius of the unit vector `u`.
  [[nodiscard]] bool any_within(const std::array<double, 3>& u) const noexcept;
  /// Calls `f(j)` for every indexed point j within the radius of `u` (any order).
  template <class F>
  void for_each_within(const std::array<double, 3>& u, F f) const {
    visit(u, [&](std::uint32_t j) {
      f(static_cast<std::size_t>(j));
      return false;
    });
  }

  /// The unit vector of a (longitude, latitude) point in degrees.
  [[nodiscard]] static std::array<double, 3> unit_vector(double lon, double lat) noexcept;

 private:
  point_index() = default;
  using cell_key = std::array<std::int32_t, 3>;
  [[nodiscard]] cell_key key_of(const std::array<double, 3>& u) const noexcept;

  // Calls f(original index) for points within the radius of u until f returns true; returns
  // whether it did.
  template <class F>
  bool visit(const std::array<double, 3>& u, F f) const {
    std::array<std::int32_t, 3> lo{};
    std::array<std::int32_t, 3> hi{};
    const double c = std::sqrt(chord2_);
    for (std::size_t a = 0; a < 3; ++a) {
      lo[a] = static_cast<std::int32_t>(std::floor((u[a] - c) / cell_));
      hi[a] = static_cast<std::int32_t>(std::floor((u[a] + c) / cell_));
    }
    for (std::int32_t x = lo[0]; x <= hi[0]; ++x) {
      for (std::int32_t y = lo[1]; y <= hi[1]; ++y) {
        for (std::int32_t z = lo[2]; z <= hi[2]; ++z) {
          auto it = cells_.find(cell_key{x, y, z});
          if (it == cells_.end()) continue;
          for (std::uint32_t j = it->second.first; j < it->second.second; ++j) {
            const std::array<double, 3>& v = xyz_[j];
            const double dx = u[0] - v[0];
            const double dy = u[1] - v[1];
            const double dz = u[2] - v[2];
            if (dx * dx + dy * dy + dz * dz <= chord2_ && f(original_[j])) return true;
          }
        }
      }
    }
    return false;
  }

  double radius_m_ = 0;
  double chord2_ = 0;                       // squared chord of the radius on the unit sphere
  double cell_ = 0;                         // cell size on the unit sphere
  std::vector<std::array<double, 3>> xyz_;  // points, sorted by cell
  std::vector<std::uint32_t> original_;     // original index of each sorted point
  absl::flat_hash_map<cell_key, std::pair<std::uint32_t, std::uint32_t>> cells_;  // cell → [begin, end)
};

/// Checks points given as parallel longitude / latitude spans.
/// @return `kInvalidArgument` naming `what`, the index and the value.
[[nodiscard]] absl::Status check_points(absl::Span<const double> lon, absl::Span<const double> lat, const char* what);

/// Covered population.
struct coverage_result {
  double covered_weight = 0;       ///< Σ w over points within the radius of a site
  double total_weight = 0;         ///< Σ w
  double share = 0;                ///< covered / total (0 when the total is 0)
  std::size_t covered_points = 0;  ///< points within the radius of a site
  std::size_t points = 0;          ///< points
};

/// The weight of the demand points within `radius_m` of at least one site. `weights` may be
/// empty (every point weighs 1); `covered`, when not empty, receives 1 for each covered point.
/// @return `kInvalidArgument` naming the argument and index of a bad point or weight (negative or
///         non-finite), or mismatched lengths.
[[nodiscard]] absl::StatusOr<coverage_result> coverage(absl::Span<const double> demand_lon,
                                                       absl::Span<const double> demand_lat,
                                                       absl::Span<const double> weights,
                                                       absl::Span<const double> site_lon,
                                                       absl::Span<const double> site_lat, double radius_m,
                                                       absl::Span<std::uint8_t> covered = {});

/// A siting problem: demand, candidates and existing sites.
struct siting_problem {
  absl::Span<const double> demand_lon;     ///< demand points' longitudes [degrees]
  absl::Span<const double> demand_lat;     ///< demand points' latitudes [degrees]
  absl::Span<const double> weights;        ///< demand weights (>= 0); empty = 1 each
  absl::Span<const double> candidate_lon;  ///< candidate sites' longitudes
  absl::Span<const double> candidate_lat;  ///< candidate sites' latitudes
  absl::Span<const double> existing_lon;   ///< sites kept (may be empty)
  absl::Span<const double> existing_lat;   ///< sites kept (may be empty)
  double radius_m = 0;                     ///< coverage radius [m]
};

/// New sites chosen and the coverage they reach.
struct siting_result {
  std::vector<std::size_t> chosen;  ///< candidate indices, in the order they were picked
  std::vector<double> curve;        ///< covered weight after each pick (existing sites included)
  double initial_weight = 0;        ///< weight covered by the existing sites alone
  double total_weight = 0;          ///< Σ w
  std::size_t evaluations = 0;      ///< marginal gains computed (lazy greedy) or nodes explored (exact)
  bool optimal = false;             ///< proven optimal (exact solver)
};

/// Lazy greedy maximal covering: `k` new sites (fewer when no candidate adds weight: the curve
/// then stops). Ties go to the lower candidate index.
/// @return `kInvalidArgument` for bad points, weights or radius (naming them).
[[nodiscard]] absl::StatusOr<siting_result> site_greedy(const siting_problem& problem, std::size_t k);

/// The optimal `k` new sites by branch and bound (bound: the covered weight plus the k − j
/// largest marginal gains, valid by submodularity). For small instances.
/// @return `kOutOfRange` when the search exceeds `max_nodes` nodes (the message says how far it
///         got), plus the errors of @ref site_greedy.
[[nodiscard]] absl::StatusOr<siting_result> site_exact(const siting_problem& problem, std::size_t k,
                                                       std::size_t max_nodes = 10000000);

}  // namespace numresp::inclusion

#endif  // NUMRESP_INCLUSION_COVERAGE_HPP_
