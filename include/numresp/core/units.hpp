/// @file
/// Typed physical quantities: every amount in numresp's public API carries its dimension.
///
/// Built on Boost.Units. One coherent system holds the SI metre, kilogram and second, Boost's
/// byte (information) and two custom base dimensions that keep apart what must never add:
///
/// | quantity                 | dimension                        | canonical unit (`value()`) |
/// |--------------------------|----------------------------------|----------------------------|
/// | @ref numresp::units::co2e_mass "co2e_mass"   | CO2-equivalent mass (climate change, GWP) | gram CO2e   |
/// | @ref numresp::units::sb_eq_mass "sb_eq_mass" | antimony-equivalent mass (abiotic depletion, ADPe) | gram Sb-eq |
/// | @ref numresp::units::mass "mass"             | plain (physical) mass            | kilogram                   |
/// | @ref numresp::units::data_volume "data_volume" | information                    | byte                       |
/// | @ref numresp::units::energy "energy"         | energy                           | joule                      |
/// | @ref numresp::units::power "power"           | power                            | watt                       |
/// | @ref numresp::units::duration "duration"     | time                             | second                     |
/// | @ref numresp::units::water_volume "water_volume" | volume                       | cubic metre                |
/// | @ref numresp::units::length "length"         | length                           | metre                      |
///
/// The unit constants (`kg_co2e`, `gigabyte`, `kilowatt_hour`, ...) are themselves quantities
/// of the canonical type, so `2.0 * kg_co2e` *is* a `co2e_mass` (holding 2000 g) and the
/// arithmetic compiles to plain `double` operations. Reading a value out in a chosen unit is a
/// division: `double kg = m / kg_co2e;` (a dimensionless ratio converts to `double`), or
/// @ref numresp::units::value_in.
///
/// What does not compile, by design (see tests/compile_fail/):
/// - adding any two of CO2e mass, Sb-eq mass and plain mass;
/// - adding emissions to bytes (or any two quantities of different dimensions);
/// - building a quantity from a bare `double` (`co2e_mass m = 2.0;`).
///
/// Decimal prefixes throughout, as the reference models use them: 1 kB = 1e3 B, 1 GB = 1e9 B.
#ifndef NUMRESP_CORE_UNITS_HPP_
#define NUMRESP_CORE_UNITS_HPP_

#include <boost/units/base_dimension.hpp>
#include <boost/units/base_unit.hpp>
#include <boost/units/base_units/information/byte.hpp>
#include <boost/units/base_units/si/kilogram.hpp>
#include <boost/units/base_units/si/meter.hpp>
#include <boost/units/base_units/si/second.hpp>
#include <boost/units/derived_dimension.hpp>
#include <boost/units/dimensionless_type.hpp>
#include <boost/units/make_system.hpp>
#include <boost/units/operators.hpp>
#include <boost/units/physical_dimensions/energy.hpp>
#include <boost/units/physical_dimensions/information.hpp>
#include <boost/units/physical_dimensions/length.hpp>
#include <boost/units/physical_dimensions/mass.hpp>
#include <boost/units/physical_dimensions/power.hpp>
#include <boost/units/physical_dimensions/time.hpp>
#include <boost/units/physical_dimensions/volume.hpp>
#include <boost/units/quantity.hpp>
#include <boost/units/static_rational.hpp>
#include <boost/units/unit.hpp>
#include <type_traits>

namespace numresp::units {

namespace bu = boost::units;

/// CO2-equivalent mass: the climate-change (GWP) criterion. A base dimension of its own, so that
/// it never adds to a device's physical mass or to antimony-equivalent mass. (Boost.Units
/// reserves negative ordinals; ours are positive.)
struct co2e_base_dimension : bu::base_dimension<co2e_base_dimension, 1> {};
/// Antimony-equivalent mass: the abiotic-resource-depletion (ADPe) criterion.
struct sb_eq_base_dimension : bu::base_dimension<sb_eq_base_dimension, 2> {};

/// Dimension of CO2-equivalent mass.
using co2e_dimension = co2e_base_dimension::dimension_type;
/// Dimension of antimony-equivalent mass.
using sb_eq_dimension = sb_eq_base_dimension::dimension_type;

/// Base unit of CO2-equivalent mass: the gram CO2e.
struct gram_co2e_base_unit : bu::base_unit<gram_co2e_base_unit, co2e_dimension, 1> {
  static constexpr const char* name() { return "gram CO2e"; }
  static constexpr const char* symbol() { return "gCO2e"; }
};
/// Base unit of antimony-equivalent mass: the gram Sb-eq.
struct gram_sb_eq_base_unit : bu::base_unit<gram_sb_eq_base_unit, sb_eq_dimension, 2> {
  static constexpr const char* name() { return "gram Sb-eq"; }
  static constexpr const char* symbol() { return "gSbeq"; }
};

/// numresp's unit system: SI metre, kilogram and second; the byte; gram CO2e; gram Sb-eq.
using system = bu::make_system<bu::si::meter_base_unit, bu::si::kilogram_base_unit, bu::si::second_base_unit,
                               bu::information::byte_base_unit, gram_co2e_base_unit, gram_sb_eq_base_unit>::type;

/// The unit of dimension `Dimension` in numresp's system.
template <class Dimension>
using unit_of = bu::unit<Dimension, system>;

/// Volume dimension (water).
using volume_dimension = bu::volume_dimension;

/// @name Quantities (canonical unit in brackets)
/// @{
using co2e_mass = bu::quantity<unit_of<co2e_dimension>>;               ///< [g CO2e]
using sb_eq_mass = bu::quantity<unit_of<sb_eq_dimension>>;             ///< [g Sb-eq]
using mass = bu::quantity<unit_of<bu::mass_dimension>>;                ///< [kg]
using data_volume = bu::quantity<unit_of<bu::information_dimension>>;  ///< [byte]
using energy = bu::quantity<unit_of<bu::energy_dimension>>;            ///< [J]
using power = bu::quantity<unit_of<bu::power_dimension>>;              ///< [W]
using duration = bu::quantity<unit_of<bu::time_dimension>>;            ///< [s]
using water_volume = bu::quantity<unit_of<bu::volume_dimension>>;      ///< [m3]
using length = bu::quantity<unit_of<bu::length_dimension>>;            ///< [m]
/// @}

/// The quantity type of `Numerator / Denominator`, e.g.
/// `ratio_t<co2e_mass, energy>` for a grid's carbon intensity.
template <class Numerator, class Denominator>
using ratio_t = decltype(std::declval<Numerator>() / std::declval<Denominator>());

/// @name Common intensities
/// @{
using carbon_intensity = ratio_t<co2e_mass, energy>;     ///< [g CO2e / J]; e.g. a grid's
using energy_per_data = ratio_t<energy, data_volume>;    ///< [J / byte]; e.g. a network's
using co2e_per_data = ratio_t<co2e_mass, data_volume>;   ///< [g CO2e / byte]
using co2e_per_duration = ratio_t<co2e_mass, duration>;  ///< [g CO2e / s]; e.g. streaming
using co2e_per_length = ratio_t<co2e_mass, length>;      ///< [g CO2e / m]; e.g. a car's
/// @}

/// @name Unit constants
/// Each is a quantity of the canonical type holding the size of one such unit, so that
/// `x * unit` builds a quantity and `q / unit` reads one out as a `double`.
/// @{
inline constexpr co2e_mass gram_co2e = co2e_mass::from_value(1.0);
inline constexpr co2e_mass kg_co2e = co2e_mass::from_value(1e3);
inline constexpr co2e_mass tonne_co2e = co2e_mass::from_value(1e6);
inline constexpr sb_eq_mass gram_sb_eq = sb_eq_mass::from_value(1.0);
inline constexpr sb_eq_mass kg_sb_eq = sb_eq_mass::from_value(1e3);
inline constexpr mass gram = mass::from_value(1e-3);
inline constexpr mass kilogram = mass::from_value(1.0);
inline constexpr mass tonne = mass::from_value(1e3);
inline constexpr data_volume bit = data_volume::from_value(0.125);
inline constexpr data_volume byte = data_volume::from_value(1.0);
inline constexpr data_volume kilobyte = data_volume::from_value(1e3);
inline constexpr data_volume megabyte = data_volume::from_value(1e6);
inline constexpr data_volume gigabyte = data_volume::from_value(1e9);
inline constexpr data_volume terabyte = data_volume::from_value(1e12);
inline constexpr energy joule = energy::from_value(1.0);
inline constexpr energy kilojoule = energy::from_value(1e3);
inline constexpr energy megajoule = energy::from_value(1e6);
inline constexpr energy watt_hour = energy::from_value(3.6e3);
inline constexpr energy kilowatt_hour = energy::from_value(3.6e6);
inline constexpr energy megawatt_hour = energy::from_value(3.6e9);
inline constexpr power watt = power::from_value(1.0);
inline constexpr power kilowatt = power::from_value(1e3);
inline constexpr duration second = duration::from_value(1.0);
inline constexpr duration minute = duration::from_value(60.0);
inline constexpr duration hour = duration::from_value(3600.0);
inline constexpr duration day = duration::from_value(86400.0);
/// A year of 365 days (8760 hours), the convention of the life-cycle models (BoaviztAPI).
inline constexpr duration year = duration::from_value(365.0 * 86400.0);
inline constexpr water_volume cubic_metre = water_volume::from_value(1.0);
inline constexpr water_volume litre = water_volume::from_value(1e-3);
inline constexpr water_volume centilitre = water_volume::from_value(1e-5);
inline constexpr length metre = length::from_value(1.0);
inline constexpr length kilometre = length::from_value(1e3);
/// @}

/// True when `T` is a Boost.Units quantity in numresp's system.
template <class T>
struct is_quantity : std::false_type {};
template <class Dimension>
struct is_quantity<bu::quantity<unit_of<Dimension>, double>> : std::true_type {};
/// `is_quantity<T>::value`.
template <class T>
inline constexpr bool is_quantity_v = is_quantity<T>::value;

/// The value of `q` expressed in `unit` (a unit constant of the same quantity type):
/// `value_in(2.5 * kg_co2e, gram_co2e) == 2500.0`.
template <class Quantity, class = std::enable_if_t<is_quantity_v<Quantity>>>
[[nodiscard]] constexpr double value_in(Quantity q, Quantity unit) noexcept {
  return q.value() / unit.value();
}

}  // namespace numresp::units

#endif  // NUMRESP_CORE_UNITS_HPP_
