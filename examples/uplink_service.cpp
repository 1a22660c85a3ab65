// A gateway-side service a city app could embed: reads ChirpStack v4 uplink events (JSON lines) on
// stdin, decodes their Cayenne LPP payloads, drops the copies heard by several gateways, and
// prints per-(device, channel, type) window aggregates as CSV on stdout, and the account of every
// line on stderr.
//
//   uplink_service [window_minutes] < uplinks.jsonl > windows.csv
//
// Windows are aligned to the Unix epoch (15 minutes by default), in UTC. Each 3-value reading
// (GPS, accelerometer, ...) gives one series per component. The de-duplication memory is bounded:
// frames more than a day older than the newest one are forgotten.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <map>
#include <string>
#include <tuple>

#include "absl/time/time.h"
#include "numresp/sensors/cayenne_lpp.hpp"
#include "numresp/sensors/lorawan.hpp"
#include "numresp/sensors/stats.hpp"

namespace {

namespace sensors = numresp::sensors;

// (device EUI, channel, type, component, window start [s since the epoch])
using series_key = std::tuple<std::uint64_t, std::uint8_t, std::uint8_t, std::uint8_t, std::int64_t>;

std::int64_t window_start(absl::Time t, std::int64_t window_s) {
  const std::int64_t s = absl::ToUnixSeconds(t);
  const std::int64_t floor = s >= 0 ? s / window_s : (s - window_s + 1) / window_s;
  return floor * window_s;
}

}  // namespace

int main(int argc, char** argv) {
  std::int64_t window_min = 15;
  if (argc > 1) {
    window_min = std::strtoll(argv[1], nullptr, 10);
    if (window_min <= 0) {
      std::cerr << "usage: uplink_service [window_minutes > 0] < uplinks.jsonl\n";
      return 2;
    }
  }
  const std::int64_t window_s = window_min * 60;

  sensors::uplink_ingestor ingestor;
  std::map<series_key, sensors::stats> windows;
  absl::Time newest = absl::InfinitePast();
  std::size_t lines = 0;
  for (std::string line; std::getline(std::cin, line);) {
    if (ingestor.add_line(line) != sensors::line_outcome::accepted) continue;
    for (const sensors::uplink_reading& r : ingestor.take_readings()) {
      newest = std::max(newest, r.time);
      for (std::uint8_t k = 0; k < r.count; ++k) {
        const series_key key{r.dev_eui, r.channel, static_cast<std::uint8_t>(r.type), k,
                             window_start(r.time, window_s)};
        windows[key].update(r.values[k]);
      }
    }
    if (++lines % 10000 == 0) ingestor.forget_before(newest - absl::Hours(24));
  }

  std::cout << "dev_eui,channel,type,component,unit,window_start,count,mean,min,max\n";
  std::cout.precision(10);
  for (const auto& [key, s] : windows) {
    const auto& [eui, channel, type, component, start] = key;
    const sensors::lpp_type_info& t = sensors::lpp_info(static_cast<sensors::lpp_type>(type));
    std::cout << sensors::eui_to_string(eui) << ',' << static_cast<int>(channel) << ',' << t.name << ','
              << t.components[component] << ',' << t.units[component] << ','
              << absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", absl::FromUnixSeconds(start), absl::UTCTimeZone()) << ','
              << s.get_n() << ',' << s.mean() << ',' << s.min() << ',' << s.max() << '\n';
  }
  std::cout.flush();

  const sensors::ingest_report& rep = ingestor.report();
  std::cerr << "received " << rep.received << ", accepted " << rep.accepted << ", duplicates " << rep.duplicates
            << ", rejected " << rep.rejected << " (" << rep.readings << " readings, " << rep.counter_reuses
            << " frame counters reused, " << windows.size() << " windows of " << window_min << " min)\n";
  for (const sensors::rejection& j : rep.rejections) {
    std::cerr << "  line " << j.line << " (byte " << j.offset << "): " << j.field << ": " << j.reason << '\n';
  }
  return rep.balanced() ? 0 : 1;
}
