"""The `numresp` command: every subcommand's help, human output, JSON output and errors, in process
(numresp.cli.main with capsys) and as a subprocess (python -m numresp); and the examples of
docs/user-guide/cli.rst, run and compared with what they show."""

import io
import json
import os
import pathlib
import re
import shlex
import subprocess
import sys
import types

import pandas as pd
import pytest

import numresp
from numresp import devices, factors, traffic, usage, web
from numresp.cli import format_number, main, parse_bytes

ROOT = pathlib.Path(__file__).resolve().parents[3]
HAR = ROOT / "tests" / "data" / "har"
DOC = ROOT / "docs" / "user-guide" / "cli.rst"
# The build tree's package folder (numresp/*.py are symlinks into the sources: do not resolve them).
PYTHONPATH = str(pathlib.Path(os.path.abspath(numresp.__file__)).parent.parent)


def run(capsys, *argv):
    """(exit code, stdout, stderr) of `numresp argv...` run in process."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def run_json(capsys, *argv):
    code, out, err = run(capsys, *argv, "--json")
    assert code == 0, err
    return json.loads(out)


def fails(capsys, argument, *argv):
    """The command exits with 2, names ``argument`` on stderr, prints nothing on stdout and no
    traceback; returns stderr."""
    code, out, err = run(capsys, *argv)
    assert code == 2, (code, out, err)
    assert out == ""
    assert argument in err, err
    assert "Traceback" not in err
    assert "error:" in err
    return err


def subprocess_numresp(*argv, stdin=None):
    env = dict(os.environ, PYTHONPATH=PYTHONPATH)
    return subprocess.run([sys.executable, "-m", "numresp", *argv], capture_output=True, text=True, env=env,
                          input=stdin, timeout=120)


# -- the command itself ---------------------------------------------------------------------------


def test_no_argument_prints_help_with_report_first(capsys):
    code, out, err = run(capsys)
    assert code == 0 and err == ""
    assert "usage: numresp" in out
    assert out.index("numresp report") < out.index("numresp traffic")
    commands = re.findall(r"^    (\w+)  ", out, re.M)
    assert commands[:7] == ["report", "traffic", "email", "ecoindex", "device", "sensors", "factors"]


def test_version(capsys):
    code, out, _ = run(capsys, "--version")
    assert code == 0
    assert out.strip() == f"numresp {numresp.__version__}"


def test_python_dash_m_version():
    done = subprocess_numresp("--version")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"numresp {numresp.__version__}"


def test_unknown_command(capsys):
    code, out, err = run(capsys, "fly")
    assert code == 2 and out == ""
    assert "invalid choice: 'fly'" in err and "Traceback" not in err


@pytest.mark.parametrize("command", ["report", "traffic", "email", "ecoindex", "device", "sensors",
                                     "sensors aggregate", "factors"])
def test_help_has_examples(capsys, command):
    code, out, err = run(capsys, *command.split(), "--help")
    assert code == 0 and err == ""
    assert "Examples:" in out
    assert f"  numresp {command}" in out
    if command != "sensors":
        assert "--json" in out


def test_sensors_alone_prints_its_help(capsys):
    code, out, _ = run(capsys, "sensors")
    assert code == 0 and "aggregate" in out


def test_format_number():
    assert format_number(14135.780003196209) == "14,136"
    assert format_number(1.9364082196159191) == "1.936"
    assert format_number(0.34086) == "0.3409"
    assert format_number(99.3704107454828) == "99.37"
    assert format_number(2.82) == "2.82"
    assert format_number(0) == "0"
    assert format_number(-1234.5) == "-1,234"  # round half to even, as format() does
    assert format_number(float("nan")) == "n/a" and format_number(None) == "n/a"


def test_parse_bytes():
    assert parse_bytes("2300000") == 2.3e6
    assert parse_bytes("2.3MB") == 2.3e6
    assert parse_bytes("500 kB") == 5e5
    assert parse_bytes("1KiB") == 1024
    assert parse_bytes("2Go") == 2e9
    assert parse_bytes("1e3") == 1000
    for bad in ("2.3KB", "-1", "abc", "3 kg", ""):
        with pytest.raises(ValueError):
            parse_bytes(bad)


# -- traffic --------------------------------------------------------------------------------------


def test_traffic_human(capsys):
    code, out, err = run(capsys, "traffic", "2.3MB")
    assert code == 0 and err == ""
    assert f"{format_number(traffic.per_byte(2.3e6))} g CO2e" in out
    assert "Sustainable Web Design v4" in out


def test_traffic_json_equals_the_library(capsys):
    data = run_json(capsys, "traffic", "2.3MB")
    assert data["grams_co2e"] == traffic.per_byte(2.3e6)
    assert data["bytes"] == 2.3e6 and data["model"] == "swd4"
    data = run_json(capsys, "traffic", "1GB", "--model", "swd3", "--green", "--country", "FRA")
    fra = {"device": "FRA", "network": "FRA", "data_center": "FRA"}
    assert data["grams_co2e"] == traffic.per_byte(1e9, "swd3", True, grid_intensity=fra)
    data = run_json(capsys, "traffic", "1GB", "--model", "onebyte")
    assert data["grams_co2e"] == traffic.per_byte(1e9, "onebyte")
    data = run_json(capsys, "traffic", "1GB", "--segments")
    assert data["segments"] == traffic.segments(1e9)
    data = run_json(capsys, "traffic", "1GB", "--green-share", "0.5")
    assert data["grams_co2e"] == traffic.per_byte(1e9, green_hosting_factor=0.5)


def test_traffic_visits(capsys):
    per_visit = traffic.per_visit(2.3e6, "swd3", first_visit_share=0.5)
    data = run_json(capsys, "traffic", "2.3MB", "--model", "swd3", "--visits", "1000", "--first-visit-share", "0.5")
    assert data["grams_per_visit"] == per_visit
    assert data["grams_co2e"] == per_visit * 1000
    assert data["rating"] == traffic.rating(per_visit, "swd3")
    code, out, _ = run(capsys, "traffic", "2.3MB", "--visits", "10000")
    assert code == 0
    assert f"{format_number(traffic.per_visit(2.3e6) * 10000)} g CO2e" in out
    assert f"rating {traffic.rating(traffic.per_visit(2.3e6))}" in out


@pytest.mark.parametrize("argv, argument", [
    (["2.3KB"], "argument BYTES"),
    (["-5"], "argument BYTES"),
    (["3kg"], "argument BYTES"),
    (["1GB", "--model", "swd5"], "argument --model"),
    (["1GB", "--model", "onebyte", "--visits", "3"], "argument --visits"),
    (["1GB", "--country", "XXX"], "argument --country"),
    (["1GB", "--model", "onebyte", "--segments"], "argument --segments"),
    (["1GB", "--first-visit-share", "0.5"], "argument --first-visit-share"),
    (["1GB", "--visits", "2", "--first-visit-share", "1.5"], "argument --first-visit-share"),
    (["1GB", "--visits", "-2"], "argument --visits"),
    (["1GB", "--model", "swd3", "--green-share", "0.5"], "argument --green-share"),
])
def test_traffic_errors(capsys, argv, argument):
    err = fails(capsys, argument, "traffic", *argv)
    if argv[0] in ("2.3KB", "-5", "3kg"):
        assert argv[0] in err


# -- email ----------------------------------------------------------------------------------------


def test_email_human(capsys):
    code, out, _ = run(capsys, "email", "--per-day", "20", "--days", "365")
    assert code == 0
    grams = usage.email(7300)
    assert "7,300 emails (20 a day for 365 days)" in out
    assert f"{format_number(grams)} g CO2e" in out
    assert format_number(grams) == "14,136"
    assert f"{format_number(usage.equivalent(grams, 'car_km'))} km" in out


def test_email_json_equals_the_library(capsys):
    data = run_json(capsys, "email", "100", "--attachment-bytes", "1MB", "--recipients", "5")
    kw = {"attachment_bytes": 1e6, "recipients": 5}
    assert data["grams_co2e"] == usage.email(100, **kw)
    assert data["grams_per_email"] == usage.email(1, **kw)
    assert data["breakdown"] == usage.email(100, breakdown=True, **kw)
    assert data["equivalent"]["value"] == usage.equivalent(usage.email(100, **kw), "car_km")
    assert data["equivalent"]["unit"] == "km"
    data = run_json(capsys, "email", "--per-day", "20")
    assert data["count"] == 7300 and data["days"] == 365
    data = run_json(capsys, "email", "3", "--network", "mobile_eu", "--device", "laptop", "--equivalent", "tgv_km")
    grams = usage.email(3, network="mobile_eu", device="laptop")
    assert data["grams_co2e"] == grams
    assert data["equivalent"]["value"] == usage.equivalent(grams, "tgv_km")


def test_email_equivalence_list(capsys):
    rows = run_json(capsys, "email", "--equivalent", "list")
    assert [r["name"] for r in rows] == usage.equivalences()


@pytest.mark.parametrize("argv, argument", [
    (["5", "--per-day", "3"], "argument --per-day"),
    (["--days", "3"], "argument --days"),
    (["-1"], "argument COUNT"),
    (["--recipients", "0"], "argument --recipients"),
    (["--attachment-bytes", "1 MO"], "argument --attachment-bytes"),
    (["--network", "wifi"], "argument --network"),
    (["--device", "phone"], "argument --device"),
    (["--equivalent", "cars"], "argument --equivalent"),
    (["--factor-set", "ademe-2030"], "argument --factor-set"),
    (["--factor-set", "ademe-2022"], "argument --factor-set"),  # a set without the email model
])
def test_email_errors(capsys, argv, argument):
    fails(capsys, argument, "email", *argv)


# -- ecoindex -------------------------------------------------------------------------------------


def test_ecoindex_human(capsys):
    code, out, _ = run(capsys, "ecoindex", "--dom", "600", "--requests", "45", "--size-kb", "1800")
    r = web.ecoindex(600, 45, 1800)
    assert code == 0
    assert f"EcoIndex {format_number(r.score)} / 100, grade {r.grade}" in out
    assert f"{format_number(r.ghg_g)} g CO2e" in out


def test_ecoindex_json_equals_the_library(capsys):
    data = run_json(capsys, "ecoindex", "--dom", "100", "--requests", "100", "--size-kb", "100")
    assert {k: data[k] for k in web.EcoIndexResult.__slots__} == web.ecoindex(100, 100, 100).to_dict()
    data = run_json(capsys, "ecoindex", "--dom", "100", "--requests", "100", "--size-kb", "100",
                    "--flavour", "ecoindex.fr")
    assert data["score"] == web.ecoindex(100, 100, 100, flavour="ecoindex.fr").score == 72.0


def test_ecoindex_from_a_har(capsys):
    har = HAR / "first-visit.har"
    summary = web.har_summary(har)
    data = run_json(capsys, "ecoindex", "--har", str(har), "--dom", "100")
    assert data["score"] == web.ecoindex(100, summary["requests"], summary["size_kb"]).score
    assert data["har"]["transfer_bytes"] == summary["transfer_bytes"]
    code, out, _ = run(capsys, "ecoindex", "--har", str(har), "--dom", "100")
    assert code == 0 and f"{summary['requests']} requests" in out


@pytest.mark.parametrize("argv, argument", [
    (["--requests", "4", "--size-kb", "3"], "--dom"),
    (["--dom", "5", "--requests", "4"], "argument --size-kb"),
    (["--dom", "5"], "argument --requests"),
    (["--dom", "-3", "--requests", "4", "--size-kb", "3"], "argument --dom"),
    (["--dom", "abc", "--requests", "4", "--size-kb", "3"], "argument --dom"),
    (["--dom", "5", "--requests", "4", "--size-kb", "3", "--flavour", "x"], "argument --flavour"),
    (["--dom", "5", "--har", "missing.har"], "argument --har"),
    (["--dom", "5", "--har", str(HAR / "bad" / "truncated.har")], "argument --har"),
    (["--dom", "5", "--har", str(HAR / "first-visit.har"), "--requests", "3"], "argument --requests"),
])
def test_ecoindex_errors(capsys, argv, argument):
    fails(capsys, argument, "ecoindex", *argv)


# -- device ---------------------------------------------------------------------------------------


def test_device_list(capsys):
    data = run_json(capsys, "device", "--list")
    assert list(data["kinds"]) == devices.kinds()
    assert data["kinds"]["desktop"] == devices.variants("desktop")
    assert data["locations"] == devices.locations()
    code, out, _ = run(capsys, "device", "--list", "--factor-set", "boavizta-2.4.1")
    assert code == 0
    for kind in devices.kinds("boavizta-2.4.1"):
        assert kind in out


def test_device_human_table(capsys):
    code, out, _ = run(capsys, "device", "laptop", "--years", "1")
    r = devices.evaluate("laptop", duration_hours=8760).to_dict()
    assert code == 0
    line = next(l for l in out.splitlines() if l.startswith("gwp "))
    assert format_number(r["gwp"]["embedded"]["value"]) in line
    assert format_number(r["gwp"]["use"]["value"]) in line
    assert "n/a" in next(l for l in out.splitlines() if l.startswith("adpe "))
    assert "no adpe factor for laptop" in out  # the reason a figure is missing


def test_device_bounds_shown(capsys):
    code, out, _ = run(capsys, "device", "laptop", "--factor-set", "boavizta-2.4.1", "--variant", "pro")
    use = devices.evaluate("laptop", factor_set="boavizta-2.4.1", variant="pro").to_dict()["gwp"]["use"]
    assert code == 0
    assert f"{format_number(use['value'])} [{format_number(use['low'])}, {format_number(use['high'])}]" in out


def test_device_json_equals_the_library(capsys):
    data = run_json(capsys, "device", "laptop", "--factor-set", "boavizta-2.4.1", "--variant", "pro",
                    "--location", "fra", "--hours", "8760", "--power", "30", "--use-time-ratio", "0.5")
    r = devices.evaluate("laptop", factor_set="boavizta-2.4.1", variant="pro", location="FRA", duration_hours=8760,
                         usage={"power_w": 30, "use_time_ratio": 0.5})
    assert data["criteria"] == json.loads(json.dumps(r.to_dict()))
    assert data["location"] == "FRA" and data["variant"] == "pro" and data["power_w"] == list(r.power_w)
    assert data["sources"] == r.sources
    data = run_json(capsys, "device", "smartphone", "--lifetime-hours", "10000")
    r = devices.evaluate("smartphone", usage={"lifetime_hours": 10000})
    assert data["criteria"] == json.loads(json.dumps(r.to_dict()))


@pytest.mark.parametrize("argv, argument", [
    ([], "argument KIND"),
    (["lapto"], "argument KIND"),
    (["laptop", "--variant", "gamer"], "argument --variant"),
    (["laptop", "--location", "XYZ"], "argument --location"),
    (["laptop", "--factor-set", "nope"], "argument --factor-set"),
    (["laptop", "--factor-set", "swd-v4"], "argument --factor-set"),  # a set without devices
    (["laptop", "--hours", "-1"], "argument --hours"),
    (["laptop", "--hours", "1", "--years", "1"], "argument --years"),
    (["laptop", "--use-time-ratio", "2"], "argument --use-time-ratio"),
    (["laptop", "--lifetime-hours", "0"], "argument --lifetime-hours"),
])
def test_device_errors(capsys, argv, argument):
    err = fails(capsys, argument, "device", *argv)
    if argv and argv[0] == "lapto":
        assert "known kinds: " in err


# -- sensors aggregate ----------------------------------------------------------------------------

READINGS = """sensor_id,timestamp,value
1,1709276400,10.5
1,1709276460,11.5
1,1709277300,12
2,1709276400,3
2,1709276500,
"""


@pytest.fixture
def readings(tmp_path):
    path = tmp_path / "readings.csv"
    path.write_text(READINGS)
    return path


def _library_table(window="15min", stats=("count", "sum", "min", "max", "mean"), tz="Europe/Paris", zone=None):
    frame = pd.read_csv(io.StringIO(READINGS))
    from numresp import sensors

    table = sensors.aggregate(frame["sensor_id"].to_numpy(), frame["timestamp"].to_numpy(),
                              frame["value"].to_numpy(), window=window, stats=stats, tz=tz, zone=zone)
    table["window_start"] = [t.isoformat() for t in table["window_start"]]
    return table


def test_sensors_csv_output_equals_the_library(capsys, readings):
    code, out, err = run(capsys, "sensors", "aggregate", str(readings))
    assert code == 0 and err == ""
    got = pd.read_csv(io.StringIO(out))
    pd.testing.assert_frame_equal(got, _library_table(), check_dtype=False)
    assert out.splitlines()[1] == "1,2024-03-01T08:00:00+01:00,2,22.0,10.5,11.5,11.0"


def test_sensors_json_records(capsys, readings):
    rows = run_json(capsys, "sensors", "aggregate", str(readings), "--window", "1h", "--stats", "count,mean,std",
                    "--tz", "UTC")
    expected = _library_table(window="1h", stats=("count", "mean", "std"), tz="UTC")
    assert [r["mean"] for r in rows] == expected["mean"].tolist()
    assert rows[0]["window_start"] == "2024-03-01T07:00:00+00:00"
    assert rows[1]["std"] is None  # one reading: NaN becomes null
    assert rows[0]["count"] == 3


def test_sensors_zone_map(capsys, readings, tmp_path):
    zones = tmp_path / "zones.csv"
    zones.write_text("sensor_id,zone\n1,north\n2,south\n3,east\n")
    rows = run_json(capsys, "sensors", "aggregate", str(readings), "--zone-map", str(zones))
    expected = _library_table(zone={1: "north", 2: "south"})
    assert [r["zone"] for r in rows] == expected["zone"].tolist()
    assert [r["sum"] for r in rows] == expected["sum"].tolist()


def test_sensors_iso_timestamps_and_text_ids(capsys, tmp_path):
    path = tmp_path / "iso.csv"
    path.write_text("sensor_id,timestamp,value\n"
                    "north-1,2024-03-01T08:00:00+01:00,10.5\n"
                    "north-1,2024-03-01T08:01:00,11.5\n"          # no offset: local time in --tz
                    "north-1,2024-03-01T07:15:00Z,12\n"
                    "south-2,2024-03-01 08:00:00,3\n")
    rows = run_json(capsys, "sensors", "aggregate", str(path))
    assert [(r["sensor_id"], r["window_start"], r["count"]) for r in rows] == [
        ("north-1", "2024-03-01T08:00:00+01:00", 2),
        ("north-1", "2024-03-01T08:15:00+01:00", 1),
        ("south-2", "2024-03-01T08:00:00+01:00", 1),
    ]
    zones = tmp_path / "zones.csv"
    zones.write_text("sensor_id,zone\nnorth-1,centre\nsouth-2,centre\n")
    rows = run_json(capsys, "sensors", "aggregate", str(path), "--zone-map", str(zones), "--window", "day")
    assert rows == [{"zone": "centre", "window_start": "2024-03-01T00:00:00+01:00", "count": 4, "sum": 37.0,
                     "min": 3.0, "max": 12.0, "mean": 9.25}]


def test_sensors_stdin(capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO(READINGS))
    code, out, _ = run(capsys, "sensors", "aggregate", "-", "--stats", "count")
    assert code == 0
    assert out.splitlines() == ["sensor_id,window_start,count", "1,2024-03-01T08:00:00+01:00,2",
                                "1,2024-03-01T08:15:00+01:00,1", "2,2024-03-01T08:00:00+01:00,1"]


@pytest.mark.parametrize("content, argument, detail", [
    ("sensor_id,value\n1,2\n", "argument CSV", "timestamp"),
    ("sensor_id,timestamp,value\n1,0,abc\n", "argument CSV", "line 2, column value"),
    ("sensor_id,timestamp,value\n1,0,1\n1,01/03/2024,1\n", "argument CSV", "line 3, column timestamp"),
    ("sensor_id,timestamp,value\n1,0,1\n1,2024-03-01,1\n", "argument CSV", "mixes epoch seconds (line 2: '0')"),
    ("sensor_id,timestamp,value\n1,2024-10-27T02:30:00,1\n", "argument CSV", "daylight-saving"),
    ("sensor_id,timestamp,value\n1,99999999999999,1\n", "argument CSV", "1677-2262"),
    ("sensor_id,timestamp,value\n,0,1\n", "argument CSV", "column sensor_id"),
])
def test_sensors_csv_errors(capsys, tmp_path, content, argument, detail):
    path = tmp_path / "bad.csv"
    path.write_text(content)
    err = fails(capsys, argument, "sensors", "aggregate", str(path))
    assert detail in err and "bad.csv" in err


@pytest.mark.parametrize("argv, argument", [
    (["--window", "15mn"], "argument --window"),
    (["--tz", "Europe/Pari"], "argument --tz"),
    (["--stats", "mean,median"], "argument --stats"),
    (["--zone-map", "missing.csv"], "argument --zone-map"),
])
def test_sensors_option_errors(capsys, readings, argv, argument):
    err = fails(capsys, argument, "sensors", "aggregate", str(readings), *argv)
    assert argv[1].split(",")[-1] in err


def test_sensors_missing_file_and_zone(capsys, readings, tmp_path):
    fails(capsys, "argument CSV", "sensors", "aggregate", str(tmp_path / "missing.csv"))
    zones = tmp_path / "zones.csv"
    zones.write_text("sensor_id,zone\n1,north\n")
    err = fails(capsys, "argument --zone-map", "sensors", "aggregate", str(readings), "--zone-map", str(zones))
    assert "sensor '2'" in err


# -- factors --------------------------------------------------------------------------------------


def test_factors_sets(capsys):
    rows = run_json(capsys, "factors")
    assert [r["name"] for r in rows] == factors.sets()
    assert rows[0]["default"] and rows[0]["factors"] == len(factors.default())
    assert rows[3]["licences"] == factors.get(rows[3]["name"]).licences()
    code, out, _ = run(capsys, "factors", "sets")
    assert code == 0 and "ademe-2025 (default)" in out


def test_factors_list_by_prefix(capsys):
    rows = run_json(capsys, "factors", "list", "grid.gwp", "--set", "ademe-2025")
    fs = factors.get("ademe-2025")
    assert rows == [fs[i] for i in fs if i.startswith("grid.gwp")]
    code, out, _ = run(capsys, "factors", "list", "grid.gwp")
    assert code == 0 and "grid.gwp.fra" in out and f"{len(rows)} of {len(fs)} factors" in out
    assert run_json(capsys, "factors", "list", "no.such.prefix") == []


def test_factors_show(capsys):
    fs = factors.get("boavizta-2.4.1")
    row = fs["device.laptop.pro.power"]
    data = run_json(capsys, "factors", "show", "device.laptop.pro.power", "--set", "boavizta-2.4.1")
    assert data == dict(row, set="boavizta-2.4.1")
    code, out, _ = run(capsys, "factors", "show", "grid.gwp.fra")
    fra = factors.default()["grid.gwp.fra"]
    assert code == 0
    assert f"{format_number(fra['value'], 6)} {fra['unit']}" in out
    assert f"licence  {fra['licence']}" in out
    assert "source   ADEME Base Empreinte" in out


@pytest.mark.parametrize("argv, argument", [
    (["show", "grid.gwp.fr"], "argument ID"),
    (["show"], "argument ID"),
    (["list", "--set", "ademe-2030"], "argument --set"),
    (["fly"], "argument ACTION"),
    (["sets", "extra"], "argument PREFIX|ID"),
])
def test_factors_errors(capsys, argv, argument):
    err = fails(capsys, argument, "factors", *argv)
    if argv[:2] == ["show", "grid.gwp.fr"]:
        assert "grid.gwp.fra" in err  # the closest ids


# -- report (the engine is numresp.report's; here, that the command drives it) ---------------------


@pytest.fixture
def fake_report(monkeypatch):
    calls = []

    def run_report(inventory, out_dir, formats, progress=True, stream=None):
        calls.append({"inventory": inventory, "out": out_dir, "formats": formats, "progress": progress,
                      "stream": stream})
        if inventory is not None and "broken" in str(inventory):
            raise numresp.InvalidArgumentError(f"{inventory}: $.devices[0].count: expected a number")
        os.makedirs(out_dir, exist_ok=True)
        for f in formats:
            pathlib.Path(out_dir, f"report.{f}").write_text("x")
        (stream or sys.stdout).write("summary\n")
        return 0

    module = types.ModuleType("numresp.report")
    module.run_report = run_report
    monkeypatch.setitem(sys.modules, "numresp.report", module)
    return calls


def test_report_sample_city_defaults(capsys, fake_report, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, "report")
    assert code == 0 and "summary" in out
    assert fake_report == [{"inventory": None, "out": "numresp-report", "formats": ["html", "json", "md"],
                            "progress": True, "stream": None}]


def test_report_options(capsys, fake_report, tmp_path):
    inventory = tmp_path / "city.json"
    inventory.write_text("{}")
    code, _, _ = run(capsys, "report", str(inventory), "--out", str(tmp_path / "r"), "--format", "html,md", "--quiet")
    assert code == 0
    assert fake_report[-1]["inventory"] == str(inventory)
    assert fake_report[-1]["formats"] == ["html", "md"] and fake_report[-1]["progress"] is False


def test_report_json(capsys, fake_report, tmp_path):
    code, out, err = run(capsys, "report", "--out", str(tmp_path / "r"), "--format", "json,md", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["files"] == ["report.json", "report.md"] and data["exit_code"] == 0 and data["sample_city"]
    assert "summary" in err  # the human summary goes to stderr with --json


@pytest.mark.parametrize("argv, argument", [
    (["--format", "html,pdf"], "argument --format"),
    (["--format", ","], "argument --format"),
    (["missing-city.json"], "argument INVENTORY"),
])
def test_report_errors(capsys, fake_report, tmp_path, argv, argument):
    fails(capsys, argument, "report", *argv, "--out", str(tmp_path / "r"))
    assert fake_report == []


def test_report_engine_error_is_a_message(capsys, fake_report, tmp_path):
    inventory = tmp_path / "broken.json"
    inventory.write_text("{}")
    err = fails(capsys, "$.devices[0].count", "report", str(inventory), "--out", str(tmp_path / "r"))
    assert "broken.json" in err


# -- as a subprocess ------------------------------------------------------------------------------


def test_subprocess_json_and_error():
    done = subprocess_numresp("traffic", "2.3MB", "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["grams_co2e"] == traffic.per_byte(2.3e6)
    done = subprocess_numresp("device", "lapto")
    assert done.returncode == 2
    assert done.stdout == ""
    assert "numresp device: error: argument KIND" in done.stderr and "Traceback" not in done.stderr


def test_subprocess_sensors_from_stdin():
    done = subprocess_numresp("sensors", "aggregate", "-", "--stats", "count,mean", "--json", stdin=READINGS)
    assert done.returncode == 0, done.stderr
    assert [r["mean"] for r in json.loads(done.stdout)] == _library_table(stats=("count", "mean"))["mean"].tolist()


# -- the user guide's examples --------------------------------------------------------------------


def _doc_sessions():
    """(command, expected output) of the console blocks of docs/user-guide/cli.rst, and the files
    they show with `cat FILE` (created before the commands run)."""
    text = DOC.read_text(encoding="utf-8")
    files, sessions = {}, []
    for block in re.findall(r"^\.\. code-block:: console\n\n((?:   .*\n|\n)+)", text, re.M):
        lines = [line[3:] for line in block.rstrip("\n").split("\n")]
        command, output = None, []
        for line in lines + ["$ "]:
            if line.startswith("$ "):
                if command is not None:
                    words = shlex.split(command, comments=True)
                    body = "\n".join(output).strip("\n")
                    if words[0] == "cat":
                        files[words[1]] = body + "\n"
                    elif words[0] == "numresp":
                        sessions.append((command, words[1:], body))
                command, output = line[2:], []
            else:
                output.append(line)
    return files, sessions


def _doc_workspace(folder, files):
    """The files the guide's examples read: those it shows with `cat`, and tests/ (HAR files)."""
    for name, content in files.items():
        (folder / name).write_text(content, encoding="utf-8")
    (folder / "tests").symlink_to(ROOT / "tests")


@pytest.mark.skipif(not DOC.exists(), reason="docs/user-guide/cli.rst not written")
def test_user_guide_examples_show_the_real_output(capsys, tmp_path, monkeypatch):
    files, sessions = _doc_sessions()
    assert len(sessions) >= 10
    _doc_workspace(tmp_path, files)
    monkeypatch.chdir(tmp_path)
    checked = 0
    for command, argv, expected in sessions:
        if argv[0] == "report":  # the report engine's own output: shown, not compared here
            continue
        code, out, err = run(capsys, *argv)
        assert (out + err).rstrip("\n") == expected, (
            f"docs/user-guide/cli.rst shows another output for `{command}`; if the change is right, "
            f"regenerate the outputs with: PYTHONPATH={PYTHONPATH} {sys.executable} {__file__} --update-docs")
        checked += 1
    assert checked >= 10


def _update_docs():
    """Rewrites the outputs shown after each `$ numresp ...` line of the guide's console blocks."""
    import contextlib
    import tempfile

    files, _ = _doc_sessions()
    lines = DOC.read_text(encoding="utf-8").split("\n")
    result, in_console, skipping = [], False, False
    with tempfile.TemporaryDirectory() as folder:
        _doc_workspace(pathlib.Path(folder), files)
        here = os.getcwd()
        os.chdir(folder)
        try:
            for line in lines:
                if line.startswith(".. code-block::"):
                    in_console = line.strip() == ".. code-block:: console"
                elif line and not line.startswith("   "):
                    in_console = False
                if skipping and in_console and not line.startswith("   $ "):
                    continue  # the old output
                skipping = False
                result.append(line)
                if in_console and line.startswith("   $ numresp "):
                    argv = shlex.split(line[5:], comments=True)[1:]
                    if argv[0] == "report":
                        continue
                    out, err = io.StringIO(), io.StringIO()
                    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                        main(argv)
                    text = (out.getvalue() + err.getvalue()).rstrip("\n")
                    result += [("   " + t) if t else "" for t in text.split("\n")]
                    skipping = True
        finally:
            os.chdir(here)
    # Keep the blank line that separated a block's last output from the next paragraph.
    text = "\n".join(result)
    text = re.sub(r"(\n   \S[^\n]*)\n(?=\S)", r"\1\n\n", text)
    DOC.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    if sys.argv[1:] == ["--update-docs"]:
        _update_docs()
        print(f"updated {DOC}")
    else:
        sys.exit(f"usage: {sys.argv[0]} --update-docs   (or run it with pytest)")
