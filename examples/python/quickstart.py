"""Quick start: check one of the plan's figures with numresp's units and estimates.

The Poitiers plan says "sending 20 emails a day for a year pollutes as much as driving 1,000 km
by car". This recomputes the claim with current ADEME figures (traced in the project's research
notes, factors.md §2) as inputs, each with its range. Later versions take these factors from
numresp's factor tables instead of stating them here.

Run after a build:  PYTHONPATH=build/dev/python /usr/bin/python3 examples/python/quickstart.py
"""

import numresp
from numresp import Estimate, units

# Inputs, with their sources.
EMAILS_PER_DAY = 20
DAYS = 365
# g CO2e per email: ADEME Impact CO2 publishes 2.46 g (2024-2026); the ADEME numérique model 2.1
# gives 1.94 g for a simple email and 3.00 g with a 1 MB attachment: the range.
EMAIL_G = Estimate(2.46, low=1.94, high=3.00)
# Average thermal car, ADEME Impact CO2 (current): 0.1106 use + 0.0317 construction kg CO2e/km.
CAR_KG_PER_KM = 0.1106 + 0.0317
PLAN_KM = 1000.0


def main() -> None:
    emails = EMAILS_PER_DAY * DAYS
    yearly_g = EMAIL_G * emails
    yearly_kg = Estimate(
        units.convert(yearly_g.value, "gCO2e", "kgCO2e"),
        low=units.convert(yearly_g.low, "gCO2e", "kgCO2e"),
        high=units.convert(yearly_g.high, "gCO2e", "kgCO2e"),
    )
    car_g_per_km = units.convert(CAR_KG_PER_KM, "kgCO2e/km", "gCO2e/km")
    km = yearly_g / car_g_per_km

    print(f"numresp {numresp.__version__}: the plan's email claim, recomputed")
    print(f"  {EMAILS_PER_DAY} emails a day for {DAYS} days = {emails:,} emails")
    print(f"  at {EMAIL_G.value} g CO2e each [{EMAIL_G.low}, {EMAIL_G.high}]:"
          f" {yearly_kg.value:.1f} kg CO2e [{yearly_kg.low:.1f}, {yearly_kg.high:.1f}]")
    print(f"  = {km.value:.0f} km by average thermal car [{km.low:.0f}, {km.high:.0f}]"
          f" at {car_g_per_km:.1f} g CO2e/km")
    print(f"  the plan says {PLAN_KM:,.0f} km: {PLAN_KM / km.high:.1f} to {PLAN_KM / km.low:.1f} times too high")


if __name__ == "__main__":
    main()
