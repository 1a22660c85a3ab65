"""A month of a city's sensor readings: daily statistics per zone, a mergeable quantile sketch, energy meters' consumption through counter resets, and a chart.

A notebook-style walk-through (cells marked ``# %%``). The readings are SYNTHETIC (seeded): 60
light sensors in 3 zones reporting every 10 minutes out of order and partly twice (as LoRaWAN
gateways duplicate uplinks), and 12 energy meters whose counters reset after a maintenance.

Run after a build:
    PYTHONPATH=build/dev/python /usr/bin/python3 examples/python/sensors_city.py [chart.png]
"""

# %% Readings: light levels (lux) of street lights, in three zones.
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from numresp import sensors  # noqa: E402

rng = np.random.default_rng(86194)
start = int(pd.Timestamp("2026-10-01", tz="Europe/Paris").timestamp())
steps = np.arange(0, 31 * 86400, 600)
sensor_ids = np.arange(1, 61)
zones = {int(s): ("centre", "north", "south")[s % 3] for s in sensor_ids}
sid = np.repeat(sensor_ids, len(steps))
t = start + np.tile(steps, len(sensor_ids))
hour = (t - start) % 86400 / 3600
night = (hour < 7) | (hour > 19)
lux = np.where(night, rng.normal(22, 3, len(t)), rng.normal(2, 0.5, len(t))).clip(0)
order = rng.permutation(len(t))  # out of order, as uplinks arrive
dup = order[: len(order) // 20]  # 5 % received twice
sid, t, lux = (np.concatenate([a[order], a[dup]]) for a in (sid, t, lux))
print(f"{len(t):,} readings from {len(sensor_ids)} light sensors (synthetic, out of order, 5 % duplicated)")

# %% Daily statistics per zone (calendar days in Paris: 25 hours on 25 October).
daily = sensors.aggregate(sid, t, lux, window="day", zone=zones, stats=("count", "mean", "min", "max"))
print(daily.head(6).to_string(index=False))

# %% A quantile sketch per zone, merged into the city's: the same answer in any merge order.
sketches = {z: sensors.QuantileSketch() for z in ("centre", "north", "south")}
zone_of = np.array([zones[int(s)] for s in sid])
for z, sk in sketches.items():
    sk.update(lux[zone_of == z])
city = sensors.QuantileSketch()
for sk in sketches.values():
    city.merge(sk)
exact = np.quantile(lux, [0.5, 0.9, 0.99])
print("night-light quantiles p50/p90/p99: sketch " + ", ".join(f"{x:.2f}" for x in city.quantile([0.5, 0.9, 0.99]))
      + " / exact " + ", ".join(f"{x:.2f}" for x in exact)
      + f" (rank error bound ±{city.normalized_rank_error:.2%})")

# %% Energy meters: consumption through counter resets (a meter replaced on the 15th).
meters = []
for m in range(12):
    ts = start + np.arange(0, 31 * 86400, 3600)
    kwh = np.cumsum(rng.uniform(0.5, 1.5, len(ts))) + 1000 * m
    kwh[len(ts) // 2:] -= kwh[len(ts) // 2] - 3.0  # the new meter starts near 0
    c = sensors.Counter()
    c.update(ts.astype("datetime64[s]"), kwh)
    meters.append({"meter": m, "kWh": c.delta(), "resets": c.num_resets, "mean kW": c.rate() * 3600})
meters = pd.DataFrame(meters)
print(f"12 meters consumed {meters['kWh'].sum():,.0f} kWh in October ({meters['resets'].sum()} counter resets handled)")

# %% A chart: mean night light per zone and day.
out = sys.argv[1] if len(sys.argv) > 1 else "sensors_city.png"
fig, ax = plt.subplots(figsize=(8, 3.5), dpi=100)
for zone, g in daily.groupby("zone"):
    ax.plot(g["window_start"].dt.tz_localize(None), g["mean"], label=zone)
ax.set_ylabel("mean light (lux)")
ax.set_title("Street lights, daily mean per zone (synthetic)")
ax.legend()
fig.tight_layout()
fig.savefig(out)
print(f"chart written to {out}")
