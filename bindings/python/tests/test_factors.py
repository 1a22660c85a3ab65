import json
import math

import pandas as pd
import pytest

import numresp
from numresp import factors


def test_sets_default_first():
    names = factors.sets()
    assert names[0] == "ademe-2025"
    for expected in ("ademe-2025", "boavizta-2.4.1", "swd-v4", "swd-v3", "onebyte"):
        assert expected in names
    assert factors.default().name == "ademe-2025"


def test_unknown_set_is_a_key_error_listing_known_sets():
    with pytest.raises(numresp.NotFoundError, match="known sets: ademe-2025") as info:
        factors.get("ademe-2030")
    assert isinstance(info.value, KeyError)


def test_table_has_every_column_and_a_row_per_factor():
    fs = factors.default()
    table = fs.table()
    assert isinstance(table, pd.DataFrame)
    assert list(table.columns) == list(factors.COLUMNS)
    assert len(table) == len(fs)
    assert table["id"].is_unique
    assert table["year"].dtype == "int64"
    for column in ("source", "unit", "licence", "source_url", "region"):
        assert (table[column].str.len() > 0).all(), column
    row = table.set_index("id").loc["grid.gwp.fra"]
    assert row["value"] == 0.0519 and row["unit"] == "kgCO2e/kWh"
    assert math.isnan(row["low"])


@pytest.mark.parametrize("name", factors.sets())
def test_every_set_is_sourced(name):
    table = factors.get(name).table()
    assert len(table) > 0
    assert (table["source"].str.len() > 0).all()
    assert (table["licence"].str.len() > 0).all()
    assert (table["unit"].str.len() > 0).all()
    assert (table["year"] >= 1990).all()
    bounded = table.dropna(subset=["low"])
    assert (bounded["low"] <= bounded["value"]).all() and (bounded["value"] <= bounded["high"]).all()


def test_lookup_value_and_row():
    fs = factors.default()
    assert "grid.gwp.fra" in fs
    assert "grid.gwp.xyz" not in fs
    assert fs.value("grid.gwp.fra") == 0.0519
    assert fs.value("grid.gwp.fra", unit="gCO2e/kWh") == 51.9
    row = fs["grid.gwp.fra"]
    assert set(row) == set(factors.COLUMNS)
    assert row["low"] is None
    assert "grid.gwp.fra" in list(fs)
    with pytest.raises(KeyError, match="closest known ids: grid.gwp.fra"):
        fs["grid.gwp.frx"]
    with pytest.raises(ValueError, match="dimensions differ"):
        fs.value("grid.gwp.fra", unit="kWh")


def test_licences():
    assert "CC-BY-SA-4.0" in factors.get("swd-v4").licences()
    licences = factors.default().licences()
    assert licences == sorted(set(licences))


def test_dict_override_converts_units_and_leaves_the_original_alone():
    fs = factors.default()
    mine = fs.with_overrides({"grid.gwp.fra": {"value": 52, "unit": "gCO2e/kWh", "source": "RTE 2025"}})
    assert mine.value("grid.gwp.fra") == 0.052
    assert mine["grid.gwp.fra"]["source"] == "RTE 2025"
    assert mine["grid.gwp.fra"]["unit"] == "kgCO2e/kWh"
    assert fs.value("grid.gwp.fra") == 0.0519
    plain = fs.with_overrides({"grid.gwp.fra": 0.06})
    assert plain.value("grid.gwp.fra") == 0.06
    bounded = fs.with_overrides({"grid.gwp.fra": {"value": 0.06, "low": 0.05, "high": 0.07}})
    assert (bounded["grid.gwp.fra"]["low"], bounded["grid.gwp.fra"]["high"]) == (0.05, 0.07)
    assert "user-provided" in mine.licences()


@pytest.mark.parametrize(
    "spec, error, message",
    [
        ({"grid.gwp.frx": 1.0}, numresp.NotFoundError, "closest known ids: grid.gwp.fra"),
        ({"grid.gwp.fra": -1.0}, numresp.InvalidArgumentError, r"overrides\['grid.gwp.fra'\]: grid.gwp.fra: field 'value' = -1"),
        ({"grid.gwp.fra": float("nan")}, numresp.InvalidArgumentError, "field 'value' = nan"),
        ({"grid.gwp.fra": "0.05"}, numresp.InvalidArgumentError, "field 'value' = '0.05': expected a number"),
        ({"grid.gwp.fra": True}, numresp.InvalidArgumentError, "field 'value' = True"),
        ({"grid.gwp.fra": {"unit": "kgCO2e/kWh"}}, numresp.InvalidArgumentError, "field 'value' is missing"),
        ({"grid.gwp.fra": {"value": 1, "unit": "kWh"}}, numresp.InvalidArgumentError, "a unit of energy"),
        ({"grid.gwp.fra": {"value": 1, "unit": "kgCO3e/kWh"}}, numresp.InvalidArgumentError, "unknown symbol"),
        ({"grid.gwp.fra": {"value": 0.05, "low": 0.06, "high": 0.07}}, numresp.InvalidArgumentError, "greater than value"),
        ({"grid.gwp.fra": {"value": 0.05, "low": 0.01, "high": 0.04}}, numresp.InvalidArgumentError, "less than value"),
        ({"grid.gwp.fra": {"value": 0.05, "low": 0.01}}, numresp.InvalidArgumentError, "low and high are given together"),
        ({"grid.gwp.fra": {"value": 0.05, "valeur": 1}}, numresp.InvalidArgumentError, "unknown field 'valeur'"),
        ({"grid.gwp.fra": {"value": 0.05, "unit": 3}}, numresp.InvalidArgumentError, "field 'unit' = 3: expected a str"),
    ],
)
def test_bad_dict_overrides(spec, error, message):
    fs = factors.default()
    with pytest.raises(error, match=message):
        fs.with_overrides(spec)
    assert fs.value("grid.gwp.fra") == 0.0519


def test_failed_override_is_all_or_nothing_and_lists_every_error():
    fs = factors.default()
    with pytest.raises(numresp.NumrespError, match="2 invalid overrides, none applied") as info:
        fs.with_overrides({"grid.gwp.fra": 0.07, "grid.gwp.eux": 1.0, "grid.gwp.chn": -3})
    assert "grid.gwp.eux" in str(info.value) and "grid.gwp.chn" in str(info.value)
    assert fs.value("grid.gwp.fra") == 0.0519


def test_file_overrides(tmp_path):
    fs = factors.default()
    csv_file = tmp_path / "overrides.csv"
    csv_file.write_text("id,value,unit,source\ngrid.gwp.fra,60,gCO2e/kWh,my study\n")
    assert fs.with_overrides(csv_file).value("grid.gwp.fra") == 0.06
    assert fs.with_overrides(str(csv_file))["grid.gwp.fra"]["source"] == "my study"
    json_file = tmp_path / "overrides.json"
    json_file.write_text(json.dumps({"grid.gwp.fra": {"value": 0.07}}))
    assert fs.with_overrides(json_file).value("grid.gwp.fra") == 0.07

    bad = tmp_path / "bad.csv"
    bad.write_text("id,value\ngrid.gwp.fra,0.06\ngrid.gwp.fra,abc\n")
    with pytest.raises(numresp.InvalidArgumentError, match=r"bad.csv:3: grid.gwp.fra: field 'value' = \"abc\""):
        fs.with_overrides(bad)
    broken = tmp_path / "broken.json"
    broken.write_text('{"grid.gwp.fra": {"value": 0.06,}}')
    with pytest.raises(numresp.InvalidArgumentError, match=r"broken.json:1: malformed JSON at byte offset"):
        fs.with_overrides(broken)
    with pytest.raises(numresp.NotFoundError):
        fs.with_overrides(tmp_path / "missing.json")
    with pytest.raises(TypeError, match="expected a path or a dict"):
        fs.with_overrides(42)
    assert fs.value("grid.gwp.fra") == 0.0519


def test_repr():
    fs = factors.default()
    assert repr(fs).startswith("<FactorSet 'ademe-2025': ")
    assert "<table" in fs._repr_html_()
