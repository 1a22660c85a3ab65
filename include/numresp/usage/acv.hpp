/// @file
/// The vocabulary that ADEME's ACV numérique model 2.1.0 shares between its usages (email,
/// streaming, video calls, web search, file transfer): networks, devices and device mixes, the
/// per-device profiles, the data-centre hardware, and the breakdown every usage model returns
/// (methodology: docs/methodology/email and docs/methodology/storage-streaming).
///
/// Every number here is a factor of a @ref numresp::factors::factor_set "factor_set" (the default
/// `ademe-2025`): `from_factors` reads them, and a set with overrides gives other numbers.
///
///     auto shared = numresp::usage::shared_parameters::from_factors(numresp::factors::default_set());
///     // shared->networks[numresp::usage::network::mobile_fra] is 24.68 g CO2e per GB.
#ifndef NUMRESP_USAGE_ACV_HPP_
#define NUMRESP_USAGE_ACV_HPP_

#include <array>
#include <cstddef>
#include <cstdint>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "numresp/core/units.hpp"
#include "numresp/factors/factor_set.hpp"

namespace numresp::usage {

/// A surface, for the IT-room area allocated to a server [m²].
using area = decltype(std::declval<units::length>() * std::declval<units::length>());
/// CO2e per surface, for the support equipment of a data centre [g CO2e / m²].
using co2e_per_area = units::ratio_t<units::co2e_mass, area>;
/// A data rate, for video [byte / s].
using data_rate = units::ratio_t<units::data_volume, units::duration>;

/// A network, as the ACV numérique model distinguishes them (NegaOctet factors per GB).
enum class network : std::uint8_t {
  fixed_fra,           ///< fixed network, France, home box included (`network.fixed.fra`)
  mobile_fra,          ///< mobile network, France (`network.mobile.fra`)
  fixed_eu,            ///< fixed network, Europe, box included (`network.fixed.eu`)
  mobile_eu,           ///< mobile network, Europe (`network.mobile.eu`)
  fixed_excl_box_fra,  ///< fixed network, France, without the box (`network.fixed_excl_box.fra`)
  fixed_excl_box_eu,   ///< fixed network, Europe, without the box (`network.fixed_excl_box.eu`)
};

/// Number of @ref network values.
inline constexpr std::size_t network_count = 6;

/// "fixed_fra", "mobile_fra", "fixed_eu", "mobile_eu", "fixed_excl_box_fra", "fixed_excl_box_eu".
[[nodiscard]] absl::string_view to_string(network n) noexcept;
/// The network named `name` (see @ref to_string(network)).
/// @return `kNotFound` naming the value and listing the networks.
[[nodiscard]] absl::StatusOr<network> parse_network(absl::string_view name);
/// The factor id of network `n`'s intensity, e.g. "network.fixed.fra".
[[nodiscard]] absl::string_view factor_id(network n) noexcept;
/// True for the four networks a user's usage can run on (the model's choices for email,
/// streaming, video calls, web search and file transfer); false for the two "without box"
/// networks, which the model uses only for email backups.
[[nodiscard]] bool is_user_network(network n) noexcept;

/// A device, or the usage's default mix of devices.
enum class device : std::uint8_t {
  mix,         ///< the usage's default mix ("moyenne"): shares from the factor set
  smartphone,  ///< `device.smartphone` factors
  tablet,      ///< `device.tablet` factors
  laptop,      ///< `device.laptop` factors
  /// a desktop tower and a monitor ("ordinateur et écran"): the `device.desktop` and
  /// `device.monitor` factors
  desktop_monitor,
  television,  ///< `device.television` factors
};

/// "mix", "smartphone", "tablet", "laptop", "desktop_monitor", "television".
[[nodiscard]] absl::string_view to_string(device d) noexcept;
/// The device named `name` (see @ref to_string(device)).
/// @return `kNotFound` naming the value and listing the devices.
[[nodiscard]] absl::StatusOr<device> parse_device(absl::string_view name);

/// Shares of a usage's time spent on each device (dimensionless; the model's email shares add up
/// to 1.01, and numresp keeps that).
struct device_mix {
  double smartphone = 0;       ///< share on a smartphone
  double tablet = 0;           ///< share on a tablet
  double laptop = 0;           ///< share on a laptop
  double desktop_monitor = 0;  ///< share on a desktop and monitor
  double television = 0;       ///< share on a television

  /// The share of device `d` (0 for @ref device::mix).
  [[nodiscard]] double share(device d) const noexcept;
  /// A mix with all the time on device `d` (`d` must not be @ref device::mix).
  [[nodiscard]] static device_mix only(device d) noexcept;
  /// The mix in factors `PREFIX.smartphone`, `.tablet`, `.laptop`, `.desktop_monitor` and,
  /// when the set has it, `.television` (e.g. prefix "email.model.device_share").
  /// @return `kNotFound` when one of the first four is missing.
  [[nodiscard]] static absl::StatusOr<device_mix> from_factors(const factors::factor_set& set,
                                                               absl::string_view prefix);
};

/// What the model needs of one device: construction, lifetime, use profile and power.
struct device_profile {
  units::co2e_mass construction;  ///< manufacture + distribution + end of life [g CO2e]
  units::duration lifetime;       ///< theoretical lifetime [s]
  double daily_use = 0;           ///< share of each day the device is in use (hours per day / 24)
  units::power power;             ///< active-mode power [W]

  /// Time in use over the whole life: lifetime × daily use [s].
  [[nodiscard]] units::duration use_time() const noexcept { return lifetime * daily_use; }
};

/// The profiles of the five devices.
struct device_profiles {
  device_profile smartphone;  ///< `device.smartphone` factors
  device_profile tablet;      ///< `device.tablet` factors
  device_profile laptop;      ///< `device.laptop` factors
  /// desktop + monitor: constructions and powers added, lifetimes and daily uses averaged (the
  /// model's "ordinateur et écran")
  device_profile desktop_monitor;
  device_profile television;  ///< `device.television` factors

  /// The profile of device `d` (`d` must not be @ref device::mix).
  [[nodiscard]] const device_profile& get(device d) const noexcept;
  /// Reads `device.KIND.gwp.manufacture`, `.distribution`, `.end_of_life`, `.lifetime`,
  /// `.use_hours_per_day` and `.power` for smartphone, tablet, laptop, desktop, monitor, television.
  /// @return `kNotFound` naming a missing factor.
  [[nodiscard]] static absl::StatusOr<device_profiles> from_factors(const factors::factor_set& set);
};

/// The network intensities of a set, per byte (the model's factors are per GB).
struct network_intensities {
  /// Indexed by @ref network.
  std::array<units::co2e_per_data, network_count> per_byte{};

  /// The intensity of network `n` [g CO2e / byte].
  [[nodiscard]] units::co2e_per_data operator[](network n) const noexcept {
    return per_byte[static_cast<std::size_t>(n)];
  }
  /// Reads the six `network` factors.
  /// @return `kNotFound` naming a missing factor.
  [[nodiscard]] static absl::StatusOr<network_intensities> from_factors(const factors::factor_set& set);
};

/// The data-centre hardware of the model, to allocate its construction to a usage.
struct datacenter_hardware {
  units::co2e_mass server_construction;    ///< `datacenter.model.server_construction` [g CO2e]
  units::co2e_mass firewall_construction;  ///< `datacenter.model.firewall_construction` [g CO2e]
  units::co2e_mass switch_construction;    ///< `datacenter.model.switch_construction` [g CO2e]
  units::co2e_mass router_construction;    ///< `datacenter.model.router_construction` [g CO2e]
  units::co2e_mass storage_construction;   ///< `datacenter.model.storage_construction` [g CO2e]
  co2e_per_area support_construction;      ///< `datacenter.model.support_construction` [g CO2e / m²]
  double firewalls_per_server = 0;         ///< `datacenter.model.firewalls_per_server`
  double switches_per_server = 0;          ///< `datacenter.model.switches_per_server`
  double routers_per_server = 0;           ///< `datacenter.model.routers_per_server`
  area it_area_per_server;                 ///< `datacenter.model.it_area_per_server` [m²]
  units::duration server_lifetime;         ///< `datacenter.model.server_lifetime` [s]
  units::duration support_lifetime;        ///< `datacenter.model.support_lifetime` [s]

  /// The model's "construction data center" for a share of one server's life and of one storage
  /// unit's life: servers, firewalls, switches and routers in proportion to `server_share`, the
  /// storage unit to `storage_share`, and support equipment to the IT area of `server_share`
  /// servers × server lifetime / support lifetime (a formula the model itself doubts, kept).
  [[nodiscard]] units::co2e_mass construction(double server_share, double storage_share) const noexcept;
  /// Reads the `datacenter.model` factors above.
  /// @return `kNotFound` naming a missing factor.
  [[nodiscard]] static absl::StatusOr<datacenter_hardware> from_factors(const factors::factor_set& set);
};

/// Parameters shared by every usage of the model.
struct shared_parameters {
  device_profiles devices;                   ///< the five device profiles
  network_intensities networks;              ///< the six network intensities
  datacenter_hardware hardware;              ///< data-centre hardware
  units::carbon_intensity device_grid;       ///< electricity of the user's devices (`grid.gwp.fra`) [g CO2e / J]
  units::carbon_intensity data_center_grid;  ///< electricity of the data centres (`grid.gwp.fra`) [g CO2e / J]
  double data_unit_step = 0;                 ///< `usage.model.data_unit_step`: the model's 1024 between ko, Mo, Go, To

  /// Reads every shared factor from `set`.
  /// @return `kNotFound` naming a missing factor; `kInvalidArgument` for a factor in a wrong unit.
  [[nodiscard]] static absl::StatusOr<shared_parameters> from_factors(const factors::factor_set& set);
};

/// A usage's footprint by stage, in the model's stages [g CO2e each]. `total` is their sum.
struct footprint {
  units::co2e_mass device_construction;       ///< construction of the user's devices, allocated by time of use
  units::co2e_mass device_use;                ///< electricity of the user's devices
  units::co2e_mass transmission;              ///< networks
  units::co2e_mass data_center_construction;  ///< data-centre hardware, allocated
  units::co2e_mass data_center_use;           ///< data-centre electricity
  units::co2e_mass total;                     ///< the sum of the five stages

  /// The model's "terminaux": device construction + device use.
  [[nodiscard]] units::co2e_mass devices() const noexcept { return device_construction + device_use; }
  /// The model's "data center": construction + use.
  [[nodiscard]] units::co2e_mass data_center() const noexcept { return data_center_construction + data_center_use; }
  /// Every stage multiplied by `k` (e.g. a number of emails).
  [[nodiscard]] footprint scaled(double k) const noexcept;
};

/// The grid intensity of `region`: factor `grid.gwp.REGION` of `set` ("fra", "eu", "chn", "usa"
/// in `ademe-2025`; case-insensitive).
/// @return `kNotFound` naming the region.
[[nodiscard]] absl::StatusOr<units::carbon_intensity> grid_intensity(absl::string_view region,
                                                                     const factors::factor_set& set);

}  // namespace numresp::usage

#endif  // NUMRESP_USAGE_ACV_HPP_
