#include "numresp/usage/email.hpp"

#include <cmath>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "acv_internal.hpp"
#include "numresp/core/status.hpp"

namespace numresp::usage {
namespace {

std::vector<std::string> shared_factor_ids() {
  std::vector<std::string> ids;
  for (const char* kind : {"smartphone", "tablet", "laptop", "television", "desktop", "monitor"}) {
    for (const char* field :
         {"gwp.manufacture", "gwp.distribution", "gwp.end_of_life", "lifetime", "use_hours_per_day", "power"}) {
      ids.push_back(absl::StrCat("device.", kind, ".", field));
    }
  }
  for (network n : {network::fixed_fra, network::mobile_fra, network::fixed_eu, network::mobile_eu,
                    network::fixed_excl_box_fra, network::fixed_excl_box_eu}) {
    ids.emplace_back(factor_id(n));
  }
  for (const char* id : {"datacenter.model.server_construction", "datacenter.model.firewall_construction",
                         "datacenter.model.switch_construction", "datacenter.model.router_construction",
                         "datacenter.model.storage_construction", "datacenter.model.support_construction",
                         "datacenter.model.firewalls_per_server", "datacenter.model.switches_per_server",
                         "datacenter.model.routers_per_server", "datacenter.model.it_area_per_server",
                         "datacenter.model.server_lifetime", "datacenter.model.support_lifetime", "grid.gwp.fra",
                         "usage.model.data_unit_step"}) {
    ids.emplace_back(id);
  }
  return ids;
}

}  // namespace

const std::vector<std::string>& email_parameters::factor_ids() {
  static const std::vector<std::string> ids = [] {
    std::vector<std::string> v = shared_factor_ids();
    for (const char* id :
         {"email.model.device_share.smartphone", "email.model.device_share.tablet", "email.model.device_share.laptop",
          "email.model.device_share.desktop_monitor", "email.model.writing_time", "email.model.reading_time",
          "email.model.read_rate", "email.model.redundancy_sender", "email.model.redundancy_recipient",
          "email.model.storage_duration", "email.model.storage_fill_rate", "datacenter.model.storage_capacity",
          "datacenter.model.storage_lifetime", "datacenter.model.storage_power", "email.model.emails_per_person_day",
          "datacenter.model.server_power", "email.model.server_power_per_user", "email.model.pue"}) {
      v.emplace_back(id);
    }
    return v;
  }();
  return ids;
}

absl::StatusOr<email_parameters> email_parameters::from_factors(const factors::factor_set& set,
                                                                const email_options& options) {
  if (options.on == device::television) {
    return absl::InvalidArgumentError(
        "device = television: the model offers no television for email; the devices are mix, smartphone, tablet, "
        "laptop, desktop_monitor");
  }
  NUMRESP_RETURN_IF_ERROR(detail::check_user_network(options.sender_network, "sender_network"));
  NUMRESP_RETURN_IF_ERROR(detail::check_user_network(options.recipient_network, "recipient_network"));
  email_parameters p;
  NUMRESP_ASSIGN_OR_RETURN(p.shared, shared_parameters::from_factors(set));
  if (options.on == device::mix) {
    NUMRESP_ASSIGN_OR_RETURN(p.devices, device_mix::from_factors(set, "email.model.device_share"));
  } else {
    p.devices = device_mix::only(options.on);
  }
  p.sender_network = options.sender_network;
  p.recipient_network = options.recipient_network;
  NUMRESP_RETURN_IF_ERROR(detail::read(set, "email.model.writing_time", &p.writing_time));
  NUMRESP_RETURN_IF_ERROR(detail::read(set, "email.model.reading_time", &p.reading_time));
  NUMRESP_RETURN_IF_ERROR(detail::read_number(set, "email.model.read_rate", &p.read_rate));
  NUMRESP_RETURN_IF_ERROR(detail::read_number(set, "email.model.redundancy_sender", &p.sender_backups));
  NUMRESP_RETURN_IF_ERROR(detail::read_number(set, "email.model.redundancy_recipient", &p.recipient_backups));
  NUMRESP_RETURN_IF_ERROR(detail::read(set, "email.model.storage_duration", &p.storage_duration));
  NUMRESP_RETURN_IF_ERROR(detail::read_number(set, "email.model.storage_fill_rate", &p.storage_fill_rate));
  // "serveur . capacité" = (3.5524 * 1024) * 1024 Mo: the TB figure with the model's two binary
  // steps, in MB (numresp reads the model's Mo as 10^6 bytes, as its email sizes).
  double capacity_tb = 0;
  NUMRESP_RETURN_IF_ERROR(detail::read_in(set, "datacenter.model.storage_capacity", "TB", &capacity_tb));
  p.storage_capacity = ((capacity_tb * p.shared.data_unit_step) * p.shared.data_unit_step) * units::megabyte;
  NUMRESP_RETURN_IF_ERROR(detail::read(set, "datacenter.model.storage_lifetime", &p.storage_lifetime));
  NUMRESP_RETURN_IF_ERROR(detail::read(set, "datacenter.model.storage_power", &p.storage_power));
  NUMRESP_RETURN_IF_ERROR(detail::read_in(set, "email.model.emails_per_person_day", "email/d", &p.emails_per_day));
  NUMRESP_RETURN_IF_ERROR(detail::read(set, "datacenter.model.server_power", &p.server_power));
  NUMRESP_RETURN_IF_ERROR(detail::read(set, "email.model.server_power_per_user", &p.server_power_per_user));
  NUMRESP_RETURN_IF_ERROR(detail::read_number(set, "email.model.pue", &p.pue));
  return p;
}

absl::StatusOr<email_model> email_model::create(const factors::factor_set& set, const email_options& options) {
  NUMRESP_ASSIGN_OR_RETURN(email_parameters p, email_parameters::from_factors(set, options));
  return create(p);
}

absl::StatusOr<email_model> email_model::create(const email_parameters& p) {
  NUMRESP_RETURN_IF_ERROR(detail::validate(p.shared));
  NUMRESP_RETURN_IF_ERROR(detail::validate(p.devices, "devices"));
  NUMRESP_RETURN_IF_ERROR(detail::check_user_network(p.sender_network, "sender_network"));
  NUMRESP_RETURN_IF_ERROR(detail::check_user_network(p.recipient_network, "recipient_network"));
  NUMRESP_RETURN_IF_ERROR(detail::check_non_negative(p.writing_time / units::second, "writing_time", "duration (s)"));
  NUMRESP_RETURN_IF_ERROR(detail::check_non_negative(p.reading_time / units::second, "reading_time", "duration (s)"));
  NUMRESP_RETURN_IF_ERROR(detail::check_non_negative(p.read_rate, "read_rate", "share"));
  NUMRESP_RETURN_IF_ERROR(detail::check_non_negative(p.sender_backups, "sender_backups", "number of copies"));
  NUMRESP_RETURN_IF_ERROR(detail::check_non_negative(p.recipient_backups, "recipient_backups", "number of copies"));
  NUMRESP_RETURN_IF_ERROR(
      detail::check_non_negative(p.storage_duration / units::year, "storage_duration", "duration (years)"));
  NUMRESP_RETURN_IF_ERROR(detail::check_positive(p.storage_fill_rate, "storage_fill_rate", "share"));
  NUMRESP_RETURN_IF_ERROR(detail::check_positive(p.storage_capacity / units::byte, "storage_capacity", "size (bytes)"));
  NUMRESP_RETURN_IF_ERROR(
      detail::check_positive(p.storage_lifetime / units::year, "storage_lifetime", "duration (years)"));
  NUMRESP_RETURN_IF_ERROR(detail::check_non_negative(p.storage_power / units::watt, "storage_power", "power (W)"));
  NUMRESP_RETURN_IF_ERROR(detail::check_positive(p.emails_per_day, "emails_per_day", "number per day"));
  NUMRESP_RETURN_IF_ERROR(detail::check_positive(p.server_power / units::watt, "server_power", "power (W)"));
  NUMRESP_RETURN_IF_ERROR(
      detail::check_positive(p.server_power_per_user / units::watt, "server_power_per_user", "power (W)"));
  NUMRESP_RETURN_IF_ERROR(detail::check_non_negative(p.pue, "pue", "number"));
  return email_model(p);
}

email_model::email_model(const email_parameters& p) : p_(p) {
  const shared_parameters& s = p.shared;
  // Devices: "durée totale sollicitation" = writing + recipients × read rate × reading time.
  fixed_time_s_ = p.writing_time / units::second;
  time_per_recipient_s_ = p.read_rate * (p.reading_time / units::second);
  const detail::device_rates rates = detail::rates_of(p.devices, s.devices, s.device_grid);
  device_construction_g_per_s_ = rates.construction_g_per_s;
  device_use_g_per_s_ = rates.use_g_per_s;

  // Transmission: "taille en Go" = taille (Mo) / 1024, so a model Go is `step` MB; the network
  // factors are per Go.
  const double bytes_per_model_gb = p.shared.data_unit_step * (units::megabyte / units::byte);
  auto g_per_model_gb = [&](network n) { return s.networks[n] * units::gigabyte / units::gram_co2e; };
  sender_g_per_byte_ = g_per_model_gb(p.sender_network) / bytes_per_model_gb;
  recipient_g_per_byte_ = (g_per_model_gb(p.recipient_network) +
                           g_per_model_gb(p.backup_network) * ((1 + p.sender_backups) + p.recipient_backups)) /
                          bytes_per_model_gb;

  // Data centre, construction: servers allocated to the emails a server handles over its life
  // (users per server × emails per person per day × days of its life), once for the sender and
  // once for the recipients ("construction . récepteur" reuses the sender's server share).
  const double users_per_server = p.server_power / p.server_power_per_user;
  const double emails_per_server_life =
      (users_per_server * p.emails_per_day) * (s.hardware.server_lifetime / units::day);
  servers_g_ = s.hardware.construction(1 / emails_per_server_life, 0) / units::gram_co2e;
  // Storage: size × copies × storage duration / (capacity × fill rate × storage unit lifetime).
  const double storage_share_per_byte =
      (p.storage_duration / p.storage_lifetime) / ((p.storage_capacity / units::byte) * p.storage_fill_rate);
  const double storage_unit_g = s.hardware.storage_construction / units::gram_co2e;
  storage_g_per_byte_sender_ = p.sender_backups * storage_share_per_byte * storage_unit_g;
  storage_g_per_byte_recipient_ = p.recipient_backups * storage_share_per_byte * storage_unit_g;

  // Data centre, use (one side): the server's power per user over a day shared by that day's
  // emails, plus the storage unit's power for the stored copies over the storage duration; × PUE
  // × grid. The recipients' side is the sender's × recipients ("usage . récepteur").
  const double g_per_joule = s.data_center_grid * units::joule / units::gram_co2e;
  const double server_j = (p.server_power_per_user * units::day / units::joule) / p.emails_per_day;
  dc_use_fixed_g_ = server_j * p.pue * g_per_joule;
  const double storage_j_per_byte = (p.sender_backups / ((p.storage_capacity / units::byte) * p.storage_fill_rate)) *
                                    (p.storage_power * p.storage_duration / units::joule);
  dc_use_g_per_byte_ = storage_j_per_byte * p.pue * g_per_joule;
}

footprint email_model::compute(units::data_volume size, double recipients) const noexcept {
  footprint f;
  const double bytes = size / units::byte;
  if (!(bytes > 0) || !(recipients > 0)) return f;  // the model's rule: no size or no recipient, no email
  const double seconds = fixed_time_s_ + recipients * time_per_recipient_s_;
  f.device_construction = (device_construction_g_per_s_ * seconds) * units::gram_co2e;
  f.device_use = (device_use_g_per_s_ * seconds) * units::gram_co2e;
  f.transmission = (bytes * (sender_g_per_byte_ + recipients * recipient_g_per_byte_)) * units::gram_co2e;
  f.data_center_construction =
      (2 * servers_g_ + bytes * (storage_g_per_byte_sender_ + recipients * storage_g_per_byte_recipient_)) *
      units::gram_co2e;
  f.data_center_use = ((dc_use_fixed_g_ + bytes * dc_use_g_per_byte_) * (1 + recipients)) * units::gram_co2e;
  f.total = f.device_construction + f.device_use + f.transmission + f.data_center_construction + f.data_center_use;
  return f;
}

double email_model::total_g(double size_bytes, double recipients) const noexcept {
  if (!(size_bytes > 0) || !(recipients > 0)) return 0;
  const double seconds = fixed_time_s_ + recipients * time_per_recipient_s_;
  const double devices = (device_construction_g_per_s_ + device_use_g_per_s_) * seconds;
  const double transmission = size_bytes * (sender_g_per_byte_ + recipients * recipient_g_per_byte_);
  const double construction =
      2 * servers_g_ + size_bytes * (storage_g_per_byte_sender_ + recipients * storage_g_per_byte_recipient_);
  const double use = (dc_use_fixed_g_ + size_bytes * dc_use_g_per_byte_) * (1 + recipients);
  return devices + transmission + construction + use;
}

absl::Status email_model::total_g(absl::Span<const double> size_bytes, absl::Span<const double> recipients,
                                  absl::Span<double> out_g) const {
  if (size_bytes.size() != out_g.size() || (recipients.size() != 1 && recipients.size() != size_bytes.size())) {
    return absl::InvalidArgumentError(absl::StrCat("email: ", size_bytes.size(), " sizes, ", recipients.size(),
                                                   " recipient counts (1 or as many as sizes) and room for ",
                                                   out_g.size(), " results"));
  }
  const bool one_count = recipients.size() == 1;
  bool all_valid = true;
  for (std::size_t i = 0; i < size_bytes.size(); ++i) {
    const double b = size_bytes[i];
    const double r = recipients[one_count ? 0 : i];
    // false for NaN, negatives and infinities
    all_valid &= (b >= 0) & (b <= 1.7976931348623157e308) & (r > 0) & (r <= 1.7976931348623157e308);
    out_g[i] = total_g(b, r);
  }
  if (!all_valid) {
    for (std::size_t i = 0; i < size_bytes.size(); ++i) {
      NUMRESP_RETURN_IF_ERROR(check_email(size_bytes[i] * units::byte, recipients[one_count ? 0 : i], i));
    }
  }
  return absl::OkStatus();
}

absl::Status check_email(units::data_volume size, double recipients, std::optional<std::size_t> index) {
  NUMRESP_RETURN_IF_ERROR(detail::check_non_negative(size / units::byte, "size", "number of bytes", index));
  if (!(std::isfinite(recipients) && recipients > 0)) {
    return absl::InvalidArgumentError(absl::StrCat(detail::argument("recipients", recipients, index),
                                                   ": an email needs a finite number of recipients > 0"));
  }
  return absl::OkStatus();
}

absl::StatusOr<footprint> email(units::data_volume size, double recipients, const factors::factor_set& set,
                                const email_options& options) {
  NUMRESP_RETURN_IF_ERROR(check_email(size, recipients));
  NUMRESP_ASSIGN_OR_RETURN(email_model m, email_model::create(set, options));
  return m.compute(size, recipients);
}

absl::string_view to_string(spam_figure f) noexcept { return f == spam_figure::published ? "published" : "corrected"; }

absl::StatusOr<spam_figure> parse_spam_figure(absl::string_view name) {
  if (name == "published") return spam_figure::published;
  if (name == "corrected") return spam_figure::corrected;
  return absl::NotFoundError(
      absl::StrCat("figure = \"", name, "\": unknown spam figure; the figures are published, corrected"));
}

absl::StatusOr<footprint> spam(spam_figure figure, const factors::factor_set& set) {
  units::co2e_mass total;
  footprint f;
  NUMRESP_RETURN_IF_ERROR(detail::read(set, "usage.spam", &total));
  NUMRESP_RETURN_IF_ERROR(detail::read(set, "usage.spam.transmission", &f.transmission));
  NUMRESP_RETURN_IF_ERROR(detail::read(set, "usage.spam.data_center_construction", &f.data_center_construction));
  NUMRESP_RETURN_IF_ERROR(detail::read(set, "usage.spam.data_center_use", &f.data_center_use));
  if (figure == spam_figure::published) {
    f.total = total;
    return f;
  }
  // Impact CO2 enters every stage in kg; this one holds the model's figure in g.
  const units::co2e_mass corrected = f.transmission * (units::gram_co2e / units::kg_co2e);
  f.total = total - f.transmission + corrected;
  f.transmission = corrected;
  return f;
}

}  // namespace numresp::usage
