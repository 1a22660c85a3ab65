#!/usr/bin/python3
"""numresp.devices fleet footprint against the pandas code an analyst would write, side by side.

    PYTHONPATH=build/release/python /usr/bin/python3 benchmarks/fleet_vs_pandas.py [--n 1000000] [--runs 5]

An inventory of N = 1,000,000 rows (kind among the ademe-2025 kinds that have a power, count 1-49,
acquisition year 2015-2025, location among None/FRA/EEE/USA/CHN, a tenth refurbished, a fifth
with their own lifetime) as a pandas DataFrame. Times, as the median of `runs` passes after a
warm-up:

* ``devices.fleet(df)``: validating and resolving the DataFrame into a fleet;
* ``fleet.footprint(2025)``: the year's footprint per kind, phase and criterion, with bounds;
* both together (what a notebook does);
* the pandas equivalent for the central gwp values only: merge the archetype table and the
  electricity table, compute embedded and use per row with the same formulas, group by kind
  (no validation, no bounds, no other criteria).

Checks that the gwp totals agree to 1e-9 relative, and prints rows per second and the ratio.
"""

import argparse
import json
import pathlib
import platform
import statistics
import sys
import time

import numpy as np
import pandas as pd

HERE = pathlib.Path(__file__).resolve().parent
try:
    from numresp import devices
except ImportError:  # not on PYTHONPATH: use a build tree's package
    for build in ("release", "dev"):
        candidate = HERE.parent / "build" / build / "python"
        if candidate.exists():
            sys.path.insert(0, str(candidate))
            break
    from numresp import devices

YEAR = 2025


def make(n: int, seed: int = 20261129) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    arch = devices.archetypes()
    kinds = arch[arch["default"] & arch["power_w"].notna()]["kind"].to_numpy()
    locations = np.array([None, "FRA", "EEE", "USA", "CHN"], dtype=object)
    life = np.where(rng.random(n) < 0.2, 3 + 5 * rng.random(n), np.nan)
    return pd.DataFrame({
        "kind": pd.Categorical(kinds[rng.integers(0, len(kinds), n)]),
        "count": rng.integers(1, 50, n).astype(float),
        "acquisition_year": rng.integers(2015, 2026, n),
        "location": locations[rng.integers(0, len(locations), n)],
        "refurbished": rng.random(n) < 0.1,
        "lifetime_years": life,
    })


def pandas_footprint(df: pd.DataFrame, arch: pd.DataFrame, grid: pd.DataFrame, refurb: pd.Series) -> pd.DataFrame:
    a = arch[arch["default"]][["kind", "lifetime_hours", "use_time_ratio", "power_w", "gwp_embedded"]]
    m = df.merge(a, on="kind", how="left")
    loc = m["location"].fillna("FRA")
    m = m.assign(grid=loc.map(grid))
    life = m["lifetime_years"].fillna(m["lifetime_hours"] / 8760.0)
    share = m["kind"].astype(str).map(refurb).fillna(refurb["default"])
    multiplier = np.where(m["refurbished"], share, 1.0)
    in_service = (m["acquisition_year"] <= YEAR).astype(float)
    m["embedded"] = m["count"] * in_service / life * multiplier * m["gwp_embedded"]
    m["use"] = m["count"] * in_service * 8760.0 * m["use_time_ratio"] / 1000.0 * m["power_w"] * m["grid"]
    return m.groupby("kind", observed=True)[["embedded", "use"]].sum()


def median_time(fn, runs: int):
    fn()
    times = []
    out = None
    for _ in range(runs):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", type=pathlib.Path)
    args = parser.parse_args()

    df = make(args.n)
    arch = devices.archetypes()
    from numresp import factors
    s = factors.get("ademe-2025")
    grid = pd.Series({"FRA": s.value("grid.gwp.fra"), "EEE": s.value("grid.gwp.eu"),
                      "USA": s.value("grid.gwp.usa"), "CHN": s.value("grid.gwp.chn")})
    refurb = pd.Series({k.split(".")[1]: s.value(k) for k in s if k.startswith("refurbishment.")})

    t_build, fleet = median_time(lambda: devices.fleet(df), args.runs)
    t_footprint, fp = median_time(lambda: fleet.footprint(YEAR), args.runs)
    t_both, _ = median_time(lambda: devices.fleet(df).footprint(YEAR), args.runs)
    t_pandas, pf = median_time(lambda: pandas_footprint(df, arch, grid, refurb), args.runs)

    ours = fp[(fp.kind == "total") & (fp.criterion == "gwp")].set_index("phase")["value"]
    theirs = pf.sum()
    for phase in ("embedded", "use"):
        rel = abs(ours[phase] - theirs[phase]) / theirs[phase]
        assert rel < 1e-9, (phase, ours[phase], theirs[phase])

    rows = [
        ("numresp devices.fleet(df)", t_build),
        ("numresp fleet.footprint(year)", t_footprint),
        ("numresp fleet(df) + footprint", t_both),
        ("pandas merge + groupby (gwp values only)", t_pandas),
    ]
    print(f"{platform.processor() or platform.machine()}, Python {platform.python_version()}, "
          f"pandas {pd.__version__}, numpy {np.__version__}; n = {args.n:,} rows, median of {args.runs}")
    for name, t in rows:
        print(f"  {name:45s} {t * 1e3:9.1f} ms  {args.n / t / 1e6:8.1f} M rows/s")
    print(f"  pandas / numresp (fleet + footprint): {t_pandas / t_both:.1f}x;"
          f" pandas / footprint alone: {t_pandas / t_footprint:.1f}x; gwp totals agree to 1e-9")
    if args.json:
        args.json.write_text(json.dumps({name: t for name, t in rows}, indent=2))


if __name__ == "__main__":
    main()
