/// @file
/// `numresp::impact`: a multi-criteria environmental result, per criterion and per life-cycle
/// phase, each figure an @ref numresp::estimate.
///
/// Criteria (as in BoaviztAPI and the ADEME methods):
/// - `gwp`: global warming potential, a `units::co2e_mass`;
/// - `adpe`: abiotic resource depletion (elements), a `units::sb_eq_mass`;
/// - `pe`: primary energy, a `units::energy`;
/// - `water`: water use, a `units::water_volume`.
///
/// Phases: `manufacture`, `distribution`, `use`, `end_of_life`. "Embedded" impact is every phase
/// but `use`.
///
/// A phase that a model or a factor set cannot provide is *not assessed* (`std::nullopt`), never
/// zero. Sums are strict: the sum of two breakdowns assesses a phase only when both operands
/// assess it, so that a fleet total never passes off a missing figure as zero. Sum a collection
/// starting from @ref numresp::impact::zero.
#ifndef NUMRESP_CORE_IMPACT_HPP_
#define NUMRESP_CORE_IMPACT_HPP_

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "numresp/core/estimate.hpp"
#include "numresp/core/units.hpp"

namespace numresp {

/// An environmental impact criterion.
enum class criterion : std::uint8_t {
  gwp,    ///< climate change, g CO2e
  adpe,   ///< abiotic resource depletion (elements), g Sb-eq
  pe,     ///< primary energy, J
  water,  ///< water use, m3
};

/// A life-cycle phase.
enum class phase : std::uint8_t {
  manufacture,   ///< raw materials and manufacture
  distribution,  ///< transport to the user
  use,           ///< electricity while in use
  end_of_life,   ///< collection, treatment, disposal
};

/// Every criterion, in declaration order.
inline constexpr std::array<criterion, 4> all_criteria = {criterion::gwp, criterion::adpe, criterion::pe,
                                                          criterion::water};
/// Every phase, in declaration order.
inline constexpr std::array<phase, 4> all_phases = {phase::manufacture, phase::distribution, phase::use,
                                                    phase::end_of_life};

/// The short name of a criterion: "gwp", "adpe", "pe" or "water".
[[nodiscard]] absl::string_view to_string(criterion c) noexcept;
/// The name of a phase: "manufacture", "distribution", "use" or "end_of_life".
[[nodiscard]] absl::string_view to_string(phase p) noexcept;
/// The symbol of a criterion's canonical unit: "gCO2e", "gSbeq", "J" or "m3".
[[nodiscard]] absl::string_view canonical_unit_symbol(criterion c) noexcept;
/// The criterion named `name` (as @ref to_string spells it).
/// @return `kNotFound` naming the value and listing the known names.
[[nodiscard]] absl::StatusOr<criterion> parse_criterion(absl::string_view name);
/// The phase named `name` (as @ref to_string spells it).
/// @return `kNotFound` naming the value and listing the known names.
[[nodiscard]] absl::StatusOr<phase> parse_phase(absl::string_view name);
/// True for every phase but `use`.
[[nodiscard]] constexpr bool is_embedded(phase p) noexcept { return p != phase::use; }

/// One criterion's figures per phase; a phase is either assessed (an estimate) or not.
/// @tparam Q the criterion's quantity type.
template <class Q>
class phase_breakdown {
 public:
  /// The quantity type of every figure.
  using quantity_type = Q;
  /// An assessed figure, or `std::nullopt`.
  using figure = std::optional<estimate<Q>>;

  /// Nothing assessed.
  constexpr phase_breakdown() noexcept = default;

  /// Every phase assessed at exactly zero: the identity of `+`.
  [[nodiscard]] static phase_breakdown zero() noexcept {
    phase_breakdown b;
    for (auto& f : b.phases_) {
      f = estimate<Q>{};
    }
    return b;
  }

  /// The figure of phase `p`.
  [[nodiscard]] constexpr const figure& operator[](phase p) const noexcept { return phases_[index(p)]; }
  /// Sets the figure of phase `p`.
  void set(phase p, const estimate<Q>& e) noexcept { phases_[index(p)] = e; }
  /// Marks phase `p` as not assessed.
  void clear(phase p) noexcept { phases_[index(p)].reset(); }
  /// True when phase `p` is assessed.
  [[nodiscard]] constexpr bool has(phase p) const noexcept { return phases_[index(p)].has_value(); }
  /// True when at least one phase is assessed.
  [[nodiscard]] constexpr bool is_assessed() const noexcept {
    for (const auto& f : phases_) {
      if (f) return true;
    }
    return false;
  }

  /// Sum of the assessed phases; `std::nullopt` when none is.
  [[nodiscard]] figure total() const noexcept {
    return sum_if([](phase) { return true; });
  }
  /// Sum of the assessed embedded phases (all but `use`); `std::nullopt` when none is.
  [[nodiscard]] figure embedded() const noexcept { return sum_if(is_embedded); }

  /// Strict sum: a phase stays assessed only when it is assessed in both operands.
  phase_breakdown& operator+=(const phase_breakdown& other) noexcept {
    for (std::size_t i = 0; i < phases_.size(); ++i) {
      if (phases_[i] && other.phases_[i]) {
        *phases_[i] += *other.phases_[i];
      } else {
        phases_[i].reset();
      }
    }
    return *this;
  }
  /// Scales every assessed figure by `k` (e.g. a device count).
  phase_breakdown& operator*=(double k) noexcept {
    for (auto& f : phases_) {
      if (f) *f *= k;
    }
    return *this;
  }
  [[nodiscard]] friend phase_breakdown operator+(phase_breakdown a, const phase_breakdown& b) noexcept {
    return a += b;
  }
  [[nodiscard]] friend phase_breakdown operator*(phase_breakdown a, double k) noexcept { return a *= k; }
  [[nodiscard]] friend phase_breakdown operator*(double k, phase_breakdown a) noexcept { return a *= k; }
  [[nodiscard]] friend constexpr bool operator==(const phase_breakdown& a, const phase_breakdown& b) noexcept {
    for (std::size_t i = 0; i < a.phases_.size(); ++i) {
      if (a.phases_[i] != b.phases_[i]) return false;
    }
    return true;
  }
  [[nodiscard]] friend constexpr bool operator!=(const phase_breakdown& a, const phase_breakdown& b) noexcept {
    return !(a == b);
  }

 private:
  static constexpr std::size_t index(phase p) noexcept { return static_cast<std::size_t>(p); }

  template <class Predicate>
  figure sum_if(Predicate keep) const noexcept {
    figure sum;
    for (phase p : all_phases) {
      const figure& f = phases_[index(p)];
      if (!f || !keep(p)) continue;
      sum = sum ? *sum + *f : *f;
    }
    return sum;
  }

  std::array<figure, 4> phases_{};
};

/// A multi-criteria impact: one @ref phase_breakdown per criterion.
struct impact {
  phase_breakdown<units::co2e_mass> gwp;       ///< climate change [g CO2e]
  phase_breakdown<units::sb_eq_mass> adpe;     ///< abiotic resource depletion [g Sb-eq]
  phase_breakdown<units::energy> pe;           ///< primary energy [J]
  phase_breakdown<units::water_volume> water;  ///< water use [m3]

  /// Every criterion and phase assessed at exactly zero: the identity of `+`.
  [[nodiscard]] static impact zero() noexcept {
    return {phase_breakdown<units::co2e_mass>::zero(), phase_breakdown<units::sb_eq_mass>::zero(),
            phase_breakdown<units::energy>::zero(), phase_breakdown<units::water_volume>::zero()};
  }

  /// True when criterion `c` has at least one assessed phase.
  [[nodiscard]] constexpr bool is_assessed(criterion c) const noexcept {
    switch (c) {
      case criterion::gwp:
        return gwp.is_assessed();
      case criterion::adpe:
        return adpe.is_assessed();
      case criterion::pe:
        return pe.is_assessed();
      case criterion::water:
        return water.is_assessed();
    }
    return false;
  }

  /// Strict sum, criterion by criterion and phase by phase.
  impact& operator+=(const impact& other) noexcept {
    gwp += other.gwp;
    adpe += other.adpe;
    pe += other.pe;
    water += other.water;
    return *this;
  }
  /// Scales every assessed figure by `k`.
  impact& operator*=(double k) noexcept {
    gwp *= k;
    adpe *= k;
    pe *= k;
    water *= k;
    return *this;
  }
  [[nodiscard]] friend impact operator+(impact a, const impact& b) noexcept { return a += b; }
  [[nodiscard]] friend impact operator*(impact a, double k) noexcept { return a *= k; }
  [[nodiscard]] friend impact operator*(double k, impact a) noexcept { return a *= k; }
  [[nodiscard]] friend constexpr bool operator==(const impact& a, const impact& b) noexcept {
    return a.gwp == b.gwp && a.adpe == b.adpe && a.pe == b.pe && a.water == b.water;
  }
  [[nodiscard]] friend constexpr bool operator!=(const impact& a, const impact& b) noexcept { return !(a == b); }
};

}  // namespace numresp

#endif  // NUMRESP_CORE_IMPACT_HPP_
