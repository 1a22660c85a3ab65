#include "numresp/usage/claims.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "numresp/core/status.hpp"
#include "numresp/core/units.hpp"
#include "numresp/usage/email.hpp"

namespace numresp::usage {
namespace {

// The claims' own figures. They are what is checked, not model constants, so they live here
// with their source rather than in a factor table.
//
// Poitiers, Plan numérique responsable (March 2022), as quoted in PLAN.md §2 and traced in
// research/factors.md §1-2: "sending 20 emails a day for a year pollutes as much as driving
// 1,000 km by car (ADEME)"; "3.1 million computers sold per year in France = 8,400 per day".
constexpr double kPlanEmailsPerDay = 20;
constexpr double kPlanCarKm = 1000;
constexpr double kPlanComputersPerYear = 3.1e6;
constexpr double kPlanComputersPerDay = 8400;
// The ADEME statement the plan's email claim distorts (ADEME email guide, from the 2011 BIO IS
// study; research/factors.md §1 row 10): "33 courriels d'1 Mo à 2 destinataires par jour et par
// personne = 180 kg CO2e par an, soit plus de 1 000 km en voiture".
constexpr double kAdeme2011EmailsPerDay = 33;
constexpr double kAdeme2011Recipients = 2;
constexpr double kAdeme2011KgPerYear = 180;

// A ratio within this factor of 1 is "consistent": the data behind the figures are not more
// precise than that (a claim's rounding, the spread of ADEME's own vintages).
constexpr double kConsistent = 1.1;

std::string number(double v, int decimals) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, v);
  return buffer;
}

/// An integer with thousands separators: "7,300".
std::string grouped(double v) {
  std::string digits = number(std::abs(v), 0);
  std::string out;
  const std::size_t n = digits.size();
  for (std::size_t i = 0; i < n; ++i) {
    if (i > 0 && (n - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return v < 0 ? "-" + out : out;
}

/// "7.9" for ratios, with one decimal under 10 and none above.
std::string times(double r) { return number(r, r < 10 ? 1 : 0); }

std::string ratio_verdict(double plan, double today, double low, double high) {
  const double r = plan / today;
  const double r_low = plan / high;
  const double r_high = plan / low;
  const std::string range = low < high ? absl::StrCat(" (", times(r_low), "-", times(r_high), "x)") : "";
  if (r <= kConsistent && r >= 1 / kConsistent) return absl::StrCat("Consistent (ratio ", number(r, 2), ")");
  if (r > 1) return absl::StrCat("Overstated about ", times(r), "x", range);
  return absl::StrCat("Understated: today's figure is about ", times(1 / r), "x the plan's");
}

std::vector<std::string> email_factor_ids() {
  std::vector<std::string> ids = {"usage.email", "email.model.size_simple", "email.model.size_1mb_attachment",
                                  "email.model.recipients", "equivalence.car_thermal"};
  for (const std::string& id : email_parameters::factor_ids()) ids.push_back(id);
  return ids;
}

}  // namespace

absl::StatusOr<std::vector<claim>> check_claims(const factors::factor_set& set) {
  std::vector<claim> out;
  NUMRESP_ASSIGN_OR_RETURN(email_model model, email_model::create(set));
  NUMRESP_ASSIGN_OR_RETURN(units::data_volume simple, set.get<units::data_volume>("email.model.size_simple"));
  NUMRESP_ASSIGN_OR_RETURN(units::data_volume with_1mb, set.get<units::data_volume>("email.model.size_1mb_attachment"));
  NUMRESP_ASSIGN_OR_RETURN(units::data_volume one_mb, set.get<units::data_volume>("email.model.size_default"));
  NUMRESP_ASSIGN_OR_RETURN(double recipients, set.get_number("email.model.recipients"));
  NUMRESP_ASSIGN_OR_RETURN(double published_g, set.get_in("usage.email", "gCO2e/email"));
  NUMRESP_ASSIGN_OR_RETURN(double car_g_per_km, set.get_in("equivalence.car_thermal", "gCO2e/km"));
  const double simple_g = model.total_g(simple / units::byte, recipients);
  const double with_1mb_g = model.total_g(with_1mb / units::byte, recipients);
  const double low_g = std::min({simple_g, with_1mb_g, published_g});
  const double high_g = std::max({simple_g, with_1mb_g, published_g});
  const double days_per_year = units::year / units::day;
  const double g_per_kg = units::kg_co2e / units::gram_co2e;
  const double emails = kPlanEmailsPerDay * days_per_year;
  const std::vector<std::string> email_ids = email_factor_ids();

  {
    claim c;
    c.id = "email_20_a_day_1000_km";
    c.text = "Sending 20 emails a day for a year pollutes as much as driving 1,000 km by car (ADEME)";
    c.plan_value = kPlanCarKm;
    c.unit = "km";
    c.today_value = emails * published_g / car_g_per_km;
    c.today_low = emails * low_g / car_g_per_km;
    c.today_high = emails * high_g / car_g_per_km;
    c.factor_ids = email_ids;
    c.ratio = c.plan_value / c.today_value;
    c.verdict = absl::StrCat(
        ratio_verdict(c.plan_value, c.today_value, c.today_low, c.today_high), ": ", grouped(emails),
        " emails a year are ", number(emails * low_g / g_per_kg, 1), "-", number(emails * high_g / g_per_kg, 1),
        " kg CO2e, ", number(c.today_low, 0), "-", number(c.today_high, 0),
        " km in an average thermal car (simple email to 1 MB attachment, ADEME model 2.1.0; ", number(c.today_value, 0),
        " km with Impact CO2's published ", number(published_g, 2), " g email)");
    out.push_back(std::move(c));
  }
  {
    claim c;
    c.id = "email_implied_g_per_email";
    c.text = "What the claim needs: the footprint of one email if 20 a day for a year equal 1,000 km by car";
    c.plan_value = kPlanCarKm * car_g_per_km / emails;
    c.unit = "gCO2e/email";
    c.today_value = published_g;
    c.today_low = low_g;
    c.today_high = high_g;
    c.factor_ids = email_ids;
    c.ratio = c.plan_value / c.today_value;
    c.verdict =
        absl::StrCat(ratio_verdict(c.plan_value, c.today_value, c.today_low, c.today_high), ": the claim needs ",
                     number(c.plan_value, 1), " g per email with today's car factor (", number(car_g_per_km, 1),
                     " g/km); ADEME's figures are ", number(low_g, 2), "-", number(high_g, 2),
                     " g today; the claim needs the order of magnitude of ADEME's older figures (19 g for a 1 MB "
                     "email in 2011, 35 g for the legacy 'email with attachment')");
    out.push_back(std::move(c));
  }
  {
    const double g = model.total_g(one_mb / units::byte, kAdeme2011Recipients);
    const double kg_per_year = kAdeme2011EmailsPerDay * days_per_year * g / g_per_kg;
    claim c;
    c.id = "ademe_2011_33_emails_180_kg";
    c.text =
        "The ADEME statement the plan's claim comes from (2011): 33 emails of 1 MB to 2 recipients a day = 180 kg "
        "CO2e a year, more than 1,000 km by car";
    c.plan_value = kAdeme2011KgPerYear;
    c.unit = "kgCO2e/year";
    c.today_value = kg_per_year;
    c.today_low = kg_per_year;
    c.today_high = kg_per_year;
    c.factor_ids = {"email.model.size_default", "equivalence.car_thermal"};
    for (const std::string& id : email_parameters::factor_ids()) c.factor_ids.push_back(id);
    c.ratio = c.plan_value / c.today_value;
    c.verdict = absl::StrCat(ratio_verdict(c.plan_value, c.today_value, c.today_low, c.today_high), ": ", number(g, 2),
                             " g per email with ADEME's model 2.1.0, ", number(kg_per_year, 1), " kg CO2e a year, ",
                             number(kg_per_year * g_per_kg / car_g_per_km, 0), " km in an average thermal car");
    out.push_back(std::move(c));
  }
  {
    claim c;
    c.id = "computers_3_1_million_8400_a_day";
    c.text = "3.1 million computers are sold a year in France, 8,400 a day";
    c.plan_value = kPlanComputersPerDay;
    c.unit = "computers/day";
    c.today_value = kPlanComputersPerYear / days_per_year;
    c.today_low = c.today_value;
    c.today_high = c.today_value;
    c.ratio = c.plan_value / c.today_value;
    c.verdict = absl::StrCat(ratio_verdict(c.plan_value, c.today_value, c.today_low, c.today_high),
                             ": the arithmetic gives ", grouped(c.today_value),
                             " a day (about 8,500); the 3.1 million itself (consumer PCs, no primary source found) "
                             "is not recomputed");
    out.push_back(std::move(c));
  }
  return out;
}

std::vector<skipped_claim> skipped_claims() {
  return {
      {"Digital is 4 % of global greenhouse-gas emissions",
       "no world-emissions factor: numresp's factors are per unit of use, not national or world totals (The Shift "
       "Project 2019: 3.7 %; peer-reviewed range 2.1-3.9 %; France 2.5-4.4 %)"},
      {"... possibly doubling by 2025", "a scenario (The Shift Project 'Expansion'), not a measurable figure"},
      {"Building one computer takes 240 kg of fuel, 22 kg of chemicals and 1.5 t of water",
       "material and water inputs (UN University 2003, CRT era), not carbon; the 'eau' factors of device.*.water.* "
       "are a scarcity-weighted indicator, not litres, so they cannot check the 1.5 t"},
      {"A computer contains 60 different materials", "a count of materials; no factor holds it"},
      {"40 smartphones are bought every second worldwide", "sales statistics; no factor holds them"},
      {"A 5.5-inch smartphone takes 200 kg of material", "a material input (MIPS); no factor holds it"},
      {"Fewer than 10 % of phones are collected for recycling", "a collection rate; no factor holds it"},
      {"281 billion emails are sent every day", "a count of emails (Radicati 2018); no factor holds it"},
      {"Electronic waste grew 21 % in 5 years", "a waste statistic (Global E-waste Monitor 2020); no factor holds it"},
      {"17 % illectronism; 13 million in difficulty; 23 % not at ease",
       "inclusion statistics (INSEE, Mission Société Numérique), for numresp's inclusion module, not usage factors"},
  };
}

}  // namespace numresp::usage
