// The Indice de Fragilité Numérique profiles: v2019 (ratio to a reference territory ×100, axes
// as means) and v2021–22 (decile points, sum rescaled to −10…+10). Sources:
// shared/research/inclusion.md §1 (Data for Good's score_calculation, the MedNum/TelesCoop README).
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "composite_internal.hpp"
#include "numresp/core/status.hpp"
#include "numresp/inclusion/composite.hpp"

namespace numresp::inclusion {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

ifn_indicator make_indicator(const char* key, const char* block, int polarity, const char* label) {
  ifn_indicator i;
  i.key = key;
  i.block = block;
  i.polarity = polarity;
  i.label = label;
  return i;
}

ifn_profile make_2019() {
  ifn_profile p;
  p.name = "ifn2019";
  p.description =
      "IFN v2019 (Incub'O / SGAR Occitanie, Data for Good v2020): 100·x/ref per indicator against a reference "
      "territory (département, EPCI or région), axis = mean of its indicators, total = mean of the axes";
  p.scoring = normalisation::ratio_to_reference;
  p.blocks = {"acces_interfaces_numeriques", "acces_information", "competences_administratives",
              "competences_numeriques"};
  p.indicators = {
      make_indicator("hd_thd_coverage_rate", "acces_interfaces_numeriques", -1,
                     "Taux de couverture HD / THD (DSL, câble, FttH): share of premises covered (ARCEP)"),
      make_indicator("mobile_coverage_rate", "acces_interfaces_numeriques", -1,
                     "Taux de couverture mobile (2G in v2019): share of the territory covered (ARCEP)"),
      make_indicator("poverty_rate", "acces_interfaces_numeriques", 1,
                     "Taux de pauvreté: share of people below 60 % of the median standard of living (INSEE "
                     "Filosofi)"),
      make_indicator("median_income", "acces_interfaces_numeriques", -1,
                     "Médiane du revenu disponible par unité de consommation (INSEE Filosofi, Dec Med)"),
      make_indicator("public_services_per_inhabitant", "acces_information", -1,
                     "Services publics / individu (INSEE BPE)"),
      make_indicator("one_person_household_rate", "acces_information", 1,
                     "Part des ménages d'une personne: C_MENPSEUL / C_MEN (INSEE RP)"),
      make_indicator("single_parent_family_rate", "acces_information", 1,
                     "Part des familles monoparentales: C_FAMMONO / C_FAM (INSEE RP)"),
      make_indicator("youth_15_29_rate", "competences_administratives", 1,
                     "Part des 15–29 ans: P_POP1529 / P_POP (INSEE RP)"),
      make_indicator("unemployment_rate", "competences_administratives", 1, "Part des chômeurs (15–64 ans) (INSEE RP)"),
      make_indicator("older_65_rate", "competences_numeriques", 1,
                     "Part des 65 ans et plus: P_POP65P / P_POP (INSEE RP)"),
      make_indicator("low_diploma_rate", "competences_numeriques", 1,
                     "Part des non-scolarisés de 15 ans et plus sans diplôme ou peu diplômés: P_NSCOL15P_DIPLMIN / "
                     "P_NSCOL15P (INSEE RP)"),
  };
  return p;
}

ifn_profile make_2021() {
  ifn_profile p;
  p.name = "ifn2021";
  p.description =
      "IFN v2021-22 (La MedNum / TelesCoop): −3…+3 points per indicator from its decile band in the reference "
      "(national) distribution, total = sum × 10 / (3k), in −10…+10 (sum / 3.3 with the 11 indicators)";
  p.scoring = normalisation::decile_points;
  p.blocks = {"acces_numerique", "acces_information", "competences_administratives", "competences_numeriques"};
  p.indicators = {
      make_indicator("no_thd_coverage_rate", "acces_numerique", 1,
                     "Non-couverture THD: share of reference premises without >= 30 Mbit/s downstream (ARCEP 2021)"),
      make_indicator("poverty_rate", "acces_numerique", 1,
                     "Taux de pauvreté: share of people below 60 % of the median standard of living (Filosofi 2019)"),
      make_indicator("library_distance", "acces_numerique", 1,
                     "Straight-line km to the nearest library (INSEE BPE 2019)"),
      make_indicator("public_service_distance", "acces_information", 1,
                     "Mean straight-line km to a basket of public services: Pôle emploi, DGFiP, MSAP, La Poste "
                     "(INSEE BPE 2019)"),
      make_indicator("menseul_rate", "acces_information", 1,
                     "Share of people living alone among households (INSEE RP 2017)"),
      make_indicator("fammono_rate", "acces_information", 1,
                     "Share of households whose main family is single-parent (INSEE RP 2017)"),
      make_indicator("unemployement_rate", "competences_administratives", 1,
                     "BIT unemployment rate, 15–64 (observatoire des territoires; key spelled as in the source)"),
      make_indicator("foreigners_rate", "competences_administratives", 1, "Share of foreign nationals (INSEE RP 2017)"),
      make_indicator("social_assistance_rate", "competences_administratives", 1,
                     "Share of CAF recipients whose resources are more than 50 % CAF benefits (Cnaf 2019)"),
      make_indicator("older_65_rate", "competences_numeriques", 1, "Share of people aged 65 and over (INSEE RP 2017)"),
      make_indicator("nscol15p_rate", "competences_numeriques", 1,
                     "No diploma or below the baccalauréat among non-enrolled people aged 15+ (INSEE RP 2017)"),
  };
  return p;
}

/// Mean of the non-NaN values; NaN when none.
double mean_available(const std::vector<double>& values) {
  double sum = 0;
  std::size_t n = 0;
  for (double v : values) {
    if (std::isnan(v)) continue;
    sum += v;
    ++n;
  }
  return n ? sum / static_cast<double>(n) : kNaN;
}

/// Σ points × 10 / (3k) over the non-NaN points; NaN when none.
double rescaled_points(const std::vector<double>& points) {
  double sum = 0;
  std::size_t k = 0;
  for (double p : points) {
    if (std::isnan(p)) continue;
    sum += p;
    ++k;
  }
  return k ? sum * 10 / (3 * static_cast<double>(k)) : kNaN;
}

}  // namespace

const ifn_profile& ifn2019_profile() {
  static const ifn_profile* const kProfile = new ifn_profile(make_2019());
  return *kProfile;
}

const ifn_profile& ifn2021_profile() {
  static const ifn_profile* const kProfile = new ifn_profile(make_2021());
  return *kProfile;
}

std::vector<std::string> ifn_profile_names() { return {"ifn2019", "ifn2021"}; }

absl::StatusOr<const ifn_profile*> find_ifn_profile(absl::string_view name) {
  if (name == "ifn2019") return &ifn2019_profile();
  if (name == "ifn2021") return &ifn2021_profile();
  return absl::NotFoundError(
      absl::StrCat("unknown IFN profile '", name, "'; known: ", composite_detail::join_names(ifn_profile_names())));
}

absl::StatusOr<ifn_result> ifn(const indicator_table& table, absl::Span<const std::string> columns,
                               const ifn_profile& profile, const ifn_options& options) {
  const std::string& who = profile.name;
  if (table.values.size() != table.units * table.indicators || columns.size() != table.indicators) {
    return absl::InvalidArgumentError(absl::StrCat(who, ": ", table.values.size(), " values and ", columns.size(),
                                                   " column names for ", table.units, " units × ", table.indicators,
                                                   " columns"));
  }
  if (!table.unit_names.empty() && table.unit_names.size() != table.units) {
    return absl::InvalidArgumentError(
        absl::StrCat(who, ": ", table.unit_names.size(), " unit names for ", table.units, " units"));
  }
  std::set<std::string> seen;
  for (const std::string& c : columns) {
    if (!seen.insert(c).second)
      return absl::InvalidArgumentError(absl::StrCat(who, ": column '", c, "' appears twice"));
  }

  // The selected indicators, in the profile's order.
  std::vector<std::string> keys;
  for (const ifn_indicator& ind : profile.indicators) keys.push_back(ind.key);
  for (const std::string& s : options.selected) {
    if (std::find(keys.begin(), keys.end(), s) == keys.end()) {
      return absl::NotFoundError(
          absl::StrCat(who, ": unknown indicator '", s,
                       "' in the selection; the profile's indicators: ", composite_detail::join_names(keys)));
    }
  }
  std::vector<const ifn_indicator*> chosen;
  for (const ifn_indicator& ind : profile.indicators) {
    if (options.selected.empty() ||
        std::find(options.selected.begin(), options.selected.end(), ind.key) != options.selected.end()) {
      chosen.push_back(&ind);
    }
  }
  std::vector<std::size_t> column_of;
  std::vector<std::string> missing;
  for (const ifn_indicator* ind : chosen) {
    const auto it = std::find(columns.begin(), columns.end(), ind->key);
    if (it == columns.end()) {
      missing.push_back(ind->key);
    } else {
      column_of.push_back(static_cast<std::size_t>(it - columns.begin()));
    }
  }
  if (!missing.empty()) {
    return absl::NotFoundError(absl::StrCat(who, ": missing columns ", composite_detail::join_names(missing),
                                            " (the profile expects ", composite_detail::join_names(keys),
                                            "; deselect indicators to go without them)"));
  }
  for (const auto& [key, value] : options.reference) {
    if (std::find(keys.begin(), keys.end(), key) == keys.end()) {
      return absl::NotFoundError(absl::StrCat(who, ": reference given for unknown indicator '", key,
                                              "'; the profile's indicators: ", composite_detail::join_names(keys)));
    }
  }
  for (const auto& [key, value] : options.deciles) {
    if (std::find(keys.begin(), keys.end(), key) == keys.end()) {
      return absl::NotFoundError(absl::StrCat(who, ": deciles given for unknown indicator '", key,
                                              "'; the profile's indicators: ", composite_detail::join_names(keys)));
    }
  }

  const std::size_t units = table.units;
  const std::size_t k = chosen.size();
  ifn_result r;
  r.profile = profile.name;
  r.units = units;
  r.indicator_scores.assign(units * k, kNaN);
  std::vector<double> column(units);
  for (std::size_t j = 0; j < k; ++j) {
    const ifn_indicator& ind = *chosen[j];
    r.indicators.push_back(ind.key);
    const std::size_t c = column_of[j];
    std::size_t available = 0;
    for (std::size_t u = 0; u < units; ++u) {
      const double v = table.values[u * table.indicators + c];
      if (std::isinf(v)) {
        return absl::InvalidArgumentError(absl::StrCat(who, ": ", composite_detail::unit_label(table, u), ", column '",
                                                       ind.key, "': value ", v,
                                                       " is not finite (use NaN for a missing value)"));
      }
      available += std::isnan(v) ? 0U : 1U;
      column[u] = v;
    }
    indicator_spec spec;
    spec.name = ind.key;
    spec.polarity = ind.polarity;
    spec.statistic = options.statistic;
    if (profile.scoring == normalisation::ratio_to_reference) {
      if (!options.invert_favourable) spec.polarity = 1;
      const auto ref = options.reference.find(ind.key);
      if (ref != options.reference.end()) spec.reference = ref->second;
    } else {
      const auto d = options.deciles.find(ind.key);
      if (d != options.deciles.end()) spec.deciles.assign(d->second.begin(), d->second.end());
    }
    if (available == 0) continue;  // nothing to score: the indicator stays NaN for every unit
    absl::StatusOr<std::vector<double>> y = normalise(column, spec, profile.scoring);
    if (!y.ok()) return absl::Status(y.status().code(), absl::StrCat(who, ": ", y.status().message()));
    for (std::size_t u = 0; u < units; ++u) r.indicator_scores[u * k + j] = (*y)[u];
  }

  // Blocks with at least one selected indicator.
  std::vector<std::vector<std::size_t>> members;
  for (const std::string& b : profile.blocks) {
    std::vector<std::size_t> in_block;
    for (std::size_t j = 0; j < k; ++j) {
      if (chosen[j]->block == b) in_block.push_back(j);
    }
    if (!in_block.empty()) {
      r.blocks.push_back(b);
      members.push_back(std::move(in_block));
    }
  }
  const std::size_t nb = r.blocks.size();
  const bool ratio = profile.scoring == normalisation::ratio_to_reference;
  r.block_scores.assign(units * nb, kNaN);
  r.total.assign(units, kNaN);
  std::vector<double> values;
  for (std::size_t u = 0; u < units; ++u) {
    for (std::size_t b = 0; b < nb; ++b) {
      values.clear();
      for (std::size_t j : members[b]) values.push_back(r.indicator_scores[u * k + j]);
      r.block_scores[u * nb + b] = ratio ? mean_available(values) : rescaled_points(values);
    }
    if (ratio) {
      values.assign(r.block_scores.begin() + static_cast<std::ptrdiff_t>(u * nb),
                    r.block_scores.begin() + static_cast<std::ptrdiff_t>((u + 1) * nb));
      r.total[u] = mean_available(values);
    } else {
      values.assign(r.indicator_scores.begin() + static_cast<std::ptrdiff_t>(u * k),
                    r.indicator_scores.begin() + static_cast<std::ptrdiff_t>((u + 1) * k));
      r.total[u] = rescaled_points(values);
    }
  }

  // 2019's two global scores.
  if (ratio) {
    const std::pair<const char*, std::vector<std::string>> globals[] = {
        {"global_acces", {"acces_interfaces_numeriques", "acces_information"}},
        {"global_competences", {"competences_administratives", "competences_numeriques"}},
    };
    std::vector<std::vector<std::size_t>> parts;
    for (const auto& [name, axes] : globals) {
      std::vector<std::size_t> idx;
      for (std::size_t b = 0; b < nb; ++b) {
        if (std::find(axes.begin(), axes.end(), r.blocks[b]) != axes.end()) idx.push_back(b);
      }
      if (!idx.empty()) {
        r.summaries.emplace_back(name);
        parts.push_back(std::move(idx));
      }
    }
    const std::size_t ns = r.summaries.size();
    r.summary_scores.assign(units * ns, kNaN);
    for (std::size_t u = 0; u < units; ++u) {
      for (std::size_t s = 0; s < ns; ++s) {
        values.clear();
        for (std::size_t b : parts[s]) values.push_back(r.block_scores[u * nb + b]);
        r.summary_scores[u * ns + s] = mean_available(values);
      }
    }
  }
  return r;
}

}  // namespace numresp::inclusion
