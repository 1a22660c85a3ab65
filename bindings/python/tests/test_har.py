"""numresp.web.har_summary against real HAR files and against each counting rule.

- tests/data/har/*.har were recorded by tests/data/har/record_har.mjs (headless Chromium driven by
  playwright-core on the test site tests/data/har/site/); each <name>.expected.json was computed
  from the HAR by tests/data/har/expected.py, an independent plain-Python reading of the rules.
- tests/data/har/bad/*.har are broken files, with their expected errors in bad/expected_errors.csv.
- Small HARs written to a temporary folder pin each rule.
"""

import csv
import json
import pathlib
import re

import pytest

import numresp
from numresp import web

HAR_DIR = pathlib.Path(__file__).resolve().parents[3] / "tests" / "data" / "har"
BAD_DIR = HAR_DIR / "bad"
RECORDED = ["broken", "first-visit", "reload", "return-visit"]
SUMMARY_KEYS = {"entries", "data_urls", "requests", "cached", "failed", "transfer_bytes", "by_domain",
                "by_content_type"}


def _bad_cases():
    with (BAD_DIR / "expected_errors.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


BAD_CASES = _bad_cases()


def _expected(name):
    return json.loads((HAR_DIR / f"{name}.expected.json").read_text(encoding="utf-8"))


def _check_summary(got, want):
    assert SUMMARY_KEYS <= set(got), f"missing keys: {SUMMARY_KEYS - set(got)}"
    for key in ("entries", "data_urls", "requests", "cached", "failed", "transfer_bytes"):
        assert got[key] == want[key], key
        assert isinstance(got[key], int), key
    assert got["size_kb"] == pytest.approx(got["transfer_bytes"] / 1000.0, rel=0, abs=1e-12)
    for table in ("by_domain", "by_content_type"):
        assert got[table] == want[table], table
        for row in got[table].values():
            assert set(row) == {"requests", "transfer_bytes"}


# ---------------------------------------------------------------------------------------------
# Real HAR files.

def test_every_recording_is_tested():
    assert sorted(p.name for p in HAR_DIR.glob("*.har")) == [f"{n}.har" for n in RECORDED]


@pytest.mark.parametrize("name", RECORDED)
def test_recorded_har_matches_expected(name):
    har = HAR_DIR / f"{name}.har"
    want = _expected(name)
    assert want["entries"] == len(json.loads(har.read_text(encoding="utf-8"))["log"]["entries"])
    _check_summary(web.har_summary(har), want)
    _check_summary(web.har_summary(str(har)), want)  # a str as well as a path


def test_first_visit_composition():
    s = web.har_summary(HAR_DIR / "first-visit.har")
    assert s["requests"] == 8
    assert s["data_urls"] == 0  # Playwright does not record data: URLs
    assert {d: r["requests"] for d, r in s["by_domain"].items()} == {"127.0.0.1": 7, "localhost": 1}
    assert s["by_content_type"]["text/html"]["requests"] == 2  # index.html and the 404 of missing.png


def test_cache_lowers_the_transfer():
    first = web.har_summary(HAR_DIR / "first-visit.har")
    reload = web.har_summary(HAR_DIR / "reload.har")
    back = web.har_summary(HAR_DIR / "return-visit.har")
    assert reload["requests"] > 2 * first["requests"]
    assert reload["transfer_bytes"] < 2 * first["transfer_bytes"]
    assert back["requests"] == first["requests"]
    assert back["transfer_bytes"] * 5 < first["transfer_bytes"]


@pytest.mark.parametrize("name", RECORDED)
def test_breakdowns_add_up(name):
    s = web.har_summary(HAR_DIR / f"{name}.har")
    for table in ("by_domain", "by_content_type"):
        assert sum(r["requests"] for r in s[table].values()) == s["requests"]
        assert sum(r["transfer_bytes"] for r in s[table].values()) == s["transfer_bytes"]


# ---------------------------------------------------------------------------------------------
# Broken files.

def test_every_bad_file_has_an_expected_error():
    assert sorted(p.name for p in BAD_DIR.glob("*.har")) == sorted(c["file"] for c in BAD_CASES)
    assert len(BAD_CASES) == 10


@pytest.mark.parametrize("case", BAD_CASES, ids=[c["file"] for c in BAD_CASES])
def test_bad_file_error(case):
    assert case["code"] == "InvalidArgument"
    path = BAD_DIR / case["file"]
    with pytest.raises(ValueError) as info:
        web.har_summary(path)
    assert isinstance(info.value, numresp.InvalidArgumentError)
    message = str(info.value)
    assert case["message"] in message
    if case["line"]:  # malformed JSON: the origin and the line are named
        assert case["file"] in message
        assert re.search(rf"(^|[^0-9]){case['line']}([^0-9]|$)", message), message


def test_missing_file_is_not_found(tmp_path):
    missing = tmp_path / "no-such-file.har"
    with pytest.raises(KeyError) as info:
        web.har_summary(missing)
    assert isinstance(info.value, numresp.NotFoundError)
    assert "no-such-file.har" in str(info.value)


# ---------------------------------------------------------------------------------------------
# Small HARs, one rule at a time.

def _entry(url, status=200, mime="text/html", transfer=None, headers=-1, body=-1, **extra):
    response = {"status": status, "statusText": "", "headers": [], "content": {"size": 0, "mimeType": mime},
                "headersSize": headers, "bodySize": body}
    if transfer is not None:
        response["_transferSize"] = transfer
    e = {"startedDateTime": "2025-01-01T00:00:00.000Z", "time": 1.0,
         "request": {"method": "GET", "url": url, "headers": [], "headersSize": 100},
         "response": response, "cache": {}, "timings": {"send": 0, "wait": 0, "receive": 0}}
    for key, value in extra.items():
        if key.startswith("response_"):
            response[key[len("response_"):]] = value
        else:
            e[key] = value
    return e


@pytest.fixture
def summarize(tmp_path):
    def run(entries, name="inline.har"):
        path = tmp_path / name
        path.write_text(json.dumps({"log": {"version": "1.2", "creator": {"name": "numresp tests", "version": "1"},
                                            "entries": entries}}), encoding="utf-8")
        return web.har_summary(path)
    return run


def test_empty_log(summarize):
    s = summarize([])
    assert (s["entries"], s["requests"], s["transfer_bytes"], s["by_domain"], s["by_content_type"]) == (0, 0, 0, {}, {})


def test_data_urls_are_neither_requests_nor_bytes(summarize):
    s = summarize([
        _entry("https://example.org/", transfer=1000, headers=200, body=800),
        _entry("data:image/png;base64,iVBORw0KGgo=", mime="image/png", transfer=89, headers=0, body=89),
        _entry("data:,", mime="text/plain", transfer=0, headers=0, body=0),
        _entry("https://example.org/a.css", mime="text/css", transfer=300, headers=100, body=200),
    ])
    assert (s["entries"], s["data_urls"], s["requests"], s["transfer_bytes"]) == (4, 2, 2, 1300)
    assert s["by_domain"] == {"example.org": {"requests": 2, "transfer_bytes": 1300}}
    assert set(s["by_content_type"]) == {"text/html", "text/css"}


def test_cached_entries_count_with_zero_bytes(summarize):
    s = summarize([
        _entry("https://example.org/app.js", mime="text/javascript", transfer=5000, headers=300, body=4700,
               _fromCache="memory"),
        _entry("https://cdn.example.net/logo.svg", mime="image/svg+xml", headers=250, body=900, _fromCache="disk"),
        _entry("https://example.org/", transfer=1200, headers=200, body=1000, _fromCache=""),
    ])
    assert (s["requests"], s["cached"], s["transfer_bytes"]) == (3, 2, 1200)
    assert s["by_domain"]["cdn.example.net"] == {"requests": 1, "transfer_bytes": 0}
    assert s["by_content_type"]["text/javascript"] == {"requests": 1, "transfer_bytes": 0}


def test_failed_entries_are_counted(summarize):
    s = summarize([
        _entry("http://localhost:9999/x.png", status=0, mime="", transfer=0,
               response__error="net::ERR_CONNECTION_REFUSED"),
        _entry("https://example.org/blocked.js", mime="text/javascript", transfer=120, headers=120, body=0,
               _error="net::ERR_BLOCKED_BY_CLIENT"),
        _entry("https://example.org/aborted", status=0, mime=""),
        _entry("https://example.org/missing.png", status=404, mime="text/html; charset=utf-8", transfer=300),
        _entry("https://example.org/ok.css", mime="text/css", transfer=400, response__error=""),
    ])
    assert s["requests"] == 5
    assert s["failed"] == 3  # a 404 is an answer, not a failure
    assert s["transfer_bytes"] == 120 + 300 + 400
    assert s["by_content_type"]["(none)"]["requests"] == 2


def test_transfer_size_or_headers_plus_body(summarize):
    s = summarize([
        _entry("https://a.example/1", transfer=1000, headers=200, body=700),
        _entry("https://a.example/2", headers=200, body=700),
        _entry("https://a.example/3", transfer=0, headers=200, body=700),
    ])
    assert s["transfer_bytes"] == 1000 + 900 + 0
    assert s["cached"] == 1  # _transferSize 0 with a status: how Playwright writes a cache hit


def test_minus_one_means_unknown(summarize):
    s = summarize([
        _entry("https://a.example/1", transfer=-1, headers=200, body=700),
        _entry("https://a.example/2", transfer=-1, headers=-1, body=300),
        _entry("https://a.example/3", transfer=-1, headers=250, body=-1),
        _entry("https://a.example/4", transfer=-1, headers=-1, body=-1),
        _entry("https://a.example/5", headers=219, body=-219),  # Playwright's cache hit, without _transferSize
    ])
    assert s["transfer_bytes"] == 900 + 300 + 250 + 0 + 219


def test_content_type_before_parameters(summarize):
    no_content = _entry("https://a.example/6", transfer=6)
    del no_content["response"]["content"]
    s = summarize([
        _entry("https://a.example/1", mime="text/html; charset=utf-8", transfer=1),
        _entry("https://a.example/2", mime="Text/HTML;charset=UTF-8", transfer=2),
        _entry("https://a.example/3", mime="  application/json ; charset=utf-8", transfer=3),
        _entry("https://a.example/4", mime="", transfer=4),
        _entry("https://a.example/5", mime="; charset=utf-8", transfer=5),
        no_content,
    ])
    assert s["by_content_type"] == {
        "text/html": {"requests": 2, "transfer_bytes": 3},
        "application/json": {"requests": 1, "transfer_bytes": 3},
        "(none)": {"requests": 3, "transfer_bytes": 15},
    }


def test_domain_is_lower_case_host_without_port(summarize):
    s = summarize([
        _entry("https://Example.ORG/", transfer=1),
        _entry("https://example.org:8443/a?b=c", transfer=2),
        _entry("http://user:secret@example.org:8080/x#y", transfer=4),
        _entry("http://127.0.0.1:8765/index.html", transfer=8),
        _entry("http://localhost:8765/images/badge.svg", transfer=16),
    ])
    assert s["by_domain"] == {
        "example.org": {"requests": 3, "transfer_bytes": 7},
        "127.0.0.1": {"requests": 1, "transfer_bytes": 8},
        "localhost": {"requests": 1, "transfer_bytes": 16},
    }


def test_malformed_json_names_origin_offset_and_line(tmp_path):
    text = '{\n  "log": {\n    "entries": [\n' + "\n" * 8 + '      {"request": {"url": "https://a.example/"}},\n    ]\n  }\n}\n'
    path = tmp_path / "home.har"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(numresp.InvalidArgumentError) as info:
        web.har_summary(path)
    message = str(info.value)
    assert "home.har" in message
    assert f"malformed JSON at byte offset {text.index('    ]') + 4}" in message
    assert re.search(r"(^|[^0-9])13([^0-9]|$)", message), message


@pytest.mark.parametrize("entries, path", [
    ({"0": {}}, "$.log.entries: expected an array"),
    ([{"request": {"url": 42}, "response": {"status": 200}}], "$.log.entries[0].request.url: expected a string"),
    ([{"response": {"status": 200}}], "$.log.entries[0].request: expected an object"),
    ([_entry("https://a.example/"), _entry("https://a.example/", status="200")],
     "$.log.entries[1].response.status: expected a number"),
    ([_entry("https://a.example/", transfer="1862")], "$.log.entries[0].response._transferSize: expected a number"),
])
def test_shape_errors_name_the_json_path(tmp_path, entries, path):
    har = tmp_path / "shape.har"
    har.write_text(json.dumps({"log": {"entries": entries}}), encoding="utf-8")
    with pytest.raises(ValueError, match=re.escape(path)):
        web.har_summary(har)
