#!/usr/bin/python3
"""numresp.inclusion.coverage against what an analyst would write with numpy or scipy, side by side.

    PYTHONPATH=build/release/python /usr/bin/python3 benchmarks/coverage_vs_scipy.py [--n 1000000] [--sites 5000] [--runs 5]

N demand points and M sites spread uniformly over about 39 km × 39 km around Poitiers, radius
300 m, random weights. Times (median of `runs` after a warm-up):

* numresp ``inclusion.coverage(demand, weights, sites, 300)`` (great circle, one thread);
* scipy ``cKDTree`` on 3D unit vectors (chord radius), ``query_ball_point(..., return_length=True)``
  over all points with ``workers=1`` — the fastest exact approach an analyst is likely to know
  (skipped when scipy is not installed: it is not a numresp dependency);
* numpy brute force (haversine of every demand point against every site, in chunks), timed on
  a 20,000-point sample and scaled to N.

Checks that numresp and scipy cover the same weight (exactly), and prints the ratios.
"""

import argparse
import pathlib
import platform
import statistics
import sys
import time

import numpy as np

HERE = pathlib.Path(__file__).resolve().parent
try:
    from numresp import inclusion
except ImportError:
    for build in ("release", "dev"):
        candidate = HERE.parent / "build" / build / "python"
        if candidate.exists():
            sys.path.insert(0, str(candidate))
            break
    from numresp import inclusion

R = 6371008.8


def points(n, seed):
    rng = np.random.default_rng(seed)
    return np.column_stack([rng.uniform(0.34 - 0.25, 0.34 + 0.25, n), rng.uniform(46.58 - 0.175, 46.58 + 0.175, n)])


def unit(lonlat):
    lon, lat = np.radians(lonlat[:, 0]), np.radians(lonlat[:, 1])
    return np.column_stack([np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)])


def median_time(fn, runs):
    out = fn()
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), out


def numpy_brute(demand, weights, sites, radius):
    covered = 0.0
    lon2, lat2 = np.radians(sites[:, 0]), np.radians(sites[:, 1])
    for start in range(0, len(demand), 2000):
        d = demand[start:start + 2000]
        lon1, lat1 = np.radians(d[:, 0])[:, None], np.radians(d[:, 1])[:, None]
        a = np.sin((lat2 - lat1) / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
        dist = 2 * R * np.arcsin(np.minimum(1, np.sqrt(a)))
        covered += weights[start:start + 2000][(dist <= radius).any(axis=1)].sum()
    return covered


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1_000_000)
    parser.add_argument("--sites", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    demand, sites = points(args.n, 1), points(args.sites, 2)
    weights = np.random.default_rng(3).integers(0, 50, args.n).astype(float)
    radius = 300.0

    t_ours, share = median_time(lambda: inclusion.coverage(demand, weights, sites, radius), args.runs)
    print(f"{platform.machine()}, Python {platform.python_version()}, numpy {np.__version__}; "
          f"n = {args.n:,} demand points, {args.sites:,} sites, radius {radius:g} m, median of {args.runs}")
    print(f"  numresp inclusion.coverage              {t_ours * 1e3:9.1f} ms  share {share:.6f}")
    try:
        from scipy.spatial import cKDTree

        chord = 2 * np.sin(radius / R / 2)

        def scipy_cov():
            tree = cKDTree(unit(sites))
            counts = tree.query_ball_point(unit(demand), chord, return_length=True, workers=1)
            return weights[counts > 0].sum() / weights.sum()

        t_scipy, s_share = median_time(scipy_cov, args.runs)
        assert abs(s_share - share) < 1e-12, (s_share, share)
        print(f"  scipy cKDTree (3D chord, 1 worker)      {t_scipy * 1e3:9.1f} ms  same share; "
              f"scipy / numresp {t_scipy / t_ours:.1f}x")
    except ImportError:
        print("  scipy not installed: cKDTree comparison skipped")
    sample = 20000
    t_np, _ = median_time(lambda: numpy_brute(demand[:sample], weights[:sample], sites, radius), max(1, args.runs // 2))
    print(f"  numpy brute force (haversine), scaled   {t_np * args.n / sample * 1e3:9.1f} ms  "
          f"numpy / numresp {t_np * args.n / sample / t_ours:.0f}x")


if __name__ == "__main__":
    main()
