// libFuzzer target: Cayenne LPP decoding, ChirpStack uplink parsing and JSON-lines ingestion on
// arbitrary bytes (fuzz/CMakeLists.txt builds it with clang and AddressSanitizer +
// UndefinedBehaviorSanitizer; the CTest `fuzz.lorawan` runs it for a bounded time).
//
// Beyond "no crash, no read past the buffer" it checks the contracts of the headers: the three
// LPP decoding forms agree, a valid payload's entries tile it exactly, and every line of an
// ingestion is accounted for (accepted + duplicates + rejected == received).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "numresp/sensors/cayenne_lpp.hpp"
#include "numresp/sensors/lorawan.hpp"

namespace {

void check(bool ok) {
  if (!ok) std::abort();
}

void fuzz_lpp(absl::string_view payload) {
  namespace s = numresp::sensors;
  absl::StatusOr<std::size_t> entries = s::validate_cayenne_lpp(payload);
  absl::StatusOr<std::vector<s::lpp_value>> values = s::decode_cayenne_lpp(payload);
  check(entries.ok() == values.ok());
  std::size_t calls = 0;
  std::size_t next = 0;
  bool tiled = true;
  const absl::Status status = s::decode_cayenne_lpp(payload, [&](const s::lpp_value& v) {
    tiled = tiled && v.offset == next && v.count == v.type_info().count;
    next = v.offset + 2 + v.type_info().size;
    ++calls;
  });
  check(status.ok() == values.ok());
  if (!values.ok()) {
    check(calls == 0);
    return;
  }
  check(tiled && next == payload.size());
  check(calls == values->size() && *entries == calls);
  std::vector<s::lpp_value> buffer(calls);
  absl::StatusOr<std::size_t> n = s::decode_cayenne_lpp_into(payload, absl::MakeSpan(buffer));
  check(n.ok() && *n == calls);
}

void fuzz_json(absl::string_view text) {
  namespace s = numresp::sensors;
  absl::StatusOr<s::uplink> u = s::parse_uplink_json(text);
  if (u.ok()) {
    check(u->dev_eui.size() == 16);
    fuzz_lpp(u->payload_bytes);
  }
  (void)s::decode_base64(text);
  absl::StatusOr<s::ingest_result> r = s::ingest_uplinks(text);
  check(r.ok() && r->report.balanced() && r->readings.size() == r->report.readings);
  for (const s::rejection& j : r->report.rejections) check(j.offset < text.size() && j.line >= 1);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const absl::string_view input(reinterpret_cast<const char*>(data), size);
  fuzz_lpp(input);
  fuzz_json(input);
  return 0;
}
