"""Score a page from a saved HAR file: its EcoIndex and the emissions of its data transfer.

A HAR file (saved from a browser's developer tools, or recorded by Playwright) gives the two network
inputs of the EcoIndex, the request count and the transferred size; the third, the page's DOM
element count, is not in a HAR and comes from the command line. By default this scores the numresp
test site's first visit, recorded by tests/data/har/record_har.mjs, whose home page has 32 elements
(document.getElementsByTagName('*').length minus the descendants of inline <svg> elements, measured
by the same script with Playwright in Chromium once app.js had run; see tests/data/har/recordings.json).

Run after a build:
    PYTHONPATH=build/dev/python /usr/bin/python3 examples/python/score_har.py [page.har] [--dom N]
"""

import argparse
import pathlib

import numresp
from numresp import traffic, web

ROOT = pathlib.Path(__file__).resolve().parents[2]
DEFAULT_HAR = ROOT / "tests" / "data" / "har" / "first-visit.har"
#: The test site's home page, measured by record_har.mjs (recordings.json, "dom_elements").
DEFAULT_DOM = 32


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("har", nargs="?", type=pathlib.Path, default=DEFAULT_HAR, help="a HAR file")
    parser.add_argument("--dom", type=int, default=DEFAULT_DOM,
                        help=f"the page's DOM element count (default {DEFAULT_DOM}, the test site's home page)")
    args = parser.parse_args()

    s = web.har_summary(args.har)
    size_kb = s["transfer_bytes"] / 1000.0
    eco = web.ecoindex(args.dom, s["requests"], size_kb, flavour="ecoindex.fr")
    grams = traffic.per_byte(s["transfer_bytes"])

    try:
        shown = args.har.resolve().relative_to(ROOT)
    except ValueError:
        shown = args.har
    print(f"numresp {numresp.__version__}: {shown}")
    print(f"  {s['entries']} entries: {s['requests']} requests ({s['cached']} cached, {s['failed']} failed),"
          f" {s['data_urls']} data: URLs; {s['transfer_bytes']:,} bytes transferred ({size_kb:.3f} kB)")
    print(f"  EcoIndex {eco.score:g} (grade {eco.grade}) for {args.dom} DOM elements, {s['requests']} requests,"
          f" {size_kb:.3f} kB: {eco.ghg_g:.2f} g CO2e and {eco.water_cl:.2f} cl of water per page view")
    print(f"  data transfer (Sustainable Web Design v4): {grams:.6f} g CO2e per view, rating {traffic.rating(grams)}")

    print("  by domain:")
    print(f"    {'domain':<24} {'requests':>8} {'bytes':>10} {'share':>6} {'g CO2e':>10}")
    for domain, row in sorted(s["by_domain"].items(), key=lambda kv: (-kv[1]["transfer_bytes"], kv[0])):
        share = row["transfer_bytes"] / s["transfer_bytes"] if s["transfer_bytes"] else 0.0
        print(f"    {domain:<24} {row['requests']:>8} {row['transfer_bytes']:>10,} {share:>6.1%}"
              f" {traffic.per_byte(row['transfer_bytes']):>10.6f}")
    print("  by content type:")
    for kind, row in sorted(s["by_content_type"].items(), key=lambda kv: (-kv[1]["transfer_bytes"], kv[0])):
        print(f"    {kind:<24} {row['requests']:>8} {row['transfer_bytes']:>10,}")


if __name__ == "__main__":
    main()
