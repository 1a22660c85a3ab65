#include "numresp/sensors/lorawan.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "numresp/sensors/cayenne_lpp.hpp"

namespace numresp::sensors {
namespace {

using json = nlohmann::json;

// Nesting allowed in an event (ChirpStack's are 4 deep; a codec's `object` adds a few).
constexpr int kMaxDepth = 32;
// Characters of an input value quoted in a message.
constexpr std::size_t kQuoteChars = 40;

// Input text made safe for a message: printable ASCII kept, other bytes as \xNN, cut at `max`.
std::string quote(absl::string_view text, std::size_t max = kQuoteChars) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  const std::size_t n = std::min(text.size(), max);
  out.reserve(n + 8);
  for (std::size_t i = 0; i < n; ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c < 0x7F && c != '\\') {
      out.push_back(static_cast<char>(c));
    } else {
      out += "\\x";
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0xF]);
    }
  }
  if (text.size() > max) out += "...";
  return out;
}

// One character for a message: 'c' or \xNN.
std::string quote_char(char c) { return absl::StrCat("'", quote(absl::string_view(&c, 1)), "'"); }

// A JSON value for a message.
std::string show(const json& v) {
  if (v.is_string()) return absl::StrCat("\"", quote(v.get_ref<const std::string&>()), "\"");
  return quote(v.dump(-1, ' ', true, json::error_handler_t::replace));
}

std::string type_name(const json& v) { return v.type_name(); }

// The deepest nesting of arrays and objects, strings skipped; stops counting past kMaxDepth.
int nesting(absl::string_view text) {
  int depth = 0;
  int deepest = 0;
  bool in_string = false;
  bool escaped = false;
  for (char c : text) {
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      deepest = std::max(deepest, ++depth);
      if (deepest > kMaxDepth) return deepest;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return deepest;
}

// A field's problem, before it becomes a status or a rejection.
struct failure {
  std::string field;
  std::string reason;
};

// A present, non-null member of an object, or nullptr.
const json* member(const json& object, const char* key) {
  const auto it = object.find(key);
  if (it == object.end() || it->is_null()) return nullptr;
  return &*it;
}

// An unsigned integer: a JSON integer, or a string of decimal digits (protobuf JSON allows both).
bool read_unsigned(const json& v, std::uint64_t max, const std::string& field, std::uint64_t& out,
                   std::optional<failure>& fail) {
  const auto out_of_range = [&](absl::string_view shown) {
    fail = failure{field, absl::StrCat(shown, " is out of range (0 to ", max, ")")};
    return false;
  };
  if (v.is_number_unsigned()) {
    out = v.get<std::uint64_t>();
    if (out > max) return out_of_range(show(v));
    return true;
  }
  if (v.is_number_integer()) return out_of_range(show(v));
  if (v.is_string()) {
    const auto& s = v.get_ref<const std::string&>();
    if (s.empty() || s.size() > 20 || !std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      fail = failure{field, absl::StrCat("expected an unsigned integer, got ", show(v))};
      return false;
    }
    std::uint64_t x = 0;
    for (char c : s) {
      const auto d = static_cast<std::uint64_t>(c - '0');
      if (x > (std::numeric_limits<std::uint64_t>::max() - d) / 10) return out_of_range(show(v));
      x = x * 10 + d;
    }
    if (x > max) return out_of_range(show(v));
    out = x;
    return true;
  }
  fail = failure{field, absl::StrCat("expected an unsigned integer, got ", type_name(v), " ", show(v))};
  return false;
}

bool read_string(const json& v, const std::string& field, std::string& out, std::optional<failure>& fail) {
  if (!v.is_string()) {
    fail = failure{field, absl::StrCat("expected a string, got ", type_name(v), " ", show(v))};
    return false;
  }
  out = v.get_ref<const std::string&>();
  return true;
}

// RFC 3339 between 1970 and 2200 (int64 nanoseconds hold it).
bool read_time(const json& v, const std::string& field, absl::Time& out, std::optional<failure>& fail) {
  if (!v.is_string()) {
    fail = failure{field, absl::StrCat("expected an RFC 3339 timestamp string, got ", type_name(v), " ", show(v))};
    return false;
  }
  const auto& s = v.get_ref<const std::string&>();
  std::string error;
  absl::Time t;
  if (!absl::ParseTime(absl::RFC3339_full, s, &t, &error)) {
    fail = failure{field, absl::StrCat("not an RFC 3339 timestamp: ", show(v))};
    return false;
  }
  if (t < absl::UnixEpoch() || t >= absl::FromUnixSeconds(7258118400)) {  // 2200-01-01
    fail = failure{field, absl::StrCat(show(v), " is outside 1970 to 2199")};
    return false;
  }
  out = t;
  return true;
}

bool parse_eui(absl::string_view s, std::uint64_t& out) {
  if (s.size() != 16) return false;
  std::uint64_t x = 0;
  for (char c : s) {
    unsigned d = 0;
    if (c >= '0' && c <= '9') {
      d = static_cast<unsigned>(c - '0');
    } else if (c >= 'a' && c <= 'f') {
      d = static_cast<unsigned>(c - 'a' + 10);
    } else if (c >= 'A' && c <= 'F') {
      d = static_cast<unsigned>(c - 'A' + 10);
    } else {
      return false;
    }
    x = (x << 4) | d;
  }
  out = x;
  return true;
}

// Parses an event into `u`; on failure returns the field and the reason.
std::optional<failure> parse_event(absl::string_view line, uplink& u) {
  std::optional<failure> fail;
  if (nesting(line) > kMaxDepth) {
    return failure{"json", absl::StrCat("nested deeper than ", kMaxDepth, " levels")};
  }
  json event;
  try {
    event = json::parse(line.begin(), line.end());
  } catch (const json::parse_error& e) {
    // e.byte is 1-based; the message names the token (quoted: the input may be any bytes).
    const std::size_t at = e.byte > 0 ? e.byte - 1 : 0;
    absl::string_view what = e.what();
    const std::size_t colon = what.find(": ");
    if (colon != absl::string_view::npos) what.remove_prefix(colon + 2);
    return failure{"json", absl::StrCat("invalid JSON at byte ", at, ": ", quote(what, 160))};
  } catch (const json::exception& e) {
    return failure{"json", absl::StrCat("invalid JSON: ", quote(e.what(), 160))};
  }
  if (!event.is_object()) {
    return failure{"json", absl::StrCat("expected a ChirpStack uplink event (an object), got ", type_name(event))};
  }

  // deviceInfo.devEui (required), deviceInfo.deviceName.
  const json* device = member(event, "deviceInfo");
  if (device == nullptr) return failure{"deviceInfo", "missing (a ChirpStack v4 uplink event has deviceInfo.devEui)"};
  if (!device->is_object()) {
    return failure{"deviceInfo", absl::StrCat("expected an object, got ", type_name(*device))};
  }
  const json* eui = member(*device, "devEui");
  if (eui == nullptr) return failure{"deviceInfo.devEui", "missing"};
  if (!read_string(*eui, "deviceInfo.devEui", u.dev_eui, fail)) return fail;
  if (!parse_eui(u.dev_eui, u.dev_eui_value)) {
    return failure{"deviceInfo.devEui", absl::StrCat("expected 16 hex digits (an EUI-64), got ", show(*eui))};
  }
  u.dev_eui = eui_to_string(u.dev_eui_value);
  if (const json* name = member(*device, "deviceName")) {
    if (!read_string(*name, "deviceInfo.deviceName", u.device_name, fail)) return fail;
  }

  // fCnt, fPort (required).
  std::uint64_t number = 0;
  const json* f_cnt = member(event, "fCnt");
  if (f_cnt == nullptr) return failure{"fCnt", "missing"};
  if (!read_unsigned(*f_cnt, std::numeric_limits<std::uint32_t>::max(), "fCnt", number, fail)) return fail;
  u.f_cnt = static_cast<std::uint32_t>(number);
  const json* f_port = member(event, "fPort");
  if (f_port == nullptr) return failure{"fPort", "missing"};
  if (!read_unsigned(*f_port, 255, "fPort", number, fail)) return fail;
  u.f_port = static_cast<int>(number);

  // data (required; "" is an empty payload).
  const json* data = member(event, "data");
  if (data == nullptr) return failure{"data", "missing (the base64 application payload)"};
  std::string text;
  if (!read_string(*data, "data", text, fail)) return fail;
  absl::StatusOr<std::string> bytes = decode_base64(text);
  if (!bytes.ok()) return failure{"data", std::string(bytes.status().message())};
  u.payload_bytes = *std::move(bytes);

  // deduplicationId, object (optional).
  if (const json* id = member(event, "deduplicationId")) {
    if (!read_string(*id, "deduplicationId", u.deduplication_id, fail)) return fail;
  }
  if (const json* object = member(event, "object")) {
    u.object_json = object->dump(-1, ' ', false, json::error_handler_t::replace);
  }

  // rxInfo[] (optional): the gateways; their times are read only when `time` is absent.
  std::vector<const json*> rx_entries;
  if (const json* rx = member(event, "rxInfo")) {
    if (!rx->is_array()) return failure{"rxInfo", absl::StrCat("expected an array, got ", type_name(*rx))};
    u.rx.reserve(rx->size());
    std::size_t i = 0;
    for (const json& entry : *rx) {
      const std::string at = absl::StrCat("rxInfo[", i++, "]");
      if (!entry.is_object()) return failure{at, absl::StrCat("expected an object, got ", type_name(entry))};
      gateway_rx g;
      if (const json* id = member(entry, "gatewayId")) {
        if (!read_string(*id, at + ".gatewayId", g.gateway_id, fail)) return fail;
      }
      if (const json* rssi = member(entry, "rssi")) {
        if (!rssi->is_number_integer() || rssi->get<std::int64_t>() < -1000 || rssi->get<std::int64_t>() > 1000) {
          return failure{at + ".rssi", absl::StrCat("expected an integer in dBm, got ", show(*rssi))};
        }
        g.rssi = static_cast<int>(rssi->get<std::int64_t>());
      }
      if (const json* snr = member(entry, "snr")) {
        if (!snr->is_number()) return failure{at + ".snr", absl::StrCat("expected a number in dB, got ", show(*snr))};
        g.snr = snr->get<double>();
      }
      u.rx.push_back(std::move(g));
      rx_entries.push_back(&entry);
    }
  }

  // The time: `time`, else the earliest nsTime, else the earliest gwTime (legacy `time`).
  if (const json* time = member(event, "time")) {
    if (!read_time(*time, "time", u.received, fail)) return fail;
    u.received_from = time_source::event_time;
    return std::nullopt;
  }
  const auto earliest = [&](std::initializer_list<const char*> keys, std::optional<absl::Time>& best) {
    for (std::size_t i = 0; i < rx_entries.size(); ++i) {
      for (const char* key : keys) {
        const json* v = member(*rx_entries[i], key);
        if (v == nullptr) continue;
        absl::Time t;
        if (!read_time(*v, absl::StrCat("rxInfo[", i, "].", key), t, fail)) return false;
        if (!best || t < *best) best = t;
        break;  // gwTime before its legacy name
      }
    }
    return true;
  };
  std::optional<absl::Time> best;
  if (!earliest({"nsTime"}, best)) return fail;
  if (best) {
    u.received = *best;
    u.received_from = time_source::ns_time;
    return std::nullopt;
  }
  if (!earliest({"gwTime", "time"}, best)) return fail;
  if (best) {
    u.received = *best;
    u.received_from = time_source::gateway_time;
    return std::nullopt;
  }
  return failure{"time", "missing: no time, rxInfo[].nsTime or rxInfo[].gwTime"};
}

// FNV-1a, 64-bit: payloads and gateway ids are compared by hash (collisions: ~2^-64 per pair).
std::uint64_t hash_text(absl::string_view s) {
  std::uint64_t h = 0xcbf29ce484222325ull;
  for (char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ull;
  }
  return h;
}

struct frame_key {
  std::uint64_t eui = 0;
  std::uint32_t f_cnt = 0;
  bool operator==(const frame_key& o) const noexcept { return eui == o.eui && f_cnt == o.f_cnt; }
};

struct frame_key_hash {
  std::size_t operator()(const frame_key& k) const noexcept {
    std::uint64_t h = k.eui * 0x9E3779B97F4A7C15ull;
    h ^= (h >> 29) ^ (std::uint64_t{k.f_cnt} * 0xBF58476D1CE4E5B9ull);
    return static_cast<std::size_t>(h ^ (h >> 32));
  }
};

// A frame accepted before.
struct kept_frame {
  absl::Time time;
  std::uint64_t payload_hash = 0;
  std::size_t first_reading = 0;  // index among all readings ever produced
  std::size_t readings = 0;
  std::vector<std::uint64_t> gateways;  // hashes of the distinct gateway ids
};

bool is_blank(absl::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; });
}

}  // namespace

absl::string_view to_string(time_source s) noexcept {
  switch (s) {
    case time_source::event_time:
      return "time";
    case time_source::ns_time:
      return "rxInfo.nsTime";
    case time_source::gateway_time:
      return "rxInfo.gwTime";
  }
  return "unknown";
}

std::string eui_to_string(std::uint64_t eui) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(16, '0');
  for (std::size_t i = 0; i < 16; ++i) out[15 - i] = kHex[(eui >> (4 * i)) & 0xFu];
  return out;
}

absl::StatusOr<std::string> decode_base64(absl::string_view text) {
  const auto error = [](absl::string_view problem) {
    return absl::InvalidArgumentError(absl::StrCat("invalid base64: ", problem));
  };
  std::size_t end = text.size();
  while (end > 0 && text[end - 1] == '=') --end;
  const std::size_t padding = text.size() - end;
  const std::size_t tail = end % 4;
  if (tail == 1) {
    return error(absl::StrCat(end, " characters before the padding: a base64 text cannot end with one character"));
  }
  if (padding > 0) {
    const std::size_t needed = tail == 0 ? 0 : 4 - tail;
    if (padding != needed) {
      return error(absl::StrCat(padding, " '=' at character ", end, ", expected ", needed));
    }
  }
  std::string out;
  out.reserve(end / 4 * 3 + 2);
  int alphabet = 0;  // 1 standard, 2 URL-safe
  std::uint32_t bits = 0;
  int nbits = 0;
  for (std::size_t i = 0; i < end; ++i) {
    const char c = text[i];
    std::uint32_t v = 0;
    int uses = 0;
    if (c >= 'A' && c <= 'Z') {
      v = static_cast<std::uint32_t>(c - 'A');
    } else if (c >= 'a' && c <= 'z') {
      v = static_cast<std::uint32_t>(c - 'a' + 26);
    } else if (c >= '0' && c <= '9') {
      v = static_cast<std::uint32_t>(c - '0' + 52);
    } else if (c == '+' || c == '/') {
      v = c == '+' ? 62 : 63;
      uses = 1;
    } else if (c == '-' || c == '_') {
      v = c == '-' ? 62 : 63;
      uses = 2;
    } else {
      return error(absl::StrCat(c == '=' ? "padding '=' before the end" : "invalid character ",
                                c == '=' ? "" : quote_char(c), " at character ", i));
    }
    if (uses != 0) {
      if (alphabet != 0 && alphabet != uses) {
        return error(absl::StrCat("character ", quote_char(c), " at character ", i,
                                  " mixes the standard (+/) and URL-safe (-_) alphabets"));
      }
      alphabet = uses;
    }
    bits = (bits << 6) | v;
    nbits += 6;
    if (nbits >= 8) {
      nbits -= 8;
      out.push_back(static_cast<char>((bits >> nbits) & 0xFFu));
    }
  }
  if (nbits > 0 && (bits & ((1u << nbits) - 1)) != 0) {
    return error(
        absl::StrCat("non-zero bits after the last byte in character ", end - 1, " (", quote_char(text[end - 1]), ")"));
  }
  return out;
}

absl::StatusOr<uplink> parse_uplink_json(absl::string_view line) {
  uplink u;
  if (std::optional<failure> f = parse_event(line, u)) {
    return absl::InvalidArgumentError(absl::StrCat(f->field, ": ", f->reason));
  }
  return u;
}

absl::Status ingest_options::validate() const {
  if (dedup_window < absl::ZeroDuration() || dedup_window == absl::InfiniteDuration()) {
    return absl::InvalidArgumentError(
        absl::StrCat("dedup_window = ", absl::FormatDuration(dedup_window), ": must be finite and >= 0"));
  }
  for (std::size_t i = 0; i < lpp_ports.size(); ++i) {
    if (lpp_ports[i] < 1 || lpp_ports[i] > 255) {
      return absl::InvalidArgumentError(
          absl::StrCat("lpp_ports[", i, "] = ", lpp_ports[i], ": must be from 1 to 255 (port 0 carries MAC commands)"));
    }
  }
  if (max_line_bytes == 0) return absl::InvalidArgumentError("max_line_bytes = 0: must be > 0");
  return absl::OkStatus();
}

struct uplink_ingestor::state {
  ingest_options options;
  std::array<bool, 256> lpp_port{};
  ingest_report report;
  std::vector<uplink_reading> readings;
  std::size_t taken = 0;  // readings moved out: readings[0] is reading number `taken`
  std::size_t produced = 0;
  std::unordered_map<frame_key, std::vector<kept_frame>, frame_key_hash> frames;
  std::size_t frames_tracked = 0;
  std::size_t line = 0;
  std::size_t offset = 0;

  explicit state(ingest_options o) : options(std::move(o)) {
    if (options.lpp_ports.empty()) {
      for (std::size_t p = 1; p < lpp_port.size(); ++p) lpp_port[p] = true;
    } else {
      for (int p : options.lpp_ports) lpp_port[static_cast<std::size_t>(p)] = true;
    }
  }

  line_outcome reject(std::size_t line_no, std::size_t line_offset, std::string field, std::string reason) {
    ++report.rejected;
    if (report.rejections.size() < options.max_rejections) {
      report.rejections.push_back(rejection{line_no, line_offset, std::move(field), std::move(reason)});
    } else {
      ++report.rejections_dropped;
    }
    return line_outcome::rejected;
  }

  static std::vector<std::uint64_t> distinct_gateways(const uplink& u) {
    std::vector<std::uint64_t> out;
    out.reserve(u.rx.size());
    for (const gateway_rx& g : u.rx) {
      const std::uint64_t h = hash_text(g.gateway_id);
      if (std::find(out.begin(), out.end(), h) == out.end()) out.push_back(h);
    }
    return out;
  }

  line_outcome process(const uplink& u, std::size_t line_no, std::size_t line_offset) {
    if (!lpp_port[static_cast<std::size_t>(u.f_port & 0xFF)]) {
      return reject(line_no, line_offset, "fPort",
                    u.f_port == 0 ? "0: MAC commands only, no application payload"
                                  : absl::StrCat(u.f_port, ": not a Cayenne LPP port (ingest_options.lpp_ports)"));
    }
    const frame_key key{u.dev_eui_value, u.f_cnt};
    const std::uint64_t payload_hash = hash_text(u.payload_bytes);
    auto it = frames.find(key);
    if (it != frames.end()) {
      for (kept_frame& k : it->second) {
        if (k.payload_hash == payload_hash && absl::AbsDuration(u.received - k.time) <= options.dedup_window) {
          ++report.duplicates;
          if (options.merge_gateways) merge(k, u);
          return line_outcome::duplicate;
        }
      }
    }
    kept_frame k;
    k.time = u.received;
    k.payload_hash = payload_hash;
    k.gateways = distinct_gateways(u);
    k.first_reading = produced;
    const std::size_t before = readings.size();
    const auto gateways = static_cast<std::uint32_t>(k.gateways.size());
    absl::Status s = decode_cayenne_lpp(u.payload_bytes, [&](const lpp_value& v) {
      uplink_reading r;
      r.dev_eui = u.dev_eui_value;
      r.f_cnt = u.f_cnt;
      r.time = u.received;
      r.f_port = static_cast<std::uint8_t>(u.f_port);
      r.channel = v.channel;
      r.type = v.type;
      r.count = v.count;
      r.values = v.values;
      r.gateways = gateways;
      r.line = static_cast<std::uint32_t>(std::min<std::size_t>(line_no, std::numeric_limits<std::uint32_t>::max()));
      readings.push_back(r);
    });
    if (!s.ok()) return reject(line_no, line_offset, "data", std::string(s.message()));
    k.readings = readings.size() - before;
    produced += k.readings;
    report.readings += k.readings;
    ++report.accepted;
    if (it == frames.end()) {
      it = frames.emplace(key, std::vector<kept_frame>{}).first;
    } else if (!it->second.empty()) {
      ++report.counter_reuses;
    }
    it->second.push_back(std::move(k));
    ++frames_tracked;
    return line_outcome::accepted;
  }

  void merge(kept_frame& k, const uplink& u) {
    const std::size_t had = k.gateways.size();
    for (std::uint64_t h : distinct_gateways(u)) {
      if (std::find(k.gateways.begin(), k.gateways.end(), h) == k.gateways.end()) k.gateways.push_back(h);
    }
    if (k.gateways.size() == had) return;
    const auto gateways = static_cast<std::uint32_t>(k.gateways.size());
    for (std::size_t i = k.first_reading; i < k.first_reading + k.readings; ++i) {
      if (i >= taken) readings[i - taken].gateways = gateways;
    }
  }
};

uplink_ingestor::uplink_ingestor() : state_(std::make_unique<state>(ingest_options{})) {}
uplink_ingestor::uplink_ingestor(std::unique_ptr<state> s) noexcept : state_(std::move(s)) {}
uplink_ingestor::~uplink_ingestor() = default;
uplink_ingestor::uplink_ingestor(uplink_ingestor&&) noexcept = default;
uplink_ingestor& uplink_ingestor::operator=(uplink_ingestor&&) noexcept = default;

absl::StatusOr<uplink_ingestor> uplink_ingestor::create(ingest_options options) {
  if (absl::Status s = options.validate(); !s.ok()) return s;
  return uplink_ingestor(std::make_unique<state>(std::move(options)));
}

line_outcome uplink_ingestor::add_line(absl::string_view line) {
  state& s = *state_;
  const std::size_t line_offset = s.offset;
  const bool terminated = !line.empty() && line.back() == '\n';
  s.offset += line.size() + (terminated ? 0 : 1);
  const std::size_t line_no = ++s.line;
  if (terminated) line.remove_suffix(1);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  if (is_blank(line)) return line_outcome::blank;
  ++s.report.received;
  if (line.size() > s.options.max_line_bytes) {
    return s.reject(line_no, line_offset, "line",
                    absl::StrCat(line.size(), " bytes, more than max_line_bytes (", s.options.max_line_bytes, ")"));
  }
  uplink u;
  if (std::optional<failure> f = parse_event(line, u)) {
    return s.reject(line_no, line_offset, std::move(f->field), std::move(f->reason));
  }
  return s.process(u, line_no, line_offset);
}

line_outcome uplink_ingestor::add_uplink(uplink u) {
  state& s = *state_;
  const std::size_t line_offset = s.offset;
  const std::size_t line_no = ++s.line;
  ++s.report.received;
  if (u.f_port < 0 || u.f_port > 255) {
    return s.reject(line_no, line_offset, "fPort", absl::StrCat(u.f_port, " is out of range (0 to 255)"));
  }
  return s.process(u, line_no, line_offset);
}

const ingest_report& uplink_ingestor::report() const noexcept { return state_->report; }

const std::vector<uplink_reading>& uplink_ingestor::readings() const noexcept { return state_->readings; }

std::vector<uplink_reading> uplink_ingestor::take_readings() {
  state& s = *state_;
  s.taken += s.readings.size();
  std::vector<uplink_reading> out = std::move(s.readings);
  s.readings.clear();
  return out;
}

void uplink_ingestor::forget_before(absl::Time t) {
  state& s = *state_;
  for (auto it = s.frames.begin(); it != s.frames.end();) {
    std::vector<kept_frame>& kept = it->second;
    const std::size_t had = kept.size();
    kept.erase(std::remove_if(kept.begin(), kept.end(), [t](const kept_frame& k) { return k.time < t; }), kept.end());
    s.frames_tracked -= had - kept.size();
    if (kept.empty()) {
      it = s.frames.erase(it);
    } else {
      ++it;
    }
  }
}

std::size_t uplink_ingestor::frames_tracked() const noexcept { return state_->frames_tracked; }

absl::StatusOr<ingest_result> ingest_uplinks(absl::string_view jsonl_text, const ingest_options& options) {
  absl::StatusOr<uplink_ingestor> ingestor = uplink_ingestor::create(options);
  if (!ingestor.ok()) return ingestor.status();
  std::size_t pos = 0;
  while (pos < jsonl_text.size()) {
    const std::size_t newline = jsonl_text.find('\n', pos);
    const std::size_t end = newline == absl::string_view::npos ? jsonl_text.size() : newline + 1;
    ingestor->add_line(jsonl_text.substr(pos, end - pos));
    pos = end;
  }
  ingest_result result;
  result.readings = ingestor->take_readings();
  result.report = ingestor->report();
  return result;
}

}  // namespace numresp::sensors
