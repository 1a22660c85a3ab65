#include "numresp/usage/equivalence.hpp"

#include <cmath>
#include <string>

#include "absl/strings/str_cat.h"
#include "numresp/core/status.hpp"

namespace numresp::usage {
namespace {

constexpr absl::string_view kPerKm = "gCO2e/km";
constexpr absl::string_view kItem = "gCO2e";

// Impact CO2's equivalents in ademe-2025 (public/equivalents.csv and deplacement.ts), except
// walking (0 g/km: no distance is equivalent) and the use / construction splits of the cars.
constexpr equivalence kEquivalences[] = {
    // Cars, per vehicle-km with one occupant.
    {"car_km", "equivalence.car_thermal", kPerKm, "km", "a km in an average thermal car (compact diesel by default)"},
    {"electric_car_km", "equivalence.car_electric", kPerKm, "km", "a km in an average electric car (compact)"},
    {"hybrid_car_km", "equivalence.car_hybrid", kPerKm, "km", "a km in an average hybrid car (compact, not plug-in)"},
    {"car_small_petrol_km", "equivalence.car_small_petrol", kPerKm, "km", "a km in a small petrol car"},
    {"car_small_diesel_km", "equivalence.car_small_diesel", kPerKm, "km", "a km in a small diesel car"},
    {"car_small_electric_km", "equivalence.car_small_electric", kPerKm, "km", "a km in a small electric car"},
    {"car_small_hybrid_km", "equivalence.car_small_hybrid", kPerKm, "km", "a km in a small hybrid car"},
    {"car_small_plugin_hybrid_km", "equivalence.car_small_plugin_hybrid", kPerKm, "km",
     "a km in a small plug-in hybrid car"},
    {"car_compact_petrol_km", "equivalence.car_compact_petrol", kPerKm, "km", "a km in a compact petrol car"},
    {"car_compact_diesel_km", "equivalence.car_compact_diesel", kPerKm, "km", "a km in a compact diesel car"},
    {"car_compact_electric_km", "equivalence.car_compact_electric", kPerKm, "km", "a km in a compact electric car"},
    {"car_compact_hybrid_km", "equivalence.car_compact_hybrid", kPerKm, "km", "a km in a compact hybrid car"},
    {"car_compact_plugin_hybrid_km", "equivalence.car_compact_plugin_hybrid", kPerKm, "km",
     "a km in a compact plug-in hybrid car"},
    {"car_saloon_petrol_km", "equivalence.car_saloon_petrol", kPerKm, "km", "a km in a petrol saloon car"},
    {"car_saloon_diesel_km", "equivalence.car_saloon_diesel", kPerKm, "km", "a km in a diesel saloon car"},
    {"car_saloon_electric_km", "equivalence.car_saloon_electric", kPerKm, "km", "a km in an electric saloon car"},
    {"car_saloon_hybrid_km", "equivalence.car_saloon_hybrid", kPerKm, "km", "a km in a hybrid saloon car"},
    {"car_saloon_plugin_hybrid_km", "equivalence.car_saloon_plugin_hybrid", kPerKm, "km",
     "a km in a plug-in hybrid saloon car"},
    {"car_suv_petrol_km", "equivalence.car_suv_petrol", kPerKm, "km", "a km in a petrol SUV"},
    {"car_suv_diesel_km", "equivalence.car_suv_diesel", kPerKm, "km", "a km in a diesel SUV"},
    {"car_suv_electric_km", "equivalence.car_suv_electric", kPerKm, "km", "a km in an electric SUV"},
    {"car_suv_hybrid_km", "equivalence.car_suv_hybrid", kPerKm, "km", "a km in a hybrid SUV"},
    {"car_suv_plugin_hybrid_km", "equivalence.car_suv_plugin_hybrid", kPerKm, "km", "a km in a plug-in hybrid SUV"},
    // Public transport and others, per passenger-km (camper van and van per vehicle-km).
    {"tgv_km", "equivalence.tgv", kPerKm, "km", "a passenger-km by TGV (high-speed train)"},
    {"intercity_train_km", "equivalence.intercity_train", kPerKm, "km", "a passenger-km by Intercités train"},
    {"regional_train_km", "equivalence.regional_train", kPerKm, "km", "a passenger-km by TER (regional train)"},
    {"suburban_train_km", "equivalence.suburban_train", kPerKm, "km", "a passenger-km by RER / Transilien"},
    {"metro_km", "equivalence.metro", kPerKm, "km", "a passenger-km by metro"},
    {"tram_km", "equivalence.tram", kPerKm, "km", "a passenger-km by tram"},
    {"bus_km", "equivalence.bus_thermal", kPerKm, "km", "a passenger-km by diesel city bus"},
    {"electric_bus_km", "equivalence.bus_electric", kPerKm, "km", "a passenger-km by electric city bus"},
    {"cng_bus_km", "equivalence.bus_cng", kPerKm, "km", "a passenger-km by natural-gas city bus"},
    {"coach_km", "equivalence.coach", kPerKm, "km", "a passenger-km by long-distance coach"},
    {"bike_km", "equivalence.bike", kPerKm, "km", "a km by bicycle (construction only)"},
    {"e_bike_km", "equivalence.e_bike", kPerKm, "km", "a km by electrically assisted bicycle"},
    {"e_kick_scooter_km", "equivalence.e_kick_scooter", kPerKm, "km", "a km by electric kick scooter"},
    {"cargo_tricycle_km", "equivalence.cargo_tricycle_electric", kPerKm, "km", "a km by electric cargo tricycle"},
    {"scooter_km", "equivalence.scooter_thermal", kPerKm, "km", "a km by thermal scooter"},
    {"electric_scooter_km", "equivalence.scooter_electric", kPerKm, "km", "a km by electric scooter"},
    {"small_motorbike_km", "equivalence.motorbike_small", kPerKm, "km", "a km by motorbike up to 250 cc"},
    {"motorbike_km", "equivalence.motorbike", kPerKm, "km", "a km by motorbike over 250 cc"},
    {"campervan_km", "equivalence.campervan", kPerKm, "km", "a vehicle-km by camper van"},
    {"van_km", "equivalence.van", kPerKm, "km", "a vehicle-km by van"},
    {"plane_km", "equivalence.plane_medium_haul", kPerKm, "km",
     "a passenger-km by plane, medium haul (1001-2000 km; contrails included)"},
    {"plane_short_haul_km", "equivalence.plane_short_haul", kPerKm, "km",
     "a passenger-km by plane, short haul (300-1000 km)"},
    {"plane_medium_haul_km", "equivalence.plane_medium_haul", kPerKm, "km",
     "a passenger-km by plane, medium haul (1001-2000 km)"},
    {"plane_medium_long_haul_km", "equivalence.plane_medium_long_haul", kPerKm, "km",
     "a passenger-km by plane, medium to long haul (2001-5000 km)"},
    {"plane_long_haul_km", "equivalence.plane_long_haul", kPerKm, "km",
     "a passenger-km by plane, long haul (over 2000 km band)"},
    // Items and events.
    {"paris_new_york_return_flights", "equivalence.paris_new_york_return_flight", kItem, "return flight",
     "a Paris - New York return flight, per passenger"},
    {"tgv_paris_marseille_returns", "equivalence.tgv_paris_marseille_return", kItem, "return trip",
     "a Paris - Marseille return trip by TGV, per passenger"},
    {"car_lille_nimes_returns", "equivalence.car_lille_nimes_return", kItem, "return trip",
     "a Lille - Nîmes return trip by thermal car, one occupant"},
    {"french_footprint_years", "equivalence.french_footprint_per_person", "gCO2e/year", "person-year",
     "a French person's carbon footprint for a year (9.1 t)"},
    {"target_2050_years", "equivalence.target_2050_per_person", "gCO2e/year", "person-year",
     "a person's yearly footprint target for 2050 (2 t)"},
    {"beef_meals", "equivalence.meal_beef", kItem, "meal", "a meal with beef"},
    {"chicken_meals", "equivalence.meal_chicken", kItem, "meal", "a meal with chicken"},
    {"vegetarian_meals", "equivalence.meal_vegetarian", kItem, "meal", "a vegetarian meal"},
    {"vegan_meals", "equivalence.meal_vegan", kItem, "meal", "a vegan meal"},
    {"cotton_tshirts", "equivalence.tshirt_cotton", kItem, "t-shirt", "a cotton t-shirt"},
    {"jeans", "equivalence.jeans", kItem, "pair", "a pair of jeans"},
    {"smartphones", "equivalence.smartphone", kItem, "smartphone", "a smartphone's life cycle"},
    {"laptops", "equivalence.laptop", kItem, "laptop", "a laptop's life cycle"},
    {"televisions", "equivalence.television", kItem, "television", "a television's life cycle"},
    {"washing_machines", "equivalence.washing_machine", kItem, "washing machine", "a washing machine's life cycle"},
    {"ski_days", "equivalence.ski_day", kItem, "day", "a day of skiing"},
    {"hotel_nights", "equivalence.hotel_night", kItem, "night", "a night in a hotel"},
    {"game_of_thrones_episodes", "equivalence.streaming_game_of_thrones_episode", kItem, "episode",
     "an episode of Game of Thrones streamed"},
    {"friends_complete_series", "equivalence.streaming_friends_complete", kItem, "series",
     "the complete series of Friends streamed"},
    {"tap_water_litres", "equivalence.tap_water_litre", "gCO2e/L", "L", "a litre of tap water (its carbon)"},
    {"bottled_water_litres", "equivalence.bottled_water_litre", "gCO2e/L", "L", "a litre of bottled water"},
    {"digital_france_days", "equivalence.digital_france_day", "gCO2e/d", "day",
     "a day of France's digital footprint (2022 data)"},
    {"digital_france_years", "equivalence.digital_france_year", "gCO2e/year", "year",
     "a year of France's digital footprint (29.5 Mt, 2022 data)"},
    {"datacenter_campus_days", "equivalence.datacenter_campus_day", "gCO2e/d", "day",
     "a day of a data-centre campus in France"},
};

/// Grams CO2e of one unit of `e` in `set`, checked to be > 0.
absl::StatusOr<double> grams_per_unit(const equivalence& e, const factors::factor_set& set) {
  NUMRESP_ASSIGN_OR_RETURN(double g, set.get_in(e.factor_id, e.factor_unit));
  if (!(g > 0)) {
    return absl::InvalidArgumentError(absl::StrCat("equivalence \"", e.name, "\": factor ", e.factor_id, " is ", g, " ",
                                                   e.factor_unit, " in set ", set.name(),
                                                   ", so no amount is equivalent"));
  }
  return g;
}

}  // namespace

absl::Span<const equivalence> equivalences() noexcept { return kEquivalences; }

absl::StatusOr<const equivalence*> find_equivalence(absl::string_view name) {
  for (const equivalence& e : kEquivalences) {
    if (e.name == name) return &e;
  }
  std::string names;
  for (const equivalence& e : kEquivalences) absl::StrAppend(&names, names.empty() ? "" : ", ", e.name);
  return absl::NotFoundError(
      absl::StrCat("equivalence = \"", name, "\": unknown equivalence; the equivalences are ", names));
}

absl::StatusOr<double> equivalent(units::co2e_mass emissions, absl::string_view name, const factors::factor_set& set) {
  NUMRESP_ASSIGN_OR_RETURN(const equivalence* e, find_equivalence(name));
  const double grams = emissions / units::gram_co2e;
  if (!std::isfinite(grams)) {
    return absl::InvalidArgumentError(absl::StrCat("grams = ", grams, ": emissions must be finite"));
  }
  NUMRESP_ASSIGN_OR_RETURN(double per_unit, grams_per_unit(*e, set));
  return grams / per_unit;
}

absl::StatusOr<units::length> distance_equivalent(units::co2e_mass emissions, absl::string_view name,
                                                  const factors::factor_set& set) {
  NUMRESP_ASSIGN_OR_RETURN(const equivalence* e, find_equivalence(name));
  if (e->unit != "km") {
    return absl::InvalidArgumentError(
        absl::StrCat("equivalence = \"", name, "\": not a distance (its unit is ", e->unit, ")"));
  }
  NUMRESP_ASSIGN_OR_RETURN(double km, equivalent(emissions, name, set));
  return km * units::kilometre;
}

absl::Status equivalent(absl::Span<const double> grams, absl::string_view name, const factors::factor_set& set,
                        absl::Span<double> out) {
  if (grams.size() != out.size()) {
    return absl::InvalidArgumentError(
        absl::StrCat("equivalent: ", grams.size(), " inputs but room for ", out.size(), " results"));
  }
  NUMRESP_ASSIGN_OR_RETURN(const equivalence* e, find_equivalence(name));
  NUMRESP_ASSIGN_OR_RETURN(double per_unit, grams_per_unit(*e, set));
  bool all_finite = true;
  for (std::size_t i = 0; i < grams.size(); ++i) {
    const double g = grams[i];
    all_finite &= (g - g) == 0;  // false for NaN and infinities
    out[i] = g / per_unit;
  }
  if (!all_finite) {
    for (std::size_t i = 0; i < grams.size(); ++i) {
      if (!std::isfinite(grams[i])) {
        return absl::InvalidArgumentError(absl::StrCat("grams[", i, "] = ", grams[i], ": emissions must be finite"));
      }
    }
  }
  return absl::OkStatus();
}

}  // namespace numresp::usage
