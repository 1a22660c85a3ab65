// numresp::usage (ADEME models: email, spam, storage, streaming, video calls, web search, network,
// download, equivalences, the plan's claims) as numresp._core.usage. The facade is
// numresp/usage.py. A call with numbers returns a float; a call with an array (or a list) returns
// an ndarray of the broadcast shape, computed in C++ with the GIL released. Bad values raise
// numresp.InvalidArgumentError (a ValueError) naming the argument, its index in an array, and the
// value; unknown names raise numresp.NotFoundError (a KeyError).
#include <cmath>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "numresp_python/pybind11.hpp"
#include "numresp_python/status.hpp"

#include "absl/strings/str_cat.h"
#include "numresp/factors/factor_set.hpp"
#include "numresp/usage/acv.hpp"
#include "numresp/usage/claims.hpp"
#include "numresp/usage/email.hpp"
#include "numresp/usage/equivalence.hpp"
#include "numresp/usage/storage.hpp"
#include "numresp/usage/streaming.hpp"

namespace numresp::python {
namespace {

namespace usage = numresp::usage;
using numresp::factors::factor_set;
using double_array = py::array_t<double, py::array::c_style | py::array::forcecast>;

// -- Arguments ------------------------------------------------------------------------------------

/// `factor_set`: None (the default set), a set name, a numresp.factors.FactorSet or the core set.
/// The reference stays valid while `fs` lives (the caller's argument).
const factor_set& resolve_set(const py::object& fs) {
  if (fs.is_none()) return numresp::factors::default_set();
  if (py::isinstance<py::str>(fs)) return value_or_throw(numresp::factors::get_set(fs.cast<std::string>())).get();
  const py::object core = py::hasattr(fs, "_set") ? py::object(fs.attr("_set")) : fs;
  if (py::isinstance<factor_set>(core)) return core.cast<const factor_set&>();
  raise_status(absl::InvalidArgumentError(absl::StrCat("factor_set = ", std::string(py::repr(fs)),
                                                       ": expected a set name (str) or a numresp.factors.FactorSet")));
}

bool is_scalar(const py::handle& x) {
  if (py::isinstance<py::array>(x)) return py::reinterpret_borrow<py::array>(x).ndim() == 0;
  if (py::isinstance<py::list>(x) || py::isinstance<py::tuple>(x) || py::isinstance<py::str>(x)) return false;
  return py::isinstance<py::float_>(x) || py::isinstance<py::int_>(x) || py::hasattr(x, "__float__");
}

/// What a value must be.
enum class rule { non_negative, positive, finite };

/// A number or an array, checked.
struct argument {
  const char* name = "";
  const char* what = "";  // "number of bytes", ...
  rule must = rule::finite;
  bool scalar = true;
  double value = 0;
  double_array array;
};

std::string index_text(std::size_t flat, const std::vector<py::ssize_t>& shape) {
  if (shape.size() <= 1) return absl::StrCat("[", flat, "]");
  std::vector<std::size_t> idx(shape.size());
  for (std::size_t d = shape.size(); d-- > 0;) {
    const auto extent = static_cast<std::size_t>(shape[d]);
    idx[d] = flat % extent;
    flat /= extent;
  }
  std::string out = "[";
  for (std::size_t d = 0; d < idx.size(); ++d) absl::StrAppend(&out, d ? ", " : "", idx[d]);
  return out + "]";
}

bool valid(double v, rule r) {
  switch (r) {
    case rule::non_negative:
      return std::isfinite(v) && v >= 0;
    case rule::positive:
      return std::isfinite(v) && v > 0;
    case rule::finite:
      return std::isfinite(v);
  }
  return false;
}

[[noreturn]] void raise_bad(const argument& a, double v, const std::string& index) {
  const char* bound = a.must == rule::non_negative ? " >= 0" : a.must == rule::positive ? " > 0" : "";
  raise_status(absl::InvalidArgumentError(absl::StrCat(a.name, index, " = ", v, ": must be a finite ", a.what, bound)));
}

argument read(const py::object& x, const char* name, const char* what, rule must) {
  argument a;
  a.name = name;
  a.what = what;
  a.must = must;
  if (py::isinstance<py::bool_>(x)) {
    raise_status(absl::InvalidArgumentError(
        absl::StrCat(name, " = ", std::string(py::repr(x)), ": expected a number or an array of numbers")));
  }
  if (is_scalar(x)) {
    a.value = x.cast<double>();
    if (!valid(a.value, must)) raise_bad(a, a.value, "");
    return a;
  }
  a.scalar = false;
  a.array = double_array::ensure(x);
  if (!a.array) {
    raise_status(absl::InvalidArgumentError(
        absl::StrCat(name, " = ", std::string(py::repr(x)), ": expected a number or an array of numbers")));
  }
  const auto n = static_cast<std::size_t>(a.array.size());
  const double* data = a.array.data();
  std::size_t bad = n;
  {
    py::gil_scoped_release release;
    for (std::size_t i = 0; i < n; ++i) {
      if (!valid(data[i], must)) {
        bad = i;
        break;
      }
    }
  }
  if (bad < n) {
    const std::vector<py::ssize_t> shape(a.array.shape(), a.array.shape() + a.array.ndim());
    raise_bad(a, data[bad], index_text(bad, shape));
  }
  return a;
}

/// The arrays of `args` broadcast together (scalars included), as C-contiguous double arrays.
std::vector<double_array> broadcast(const std::vector<const argument*>& args) {
  py::module_ np = py::module_::import("numpy");
  py::list items;
  for (const argument* a : args) {
    if (a->scalar) {
      items.append(py::float_(a->value));
    } else {
      items.append(a->array);
    }
  }
  py::list views = np.attr("broadcast_arrays")(*items);
  std::vector<double_array> out;
  for (const py::handle& v : views) out.push_back(double_array::ensure(np.attr("ascontiguousarray")(v)));
  return out;
}

/// amount × per_unit: a float for a scalar, an array otherwise.
py::object scale(const argument& amount, double per_unit) {
  if (amount.scalar) return py::float_(amount.value * per_unit);
  double_array out(std::vector<py::ssize_t>(amount.array.shape(), amount.array.shape() + amount.array.ndim()));
  const auto n = static_cast<std::size_t>(amount.array.size());
  const double* in = amount.array.data();
  double* dst = out.mutable_data();
  {
    py::gil_scoped_release release;
    for (std::size_t i = 0; i < n; ++i) dst[i] = in[i] * per_unit;
  }
  return std::move(out);
}

double grams(units::co2e_mass m) { return m / units::gram_co2e; }

py::dict footprint_dict(const usage::footprint& f) {
  py::dict d;
  d["device_construction"] = grams(f.device_construction);
  d["device_use"] = grams(f.device_use);
  d["transmission"] = grams(f.transmission);
  d["data_center_construction"] = grams(f.data_center_construction);
  d["data_center_use"] = grams(f.data_center_use);
  d["total"] = grams(f.total);
  return d;
}

/// The total, or the breakdown (a dict) when asked and the amount is a number.
py::object linear_result(const argument& amount, const usage::footprint& per_unit, bool breakdown) {
  if (!breakdown) return scale(amount, grams(per_unit.total));
  if (!amount.scalar) {
    raise_status(absl::InvalidArgumentError(
        absl::StrCat("breakdown = True: only for a single ", amount.name, ", not an array")));
  }
  return footprint_dict(per_unit.scaled(amount.value));
}

// -- Models ---------------------------------------------------------------------------------------

py::object email(const py::object& count, const py::object& attachment_bytes, const py::object& recipients,
                 const py::object& fs, const std::string& network, const std::string& device, bool breakdown) {
  const factor_set& set = resolve_set(fs);
  usage::email_options o;
  o.on = value_or_throw(usage::parse_device(device));
  o.sender_network = o.recipient_network = value_or_throw(usage::parse_network(network));
  const usage::email_model model = value_or_throw(usage::email_model::create(set, o));
  const double base_bytes = value_or_throw(set.get<units::data_volume>("email.model.size_simple")) / units::byte;
  const argument c = read(count, "count", "number of emails", rule::non_negative);
  const argument a = read(attachment_bytes, "attachment_bytes", "number of bytes", rule::non_negative);
  const argument r = read(recipients, "recipients", "number of recipients", rule::positive);
  if (c.scalar && a.scalar && r.scalar) {
    if (breakdown) return footprint_dict(model.compute((base_bytes + a.value) * units::byte, r.value).scaled(c.value));
    return py::float_(c.value * model.total_g(base_bytes + a.value, r.value));
  }
  if (breakdown) {
    raise_status(absl::InvalidArgumentError("breakdown = True: only for a single email, not arrays"));
  }
  const std::vector<double_array> b = broadcast({&c, &a, &r});
  double_array out(std::vector<py::ssize_t>(b[0].shape(), b[0].shape() + b[0].ndim()));
  const auto n = static_cast<std::size_t>(out.size());
  const double* cs = b[0].data();
  const double* as = b[1].data();
  const double* rs = b[2].data();
  double* dst = out.mutable_data();
  {
    py::gil_scoped_release release;
    for (std::size_t i = 0; i < n; ++i) dst[i] = cs[i] * model.total_g(base_bytes + as[i], rs[i]);
  }
  return std::move(out);
}

py::object spam(const py::object& count, const std::string& figure, const py::object& fs, bool breakdown) {
  const factor_set& set = resolve_set(fs);
  const usage::footprint one = value_or_throw(usage::spam(value_or_throw(usage::parse_spam_figure(figure)), set));
  return linear_result(read(count, "count", "number of spams", rule::non_negative), one, breakdown);
}

usage::video_options video_options(const std::string& quality, const std::string& network, const std::string& device,
                                   const py::object& participants) {
  usage::video_options o;
  o.quality = value_or_throw(usage::parse_video_quality(quality));
  o.net = value_or_throw(usage::parse_network(network));
  o.on = value_or_throw(usage::parse_device(device));
  if (!participants.is_none()) {
    const argument p = read(participants, "participants", "number of devices", rule::positive);
    if (!p.scalar) {
      raise_status(absl::InvalidArgumentError("participants: expected one number of devices, not an array"));
    }
    o.participants = p.value;
  }
  return o;
}

py::object streaming(const py::object& hours, const std::string& quality, const std::string& network,
                     const std::string& device, const py::object& fs, bool breakdown) {
  const factor_set& set = resolve_set(fs);
  const argument h = read(hours, "hours", "number of hours", rule::non_negative);
  const usage::footprint one =
      value_or_throw(usage::streaming(1.0 * units::hour, video_options(quality, network, device, py::none()), set));
  return linear_result(h, one, breakdown);
}

py::object video_call(const py::object& hours, const std::string& quality, const py::object& participants,
                      const std::string& network, const std::string& device, const py::object& fs, bool breakdown) {
  const factor_set& set = resolve_set(fs);
  const argument h = read(hours, "hours", "number of hours", rule::non_negative);
  const usage::footprint one =
      value_or_throw(usage::video_call(1.0 * units::hour, video_options(quality, network, device, participants), set));
  return linear_result(h, one, breakdown);
}

py::object web_search(const py::object& count, const std::string& network, const std::string& device,
                      const py::object& fs, bool breakdown) {
  const factor_set& set = resolve_set(fs);
  const argument c = read(count, "count", "number of searches", rule::non_negative);
  const usage::footprint one = value_or_throw(usage::web_search(1, value_or_throw(usage::parse_network(network)),
                                                                value_or_throw(usage::parse_device(device)), set));
  return linear_result(c, one, breakdown);
}

py::object network_transfer(const py::object& data_bytes, const std::string& network, const py::object& fs) {
  const factor_set& set = resolve_set(fs);
  const argument d = read(data_bytes, "data_bytes", "number of bytes", rule::non_negative);
  const units::co2e_mass per_gb = value_or_throw(
      usage::network_transfer(1.0 * units::gigabyte, value_or_throw(usage::parse_network(network)), set));
  return scale(d, grams(per_gb) / (units::gigabyte / units::byte));
}

py::object download(const py::object& data_bytes, const std::string& network, const py::object& fs, bool breakdown) {
  const factor_set& set = resolve_set(fs);
  const argument d = read(data_bytes, "data_bytes", "number of bytes", rule::non_negative);
  const usage::footprint per_gb =
      value_or_throw(usage::download(1.0 * units::gigabyte, value_or_throw(usage::parse_network(network)), set));
  const usage::footprint per_byte = per_gb.scaled(1 / (units::gigabyte / units::byte));
  return linear_result(d, per_byte, breakdown);
}

py::object storage(const py::object& data_bytes, const py::object& years, const std::string& method,
                   const py::object& copies, const py::object& pue, const py::object& fill_rate, const py::object& grid,
                   const py::object& fs) {
  const factor_set& set = resolve_set(fs);
  const argument d = read(data_bytes, "data_bytes", "number of bytes", rule::non_negative);
  const argument y = read(years, "years", "number of years", rule::non_negative);
  double g_per_byte_year = 0;
  if (method == "published") {
    if (!copies.is_none() || !pue.is_none() || !fill_rate.is_none() || !grid.is_none()) {
      raise_status(
          absl::InvalidArgumentError("method = \"published\": Impact CO2's figure takes no copies, pue, fill_rate or "
                                     "grid (use method=\"model\")"));
    }
    g_per_byte_year = grams(value_or_throw(usage::storage_published(1.0 * units::gigabyte, 1.0 * units::year, set))) /
                      (units::gigabyte / units::byte);
  } else if (method == "model") {
    usage::storage_parameters p = value_or_throw(usage::storage_parameters::from_factors(set));
    auto number = [](const py::object& x, const char* name) {
      const argument a = read(x, name, "number", rule::finite);
      if (!a.scalar)
        raise_status(absl::InvalidArgumentError(absl::StrCat(name, ": expected one number, not an array")));
      return a.value;
    };
    if (!copies.is_none()) p.copies = number(copies, "copies");
    if (!pue.is_none()) p.pue = number(pue, "pue");
    if (!fill_rate.is_none()) p.fill_rate = number(fill_rate, "fill_rate");
    if (!grid.is_none()) {
      if (py::isinstance<py::str>(grid)) {
        p.grid = value_or_throw(usage::grid_intensity(grid.cast<std::string>(), set));
      } else {
        p.grid = number(grid, "grid") * units::gram_co2e / units::kilowatt_hour;
      }
    }
    const usage::storage_footprint f = value_or_throw(usage::storage(1.0 * units::gigabyte, 1.0 * units::year, p));
    g_per_byte_year = grams(f.total) / (units::gigabyte / units::byte);
  } else {
    raise_status(absl::NotFoundError(
        absl::StrCat("method = \"", method, "\": unknown storage method; the methods are model, published")));
  }
  if (d.scalar && y.scalar) return py::float_(g_per_byte_year * (d.value * y.value));
  const std::vector<double_array> b = broadcast({&d, &y});
  double_array out(std::vector<py::ssize_t>(b[0].shape(), b[0].shape() + b[0].ndim()));
  const auto n = static_cast<std::size_t>(out.size());
  const double* ds = b[0].data();
  const double* ys = b[1].data();
  double* dst = out.mutable_data();
  {
    py::gil_scoped_release release;
    for (std::size_t i = 0; i < n; ++i) dst[i] = g_per_byte_year * (ds[i] * ys[i]);
  }
  return std::move(out);
}

py::object equivalent(const py::object& g, const std::string& name, const py::object& fs) {
  const factor_set& set = resolve_set(fs);
  value_or_throw(usage::find_equivalence(name));
  const argument a = read(g, "grams", "number of grams CO2e", rule::finite);
  if (a.scalar) return py::float_(value_or_throw(usage::equivalent(a.value * units::gram_co2e, name, set)));
  double_array out(std::vector<py::ssize_t>(a.array.shape(), a.array.shape() + a.array.ndim()));
  const auto n = static_cast<std::size_t>(a.array.size());
  absl::Status status;
  {
    py::gil_scoped_release release;
    status = usage::equivalent(absl::Span<const double>(a.array.data(), n), name, set,
                               absl::Span<double>(out.mutable_data(), n));
  }
  throw_if_error(status);
  return std::move(out);
}

py::list claims(const py::object& fs) {
  const factor_set& set = resolve_set(fs);
  py::list rows;
  for (const usage::claim& c : value_or_throw(usage::check_claims(set))) {
    py::dict d;
    d["id"] = c.id;
    d["claim"] = c.text;
    d["plan_value"] = c.plan_value;
    d["unit"] = c.unit;
    d["today_value"] = c.today_value;
    d["today_low"] = c.today_low;
    d["today_high"] = c.today_high;
    d["ratio"] = c.ratio;
    d["factors"] = c.factor_ids;
    d["verdict"] = c.verdict;
    rows.append(d);
  }
  return rows;
}

}  // namespace

void register_usage(py::module_& m) {
  m.doc() =
      "ADEME usage models: email, spam, storage, streaming, video calls, web search, network, equivalences, "
      "the plan's claims";
  m.def("email", &email, py::arg("count"), py::arg("attachment_bytes"), py::arg("recipients"), py::arg("factor_set"),
        py::arg("network"), py::arg("device"), py::arg("breakdown"),
        "Grams CO2e of `count` emails of the model's simple size plus `attachment_bytes`, to `recipients`.");
  m.def("spam", &spam, py::arg("count"), py::arg("figure"), py::arg("factor_set"), py::arg("breakdown"),
        "Grams CO2e of `count` spams, Impact CO2's published or corrected figure.");
  m.def("streaming", &streaming, py::arg("hours"), py::arg("quality"), py::arg("network"), py::arg("device"),
        py::arg("factor_set"), py::arg("breakdown"), "Grams CO2e of `hours` of video streaming.");
  m.def("video_call", &video_call, py::arg("hours"), py::arg("quality"), py::arg("participants"), py::arg("network"),
        py::arg("device"), py::arg("factor_set"), py::arg("breakdown"), "Grams CO2e of `hours` of video call.");
  m.def("web_search", &web_search, py::arg("count"), py::arg("network"), py::arg("device"), py::arg("factor_set"),
        py::arg("breakdown"), "Grams CO2e of `count` web searches.");
  m.def("network", &network_transfer, py::arg("data_bytes"), py::arg("network"), py::arg("factor_set"),
        "Grams CO2e of transferring `data_bytes` over a network (network factor per GB only).");
  m.def("download", &download, py::arg("data_bytes"), py::arg("network"), py::arg("factor_set"), py::arg("breakdown"),
        "Grams CO2e of downloading a file of `data_bytes` (network and data centre).");
  m.def("storage", &storage, py::arg("data_bytes"), py::arg("years"), py::arg("method"), py::arg("copies"),
        py::arg("pue"), py::arg("fill_rate"), py::arg("grid"), py::arg("factor_set"),
        "Grams CO2e of storing `data_bytes` for `years`.");
  m.def("equivalent", &equivalent, py::arg("grams"), py::arg("name"), py::arg("factor_set"),
        "`grams` CO2e as an amount of equivalence `name`.");
  m.def(
      "equivalences",
      []() {
        py::list rows;
        for (const usage::equivalence& e : usage::equivalences()) {
          rows.append(py::make_tuple(std::string(e.name), std::string(e.factor_id), std::string(e.unit),
                                     std::string(e.description)));
        }
        return rows;
      },
      "The equivalences: (name, factor_id, unit, description) tuples.");
  m.def("claims", &claims, py::arg("factor_set"), "The plan's claims recomputed: a list of dicts.");
  m.def(
      "skipped_claims",
      []() {
        py::list rows;
        for (const usage::skipped_claim& s : usage::skipped_claims()) rows.append(py::make_tuple(s.text, s.reason));
        return rows;
      },
      "The plan's claims numresp does not recompute: (claim, reason) tuples.");
}

}  // namespace numresp::python
