// numresp::usage (ADEME models: email, storage, streaming, video calls, equivalences, the plan's
// claims) as numresp._core.usage.
#include "numresp_python/pybind11.hpp"
#include "numresp_python/status.hpp"

namespace numresp::python {

void register_usage(py::module_& m) { m.doc() = "Email, storage, streaming, video calls, equivalences"; }

}  // namespace numresp::python
