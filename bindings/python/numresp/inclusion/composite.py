"""Composite indices over a DataFrame of units × indicators: normalisation, weights, aggregation,
missing-data rules, the Indice de Fragilité Numérique (IFN) 2019 and 2021–22, and a Monte Carlo
uncertainty / sensitivity analysis giving rank intervals (OECD/JRC handbook, 2008).

>>> import pandas as pd
>>> frame = pd.DataFrame({"poverty_rate": [1, 2, 3, 4], "older_65_rate": [10, 30, 20, 40],
...                       "thd_coverage_rate": [5, 5, 15, 25]}, index=list("ABCD"))
>>> s = composite(frame, normalisation="minmax", aggregation="arithmetic",
...               weights={"poverty_rate": 1, "older_65_rate": 2, "thd_coverage_rate": 1},
...               polarity={"thd_coverage_rate": -1})
>>> [round(v, 4) for v in s]
[0.25, 0.6667, 0.4583, 0.75]

Conventions: **higher = more fragile** (``polarity={column: -1}`` flips an indicator where higher
is better, such as a coverage rate); rank 1 is the most fragile unit; missing values are NaN (or
``None`` / ``pd.NA``). Only the columns named in ``weights`` are used: the others are ignored
(``polarity`` and ``reference`` may describe them too), and a weight, polarity or reference naming
a column the frame does not have raises :class:`numresp.NotFoundError` listing the frame's columns. Methodology: docs/methodology/composite.

Errors: :class:`numresp.InvalidArgumentError` (a ``ValueError``) naming the unit (the index label
and row), the column and the value; :class:`numresp.NotFoundError` (a ``KeyError``) for an unknown
method, profile or column, listing the known ones.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Dict, List, Mapping, Optional, Sequence, Tuple, Union

import numpy as np

from .. import _core
from .._core import inclusion as _inc

if TYPE_CHECKING:  # pragma: no cover
    import pandas

__all__ = [
    "NORMALISATIONS",
    "AGGREGATIONS",
    "MISSING_RULES",
    "IFN_PROFILES",
    "UNCERTAINTY_COLUMNS",
    "composite",
    "composite_uncertainty",
    "ifn",
    "ifn_profile",
]

#: Normalisations of :func:`composite`.
NORMALISATIONS: Tuple[str, ...] = ("minmax", "zscore", "rank", "ratio_to_reference", "decile_points")
#: Aggregations of :func:`composite`.
AGGREGATIONS: Tuple[str, ...] = ("arithmetic", "geometric", "harmonic")
#: Missing-data rules of :func:`composite`.
MISSING_RULES: Tuple[str, ...] = ("skip", "fail", "impute_mean")
#: Profiles of :func:`ifn`.
IFN_PROFILES: Tuple[str, ...] = ("ifn2019", "ifn2021")
#: Columns of :func:`composite_uncertainty`.
UNCERTAINTY_COLUMNS: Tuple[str, ...] = (
    "score",
    "rank",
    "median_rank",
    "rank_p5",
    "rank_p95",
    "p_top_decile",
    "mean_score",
)

Reference = Union[None, str, Mapping[str, Any], "pandas.DataFrame"]


# -- Frames ---------------------------------------------------------------------------------------


def _check_frame(frame: Any, who: str) -> None:
    import pandas as pd

    if not isinstance(frame, pd.DataFrame):
        raise _core.InvalidArgumentError(f"{who}: expected a pandas DataFrame, got {type(frame).__name__}")
    if not frame.columns.is_unique:
        duplicated = sorted({str(c) for c in frame.columns[frame.columns.duplicated()]})
        raise _core.InvalidArgumentError(f"{who}: duplicated columns {', '.join(duplicated)}")


def _numeric_column(frame: "pandas.DataFrame", column: Any, who: str) -> np.ndarray:
    """The column as float64 (NaN for None, NaN, pd.NA); raises on text or booleans."""
    import pandas as pd

    series = frame[column]
    if pd.api.types.is_bool_dtype(series.dtype):
        raise _core.InvalidArgumentError(f"{who}: column {column!r} is boolean; expected numbers")
    if pd.api.types.is_numeric_dtype(series.dtype):
        return series.to_numpy(dtype=np.float64, na_value=np.nan)
    converted = pd.to_numeric(series, errors="coerce")
    bad = converted.isna() & series.notna()
    if bad.any():
        row = int(np.flatnonzero(bad.to_numpy())[0])
        raise _core.InvalidArgumentError(
            f"{who}: unit {frame.index[row]!r} (row {row}), column {column!r}: value {series.iloc[row]!r} is not a number"
        )
    return converted.to_numpy(dtype=np.float64, na_value=np.nan)


def _matrix(frame: "pandas.DataFrame", columns: Sequence[Any], who: str) -> np.ndarray:
    out = np.empty((len(frame), len(columns)), dtype=np.float64)
    for j, column in enumerate(columns):
        out[:, j] = _numeric_column(frame, column, who)
    return out


def _units(frame: "pandas.DataFrame") -> List[str]:
    return [str(label) for label in frame.index]


def _known(names: Sequence[Any]) -> str:
    return ", ".join(str(n) for n in names)


# -- Specs ----------------------------------------------------------------------------------------


class _Specs:
    """Per-column weights, polarities and references, in the order of ``weights``."""

    def __init__(self, frame: "pandas.DataFrame", weights: Any, polarity: Any, reference: Reference,
                 reference_statistic: str, methods: Sequence[str], who: str) -> None:
        import pandas as pd

        if not isinstance(weights, Mapping) or not weights:
            raise _core.InvalidArgumentError(
                f"{who}: weights must be a non-empty dict {{column: weight}}; got {weights!r}"
            )
        self.columns: List[Any] = list(weights)
        for c in self.columns:
            if c not in frame.columns:
                raise _core.NotFoundError(
                    f"{who}: weights name column {c!r}, which the frame does not have; its columns: "
                    f"{_known(frame.columns)}"
                )
        self.weights: List[float] = []
        for c in self.columns:
            w = weights[c]
            if isinstance(w, bool) or not isinstance(w, (int, float, np.integer, np.floating)):
                raise _core.InvalidArgumentError(f"{who}: weight of column {c!r} = {w!r}: expected a number >= 0")
            self.weights.append(float(w))
        self.polarity: List[int] = [1] * len(self.columns)
        if polarity is not None:
            if not isinstance(polarity, Mapping):
                raise _core.InvalidArgumentError(f"{who}: polarity must be a dict {{column: +1 or -1}}")
            for c, p in polarity.items():
                if c not in frame.columns:
                    raise _core.NotFoundError(
                        f"{who}: polarity names column {c!r}, which the frame does not have; its columns: "
                        f"{_known(frame.columns)}"
                    )
                if isinstance(p, bool) or p not in (1, -1):
                    raise _core.InvalidArgumentError(f"{who}: polarity of column {c!r} = {p!r}: must be +1 or -1")
                if c in weights:  # a column without weight is not used
                    self.polarity[self.columns.index(c)] = int(p)
        n = len(self.columns)
        self.reference: List[Optional[float]] = [None] * n
        self.statistic: List[str] = [reference_statistic] * n
        self.deciles: List[Optional[List[float]]] = [None] * n
        if reference is None:
            return
        if isinstance(reference, str):
            self.statistic = [reference] * n
        elif isinstance(reference, pd.DataFrame):
            for j, c in enumerate(self.columns):
                if c not in reference.columns:
                    raise _core.NotFoundError(
                        f"{who}: the reference frame has no column {c!r}; its columns: {_known(reference.columns)}"
                    )
                values = _numeric_column(reference, c, f"{who} (reference)")
                if "ratio_to_reference" in methods:
                    self.reference[j] = float(_inc.composite_reference_value(values, reference_statistic))
                if "decile_points" in methods:
                    self.deciles[j] = list(_inc.composite_deciles(values))
        elif isinstance(reference, Mapping):
            for c, r in reference.items():
                if c not in frame.columns:
                    raise _core.NotFoundError(
                        f"{who}: reference names column {c!r}, which the frame does not have; its columns: "
                        f"{_known(frame.columns)}"
                    )
                if c not in weights:  # a column without weight is not used
                    continue
                j = self.columns.index(c)
                if isinstance(r, str):
                    self.statistic[j] = r
                elif isinstance(r, (int, float, np.integer, np.floating)) and not isinstance(r, bool):
                    self.reference[j] = float(r)
                elif isinstance(r, (Sequence, np.ndarray)):
                    self.deciles[j] = [float(v) for v in r]
                else:
                    raise _core.InvalidArgumentError(
                        f"{who}: reference of column {c!r} = {r!r}: expected a number (the reference value), "
                        "'mean' / 'median', or the 9 deciles D1..D9"
                    )
        else:
            raise _core.InvalidArgumentError(
                f"{who}: reference must be None, 'mean', 'median', a dict per column or a reference DataFrame; "
                f"got {type(reference).__name__}"
            )

    def arguments(self) -> Dict[str, Any]:
        return dict(weights=self.weights, polarity=self.polarity, reference=self.reference,
                    statistic=self.statistic, deciles=self.deciles)


def _range(minmax_range: Any, who: str) -> Tuple[float, float]:
    try:
        low, high = minmax_range
        return float(low), float(high)
    except (TypeError, ValueError):
        raise _core.InvalidArgumentError(f"{who}: minmax_range = {minmax_range!r}: expected (low, high)") from None


# -- Composite ------------------------------------------------------------------------------------


def composite(
    frame: "pandas.DataFrame",
    *,
    normalisation: str,
    weights: Mapping[str, float],
    aggregation: str,
    polarity: Optional[Mapping[str, int]] = None,
    reference: Reference = None,
    missing: str = "skip",
    min_coverage: float = 0.5,
    minmax_range: Tuple[float, float] = (0.0, 1.0),
    rank_as_share: bool = False,
    non_positive: str = "fail",
    reference_statistic: str = "mean",
) -> "pandas.Series":
    """A composite index per unit (row of ``frame``): higher = more fragile.

    Each weighted column is normalised (polarity applied), then each row's normalised values are
    aggregated with the weights normalised to sum 1 over the columns available for that row.

    Parameters
    ----------
    frame : pandas.DataFrame
        One row per unit (IRIS, commune...), one numeric column per indicator; NaN = missing.
    normalisation : str
        ``"minmax"``: (x − min)/(max − min) onto ``minmax_range``; ``"zscore"``: (x − mean)/s with
        the sample standard deviation (n − 1); ``"rank"``: average ranks 1..n (ties share their
        mean rank); ``"ratio_to_reference"``: 100·x/ref (IFN 2019); ``"decile_points"``: −3…+3 by
        decile band (IFN 2021–22, numresp's reading of the rule: see the methodology).
    weights : dict
        ``{column: weight}`` (>= 0; only ratios matter). Only these columns are used.
    aggregation : str
        ``"arithmetic"`` Σ w·y, ``"geometric"`` Π y^w, ``"harmonic"`` 1/Σ(w/y); the last two need
        y > 0 (see ``non_positive``).
    polarity : dict, optional
        ``{column: -1}`` for indicators where higher is *less* fragile; default +1. With
        ``ratio_to_reference``, −1 scores 200 − 100·x/ref.
    reference : None, str, dict or DataFrame
        For ``ratio_to_reference`` and ``decile_points``. None: the units' own mean (or
        ``reference_statistic``) and deciles; ``"mean"`` / ``"median"``; a dict per column of a
        reference value, a statistic name, or the 9 deciles D1..D9; or a reference DataFrame (e.g.
        the département's units) whose columns give the statistic and the deciles.
    missing : str
        ``"skip"`` (renormalise the weights over the available columns), ``"fail"`` (raise naming
        the unit and the column), ``"impute_mean"`` (the column's mean).
    min_coverage : float
        A unit whose share of observed values among the weighted columns is below it gets NaN
        and is listed in ``result.attrs["flagged"]`` (rules ``skip`` and ``impute_mean``).
    minmax_range : (float, float)
        Target of ``minmax``: (0, 1) by default; (1, 100) suits a geometric mean.
    rank_as_share : bool
        ``rank``: r/n instead of r.
    non_positive : str
        Geometric and harmonic with a value <= 0: ``"fail"`` (default) or ``"shift"`` (add
        1 − min to every normalised value; the shift is in ``attrs["shift"]``).
    reference_statistic : str
        ``"mean"`` (default) or ``"median"``: the statistic of ``ratio_to_reference`` without a
        given reference value.

    Returns
    -------
    pandas.Series
        Indexed like ``frame``, named ``"composite"``. ``attrs``: ``coverage`` (list, one share per
        unit), ``flagged`` (index labels below ``min_coverage``), ``shift``, ``normalisation``,
        ``aggregation``, ``columns`` (the weighted columns used).
    """
    import pandas as pd

    who = "composite"
    _check_frame(frame, who)
    specs = _Specs(frame, weights, polarity, reference, reference_statistic, (normalisation,), who)
    low, high = _range(minmax_range, who)
    r = _inc.composite_score(
        _matrix(frame, specs.columns, who), [str(c) for c in specs.columns], _units(frame), **specs.arguments(),
        normalisation=normalisation, aggregation=aggregation, missing=missing, min_coverage=float(min_coverage),
        minmax_low=low, minmax_high=high, rank_as_share=bool(rank_as_share), non_positive=non_positive)
    series = pd.Series(r["score"], index=frame.index, name="composite")
    series.attrs["coverage"] = [float(c) for c in r["coverage"]]
    series.attrs["flagged"] = [frame.index[i] for i in r["flagged"]]
    series.attrs["shift"] = float(r["shift"])
    series.attrs["normalisation"] = normalisation
    series.attrs["aggregation"] = aggregation
    series.attrs["columns"] = list(specs.columns)
    return series


def composite_uncertainty(
    frame: "pandas.DataFrame",
    *,
    weights: Mapping[str, float],
    normalisations: Sequence[str] = ("minmax", "zscore", "rank"),
    aggregations: Sequence[str] = ("arithmetic", "geometric"),
    draws: int = 1000,
    seed: int = 0,
    weight_spread: float = 0.25,
    weight_distribution: str = "uniform",
    dirichlet_concentration: float = 50.0,
    exclusion_probability: float = 0.0,
    normalisation: Optional[str] = None,
    aggregation: Optional[str] = None,
    polarity: Optional[Mapping[str, int]] = None,
    reference: Reference = None,
    reference_statistic: str = "mean",
    missing: str = "skip",
    min_coverage: float = 0.5,
    minmax_range: Tuple[float, float] = (0.0, 1.0),
    rank_as_share: bool = False,
    non_positive: str = "shift",
) -> "pandas.DataFrame":
    """Monte Carlo over the method choices and the weights: each unit's rank interval.

    The reference configuration is ``normalisation`` (default: the first of ``normalisations``),
    ``aggregation`` (default: the first of ``aggregations``) and ``weights``. Each of the
    ``draws`` draws picks a normalisation and an aggregation uniformly in the given sets,
    perturbs the weights (``"uniform"``: each w·(1 + s·(2u − 1)), s = ``weight_spread``;
    ``"dirichlet"``: Dirichlet(κ·w̄), κ = ``dirichlet_concentration``) and, with
    ``exclusion_probability`` p > 0, leaves each column out with probability p (at least one
    stays). Seeded (xoshiro256**): the same seed gives the same result.

    Returns
    -------
    pandas.DataFrame
        Indexed like ``frame``, columns :data:`UNCERTAINTY_COLUMNS`: ``score`` and ``rank`` (the
        reference configuration; rank 1 = most fragile, ties averaged), ``median_rank``,
        ``rank_p5``, ``rank_p95`` (over the draws), ``p_top_decile`` (share of draws in which the
        unit is among the ceil(n/10) most fragile), ``mean_score`` (mixes the normalisations'
        scales). ``attrs["sensitivity"]``: ``{factor: average absolute rank shift}`` for ``"all"``
        and each varying factor (``"normalisation"``, ``"aggregation"``, ``"weights"``,
        ``"exclusion"``), each factor alone against the reference;
        ``attrs["configurations"]``: how many configurations each figure averages; ``attrs["draws"]``,
        ``attrs["seed"]``.
    """
    import pandas as pd

    who = "composite_uncertainty"
    _check_frame(frame, who)
    normalisations = list(normalisations)
    aggregations = list(aggregations)
    if not normalisations or not aggregations:
        raise _core.InvalidArgumentError(f"{who}: normalisations and aggregations must name at least one method")
    ref_normalisation = normalisations[0] if normalisation is None else normalisation
    ref_aggregation = aggregations[0] if aggregation is None else aggregation
    methods = set(normalisations) | {ref_normalisation}
    specs = _Specs(frame, weights, polarity, reference, reference_statistic, tuple(methods), who)
    low, high = _range(minmax_range, who)
    if isinstance(draws, bool) or not isinstance(draws, (int, np.integer)):
        raise _core.InvalidArgumentError(f"{who}: draws = {draws!r}: expected an integer")
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or not 0 <= int(seed) < 2**64:
        raise _core.InvalidArgumentError(f"{who}: seed = {seed!r}: expected an integer in [0, 2**64)")
    r = _inc.composite_uncertainty(
        _matrix(frame, specs.columns, who), [str(c) for c in specs.columns], _units(frame), **specs.arguments(),
        normalisation=ref_normalisation, aggregation=ref_aggregation, missing=missing,
        min_coverage=float(min_coverage), minmax_low=low, minmax_high=high, rank_as_share=bool(rank_as_share),
        normalisations=normalisations, aggregations=aggregations, weight_distribution=weight_distribution,
        weight_spread=float(weight_spread), dirichlet_concentration=float(dirichlet_concentration),
        exclusion_probability=float(exclusion_probability), non_positive=non_positive, draws=int(draws),
        seed=int(seed))
    out = pd.DataFrame({c: r[c] for c in UNCERTAINTY_COLUMNS}, index=frame.index)
    out.attrs["sensitivity"] = {factor: float(shift) for factor, _, shift in r["sensitivity"]}
    out.attrs["configurations"] = {factor: int(m) for factor, m, _ in r["sensitivity"]}
    out.attrs["draws"] = int(r["draws"])
    out.attrs["seed"] = int(r["seed"])
    out.attrs["normalisation"] = ref_normalisation
    out.attrs["aggregation"] = ref_aggregation
    return out


# -- IFN ------------------------------------------------------------------------------------------


def _profile(name: str) -> Dict[str, Any]:
    for p in _inc.composite_ifn_profiles():
        if p["name"] == name:
            return p
    raise _core.NotFoundError(f"unknown IFN profile {name!r}; known: {_known(IFN_PROFILES)}")


def ifn_profile(profile: str = "ifn2021") -> "pandas.DataFrame":
    """The indicators of an IFN profile: columns ``key`` (the column :func:`ifn` expects),
    ``block`` (axis or block), ``polarity`` (+1: higher = more fragile) and ``label``."""
    import pandas as pd

    p = _profile(profile)
    return pd.DataFrame(p["indicators"], columns=["key", "block", "polarity", "label"])


def ifn(
    frame: "pandas.DataFrame",
    *,
    profile: str = "ifn2021",
    reference: Reference = None,
    indicators: Optional[Sequence[str]] = None,
    statistic: str = "mean",
    invert_favourable: bool = True,
) -> "pandas.DataFrame":
    """The Indice de Fragilité Numérique per unit, with every indicator's score next to the total.

    ``"ifn2021"`` (La MedNum / TelesCoop, 2021–22): each indicator scores −3…+3 from its decile
    band in the reference distribution (numresp's reading: below D1 −3, [D1, D2) −2, [D2, D3)
    −1, [D3, D7] 0, (D7, D8] +1, (D8, D9] +2, above D9 +3); a block is Σ points × 10/(3k_block);
    the total is Σ points × 10/(3k) over the k indicators available (Σ/3.3 with all 11), in
    −10…+10. ``"ifn2019"`` (Incub'O / Data for Good): each indicator scores 100·x/ref against a
    reference territory (200 − 100·x/ref for coverage, income and public services unless
    ``invert_favourable=False``, which is the Data for Good code's plain ratio); an axis is the
    mean of its indicators, ``global_acces`` and ``global_competences`` the means of their two
    axes, the total the mean of the axes.

    Parameters
    ----------
    frame : pandas.DataFrame
        One row per unit; columns named as :func:`ifn_profile` lists (other columns are ignored).
    profile : str
        ``"ifn2021"`` (default) or ``"ifn2019"``.
    reference : None, str, dict or DataFrame
        2021: the national deciles, as ``{key: [D1, …, D9]}`` or a DataFrame of the national
        units (deciles of its columns); None = the deciles of ``frame``'s units.
        2019: the reference territory, as ``{key: value}`` (its mean or median per indicator), a
        DataFrame of its units (``statistic`` of its columns), or ``"mean"`` / ``"median"`` of
        ``frame``'s units (None = ``statistic``). The same unit scores differently against its
        département, EPCI or région.
    indicators : list of str, optional
        The indicators kept (default: all); deselected ones need no column, and the 2021 total is
        rescaled to stay in −10…+10.
    statistic : str
        2019: ``"mean"`` (default) or ``"median"`` of the reference units.
    invert_favourable : bool
        2019 only, see above.

    Returns
    -------
    pandas.DataFrame
        Indexed like ``frame``: one column per selected indicator (its score), one per block or
        axis, (2019) ``global_acces`` and ``global_competences``, and ``total``.
        ``attrs["profile"]``, ``attrs["indicators"]``, ``attrs["blocks"]``.

    Raises
    ------
    numresp.NotFoundError
        An unknown profile or indicator, or missing columns (listed, with the profile's keys).
    numresp.InvalidArgumentError
        Non-numeric or infinite values (naming the unit and the column), a reference <= 0, deciles
        that are not 9 ascending numbers.
    """
    import pandas as pd

    who = profile
    _check_frame(frame, "ifn")
    p = _profile(profile)
    keys = [k for k, _, _, _ in p["indicators"]]
    selected = list(indicators) if indicators is not None else []
    wanted = [k for k in keys if not selected or k in selected]
    columns = [k for k in wanted if k in frame.columns]
    decile_scoring = p["scoring"] == "decile_points"
    ref_values: Dict[str, float] = {}
    ref_deciles: Dict[str, List[float]] = {}
    if reference is None:
        pass
    elif isinstance(reference, str):
        if decile_scoring:
            raise _core.InvalidArgumentError(
                f"{who}: reference = {reference!r}: the 2021 profile takes national deciles (a dict or a DataFrame)"
            )
        statistic = reference
    elif isinstance(reference, pd.DataFrame):
        absent = [k for k in wanted if k not in reference.columns]
        if absent:
            raise _core.NotFoundError(
                f"{who}: the reference frame lacks columns {_known(absent)}; its columns: {_known(reference.columns)}"
            )
        for k in wanted:
            values = _numeric_column(reference, k, f"{who} (reference)")
            if decile_scoring:
                ref_deciles[k] = list(_inc.composite_deciles(values))
            else:
                ref_values[k] = float(_inc.composite_reference_value(values, statistic))
    elif isinstance(reference, Mapping):
        for k, v in reference.items():
            if decile_scoring:
                if isinstance(v, (str, bytes)) or not isinstance(v, (Sequence, np.ndarray)):
                    raise _core.InvalidArgumentError(f"{who}: reference[{k!r}] = {v!r}: expected the 9 deciles D1..D9")
                ref_deciles[str(k)] = [float(x) for x in v]
            else:
                if isinstance(v, bool) or not isinstance(v, (int, float, np.integer, np.floating)):
                    raise _core.InvalidArgumentError(f"{who}: reference[{k!r}] = {v!r}: expected a number > 0")
                ref_values[str(k)] = float(v)
    else:
        raise _core.InvalidArgumentError(
            f"{who}: reference must be None, a dict, a DataFrame or (2019) 'mean' / 'median'; "
            f"got {type(reference).__name__}"
        )
    r = _inc.composite_ifn(_matrix(frame, columns, who), columns, _units(frame), profile=profile,
                           selected=selected, reference=ref_values, statistic=statistic,
                           invert_favourable=bool(invert_favourable), deciles=ref_deciles)
    parts = [
        pd.DataFrame(r["indicator_scores"], index=frame.index, columns=r["indicators"]),
        pd.DataFrame(r["block_scores"], index=frame.index, columns=r["blocks"]),
        pd.DataFrame(r["summary_scores"], index=frame.index, columns=r["summaries"]),
        pd.DataFrame({"total": r["total"]}, index=frame.index),
    ]
    out = pd.concat([part for part in parts if part.shape[1]], axis=1)
    out.attrs["profile"] = profile
    out.attrs["indicators"] = list(r["indicators"])
    out.attrs["blocks"] = list(r["blocks"])
    return out
