// numresp::inclusion composite bindings: being written (issue 7); registers nothing yet.
#include "numresp_python/pybind11.hpp"

namespace numresp::python {

void register_composite(py::module_& /*m*/) {}

}  // namespace numresp::python
