// Compile-time checks of numresp/core/units.hpp: this file passes by compiling.
#include <type_traits>

#include "numresp/core/unit_string.hpp"
#include "numresp/core/units.hpp"

namespace {

using namespace numresp::units;  // NOLINT(google-build-using-namespace): a test of the names

// Unit constants times a scalar are the canonical quantity types.
static_assert(std::is_same_v<decltype(2.0 * kg_co2e), co2e_mass>);
static_assert(std::is_same_v<decltype(2.0 * gram_co2e), co2e_mass>);
static_assert(std::is_same_v<decltype(2.0 * kg_sb_eq), sb_eq_mass>);
static_assert(std::is_same_v<decltype(2.0 * gigabyte), data_volume>);
static_assert(std::is_same_v<decltype(2.0 * byte), data_volume>);
static_assert(std::is_same_v<decltype(2.0 * kilowatt_hour), energy>);
static_assert(std::is_same_v<decltype(2.0 * megajoule), energy>);
static_assert(std::is_same_v<decltype(2.0 * watt), power>);
static_assert(std::is_same_v<decltype(2.0 * hour), duration>);
static_assert(std::is_same_v<decltype(2.0 * litre), water_volume>);
static_assert(std::is_same_v<decltype(2.0 * cubic_metre), water_volume>);

// Distinct dimensions are distinct types.
static_assert(!std::is_same_v<co2e_mass, sb_eq_mass>);
static_assert(!std::is_same_v<co2e_mass, mass>);
static_assert(!std::is_same_v<sb_eq_mass, mass>);
static_assert(!std::is_convertible_v<double, co2e_mass>);
static_assert(!std::is_constructible_v<co2e_mass, double>);
static_assert(!std::is_convertible_v<co2e_mass, sb_eq_mass>);
static_assert(!std::is_convertible_v<mass, co2e_mass>);
static_assert(!std::is_convertible_v<data_volume, co2e_mass>);

// Power times time is energy; emissions per energy times energy is emissions.
static_assert(std::is_same_v<decltype(watt * hour), energy>);
static_assert(std::is_same_v<decltype(carbon_intensity{} * energy{}), co2e_mass>);
static_assert(std::is_same_v<decltype(energy_per_data{} * data_volume{}), energy>);

// Canonical values, exactly.
static_assert((2.0 * kg_co2e).value() == 2000.0);
static_assert((1.0 * kilowatt_hour).value() == 3.6e6);
static_assert((1.0 * gigabyte).value() == 1e9);
static_assert((1.0 * hour).value() == 3600.0);
static_assert((1.0 * year).value() == 8760.0 * 3600.0);
static_assert(value_in(2.5 * kg_co2e, gram_co2e) == 2500.0);
static_assert(value_in(7200.0 * second, hour) == 2.0);

// Traits.
static_assert(is_quantity_v<co2e_mass>);
static_assert(is_quantity_v<carbon_intensity>);
static_assert(!is_quantity_v<double>);

// Run-time dimensions of the quantity types.
static_assert(dimension_of<co2e_mass>()[base_dimension::co2e] == 1);
static_assert(dimension_of<energy>()[base_dimension::length] == 2);
static_assert(dimension_of<energy>()[base_dimension::mass] == 1);
static_assert(dimension_of<energy>()[base_dimension::time] == -2);
static_assert(dimension_of<carbon_intensity>()[base_dimension::co2e] == 1);
static_assert(dimension_of<carbon_intensity>()[base_dimension::time] == 2);
static_assert(dimension_of<data_volume>()[base_dimension::information] == 1);
static_assert(dimension_of<water_volume>()[base_dimension::length] == 3);

}  // namespace
