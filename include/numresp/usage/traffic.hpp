/// @file
/// Data-transfer emissions: the Sustainable Web Design models v4 and v3 and OneByte, exactly as
/// CO2.js 0.19.0 computes them (methodology: docs/methodology/traffic).
///
/// Results equal CO2.js 0.19.0's bit for bit: the constants come from the factor sets `swd-v4`,
/// `swd-v3` and `onebyte` (copied from the package), and every formula keeps the package's order
/// of operations. CO2.js's edge behaviour is kept and documented: under one byte, v4 and OneByte
/// give 0 and v3 per-byte gives 0, but v3 per-visit has no such guard; v4's embodied emissions
/// always use the global 494 g/kWh whatever the grid intensities given; v4's green hosting
/// removes only the data centre's operational emissions; v3's green hosting sets the data
/// centre's intensity to 50 g/kWh even over a custom one; v4's segment fields are not scaled by
/// green hosting (only the total is).
///
/// Where CO2.js falls back silently, numresp refuses with an error instead: a negative,
/// non-finite or NaN byte count, a share outside [0, 1], an unknown country code, options a model
/// does not take (a green-hosting factor outside v4, grid intensities or visits for OneByte).
///
/// Grid intensities and results are plain `double`s in the units CO2.js uses (g CO2e/kWh in,
/// g CO2e out), named so, because converting them through canonical units would change their
/// last bit; @ref numresp::usage::traffic::per_byte "per_byte" with typed arguments is also
/// provided.
#ifndef NUMRESP_USAGE_TRAFFIC_HPP_
#define NUMRESP_USAGE_TRAFFIC_HPP_

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "numresp/core/units.hpp"
#include "numresp/factors/factor_set.hpp"

namespace numresp::usage::traffic {

/// A data-transfer model.
enum class model : std::uint8_t {
  swd4,     ///< Sustainable Web Design v4 (CO2.js's default)
  swd3,     ///< Sustainable Web Design v3
  onebyte,  ///< The Shift Project's OneByte
};

/// "swd4", "swd3" or "onebyte".
[[nodiscard]] absl::string_view to_string(model m) noexcept;
/// The model named `name` ("swd4", "swd3", "onebyte").
/// @return `kInvalidArgument` naming the value and listing the models.
[[nodiscard]] absl::StatusOr<model> parse_model(absl::string_view name);

/// A model's constants, in the units CO2.js uses, read from a factor set.
struct constants {
  model which = model::swd4;  ///< the model they belong to
  // SWD v4 (kWh per GB, per segment).
  double operational_data_center_kwh_per_gb = 0;  ///< swd.v4.operational.data_center
  double operational_network_kwh_per_gb = 0;      ///< swd.v4.operational.network
  double operational_device_kwh_per_gb = 0;       ///< swd.v4.operational.user_device
  double embodied_data_center_kwh_per_gb = 0;     ///< swd.v4.embodied.data_center
  double embodied_network_kwh_per_gb = 0;         ///< swd.v4.embodied.network
  double embodied_device_kwh_per_gb = 0;          ///< swd.v4.embodied.user_device
  // SWD v3.
  double kwh_per_gb = 0;            ///< swd.v3.energy.total
  double device_share = 0;          ///< swd.v3.share.user_device
  double network_share = 0;         ///< swd.v3.share.network
  double production_share = 0;      ///< swd.v3.share.production
  double data_center_share = 0;     ///< swd.v3.share.data_center
  double renewables_g_per_kwh = 0;  ///< swd.v3.grid.renewables
  // SWD v4 and v3.
  double global_g_per_kwh = 0;              ///< swd.v4.grid.global (494) or swd.v3.grid.global (WORLD)
  double first_visit_share = 0;             ///< default first-visit share
  double return_visit_share = 0;            ///< default return-visit share
  double data_reload_ratio = 0;             ///< default share of data reloaded by a return visit
  std::array<double, 6> rating_limits_g{};  ///< A+, A, B, C, D, E upper limits (x <= limit)
  // OneByte.
  double data_center_kwh_per_byte = 0;      ///< onebyte.energy.data_center
  double network_kwh_per_byte = 0;          ///< mean of the three onebyte.energy.network.*
  double data_center_grey_g_per_kwh = 0;    ///< onebyte.grid.data_center_grey (also the grey network's)
  double network_green_case_g_per_kwh = 0;  ///< onebyte.grid.network_grey (used when green)
  double data_center_green_g_per_kwh = 0;   ///< onebyte.grid.data_center_green

  /// The constants of model `m` from `set` (an overridden set works too).
  /// @return `kNotFound` when the set lacks one of the model's factors.
  [[nodiscard]] static absl::StatusOr<constants> from_factors(model m, const factors::factor_set& set);
  /// The constants of model `m` from its built-in set (`swd-v4`, `swd-v3`, `onebyte`).
  [[nodiscard]] static const constants& builtin(model m);
};

/// Options of a calculation; absent values take the model's defaults.
struct options {
  bool green = false;                           ///< green hosting
  std::optional<double> green_hosting_factor;   ///< [0, 1], SWD v4 only; `green` forces 1
  std::optional<double> device_g_per_kwh;       ///< grid intensity of the user's device
  std::optional<double> network_g_per_kwh;      ///< grid intensity of the network
  std::optional<double> data_center_g_per_kwh;  ///< grid intensity of the data centre
  std::optional<double> first_visit_share;      ///< per visit: share of first visits, [0, 1]
  std::optional<double> return_visit_share;     ///< per visit: share of return visits, [0, 1]
  std::optional<double> data_reload_ratio;      ///< per visit: share of data a return visit reloads, [0, 1]
};

/// Grams CO2e per segment, as CO2.js's `results: "segment"` gives them for one byte count.
/// SWD v4 fills the first twelve fields (unscaled by green hosting, as CO2.js); SWD v3 fills
/// `device`, `network`, `production`, `data_center` and `total`.
struct segments {
  double data_center_operational = 0;  ///< v4 dataCenterOperationalCO2e
  double network_operational = 0;      ///< v4 networkOperationalCO2e
  double device_operational = 0;       ///< v4 consumerDeviceOperationalCO2e
  double data_center_embodied = 0;     ///< v4 dataCenterEmbodiedCO2e
  double network_embodied = 0;         ///< v4 networkEmbodiedCO2e
  double device_embodied = 0;          ///< v4 consumerDeviceEmbodiedCO2e
  double total_embodied = 0;           ///< v4 totalEmbodiedCO2e
  double total_operational = 0;        ///< v4 totalOperationalCO2e
  double data_center = 0;              ///< v4 dataCenterCO2e, v3 dataCenterCO2
  double network = 0;                  ///< v4 networkCO2e, v3 networkCO2
  double device = 0;                   ///< v4 consumerDeviceCO2e, v3 consumerDeviceCO2
  double production = 0;               ///< v3 productionCO2
  double total = 0;                    ///< the total, green hosting applied
};

/// A validated calculation: model, constants and options resolved once, then applied to any
/// number of byte counts without allocating.
class calculator {
 public:
  /// Checks `opts` against model `m`: shares and the green-hosting factor must be finite and in
  /// [0, 1]; grid intensities finite and >= 0; a green-hosting factor is for SWD v4 only; OneByte
  /// takes no grid intensity.
  /// @return `kInvalidArgument` naming the option and its value.
  [[nodiscard]] static absl::StatusOr<calculator> create(model m, const options& opts = {});
  /// As above, with the constants of a given (e.g. overridden) factor set; the model is `c.which`.
  [[nodiscard]] static absl::StatusOr<calculator> create(const constants& c, const options& opts = {});

  /// The model.
  [[nodiscard]] model which() const noexcept { return c_.which; }

  /// Grams CO2e for transferring `bytes` (finite, >= 0: check with @ref numresp::usage::traffic::check_bytes
  /// "check_bytes").
  [[nodiscard]] double per_byte_g(double bytes) const noexcept;
  /// Grams CO2e for one visit of a page of `bytes`, with the visit shares.
  /// For OneByte (which has no per-visit form in CO2.js) this is not meaningful: @ref
  /// numresp::usage::traffic::calculator::create "create" accepts OneByte but the per-visit entry points below refuse
  /// it.
  [[nodiscard]] double per_visit_g(double bytes) const noexcept;
  /// Segment breakdown of @ref numresp::usage::traffic::calculator::per_byte_g "per_byte_g" (SWD v4 and v3).
  [[nodiscard]] segments per_byte_segments(double bytes) const noexcept;

  /// Bulk per byte: `out_g[i] = per_byte_g(bytes[i])`. Checks every input.
  /// @return `kInvalidArgument` naming the first bad index and its value; `out_g` is then
  ///         incomplete. The spans must have the same size.
  [[nodiscard]] absl::Status per_byte_g(absl::Span<const double> bytes, absl::Span<double> out_g) const;
  /// Bulk per visit; `kInvalidArgument` for OneByte and for a bad input (first index named).
  [[nodiscard]] absl::Status per_visit_g(absl::Span<const double> bytes, absl::Span<double> out_g) const;

 private:
  explicit calculator(const constants& c) : c_(c) {}

  constants c_;
  double ghf_ = 0;  // green-hosting factor (v4)
  double device_g_per_kwh_ = 0;
  double network_g_per_kwh_ = 0;
  double data_center_g_per_kwh_ = 0;
  double production_g_per_kwh_ = 0;  // v3: always the global intensity
  double first_ = 0;
  double return_ = 0;
  double reload_ = 0;
  bool green_ = false;
};

/// `kInvalidArgument` unless `bytes` is finite and >= 0; the message names `argument` and the
/// value (and the index, when one is given).
[[nodiscard]] absl::Status check_bytes(double bytes, absl::string_view argument = "data_bytes",
                                       std::optional<std::size_t> index = std::nullopt);

/// The grid intensity of a country or region (a 3-letter code such as "FRA", or an aggregate such
/// as "WORLD" or "EU"; case-insensitive) in the annual averages CO2.js 0.19.0 ships (Ember).
/// @return `kNotFound` naming the code.
[[nodiscard]] absl::StatusOr<double> country_g_per_kwh(absl::string_view code);

/// The SWD rating of a total of `grams` per page view: "A+", "A", ..., "F" (`grams <= limit`).
/// @return `kInvalidArgument` for OneByte, which has no rating, or a non-finite value.
[[nodiscard]] absl::StatusOr<absl::string_view> rating(double grams, model m = model::swd4);

/// Typed convenience: emissions of transferring `data` with model `m`.
/// @return errors as @ref numresp::usage::traffic::calculator::create "calculator::create" and @ref
/// numresp::usage::traffic::check_bytes "check_bytes".
[[nodiscard]] absl::StatusOr<units::co2e_mass> per_byte(units::data_volume data, model m = model::swd4,
                                                        const options& opts = {});
/// Typed convenience: emissions of one visit of a page of `data`.
[[nodiscard]] absl::StatusOr<units::co2e_mass> per_visit(units::data_volume data, model m = model::swd4,
                                                         const options& opts = {});

}  // namespace numresp::usage::traffic

#endif  // NUMRESP_USAGE_TRAFFIC_HPP_
