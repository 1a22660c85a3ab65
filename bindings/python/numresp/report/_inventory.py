"""Reading and checking an inventory: the JSON file, its schema, and every file it references.

Nothing is computed from an inventory until all of it has been read and checked: :func:`load`
either returns a complete :class:`Inventory` or raises :class:`InventoryError` listing every
problem found (file, JSON path, what is wrong).
"""

from __future__ import annotations

import csv
import datetime as _dt
import gzip
import hashlib
import io
import json
import math
import os
import pathlib
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple

from ._schema import Validator, child_path, show

__all__ = ["Problem", "InventoryError", "Inventory", "load", "schema", "schema_path", "sample_path", "validate"]

HERE = pathlib.Path(__file__).resolve().parent
SCHEMA_FILE = HERE / "inventory.schema.json"
DEFAULT_SET = "ademe-2025"
ACCESS_KINDS = ("wifi", "computers", "mediation")


# -- Errors ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """One problem: the file it is in, where (a JSON path such as ``$.devices.rows[3].count``, or
    a line and column), and what is wrong."""

    file: str
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.path}: {self.message}" if self.path else f"{self.file}: {self.message}"


class InventoryError(ValueError):
    """An inventory that cannot be used. ``problems`` lists every :class:`Problem` found."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems: List[Problem] = list(problems)
        super().__init__(self._text())

    def _text(self) -> str:
        if len(self.problems) == 1:
            return f"invalid inventory: {self.problems[0]}"
        head = f"invalid inventory: {len(self.problems)} problems"
        return head + "".join(f"\n  {p}" for p in self.problems)

    @property
    def file(self) -> str:
        """The file of the first problem."""
        return self.problems[0].file if self.problems else ""

    @property
    def path(self) -> str:
        """The JSON path (or position) of the first problem."""
        return self.problems[0].path if self.problems else ""


# -- Locations of the schema and the sample ---------------------------------------------------------


def schema_path() -> pathlib.Path:
    """The JSON Schema file (draft 2020-12) of the inventory format."""
    return SCHEMA_FILE


def schema() -> Dict[str, Any]:
    """The JSON Schema of the inventory format, as a dict."""
    return json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


def sample_path() -> pathlib.Path:
    """The sample city's ``inventory.json``: ``<repo>/data/samples/poitiers`` from a source or build
    tree (this package is symlinked into the build tree: the real path of this file is used), or
    ``numresp/report/samples/poitiers`` in an installed package."""
    candidates = [HERE / "samples" / "poitiers" / "inventory.json"]
    real = pathlib.Path(os.path.realpath(__file__)).parent
    for parent in [real] + list(real.parents):
        candidates.append(parent / "data" / "samples" / "poitiers" / "inventory.json")
        if (parent / ".git").exists() or (parent / "setup.py").exists():
            break
    candidates.append(real / "samples" / "poitiers" / "inventory.json")
    for c in candidates:
        if c.is_file():
            return c
    raise FileNotFoundError("the sample city's inventory.json was not found; looked in: "
                            + ", ".join(str(c) for c in candidates))


# -- The inventory ---------------------------------------------------------------------------------


@dataclass
class Inventory:
    """A checked inventory, every referenced file read. Build it with :func:`load`.

    ``data`` is the JSON as written; the other attributes are the inputs the report computes
    from, normalised (defaults filled in, paths resolved, files parsed)."""

    path: str
    folder: pathlib.Path
    data: Dict[str, Any]
    sha256: str
    inputs: List[Dict[str, Any]]
    city: Dict[str, Any]
    illustrative: bool
    plan: Dict[str, Any]
    factor_sets: Dict[str, Any]
    overrides: Optional[Dict[str, Any]] = None
    devices: Optional[Dict[str, Any]] = None
    usage: Optional[Dict[str, Any]] = None
    web: Optional[Dict[str, Any]] = None
    inclusion: Dict[str, Any] = field(default_factory=dict)
    sensors: Optional[Dict[str, Any]] = None

    @property
    def name(self) -> str:
        return str(self.city.get("name", ""))

    def __repr__(self) -> str:
        parts = [s for s in ("devices", "usage", "web", "sensors") if getattr(self, s) is not None]
        parts += [f"inclusion.{k}" for k in self.inclusion if k != "shares_notes"]
        return (f"<Inventory {self.name!r}{' (ILLUSTRATIVE)' if self.illustrative else ''} from {self.path}: "
                f"{', '.join(parts) or 'no sections'}>")


class _Loader:
    def __init__(self, path: pathlib.Path, shown: str) -> None:
        self.path = path
        self.shown = shown
        self.folder = path.parent
        self.problems: List[Problem] = []
        self.inputs: List[Dict[str, Any]] = []

    # Problems --------------------------------------------------------------------------------------

    def bad(self, json_path: str, message: str, file: Optional[str] = None) -> None:
        self.problems.append(Problem(file or self.shown, json_path, message))

    def file_bad(self, file: str, where: str, message: str, json_path: str) -> None:
        """A problem inside a referenced file, with where in the inventory it comes from."""
        self.problems.append(Problem(file, where, f"{message} (referenced at {json_path} in {self.shown})"))

    # Files -------------------------------------------------------------------------------------------

    def shown_path(self, rel: str) -> str:
        """A referenced file as shown in messages: the inventory's folder joined with the path."""
        if os.path.isabs(rel):
            return rel
        return os.path.normpath(os.path.join(os.path.dirname(self.shown) or ".", rel))

    def resolve(self, rel: str, json_path: str, role: str) -> Optional[pathlib.Path]:
        """The referenced file, or None (and a problem) when it is missing."""
        p = pathlib.Path(rel)
        full = p if p.is_absolute() else self.folder / p
        if not full.is_file():
            what = "is a folder, not a file" if full.is_dir() else "no such file"
            self.bad(json_path, f"{show(rel)}: {what} (looked for {self.shown_path(rel)})")
            return None
        data = full.read_bytes()
        self.inputs.append({"role": role, "path": rel, "bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()})
        return full

    def read_text(self, full: pathlib.Path, rel: str, json_path: str) -> Optional[str]:
        data = full.read_bytes()
        if full.name.endswith(".gz"):
            try:
                data = gzip.decompress(data)
            except (OSError, EOFError) as e:
                self.file_bad(self.shown_path(rel), "", f"not a readable gzip file ({e})", json_path)
                return None
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError as e:
            self.file_bad(self.shown_path(rel), f"byte {e.start}", "not UTF-8 text", json_path)
            return None


# -- Small CSV tables ------------------------------------------------------------------------------

Converter = Callable[[str], Any]


class _Cell(ValueError):
    pass


def _number(minimum: Optional[float] = None, maximum: Optional[float] = None, *, exclusive_min: bool = False,
            integer: bool = False) -> Converter:
    def convert(text: str) -> Any:
        try:
            x = float(text.replace(",", ".") if text.count(",") == 1 and "." not in text else text)
        except ValueError:
            raise _Cell(f"expected {'a whole number' if integer else 'a number'}, got {show(text)}") from None
        if not math.isfinite(x):
            raise _Cell(f"expected a finite number, got {show(text)}")
        if integer and not x.is_integer():
            raise _Cell(f"expected a whole number, got {show(text)}")
        if minimum is not None and (x <= minimum if exclusive_min else x < minimum):
            raise _Cell(f"expected a number {'>' if exclusive_min else '>='} {minimum:g}, got {show(text)}")
        if maximum is not None and x > maximum:
            raise _Cell(f"expected a number <= {maximum:g}, got {show(text)}")
        return int(x) if integer else x

    return convert


def _text(text: str) -> str:
    return text


def _boolean(text: str) -> bool:
    t = text.strip().lower()
    if t in ("true", "1", "yes", "oui", "vrai"):
        return True
    if t in ("false", "0", "no", "non", "faux"):
        return False
    raise _Cell(f"expected true or false, got {show(text)}")


def _choice(*allowed: str) -> Converter:
    def convert(text: str) -> str:
        if text not in allowed:
            raise _Cell(f"expected one of {', '.join(allowed)}; got {show(text)}")
        return text

    return convert


@dataclass
class _Column:
    name: str
    convert: Converter
    required: bool = True  # the column must be present
    empty_ok: bool = False  # a cell may be empty (None)


def _read_table(ld: _Loader, full: pathlib.Path, rel: str, json_path: str, columns: Sequence[_Column],
                *, extra_ok: bool = False, max_problems: int = 5) -> Optional[List[Dict[str, Any]]]:
    """A small CSV file as a list of dicts, every cell checked; problems name the file, the line
    and the column."""
    text = ld.read_text(full, rel, json_path)
    if text is None:
        return None
    shown = ld.shown_path(rel)
    try:
        sample = text[:4096]
        delimiter = ";" if sample.split("\n", 1)[0].count(";") > sample.split("\n", 1)[0].count(",") else ","
        reader = csv.reader(io.StringIO(text), delimiter=delimiter, strict=True)
        rows = list(reader)
    except csv.Error as e:
        ld.file_bad(shown, "", f"malformed CSV: {e}", json_path)
        return None
    if not rows or not any(c.strip() for c in rows[0]):
        ld.file_bad(shown, "line 1", "empty file: expected a header line", json_path)
        return None
    header = [h.strip() for h in rows[0]]
    known = [c.name for c in columns]
    before = len(ld.problems)
    for h in header:
        if h not in known and not extra_ok:
            ld.file_bad(shown, "line 1", f"unknown column {show(h)}; known columns: {', '.join(known)}", json_path)
    dup = sorted({h for h in header if header.count(h) > 1})
    if dup:
        ld.file_bad(shown, "line 1", f"duplicate column(s) {', '.join(map(show, dup))}", json_path)
    for c in columns:
        if c.required and c.name not in header:
            ld.file_bad(shown, "line 1", f"missing column {show(c.name)}; the header is {show(','.join(header))}",
                        json_path)
    if len(ld.problems) > before:
        return None
    index = {c.name: header.index(c.name) for c in columns if c.name in header}
    out: List[Dict[str, Any]] = []
    problems = 0
    for line_no, row in enumerate(rows[1:], start=2):
        if not row or all(not c.strip() for c in row):
            continue
        if len(row) != len(header):
            ld.file_bad(shown, f"line {line_no}", f"expected {len(header)} fields, got {len(row)}", json_path)
            problems += 1
            if problems >= max_problems:
                break
            continue
        record: Dict[str, Any] = {"_line": line_no}
        for c in columns:
            if c.name not in index:
                record[c.name] = None
                continue
            cell = row[index[c.name]].strip()
            if cell == "":
                if c.empty_ok:
                    record[c.name] = None
                    continue
                ld.file_bad(shown, f"line {line_no}, column {show(c.name)}", "empty cell: a value is required",
                            json_path)
                problems += 1
                break
            try:
                record[c.name] = c.convert(cell)
            except _Cell as e:
                ld.file_bad(shown, f"line {line_no}, column {show(c.name)}", str(e), json_path)
                problems += 1
                break
        else:
            out.append(record)
        if problems >= max_problems:
            ld.file_bad(shown, "", f"stopped after {max_problems} problems", json_path)
            break
    if problems:
        return None
    if not out:
        ld.file_bad(shown, "", "no data rows", json_path)
        return None
    return out


# -- Sections ----------------------------------------------------------------------------------------


def _factor_sets(ld: _Loader, data: Dict[str, Any]) -> Tuple[Dict[str, Any], Optional[Dict[str, Any]]]:
    """The factor sets the report uses, by role, overrides applied."""
    from .. import factors

    wanted: Dict[str, Tuple[str, str]] = {}
    if "devices" in data:
        wanted["devices"] = (data["devices"].get("factor_set", DEFAULT_SET), "$.devices.factor_set")
    if "usage" in data:
        wanted["usage"] = (data["usage"].get("factor_set", DEFAULT_SET), "$.usage.factor_set")
    wanted.setdefault("usage", (DEFAULT_SET, ""))  # the fact-check recomputes the plan's usage claims
    base: Dict[str, Any] = {}
    for role, (name, json_path) in wanted.items():
        if name in base:
            continue
        try:
            base[name] = factors.get(name)
        except KeyError as e:
            ld.bad(json_path, str(e.args[0]) if e.args else str(e))
    overrides = data.get("factor_overrides")
    info = None
    if overrides is not None and base:
        json_path = "$.factor_overrides"
        if isinstance(overrides, str):
            full = ld.resolve(overrides, json_path, "factor_overrides")
            if full is None:
                return {}, None
            if full.suffix.lower() not in (".csv", ".json"):
                ld.bad(json_path, f"{show(overrides)}: expected a .csv or .json file")
                return {}, None
            shown = ld.shown_path(overrides)
            for name in list(base):
                try:
                    base[name] = base[name].with_overrides(str(full))
                except (KeyError, ValueError) as e:
                    text = (str(e.args[0]) if e.args else str(e)).replace(str(full), shown)
                    ld.file_bad(shown, "", f"{text} (applied to factor set {name})", json_path)
                    return {}, None
            info = {"source": overrides, "ids": _override_ids(full)}
        else:
            for name in list(base):
                for key, value in overrides.items():  # one by one first, to name the bad key
                    try:
                        base[name].with_overrides({key: value})
                    except (KeyError, ValueError) as e:
                        text = str(e.args[0]) if e.args else str(e)
                        ld.bad(child_path(json_path, key), f"{text} (factor set {name})")
                if ld.problems:
                    return {}, None
                try:
                    base[name] = base[name].with_overrides(overrides)
                except (KeyError, ValueError) as e:
                    ld.bad(json_path, f"{str(e.args[0]) if e.args else e} (factor set {name})")
                    return {}, None
            info = {"source": "the inventory", "ids": sorted(overrides)}
    sets = {role: base[name] for role, (name, _) in wanted.items() if name in base}
    return sets, info


def _override_ids(path: pathlib.Path) -> List[str]:
    if path.suffix.lower() == ".json":
        return sorted(json.loads(path.read_text(encoding="utf-8")))
    with open(path, newline="", encoding="utf-8-sig") as f:
        return sorted({row["id"].strip() for row in csv.DictReader(f) if row.get("id")})


FLEET_COLUMNS = ("kind", "count", "acquisition_year", "variant", "refurbished", "lifetime_years", "location",
                 "power_w", "use_time_ratio")


def _devices(ld: _Loader, section: Dict[str, Any], fs: Any) -> Optional[Dict[str, Any]]:
    import pandas as pd

    from .. import devices

    kinds = set(devices.kinds(fs))
    locations = set(devices.locations(fs))
    before = len(ld.problems)
    if "csv" in section:
        rel = section["csv"]
        full = ld.resolve(rel, "$.devices.csv", "devices.csv")
        if full is None:
            return None
        cols = [
            _Column("kind", _text), _Column("count", _number(0)),
            _Column("acquisition_year", _number(1900, 2200, integer=True)),
            _Column("variant", _text, required=False, empty_ok=True),
            _Column("refurbished", _boolean, required=False, empty_ok=True),
            _Column("lifetime_years", _number(0, exclusive_min=True), required=False, empty_ok=True),
            _Column("location", _text, required=False, empty_ok=True),
            _Column("power_w", _number(0), required=False, empty_ok=True),
            _Column("use_time_ratio", _number(0, 1), required=False, empty_ok=True),
        ]
        records = _read_table(ld, full, rel, "$.devices.csv", cols)
        if records is None:
            return None
        shown = ld.shown_path(rel)

        def where(i: int, column: str) -> Tuple[str, str]:
            return shown, f"line {records[i]['_line']}, column {show(column)}"

        def report(i: int, column: str, message: str) -> None:
            file, pos = where(i, column)
            ld.file_bad(file, pos, message, "$.devices.csv")
    else:
        records = [dict(r) for r in section["rows"]]

        def report(i: int, column: str, message: str) -> None:
            ld.bad(child_path(child_path("$.devices.rows", i), column), message)

    for i, r in enumerate(records):
        kind = r.get("kind")
        if kind not in kinds:
            report(i, "kind", f"unknown device kind {show(kind)} in factor set {fs.name}; known kinds: "
                              f"{', '.join(sorted(kinds))}")
            continue
        variant = r.get("variant")
        if variant not in (None, ""):
            known = devices.variants(kind, fs)
            if variant not in known:
                report(i, "variant", f"unknown variant {show(variant)} of {kind}; known variants: {', '.join(known)}")
        loc = r.get("location")
        if loc not in (None, "") and loc not in locations:
            report(i, "location", f"unknown location {show(loc)} in factor set {fs.name}; known: "
                                  f"{', '.join(sorted(locations)[:20])}{'...' if len(locations) > 20 else ''}")
    if len(ld.problems) > before:
        return None
    frame = pd.DataFrame({c: [r.get(c) for r in records] for c in FLEET_COLUMNS
                          if any(r.get(c) not in (None, "") for r in records) or c in ("kind", "count",
                                                                                       "acquisition_year")})
    for c in ("variant", "location"):
        if c in frame.columns:
            frame[c] = frame[c].where(frame[c].notna() & (frame[c] != ""), None)
    for c in ("lifetime_years", "power_w", "use_time_ratio", "count"):
        if c in frame.columns:
            frame[c] = pd.to_numeric(frame[c], errors="coerce").astype("float64")
    if "refurbished" in frame.columns:
        frame["refurbished"] = frame["refurbished"].map(lambda v: bool(v) if v is not None else False).astype(bool)
    frame["acquisition_year"] = frame["acquisition_year"].astype("int64")
    renew = bool(section.get("renew", True))
    try:
        fleet = devices.fleet(frame, factor_set=fs, renew=renew)
    except (KeyError, ValueError) as e:
        text = str(e.args[0]) if e.args else str(e)
        m = re.search(r"inventory row (\d+)", text)
        if m and "csv" in section:
            line = records[int(m.group(1))]["_line"]
            ld.file_bad(ld.shown_path(section["csv"]), f"line {line}", text, "$.devices.csv")
        elif m:
            ld.bad(f"$.devices.rows[{m.group(1)}]", text)
        else:
            ld.bad("$.devices", text)
        return None
    year = int(section["year"]) if "year" in section else int(frame["acquisition_year"].max())
    scenarios = []
    names = set()
    for i, s in enumerate(section.get("scenarios", [])):
        p = f"$.devices.scenarios[{i}]"
        if s["name"] in names or s["name"] == "baseline":
            ld.bad(child_path(p, "name"), f"scenario name {show(s['name'])} is "
                                          f"{'reserved' if s['name'] == 'baseline' else 'used twice'}")
        names.add(s["name"])
        for j, k in enumerate(s.get("kinds") or []):
            if k not in kinds:
                ld.bad(f"{p}.kinds[{j}]", f"unknown device kind {show(k)}; known kinds: {', '.join(sorted(kinds))}")
        reuse = []
        for j, r in enumerate(s.get("reuse", [])):
            rp = f"{p}.reuse[{j}]"
            if r["kind"] not in kinds:
                ld.bad(f"{rp}.kind", f"unknown device kind {show(r['kind'])}; known kinds: {', '.join(sorted(kinds))}")
                continue
            if r.get("variant") not in (None, "") and r["variant"] not in devices.variants(r["kind"], fs):
                ld.bad(f"{rp}.variant", f"unknown variant {show(r['variant'])} of {r['kind']}; known variants: "
                                        f"{', '.join(devices.variants(r['kind'], fs))}")
            reuse.append(devices.Reuse(kind=r["kind"], count=float(r["count"]), remaining_years=r.get("remaining_years"),
                                       variant=r.get("variant") or None))
        scenarios.append(devices.Scenario(name=s["name"], extend_lifetime_years=float(s.get("extend_lifetime_years", 0)),
                                          refurbished_share=float(s.get("refurbished_share", 0)),
                                          kinds=list(s["kinds"]) if s.get("kinds") else None, reuse=reuse))
    if len(ld.problems) > before:
        return None
    mc = section.get("monte_carlo", {})
    return {"factor_set": fs, "frame": frame, "fleet": fleet, "year": year, "renew": renew, "scenarios": scenarios,
            "draws": int(mc.get("draws", 10000)), "seed": int(mc.get("seed", 0)),
            "source": section.get("csv", "inline rows"), "notes": section.get("notes", "")}


def _usage(ld: _Loader, section: Dict[str, Any], fs: Any) -> Optional[Dict[str, Any]]:
    from .. import usage

    before = len(ld.problems)
    equivalence = section.get("equivalence", "car_km")
    table = usage.equivalence_table().set_index("name")
    if equivalence not in table.index:
        ld.bad("$.usage.equivalence", f"unknown equivalence {show(equivalence)}; known: {', '.join(table.index[:12])}...")
    items: Dict[str, List[Dict[str, Any]]] = {}
    labels = {"emails": "emails", "storage": "storage", "streaming": "streaming", "video_calls": "video calls",
              "web_searches": "web searches", "downloads": "downloads"}
    for key, noun in labels.items():
        out = []
        for i, item in enumerate(section.get(key, [])):
            entry = dict(item)
            entry.setdefault("label", f"{noun} #{i + 1}")
            grid = entry.get("grid")
            if isinstance(grid, str) and grid not in ("fra", "eu", "chn", "usa"):
                ld.bad(f"$.usage.{key}[{i}].grid", f"expected g CO2e/kWh or one of fra, eu, chn, usa; got {show(grid)}")
            out.append(entry)
        if out:
            items[key] = out
    if len(ld.problems) > before:
        return None
    return {"factor_set": fs, "equivalence": equivalence, "items": items, "notes": section.get("notes", "")}


def _web(ld: _Loader, section: Dict[str, Any]) -> Optional[Dict[str, Any]]:
    from .. import web

    before = len(ld.problems)
    pages = []
    for i, page in enumerate(section["pages"]):
        p = f"$.web.pages[{i}]"
        entry = {"name": page["name"], "url": page.get("url", ""), "dom": int(page["dom"]), "notes": page.get("notes", "")}
        if "har" in page:
            full = ld.resolve(page["har"], f"{p}.har", f"web.pages[{i}].har")
            if full is None:
                continue
            try:
                summary = web.har_summary(full)
            except (ValueError, KeyError, OSError) as e:
                text = str(e.args[0]) if e.args else str(e)
                ld.file_bad(ld.shown_path(page["har"]), "", text.replace(str(full), ld.shown_path(page["har"])),
                            f"{p}.har")
                continue
            entry.update({"source": "har", "har": page["har"], "requests": int(summary["requests"]),
                          "size_kb": float(summary["transfer_bytes"]) / 1000.0,
                          "har_summary": {k: summary[k] for k in ("entries", "requests", "transfer_bytes", "cached",
                                                                  "failed", "data_urls")},
                          "by_domain": summary["by_domain"]})
        else:
            entry.update({"source": "metrics", "requests": int(page["requests"]), "size_kb": float(page["size_kb"])})
        pages.append(entry)
    if len(ld.problems) > before:
        return None
    return {"flavour": section.get("flavour", "ecoindex.fr"), "pages": pages, "notes": section.get("notes", "")}


def _shares(ld: _Loader, shares: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    out = []
    for i, s in enumerate(shares):
        n = float(s["n"])
        if "successes" in s:
            x = float(s["successes"])
            derived = False
        else:
            x = float(round(s["share"] * n))
            derived = True
        if x > n:
            ld.bad(f"$.inclusion.shares[{i}].successes", f"{x:g} successes out of n = {n:g} trials")
            continue
        out.append({"name": s["name"], "successes": x, "n": n, "derived_from_share": derived,
                    "quoted_share": s.get("share"), "method": s.get("method", "wilson"),
                    "level": float(s.get("level", 0.95)), "plan": bool(s.get("plan", False)), "notes": s.get("notes", "")})
    return out


def _illectronism(ld: _Loader, section: Dict[str, Any]) -> Optional[Dict[str, Any]]:
    from .. import inclusion

    tables = inclusion.illectronism_tables()
    name = section.get("rates", "insee_2019_age")
    if name not in tables:
        ld.bad("$.inclusion.illectronism.rates", f"unknown national table {show(name)}; known: {', '.join(tables)}")
        return None
    bands = [b["name"] for b in tables[name]["bands"]]
    got = list(section["age_structure"])
    if sorted(got) != sorted(bands):
        unknown = [g for g in got if g not in bands]
        missing = [b for b in bands if b not in got]
        ld.bad("$.inclusion.illectronism.age_structure",
               f"the strata must be the bands of table {name}: {', '.join(bands)}"
               f"{'; unknown: ' + ', '.join(unknown) if unknown else ''}{'; missing: ' + ', '.join(missing) if missing else ''}")
        return None
    return {"rates": name, "age_structure": {b: float(section["age_structure"][b]) for b in bands},
            "notes": section.get("notes", "")}


def _coverage(ld: _Loader, section: Dict[str, Any]) -> Optional[Dict[str, Any]]:
    import numpy as np

    base = "$.inclusion.coverage"
    lon = _number(-180, 180)
    lat = _number(-90, 90)
    grid = points = cands = None
    full = ld.resolve(section["population_grid"], f"{base}.population_grid", "inclusion.coverage.population_grid")
    if full is not None:
        grid = _read_table(ld, full, section["population_grid"], f"{base}.population_grid",
                           [_Column("lon", lon), _Column("lat", lat), _Column("inhabitants", _number(0))])
    full = ld.resolve(section["access_points"], f"{base}.access_points", "inclusion.coverage.access_points")
    if full is not None:
        points = _read_table(ld, full, section["access_points"], f"{base}.access_points",
                             [_Column("lon", lon), _Column("lat", lat), _Column("kind", _choice(*ACCESS_KINDS)),
                              _Column("name", _text, required=False, empty_ok=True)])
    if "candidates" in section:
        full = ld.resolve(section["candidates"], f"{base}.candidates", "inclusion.coverage.candidates")
        if full is not None:
            cands = _read_table(ld, full, section["candidates"], f"{base}.candidates",
                                [_Column("lon", lon), _Column("lat", lat),
                                 _Column("name", _text, required=False, empty_ok=True),
                                 _Column("kind", _text, required=False, empty_ok=True)])
            if cands is None:
                return None
    if grid is None or points is None:
        return None
    k = int(section.get("k", 10)) if cands is not None else 0
    if cands is not None and k > len(cands):
        ld.bad(f"{base}.k", f"k = {k} new sites, but {section['candidates']} has only {len(cands)} candidates")
        return None
    existing = section.get("existing_kinds", list(ACCESS_KINDS))
    return {
        "grid": np.array([[r["lon"], r["lat"]] for r in grid], dtype=np.float64),
        "inhabitants": np.array([r["inhabitants"] for r in grid], dtype=np.float64),
        "points": [{"lon": r["lon"], "lat": r["lat"], "kind": r["kind"], "name": r["name"] or f"{r['kind']}-{i + 1}"}
                   for i, r in enumerate(points)],
        "candidates": None if cands is None else [
            {"lon": r["lon"], "lat": r["lat"], "name": r["name"] or f"candidate-{i + 1}", "kind": r.get("kind") or ""}
            for i, r in enumerate(cands)],
        "radius_m": float(section.get("radius_m", 300.0)),
        "k": k,
        "existing_kinds": list(existing),
        "files": {key: section.get(key) for key in ("population_grid", "access_points", "candidates")},
        "notes": section.get("notes", ""),
    }


def _mediation(ld: _Loader, section: Dict[str, Any]) -> Optional[Dict[str, Any]]:
    from ..inclusion import mediation

    base = "$.inclusion.mediation"
    dates = {}
    for key in ("start", "end"):
        if key in section:
            try:
                dates[key] = _dt.date.fromisoformat(section[key])
            except ValueError:
                ld.bad(f"{base}.{key}", f"{show(section[key])} is not a real date")
    if "start" in dates and "end" in dates and dates["start"] > dates["end"]:
        ld.bad(f"{base}.end", f"the end {section['end']} is before the start {section['start']}")
    full = ld.resolve(section["log"], f"{base}.log", "inclusion.mediation.log")
    if full is None or len(dates) < sum(k in section for k in ("start", "end")):
        return None
    try:
        accepted, rejected = mediation.read_activities(full, version=section.get("version"))
    except (KeyError, ValueError, OSError) as e:
        text = str(e.args[0]) if e.args else str(e)
        ld.file_bad(ld.shown_path(section["log"]), "", text.replace(str(full), ld.shown_path(section["log"])),
                    f"{base}.log")
        return None
    if len(accepted) == 0:
        ld.file_bad(ld.shown_path(section["log"]), "", f"no valid activity report ({len(rejected)} rejected)",
                    f"{base}.log")
        return None
    return {"log": section["log"], "accepted": accepted, "rejected": rejected, "start": section.get("start"),
            "end": section.get("end"), "notes": section.get("notes", "")}


_OFFSET = re.compile(r"(?:Z|[+-]\d{2}:?\d{2})$")


def _iso_times(stamps: Any) -> Any:
    """ISO 8601 times with offsets as UTC timestamps (NaT where unreadable), pandas 1.5 and 2."""
    import pandas as pd

    major = int(pd.__version__.split(".")[0])
    if major >= 2:
        return pd.to_datetime(stamps, utc=True, errors="coerce", format="ISO8601")
    return pd.to_datetime(stamps, utc=True, errors="coerce")


def _sensors(ld: _Loader, section: Dict[str, Any]) -> Optional[Dict[str, Any]]:
    import numpy as np
    import pandas as pd

    from .. import sensors

    before = len(ld.problems)
    window = section.get("window", "day")
    tz = section.get("tz", "Europe/Paris")
    try:
        sensors.aggregate(np.array([1]), np.array([0], dtype="int64"), np.array([1.0]), window=window, tz=tz)
    except (KeyError, ValueError) as e:
        text = str(e.args[0]) if e.args else str(e)
        ld.bad("$.sensors.window" if "window" in text.lower() else "$.sensors.tz", text)
        return None
    if "readings" in section:
        rel = section["readings"]
        json_path = "$.sensors.readings"
        full = ld.resolve(rel, json_path, "sensors.readings")
        if full is None:
            return None
        shown = ld.shown_path(rel)
        text = ld.read_text(full, rel, json_path)
        if text is None:
            return None
        try:
            frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, skipinitialspace=True)
        except (pd.errors.ParserError, ValueError) as e:
            ld.file_bad(shown, "", f"malformed CSV: {e}", json_path)
            return None
        frame.columns = [str(c).strip() for c in frame.columns]
        missing = [c for c in ("sensor_id", "timestamp", "value") if c not in frame.columns]
        extra = [c for c in frame.columns if c not in ("sensor_id", "timestamp", "value")]
        if missing or extra:
            ld.file_bad(shown, "line 1", f"expected the columns sensor_id,timestamp,value; "
                                         f"{'missing ' + ', '.join(missing) if missing else ''}"
                                         f"{'; ' if missing and extra else ''}"
                                         f"{'unknown ' + ', '.join(map(show, extra)) if extra else ''}", json_path)
            return None
        if len(frame) == 0:
            ld.file_bad(shown, "", "no readings", json_path)
            return None

        def first_bad(mask: Any, column: str, what: str) -> None:
            i = int(np.flatnonzero(np.asarray(mask))[0])
            ld.file_bad(shown, f"line {i + 2}, column {show(column)}",
                        f"{what}, got {show(frame[column].iloc[i])} ({int(np.asarray(mask).sum())} bad row(s))",
                        json_path)

        ids = pd.to_numeric(frame["sensor_id"], errors="coerce")
        bad = ids.isna() | (ids != np.floor(ids))
        if bad.any():
            first_bad(bad, "sensor_id", "expected an integer sensor id")
            return None
        stamps = frame["timestamp"].str.strip()
        epoch = stamps.str.fullmatch(r"-?\d+")
        if epoch.all():
            t = pd.to_datetime(stamps.astype("int64"), unit="s", utc=True)
        else:
            no_offset = ~epoch & ~stamps.str.contains(_OFFSET)
            if no_offset.any():
                first_bad(no_offset, "timestamp", "expected an ISO 8601 time with a UTC offset or Z (or epoch seconds)")
                return None
            t = _iso_times(stamps.where(~epoch, None))
            if epoch.any():
                t = t.where(~epoch, pd.to_datetime(stamps.where(epoch, "0").astype("int64"), unit="s", utc=True))
            if t.isna().any():
                first_bad(t.isna(), "timestamp", "expected an ISO 8601 time")
                return None
        values = pd.to_numeric(frame["value"].replace("", "nan"), errors="coerce")
        bad = values.isna() & ~frame["value"].str.strip().str.lower().isin(["", "nan"])
        if bad.any():
            first_bad(bad, "value", "expected a number (or an empty cell for a missing reading)")
            return None
        readings = pd.DataFrame({"sensor_id": ids.astype("int64"), "timestamp": t, "value": values.astype("float64")})
        lines = None
        keys = readings["sensor_id"]
        source = {"type": "csv", "file": rel}
    else:
        rel = section["uplinks"]
        json_path = "$.sensors.uplinks"
        full = ld.resolve(rel, json_path, "sensors.uplinks")
        if full is None:
            return None
        shown = ld.shown_path(rel)
        try:
            up, report = sensors.read_uplinks(full)
        except (KeyError, ValueError, OSError) as e:
            ld.file_bad(shown, "", str(e.args[0]) if e.args else str(e), json_path)
            return None
        if len(up) == 0:
            ld.file_bad(shown, "", f"no readings decoded ({report['rejected']} uplinks rejected)", json_path)
            return None
        # A sensor is one series of a device: (device EUI, channel, type[.component]); the zone is
        # the device's.
        kind_col = up["type"] + np.where(up["component"] != "", "." + up["component"], "")
        series = up["dev_eui"] + "/" + up["channel"].astype(str) + "/" + kind_col
        codes, series_names = pd.factorize(series, sort=True)
        readings = pd.DataFrame({"sensor_id": codes.astype("int64"), "timestamp": up["time"],
                                 "value": up["value"].astype("float64")})
        keys = up["dev_eui"]
        lines = up["line"].to_numpy()
        device_of = up["dev_eui"].groupby(codes).first()
        kinds_of = kind_col.groupby(codes).first()
        units_of = up["unit"].groupby(codes).first()
        source = {"type": "uplinks", "file": rel, "received": int(report["received"]),
                  "accepted": int(report["accepted"]), "duplicates": int(report["duplicates"]),
                  "rejected": int(report["rejected"])}
    # Zones: every sensor needs one.
    zones_spec = section.get("zones")
    info: Dict[Any, Dict[str, Any]] = {}
    if isinstance(zones_spec, str):
        zfull = ld.resolve(zones_spec, "$.sensors.zones", "sensors.zones")
        if zfull is None:
            return None
        id_conv = _number(integer=True) if source["type"] == "csv" else _text
        rows = _read_table(ld, zfull, zones_spec, "$.sensors.zones",
                           [_Column("sensor_id", id_conv), _Column("zone", _text),
                            _Column("kind", _text, required=False, empty_ok=True),
                            _Column("unit", _text, required=False, empty_ok=True)], extra_ok=True)
        if rows is None:
            return None
        for r in rows:
            if r["sensor_id"] in info:
                ld.file_bad(ld.shown_path(zones_spec), f"line {r['_line']}", f"sensor {r['sensor_id']} listed twice",
                            "$.sensors.zones")
                return None
            info[r["sensor_id"]] = {"zone": r["zone"], "kind": r.get("kind"), "unit": r.get("unit")}
    elif isinstance(zones_spec, dict):
        for key, zone in zones_spec.items():
            if source["type"] == "csv":
                try:
                    k: Any = int(key)
                except ValueError:
                    ld.bad(child_path("$.sensors.zones", key), f"expected an integer sensor id as key, got {show(key)}")
                    continue
            else:
                k = key
            info[k] = {"zone": zone, "kind": None, "unit": None}
    if len(ld.problems) > before:
        return None
    if source["type"] == "csv":
        uniq = np.unique(readings["sensor_id"].to_numpy())
        key_of_code = {int(s): int(s) for s in uniq}
    else:
        key_of_code = {i: str(series_names[i]) for i in range(len(series_names))}
    zone_of: Dict[int, str] = {}
    kind_of: Dict[int, str] = {}
    unit_of: Dict[int, str] = {}
    for code in key_of_code:
        key = code if source["type"] == "csv" else str(device_of.loc[code])
        entry = info.get(key)
        if entry is None and zones_spec is not None:
            pos = int(np.flatnonzero((keys == key).to_numpy())[0])
            where = f"line {pos + 2}" if lines is None else f"line {int(lines[pos])}"
            ld.file_bad(shown, where, f"sensor {show(key)} has no zone in {show(zones_spec) if isinstance(zones_spec, str) else '$.sensors.zones'}",
                        json_path)
            return None
        zone_of[code] = entry["zone"] if entry else "all sensors"
        if source["type"] == "csv":
            kind_of[code] = (entry or {}).get("kind") or "readings"
            unit_of[code] = (entry or {}).get("unit") or ""
        else:  # the decoded type and unit (a zone file's kind and unit are per device: not used)
            kind_of[code] = str(kinds_of.loc[code])
            unit_of[code] = str(units_of.loc[code])
    return {"readings": readings, "zone": zone_of, "kind": kind_of, "unit": unit_of, "keys": key_of_code,
            "window": window, "tz": tz, "source": source, "zones_file": zones_spec if isinstance(zones_spec, str) else None,
            "notes": section.get("notes", "")}


# -- Entry points ---------------------------------------------------------------------------------------


def _parse_json(ld: _Loader, raw: bytes) -> Any:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        ld.bad(f"byte {e.start}", "not UTF-8 text")
        return None
    duplicates: List[str] = []

    class _Obj(dict):
        pass

    def hook(pairs: List[Tuple[str, Any]]) -> Dict[str, Any]:
        obj = _Obj()
        for k, v in pairs:
            if k in obj:
                obj.__dict__.setdefault("dups", []).append(k)
            obj[k] = v
        return obj

    try:
        data = json.loads(text, object_pairs_hook=hook)
    except json.JSONDecodeError as e:
        ld.bad(f"line {e.lineno}, column {e.colno}", f"invalid JSON: {e.msg}")
        return None

    def walk(node: Any, path: str) -> Any:
        if isinstance(node, dict):
            for k in getattr(node, "__dict__", {}).get("dups", []):
                duplicates.append(child_path(path, k))
            return {k: walk(v, child_path(path, k)) for k, v in node.items()}
        if isinstance(node, list):
            return [walk(v, child_path(path, i)) for i, v in enumerate(node)]
        return node

    data = walk(data, "$")
    for p in duplicates:
        ld.bad(p, "duplicate key: the key appears twice in this object")
    return data


def validate(data: Any, file: str = "<inventory>") -> List[Problem]:
    """The schema problems of an inventory (already parsed JSON), without reading any file."""
    return [Problem(file, p, m) for p, m in Validator(schema()).validate(data)]


def load(path: Optional[os.PathLike] = None) -> Inventory:
    """Reads and checks an inventory and every file it references (``None``: the sample city).

    Raises :class:`InventoryError` with every problem found; nothing is returned from a
    half-read inventory."""
    if path is None:
        full = sample_path()
        shown = str(full)
    else:
        shown = os.fspath(path)
        full = pathlib.Path(shown)
    ld = _Loader(full.resolve() if full.exists() else full, shown)
    if not full.exists():
        raise InventoryError([Problem(shown, "", "no such file")])
    if full.is_dir():
        if (full / "inventory.json").is_file():
            full = full / "inventory.json"
            shown = os.path.join(shown, "inventory.json")
            ld = _Loader(full.resolve(), shown)
        else:
            raise InventoryError([Problem(shown, "", "is a folder without an inventory.json")])
    raw = full.read_bytes()
    data = _parse_json(ld, raw)
    if ld.problems:
        raise InventoryError(ld.problems)
    ld.problems.extend(validate(data, shown))
    if ld.problems:
        raise InventoryError(ld.problems)

    sets, overrides = _factor_sets(ld, data)
    if ld.problems:
        raise InventoryError(ld.problems)
    inv = Inventory(path=shown, folder=ld.folder, data=data, sha256=hashlib.sha256(raw).hexdigest(), inputs=ld.inputs,
                    city=dict(data["city"]), illustrative=bool(data["city"].get("illustrative", False)),
                    plan=dict(data.get("plan", {})), factor_sets=sets, overrides=overrides)
    if "devices" in data:
        inv.devices = _devices(ld, data["devices"], sets["devices"])
    if "usage" in data:
        inv.usage = _usage(ld, data["usage"], sets["usage"])
    if "web" in data:
        inv.web = _web(ld, data["web"])
    inc = data.get("inclusion", {})
    if "shares" in inc:
        inv.inclusion["shares"] = _shares(ld, inc["shares"])
        inv.inclusion["shares_notes"] = inc.get("shares_notes", "")
    if "illectronism" in inc:
        inv.inclusion["illectronism"] = _illectronism(ld, inc["illectronism"])
    if "coverage" in inc:
        inv.inclusion["coverage"] = _coverage(ld, inc["coverage"])
    if "mediation" in inc:
        inv.inclusion["mediation"] = _mediation(ld, inc["mediation"])
    if "sensors" in data:
        inv.sensors = _sensors(ld, data["sensors"])
    if ld.problems:
        raise InventoryError(ld.problems)
    return inv
