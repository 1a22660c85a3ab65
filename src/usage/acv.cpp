#include "numresp/usage/acv.hpp"

#include <cmath>
#include <functional>
#include <string>
#include <type_traits>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "acv_internal.hpp"
#include "numresp/core/status.hpp"

namespace numresp::usage {
namespace {

constexpr network kNetworks[] = {network::fixed_fra, network::mobile_fra,         network::fixed_eu,
                                 network::mobile_eu, network::fixed_excl_box_fra, network::fixed_excl_box_eu};
constexpr device kDevices[] = {device::mix,    device::smartphone,      device::tablet,
                               device::laptop, device::desktop_monitor, device::television};

constexpr absl::string_view kProfileKinds[] = {"smartphone", "tablet", "laptop", "television", "desktop", "monitor"};
constexpr absl::string_view kProfileFields[] = {"gwp.manufacture", "gwp.distribution",  "gwp.end_of_life",
                                                "lifetime",        "use_hours_per_day", "power"};

// Whether a set carries every device-profile factor.
bool has_profiles(const factors::factor_set& set) {
  for (absl::string_view kind : kProfileKinds) {
    for (absl::string_view field : kProfileFields) {
      if (set.find(absl::StrCat("device.", kind, ".", field)) == nullptr) return false;
    }
  }
  return true;
}

// A set without a device-profile factor: the error names the set and the id, and lists the
// built-in sets that carry every profile (older ADEME sets describe devices differently).
absl::Status missing_profile_factor(const factors::factor_set& set, const std::string& id, const absl::Status& cause) {
  if (cause.code() != absl::StatusCode::kNotFound || set.find(id) != nullptr) return cause;
  std::vector<std::string> carriers;
  for (const std::string& name : factors::set_names()) {
    absl::StatusOr<std::reference_wrapper<const factors::factor_set>> other = factors::get_set(name);
    if (other.ok() && has_profiles(other->get())) carriers.push_back(name);
  }
  return absl::NotFoundError(absl::StrCat(
      "factor set ", set.name(), " has no \"", id,
      "\": the email, video and web-search models need ADEME's device profiles (manufacture, distribution "
      "and end-of-life impacts, lifetime, daily use, power of each device); built-in sets that carry them: ",
      carriers.empty() ? std::string("none") : absl::StrJoin(carriers, ", "), " (", cause.message(), ")"));
}

absl::Status read_profile(const factors::factor_set& set, absl::string_view kind, device_profile* out) {
  units::co2e_mass manufacture;
  units::co2e_mass distribution;
  units::co2e_mass end_of_life;
  auto need = [&](absl::string_view field, auto* value) {
    const std::string id = absl::StrCat("device.", kind, ".", field);
    absl::Status s;
    if constexpr (std::is_same_v<std::remove_pointer_t<decltype(value)>, double>) {
      s = detail::read_number(set, id, value);
    } else {
      s = detail::read(set, id, value);
    }
    return s.ok() ? s : missing_profile_factor(set, id, s);
  };
  NUMRESP_RETURN_IF_ERROR(need("gwp.manufacture", &manufacture));
  NUMRESP_RETURN_IF_ERROR(need("gwp.distribution", &distribution));
  NUMRESP_RETURN_IF_ERROR(need("gwp.end_of_life", &end_of_life));
  out->construction = manufacture + distribution + end_of_life;
  NUMRESP_RETURN_IF_ERROR(need("lifetime", &out->lifetime));
  NUMRESP_RETURN_IF_ERROR(need("use_hours_per_day", &out->daily_use));
  NUMRESP_RETURN_IF_ERROR(need("power", &out->power));
  return absl::OkStatus();
}

absl::Status check_profile(const device_profile& p, absl::string_view name) {
  NUMRESP_RETURN_IF_ERROR(detail::check_non_negative(p.construction / units::gram_co2e,
                                                     absl::StrCat(name, ".construction"), "mass (g CO2e)"));
  NUMRESP_RETURN_IF_ERROR(
      detail::check_positive(p.lifetime / units::year, absl::StrCat(name, ".lifetime"), "duration (years)"));
  NUMRESP_RETURN_IF_ERROR(detail::check_positive(p.daily_use, absl::StrCat(name, ".daily_use"), "share of the day"));
  NUMRESP_RETURN_IF_ERROR(detail::check_non_negative(p.power / units::watt, absl::StrCat(name, ".power"), "power (W)"));
  return absl::OkStatus();
}

}  // namespace

absl::string_view to_string(network n) noexcept {
  switch (n) {
    case network::fixed_fra:
      return "fixed_fra";
    case network::mobile_fra:
      return "mobile_fra";
    case network::fixed_eu:
      return "fixed_eu";
    case network::mobile_eu:
      return "mobile_eu";
    case network::fixed_excl_box_fra:
      return "fixed_excl_box_fra";
    case network::fixed_excl_box_eu:
      return "fixed_excl_box_eu";
  }
  return "unknown";
}

absl::StatusOr<network> parse_network(absl::string_view name) {
  for (network n : kNetworks) {
    if (to_string(n) == name) return n;
  }
  std::string names;
  for (network n : kNetworks) absl::StrAppend(&names, names.empty() ? "" : ", ", to_string(n));
  return absl::NotFoundError(absl::StrCat("network = \"", name, "\": unknown network; the networks are ", names));
}

absl::string_view factor_id(network n) noexcept {
  switch (n) {
    case network::fixed_fra:
      return "network.fixed.fra";
    case network::mobile_fra:
      return "network.mobile.fra";
    case network::fixed_eu:
      return "network.fixed.eu";
    case network::mobile_eu:
      return "network.mobile.eu";
    case network::fixed_excl_box_fra:
      return "network.fixed_excl_box.fra";
    case network::fixed_excl_box_eu:
      return "network.fixed_excl_box.eu";
  }
  return "";
}

bool is_user_network(network n) noexcept {
  return n == network::fixed_fra || n == network::mobile_fra || n == network::fixed_eu || n == network::mobile_eu;
}

absl::string_view to_string(device d) noexcept {
  switch (d) {
    case device::mix:
      return "mix";
    case device::smartphone:
      return "smartphone";
    case device::tablet:
      return "tablet";
    case device::laptop:
      return "laptop";
    case device::desktop_monitor:
      return "desktop_monitor";
    case device::television:
      return "television";
  }
  return "unknown";
}

absl::StatusOr<device> parse_device(absl::string_view name) {
  for (device d : kDevices) {
    if (to_string(d) == name) return d;
  }
  std::string names;
  for (device d : kDevices) absl::StrAppend(&names, names.empty() ? "" : ", ", to_string(d));
  return absl::NotFoundError(absl::StrCat("device = \"", name, "\": unknown device; the devices are ", names));
}

double device_mix::share(device d) const noexcept {
  switch (d) {
    case device::smartphone:
      return smartphone;
    case device::tablet:
      return tablet;
    case device::laptop:
      return laptop;
    case device::desktop_monitor:
      return desktop_monitor;
    case device::television:
      return television;
    case device::mix:
      break;
  }
  return 0;
}

device_mix device_mix::only(device d) noexcept {
  device_mix m;
  switch (d) {
    case device::smartphone:
      m.smartphone = 1;
      break;
    case device::tablet:
      m.tablet = 1;
      break;
    case device::laptop:
      m.laptop = 1;
      break;
    case device::desktop_monitor:
      m.desktop_monitor = 1;
      break;
    case device::television:
      m.television = 1;
      break;
    case device::mix:
      break;
  }
  return m;
}

absl::StatusOr<device_mix> device_mix::from_factors(const factors::factor_set& set, absl::string_view prefix) {
  device_mix m;
  NUMRESP_RETURN_IF_ERROR(detail::read_number(set, absl::StrCat(prefix, ".smartphone"), &m.smartphone));
  NUMRESP_RETURN_IF_ERROR(detail::read_number(set, absl::StrCat(prefix, ".tablet"), &m.tablet));
  NUMRESP_RETURN_IF_ERROR(detail::read_number(set, absl::StrCat(prefix, ".laptop"), &m.laptop));
  NUMRESP_RETURN_IF_ERROR(detail::read_number(set, absl::StrCat(prefix, ".desktop_monitor"), &m.desktop_monitor));
  const std::string tv = absl::StrCat(prefix, ".television");
  if (set.find(tv) != nullptr) NUMRESP_RETURN_IF_ERROR(detail::read_number(set, tv, &m.television));
  return m;
}

const device_profile& device_profiles::get(device d) const noexcept {
  switch (d) {
    case device::smartphone:
      return smartphone;
    case device::tablet:
      return tablet;
    case device::laptop:
      return laptop;
    case device::desktop_monitor:
      return desktop_monitor;
    case device::television:
    case device::mix:
      break;
  }
  return television;
}

absl::StatusOr<device_profiles> device_profiles::from_factors(const factors::factor_set& set) {
  device_profiles p;
  NUMRESP_RETURN_IF_ERROR(read_profile(set, "smartphone", &p.smartphone));
  NUMRESP_RETURN_IF_ERROR(read_profile(set, "tablet", &p.tablet));
  NUMRESP_RETURN_IF_ERROR(read_profile(set, "laptop", &p.laptop));
  NUMRESP_RETURN_IF_ERROR(read_profile(set, "television", &p.television));
  device_profile desktop;
  device_profile monitor;
  NUMRESP_RETURN_IF_ERROR(read_profile(set, "desktop", &desktop));
  NUMRESP_RETURN_IF_ERROR(read_profile(set, "monitor", &monitor));
  // "ordinateur et écran": constructions and powers add up; lifetime and use profile are the means.
  p.desktop_monitor.construction = desktop.construction + monitor.construction;
  p.desktop_monitor.power = desktop.power + monitor.power;
  p.desktop_monitor.lifetime = (desktop.lifetime + monitor.lifetime) / 2.0;
  p.desktop_monitor.daily_use = (desktop.daily_use + monitor.daily_use) / 2.0;
  return p;
}

absl::StatusOr<network_intensities> network_intensities::from_factors(const factors::factor_set& set) {
  network_intensities n;
  for (network k : kNetworks) {
    NUMRESP_RETURN_IF_ERROR(detail::read(set, factor_id(k), &n.per_byte[static_cast<std::size_t>(k)]));
  }
  return n;
}

units::co2e_mass datacenter_hardware::construction(double server_share, double storage_share) const noexcept {
  // The model's "construction data center" (firewall, switch, routeur, serveur, stockage,
  // équipements support), in its order of summation.
  const units::co2e_mass firewall = (firewalls_per_server * server_share) * firewall_construction;
  const units::co2e_mass switches = (switches_per_server * server_share) * switch_construction;
  const units::co2e_mass router = (routers_per_server * server_share) * router_construction;
  const units::co2e_mass server = server_share * server_construction;
  const units::co2e_mass storage = storage_share * storage_construction;
  const double lifetimes = server_lifetime / support_lifetime;
  const units::co2e_mass support = ((it_area_per_server * server_share) * lifetimes) * support_construction;
  return firewall + switches + router + server + storage + support;
}

absl::StatusOr<datacenter_hardware> datacenter_hardware::from_factors(const factors::factor_set& set) {
  datacenter_hardware h;
  NUMRESP_RETURN_IF_ERROR(detail::read(set, "datacenter.model.server_construction", &h.server_construction));
  NUMRESP_RETURN_IF_ERROR(detail::read(set, "datacenter.model.firewall_construction", &h.firewall_construction));
  NUMRESP_RETURN_IF_ERROR(detail::read(set, "datacenter.model.switch_construction", &h.switch_construction));
  NUMRESP_RETURN_IF_ERROR(detail::read(set, "datacenter.model.router_construction", &h.router_construction));
  NUMRESP_RETURN_IF_ERROR(detail::read(set, "datacenter.model.storage_construction", &h.storage_construction));
  NUMRESP_RETURN_IF_ERROR(detail::read(set, "datacenter.model.support_construction", &h.support_construction));
  NUMRESP_RETURN_IF_ERROR(detail::read_number(set, "datacenter.model.firewalls_per_server", &h.firewalls_per_server));
  NUMRESP_RETURN_IF_ERROR(detail::read_number(set, "datacenter.model.switches_per_server", &h.switches_per_server));
  NUMRESP_RETURN_IF_ERROR(detail::read_number(set, "datacenter.model.routers_per_server", &h.routers_per_server));
  NUMRESP_RETURN_IF_ERROR(detail::read(set, "datacenter.model.it_area_per_server", &h.it_area_per_server));
  NUMRESP_RETURN_IF_ERROR(detail::read(set, "datacenter.model.server_lifetime", &h.server_lifetime));
  NUMRESP_RETURN_IF_ERROR(detail::read(set, "datacenter.model.support_lifetime", &h.support_lifetime));
  return h;
}

absl::StatusOr<shared_parameters> shared_parameters::from_factors(const factors::factor_set& set) {
  shared_parameters p;
  NUMRESP_ASSIGN_OR_RETURN(p.devices, device_profiles::from_factors(set));
  NUMRESP_ASSIGN_OR_RETURN(p.networks, network_intensities::from_factors(set));
  NUMRESP_ASSIGN_OR_RETURN(p.hardware, datacenter_hardware::from_factors(set));
  NUMRESP_RETURN_IF_ERROR(detail::read(set, "grid.gwp.fra", &p.device_grid));
  p.data_center_grid = p.device_grid;
  NUMRESP_RETURN_IF_ERROR(detail::read_number(set, "usage.model.data_unit_step", &p.data_unit_step));
  NUMRESP_RETURN_IF_ERROR(detail::validate(p));
  return p;
}

footprint footprint::scaled(double k) const noexcept {
  footprint f;
  f.device_construction = device_construction * k;
  f.device_use = device_use * k;
  f.transmission = transmission * k;
  f.data_center_construction = data_center_construction * k;
  f.data_center_use = data_center_use * k;
  f.total = total * k;
  return f;
}

absl::StatusOr<units::carbon_intensity> grid_intensity(absl::string_view region, const factors::factor_set& set) {
  std::string key;
  for (char ch : region) key += absl::ascii_tolower(static_cast<unsigned char>(ch));
  const std::string id = absl::StrCat("grid.gwp.", key);
  if (key.empty() || set.find(id) == nullptr) {
    std::string known;
    for (const factors::factor& f : set) {
      if (absl::StartsWith(f.id, "grid.gwp.") && f.id.find('.', 9) == std::string::npos) {
        absl::StrAppend(&known, known.empty() ? "" : ", ", f.id.substr(9));
      }
    }
    return absl::NotFoundError(absl::StrCat("region = \"", region, "\": no grid intensity grid.gwp.", key, " in set ",
                                            set.name(), "; the regions are ", known.empty() ? "(none)" : known));
  }
  return set.get<units::carbon_intensity>(id);
}

namespace detail {

device_rates rates_of(const device_mix& mix, const device_profiles& profiles, units::carbon_intensity grid) noexcept {
  device_rates r;
  double watts = 0;
  for (device d : {device::desktop_monitor, device::laptop, device::tablet, device::smartphone, device::television}) {
    const double share = mix.share(d);
    if (share == 0) continue;
    const device_profile& p = profiles.get(d);
    // The model: construction × (duration / (365 × lifetime × hours per day)), per device, summed
    // with the shares ("construction réelle . moyenne"); electricity from the mean power.
    r.construction_g_per_s += share * ((p.construction / units::gram_co2e) / (p.use_time() / units::second));
    watts += share * (p.power / units::watt);
  }
  r.use_g_per_s = watts * (grid * units::joule / units::gram_co2e);
  return r;
}

absl::Status validate(const device_mix& mix, absl::string_view name) {
  for (device d : {device::smartphone, device::tablet, device::laptop, device::desktop_monitor, device::television}) {
    NUMRESP_RETURN_IF_ERROR(check_non_negative(mix.share(d), absl::StrCat(name, ".", to_string(d)), "share"));
  }
  return absl::OkStatus();
}

absl::Status validate(const shared_parameters& p) {
  for (device d : {device::smartphone, device::tablet, device::laptop, device::desktop_monitor, device::television}) {
    NUMRESP_RETURN_IF_ERROR(check_profile(p.devices.get(d), absl::StrCat("devices.", to_string(d))));
  }
  for (network n : kNetworks) {
    NUMRESP_RETURN_IF_ERROR(check_non_negative(p.networks[n] * units::gigabyte / units::gram_co2e,
                                               absl::StrCat("networks[", to_string(n), "]"), "intensity (g CO2e/GB)"));
  }
  const datacenter_hardware& h = p.hardware;
  NUMRESP_RETURN_IF_ERROR(
      check_non_negative(h.server_construction / units::gram_co2e, "hardware.server_construction", "mass (g CO2e)"));
  NUMRESP_RETURN_IF_ERROR(check_non_negative(h.firewall_construction / units::gram_co2e,
                                             "hardware.firewall_construction", "mass (g CO2e)"));
  NUMRESP_RETURN_IF_ERROR(
      check_non_negative(h.switch_construction / units::gram_co2e, "hardware.switch_construction", "mass (g CO2e)"));
  NUMRESP_RETURN_IF_ERROR(
      check_non_negative(h.router_construction / units::gram_co2e, "hardware.router_construction", "mass (g CO2e)"));
  NUMRESP_RETURN_IF_ERROR(
      check_non_negative(h.storage_construction / units::gram_co2e, "hardware.storage_construction", "mass (g CO2e)"));
  NUMRESP_RETURN_IF_ERROR(check_non_negative(h.support_construction * (units::metre * units::metre) / units::gram_co2e,
                                             "hardware.support_construction", "intensity (g CO2e/m2)"));
  NUMRESP_RETURN_IF_ERROR(check_non_negative(h.firewalls_per_server, "hardware.firewalls_per_server", "number"));
  NUMRESP_RETURN_IF_ERROR(check_non_negative(h.switches_per_server, "hardware.switches_per_server", "number"));
  NUMRESP_RETURN_IF_ERROR(check_non_negative(h.routers_per_server, "hardware.routers_per_server", "number"));
  NUMRESP_RETURN_IF_ERROR(check_non_negative(h.it_area_per_server / (units::metre * units::metre),
                                             "hardware.it_area_per_server", "area (m2)"));
  NUMRESP_RETURN_IF_ERROR(
      check_positive(h.server_lifetime / units::year, "hardware.server_lifetime", "duration (years)"));
  NUMRESP_RETURN_IF_ERROR(
      check_positive(h.support_lifetime / units::year, "hardware.support_lifetime", "duration (years)"));
  NUMRESP_RETURN_IF_ERROR(check_non_negative(p.device_grid * units::kilowatt_hour / units::gram_co2e, "device_grid",
                                             "intensity (g CO2e/kWh)"));
  NUMRESP_RETURN_IF_ERROR(check_non_negative(p.data_center_grid * units::kilowatt_hour / units::gram_co2e,
                                             "data_center_grid", "intensity (g CO2e/kWh)"));
  NUMRESP_RETURN_IF_ERROR(check_positive(p.data_unit_step, "data_unit_step", "number"));
  return absl::OkStatus();
}

absl::Status check_user_network(network n, absl::string_view name) {
  if (is_user_network(n)) return absl::OkStatus();
  return absl::InvalidArgumentError(absl::StrCat(
      name, " = ", to_string(n),
      ": the model's usages run on fixed_fra, mobile_fra, fixed_eu or mobile_eu; the networks without the box are "
      "for numresp::usage::network_transfer only (and the email model's backups)"));
}

}  // namespace detail
}  // namespace numresp::usage
