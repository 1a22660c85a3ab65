"""Quick start: check one of the plan's figures with numresp's factors, units and estimates.

The Poitiers plan says "sending 20 emails a day for a year pollutes as much as driving 1,000 km
by car". This recomputes the claim with the default factor set (ADEME, 2025): the email figure
Impact CO2 publishes, bounded by ADEME's own model for a simple email and for one with a 1 MB
attachment, and Impact CO2's average thermal car. Every factor is printed with its source.

Run after a build:  PYTHONPATH=build/dev/python /usr/bin/python3 examples/python/quickstart.py
"""

import numresp
from numresp import Estimate, factors

EMAILS_PER_DAY = 20
DAYS = 365
PLAN_KM = 1000.0


def main() -> None:
    fs = factors.default()
    email_g = Estimate(
        fs.value("usage.email", unit="gCO2e/email"),
        low=fs.value("usage.email.model_simple", unit="gCO2e/email"),
        high=fs.value("usage.email.model_1mb_attachment", unit="gCO2e/email"),
    )
    car_g_per_km = fs.value("equivalence.car_thermal", unit="gCO2e/km")

    emails = EMAILS_PER_DAY * DAYS
    yearly_kg = email_g * emails / 1000.0
    km = email_g * emails / car_g_per_km

    print(f"numresp {numresp.__version__}: the plan's email claim, recomputed with the {fs.name} factors")
    print(f"  {EMAILS_PER_DAY} emails a day for {DAYS} days = {emails:,} emails")
    print(f"  at {email_g.value:.2f} g CO2e each [{email_g.low:.2f}, {email_g.high:.2f}]:"
          f" {yearly_kg.value:.1f} kg CO2e a year [{yearly_kg.low:.1f}, {yearly_kg.high:.1f}]")
    print(f"  = {km.value:.0f} km by average thermal car [{km.low:.0f}, {km.high:.0f}]"
          f" at {car_g_per_km:.1f} g CO2e/km")
    print(f"  the plan says {PLAN_KM:,.0f} km: {PLAN_KM / km.high:.1f} to {PLAN_KM / km.low:.1f} times too high")
    print("  factors used:")
    for factor_id in ("usage.email", "usage.email.model_simple", "usage.email.model_1mb_attachment",
                      "equivalence.car_thermal"):
        row = fs[factor_id]
        print(f"    {factor_id} = {row['value']} {row['unit']} ({row['source']}, {row['year']}, {row['licence']})")


if __name__ == "__main__":
    main()
