// numresp::inclusion mediation bindings: being written (issue 7); registers nothing yet.
#include "numresp_python/pybind11.hpp"

namespace numresp::python {

void register_mediation(py::module_& /*m*/) {}

}  // namespace numresp::python
