/// @file
/// A strict RFC 4180 CSV reader: quoted fields (with embedded separators, quotes and line
/// breaks), LF or CRLF line ends, an optional UTF-8 byte-order mark, `,` or `;` separators
/// (French open data uses `;`).
///
/// Strict means that a malformed file is an error naming the line and byte offset, never a
/// silently shifted column: an unterminated quote, text after a closing quote, or a row whose
/// field count differs from the header's.
#ifndef NUMRESP_IO_CSV_HPP_
#define NUMRESP_IO_CSV_HPP_

#include <cstddef>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace numresp::io {

/// Options of @ref parse_csv.
struct csv_options {
  char separator = ',';          ///< field separator: ',' or ';'
  bool skip_blank_lines = true;  ///< ignore lines with no characters at all
};

/// One data row: its fields and the 1-based line where it starts.
struct csv_row {
  std::vector<std::string> fields;  ///< one per header column
  std::size_t line = 0;             ///< 1-based line number of the row's first character
};

/// A parsed CSV document: the header and the data rows.
struct csv_table {
  std::vector<std::string> header;  ///< column names, as written
  std::vector<csv_row> rows;        ///< data rows, in order

  /// The index of column `name` in @ref header, or -1.
  [[nodiscard]] int column(absl::string_view name) const noexcept;
};

/// Parses CSV text whose first row is the header.
/// @param text    the document; `origin` names it in messages (a file path, "<string>")
/// @return `kInvalidArgument` naming `origin`, the line and the byte offset when the text is
///         empty, a quote is unterminated, a closing quote is followed by anything but a
///         separator or a line end, or a row has a different number of fields than the header.
[[nodiscard]] absl::StatusOr<csv_table> parse_csv(absl::string_view text, absl::string_view origin = "<string>",
                                                  const csv_options& options = {});

/// Reads and parses a CSV file.
/// @return `kNotFound` when the file cannot be opened; otherwise as @ref parse_csv.
[[nodiscard]] absl::StatusOr<csv_table> read_csv_file(const std::string& path, const csv_options& options = {});

/// Reads a whole file into a string.
/// @return `kNotFound` naming the path when it cannot be opened, `kDataLoss` on a read error.
[[nodiscard]] absl::StatusOr<std::string> read_file(const std::string& path);

}  // namespace numresp::io

#endif  // NUMRESP_IO_CSV_HPP_
