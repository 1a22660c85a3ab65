/// @file
/// One end-user device's life-cycle impacts: archetypes read from a factor set, the embedded
/// impact allocated over a duration and the use-phase electricity, per criterion, each as an
/// estimate (methodology: docs/methodology/devices).
///
///     embedded = E × min(duration / lifetime, 1)
///     use      = F × (P / 1000) × use_time_ratio × duration
///
/// with E the device's embedded factor [kg CO2e, kg Sb-eq, MJ or m3], P the average power [W],
/// F the electricity factor of the location [per kWh] and durations in hours. Low and high follow
/// BoaviztAPI 2.4.1: each bound is computed from the inputs' own bounds (power min/max; the
/// electricity factor's global range when no location is given; an explicit location or an
/// override is exact). With the `boavizta-2.4.1` factor set the figures equal BoaviztAPI's, to
/// the last bit, before its display rounding (see @ref numresp::devices::boaviztapi).
///
/// Figures are kept in the units the factor tables and BoaviztAPI report (kg CO2e, kg Sb-eq,
/// MJ, m3); @ref numresp::devices::device_result::get returns them as typed quantities.
///
///     auto catalog = numresp::devices::catalog::builtin("boavizta-2.4.1");
///     numresp::devices::device_query q{.kind = "laptop"};
///     auto r = numresp::devices::evaluate(**catalog, q);
///     // r->at(numresp::criterion::gwp).embedded->value() == 181.0 (kg CO2e, whole lifetime)
#ifndef NUMRESP_DEVICES_DEVICE_HPP_
#define NUMRESP_DEVICES_DEVICE_HPP_

#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "numresp/core/estimate.hpp"
#include "numresp/core/impact.hpp"
#include "numresp/core/units.hpp"
#include "numresp/factors/factor_set.hpp"

namespace numresp::devices {

/// The two phases BoaviztAPI reports: the embedded impact (manufacture, distribution and end of
/// life, allocated to the duration) and the use phase (electricity).
enum class device_phase : std::uint8_t {
  embedded,  ///< manufacture + distribution + end of life, allocated over the duration
  use,       ///< electricity drawn during the duration
};

/// "embedded" or "use".
[[nodiscard]] absl::string_view to_string(device_phase p) noexcept;

/// The unit device figures are reported in for a criterion: "kgCO2e", "kgSbeq", "MJ", "m3".
[[nodiscard]] absl::string_view report_unit(criterion c) noexcept;

/// The same unit as a Boost.Units quantity (1 kg CO2e, 1 kg Sb-eq, 1 MJ, 1 m3).
template <criterion C>
struct report_quantity;
template <>
struct report_quantity<criterion::gwp> {
  using type = units::co2e_mass;
  static type unit() noexcept { return units::kg_co2e; }
};
template <>
struct report_quantity<criterion::adpe> {
  using type = units::sb_eq_mass;
  static type unit() noexcept { return units::kg_sb_eq; }
};
template <>
struct report_quantity<criterion::pe> {
  using type = units::energy;
  static type unit() noexcept { return units::megajoule; }
};
template <>
struct report_quantity<criterion::water> {
  using type = units::water_volume;
  static type unit() noexcept { return units::cubic_metre; }
};

/// Hours in a (365-day) year, as BoaviztAPI and ADEME count lifetimes (4 years = 35,040 h).
inline constexpr double hours_per_year = 8760.0;

/// A device archetype: one kind and variant of one factor set, with its usage profile and
/// embedded factors.
struct archetype {
  std::string kind;                         ///< snake_case kind, as BoaviztAPI spells its routes: "laptop", "box", ...
  std::string variant;                      ///< "pro", "perso", "lcd", "default", an IoT archetype name, ...
  std::string upstream_id;                  ///< the source's own name, e.g. BoaviztAPI "laptop-pro"
  double lifetime_hours = 0;                ///< expected lifetime [h]
  double use_time_ratio = 0;                ///< share of the time the device is on, in [0, 1]
  std::optional<estimate<double>> power_w;  ///< average power when on [W] (value, min, max); none = no data

  /// Embedded factor per criterion (whole life cycle except use) [report unit]; none = the set
  /// cannot provide it (see @ref embedded_missing).
  std::array<std::optional<estimate<double>>, 4> embedded{};
  /// The same split by life-cycle phase where the source splits it (manufacture, distribution,
  /// end of life; indexed by @ref numresp::phase); empty when the source gives a single figure.
  std::array<std::array<std::optional<estimate<double>>, 4>, 4> embedded_phases{};
  /// For devices built from functional blocks (BoaviztAPI's IoT devices): each block's embedded
  /// figure per criterion (manufacture + end of life), which BoaviztAPI allocates block by block
  /// and then adds up. Empty for other devices.
  std::vector<std::array<double, 4>> blocks;
  /// Why a criterion's embedded factor is missing (empty when present).
  std::array<std::string, 4> embedded_missing{};
  /// Factor ids the embedded figures come from, for citations.
  std::vector<std::string> factor_ids;
  /// Notes that travel with every result of this archetype (e.g. the water indicator's nature).
  std::vector<std::string> notes;
};

/// The electricity factors of one location [report unit per kWh]; none = not in the set.
struct electricity_location {
  std::string code;                               ///< 3-letter code, upper case ("FRA", "EEE", "WOR", ...)
  std::string name;                               ///< readable name when the set gives one
  std::array<std::optional<double>, 4> factor{};  ///< per criterion [report unit per kWh]
  std::array<std::string, 4> factor_ids{};        ///< factor id per criterion (empty when none)
  /// Per criterion: the factor row's own (low, high) when it gives them (a set's row or an
  /// override with bounds) [report unit per kWh].
  std::array<std::optional<std::pair<double, double>>, 4> bounds{};
};

/// Adds `values` as CPython >= 3.12's `sum()` does (Neumaier's compensated summation, the
/// compensation added at the end), which BoaviztAPI's published image (Python 3.14) uses to add
/// IoT blocks.
[[nodiscard]] double python_sum(const std::vector<double>& values) noexcept;

/// The archetypes and electricity factors of one factor set, resolved once.
class catalog {
 public:
  /// Reads the archetypes and electricity factors of `set`. BoaviztAPI-shaped sets:
  /// `device.<kind>.<variant>.<criterion>.embedded`, `...power|lifetime|use_time_ratio`,
  /// `grid.<criterion>.<code>`; ADEME-shaped sets: `device.<kind>.<criterion>.<phase>`,
  /// `...power|lifetime|use_hours_per_day`.
  /// @return `kNotFound` when the set has no device archetype at all; `kInvalidArgument` for a
  ///         factor in a unit of the wrong dimension.
  [[nodiscard]] static absl::StatusOr<catalog> create(const factors::factor_set& set);

  /// The catalog of a built-in factor set (built once, then shared); the default set when
  /// `name` is empty.
  /// @return `kNotFound` listing the set names for an unknown name.
  [[nodiscard]] static absl::StatusOr<std::shared_ptr<const catalog>> builtin(absl::string_view name = {});

  /// The factor set's name.
  [[nodiscard]] const std::string& set_name() const noexcept { return set_name_; }
  /// The factor set the catalog was read from.
  [[nodiscard]] const factors::factor_set& set() const noexcept { return *set_; }

  /// Kinds in alphabetical order.
  [[nodiscard]] std::vector<std::string> kinds() const;
  /// Variants of a kind, the default first.
  /// @return `kNotFound` listing the kinds.
  [[nodiscard]] absl::StatusOr<std::vector<std::string>> variants(absl::string_view kind) const;
  /// All archetypes, sorted by kind then variant.
  [[nodiscard]] const std::vector<archetype>& archetypes() const noexcept { return archetypes_; }
  /// The archetype of `kind` and `variant` (the kind's default variant when empty), with its
  /// index in @ref archetypes.
  /// @return `kNotFound` listing the known kinds (or the kind's variants).
  [[nodiscard]] absl::StatusOr<std::size_t> find(absl::string_view kind, absl::string_view variant = {}) const;

  /// The default location: "EEE" (Europe) for sets carrying BoaviztAPI's global electricity
  /// range, "FRA" otherwise.
  [[nodiscard]] const std::string& default_location() const noexcept { return default_location_; }
  /// Known location codes, sorted.
  [[nodiscard]] std::vector<std::string> locations() const;
  /// The electricity factors of every known location, sorted by code.
  [[nodiscard]] const std::vector<electricity_location>& electricity() const noexcept { return electricity_; }
  /// The index in @ref electricity of a location code (case and surrounding blanks ignored).
  /// @return `kNotFound` listing the known codes.
  [[nodiscard]] absl::StatusOr<std::size_t> find_location(absl::string_view code) const;
  /// The global [min, max] of a criterion's electricity factor used when no location is given
  /// (none when the set has no range: the default location's value is then exact).
  [[nodiscard]] const std::optional<std::pair<double, double>>& electricity_range(criterion c) const noexcept {
    return range_[static_cast<std::size_t>(c)];
  }
  /// The refurbishment share of a kind: the share of a new device's embedded impact a
  /// refurbished one carries. Read from `refurbishment.<kind>.embedded_share`, else
  /// `refurbishment.default.embedded_share`.
  /// @return `kNotFound` naming both ids when the set has neither.
  [[nodiscard]] absl::StatusOr<estimate<double>> refurbishment_share(absl::string_view kind) const;

 private:
  catalog() = default;
  std::string set_name_;
  std::shared_ptr<const factors::factor_set> set_;
  std::vector<archetype> archetypes_;
  std::map<std::string, std::vector<std::size_t>, std::less<>> by_kind_;  // default variant first
  std::vector<electricity_location> electricity_;
  std::map<std::string, std::size_t, std::less<>> location_index_;
  std::string default_location_;
  std::array<std::optional<std::pair<double, double>>, 4> range_{};
};

/// Usage overrides, as BoaviztAPI's `usage` object: each replaces the archetype's value and is
/// exact (min = max = value).
struct usage_overrides {
  std::optional<double> power_w;         ///< average power when on [W], >= 0 (BoaviztAPI `avg_power`)
  std::optional<double> use_time_ratio;  ///< in [0, 1]
  std::optional<double> lifetime_hours;  ///< must be > 0 (BoaviztAPI `hours_life_time`)
  /// Electricity factor per criterion [report unit per kWh], >= 0 (BoaviztAPI `elec_factors`).
  std::array<std::optional<double>, 4> electricity_factor{};
};

/// What to evaluate.
struct device_query {
  std::string kind;                      ///< e.g. "laptop"
  std::string variant;                   ///< empty = the kind's default variant
  std::optional<std::string> location;   ///< 3-letter code; none = the catalog's default (with its range)
  std::optional<double> duration_hours;  ///< none = the lifetime; >= 0
  usage_overrides usage;                 ///< usage overrides
};

/// One criterion's figures for a device.
struct criterion_result {
  criterion which = criterion::gwp;          ///< the criterion
  std::optional<estimate<double>> embedded;  ///< [report unit]; none: see @ref embedded_missing
  std::optional<estimate<double>> use;       ///< [report unit]; none: see @ref use_missing
  std::string embedded_missing;              ///< why the embedded figure is missing
  std::string use_missing;                   ///< why the use figure is missing
  /// The embedded figure by life-cycle phase (manufacture, distribution, end of life), allocated
  /// like the total, where the set splits it.
  std::array<std::optional<estimate<double>>, 4> embedded_phases{};
  std::optional<estimate<double>> electricity_factor;  ///< F used for the use phase [unit/kWh]

  /// embedded + use when both are available.
  [[nodiscard]] std::optional<estimate<double>> total() const noexcept {
    if (!embedded || !use) return std::nullopt;
    return *embedded + *use;
  }
};

/// A device's figures, with the inputs that produced them.
struct device_result {
  std::string factor_set;                      ///< the factor set's name
  std::string kind;                            ///< the device kind
  std::string variant;                         ///< the variant used
  std::string upstream_id;                     ///< the source's archetype id
  std::string location;                        ///< the location used (the default when none was given)
  bool location_given = false;                 ///< false: default location, electricity factor with its global range
  double duration_hours = 0;                   ///< the duration evaluated [h]
  double lifetime_hours = 0;                   ///< the lifetime used [h]
  double use_time_ratio = 0;                   ///< the use-time ratio used
  std::optional<estimate<double>> power_w;     ///< the average power used [W]; none when unknown
  double allocation = 0;                       ///< min(duration / lifetime, 1)
  std::array<criterion_result, 4> criteria{};  ///< per criterion, in @ref numresp::criterion order
  std::vector<std::string> warnings;           ///< notes on the figures (data caveats)
  std::vector<std::string> sources;            ///< factor ids used

  /// The figures of one criterion.
  [[nodiscard]] const criterion_result& at(criterion c) const noexcept { return criteria[static_cast<std::size_t>(c)]; }
  /// A figure as a typed quantity (none when the set cannot provide it).
  template <criterion C>
  [[nodiscard]] std::optional<estimate<typename report_quantity<C>::type>> get(device_phase p) const {
    const criterion_result& r = at(C);
    const std::optional<estimate<double>>& f = p == device_phase::embedded ? r.embedded : r.use;
    if (!f) return std::nullopt;
    const auto unit = report_quantity<C>::unit();
    return estimate<typename report_quantity<C>::type>::from_ordered(f->value() * unit, f->low() * unit,
                                                                     f->high() * unit);
  }
};

/// Evaluates one device.
/// @return `kNotFound` for an unknown kind, variant or location (listing the known ones);
///         `kInvalidArgument` naming the field for a negative or non-finite duration or power, a
///         use-time ratio outside [0, 1], a lifetime that is not > 0 or a negative electricity
///         factor.
[[nodiscard]] absl::StatusOr<device_result> evaluate(const catalog& catalog, const device_query& query);

/// The same on a built-in set (the default set when `set_name` is empty).
[[nodiscard]] absl::StatusOr<device_result> evaluate(const device_query& query, absl::string_view set_name = {});

}  // namespace numresp::devices

#endif  // NUMRESP_DEVICES_DEVICE_HPP_
