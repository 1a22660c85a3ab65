#include "numresp/factors/factor.hpp"

#include <cmath>
#include <cstdlib>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace numresp::factors {
namespace {

enum column : std::size_t {
  k_id,
  k_value,
  k_low,
  k_high,
  k_unit,
  k_source,
  k_url,
  k_year,
  k_region,
  k_licence,
  k_notes
};

absl::Status field_error(absl::string_view origin, absl::string_view field, absl::string_view value,
                         absl::string_view what) {
  return absl::InvalidArgumentError(absl::StrCat(origin, ": field '", field, "' = \"", value, "\": ", what));
}

/// Parses a finite number; the whole text must be the number.
bool parse_number(absl::string_view text, double& out) {
  if (text.empty() || absl::ascii_isspace(static_cast<unsigned char>(text.front())) ||
      absl::ascii_isspace(static_cast<unsigned char>(text.back()))) {
    return false;
  }
  return absl::SimpleAtod(text, &out) && std::isfinite(out);
}

}  // namespace

bool is_valid_id(absl::string_view id) noexcept {
  // ^[a-z0-9_]+(\.[a-z0-9_-]+)+$
  std::size_t segments = 0;
  std::size_t i = 0;
  while (i <= id.size()) {
    const std::size_t start = i;
    while (i < id.size() && id[i] != '.') {
      const char c = id[i];
      const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || (c == '-' && segments > 0);
      if (!ok) return false;
      ++i;
    }
    if (i == start) return false;  // empty segment
    ++segments;
    ++i;  // skip '.'
  }
  return segments >= 2;
}

absl::StatusOr<factor> make_factor(const std::vector<std::string>& fields, absl::string_view origin) {
  if (fields.size() != table_columns.size()) {
    return absl::InvalidArgumentError(
        absl::StrCat(origin, ": expected ", table_columns.size(), " fields, found ", fields.size()));
  }
  factor f;
  f.id = fields[k_id];
  if (!is_valid_id(f.id)) {
    return field_error(origin, "id", f.id, "not a factor id (lower-case dotted segments, e.g. grid.gwp.fra)");
  }
  if (!parse_number(fields[k_value], f.value)) {
    return field_error(origin, "value", fields[k_value], "not a finite number");
  }
  if (f.value < 0) return field_error(origin, "value", fields[k_value], "negative");
  const bool has_low = !fields[k_low].empty();
  const bool has_high = !fields[k_high].empty();
  if (has_low != has_high) {
    return field_error(origin, has_low ? "high" : "low", has_low ? fields[k_high] : fields[k_low],
                       "low and high are given together or not at all");
  }
  if (has_low) {
    double low = 0;
    double high = 0;
    if (!parse_number(fields[k_low], low)) return field_error(origin, "low", fields[k_low], "not a finite number");
    if (!parse_number(fields[k_high], high)) return field_error(origin, "high", fields[k_high], "not a finite number");
    if (low > f.value) {
      return field_error(origin, "low", fields[k_low], absl::StrCat("greater than value ", fields[k_value]));
    }
    if (high < f.value) {
      return field_error(origin, "high", fields[k_high], absl::StrCat("less than value ", fields[k_value]));
    }
    f.low = low;
    f.high = high;
  }
  f.unit = fields[k_unit];
  absl::StatusOr<units::unit_spec> spec = units::parse_unit(f.unit);
  if (!spec.ok()) return field_error(origin, "unit", f.unit, spec.status().message());
  f.parsed_unit = *std::move(spec);
  f.source = fields[k_source];
  f.source_url = fields[k_url];
  f.region = fields[k_region];
  f.licence = fields[k_licence];
  f.notes = fields[k_notes];
  if (f.source.empty()) return field_error(origin, "source", f.source, "empty");
  if (f.source_url.empty()) return field_error(origin, "source_url", f.source_url, "empty");
  if (f.region.empty()) return field_error(origin, "region", f.region, "empty");
  if (f.licence.empty()) return field_error(origin, "licence", f.licence, "empty");
  const std::string& year = fields[k_year];
  if (year.size() != 4 || !absl::SimpleAtoi(year, &f.year) || f.year < 1900) {
    return field_error(origin, "year", year, "not a four-digit year");
  }
  return f;
}

}  // namespace numresp::factors
