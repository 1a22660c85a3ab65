// numresp/web/har.hpp against real HAR files and against each counting rule.
//
// - tests/data/har/*.har were recorded by tests/data/har/record_har.mjs (headless Chromium driven
//   by playwright-core, on the test site tests/data/har/site/); each <name>.expected.json was
//   computed from the HAR by tests/data/har/expected.py, an independent plain-Python reading of
//   the rules. Every field and both breakdowns must match.
// - tests/data/har/bad/*.har are broken files; bad/expected_errors.csv gives the code, a message
//   substring and, for malformed JSON, the line the message must name.
// - Small inline HARs pin each rule (data: URLs, cache, failures, sizes, content types, domains).
#include "numresp/web/har.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "numresp/testing/status_matchers.hpp"

namespace numresp::web {
namespace {

using json = nlohmann::json;
using ::numresp::testing::is_ok;
using ::numresp::testing::status_is;
using ::testing::AllOf;
using ::testing::ContainsRegex;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

namespace fs = std::filesystem;

const fs::path kHarDir = fs::path(NUMRESP_TEST_DATA_DIR) / "har";

// The recordings of record_har.mjs (a new one must be added here and get its expected.json).
const std::vector<std::string> kRecorded = {"broken", "first-visit", "reload", "return-visit"};

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in) << "cannot open " << path;
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::vector<std::string> files_with_extension(const fs::path& dir, const std::string& ext) {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.is_regular_file() && e.path().extension() == ext) names.push_back(e.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

void expect_breakdown(const std::map<std::string, har_breakdown>& got, const json& want, const std::string& what) {
  ASSERT_TRUE(want.is_object()) << what;
  EXPECT_EQ(got.size(), want.size()) << what << ": number of keys";
  for (const auto& [key, row] : want.items()) {
    const auto it = got.find(key);
    if (it == got.end()) {
      ADD_FAILURE() << what << ": no \"" << key << "\"";
      continue;
    }
    EXPECT_EQ(it->second.requests, row.at("requests").get<std::size_t>()) << what << "[" << key << "].requests";
    EXPECT_EQ(it->second.transfer_bytes, row.at("transfer_bytes").get<std::uint64_t>())
        << what << "[" << key << "].transfer_bytes";
  }
  for (const auto& [key, row] : got) {
    EXPECT_TRUE(want.contains(key)) << what << ": unexpected \"" << key << "\" (" << row.requests << " requests)";
  }
}

// Every field of a summary against an expected.json object.
void expect_summary(const har_summary& s, const json& want) {
  EXPECT_EQ(s.entries, want.at("entries").get<std::size_t>()) << "entries";
  EXPECT_EQ(s.data_urls, want.at("data_urls").get<std::size_t>()) << "data_urls";
  EXPECT_EQ(s.requests, want.at("requests").get<std::size_t>()) << "requests";
  EXPECT_EQ(s.cached, want.at("cached").get<std::size_t>()) << "cached";
  EXPECT_EQ(s.failed, want.at("failed").get<std::size_t>()) << "failed";
  EXPECT_EQ(s.transfer_bytes, want.at("transfer_bytes").get<std::uint64_t>()) << "transfer_bytes";
  EXPECT_DOUBLE_EQ(s.size_kb(), static_cast<double>(s.transfer_bytes) / 1000.0) << "size_kb";
  expect_breakdown(s.by_domain, want.at("by_domain"), "by_domain");
  expect_breakdown(s.by_content_type, want.at("by_content_type"), "by_content_type");
}

// ---------------------------------------------------------------------------------------------
// Real HAR files.

TEST(HarRecorded, EveryRecordingIsTested) {
  std::vector<std::string> want;
  for (const auto& name : kRecorded) want.push_back(name + ".har");
  EXPECT_EQ(files_with_extension(kHarDir, ".har"), want) << "tests/data/har/*.har and kRecorded differ";
}

class HarRecordedFile : public ::testing::TestWithParam<std::string> {};

TEST_P(HarRecordedFile, MatchesExpectedJson) {
  const fs::path har = kHarDir / (GetParam() + ".har");
  const json want = json::parse(read_text(kHarDir / (GetParam() + ".expected.json")));
  // The expected file must describe this HAR (an independent count of its entries).
  EXPECT_EQ(want.at("entries").get<std::size_t>(), json::parse(read_text(har)).at("log").at("entries").size());

  const absl::StatusOr<har_summary> s = read_har(har.string());
  ASSERT_THAT(s, is_ok());
  expect_summary(*s, want);

  // The same from the text, under another name.
  const absl::StatusOr<har_summary> t = summarize_har(read_text(har), "in-memory.har");
  ASSERT_THAT(t, is_ok());
  expect_summary(*t, want);
}

INSTANTIATE_TEST_SUITE_P(Har, HarRecordedFile, ::testing::ValuesIn(kRecorded),
                         [](const ::testing::TestParamInfo<std::string>& param_info) {
                           return absl::StrReplaceAll(param_info.param, {{"-", "_"}});
                         });

// What the recordings hold, independently of expected.py: a first visit of the test site has
// 8 requests on two host names (the page's 127.0.0.1 and app.js's badge from localhost), and no
// bytes come from a response whose headers say it was a 404 only.
TEST(HarRecorded, FirstVisitComposition) {
  const absl::StatusOr<har_summary> s = read_har((kHarDir / "first-visit.har").string());
  ASSERT_THAT(s, is_ok());
  EXPECT_EQ(s->requests, 8u);
  EXPECT_EQ(s->data_urls, 0u) << "Playwright does not record data: URLs";
  ASSERT_EQ(s->by_domain.size(), 2u);
  EXPECT_EQ(s->by_domain.at("127.0.0.1").requests, 7u);
  EXPECT_EQ(s->by_domain.at("localhost").requests, 1u);
  EXPECT_EQ(s->by_content_type.count("text/html"), 1u) << "charset cut from text/html; charset=utf-8";
  EXPECT_EQ(s->by_content_type.at("text/html").requests, 2u) << "index.html and the 404 page of missing.png";
}

TEST(HarRecorded, ReloadTransfersLessThanTwoFirstVisits) {
  const absl::StatusOr<har_summary> first = read_har((kHarDir / "first-visit.har").string());
  const absl::StatusOr<har_summary> reload = read_har((kHarDir / "reload.har").string());
  const absl::StatusOr<har_summary> back = read_har((kHarDir / "return-visit.har").string());
  ASSERT_THAT(first, is_ok());
  ASSERT_THAT(reload, is_ok());
  ASSERT_THAT(back, is_ok());
  // reload.har: first visit + reload + second page, the last two mostly from the cache.
  EXPECT_GT(reload->requests, 2 * first->requests);
  EXPECT_LT(reload->transfer_bytes, 2 * first->transfer_bytes);
  // A returning visitor: the same requests, a fraction of the bytes.
  EXPECT_EQ(back->requests, first->requests);
  EXPECT_LT(back->transfer_bytes * 5, first->transfer_bytes);
}

// ---------------------------------------------------------------------------------------------
// Broken files.

struct bad_case {
  std::string file;
  std::string code;
  std::string message;
  std::string line;  // empty: not a JSON syntax error
};

void PrintTo(const bad_case& c, std::ostream* os) { *os << c.file; }  // NOLINT(readability-identifier-naming)

std::vector<bad_case> load_bad_cases() {
  std::vector<bad_case> cases;
  std::istringstream in(read_text(kHarDir / "bad" / "expected_errors.csv"));
  std::string row;
  std::getline(in, row);  // header: file,code,message,line
  while (std::getline(in, row)) {
    if (row.empty()) continue;
    // The message may not hold a comma; the line is the last field.
    const std::size_t a = row.find(',');
    const std::size_t b = row.find(',', a + 1);
    const std::size_t c = row.rfind(',');
    cases.push_back({row.substr(0, a), row.substr(a + 1, b - a - 1), row.substr(b + 1, c - b - 1), row.substr(c + 1)});
  }
  return cases;
}

const std::vector<bad_case>& bad_cases() {
  static const std::vector<bad_case> cases = load_bad_cases();
  return cases;
}

TEST(HarBad, EveryBadFileHasAnExpectedError) {
  std::vector<std::string> listed;
  for (const auto& c : bad_cases()) listed.push_back(c.file);
  std::sort(listed.begin(), listed.end());
  EXPECT_EQ(files_with_extension(kHarDir / "bad", ".har"), listed);
  EXPECT_EQ(listed.size(), 10u);
}

class HarBadFile : public ::testing::TestWithParam<bad_case> {};

TEST_P(HarBadFile, FailsWithTheExpectedMessage) {
  const bad_case& c = GetParam();
  ASSERT_EQ(c.code, "InvalidArgument");
  const fs::path path = kHarDir / "bad" / c.file;
  ASSERT_TRUE(fs::exists(path)) << path;

  const absl::StatusOr<har_summary> s = read_har(path.string());
  EXPECT_THAT(s, status_is(absl::StatusCode::kInvalidArgument, HasSubstr(c.message)));
  const absl::StatusOr<har_summary> t = summarize_har(read_text(path), "named-origin.har");
  EXPECT_THAT(t, status_is(absl::StatusCode::kInvalidArgument, HasSubstr(c.message)));
  if (!c.line.empty()) {
    // Malformed JSON: the message names the origin and the line.
    EXPECT_THAT(s,
                status_is(absl::StatusCode::kInvalidArgument,
                          AllOf(HasSubstr(c.file), ContainsRegex(absl::StrCat("(^|[^0-9])", c.line, "([^0-9]|$)")))));
    EXPECT_THAT(t, status_is(absl::StatusCode::kInvalidArgument, HasSubstr("named-origin.har")));
  }
}

INSTANTIATE_TEST_SUITE_P(Har, HarBadFile, ::testing::ValuesIn(bad_cases()),
                         [](const ::testing::TestParamInfo<bad_case>& param_info) {
                           return absl::StrReplaceAll(param_info.param.file, {{"-", "_"}, {".har", ""}});
                         });

TEST(HarBad, MissingFileIsNotFound) {
  EXPECT_THAT(read_har((kHarDir / "no-such-file.har").string()),
              status_is(absl::StatusCode::kNotFound, HasSubstr("no-such-file.har")));
}

// ---------------------------------------------------------------------------------------------
// Inline HARs, one rule at a time.

// An entry as Chrome's developer tools write it (only the fields the rules read, plus a few).
json entry(const std::string& url, int status = 200, const std::string& mime = "text/html") {
  return json{{"startedDateTime", "2025-01-01T00:00:00.000Z"},
              {"time", 1.0},
              {"request", {{"method", "GET"}, {"url", url}, {"headers", json::array()}, {"headersSize", 100}}},
              {"response",
               {{"status", status},
                {"statusText", ""},
                {"headers", json::array()},
                {"content", {{"size", 0}, {"mimeType", mime}}},
                {"headersSize", -1},
                {"bodySize", -1}}},
              {"cache", json::object()},
              {"timings", {{"send", 0}, {"wait", 0}, {"receive", 0}}}};
}

json with_sizes(json e, json transfer, json headers, json body) {
  json& r = e["response"];
  if (!transfer.is_null()) r["_transferSize"] = std::move(transfer);
  r["headersSize"] = std::move(headers);
  r["bodySize"] = std::move(body);
  return e;
}

json har(std::vector<json> entries) {
  return json{{"log",
               {{"version", "1.2"},
                {"creator", {{"name", "numresp tests"}, {"version", "1"}}},
                {"entries", std::move(entries)}}}};
}

har_summary summarize(const json& doc) {
  absl::StatusOr<har_summary> s = summarize_har(doc.dump(), "inline.har");
  EXPECT_THAT(s, is_ok());
  return s.ok() ? *std::move(s) : har_summary{};
}

TEST(HarRules, EmptyLog) {
  const har_summary s = summarize(har({}));
  EXPECT_EQ(s.entries, 0u);
  EXPECT_EQ(s.requests, 0u);
  EXPECT_EQ(s.transfer_bytes, 0u);
  EXPECT_THAT(s.by_domain, IsEmpty());
  EXPECT_THAT(s.by_content_type, IsEmpty());
}

TEST(HarRules, DataUrlsAreNeitherRequestsNorBytes) {
  const har_summary s = summarize(har({
      with_sizes(entry("https://example.org/"), 1000, 200, 800),
      with_sizes(entry("data:image/png;base64,iVBORw0KGgo=", 200, "image/png"), 89, 0, 89),
      with_sizes(entry("data:,", 200, "text/plain"), 0, 0, 0),
      with_sizes(entry("https://example.org/a.css", 200, "text/css"), 300, 100, 200),
  }));
  EXPECT_EQ(s.entries, 4u);
  EXPECT_EQ(s.data_urls, 2u);
  EXPECT_EQ(s.requests, 2u);
  EXPECT_EQ(s.transfer_bytes, 1300u);
  ASSERT_EQ(s.by_domain.size(), 1u);
  EXPECT_EQ(s.by_domain.at("example.org").requests, 2u);
  EXPECT_EQ(s.by_content_type.count("image/png"), 0u);
  EXPECT_EQ(s.by_content_type.count("text/plain"), 0u);
}

TEST(HarRules, CachedEntriesCountAsRequestsWithZeroBytes) {
  json memory = with_sizes(entry("https://example.org/app.js", 200, "text/javascript"), 5000, 300, 4700);
  memory["_fromCache"] = "memory";
  json disk = with_sizes(entry("https://cdn.example.net/logo.svg", 200, "image/svg+xml"), json(), 250, 900);
  disk["_fromCache"] = "disk";
  json not_cached = with_sizes(entry("https://example.org/"), 1200, 200, 1000);
  not_cached["_fromCache"] = "";  // empty: not cached
  const har_summary s = summarize(har({memory, disk, not_cached}));
  EXPECT_EQ(s.requests, 3u);
  EXPECT_EQ(s.cached, 2u);
  EXPECT_EQ(s.transfer_bytes, 1200u);
  EXPECT_EQ(s.by_domain.at("cdn.example.net").requests, 1u);
  EXPECT_EQ(s.by_domain.at("cdn.example.net").transfer_bytes, 0u);
  EXPECT_EQ(s.by_content_type.at("text/javascript").requests, 1u);
  EXPECT_EQ(s.by_content_type.at("text/javascript").transfer_bytes, 0u);
  EXPECT_EQ(s.by_content_type.at("text/html").transfer_bytes, 1200u);
}

TEST(HarRules, FailedEntriesAreCountedAsRequests) {
  // Chrome DevTools: status 0 and response._error for a refused connection.
  json refused = with_sizes(entry("http://localhost:9999/x.png", 0, ""), 0, -1, -1);
  refused["response"]["_error"] = "net::ERR_CONNECTION_REFUSED";
  json entry_error = with_sizes(entry("https://example.org/blocked.js", 200, "text/javascript"), 120, 120, 0);
  entry_error["_error"] = "net::ERR_BLOCKED_BY_CLIENT";
  json status_zero = with_sizes(entry("https://example.org/aborted", 0, ""), json(), -1, -1);
  json not_found = with_sizes(entry("https://example.org/missing.png", 404, "text/html; charset=utf-8"), 300, 150, 150);
  json empty_error = with_sizes(entry("https://example.org/ok.css", 200, "text/css"), 400, 100, 300);
  empty_error["response"]["_error"] = "";
  const har_summary s = summarize(har({refused, entry_error, status_zero, not_found, empty_error}));
  EXPECT_EQ(s.requests, 5u);
  EXPECT_EQ(s.failed, 3u) << "status 0, response._error, entry _error; a 404 is an answer, not a failure";
  EXPECT_EQ(s.transfer_bytes, 120u + 300u + 400u) << "a failed entry keeps the bytes it records";
  EXPECT_EQ(s.by_domain.at("localhost").requests, 1u);
  EXPECT_EQ(s.by_content_type.at("(none)").requests, 2u);
}

TEST(HarRules, TransferSizeOrHeadersPlusBody) {
  const har_summary s = summarize(har({
      with_sizes(entry("https://a.example/1"), 1000, 200, 700),    // _transferSize wins: 1000
      with_sizes(entry("https://a.example/2"), json(), 200, 700),  // missing: 200 + 700
      with_sizes(entry("https://a.example/3"), 0, 200, 700),       // 0 is a value: 0
  }));
  EXPECT_EQ(s.transfer_bytes, 1000u + 900u + 0u);
  EXPECT_EQ(s.cached, 1u) << "_transferSize 0 with a status is how Playwright writes a cache hit";
}

TEST(HarRules, MinusOneMeansUnknown) {
  const har_summary s = summarize(har({
      with_sizes(entry("https://a.example/1"), -1, 200, 700),       // -1: headers + body = 900
      with_sizes(entry("https://a.example/2"), -1, -1, 300),        // 0 + 300
      with_sizes(entry("https://a.example/3"), -1, 250, -1),        // 250 + 0
      with_sizes(entry("https://a.example/4"), -1, -1, -1),         // 0
      with_sizes(entry("https://a.example/5"), json(), 219, -219),  // Playwright's cache hit: 219 + 0
  }));
  EXPECT_EQ(s.requests, 5u);
  EXPECT_EQ(s.transfer_bytes, 900u + 300u + 250u + 0u + 219u);
  EXPECT_EQ(s.by_domain.at("a.example").transfer_bytes, s.transfer_bytes);
}

TEST(HarRules, ContentTypeBeforeParametersTrimmedLowerCase) {
  json no_content = with_sizes(entry("https://a.example/6"), 6, 0, 0);
  no_content["response"].erase("content");
  const har_summary s = summarize(har({
      with_sizes(entry("https://a.example/1", 200, "text/html; charset=utf-8"), 1, 0, 0),
      with_sizes(entry("https://a.example/2", 200, "Text/HTML;charset=UTF-8"), 2, 0, 0),
      with_sizes(entry("https://a.example/3", 200, "  application/json ; charset=utf-8"), 3, 0, 0),
      with_sizes(entry("https://a.example/4", 200, ""), 4, 0, 0),
      with_sizes(entry("https://a.example/5", 200, "; charset=utf-8"), 5, 0, 0),
      no_content,
  }));
  ASSERT_EQ(s.by_content_type.size(), 3u);
  EXPECT_EQ(s.by_content_type.at("text/html").requests, 2u);
  EXPECT_EQ(s.by_content_type.at("text/html").transfer_bytes, 3u);
  EXPECT_EQ(s.by_content_type.at("application/json").transfer_bytes, 3u);
  EXPECT_EQ(s.by_content_type.at("(none)").requests, 3u);
  EXPECT_EQ(s.by_content_type.at("(none)").transfer_bytes, 15u);
}

TEST(HarRules, DomainIsTheLowerCaseHostWithoutPort) {
  const har_summary s = summarize(har({
      with_sizes(entry("https://Example.ORG/"), 1, 0, 0),
      with_sizes(entry("https://example.org:8443/a?b=c"), 2, 0, 0),
      with_sizes(entry("http://user:secret@example.org:8080/x#y"), 4, 0, 0),
      with_sizes(entry("http://127.0.0.1:8765/index.html"), 8, 0, 0),
      with_sizes(entry("http://localhost:8765/images/badge.svg"), 16, 0, 0),
  }));
  ASSERT_EQ(s.by_domain.size(), 3u);
  EXPECT_EQ(s.by_domain.at("example.org").requests, 3u);
  EXPECT_EQ(s.by_domain.at("example.org").transfer_bytes, 7u);
  EXPECT_EQ(s.by_domain.at("127.0.0.1").transfer_bytes, 8u);
  EXPECT_EQ(s.by_domain.at("localhost").transfer_bytes, 16u);
}

TEST(HarRules, BreakdownsAddUpToTheTotals) {
  const har_summary s = summarize(json::parse(read_text(kHarDir / "reload.har")));
  std::size_t requests = 0;
  std::uint64_t bytes = 0;
  for (const auto& [domain, row] : s.by_domain) {
    requests += row.requests;
    bytes += row.transfer_bytes;
  }
  EXPECT_EQ(requests, s.requests);
  EXPECT_EQ(bytes, s.transfer_bytes);
  requests = 0;
  bytes = 0;
  for (const auto& [type, row] : s.by_content_type) {
    requests += row.requests;
    bytes += row.transfer_bytes;
  }
  EXPECT_EQ(requests, s.requests);
  EXPECT_EQ(bytes, s.transfer_bytes);
}

// ---------------------------------------------------------------------------------------------
// Inline errors.

TEST(HarErrors, MalformedJsonNamesOriginOffsetAndLine) {
  std::string text = "{\n  \"log\": {\n    \"entries\": [\n";
  for (int i = 0; i < 8; ++i) text += "\n";
  text += "      {\"request\": {\"url\": \"https://a.example/\"}},\n    ]\n  }\n}\n";
  // A trailing comma at the end of line 12: the parser fails on the "]" of line 13.
  const std::size_t offset = text.find("    ]");
  const auto s = summarize_har(text, "pages/home.har");
  EXPECT_THAT(s, status_is(absl::StatusCode::kInvalidArgument,
                           AllOf(HasSubstr("pages/home.har"),
                                 HasSubstr(absl::StrCat("malformed JSON at byte offset ", offset + 4)),
                                 ContainsRegex("(^|[^0-9])13([^0-9]|$)"))));
}

TEST(HarErrors, ShapeErrorsNameTheJsonPath) {
  EXPECT_THAT(summarize_har("[]", "x.har"), status_is(absl::StatusCode::kInvalidArgument, HasSubstr("x.har")));
  EXPECT_THAT(summarize_har(R"({"log": {"version": "1.2"}})", "x.har"),
              status_is(absl::StatusCode::kInvalidArgument, HasSubstr("$.log.entries: expected an array")));
  EXPECT_THAT(summarize_har(R"({"log": {"entries": null}})", "x.har"),
              status_is(absl::StatusCode::kInvalidArgument, HasSubstr("$.log.entries: expected an array")));
  EXPECT_THAT(summarize_har(R"({"log": {"entries": "none"}})", "x.har"),
              status_is(absl::StatusCode::kInvalidArgument, HasSubstr("$.log.entries: expected an array")));

  json doc = har({entry("https://a.example/"), entry("https://a.example/b"), entry("https://a.example/c"),
                  entry("https://a.example/d")});
  doc["log"]["entries"][3]["request"]["url"] = json::array();
  EXPECT_THAT(
      summarize_har(doc.dump(), "x.har"),
      status_is(absl::StatusCode::kInvalidArgument, HasSubstr("$.log.entries[3].request.url: expected a string")));
  doc["log"]["entries"][3]["request"].erase("url");
  EXPECT_THAT(
      summarize_har(doc.dump(), "x.har"),
      status_is(absl::StatusCode::kInvalidArgument, HasSubstr("$.log.entries[3].request.url: expected a string")));
  doc["log"]["entries"][3] = entry("https://a.example/d");
  doc["log"]["entries"][2]["response"]["headersSize"] = "120";
  EXPECT_THAT(summarize_har(doc.dump(), "x.har"),
              status_is(absl::StatusCode::kInvalidArgument,
                        HasSubstr("$.log.entries[2].response.headersSize: expected a number")));
  doc["log"]["entries"][2]["response"]["headersSize"] = 120;
  doc["log"]["entries"][2]["response"]["bodySize"] = true;
  EXPECT_THAT(summarize_har(doc.dump(), "x.har"),
              status_is(absl::StatusCode::kInvalidArgument,
                        HasSubstr("$.log.entries[2].response.bodySize: expected a number")));
  doc["log"]["entries"][2]["response"]["bodySize"] = 0;
  EXPECT_EQ(summarize(doc).requests, 4u);
}

}  // namespace
}  // namespace numresp::web
