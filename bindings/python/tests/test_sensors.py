"""numresp.sensors.aggregate and numresp.dask.aggregate: equal to pandas on random data in random
order (fixed and calendar windows across daylight-saving changes, zones, variances), the names
the issue fixes, pickling of every state, errors, and Dask on a LocalCluster of two processes."""

import doctest
import pickle

import numpy as np
import pandas as pd
import pytest

import numresp
from numresp import sensors

PARIS = "Europe/Paris"
# 20 March to 5 April 2026 and 20 October to 5 November 2026: both daylight-saving changes.
SPANS = [(1773964800, 1775347200), (1792454400, 1793836800)]


def readings(n=60000, seed=0, sensors_count=80):
    rng = np.random.default_rng(seed)
    half = n // 2
    t = np.concatenate([rng.integers(a, b, half) for a, b in SPANS])
    rng.shuffle(t)
    return (rng.integers(0, sensors_count, len(t)) * 3 + 1, t.astype(np.int64), rng.normal(20, 5, len(t)))


def pandas_reference(sid, t, v, window, tz, keys=("sensor_id",), group=None):
    ts = pd.to_datetime(t, unit="s", utc=True).tz_convert(tz)
    local = ts.tz_localize(None)
    if window in ("15min", "hour"):
        # Fixed widths floor in absolute time (Paris changes by whole hours, so local hours are
        # UTC hours); flooring wall-clock time would hit the repeated autumn hour.
        width = 900 if window == "15min" else 3600
        start = pd.to_datetime(t // width * width, unit="s", utc=True).tz_convert(tz)
    elif window == "day":
        start = pd.DatetimeIndex(local.normalize()).tz_localize(tz)
    elif window == "week":
        start = pd.DatetimeIndex(local.to_period("W-SUN").start_time).tz_localize(tz)
    else:
        start = pd.DatetimeIndex(local.to_period("M").start_time).tz_localize(tz)
    frame = pd.DataFrame({keys[0]: sid if group is None else group, "window_start": start, "value": v})
    return (frame.groupby([keys[0], "window_start"])["value"]
            .agg(["count", "sum", "min", "max", "mean", "var", "std"]).reset_index())


@pytest.mark.parametrize("window", ["15min", "hour", "day", "week", "month"])
def test_aggregate_equals_pandas(window):
    sid, t, v = readings(seed=len(window))
    ours = sensors.aggregate(sid, t, v, window=window, stats=sensors.STATS)
    ref = pandas_reference(sid, t, v, window, PARIS)
    assert list(ours.columns) == ["sensor_id", "window_start", *sensors.STATS]
    assert str(ours["window_start"].dtype) == "datetime64[ns, Europe/Paris]"
    assert len(ours) == len(ref)
    assert (ours["sensor_id"].to_numpy() == ref["sensor_id"].to_numpy()).all()
    assert (ours["window_start"] == ref["window_start"]).all()
    for c in ("count", "min", "max"):
        assert (ours[c].to_numpy() == ref[c].to_numpy()).all(), c
    for c in ("sum", "mean", "var", "std"):
        np.testing.assert_allclose(ours[c].to_numpy(), ref[c].to_numpy(), rtol=1e-10, equal_nan=True)


def test_inputs_frames_datetimes_and_zones():
    sid, t, v = readings(n=20000, seed=7)
    base = sensors.aggregate(sid, t, v, window="day")
    frame = pd.DataFrame({"sensor_id": sid, "timestamp": t, "value": v})
    pd.testing.assert_frame_equal(sensors.aggregate(frame, window="day"), base)
    dt64 = t.astype("datetime64[s]")
    pd.testing.assert_frame_equal(sensors.aggregate(sid, dt64, v, window="day"), base)
    aware = pd.Series(pd.to_datetime(t, unit="s", utc=True)).dt.tz_convert("America/New_York")
    pd.testing.assert_frame_equal(sensors.aggregate(sid, aware, v, window="day"), base)
    # Zones: per-zone statistics are the statistics of the zone's readings.
    zones = {s: ("north" if s % 2 else "south") for s in np.unique(sid)}
    ours = sensors.aggregate(sid, t, v, window="day", zone=zones, stats=("count", "sum", "min", "max", "mean"))
    ref = pandas_reference(sid, t, v, "day", PARIS, keys=("zone",), group=np.array([zones[s] for s in sid]))
    assert list(ours.columns)[:2] == ["zone", "window_start"]
    assert (ours["zone"].to_numpy() == ref["zone"].to_numpy()).all()
    assert (ours["count"].to_numpy() == ref["count"].to_numpy()).all()
    np.testing.assert_allclose(ours["sum"].to_numpy(), ref["sum"].to_numpy(), rtol=1e-12)
    # NaN readings are ignored, as pandas does.
    v2 = v.copy()
    v2[::10] = np.nan
    ours = sensors.aggregate(sid, t, v2, window="day")
    assert ours["count"].sum() == np.count_nonzero(~np.isnan(v2))


def test_errors_name_the_argument():
    sid, t, v = readings(n=100)
    with pytest.raises(numresp.InvalidArgumentError, match="stats: unknown 'median'"):
        sensors.aggregate(sid, t, v, stats=("count", "median"))
    with pytest.raises(ValueError, match="unknown unit"):
        sensors.aggregate(sid, t, v, window="15 fortnights")
    with pytest.raises(KeyError, match="Mars/Olympus"):
        sensors.aggregate(sid, t, v, tz="Mars/Olympus")
    with pytest.raises(ValueError, match="timestamp: expected int64 epoch seconds or datetime64"):
        sensors.aggregate(sid, t.astype(float), v)
    with pytest.raises(ValueError, match="sensor_id: expected integers"):
        sensors.aggregate(sid.astype(str), t, v)
    with pytest.raises(ValueError, match="lacks column"):
        sensors.aggregate(pd.DataFrame({"sensor_id": sid, "time": t, "value": v}))
    with pytest.raises(ValueError, match="must match"):
        sensors.aggregate(sid[:5], t, v)
    with pytest.raises(KeyError, match=r"sensor \d+ \(row 0\) has no zone"):
        sensors.aggregate(sid, t, v, zone={-1: "nowhere"})


def test_quantities_are_never_aggregated_together():
    sid, t, v = readings(n=30000, seed=11)
    rng = np.random.default_rng(11)
    q = rng.choice(["humidity %", "temperature °C", "CO2 ppm"], len(sid))
    ours = sensors.aggregate(sid, t, v, window="hour", quantity=q, stats=("count", "sum", "min", "max", "mean"))
    assert list(ours.columns)[:3] == ["sensor_id", "quantity", "window_start"]
    assert list(ours["quantity"].cat.categories) == sorted(set(q))
    start = pd.to_datetime(t // 3600 * 3600, unit="s", utc=True).tz_convert(PARIS)
    ref = (pd.DataFrame({"sensor_id": sid, "quantity": q, "window_start": start, "value": v})
           .groupby(["sensor_id", "quantity", "window_start"])["value"]
           .agg(["count", "sum", "min", "max", "mean"]).reset_index())
    assert len(ours) == len(ref)
    assert (ours["sensor_id"].to_numpy() == ref["sensor_id"].to_numpy()).all()
    assert (ours["quantity"].astype(str).to_numpy() == ref["quantity"].to_numpy()).all()
    assert (ours["window_start"] == ref["window_start"]).all()
    for c in ("count", "min", "max"):
        assert (ours[c].to_numpy() == ref[c].to_numpy()).all(), c
    np.testing.assert_allclose(ours["sum"].to_numpy(), ref["sum"].to_numpy(), rtol=1e-12)
    # A DataFrame column by name, and zones: per (zone, quantity).
    frame = pd.DataFrame({"sensor_id": sid, "timestamp": t, "value": v, "unit": q})
    pd.testing.assert_frame_equal(
        sensors.aggregate(frame, window="hour", quantity="unit", stats=("count", "sum", "min", "max", "mean")), ours)
    zones = {s: ("north" if s % 2 else "south") for s in np.unique(sid)}
    by_zone = sensors.aggregate(sid, t, v, window="day", zone=zones, quantity=q, stats=("count",))
    assert list(by_zone.columns) == ["zone", "quantity", "window_start", "count"]
    assert by_zone.groupby(["zone", "quantity"], observed=True)["count"].sum().to_dict() == (
        pd.Series(1, index=pd.MultiIndex.from_arrays([[zones[s] for s in sid], q])).groupby(level=[0, 1]).sum()
        .to_dict())
    # Errors name the reading or the argument.
    bad = q.astype(object)
    bad[5] = None
    with pytest.raises(numresp.InvalidArgumentError, match=r"quantity\[5\]: missing \(None\)"):
        sensors.aggregate(sid, t, v, quantity=bad)
    with pytest.raises(numresp.InvalidArgumentError, match="labels for 30000 readings"):
        sensors.aggregate(sid, t, v, quantity=q[:10])
    with pytest.raises(numresp.InvalidArgumentError, match="needs a DataFrame with that column"):
        sensors.aggregate(frame, quantity="kind")


def test_states_merge_and_pickle():
    sid, t, v = readings(n=30000, seed=3)
    t_ns = t * 1_000_000_000
    whole = sensors.WindowTable(sid, t_ns, v, "15min", "UTC")
    halves = [sensors.WindowTable(sid[i::2], t_ns[i::2], v[i::2], "15min", "UTC") for i in (0, 1)]
    merged = pickle.loads(pickle.dumps(halves[1])).merge(halves[0])
    a, b = whole.columns(), merged.columns()
    for c in ("group", "window_start", "count", "min", "max"):
        assert (a[c] == b[c]).all(), c
    np.testing.assert_allclose(a["sum"], b["sum"], rtol=1e-12)
    back = sensors.WindowTable.deserialize(whole.serialize())
    assert back.serialize() == whole.serialize()
    s = sensors.Stats()
    s.update_array(v)
    s2 = pickle.loads(pickle.dumps(s))
    assert s2 == s and s2.n == len(v)
    assert s.variance() == pytest.approx(np.var(v, ddof=1), rel=1e-12)
    with pytest.raises(ValueError, match="not a numresp sensor aggregate"):
        sensors.WindowTable.deserialize(b"\x00" * 40)


def test_docstring_examples():
    assert doctest.testmod(sensors).failed == 0


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # tornado, via Debian's distributed 2022.12
def test_dask_equals_single_machine_on_a_local_cluster():
    dd = pytest.importorskip("dask.dataframe")
    distributed = pytest.importorskip("distributed")
    from numresp import dask as nd

    sid, t, v = readings(n=40000, seed=11)
    frame = pd.DataFrame({"sensor_id": sid, "timestamp": t, "value": v})
    single = sensors.aggregate(frame, window="hour", stats=sensors.STATS)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, distributed.Client(cluster):
        for by in ("timestamp", "sensor_id"):
            ddf = dd.from_pandas(frame.sort_values(by), npartitions=6)
            out = nd.aggregate(ddf, window="hour", stats=sensors.STATS)
            assert len(out) == len(single)
            for c in ("sensor_id", "count", "min", "max"):
                assert (out[c].to_numpy() == single[c].to_numpy()).all(), (by, c)
            assert (out["window_start"] == single["window_start"]).all()
            for c in ("sum", "mean", "var", "std"):
                np.testing.assert_allclose(out[c].to_numpy(), single[c].to_numpy(), rtol=1e-10, equal_nan=True)
        zones = {s: s % 4 for s in np.unique(sid)}
        out = nd.aggregate(dd.from_pandas(frame, npartitions=3), window="day", zone=zones)
        pd.testing.assert_frame_equal(out, sensors.aggregate(frame, window="day", zone=zones), rtol=1e-10)


def test_timestamps_beyond_int64_nanoseconds_are_refused():
    with pytest.raises(numresp.InvalidArgumentError, match=r"timestamp\[1\]: 99999999999999 epoch seconds"):
        sensors.aggregate(np.array([1, 1]), np.array([0, 99999999999999]), np.array([1.0, 2.0]))


def test_stats_repr_html_for_notebooks():
    s = sensors.Stats()
    assert "mean" not in s._repr_html_()
    s.update_array(np.array([1.0, 2.0, 4.0]))
    html = s._repr_html_()
    assert "<b>Stats</b>" in html and "<td>3</td>" in html and "<td>7</td>" in html
    assert f"<td>{s.variance(1):.6g}</td>" in html
    one = sensors.Stats()
    one.update(5.0)
    assert "<th style=\"text-align:left\">variance (ddof 1)</th><td><i>none</i></td>" in one._repr_html_()
