#include "numresp/usage/traffic.hpp"

#include <cmath>
#include <cstdlib>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace numresp::usage::traffic {
namespace {

// CO2.js converts bytes to gigabytes with GIGABYTE = 1e3 * 1e3 * 1e3 (constants/file-size.js).
constexpr double bytes_per_gb = 1e9;

absl::StatusOr<double> factor_in(const factors::factor_set& set, absl::string_view id, absl::string_view unit) {
  return set.get_in(id, unit);
}

absl::Status option_error(absl::string_view name, double value, absl::string_view rule) {
  return absl::InvalidArgumentError(absl::StrCat(name, " = ", value, ": ", rule));
}

absl::Status check_share(absl::string_view name, const std::optional<double>& value) {
  if (value && !(std::isfinite(*value) && *value >= 0.0 && *value <= 1.0)) {
    return option_error(name, *value, "must be a number in [0, 1]");
  }
  return absl::OkStatus();
}

absl::Status check_intensity(absl::string_view name, const std::optional<double>& value) {
  if (value && !(std::isfinite(*value) && *value >= 0.0)) {
    return option_error(name, *value, "must be a finite grid intensity >= 0 g CO2e/kWh");
  }
  return absl::OkStatus();
}

}  // namespace

absl::string_view to_string(model m) noexcept {
  switch (m) {
    case model::swd4:
      return "swd4";
    case model::swd3:
      return "swd3";
    case model::onebyte:
      return "onebyte";
  }
  return "unknown";
}

absl::StatusOr<model> parse_model(absl::string_view name) {
  for (model m : {model::swd4, model::swd3, model::onebyte}) {
    if (to_string(m) == name) return m;
  }
  return absl::InvalidArgumentError(
      absl::StrCat("model = \"", name, "\": unknown data-transfer model; the models are swd4, swd3, onebyte"));
}

absl::StatusOr<constants> constants::from_factors(model m, const factors::factor_set& set) {
  constants c;
  c.which = m;
  struct entry {
    absl::string_view id;
    absl::string_view unit;
    double* target;
  };
  auto load = [&](std::initializer_list<entry> entries) -> absl::Status {
    for (const entry& e : entries) {
      absl::StatusOr<double> v = factor_in(set, e.id, e.unit);
      if (!v.ok()) return v.status();
      *e.target = *v;
    }
    return absl::OkStatus();
  };
  absl::Status s;
  switch (m) {
    case model::swd4:
      s = load({{"swd.v4.operational.data_center", "kWh/GB", &c.operational_data_center_kwh_per_gb},
                {"swd.v4.operational.network", "kWh/GB", &c.operational_network_kwh_per_gb},
                {"swd.v4.operational.user_device", "kWh/GB", &c.operational_device_kwh_per_gb},
                {"swd.v4.embodied.data_center", "kWh/GB", &c.embodied_data_center_kwh_per_gb},
                {"swd.v4.embodied.network", "kWh/GB", &c.embodied_network_kwh_per_gb},
                {"swd.v4.embodied.user_device", "kWh/GB", &c.embodied_device_kwh_per_gb},
                {"swd.v4.grid.global", "gCO2e/kWh", &c.global_g_per_kwh},
                {"swd.v4.first_visit_share", "1", &c.first_visit_share},
                {"swd.v4.return_visit_share", "1", &c.return_visit_share},
                {"swd.v4.data_reload_ratio", "1", &c.data_reload_ratio},
                {"swd.v4.rating.a_plus", "gCO2e/pageview", &c.rating_limits_g[0]},
                {"swd.v4.rating.a", "gCO2e/pageview", &c.rating_limits_g[1]},
                {"swd.v4.rating.b", "gCO2e/pageview", &c.rating_limits_g[2]},
                {"swd.v4.rating.c", "gCO2e/pageview", &c.rating_limits_g[3]},
                {"swd.v4.rating.d", "gCO2e/pageview", &c.rating_limits_g[4]},
                {"swd.v4.rating.e", "gCO2e/pageview", &c.rating_limits_g[5]}});
      break;
    case model::swd3:
      s = load({{"swd.v3.energy.total", "kWh/GB", &c.kwh_per_gb},
                {"swd.v3.share.user_device", "1", &c.device_share},
                {"swd.v3.share.network", "1", &c.network_share},
                {"swd.v3.share.production", "1", &c.production_share},
                {"swd.v3.share.data_center", "1", &c.data_center_share},
                {"swd.v3.grid.global", "gCO2e/kWh", &c.global_g_per_kwh},
                {"swd.v3.grid.renewables", "gCO2e/kWh", &c.renewables_g_per_kwh},
                {"swd.v3.first_visit_share", "1", &c.first_visit_share},
                {"swd.v3.return_visit_share", "1", &c.return_visit_share},
                {"swd.v3.data_reload_ratio", "1", &c.data_reload_ratio},
                {"swd.v3.rating.a_plus", "gCO2e/pageview", &c.rating_limits_g[0]},
                {"swd.v3.rating.a", "gCO2e/pageview", &c.rating_limits_g[1]},
                {"swd.v3.rating.b", "gCO2e/pageview", &c.rating_limits_g[2]},
                {"swd.v3.rating.c", "gCO2e/pageview", &c.rating_limits_g[3]},
                {"swd.v3.rating.d", "gCO2e/pageview", &c.rating_limits_g[4]},
                {"swd.v3.rating.e", "gCO2e/pageview", &c.rating_limits_g[5]}});
      break;
    case model::onebyte: {
      double wired = 0;
      double wifi = 0;
      double mobile = 0;
      s = load({{"onebyte.energy.data_center", "kWh/B", &c.data_center_kwh_per_byte},
                {"onebyte.energy.network.fixed_wired", "kWh/B", &wired},
                {"onebyte.energy.network.fixed_wifi", "kWh/B", &wifi},
                {"onebyte.energy.network.mobile_4g", "kWh/B", &mobile},
                {"onebyte.grid.data_center_grey", "gCO2e/kWh", &c.data_center_grey_g_per_kwh},
                {"onebyte.grid.network_grey", "gCO2e/kWh", &c.network_green_case_g_per_kwh},
                {"onebyte.grid.data_center_green", "gCO2e/kWh", &c.data_center_green_g_per_kwh}});
      // As CO2.js: the mean of the three network intensities, summed left to right.
      c.network_kwh_per_byte = (wired + wifi + mobile) / 3;
      break;
    }
  }
  if (!s.ok()) return s;
  return c;
}

const constants& constants::builtin(model m) {
  static const auto load = [](model for_model, absl::string_view set_name) {
    auto set = factors::get_set(set_name);
    if (!set.ok()) std::abort();  // the built-in sets are validated at build time
    auto c = from_factors(for_model, set->get());
    if (!c.ok()) std::abort();
    return *c;
  };
  static const constants swd4 = load(model::swd4, "swd-v4");
  static const constants swd3 = load(model::swd3, "swd-v3");
  static const constants onebyte = load(model::onebyte, "onebyte");
  switch (m) {
    case model::swd3:
      return swd3;
    case model::onebyte:
      return onebyte;
    case model::swd4:
      break;
  }
  return swd4;
}

absl::StatusOr<calculator> calculator::create(model m, const options& opts) {
  return create(constants::builtin(m), opts);
}

absl::StatusOr<calculator> calculator::create(const constants& c, const options& opts) {
  const absl::string_view name = to_string(c.which);
  if (opts.green_hosting_factor) {
    if (c.which != model::swd4) {
      return absl::InvalidArgumentError(
          absl::StrCat("green_hosting_factor: only swd4 takes one; model is ", name, " (use green=True)"));
    }
    if (absl::Status s = check_share("green_hosting_factor", opts.green_hosting_factor); !s.ok()) return s;
  }
  for (const auto& [option, value] :
       {std::pair<absl::string_view, const std::optional<double>&>{"grid_intensity[\"device\"]", opts.device_g_per_kwh},
        {"grid_intensity[\"network\"]", opts.network_g_per_kwh},
        {"grid_intensity[\"data_center\"]", opts.data_center_g_per_kwh}}) {
    if (value && c.which == model::onebyte) {
      return absl::InvalidArgumentError(
          absl::StrCat(option, ": onebyte takes no grid intensity (CO2.js's OneByte ignores them)"));
    }
    if (absl::Status s = check_intensity(option, value); !s.ok()) return s;
  }
  if (absl::Status s = check_share("first_visit_share", opts.first_visit_share); !s.ok()) return s;
  if (absl::Status s = check_share("return_visit_share", opts.return_visit_share); !s.ok()) return s;
  if (absl::Status s = check_share("data_reload_ratio", opts.data_reload_ratio); !s.ok()) return s;

  calculator calc(c);
  calc.green_ = opts.green;
  calc.ghf_ = opts.green ? 1.0 : opts.green_hosting_factor.value_or(0.0);
  calc.device_g_per_kwh_ = opts.device_g_per_kwh.value_or(c.global_g_per_kwh);
  calc.network_g_per_kwh_ = opts.network_g_per_kwh.value_or(c.global_g_per_kwh);
  calc.data_center_g_per_kwh_ = opts.data_center_g_per_kwh.value_or(c.global_g_per_kwh);
  if (c.which == model::swd3 && opts.green) calc.data_center_g_per_kwh_ = c.renewables_g_per_kwh;
  calc.production_g_per_kwh_ = c.global_g_per_kwh;
  calc.first_ = opts.first_visit_share.value_or(c.first_visit_share);
  calc.return_ = opts.return_visit_share.value_or(c.return_visit_share);
  calc.reload_ = opts.data_reload_ratio.value_or(c.data_reload_ratio);
  return calc;
}

double calculator::per_byte_g(double bytes) const noexcept {
  switch (c_.which) {
    case model::swd4: {
      if (bytes < 1) return 0;
      const double gb = bytes / bytes_per_gb;
      const double op_dc = (gb * c_.operational_data_center_kwh_per_gb) * data_center_g_per_kwh_;
      const double op_net = (gb * c_.operational_network_kwh_per_gb) * network_g_per_kwh_;
      const double op_dev = (gb * c_.operational_device_kwh_per_gb) * device_g_per_kwh_;
      const double emb_dc = (gb * c_.embodied_data_center_kwh_per_gb) * c_.global_g_per_kwh;
      const double emb_net = (gb * c_.embodied_network_kwh_per_gb) * c_.global_g_per_kwh;
      const double emb_dev = (gb * c_.embodied_device_kwh_per_gb) * c_.global_g_per_kwh;
      const double dc = op_dc * (1 - ghf_) + emb_dc;
      const double net = op_net + emb_net;
      const double dev = op_dev + emb_dev;
      return dc + net + dev;
    }
    case model::swd3: {
      if (bytes < 1) bytes = 0;
      const double energy = (bytes / bytes_per_gb) * c_.kwh_per_gb;
      const double dev = (energy * c_.device_share) * device_g_per_kwh_;
      const double net = (energy * c_.network_share) * network_g_per_kwh_;
      const double prod = (energy * c_.production_share) * production_g_per_kwh_;
      const double dc = (energy * c_.data_center_share) * data_center_g_per_kwh_;
      return dev + net + prod + dc;
    }
    case model::onebyte: {
      if (bytes < 1) return 0;
      if (green_) {
        const double dc = (bytes * c_.data_center_kwh_per_byte) * c_.data_center_green_g_per_kwh;
        const double net = (bytes * c_.network_kwh_per_byte) * c_.network_green_case_g_per_kwh;
        return dc + net;
      }
      const double kwh_per_byte = c_.data_center_kwh_per_byte + c_.network_kwh_per_byte;
      return (bytes * kwh_per_byte) * c_.data_center_grey_g_per_kwh;
    }
  }
  return 0;
}

double calculator::per_visit_g(double bytes) const noexcept {
  switch (c_.which) {
    case model::swd4: {
      if (bytes < 1) return 0;
      const double gb = bytes / bytes_per_gb;
      const double op_dc = (gb * c_.operational_data_center_kwh_per_gb) * data_center_g_per_kwh_;
      const double op_net = (gb * c_.operational_network_kwh_per_gb) * network_g_per_kwh_;
      const double op_dev = (gb * c_.operational_device_kwh_per_gb) * device_g_per_kwh_;
      const double emb_dc = (gb * c_.embodied_data_center_kwh_per_gb) * c_.global_g_per_kwh;
      const double emb_net = (gb * c_.embodied_network_kwh_per_gb) * c_.global_g_per_kwh;
      const double emb_dev = (gb * c_.embodied_device_kwh_per_gb) * c_.global_g_per_kwh;
      // Left to right, as CO2.js sums the first visit.
      const double first = op_dc * (1 - ghf_) + emb_dc + op_net + emb_net + op_dev + emb_dev;
      const double again = first * reload_;
      return first * first_ + again * return_;
    }
    case model::swd3: {
      // No "under one byte" guard here, as in CO2.js.
      const double energy = (bytes / bytes_per_gb) * c_.kwh_per_gb;
      const double e_dev = energy * c_.device_share;
      const double e_net = energy * c_.network_share;
      const double e_prod = energy * c_.production_share;
      const double e_dc = energy * c_.data_center_share;
      double total = (e_dev * first_) * device_g_per_kwh_;
      total += ((e_dev * return_) * reload_) * device_g_per_kwh_;
      total += (e_net * first_) * network_g_per_kwh_;
      total += ((e_net * return_) * reload_) * network_g_per_kwh_;
      total += (e_prod * first_) * production_g_per_kwh_;
      total += ((e_prod * return_) * reload_) * production_g_per_kwh_;
      total += (e_dc * first_) * data_center_g_per_kwh_;
      total += ((e_dc * return_) * reload_) * data_center_g_per_kwh_;
      return total;
    }
    case model::onebyte:
      break;
  }
  return std::nan("");
}

segments calculator::per_byte_segments(double bytes) const noexcept {
  segments s;
  switch (c_.which) {
    case model::swd4: {
      if (bytes < 1) return s;
      const double gb = bytes / bytes_per_gb;
      s.data_center_operational = (gb * c_.operational_data_center_kwh_per_gb) * data_center_g_per_kwh_;
      s.network_operational = (gb * c_.operational_network_kwh_per_gb) * network_g_per_kwh_;
      s.device_operational = (gb * c_.operational_device_kwh_per_gb) * device_g_per_kwh_;
      s.data_center_embodied = (gb * c_.embodied_data_center_kwh_per_gb) * c_.global_g_per_kwh;
      s.network_embodied = (gb * c_.embodied_network_kwh_per_gb) * c_.global_g_per_kwh;
      s.device_embodied = (gb * c_.embodied_device_kwh_per_gb) * c_.global_g_per_kwh;
      s.total_operational = s.data_center_operational + s.network_operational + s.device_operational;
      s.total_embodied = s.data_center_embodied + s.network_embodied + s.device_embodied;
      s.data_center = s.data_center_operational + s.data_center_embodied;
      s.network = s.network_operational + s.network_embodied;
      s.device = s.device_operational + s.device_embodied;
      s.total = per_byte_g(bytes);
      return s;
    }
    case model::swd3: {
      if (bytes < 1) bytes = 0;
      const double energy = (bytes / bytes_per_gb) * c_.kwh_per_gb;
      s.device = (energy * c_.device_share) * device_g_per_kwh_;
      s.network = (energy * c_.network_share) * network_g_per_kwh_;
      s.production = (energy * c_.production_share) * production_g_per_kwh_;
      s.data_center = (energy * c_.data_center_share) * data_center_g_per_kwh_;
      s.total = s.device + s.network + s.production + s.data_center;
      return s;
    }
    case model::onebyte:
      break;
  }
  s.total = per_byte_g(bytes);
  return s;
}

absl::Status check_bytes(double bytes, absl::string_view argument, std::optional<std::size_t> index) {
  if (std::isfinite(bytes) && bytes >= 0) return absl::OkStatus();
  return absl::InvalidArgumentError(absl::StrCat(argument, index ? absl::StrCat("[", *index, "]") : "", " = ", bytes,
                                                 ": must be a finite number of bytes >= 0"));
}

namespace {

// Bulk kernels: one loop per model, with no branch in the body (the "under one byte" guard is a
// select), so that the compiler vectorises them; on x86-64 an AVX2 clone is chosen at load time.
// The arithmetic is the scalar one, operation for operation (and the build turns floating-point
// contraction off), so results stay bit-identical to CO2.js's.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__SANITIZE_ADDRESS__) && !defined(NUMRESP_NO_TARGET_CLONES)
#define NUMRESP_KERNEL_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define NUMRESP_KERNEL_CLONES
#endif

constexpr double max_finite = 1.7976931348623157e308;

struct swd4_kernel {
  double op_dc, op_net, op_dev, emb_dc, emb_net, emb_dev, global, i_dc, i_net, i_dev, one_minus_ghf;
};

template <bool GreenFactor>
inline bool swd4_loop(const swd4_kernel& k, const double* in, double* out, std::size_t n) {
  unsigned valid = 1;
  for (std::size_t i = 0; i < n; ++i) {
    const double b = in[i];
    valid &= static_cast<unsigned>((b >= 0) & (b <= max_finite));
    const double gb = b / bytes_per_gb;
    // With no green hosting the factor is exactly 1 and x * 1 == x, so the multiply is skipped.
    const double op_dc = (gb * k.op_dc) * k.i_dc;
    const double dc = (GreenFactor ? op_dc * k.one_minus_ghf : op_dc) + (gb * k.emb_dc) * k.global;
    const double net = (gb * k.op_net) * k.i_net + (gb * k.emb_net) * k.global;
    const double dev = (gb * k.op_dev) * k.i_dev + (gb * k.emb_dev) * k.global;
    const double total = dc + net + dev;
    out[i] = b < 1 ? 0.0 : total;
  }
  return valid != 0;
}

// One clone set per instantiation (clang's target_clones takes no templates).
NUMRESP_KERNEL_CLONES bool swd4_per_byte(const swd4_kernel& k, const double* in, double* out, std::size_t n) {
  return swd4_loop<false>(k, in, out, n);
}

NUMRESP_KERNEL_CLONES bool swd4_per_byte_green(const swd4_kernel& k, const double* in, double* out, std::size_t n) {
  return swd4_loop<true>(k, in, out, n);
}

struct swd3_kernel {
  double kwh_per_gb, s_dev, s_net, s_prod, s_dc, i_dev, i_net, i_prod, i_dc;
};

NUMRESP_KERNEL_CLONES bool swd3_per_byte(const swd3_kernel& k, const double* in, double* out, std::size_t n) {
  unsigned valid = 1;
  for (std::size_t i = 0; i < n; ++i) {
    const double raw = in[i];
    valid &= static_cast<unsigned>((raw >= 0) & (raw <= max_finite));
    const double b = raw < 1 ? 0.0 : raw;
    const double energy = (b / bytes_per_gb) * k.kwh_per_gb;
    const double dev = (energy * k.s_dev) * k.i_dev;
    const double net = (energy * k.s_net) * k.i_net;
    const double prod = (energy * k.s_prod) * k.i_prod;
    const double dc = (energy * k.s_dc) * k.i_dc;
    out[i] = dev + net + prod + dc;
  }
  return valid != 0;
}

}  // namespace

absl::Status calculator::per_byte_g(absl::Span<const double> bytes, absl::Span<double> out_g) const {
  if (bytes.size() != out_g.size()) {
    return absl::InvalidArgumentError(
        absl::StrCat("per_byte: ", bytes.size(), " inputs but room for ", out_g.size(), " results"));
  }
  bool all_valid = true;
  switch (c_.which) {
    case model::swd4: {
      const swd4_kernel k{c_.operational_data_center_kwh_per_gb,
                          c_.operational_network_kwh_per_gb,
                          c_.operational_device_kwh_per_gb,
                          c_.embodied_data_center_kwh_per_gb,
                          c_.embodied_network_kwh_per_gb,
                          c_.embodied_device_kwh_per_gb,
                          c_.global_g_per_kwh,
                          data_center_g_per_kwh_,
                          network_g_per_kwh_,
                          device_g_per_kwh_,
                          1 - ghf_};
      all_valid = ghf_ == 0 ? swd4_per_byte(k, bytes.data(), out_g.data(), bytes.size())
                            : swd4_per_byte_green(k, bytes.data(), out_g.data(), bytes.size());
      break;
    }
    case model::swd3: {
      const swd3_kernel k{c_.kwh_per_gb,       c_.device_share,       c_.network_share,
                          c_.production_share, c_.data_center_share,  device_g_per_kwh_,
                          network_g_per_kwh_,  production_g_per_kwh_, data_center_g_per_kwh_};
      all_valid = swd3_per_byte(k, bytes.data(), out_g.data(), bytes.size());
      break;
    }
    case model::onebyte:
      for (std::size_t i = 0; i < bytes.size(); ++i) {
        const double b = bytes[i];
        all_valid &= (b >= 0) & (b <= max_finite);
        out_g[i] = per_byte_g(b);
      }
      break;
  }
  if (!all_valid) {
    for (std::size_t i = 0; i < bytes.size(); ++i) {
      if (absl::Status s = check_bytes(bytes[i], "data_bytes", i); !s.ok()) return s;
    }
  }
  return absl::OkStatus();
}

absl::Status calculator::per_visit_g(absl::Span<const double> bytes, absl::Span<double> out_g) const {
  if (c_.which == model::onebyte) {
    return absl::InvalidArgumentError("per_visit: onebyte has no per-visit form (CO2.js's OneByte neither)");
  }
  if (bytes.size() != out_g.size()) {
    return absl::InvalidArgumentError(
        absl::StrCat("per_visit: ", bytes.size(), " inputs but room for ", out_g.size(), " results"));
  }
  bool all_valid = true;
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    const double b = bytes[i];
    all_valid &= (b >= 0) & (b <= max_finite);
    out_g[i] = per_visit_g(b);
  }
  if (!all_valid) {
    for (std::size_t i = 0; i < bytes.size(); ++i) {
      if (absl::Status s = check_bytes(bytes[i], "data_bytes", i); !s.ok()) return s;
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<double> country_g_per_kwh(absl::string_view code) {
  std::string key;
  for (char ch : code) {
    const auto c = static_cast<unsigned char>(ch);
    key += absl::ascii_isalnum(c) ? absl::ascii_tolower(c) : '_';
  }
  // The Ember annual averages CO2.js ships are part of the swd-v4 set (and of swd-v3 and onebyte).
  static const factors::factor_set& swd = factors::get_set("swd-v4")->get();
  const factors::factor* f = key.empty() ? nullptr : swd.find(absl::StrCat("grid.gwp.", key));
  if (f == nullptr) {
    return absl::NotFoundError(absl::StrCat(
        "grid intensity: unknown country or region code \"", code,
        "\"; use an ISO 3166-1 alpha-3 code (FRA, DEU, USA...) or an aggregate (WORLD, EU...) of the Ember data "
        "CO2.js 0.19.0 ships"));
  }
  return swd.get_in(f->id, "gCO2e/kWh");
}

absl::StatusOr<absl::string_view> rating(double grams, model m) {
  if (m == model::onebyte) {
    return absl::InvalidArgumentError("rating: onebyte has no rating scale (CO2.js's OneByte neither)");
  }
  if (!std::isfinite(grams)) {
    return absl::InvalidArgumentError(absl::StrCat("rating: grams = ", grams, ": must be finite"));
  }
  static constexpr absl::string_view kGrades[] = {"A+", "A", "B", "C", "D", "E"};
  const constants& c = constants::builtin(m);
  for (std::size_t i = 0; i < c.rating_limits_g.size(); ++i) {
    if (grams <= c.rating_limits_g[i]) return kGrades[i];
  }
  return absl::string_view("F");
}

absl::StatusOr<units::co2e_mass> per_byte(units::data_volume data, model m, const options& opts) {
  if (absl::Status s = check_bytes(data.value(), "data"); !s.ok()) return s;
  absl::StatusOr<calculator> calc = calculator::create(m, opts);
  if (!calc.ok()) return calc.status();
  return calc->per_byte_g(data.value()) * units::gram_co2e;
}

absl::StatusOr<units::co2e_mass> per_visit(units::data_volume data, model m, const options& opts) {
  if (m == model::onebyte) {
    return absl::InvalidArgumentError("per_visit: onebyte has no per-visit form (CO2.js's OneByte neither)");
  }
  if (absl::Status s = check_bytes(data.value(), "data"); !s.ok()) return s;
  absl::StatusOr<calculator> calc = calculator::create(m, opts);
  if (!calc.ok()) return calc.status();
  return calc->per_visit_g(data.value()) * units::gram_co2e;
}

}  // namespace numresp::usage::traffic
