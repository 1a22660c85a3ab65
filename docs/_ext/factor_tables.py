"""Sphinx directives that render numresp's factor tables from data/factors/ at build time.

``.. factor-sets::`` renders the manifest (data/factors/sets.csv): each set, its files and what it
holds. ``.. factor-table:: FILE.csv`` renders every row of one table: id, value, bounds, unit,
year, region, licence, source and notes. The tables are read when the docs build, so the page
always says what the library compiles in.
"""

import csv
import pathlib

from docutils import nodes
from docutils.parsers.rst import Directive, directives

DATA_DIR = pathlib.Path(__file__).resolve().parents[2] / "data" / "factors"


def _read(path):
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _table(headers, rows, widths):
    table = nodes.table(classes=["numresp-factor-table"])
    group = nodes.tgroup(cols=len(headers))
    table += group
    for width in widths:
        group += nodes.colspec(colwidth=width)
    head = nodes.thead()
    group += head
    head_row = nodes.row()
    for header in headers:
        head_row += nodes.entry("", nodes.paragraph(text=header))
    head += head_row
    body = nodes.tbody()
    group += body
    for cells in rows:
        row = nodes.row()
        for i, cell in enumerate(cells):
            para = nodes.paragraph()
            para += nodes.literal(text=cell) if i == 0 and cell else nodes.Text(cell)
            row += nodes.entry("", para)
        body += row
    return table


class FactorSets(Directive):
    has_content = False

    def run(self):
        env = self.state.document.settings.env
        manifest = DATA_DIR / "sets.csv"
        env.note_dependency(str(manifest))
        sets = {}
        for row in _read(manifest):
            entry = sets.setdefault(row["set"], {"files": [], "description": "", "default": False})
            entry["files"].append(row["file"])
            entry["description"] = row["description"] or entry["description"]
            entry["default"] = entry["default"] or row["default"] == "yes"
        rows = []
        for name, entry in sets.items():
            count = 0
            for file in entry["files"]:
                count += len(_read(DATA_DIR / file))
            label = f"{name} (default)" if entry["default"] else name
            rows.append([label, ", ".join(entry["files"]), str(count), entry["description"]])
        return [_table(["set", "tables", "factors", "what it holds"], rows, [14, 22, 6, 58])]


class FactorTable(Directive):
    required_arguments = 1
    has_content = False
    option_spec = {"id-prefix": directives.unchanged}

    def run(self):
        env = self.state.document.settings.env
        path = DATA_DIR / self.arguments[0]
        if not path.is_file():
            raise self.error(f"factor-table: no table {path}")
        env.note_dependency(str(path))
        prefix = self.options.get("id-prefix", "")
        rows = []
        for row in _read(path):
            if prefix and not row["id"].startswith(prefix):
                continue
            bounds = f"{row['low']} – {row['high']}" if row["low"] else ""
            source = row["source"] + (f" ({row['source_url']})" if row["source_url"] else "")
            rows.append([row["id"], row["value"], bounds, row["unit"], row["year"], row["region"],
                         row["licence"], source, row["notes"]])
        if not rows:
            raise self.error(f"factor-table: no rows in {path} with prefix {prefix!r}")
        headers = ["id", "value", "low – high", "unit", "year", "region", "licence", "source", "notes"]
        return [_table(headers, rows, [16, 7, 9, 7, 4, 4, 7, 24, 22])]


def setup(app):
    app.add_directive("factor-sets", FactorSets)
    app.add_directive("factor-table", FactorTable)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
