"""``python -m numresp.report [INVENTORY] [--out DIR] [--format html,json,md] [--quiet]``: the city
report without the ``numresp`` command (same arguments as ``numresp report``)."""

import argparse
import sys

from . import run_report


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m numresp.report", description="The city report: "
                                     "a responsible-digital scorecard from an inventory file (default: the sample city).")
    parser.add_argument("inventory", nargs="?", default=None, help="inventory.json (default: the embedded sample city)")
    parser.add_argument("--out", default="numresp-report", help="output folder (default: numresp-report)")
    parser.add_argument("--format", default="html,json,md", help="comma-separated: html, json, md (default: all)")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    args = parser.parse_args(argv)
    return run_report(args.inventory, args.out, args.format.split(","), progress=not args.quiet)


if __name__ == "__main__":
    sys.exit(main())
