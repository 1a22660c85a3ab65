"""``run_report``: load, compute, render and write the report, with a progress bar on stderr."""

from __future__ import annotations

import json
import os
import pathlib
import sys
import time
from typing import IO, Any, Dict, List, Optional, Sequence, Union

from . import _compute, _render
from ._inventory import InventoryError, load
from ._svg import fmt, pct

FORMATS = ("html", "json", "md")
FILE_NAMES = {"html": "report.html", "json": "report.json", "md": "report.md"}


class ProgressBar:
    """A text progress bar on a stream (stderr): redrawn in place on a terminal, one line per step
    otherwise (logs, CI)."""

    def __init__(self, total: int, stream: IO[str] = sys.stderr, enabled: bool = True, width: int = 28) -> None:
        self.total = max(total, 1)
        self.done = 0
        self.stream = stream
        self.enabled = enabled
        self.width = width
        self.tty = bool(getattr(stream, "isatty", lambda: False)())
        self.start = time.monotonic()
        self._last_len = 0

    def step(self, label: str) -> None:
        """Marks the start of a step (the bar shows the steps done before it)."""
        if not self.enabled:
            return
        self._draw(label)
        self.done = min(self.done + 1, self.total)

    def _draw(self, label: str) -> None:
        filled = int(self.width * self.done / self.total)
        bar = "#" * filled + "-" * (self.width - filled)
        text = f"[{bar}] {self.done:>2}/{self.total} {label}"
        if self.tty:
            pad = " " * max(0, self._last_len - len(text))
            self.stream.write("\r" + text + pad)
            self._last_len = len(text)
        else:
            self.stream.write(text + "\n")
        self.stream.flush()

    def finish(self, label: str = "done") -> None:
        if not self.enabled:
            return
        self.done = self.total
        self._draw(f"{label} in {time.monotonic() - self.start:.1f} s")
        if self.tty:
            self.stream.write("\n")
            self.stream.flush()


def _formats(formats: Union[str, Sequence[str], None]) -> List[str]:
    if formats is None:
        return list(FORMATS)
    if isinstance(formats, str):
        formats = formats.split(",")
    out = []
    for f in formats:
        f = str(f).strip().lower()
        if f == "markdown":
            f = "md"
        if not f:
            continue
        if f not in FORMATS:
            raise ValueError(f"unknown format {f!r}; known formats: {', '.join(FORMATS)}")
        if f not in out:
            out.append(f)
    if not out:
        raise ValueError(f"no format given; known formats: {', '.join(FORMATS)}")
    return out


def to_json(report: Dict[str, Any]) -> str:
    """The report as JSON text (UTF-8, indented, no NaN): byte-identical for the same inventory."""
    return json.dumps(report, indent=1, ensure_ascii=False, allow_nan=False) + "\n"


def summary_lines(report: Dict[str, Any]) -> List[str]:
    """A few key numbers, for the terminal."""
    city = report["city"]
    lines = [f"numresp report: {city.get('name', '')}"
             + (" — ILLUSTRATIVE data (a synthetic example city, not real figures)" if report.get("illustrative") else "")]
    d = report.get("devices")
    if d:
        t = d["total"]["criteria"]["gwp"]["total"]
        line = (f"  device fleet {d['year']}: {fmt(t['value'] / 1000)} t CO2e a year "
                f"[{fmt(t['low'] / 1000)} – {fmt(t['high'] / 1000)}], {fmt(d['devices'], 4)} devices")
        best = min((s for s in d["scenarios"] if s["name"] != "baseline"),
                   key=lambda s: s["criteria"]["gwp"]["relative_change"] or 0.0, default=None)
        if best:
            line += f"; best scenario {best['name']!r} {(best['criteria']['gwp']['relative_change'] or 0) * 100:+.1f} %"
        lines.append(line)
    u = report.get("usage")
    if u:
        lines.append(f"  digital usage: {fmt(u['total_kg'] / 1000)} t CO2e a year")
    w = report.get("web")
    if w:
        n = len(w["pages"])
        lines.append(f"  web: {n} page{'s' if n != 1 else ''}, EcoIndex " + " ".join(p["grade"] for p in w["pages"]))
    inc = report.get("inclusion", {})
    cov = inc.get("coverage")
    if cov:
        s = cov.get("siting")
        lines.append(f"  access points: {pct(cov['share'])} of inhabitants within {fmt(cov['radius_m'])} m"
                     + (f", {pct(s['curve_share'][-1])} with {s['k']} new sites" if s else ""))
    med = inc.get("mediation")
    if med:
        lines.append(f"  mediation: {med['totals']['activities']:,} activities, {med['totals']['accompaniments']:,} "
                     f"accompaniments")
    sn = report.get("sensors")
    if sn:
        lines.append(f"  sensors: {sn['sensors']} sensors, {sn['readings']:,} readings")
    fc = report.get("fact_check", {})
    email = next((r for r in fc.get("rows", []) if r["id"] == "email_20_a_day_1000_km"), None)
    if email:
        lines.append(f"  fact-check: 20 emails a day for a year = {fmt(email['today_value'])} km by car today, "
                     f"not {fmt(email['plan_value'], 4)} km")
    others = len(fc.get("rows", [])) - (1 if email else 0)
    if others > 0:
        lines.append(f"  fact-check: {others} more of the plan's figures recomputed (see the report)")
    return lines


def run_report(inventory: Optional[Union[str, os.PathLike]] = None, out_dir: Union[str, os.PathLike] = "numresp-report",
               formats: Union[str, Sequence[str]] = FORMATS, progress: bool = True,
               stream: Optional[IO[str]] = None) -> int:
    """Loads ``inventory`` (``None``: the sample city), computes the report, writes
    ``report.html``, ``report.json`` and ``report.md`` (those of ``formats``) into ``out_dir``
    (created), prints a short summary and the paths to ``stream``, and returns 0.

    A bad inventory (or bad arguments): the error goes to stderr, nothing is written, returns 2.
    A failure while computing: the error goes to stderr, nothing is written, returns 1."""
    stream = sys.stdout if stream is None else stream
    err = sys.stderr
    try:
        fmts = _formats(formats)
    except ValueError as e:
        print(f"numresp report: error: {e}", file=err)
        return 2
    out = pathlib.Path(out_dir)
    if out.exists() and not out.is_dir():
        print(f"numresp report: error: {out}: exists and is not a folder", file=err)
        return 2
    started = time.monotonic()
    try:
        inv = load(inventory)
    except InventoryError as e:
        print(f"numresp report: error: {e}", file=err)
        print("numresp report: nothing was written", file=err)
        return 2
    except (FileNotFoundError, OSError) as e:
        print(f"numresp report: error: {e}", file=err)
        return 2
    steps = _compute.steps(inv)
    bar = ProgressBar(1 + len(steps) + len(fmts) + 1, err, enabled=progress)
    bar.start = started
    bar.step("read the inventory")
    try:
        report = _compute.compute(inv, progress=bar.step)
        rendered: Dict[str, str] = {}
        for f in fmts:
            bar.step(f"render {f}")
            if f == "html":
                rendered[f] = _render.render_html(report)
            elif f == "json":
                rendered[f] = to_json(report)
            else:
                rendered[f] = _render.render_markdown(report)
    except (ValueError, KeyError, RuntimeError, ArithmeticError) as e:
        if progress:
            err.write("\n")
        print(f"numresp report: error while computing: {type(e).__name__}: {e}", file=err)
        print("numresp report: nothing was written", file=err)
        return 1
    bar.step("write")
    try:
        out.mkdir(parents=True, exist_ok=True)
        written = []
        for f in fmts:
            path = out / FILE_NAMES[f]
            tmp = path.with_name(path.name + ".tmp")
            tmp.write_text(rendered[f], encoding="utf-8")
            os.replace(tmp, path)
            written.append(path)
    except OSError as e:
        print(f"numresp report: error: cannot write the report: {e}", file=err)
        return 1
    bar.finish()
    for line in summary_lines(report):
        print(line, file=stream)
    print("wrote:", file=stream)
    for p in written:
        print(f"  {p}", file=stream)
    return 0
