#include "numresp/usage/streaming.hpp"

#include <cmath>

#include "absl/strings/str_cat.h"
#include "acv_internal.hpp"
#include "numresp/core/status.hpp"

namespace numresp::usage {
namespace {

constexpr video_quality kQualities[] = {video_quality::audio, video_quality::sd, video_quality::hd, video_quality::uhd};

absl::Status validate(const video_parameters& p) {
  NUMRESP_RETURN_IF_ERROR(detail::validate(p.shared));
  NUMRESP_RETURN_IF_ERROR(detail::validate(p.streaming_devices, "streaming_devices"));
  NUMRESP_RETURN_IF_ERROR(detail::validate(p.call_devices, "call_devices"));
  for (video_quality q : kQualities) {
    NUMRESP_RETURN_IF_ERROR(detail::check_non_negative(p.rate(q) * units::hour / units::gigabyte,
                                                       absl::StrCat("rate(", to_string(q), ")"), "data rate (GB/h)"));
  }
  NUMRESP_RETURN_IF_ERROR(detail::check_positive(p.participants, "participants", "number of devices"));
  NUMRESP_RETURN_IF_ERROR(
      detail::check_non_negative(p.direct_electricity / units::watt, "direct_electricity", "mean power (W)"));
  NUMRESP_RETURN_IF_ERROR(
      detail::check_non_negative(p.indirect_electricity / units::watt, "indirect_electricity", "mean power (W)"));
  NUMRESP_RETURN_IF_ERROR(detail::check_positive(p.users, "users", "number of users"));
  NUMRESP_RETURN_IF_ERROR(detail::check_positive(p.viewing_share, "viewing_share", "share of the day"));
  NUMRESP_RETURN_IF_ERROR(detail::check_positive(p.data_per_viewing * units::hour / units::gigabyte, "data_per_viewing",
                                                 "data rate (GB/h)"));
  NUMRESP_RETURN_IF_ERROR(detail::check_positive(p.pue, "pue", "number"));
  NUMRESP_RETURN_IF_ERROR(detail::check_positive(p.server_power / units::watt, "server_power", "power (W)"));
  return absl::OkStatus();
}

absl::Status validate(const web_search_parameters& p) {
  NUMRESP_RETURN_IF_ERROR(detail::validate(p.shared));
  NUMRESP_RETURN_IF_ERROR(detail::validate(p.devices, "devices"));
  NUMRESP_RETURN_IF_ERROR(detail::check_non_negative(p.request_size / units::byte, "request_size", "size (bytes)"));
  NUMRESP_RETURN_IF_ERROR(detail::check_non_negative(p.page_size / units::byte, "page_size", "size (bytes)"));
  NUMRESP_RETURN_IF_ERROR(detail::check_non_negative(p.typing_time / units::second, "typing_time", "duration (s)"));
  NUMRESP_RETURN_IF_ERROR(detail::check_non_negative(p.reading_time / units::second, "reading_time", "duration (s)"));
  NUMRESP_RETURN_IF_ERROR(detail::check_non_negative(p.pages_read, "pages_read", "number of pages"));
  NUMRESP_RETURN_IF_ERROR(
      detail::check_positive(p.server_data_processed / units::byte, "server_data_processed", "size (bytes)"));
  NUMRESP_RETURN_IF_ERROR(detail::check_non_negative(p.electricity_multiplier, "electricity_multiplier", "number"));
  NUMRESP_RETURN_IF_ERROR(detail::check_non_negative(p.server_power / units::watt, "server_power", "power (W)"));
  return absl::OkStatus();
}

/// Grams CO2e of one model Go (read as one GB) over network `n`.
double g_per_gb(const shared_parameters& s, network n) noexcept {
  return s.networks[n] * units::gigabyte / units::gram_co2e;
}

double g_per_joule(units::carbon_intensity grid) noexcept { return grid * units::joule / units::gram_co2e; }

absl::StatusOr<device_mix> mix_for(device on, const device_mix& usage_mix) {
  if (on == device::mix) return usage_mix;
  return device_mix::only(on);
}

void finish(footprint& f) noexcept {
  f.total = f.device_construction + f.device_use + f.transmission + f.data_center_construction + f.data_center_use;
}

/// The streaming rule for one video stream of `hours` seen on `mix` for `device_hours`, sent
/// `streams` times over the network.
footprint video(const video_parameters& p, const device_mix& mix, double device_hours, double hours, double streams,
                video_quality q, network n) {
  const shared_parameters& s = p.shared;
  footprint f;
  const detail::device_rates rates = detail::rates_of(mix, s.devices, s.device_grid);
  const double device_s = device_hours * (units::hour / units::second);
  f.device_construction = (rates.construction_g_per_s * device_s) * units::gram_co2e;
  f.device_use = (rates.use_g_per_s * device_s) * units::gram_co2e;
  // "taille" in Go = hours × quality factor (Go/h).
  const double gb = hours * (p.rate(q) * units::hour / units::gigabyte);
  f.transmission = ((streams * gb) * g_per_gb(s, n)) * units::gram_co2e;
  // Servers: (servers / hours watched a year) / server lifetime (years), × hours.
  const double server_share =
      ((p.servers() / p.viewing_hours_per_year()) / (s.hardware.server_lifetime / units::year)) * hours;
  f.data_center_construction = s.hardware.construction(server_share, 0);
  const double joules = gb * (p.electricity_per_byte() * units::gigabyte / units::joule);
  f.data_center_use = (joules * g_per_joule(s.data_center_grid)) * units::gram_co2e;
  finish(f);
  return f;
}

}  // namespace

absl::string_view to_string(video_quality q) noexcept {
  switch (q) {
    case video_quality::audio:
      return "audio";
    case video_quality::sd:
      return "sd";
    case video_quality::hd:
      return "hd";
    case video_quality::uhd:
      return "uhd";
  }
  return "unknown";
}

absl::StatusOr<video_quality> parse_video_quality(absl::string_view name) {
  for (video_quality q : kQualities) {
    if (to_string(q) == name) return q;
  }
  return absl::NotFoundError(
      absl::StrCat("quality = \"", name, "\": unknown video quality; the qualities are audio, sd, hd, uhd"));
}

absl::StatusOr<video_parameters> video_parameters::from_factors(const factors::factor_set& set) {
  video_parameters p;
  NUMRESP_ASSIGN_OR_RETURN(p.shared, shared_parameters::from_factors(set));
  NUMRESP_ASSIGN_OR_RETURN(p.streaming_devices, device_mix::from_factors(set, "streaming.model.device_share"));
  NUMRESP_ASSIGN_OR_RETURN(p.call_devices, device_mix::from_factors(set, "video_call.model.device_share"));
  NUMRESP_RETURN_IF_ERROR(detail::read(set, "video_call.model.data_rate_audio", &p.audio_rate));
  NUMRESP_RETURN_IF_ERROR(detail::read(set, "streaming.model.data_rate_sd", &p.sd_rate));
  NUMRESP_RETURN_IF_ERROR(detail::read(set, "streaming.model.data_rate_hd", &p.hd_rate));
  NUMRESP_RETURN_IF_ERROR(detail::read(set, "streaming.model.data_rate_uhd", &p.uhd_rate));
  NUMRESP_RETURN_IF_ERROR(detail::read_number(set, "video_call.model.participants", &p.participants));
  NUMRESP_RETURN_IF_ERROR(detail::read(set, "streaming.model.dc_direct_electricity", &p.direct_electricity));
  NUMRESP_RETURN_IF_ERROR(detail::read(set, "streaming.model.dc_indirect_electricity", &p.indirect_electricity));
  NUMRESP_RETURN_IF_ERROR(detail::read_number(set, "streaming.model.users", &p.users));
  NUMRESP_RETURN_IF_ERROR(detail::read_number(set, "streaming.model.viewing_time_per_user", &p.viewing_share));
  NUMRESP_RETURN_IF_ERROR(detail::read(set, "streaming.model.data_per_hour", &p.data_per_viewing));
  NUMRESP_RETURN_IF_ERROR(detail::read_number(set, "datacenter.model.pue_streaming", &p.pue));
  NUMRESP_RETURN_IF_ERROR(detail::read(set, "datacenter.model.server_power", &p.server_power));
  NUMRESP_RETURN_IF_ERROR(validate(p));
  return p;
}

data_rate video_parameters::rate(video_quality q) const noexcept {
  switch (q) {
    case video_quality::audio:
      return audio_rate;
    case video_quality::sd:
      return sd_rate;
    case video_quality::hd:
      return hd_rate;
    case video_quality::uhd:
      break;
  }
  return uhd_rate;
}

double video_parameters::servers() const noexcept {
  // "puissance installée avant PUE" / "serveur . puissance"
  return ((direct_electricity + indirect_electricity) / pue) / server_power;
}

double video_parameters::viewing_hours_per_year() const noexcept {
  return (viewing_share * (units::year / units::hour)) * users;
}

units::energy_per_data video_parameters::electricity_per_byte() const noexcept {
  const units::energy per_year = (direct_electricity + indirect_electricity) * units::year;
  const units::data_volume data_per_year = (viewing_hours_per_year() * units::hour) * data_per_viewing;
  return per_year / data_per_year;
}

video_options video_call_options() noexcept {
  video_options o;
  o.quality = video_quality::sd;
  return o;
}

absl::StatusOr<footprint> streaming(units::duration duration, const video_options& options,
                                    const factors::factor_set& set) {
  NUMRESP_RETURN_IF_ERROR(detail::check_non_negative(duration / units::hour, "duration", "duration (h)"));
  NUMRESP_ASSIGN_OR_RETURN(video_parameters p, video_parameters::from_factors(set));
  return streaming(duration, options, p);
}

absl::StatusOr<footprint> streaming(units::duration duration, const video_options& options,
                                    const video_parameters& parameters) {
  NUMRESP_RETURN_IF_ERROR(detail::check_non_negative(duration / units::hour, "duration", "duration (h)"));
  if (options.quality == video_quality::audio) {
    return absl::InvalidArgumentError(
        "quality = audio: streaming is video; the model's streaming qualities are sd, hd, uhd (audio is for video "
        "calls)");
  }
  NUMRESP_RETURN_IF_ERROR(detail::check_user_network(options.net, "network"));
  NUMRESP_RETURN_IF_ERROR(validate(parameters));
  NUMRESP_ASSIGN_OR_RETURN(device_mix mix, mix_for(options.on, parameters.streaming_devices));
  const double hours = duration / units::hour;
  if (!(hours > 0)) return footprint{};  // the model's rule: no duration, no streaming
  return video(parameters, mix, hours, hours, 1, options.quality, options.net);
}

absl::StatusOr<footprint> video_call(units::duration duration, const video_options& options,
                                     const factors::factor_set& set) {
  NUMRESP_RETURN_IF_ERROR(detail::check_non_negative(duration / units::hour, "duration", "duration (h)"));
  NUMRESP_ASSIGN_OR_RETURN(video_parameters p, video_parameters::from_factors(set));
  return video_call(duration, options, p);
}

absl::StatusOr<footprint> video_call(units::duration duration, const video_options& options,
                                     const video_parameters& parameters) {
  NUMRESP_RETURN_IF_ERROR(detail::check_non_negative(duration / units::hour, "duration", "duration (h)"));
  NUMRESP_RETURN_IF_ERROR(detail::check_user_network(options.net, "network"));
  const double participants = options.participants.value_or(parameters.participants);
  NUMRESP_RETURN_IF_ERROR(detail::check_positive(participants, "participants", "number of devices"));
  NUMRESP_RETURN_IF_ERROR(validate(parameters));
  NUMRESP_ASSIGN_OR_RETURN(device_mix mix, mix_for(options.on, parameters.call_devices));
  const double hours = duration / units::hour;
  if (!(hours > 0)) return footprint{};  // the model's rule: no duration, no call
  // Every device is busy for the call ("emplacements × durée") and sends the stream; the data
  // centre serves the call once.
  return video(parameters, mix, participants * hours, hours, participants, options.quality, options.net);
}

absl::StatusOr<footprint> download(units::data_volume data, network net, const factors::factor_set& set) {
  NUMRESP_RETURN_IF_ERROR(detail::check_non_negative(data / units::byte, "data", "number of bytes"));
  NUMRESP_ASSIGN_OR_RETURN(video_parameters p, video_parameters::from_factors(set));
  return download(data, net, p);
}

absl::StatusOr<footprint> download(units::data_volume data, network net, const video_parameters& parameters) {
  NUMRESP_RETURN_IF_ERROR(detail::check_non_negative(data / units::byte, "data", "number of bytes"));
  NUMRESP_RETURN_IF_ERROR(detail::check_user_network(net, "network"));
  NUMRESP_RETURN_IF_ERROR(validate(parameters));
  const shared_parameters& s = parameters.shared;
  footprint f;
  const double gb = data / units::gigabyte;
  if (!(gb > 0)) return f;  // the model's rule: no size, no file
  f.transmission = (gb * g_per_gb(s, net)) * units::gram_co2e;
  // "facteur allocation serveur": (servers / data delivered a year) / server lifetime, × size.
  const double gb_per_year =
      parameters.viewing_hours_per_year() * (parameters.data_per_viewing * units::hour / units::gigabyte);
  const double server_share = ((parameters.servers() / gb_per_year) / (s.hardware.server_lifetime / units::year)) * gb;
  f.data_center_construction = s.hardware.construction(server_share, 0);
  const double joules = gb * (parameters.electricity_per_byte() * units::gigabyte / units::joule);
  f.data_center_use = (joules * g_per_joule(s.data_center_grid)) * units::gram_co2e;
  finish(f);
  return f;
}

absl::StatusOr<units::co2e_mass> network_transfer(units::data_volume data, network net,
                                                  const factors::factor_set& set) {
  NUMRESP_RETURN_IF_ERROR(detail::check_non_negative(data / units::byte, "data", "number of bytes"));
  NUMRESP_ASSIGN_OR_RETURN(units::co2e_per_data intensity, set.get<units::co2e_per_data>(factor_id(net)));
  return data * intensity;
}

absl::StatusOr<web_search_parameters> web_search_parameters::from_factors(const factors::factor_set& set) {
  web_search_parameters p;
  NUMRESP_ASSIGN_OR_RETURN(p.shared, shared_parameters::from_factors(set));
  NUMRESP_ASSIGN_OR_RETURN(p.devices, device_mix::from_factors(set, "web_search.model.device_share"));
  NUMRESP_RETURN_IF_ERROR(detail::read(set, "web_search.model.request_size", &p.request_size));
  NUMRESP_RETURN_IF_ERROR(detail::read(set, "web_search.model.page_size", &p.page_size));
  NUMRESP_RETURN_IF_ERROR(detail::read(set, "web_search.model.typing_time", &p.typing_time));
  NUMRESP_RETURN_IF_ERROR(detail::read(set, "web_search.model.reading_time", &p.reading_time));
  NUMRESP_RETURN_IF_ERROR(detail::read_number(set, "web_search.model.pages_read", &p.pages_read));
  NUMRESP_RETURN_IF_ERROR(detail::read(set, "web_search.model.server_data_processed", &p.server_data_processed));
  NUMRESP_RETURN_IF_ERROR(
      detail::read_number(set, "web_search.model.dc_electricity_multiplier", &p.electricity_multiplier));
  NUMRESP_RETURN_IF_ERROR(detail::read(set, "datacenter.model.server_active_power", &p.server_power));
  NUMRESP_RETURN_IF_ERROR(validate(p));
  return p;
}

absl::StatusOr<footprint> web_search(double searches, network net, device on, const factors::factor_set& set) {
  NUMRESP_RETURN_IF_ERROR(detail::check_non_negative(searches, "searches", "number of searches"));
  NUMRESP_ASSIGN_OR_RETURN(web_search_parameters p, web_search_parameters::from_factors(set));
  return web_search(searches, net, on, p);
}

absl::StatusOr<footprint> web_search(double searches, network net, device on, const web_search_parameters& p) {
  NUMRESP_RETURN_IF_ERROR(detail::check_non_negative(searches, "searches", "number of searches"));
  NUMRESP_RETURN_IF_ERROR(detail::check_user_network(net, "network"));
  if (on == device::television) {
    return absl::InvalidArgumentError(
        "device = television: the model offers no television for web search; the devices are mix, smartphone, "
        "tablet, laptop, desktop_monitor");
  }
  NUMRESP_RETURN_IF_ERROR(validate(p));
  NUMRESP_ASSIGN_OR_RETURN(device_mix mix, mix_for(on, p.devices));
  const shared_parameters& s = p.shared;
  footprint f;
  // Devices: typing + reading × pages read.
  const double seconds = (p.typing_time + p.reading_time * p.pages_read) / units::second;
  const detail::device_rates rates = detail::rates_of(mix, s.devices, s.device_grid);
  f.device_construction = (rates.construction_g_per_s * seconds) * units::gram_co2e;
  f.device_use = (rates.use_g_per_s * seconds) * units::gram_co2e;
  // Sizes in the model's units: ko / 1024 = Mo, Mo / 1024 = Go.
  const double step = s.data_unit_step;
  const double request_mb = (p.request_size / units::kilobyte) / step;
  const double page_mb = (p.page_size / units::kilobyte) / step;
  f.transmission = ((request_mb / step + p.pages_read * (page_mb / step)) * g_per_gb(s, net)) * units::gram_co2e;
  // One server, allocated by the data it processes (request + one page, as the model writes it).
  const double server_share = (request_mb + page_mb) / (p.server_data_processed / units::megabyte);
  f.data_center_construction = s.hardware.construction(server_share, 0);
  const double lifetime_kwh = (p.server_power * s.hardware.server_lifetime) / units::kilowatt_hour;
  const double kwh = (lifetime_kwh * server_share) * p.electricity_multiplier;
  f.data_center_use = (kwh * (s.data_center_grid * units::kilowatt_hour / units::gram_co2e)) * units::gram_co2e;
  finish(f);
  return f.scaled(searches);
}

}  // namespace numresp::usage
