// numresp::web (EcoIndex, HAR files) as numresp._core.web; numresp/web/__init__.py is the facade.
#include <string>

#include "numresp_python/parallel.hpp"
#include "numresp_python/pybind11.hpp"
#include "numresp_python/status.hpp"

#include "absl/strings/str_cat.h"
#include "numresp/web/ecoindex.hpp"
#include "numresp/web/har.hpp"

namespace numresp::python {
namespace {

namespace web = numresp::web;
using double_array = py::array_t<double, py::array::c_style | py::array::forcecast>;

py::dict breakdown_dict(const std::map<std::string, web::har_breakdown>& m) {
  py::dict d;
  for (const auto& [key, b] : m) {
    py::dict entry;
    entry["requests"] = b.requests;
    entry["transfer_bytes"] = b.transfer_bytes;
    d[py::str(key)] = entry;
  }
  return d;
}

}  // namespace

void register_web(py::module_& m) {
  m.def(
      "ecoindex_scalar",
      [](double dom, double requests, double size_kb, const std::string& flavour) {
        const web::flavour f = value_or_throw(web::parse_flavour(flavour));
        const web::ecoindex_result r = value_or_throw(web::ecoindex(dom, requests, size_kb, f));
        return py::make_tuple(r.score, std::string(1, r.grade), r.ghg_g, r.water_cl, r.q_dom, r.q_requests, r.q_size);
      },
      py::arg("dom"), py::arg("requests"), py::arg("size_kb"), py::arg("flavour"),
      "(score, grade, ghg_g, water_cl, q_dom, q_requests, q_size) of one page.");

  m.def(
      "ecoindex_arrays",
      [](const double_array& dom, const double_array& requests, const double_array& size_kb,
         const std::string& flavour) {
        const web::flavour f = value_or_throw(web::parse_flavour(flavour));
        const auto n = static_cast<std::size_t>(dom.size());
        if (static_cast<std::size_t>(requests.size()) != n || static_cast<std::size_t>(size_kb.size()) != n) {
          raise_status(
              absl::InvalidArgumentError(absl::StrCat("ecoindex: dom, requests and size_kb must have the same "
                                                      "length; got ",
                                                      n, ", ", requests.size(), ", ", size_kb.size())));
        }
        py::array_t<double> score(static_cast<py::ssize_t>(n));
        py::array_t<std::uint8_t> grade_codes(static_cast<py::ssize_t>(n));
        py::array_t<double> ghg(static_cast<py::ssize_t>(n));
        py::array_t<double> water(static_cast<py::ssize_t>(n));
        const double* d = dom.data();
        const double* r = requests.data();
        const double* s = size_kb.data();
        double* score_out = score.mutable_data();
        auto* grade_out = reinterpret_cast<char*>(grade_codes.mutable_data());
        double* ghg_out = ghg.mutable_data();
        double* water_out = water.mutable_data();
        absl::Status status;
        {
          py::gil_scoped_release release;
          status = parallel_chunks(n, std::size_t{1} << 18, [&](std::size_t begin, std::size_t end) {
            const std::size_t k = end - begin;
            return web::ecoindex(absl::MakeConstSpan(d + begin, k), absl::MakeConstSpan(r + begin, k),
                                 absl::MakeConstSpan(s + begin, k), f, absl::MakeSpan(score_out + begin, k),
                                 absl::MakeSpan(grade_out + begin, k), absl::MakeSpan(ghg_out + begin, k),
                                 absl::MakeSpan(water_out + begin, k));
          });
          if (!status.ok()) {
            // Re-check in order so that the message names the first bad index of the whole input.
            status = web::ecoindex(absl::MakeConstSpan(d, n), absl::MakeConstSpan(r, n), absl::MakeConstSpan(s, n), f,
                                   absl::MakeSpan(score_out, n), absl::MakeSpan(grade_out, n),
                                   absl::MakeSpan(ghg_out, n), absl::MakeSpan(water_out, n));
          }
          // Grades as codes 0..6 for a pandas Categorical over "A".."G".
          for (std::size_t i = 0; i < n && status.ok(); ++i) grade_out[i] = static_cast<char>(grade_out[i] - 'A');
        }
        throw_if_error(status);
        py::dict out;
        out["score"] = score;
        out["grade_code"] = grade_codes;
        out["ghg_g"] = ghg;
        out["water_cl"] = water;
        return out;
      },
      py::arg("dom"), py::arg("requests"), py::arg("size_kb"), py::arg("flavour"),
      "EcoIndex of many pages (1-D float64 arrays of one length): a dict of numpy arrays.");

  m.def(
      "har_summary",
      [](const std::string& path) {
        const web::har_summary s = value_or_throw(web::read_har(path));
        py::dict d;
        d["entries"] = s.entries;
        d["requests"] = s.requests;
        d["transfer_bytes"] = s.transfer_bytes;
        d["size_kb"] = s.size_kb();
        d["data_urls"] = s.data_urls;
        d["cached"] = s.cached;
        d["failed"] = s.failed;
        d["by_domain"] = breakdown_dict(s.by_domain);
        d["by_content_type"] = breakdown_dict(s.by_content_type);
        return d;
      },
      py::arg("path"), "The request count, transferred bytes and breakdowns of a HAR file.");

  m.def("to_fixed_2", &web::to_fixed_2, py::arg("x"),
        "JavaScript's x.toFixed(2), as npm ecoindex formats GHG and water.");
  m.def(
      "legacy_grade", [](double score) { return std::string(1, web::legacy_grade(score)); }, py::arg("legacy_score"),
      "The grade of a score on the pre-September-2022 scale.");
}

}  // namespace numresp::python
