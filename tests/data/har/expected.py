#!/usr/bin/env python3
"""The expected summaries of the real HAR files, computed independently of numresp.

numresp's tests (tests/web/har_test.cpp, bindings/python/tests/test_har.py) compare
numresp.web.summarize_har / har_summary with the <name>.expected.json this script writes next to
each tests/data/har/<name>.har. It uses nothing but the json module and the rules below, written
from the specification, not from numresp's code:

  entries         every element of log.entries;
  data_urls       entries whose request.url starts with "data:" (left out of everything below);
  requests        the other entries, cached and failed ones included;
  cached          entries with a non-empty _fromCache (Chrome DevTools' "memory" / "disk"), or with
                  response._transferSize == 0 and a status > 0 (Playwright's cache hits);
  failed          response.status <= 0, or a non-empty response._error, entry _error or
                  response._failureText (Playwright's refused connections);
  transfer_bytes  the sum over the requests of: 0 when cached; else response._transferSize when
                  present and >= 0; else max(response.headersSize, 0) + max(response.bodySize, 0);
  by_domain       {host: {"requests", "transfer_bytes"}}, host = the URL's host, lowercase,
                  without the port;
  by_content_type {type: {"requests", "transfer_bytes"}}, type = response.content.mimeType before
                  any ";", trimmed, lowercase, "(none)" when that leaves nothing.

Run:  /usr/bin/python3 tests/data/har/expected.py             # (re)write the *.expected.json
      /usr/bin/python3 tests/data/har/expected.py --check     # fail if one is missing or stale

Playwright (1.65) writes neither _fromCache nor _error nor data: URL entries: a cache hit is an entry
with response._transferSize 0 (and bodySize = -headersSize), a failed request has status -1,
response._failureText (e.g. "net::ERR_CONNECTION_REFUSED") and mimeType "x-unknown". So the rules
also count as cached an entry with _transferSize == 0 and status > 0, as failed one with status < 0
or a non-empty response._failureText, and the content type "x-unknown" as "(none)".
"""

import json
import pathlib
import sys
import urllib.parse

HERE = pathlib.Path(__file__).resolve().parent


def _non_empty(value):
    """A field that is present and says something (a non-empty string, or any other truthy value)."""
    return value is not None and value != "" and value is not False


def host_of(url):
    host = urllib.parse.urlsplit(url).hostname  # lowercase, without userinfo and port
    return host or ""


def content_type_of(mime):
    kind = (mime or "").split(";", 1)[0].strip().lower()
    return kind or "(none)"


def entry_bytes(entry):
    response = entry["response"]
    transfer = response.get("_transferSize")
    if transfer is not None and transfer >= 0:
        return transfer
    return max(response.get("headersSize", -1), 0) + max(response.get("bodySize", -1), 0)


def summarize(har):
    entries = har["log"]["entries"]
    summary = {
        "entries": len(entries),
        "data_urls": 0,
        "requests": 0,
        "cached": 0,
        "failed": 0,
        "transfer_bytes": 0,
        "by_domain": {},
        "by_content_type": {},
    }
    for entry in entries:
        url = entry["request"]["url"]
        if url[:5].lower() == "data:":
            summary["data_urls"] += 1
            continue
        response = entry["response"]
        cached = _non_empty(entry.get("_fromCache"))
        # Playwright marks a cache hit with _transferSize 0 (no _fromCache) and a failed request with
        # status -1 and _failureText (no status 0 or _error): both forms count.
        cached = cached or (response.get("_transferSize") == 0 and response["status"] > 0)
        failed = (response["status"] <= 0 or _non_empty(response.get("_error")) or _non_empty(entry.get("_error"))
                  or _non_empty(response.get("_failureText")))
        mime = response.get("content", {}).get("mimeType")
        mime = "" if mime == "x-unknown" else mime
        size = 0 if cached else entry_bytes(entry)

        summary["requests"] += 1
        summary["cached"] += int(cached)
        summary["failed"] += int(failed)
        summary["transfer_bytes"] += size
        for table, key in (("by_domain", host_of(url)),
                           ("by_content_type", content_type_of(mime))):
            row = summary[table].setdefault(key, {"requests": 0, "transfer_bytes": 0})
            row["requests"] += 1
            row["transfer_bytes"] += size
    return summary


def render(summary):
    return json.dumps(summary, indent=2, sort_keys=True) + "\n"


def main(argv):
    check = "--check" in argv
    hars = sorted(HERE.glob("*.har"))
    if not hars:
        print(f"no *.har in {HERE}", file=sys.stderr)
        return 1
    stale = []
    for har_path in hars:
        har = json.loads(har_path.read_text(encoding="utf-8"))
        text = render(summarize(har))
        out = har_path.with_name(har_path.stem + ".expected.json")
        if check:
            if not out.exists() or out.read_text(encoding="utf-8") != text:
                stale.append(out.name)
        else:
            out.write_text(text, encoding="utf-8")
        s = json.loads(text)
        print(f"{har_path.name}: {s['entries']} entries, {s['requests']} requests, {s['cached']} cached, "
              f"{s['failed']} failed, {s['data_urls']} data: URLs, {s['transfer_bytes']} bytes")
    if stale:
        print("missing or stale: " + ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
