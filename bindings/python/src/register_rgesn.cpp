// numresp::web::rgesn as numresp._core.web.rgesn: the RGESN 2024 criteria and progress score.
// The facade numresp/web/rgesn.py turns these plain lists and dicts into a pandas DataFrame and
// a Result object.
#include <string>
#include <utility>
#include <vector>

#include "numresp_python/pybind11.hpp"
#include "numresp_python/status.hpp"

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "numresp/web/rgesn.hpp"

namespace numresp::python {
namespace {

namespace rgesn = numresp::web::rgesn;

/// The criteria as columns (a dict of lists), in the reference's order, for a pandas DataFrame.
py::dict criteria_columns() {
  const std::vector<rgesn::criterion>& all = rgesn::criteria();
  const std::size_t n = all.size();
  py::list id(n), group(n), priority(n), criterion(n), difficulty(n), target(n), roles(n), objective(n),
      implementation(n), control(n), always_applicable(n);
  for (std::size_t i = 0; i < n; ++i) {
    const rgesn::criterion& c = all[i];
    id[i] = c.id;
    group[i] = c.group;
    priority[i] = std::string(rgesn::to_string(c.priority));
    criterion[i] = c.criterion;
    difficulty[i] = c.difficulty;
    target[i] = c.target;
    roles[i] = c.roles;
    objective[i] = c.objective;
    implementation[i] = c.implementation;
    control[i] = c.control;
    always_applicable[i] = c.always_applicable;
  }
  py::dict d;
  d["id"] = id;
  d["group"] = group;
  d["priority"] = priority;
  d["criterion"] = criterion;
  d["difficulty"] = difficulty;
  d["target"] = target;
  d["roles"] = roles;
  d["objective"] = objective;
  d["implementation"] = implementation;
  d["control"] = control;
  d["always_applicable"] = always_applicable;
  return d;
}

/// `answers`: an iterable of (id, answer) pairs, both str.
std::vector<std::pair<std::string, rgesn::answer>> to_answers(const py::iterable& answers) {
  std::vector<std::pair<std::string, rgesn::answer>> out;
  for (const py::handle item : answers) {
    const auto pair = py::reinterpret_borrow<py::object>(item);
    if (!py::isinstance<py::tuple>(pair) || py::len(pair) != 2) {
      raise_status(absl::InvalidArgumentError(
          absl::StrCat("answers: ", std::string(py::repr(pair)), ": expected an (id, answer) pair")));
    }
    const py::handle key = pair[py::int_(0)];
    const py::handle value = pair[py::int_(1)];
    if (!py::isinstance<py::str>(key)) {
      raise_status(absl::InvalidArgumentError(absl::StrCat(
          "answers: key ", std::string(py::repr(key)), " (", std::string(py::str(key.get_type().attr("__name__"))),
          "): expected a criterion id as a str, such as \"1.1\" or \"1.10\" (a float cannot tell 1.1 from 1.10)")));
    }
    const std::string id = key.cast<std::string>();
    if (!py::isinstance<py::str>(value)) {
      raise_status(absl::InvalidArgumentError(absl::StrCat("answers[\"", id, "\"] = ", std::string(py::repr(value)),
                                                           ": expected \"met\", \"not_met\" or \"not_applicable\"")));
    }
    absl::StatusOr<rgesn::answer> a = rgesn::parse_answer(value.cast<std::string>());
    if (!a.ok())
      raise_status(absl::InvalidArgumentError(absl::StrCat("answers[\"", id, "\"]: ", a.status().message())));
    out.emplace_back(id, *a);
  }
  return out;
}

py::dict result_dict(const rgesn::result& r) {
  py::list groups;
  for (const rgesn::group_score& g : r.groups) {
    py::dict d;
    d["group"] = g.group;
    d["score"] = g.score ? py::object(py::float_(*g.score)) : py::none();
    d["met"] = g.met;
    d["not_met"] = g.not_met;
    d["not_applicable"] = g.not_applicable;
    d["points"] = g.points;
    d["max_points"] = g.max_points;
    groups.append(std::move(d));
  }
  py::dict d;
  d["score"] = r.score;
  d["groups"] = groups;
  d["unmet_priority"] = py::cast(r.unmet_priority);
  d["met"] = r.met;
  d["not_met"] = r.not_met;
  d["not_applicable"] = r.not_applicable;
  d["points"] = r.points;
  d["max_points"] = r.max_points;
  return d;
}

}  // namespace

void register_rgesn(py::module_& m) {
  m.doc() = "The RGESN 2024 eco-design checklist";

  m.def("criteria", &criteria_columns,
        R"doc(The 78 criteria as columns (a dict of lists, in the reference's order): ``id``, ``group``,
``priority``, ``criterion``, ``difficulty``, ``target``, ``roles``, ``objective``,
``implementation``, ``control``, ``always_applicable``.)doc");

  m.def(
      "groups", [] { return rgesn::groups(); }, "The 9 groups (thematiques), in the reference's order.");

  m.def(
      "weights",
      [] {
        py::dict d;
        for (rgesn::priority p : {rgesn::priority::prioritaire, rgesn::priority::recommande, rgesn::priority::modere}) {
          d[py::str(std::string(rgesn::to_string(p)))] = rgesn::weight(p);
        }
        return d;
      },
      "The weight of each priority in the score: {\"Prioritaire\": 1.5, \"Recommandé\": 1.25, \"Modéré\": 1.0}.");

  m.def(
      "score",
      [](const py::iterable& answers) {
        const auto pairs = to_answers(answers);
        return result_dict(value_or_throw(rgesn::score(pairs)));
      },
      py::arg("answers"),
      R"doc(The RGESN 2024 progress score from (id, answer) pairs, answers ``"met"``, ``"not_met"`` or
``"not_applicable"``; a dict with ``score``, ``groups`` (a list of dicts: ``group``, ``score`` or
None, counts, ``points``, ``max_points``), ``unmet_priority``, counts, ``points`` and
``max_points``.)doc");

  m.def(
      "measurable",
      [] {
        py::list out;
        for (const rgesn::measurable_criterion& c : rgesn::measurable_by_page_measurement()) {
          out.append(py::make_tuple(c.id, c.reason));
        }
        return out;
      },
      "The (id, reason) pairs of the criteria a page measurement (EcoIndex, HAR) gives evidence for.");
}

}  // namespace numresp::python
