// Internal to numresp_inclusion's composite sources: the random generator of the Monte Carlo,
// percentiles, messages and the steps shared by composite() and composite_uncertainty().
#ifndef NUMRESP_SRC_INCLUSION_COMPOSITE_INTERNAL_HPP_
#define NUMRESP_SRC_INCLUSION_COMPOSITE_INTERNAL_HPP_

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "numresp/inclusion/composite.hpp"

namespace numresp::inclusion::composite_detail {

/// xoshiro256** (Blackman & Vigna) seeded by SplitMix64: the same numbers on every platform.
class random_generator {
 public:
  explicit random_generator(std::uint64_t seed) noexcept {
    std::uint64_t x = seed;
    for (std::uint64_t& word : s_) {
      x += 0x9e3779b97f4a7c15ULL;
      std::uint64_t z = x;
      z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
      z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
      word = z ^ (z >> 31);
    }
  }

  std::uint64_t next() noexcept {
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

  /// Uniform in [0, 1), 53 random bits.
  double uniform() noexcept { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

  /// Uniform index in [0, n), n > 0 (multiply-shift on 32 bits; bias < n / 2^32).
  std::size_t index(std::size_t n) noexcept {
    const std::uint64_t r = next() >> 32;
    return static_cast<std::size_t>((r * static_cast<std::uint64_t>(n)) >> 32);
  }

  /// Standard normal (Marsaglia's polar method, one value per call).
  double normal() noexcept {
    for (;;) {
      const double u = 2 * uniform() - 1;
      const double v = 2 * uniform() - 1;
      const double s = u * u + v * v;
      if (s > 0 && s < 1) return u * std::sqrt(-2 * std::log(s) / s);
    }
  }

  /// Gamma(shape, 1), shape > 0 (Marsaglia & Tsang 2000; shape < 1 boosted by U^(1/shape)).
  double gamma(double shape) noexcept {
    if (shape < 1) {
      const double u = uniform();
      return gamma(shape + 1) * std::pow(u > 0 ? u : 0x1.0p-53, 1 / shape);
    }
    const double d = shape - 1.0 / 3;
    const double c = 1 / std::sqrt(9 * d);
    for (;;) {
      double x = 0;
      double v = 0;
      do {
        x = normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const double u = uniform();
      if (u < 1 - 0.0331 * (x * x) * (x * x)) return d * v;
      if (u > 0 && std::log(u) < 0.5 * x * x + d * (1 - v + std::log(v))) return d * v;
    }
  }

 private:
  static std::uint64_t rotl(std::uint64_t x, int k) noexcept { return (x << k) | (x >> (64 - k)); }
  std::array<std::uint64_t, 4> s_{};
};

/// The p-th percentile (p in [0, 100]) of sorted values, linear interpolation (numpy's default).
double percentile_sorted(absl::Span<const double> sorted, double p) noexcept;

/// "unit 'name' (row 3)" or "row 3".
std::string unit_label(const indicator_table& table, std::size_t unit);

/// "mean, median" from a list of names.
std::string join_names(absl::Span<const std::string> names);

/// The table and specs checked, the missing rule applied.
struct prepared_input {
  std::size_t units = 0;
  std::size_t indicators = 0;
  std::vector<double> values;           ///< units × indicators, imputed under impute_mean (else NaN kept)
  std::vector<unsigned char> observed;  ///< units × indicators: 1 = the raw value is not NaN
  std::vector<double> weights;          ///< the specs' weights
};

/// Checks the table (sizes, finite-or-NaN values, names), the specs and the options, then
/// applies the missing rule to the indicators of positive weight.
absl::StatusOr<prepared_input> prepare(const indicator_table& table, absl::Span<const indicator_spec> indicators,
                                       const composite_options& options);

/// Normalises every column of positive weight with `method` (NaN columns for weight 0).
absl::StatusOr<std::vector<double>> normalise_columns(const prepared_input& in,
                                                      absl::Span<const indicator_spec> indicators, normalisation method,
                                                      const composite_options& options);

/// Scores of one configuration.
struct scored_units {
  std::vector<double> score;
  std::vector<double> coverage;
  std::vector<std::size_t> flagged;
  double shift = 0;
};

/// Aggregates `normalised` (units × indicators) with `weights` (0 = not used; at least one > 0)
/// per unit: coverage, threshold, non-positive rule, weights renormalised over the available
/// indicators.
absl::Status score_units(const prepared_input& in, absl::Span<const double> normalised,
                         absl::Span<const double> weights, aggregation method, double min_coverage,
                         non_positive_rule non_positive, const indicator_table& table,
                         absl::Span<const indicator_spec> indicators, scored_units* out);

}  // namespace numresp::inclusion::composite_detail

#endif  // NUMRESP_SRC_INCLUSION_COMPOSITE_INTERNAL_HPP_
