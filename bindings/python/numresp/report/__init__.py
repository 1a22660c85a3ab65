"""The city report: one inventory file in, a responsible-digital scorecard out.

>>> from numresp import report
>>> inv = report.load_inventory()            # the embedded sample city (ILLUSTRATIVE data)
>>> figures = report.compute(inv)            # every figure, JSON-ready
>>> figures["illustrative"], figures["inclusion"]["mediation"]["totals"]["advisers"]
(True, 3)
>>> html = report.render_html(figures)       # one self-contained page: inline CSS and SVG charts
>>> html.startswith("<!DOCTYPE html>")
True

:func:`run_report` does it all and writes ``report.html``, ``report.json`` and ``report.md``; it
is what ``numresp report [INVENTORY] [--out DIR] [--format html,json,md]`` runs.

The inventory format (a JSON file, relative paths resolved from its folder) is described by the
JSON Schema :func:`schema_path` (draft 2020-12) and in docs/user-guide/report.rst. Everything it
references is read and checked before anything is computed: a bad inventory raises
:class:`InventoryError`, whose ``problems`` name the file, the JSON path (``$.devices.rows[3].count``)
or the line and column, and the problem.
"""

from __future__ import annotations

from typing import Any, Callable, Dict, Optional

from ._compute import ILLUSTRATIVE_NOTICE, REPORT_FORMAT, steps
from ._inventory import Inventory, InventoryError, Problem, sample_path, schema, schema_path, validate
from ._inventory import load as _load
from ._render import chart_ids, render_html, render_markdown
from ._run import FORMATS, ProgressBar, run_report, summary_lines, to_json

__all__ = [
    "load_inventory",
    "compute",
    "render_html",
    "render_markdown",
    "run_report",
    "to_json",
    "Inventory",
    "InventoryError",
    "Problem",
    "validate",
    "schema",
    "schema_path",
    "sample_path",
    "chart_ids",
    "steps",
    "summary_lines",
    "ProgressBar",
    "FORMATS",
    "REPORT_FORMAT",
    "ILLUSTRATIVE_NOTICE",
]


def load_inventory(path: Optional[Any] = None) -> Inventory:
    """Reads and checks an inventory and every file it references; ``None`` is the sample city.

    Raises :class:`InventoryError` listing every problem (file, JSON path or line, what is wrong);
    nothing is returned from a half-read inventory."""
    return _load(path)


def compute(inventory: Inventory, *, progress: Optional[Callable[[str], None]] = None) -> Dict[str, Any]:
    """Every figure of the report as JSON-ready data (see the module). ``progress(step)`` is called
    as each step starts (:func:`steps` lists them). Deterministic: the same inventory gives the
    same JSON, byte for byte (there is no time stamp)."""
    from ._compute import compute as _compute

    return _compute(inventory, progress=progress)
