/// @file
/// Email and spam, with ADEME's ACV numérique model 2.1.0 (rule `email`), rule for rule
/// (methodology: docs/methodology/email).
///
/// An email of a given size (message and attachments) sent to a number of recipients emits:
/// - on the devices: construction and electricity of the sender's and the recipients' devices
///   for the time spent writing it (3 min) and reading it (10 s per recipient who reads it),
///   over a mix of devices (45 % smartphone, 8 % tablet, 24 % laptop, 24 % desktop and monitor);
/// - on the networks: the email once from the sender, once per recipient, and its backup
///   copies (3 on each side) per recipient, over the fixed network without the box;
/// - in data centres: the mail servers (allocated to the emails a person sends and receives per
///   day over a server's life), and the storage of every copy for 10 years at 50 % fill rate, on
///   the sender's side and on each recipient's, with their electricity (PUE 1.16, French grid).
///
/// Every number is a factor of the set (the `email.model`, `datacenter.model`, `device` and
/// `network` factors, `grid.gwp.fra`, `usage.model.data_unit_step`). With `ademe-2025` the model's own
/// evaluations are reproduced to the 5 significant figures they are published with: 1.9364 g for
/// a simple 0.075 MB email, 3.0020 g with a 1 MB attachment, 7.2641 g with 5 MB.
///
///     numresp::usage::email_model m = *numresp::usage::email_model::create();
///     numresp::usage::footprint f = m.compute(1.075 * numresp::units::megabyte, 1);
///     // f.total / numresp::units::gram_co2e ≈ 3.0020
///
/// Spam: Impact CO2's published figure (3.74 g, with a stage entered in kg instead of g) and the
/// corrected one (1.06 g), see @ref numresp::usage::spam "spam".
#ifndef NUMRESP_USAGE_EMAIL_HPP_
#define NUMRESP_USAGE_EMAIL_HPP_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "numresp/core/units.hpp"
#include "numresp/factors/factor_set.hpp"
#include "numresp/usage/acv.hpp"

namespace numresp::usage {

/// Choices of an email, among the model's: the device and the networks.
struct email_options {
  /// The device the email is written and read on: @ref device::mix (the default mix) or one of
  /// smartphone, tablet, laptop, desktop_monitor (the model offers no television for email).
  device on = device::mix;
  network sender_network = network::fixed_fra;     ///< one of the four user networks
  network recipient_network = network::fixed_fra;  ///< one of the four user networks
};

/// Every parameter of the email model. `from_factors` fills them from a set; change any field to
/// explore a scenario, then build an @ref email_model.
struct email_parameters {
  shared_parameters shared;                        ///< devices, networks, data-centre hardware, grids
  device_mix devices;                              ///< `email.model.device_share` factors, or one device
  units::duration writing_time;                    ///< `email.model.writing_time` (sender) [s]
  units::duration reading_time;                    ///< `email.model.reading_time` (per recipient who reads) [s]
  double read_rate = 0;                            ///< `email.model.read_rate`: share of recipients who read it
  network sender_network = network::fixed_fra;     ///< network of the sender
  network recipient_network = network::fixed_fra;  ///< network of each recipient
  /// Network of the backup copies: the fixed network without the box (the model can choose no
  /// other, see the methodology).
  network backup_network = network::fixed_excl_box_fra;
  double sender_backups = 0;         ///< `email.model.redundancy_sender`: copies kept on the sender's side
  double recipient_backups = 0;      ///< `email.model.redundancy_recipient`: copies kept per recipient
  units::duration storage_duration;  ///< `email.model.storage_duration` [s]
  double storage_fill_rate = 0;      ///< `email.model.storage_fill_rate`
  /// One storage unit as the email model counts it: `datacenter.model.storage_capacity` (TB) ×
  /// step × step MB [byte].
  units::data_volume storage_capacity;
  units::duration storage_lifetime;  ///< `datacenter.model.storage_lifetime` [s]
  units::power storage_power;        ///< `datacenter.model.storage_power` [W]
  double emails_per_day = 0;  ///< `email.model.emails_per_person_day`: emails sent and received per person per day
  units::power server_power;  ///< `datacenter.model.server_power` [W]
  units::power server_power_per_user;  ///< `email.model.server_power_per_user` [W]
  double pue = 0;                      ///< `email.model.pue`

  /// The parameters of `set`, with the device and networks of `options`.
  /// @return `kNotFound` naming a missing factor; `kInvalidArgument` for a factor in a wrong unit,
  ///         a television or a network without the box in `options`.
  [[nodiscard]] static absl::StatusOr<email_parameters> from_factors(
      const factors::factor_set& set = factors::default_set(), const email_options& options = {});
  /// The ids of the factors @ref from_factors reads, in the order it reads them.
  [[nodiscard]] static const std::vector<std::string>& factor_ids();
};

/// An email calculation with validated parameters; evaluates any number of emails without
/// allocating.
class email_model {
 public:
  /// The model with the parameters of `set` and `options` (see @ref email_parameters::from_factors).
  [[nodiscard]] static absl::StatusOr<email_model> create(const factors::factor_set& set = factors::default_set(),
                                                          const email_options& options = {});
  /// The model with given parameters.
  /// @return `kInvalidArgument` naming the first parameter that is negative, non-finite, or zero
  ///         where the model divides by it (lifetimes, capacity, fill rate, emails per day, server
  ///         power per user), or a network the model cannot use there.
  [[nodiscard]] static absl::StatusOr<email_model> create(const email_parameters& parameters);

  /// The parameters.
  [[nodiscard]] const email_parameters& parameters() const noexcept { return p_; }

  /// The footprint of one email of `size` (message + attachments) sent to `recipients`
  /// recipients [g CO2e per stage]. A size of 0 gives 0, as the model's rule.
  /// @pre `size` finite and >= 0, `recipients` finite and > 0 (see @ref check_email).
  [[nodiscard]] footprint compute(units::data_volume size, double recipients = 1) const noexcept;
  /// Total grams CO2e of one email of `size_bytes` bytes to `recipients` recipients.
  /// @pre as @ref compute.
  [[nodiscard]] double total_g(double size_bytes, double recipients = 1) const noexcept;
  /// Bulk: `out_g[i] = total_g(size_bytes[i], recipients[i])`; `recipients` has one element (used
  /// for all) or as many as `size_bytes`. Checks every input.
  /// @return `kInvalidArgument` naming the first bad input, its index and value (`out_g` is then
  ///         incomplete), or spans of mismatched sizes.
  [[nodiscard]] absl::Status total_g(absl::Span<const double> size_bytes, absl::Span<const double> recipients,
                                     absl::Span<double> out_g) const;

 private:
  explicit email_model(const email_parameters& p);

  email_parameters p_;
  // Coefficients, precomputed from p_ (grams, bytes, seconds).
  double fixed_time_s_ = 0;          // writing time
  double time_per_recipient_s_ = 0;  // read rate × reading time
  double device_construction_g_per_s_ = 0;
  double device_use_g_per_s_ = 0;
  double sender_g_per_byte_ = 0;     // sender's transmission
  double recipient_g_per_byte_ = 0;  // per recipient: transmission + backups
  double servers_g_ = 0;             // server-side construction, one side
  double storage_g_per_byte_sender_ = 0;
  double storage_g_per_byte_recipient_ = 0;
  double dc_use_fixed_g_ = 0;     // one side: server per email
  double dc_use_g_per_byte_ = 0;  // one side: storage electricity
};

/// `kInvalidArgument` unless `size` is finite and >= 0 bytes and `recipients` finite and > 0;
/// the message names the argument (`size`, `recipients`), the index when given, and the value.
[[nodiscard]] absl::Status check_email(units::data_volume size, double recipients,
                                       std::optional<std::size_t> index = std::nullopt);

/// The footprint of one email of `size` to `recipients` recipients with the model of `set`
/// and `options` [g CO2e per stage].
/// @return errors of @ref check_email and @ref email_model::create.
[[nodiscard]] absl::StatusOr<footprint> email(units::data_volume size, double recipients = 1,
                                              const factors::factor_set& set = factors::default_set(),
                                              const email_options& options = {});

/// Which spam figure.
enum class spam_figure : std::uint8_t {
  /// Impact CO2's published 3.74 g (`usage.spam`): its transmission stage is entered as 0.0026857
  /// kg where the model gives 0.0026857 g, so it weighs 2.69 g instead of 0.0027 g.
  published,
  /// The same stages with the transmission read in grams: 1.06 g.
  corrected,
};

/// "published" or "corrected".
[[nodiscard]] absl::string_view to_string(spam_figure f) noexcept;
/// The figure named `name`. @return `kNotFound` naming the value and listing the figures.
[[nodiscard]] absl::StatusOr<spam_figure> parse_spam_figure(absl::string_view name);

/// One spam (an unread email: no device stage), from Impact CO2's stages `usage.spam` factors
/// [g CO2e per stage]. `published`: total = `usage.spam`; `corrected`: the transmission stage
/// read in g instead of kg (total = `usage.spam` − that stage + its corrected value).
/// @return `kNotFound` naming a missing factor.
[[nodiscard]] absl::StatusOr<footprint> spam(spam_figure figure = spam_figure::corrected,
                                             const factors::factor_set& set = factors::default_set());

}  // namespace numresp::usage

#endif  // NUMRESP_USAGE_EMAIL_HPP_
