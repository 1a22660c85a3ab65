/// @file
/// HAR files (HTTP Archive, as browsers' developer tools and Playwright save them): the request
/// count and transferred bytes a page measurement needs, with per-domain and per-content-type
/// breakdowns (methodology: docs/methodology/ecoindex, section "HAR files").
///
/// Rules, applied to every entry of `log.entries`:
/// - an entry whose request URL starts with `data:` is not a request: it is counted in
///   `data_urls` and adds no bytes;
/// - every other entry is a request, including cached and failed ones;
/// - cached (a non-empty `_fromCache`, as Chromium's DevTools write it, or `_transferSize` 0 with
///   a positive status, as Playwright writes a cache hit): a request that transferred nothing;
/// - failed (response status 0 or negative, or a non-empty `_error`, `response._error` or
///   `response._failureText`, as Playwright writes a refused connection): counted in `failed`,
///   with whatever bytes the entry records;
/// - transferred bytes: `response._transferSize` when present and >= 0, otherwise
///   `max(headersSize, 0) + max(bodySize, 0)`; 0 for a cached entry;
/// - domain: the URL's host, lower-case, without port; content type: `response.content.mimeType`
///   before any `;`, trimmed and lower-case, "(none)" when empty or "x-unknown".
#ifndef NUMRESP_WEB_HAR_HPP_
#define NUMRESP_WEB_HAR_HPP_

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace numresp::web {

/// Requests and bytes of one domain or content type.
struct har_breakdown {
  std::size_t requests = 0;          ///< requests counted
  std::uint64_t transfer_bytes = 0;  ///< bytes transferred [byte]
};

/// What a HAR file says about a page's network use.
struct har_summary {
  std::size_t entries = 0;                               ///< all entries of log.entries
  std::size_t requests = 0;                              ///< entries that are requests (all but data: URLs)
  std::size_t data_urls = 0;                             ///< data: URL entries (not requests)
  std::size_t cached = 0;                                ///< requests served from the browser's cache (0 bytes)
  std::size_t failed = 0;                                ///< requests that failed (status 0 or an error)
  std::uint64_t transfer_bytes = 0;                      ///< bytes transferred over the network [byte]
  std::map<std::string, har_breakdown> by_domain;        ///< per host
  std::map<std::string, har_breakdown> by_content_type;  ///< per MIME type

  /// Transferred size in kB (1 kB = 1000 bytes), as EcoIndex takes it.
  [[nodiscard]] double size_kb() const noexcept { return static_cast<double>(transfer_bytes) / 1000.0; }
};

/// Summarises a HAR document. `origin` names it in messages (a path).
/// @return `kInvalidArgument` for malformed JSON (with the byte offset and line) or a document that
///         does not have the HAR shape (with the JSON path, e.g.
///         `$.log.entries[3].request.url: expected a string`).
[[nodiscard]] absl::StatusOr<har_summary> summarize_har(absl::string_view json_text, absl::string_view origin);

/// Reads and summarises a HAR file.
/// @return `kNotFound` when the file cannot be opened; otherwise as @ref summarize_har.
[[nodiscard]] absl::StatusOr<har_summary> read_har(const std::string& path);

}  // namespace numresp::web

#endif  // NUMRESP_WEB_HAR_HPP_
