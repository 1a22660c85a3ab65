// Cayenne LPP decoding throughput (bytes of payload per second) on a realistic mix of city-sensor
// payloads, and JSON-lines ingestion of ChirpStack uplink events (uplinks per second).
//
// The mix: 200,000 payloads of 7 to 36 bytes (20 on average), drawn from six device profiles: air
// quality (temperature, humidity, barometer, CO2), bin fill (distance, percentage, battery
// voltage), energy meter (energy, power), street light (illuminance, presence), GPS tracker (GPS,
// accelerometer, voltage) and a multi-sensor (4 temperatures, 4 humidities, 2 analog inputs).
#include <cstddef>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "numresp/sensors/cayenne_lpp.hpp"
#include "numresp/sensors/lorawan.hpp"

namespace {

namespace sensors = numresp::sensors;

void put(std::string& out, std::uint8_t channel, std::uint8_t type, std::uint32_t raw, int width) {
  out.push_back(static_cast<char>(channel));
  out.push_back(static_cast<char>(type));
  for (int i = width - 1; i >= 0; --i) out.push_back(static_cast<char>((raw >> (8 * i)) & 0xFFu));
}

struct payload_set {
  std::string bytes;                                       // every payload, back to back
  std::vector<std::pair<std::size_t, std::size_t>> spans;  // (offset, size)
};

const payload_set& mix() {
  static const payload_set set = [] {
    payload_set s;
    std::mt19937 rng(2025);
    std::uniform_int_distribution<std::uint32_t> any(0, 0xFFFFFFFFu);
    for (int i = 0; i < 200000; ++i) {
      std::string p;
      switch (rng() % 6) {
        case 0:  // air quality
          put(p, 1, 103, 100 + any(rng) % 200, 2);
          put(p, 2, 104, 80 + any(rng) % 100, 1);
          put(p, 3, 115, 10100 + any(rng) % 200, 2);
          put(p, 4, 125, 400 + any(rng) % 800, 2);
          break;
        case 1:  // bin fill
          put(p, 1, 130, any(rng) % 2000, 4);
          put(p, 2, 120, any(rng) % 101, 1);
          put(p, 5, 116, 330 + any(rng) % 40, 2);
          break;
        case 2:  // energy meter
          put(p, 1, 131, 12345678 + any(rng) % 100000, 4);
          put(p, 2, 128, any(rng) % 6000, 2);
          break;
        case 3:  // street light
          put(p, 1, 101, any(rng) % 65536, 2);
          put(p, 2, 102, any(rng) % 2, 1);
          break;
        case 4:  // GPS tracker
          p.push_back(1);
          p.push_back(static_cast<char>(136));
          for (int k = 0; k < 9; ++k) p.push_back(static_cast<char>(any(rng) & 0xFFu));
          put(p, 2, 113, any(rng), 2);
          p.append(4, '\x01');
          put(p, 3, 116, 360, 2);
          break;
        default:  // multi-sensor
          for (std::uint8_t c = 1; c <= 4; ++c) put(p, c, 103, any(rng) % 400, 2);
          for (std::uint8_t c = 5; c <= 8; ++c) put(p, c, 104, any(rng) % 200, 1);
          put(p, 9, 2, any(rng), 2);
          put(p, 10, 2, any(rng), 2);
          break;
      }
      s.spans.emplace_back(s.bytes.size(), p.size());
      s.bytes += p;
    }
    return s;
  }();
  return set;
}

absl::string_view payload(const payload_set& s, std::size_t i) {
  return absl::string_view(s.bytes).substr(s.spans[i].first, s.spans[i].second);
}

void BM_LppDecodeCallback(benchmark::State& state) {
  const payload_set& s = mix();
  for (auto _ : state) {
    double sum = 0;
    for (std::size_t i = 0; i < s.spans.size(); ++i) {
      const absl::Status st =
          sensors::decode_cayenne_lpp(payload(s, i), [&sum](const sensors::lpp_value& v) { sum += v.values[0]; });
      if (!st.ok()) state.SkipWithError("bad payload");
    }
    benchmark::DoNotOptimize(sum);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(s.bytes.size()));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(s.spans.size()));
}
BENCHMARK(BM_LppDecodeCallback)->Unit(benchmark::kMillisecond);

void BM_LppDecodeInto(benchmark::State& state) {
  const payload_set& s = mix();
  std::vector<sensors::lpp_value> buffer(64);
  for (auto _ : state) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < s.spans.size(); ++i) {
      n += *sensors::decode_cayenne_lpp_into(payload(s, i), absl::MakeSpan(buffer));
    }
    benchmark::DoNotOptimize(n);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(s.bytes.size()));
}
BENCHMARK(BM_LppDecodeInto)->Unit(benchmark::kMillisecond);

void BM_LppDecodeVector(benchmark::State& state) {
  const payload_set& s = mix();
  for (auto _ : state) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < s.spans.size(); ++i) n += sensors::decode_cayenne_lpp(payload(s, i))->size();
    benchmark::DoNotOptimize(n);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(s.bytes.size()));
}
BENCHMARK(BM_LppDecodeVector)->Unit(benchmark::kMillisecond);

// ChirpStack events of ~1 KB each, one in three a copy from another gateway.
void BM_IngestUplinks(benchmark::State& state) {
  const payload_set& s = mix();
  std::string text;
  const std::size_t n = 20000;
  static constexpr char kB64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  for (std::size_t i = 0; i < n; ++i) {
    const absl::string_view p = payload(s, i / 3 * 2 + (i % 3 == 2 ? 0 : i % 3));
    std::string b64;
    for (std::size_t k = 0; k < p.size(); k += 3) {
      std::uint32_t v = static_cast<std::uint32_t>(static_cast<unsigned char>(p[k])) << 16;
      if (k + 1 < p.size()) v |= static_cast<std::uint32_t>(static_cast<unsigned char>(p[k + 1])) << 8;
      if (k + 2 < p.size()) v |= static_cast<unsigned char>(p[k + 2]);
      b64.push_back(kB64[(v >> 18) & 63u]);
      b64.push_back(kB64[(v >> 12) & 63u]);
      b64.push_back(k + 1 < p.size() ? kB64[(v >> 6) & 63u] : '=');
      b64.push_back(k + 2 < p.size() ? kB64[v & 63u] : '=');
    }
    const std::size_t frame = i / 3 * 2 + (i % 3 == 2 ? 0 : i % 3);
    absl::StrAppend(&text, R"({"deduplicationId":"3ac7e3c4-4401-4b8d-9386-a5c902f9202d","time":"2025-03-10T08:)",
                    10 + frame / 6000 % 50, ":", 10 + frame / 100 % 50, ".", 100 + frame % 100,
                    R"(Z","deviceInfo":{"tenantName":"synthetic","applicationName":"city-sensors",)",
                    R"("deviceProfileName":"mix","deviceName":"sensor","devEui":"0004a30b001c)", 1000 + frame % 9000,
                    R"(","tags":{}},"devAddr":"260b1a01","adr":true,"dr":5,"fCnt":)", frame,
                    R"(,"fPort":1,"confirmed":false,"data":")", b64, R"(","rxInfo":[{"gatewayId":"a840411f0000000)",
                    i % 3, R"(","uplinkId":1234,"nsTime":"2025-03-10T08:00:00.003Z","rssi":-73,"snr":4.4,"channel":1,)",
                    R"("location":{},"context":"HNb0nA==","metadata":{"region_common_name":"EU868"},)",
                    R"("crcStatus":"CRC_OK"}],"txInfo":{"frequency":868100000,"modulation":{"lora":)",
                    R"({"bandwidth":125000,"spreadingFactor":7,"codeRate":"CR_4_5"}}}})", "\n");
  }
  for (auto _ : state) {
    absl::StatusOr<sensors::ingest_result> r = sensors::ingest_uplinks(text);
    if (!r.ok() || r->report.rejected != 0) state.SkipWithError("ingestion failed");
    benchmark::DoNotOptimize(r);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(text.size()));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(n));
}
BENCHMARK(BM_IngestUplinks)->Unit(benchmark::kMillisecond);

}  // namespace
