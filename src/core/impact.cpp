#include "numresp/core/impact.hpp"

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace numresp {

absl::string_view to_string(criterion c) noexcept {
  switch (c) {
    case criterion::gwp:
      return "gwp";
    case criterion::adpe:
      return "adpe";
    case criterion::pe:
      return "pe";
    case criterion::water:
      return "water";
  }
  return "unknown";
}

absl::string_view to_string(phase p) noexcept {
  switch (p) {
    case phase::manufacture:
      return "manufacture";
    case phase::distribution:
      return "distribution";
    case phase::use:
      return "use";
    case phase::end_of_life:
      return "end_of_life";
  }
  return "unknown";
}

absl::string_view canonical_unit_symbol(criterion c) noexcept {
  switch (c) {
    case criterion::gwp:
      return "gCO2e";
    case criterion::adpe:
      return "gSbeq";
    case criterion::pe:
      return "J";
    case criterion::water:
      return "m3";
  }
  return "";
}

absl::StatusOr<criterion> parse_criterion(absl::string_view name) {
  for (criterion c : all_criteria) {
    if (to_string(c) == name) return c;
  }
  return absl::NotFoundError(absl::StrCat("unknown criterion \"", name, "\"; known criteria: gwp, adpe, pe, water"));
}

absl::StatusOr<phase> parse_phase(absl::string_view name) {
  for (phase p : all_phases) {
    if (to_string(p) == name) return p;
  }
  return absl::NotFoundError(
      absl::StrCat("unknown phase \"", name, "\"; known phases: manufacture, distribution, use, end_of_life"));
}

}  // namespace numresp
