/// @file
/// Cayenne LPP (Low Power Payload) decoding (methodology: docs/methodology/lorawan).
///
/// A payload is a sequence of entries `channel (1 byte) | type (1 byte) | data (N bytes)`, where
/// the type fixes N; every multi-byte field is big-endian, two's complement when signed, and a
/// value is its integer divided by the type's multiplier. numresp decodes the 12 base types of
/// the myDevices specification, the extended types of ElectronicCats/CayenneLPP (the table in
/// docs/methodology/lorawan), magnetometer (114, the npm `cayenne-lpp` package) and load (122,
/// pycayennelpp). Where encoders disagree, numresp follows the table: voltage, current and
/// barometer are unsigned, 4-byte types are unsigned 32-bit (no JavaScript sign flip), GPS
/// fields are signed 24-bit.
///
/// A payload decodes completely or not at all: an unknown type (its size is unknown, so nothing
/// after it can be read), a truncated entry or a dangling channel byte is an error naming the
/// byte offset of the entry, its channel and type. No byte past the payload is ever read (a
/// libFuzzer target checks it, fuzz/lorawan_fuzz.cpp).
///
///     auto values = numresp::sensors::decode_cayenne_lpp(payload);   // "\x03\x67\x01\x10"
///     // (*values)[0]: channel 3, temperature, 27.2 °C
///
///     // Without allocating (the callback runs only for a valid payload):
///     absl::Status s = numresp::sensors::decode_cayenne_lpp(payload, [&](const lpp_value& v) { ... });
#ifndef NUMRESP_SENSORS_CAYENNE_LPP_HPP_
#define NUMRESP_SENSORS_CAYENNE_LPP_HPP_

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"

namespace numresp::sensors {

/// The Cayenne LPP data types numresp decodes; the value is the type byte (IPSO object id − 3200).
enum class lpp_type : std::uint8_t {
  digital_input = 0,     ///< 1 byte, unsigned
  digital_output = 1,    ///< 1 byte, unsigned
  analog_input = 2,      ///< 2 bytes, signed, 0.01
  analog_output = 3,     ///< 2 bytes, signed, 0.01
  generic_sensor = 100,  ///< 4 bytes, unsigned, 1 (extended)
  illuminance = 101,     ///< 2 bytes, unsigned, 1 lx
  presence = 102,        ///< 1 byte, unsigned
  temperature = 103,     ///< 2 bytes, signed, 0.1 °C
  humidity = 104,        ///< 1 byte, unsigned, 0.5 %
  accelerometer = 113,   ///< 3 × 2 bytes, signed, 0.001 G
  magnetometer = 114,    ///< 3 × 2 bytes, signed, 0.001 (npm `cayenne-lpp` only)
  barometer = 115,       ///< 2 bytes, unsigned, 0.1 hPa
  voltage = 116,         ///< 2 bytes, unsigned, 0.01 V (extended)
  current = 117,         ///< 2 bytes, unsigned, 0.001 A (extended)
  frequency = 118,       ///< 4 bytes, unsigned, 1 Hz (extended)
  percentage = 120,      ///< 1 byte, unsigned, 1 % (extended)
  altitude = 121,        ///< 2 bytes, signed, 1 m (extended)
  load = 122,            ///< 3 bytes, signed, 0.001 kg (pycayennelpp only)
  concentration = 125,   ///< 2 bytes, unsigned, 1 ppm (extended)
  power = 128,           ///< 2 bytes, unsigned, 1 W (extended)
  distance = 130,        ///< 4 bytes, unsigned, 0.001 m (extended)
  energy = 131,          ///< 4 bytes, unsigned, 0.001 kWh (extended)
  direction = 132,       ///< 2 bytes, unsigned, 1° (extended)
  unix_time = 133,       ///< 4 bytes, unsigned, 1 s (extended)
  gyrometer = 134,       ///< 3 × 2 bytes, signed, 0.01 °/s
  colour = 135,          ///< 3 × 1 byte, unsigned: red, green, blue (extended)
  gps = 136,             ///< 3 × 3 bytes, signed: latitude 0.0001°, longitude 0.0001°, altitude 0.01 m
  on_off_switch = 142,   ///< 1 byte, unsigned, 0/1 (extended; IPSO "On/Off switch", its name is "switch")
};

/// Where a type is defined.
enum class lpp_source : std::uint8_t {
  base,      ///< the myDevices Cayenne LPP specification (npm `cayenne-lpp` 1.0.2 is the oracle)
  extended,  ///< ElectronicCats/CayenneLPP (IPSO object id − 3200)
  other,     ///< a single implementation: magnetometer (npm `cayenne-lpp`), load (pycayennelpp)
};

/// One row of the type table.
struct lpp_type_info {
  lpp_type type;                                ///< the type
  std::uint16_t ipso;                           ///< IPSO object id (type + 3200)
  absl::string_view name;                       ///< snake_case name: "temperature", "gps", "switch", ...
  std::uint8_t size;                            ///< data bytes after the channel and type bytes
  std::uint8_t count;                           ///< values, 1 or 3
  std::uint8_t width;                           ///< bytes per value (size / count)
  bool is_signed;                               ///< two's complement
  std::array<double, 3> divisor;                ///< value = integer / divisor (the encoders' multiplier)
  std::array<absl::string_view, 3> components;  ///< "x", "y", "z" / "latitude", ... ; empty for one value
  std::array<absl::string_view, 3> units;       ///< per value: "°C", "G", "°", "m", ... ; "" for none
  lpp_source source;                            ///< where the type is defined
};

namespace detail {

inline constexpr std::array<double, 3> kOne = {1, 1, 1};
inline constexpr std::array<absl::string_view, 3> kScalar = {"", "", ""};
inline constexpr std::array<absl::string_view, 3> kXyz = {"x", "y", "z"};

constexpr lpp_type_info scalar(lpp_type type, absl::string_view name, std::uint8_t size, bool is_signed, double divisor,
                               absl::string_view unit, lpp_source source) {
  lpp_type_info t{};
  t.type = type;
  t.ipso = static_cast<std::uint16_t>(static_cast<std::uint16_t>(type) + 3200);
  t.name = name;
  t.size = size;
  t.count = 1;
  t.width = size;
  t.is_signed = is_signed;
  t.divisor = {divisor, 1, 1};
  t.components = kScalar;
  t.units = {unit, "", ""};
  t.source = source;
  return t;
}

constexpr lpp_type_info triple(lpp_type type, absl::string_view name, std::uint8_t width, bool is_signed,
                               std::array<double, 3> divisor, std::array<absl::string_view, 3> components,
                               std::array<absl::string_view, 3> units, lpp_source source) {
  lpp_type_info t{};
  t.type = type;
  t.ipso = static_cast<std::uint16_t>(static_cast<std::uint16_t>(type) + 3200);
  t.name = name;
  t.size = static_cast<std::uint8_t>(3 * width);
  t.count = 3;
  t.width = width;
  t.is_signed = is_signed;
  t.divisor = divisor;
  t.components = components;
  t.units = units;
  t.source = source;
  return t;
}

// The table of docs/methodology/lorawan, in type order.
inline constexpr std::array<lpp_type_info, 28> kLppTypes = {
    scalar(lpp_type::digital_input, "digital_input", 1, false, 1, "", lpp_source::base),
    scalar(lpp_type::digital_output, "digital_output", 1, false, 1, "", lpp_source::base),
    scalar(lpp_type::analog_input, "analog_input", 2, true, 100, "", lpp_source::base),
    scalar(lpp_type::analog_output, "analog_output", 2, true, 100, "", lpp_source::base),
    scalar(lpp_type::generic_sensor, "generic_sensor", 4, false, 1, "", lpp_source::extended),
    scalar(lpp_type::illuminance, "illuminance", 2, false, 1, "lx", lpp_source::base),
    scalar(lpp_type::presence, "presence", 1, false, 1, "", lpp_source::base),
    scalar(lpp_type::temperature, "temperature", 2, true, 10, "°C", lpp_source::base),
    scalar(lpp_type::humidity, "humidity", 1, false, 2, "%", lpp_source::base),
    triple(lpp_type::accelerometer, "accelerometer", 2, true, {1000, 1000, 1000}, kXyz, {"G", "G", "G"},
           lpp_source::base),
    triple(lpp_type::magnetometer, "magnetometer", 2, true, {1000, 1000, 1000}, kXyz, {"", "", ""}, lpp_source::other),
    scalar(lpp_type::barometer, "barometer", 2, false, 10, "hPa", lpp_source::base),
    scalar(lpp_type::voltage, "voltage", 2, false, 100, "V", lpp_source::extended),
    scalar(lpp_type::current, "current", 2, false, 1000, "A", lpp_source::extended),
    scalar(lpp_type::frequency, "frequency", 4, false, 1, "Hz", lpp_source::extended),
    scalar(lpp_type::percentage, "percentage", 1, false, 1, "%", lpp_source::extended),
    scalar(lpp_type::altitude, "altitude", 2, true, 1, "m", lpp_source::extended),
    scalar(lpp_type::load, "load", 3, true, 1000, "kg", lpp_source::other),
    scalar(lpp_type::concentration, "concentration", 2, false, 1, "ppm", lpp_source::extended),
    scalar(lpp_type::power, "power", 2, false, 1, "W", lpp_source::extended),
    scalar(lpp_type::distance, "distance", 4, false, 1000, "m", lpp_source::extended),
    scalar(lpp_type::energy, "energy", 4, false, 1000, "kWh", lpp_source::extended),
    scalar(lpp_type::direction, "direction", 2, false, 1, "°", lpp_source::extended),
    scalar(lpp_type::unix_time, "unix_time", 4, false, 1, "s", lpp_source::extended),
    triple(lpp_type::gyrometer, "gyrometer", 2, true, {100, 100, 100}, kXyz, {"°/s", "°/s", "°/s"}, lpp_source::base),
    triple(lpp_type::colour, "colour", 1, false, kOne, {"red", "green", "blue"}, {"", "", ""}, lpp_source::extended),
    triple(lpp_type::gps, "gps", 3, true, {10000, 10000, 100}, {"latitude", "longitude", "altitude"}, {"°", "°", "m"},
           lpp_source::base),
    scalar(lpp_type::on_off_switch, "switch", 1, false, 1, "", lpp_source::extended),
};

// What lpp_info() answers for a value outside the enumeration.
inline constexpr lpp_type_info kUnknownType = {
    lpp_type::digital_input, 0, "unknown", 0, 0, 0, false, kOne, kScalar, kScalar, lpp_source::other};

inline constexpr std::uint8_t kNoType = 0xFF;

constexpr std::array<std::uint8_t, 256> make_lpp_index() {
  std::array<std::uint8_t, 256> index{};
  for (std::size_t i = 0; i < index.size(); ++i) index[i] = kNoType;
  for (std::size_t i = 0; i < kLppTypes.size(); ++i) {
    index[static_cast<std::uint8_t>(kLppTypes[i].type)] = static_cast<std::uint8_t>(i);
  }
  return index;
}

// Type byte -> row of kLppTypes, kNoType for an unknown type.
inline constexpr std::array<std::uint8_t, 256> kLppIndex = make_lpp_index();

}  // namespace detail

/// Every type numresp decodes, in type order.
[[nodiscard]] constexpr absl::Span<const lpp_type_info> lpp_types() noexcept { return detail::kLppTypes; }

/// The table row of a type byte, or nullptr for a type numresp does not decode.
[[nodiscard]] constexpr const lpp_type_info* find_lpp_type(std::uint8_t code) noexcept {
  const std::uint8_t i = detail::kLppIndex[code];
  return i == detail::kNoType ? nullptr : &detail::kLppTypes[i];
}

/// The table row of a type name ("temperature", "gps", ...), or nullptr.
[[nodiscard]] const lpp_type_info* find_lpp_type(absl::string_view name) noexcept;

/// The table row of a type (a row named "unknown", of size 0, for a value outside the enumeration).
[[nodiscard]] constexpr const lpp_type_info& lpp_info(lpp_type t) noexcept {
  const std::uint8_t i = detail::kLppIndex[static_cast<std::uint8_t>(t)];
  return i == detail::kNoType ? detail::kUnknownType : detail::kLppTypes[i];
}

/// One decoded entry of a payload: no allocation, trivially copyable.
struct lpp_value {
  std::uint8_t channel = 0;                 ///< the entry's channel byte
  lpp_type type = lpp_type::digital_input;  ///< the entry's type
  std::uint8_t count = 1;                   ///< values used in `values` (1 or 3)
  std::uint32_t offset = 0;                 ///< byte offset of the entry (its channel byte) in the payload
  std::array<double, 3> values{};           ///< the value(s): x, y, z; latitude, longitude, altitude; ...

  /// The type's table row.
  [[nodiscard]] const lpp_type_info& type_info() const noexcept { return lpp_info(type); }
  /// The type's name ("temperature").
  [[nodiscard]] absl::string_view name() const noexcept { return lpp_info(type).name; }
  /// The unit of value `i` ("°C"; "" for a dimensionless value).
  [[nodiscard]] absl::string_view unit(std::size_t i = 0) const noexcept { return lpp_info(type).units[i % 3]; }
  /// The first (or only) value.
  [[nodiscard]] double value() const noexcept { return values[0]; }
};

/// Checks a payload without decoding it.
/// @return the number of entries, or `kInvalidArgument` naming the byte offset of the bad entry,
///         its channel, its type and the problem (unknown type, truncated value, channel byte
///         without a type).
[[nodiscard]] absl::StatusOr<std::size_t> validate_cayenne_lpp(absl::string_view payload);

namespace detail {

// The value of the `width`-byte (1 to 4) big-endian field at `p`, as a double, before the divisor.
inline double lpp_field(const unsigned char* p, std::uint8_t width, bool is_signed) noexcept {
  std::uint32_t raw = 0;
  switch (width) {
    case 1:
      raw = p[0];
      break;
    case 2:
      raw = (std::uint32_t{p[0]} << 8) | p[1];
      break;
    case 3:
      raw = (std::uint32_t{p[0]} << 16) | (std::uint32_t{p[1]} << 8) | p[2];
      break;
    default:
      raw = (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) | p[3];
      break;
  }
  if (is_signed) {
    // Two's complement of a `width`-byte field: flip the sign bit, subtract its weight.
    const std::int64_t sign = std::int64_t{1} << (8 * width - 1);
    return static_cast<double>(static_cast<std::int64_t>(raw ^ static_cast<std::uint32_t>(sign)) - sign);
  }
  return static_cast<double>(raw);
}

// Decodes a payload that validate_cayenne_lpp accepted.
template <class F>
void decode_valid_lpp(absl::string_view payload, F& on_value) {
  const auto* p = reinterpret_cast<const unsigned char*>(payload.data());
  const std::size_t n = payload.size();
  std::size_t pos = 0;
  while (pos + 2 <= n) {
    const lpp_type_info& t = kLppTypes[kLppIndex[p[pos + 1]]];
    lpp_value v;
    v.channel = p[pos];
    v.type = t.type;
    v.count = t.count;
    v.offset = static_cast<std::uint32_t>(pos);
    const unsigned char* data = p + pos + 2;
    for (std::uint8_t i = 0; i < t.count; ++i) {
      v.values[i] = lpp_field(data + i * t.width, t.width, t.is_signed) / t.divisor[i];
    }
    pos += 2 + t.size;
    on_value(static_cast<const lpp_value&>(v));
  }
}

// One decoded entry before it becomes an lpp_value (trivial: an array of them is not zeroed).
struct lpp_slot {
  std::uint32_t offset;
  std::uint8_t channel;
  std::uint8_t row;
  double v[3];
};

// Payloads up to this many bytes (so at most a third as many entries) decode in one pass.
inline constexpr std::size_t kLppOnePassBytes = 96;

// Decodes and checks in one pass into `out` (room for n / 3 entries); false at the first bad
// entry (the caller then asks validate_cayenne_lpp for the message).
inline bool decode_checked_lpp(const unsigned char* p, std::size_t n, lpp_slot* out, std::size_t& count) noexcept {
  std::size_t pos = 0;
  std::size_t k = 0;
  while (pos < n) {
    if (n - pos < 2) return false;
    const std::uint8_t row = kLppIndex[p[pos + 1]];
    if (row == kNoType) return false;
    const lpp_type_info& t = kLppTypes[row];
    if (n - pos - 2 < t.size) return false;
    lpp_slot& s = out[k++];
    s.offset = static_cast<std::uint32_t>(pos);
    s.channel = p[pos];
    s.row = row;
    s.v[1] = 0;
    s.v[2] = 0;
    const unsigned char* data = p + pos + 2;
    for (std::uint8_t i = 0; i < t.count; ++i) {
      s.v[i] = lpp_field(data + i * t.width, t.width, t.is_signed) / t.divisor[i];
    }
    pos += 2 + std::size_t{t.size};
  }
  count = k;
  return true;
}

// The error of a payload decode_checked_lpp refused.
[[nodiscard]] absl::Status lpp_error(absl::string_view payload);

}  // namespace detail

/// Decodes a payload, calling `on_value(const lpp_value&)` for each entry in order, without
/// allocating. The payload is checked first: on an error no callback runs.
/// @return OK, or the error of @ref validate_cayenne_lpp.
template <class F>
absl::Status decode_cayenne_lpp(absl::string_view payload, F&& on_value) {
  if (payload.size() <= detail::kLppOnePassBytes) {
    detail::lpp_slot slots[detail::kLppOnePassBytes / 3];
    std::size_t count = 0;
    if (!detail::decode_checked_lpp(reinterpret_cast<const unsigned char*>(payload.data()), payload.size(), slots,
                                    count)) {
      return detail::lpp_error(payload);
    }
    for (std::size_t i = 0; i < count; ++i) {
      const detail::lpp_slot& s = slots[i];
      const lpp_type_info& t = detail::kLppTypes[s.row];
      lpp_value v;
      v.channel = s.channel;
      v.type = t.type;
      v.count = t.count;
      v.offset = s.offset;
      v.values = {s.v[0], s.v[1], s.v[2]};
      on_value(static_cast<const lpp_value&>(v));
    }
    return absl::OkStatus();
  }
  absl::StatusOr<std::size_t> entries = validate_cayenne_lpp(payload);
  if (!entries.ok()) return entries.status();
  detail::decode_valid_lpp(payload, on_value);
  return absl::OkStatus();
}

/// Decodes a payload into values, in payload order (a channel may repeat: every entry is kept).
/// @return the values, or `kInvalidArgument` (see @ref validate_cayenne_lpp).
[[nodiscard]] absl::StatusOr<std::vector<lpp_value>> decode_cayenne_lpp(absl::string_view payload);

/// Decodes a payload into the caller's buffer.
/// @return the number of values written, `kInvalidArgument` for a bad payload, or
///         `kOutOfRange` when `out` is too small (nothing useful is written then).
[[nodiscard]] absl::StatusOr<std::size_t> decode_cayenne_lpp_into(absl::string_view payload, absl::Span<lpp_value> out);

}  // namespace numresp::sensors

#endif  // NUMRESP_SENSORS_CAYENNE_LPP_HPP_
