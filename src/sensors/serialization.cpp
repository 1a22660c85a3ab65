#include "numresp/sensors/serialization.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"

namespace numresp::sensors {
namespace {

constexpr char kMagic[4] = {'N', 'R', 'S', 'A'};

constexpr std::array<std::uint32_t, 256> make_table() {
  std::array<std::uint32_t, 256> t{};
  for (std::uint32_t i = 0; i < 256; ++i) {
    std::uint32_t c = i;
    for (int k = 0; k < 8; ++k) c = (c & 1u) != 0 ? 0x82F63B78u ^ (c >> 1) : c >> 1;
    t[i] = c;
  }
  return t;
}
constexpr std::array<std::uint32_t, 256> kTable = make_table();

}  // namespace

absl::string_view to_string(aggregate_type t) noexcept {
  switch (t) {
    case aggregate_type::stats:
      return "stats";
    case aggregate_type::quantile_sketch:
      return "quantile_sketch";
    case aggregate_type::time_weight:
      return "time_weight";
    case aggregate_type::counter:
      return "counter";
    case aggregate_type::window_table:
      return "window_table";
  }
  return "unknown";
}

std::uint32_t crc32c(absl::string_view data) noexcept {
  std::uint32_t c = 0xFFFFFFFFu;
  for (char ch : data) c = kTable[(c ^ static_cast<unsigned char>(ch)) & 0xFFu] ^ (c >> 8);
  return c ^ 0xFFFFFFFFu;
}

bool byte_reader::bytes(std::size_t n, absl::string_view& out, const char* field) {
  if (!status_.ok()) return false;
  if (data_.size() - pos_ < n)
    return fail(field, absl::StrCat("truncated (", n, " bytes needed, ", data_.size() - pos_, " left)"));
  out = data_.substr(pos_, n);
  pos_ += n;
  return true;
}

bool byte_reader::fail(const char* field, absl::string_view problem) {
  if (status_.ok()) {
    status_ = absl::InvalidArgumentError(absl::StrCat("byte offset ", base_ + pos_, ", field ", field, ": ", problem));
  }
  return false;
}

std::string write_frame(aggregate_type type, absl::string_view payload) {
  byte_writer w;
  w.bytes(absl::string_view(kMagic, 4));
  w.u16(format_version);
  w.u16(static_cast<std::uint16_t>(type));
  w.u32(static_cast<std::uint32_t>(payload.size()));
  w.bytes(payload);
  const std::uint32_t crc = crc32c(w.str());
  w.u32(crc);
  return w.take();
}

absl::StatusOr<frame> read_frame(absl::string_view bytes, aggregate_type expected) {
  const auto error = [](std::size_t offset, absl::string_view problem) {
    return absl::InvalidArgumentError(absl::StrCat("byte offset ", offset, ": ", problem));
  };
  if (bytes.size() < frame_header_size + frame_trailer_size) {
    return error(bytes.size(), absl::StrCat("truncated: ", bytes.size(), " bytes, a frame has at least ",
                                            frame_header_size + frame_trailer_size));
  }
  if (bytes.substr(0, 4) != absl::string_view(kMagic, 4)) {
    return error(0, "not a numresp sensor aggregate (magic \"NRSA\" expected)");
  }
  byte_reader r(bytes.substr(4, frame_header_size - 4), 4);
  std::uint16_t version = 0;
  std::uint16_t type = 0;
  std::uint32_t length = 0;
  r.u16(version, "version");
  r.u16(type, "type");
  r.u32(length, "length");
  if (!r.status().ok()) return r.status();
  if (version == 0 || version > format_version) {
    return error(4, absl::StrCat("format version ", version, " is not supported (this library reads 1 to ",
                                 format_version, ")"));
  }
  if (type != static_cast<std::uint16_t>(expected)) {
    return error(6, absl::StrCat("aggregate type ", type, " (", to_string(static_cast<aggregate_type>(type)),
                                 "), expected ", static_cast<std::uint16_t>(expected), " (", to_string(expected), ")"));
  }
  const std::size_t end = frame_header_size + static_cast<std::size_t>(length);
  if (bytes.size() < end + frame_trailer_size) {
    return error(8,
                 absl::StrCat("payload length ", length, " runs past the end of the ", bytes.size(), "-byte buffer"));
  }
  if (bytes.size() > end + frame_trailer_size) {
    return error(end + frame_trailer_size,
                 absl::StrCat(bytes.size() - end - frame_trailer_size, " trailing bytes after the frame"));
  }
  byte_reader tail(bytes.substr(end, frame_trailer_size), end);
  std::uint32_t stored = 0;
  tail.u32(stored, "checksum");
  const std::uint32_t actual = crc32c(bytes.substr(0, end));
  if (stored != actual) {
    return error(end, absl::StrCat("checksum mismatch (stored ", stored, ", computed ", actual, "): corrupt bytes"));
  }
  frame f;
  f.version = version;
  f.type = expected;
  f.payload = bytes.substr(frame_header_size, length);
  return f;
}

}  // namespace numresp::sensors
