#!/usr/bin/python3
"""numresp.sensors.aggregate against pandas groupby, side by side, in the same run.

    PYTHONPATH=build/release/python /usr/bin/python3 benchmarks/sensors_vs_pandas.py [--n 10000000] [--sensors 10000] [--runs 3]

The workload of research/sensors.md §4: N = 10,000,000 readings, sensor ids uniform in
0..9,999, timestamps uniform over 30 days in random arrival order (int64 epoch seconds), values
~ N(20, 5); per-(sensor, 15-minute window) count, sum, min, max, mean. Each figure is the median
of `runs` timed runs after a warm-up; data generation is outside the timers.

* numresp: ``sensors.aggregate(sensor_id, timestamp, value, window="15min", tz="UTC")`` →
  a pandas DataFrame (sensor_id, window_start tz-aware, count, sum, min, max, mean), and the
  C++ kernel alone (``numresp._core.sensors.aggregate_columns``: numpy columns);
* pandas: the window key ``ts // 900 * 900`` then ``groupby([sensor_id, key],
  sort=False).agg(count, sum, min, max, mean)`` (the faster of the two pandas variants the
  baseline measured), and the same with ``sort=True`` (sorted like numresp's output).

Checks that both give the same groups, counts, min and max exactly, and sums and means to 1e-9
relative. Prints readings per second, the ratio, and how numresp's time splits (input checks,
C++ kernel, DataFrame construction). Epoch seconds go to the kernel as they are: it scales them
to nanoseconds on the fly.
"""

import argparse
import platform
import statistics
import sys
import time
import pathlib

import numpy as np
import pandas as pd

HERE = pathlib.Path(__file__).resolve().parent
try:
    from numresp import sensors
    from numresp._core import sensors as core
except ImportError:
    for build in ("release", "dev"):
        candidate = HERE.parent / "build" / build / "python"
        if candidate.exists():
            sys.path.insert(0, str(candidate))
            break
    from numresp import sensors
    from numresp._core import sensors as core


FIRST = {}  # name -> the warm-up call's time (the first call in the process pays its page faults)


def median_time(fn, runs, name=None):
    t = time.perf_counter()
    out = fn()
    if name:
        FIRST[name] = time.perf_counter() - t
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), out


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000_000)
    parser.add_argument("--sensors", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--window", default="15min")
    args = parser.parse_args()
    width = {"15min": 900, "1h": 3600, "1d": 86400}[args.window]
    rng = np.random.default_rng(20261129)
    sid = rng.integers(0, args.sensors, args.n).astype(np.int64)
    ts = rng.integers(1_700_000_000, 1_700_000_000 + 30 * 86400, args.n).astype(np.int64)
    val = rng.normal(20, 5, args.n)
    stats = ("count", "sum", "min", "max", "mean")

    t_ours, ours = median_time(lambda: sensors.aggregate(sid, ts, val, window=args.window, tz="UTC", stats=stats),
                               args.runs, "numresp")
    t_kernel, _ = median_time(
        lambda: core.aggregate_columns(sid, ts, val, args.window, "UTC", False, 1_000_000_000), args.runs)
    t_conv, _ = median_time(lambda: sensors._prepare(sid, ts, val, None), args.runs)

    def pandas_agg(sort):
        df = pd.DataFrame({"sensor_id": sid, "win": ts // width * width, "value": val})
        return df.groupby(["sensor_id", "win"], sort=sort)["value"].agg(["count", "sum", "min", "max", "mean"])

    t_pd, ref = median_time(lambda: pandas_agg(False), args.runs, "pandas")
    t_pd_sorted, ref_sorted = median_time(lambda: pandas_agg(True), args.runs)

    # Same groups and figures.
    ref_sorted = ref_sorted.reset_index()
    assert len(ref_sorted) == len(ours), (len(ref_sorted), len(ours))
    assert (ref_sorted["sensor_id"].to_numpy() == ours["sensor_id"].to_numpy()).all()
    assert (ref_sorted["win"].to_numpy() * 1_000_000_000 == ours["window_start"].array.asi8).all()
    for c in ("count", "min", "max"):
        assert (ref_sorted[c].to_numpy() == ours[c].to_numpy()).all(), c
    for c in ("sum", "mean"):
        np.testing.assert_allclose(ours[c].to_numpy(), ref_sorted[c].to_numpy(), rtol=1e-9)

    n = args.n
    print(f"{platform.machine()}, Python {platform.python_version()}, numpy {np.__version__}, pandas {pd.__version__}; "
          f"N = {n:,} readings, {args.sensors:,} sensors, {args.window} windows, {len(ours):,} groups; "
          f"median of {args.runs}")
    rows = [("numresp sensors.aggregate → DataFrame", t_ours), ("  of which input checks (_prepare)", t_conv),
            ("  of which C++ kernel (numpy columns)", t_kernel),
            ("pandas groupby(sort=False).agg", t_pd), ("pandas groupby(sort=True).agg", t_pd_sorted)]
    for name, t in rows:
        rate = f"{n / t / 1e6:8.2f} M readings/s" if t > 1e-3 else ""
        print(f"  {name:45s} {t * 1e3:9.1f} ms  {rate}")
    rest = t_ours - t_kernel - t_conv
    print(f"  DataFrame construction and stats columns: {rest * 1e3:.1f} ms")
    print(f"  first call in the process (warm-up, not in the medians): numresp {FIRST['numresp'] * 1e3:.1f} ms, "
          f"pandas groupby(sort=False) {FIRST['pandas'] * 1e3:.1f} ms")
    print(f"  pandas (sort=False) / numresp: {t_pd / t_ours:.1f}x; pandas (sort=True) / numresp: "
          f"{t_pd_sorted / t_ours:.1f}x; same groups, counts, min, max; sums and means to 1e-9")


if __name__ == "__main__":
    main()
