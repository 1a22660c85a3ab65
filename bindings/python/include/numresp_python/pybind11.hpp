// Included first by every binding TU: pybind11 and the project's binding helpers.
#ifndef NUMRESP_PYTHON_PYBIND11_HPP_
#define NUMRESP_PYTHON_PYBIND11_HPP_

#include <pybind11/numpy.h>
#include <pybind11/operators.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

namespace py = pybind11;

namespace numresp::python {

void register_status(py::module_& m);
void register_core(py::module_& m);
void register_units(py::module_& m);
void register_factors(py::module_& m);
void register_traffic(py::module_& m);
void register_usage(py::module_& m);
void register_web(py::module_& m);
void register_rgesn(py::module_& m);
void register_devices(py::module_& m);
void register_inclusion(py::module_& m);
void register_mediation(py::module_& m);
void register_composite(py::module_& m);
void register_sensors(py::module_& m);
void register_quantile_sketch(py::module_& m);
void register_lorawan(py::module_& m);
void register_ordered(py::module_& m);

}  // namespace numresp::python

#endif  // NUMRESP_PYTHON_PYBIND11_HPP_
