#include "numresp/inclusion/illectronism.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace numresp::inclusion {

absl::string_view to_string(illectronism_definition d) noexcept {
  return d == illectronism_definition::insee_2019 ? "insee_2019" : "insee_2021";
}

absl::string_view describe(illectronism_definition d) noexcept {
  return d == illectronism_definition::insee_2019
             ? "INSEE 2019: no internet use in the last 12 months, or no basic skill in any of 4 domains "
               "(information, communication, problem solving, software)"
             : "INSEE 2021: no internet use in the last 3 months, or lacking basic skills in at least 4 of 5 "
               "domains (information, communication, problem solving, software, privacy)";
}

absl::StatusOr<illectronism_definition> parse_illectronism_definition(absl::string_view name) {
  if (name == "insee_2019") return illectronism_definition::insee_2019;
  if (name == "insee_2021") return illectronism_definition::insee_2021;
  return absl::NotFoundError(
      absl::StrCat("unknown illectronism definition \"", name, "\"; known definitions: insee_2019, insee_2021"));
}

absl::StatusOr<double> difference(const illectronism_rate& a, const illectronism_rate& b) {
  if (a.definition != b.definition) {
    return absl::FailedPreconditionError(
        absl::StrCat("cannot compare an illectronism rate measured with ", to_string(a.definition), " (", a.rate,
                     ") and one measured with ", to_string(b.definition), " (", b.rate,
                     "): the reference period and the skill domains differ; compare rates of one definition"));
  }
  return a.rate - b.rate;
}

absl::StatusOr<synthetic_estimate> synthetic(absl::Span<const stratum> strata, illectronism_definition definition,
                                             double level) {
  if (!(level > 0 && level < 1)) {
    return absl::InvalidArgumentError(absl::StrCat("level must be in (0, 1); got ", level));
  }
  if (strata.empty()) return absl::InvalidArgumentError("synthetic estimate: no stratum");
  synthetic_estimate r;
  r.definition = definition;
  bool all_se = true;
  for (std::size_t h = 0; h < strata.size(); ++h) {
    const stratum& s = strata[h];
    const std::string where = absl::StrCat("stratum ", h, " (\"", s.name, "\")");
    if (!(std::isfinite(s.population) && s.population >= 0)) {
      return absl::InvalidArgumentError(
          absl::StrCat(where, ", field population: must be finite and >= 0; got ", s.population));
    }
    if (!(std::isfinite(s.rate) && s.rate >= 0 && s.rate <= 1)) {
      return absl::InvalidArgumentError(absl::StrCat(where, ", field rate: must be in [0, 1]; got ", s.rate));
    }
    if (s.standard_error && !(std::isfinite(*s.standard_error) && *s.standard_error >= 0)) {
      return absl::InvalidArgumentError(
          absl::StrCat(where, ", field standard_error: must be finite and >= 0; got ", *s.standard_error));
    }
    all_se = all_se && s.standard_error.has_value();
    r.population += s.population;
    r.contributions.push_back(s.population * s.rate);
    r.people += s.population * s.rate;
  }
  if (r.population <= 0) return absl::InvalidArgumentError("synthetic estimate: the total population is 0");
  r.rate = r.people / r.population;
  if (all_se) {
    double v = 0;
    for (const stratum& s : strata) {
      const double share = s.population / r.population;
      v += share * share * *s.standard_error * *s.standard_error;
    }
    r.variance = v;
    const double half = normal_quantile(1 - (1 - level) / 2) * std::sqrt(v);
    r.rate_ci = interval{std::max(0.0, r.rate - half), std::min(1.0, r.rate + half)};
    r.people_ci = interval{r.rate_ci->low * r.population, r.rate_ci->high * r.population};
  }
  return r;
}

const std::vector<national_table>& national_tables() {
  static const std::vector<national_table> tables = {
      {"insee_2019_age",
       illectronism_definition::insee_2019,
       "INSEE, Insee Analyses n° 85 (June 2023), 2019 TIC survey, people aged 15+ in ordinary households, France; "
       "figures as quoted by economie.gouv.fr (DAJ) and economiematin",
       0.16,
       {{"15-44", 15, 44, 0.03}, {"45-59", 45, 59, 0.09}, {"60-74", 60, 74, 0.27}, {"75+", 75, 200, 0.67}}},
  };
  return tables;
}

absl::StatusOr<const national_table*> find_national_table(absl::string_view name) {
  std::vector<std::string> names;
  for (const national_table& t : national_tables()) {
    if (t.name == name) return &t;
    names.push_back(t.name);
  }
  return absl::NotFoundError(
      absl::StrCat("unknown national table \"", name, "\"; known tables: ", absl::StrJoin(names, ", ")));
}

}  // namespace numresp::inclusion
