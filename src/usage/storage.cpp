#include "numresp/usage/storage.hpp"

#include <cmath>

#include "absl/strings/str_cat.h"
#include "acv_internal.hpp"
#include "numresp/core/status.hpp"

namespace numresp::usage {
namespace {

/// Grams CO2e per byte-second of stored data.
struct storage_rates {
  double embodied_g_per_byte_s = 0;
  double use_g_per_byte_s = 0;
};

storage_rates rates_of(const storage_parameters& p) noexcept {
  const double bytes_held = (p.unit_capacity / units::byte) * p.fill_rate;
  storage_rates r;
  r.embodied_g_per_byte_s =
      p.copies * (p.unit_embodied / units::gram_co2e) / (bytes_held * (p.unit_lifetime / units::second));
  r.use_g_per_byte_s =
      p.copies * ((p.unit_power / units::watt) / bytes_held) * p.pue * (p.grid * units::joule / units::gram_co2e);
  return r;
}

}  // namespace

absl::StatusOr<storage_parameters> storage_parameters::from_factors(const factors::factor_set& set) {
  storage_parameters p;
  double capacity_tb = 0;
  double step = 0;
  NUMRESP_RETURN_IF_ERROR(detail::read_in(set, "datacenter.model.storage_capacity", "TB", &capacity_tb));
  NUMRESP_RETURN_IF_ERROR(detail::read_number(set, "usage.model.data_unit_step", &step));
  // The model counts its storage unit as (3.5524 × 1024) Go (× 1024 Mo); numresp reads a Go as a GB.
  p.unit_capacity = (capacity_tb * step) * units::gigabyte;
  NUMRESP_RETURN_IF_ERROR(detail::read_number(set, "email.model.storage_fill_rate", &p.fill_rate));
  NUMRESP_RETURN_IF_ERROR(detail::read(set, "datacenter.model.storage_construction", &p.unit_embodied));
  NUMRESP_RETURN_IF_ERROR(detail::read(set, "datacenter.model.storage_lifetime", &p.unit_lifetime));
  NUMRESP_RETURN_IF_ERROR(detail::read(set, "datacenter.model.storage_power", &p.unit_power));
  NUMRESP_RETURN_IF_ERROR(detail::read_number(set, "email.model.pue", &p.pue));
  NUMRESP_RETURN_IF_ERROR(detail::read(set, "grid.gwp.fra", &p.grid));
  p.copies = 1;
  return p;
}

absl::Status storage_parameters::validate() const {
  NUMRESP_RETURN_IF_ERROR(detail::check_positive(unit_capacity / units::byte, "unit_capacity", "size (bytes)"));
  if (!(std::isfinite(fill_rate) && fill_rate > 0 && fill_rate <= 1)) {
    return absl::InvalidArgumentError(absl::StrCat("fill_rate = ", fill_rate, ": must be a share in (0, 1]"));
  }
  NUMRESP_RETURN_IF_ERROR(
      detail::check_non_negative(unit_embodied / units::gram_co2e, "unit_embodied", "mass (g CO2e)"));
  NUMRESP_RETURN_IF_ERROR(detail::check_positive(unit_lifetime / units::year, "unit_lifetime", "duration (years)"));
  NUMRESP_RETURN_IF_ERROR(detail::check_non_negative(unit_power / units::watt, "unit_power", "power (W)"));
  if (!(std::isfinite(pue) && pue >= 1)) {
    return absl::InvalidArgumentError(absl::StrCat("pue = ", pue, ": must be a finite power usage effectiveness >= 1"));
  }
  NUMRESP_RETURN_IF_ERROR(
      detail::check_non_negative(grid * units::kilowatt_hour / units::gram_co2e, "grid", "intensity (g CO2e/kWh)"));
  NUMRESP_RETURN_IF_ERROR(detail::check_positive(copies, "copies", "number of copies"));
  return absl::OkStatus();
}

absl::Status check_storage(units::data_volume data, units::duration period, std::optional<std::size_t> index) {
  NUMRESP_RETURN_IF_ERROR(detail::check_non_negative(data / units::byte, "data", "number of bytes", index));
  NUMRESP_RETURN_IF_ERROR(detail::check_non_negative(period / units::second, "period", "duration (s)", index));
  return absl::OkStatus();
}

absl::StatusOr<storage_footprint> storage(units::data_volume data, units::duration period,
                                          const storage_parameters& parameters) {
  NUMRESP_RETURN_IF_ERROR(check_storage(data, period));
  NUMRESP_RETURN_IF_ERROR(parameters.validate());
  const storage_rates r = rates_of(parameters);
  const double byte_seconds = (data / units::byte) * (period / units::second);
  storage_footprint f;
  f.embodied = (r.embodied_g_per_byte_s * byte_seconds) * units::gram_co2e;
  f.use = (r.use_g_per_byte_s * byte_seconds) * units::gram_co2e;
  f.total = f.embodied + f.use;
  return f;
}

absl::Status storage_g(absl::Span<const double> data_bytes, absl::Span<const double> period_s,
                       const storage_parameters& parameters, absl::Span<double> out_g) {
  if (data_bytes.size() != out_g.size() || (period_s.size() != 1 && period_s.size() != data_bytes.size())) {
    return absl::InvalidArgumentError(absl::StrCat("storage: ", data_bytes.size(), " sizes, ", period_s.size(),
                                                   " periods (1 or as many as sizes) and room for ", out_g.size(),
                                                   " results"));
  }
  NUMRESP_RETURN_IF_ERROR(parameters.validate());
  const storage_rates r = rates_of(parameters);
  const double g_per_byte_s = r.embodied_g_per_byte_s + r.use_g_per_byte_s;
  const bool one_period = period_s.size() == 1;
  bool all_valid = true;
  for (std::size_t i = 0; i < data_bytes.size(); ++i) {
    const double b = data_bytes[i];
    const double t = period_s[one_period ? 0 : i];
    all_valid &= (b >= 0) & (b <= 1.7976931348623157e308) & (t >= 0) & (t <= 1.7976931348623157e308);
    out_g[i] = g_per_byte_s * (b * t);
  }
  if (!all_valid) {
    for (std::size_t i = 0; i < data_bytes.size(); ++i) {
      NUMRESP_RETURN_IF_ERROR(
          check_storage(data_bytes[i] * units::byte, period_s[one_period ? 0 : i] * units::second, i));
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<units::co2e_mass> storage_published(units::data_volume data, units::duration period,
                                                   const factors::factor_set& set) {
  NUMRESP_RETURN_IF_ERROR(check_storage(data, period));
  double g_per_gb_year = 0;
  NUMRESP_RETURN_IF_ERROR(detail::read_in(set, "usage.storage_gb_year", "gCO2e/GB/year", &g_per_gb_year));
  return (g_per_gb_year * (data / units::gigabyte) * (period / units::year)) * units::gram_co2e;
}

}  // namespace numresp::usage
