/// @file
/// Video streaming, video calls, web search, file download and network transfer, with ADEME's ACV
/// numérique model 2.1.0 (rules `streaming`, `visio`, `recherche web`, `fichier`, `transmission
/// par défaut`), rule for rule (methodology: docs/methodology/storage-streaming).
///
/// - **Streaming** one hour: the devices' construction and electricity for the hour (default mix:
///   70 % television, 15 % laptop, 10 % tablet, 5 % smartphone), the video's data (SD 0.7, HD 3,
///   ultra HD 7 GB/h) over the network, and a share of Netflix's servers and electricity (Netflix
///   ESG 2019, 167 M users watching 2 h a day, 1.9 GB/h).
/// - **Video call** one hour: the same per connected device (2 by default, laptops), the data sent
///   by each device, the data centre once per call; audio 168/1024 GB/h, SD by default.
/// - **Web search**: 50 s typing and 1 min reading on the email device mix, a 16 kB request and a
///   144.5 kB results page, and a share of a search server (BIO IS for ADEME, 2011).
/// - **Download** of a file: network and data centre (the model counts no device time: the
///   transfer runs in the background).
/// - **Network transfer**: data × the network's factor per GB (fixed or mobile, France or Europe,
///   with or without the home box).
///
/// With `ademe-2025` every value of the model's evaluation grid is reproduced to its 5
/// significant figures (e.g. 67.815 g for an hour of HD streaming on the fixed French network).
///
///     auto hd = numresp::usage::streaming(1.0 * numresp::units::hour);
///     // hd->total / numresp::units::gram_co2e ≈ 67.815
#ifndef NUMRESP_USAGE_STREAMING_HPP_
#define NUMRESP_USAGE_STREAMING_HPP_

#include <cstdint>
#include <optional>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "numresp/core/units.hpp"
#include "numresp/factors/factor_set.hpp"
#include "numresp/usage/acv.hpp"

namespace numresp::usage {

/// Quality of a video (or an audio-only call).
enum class video_quality : std::uint8_t {
  audio,  ///< audio only (video calls): `video_call.model.data_rate_audio`, 168/1024 GB/h
  sd,     ///< SD: `streaming.model.data_rate_sd`, 0.7 GB/h
  hd,     ///< HD: `streaming.model.data_rate_hd`, 3 GB/h
  uhd,    ///< ultra HD (4K): `streaming.model.data_rate_uhd`, 7 GB/h
};

/// "audio", "sd", "hd", "uhd".
[[nodiscard]] absl::string_view to_string(video_quality q) noexcept;
/// The quality named `name`. @return `kNotFound` naming the value and listing the qualities.
[[nodiscard]] absl::StatusOr<video_quality> parse_video_quality(absl::string_view name);

/// Parameters of streaming, video calls and downloads.
struct video_parameters {
  shared_parameters shared;           ///< devices, networks, data-centre hardware, grids
  device_mix streaming_devices;       ///< `streaming.model.device_share` factors
  device_mix call_devices;            ///< `video_call.model.device_share` factors
  data_rate audio_rate;               ///< `video_call.model.data_rate_audio` [byte/s]
  data_rate sd_rate;                  ///< `streaming.model.data_rate_sd` [byte/s]
  data_rate hd_rate;                  ///< `streaming.model.data_rate_hd` [byte/s]
  data_rate uhd_rate;                 ///< `streaming.model.data_rate_uhd` [byte/s]
  double participants = 0;            ///< `video_call.model.participants`: devices connected to a call
  units::power direct_electricity;    ///< `streaming.model.dc_direct_electricity`, as a mean power [W]
  units::power indirect_electricity;  ///< `streaming.model.dc_indirect_electricity`, as a mean power [W]
  double users = 0;                   ///< `streaming.model.users`
  double viewing_share = 0;  ///< `streaming.model.viewing_time_per_user`: share of each day a user watches (2 h / 24 h)
  /// `streaming.model.data_per_hour`: data per hour watched, to share out the servers [byte/s]
  data_rate data_per_viewing;
  double pue = 0;             ///< `datacenter.model.pue_streaming`: to count servers from the electricity
  units::power server_power;  ///< `datacenter.model.server_power` [W]

  /// The parameters of `set`.
  /// @return `kNotFound` naming a missing factor, `kInvalidArgument` for a factor in a wrong unit.
  [[nodiscard]] static absl::StatusOr<video_parameters> from_factors(
      const factors::factor_set& set = factors::default_set());
  /// The data rate of quality `q` [byte/s].
  [[nodiscard]] data_rate rate(video_quality q) const noexcept;
  /// Servers running the service: (direct + indirect electricity) / PUE / server power.
  [[nodiscard]] double servers() const noexcept;
  /// Hours watched per year by all users (users × viewing share × 8760 h).
  [[nodiscard]] double viewing_hours_per_year() const noexcept;
  /// Data-centre electricity per byte delivered [J/byte]: the service's yearly electricity over
  /// the yearly hours watched × data per hour (the model's 1.947 Wh/GB).
  [[nodiscard]] units::energy_per_data electricity_per_byte() const noexcept;
};

/// Choices of a video: quality, network, device.
struct video_options {
  video_quality quality = video_quality::hd;  ///< streaming: sd, hd, uhd; calls also audio
  network net = network::fixed_fra;           ///< one of the four user networks
  device on = device::mix;                    ///< the usage's default mix, or one device
  std::optional<double> participants;  ///< video calls: devices connected (default `video_call.model.participants`)
};

/// Streaming a video for `duration` [g CO2e per stage].
/// @return `kInvalidArgument` for a negative or non-finite duration (named with its value), an
///         audio quality or a network without the box; errors of @ref video_parameters::from_factors.
[[nodiscard]] absl::StatusOr<footprint> streaming(units::duration duration, const video_options& options = {},
                                                  const factors::factor_set& set = factors::default_set());
/// As above, with given parameters.
[[nodiscard]] absl::StatusOr<footprint> streaming(units::duration duration, const video_options& options,
                                                  const video_parameters& parameters);

/// A video call of `duration`, all connected devices together [g CO2e per stage]. Pass
/// @ref video_call_options() for the model's defaults (SD); a default `video_options` is HD.
/// @return as @ref streaming, and `kInvalidArgument` for participants not finite and > 0.
[[nodiscard]] absl::StatusOr<footprint> video_call(units::duration duration, const video_options& options,
                                                   const factors::factor_set& set = factors::default_set());
/// As above, with given parameters.
[[nodiscard]] absl::StatusOr<footprint> video_call(units::duration duration, const video_options& options,
                                                   const video_parameters& parameters);
/// The model's defaults for a video call: SD on the fixed French network, the call's device mix.
[[nodiscard]] video_options video_call_options() noexcept;

/// A file download (or upload) of `data` over `net`: network and data centre, no device time
/// [g CO2e per stage].
/// @return `kInvalidArgument` for negative or non-finite `data` or a network without the box.
[[nodiscard]] absl::StatusOr<footprint> download(units::data_volume data, network net = network::fixed_fra,
                                                 const factors::factor_set& set = factors::default_set());
/// As above, with given parameters.
[[nodiscard]] absl::StatusOr<footprint> download(units::data_volume data, network net,
                                                 const video_parameters& parameters);

/// Emissions of transferring `data` over `net` (any of the six networks): data × the network's
/// factor per GB [g CO2e]. Network only: no device, no data centre.
/// @return `kInvalidArgument` for negative or non-finite `data`, `kNotFound` without the factor.
[[nodiscard]] absl::StatusOr<units::co2e_mass> network_transfer(
    units::data_volume data, network net = network::fixed_fra, const factors::factor_set& set = factors::default_set());

/// Parameters of a web search.
struct web_search_parameters {
  shared_parameters shared;         ///< devices, networks, data-centre hardware, grids
  device_mix devices;               ///< `web_search.model.device_share` factors
  units::data_volume request_size;  ///< `web_search.model.request_size` [byte]
  units::data_volume page_size;     ///< `web_search.model.page_size` [byte]
  units::duration typing_time;      ///< `web_search.model.typing_time` [s]
  units::duration reading_time;     ///< `web_search.model.reading_time`, per page [s]
  double pages_read = 0;            ///< `web_search.model.pages_read`
  /// `web_search.model.server_data_processed`: what a server processes in its life [byte]
  units::data_volume server_data_processed;
  double electricity_multiplier = 0;  ///< `web_search.model.dc_electricity_multiplier`: the model's unexplained × 1000
  units::power server_power;          ///< `datacenter.model.server_active_power` [W]

  /// The parameters of `set`.
  /// @return `kNotFound` naming a missing factor, `kInvalidArgument` for a factor in a wrong unit.
  [[nodiscard]] static absl::StatusOr<web_search_parameters> from_factors(
      const factors::factor_set& set = factors::default_set());
};

/// `searches` web searches (finite, >= 0) on `net` with device `on` (mix, smartphone, tablet,
/// laptop or desktop_monitor) [g CO2e per stage].
/// @return `kInvalidArgument` for a bad count (named with its value), a television or a network
///         without the box; errors of @ref web_search_parameters::from_factors.
[[nodiscard]] absl::StatusOr<footprint> web_search(double searches = 1, network net = network::fixed_fra,
                                                   device on = device::mix,
                                                   const factors::factor_set& set = factors::default_set());
/// As above, with given parameters.
[[nodiscard]] absl::StatusOr<footprint> web_search(double searches, network net, device on,
                                                   const web_search_parameters& parameters);

}  // namespace numresp::usage

#endif  // NUMRESP_USAGE_STREAMING_HPP_
