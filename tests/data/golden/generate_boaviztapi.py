#!/usr/bin/env python3
"""Golden vectors for numresp's BoaviztAPI device model, produced by running BoaviztAPI 2.4.1's
own router, model and compute code (tag v2.4.1, commit 15878f045bf06bc6ed685c7266c39f7e8498ab94).

This script is ours. It contains no BoaviztAPI code or data: it imports the upstream package
from an extracted source tree (default /tmp/boaviztapi) and calls the upstream route handlers
(routers/terminal_router.py, routers/peripheral_router.py, routers/iot_router.py) directly, the
way FastAPI would after parsing a request. BoaviztAPI is AGPL-3.0; only the numbers it produces
are checked in.

Recreate the source tree from the project's mirror (bare repo, no work tree):

    mkdir -p /tmp/boaviztapi
    git --git-dir=/work/.mirror/Boavizta+boaviztapi/repo archive v2.4.1 | tar -x -C /tmp/boaviztapi

Run (Debian's python3 with pandas, numpy and PyYAML with libyaml; no FastAPI/pydantic needed):

    /usr/bin/python3 tests/data/golden/generate_boaviztapi.py [--src /tmp/boaviztapi]
        [--outdir DIR] [--check-only]

Outputs, by default next to this script:
    boaviztapi-2.4.1-devices.jsonl    terminal / peripheral / IoT impacts (production data)
    boaviztapi-2.4.1-rounding.jsonl   roundit.py helpers and Impact.rounded_value
A summary goes to stderr. The run is deterministic (fixed RNG seed, PYTHONHASHSEED=0).

How it works
------------
* FastAPI, pydantic, pydantic-settings, scipy and rapidfuzz are not installed, so the script
  writes small stand-in modules into a temporary directory at run time and puts it first on
  sys.path of the worker processes:
    - pydantic.BaseModel: keyword constructor; fields are the annotated class attributes
      (MRO order), unset fields get a deep copy of the class default; values are coerced the way
      pydantic's lax mode does for what these DTOs need (int->float, dict->nested model, lists
      of models, Optional/Union); unknown fields are ignored (pydantic's default extra="ignore");
      no whitespace stripping (pydantic's default). Field() returns
      its default, AliasChoices/ConfigDict are inert.
    - pydantic_settings.BaseSettings: the same; environment overrides are NOT read (the workers
      run with every BOAVIZTA_* variable removed, so upstream defaults apply: uncertainty 10,
      max_sig_fig 4, min_sig_fig 1, default_location EEE).
    - fastapi: APIRouter whose .get/.post decorators return the function unchanged; Query() and
      Body() return their default; HTTPException is a plain exception.
    - scipy.optimize.curve_fit and rapidfuzz raise if called (only servers/CPUs/cloud use them).
* A request is executed like FastAPI does it: query parameters are parsed (duration -> float,
  criteria -> list, verbose -> bool), a POST body is turned into the route's DTO class, and the
  upstream coroutine <kind>_impact_from_model (GET) / <kind>_impact_from_configuration (POST) is
  run to completion. compute_impacts is wrapped in the router module only to keep a reference
  to the device model, so the raw (unrounded) Impact values can be read after the call.
* Harness check (worker "check", BOAVIZTAPI_USE_TEST_DATA=1 as tests/conftest.py sets it): the
  requests and expected JSON of tests/api/test_terminals_peripherals.py (6 tests) and
  tests/api/test_iot.py (5 tests, including drone_mini) are read with `ast` and replayed; the
  whole response (impacts and verbose) must be equal. The generation stops if any differs.

devices.jsonl: one object per (case, criterion, phase). See README-boaviztapi.md.
"""

import argparse
import ast
import json
import math
import os
import random
import subprocess
import sys
import tempfile
import time

UPSTREAM_TAG = "v2.4.1"
UPSTREAM_COMMIT = "15878f045bf06bc6ed685c7266c39f7e8498ab94"
HERE = os.path.dirname(os.path.abspath(__file__))
DEVICES_FILE = "boaviztapi-2.4.1-devices.jsonl"
ROUNDING_FILE = "boaviztapi-2.4.1-rounding.jsonl"

# ----------------------------------------------------------------------------------------------
# Stand-in modules (written to a temp dir at run time)
# ----------------------------------------------------------------------------------------------

STUBS = {
    "pydantic/__init__.py": r'''
"""Minimal stand-in for pydantic v2 (numresp golden-vector generator; not pydantic)."""
import copy
import typing

__all__ = ["BaseModel", "Field", "AliasChoices", "ConfigDict"]


def Field(default=None, **kwargs):
    return default


class AliasChoices:
    def __init__(self, *choices):
        self.choices = choices


def ConfigDict(**kwargs):
    return dict(kwargs)


def _fields(cls):
    out = {}
    for klass in reversed(cls.__mro__):
        for name, tp in klass.__dict__.get("__annotations__", {}).items():
            if name.startswith("_") or typing.get_origin(tp) is typing.ClassVar:
                continue
            out[name] = tp
    return out


def _coerce(tp, val):
    if val is None or tp is typing.Any:
        return val
    origin = typing.get_origin(tp)
    if origin is typing.Union:
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        for a in args:  # exact type first (pydantic "smart" union)
            if isinstance(a, type) and type(val) is a:
                return val
        errors = []
        for a in args:
            try:
                return _coerce(a, val)
            except (TypeError, ValueError) as e:
                errors.append(e)
        raise TypeError(f"cannot coerce {val!r} to {tp}: {errors}")
    if origin in (list, typing.List):
        if not isinstance(val, list):
            raise TypeError(f"expected list, got {val!r}")
        sub = (typing.get_args(tp) or (typing.Any,))[0]
        return [_coerce(sub, v) for v in val]
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        if isinstance(val, tp):
            return val
        if isinstance(val, dict):
            return tp(**val)
        raise TypeError(f"expected {tp.__name__}, got {val!r}")
    if tp is float:
        if isinstance(val, bool) or not isinstance(val, (int, float)):
            raise TypeError(f"expected float, got {val!r}")
        return float(val)
    if tp is int:
        if isinstance(val, bool):
            raise TypeError(f"expected int, got {val!r}")
        if isinstance(val, int):
            return val
        if isinstance(val, float) and val.is_integer():
            return int(val)
        raise TypeError(f"expected int, got {val!r}")
    if tp is str:
        if not isinstance(val, str):
            raise TypeError(f"expected str, got {val!r}")
        return val
    if tp is bool:
        if not isinstance(val, bool):
            raise TypeError(f"expected bool, got {val!r}")
        return val
    return val


class BaseModel:
    def __init__(self, **data):
        for name, tp in _fields(type(self)).items():
            if name in data:
                val = _coerce(tp, data.pop(name))
            else:
                val = copy.deepcopy(getattr(type(self), name, None))
            object.__setattr__(self, name, val)
        # unknown fields are ignored, like pydantic's default extra="ignore"

    def __repr__(self):
        return f"{type(self).__name__}({self.__dict__!r})"
''',
    "pydantic_settings/__init__.py": r'''
"""Minimal stand-in for pydantic-settings (environment overrides are not read)."""
from pydantic import BaseModel


def SettingsConfigDict(**kwargs):
    return dict(kwargs)


class BaseSettings(BaseModel):
    pass
''',
    "fastapi/__init__.py": r'''
"""Minimal stand-in for FastAPI: route decorators are identities, Query/Body return defaults."""


class HTTPException(Exception):
    def __init__(self, status_code, detail=None, headers=None):
        super().__init__(status_code, detail)
        self.status_code = status_code
        self.detail = detail


class APIRouter:
    def __init__(self, *args, **kwargs):
        self.routes = []

    def _route(self, method, path, *args, **kwargs):
        def deco(func):
            self.routes.append((method, path, func))
            return func
        return deco

    def get(self, path, *a, **k):
        return self._route("GET", path, *a, **k)

    def post(self, path, *a, **k):
        return self._route("POST", path, *a, **k)


def Query(default=None, *args, **kwargs):
    return default


def Body(default=None, *args, **kwargs):
    return default
''',
    "scipy/__init__.py": '"""stand-in"""\n',
    "scipy/optimize.py": r'''
def curve_fit(*args, **kwargs):
    raise RuntimeError("scipy stand-in: curve_fit is not available")
''',
    "rapidfuzz/__init__.py": r'''
class _Unavailable:
    def __getattr__(self, name):
        raise RuntimeError("rapidfuzz stand-in: not available")


process = _Unavailable()
fuzz = _Unavailable()
''',
    "rapidfuzz/distance.py": r'''
from rapidfuzz import _Unavailable

Hamming = _Unavailable()
Levenshtein = _Unavailable()
''',
}


def write_stubs(dirname):
    for rel, text in STUBS.items():
        path = os.path.join(dirname, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text.lstrip("\n"))


# ----------------------------------------------------------------------------------------------
# Worker side: the request harness
# ----------------------------------------------------------------------------------------------


class Harness:
    """Executes BoaviztAPI requests through the upstream route coroutines."""

    def __init__(self):
        import inspect

        import boaviztapi
        import boaviztapi.routers.iot_router as iot_router
        import boaviztapi.routers.peripheral_router as peripheral_router
        import boaviztapi.routers.terminal_router as terminal_router

        self.inspect = inspect
        self.boaviztapi = boaviztapi
        self.modules = {
            "terminal": terminal_router,
            "peripheral": peripheral_router,
            "iot": iot_router,
        }
        self.captured = []
        # terminal_router.user_terminal_impact serves the peripheral routes too
        for mod in (terminal_router, iot_router):
            real = mod.compute_impacts

            def wrapper(model, selected_criteria, duration, _real=real):
                result = _real(model=model, selected_criteria=selected_criteria, duration=duration)
                # verbose_device() later overwrites the components' hours_life_time with the
                # device's: keep the values the computation actually used
                block_life = [(c.usage.hours_life_time.value, c.usage.hours_life_time.min,
                               c.usage.hours_life_time.max) for c in model.components]
                self.captured.append((model, duration, block_life))
                return result

            mod.compute_impacts = wrapper

    def route_function(self, route, method):
        group, kind = route.split("/")
        mod = self.modules[group]
        suffix = "_impact_from_model" if method == "GET" else "_impact_from_configuration"
        return getattr(mod, kind + suffix, None)

    def has_route(self, route):
        return self.route_function(route, "GET") is not None

    def request(self, route, method, query, body=None):
        """query: dict of already-parsed query parameters (archetype, verbose, duration,
        criteria); body: JSON object for POST. Returns (response_dict, model, duration)."""
        func = self.route_function(route, method)
        if func is None:
            raise KeyError(f"no route {method} {route}")
        kwargs = dict(query)
        if method == "POST":
            params = self.inspect.signature(func).parameters
            body_name = [n for n in params if n not in ("verbose", "duration", "archetype", "criteria")]
            assert len(body_name) == 1, body_name
            dto_cls = params[body_name[0]].annotation
            kwargs[body_name[0]] = None if body is None else dto_cls(**json.loads(json.dumps(body)))
        # fill FastAPI defaults exactly as declared by the route
        for name, p in self.inspect.signature(func).parameters.items():
            if name not in kwargs:
                kwargs[name] = p.default
        self.captured.clear()
        coro = func(**kwargs)
        try:
            coro.send(None)
        except StopIteration as stop:
            response = stop.value
        else:
            raise RuntimeError("route coroutine suspended")
        assert len(self.captured) == 1
        model, duration, self.block_life = self.captured[0]
        # FastAPI serialises with the json module
        response = json.loads(json.dumps(response))
        return response, model, duration


def parse_query(qs):
    """Parse a query string the way these routes declare their parameters."""
    import urllib.parse

    out = {}
    for key, val in urllib.parse.parse_qsl(qs, keep_blank_values=True):
        if key == "criteria":
            out.setdefault("criteria", []).append(val)
        elif key == "verbose":
            out["verbose"] = val.lower() in ("1", "true", "on", "yes")
        elif key == "duration":
            out["duration"] = float(val)
        else:
            out[key] = val
    return out


def extract_upstream_api_tests(path):
    """Return [(test_name, method, url, json_body_or_None, expected_dict)] from a test file."""
    tree = ast.parse(open(path, encoding="utf-8").read())
    tests = []
    for node in tree.body:
        if not isinstance(node, ast.AsyncFunctionDef) or not node.name.startswith("test_"):
            continue
        call = expected = None
        for sub in ast.walk(node):
            if (
                isinstance(sub, ast.Call)
                and isinstance(sub.func, ast.Attribute)
                and sub.func.attr in ("get", "post")
                and isinstance(sub.func.value, ast.Name)
                and sub.func.value.id == "ac"
            ):
                url = ast.literal_eval(sub.args[0])
                body = None
                for kw in sub.keywords:
                    if kw.arg == "json":
                        body = ast.literal_eval(kw.value)
                call = (sub.func.attr.upper(), url, body)
            if (
                isinstance(sub, ast.Assert)
                and isinstance(sub.test, ast.Compare)
                and isinstance(sub.test.left, ast.Call)
                and isinstance(sub.test.left.func, ast.Attribute)
                and sub.test.left.func.attr == "json"
            ):
                expected = ast.literal_eval(sub.test.comparators[0])
        if call and expected is not None:
            tests.append((node.name, call[0], call[1], call[2], expected))
    return tests


def first_diff(a, b, path=""):
    if type(a) is not type(b) and not (isinstance(a, (int, float)) and isinstance(b, (int, float))):
        return f"{path}: {a!r} != {b!r}"
    if isinstance(a, dict):
        for k in sorted(set(a) | set(b)):
            if k not in a or k not in b:
                return f"{path}/{k}: missing on one side"
            d = first_diff(a[k], b[k], f"{path}/{k}")
            if d:
                return d
        return None
    if isinstance(a, list):
        if len(a) != len(b):
            return f"{path}: list length {len(a)} != {len(b)}"
        for i, (x, y) in enumerate(zip(a, b)):
            d = first_diff(x, y, f"{path}[{i}]")
            if d:
                return d
        return None
    return None if a == b else f"{path}: {a!r} != {b!r}"


def worker_check(src):
    import boaviztapi

    data_dir = os.path.realpath(boaviztapi.data_dir)
    assert data_dir == os.path.realpath(os.path.join(src, "tests", "data")), data_dir
    # the overrides tests/conftest.py applies for non-E2E runs (none matter for these routes)
    cfg = boaviztapi.config
    cfg.cpu_name_fuzzymatch_threshold = 60
    cfg.gpu_name_fuzzymatch_threshold = 60
    cfg.cloud_instance_name_fuzzymatch_threshold = 80
    cfg.default_case = "DEFAULT"
    cfg.default_server = "DEFAULT"
    h = Harness()
    results = []
    for rel in ("tests/api/test_terminals_peripherals.py", "tests/api/test_iot.py"):
        for name, method, url, body, expected in extract_upstream_api_tests(os.path.join(src, rel)):
            path, _, qs = url.partition("?")
            route = path.replace("/v1/", "", 1)
            try:
                resp, _, _ = h.request(route, method, parse_query(qs), body)
                diff = first_diff(resp, expected)
            except Exception as e:  # report, do not hide
                diff = f"exception {type(e).__name__}: {e}"
            results.append({"file": rel, "test": name, "request": f"{method} {url}",
                            "body": body, "exact": diff is None, "diff": diff})
    json.dump({"data_dir": data_dir, "python": sys.version.split()[0], "results": results}, sys.stdout)


# ----------------------------------------------------------------------------------------------
# Devices
# ----------------------------------------------------------------------------------------------


def py312_sum(values):
    """CPython >= 3.12 builtin sum() for a list of floats starting from int 0 (Neumaier
    compensated summation, Python/bltinmodule.c builtin_sum_impl)."""
    it = iter(values)
    i_result = 0
    for x in it:
        if isinstance(x, int):
            i_result += x
            continue
        f = float(i_result) + x if i_result else x
        c = 0.0
        for y in it:
            if isinstance(y, int):  # CPython adds ints uncompensated; never happens here
                raise AssertionError("int item in float sum")
            t = f + y
            if abs(f) >= abs(y):
                c += (f - t) + y
            else:
                c += (y - t) + f
            f = t
        if c and math.isfinite(c):
            f += c
        return f
    return i_result


def worker_devices(src, out_path):
    import csv

    import boaviztapi
    from boaviztapi.data import factor_provider
    from boaviztapi.models.impact import Impact

    assert os.path.realpath(boaviztapi.data_dir) == os.path.realpath(os.path.join(src, "boaviztapi", "data"))
    h = Harness()
    data_dir = boaviztapi.data_dir
    factors = factor_provider.impact_factors

    terminals = []
    skipped = []
    with open(os.path.join(data_dir, "archetypes", "user_terminal.csv"), encoding="utf-8") as f:
        for row in csv.DictReader(f):
            route = f"{row['router_type'].strip()}/{row['device_type'].strip()}"
            if h.has_route(route):
                terminals.append((row["id"].strip(), route, row["device_type"].strip()))
            else:
                skipped.append(row["id"].strip())
    iot_archetypes = []
    with open(os.path.join(data_dir, "archetypes", "iot_device.csv"), encoding="utf-8") as f:
        for row in csv.DictReader(f):
            iot_archetypes.append(row["id"].strip())
    countries = list(factors["electricity"]["available_countries"].values())

    TERM_CRITERIA = ["gwp", "adp", "pe", "adpe"]
    IOT_CRITERIA = ["gwp", "adpe", "pe"]
    stats = {"lines": 0, "cases": 0, "groups": {}, "skipped_archetypes": skipped,
             "countries": len(countries), "iot_py312_sum_differs": [], "int_values": 0,
             "statuses": {}}
    out = open(out_path, "w", encoding="utf-8")

    def fval(b):
        return {"value": b.value, "min": b.min, "max": b.max}

    def scalar(b):
        v = b.value
        assert b.min == v and b.max == v, (b.value, b.min, b.max)
        return v

    def run_case(group, route, kind, archetype, location, duration, usage, criteria,
                 archetype_requested=True, dto_type=None):
        body_usage = dict(usage)
        if location is not None:
            body_usage["usage_location"] = location
        query = {"verbose": True, "criteria": list(criteria)}
        if archetype_requested:
            query["archetype"] = archetype
        if duration is not None:
            query["duration"] = float(duration)
        body = {}
        if body_usage:
            body["usage"] = body_usage
        if dto_type is not None:
            body["type"] = dto_type
        method = "POST" if body else "GET"
        if not body:
            body = None
        resp, model, eff_duration = h.request(route, method, query, body)
        used_archetype = archetype
        if not archetype_requested:
            # the route's default archetype: read back the archetype the model was built from
            used_archetype = h.inspect.signature(h.route_function(route, "GET")).parameters["archetype"].default
        stats["cases"] += 1
        g = stats["groups"].setdefault(group, {"cases": 0, "lines": 0})
        g["cases"] += 1
        for crit in criteria:
            for phase in ("embedded", "use"):
                imp = model.impacts.get(crit, {}).get(phase)
                out_json = resp["impacts"][crit][phase]
                rec = {
                    "group": group,
                    "route": route,
                    "method": method,
                    "kind": kind,
                    "archetype": used_archetype,
                    "archetype_requested": archetype if archetype_requested else None,
                    "location": location,
                    "duration": None if duration is None else float(duration),
                    "usage": usage,
                    **({"type": dto_type} if dto_type is not None else {}),
                    "criterion": crit,
                    "phase": phase,
                }
                if imp is None:
                    assert out_json == "not implemented", out_json
                    rec["status"] = "not implemented"
                else:
                    assert isinstance(imp, Impact)
                    for v in (imp.value, imp.min, imp.max):
                        if not isinstance(v, float):
                            stats["int_values"] += 1
                    rec["status"] = "ok"
                    rec["value"] = imp.value
                    rec["min"] = imp.min
                    rec["max"] = imp.max
                    rec["rounded"] = {k: out_json[k] for k in ("value", "min", "max") if k in out_json}
                    rec["warnings"] = sorted(out_json.get("warnings", []))
                    rec["duration_hours"] = eff_duration
                    rec["hours_life_time"] = scalar(model.usage.hours_life_time)
                    if phase == "use":
                        u = model.usage
                        rec["elec_factor"] = fval(u.elec_factors[crit])
                        rec["elec_factor_status"] = u.elec_factors[crit].status.value
                        rec["avg_power"] = fval(u.avg_power)
                        rec["use_time_ratio"] = scalar(u.use_time_ratio)
                    if route.startswith("iot/") and phase == "embedded":
                        blocks = []
                        for comp, life in zip(model.components, h.block_life):
                            assert life[0] == life[1] == life[2], life
                            bimp = comp.impacts[crit]["embedded"]
                            hsl = comp.hsl_level.value
                            fb = factors["IoT"][comp.IMPACT_KEY][hsl]
                            blocks.append({
                                "block": comp.NAME, "hsl_level": hsl,
                                "manufacture": fb["manufacture"][crit], "eol": fb["eol"][crit],
                                "value": bimp.value, "min": bimp.min, "max": bimp.max,
                                "hours_life_time": life[0],
                            })
                        rec["blocks"] = blocks
                        units = model.units.value
                        alt = {k: py312_sum([b[k] for b in blocks]) * units for k in ("value", "min", "max")}
                        if blocks:
                            alt_imp = Impact(value=alt["value"], min=alt["min"], max=alt["max"])
                            alt_json = alt_imp.to_json()
                            rec["py312_sum"] = {
                                **alt,
                                "rounded": {k: alt_json[k] for k in ("value", "min", "max")},
                                "differs": any(alt[k] != rec[k] for k in ("value", "min", "max")),
                            }
                            if rec["py312_sum"]["differs"]:
                                stats["iot_py312_sum_differs"].append(
                                    f"{archetype} {crit} duration={duration} location={location}")
                if phase == "use":
                    loc = resp.get("verbose", {}).get("usage_location")
                    if loc is not None:
                        rec["location_resolved"] = loc.get("value")
                        rec["location_status"] = loc.get("status")
                        rec["location_warnings"] = loc.get("warnings", [])
                stats["statuses"][rec["status"]] = stats["statuses"].get(rec["status"], 0) + 1
                out.write(json.dumps(rec, ensure_ascii=False) + "\n")
                stats["lines"] += 1
                g["lines"] += 1

    # a. grid: every routed archetype x location x duration x criteria
    locations_a = [None] + countries + ["XYZ"]
    for archetype, route, kind in terminals:
        for loc in locations_a:
            for dur in (None, 8760, 1, 1000000):
                run_case("a_grid", route, kind, archetype, loc, dur, {}, TERM_CRITERIA)

    # b. usage overrides
    overrides = [
        ({"avg_power": 60.0}, None),
        ({"use_time_ratio": 0.5}, None),
        ({"hours_life_time": 43800.0}, None),
        ({"elec_factors": {"gwp": 0.05}}, None),
        ({"elec_factors": {"gwp": 0.05}}, "FRA"),
        ({"avg_power": 60.0, "use_time_ratio": 0.3, "hours_life_time": 43800.0,
          "elec_factors": {"gwp": 0.05}}, "FRA"),
    ]
    by_id = {a: (r, k) for a, r, k in terminals}
    for archetype in ("laptop-pro", "smartphone-default", "tv-perso", "box-default"):
        route, kind = by_id[archetype]
        for usage, loc in overrides:
            for dur in (None, 8760):
                run_case("b_usage", route, kind, archetype, loc, dur, usage, TERM_CRITERIA)

    # b2. the DTO's "type" field (sub-type override) on the routes that have one
    for archetype, dto_type in (("laptop-pro", "perso"), ("laptop-perso", "pro"), ("tv-pro", "perso"),
                                ("tv-perso", "pro"), ("desktop-perso", "pro"),
                                ("vr-headset-lcd", "oled"), ("vr-headset-oled", "lcd")):
        route, kind = by_id[archetype]
        for dur in (None, 8760):
            run_case("b_type", route, kind, archetype, None, dur, {}, TERM_CRITERIA, dto_type=dto_type)

    # c. location spellings, and the routes' default archetypes
    for archetype, route, kind in terminals:
        for loc in ("EEE", " eee ", "eee", "Eee", "fra", " FRA", "FRA "):
            for dur in (None, 8760):
                run_case("c_location", route, kind, archetype, loc, dur, {}, TERM_CRITERIA)
    seen_routes = []
    for archetype, route, kind in terminals:
        if route in seen_routes:
            continue
        seen_routes.append(route)
        run_case("c_default_archetype", route, kind, None, None, None, {}, TERM_CRITERIA,
                 archetype_requested=False)

    # d. IoT
    for archetype in iot_archetypes:
        for loc in (None, "FRA"):
            for dur in (None, 8760, 1000000, 1000):  # 1000 h: a ratio that is not a power of 2
                run_case("d_iot", "iot/iot_device", "iot_device", archetype, loc, dur, {}, IOT_CRITERIA)
    # IoT usage overrides: hours_life_time does not reach the functional blocks' allocation
    for usage, loc in (({"hours_life_time": 43800.0}, None), ({"avg_power": 5.0}, None),
                       ({"avg_power": 5.0}, "FRA"),
                       ({"avg_power": 5.0, "hours_life_time": 17520.0, "use_time_ratio": 0.5}, "FRA")):
        for dur in (None, 8760):
            run_case("d_iot_usage", "iot/iot_device", "iot_device", "drone_mini", loc, dur, usage,
                     IOT_CRITERIA)
    run_case("d_iot_default_archetype", "iot/iot_device", "iot_device", None, None, None, {},
             IOT_CRITERIA, archetype_requested=False)

    out.close()
    json.dump(stats, sys.stdout)


# ----------------------------------------------------------------------------------------------
# Rounding helpers
# ----------------------------------------------------------------------------------------------


def worker_rounding(src, out_path):
    import boaviztapi
    import boaviztapi.utils.roundit as rd
    from boaviztapi.models.impact import Impact

    cfg = boaviztapi.config
    assert (cfg.uncertainty, cfg.max_sig_fig, cfg.min_sig_fig) == (10, 4, 1)
    rng = random.Random(20240241)
    lines = []
    seen = set()
    counts = {}

    def emit(fn, source, args, call):
        key = json.dumps([fn, args], sort_keys=True)
        if key in seen:
            return
        seen.add(key)
        rec = {"fn": fn, **args}
        try:
            res = call()
        except Exception as e:
            rec["error"] = type(e).__name__
        else:
            if fn == "rounded_value":
                res, warnings = res
                rec["out"] = res
                rec["warnings"] = sorted(warnings)
            elif fn == "round_to_sigfig":
                res, s = res
                rec["out"] = res
                rec["str"] = s
            else:
                rec["out"] = res
        rec["source"] = source
        lines.append(rec)
        counts[(fn, "error" in rec)] = counts.get((fn, "error" in rec), 0) + 1

    def e_sig(x, p, source):
        emit("round_to_sigfig", source, {"x": x, "p": p},
             lambda: (rd.round_to_sigfig(x, p), rd.to_precision(x, p)))

    def e_sn(x, source):
        emit("significant_number", source, {"x": x}, lambda: rd.significant_number(x))

    def e_rz(x, source):
        emit("remove_unsignificant_zeros", source, {"x": x}, lambda: rd.remove_unsignificant_zeros(x))

    def e_rmm(val, mn, mx, u, source):
        emit("round_based_on_min_max", source, {"val": val, "min": mn, "max": mx, "u": u},
             lambda: rd.round_based_on_min_max(val, mn, mx, u))

    def e_rv(value, mn, mx, source):
        def call():
            imp = Impact(value=value, min=mn, max=mx)
            r = imp.rounded_value()
            return r, list(imp.warnings)
        emit("rounded_value", source, {"value": value, "min": mn, "max": mx}, call)

    # upstream unit tests (inputs read with ast; outputs recomputed)
    def calls_in(path):
        tree = ast.parse(open(path, encoding="utf-8").read())
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                yield node

    for node in calls_in(os.path.join(src, "tests/unit/utils/test_roundit.py")):
        f = node.func
        if isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name) and f.value.id == "rd":
            try:
                args = [ast.literal_eval(a) for a in node.args]
            except ValueError:
                continue
            if f.attr == "significant_number":
                e_sn(args[0], "upstream-test")
            elif f.attr == "remove_unsignificant_zeros":
                e_rz(args[0], "upstream-test")
            elif f.attr == "round_to_sigfig":
                e_sig(args[0], args[1], "upstream-test")
            elif f.attr == "round_based_on_min_max":
                e_rmm(args[0], args[1], args[2], args[3], "upstream-test")
    for node in calls_in(os.path.join(src, "tests/unit/models/test_impact.py")):
        if isinstance(node.func, ast.Name) and node.func.id == "Impact":
            kw = {k.arg: ast.literal_eval(k.value) for k in node.keywords}
            e_rv(kw.get("value", 0), kw.get("min", 0), kw.get("max", 0), "upstream-test")

    # hand-picked edges: ties, zeros, exact powers of ten, float artefacts
    ties = [0.5, 1.5, 2.5, 3.5, 0.25, 0.125, 0.375, 0.0625, 0.35, 0.45, 0.15, 0.05, 0.005,
            0.0025, 0.0125, 1.25, 2.25, 12.5, 25.0, 35.0, 45.0, 125.0, 1250.0, 0.75, 9.5, 99.5,
            999.5, 9999.5, 0.995, 0.9995, 1.05, 1.005, 0.015, 0.00045, 8.5, 85.0, 850.0, 6.5e-08,
            7.220000000000001, 299.6, 0.30000000000000004, 1e-09, 1e-07, 1e-05, 0.001, 0.01, 0.1,
            1.0, 10.0, 100.0, 1000.0, 1e4, 1e5, 1e6, 1e7, 9.999999, 99.99999, 0.09999999, 123456789.0,
            1.0000001, 5e-324, 2.5e-10, 15.5, 64.7, 181.0, 84.0, 36.1, 4.41e-05, 0.0383]
    for x in ties + [-t for t in ties[:30]] + [0.0, 0, 1, 10, 60, -0.0]:
        for p in range(1, 7):
            e_sig(x, p, "edge")
        e_sn(x, "edge")
    for x in (0.0001, 0.00201, 0.0000201, 0.5, 0.25, 1e-09, 1.2e-08, 0.1, 0.3, 0.123456789, 1.0, 2.0):
        e_rz(x, "edge")
    for val, mn, mx in [(0.25, 0.0, 1.0), (2.5, 0.0, 10.0), (3.5, 0.0, 10.0), (0.125, 0.0, 0.1),
                        (25.0, 0.0, 100.0), (35.0, 0.0, 100.0), (150.0, 0.0, 1000.0),
                        (250.0, 0.0, 1000.0), (0.35, 0.0, 1.0), (0.45, 0.0, 1.0), (1.5, 0.0, 10.0),
                        (0.0, 0.0, 0.0), (0.0, -100.0, 100.0), (0.0, 0.0, 1.0), (5.0, 5.0, 5.0),
                        (7.220000000000001, 7.220000000000001, 7.220000000000001),
                        (299.6, 9.07, 1190.0), (0.668, 0.0002162, 37.4), (0.002, 0.00001, 10.0),
                        (-5.0, -5.0, -5.0), (-3.0, -3.0, -3.0), (1.0, -1.0, 1.0), (5.0, 4.0, 6.0),
                        (100.0, 100.0, 100.0000001), (1e7, 1e-9, 1e7), (1e-9, 1e-9, 1e7),
                        (12345.678, 12345.678, 12345.678), (0.12345678, 0.12345678, 0.12345678),
                        (5.0, 10.0, 20.0), (50.0, 10.0, 20.0), (1234567.0, 1234567.0, 1234567.0)]:
        for u in (1, 10):
            e_rmm(val, mn, mx, u, "edge")
        e_rv(val, mn, mx, "edge")
    # documented error cases
    e_rmm(1, 1, 1, 0, "error")
    e_rmm(5, 10, 5, 10, "error")
    e_rmm(-1.0, -2.0, 0.5, 10, "error")
    e_rmm(-0.5, -1.0, 1.0, 1, "error")
    e_rv(5.0, 10.0, 5.0, "error")
    e_rv(-2.0, -3.0, 1.0, "error")

    # seeded random cases over magnitudes 1e-9 .. 1e7
    def mag():
        return 10 ** rng.uniform(-9, 7)

    def short(x):
        # a value with few significant digits (like factors and test inputs)
        if x == 0:
            return x
        d = rng.randint(1, 5)
        return float(f"{x:.{d}g}")

    def rnd_x():
        r = rng.random()
        if r < 0.45:
            return mag()
        if r < 0.8:
            return short(mag())
        if r < 0.9:
            return rng.choice(ties) * 10 ** rng.randint(-6, 4)
        return -short(mag())

    for _ in range(900):
        e_sig(rnd_x(), rng.randint(1, 6), "random")
    for _ in range(500):
        x = rnd_x()
        if rng.random() < 0.1:
            x = float(rng.randint(0, 10 ** rng.randint(1, 8)))
        e_sn(x, "random")
    for _ in range(100):
        e_rz(short(10 ** rng.uniform(-9, 0)), "random")

    def rnd_triplet():
        r = rng.random()
        c = rnd_x() if rng.random() < 0.9 else 0.0
        c = abs(c) if rng.random() < 0.93 else c
        if r < 0.2:  # min == max == value
            return c, c, c
        if r < 0.5:  # narrow band
            s = abs(c) * 10 ** rng.uniform(-7, 0) if c else mag()
            lo = c - s * rng.random()
            hi = c + s * rng.random()
            return c, lo, hi
        if r < 0.8:  # wide band
            lo = abs(c) * 10 ** -rng.uniform(0, 6) if c else 0.0
            hi = abs(c) * 10 ** rng.uniform(0, 6) if c else mag()
            return c, lo, hi
        if r < 0.87:  # short decimals everywhere
            a, b = sorted([short(mag()), short(mag())])
            return short(rng.uniform(a, b)), a, b
        if r < 0.93:  # value outside the band
            a, b = sorted([mag(), mag()])
            return (b * 2 if rng.random() < 0.5 else a / 2), a, b
        # negative band around a positive or zero value
        s = mag()
        return (abs(c) if rng.random() < 0.7 else 0.0), -s, s

    for _ in range(800):
        v, lo, hi = rnd_triplet()
        e_rmm(v, lo, hi, rng.choice((1, 10)), "random")
    for _ in range(900):
        v, lo, hi = rnd_triplet()
        e_rv(v, lo, hi, "random")

    with open(out_path, "w", encoding="utf-8") as f:
        for rec in lines:
            f.write(json.dumps(rec) + "\n")
    json.dump({"lines": len(lines), "counts": {f"{k[0]}{' (error)' if k[1] else ''}": v
                                                for k, v in sorted(counts.items())}}, sys.stdout)


# ----------------------------------------------------------------------------------------------
# Driver
# ----------------------------------------------------------------------------------------------


def run_worker(mode, src, stubs, extra, test_data):
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("BOAVIZTA_") and k != "BOAVIZTAPI_USE_TEST_DATA"}
    env["PYTHONHASHSEED"] = "0"
    if test_data:
        env["BOAVIZTAPI_USE_TEST_DATA"] = "1"
    cmd = [sys.executable, os.path.abspath(__file__), "--worker", mode, "--src", src, "--stubs", stubs] + extra
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, cwd=tempfile.gettempdir())
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr)
        raise SystemExit(f"worker {mode} failed ({proc.returncode})")
    return json.loads(proc.stdout)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--src", default=os.environ.get("BOAVIZTAPI_SRC", "/tmp/boaviztapi"))
    ap.add_argument("--outdir", default=HERE)
    ap.add_argument("--check-only", action="store_true")
    ap.add_argument("--worker", choices=["check", "devices", "rounding"], help=argparse.SUPPRESS)
    ap.add_argument("--stubs", help=argparse.SUPPRESS)
    ap.add_argument("--out", help=argparse.SUPPRESS)
    args = ap.parse_args()
    src = os.path.abspath(args.src)

    if args.worker:
        sys.path.insert(0, src)
        sys.path.insert(0, args.stubs)
        if args.worker == "check":
            worker_check(src)
        elif args.worker == "devices":
            worker_devices(src, args.out)
        else:
            worker_rounding(src, args.out)
        return

    pyproject = os.path.join(src, "pyproject.toml")
    if not os.path.isfile(pyproject) or 'version = "2.4.1"' not in open(pyproject).read():
        raise SystemExit(f"{src} is not an extracted BoaviztAPI 2.4.1 tree (see the header)")
    t0 = time.time()
    with tempfile.TemporaryDirectory(prefix="boavizta-stubs-") as stubs:
        write_stubs(stubs)
        check = run_worker("check", src, stubs, [], test_data=True)
        ok = sum(r["exact"] for r in check["results"])
        print(f"harness check on upstream test data ({check['data_dir']}, Python {check['python']}): "
              f"{ok}/{len(check['results'])} upstream API tests reproduced exactly", file=sys.stderr)
        for r in check["results"]:
            print(f"  {'OK  ' if r['exact'] else 'FAIL'} {r['file']}::{r['test']}  {r['request']}"
                  + ("" if r["exact"] else f"  -> {r['diff']}"), file=sys.stderr)
        if ok != len(check["results"]):
            raise SystemExit("harness check failed; not generating vectors")
        if args.check_only:
            return
        os.makedirs(args.outdir, exist_ok=True)
        dev_path = os.path.join(args.outdir, DEVICES_FILE)
        rnd_path = os.path.join(args.outdir, ROUNDING_FILE)
        dev = run_worker("devices", src, stubs, ["--out", dev_path], test_data=False)
        rnd = run_worker("rounding", src, stubs, ["--out", rnd_path], test_data=False)
    print(f"{DEVICES_FILE}: {dev['lines']} lines, {dev['cases']} requests, "
          f"{os.path.getsize(dev_path)} bytes", file=sys.stderr)
    print(f"  groups: {json.dumps(dev['groups'])}", file=sys.stderr)
    print(f"  statuses: {json.dumps(dev['statuses'])}; countries: {dev['countries']}; "
          f"skipped archetypes (no route): {dev['skipped_archetypes']}; "
          f"non-float raw values: {dev['int_values']}", file=sys.stderr)
    print(f"  IoT embedded where CPython>=3.12 sum() would differ: {len(dev['iot_py312_sum_differs'])}"
          + "".join(f"\n    {d}" for d in dev["iot_py312_sum_differs"]), file=sys.stderr)
    print(f"{ROUNDING_FILE}: {rnd['lines']} lines, {os.path.getsize(rnd_path)} bytes; "
          f"{json.dumps(rnd['counts'])}", file=sys.stderr)
    print(f"done in {time.time() - t0:.1f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
