/// @file
/// Cloud storage per GB-year as a parametric model: storage hardware (embodied per unit over its
/// lifetime, power per unit), fill rate, copies, PUE and grid intensity
/// (methodology: docs/methodology/storage-streaming).
///
/// No single constant is reliable: ADEME publishes 0.235 g CO2e per GB-year on Impact CO2
/// (`usage.storage_gb_year`), while its own ACV numérique model's email-storage sub-model gives
/// 17.5741 g per GB-year **per copy** (`usage.storage_gb_year.model_email_per_copy`), about 75 times
/// more. numresp computes storage from its parameters,
///
///     E = D × t × n × (C_u / (K × f × L) + P_u / (K × f) × PUE × I)
///
/// (data D, period t, copies n, embodied C_u, capacity K, fill rate f, lifetime L, power P_u,
/// grid I), whose defaults are the email sub-model's (and reproduce its 17.5741 g), and keeps the
/// published figure as @ref numresp::usage::storage_published "storage_published".
///
///     auto p = numresp::usage::storage_parameters::from_factors();
///     auto r = numresp::usage::storage(1.0 * numresp::units::gigabyte, 1.0 * numresp::units::year, *p);
///     // r->total / numresp::units::gram_co2e ≈ 17.5741 (one copy)
#ifndef NUMRESP_USAGE_STORAGE_HPP_
#define NUMRESP_USAGE_STORAGE_HPP_

#include <cstddef>
#include <optional>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "numresp/core/units.hpp"
#include "numresp/factors/factor_set.hpp"

namespace numresp::usage {

/// The parameters of stored data's footprint. Express other sources with them: Cloud Carbon
/// Footprint's 0.65 Wh per TB-hour (HDD) is `unit_power` 0.65 W for `unit_capacity` 1 TB at
/// `fill_rate` 1.
struct storage_parameters {
  /// Raw capacity of one storage unit [byte]; default `datacenter.model.storage_capacity` (TB) ×
  /// `usage.model.data_unit_step` GB, as the model counts To → Go.
  units::data_volume unit_capacity;
  double fill_rate = 0;            ///< share of the capacity holding data, in (0, 1]: `email.model.storage_fill_rate`
  units::co2e_mass unit_embodied;  ///< manufacture of one unit [g CO2e]: `datacenter.model.storage_construction`
  units::duration unit_lifetime;   ///< lifetime of one unit [s]: `datacenter.model.storage_lifetime`
  units::power unit_power;         ///< draw of one unit [W]: `datacenter.model.storage_power`
  double pue = 0;                  ///< data centre's power usage effectiveness, >= 1: `email.model.pue`
  units::carbon_intensity grid;    ///< the data centre's electricity [g CO2e / J]: `grid.gwp.fra`
  /// Copies kept of the data (replicas, backups), > 0; 1 = per copy (the email model keeps 3 per
  /// mailbox).
  double copies = 1;

  /// The defaults: the ACV numérique model's email-storage sub-model, one copy.
  /// @return `kNotFound` naming a missing factor.
  [[nodiscard]] static absl::StatusOr<storage_parameters> from_factors(
      const factors::factor_set& set = factors::default_set());
  /// `kInvalidArgument` naming the first field out of its range (capacity, fill rate, lifetime,
  /// copies not > 0 or fill rate > 1; embodied, power or grid negative; PUE < 1; non-finite values).
  [[nodiscard]] absl::Status validate() const;
};

/// Stored data's footprint [g CO2e].
struct storage_footprint {
  units::co2e_mass embodied;  ///< storage hardware, allocated to the data and the period
  units::co2e_mass use;       ///< electricity of the storage hardware, with the PUE
  units::co2e_mass total;     ///< embodied + use
};

/// The footprint of keeping `data` stored for `period` with `parameters`.
/// @return `kInvalidArgument` for `data` or `period` negative or non-finite (the message names
///         the argument and the value), or bad parameters (see @ref storage_parameters::validate).
[[nodiscard]] absl::StatusOr<storage_footprint> storage(units::data_volume data, units::duration period,
                                                        const storage_parameters& parameters);

/// Bulk: `out_g[i]` = grams CO2e of `data_bytes[i]` bytes stored for `period_s[i]` seconds
/// (`period_s` has one element, used for all, or as many as `data_bytes`).
/// @return `kInvalidArgument` naming the first bad input with its index, bad parameters or
///         mismatched spans.
[[nodiscard]] absl::Status storage_g(absl::Span<const double> data_bytes, absl::Span<const double> period_s,
                                     const storage_parameters& parameters, absl::Span<double> out_g);

/// Impact CO2's published figure, `usage.storage_gb_year` (0.235 g per GB-year), times `data`
/// and `period`. LOW RELIABILITY: about 75 times below the model's own sub-model; shipped so that
/// texts quoting it can be reproduced.
/// @return `kInvalidArgument` for a bad `data` or `period`, `kNotFound` without the factor.
[[nodiscard]] absl::StatusOr<units::co2e_mass> storage_published(
    units::data_volume data, units::duration period, const factors::factor_set& set = factors::default_set());

/// `kInvalidArgument` unless `data` and `period` are finite and >= 0; names them (with `index`).
[[nodiscard]] absl::Status check_storage(units::data_volume data, units::duration period,
                                         std::optional<std::size_t> index = std::nullopt);

}  // namespace numresp::usage

#endif  // NUMRESP_USAGE_STORAGE_HPP_
