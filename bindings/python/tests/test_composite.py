"""numresp.inclusion.composite: the contract's names and arguments, hand-computed composites
(every normalisation and aggregation, weights, polarity, missing rules), pandas interop, the IFN
profiles, the Monte Carlo rank intervals, and errors."""

import importlib
import inspect
import math

import numpy as np
import pandas as pd
import pytest

import numresp

# numresp.inclusion may re-export the function `composite` under the module's name: take the module
# from sys.modules so that these tests hold either way.
comp = importlib.import_module("numresp.inclusion.composite")

WEIGHTS = {"x1": 1, "x2": 2, "x3": 1}
POLARITY = {"x3": -1}


def small():
    """4 units × 3 indicators; x3 is "higher = less fragile"; x2 weighs 2."""
    return pd.DataFrame({"x1": [1, 2, 3, 4], "x2": [10, 30, 20, 40], "x3": [5, 5, 15, 25]}, index=list("ABCD"))


def run(frame=None, **kwargs):
    args = dict(normalisation="minmax", aggregation="arithmetic", weights=WEIGHTS, polarity=POLARITY)
    args.update(kwargs)
    return comp.composite(small() if frame is None else frame, **args)


# -- The contract ---------------------------------------------------------------------------------


def test_module_and_names():
    import numresp.inclusion

    assert comp.__name__ == "numresp.inclusion.composite"
    for name in ("composite", "composite_uncertainty", "ifn", "ifn_profile"):
        assert callable(getattr(comp, name))
    assert comp.NORMALISATIONS == ("minmax", "zscore", "rank", "ratio_to_reference", "decile_points")
    assert comp.AGGREGATIONS == ("arithmetic", "geometric", "harmonic")
    assert comp.MISSING_RULES == ("skip", "fail", "impute_mean")
    assert comp.IFN_PROFILES == ("ifn2019", "ifn2021")
    exported = getattr(numresp.inclusion, "composite", None)
    assert exported is None or exported is comp or exported is comp.composite


def test_composite_signature():
    params = inspect.signature(comp.composite).parameters
    assert list(params)[:4] == ["frame", "normalisation", "weights", "aggregation"]
    assert params["frame"].kind is inspect.Parameter.POSITIONAL_OR_KEYWORD
    for name in ("normalisation", "weights", "aggregation"):
        assert params[name].kind is inspect.Parameter.KEYWORD_ONLY
        assert params[name].default is inspect.Parameter.empty
    assert params["missing"].default == "skip"
    assert params["polarity"].default is None and params["reference"].default is None
    with pytest.raises(TypeError):
        comp.composite(small(), "minmax", WEIGHTS, "arithmetic")  # keyword-only
    u = inspect.signature(comp.composite_uncertainty).parameters
    assert u["draws"].default == 1000 and u["seed"].default == 0 and u["weight_spread"].default == 0.25
    assert inspect.signature(comp.ifn).parameters["profile"].default == "ifn2021"


def test_series_shape_index_and_attrs():
    frame = small()
    s = run(frame)
    assert isinstance(s, pd.Series)
    assert s.name == "composite"
    assert s.index.equals(frame.index)
    assert s.dtype == np.float64
    assert s.tolist() == pytest.approx([0.25, 2 / 3, 11 / 24, 0.75], abs=1e-12)
    assert s.attrs["coverage"] == [1.0, 1.0, 1.0, 1.0]
    assert s.attrs["flagged"] == []
    assert s.attrs["columns"] == ["x1", "x2", "x3"]


# -- Hand-computed --------------------------------------------------------------------------------


def test_every_normalisation():
    s1, s2, s3 = math.sqrt(5 / 3), math.sqrt(500 / 3), math.sqrt(275 / 3)
    f = small()
    z = [0.25 * (a - 2.5) / s1 + 0.5 * (b - 25) / s2 - 0.25 * (c - 12.5) / s3 for a, b, c in f.to_numpy()]
    assert run(normalisation="zscore").tolist() == pytest.approx(z, abs=1e-12)
    assert run(normalisation="rank").tolist() == pytest.approx([1.625, 2.875, 2.25, 3.25], abs=1e-12)
    assert run(normalisation="ratio_to_reference").tolist() == pytest.approx([70, 120, 90, 120], abs=1e-9)
    assert run(normalisation="decile_points").tolist() == pytest.approx([-2.25, 0, 0, 1.5], abs=1e-12)


def test_every_aggregation():
    y = [(1, 1, 100), (34, 67, 100), (67, 34, 50.5), (100, 100, 1)]  # minmax onto [1, 100]
    geometric = [a**0.25 * b**0.5 * c**0.25 for a, b, c in y]
    harmonic = [1 / (0.25 / a + 0.5 / b + 0.25 / c) for a, b, c in y]
    assert run(aggregation="geometric", minmax_range=(1, 100)).tolist() == pytest.approx(geometric, rel=1e-9)
    assert run(aggregation="harmonic", minmax_range=(1, 100)).tolist() == pytest.approx(harmonic, rel=1e-9)
    shifted = run(aggregation="geometric", non_positive="shift")
    assert shifted.attrs["shift"] == 1.0
    assert shifted["A"] == pytest.approx(2**0.25)


def test_weights_polarity_and_unused_columns():
    f = small()
    f["label"] = ["a", "b", "c", "d"]  # not weighted: ignored, even though it is text
    s = comp.composite(f, normalisation="minmax", aggregation="arithmetic", weights={"x1": 1, "x2": 2})
    assert s.tolist() == pytest.approx([0, 5 / 9, 4 / 9, 1], abs=1e-12)
    scaled = comp.composite(f, normalisation="minmax", aggregation="arithmetic", weights={"x1": 10, "x2": 20})
    assert scaled.tolist() == pytest.approx(s.tolist(), abs=1e-12)
    # A polarity (or a reference) for a column without weight is allowed and unused.
    flipped = comp.composite(f, normalisation="minmax", aggregation="arithmetic", weights={"x3": 1},
                             polarity={"x1": 1, "x3": -1}, reference={"x2": 5.0})
    assert flipped.tolist() == pytest.approx([1, 1, 0.5, 0], abs=1e-12)


def test_references():
    # A given value for x1 (2 → 50, 100, 150, 200) and the median of x3 (10 → 150, 150, 50, −50).
    s = run(normalisation="ratio_to_reference", reference={"x1": 2.0, "x3": "median"})
    expected = [0.25 * 50 + 0.5 * 40 + 0.25 * 150, 0.25 * 100 + 0.5 * 120 + 0.25 * 150,
                0.25 * 150 + 0.5 * 80 + 0.25 * 50, 0.25 * 200 + 0.5 * 160 - 0.25 * 50]
    assert s.tolist() == pytest.approx(expected, abs=1e-9)
    # A reference territory as a DataFrame: the same units score differently against another one.
    wide = pd.DataFrame({"x1": [1, 4], "x2": [10, 40], "x3": [5, 25]})
    against_self = run(normalisation="ratio_to_reference", reference=small())
    against_wide = run(normalisation="ratio_to_reference", reference=wide)
    assert against_self.tolist() == pytest.approx([70, 120, 90, 120], abs=1e-9)
    assert against_wide.tolist() != pytest.approx(against_self.tolist())
    assert against_wide["A"] == pytest.approx(0.25 * 40 + 0.5 * 40 + 0.25 * (200 - 100 * 5 / 15))
    # National deciles for decile points.
    nine = [0, 0, 0, 0, 0, 0, 0, 0, 0]
    d = run(normalisation="decile_points", reference={"x1": nine, "x2": nine, "x3": nine})
    assert d.tolist() == pytest.approx([0.25 * 3 + 0.5 * 3 - 0.25 * 3] * 4)


# -- Missing data ---------------------------------------------------------------------------------


def test_missing_rules():
    f = small().astype({"x2": "float64"})
    f.loc["B", "x2"] = np.nan
    s = run(f)
    assert s["B"] == pytest.approx(2 / 3)
    assert s.attrs["coverage"][1] == pytest.approx(2 / 3)
    strict = run(f, min_coverage=0.9)
    assert math.isnan(strict["B"]) and strict.attrs["flagged"] == ["B"]
    imputed = run(f, missing="impute_mean")
    assert imputed["B"] == pytest.approx(0.25 / 3 + 0.5 * 4 / 9 + 0.25)
    with pytest.raises(numresp.InvalidArgumentError, match=r"unit 'B' \(row 1\), indicator 'x2'"):
        run(f, missing="fail")


def test_pandas_interop():
    f = small()
    f.index = pd.Index(["86194_0101", "86194_0102", "86194_0103", "86194_0104"], name="iris")
    f["x2"] = pd.array([10, pd.NA, 20, 40], dtype="Int64")  # nullable integers: pd.NA is missing
    f["x1"] = pd.Series([1, 2, None, 4], index=f.index, dtype=object)  # object column of numbers and None
    s = run(f[["x3", "x2", "x1"]])  # column order does not matter: weights name them
    assert s.index.equals(f.index) and s.index.name == "iris"
    assert not math.isnan(s["86194_0102"]) and not math.isnan(s["86194_0103"])
    u = comp.composite_uncertainty(small(), weights=WEIGHTS, polarity=POLARITY, draws=50)
    assert isinstance(u, pd.DataFrame)
    joined = small().join(u)
    assert list(joined.columns[-7:]) == list(comp.UNCERTAINTY_COLUMNS)
    assert pd.concat([u, u]).shape == (8, 7)


# -- Errors ---------------------------------------------------------------------------------------


def test_errors():
    with pytest.raises(numresp.NotFoundError, match=r"'x9'.*its columns: x1, x2, x3"):
        run(weights={"x1": 1, "x9": 1})
    with pytest.raises(KeyError):
        run(weights={"x1": 1, "x9": 1})
    with pytest.raises(numresp.NotFoundError, match="minmax, zscore, rank"):
        run(normalisation="min-max")
    with pytest.raises(numresp.NotFoundError, match="arithmetic, geometric, harmonic"):
        run(aggregation="mean")
    with pytest.raises(numresp.NotFoundError, match="skip, fail, impute_mean"):
        run(missing="drop")
    with pytest.raises(numresp.InvalidArgumentError, match=r"unit 'A' \(row 0\), indicator 'x1': normalised value 0"):
        run(aggregation="geometric")
    f = small().astype(float)
    f.loc["C", "x2"] = np.inf
    with pytest.raises(numresp.InvalidArgumentError, match=r"unit 'C' \(row 2\), indicator 'x2': value inf"):
        run(f)
    f = small().astype(object)
    f.loc["D", "x1"] = "n/a"
    with pytest.raises(numresp.InvalidArgumentError, match=r"unit 'D' \(row 3\), column 'x1': value 'n/a'"):
        run(f)
    with pytest.raises(numresp.NotFoundError, match=r"polarity names column 'x9'.*its columns: x1, x2, x3"):
        run(polarity={"x9": -1})
    with pytest.raises(numresp.InvalidArgumentError, match="polarity of column 'x3' = 2"):
        run(polarity={"x3": 2})
    with pytest.raises(numresp.InvalidArgumentError, match="weight = -1"):
        run(weights={"x1": -1, "x2": 1})
    with pytest.raises(numresp.InvalidArgumentError, match="non-empty dict"):
        run(weights={})
    with pytest.raises(numresp.InvalidArgumentError, match="expected a pandas DataFrame"):
        comp.composite(small().to_numpy(), normalisation="minmax", weights=WEIGHTS, aggregation="arithmetic")
    with pytest.raises(numresp.InvalidArgumentError, match="3 deciles given"):
        run(normalisation="decile_points", reference={"x1": [1, 2, 3]})


# -- Uncertainty ----------------------------------------------------------------------------------


def test_uncertainty_frame_and_determinism():
    kwargs = dict(weights=WEIGHTS, polarity=POLARITY, normalisations=("minmax", "zscore", "rank"),
                  aggregations=("arithmetic", "geometric", "harmonic"), exclusion_probability=0.2, draws=400, seed=3)
    a = comp.composite_uncertainty(small(), **kwargs)
    b = comp.composite_uncertainty(small(), **kwargs)
    pd.testing.assert_frame_equal(a, b)
    assert a.attrs["sensitivity"] == b.attrs["sensitivity"]
    assert list(a.columns) == list(comp.UNCERTAINTY_COLUMNS)
    assert a.index.equals(small().index)
    assert list(a.attrs["sensitivity"]) == ["all", "normalisation", "aggregation", "weights", "exclusion"]
    assert a.attrs["configurations"]["normalisation"] == 3 and a.attrs["draws"] == 400
    assert a["rank"].tolist() == [4.0, 2.0, 3.0, 1.0]
    assert a["score"].tolist() == pytest.approx(run().tolist())
    assert (a["rank_p5"] <= a["median_rank"]).all() and (a["median_rank"] <= a["rank_p95"]).all()
    assert a["p_top_decile"].between(0, 1).all()
    c = comp.composite_uncertainty(small(), **dict(kwargs, seed=4))
    assert not a["mean_score"].equals(c["mean_score"])
    d = comp.composite_uncertainty(small(), **dict(kwargs, weight_distribution="dirichlet",
                                                   dirichlet_concentration=20))
    pd.testing.assert_frame_equal(d, comp.composite_uncertainty(small(), **dict(
        kwargs, weight_distribution="dirichlet", dirichlet_concentration=20)))


def test_uncertainty_separated_units():
    k = np.arange(1, 11, dtype=float)
    f = pd.DataFrame({"a": k, "b": 10 * k, "c": k**2}, index=[f"u{int(i)}" for i in k])
    u = comp.composite_uncertainty(f, weights={"a": 1, "b": 1, "c": 1}, aggregations=("arithmetic", "geometric",
                                                                                      "harmonic"),
                                   exclusion_probability=0.3, draws=200)
    assert u["rank"].tolist() == list(np.arange(10, 0, -1, dtype=float))
    assert u["rank_p5"].equals(u["rank"]) and u["rank_p95"].equals(u["rank"])
    assert u["p_top_decile"].tolist() == [0.0] * 9 + [1.0]
    assert all(v == 0 for v in u.attrs["sensitivity"].values())


def test_uncertainty_errors():
    with pytest.raises(numresp.InvalidArgumentError, match="draws = 0"):
        comp.composite_uncertainty(small(), weights=WEIGHTS, draws=0)
    with pytest.raises(numresp.InvalidArgumentError, match="weight_spread"):
        comp.composite_uncertainty(small(), weights=WEIGHTS, weight_spread=1.5)
    with pytest.raises(numresp.NotFoundError, match="uniform, dirichlet"):
        comp.composite_uncertainty(small(), weights=WEIGHTS, weight_distribution="normal")
    with pytest.raises(numresp.InvalidArgumentError, match="seed"):
        comp.composite_uncertainty(small(), weights=WEIGHTS, seed=-1)


# -- IFN ------------------------------------------------------------------------------------------

IFN2021 = ["no_thd_coverage_rate", "poverty_rate", "library_distance", "public_service_distance", "menseul_rate",
           "fammono_rate", "unemployement_rate", "foreigners_rate", "social_assistance_rate", "older_65_rate",
           "nscol15p_rate"]
NATIONAL = {key: [2, 3, 4, 5, 6, 7, 8, 9, 10] for key in IFN2021}


def test_ifn_profiles():
    p = comp.ifn_profile("ifn2021")
    assert list(p.columns) == ["key", "block", "polarity", "label"]
    assert p["key"].tolist() == IFN2021
    p19 = comp.ifn_profile("ifn2019")
    assert len(p19) == 11 and (p19["polarity"] == -1).sum() == 4
    with pytest.raises(numresp.NotFoundError, match="ifn2019, ifn2021"):
        comp.ifn_profile("ifn2023")


def test_ifn2021_hand_computed():
    rows = {"high": [11] * 11, "low": [1] * 11, "mixed": [11, 10, 9, 5, 5, 5, 3, 2, 1, 6, 6], "plus": [9] * 11}
    f = pd.DataFrame.from_dict(rows, orient="index", columns=IFN2021)
    f["commune"] = ["x", "y", "z", "w"]  # other columns are ignored
    out = comp.ifn(f, profile="ifn2021", reference=NATIONAL)
    assert out.index.equals(f.index)
    assert list(out.columns) == IFN2021 + ["acces_numerique", "acces_information", "competences_administratives",
                                           "competences_numeriques", "total"]
    assert out["total"].tolist() == pytest.approx([10, -10, 0, 11 / 3.3], abs=1e-12)
    assert out.loc["mixed", "acces_numerique"] == pytest.approx(60 / 9)
    assert out.loc["mixed", "unemployement_rate"] == -1
    # Deselection: 3 + 2 + 1 over three indicators → 6 × 11 / (3.3 × 3).
    three = comp.ifn(f[IFN2021[:3]], reference=NATIONAL, indicators=IFN2021[:3])
    assert three.loc["mixed", "total"] == pytest.approx(6 * 11 / (3.3 * 3))
    assert list(three.columns) == IFN2021[:3] + ["acces_numerique", "total"]
    # National units as a DataFrame: their deciles.
    national = pd.DataFrame({key: np.arange(1, 12, dtype=float) for key in IFN2021})
    assert comp.ifn(f, reference=national)["total"].tolist() == pytest.approx(out["total"].tolist())


def test_ifn2019_reference_dependence():
    keys = comp.ifn_profile("ifn2019")["key"].tolist()
    unit = [0.9, 1.0, 0.15, 20000, 0.002, 0.4, 0.1, 0.2, 0.12, 0.25, 0.3]
    departement = dict(zip(keys, [0.8, 1.0, 0.1, 25000, 0.002, 0.4, 0.1, 0.2, 0.1, 0.2, 0.3]))
    f = pd.DataFrame([unit], columns=keys, index=["Aslonnes"])
    dep = comp.ifn(f, profile="ifn2019", reference=departement)
    assert dep.loc["Aslonnes", "acces_interfaces_numeriques"] == pytest.approx(114.375)
    assert dep.loc["Aslonnes", "global_acces"] == pytest.approx((114.375 + 100) / 2)
    assert dep.loc["Aslonnes", "total"] == pytest.approx((114.375 + 100 + 110 + 112.5) / 4)
    epci = comp.ifn(f, profile="ifn2019", reference=dict(zip(keys, unit)))
    assert epci.loc["Aslonnes", "total"] == pytest.approx(100)
    # A reference territory given by its units: the mean (or median) of each column.
    territory = pd.DataFrame([unit, list(departement.values())], columns=keys)
    mean_ref = comp.ifn(f, profile="ifn2019", reference=territory)
    median_ref = comp.ifn(f, profile="ifn2019", reference=territory, statistic="median")
    assert mean_ref.loc["Aslonnes", "poverty_rate"] == pytest.approx(100 * 0.15 / 0.125)
    assert median_ref.loc["Aslonnes", "poverty_rate"] == pytest.approx(100 * 0.15 / 0.125)
    plain = comp.ifn(f, profile="ifn2019", reference=departement, invert_favourable=False)
    assert plain.loc["Aslonnes", "hd_thd_coverage_rate"] == pytest.approx(112.5)


def test_ifn_errors():
    f = pd.DataFrame({"no_thd_coverage_rate": [0.1], "poverty_rate": [0.2]})
    with pytest.raises(numresp.NotFoundError, match="missing columns library_distance, public_service_distance"):
        comp.ifn(f)
    with pytest.raises(numresp.NotFoundError, match="unknown indicator 'internet_rate'"):
        comp.ifn(f, indicators=["poverty_rate", "internet_rate"])
    with pytest.raises(numresp.NotFoundError, match="unknown IFN profile 'ifn2030'"):
        comp.ifn(f, profile="ifn2030")
    with pytest.raises(numresp.InvalidArgumentError, match="expected the 9 deciles"):
        comp.ifn(f, indicators=["poverty_rate"], reference={"poverty_rate": 0.2})
    with pytest.raises(numresp.InvalidArgumentError, match=r"'poverty_rate': reference = 0"):
        comp.ifn(f, profile="ifn2019", indicators=["poverty_rate"], reference={"poverty_rate": 0})
    with pytest.raises(numresp.InvalidArgumentError, match=r"unit '0' \(row 0\), column 'poverty_rate': value inf"):
        comp.ifn(f.assign(poverty_rate=[np.inf]), indicators=["poverty_rate"])
