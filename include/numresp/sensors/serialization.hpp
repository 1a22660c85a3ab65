/// @file
/// The binary format of every sensor aggregate (methodology: docs/methodology/sensors,
/// "Serialization"): a versioned, checksummed frame around each aggregate's own payload.
///
///     offset  size  field
///     0       4     magic "NRSA" (numresp sensor aggregate)
///     4       2     format version, little-endian (this library writes 1)
///     6       2     aggregate type (@ref numresp::sensors::aggregate_type)
///     8       4     payload length n, little-endian
///     12      n     payload (little-endian fields, written by the aggregate)
///     12 + n  4     CRC-32C (Castagnoli) of bytes [0, 12 + n), little-endian
///
/// Readers reject, with the byte offset: a short buffer, another magic (foreign bytes), a newer
/// format version, another aggregate type, a length that disagrees with the buffer, a checksum
/// mismatch (corrupt bytes), and trailing bytes. Golden files in tests/data/sensors/ pin the
/// format: a later version must still read them.
#ifndef NUMRESP_SENSORS_SERIALIZATION_HPP_
#define NUMRESP_SENSORS_SERIALIZATION_HPP_

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace numresp::sensors {

/// The aggregates that serialize, with their frame type.
enum class aggregate_type : std::uint16_t {
  stats = 1,            ///< count, sum, min, max, mean, variance
  quantile_sketch = 2,  ///< the KLL quantile sketch
  time_weight = 3,      ///< time-weighted average (LOCF or linear)
  counter = 4,          ///< reset-aware counter
  window_table = 5,     ///< a table of per-(sensor, window) stats states
};

/// The name of an aggregate type ("stats", "quantile_sketch", ...).
[[nodiscard]] absl::string_view to_string(aggregate_type t) noexcept;

/// The format version this library writes.
inline constexpr std::uint16_t format_version = 1;
/// Bytes before the payload.
inline constexpr std::size_t frame_header_size = 12;
/// Bytes after the payload.
inline constexpr std::size_t frame_trailer_size = 4;

/// CRC-32C (Castagnoli, reflected, initial and final XOR 0xFFFFFFFF) of `data`.
[[nodiscard]] std::uint32_t crc32c(absl::string_view data) noexcept;

/// Appends little-endian fields to a byte string.
class byte_writer {
 public:
  void u8(std::uint8_t v) { out_.push_back(static_cast<char>(v)); }
  void u16(std::uint16_t v) { put(v); }
  void u32(std::uint32_t v) { put(v); }
  void u64(std::uint64_t v) { put(v); }
  void i64(std::int64_t v) { put(static_cast<std::uint64_t>(v)); }
  void f64(double v) {
    std::uint64_t bits = 0;
    std::memcpy(&bits, &v, sizeof bits);
    put(bits);
  }
  void bytes(absl::string_view b) { out_.append(b.data(), b.size()); }
  /// The bytes written so far.
  [[nodiscard]] const std::string& str() const noexcept { return out_; }
  /// Moves the bytes out.
  [[nodiscard]] std::string take() { return std::move(out_); }

 private:
  template <class U>
  void put(U v) {
    for (std::size_t i = 0; i < sizeof(U); ++i) {
      out_.push_back(static_cast<char>((static_cast<std::uint64_t>(v) >> (8 * i)) & 0xFFu));
    }
  }
  std::string out_;
};

/// Reads little-endian fields with bounds checks; the first failure sticks, with its offset.
class byte_reader {
 public:
  /// Reads `data`; `base` is the offset of `data` in the whole buffer (for messages).
  explicit byte_reader(absl::string_view data, std::size_t base = 0) noexcept : data_(data), base_(base) {}
  bool u8(std::uint8_t& v, const char* field) { return get(v, field); }
  bool u16(std::uint16_t& v, const char* field) { return get(v, field); }
  bool u32(std::uint32_t& v, const char* field) { return get(v, field); }
  bool u64(std::uint64_t& v, const char* field) { return get(v, field); }
  bool i64(std::int64_t& v, const char* field) {
    std::uint64_t u = 0;
    if (!get(u, field)) return false;
    v = static_cast<std::int64_t>(u);
    return true;
  }
  bool f64(double& v, const char* field) {
    std::uint64_t bits = 0;
    if (!get(bits, field)) return false;
    std::memcpy(&v, &bits, sizeof v);
    return true;
  }
  /// `n` raw bytes.
  bool bytes(std::size_t n, absl::string_view& out, const char* field);
  /// Records a semantic error at the current offset (e.g. "count must be > 0").
  bool fail(const char* field, absl::string_view problem);
  /// True when every byte was read.
  [[nodiscard]] bool at_end() const noexcept { return pos_ == data_.size(); }
  /// Bytes left.
  [[nodiscard]] std::size_t remaining() const noexcept { return data_.size() - pos_; }
  /// Offset of the next byte in the whole buffer.
  [[nodiscard]] std::size_t offset() const noexcept { return base_ + pos_; }
  /// OK, or `kInvalidArgument` naming the field, the offset and the problem.
  [[nodiscard]] absl::Status status() const { return status_; }

 private:
  template <class U>
  bool get(U& v, const char* field) {
    if (!status_.ok()) return false;
    if (data_.size() - pos_ < sizeof(U)) {
      return fail(field, "truncated");
    }
    U out = 0;
    for (std::size_t i = 0; i < sizeof(U); ++i) {
      out = static_cast<U>(out | (static_cast<U>(static_cast<unsigned char>(data_[pos_ + i])) << (8 * i)));
    }
    pos_ += sizeof(U);
    v = out;
    return true;
  }
  absl::string_view data_;
  std::size_t base_ = 0;
  std::size_t pos_ = 0;
  absl::Status status_;
};

/// Wraps a payload in a frame.
[[nodiscard]] std::string write_frame(aggregate_type type, absl::string_view payload);

/// A checked frame: its version and payload (a view into the buffer).
struct frame {
  std::uint16_t version = 0;  ///< the writer's format version
  aggregate_type type{};      ///< the aggregate
  absl::string_view payload;  ///< the aggregate's bytes
};

/// Checks a frame and returns its payload.
/// @return `kInvalidArgument` naming the byte offset and the problem: a short buffer, foreign
///         bytes (magic), a newer version, another type than `expected`, a wrong length, a
///         checksum mismatch or trailing bytes.
[[nodiscard]] absl::StatusOr<frame> read_frame(absl::string_view bytes, aggregate_type expected);

}  // namespace numresp::sensors

#endif  // NUMRESP_SENSORS_SERIALIZATION_HPP_
