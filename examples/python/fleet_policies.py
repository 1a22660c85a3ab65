"""Compare a city's device-fleet policies: keep devices longer, buy refurbished, give collected computers a second life.

A notebook-style walk-through (cells marked ``# %%`` open as a notebook in Jupyter or VS Code).
The fleet below is ILLUSTRATIVE: the plan gives no inventory, so the counts are plausible for a
city administration of about 2,000 staff. The reuse figures are the plan's own: 352 computers
collected by the end of 2023 and over 150 redistributed (*ordinateurs solidaires*).

Run after a build:
    PYTHONPATH=build/dev/python /usr/bin/python3 examples/python/fleet_policies.py
"""

# %% The inventory: one row per group of identical devices.
import pandas as pd

from numresp import devices

inventory = pd.DataFrame(
    [
        # kind, variant, count, acquisition year, refurbished, lifetime (None: the archetype's)
        ("laptop", None, 900, 2021, False, None),
        ("laptop", None, 300, 2023, True, None),
        ("desktop", "pro", 450, 2019, False, 7),
        ("monitor", None, 1100, 2020, False, None),
        ("smartphone", None, 700, 2022, False, None),
        ("tablet", None, 120, 2022, False, None),
        ("box", None, 40, 2021, False, None),
    ],
    columns=["kind", "variant", "count", "acquisition_year", "refurbished", "lifetime_years"],
)
fleet = devices.fleet(inventory)  # factor set ademe-2025, France, stock renewed at end of life
YEAR = 2025

# %% The footprint of a year, per kind and phase (kg CO2e per year, with low and high bounds).
table = fleet.table(YEAR)
print(f"Illustrative city fleet, {YEAR}, {table.attrs['unit']} (factor set {fleet.factor_set}):")
print(table[["kind", "variant", "devices", "embedded", "use", "total"]].to_string(index=False,
                                                                                   float_format="{:,.0f}".format))

# %% Policies, side by side with the baseline.
policies = [
    devices.Scenario("laptops +2 years", extend_lifetime_years=2, kinds=["laptop"]),
    devices.Scenario("all devices +1 year", extend_lifetime_years=1),
    devices.Scenario("half refurbished", refurbished_share=0.5, kinds=["laptop", "desktop", "smartphone"]),
    # The plan: 150 collected computers redistributed, each assumed to serve 3 more years.
    devices.Scenario("150 computers reused", reuse=[devices.Reuse("laptop", 150, remaining_years=3)]),
]
side_by_side = fleet.scenarios(policies, year=YEAR)
gwp = side_by_side.loc["gwp"]
print("\nPolicies, kg CO2e per year:")
print(gwp.loc[["embedded", "use", "avoided", "net", "change"]].to_string(float_format="{:,.0f}".format))
print("relative change: " + ", ".join(f"{name} {gwp.loc['relative_change', name]:+.1%}" for name in gwp.columns[1:]))

# %% How sure are we? Monte Carlo over the factors' bounds (triangular, 10,000 seeded draws).
mc = fleet.monte_carlo(YEAR, draws=10000, seed=2025)
total = mc[(mc.criterion == "gwp") & (mc.part == "total")].iloc[0]
print(f"\nFleet total {YEAR}: P50 {total.p50:,.0f} kg CO2e per year (P5 {total.p5:,.0f} to P95 {total.p95:,.0f})")

# %% One device as BoaviztAPI computes it, for comparison with its public API.
laptop = devices.evaluate("laptop", factor_set="boavizta-2.4.1", location="FRA")
shown = devices.boaviztapi_round(*[laptop.to_dict()["gwp"]["use"][k] for k in ("value", "low", "high")])
print(f"A pro laptop over its 4 years in France (BoaviztAPI 2.4.1): embedded "
      f"{laptop.to_dict()['gwp']['embedded']['value']:g} kg CO2e, use {shown['value']:g} kg CO2e")
