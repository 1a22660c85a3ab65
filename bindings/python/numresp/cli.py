"""The ``numresp`` command: the city report and the hackathon subcommands.

``numresp report`` writes the responsible-digital scorecard of a city (the embedded sample city
when no inventory is given). The other subcommands answer one question each, on the command line:

=======================  ==================================================================
``numresp traffic``      grams CO2e of transferring data (Sustainable Web Design, OneByte)
``numresp email``        grams CO2e of emails (ADEME), and the equivalent in car km
``numresp ecoindex``     the EcoIndex of a page (from its metrics or a HAR file)
``numresp device``       one device's embedded and use impacts per criterion, with bounds
``numresp sensors``      ``aggregate``: window statistics of sensor readings from a CSV
``numresp factors``      the factor sets, and every factor with its source and licence
=======================  ==================================================================

Each prints a human summary by default and JSON with ``--json`` (valid JSON on stdout and
nothing else). A bad argument prints a message naming the argument and its value on stderr and
exits with status 2. :func:`main` is the console script; ``python -m numresp`` runs it too.
"""

from __future__ import annotations

import argparse
import importlib
import json
import math
import os
import re
import sys
import textwrap
from contextlib import contextmanager
from typing import Any, Callable, Dict, Iterator, List, NoReturn, Optional, Sequence

import numresp

__all__ = ["main", "build_parser", "format_number", "parse_bytes"]

PROG = "numresp"
#: Report formats, unless numresp.report publishes its own ``FORMATS``.
REPORT_FORMATS = ("html", "json", "md")

_TRAFFIC_MODELS = {
    "swd4": "Sustainable Web Design v4",
    "swd3": "Sustainable Web Design v3",
    "onebyte": "OneByte (The Shift Project)",
}
_FLAVOURS = {
    "raw": "npm ecoindex 2.0.1, unrounded score",
    "ecoindex.fr": "ecoindex.fr's Python reference, integer score",
}


class CliError(Exception):
    """A user error: printed as ``numresp <command>: error: <message>``, exit status 2."""


class _Parser(argparse.ArgumentParser):
    """argparse, with its usage errors on one line like the commands' own errors."""

    def error(self, message: str) -> "NoReturn":  # type: ignore[override]
        self.exit(2, f"{self.prog}: error: {message} (see `{self.prog} --help`)\n")


# -- formatting ---------------------------------------------------------------------------------


def format_number(x: Any, sig: int = 4) -> str:
    """A number for people: ``sig`` significant digits, but never rounding the integer part, with
    thousands separators (``14135.78`` -> ``14,136``; ``1.93641`` -> ``1.936``; ``0.34086`` ->
    ``0.3409``). ``None`` and NaN are ``n/a``."""
    if x is None:
        return "n/a"
    x = float(x)
    if math.isnan(x):
        return "n/a"
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    if x == 0:
        return "0"
    decimals = max(0, sig - 1 - math.floor(math.log10(abs(x))))
    text = f"{x:,.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _grams(g: float) -> str:
    """Grams CO2e, with kilograms or tonnes in brackets when large."""
    text = f"{format_number(g)} g CO2e"
    if abs(g) >= 1e6:
        text += f" ({format_number(g / 1e6)} t)"
    elif abs(g) >= 1e3:
        text += f" ({format_number(g / 1e3)} kg)"
    return text


def _bytes_text(b: float) -> str:
    for scale, unit in ((1e12, "TB"), (1e9, "GB"), (1e6, "MB"), (1e3, "kB")):
        if abs(b) >= scale:
            return f"{format_number(b / scale)} {unit}"
    return f"{format_number(b)} B"


def _count_of(n: float, noun: str) -> str:
    return f"{format_number(n, 15)} {noun}{'' if n == 1 else 's'}"


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]], right: Sequence[int] = ()) -> str:
    widths = [len(h) for h in headers]
    for row in rows:
        widths = [max(w, len(c)) for w, c in zip(widths, row)]

    def line(cells: Sequence[str]) -> str:
        out = [c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(cells, widths))]
        return "  ".join(out).rstrip()

    return "\n".join([line(headers), line(["-" * w for w in widths])] + [line(r) for r in rows])


def _plain(x: Any) -> Any:
    """JSON-ready: numpy scalars to Python, NaN and infinities to null, tuples to lists."""
    if isinstance(x, dict):
        return {str(k): _plain(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [_plain(v) for v in x]
    if hasattr(x, "item") and callable(x.item) and getattr(x, "ndim", 1) == 0:
        x = x.item()
    if isinstance(x, float) and not math.isfinite(x):
        return None
    return x


def _print_json(obj: Any) -> None:
    sys.stdout.write(json.dumps(_plain(obj), indent=2, ensure_ascii=False, allow_nan=False) + "\n")


def _out(text: str = "") -> None:
    sys.stdout.write(text + "\n")


# -- errors -------------------------------------------------------------------------------------


def _message(e: BaseException) -> str:
    """The library's message (a KeyError's str() adds quotes; its first argument does not)."""
    if isinstance(e, KeyError) and e.args:
        return str(e.args[0])
    return str(e) or type(e).__name__


_LIBRARY_ERRORS = (numresp.NumrespError, ValueError, KeyError)


@contextmanager
def _blame(argument: Optional[str], value: Any = None) -> Iterator[None]:
    """Turns a library error raised inside the block into a :class:`CliError` naming ``argument``
    (and ``value`` when the library's message does not already quote it)."""
    try:
        yield
    except CliError:
        raise
    except _LIBRARY_ERRORS as e:
        message = _message(e)
        if argument is None:
            raise CliError(message) from None
        if value is not None and str(value) not in message:
            raise CliError(f"argument {argument} {str(value)!r}: {message}") from None
        raise CliError(f"argument {argument}: {message}") from None


# -- argument types -----------------------------------------------------------------------------

_NUMBER_UNIT = re.compile(r"^\s*([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)\s*([A-Za-z]*)\s*$")
_BYTE_UNITS = "B, kB, MB, GB, TB (decimal), KiB, MiB, GiB, TiB (binary), o, ko, Mo, Go, To"


def parse_bytes(text: str) -> float:
    """Bytes from ``"2300000"``, ``"2.3MB"``, ``"500 kB"``, ``"1.5GiB"`` or ``"2Go"`` (numresp.units'
    symbols, case-sensitive: 1 MB = 10^6 bytes, 1 MiB = 2^20). Raises ValueError."""
    match = _NUMBER_UNIT.match(text)
    if not match:
        raise ValueError(f"expected a size such as 2300000, 2.3MB or 500kB; got {text!r}")
    number, unit = float(match.group(1)), match.group(2)
    if unit:
        try:
            number = numresp.units.convert(number, unit, "B")
        except _LIBRARY_ERRORS as e:
            raise ValueError(f"{text!r}: {_message(e)} (units: {_BYTE_UNITS})") from None
    if not math.isfinite(number) or number < 0:
        raise ValueError(f"expected a size >= 0; got {text!r}")
    return number


def _bytes_arg(text: str) -> float:
    try:
        return parse_bytes(text)
    except ValueError as e:
        raise argparse.ArgumentTypeError(str(e)) from None


def _number(kind: str, check: Callable[[float], bool], integer: bool = False) -> Callable[[str], float]:
    def convert(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected {kind}; got {text!r}") from None
        if not math.isfinite(value) or not check(value) or (integer and value != int(value)):
            raise argparse.ArgumentTypeError(f"expected {kind}; got {text!r}")
        return int(value) if integer else value

    convert.__name__ = kind
    return convert


_nonneg = _number("a number >= 0", lambda v: v >= 0)
_positive = _number("a number > 0", lambda v: v > 0)
_share = _number("a share between 0 and 1", lambda v: 0 <= v <= 1)
_count = _number("a whole number >= 0", lambda v: v >= 0, integer=True)


# -- the parser ---------------------------------------------------------------------------------


def _examples(*lines: str) -> str:
    return "Examples:\n" + "\n".join(f"  {line}" for line in lines)


def _subparser(sub: Any, name: str, help_text: str, description: str, examples: str,
               json_help: str = "print JSON on stdout instead of the human summary") -> argparse.ArgumentParser:
    p = sub.add_parser(name, help=help_text, description=description, epilog=examples,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--json", action="store_true", help=json_help)
    return p


def build_parser() -> argparse.ArgumentParser:
    """The ``numresp`` argument parser, with one subparser per command."""
    parser = _Parser(
        prog=PROG,
        description=(
            "numresp measures a city's responsible-digital plan.\n\n"
            "Start with `numresp report`: it writes the city's scorecard (HTML, JSON and Markdown) "
            "for the\nembedded sample city, or for your inventory with `numresp report city.json`.\n"
            "The other commands answer one question each; add --json for machine output and\n"
            "--help to any of them for its options and examples."
        ),
        epilog=_examples(
            "numresp report                       # the sample city, into ./numresp-report/",
            "numresp traffic 2.3MB --visits 10000",
            "numresp email --per-day 20 --days 365",
            "numresp ecoindex --dom 600 --requests 45 --size-kb 1800",
            "numresp device laptop --years 5",
            "numresp sensors aggregate readings.csv --window 1h",
            "numresp factors show grid.gwp.fra",
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {numresp.__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")

    # report
    p = _subparser(
        sub, "report", "the city report: scorecard, fact-check, charts (start here)",
        "Write the responsible-digital report of a city: a self-contained HTML report, the same\n"
        "figures as JSON and a Markdown summary. With no INVENTORY, the embedded sample city\n"
        "(illustrative data built from the plan's figures).",
        _examples(
            "numresp report                                   # sample city -> numresp-report/",
            "numresp report city.json --out report-2025 --format html,md",
            "numresp report city.json --quiet",
        ),
        json_help="print a JSON account of the run (files written, exit code) instead of the summary",
    )
    p.add_argument("inventory", nargs="?", metavar="INVENTORY",
                   help="the city's inventory file (JSON or YAML); default: the embedded sample city")
    p.add_argument("--out", default="numresp-report", metavar="DIR",
                   help="folder to write the report into (default: %(default)s)")
    p.add_argument("--format", default="html,json,md", metavar="FORMATS",
                   help="comma-separated formats among html, json, md (default: %(default)s)")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(handler=_cmd_report)

    # traffic
    p = _subparser(
        sub, "traffic", "grams CO2e of transferring data (Sustainable Web Design, OneByte)",
        "Grams CO2e of transferring BYTES, exactly as CO2.js 0.19.0 computes them: per byte, or\n"
        "per visit of a page of BYTES with --visits (with the model's rating of a visit).",
        _examples(
            "numresp traffic 2.3MB                         # 2.3 MB transferred, SWD v4",
            "numresp traffic 2.3MB --visits 10000          # 10,000 views of a 2.3 MB page",
            "numresp traffic 1GB --model onebyte",
            "numresp traffic 500kB --country FRA --green --json",
        ),
    )
    p.add_argument("bytes", type=_bytes_arg, metavar="BYTES",
                   help="data transferred: a number of bytes or a size with a unit (2.3MB, 500kB, 1.5GiB, 2Go)")
    p.add_argument("--model", choices=tuple(_TRAFFIC_MODELS), default="swd4",
                   help="swd4 (Sustainable Web Design v4, default), swd3, or onebyte")
    p.add_argument("--green", action="store_true", help="the site is on green hosting")
    p.add_argument("--green-share", type=_share, metavar="SHARE",
                   help="share of green hosting in [0, 1] (swd4 only)")
    p.add_argument("--country", metavar="ISO",
                   help="grid intensity of a country (ISO 3166-1 alpha-3, e.g. FRA) for the device, network "
                        "and data centre; default: the model's world average")
    p.add_argument("--visits", type=_count, metavar="N",
                   help="N visits of a page of BYTES (per-visit model: swd4 or swd3)")
    p.add_argument("--first-visit-share", type=_share, metavar="SHARE", help="with --visits (swd3: default 0.75)")
    p.add_argument("--return-visit-share", type=_share, metavar="SHARE", help="with --visits (swd3: default 0.25)")
    p.add_argument("--data-reload-ratio", type=_share, metavar="RATIO", help="with --visits (swd3: default 0.02)")
    p.add_argument("--segments", action="store_true",
                   help="also show the breakdown by segment (data centre, network, device; operational, embodied)")
    p.set_defaults(handler=_cmd_traffic)

    # email
    p = _subparser(
        sub, "email", "grams CO2e of emails (ADEME), with the car-km equivalent",
        "Grams CO2e of COUNT emails with ADEME's ACV numérique model 2.1.0 (writing, sending,\n"
        "reading, storing for 10 years), and the everyday equivalent (km by car by default).",
        _examples(
            "numresp email                                 # one simple email",
            "numresp email 100 --attachment-bytes 1MB --recipients 5",
            "numresp email --per-day 20 --days 365         # the plan's \"20 emails a day for a year\"",
            "numresp email 1000 --equivalent tgv_km --json",
        ),
    )
    p.add_argument("count", nargs="?", type=_nonneg, metavar="COUNT", help="number of emails (default 1)")
    p.add_argument("--per-day", type=_nonneg, metavar="N", help="emails a day (instead of COUNT)")
    p.add_argument("--days", type=_nonneg, metavar="N", help="days, with --per-day (default 365)")
    p.add_argument("--attachment-bytes", type=_bytes_arg, default=0.0, metavar="SIZE",
                   help="size attached to each email (bytes, or 1MB, 500kB...; default 0)")
    p.add_argument("--recipients", type=_positive, default=1.0, metavar="N",
                   help="recipients of each email (default 1; an average may be fractional)")
    p.add_argument("--network", default="fixed_fra", metavar="NET",
                   help="fixed_fra (default), mobile_fra, fixed_eu or mobile_eu")
    p.add_argument("--device", default="mix", metavar="DEV",
                   help="mix (default), smartphone, tablet, laptop or desktop_monitor")
    p.add_argument("--factor-set", metavar="SET", help="factor set (default ademe-2025)")
    p.add_argument("--equivalent", default="car_km", metavar="NAME",
                   help="equivalence to show (default car_km; `numresp email --equivalent list` lists them)")
    p.set_defaults(handler=_cmd_email)

    # ecoindex
    p = _subparser(
        sub, "ecoindex", "the EcoIndex of a page (from its metrics or a HAR file)",
        "The EcoIndex of a page (score 0-100, grade A-G, GHG and water per page view) from its DOM\n"
        "element count, request count and transferred size, or with the requests and size read\n"
        "from a HAR file (the DOM count is not in a HAR: give it with --dom).",
        _examples(
            "numresp ecoindex --dom 600 --requests 45 --size-kb 1800",
            "numresp ecoindex --dom 600 --requests 45 --size-kb 1800 --flavour ecoindex.fr",
            "numresp ecoindex --har page.har --dom 600 --json",
        ),
    )
    p.add_argument("--dom", type=_nonneg, required=True, metavar="N", help="DOM elements of the page")
    p.add_argument("--requests", type=_nonneg, metavar="N", help="HTTP requests of the page")
    p.add_argument("--size-kb", type=_nonneg, metavar="KB", help="transferred size in kB (1 kB = 1000 bytes)")
    p.add_argument("--har", metavar="FILE", help="a HAR file to read the requests and size from")
    p.add_argument("--flavour", choices=tuple(_FLAVOURS), default="raw",
                   help="raw (npm ecoindex, default) or ecoindex.fr (integer score)")
    p.set_defaults(handler=_cmd_ecoindex)

    # device
    p = _subparser(
        sub, "device", "one device's embedded and use impacts per criterion, with bounds",
        "One device's impacts: the embedded impact allocated over the duration (its lifetime by\n"
        "default) and the use phase, per criterion (gwp kg CO2e, adpe kg Sb-eq, pe MJ, water m3),\n"
        "each with its low and high bounds. --list lists the kinds, variants and locations.",
        _examples(
            "numresp device --list",
            "numresp device laptop                         # over its lifetime, ademe-2025",
            "numresp device laptop --years 1 --location FRA",
            "numresp device laptop --factor-set boavizta-2.4.1 --variant pro --power 30 --json",
        ),
    )
    p.add_argument("kind", nargs="?", metavar="KIND", help="device kind (laptop, smartphone...; see --list)")
    p.add_argument("--list", action="store_true", help="list the kinds, their variants and the locations")
    p.add_argument("--variant", metavar="V", help="the kind's variant (default: the set's default)")
    p.add_argument("--location", metavar="CODE", help="where it is used: 3-letter code (FRA, EEE...)")
    group = p.add_mutually_exclusive_group()
    group.add_argument("--hours", type=_nonneg, metavar="H", help="duration in hours (default: the lifetime)")
    group.add_argument("--years", type=_nonneg, metavar="Y", help="duration in years of 365 days")
    p.add_argument("--factor-set", metavar="SET", help="factor set (default ademe-2025; boavizta-2.4.1...)")
    p.add_argument("--power", type=_nonneg, metavar="W", help="average power in use, watts")
    p.add_argument("--use-time-ratio", type=_share, metavar="R", help="share of the time in use, in [0, 1]")
    p.add_argument("--lifetime-hours", type=_positive, metavar="H", help="lifetime in hours")
    p.set_defaults(handler=_cmd_device)

    # sensors
    p = sub.add_parser(
        "sensors", help="city sensor readings: `sensors aggregate` (window statistics from a CSV)",
        description="City sensor readings.",
        epilog=_examples("numresp sensors aggregate readings.csv --window 1h --stats count,mean"),
        formatter_class=argparse.RawDescriptionHelpFormatter)
    p.set_defaults(handler=_cmd_sensors_help, subparser=p)
    ssub = p.add_subparsers(dest="sensors_command", metavar="SUBCOMMAND", title="subcommands")
    p = _subparser(
        ssub, "aggregate", "window statistics per sensor (or zone) from a CSV of readings",
        "Window statistics of readings per sensor (or per zone with --zone-map), from a CSV with\n"
        "the columns sensor_id, timestamp, value (other columns are ignored). Timestamps are epoch\n"
        "seconds or ISO 8601 (an ISO time without offset is local time in --tz). Readings with an\n"
        "empty value are ignored. Prints the table as CSV (window_start in ISO 8601 with its\n"
        "offset), or JSON records with --json. CSV '-' reads standard input.",
        _examples(
            "numresp sensors aggregate readings.csv",
            "numresp sensors aggregate readings.csv --window 1h --stats count,mean,max --tz UTC",
            "numresp sensors aggregate readings.csv --window day --zone-map zones.csv --json",
        ),
        json_help="print JSON records instead of CSV",
    )
    p.add_argument("csv", metavar="CSV", help="readings: sensor_id,timestamp,value ('-' for standard input)")
    p.add_argument("--window", default="15min", metavar="W",
                   help="30s, 15min, 1h, 1d... (fixed) or hour, day, week, month (calendar); default %(default)s")
    p.add_argument("--stats", default="count,sum,min,max,mean", metavar="LIST",
                   help="comma-separated among count, sum, min, max, mean, var, std; default %(default)s")
    p.add_argument("--tz", default="Europe/Paris", metavar="TZ",
                   help="time zone of the windows (IANA name); default %(default)s")
    p.add_argument("--zone-map", metavar="CSV", help="a CSV sensor_id,zone: aggregate per zone")
    p.set_defaults(handler=_cmd_sensors_aggregate)

    # factors
    p = _subparser(
        sub, "factors", "the factor sets, and every factor with its source and licence",
        "Every number numresp computes with is a factor: a value, bounds, unit, source, year and\n"
        "licence. `sets` (the default) lists the built-in sets; `list [PREFIX]` lists a set's\n"
        "factors whose id starts with PREFIX; `show ID` shows one factor in full.",
        _examples(
            "numresp factors                               # the sets",
            "numresp factors list grid.gwp                 # ids starting with grid.gwp",
            "numresp factors show grid.gwp.fra",
            "numresp factors show device.laptop.pro.power --set boavizta-2.4.1 --json",
        ),
    )
    p.add_argument("action", nargs="?", choices=("sets", "list", "show"), default="sets", metavar="ACTION",
                   help="sets (default), list [PREFIX] or show ID")
    p.add_argument("target", nargs="?", metavar="PREFIX|ID", help="the prefix for list, the id for show")
    p.add_argument("--set", "--factor-set", dest="factor_set", metavar="SET",
                   help="factor set (default ademe-2025)")
    p.set_defaults(handler=_cmd_factors)
    return parser


# -- report -------------------------------------------------------------------------------------


def _cmd_report(args: argparse.Namespace) -> int:
    formats = [f.strip() for f in args.format.split(",") if f.strip()]
    if args.inventory is not None and not os.path.exists(args.inventory):
        raise CliError(f"argument INVENTORY: no such file: {args.inventory!r}")
    try:
        report = importlib.import_module("numresp.report")  # lazily: it brings the charts and templates
    except ImportError as e:
        raise CliError(f"the report engine is not available ({e})") from None
    if not callable(getattr(report, "run_report", None)):
        raise CliError("the report engine is not available (numresp.report has no run_report)")
    known = tuple(getattr(report, "FORMATS", REPORT_FORMATS))
    unknown = [f for f in formats if f not in known]
    if unknown:
        raise CliError(f"argument --format: unknown format {unknown[0]!r} in {args.format!r}; choose among "
                       f"{', '.join(known)}")
    if not formats:
        raise CliError(f"argument --format: no format in {args.format!r}; choose among {', '.join(known)}")
    try:
        if args.json:
            code = report.run_report(args.inventory, args.out, formats, progress=False, stream=sys.stderr)
        else:
            code = report.run_report(args.inventory, args.out, formats, progress=not args.quiet)
    except (OSError, *_LIBRARY_ERRORS) as e:
        raise CliError(_message(e)) from None
    if args.json:
        files: List[str] = []
        if os.path.isdir(args.out):
            for root, _, names in os.walk(args.out):
                files += [os.path.relpath(os.path.join(root, n), args.out) for n in names]
        _print_json({"inventory": args.inventory, "sample_city": args.inventory is None,
                     "out": os.path.abspath(args.out), "formats": formats, "files": sorted(files),
                     "exit_code": code})
    return int(code or 0)


# -- traffic ------------------------------------------------------------------------------------


def _cmd_traffic(args: argparse.Namespace) -> int:
    from numresp import traffic

    visit_options = {"--first-visit-share": args.first_visit_share, "--return-visit-share": args.return_visit_share,
                     "--data-reload-ratio": args.data_reload_ratio}
    if args.visits is None:
        for name, value in visit_options.items():
            if value is not None:
                raise CliError(f"argument {name}: only with --visits (it applies to the per-visit model)")
    elif args.model == "onebyte":
        raise CliError("argument --visits: the onebyte model has no per-visit form (CO2.js's OneByte neither); "
                       "use --model swd4 or swd3")
    if args.segments and args.visits is not None:
        raise CliError("argument --segments: the breakdown is per byte; not with --visits")
    if args.green_share is not None and args.model != "swd4":
        raise CliError(f"argument --green-share: the swd4 model only (got --model {args.model})")
    options: Dict[str, Any] = {}
    country = args.country.upper() if args.country else None
    if country:
        options["grid_intensity"] = {"device": country, "network": country, "data_center": country}
        if args.model == "onebyte":
            raise CliError("argument --country: the onebyte model takes no grid intensity "
                           "(CO2.js's OneByte ignores it)")
        with _blame("--country", args.country):
            traffic.country_intensity(country)
    if args.green_share is not None:
        options["green_hosting_factor"] = args.green_share
    out: Dict[str, Any] = {"bytes": args.bytes, "model": args.model, "green": args.green,
                           "green_share": args.green_share, "country": country}
    with _blame(None):
        if args.visits is None:
            grams = traffic.per_byte(args.bytes, args.model, args.green, **options)
            out["grams_co2e"] = grams
            if args.segments:
                with _blame("--segments"):
                    out["segments"] = traffic.segments(args.bytes, args.model, args.green, **options)
        else:
            shares = {"first_visit_share": args.first_visit_share, "return_visit_share": args.return_visit_share,
                      "data_reload_ratio": args.data_reload_ratio}
            per_visit = traffic.per_visit(args.bytes, args.model, args.green,
                                          **{k: v for k, v in shares.items() if v is not None}, **options)
            out.update({"visits": args.visits, "grams_per_visit": per_visit, "grams_co2e": per_visit * args.visits,
                        "rating": traffic.rating(per_visit, args.model)})
            out.update(shares)
    if args.json:
        _print_json(out)
        return 0
    size = f"{_bytes_text(args.bytes)} ({format_number(args.bytes, 15)} bytes)"
    if args.visits is None:
        _out(f"{size} transferred: {_grams(out['grams_co2e'])}")
    else:
        _out(f"{_count_of(args.visits, 'visit')} of a {size} page: "
             f"{_grams(out['grams_co2e'])}")
        _out(f"per visit: {format_number(out['grams_per_visit'])} g CO2e, rating {out['rating']}")
    grid = f"{country}'s" if country else "the model's world average"
    green = "green" if args.green else (
        f"{format_number(args.green_share)} green" if args.green_share is not None else "standard")
    _out(f"model: {_TRAFFIC_MODELS[args.model]} ({args.model}, as CO2.js 0.19.0)")
    _out(f"grid intensity: {grid}; hosting: {green}")
    if args.segments:
        rows = [[k, format_number(v)] for k, v in out["segments"].items()]
        _out()
        _out(_table(["segment", "g CO2e"], rows, right=[1]))
    return 0


# -- email --------------------------------------------------------------------------------------


def _cmd_email(args: argparse.Namespace) -> int:
    from numresp import usage

    if args.equivalent == "list":
        table = usage.equivalence_table()
        if args.json:
            _print_json(table.to_dict("records"))
        else:
            _out(_table(["name", "unit", "what one unit is"],
                        [[r["name"], r["unit"], r["description"]] for r in table.to_dict("records")]))
        return 0
    if args.per_day is not None:
        if args.count is not None:
            raise CliError(f"argument --per-day: give COUNT or --per-day, not both "
                           f"(COUNT is {format_number(args.count)})")
        days = 365.0 if args.days is None else args.days
        count = args.per_day * days
    else:
        if args.days is not None:
            raise CliError("argument --days: only with --per-day")
        days = None
        count = 1.0 if args.count is None else args.count
    if args.factor_set is not None:
        with _blame("--factor-set", args.factor_set):
            numresp.factors.get(args.factor_set)
    email_devices = tuple(d for d in usage.DEVICES if d != "television")  # the model has no TV email
    for name, value, known in (("--network", args.network, usage.NETWORKS[:4]), ("--device", args.device,
                                                                                   email_devices)):
        if value not in known:
            raise CliError(f"argument {name}: unknown {name[2:]} {value!r}; choose among {', '.join(known)}")
    table = {r["name"]: r for r in usage.equivalence_table().to_dict("records")}
    if args.equivalent not in table:
        with _blame("--equivalent", args.equivalent):
            usage.equivalent(1.0, args.equivalent)  # the library's message lists the names
        raise CliError(f"argument --equivalent: unknown equivalence {args.equivalent!r}")
    kw = {"attachment_bytes": args.attachment_bytes, "recipients": args.recipients, "network": args.network,
          "device": args.device, "factor_set": args.factor_set}
    # The amounts are checked: an error here is a factor set without the email model's factors.
    with _blame("--factor-set" if args.factor_set else None, args.factor_set):
        grams = usage.email(count, **kw)
        per_email = usage.email(1, **kw)
        breakdown = usage.email(count, breakdown=True, **kw)
        equivalent = usage.equivalent(grams, args.equivalent, factor_set=args.factor_set)
    eq = table[args.equivalent]
    factor_set = args.factor_set or numresp.factors.default().name
    out = {"count": count, "per_day": args.per_day, "days": days, "attachment_bytes": args.attachment_bytes,
           "recipients": args.recipients, "network": args.network, "device": args.device, "factor_set": factor_set,
           "grams_co2e": grams, "grams_per_email": per_email, "breakdown": breakdown,
           "equivalent": {"name": args.equivalent, "value": equivalent, "unit": eq["unit"],
                          "description": eq["description"], "factor_id": eq["factor_id"]}}
    if args.json:
        _print_json(out)
        return 0
    what = _count_of(count, "email")
    if args.per_day is not None:
        what += f" ({format_number(args.per_day, 15)} a day for {format_number(days, 15)} days)"
    recipients = f"{format_number(args.recipients)} recipient{'s' if args.recipients != 1 else ''} each"
    attachment = (f"a {_bytes_text(args.attachment_bytes)} attachment" if args.attachment_bytes
                  else "no attachment")
    _out(f"{what}, {recipients}, {attachment}: {_grams(grams)}")
    _out(f"per email: {format_number(per_email)} g CO2e")
    _out(f"equivalent: {format_number(equivalent)} {eq['unit']} [{args.equivalent}: {eq['description']}]")
    _out(f"model: ADEME ACV numérique 2.1.0, factor set {factor_set}, network {args.network}, device {args.device}")
    _out()
    _out(_table(["stage", "g CO2e"], [[k, format_number(v)] for k, v in breakdown.items()], right=[1]))
    return 0


# -- ecoindex -----------------------------------------------------------------------------------


def _cmd_ecoindex(args: argparse.Namespace) -> int:
    from numresp import web

    har = None
    if args.har is not None:
        for name, value in (("--requests", args.requests), ("--size-kb", args.size_kb)):
            if value is not None:
                raise CliError(f"argument {name}: not with --har (the HAR file gives it)")
        with _blame("--har", args.har):
            har = web.har_summary(args.har)
        requests, size_kb = float(har["requests"]), float(har["size_kb"])
    else:
        missing = [n for n, v in (("--requests", args.requests), ("--size-kb", args.size_kb)) if v is None]
        if missing:
            raise CliError(f"argument {missing[0]}: required (give --requests and --size-kb, or --har FILE)")
        requests, size_kb = args.requests, args.size_kb
    with _blame(None):
        result = web.ecoindex(args.dom, requests, size_kb, flavour=args.flavour)
    out = dict(result.to_dict(), dom=args.dom, requests=requests, size_kb=size_kb)
    if har is not None:
        out["har"] = dict(har, file=args.har)
    if args.json:
        _print_json(out)
        return 0
    _out(f"EcoIndex {format_number(result.score)} / 100, grade {result.grade}")
    _out(f"per page view: {format_number(result.ghg_g)} g CO2e, {format_number(result.water_cl)} cl of water")
    page = (f"page: {_count_of(args.dom, 'DOM element')}, {_count_of(requests, 'request')}, "
            f"{format_number(size_kb, 15)} kB transferred")
    _out(page)
    if har is not None:
        _out(f"requests and size from {args.har}: {har['entries']} entries, {har['cached']} cached, "
             f"{har['failed']} failed")
    _out(f"flavour: {args.flavour} ({_FLAVOURS[args.flavour]})")
    return 0


# -- device -------------------------------------------------------------------------------------


def _bounds(f: Dict[str, Any]) -> str:
    if f["value"] is None:
        return "n/a"
    if f["low"] == f["value"] == f["high"]:
        return format_number(f["value"])
    return f"{format_number(f['value'])} [{format_number(f['low'])}, {format_number(f['high'])}]"


def _cmd_device(args: argparse.Namespace) -> int:
    from numresp import devices

    fs = args.factor_set
    if fs is not None:
        with _blame("--factor-set", fs):
            numresp.factors.get(fs)
    with _blame("--factor-set", fs):
        kinds = devices.kinds(fs)
        locations = devices.locations(fs)
    set_name = fs or numresp.factors.default().name
    if args.list:
        listing = {k: devices.variants(k, fs) for k in kinds}
        if args.json:
            _print_json({"factor_set": set_name, "kinds": listing, "locations": locations})
            return 0
        _out(f"Device kinds in factor set {set_name} (variants, the default first):")
        _out(_table(["kind", "variants"], [[k, ", ".join(v)] for k, v in listing.items()]))
        _out()
        _out("\n".join(textwrap.wrap(f"Locations: {', '.join(locations)}", 100, subsequent_indent="  ")))
        return 0
    if args.kind is None:
        raise CliError("argument KIND: required (or --list to see the kinds)")
    with _blame("KIND", args.kind):
        variants = devices.variants(args.kind, fs)
    if args.variant is not None and args.variant not in variants:
        raise CliError(f"argument --variant: unknown variant {args.variant!r} of {args.kind} in factor set "
                       f"{set_name}; known variants: {', '.join(variants)}")
    location = args.location.upper() if args.location else None
    if location is not None and location not in locations:
        raise CliError(f"argument --location: unknown location {args.location!r} in factor set {set_name}; "
                       f"known locations: {', '.join(locations)}")
    hours = args.hours if args.hours is not None else (args.years * 8760.0 if args.years is not None else None)
    usage_args = {k: v for k, v in (("power_w", args.power), ("use_time_ratio", args.use_time_ratio),
                                    ("lifetime_hours", args.lifetime_hours)) if v is not None}
    with _blame(None):
        r = devices.evaluate(args.kind, location=location, duration_hours=hours, factor_set=fs,
                             usage=usage_args or None, variant=args.variant)
    figures = r.to_dict()
    out = {"kind": r.kind, "variant": r.variant, "factor_set": r.factor_set, "location": r.location,
           "duration_hours": r.duration_hours, "lifetime_hours": r.lifetime_hours,
           "use_time_ratio": r.use_time_ratio, "power_w": r.power_w, "allocation": r.allocation,
           "criteria": figures, "embedded_phases": r.embedded_phases(), "warnings": r.warnings,
           "sources": r.sources}
    if args.json:
        _print_json(out)
        return 0
    _out(f"{r.kind} (variant {r.variant}), factor set {r.factor_set}, location {r.location}")
    years = r.duration_hours / 8760.0
    duration = f"{format_number(r.duration_hours, 15)} h ({format_number(years)} year{'' if years == 1 else 's'})"
    _out(f"over {duration}; lifetime {format_number(r.lifetime_hours, 15)} h; "
         f"embedded impact allocated: {format_number(r.allocation)}")
    power = _bounds({"value": r.power_w[0], "low": r.power_w[1], "high": r.power_w[2]}) + " W" if r.power_w else "n/a"
    _out(f"use: average power {power}, in use {format_number(r.use_time_ratio)} of the time")
    _out()
    rows, notes = [], []
    for criterion, phases in figures.items():
        e, u = phases["embedded"], phases["use"]
        if e["value"] is not None and u["value"] is not None:
            total = _bounds({k: e[k] + u[k] for k in ("value", "low", "high")})
        else:
            total = "n/a"
        rows.append([criterion, e["unit"], _bounds(e), _bounds(u), total])
        for phase, f in phases.items():
            if f["value"] is None:
                notes.append(f"{criterion} {phase}: {f.get('missing') or 'not available'}")
    _out(_table(["criterion", "unit", "embedded [low, high]", "use [low, high]", "total [low, high]"], rows,
                right=[2, 3, 4]))
    if notes:
        _out()
        _out("n/a:")
        for n in notes:
            _out(textwrap.fill(n, 100, initial_indent="  ", subsequent_indent="    "))
    for w in r.warnings:
        _out(textwrap.fill(f"warning: {w}", 100, subsequent_indent="  "))
    _out()
    _out("\n".join(textwrap.wrap("factors: " + ", ".join(r.sources), 100, subsequent_indent="  ")))
    return 0


# -- sensors ------------------------------------------------------------------------------------


def _cmd_sensors_help(args: argparse.Namespace) -> int:
    args.subparser.print_help(sys.stdout)
    return 0


_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?"
                  r"(?P<offset>[zZ]|[+-]\d{2}(?::?\d{2})?)?)?$")


def _read_csv(path: str, argument: str, columns: Sequence[str]) -> Any:
    import pandas as pd

    try:
        frame = pd.read_csv(sys.stdin if path == "-" else path, dtype=str, keep_default_na=False,
                            skipinitialspace=True)
    except FileNotFoundError:
        raise CliError(f"argument {argument}: no such file: {path!r}") from None
    except (OSError, UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as e:
        raise CliError(f"argument {argument}: cannot read {path!r} as CSV: {e}") from None
    frame.columns = [str(c).strip() for c in frame.columns]
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise CliError(f"argument {argument}: {path!r} lacks the column(s) {', '.join(missing)}; its columns: "
                       f"{', '.join(map(str, frame.columns)) or 'none'}")
    return frame


def _timestamps(text: Any, tz: str, path: str) -> Any:
    """int64 epoch seconds, or datetime64[ns] UTC, from the CSV's timestamp column (strings)."""
    import numpy as np
    import pandas as pd

    s = text.str.strip()
    as_number = pd.to_numeric(s, errors="coerce")
    if len(s) and as_number.notna().all():
        seconds = as_number.to_numpy(dtype=np.float64)
        # datetime64[ns] spans 1677-09-21 to 2262-04-11: outside, seconds * 1e9 overflows int64.
        out_of_range = ~(np.abs(seconds) < 9.2e9)
        if out_of_range.any():
            i = int(np.flatnonzero(out_of_range)[0])
            raise CliError(f"argument CSV: {path!r} line {i + 2}, column timestamp: {s.iloc[i]!r} epoch seconds is "
                           "outside 1677-2262 (milliseconds? give seconds)")
        if s.str.fullmatch(r"[+-]?\d+").all():
            return s.astype(np.int64).to_numpy()
        return np.round(seconds * 1e9).astype(np.int64).view("datetime64[ns]")
    parts = s.str.extract(_ISO)
    is_iso = s.str.match(_ISO).to_numpy()
    is_number = as_number.notna().to_numpy()
    if not (is_iso | is_number).all():
        i = int(np.flatnonzero(~(is_iso | is_number))[0])
        raise CliError(f"argument CSV: {path!r} line {i + 2}, column timestamp: expected epoch seconds or an ISO "
                       f"8601 time (2024-03-01T08:15:00+01:00); got {s.iloc[i]!r}")
    if is_number.any():
        i, j = int(np.flatnonzero(is_number)[0]), int(np.flatnonzero(is_iso)[0])
        raise CliError(f"argument CSV: {path!r}, column timestamp: mixes epoch seconds (line {i + 2}: {s.iloc[i]!r}) "
                       f"and ISO 8601 times (line {j + 2}: {s.iloc[j]!r}); use one form")
    aware = parts["offset"].notna().to_numpy()
    iso = s.str.replace(",", ".", regex=False)

    def convert(strings: Any, aware: bool) -> Any:
        if aware:
            return pd.to_datetime(strings, utc=True).to_numpy("datetime64[ns]").view(np.int64)
        local = pd.DatetimeIndex(pd.to_datetime(strings))
        return local.tz_localize(tz, ambiguous="raise", nonexistent="raise").tz_convert("UTC").tz_localize(
            None).to_numpy("datetime64[ns]").view(np.int64)

    out = np.empty(len(s), dtype=np.int64)
    try:
        if aware.any():
            out[aware] = convert(iso[aware], True)
        if (~aware).any():
            out[~aware] = convert(iso[~aware], False)
    except Exception:  # out-of-bounds dates (ValueError), pytz's AmbiguousTimeError and NonExistentTimeError
        for i in range(len(s)):  # find the first bad row, to name it
            one = iso.iloc[i:i + 1]
            try:
                pd.to_datetime(one, utc=bool(aware[i])).to_numpy("datetime64[ns]")
            except Exception as e:
                reason = f"not a valid time, or outside 1677-2262 ({e})"
            else:
                try:
                    convert(one, bool(aware[i]))
                    continue
                except Exception:
                    reason = (f"a local time that is ambiguous or does not exist in {tz} (a daylight-saving "
                              "change); give its UTC offset")
            raise CliError(f"argument CSV: {path!r} line {i + 2}, column timestamp: {s.iloc[i]!r} is {reason}") \
                from None
        raise
    return out.view("datetime64[ns]")


def _cmd_sensors_aggregate(args: argparse.Namespace) -> int:
    import numpy as np
    import pandas as pd

    from numresp import sensors

    stats = [s.strip() for s in args.stats.split(",") if s.strip()]
    unknown = [s for s in stats if s not in sensors.STATS]
    if unknown or not stats:
        raise CliError(f"argument --stats: unknown statistic(s) {', '.join(map(repr, unknown)) or 'none given'}; "
                       f"choose among {', '.join(sensors.STATS)}")
    probe = (np.zeros(1, dtype=np.int64), np.zeros(1, dtype=np.int64), np.zeros(1))
    with _blame("--tz", args.tz):
        sensors.aggregate(*probe, window="1h", tz=args.tz)
    with _blame("--window", args.window):
        sensors.aggregate(*probe, window=args.window, tz=args.tz)

    frame = _read_csv(args.csv, "CSV", ("sensor_id", "timestamp", "value"))
    ids_text = frame["sensor_id"].str.strip()
    if (ids_text == "").any():
        i = int(np.flatnonzero((ids_text == "").to_numpy())[0])
        raise CliError(f"argument CSV: {args.csv!r} line {i + 2}, column sensor_id: empty")
    value_text = frame["value"].str.strip()
    values = pd.to_numeric(value_text.replace("", "nan"), errors="coerce")
    bad = values.isna() & ~value_text.str.lower().isin(["", "nan", "na", "null"])
    if bad.any():
        i = int(np.flatnonzero(bad.to_numpy())[0])
        raise CliError(f"argument CSV: {args.csv!r} line {i + 2}, column value: expected a number; got "
                       f"{value_text.iloc[i]!r}")
    timestamps = _timestamps(frame["timestamp"], args.tz, args.csv)

    integer_ids = bool(ids_text.str.fullmatch(r"[+-]?\d+").all())
    if integer_ids:
        ids = ids_text.astype(np.int64).to_numpy()
        labels = None
    else:
        codes, uniques = pd.factorize(ids_text)
        ids, labels = codes.astype(np.int64), list(uniques)

    zone = None
    if args.zone_map is not None:
        zones = _read_csv(args.zone_map, "--zone-map", ("sensor_id", "zone"))
        keys, names = zones["sensor_id"].str.strip(), zones["zone"].str.strip()
        mapping: Dict[str, str] = {}
        for i, (k, z) in enumerate(zip(keys, names)):
            if k in mapping and mapping[k] != z:
                raise CliError(f"argument --zone-map: {args.zone_map!r} line {i + 2}: sensor {k!r} is in zones "
                               f"{mapping[k]!r} and {z!r}")
            mapping[k] = z
        if integer_ids:
            # Compare ids as numbers: "07" in one file is sensor 7 in the other.
            try:
                mapping = {str(int(k)): z for k, z in mapping.items()}
            except ValueError:
                pass
            present = pd.Series(ids).astype(str)
        else:
            present = ids_text
        has_zone = present.isin(list(mapping)).to_numpy()
        if not has_zone.all():
            i = int(np.flatnonzero(~has_zone)[0])
            raise CliError(f"argument --zone-map: sensor {ids_text.iloc[i]!r} ({args.csv} line {i + 2}) has no zone "
                           f"in {args.zone_map!r}")
        if integer_ids:
            zone = {int(k): z for k, z in mapping.items() if re.fullmatch(r"[+-]?\d+", k)}
        else:
            zone = {code: mapping[label] for code, label in enumerate(labels)}

    with _blame(None):
        table = sensors.aggregate(ids, timestamps, values.to_numpy(dtype=np.float64), window=args.window,
                                  stats=stats, zone=zone, tz=args.tz)
    if labels is not None and zone is None:
        table["sensor_id"] = [labels[int(c)] for c in table["sensor_id"]]
    table["window_start"] = [t.isoformat() for t in table["window_start"]]
    if args.json:
        _print_json(table.to_dict("records"))
    else:
        table.to_csv(sys.stdout, index=False, lineterminator="\n")
    return 0


# -- factors ------------------------------------------------------------------------------------


def _cmd_factors(args: argparse.Namespace) -> int:
    from numresp import factors

    if args.action == "sets":
        if args.target is not None:
            raise CliError(f"argument PREFIX|ID: `factors sets` takes no argument (got {args.target!r})")
        if args.factor_set is not None:
            raise CliError("argument --set: `factors sets` lists every set; use it with list or show")
        default = factors.default().name
        rows = []
        for name in factors.sets():
            fs = factors.get(name)
            rows.append({"name": name, "default": name == default, "factors": len(fs),
                         "description": fs.description, "licences": fs.licences()})
        if args.json:
            _print_json(rows)
            return 0
        for r in rows:
            _out(f"{r['name']}{' (default)' if r['default'] else ''}: {r['factors']} factors")
            _out(textwrap.fill(r["description"], 100, initial_indent="  ", subsequent_indent="  "))
            _out(textwrap.fill("licences: " + ", ".join(r["licences"]), 100, initial_indent="  ",
                               subsequent_indent="    "))
        return 0
    with _blame("--set", args.factor_set):
        fs = factors.get(args.factor_set) if args.factor_set is not None else factors.default()
    if args.action == "show":
        if args.target is None:
            raise CliError("argument ID: required with show (`numresp factors list` lists the ids)")
        with _blame("ID", args.target):
            row = fs[args.target]
        if args.json:
            _print_json(dict(row, set=fs.name))
            return 0
        _out(f"{row['id']}  (factor set {fs.name})")
        bounds = ("none given" if row["low"] is None and row["high"] is None
                  else f"{format_number(row['low'], 6)} to {format_number(row['high'], 6)} {row['unit']}")
        value = format_number(row["value"], 6)
        if float(value.replace(",", "")) != row["value"]:
            value += f" (exactly {row['value']!r})"
        fields = [("value", f"{value} {row['unit']}"),
                  ("bounds", bounds), ("source", row["source"]), ("url", row["source_url"]),
                  ("year", str(row["year"])), ("region", row["region"]), ("licence", row["licence"]),
                  ("notes", row["notes"])]
        for name, text in fields:
            if text:
                _out(textwrap.fill(text, 100, initial_indent=f"  {name:<9}", subsequent_indent=" " * 11,
                                   break_long_words=False, break_on_hyphens=False))
        return 0
    # list
    prefix = args.target or ""
    ids = [i for i in fs if i.startswith(prefix)]
    if args.json:
        _print_json([fs[i] for i in ids])
        return 0
    if not ids:
        _out(f"no factor id starts with {prefix!r} in factor set {fs.name} ({len(fs)} factors)")
        return 0
    rows = []
    for i in ids:
        r = fs[i]
        rows.append([i, format_number(r["value"], 6), r["unit"], str(r["year"]), r["licence"]])
    _out(_table(["id", "value", "unit", "year", "licence"], rows, right=[1]))
    _out(f"{len(ids)} of {len(fs)} factors in set {fs.name}; `numresp factors show ID` for the source")
    return 0


# -- entry point --------------------------------------------------------------------------------


def _command_name(args: argparse.Namespace) -> str:
    parts = [PROG]
    if getattr(args, "command", None):
        parts.append(args.command)
    if getattr(args, "sensors_command", None):
        parts.append(args.sensors_command)
    return " ".join(parts)


def main(argv: Optional[List[str]] = None) -> int:
    """Runs ``numresp`` with ``argv`` (default: the command line) and returns the exit status: 0 on
    success, 2 for a bad argument (the message on stderr), the report's status for ``report``."""
    parser = build_parser()
    argv = sys.argv[1:] if argv is None else list(argv)
    if not argv:
        parser.print_help(sys.stdout)
        return 0
    try:
        args = parser.parse_args(argv)
    except SystemExit as e:  # --help, --version (0) or a usage error (2, message already printed)
        return e.code if isinstance(e.code, int) else (0 if e.code is None else 2)
    handler = getattr(args, "handler", None)
    if handler is None:
        parser.print_help(sys.stdout)
        return 0
    try:
        code = handler(args)
        sys.stdout.flush()  # here, so that a closed pipe is caught below
        return code
    except CliError as e:
        sys.stderr.write(f"{_command_name(args)}: error: {e}\n")
        return 2
    except numresp.NumrespError as e:  # a library error no handler attributed to an argument
        sys.stderr.write(f"{_command_name(args)}: error: {_message(e)}\n")
        return 2
    except BrokenPipeError:  # `numresp ... | head`
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError):
            pass
        return 0
    except KeyboardInterrupt:
        sys.stderr.write(f"{_command_name(args)}: interrupted\n")
        return 130
