"""numresp.inclusion intervals, illectronism and coverage/siting: the names the issue fixes, golden
vectors from R and statsmodels through the bindings, vectorisation, and bad input."""

import doctest
import json
import math
import pathlib

import numpy as np
import pytest

import numresp
from numresp import inclusion

GOLDEN = pathlib.Path(__file__).resolve().parents[3] / "tests" / "data" / "inclusion" / "intervals.jsonl"
POITIERS = (0.3404, 46.5802)


def golden():
    return [json.loads(line) for line in GOLDEN.read_text().splitlines()]


def test_proportion_ci_every_method_against_r_and_statsmodels():
    rows = [r for r in golden() if r["kind"] == "proportion"]
    assert len(rows) == 7 * 960
    for method in inclusion.METHODS:
        sub = [r for r in rows if r["method"] == method]
        # Scalar calls on a sample, and one vectorised call over all of them per level.
        for r in sub[::37]:
            low, high = inclusion.proportion_ci(r["x"], r["n"], method=method, level=r["level"])
            assert low == pytest.approx(r["low"], abs=1e-9) and high == pytest.approx(r["high"], abs=1e-9), r
        for level in (0.9, 0.95, 0.99):
            at = [r for r in sub if r["level"] == level]
            low, high = inclusion.proportion_ci(np.array([r["x"] for r in at]), np.array([r["n"] for r in at]),
                                                method=method, level=level)
            np.testing.assert_allclose(low, [r["low"] for r in at], atol=1e-9, rtol=0)
            np.testing.assert_allclose(high, [r["high"] for r in at], atol=1e-9, rtol=0)


def test_other_intervals_against_the_references():
    for r in golden():
        if r["kind"] == "poisson":
            assert inclusion.poisson_ci(r["x"], level=r["level"]) == pytest.approx((r["low"], r["high"]), abs=1e-9)
        elif r["kind"] == "newcombe":
            got = inclusion.difference_ci(r["x1"], r["n1"], r["x2"], r["n2"], level=r["level"])
            assert got == pytest.approx((r["low"], r["high"]), abs=1e-9), r
        elif r["kind"] == "fpc":
            got = inclusion.proportion_ci(r["x"], r["n"], method=r["method"], level=r["level"],
                                          population=r["population"])
            assert got == pytest.approx((r["low"], r["high"]), abs=1e-9), r
        elif r["kind"] == "weighted":
            got = inclusion.weighted_proportion_ci(r["y"], r["w"], method=r["method"], level=r["level"])
            assert (got["low"], got["high"]) == pytest.approx((r["low"], r["high"]), abs=1e-9), r
            assert got["n_effective"] == pytest.approx(r["n_eff"], rel=1e-12)
            assert got["design_effect"] == pytest.approx(r["deff"], rel=1e-12)


def test_vectorised_shapes_and_broadcasting():
    low, high = inclusion.proportion_ci([[0, 5], [17, 154]], 1000)
    assert low.shape == (2, 2) and high.shape == (2, 2)
    assert high[1, 0] == inclusion.proportion_ci(17, 1000)[1]
    assert ((low >= 0) & (high <= 1) & (low <= high)).all()
    with pytest.raises(numresp.InvalidArgumentError, match="index 1: successes must be in"):
        inclusion.proportion_ci([1, 50], [10, 10])
    with pytest.raises(KeyError, match="known methods"):
        inclusion.proportion_ci(1, 10, method="bayes")
    with pytest.raises(ValueError, match="level"):
        inclusion.proportion_ci(1, 10, level=95)


def test_rates_and_design_effects():
    rate, low, high = inclusion.rate_ci(352, 88665)
    assert rate == pytest.approx(352 / 88.665) and low < rate < high
    w = inclusion.weighted_proportion_ci([1, 0, 1, 1, 0], [1, 1, 2, 2, 4])
    assert w["design_effect"] == pytest.approx(1.3) and w["n_effective"] == pytest.approx(3.846153846)
    given = inclusion.weighted_proportion_ci([1, 0, 1, 1, 0], [1, 1, 2, 2, 4], design_effect=2.0)
    assert given["n_effective"] == 2.5
    census = inclusion.proportion_ci(30, 352, population=352)
    assert census == (30 / 352, 30 / 352)


def test_illectronism_definitions_and_synthetic_estimate():
    r2019 = inclusion.IllectronismRate(0.17, "insee_2019", source="Insee Première 1780")
    r2021 = inclusion.IllectronismRate(0.154, "insee_2021", source="Insee Première 1953")
    with pytest.raises(numresp.FailedPreconditionError, match="insee_2019"):
        r2019 - r2021
    assert inclusion.IllectronismRate(0.16, "insee_2021") - r2021 == pytest.approx(0.006)
    assert "3 months" in r2021.description
    with pytest.raises(KeyError):
        inclusion.IllectronismRate(0.1, "insee_2030")
    tables = inclusion.illectronism_tables()
    assert [b["name"] for b in tables["insee_2019_age"]["bands"]] == ["15-44", "45-59", "60-74", "75+"]
    est = inclusion.illectronism_estimate({"15-44": 40000, "45-59": 14000, "60-74": 12000, "75+": 8000})
    assert est["people"] == pytest.approx(40000 * 0.03 + 14000 * 0.09 + 12000 * 0.27 + 8000 * 0.67)
    assert est["definition"] == "insee_2019" and est["rate_ci"] is None
    own = inclusion.illectronism_estimate({"young": 100, "old": 50},
                                          rates={"young": (0.02, 0.005), "old": (0.3, 0.02)},
                                          definition="insee_2021")
    assert own["rate"] == pytest.approx((2 + 15) / 150)
    assert own["variance"] == pytest.approx((100 / 150) ** 2 * 0.005 ** 2 + (50 / 150) ** 2 * 0.02 ** 2)
    with pytest.raises(ValueError, match="missing"):
        inclusion.illectronism_estimate({"15-44": 1})


def grid(n, seed, spread=0.02):
    rng = np.random.default_rng(seed)
    return np.column_stack([POITIERS[0] + rng.uniform(-spread, spread, n),
                            POITIERS[1] + rng.uniform(-spread * 0.7, spread * 0.7, n)])


def test_coverage_and_covered_mask():
    demand = grid(5000, 1)
    weights = np.random.default_rng(2).integers(0, 60, len(demand)).astype(float)
    sites = grid(40, 3)
    share = inclusion.coverage(demand, weights, sites, 300.0)
    detail = inclusion.covered(demand, sites, 300.0, weights=weights)
    assert detail["share"] == share
    mask = detail["covered"]
    assert mask.dtype == bool and mask.shape == (5000,)
    assert weights[mask].sum() == pytest.approx(detail["covered_weight"])
    # Brute force on a sample of points.
    for i in range(0, 5000, 250):
        d = min(inclusion.great_circle_m(*demand[i], *s) for s in sites)
        assert (d <= 300.0) == mask[i]
    assert inclusion.coverage(demand, None, sites, 300.0) == pytest.approx(mask.mean())
    with pytest.raises(ValueError, match=r"shape \(n, 2\)"):
        inclusion.coverage(demand[:, 0], None, sites, 300.0)
    with pytest.raises(numresp.InvalidArgumentError, match=r"demand\[0\]: latitude"):
        inclusion.coverage([[0.3, 95.0]], None, sites, 300.0)


def test_site_greedy_and_exact():
    demand = grid(600, 4)
    weights = np.random.default_rng(5).integers(0, 40, len(demand)).astype(float)
    candidates = grid(15, 6)
    existing = grid(2, 7)
    g = inclusion.site_greedy(demand, weights, candidates, 400.0, 3, existing_lonlat=existing)
    assert g.chosen.dtype == np.int64 and len(g.chosen) == 3 and len(g.curve) == 3
    assert g.initial == pytest.approx(inclusion.covered(demand, existing, 400.0, weights=weights)["covered_weight"])
    assert np.all(np.diff(g.curve) >= 0) and g.curve[0] >= g.initial
    chosen_sites = np.vstack([existing, candidates[g.chosen]])
    assert g.curve[-1] == pytest.approx(inclusion.covered(demand, chosen_sites, 400.0, weights=weights)["covered_weight"])
    e = inclusion.site_exact(demand, weights, candidates, 400.0, 3, existing_lonlat=existing)
    assert e.optimal and e.curve[-1] >= g.curve[-1] >= (1 - 1 / math.e) * e.curve[-1]
    frame = g.to_frame()
    assert list(frame.columns) == ["step", "candidate", "covered", "share", "gain"]
    assert "<table" in g._repr_html_()
    with pytest.raises(numresp.OutOfRangeError, match="nodes"):
        inclusion.site_exact(demand, weights, candidates, 2000.0, 6, max_nodes=10)


def test_docstring_examples():
    assert doctest.testmod(inclusion).failed == 0
