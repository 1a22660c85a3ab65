"""Digital inclusion: proportions with honest intervals, illectronism estimates, mediation activity,
composite fragility indices, and the coverage and siting of access points.

>>> from numresp import inclusion
>>> low, high = inclusion.proportion_ci(17, 100)            # Wilson, 95 %
>>> round(low, 6), round(high, 6)
(0.108936, 0.25548)
>>> round(inclusion.coverage([[0.34, 46.58]], [1.0], [[0.341, 46.58]], 100.0), 3)
1.0

Intervals (:func:`proportion_ci` and friends) agree with R and statsmodels to 1e-9; every bound
is clipped to [0, 1]. Coverage uses great-circle distances on (longitude, latitude) in degrees.
Methodology: docs/methodology/proportions, coverage, mediation, composite.

Errors: :class:`numresp.InvalidArgumentError` (a ``ValueError``) naming the argument, index and
value; :class:`numresp.NotFoundError` (a ``KeyError``) for an unknown method or table.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Dict, Mapping, Optional, Sequence, Tuple, Union

import numpy as np

from .. import _core
from .._core import inclusion as _inc

if TYPE_CHECKING:  # pragma: no cover
    import pandas

__all__ = [
    "METHODS",
    "DEFINITIONS",
    "proportion_ci",
    "weighted_proportion_ci",
    "difference_ci",
    "poisson_ci",
    "rate_ci",
    "IllectronismRate",
    "illectronism_tables",
    "illectronism_estimate",
    "great_circle_m",
    "coverage",
    "covered",
    "site_greedy",
    "site_exact",
    "SitingResult",
    # mediation activity (numresp.inclusion.mediation)
    "read_activities",
    "mediation_indicators",
    "MediationIndicators",
    "ACTIVITY_COLUMNS",
    "REJECTED_COLUMNS",
    "THEMATIQUES",
    "ADMINISTRATIVE_THEMATIQUES",
    # composite indices (numresp.inclusion.composite)
    "composite",
    "composite_uncertainty",
    "ifn",
    "ifn_profile",
]

#: Interval methods of :func:`proportion_ci`.
METHODS: Tuple[str, ...] = ("wilson", "wilson_cc", "clopper_pearson", "jeffreys", "agresti_coull", "wald", "logit")
#: INSEE's illectronism definitions.
DEFINITIONS: Tuple[str, ...] = ("insee_2019", "insee_2021")

ArrayLike = Union[float, Sequence[float], np.ndarray]


def _is_scalar(x: Any) -> bool:
    return np.ndim(x) == 0


def proportion_ci(successes: ArrayLike, trials: ArrayLike, *, method: str = "wilson", level: float = 0.95,
                  population: Optional[float] = None) -> Tuple[Any, Any]:
    """The interval ``(low, high)`` of ``successes / trials`` at ``level``.

    Vectorised: given arrays (broadcast against each other), returns two arrays. ``method`` is one
    of :data:`METHODS`; bounds are clipped to [0, 1]. ``population``: apply the finite-population
    correction for a sample of ``trials`` out of ``population`` (scalars only).
    """
    if population is not None:
        if not (_is_scalar(successes) and _is_scalar(trials)):
            raise _core.InvalidArgumentError("proportion_ci: population= takes scalar successes and trials")
        return _inc.proportion_ci_fpc(float(successes), float(trials), float(population), method, float(level))
    if _is_scalar(successes) and _is_scalar(trials):
        return _inc.proportion_ci_scalar(float(successes), float(trials), method, float(level))
    x, n = np.broadcast_arrays(np.asarray(successes, dtype=np.float64), np.asarray(trials, dtype=np.float64))
    shape = x.shape
    low, high = _inc.proportion_ci_arrays(np.ascontiguousarray(x).ravel(), np.ascontiguousarray(n).ravel(), method,
                                          float(level))
    return low.reshape(shape), high.reshape(shape)


def weighted_proportion_ci(y: ArrayLike, weights: ArrayLike, *, method: str = "wilson", level: float = 0.95,
                           design_effect: Optional[float] = None) -> Dict[str, float]:
    """A weighted proportion with its interval: ``{"estimate", "low", "high", "n", "n_effective",
    "design_effect", "sum_weights"}``. The interval uses Kish's effective sample size
    (Σw)²/Σw², or ``n / design_effect`` when a design effect is given (clustered designs)."""
    return _inc.weighted_proportion_ci(np.asarray(y, dtype=np.float64), np.asarray(weights, dtype=np.float64),
                                       method, float(level), None if design_effect is None else float(design_effect))


def difference_ci(successes1: float, trials1: float, successes2: float, trials2: float, *,
                  level: float = 0.95) -> Tuple[float, float]:
    """Newcombe's hybrid score interval for p1 − p2 (two independent proportions)."""
    return _inc.difference_ci(float(successes1), float(trials1), float(successes2), float(trials2), float(level))


def poisson_ci(count: float, *, level: float = 0.95) -> Tuple[float, float]:
    """The exact (Garwood) interval of a Poisson count."""
    return _inc.poisson_ci(float(count), float(level))


def rate_ci(count: float, population: float, *, per: float = 1000.0, level: float = 0.95) -> Tuple[float, float, float]:
    """``(rate, low, high)``: ``count`` per ``per`` inhabitants with the count's exact interval."""
    return _inc.rate_ci(float(count), float(population), float(per), float(level))


@dataclass(frozen=True)
class IllectronismRate:
    """A rate tagged with its definition; subtracting rates of different definitions raises
    :class:`numresp.FailedPreconditionError` instead of producing a false trend."""

    rate: float
    definition: str
    source: str = ""
    standard_error: Optional[float] = None

    def __post_init__(self) -> None:
        if self.definition not in DEFINITIONS:
            raise _core.NotFoundError(
                f"unknown illectronism definition {self.definition!r}; known definitions: {', '.join(DEFINITIONS)}")
        if not 0 <= self.rate <= 1:
            raise _core.InvalidArgumentError(f"rate must be in [0, 1]; got {self.rate!r}")

    def __sub__(self, other: "IllectronismRate") -> float:
        if self.definition != other.definition:
            raise _core.FailedPreconditionError(
                f"cannot compare an illectronism rate measured with {self.definition} ({self.rate}) and one measured "
                f"with {other.definition} ({other.rate}): the reference period and the skill domains differ")
        return self.rate - other.rate

    @property
    def description(self) -> str:
        return _inc.describe_definition(self.definition)


def illectronism_tables() -> Dict[str, Dict[str, Any]]:
    """The built-in national tables of rates by age band, by name."""
    return {t["name"]: t for t in _inc.illectronism_tables()}


def illectronism_estimate(population: Mapping[str, float], *, rates: Union[str, Mapping[str, Any]] = "insee_2019_age",
                          definition: Optional[str] = None, level: float = 0.95) -> Dict[str, Any]:
    """A synthetic (model-based) local estimate: national rates by stratum × the local population
    of each stratum, e.g. people in difficulty in a city from its age structure.

    ``population`` maps stratum names to local counts. ``rates`` is a built-in table name (its
    bands are the strata: ``"15-44"``, ``"45-59"``, ``"60-74"``, ``"75+"`` for
    ``"insee_2019_age"``) or a mapping stratum → rate or (rate, standard_error), with
    ``definition`` then required. Returns ``{"definition", "population", "rate", "people",
    "variance", "rate_ci", "people_ci", "strata"}``; the variance and intervals are ``None``
    unless every stratum has a standard error (published tables do not give them).
    """
    if isinstance(rates, str):
        tables = illectronism_tables()
        if rates not in tables:
            raise _core.NotFoundError(f"unknown national table {rates!r}; known tables: {', '.join(tables)}")
        table = tables[rates]
        definition = definition or table["definition"]
        if definition != table["definition"]:
            raise _core.FailedPreconditionError(
                f"table {rates} is measured with {table['definition']}, not {definition}")
        by_name = {b["name"]: (b["rate"], None) for b in table["bands"]}
    else:
        if definition is None:
            raise _core.InvalidArgumentError("illectronism_estimate: give definition= with your own rates")
        by_name = {k: (tuple(v) if isinstance(v, (tuple, list)) else (v, None)) for k, v in rates.items()}
    unknown = [k for k in population if k not in by_name]
    missing = [k for k in by_name if k not in population]
    if unknown or missing:
        raise _core.InvalidArgumentError(
            f"illectronism_estimate: strata must match the rates' ({', '.join(by_name)}); "
            f"unknown: {unknown or 'none'}, missing: {missing or 'none'}")
    names = list(by_name)
    out = _inc.synthetic_estimate(names, [float(population[k]) for k in names], [float(by_name[k][0]) for k in names],
                                  [None if by_name[k][1] is None else float(by_name[k][1]) for k in names],
                                  definition, float(level))
    out["strata"] = dict(zip(names, out.pop("contributions")))
    return out


def great_circle_m(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Great-circle distance in metres (haversine, mean Earth radius 6,371,008.8 m)."""
    return _inc.great_circle_m(float(lon1), float(lat1), float(lon2), float(lat2))


def _weights(weights: Optional[ArrayLike]) -> np.ndarray:
    return np.empty(0) if weights is None else np.ascontiguousarray(weights, dtype=np.float64)


def coverage(demand_lonlat: ArrayLike, weights: Optional[ArrayLike], sites_lonlat: ArrayLike, radius_m: float) -> float:
    """The share of the demand's weight within ``radius_m`` (great circle) of at least one site.

    ``demand_lonlat`` and ``sites_lonlat`` are (n, 2) arrays of (longitude, latitude) in degrees;
    ``weights`` one per demand point (``None``: 1 each), e.g. inhabitants of 200 m grid cells.
    """
    return _inc.coverage(demand_lonlat, _weights(weights), sites_lonlat, float(radius_m), False)["share"]


def covered(demand_lonlat: ArrayLike, sites_lonlat: ArrayLike, radius_m: float,
            weights: Optional[ArrayLike] = None) -> Dict[str, Any]:
    """Which demand points are covered (a boolean array ``"covered"``), with the covered and total
    weights and the share, for maps and tables."""
    return _inc.coverage(demand_lonlat, _weights(weights), sites_lonlat, float(radius_m), True)


@dataclass(frozen=True)
class SitingResult:
    """New sites picked among the candidates: ``chosen`` (candidate indices in the order picked),
    ``curve`` (covered weight after each pick, existing sites included), ``initial`` (weight the
    existing sites cover), ``total`` (all the weight)."""

    chosen: np.ndarray
    curve: np.ndarray
    initial: float
    total: float
    evaluations: int
    optimal: bool

    @property
    def share_curve(self) -> np.ndarray:
        """The curve as shares of the total weight."""
        return self.curve / self.total if self.total > 0 else self.curve * 0

    def to_frame(self) -> "pandas.DataFrame":
        """One row per pick: step, candidate, covered weight, share, gain."""
        import pandas as pd

        previous = np.concatenate([[self.initial], self.curve[:-1]]) if len(self.curve) else np.empty(0)
        return pd.DataFrame({"step": np.arange(1, len(self.chosen) + 1), "candidate": self.chosen,
                             "covered": self.curve, "share": self.share_curve, "gain": self.curve - previous})

    def _repr_html_(self) -> str:
        return (f"<p>{len(self.chosen)} new sites; coverage {self.initial / self.total if self.total else 0:.1%} → "
                f"{(self.curve[-1] if len(self.curve) else self.initial) / self.total if self.total else 0:.1%}"
                f"{' (optimal)' if self.optimal else ''}</p>" + self.to_frame().to_html(index=False))


def _siting(raw: Dict[str, Any]) -> SitingResult:
    return SitingResult(chosen=raw["chosen"], curve=raw["curve"], initial=raw["initial"], total=raw["total"],
                        evaluations=raw["evaluations"], optimal=raw["optimal"])


def site_greedy(demand_lonlat: ArrayLike, weights: Optional[ArrayLike], candidates_lonlat: ArrayLike, radius_m: float,
                k: int, *, existing_lonlat: Optional[ArrayLike] = None) -> SitingResult:
    """Lazy greedy maximal covering: ``k`` new sites among the candidates, existing sites kept.
    Reaches at least 1 − 1/e of the optimum; see :func:`site_exact` for small instances."""
    return _siting(_inc.site_greedy(demand_lonlat, _weights(weights), candidates_lonlat, float(radius_m), int(k),
                                    existing_lonlat, 0))


def site_exact(demand_lonlat: ArrayLike, weights: Optional[ArrayLike], candidates_lonlat: ArrayLike, radius_m: float,
               k: int, *, existing_lonlat: Optional[ArrayLike] = None, max_nodes: int = 10_000_000) -> SitingResult:
    """The optimal ``k`` new sites (branch and bound), for small instances; raises
    :class:`numresp.OutOfRangeError` beyond ``max_nodes`` search nodes."""
    return _siting(_inc.site_exact(demand_lonlat, _weights(weights), candidates_lonlat, float(radius_m), int(k),
                                   existing_lonlat, int(max_nodes)))


from .mediation import (  # noqa: E402
    ACTIVITY_COLUMNS,
    ADMINISTRATIVE_THEMATIQUES,
    REJECTED_COLUMNS,
    THEMATIQUES,
    MediationIndicators,
    mediation_indicators,
    read_activities,
)
from .composite import composite_uncertainty, ifn, ifn_profile  # noqa: E402
from .composite import composite  # noqa: E402  (the function; the module stays numresp.inclusion.composite in sys.modules)
