#include "numresp/sensors/cayenne_lpp.hpp"

#include <cstddef>
#include <cstdint>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"

namespace numresp::sensors {
namespace {

// Type bytes that other implementations use for things numresp does not decode, with a word of
// explanation in the error.
absl::string_view unsupported_note(std::uint8_t code) {
  switch (code) {
    case 240:
      return " (polyline: variable length, one implementation; not supported)";
    case 143:
    case 144:
      return " (briefly concentration and colour in ElectronicCats/CayenneLPP, now 125 and 135)";
    default:
      return "";
  }
}

absl::Status entry_error(std::size_t offset, std::uint8_t channel, absl::string_view problem) {
  return absl::InvalidArgumentError(
      absl::StrCat("Cayenne LPP byte offset ", offset, ", channel ", channel, ": ", problem));
}

absl::Status type_error(std::size_t offset, std::uint8_t channel, std::uint8_t code, absl::string_view name,
                        absl::string_view problem) {
  return absl::InvalidArgumentError(absl::StrCat("Cayenne LPP byte offset ", offset, ", channel ", channel, ", type ",
                                                 code, name.empty() ? "" : " (", name, name.empty() ? "" : ")", ": ",
                                                 problem));
}

}  // namespace

const lpp_type_info* find_lpp_type(absl::string_view name) noexcept {
  for (const lpp_type_info& t : detail::kLppTypes) {
    if (t.name == name) return &t;
  }
  return nullptr;
}

absl::StatusOr<std::size_t> validate_cayenne_lpp(absl::string_view payload) {
  const auto* p = reinterpret_cast<const unsigned char*>(payload.data());
  const std::size_t n = payload.size();
  std::size_t pos = 0;
  std::size_t entries = 0;
  while (pos < n) {
    const std::uint8_t channel = p[pos];
    if (n - pos < 2) {
      return entry_error(pos, channel,
                         "truncated entry: a channel byte without its type byte at the end of the payload");
    }
    const std::uint8_t code = p[pos + 1];
    const std::uint8_t row = detail::kLppIndex[code];
    if (row == detail::kNoType) {
      return type_error(pos, channel, code, "",
                        absl::StrCat("unknown type", unsupported_note(code),
                                     "; its size is unknown, so the rest of the payload cannot be read"));
    }
    const lpp_type_info& t = detail::kLppTypes[row];
    const std::size_t left = n - pos - 2;
    if (left < t.size) {
      return type_error(pos, channel, code, t.name,
                        absl::StrCat("truncated value: ", static_cast<int>(t.size), " bytes needed, ", left,
                                     left == 1 ? " byte left" : " bytes left", " (the payload ends at byte ", n, ")"));
    }
    pos += 2 + std::size_t{t.size};
    ++entries;
  }
  return entries;
}

absl::Status detail::lpp_error(absl::string_view payload) {
  absl::StatusOr<std::size_t> entries = validate_cayenne_lpp(payload);
  return entries.ok() ? absl::InternalError("Cayenne LPP: a valid payload was refused") : entries.status();
}

absl::StatusOr<std::vector<lpp_value>> decode_cayenne_lpp(absl::string_view payload) {
  std::vector<lpp_value> out;
  out.reserve(payload.size() / 3);  // an entry has at least 3 bytes
  absl::Status s = decode_cayenne_lpp(payload, [&out](const lpp_value& v) { out.push_back(v); });
  if (!s.ok()) return s;
  return out;
}

absl::StatusOr<std::size_t> decode_cayenne_lpp_into(absl::string_view payload, absl::Span<lpp_value> out) {
  std::size_t n = 0;
  absl::Status s = decode_cayenne_lpp(payload, [&out, &n](const lpp_value& v) {
    if (n < out.size()) out[n] = v;
    ++n;
  });
  if (!s.ok()) return s;
  if (n > out.size()) {
    return absl::OutOfRangeError(
        absl::StrCat("Cayenne LPP: the payload has ", n, " values, the buffer holds ", out.size()));
  }
  return n;
}

}  // namespace numresp::sensors
