"""A city's digital-inclusion indicators: honest proportions, an illectronism estimate, and where the next free wifi hotspots should go.

A notebook-style walk-through (cells marked ``# %%`` open as a notebook in Jupyter or VS Code).
The plan's own figures are used where it gives them (38 % of requests about access to rights,
35 % of people helped without digital autonomy, 22 % coming on a relative's recommendation);
everything else is ILLUSTRATIVE and labelled so: the number of requests behind the shares, the
age structure, the 200 m grid of inhabitants and the hotspot locations are synthetic.

Run after a build:
    PYTHONPATH=build/dev/python /usr/bin/python3 examples/python/inclusion_city.py
"""

# %% Shares the plan quotes, with the interval they deserve.
import numpy as np
import pandas as pd

from numresp import inclusion

REQUESTS = 1200  # ILLUSTRATIVE: the plan gives shares, not the number of requests behind them
shares = {"requests about access to rights": 0.38, "people without digital autonomy": 0.35,
          "came on a relative's recommendation": 0.22}
rows = []
for name, share in shares.items():
    x = round(share * REQUESTS)
    wilson = inclusion.proportion_ci(x, REQUESTS)
    exact = inclusion.proportion_ci(x, REQUESTS, method="clopper_pearson")
    rows.append({"indicator": name, "share": x / REQUESTS, "wilson": f"{wilson[0]:.1%}–{wilson[1]:.1%}",
                 "clopper_pearson": f"{exact[0]:.1%}–{exact[1]:.1%}"})
print(f"Shares over {REQUESTS} requests (illustrative count), 95 % intervals:")
print(pd.DataFrame(rows).to_string(index=False))

# %% People in difficulty: national rates by age applied to the city's age structure.
age_structure = {"15-44": 44000, "45-59": 13000, "60-74": 12000, "75+": 7500}  # ILLUSTRATIVE
est = inclusion.illectronism_estimate(age_structure)  # INSEE 2019 rates by age (12-month definition)
print(f"\nSynthetic estimate ({est['definition']}): {est['rate']:.1%} of {est['population']:,.0f} people aged 15+, "
      f"about {est['people']:,.0f} people (model-based: national rates by age, local effects ignored)")

# %% Free wifi: who lives within 150 m of a hotspot, and where 5 new ones would cover the most people.
rng = np.random.default_rng(86194)  # ILLUSTRATIVE grid: 200 m cells around the town hall, denser in the centre
centre = np.array([0.3404, 46.5802])
cells = np.array([[centre[0] + i * 0.00262, centre[1] + j * 0.0018] for i in range(-25, 26) for j in range(-25, 26)])
distance = np.hypot((cells[:, 0] - centre[0]) / 0.00262, (cells[:, 1] - centre[1]) / 0.0018)
inhabitants = rng.poisson(120 * np.exp(-distance / 9))
hotspots = centre + rng.normal(0, [0.006, 0.004], size=(12, 2))      # existing (illustrative)
candidates = centre + rng.normal(0, [0.02, 0.014], size=(300, 2))    # public buildings (illustrative)

share = inclusion.coverage(cells, inhabitants, hotspots, 150.0)
print(f"\n{inhabitants.sum():,} inhabitants on {len(cells):,} cells; {share:.1%} live within 150 m of one of "
      f"the {len(hotspots)} hotspots")
plan = inclusion.site_greedy(cells, inhabitants, candidates, 150.0, 5, existing_lonlat=hotspots)
print("Coverage curve with the 5 best new hotspots (lazy greedy):")
print(plan.to_frame().to_string(index=False, float_format="{:.3f}".format))
best = inclusion.site_exact(cells, inhabitants, candidates, 150.0, 2, existing_lonlat=hotspots)
greedy2 = inclusion.site_greedy(cells, inhabitants, candidates, 150.0, 2, existing_lonlat=hotspots)
print(f"Two new hotspots: greedy covers {greedy2.curve[-1]:,.0f} people, the optimum {best.curve[-1]:,.0f}")
