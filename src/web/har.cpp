#include "numresp/web/har.hpp"

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "numresp/io/csv.hpp"

namespace numresp::web {
namespace {

using json = nlohmann::json;

absl::Status shape_error(absl::string_view origin, absl::string_view path, absl::string_view what) {
  return absl::InvalidArgumentError(absl::StrCat(origin, ": ", path, ": ", what));
}

std::size_t line_of(absl::string_view text, std::size_t offset) {
  std::size_t line = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') ++line;
  }
  return line;
}

/// The member `key` of `object`, or nullptr when absent or null.
const json* member(const json& object, const char* key) {
  auto it = object.find(key);
  return it == object.end() || it->is_null() ? nullptr : &*it;
}

/// A number member, or `fallback` when absent; an error when present with another type.
absl::StatusOr<double> number_or(const json& object, const char* key, double fallback, absl::string_view origin,
                                 const std::string& path) {
  const json* v = member(object, key);
  if (v == nullptr) return fallback;
  if (!v->is_number()) {
    return shape_error(origin, absl::StrCat(path, ".", key), absl::StrCat("expected a number, got ", v->dump()));
  }
  return v->get<double>();
}

/// A string member, or "" when absent; an error when present with another type.
absl::StatusOr<std::string> string_or_empty(const json& object, const char* key, absl::string_view origin,
                                            const std::string& path) {
  const json* v = member(object, key);
  if (v == nullptr) return std::string();
  if (!v->is_string()) {
    return shape_error(origin, absl::StrCat(path, ".", key), absl::StrCat("expected a string, got ", v->dump()));
  }
  return v->get<std::string>();
}

/// The host of a URL, lower-case, without user info or port ("" when the URL has none).
std::string host_of(absl::string_view url) {
  const std::size_t scheme = url.find("://");
  if (scheme == absl::string_view::npos) return "";
  absl::string_view rest = url.substr(scheme + 3);
  rest = rest.substr(0, rest.find_first_of("/?#"));
  if (const std::size_t at = rest.rfind('@'); at != absl::string_view::npos) rest.remove_prefix(at + 1);
  if (!rest.empty() && rest.front() == '[') {  // IPv6 literal
    const std::size_t close = rest.find(']');
    return absl::AsciiStrToLower(rest.substr(0, close == absl::string_view::npos ? rest.size() : close + 1));
  }
  return absl::AsciiStrToLower(rest.substr(0, rest.find(':')));
}

std::string content_type_of(absl::string_view mime) {
  absl::string_view type = absl::StripAsciiWhitespace(mime.substr(0, mime.find(';')));
  // Playwright writes "x-unknown" for a response it never received.
  return type.empty() || type == "x-unknown" ? "(none)" : absl::AsciiStrToLower(type);
}

}  // namespace

absl::StatusOr<har_summary> summarize_har(absl::string_view json_text, absl::string_view origin) {
  json doc;
  try {
    doc = json::parse(json_text.begin(), json_text.end());
  } catch (const json::parse_error& e) {
    const std::size_t offset = e.byte > 0 ? e.byte - 1 : 0;
    return absl::InvalidArgumentError(absl::StrCat(origin, ":", line_of(json_text, offset),
                                                   ": malformed JSON at byte offset ", offset, ": ", e.what()));
  }
  if (!doc.is_object()) return shape_error(origin, "$", absl::StrCat("expected an object, got ", doc.type_name()));
  const json* log = member(doc, "log");
  if (log == nullptr || !log->is_object()) return shape_error(origin, "$.log", "expected an object");
  const json* entries = member(*log, "entries");
  if (entries == nullptr || !entries->is_array()) return shape_error(origin, "$.log.entries", "expected an array");

  har_summary s;
  for (std::size_t i = 0; i < entries->size(); ++i) {
    const json& entry = (*entries)[i];
    const std::string path = absl::StrCat("$.log.entries[", i, "]");
    if (!entry.is_object()) return shape_error(origin, path, "expected an object");
    ++s.entries;
    const json* request = member(entry, "request");
    if (request == nullptr || !request->is_object()) {
      return shape_error(origin, path + ".request", "expected an object");
    }
    const json* url = member(*request, "url");
    if (url == nullptr || !url->is_string()) {
      return shape_error(origin, path + ".request.url",
                         absl::StrCat("expected a string, got ", url == nullptr ? "nothing" : url->dump()));
    }
    const std::string& url_text = url->get_ref<const std::string&>();
    if (absl::StartsWithIgnoreCase(url_text, "data:")) {
      ++s.data_urls;
      continue;
    }
    const json* response = member(entry, "response");
    if (response == nullptr || !response->is_object()) {
      return shape_error(origin, path + ".response", "expected an object");
    }
    const std::string response_path = path + ".response";
    absl::StatusOr<double> status = number_or(*response, "status", 0, origin, response_path);
    if (!status.ok()) return status.status();
    absl::StatusOr<double> transfer = number_or(*response, "_transferSize", -1, origin, response_path);
    if (!transfer.ok()) return transfer.status();
    absl::StatusOr<double> headers = number_or(*response, "headersSize", -1, origin, response_path);
    if (!headers.ok()) return headers.status();
    absl::StatusOr<double> body = number_or(*response, "bodySize", -1, origin, response_path);
    if (!body.ok()) return body.status();
    absl::StatusOr<std::string> from_cache = string_or_empty(entry, "_fromCache", origin, path);
    if (!from_cache.ok()) return from_cache.status();
    absl::StatusOr<std::string> entry_error = string_or_empty(entry, "_error", origin, path);
    if (!entry_error.ok()) return entry_error.status();
    absl::StatusOr<std::string> response_error = string_or_empty(*response, "_error", origin, response_path);
    if (!response_error.ok()) return response_error.status();
    absl::StatusOr<std::string> failure_text = string_or_empty(*response, "_failureText", origin, response_path);
    if (!failure_text.ok()) return failure_text.status();
    std::string mime;
    if (const json* content = member(*response, "content"); content != nullptr) {
      if (!content->is_object()) return shape_error(origin, response_path + ".content", "expected an object");
      absl::StatusOr<std::string> m = string_or_empty(*content, "mimeType", origin, response_path + ".content");
      if (!m.ok()) return m.status();
      mime = *std::move(m);
    }

    // Chromium's DevTools write _fromCache and status 0 / _error; Playwright's recordHar writes a
    // cache hit as _transferSize 0 and a failed request as status -1 with _failureText.
    const bool cached = !from_cache->empty() || (*transfer == 0 && *status > 0);
    const bool failed = *status <= 0 || !entry_error->empty() || !response_error->empty() || !failure_text->empty();
    std::uint64_t bytes = 0;
    if (!cached) {
      const double b = *transfer >= 0 ? *transfer : (*headers > 0 ? *headers : 0) + (*body > 0 ? *body : 0);
      bytes = static_cast<std::uint64_t>(b);
    }
    ++s.requests;
    s.cached += cached ? 1 : 0;
    s.failed += failed ? 1 : 0;
    s.transfer_bytes += bytes;
    har_breakdown& domain = s.by_domain[host_of(url_text)];
    ++domain.requests;
    domain.transfer_bytes += bytes;
    har_breakdown& type = s.by_content_type[content_type_of(mime)];
    ++type.requests;
    type.transfer_bytes += bytes;
  }
  return s;
}

absl::StatusOr<har_summary> read_har(const std::string& path) {
  absl::StatusOr<std::string> text = io::read_file(path);
  if (!text.ok()) return text.status();
  return summarize_har(*text, path);
}

}  // namespace numresp::web
