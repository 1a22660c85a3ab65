/// @file
/// A device fleet: an inventory of device rows → the footprint of a year per kind and phase, year
/// series, and policy scenarios compared side by side with the baseline (methodology:
/// docs/methodology/devices).
///
/// For a row of `n` devices acquired in year `a` with a lifetime of `L` years, in year `y`:
///
///     in service  s = 1 if y >= a (stock renewed at end of life: the default)
///                   = overlap([a, a + L), [y, y + 1)) in years (no renewal)
///     embedded    = n × s × E × m / L        m = 1 − f + f × R   (f: refurbished share, R: refurbishment share)
///     use         = n × s × 8760 × u × (P / 1000) × F
///
/// with E the archetype's embedded factor, u its use-time ratio, P its power and F the electricity
/// factor of the row's location, per criterion; low and high combine the inputs' bounds as
/// @ref numresp::devices::evaluate does (fully correlated across rows: a conservative envelope;
/// see @ref numresp::devices::monte_carlo for percentiles).
///
/// Scenarios change the inventory and are compared on the same year:
/// - extend lifetimes by N years (L + N),
/// - buy a share of the (re)purchases refurbished (f),
/// - reuse collected devices (n devices of a kind given a second life of R' years, each avoiding
///   the purchase of a new one): avoided = n × E × (1 / L − R / R') per year, the refurbishment
///   impact counted; L is the archetype's lifetime (not a row's, nor an extended one).
#ifndef NUMRESP_DEVICES_FLEET_HPP_
#define NUMRESP_DEVICES_FLEET_HPP_

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "numresp/core/estimate.hpp"
#include "numresp/core/impact.hpp"
#include "numresp/devices/device.hpp"

namespace numresp::devices {

/// One inventory row: `count` devices of one kind bought the same year.
struct inventory_row {
  std::string kind;                      ///< a kind of the catalog, e.g. "laptop"
  std::string variant;                   ///< empty = the kind's default variant
  double count = 0;                      ///< number of devices, >= 0
  int acquisition_year = 0;              ///< year the devices entered the fleet
  bool refurbished = false;              ///< bought refurbished
  std::optional<double> lifetime_years;  ///< expected lifetime [years], > 0; none = the archetype's
  std::optional<std::string> location;   ///< where they are used; none = the catalog's default
  std::optional<double> power_w;         ///< average power override [W], >= 0
  std::optional<double> use_time_ratio;  ///< use-time ratio override, in [0, 1]
};

/// The same inventory as columns (what the Python bindings pass). Optional columns may be empty;
/// NaN in an optional numeric column means "not given" for that row. `archetype` indexes
/// @ref catalog::archetypes, `location` indexes @ref catalog::electricity (-1: the default).
struct inventory_columns {
  absl::Span<const std::int32_t> archetype;         ///< index in @ref numresp::devices::catalog::archetypes
  absl::Span<const double> count;                   ///< devices per row, >= 0
  absl::Span<const std::int32_t> acquisition_year;  ///< year each row entered the fleet
  absl::Span<const std::int32_t> location;          ///< optional
  absl::Span<const std::uint8_t> refurbished;       ///< optional
  absl::Span<const double> lifetime_years;          ///< optional
  absl::Span<const double> power_w;                 ///< optional
  absl::Span<const double> use_time_ratio;          ///< optional
};

/// How the fleet is counted.
struct fleet_options {
  /// Devices are replaced by like ones at end of life (the stock is kept): a row counts every
  /// year from its acquisition year. False: a row counts only during its lifetime.
  bool renew = true;
  /// Refurbishment share overriding the catalog's `refurbishment.*.embedded_share` factors.
  std::optional<estimate<double>> refurbishment_share;
};

/// Figures of one archetype (or of the whole fleet) in one year [report unit per year].
struct fleet_line {
  std::size_t archetype = 0;  ///< index in @ref catalog::archetypes (unused for totals)
  std::string kind;           ///< the archetype's kind ("total" for the fleet's total)
  std::string variant;        ///< the archetype's variant
  double devices = 0;         ///< devices in service (count × share of the year in service)
  /// Per criterion and phase (@ref device_phase order); none when the set cannot provide it
  /// for every row of the line.
  std::array<std::array<std::optional<estimate<double>>, 2>, 4> figure{};

  /// One criterion and phase.
  [[nodiscard]] const std::optional<estimate<double>>& at(criterion c, device_phase p) const noexcept {
    return figure[static_cast<std::size_t>(c)][static_cast<std::size_t>(p)];
  }
  /// embedded + use when both are available.
  [[nodiscard]] std::optional<estimate<double>> total(criterion c) const noexcept;
};

/// A year's footprint: one line per archetype present, and the fleet's total.
struct fleet_footprint {
  int year = 0;                          ///< the year
  std::vector<fleet_line> lines;         ///< sorted by kind then variant
  fleet_line total;                      ///< the whole fleet
  std::array<std::string, 4> missing{};  ///< per criterion, why the total is unavailable
};

/// One reuse action of a scenario: collected devices given a second life.
struct reuse_action {
  std::string kind;     ///< the kind of the reused devices
  std::string variant;  ///< empty = default variant
  double count = 0;     ///< devices reused, >= 0
  /// Second life [years], > 0; none = half the archetype's lifetime.
  std::optional<double> remaining_years;
};

/// A policy scenario applied to the inventory.
struct scenario {
  std::string name;                  ///< shown in comparisons
  double extend_lifetime_years = 0;  ///< added to every lifetime (of @ref kinds), >= 0
  double refurbished_share = 0;      ///< share of (re)purchases bought refurbished, in [0, 1]
  std::vector<std::string> kinds;    ///< kinds the two changes above apply to; empty = all
  std::vector<reuse_action> reuse;   ///< collected devices given a second life
};

/// A scenario's figures for one criterion [report unit per year].
struct scenario_figures {
  std::optional<estimate<double>> embedded;  ///< the fleet's embedded figure
  std::optional<estimate<double>> use;       ///< the fleet's use figure
  std::optional<estimate<double>> avoided;   ///< avoided by reuse (>= 0 when it saves)
  std::optional<estimate<double>> net;       ///< embedded + use − avoided
  std::string missing;                       ///< why figures are unavailable
};

/// One scenario next to the baseline.
struct scenario_result {
  std::string name;                            ///< the scenario's name ("baseline" first)
  std::array<scenario_figures, 4> criteria{};  ///< per criterion
  /// Change of the net central value against the baseline, per criterion (none when unavailable).
  std::array<std::optional<double>, 4> change{};
  /// Relative change (change / baseline net), per criterion.
  std::array<std::optional<double>, 4> relative_change{};
};

/// A resolved, validated inventory.
class fleet {
 public:
  /// Resolves and checks every row.
  /// @return `kNotFound` for an unknown kind, variant or location and `kInvalidArgument` for a
  ///         negative count, power or lifetime ≤ 0, each naming the row and field; a refurbished
  ///         row without a refurbishment factor is `kNotFound` naming the factor ids. Nothing is
  ///         returned unless every row is valid.
  [[nodiscard]] static absl::StatusOr<fleet> create(std::shared_ptr<const catalog> catalog,
                                                    absl::Span<const inventory_row> rows, fleet_options options = {});
  /// The same from columns.
  [[nodiscard]] static absl::StatusOr<fleet> from_columns(std::shared_ptr<const catalog> catalog,
                                                          const inventory_columns& columns, fleet_options options = {});

  /// Rows.
  [[nodiscard]] std::size_t size() const noexcept { return archetype_.size(); }
  /// The catalog rows refer to.
  [[nodiscard]] const catalog& catalog_ref() const noexcept { return *catalog_; }
  /// The same, shared.
  [[nodiscard]] const std::shared_ptr<const catalog>& catalog_ptr() const noexcept { return catalog_; }
  /// How the fleet is counted.
  [[nodiscard]] const fleet_options& options() const noexcept { return options_; }
  /// First acquisition year and last year a device is in service (without renewal).
  [[nodiscard]] std::pair<int, int> year_span() const noexcept;

  /// The footprint of `year`.
  [[nodiscard]] fleet_footprint footprint(int year) const;
  /// The footprint of each year in [first, last].
  /// @return `kInvalidArgument` when first > last or the span exceeds 1,000 years.
  [[nodiscard]] absl::StatusOr<std::vector<fleet_footprint>> by_year(int first, int last) const;

  /// Applies a scenario.
  /// @return `kInvalidArgument` for a negative extension, a share outside [0, 1] or a bad reuse
  ///         action (naming the field), `kNotFound` for an unknown kind.
  [[nodiscard]] absl::StatusOr<fleet> with_scenario(const scenario& s) const;

  /// Avoided impact per year of a scenario's reuse actions, per criterion.
  [[nodiscard]] absl::StatusOr<std::array<std::optional<estimate<double>>, 4>> reuse_avoided(
      absl::Span<const reuse_action> reuse) const;

  /// Per-row access (for Monte Carlo and the bindings).
  struct row_view {
    std::size_t archetype;     ///< index in the catalog's archetypes
    std::int32_t location;     ///< -1: default
    double count;              ///< devices
    int acquisition_year;      ///< year the devices entered the fleet
    double refurbished;        ///< refurbished share of the row, in [0, 1]
    double lifetime_years;     ///< lifetime used [years]
    estimate<double> power_w;  ///< power used [W]
    bool power_known;          ///< false: no power in the set and no override
    bool power_overridden;     ///< the row gives its own power
    double use_time_ratio;
  };
  /// Row `i`, resolved.
  [[nodiscard]] row_view row(std::size_t i) const noexcept;
  /// The refurbishment share applied to an archetype.
  [[nodiscard]] const estimate<double>& refurbishment_share(std::size_t archetype) const noexcept {
    return refurb_[archetype];
  }
  /// The electricity factor of a location index (-1: default, with its global range).
  [[nodiscard]] std::optional<estimate<double>> electricity(std::int32_t location, criterion c) const noexcept;
  /// Share of year `year` a row is in service.
  [[nodiscard]] double in_service(std::size_t i, int year) const noexcept;

 private:
  fleet() = default;
  absl::Status finish();

  std::shared_ptr<const catalog> catalog_;
  fleet_options options_;
  std::vector<std::uint32_t> archetype_;
  std::vector<std::int32_t> location_;
  std::vector<double> count_;
  std::vector<std::int32_t> year_;
  std::vector<double> refurbished_;
  std::vector<double> lifetime_years_;
  std::vector<double> power_;  // NaN = archetype's
  std::vector<double> ratio_;
  std::vector<estimate<double>> refurb_;    // per archetype
  std::vector<std::uint8_t> refurb_known_;  // per archetype
};

/// Compares scenarios with the baseline (the first result) on `year`.
/// @return the errors of @ref fleet::with_scenario.
[[nodiscard]] absl::StatusOr<std::vector<scenario_result>> compare(const fleet& baseline,
                                                                   absl::Span<const scenario> scenarios, int year);

}  // namespace numresp::devices

#endif  // NUMRESP_DEVICES_FLEET_HPP_
