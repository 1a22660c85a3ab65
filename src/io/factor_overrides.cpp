#include "numresp/io/factor_overrides.hpp"

#include <cmath>
#include <cstddef>
#include <utility>

#include <nlohmann/json.hpp>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "numresp/io/csv.hpp"

namespace numresp::io {
namespace {

using factors::factor_override;

bool parse_number(absl::string_view text, double& out) {
  if (text.empty() || absl::ascii_isspace(static_cast<unsigned char>(text.front())) ||
      absl::ascii_isspace(static_cast<unsigned char>(text.back()))) {
    return false;
  }
  return absl::SimpleAtod(text, &out);
}

/// The 1-based line of byte `offset` in `text`.
std::size_t line_of(absl::string_view text, std::size_t offset) {
  std::size_t line = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') ++line;
  }
  return line;
}

/// The line where key `"id"` of the top-level object is written (best effort: the first
/// occurrence of the quoted key followed by a colon).
std::size_t line_of_key(absl::string_view text, const std::string& id) {
  const std::string quoted = nlohmann::json(id).dump();
  std::size_t at = 0;
  while ((at = text.find(quoted, at)) != absl::string_view::npos) {
    std::size_t after = at + quoted.size();
    while (after < text.size() && absl::ascii_isspace(static_cast<unsigned char>(text[after]))) ++after;
    if (after < text.size() && text[after] == ':') return line_of(text, at);
    at += quoted.size();
  }
  return 0;
}

}  // namespace

absl::StatusOr<std::vector<factor_override>> parse_factor_overrides_csv(absl::string_view text,
                                                                        absl::string_view origin) {
  absl::StatusOr<csv_table> table = parse_csv(text, origin);
  if (!table.ok()) return table.status();
  static constexpr absl::string_view known[] = {"id", "value", "unit", "low", "high", "source", "notes"};
  for (const std::string& column : table->header) {
    bool ok = false;
    for (absl::string_view k : known) ok = ok || column == k;
    if (!ok) {
      return absl::InvalidArgumentError(
          absl::StrCat(origin, ":1: unknown column '", column, "'; the columns are: ", absl::StrJoin(known, ", ")));
    }
  }
  const int c_id = table->column("id");
  const int c_value = table->column("value");
  if (c_id < 0 || c_value < 0) {
    return absl::InvalidArgumentError(absl::StrCat(origin, ":1: the header needs the columns 'id' and 'value'"));
  }
  auto field = [](const csv_row& row, int column) -> const std::string* {
    return column < 0 ? nullptr : &row.fields[static_cast<std::size_t>(column)];
  };
  std::vector<factor_override> out;
  for (const csv_row& row : table->rows) {
    factor_override o;
    o.origin = absl::StrCat(origin, ":", row.line);
    o.id = *field(row, c_id);
    auto number = [&](absl::string_view name, const std::string& field_text, double& target) -> absl::Status {
      if (!parse_number(field_text, target)) {
        return absl::InvalidArgumentError(
            absl::StrCat(o.origin, ": ", o.id, ": field '", name, "' = \"", field_text, "\": not a number"));
      }
      return absl::OkStatus();
    };
    if (absl::Status s = number("value", *field(row, c_value), o.value); !s.ok()) return s;
    for (absl::string_view name : {"low", "high"}) {
      const std::string* bound = field(row, table->column(name));
      if (bound == nullptr || bound->empty()) continue;
      double v = 0;
      if (absl::Status s = number(name, *bound, v); !s.ok()) return s;
      (name == "low" ? o.low : o.high) = v;
    }
    if (const std::string* unit = field(row, table->column("unit")); unit != nullptr && !unit->empty()) o.unit = *unit;
    if (const std::string* source = field(row, table->column("source")); source != nullptr && !source->empty()) {
      o.source = *source;
    }
    if (const std::string* notes = field(row, table->column("notes")); notes != nullptr && !notes->empty()) {
      o.notes = *notes;
    }
    out.push_back(std::move(o));
  }
  return out;
}

absl::StatusOr<std::vector<factor_override>> parse_factor_overrides_json(absl::string_view text,
                                                                         absl::string_view origin) {
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(text.begin(), text.end());
  } catch (const nlohmann::json::parse_error& e) {
    // e.byte is 1-based: the byte where parsing stopped.
    const std::size_t offset = e.byte > 0 ? e.byte - 1 : 0;
    return absl::InvalidArgumentError(
        absl::StrCat(origin, ":", line_of(text, offset), ": malformed JSON at byte offset ", offset, ": ", e.what()));
  }
  if (!doc.is_object()) {
    return absl::InvalidArgumentError(absl::StrCat(
        origin, ":1: expected a JSON object from factor id to a value or {\"value\": ...}, got ", doc.type_name()));
  }
  std::vector<factor_override> out;
  for (const auto& item : doc.items()) {
    const std::string& id = item.key();
    const nlohmann::json& spec = item.value();
    factor_override o;
    o.id = id;
    o.origin = absl::StrCat(origin, ":", line_of_key(text, id));
    auto wrong = [&](absl::string_view field, const nlohmann::json& value, absl::string_view expected) {
      return absl::InvalidArgumentError(
          absl::StrCat(o.origin, ": ", id, ": field '", field, "' = ", value.dump(), ": expected ", expected));
    };
    if (spec.is_number()) {
      o.value = spec.get<double>();
      out.push_back(std::move(o));
      continue;
    }
    if (!spec.is_object()) return wrong("value", spec, "a number or an object with \"value\"");
    for (const auto& [key, value] : spec.items()) {
      if (key == "value" || key == "low" || key == "high") {
        if (!value.is_number()) return wrong(key, value, "a number");
        const double v = value.get<double>();
        if (key == "value") o.value = v;
        if (key == "low") o.low = v;
        if (key == "high") o.high = v;
      } else if (key == "unit" || key == "source" || key == "notes") {
        if (!value.is_string()) return wrong(key, value, "a string");
        (key == "unit" ? o.unit : key == "source" ? o.source : o.notes) = value.get<std::string>();
      } else {
        return absl::InvalidArgumentError(absl::StrCat(o.origin, ": ", id, ": unknown field '", key,
                                                       "'; the fields are: value, unit, low, high, source, notes"));
      }
    }
    if (!spec.contains("value")) {
      return absl::InvalidArgumentError(absl::StrCat(o.origin, ": ", id, ": field 'value' is missing"));
    }
    out.push_back(std::move(o));
  }
  return out;
}

absl::StatusOr<std::vector<factor_override>> read_factor_overrides(const std::string& path) {
  const bool is_csv = absl::EndsWithIgnoreCase(path, ".csv");
  const bool is_json = absl::EndsWithIgnoreCase(path, ".json");
  if (!is_csv && !is_json) {
    return absl::InvalidArgumentError(absl::StrCat("factor overrides \"", path, "\": expected a .csv or .json file"));
  }
  absl::StatusOr<std::string> text = read_file(path);
  if (!text.ok()) return text.status();
  return is_csv ? parse_factor_overrides_csv(*text, path) : parse_factor_overrides_json(*text, path);
}

absl::StatusOr<factors::factor_set> apply_factor_overrides(const factors::factor_set& set, const std::string& path) {
  absl::StatusOr<std::vector<factor_override>> overrides = read_factor_overrides(path);
  if (!overrides.ok()) return overrides.status();
  return set.with_overrides(*overrides);
}

}  // namespace numresp::io
