#include "numresp/io/csv.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace numresp::io {

int csv_table::column(absl::string_view name) const noexcept {
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (header[i] == name) return static_cast<int>(i);
  }
  return -1;
}

absl::StatusOr<csv_table> parse_csv(absl::string_view text, absl::string_view origin, const csv_options& options) {
  const char sep = options.separator;
  if (sep != ',' && sep != ';') {
    return absl::InvalidArgumentError(
        absl::StrCat(origin, ": CSV separator must be ',' or ';', got '", absl::string_view(&sep, 1), "'"));
  }
  std::size_t i = 0;
  if (absl::string_view(text).substr(0, 3) == "\xEF\xBB\xBF") i = 3;  // UTF-8 BOM

  csv_table table;
  std::vector<std::string> fields;
  std::string field;
  std::size_t line = 1;
  std::size_t row_line = 1;
  bool row_has_content = false;

  auto error = [&](std::size_t at, absl::string_view what) {
    return absl::InvalidArgumentError(absl::StrCat(origin, ":", line, ": ", what, " (byte offset ", at, ")"));
  };
  auto finish_row = [&]() -> absl::Status {
    fields.push_back(std::move(field));
    field.clear();
    if (table.header.empty()) {
      table.header = std::move(fields);
    } else if (fields.size() != table.header.size()) {
      return absl::InvalidArgumentError(absl::StrCat(origin, ":", row_line, ": expected ", table.header.size(),
                                                     " fields as in the header, found ", fields.size()));
    } else {
      table.rows.push_back(csv_row{std::move(fields), row_line});
    }
    fields.clear();
    row_has_content = false;
    return absl::OkStatus();
  };

  const std::size_t n = text.size();
  while (i < n) {
    const char c = text[i];
    if (c == '"' && field.empty()) {
      // A quoted field: runs to the matching quote; "" is a literal quote.
      const std::size_t open = i;
      const std::size_t open_line = line;
      ++i;
      bool closed = false;
      while (i < n) {
        if (text[i] == '"') {
          if (i + 1 < n && text[i + 1] == '"') {
            field += '"';
            i += 2;
            continue;
          }
          closed = true;
          ++i;
          break;
        }
        if (text[i] == '\n') ++line;
        field += text[i++];
      }
      if (!closed) {
        line = open_line;
        return error(open, "unterminated quoted field");
      }
      row_has_content = true;
      if (i < n && text[i] != sep && text[i] != '\n' && text[i] != '\r') {
        return error(i, "text after a closing quote");
      }
      continue;
    }
    if (c == sep) {
      fields.push_back(std::move(field));
      field.clear();
      row_has_content = true;
      ++i;
      continue;
    }
    if (c == '\r' || c == '\n') {
      const std::size_t len = (c == '\r' && i + 1 < n && text[i + 1] == '\n') ? 2 : 1;
      if (row_has_content || !field.empty() || !options.skip_blank_lines) {
        if (absl::Status s = finish_row(); !s.ok()) return s;
      }
      i += len;
      ++line;
      row_line = line;
      continue;
    }
    if (c == '"') return error(i, "quote inside an unquoted field");
    field += c;
    row_has_content = true;
    ++i;
  }
  if (row_has_content || !field.empty()) {
    if (absl::Status s = finish_row(); !s.ok()) return s;
  }
  if (table.header.empty()) return absl::InvalidArgumentError(absl::StrCat(origin, ": empty CSV, no header"));
  return table;
}

absl::StatusOr<std::string> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return absl::NotFoundError(absl::StrCat("cannot open \"", path, "\": ", std::strerror(errno)));
  }
  std::ostringstream out;
  out << in.rdbuf();
  if (in.bad()) return absl::DataLossError(absl::StrCat("error reading \"", path, "\""));
  return std::move(out).str();
}

absl::StatusOr<csv_table> read_csv_file(const std::string& path, const csv_options& options) {
  absl::StatusOr<std::string> text = read_file(path);
  if (!text.ok()) return text.status();
  return parse_csv(*text, path, options);
}

}  // namespace numresp::io
