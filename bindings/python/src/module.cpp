// numresp._core: the compiled half of the Python package. One register_<module>.cpp per module;
// this file only wires submodules. The public API is the pure-Python facade (numresp/*.py).
#include "numresp_python/pybind11.hpp"

#include "numresp/core/version.hpp"

PYBIND11_MODULE(_core, m) {
  m.doc() = "numresp compiled core (use the numresp package, not this module)";
  m.attr("__version__") = numresp::version_string;
  numresp::python::register_status(m);
  numresp::python::register_core(m);
  py::module_ units = m.def_submodule("units", "Units written as text: parsing and conversion");
  numresp::python::register_units(units);
  py::module_ factors = m.def_submodule("factors", "Factor sets: sourced, versioned, overridable");
  numresp::python::register_factors(factors);
  py::module_ traffic = m.def_submodule("traffic", "Data-transfer emissions (CO2.js 0.19.0 parity)");
  numresp::python::register_traffic(traffic);
  py::module_ usage = m.def_submodule("usage", "Email, storage, streaming, video calls, equivalences");
  numresp::python::register_usage(usage);
  py::module_ web = m.def_submodule("web", "Web eco-design: EcoIndex, HAR files, RGESN 2024");
  numresp::python::register_web(web);
  py::module_ rgesn = web.def_submodule("rgesn", "The RGESN 2024 eco-design checklist");
  numresp::python::register_rgesn(rgesn);
  py::module_ devices = m.def_submodule("devices", "Device life cycle, fleets, scenarios, Monte Carlo");
  numresp::python::register_devices(devices);
  py::module_ inclusion = m.def_submodule("inclusion", "Digital inclusion: intervals, mediation, composites, coverage");
  numresp::python::register_inclusion(inclusion);
  numresp::python::register_mediation(inclusion);
  numresp::python::register_composite(inclusion);
  py::module_ sensors = m.def_submodule("sensors", "Sensor readings: windows, aggregates, sketches, LoRaWAN");
  numresp::python::register_sensors(sensors);
  numresp::python::register_quantile_sketch(sensors);
  numresp::python::register_lorawan(sensors);
  numresp::python::register_ordered(sensors);
}
