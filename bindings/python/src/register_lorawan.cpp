// numresp::sensors LoRaWAN ingestion and Cayenne LPP decoding (numresp/sensors/lorawan.hpp,
// cayenne_lpp.hpp) in numresp._core.sensors, as `lpp_types`, `lpp_decode`,
// `lorawan_parse_uplink`, `lorawan_ingest` and the class `LorawanIngestor`. The facade is
// numresp/sensors/_lorawan.py: it turns the columns returned here (numpy arrays, one row per
// value component, codes into small name tables) into a pandas DataFrame. Ingestion runs without
// the GIL. Bad options and bad payloads raise numresp.InvalidArgumentError (a ValueError) with the
// library's message (the field, the byte offset, the value).
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "numresp_python/pybind11.hpp"
#include "numresp_python/status.hpp"

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "numresp/sensors/cayenne_lpp.hpp"
#include "numresp/sensors/lorawan.hpp"

namespace numresp::python {
namespace {

namespace sensors = numresp::sensors;

py::str to_py(absl::string_view s) { return py::str(s.data(), s.size()); }

/// The bytes of a bytes, bytearray, str (UTF-8) or contiguous buffer; valid while `x` lives.
absl::string_view bytes_of(const py::handle& x, const char* name) {
  if (PyBytes_Check(x.ptr())) {
    char* data = nullptr;
    Py_ssize_t size = 0;
    PyBytes_AsStringAndSize(x.ptr(), &data, &size);
    return absl::string_view(data, static_cast<std::size_t>(size));
  }
  if (PyByteArray_Check(x.ptr())) {
    return absl::string_view(PyByteArray_AsString(x.ptr()), static_cast<std::size_t>(PyByteArray_Size(x.ptr())));
  }
  if (PyUnicode_Check(x.ptr())) {
    Py_ssize_t size = 0;
    const char* data = PyUnicode_AsUTF8AndSize(x.ptr(), &size);
    if (data == nullptr) throw py::error_already_set();
    return absl::string_view(data, static_cast<std::size_t>(size));
  }
  if (PyObject_CheckBuffer(x.ptr())) {
    const py::buffer_info info = py::reinterpret_borrow<py::buffer>(x).request();
    if (info.ndim != 1 || info.itemsize != 1 || (info.strides.size() == 1 && info.strides[0] != 1)) {
      throw py::type_error(absl::StrCat(name, ": expected a contiguous buffer of bytes"));
    }
    // The exporter keeps the memory while `x` lives (bytes-like objects do).
    return absl::string_view(static_cast<const char*>(info.ptr), static_cast<std::size_t>(info.size));
  }
  throw py::type_error(absl::StrCat(name, ": expected bytes, bytearray, memoryview or str, got ",
                                    std::string(py::str(x.get_type().attr("__name__")))));
}

sensors::ingest_options make_options(double dedup_window_s, const std::vector<int>& lpp_ports, bool merge_gateways,
                                     std::size_t max_line_bytes, std::size_t max_rejections) {
  if (!std::isfinite(dedup_window_s) || dedup_window_s < 0) {
    raise_status(absl::InvalidArgumentError(
        absl::StrCat("dedup_window = ", dedup_window_s, " s: must be a finite number of seconds >= 0")));
  }
  sensors::ingest_options o;
  o.dedup_window = absl::Seconds(dedup_window_s);
  o.lpp_ports = lpp_ports;
  o.merge_gateways = merge_gateways;
  o.max_line_bytes = max_line_bytes;
  o.max_rejections = max_rejections;
  throw_if_error(o.validate());
  return o;
}

template <class T>
T* data_of(py::array_t<T>& a) {
  return a.mutable_data();
}

/// One row per value component: codes into `dev_euis` and the type table, numpy columns.
py::dict readings_columns(const std::vector<sensors::uplink_reading>& readings) {
  std::size_t rows = 0;
  for (const sensors::uplink_reading& r : readings) rows += r.count;
  const auto n = static_cast<py::ssize_t>(rows);
  py::array_t<std::int32_t> dev_eui_code(n);
  py::array_t<std::uint32_t> f_cnt(n);
  py::array_t<std::int64_t> time_ns(n);
  py::array_t<std::uint8_t> f_port(n);
  py::array_t<std::uint8_t> channel(n);
  py::array_t<std::uint8_t> type_code(n);
  py::array_t<std::uint8_t> component(n);
  py::array_t<double> value(n);
  py::array_t<std::uint32_t> gateways(n);
  py::array_t<std::uint32_t> line(n);
  std::vector<std::uint64_t> euis;
  {
    std::int32_t* eui_out = data_of(dev_eui_code);
    std::uint32_t* f_cnt_out = data_of(f_cnt);
    std::int64_t* time_out = data_of(time_ns);
    std::uint8_t* port_out = data_of(f_port);
    std::uint8_t* channel_out = data_of(channel);
    std::uint8_t* type_out = data_of(type_code);
    std::uint8_t* component_out = data_of(component);
    double* value_out = data_of(value);
    std::uint32_t* gateways_out = data_of(gateways);
    std::uint32_t* line_out = data_of(line);
    py::gil_scoped_release release;
    std::unordered_map<std::uint64_t, std::int32_t> codes;
    std::size_t i = 0;
    for (const sensors::uplink_reading& r : readings) {
      auto [it, added] = codes.emplace(r.dev_eui, static_cast<std::int32_t>(euis.size()));
      if (added) euis.push_back(r.dev_eui);
      const std::int64_t ns = absl::ToUnixNanos(r.time);
      for (std::uint8_t k = 0; k < r.count; ++k, ++i) {
        eui_out[i] = it->second;
        f_cnt_out[i] = r.f_cnt;
        time_out[i] = ns;
        port_out[i] = r.f_port;
        channel_out[i] = r.channel;
        type_out[i] = static_cast<std::uint8_t>(r.type);
        component_out[i] = k;
        value_out[i] = r.values[k];
        gateways_out[i] = r.gateways;
        line_out[i] = r.line;
      }
    }
  }
  py::list eui_names;
  for (std::uint64_t e : euis) eui_names.append(py::str(sensors::eui_to_string(e)));
  py::dict out;
  out["dev_euis"] = eui_names;
  out["dev_eui_code"] = dev_eui_code;
  out["f_cnt"] = f_cnt;
  out["time_ns"] = time_ns;
  out["f_port"] = f_port;
  out["channel"] = channel;
  out["type_code"] = type_code;
  out["component"] = component;
  out["value"] = value;
  out["gateways"] = gateways;
  out["line"] = line;
  return out;
}

py::dict report_dict(const sensors::ingest_report& r) {
  py::dict out;
  out["received"] = r.received;
  out["accepted"] = r.accepted;
  out["duplicates"] = r.duplicates;
  out["rejected"] = r.rejected;
  out["readings"] = r.readings;
  out["counter_reuses"] = r.counter_reuses;
  out["rejections_dropped"] = r.rejections_dropped;
  py::list rejections;
  for (const sensors::rejection& j : r.rejections) {
    rejections.append(py::make_tuple(j.line, j.offset, py::str(j.field), py::str(j.reason)));
  }
  out["rejections"] = rejections;
  return out;
}

py::dict type_dict(const sensors::lpp_type_info& t) {
  py::dict d;
  d["code"] = static_cast<int>(t.type);
  d["ipso"] = t.ipso;
  d["name"] = to_py(t.name);
  d["size"] = static_cast<int>(t.size);
  d["count"] = static_cast<int>(t.count);
  d["signed"] = t.is_signed;
  py::list divisors;
  py::list components;
  py::list units;
  for (int k = 0; k < t.count; ++k) {
    const auto i = static_cast<std::size_t>(k);
    divisors.append(t.divisor[i]);
    components.append(to_py(t.components[i]));
    units.append(to_py(t.units[i]));
  }
  d["divisors"] = py::tuple(divisors);
  d["components"] = py::tuple(components);
  d["units"] = py::tuple(units);
  d["source"] = t.source == sensors::lpp_source::base       ? "base"
                : t.source == sensors::lpp_source::extended ? "extended"
                                                            : "other";
  return d;
}

const char* outcome_name(sensors::line_outcome o) {
  switch (o) {
    case sensors::line_outcome::blank:
      return "blank";
    case sensors::line_outcome::accepted:
      return "accepted";
    case sensors::line_outcome::duplicate:
      return "duplicate";
    case sensors::line_outcome::rejected:
      return "rejected";
  }
  return "unknown";
}

}  // namespace

void register_lorawan(py::module_& m) {
  m.def(
      "lpp_types",
      [] {
        py::list out;
        for (const sensors::lpp_type_info& t : sensors::lpp_types()) out.append(type_dict(t));
        return out;
      },
      "The Cayenne LPP types decoded, as dicts (code, ipso, name, size, count, signed, divisors, components, units, "
      "source).");

  m.def(
      "lpp_decode",
      [](const py::object& payload) {
        const absl::string_view bytes = bytes_of(payload, "payload_bytes");
        py::list out;
        throw_if_error(sensors::decode_cayenne_lpp(bytes, [&out](const sensors::lpp_value& v) {
          const sensors::lpp_type_info& t = v.type_info();
          py::dict d;
          d["channel"] = static_cast<int>(v.channel);
          d["type"] = to_py(t.name);
          if (v.count == 1) {
            d["value"] = v.values[0];
            d["unit"] = to_py(t.units[0]);
          } else {
            d["value"] = py::make_tuple(v.values[0], v.values[1], v.values[2]);
            d["unit"] = py::make_tuple(to_py(t.units[0]), to_py(t.units[1]), to_py(t.units[2]));
          }
          out.append(d);
        }));
        return out;
      },
      py::arg("payload_bytes"), "Decodes a Cayenne LPP payload into dicts (channel, type, value, unit).");

  m.def(
      "lorawan_parse_uplink",
      [](const py::object& line) {
        sensors::uplink u = value_or_throw(sensors::parse_uplink_json(bytes_of(line, "line")));
        py::dict d;
        d["dev_eui"] = u.dev_eui;
        d["f_cnt"] = u.f_cnt;
        d["time_ns"] = absl::ToUnixNanos(u.received);
        d["time_source"] = to_py(sensors::to_string(u.received_from));
        d["payload"] = py::bytes(u.payload_bytes);
        d["f_port"] = u.f_port;
        py::list rx;
        for (const sensors::gateway_rx& g : u.rx) rx.append(py::make_tuple(g.gateway_id, g.rssi, g.snr));
        d["rx"] = rx;
        d["device_name"] = u.device_name;
        d["deduplication_id"] = u.deduplication_id;
        d["object_json"] = u.object_json;
        return d;
      },
      py::arg("line"), "Parses one ChirpStack v4 uplink event (JSON).");

  m.def(
      "lorawan_ingest",
      [](const py::object& text, double dedup_window_s, const std::vector<int>& lpp_ports, bool merge_gateways,
         std::size_t max_line_bytes, std::size_t max_rejections) {
        const sensors::ingest_options options =
            make_options(dedup_window_s, lpp_ports, merge_gateways, max_line_bytes, max_rejections);
        const absl::string_view bytes = bytes_of(text, "text");
        absl::StatusOr<sensors::ingest_result> result;
        {
          py::gil_scoped_release release;
          result = sensors::ingest_uplinks(bytes, options);
        }
        throw_if_error(result.status());
        return py::make_tuple(readings_columns(result->readings), report_dict(result->report));
      },
      py::arg("text"), py::arg("dedup_window_s"), py::arg("lpp_ports"), py::arg("merge_gateways"),
      py::arg("max_line_bytes"), py::arg("max_rejections"), "Ingests JSON lines: (columns, report).");

  py::class_<sensors::uplink_ingestor>(m, "LorawanIngestor",
                                       "Ingests ChirpStack uplink events one line at a time (numresp::sensors::"
                                       "uplink_ingestor).")
      .def(py::init([](double dedup_window_s, const std::vector<int>& lpp_ports, bool merge_gateways,
                       std::size_t max_line_bytes, std::size_t max_rejections) {
             return value_or_throw(sensors::uplink_ingestor::create(
                 make_options(dedup_window_s, lpp_ports, merge_gateways, max_line_bytes, max_rejections)));
           }),
           py::arg("dedup_window_s"), py::arg("lpp_ports"), py::arg("merge_gateways"), py::arg("max_line_bytes"),
           py::arg("max_rejections"))
      .def(
          "add_line",
          [](sensors::uplink_ingestor& self, const py::object& line) {
            return outcome_name(self.add_line(bytes_of(line, "line")));
          },
          py::arg("line"), "Adds one line; returns 'accepted', 'duplicate', 'rejected' or 'blank'.")
      .def(
          "report", [](const sensors::uplink_ingestor& self) { return report_dict(self.report()); },
          "The account so far.")
      .def(
          "take_columns", [](sensors::uplink_ingestor& self) { return readings_columns(self.take_readings()); },
          "Moves the readings out, as columns.")
      .def(
          "forget_before",
          [](sensors::uplink_ingestor& self, std::int64_t time_ns) {
            self.forget_before(absl::FromUnixNanos(time_ns));
          },
          py::arg("time_ns"), "Forgets the frames older than a time (ns since the Unix epoch).")
      .def_property_readonly("frames_tracked", &sensors::uplink_ingestor::frames_tracked);
}

}  // namespace numresp::python
