/// @file
/// LoRaWAN uplink ingestion (methodology: docs/methodology/lorawan): ChirpStack v4 `up` events
/// as JSON lines, de-duplicated on (device EUI, frame counter), their Cayenne LPP payloads decoded
/// into readings, with an account of every line.
///
/// Every non-blank line is received, then exactly one of accepted, duplicate or rejected, so
/// `accepted + duplicates + rejected == received` always holds; a rejection names the line
/// (1-based), the byte offset of the line in the input, the field and the reason. A malformed
/// line or payload is an error for that line only: never a crash or a read past the buffer (a
/// libFuzzer target checks it, fuzz/lorawan_fuzz.cpp).
///
///     numresp::sensors::uplink_ingestor in;
///     for (std::string line; std::getline(std::cin, line);) in.add_line(line);
///     for (const auto& r : in.readings()) { ... r.dev_eui, r.time, r.channel, r.type, r.values[0] ... }
///     // in.report(): received, accepted, duplicates, rejected, rejections
///
/// The event fields used (ChirpStack v4, protobuf JSON names):
///
///  - required: `deviceInfo.devEui` (16 hex digits), `fCnt` (0 to 2^32 − 1), `fPort` (0 to 255),
///    `data` (base64, standard or URL-safe alphabet, padding optional; "" is an empty payload)
///    and a timestamp: `time`, else the earliest `rxInfo[].nsTime`, else the earliest
///    `rxInfo[].gwTime` (or its pre-4.6 name `rxInfo[].time`), RFC 3339;
///  - optional: `deduplicationId`, `deviceInfo.deviceName`, `rxInfo[]` (`gatewayId`, `rssi`,
///    `snr`; an absent number is 0, as protobuf JSON omits zeros there), `object` (kept as JSON
///    text, not interpreted: readings come from decoding `data`). Other fields are ignored.
#ifndef NUMRESP_SENSORS_LORAWAN_HPP_
#define NUMRESP_SENSORS_LORAWAN_HPP_

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "numresp/sensors/cayenne_lpp.hpp"

namespace numresp::sensors {

/// One gateway's reception of an uplink (`rxInfo[]`).
struct gateway_rx {
  std::string gateway_id;  ///< `gatewayId`, as written
  int rssi = 0;            ///< `rssi` [dBm]
  double snr = 0;          ///< `snr` [dB]
};

/// Which field gave `uplink::received`.
enum class time_source : std::uint8_t {
  event_time,    ///< the event's `time`
  ns_time,       ///< the earliest `rxInfo[].nsTime` (network server reception)
  gateway_time,  ///< the earliest `rxInfo[].gwTime` (or legacy `rxInfo[].time`)
};

/// The name of a time source ("time", "rxInfo.nsTime", "rxInfo.gwTime").
[[nodiscard]] absl::string_view to_string(time_source s) noexcept;

/// A ChirpStack v4 uplink event.
struct uplink {
  std::string dev_eui;                                  ///< `deviceInfo.devEui`, normalised to 16 lower-case hex digits
  std::uint64_t dev_eui_value = 0;                      ///< the same EUI-64 as a number
  std::uint32_t f_cnt = 0;                              ///< `fCnt`, the 32-bit frame counter
  absl::Time received;                                  ///< UTC, from `received_from`
  time_source received_from = time_source::event_time;  ///< the field that gave `received`
  std::string payload_bytes;     ///< `data`, base64-decoded (the application payload, FRMPayload)
  int f_port = 0;                ///< `fPort` (0 = MAC commands only, 1 to 223 application)
  std::vector<gateway_rx> rx;    ///< `rxInfo[]`: the gateways that heard it
  std::string device_name;       ///< `deviceInfo.deviceName`, "" when absent
  std::string deduplication_id;  ///< `deduplicationId`, "" when absent
  std::string object_json;       ///< `object` (a codec's decoding) as JSON text, "" when absent
};

/// Parses one ChirpStack v4 `up` event.
/// @return the uplink, or `kInvalidArgument` "<field>: <problem>" for invalid JSON (with the byte
///         offset), a missing or mistyped required field, a bad EUI, bad base64 (with the
///         character position), a bad timestamp, or no timestamp at all.
[[nodiscard]] absl::StatusOr<uplink> parse_uplink_json(absl::string_view line);

/// Decodes base64 (standard `+/` or URL-safe `-_` alphabet, one per text; `=` padding optional
/// but, when present, complete).
/// @return the bytes, or `kInvalidArgument` naming the position of the first bad character, a bad
///         length or padding, or non-zero bits after the last byte.
[[nodiscard]] absl::StatusOr<std::string> decode_base64(absl::string_view text);

/// The 16 lower-case hex digits of an EUI-64.
[[nodiscard]] std::string eui_to_string(std::uint64_t eui);

/// One value of an accepted uplink: one Cayenne LPP entry.
struct uplink_reading {
  std::uint64_t dev_eui = 0;                ///< the device's EUI-64 (@ref eui_to_string for text)
  std::uint32_t f_cnt = 0;                  ///< frame counter of the uplink
  absl::Time time;                          ///< the uplink's time (UTC)
  std::uint8_t f_port = 0;                  ///< the uplink's port
  std::uint8_t channel = 0;                 ///< the LPP channel
  lpp_type type = lpp_type::digital_input;  ///< the LPP type (@ref lpp_info for its name and units)
  std::uint8_t count = 1;                   ///< values used (1 or 3)
  std::array<double, 3> values{};           ///< the value(s)
  std::uint32_t gateways = 0;               ///< distinct gateways that heard the frame, copies included
  std::uint32_t line = 0;                   ///< 1-based line of the kept copy
};

/// What the ingestion does.
struct ingest_options {
  /// Two uplinks with the same (device EUI, frame counter) and the same payload whose times are
  /// at most this far apart are copies of one frame (several gateways, a replay, a LoRaWAN
  /// retransmission); further apart, or with another payload, the counter was reused (the device
  /// rejoined and restarted at 0) and both frames are kept. Must be >= 0.
  absl::Duration dedup_window = absl::Minutes(5);
  /// The fPorts that carry Cayenne LPP; empty = every port from 1 to 255. An uplink on another
  /// port (and every fPort 0 uplink, MAC commands only) is rejected with field "fPort".
  std::vector<int> lpp_ports;
  /// Add a duplicate's gateways to the kept frame's `gateways` count (for the readings still held).
  bool merge_gateways = true;
  /// Lines longer than this are rejected unread (field "line").
  std::size_t max_line_bytes = std::size_t{1} << 20;
  /// Rejections kept with their details; the counts stay exact beyond it.
  std::size_t max_rejections = 100000;

  /// `kInvalidArgument` for a negative or infinite window, or a port outside 0 to 255.
  [[nodiscard]] absl::Status validate() const;
};

/// Why a line was rejected.
struct rejection {
  std::size_t line = 0;    ///< 1-based line number
  std::size_t offset = 0;  ///< byte offset of the line's first byte in the input
  std::string field;       ///< "json", "deviceInfo.devEui", "fCnt", "data", "time", "fPort", "line", ...
  std::string reason;      ///< what is wrong, with the value or the byte offset in the field
};

/// The account of an ingestion.
struct ingest_report {
  std::size_t received = 0;            ///< non-blank lines
  std::size_t accepted = 0;            ///< new frames, decoded
  std::size_t duplicates = 0;          ///< copies of an accepted frame
  std::size_t rejected = 0;            ///< lines that were not a valid LPP uplink
  std::size_t readings = 0;            ///< values decoded from the accepted frames
  std::size_t counter_reuses = 0;      ///< accepted frames whose (EUI, counter) had been accepted before
  std::size_t rejections_dropped = 0;  ///< rejections counted but not kept (`max_rejections`)
  std::vector<rejection> rejections;   ///< the first `max_rejections` rejections, in input order

  /// accepted + duplicates + rejected == received.
  [[nodiscard]] bool balanced() const noexcept { return accepted + duplicates + rejected == received; }
};

/// What happened to one line.
enum class line_outcome : std::uint8_t {
  blank,      ///< empty or whitespace only: not counted
  accepted,   ///< a new frame, its readings added
  duplicate,  ///< a copy of a frame accepted before
  rejected,   ///< see the report's rejections
};

/// Ingests uplinks one line at a time (a service reading a stream).
class uplink_ingestor {
 public:
  /// An ingestor with the default options.
  uplink_ingestor();
  /// An ingestor with `options`.
  /// @return `kInvalidArgument` for bad options (see @ref ingest_options::validate).
  [[nodiscard]] static absl::StatusOr<uplink_ingestor> create(ingest_options options);
  ~uplink_ingestor();
  uplink_ingestor(uplink_ingestor&&) noexcept;
  uplink_ingestor& operator=(uplink_ingestor&&) noexcept;
  uplink_ingestor(const uplink_ingestor&) = delete;
  uplink_ingestor& operator=(const uplink_ingestor&) = delete;

  /// One line, with or without its terminator ("\n" or "\r\n"). Its byte offset is the sum of
  /// the sizes of the lines before it, each counted with one "\n" when given without it (as
  /// std::getline returns them).
  line_outcome add_line(absl::string_view line);
  /// An uplink parsed elsewhere, counted as the next line.
  line_outcome add_uplink(uplink u);

  /// The account so far.
  [[nodiscard]] const ingest_report& report() const noexcept;
  /// The readings accepted so far and not taken, in input order.
  [[nodiscard]] const std::vector<uplink_reading>& readings() const noexcept;
  /// Moves the readings out; later duplicates no longer update their `gateways`.
  [[nodiscard]] std::vector<uplink_reading> take_readings();
  /// Forgets the frames older than `t` (bounds the memory of a long-running service): a copy of
  /// such a frame arriving later is accepted again.
  void forget_before(absl::Time t);
  /// Frames remembered for de-duplication.
  [[nodiscard]] std::size_t frames_tracked() const noexcept;

 private:
  struct state;
  explicit uplink_ingestor(std::unique_ptr<state> s) noexcept;
  std::unique_ptr<state> state_;
};

/// The result of a batch ingestion.
struct ingest_result {
  std::vector<uplink_reading> readings;  ///< in input order of their frames
  ingest_report report;                  ///< the account
};

/// Ingests JSON lines ("\n" or "\r\n" separated; the last line may lack its terminator).
/// @return the readings and the report, or `kInvalidArgument` for bad options (a bad line is a
///         rejection in the report, not an error).
[[nodiscard]] absl::StatusOr<ingest_result> ingest_uplinks(absl::string_view jsonl_text,
                                                           const ingest_options& options = {});

}  // namespace numresp::sensors

#endif  // NUMRESP_SENSORS_LORAWAN_HPP_
