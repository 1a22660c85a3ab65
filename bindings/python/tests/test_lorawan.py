"""numresp.sensors._lorawan: Cayenne LPP decoding against the golden vectors (npm cayenne-lpp 1.0.2
and the hand-written extended types), errors with byte offsets, ChirpStack v4 events, and the
ingestion of the synthetic sample (de-duplication, counter resets, the accounting invariant)."""

import base64
import datetime as dt
import doctest
import io
import json
import pathlib

import numpy as np
import pandas as pd
import pytest

import numresp
from numresp.sensors import _lorawan as lw
from numresp.sensors._lorawan import (
    REJECTION_COLUMNS,
    READING_COLUMNS,
    UplinkIngestor,
    decode_cayenne_lpp,
    lpp_types,
    parse_uplink,
    read_uplinks,
)

DATA = pathlib.Path(__file__).resolve().parents[3] / "tests" / "data" / "sensors"
SAMPLE = DATA / "uplinks_sample.jsonl"
GOLDEN = DATA / "cayenne_lpp_golden.jsonl"


def golden_rows():
    return [json.loads(line) for line in GOLDEN.read_text().splitlines()]


def event(eui="0004a30b001c0530", f_cnt=1, time="2025-03-10T08:00:00Z", payload="03670110", gateways=("gw1",),
          f_port=1):
    e = {
        "deduplicationId": "3ac7e3c4-4401-4b8d-9386-a5c902f9202d",
        "deviceInfo": {"deviceName": "test", "devEui": eui},
        "fCnt": f_cnt,
        "fPort": f_port,
        "data": base64.b64encode(bytes.fromhex(payload)).decode(),
        "rxInfo": [{"gatewayId": g, "rssi": -80, "snr": 5.5} for g in gateways],
    }
    if time is not None:
        e["time"] = time
    return json.dumps(e)


# -- Cayenne LPP ------------------------------------------------------------------------------------


def test_doctests():
    failures, _ = doctest.testmod(lw, optionflags=doctest.ELLIPSIS)
    assert failures == 0


def test_golden_vectors():
    rows = golden_rows()
    assert len(rows) >= 230
    names = {t["code"]: t["name"] for t in lpp_types()}
    for row in rows:
        payload = bytes.fromhex(row["hex"])
        if "error" in row:
            with pytest.raises(numresp.InvalidArgumentError, match=f"byte offset {row['error']['offset']},"):
                decode_cayenne_lpp(payload)
            continue
        got = decode_cayenne_lpp(payload)
        assert len(got) == len(row["values"]), row["hex"]
        for g, w in zip(got, row["values"]):
            assert g["channel"] == w["channel"]
            assert g["type"] == w["name"] == names[w["type"]]
            value = g["value"] if isinstance(g["value"], tuple) else (g["value"],)
            assert list(value) == w["values"], row["hex"]  # exact


def test_decode_shapes_and_units():
    got = decode_cayenne_lpp(bytearray.fromhex("067104d2fb2e0000" "0f87ff8000" "0c8300bc614e"))
    assert got[0] == {"channel": 6, "type": "accelerometer", "value": (1.234, -1.234, 0.0), "unit": ("G", "G", "G")}
    assert got[1] == {"channel": 15, "type": "colour", "value": (255.0, 128.0, 0.0), "unit": ("", "", "")}
    assert got[2] == {"channel": 12, "type": "energy", "value": 12345.678, "unit": "kWh"}
    assert decode_cayenne_lpp(memoryview(b"")) == []
    assert decode_cayenne_lpp(memoryview(bytes.fromhex("0474ffff")))[0]["value"] == 655.35  # unsigned voltage


def test_decode_errors():
    with pytest.raises(numresp.InvalidArgumentError, match=r"byte offset 4, channel 5, type 99: unknown type"):
        decode_cayenne_lpp(bytes.fromhex("03670110056300"))
    with pytest.raises(ValueError, match=r"byte offset 4, channel 5: truncated entry"):
        decode_cayenne_lpp(bytes.fromhex("0367011005"))
    payload = bytes.fromhex("0367ff9c027104d2fb2e0001048806765ff2960a0003e8")
    starts = [0, 4, 12, 23]
    for n in range(len(payload)):
        if n in starts:
            assert len(decode_cayenne_lpp(payload[:n])) == starts.index(n)
        else:
            entry = max(s for s in starts if s <= n)
            with pytest.raises(numresp.InvalidArgumentError, match=f"byte offset {entry},"):
                decode_cayenne_lpp(payload[:n])
    with pytest.raises(TypeError, match="bytes.fromhex"):
        decode_cayenne_lpp("03670110")
    with pytest.raises(TypeError):
        decode_cayenne_lpp(12)


def test_type_table():
    types = lpp_types()
    assert len(types) == 28
    by_name = {t["name"]: t for t in types}
    assert by_name["gps"]["divisors"] == (10000.0, 10000.0, 100.0)
    assert by_name["gps"]["components"] == ("latitude", "longitude", "altitude")
    assert by_name["voltage"]["signed"] is False and by_name["voltage"]["source"] == "extended"
    assert by_name["temperature"]["ipso"] == 3303 and by_name["temperature"]["units"] == ("°C",)
    assert by_name["switch"]["code"] == 142
    assert {t["source"] for t in types} == {"base", "extended", "other"}


# -- Events -----------------------------------------------------------------------------------------


def test_parse_uplink():
    u = parse_uplink(event(eui="0004A30B001C0530", f_cnt=42, time="2025-03-10T08:00:10.123456+00:00"))
    assert u["dev_eui"] == "0004a30b001c0530"
    assert u["f_cnt"] == 42
    assert u["time"] == dt.datetime(2025, 3, 10, 8, 0, 10, 123456, tzinfo=dt.timezone.utc)
    assert u["time_source"] == "time"
    assert u["payload"] == bytes.fromhex("03670110")
    assert u["rx"] == [("gw1", -80, 5.5)]
    e = json.loads(event(time=None))
    e["rxInfo"][0]["nsTime"] = "2025-03-10T08:00:01Z"
    assert parse_uplink(json.dumps(e).encode())["time_source"] == "rxInfo.nsTime"
    with pytest.raises(numresp.InvalidArgumentError, match=r"deviceInfo.devEui: expected 16 hex digits"):
        parse_uplink(event(eui="0004a30b001c053"))
    e = json.loads(event())
    e["data"] = "A2*BEA=="
    with pytest.raises(numresp.InvalidArgumentError, match=r"data: invalid base64: invalid character '\*' at character 2"):
        parse_uplink(json.dumps(e))
    with pytest.raises(numresp.InvalidArgumentError, match=r"time: missing"):
        parse_uplink(event(time=None))
    with pytest.raises(numresp.InvalidArgumentError, match=r"json: invalid JSON at byte"):
        parse_uplink("{")


# -- Ingestion --------------------------------------------------------------------------------------


def test_read_uplinks_sample():
    df, report = read_uplinks(SAMPLE)
    assert tuple(df.columns) == READING_COLUMNS
    assert (report["received"], report["accepted"], report["duplicates"], report["rejected"]) == (76, 41, 25, 10)
    assert report["accepted"] + report["duplicates"] + report["rejected"] == report["received"]
    assert report["readings"] == 114
    assert report["counter_reuses"] == 3
    assert str(df["time"].dtype) == "datetime64[ns, UTC]"
    assert df["value"].dtype == np.float64
    # 114 entries, of which 6 GPS fixes and 6 accelerometer readings of 3 values each.
    assert len(df) == 114 + 2 * 12
    gps = df[(df["type"] == "gps")]
    assert set(gps["component"]) == {"latitude", "longitude", "altitude"}
    assert set(gps.loc[gps["component"] == "altitude", "unit"]) == {"m"}
    temperature = df[df["type"] == "temperature"]
    assert set(temperature["dev_eui"]) == {"0004a30b001c0530"} and set(temperature["unit"]) == {"°C"}
    assert len(temperature) == 12
    bins = df[(df["dev_eui"] == "0004a30b001c0531") & (df["channel"] == 2)]
    assert list(bins["gateways"]) == [3 if (f - 20) % 3 == 0 else 2 for f in bins["f_cnt"]]
    light = df[(df["dev_eui"] == "70b3d57ed0051a2c") & (df["channel"] == 1)]
    assert sorted(light["f_cnt"]) == [0, 0, 1, 1, 2, 2, 3]
    rej = report["rejections"]
    assert tuple(rej.columns) == REJECTION_COLUMNS
    assert list(rej["field"]) == ["json", "json", "deviceInfo.devEui", "deviceInfo.devEui", "data", "data", "data",
                                  "fCnt", "fPort", "time"]
    text = SAMPLE.read_bytes()
    for line, offset in zip(rej["line"], rej["offset"]):
        assert offset == 0 or text[offset - 1:offset] == b"\n"
        assert text[:offset].count(b"\n") + 1 == line


def test_read_uplinks_inputs_agree():
    df_path, rep_path = read_uplinks(str(SAMPLE))
    df_bytes, rep_bytes = read_uplinks(SAMPLE.read_bytes())
    with open(SAMPLE, encoding="utf-8") as f:
        df_lines, rep_lines = read_uplinks(f)
    df_list, _ = read_uplinks(SAMPLE.read_text().splitlines())
    for df, rep in ((df_bytes, rep_bytes), (df_lines, rep_lines)):
        pd.testing.assert_frame_equal(df, df_path)
        assert {k: v for k, v in rep.items() if k != "rejections"} == {
            k: v for k, v in rep_path.items() if k != "rejections"}
        pd.testing.assert_frame_equal(rep["rejections"], rep_path["rejections"])
    pd.testing.assert_frame_equal(df_list, df_path)
    df_io, rep_io = read_uplinks(io.StringIO(SAMPLE.read_text()))
    assert rep_io["received"] == 76


def test_dedup_window_and_counter_reset():
    lines = [
        event(f_cnt=7, time="2025-03-10T08:00:00.000Z", gateways=("gw1",)),
        event(f_cnt=7, time="2025-03-10T08:00:00.150Z", gateways=("gw2",)),
        event(f_cnt=7, time="2025-03-10T08:03:00Z", gateways=("gw3",)),
        event(f_cnt=7, time="2025-03-10T09:00:00Z", gateways=("gw1",)),  # an hour later: the counter was reset
        event(f_cnt=7, time="2025-03-10T08:00:30Z", payload="03670111"),  # another payload: a new frame
    ]
    df, rep = read_uplinks(lines)
    assert (rep["accepted"], rep["duplicates"], rep["counter_reuses"]) == (3, 2, 2)
    assert list(df["gateways"]) == [3, 1, 1]
    df, rep = read_uplinks(lines, dedup_window=dt.timedelta(seconds=1))
    assert (rep["accepted"], rep["duplicates"]) == (4, 1)
    df, rep = read_uplinks(lines, dedup_window=pd.Timedelta("2h"))
    assert (rep["accepted"], rep["duplicates"]) == (2, 3)
    df, rep = read_uplinks(lines, merge_gateways=False)
    assert list(df["gateways"]) == [1, 1, 1]


def test_options_and_ports():
    lines = [event(f_cnt=1, f_port=1), event(f_cnt=2, f_port=2), event(f_cnt=3, f_port=0, payload=""), "", "  "]
    df, rep = read_uplinks(lines, lpp_ports=[2])
    assert (rep["received"], rep["accepted"], rep["rejected"]) == (3, 1, 2)
    assert list(rep["rejections"]["field"]) == ["fPort", "fPort"]
    with pytest.raises(numresp.InvalidArgumentError, match="lpp_ports"):
        read_uplinks(lines, lpp_ports=[0])
    with pytest.raises(numresp.InvalidArgumentError, match="dedup_window"):
        read_uplinks(lines, dedup_window=-1)
    with pytest.raises(ValueError, match="dedup_window"):
        read_uplinks(lines, dedup_window=float("nan"))
    _, rep = read_uplinks(lines + ["x"] * 5, max_rejections=2)
    assert rep["rejected"] == 6 and len(rep["rejections"]) == 2 and rep["rejections_dropped"] == 4


def test_empty_input():
    df, rep = read_uplinks(b"")
    assert len(df) == 0 and tuple(df.columns) == READING_COLUMNS
    assert rep["received"] == 0 and len(rep["rejections"]) == 0
    assert str(df["time"].dtype) == "datetime64[ns, UTC]"


def test_streaming_ingestor():
    ing = UplinkIngestor(dedup_window=60)
    assert ing.add_line(event(f_cnt=1)) == "accepted"
    assert ing.add_line(event(f_cnt=1, gateways=("gw2",)) + "\n") == "duplicate"
    assert ing.add_line("\n") == "blank"
    assert ing.add_line(b"{oops") == "rejected"
    first = ing.take_readings()
    assert len(first) == 1 and first["gateways"].iloc[0] == 2
    assert ing.add_line(event(f_cnt=2, time="2025-03-10T08:10:00Z")) == "accepted"
    assert len(ing.take_readings()) == 1
    assert len(ing.take_readings()) == 0
    assert ing.frames_tracked == 2
    ing.forget_before(pd.Timestamp("2025-03-10T08:05:00Z"))
    assert ing.frames_tracked == 1
    with pytest.raises(numresp.InvalidArgumentError):
        ing.forget_before(dt.datetime(2025, 3, 10, 8, 5))
    rep = ing.report()
    assert (rep["received"], rep["accepted"], rep["duplicates"], rep["rejected"]) == (4, 2, 1, 1)
    assert rep["rejections"].loc[0, "line"] == 4


def test_accounting_invariant_on_garbage():
    rng = np.random.default_rng(8)
    text = bytearray(SAMPLE.read_bytes())
    for _ in range(30):
        mutated = bytearray(text)
        for i in rng.integers(0, len(mutated), 50):
            mutated[i] = int(rng.integers(0, 256))
        df, rep = read_uplinks(bytes(mutated))
        assert rep["accepted"] + rep["duplicates"] + rep["rejected"] == rep["received"]
        assert all(isinstance(r, str) for r in rep["rejections"]["reason"])


def test_reexported_by_the_package():
    from numresp import sensors

    if hasattr(sensors, "read_uplinks"):
        assert sensors.read_uplinks is read_uplinks
        assert sensors.decode_cayenne_lpp is decode_cayenne_lpp
