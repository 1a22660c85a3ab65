"""numresp.report: the sample city's report in three formats, its figures against the library's
functions on the same inputs, byte-identical output, malformed inventories (clear errors, exit
code 2, nothing written), and the HTML in a real headless Chromium (no console error, no network
request, the charts present)."""

import csv
import io
import json
import pathlib
import queue
import re
import shutil
import subprocess
import threading
import time

import numpy as np
import pandas as pd
import pytest

from numresp import devices, factors, inclusion, report, sensors, usage, web
from numresp.inclusion import mediation

ROOT = pathlib.Path(__file__).resolve().parents[3]
SAMPLE = ROOT / "data" / "samples" / "poitiers"


# -- The sample report ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("report") / "out"
    stream = io.StringIO()
    started = time.monotonic()
    rc = report.run_report(None, str(out), ("html", "json", "md"), progress=False, stream=stream)
    elapsed = time.monotonic() - started
    assert rc == 0, stream.getvalue()
    data = json.loads((out / "report.json").read_text(encoding="utf-8"))
    return {"out": out, "stdout": stream.getvalue(), "report": data, "seconds": elapsed}


@pytest.fixture(scope="module")
def overridden():
    return factors.default().with_overrides(str(SAMPLE / "factor_overrides.csv"))


@pytest.fixture(scope="module")
def inventory():
    return json.loads((SAMPLE / "inventory.json").read_text(encoding="utf-8"))


def test_sample_report_builds_in_three_formats(built):
    out = built["out"]
    assert sorted(p.name for p in out.iterdir()) == ["report.html", "report.json", "report.md"]
    html = (out / "report.html").read_text(encoding="utf-8")
    md = (out / "report.md").read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and html.rstrip().endswith("</html>")
    assert "ILLUSTRATIVE" in html and "ILLUSTRATIVE" in md and built["report"]["illustrative"] is True
    for chart in report.chart_ids(built["report"]):
        assert f'id="{chart}"' in html
    # The summary: a few numbers, labelled illustrative, and the paths.
    assert "ILLUSTRATIVE" in built["stdout"]
    assert str(out / "report.html") in built["stdout"] and "device fleet 2025" in built["stdout"]
    assert built["seconds"] < 20, built["seconds"]


def test_sample_is_found_from_the_source_and_build_trees():
    path = report.sample_path()
    assert path.resolve() == (SAMPLE / "inventory.json").resolve()
    inv = report.load_inventory()
    assert inv.illustrative and inv.city["population"] == 90000


def test_html_is_self_contained(built):
    html = (built["out"] / "report.html").read_text(encoding="utf-8")
    # No external resource of any kind: no URL in src/href, no @import, no url(...), no <script src>.
    assert not re.search(r"""(?:src|href)\s*=\s*["'](?!#)""", html), "a src/href other than an in-page anchor"
    assert "@import" not in html and "url(" not in html
    assert "<link" not in html and "<script" not in html and "<img" not in html and "<iframe" not in html


def test_json_is_deterministic(built, tmp_path):
    stream = io.StringIO()
    assert report.run_report(None, str(tmp_path), ("json", "html", "md"), progress=False, stream=stream) == 0
    for name in ("report.json", "report.html", "report.md"):
        assert (tmp_path / name).read_bytes() == (built["out"] / name).read_bytes(), name
    assert "generated" not in built["report"]  # no time stamp
    # Nor a path: the same inventory elsewhere gives the same bytes.
    moved = _copy_sample(tmp_path / "elsewhere")
    assert report.run_report(str(moved / "inventory.json"), str(tmp_path / "moved"), progress=False,
                             stream=io.StringIO()) == 0
    for name in ("report.json", "report.html", "report.md"):
        assert (tmp_path / "moved" / name).read_bytes() == (built["out"] / name).read_bytes(), name


# -- The JSON's figures equal the library's on the same inputs -------------------------------------------------


def _fleet(fs):
    frame = pd.read_csv(SAMPLE / "fleet.csv")
    frame = frame.dropna(axis=1, how="all")
    return devices.fleet(frame, factor_set=fs)


def test_devices_total_scenario_and_monte_carlo_equal_the_library(built, overridden, inventory):
    r = built["report"]["devices"]
    fleet = _fleet(overridden)
    table = fleet.table(2025).set_index("kind")
    total = r["total"]["criteria"]["gwp"]
    assert total["total"]["value"] == pytest.approx(table.loc["total", "embedded"] + table.loc["total", "use"], rel=1e-12)
    assert total["embedded"]["low"] == pytest.approx(table.loc["total", "embedded_low"], rel=1e-12)
    laptop = next(g for g in r["groups"] if g["kind"] == "laptop")
    assert laptop["criteria"]["gwp"]["total"]["value"] == pytest.approx(table.loc["laptop", "total"], rel=1e-12)
    scenarios = inventory["devices"]["scenarios"]
    side = fleet.scenarios(scenarios, year=2025)
    for s in scenarios:
        got = next(x for x in r["scenarios"] if x["name"] == s["name"])["criteria"]["gwp"]
        assert got["change"] == pytest.approx(side.loc[("gwp", "change"), s["name"]], rel=1e-12)
        assert got["net"] == pytest.approx(side.loc[("gwp", "net"), s["name"]], rel=1e-12)
    mc = fleet.monte_carlo(2025, draws=10000, seed=2025)
    row = mc[(mc.criterion == "gwp") & (mc.part == "total")].iloc[0]
    got = next(x for x in r["monte_carlo"]["rows"] if x["criterion"] == "gwp" and x["part"] == "total")
    assert (got["p5"], got["p50"], got["p95"]) == (row.p5, row.p50, row.p95)


def test_usage_equals_the_library(built, overridden):
    items = built["report"]["usage"]["items"]
    assert items[0]["kg"] == pytest.approx(usage.email(7040000, factor_set=overridden) / 1000, rel=1e-12)
    assert items[1]["kg"] == pytest.approx(
        usage.email(1760000, attachment_bytes=1_000_000, recipients=2, factor_set=overridden) / 1000, rel=1e-12)
    storage = next(i for i in items if i["category"] == "storage")
    assert storage["kg"] == pytest.approx(usage.storage(18e12, 1, copies=3, factor_set=overridden) / 1000, rel=1e-12)
    call = next(i for i in items if i["category"] == "video_call")
    assert call["kg"] == pytest.approx(usage.video_call(60000, quality="sd", participants=4, factor_set=overridden)
                                       / 1000, rel=1e-12)
    assert built["report"]["usage"]["total_kg"] == pytest.approx(sum(i["kg"] for i in items), rel=1e-12)
    # The overrides only add bounds: the same figures as the default set.
    assert items[0]["kg"] == pytest.approx(usage.email(7040000) / 1000, rel=1e-12)


def test_ecoindex_equals_the_library(built):
    pages = {p["name"]: p for p in built["report"]["web"]["pages"]}
    p = pages["online procedures"]
    r = web.ecoindex(820, 48, 1450, flavour="ecoindex.fr")
    assert (p["score"], p["grade"], p["ghg_g"], p["water_cl"]) == (r.score, r.grade, r.ghg_g, r.water_cl)
    har = web.har_summary(SAMPLE / "city_home.har")
    p = pages["home page (recorded HAR)"]
    r = web.ecoindex(1150, har["requests"], har["transfer_bytes"] / 1000, flavour="ecoindex.fr")
    assert (p["requests"], p["score"], p["grade"]) == (har["requests"], r.score, r.grade)


def _csv(name):
    with open(SAMPLE / name, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_inclusion_equals_the_library(built):
    inc = built["report"]["inclusion"]
    # An interval.
    low, high = inclusion.proportion_ci(456, 1200)
    rights = inc["shares"][0]
    assert (rights["successes"], rights["n"], rights["low"], rights["high"]) == (456, 1200, low, high)
    # The coverage share and the siting curve.
    grid = _csv("population_grid.csv")
    cells = np.array([[float(r["lon"]), float(r["lat"])] for r in grid])
    people = np.array([float(r["inhabitants"]) for r in grid])
    points = np.array([[float(r["lon"]), float(r["lat"])] for r in _csv("access_points.csv")])
    cov = inc["coverage"]
    assert cov["share"] == inclusion.coverage(cells, people, points, 300.0)
    assert cov["inhabitants"] == people.sum()
    wifi = np.array([[float(r["lon"]), float(r["lat"])] for r in _csv("access_points.csv") if r["kind"] == "wifi"])
    assert cov["by_kind"]["wifi"]["share"] == inclusion.coverage(cells, people, wifi, 300.0)
    cands = np.array([[float(r["lon"]), float(r["lat"])] for r in _csv("candidate_sites.csv")])
    plan = inclusion.site_greedy(cells, people, cands, 300.0, 10, existing_lonlat=points)
    assert [s["candidate"] for s in cov["siting"]["steps"]] == plan.chosen.tolist()
    assert cov["siting"]["curve_share"][1:] == plan.share_curve.tolist()
    # The synthetic illectronism estimate.
    est = inclusion.illectronism_estimate({"15-44": 44000, "45-59": 13000, "60-74": 12000, "75+": 7500})
    assert inc["illectronism"]["people"] == est["people"]
    # Mediation indicators.
    accepted, rejected = mediation.read_activities(SAMPLE / "mediation_cra_v2.json")
    k = mediation.mediation_indicators(accepted, population=90000, start="2024-01-01", end="2024-12-31")
    med = inc["mediation"]
    assert med["totals"]["activities"] == k.totals["activities"] and med["rejected"] == len(rejected)
    share = k.shares.set_index("indicator").loc["administrative_activities"]
    got = next(s for s in med["shares"] if s["indicator"] == "administrative_activities")
    assert (got["share"], got["low"], got["high"]) == (share["share"], share["low"], share["high"])


def test_sensor_counts_per_zone_equal_the_library(built):
    meta = pd.read_csv(SAMPLE / "sensors.csv")
    readings = pd.read_csv(SAMPLE / "readings.csv.gz")
    readings["timestamp"] = pd.to_datetime(readings["timestamp"], utc=True)
    out = built["report"]["sensors"]
    assert out["sensors"] == len(meta) and out["readings"] == len(readings)
    for kind in out["kinds"]:
        ids = meta[meta.kind == kind["kind"]]
        zone = dict(zip(ids.sensor_id, ids.zone))
        sub = readings[readings.sensor_id.isin(ids.sensor_id)]
        agg = sensors.aggregate(sub["sensor_id"].to_numpy(), sub["timestamp"], sub["value"].to_numpy(),
                                window="month", zone=zone, tz="Europe/Paris", stats=("count", "mean"))
        counts = agg.groupby("zone")["count"].sum()
        daily = sensors.aggregate(sub["sensor_id"].to_numpy(), sub["timestamp"], sub["value"].to_numpy(),
                                  window="day", zone=zone, tz="Europe/Paris", stats=("count", "mean"))
        for z in kind["zones"]:
            assert z["readings"] == counts[z["zone"]]
            assert z["sensors"] == int((ids.zone == z["zone"]).sum())
        series = next(s for s in kind["series"] if s["zone"] == kind["zones"][0]["zone"])
        expect = daily[daily.zone == kind["zones"][0]["zone"]]["mean"].tolist()
        assert [m for m in series["mean"] if m is not None] == expect
        if hasattr(sensors, "QuantileSketch"):
            z = kind["zones"][0]
            values = sub[sub.sensor_id.map(zone) == z["zone"]]["value"].to_numpy()
            sk = sensors.QuantileSketch()
            sk.update(values)
            assert z["p50"] == float(sk.quantile(0.5))


def test_fact_check_has_the_plans_figures(built):
    fc = built["report"]["fact_check"]
    rows = {r["id"]: r for r in fc["rows"]}
    claims = usage.claims(factors.default().with_overrides(str(SAMPLE / "factor_overrides.csv")))
    email = claims.loc["email_20_a_day_1000_km"]
    assert rows["email_20_a_day_1000_km"]["today_value"] == pytest.approx(email["today_value"], rel=1e-12)
    assert rows["email_20_a_day_1000_km"]["plan_value"] == 1000.0
    assert rows["people_in_difficulty"]["plan_value"] == 17000
    assert rows["people_in_difficulty"]["today_value"] == built["report"]["inclusion"]["illectronism"]["people"]
    assert rows["people_in_difficulty"]["illustrative_input"] is True
    assert rows["rights_share"]["plan_value"] == 0.38 and "interval" in rows["rights_share"]["verdict"]
    assert rows["advisers"]["today_value"] == 3 and rows["places"]["today_value"] == 6
    assert fc["inputs_from_plan"][0]["figure"].startswith("150 computers redistributed")
    assert fc["not_recomputed"], "the figures numresp cannot recompute are listed with a reason"


def test_factor_sources_and_licences(built):
    r = built["report"]
    ids = {(f["set"], f["id"]) for f in r["factors"]}
    assert ("ademe-2025", "device.laptop.gwp.manufacture") in ids
    overridden = next(f for f in r["factors"] if f["id"] == "grid.gwp.fra")
    assert overridden["licence"] == "user-provided" and overridden["low"] == pytest.approx(0.0442)
    assert "CC-BY-NC-ND-3.0" in r["licences"]  # the EcoIndex tables
    for section in ("devices",):
        assert all((r[section]["factor_set"], i) in ids for i in r[section]["sources"])


def test_progress_bar_and_formats(tmp_path, capsys):
    out = tmp_path / "only-json"
    assert report.run_report(None, str(out), ["json"], progress=True, stream=io.StringIO()) == 0
    assert [p.name for p in out.iterdir()] == ["report.json"]
    err = capsys.readouterr().err
    assert "[#" in err and "devices: Monte Carlo" in err and "done in" in err
    bad = tmp_path / "bad-format"
    assert report.run_report(None, str(bad), ["pdf"], progress=False, stream=io.StringIO()) == 2
    assert not bad.exists()
    assert "unknown format 'pdf'" in capsys.readouterr().err


def test_schema_is_valid_and_the_sample_validates():
    text = report.schema_path().read_text(encoding="utf-8")

    def no_duplicates(pairs):
        keys = [k for k, _ in pairs]
        assert len(keys) == len(set(keys)), f"duplicate keys in the schema: {keys}"
        return dict(pairs)

    schema = json.loads(text, object_pairs_hook=no_duplicates)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    refs = set(re.findall(r'"\$ref": "#/\$defs/([a-z_]+)"', text))
    assert refs <= set(schema["$defs"]), refs - set(schema["$defs"])
    sample = json.loads((SAMPLE / "inventory.json").read_text(encoding="utf-8"))
    assert report.validate(sample) == []
    try:
        import jsonschema
    except ImportError:
        return
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(sample)


# -- Malformed inventories --------------------------------------------------------------------------------


def _copy_sample(tmp_path):
    folder = tmp_path / "city"
    shutil.copytree(SAMPLE, folder, ignore=shutil.ignore_patterns("__pycache__", "generate.py", "README.md"))
    return folder


def _minimal(folder, **sections):
    data = {"city": {"name": "Testville", "population": 1000}}
    data.update(sections)
    path = folder / "inventory.json"
    path.write_text(json.dumps(data, indent=1), encoding="utf-8")
    return path


def _fails(path, tmp_path, capsys, *needles):
    out = tmp_path / "out"
    rc = report.run_report(str(path), str(out), progress=False, stream=io.StringIO())
    err = capsys.readouterr().err
    assert rc == 2, err
    assert not out.exists(), "nothing is written from a bad inventory"
    for n in needles:
        assert n in err, f"{n!r} not in:\n{err}"
    with pytest.raises(report.InventoryError) as e:
        report.load_inventory(path)
    return e.value, err


def test_bad_json_names_line_and_column(tmp_path, capsys):
    path = tmp_path / "inventory.json"
    path.write_text('{\n "city": {"name": "x",}\n}\n', encoding="utf-8")
    e, err = _fails(path, tmp_path, capsys, str(path), "line 2, column 23", "invalid JSON")
    assert e.file == str(path)


def test_unknown_key_names_the_json_path(tmp_path, capsys):
    path = _minimal(tmp_path, devise={"rows": []})
    e, _ = _fails(path, tmp_path, capsys, str(path), "$.devise", "unknown key", "did you mean \"devices\"")
    assert e.path == "$.devise"
    path = _minimal(tmp_path, usage={"emails": [{"count": 10, "atachment_bytes": 5}]})
    _fails(path, tmp_path, capsys, "$.usage.emails[0].atachment_bytes", "did you mean \"attachment_bytes\"")


def test_wrong_type_names_the_json_path(tmp_path, capsys):
    rows = [{"kind": "laptop", "count": 10, "acquisition_year": 2020} for _ in range(4)]
    rows[3]["count"] = "ten"
    path = _minimal(tmp_path, devices={"rows": rows})
    e, _ = _fails(path, tmp_path, capsys, "$.devices.rows[3].count", "expected a number, got a string (\"ten\")")
    assert e.path == "$.devices.rows[3].count"
    rows[3]["count"] = 10
    rows[1]["kind"] = "toaster"
    path = _minimal(tmp_path, devices={"rows": rows})
    _fails(path, tmp_path, capsys, "$.devices.rows[1].kind", "unknown device kind \"toaster\"")
    # Several problems are reported together.
    path = _minimal(tmp_path, devices={"rows": rows, "year": "2025"}, web={"pages": [{"name": "p", "dom": -1}]})
    e, err = _fails(path, tmp_path, capsys, "$.devices.year", "$.web.pages[0].dom", "$.web.pages[0]:")
    assert len(e.problems) == 3


def test_missing_referenced_file(tmp_path, capsys):
    path = _minimal(tmp_path, devices={"csv": "nope.csv"})
    e, _ = _fails(path, tmp_path, capsys, str(path), "$.devices.csv", "\"nope.csv\": no such file")
    assert e.path == "$.devices.csv"


def test_bad_csv_row_in_the_fleet_file(tmp_path, capsys):
    folder = _copy_sample(tmp_path)
    lines = (folder / "fleet.csv").read_text(encoding="utf-8").splitlines()
    cells = lines[3].split(",")
    cells[2] = "abc"
    lines[3] = ",".join(cells)
    (folder / "fleet.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    fleet_file = str(folder / "fleet.csv")
    e, err = _fails(folder / "inventory.json", tmp_path, capsys, fleet_file, "line 4, column \"count\"",
                    "expected a number, got \"abc\"", "referenced at $.devices.csv")
    assert e.file == fleet_file and len(e.problems) == 1


def test_bad_referenced_files_elsewhere(tmp_path, capsys):
    folder = _copy_sample(tmp_path)
    # A reading with a bad value, a grid cell with a bad latitude, an unknown override id.
    (folder / "bad.csv").write_text("sensor_id,timestamp,value\n1001,2025-03-01T00:00:00Z,1.5\n"
                                    "1001,2025-03-01T01:00:00Z,lots\n", encoding="utf-8")
    data = json.loads((folder / "inventory.json").read_text(encoding="utf-8"))
    data["sensors"]["readings"] = "bad.csv"
    grid = (folder / "population_grid.csv").read_text(encoding="utf-8").splitlines()
    grid[5] = "0.34,96.5,12"
    (folder / "population_grid.csv").write_text("\n".join(grid) + "\n", encoding="utf-8")
    data["factor_overrides"] = {"grid.gwp.fr": 52}
    (folder / "inventory.json").write_text(json.dumps(data), encoding="utf-8")
    e, err = _fails(folder / "inventory.json", tmp_path, capsys, "$.factor_overrides[\"grid.gwp.fr\"]")
    # The overrides are checked first (every section needs the factors): fix them, see the others.
    data["factor_overrides"] = {"grid.gwp.fra": {"value": 52, "unit": "gCO2e/kWh"}}
    (folder / "inventory.json").write_text(json.dumps(data), encoding="utf-8")
    e, err = _fails(folder / "inventory.json", tmp_path, capsys,
                    f"{folder / 'bad.csv'}: line 3, column \"value\"", "\"lots\"",
                    f"{folder / 'population_grid.csv'}: line 6, column \"lat\"", "expected a number <= 90")
    assert len(e.problems) == 2


def test_duplicate_key_and_sensor_without_zone(tmp_path, capsys):
    path = tmp_path / "inventory.json"
    path.write_text('{"city": {"name": "a", "name": "b"}}', encoding="utf-8")
    _fails(path, tmp_path, capsys, "$.city.name", "duplicate key")
    (tmp_path / "r.csv").write_text("sensor_id,timestamp,value\n7,1740787200,1\n8,1740787200,2\n", encoding="utf-8")
    path = _minimal(tmp_path, sensors={"readings": "r.csv", "zones": {"7": "north"}})
    _fails(path, tmp_path, capsys, str(tmp_path / "r.csv"), "line 3", "sensor 8 has no zone")


def test_minimal_inventory_without_optional_sections(tmp_path):
    (tmp_path / "r.csv").write_text("sensor_id,timestamp,value\n7,2025-03-01T00:00:00+01:00,1\n"
                                    "7,2025-03-02T00:00:00+01:00,3\n", encoding="utf-8")
    path = _minimal(tmp_path, devices={"rows": [{"kind": "laptop", "count": 3, "acquisition_year": 2022}]},
                    sensors={"readings": "r.csv"})
    inv = report.load_inventory(path)
    r = report.compute(inv)
    assert r["illustrative"] is False and r["devices"]["year"] == 2022
    assert r["sensors"]["kinds"][0]["zones"][0]["readings"] == 2
    html = report.render_html(r)
    assert "ILLUSTRATIVE" not in html
    assert "chart-devices-footprint" in html and "chart-sensors-readings" in html


# -- The HTML in a real headless browser ----------------------------------------------------------------------


def _cdp_check(html_path: pathlib.Path, workdir: pathlib.Path, timeout: float = 60.0) -> dict:
    """Opens the file in headless Chromium over the DevTools protocol and returns what happened:
    requests, console messages, exceptions, log entries, SVG count and chart ids."""
    import websocket  # python3-websocket (websocket-client)

    chromium = shutil.which("chromium")
    proc = subprocess.Popen([chromium, "--headless=new", "--no-sandbox", "--disable-gpu", "--remote-debugging-port=0",
                             f"--user-data-dir={workdir}", "--no-first-run", "--no-default-browser-check",
                             "--disable-extensions", "--disable-background-networking", "--disable-sync",
                             "--disable-component-update", "--remote-allow-origins=*", "about:blank"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    lines: "queue.Queue[str]" = queue.Queue()

    def drain():
        for line in proc.stderr:
            lines.put(line)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    ws = None
    try:
        deadline = time.monotonic() + timeout
        url = None
        while url is None:
            try:
                line = lines.get(timeout=max(0.1, deadline - time.monotonic()))
            except queue.Empty:
                raise AssertionError("chromium did not print 'DevTools listening on ws://...'") from None
            m = re.search(r"DevTools listening on (ws://\S+)", line)
            if m:
                url = m.group(1)
        ws = websocket.create_connection(url, timeout=timeout, suppress_origin=True)
        counter = [0]
        events = []

        def send(method, params=None, session=None):
            counter[0] += 1
            msg = {"id": counter[0], "method": method, "params": params or {}}
            if session:
                msg["sessionId"] = session
            ws.send(json.dumps(msg))
            while True:
                reply = json.loads(ws.recv())
                if reply.get("id") == counter[0]:
                    if "error" in reply:
                        raise AssertionError(f"{method}: {reply['error']}")
                    return reply["result"]
                events.append(reply)

        target = send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Network", "Runtime", "Log", "Page"):
            send(f"{domain}.enable", session=session)
        events.clear()  # only what the report does
        file_url = html_path.resolve().as_uri()
        send("Page.navigate", {"url": file_url}, session=session)
        loaded = any(e.get("method") == "Page.loadEventFired" for e in events)
        while not loaded:
            if time.monotonic() > deadline:
                raise AssertionError("the page did not load")
            e = json.loads(ws.recv())
            events.append(e)
            loaded = e.get("method") == "Page.loadEventFired"
        # Let late events arrive (console messages, lazy requests), then measure the page.
        ws.settimeout(1.0)
        try:
            while True:
                events.append(json.loads(ws.recv()))
        except websocket.WebSocketTimeoutException:
            pass
        ws.settimeout(timeout)

        def evaluate(expr):
            return send("Runtime.evaluate", {"expression": expr, "returnByValue": True}, session=session)["result"]["value"]

        found = {
            "svg_count": evaluate("document.querySelectorAll('svg').length"),
            "chart_ids": evaluate("JSON.stringify([...document.querySelectorAll('svg[id]')].map(e => e.id))"),
            "charts_drawn": evaluate("[...document.querySelectorAll('svg.chart')].every(s => "
                                     "s.getBoundingClientRect().width > 100 && s.getBoundingClientRect().height > 50)"),
            "title": evaluate("document.title"),
            "resources": evaluate("JSON.stringify(performance.getEntriesByType('resource').map(e => e.name))"),
        }
        send("Browser.close")
        found["requests"] = [e["params"]["request"]["url"] for e in events if e.get("method") == "Network.requestWillBeSent"]
        found["exceptions"] = [e["params"]["exceptionDetails"] for e in events if e.get("method") == "Runtime.exceptionThrown"]
        found["console"] = [(e["params"]["type"], [a.get("value") for a in e["params"]["args"]])
                            for e in events if e.get("method") == "Runtime.consoleAPICalled"]
        found["log"] = [(e["params"]["entry"]["level"], e["params"]["entry"]["text"])
                        for e in events if e.get("method") == "Log.entryAdded"]
        found["file_url"] = file_url
        found["chart_ids"] = json.loads(found["chart_ids"])
        found["resources"] = json.loads(found["resources"])
        return found
    finally:
        if ws is not None:
            ws.close()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        proc.stderr.close()
        reader.join(timeout=5)


def test_html_in_headless_chromium(built, tmp_path):
    if shutil.which("chromium") is None:
        pytest.skip("Debian's chromium is not installed (apt-get install chromium; scripts/install-deps has it)")
    try:
        import websocket  # noqa: F401
    except ImportError:
        pytest.skip("python3-websocket (websocket-client) is not installed (scripts/install-deps has it)")
    found = _cdp_check(built["out"] / "report.html", tmp_path / "chromium-profile")
    expected = report.chart_ids(built["report"])
    assert found["exceptions"] == []
    assert [c for c in found["console"] if c[0] in ("error", "assert")] == []
    assert [entry for entry in found["log"] if entry[0] == "error"] == []
    assert found["requests"] == [found["file_url"]], found["requests"]
    assert found["resources"] == []
    assert found["svg_count"] >= len(expected) >= 10
    assert set(expected) <= set(found["chart_ids"])
    for chart in ("chart-devices-footprint", "chart-devices-scenarios", "chart-usage", "chart-ecoindex",
                  "chart-coverage-curve", "chart-coverage-map", "chart-sensors-energy"):
        assert chart in found["chart_ids"]
    assert found["charts_drawn"] is True
    assert "ILLUSTRATIVE" in found["title"]
    print(f"\nchromium: {found['svg_count']} SVGs, requests {found['requests']}, console {found['console']}, "
          f"log {found['log']}")


def test_module_doctest():
    import doctest

    import numresp.report

    result = doctest.testmod(numresp.report, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0 and result.attempted >= 4


def test_sensors_from_lorawan_uplinks(tmp_path):
    uplinks = ROOT / "tests" / "data" / "sensors" / "uplinks_sample.jsonl"
    if not uplinks.exists():
        pytest.skip("no uplink sample")
    shutil.copy(uplinks, tmp_path / "uplinks.jsonl")
    decoded, account = sensors.read_uplinks(uplinks)
    devices_ = sorted(decoded["dev_eui"].unique())
    zones = {eui: ("north" if i % 2 else "south") for i, eui in enumerate(devices_)}
    path = _minimal(tmp_path, sensors={"uplinks": "uplinks.jsonl", "zones": zones, "window": "hour"})
    r = report.compute(report.load_inventory(path))["sensors"]
    assert r["readings"] == int(decoded["value"].notna().sum())
    assert r["source"]["rejected"] == account["rejected"] and r["source"]["duplicates"] == account["duplicates"]
    # One sensor per (device, channel, type): values of different quantities are never mixed.
    series = decoded.assign(kind=decoded["type"] + np.where(decoded["component"] != "", "." + decoded["component"], ""))
    assert r["sensors"] == len(series.groupby(["dev_eui", "channel", "kind"]))
    temp = next(k for k in r["kinds"] if k["kind"] == "temperature")
    assert temp["unit"] == "°C"
    assert sum(z["readings"] for z in temp["zones"]) == int((series["kind"] == "temperature").sum())
    # A device without a zone is an error naming it.
    del zones[devices_[0]]
    path = _minimal(tmp_path, sensors={"uplinks": "uplinks.jsonl", "zones": zones})
    with pytest.raises(report.InventoryError) as e:
        report.load_inventory(path)
    assert f'sensor "{devices_[0]}" has no zone' in str(e.value)


def test_sample_files_are_what_generate_py_writes(tmp_path):
    import sys

    shutil.copy(SAMPLE / "generate.py", tmp_path / "generate.py")
    subprocess.run([sys.executable, str(tmp_path / "generate.py")], check=True, capture_output=True, timeout=120)
    written = sorted(p.name for p in tmp_path.iterdir() if p.name != "generate.py")
    assert written == ["access_points.csv", "candidate_sites.csv", "city_home.har", "factor_overrides.csv",
                       "fleet.csv", "mediation_cra_v2.json", "population_grid.csv", "readings.csv.gz", "sensors.csv"]
    for name in written:
        assert (tmp_path / name).read_bytes() == (SAMPLE / name).read_bytes(), name
    total = sum(p.stat().st_size for p in SAMPLE.iterdir() if p.is_file())
    assert total < 5_000_000
