"""numresp.sensors._ordered: TimeWeight and Counter — TimescaleDB Toolkit's documented examples,
random series against numpy / pandas computations (numpy.trapz for linear, step sums for LOCF,
explicit reset accumulation for counters), ordered merges and their errors, times as int64 ns /
datetime64 / pandas / aware datetimes, bytes and pickling (versioned state), golden files."""

import copy
import datetime as dt
import pathlib
import pickle

import numpy as np
import pandas as pd
import pytest

import numresp
from numresp.sensors._ordered import PICKLE_VERSION, Counter, TimeWeight

GOLDEN = pathlib.Path(__file__).resolve().parents[3] / "tests" / "data" / "sensors"
T2020 = 1577836800  # 2020-01-01T00:00:00Z in epoch seconds
MINUTE = 60
HOUR = 60 * MINUTE
DAY = 24 * HOUR
NS = 10**9  # nanoseconds per second


def ns(x):
    """Times written in nanoseconds (Toolkit's cases are) as datetime64[ns]: integers are epoch
    seconds for numresp.sensors."""
    a = np.asarray(x, dtype=np.int64).astype("datetime64[ns]")
    return a[()] if a.ndim == 0 else a

trapezoid = getattr(np, "trapezoid", None) or np.trapz


def doc_measure_2():
    """docs/time_weighted_average.md, table foo, measure_id 2."""
    minutes = np.array([0, 1, 2, 3, 4, 8, 10, 10.5, 16.5, 30])
    values = np.array([10, 20, 10, 20, 10, 10, 30, 10, 35, 60], dtype=float)
    t = np.datetime64("2020-01-01T00:00", "ns") + (minutes * 60e9).astype("int64").astype("timedelta64[ns]")
    return t, values


# -- Toolkit's documented examples ----------------------------------------------------------------


def test_toolkit_doc_averages():
    t, v = doc_measure_2()
    tw = TimeWeight("locf")
    tw.update(t, v)
    assert tw.average() == 22.25
    assert tw.n == 10 and tw.get_n() == 10
    m1 = TimeWeight("LOCF")
    m1.update(t[:5], [10.0, 20.0, 10.0, 20.0, 15.0])
    assert m1.average() == 15.0
    assert m1.method == "locf"


def test_toolkit_doc_buckets_and_rollup():
    t, v = doc_measure_2()
    ns = t.view("int64")
    bucket = (ns - T2020 * NS) // (5 * MINUTE * NS)
    parts = []
    for b in np.unique(bucket):
        part = TimeWeight("locf")
        part.update(t[bucket == b], v[bucket == b])
        parts.append(part)
    assert [p.average() for p in parts] == [15.0, None, 30.0, None, None]
    rollup = TimeWeight("locf")
    for p in parts:
        rollup.merge(p)
    assert rollup.average() == 22.25
    shuffled = [parts[i] for i in (3, 1, 4, 0, 2)] + [TimeWeight("locf")]
    assert TimeWeight.merged(shuffled) == rollup


def test_toolkit_interpolated_average_locf_days():
    # extension/src/time_weighted_average.rs, test_time_weight_interpolation (prev = LAG, next = LEAD).
    def day(d, points):
        tw = TimeWeight("locf")
        for hour, value in points:
            tw.update(T2020 + d * DAY + hour * HOUR, value)
        return tw

    d1 = day(0, [(8, 10.0), (12, 40.0), (16, 20.0)])
    d2 = day(1, [(2, 15.0), (12, 50.0), (20, 25.0)])
    d3 = day(2, [(10, 30.0), (12, 0.0), (16, 35.0)])
    assert d1.interpolated_average(T2020, T2020 + DAY, None, d2) == (4 * 10 + 4 * 40 + 8 * 20) / 16
    assert d2.interpolated_average(T2020 + DAY, T2020 + 2 * DAY, d1, d3) == (2 * 20 + 10 * 15 + 8 * 50 + 4 * 25) / 24
    assert d3.interpolated_average(T2020 + 2 * DAY, T2020 + 3 * DAY, d2, None) == (10 * 25 + 2 * 30 + 8 * 35) / 24
    assert d2.interpolated_integral(T2020 + DAY, T2020 + 2 * DAY, d1, d3, unit="hour") == 690.0
    # prev / next as (t, v) pairs give the same.
    assert d2.interpolated_average(T2020 + DAY, T2020 + 2 * DAY, d1.last, d3.first) == 690 / 24
    # test_locf_interpolation_to_null: one point at 20:00 = 100 in a day window.
    one = TimeWeight("locf")
    one.update(np.datetime64("2020-01-01T20:00"), 100.0)
    assert one.average() is None
    assert one.interpolated_average(np.datetime64("2020-01-01"), np.datetime64("2020-01-02")) == 100.0
    assert one.interpolated_integral(T2020, T2020 + DAY) == 1440000.0


def test_linear_window_boundaries():
    tw = TimeWeight("linear")
    tw.update([T2020, T2020 + 2 * HOUR], [10.0, 20.0])
    prev, nxt = (T2020 - 2 * HOUR, 0.0), (T2020 + 6 * HOUR, 40.0)
    assert tw.interpolated_integral(T2020 - HOUR, T2020 + 4 * HOUR, prev, nxt, unit="h") == 87.5
    assert tw.interpolated_average(T2020 - HOUR, T2020 + 4 * HOUR, prev, nxt) == 17.5
    assert tw.interpolated_average(T2020 - HOUR, T2020 + 4 * HOUR, prev) == 12.5
    assert tw.interpolated_average(T2020 - HOUR, T2020 + 4 * HOUR, None, nxt) == 20.0
    with pytest.raises(numresp.FailedPreconditionError, match="not inside the window"):
        tw.interpolated_average(T2020 + 1, T2020 + 4 * HOUR)
    with pytest.raises(numresp.FailedPreconditionError, match="prev.t"):
        tw.interpolated_average(T2020 - HOUR, T2020 + 4 * HOUR, (T2020 - 1, 0.0))
    with pytest.raises(numresp.InvalidArgumentError, match="window_start"):
        tw.interpolated_average(T2020, T2020)
    with pytest.raises(numresp.InvalidArgumentError, match="prev"):
        tw.interpolated_average(T2020 - HOUR, T2020 + 4 * HOUR, "yesterday")
    assert TimeWeight().interpolated_average(T2020, T2020 + HOUR, prev, nxt) is None


# -- Random series against numpy / pandas ---------------------------------------------------------


def random_series(rng, n):
    """Times to the nanosecond (datetime64[ns]) and values."""
    t = T2020 * NS + np.cumsum(rng.integers(1, 15 * MINUTE * NS, size=n))
    return t.astype("int64").view("datetime64[ns]"), rng.uniform(-50, 150, size=n)


@pytest.mark.parametrize("seed", range(8))
def test_linear_matches_numpy_trapz(seed):
    rng = np.random.default_rng(seed)
    t, v = random_series(rng, 50 + 400 * seed)
    tw = TimeWeight("linear")
    tw.update(t, v)
    seconds = (t - t[0]) / np.timedelta64(1, "s")
    exact = trapezoid(v, seconds)
    scale = np.sum(np.abs(v[1:]) + np.abs(v[:-1])) * np.max(np.diff(seconds))
    assert tw.integral() == pytest.approx(exact, rel=1e-12, abs=1e-12 * scale)
    assert tw.average() == pytest.approx(exact / seconds[-1], rel=1e-12, abs=1e-12 * scale / seconds[-1])
    assert tw.first == (t[0], v[0]) and tw.last == (t[-1], v[-1])
    assert tw.first[0].dtype == np.dtype("datetime64[ns]")


@pytest.mark.parametrize("seed", range(8))
def test_locf_matches_step_sums_and_pandas(seed):
    rng = np.random.default_rng(100 + seed)
    t, v = random_series(rng, 50 + 400 * seed)
    tw = TimeWeight("locf")
    tw.update(t, v)
    exact = np.sum(v[:-1] * np.diff(t.view("int64"))) / 1e9
    assert tw.integral() == pytest.approx(exact, rel=1e-12)
    # pandas: each value held until the next reading.
    s = pd.Series(v, index=pd.to_datetime(t))
    second = pd.Timedelta(1, "s")  # (Timedelta.total_seconds() rounds to microseconds)
    held = s.index.to_series().diff().shift(-1) / second
    expected_average = (s * held).sum() / ((s.index[-1] - s.index[0]) / second)
    assert tw.average() == pytest.approx(expected_average, rel=1e-12)
    assert tw.integral("min") == pytest.approx(exact / 60, rel=1e-12)


@pytest.mark.parametrize("method", ["linear", "locf"])
@pytest.mark.parametrize("k", [1, 2, 3, 7, 20])
def test_split_and_merge_equals_the_whole(method, k):
    rng = np.random.default_rng(k)
    t, v = random_series(rng, 1000)
    whole = TimeWeight(method)
    whole.update(t, v)
    cuts = np.sort(rng.choice(np.arange(1, len(t)), size=k - 1, replace=False))
    parts = []
    for a, b in zip(np.r_[0, cuts], np.r_[cuts, len(t)]):
        p = TimeWeight(method)
        p.update(t[a:b], v[a:b])
        parts.append(p)
    merged = TimeWeight(method)
    for p in parts:
        merged.merge(p)
    assert merged.n == whole.n and merged.first == whole.first and merged.last == whole.last
    assert merged.weighted_sum == pytest.approx(whole.weighted_sum, rel=1e-12)
    assert TimeWeight.merged(reversed(parts)) == merged


# -- Times, values, errors ------------------------------------------------------------------------


def test_time_forms_agree():
    expected = TimeWeight()
    expected.update([T2020, T2020 + HOUR], [1.0, 3.0])
    forms = [
        (T2020, T2020 + HOUR),
        (np.int64(T2020), np.int64(T2020 + HOUR)),
        (np.datetime64("2020-01-01T00:00:00"), np.datetime64("2020-01-01T01:00:00")),
        (pd.Timestamp("2020-01-01"), pd.Timestamp("2020-01-01T02:00", tz="Europe/Paris")),
        (dt.datetime(2020, 1, 1, tzinfo=dt.timezone.utc), dt.datetime(2020, 1, 1, 1, tzinfo=dt.timezone.utc)),
        (np.array(T2020), np.array(T2020 + HOUR)),
    ]
    for a, b in forms:
        tw = TimeWeight()
        tw.update(a, 1.0)
        tw.update(b, 3)
        assert tw == expected, (a, b)
    for t in (np.array([T2020, T2020 + HOUR]), [T2020, T2020 + HOUR],
              np.array(["2020-01-01T00", "2020-01-01T01"], dtype="datetime64[h]"),
              pd.DatetimeIndex(["2020-01-01T01:00", "2020-01-01T02:00"]).tz_localize("Europe/Paris"),
              pd.Series(pd.to_datetime(["2020-01-01T00:00", "2020-01-01T01:00"])),
              np.array([pd.Timestamp("2020-01-01"), pd.Timestamp("2020-01-01T01:00")], dtype=object)):
        tw = TimeWeight()
        tw.update(t, np.array([1.0, 3.0]))
        assert tw == expected, t
    broadcast = TimeWeight()
    broadcast.update([T2020, T2020 + HOUR], 2.0)
    assert broadcast.average() == 2.0


def test_bad_times_and_values():
    tw = TimeWeight()
    with pytest.raises(numresp.InvalidArgumentError, match="naive datetime"):
        tw.update(dt.datetime(2020, 1, 1), 1.0)
    with pytest.raises(numresp.InvalidArgumentError, match="NaT"):
        tw.update(np.datetime64("NaT"), 1.0)
    with pytest.raises(numresp.InvalidArgumentError, match=r"t\[1\] = NaT"):
        tw.update(np.array(["2020-01-01", "NaT"], dtype="datetime64[ns]"), [1.0, 2.0])
    with pytest.raises(numresp.InvalidArgumentError, match="dtype float64"):
        tw.update(np.array([1.5, 2.5]), [1.0, 2.0])
    with pytest.raises(numresp.InvalidArgumentError, match="same length"):
        tw.update([1, 2, 3], [1.0, 2.0])
    with pytest.raises(numresp.InvalidArgumentError, match="bool"):
        tw.update(True, 1.0)
    with pytest.raises(numresp.InvalidArgumentError, match="inf"):
        tw.update([1, 2], [1.0, np.inf])
    assert tw.is_empty
    tw.update([1, 2, 3], [1.0, np.nan, 3.0])  # NaN: a missing reading
    assert tw.n == 2
    with pytest.raises(numresp.InvalidArgumentError, match="unit"):
        tw.integral("fortnight")
    with pytest.raises(numresp.InvalidArgumentError, match="method"):
        TimeWeight("spline")


def test_out_of_order_is_an_error_and_atomic():
    tw = TimeWeight("locf")
    tw.update(ns([10, 20]), [1.0, 2.0])
    with pytest.raises(numresp.FailedPreconditionError, match=r"t\[1\] = 15 .*last time 30 "):
        tw.update(ns([30, 15, 40]), [1.0, 2.0, 3.0])
    assert tw.n == 2 and tw.last == (ns(20), 2.0)
    with pytest.raises(numresp.FailedPreconditionError):
        tw.update(ns(5), 1.0)
    tw.update(ns(20), 99.0)  # the same time: ignored, the first reading wins
    assert tw.last == (ns(20), 2.0)
    # Integers are epoch seconds: 1 is one second, after the 20 ns above.
    tw.update([1], [5.0])
    assert tw.last == (np.datetime64(1, "s"), 5.0) and tw.last[0] == ns(1_000_000_000)


def test_merge_errors():
    a, b = TimeWeight(), TimeWeight()
    a.update([0, 10], [1.0, 2.0])
    b.update([5, 20], [1.0, 2.0])
    with pytest.raises(numresp.FailedPreconditionError, match="does not start after"):
        a.merge(b)
    with pytest.raises(numresp.FailedPreconditionError):
        TimeWeight.merged([a, b])
    with pytest.raises(numresp.InvalidArgumentError, match="method"):
        a.merge(TimeWeight("locf"))
    with pytest.raises(numresp.InvalidArgumentError, match="TimeWeight"):
        a.merge(Counter())
    assert a.n == 2


# -- Counters -------------------------------------------------------------------------------------


def test_counter_toolkit_examples():
    # crates/counter-agg/src/tests.rs (µs → ns): test_multiple_resets and the Prometheus cases.
    c = Counter()
    c.update(ns(np.arange(7) * 5000), [0.0, 10, 20, 10, 40, 20, 40])
    assert (c.num_resets, c.reset_sum, c.num_changes, c.n) == (2, 60.0, 6, 7)
    assert c.delta() == 100.0
    assert c.first == (ns(0), 0.0) and c.second == (ns(5000), 10.0)
    assert c.penultimate == (ns(25000), 20.0) and c.last == (ns(30000), 40.0)
    p = Counter()
    p.update(ns([5_000_000, 10_000_000, 15_000_000]), [15.0, 20.0, 25.0])
    assert p.extrapolated_delta(ns(0), ns(21_000_000)) == pytest.approx(20.0, rel=1e-12)
    assert p.extrapolated_rate(ns(0), ns(21_000_000)) == pytest.approx(p.rate(), rel=1e-12)
    q = Counter()
    q.update(ns([20_000_000, 30_000_000, 40_000_000]), [40.0, 20.0, 40.0])
    assert q.extrapolated_delta(ns(10_000_000), ns(51_000_000)) == pytest.approx(80.0, rel=1e-12)
    assert q.extrapolated_delta(ns(8_000_000), ns(53_000_000)) == pytest.approx(60.0, rel=1e-12)
    assert q.extrapolated_rate(ns(8_000_000), ns(53_000_000)) == pytest.approx(60.0 / 0.044, rel=1e-12)
    with pytest.raises(numresp.FailedPreconditionError, match="not inside the range"):
        q.extrapolated_delta(ns(25_000_000), ns(51_000_000))
    with pytest.raises(numresp.InvalidArgumentError, match="extrapolation"):
        q.extrapolated_delta(ns(0), ns(51_000_000), method="linear")
    one = Counter()
    one.update(ns(0), 5.0)
    assert one.rate() is None and one.delta() == 0.0 and one.extrapolated_delta(ns(0), ns(10)) is None
    assert Counter().delta() is None


def test_counter_extrapolation_does_not_go_below_zero():
    c = Counter()
    c.update(np.array([10, 20, 30]), [1.0, 11.0, 21.0])  # epoch seconds
    assert c.extrapolated_delta(0, 40) == pytest.approx(30.999, rel=1e-12)


def random_meter(rng, n):
    t = T2020 * NS + np.cumsum(rng.integers(NS, 15 * MINUTE * NS, size=n))
    steps = rng.uniform(0, 5, size=n) * (rng.uniform(size=n) < 0.7)
    v = 1000 + np.cumsum(steps)
    # resets: the meter restarts from 0 (or a small value) and counts on
    for i in sorted(rng.choice(np.arange(1, n), size=max(1, n // 30), replace=False)):
        v[i:] = v[i:] - v[i] + rng.choice([0.0, rng.uniform(0, 3)])
    return t.astype("int64").view("datetime64[ns]"), v


@pytest.mark.parametrize("seed", range(6))
def test_counter_matches_pandas_reset_accumulation(seed):
    rng = np.random.default_rng(seed)
    t, v = random_meter(rng, 100 + 300 * seed)
    c = Counter()
    c.update(t, v)
    s = pd.Series(v, index=pd.to_datetime(t))
    d = s.diff()
    increments = d.where(d >= 0, s)  # a drop counts from 0
    assert c.delta() == pytest.approx(increments.iloc[1:].sum(), rel=1e-12)
    assert c.num_resets == int((d < 0).sum())
    assert c.num_changes == int((d != 0).iloc[1:].sum())
    seconds = (s.index[-1] - s.index[0]) / pd.Timedelta(1, "s")
    assert c.time_delta() == pytest.approx(seconds, rel=1e-15)
    assert c.rate() == pytest.approx(increments.iloc[1:].sum() / seconds, rel=1e-12)


@pytest.mark.parametrize("k", [2, 5, 13])
def test_counter_split_and_merge_equals_the_whole(k):
    rng = np.random.default_rng(50 + k)
    t, v = random_meter(rng, 600)
    whole = Counter()
    whole.update(t, v)
    cuts = np.sort(rng.choice(np.arange(1, len(t)), size=k - 1, replace=False))
    parts = []
    for a, b in zip(np.r_[0, cuts], np.r_[cuts, len(t)]):
        p = Counter()
        p.update(t[a:b], v[a:b])
        parts.append(p)
    merged = Counter.merged(parts[::-1])
    assert (merged.n, merged.num_resets, merged.num_changes) == (whole.n, whole.num_resets, whole.num_changes)
    assert (merged.first, merged.second, merged.penultimate, merged.last) == (
        whole.first, whole.second, whole.penultimate, whole.last)
    assert merged.delta() == pytest.approx(whole.delta(), rel=1e-12)
    # A reset exactly at a boundary is still a reset.
    left, right = Counter(), Counter()
    left.update([0, 10], [5.0, 9.0])
    right.update([20, 30], [1.0, 2.0])
    left.merge(right)
    assert left.num_resets == 1 and left.delta() == 4.0 + 2.0
    with pytest.raises(numresp.FailedPreconditionError):
        right.merge(left)


# -- Bytes, pickling, golden files ----------------------------------------------------------------


def states():
    t, v = doc_measure_2()
    out = [TimeWeight(), TimeWeight("locf"), Counter()]
    for cls in (lambda: TimeWeight("linear"), lambda: TimeWeight("locf"), Counter):
        s = cls()
        s.update(t, v)
        out.append(s)
    return out


@pytest.mark.parametrize("index", range(6))
def test_pickle_and_bytes_round_trip(index):
    s = states()[index]
    for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
        back = pickle.loads(pickle.dumps(s, protocol=protocol))
        assert back == s and type(back) is type(s)
        assert back.to_bytes() == s.to_bytes()
    assert s.__getstate__() == (PICKLE_VERSION, s.to_bytes())
    assert type(s).from_bytes(s.to_bytes()) == s
    assert copy.deepcopy(s) == s and copy.copy(s) == s
    c = s.copy()
    c.update(T2020 + DAY, 1.0)
    assert c != s


def test_pickle_version_is_checked():
    s = TimeWeight()
    with pytest.raises(numresp.InvalidArgumentError, match="version 99"):
        s.__setstate__((99, b""))
    with pytest.raises(numresp.InvalidArgumentError):
        Counter().__setstate__((PICKLE_VERSION, b"not a counter"))


def test_corrupt_truncated_and_foreign_bytes():
    for s in states()[3:]:
        data = s.to_bytes()
        for n in range(len(data)):
            with pytest.raises(numresp.InvalidArgumentError):
                type(s).from_bytes(data[:n])
        for i in range(len(data)):
            bad = bytearray(data)
            bad[i] ^= 0x41
            with pytest.raises(numresp.InvalidArgumentError):
                type(s).from_bytes(bytes(bad))
    with pytest.raises(numresp.InvalidArgumentError, match="magic"):
        TimeWeight.from_bytes(b"definitely not numresp bytes")
    with pytest.raises(numresp.InvalidArgumentError, match="counter"):
        Counter.from_bytes(states()[3].to_bytes())


def test_golden_files():
    locf = TimeWeight.from_bytes((GOLDEN / "time_weight_locf_v1.bin").read_bytes())
    assert locf.method == "locf" and locf.n == 10 and locf.average() == 22.25
    linear = TimeWeight.from_bytes((GOLDEN / "time_weight_linear_v1.bin").read_bytes())
    assert linear.method == "linear" and linear.integral("min") == 926.25
    assert TimeWeight.from_bytes((GOLDEN / "time_weight_empty_v1.bin").read_bytes()).is_empty
    c = Counter.from_bytes((GOLDEN / "counter_resets_v1.bin").read_bytes())
    assert (c.n, c.num_resets, c.delta(), c.time_delta()) == (7, 2, 100.0, 5400.0)
    assert Counter.from_bytes((GOLDEN / "counter_single_v1.bin").read_bytes()).last == (np.datetime64(T2020, "s"), 1234.5)
    assert Counter.from_bytes((GOLDEN / "counter_empty_v1.bin").read_bytes()).is_empty
    # This version writes the same bytes.
    t, v = doc_measure_2()
    tw = TimeWeight("locf")
    tw.update(t, v)
    assert tw.to_bytes() == (GOLDEN / "time_weight_locf_v1.bin").read_bytes()


def test_repr():
    assert repr(TimeWeight("locf")) == "TimeWeight(method='locf', n=0)"
    assert repr(Counter()) == "Counter(n=0)"
    tw = states()[4]
    assert repr(tw) == ("TimeWeight(method='locf', n=10, first=(2020-01-01T00:00:00.000000000, 10.0), "
                        "last=(2020-01-01T00:30:00.000000000, 60.0), average=22.25)")
    assert repr(states()[5]).startswith("Counter(n=10, first=(2020-01-01T00:00:00.000000000, 10.0)")
    assert "num_resets=3" in repr(states()[5])


def test_repr_html_for_notebooks():
    empty = TimeWeight("locf")._repr_html_()
    assert "<caption" in empty and "<th style=\"text-align:left\">readings</th><td>0</td>" in empty
    assert "average" not in empty
    tw = states()[4]._repr_html_()
    assert "<td>2020-01-01T00:00:00.000000000 UTC: 10.0</td>" in tw and "<td>22.25</td>" in tw
    c = states()[5]
    html = c._repr_html_()
    assert f"<td>{c.delta():.6g}</td>" in html and "<th style=\"text-align:left\">resets</th><td>3</td>" in html
    assert "<i>none</i>" in Counter()._repr_html_() or "delta" not in Counter()._repr_html_()


def test_large_arrays_go_through_cxx():
    n = 1_000_000
    t = T2020 + np.arange(n, dtype=np.int64)  # epoch seconds
    v = np.ones(n)
    tw = TimeWeight("locf")
    tw.update(t, v)
    assert tw.n == n and tw.average() == 1.0


def test_module_docstring_examples():
    import doctest

    import numresp.sensors._ordered as ordered

    assert doctest.testmod(ordered).failed == 0
