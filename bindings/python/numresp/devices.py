"""Device life cycle: one device's embedded and use impacts, fleets, policy scenarios and Monte Carlo.

>>> from numresp import devices
>>> r = devices.evaluate("laptop", factor_set="boavizta-2.4.1")
>>> r.to_dict()["gwp"]["embedded"]
{'value': 181.0, 'low': 181.0, 'high': 181.0, 'unit': 'kgCO2e'}
>>> round(devices.evaluate("laptop", duration_hours=8760).to_dict()["gwp"]["use"]["value"], 4)
1.506

One device (:func:`evaluate`): the embedded impact allocated over a duration
(``min(duration / lifetime, 1)`` of it) and the use phase (average power × use-time ratio ×
hours × the location's electricity factor), per criterion (``gwp`` kg CO2e, ``adpe`` kg Sb-eq,
``pe`` MJ, ``water`` m3), each as value, low and high. With ``factor_set="boavizta-2.4.1"`` the
figures are BoaviztAPI 2.4.1's, bit for bit, before its display rounding
(:func:`boaviztapi_round`). A criterion the set cannot provide is ``None`` with the reason in
``"missing"``, never zero.

A fleet (:func:`fleet`) is an inventory DataFrame; :meth:`Fleet.footprint`,
:meth:`Fleet.by_year`, :meth:`Fleet.table` and :meth:`Fleet.scenarios` return DataFrames,
:meth:`Fleet.monte_carlo` percentiles. Methodology: docs/methodology/devices.

Errors: :class:`numresp.NotFoundError` (a ``KeyError``) for an unknown kind, variant or location,
listing the known ones; :class:`numresp.InvalidArgumentError` (a ``ValueError``) for a negative
count, duration or power, a lifetime that is not > 0, a ratio outside [0, 1], naming the row and
field. Nothing partial is returned.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple, Union

from . import _core
from ._core import devices as _devices

if TYPE_CHECKING:  # pragma: no cover
    import pandas

    from .factors import FactorSet

__all__ = [
    "CRITERIA",
    "PHASES",
    "UNITS",
    "kinds",
    "variants",
    "locations",
    "archetypes",
    "evaluate",
    "monte_carlo",
    "DeviceResult",
    "fleet",
    "Fleet",
    "Scenario",
    "Reuse",
    "boaviztapi_round",
    "INVENTORY_COLUMNS",
]

#: Criteria, in order.
CRITERIA: Tuple[str, ...] = ("gwp", "adpe", "pe", "water")
#: The two phases of a device result.
PHASES: Tuple[str, ...] = ("embedded", "use")
#: Units of each criterion's figures.
UNITS: Dict[str, str] = {"gwp": "kgCO2e", "adpe": "kgSbeq", "pe": "MJ", "water": "m3"}
#: Inventory columns: required first, then optional ones.
INVENTORY_COLUMNS: Tuple[str, ...] = (
    "kind",
    "count",
    "acquisition_year",
    "variant",
    "refurbished",
    "lifetime_years",
    "location",
    "power_w",
    "use_time_ratio",
)

FactorSetArg = Union[None, str, "FactorSet"]

_USAGE_KEYS = {
    "avg_power": "power_w",
    "power_w": "power_w",
    "power": "power_w",
    "use_time_ratio": "use_time_ratio",
    "hours_life_time": "lifetime_hours",
    "lifetime_hours": "lifetime_hours",
    "usage_location": "location",
    "location": "location",
    "elec_factors": "electricity_factor",
    "electricity_factor": "electricity_factor",
}


def _catalog(factor_set: FactorSetArg) -> Any:
    return _devices.catalog(factor_set)


def kinds(factor_set: FactorSetArg = None) -> List[str]:
    """Device kinds of a factor set (the default set, ``ademe-2025``, when ``None``), sorted."""
    return list(_catalog(factor_set).kinds())


def variants(kind: str, factor_set: FactorSetArg = None) -> List[str]:
    """Variants of a kind, the default first (BoaviztAPI's default archetype)."""
    return list(_catalog(factor_set).variants(kind))


def locations(factor_set: FactorSetArg = None) -> List[str]:
    """Location codes (3 letters, BoaviztAPI's) the set has electricity factors for."""
    return list(_catalog(factor_set).locations())


def archetypes(factor_set: FactorSetArg = None) -> "pandas.DataFrame":
    """Every archetype of a set: kind, variant, default flag, lifetime, use-time ratio, power
    (value, low, high) and embedded factors per criterion (whole life cycle except use)."""
    import pandas as pd

    rows = []
    for a in _catalog(factor_set).archetypes():
        row = {k: a[k] for k in ("kind", "variant", "upstream_id", "default", "lifetime_hours", "use_time_ratio")}
        p = a["power_w"]
        row["power_w"], row["power_w_low"], row["power_w_high"] = p if p is not None else (math.nan,) * 3
        for c in CRITERIA:
            e = a["embedded"][c]
            row[f"{c}_embedded"] = e[0] if e is not None else math.nan
        rows.append(row)
    return pd.DataFrame(rows)


def _usage_arguments(usage: Optional[Mapping[str, Any]], location: Optional[str]) -> Dict[str, Any]:
    out: Dict[str, Any] = {"power_w": None, "use_time_ratio": None, "lifetime_hours": None, "electricity_factor": {}}
    loc = location
    for key, value in (usage or {}).items():
        name = _USAGE_KEYS.get(key)
        if name is None:
            raise _core.InvalidArgumentError(
                f"usage: unknown key {key!r}; known keys: {', '.join(sorted(_USAGE_KEYS))}"
            )
        if name == "location":
            if loc is not None and value is not None and value != loc:
                raise _core.InvalidArgumentError(
                    f"usage: location {value!r} contradicts location={loc!r}"
                )
            loc = value if loc is None else loc
        elif name == "electricity_factor":
            if not isinstance(value, Mapping):
                raise _core.InvalidArgumentError(f"usage: {key} must map criteria to factors; got {value!r}")
            out["electricity_factor"] = {str(k): float(v) for k, v in value.items()}
        else:
            out[name] = None if value is None else float(value)
    out["location"] = loc
    return out


def _triple(t: Optional[Sequence[float]], unit: str, missing: str = "") -> Dict[str, Any]:
    if t is None:
        return {"value": None, "low": None, "high": None, "unit": unit, "missing": missing}
    return {"value": t[0], "low": t[1], "high": t[2], "unit": unit}


class DeviceResult:
    """One device's figures. :meth:`DeviceResult.to_dict` is
    ``{criterion: {phase: {"value", "low", "high", "unit"}}}`` (phases ``"embedded"`` and
    ``"use"``; a figure the set cannot provide has ``None`` values and a ``"missing"`` reason).
    """

    def __init__(self, raw: Dict[str, Any], query: Dict[str, Any]) -> None:
        self._raw = raw
        self._query = query

    # Inputs, as resolved.
    @property
    def factor_set(self) -> str:
        return self._raw["factor_set"]

    @property
    def kind(self) -> str:
        return self._raw["kind"]

    @property
    def variant(self) -> str:
        return self._raw["variant"]

    @property
    def location(self) -> str:
        """The location used; the set's default when none was given."""
        return self._raw["location"]

    @property
    def duration_hours(self) -> float:
        return self._raw["duration_hours"]

    @property
    def lifetime_hours(self) -> float:
        return self._raw["lifetime_hours"]

    @property
    def use_time_ratio(self) -> float:
        return self._raw["use_time_ratio"]

    @property
    def power_w(self) -> Optional[Tuple[float, float, float]]:
        """Average power (value, low, high) [W], or ``None`` when the set has none."""
        p = self._raw["power_w"]
        return tuple(p) if p is not None else None

    @property
    def allocation(self) -> float:
        """The share of the embedded impact allocated, min(duration / lifetime, 1)."""
        return self._raw["allocation"]

    @property
    def warnings(self) -> List[str]:
        return list(self._raw["warnings"])

    @property
    def sources(self) -> List[str]:
        """Factor ids used (look them up in :func:`numresp.factors.get`)."""
        return list(self._raw["sources"])

    def to_dict(self) -> Dict[str, Dict[str, Dict[str, Any]]]:
        """The figures as ``{criterion: {phase: {"value", "low", "high", "unit"}}}``."""
        out: Dict[str, Dict[str, Dict[str, Any]]] = {}
        for c in CRITERIA:
            x = self._raw["criteria"][c]
            out[c] = {
                "embedded": _triple(x["embedded"], x["unit"], x["embedded_missing"]),
                "use": _triple(x["use"], x["unit"], x["use_missing"]),
            }
        return out

    def embedded_phases(self) -> Dict[str, Dict[str, Dict[str, Any]]]:
        """The embedded figure split by life-cycle phase where the set splits it."""
        return {
            c: {p: _triple(t, UNITS[c]) for p, t in self._raw["criteria"][c]["embedded_phases"].items()}
            for c in CRITERIA
        }

    def to_frame(self) -> "pandas.DataFrame":
        """One row per criterion and phase: value, low, high, unit, missing."""
        import pandas as pd

        rows = []
        for c, phases in self.to_dict().items():
            for p, f in phases.items():
                rows.append({"criterion": c, "phase": p, "value": f["value"], "low": f["low"], "high": f["high"],
                             "unit": f["unit"], "missing": f.get("missing", "")})
        return pd.DataFrame(rows)

    def monte_carlo(self, draws: int = 10000, seed: int = 0) -> "pandas.DataFrame":
        """Percentiles of this device's figures over ``draws`` seeded draws (see :func:`monte_carlo`)."""
        return monte_carlo(**self._query, draws=draws, seed=seed)

    def __repr__(self) -> str:
        g = self._raw["criteria"]["gwp"]
        parts = []
        for p in PHASES:
            t = g[p]
            parts.append(f"{p} {t[0]:.4g} kgCO2e [{t[1]:.4g}, {t[2]:.4g}]" if t is not None else f"{p} n/a")
        return (f"<DeviceResult {self.kind}/{self.variant} ({self.factor_set}, {self.location}, "
                f"{self.duration_hours:g} h): " + "; ".join(parts) + ">")

    def _repr_html_(self) -> str:
        frame = self.to_frame()
        title = (f"<p><b>{self.kind}</b> / {self.variant} &mdash; factor set {self.factor_set}, location "
                 f"{self.location}, {self.duration_hours:g} h (allocation {self.allocation:.3g})</p>")
        return title + frame.to_html(index=False, na_rep="n/a")


def evaluate(
    kind: str,
    *,
    location: Optional[str] = None,
    duration_hours: Optional[float] = None,
    factor_set: FactorSetArg = None,
    usage: Optional[Mapping[str, Any]] = None,
    variant: Optional[str] = None,
) -> DeviceResult:
    """One device's impacts over ``duration_hours`` (its lifetime when ``None``).

    ``usage`` takes BoaviztAPI's names or numresp's: ``avg_power``/``power_w`` [W],
    ``use_time_ratio``, ``hours_life_time``/``lifetime_hours`` [h], ``usage_location``/``location``,
    ``elec_factors``/``electricity_factor`` ``{criterion: factor per kWh}``; each override is exact.
    ``variant`` picks ``"pro"``/``"perso"``, ``"lcd"``/``"oled"``, an IoT archetype, or a
    BoaviztAPI archetype id such as ``"tv-perso"``; ``None`` is BoaviztAPI's default archetype.
    """
    args = _usage_arguments(usage, location)
    query = {"kind": kind, "location": args["location"], "duration_hours": duration_hours,
             "factor_set": factor_set, "usage": usage, "variant": variant}
    raw = _devices.evaluate(
        _catalog(factor_set), kind, variant or "", args["location"],
        None if duration_hours is None else float(duration_hours), args["power_w"], args["use_time_ratio"],
        args["lifetime_hours"], args["electricity_factor"],
    )
    return DeviceResult(raw, {k: v for k, v in query.items() if k != "location"} | {"location": args["location"]})


def _mc_frame(raw: Dict[str, Any]) -> "pandas.DataFrame":
    import pandas as pd

    rows = []
    for c in CRITERIA:
        for part, s in raw["criteria"][c].items():
            if s is None:
                continue
            rows.append({"criterion": c, "part": part, "unit": UNITS[c], **s})
    frame = pd.DataFrame(rows, columns=["criterion", "part", "unit", "mean", "p5", "p50", "p95", "min", "max"])
    frame.attrs["draws"] = raw["draws"]
    frame.attrs["seed"] = raw["seed"]
    return frame


def monte_carlo(
    kind: str,
    *,
    location: Optional[str] = None,
    duration_hours: Optional[float] = None,
    factor_set: FactorSetArg = None,
    usage: Optional[Mapping[str, Any]] = None,
    variant: Optional[str] = None,
    draws: int = 10000,
    seed: int = 0,
) -> "pandas.DataFrame":
    """Seeded Monte Carlo of one device: every input with a range (embedded factor, power,
    electricity factor) drawn from a triangular distribution (low, value, high). Returns one row
    per criterion and part (embedded, use, total): mean, p5, p50, p95, min, max. The same seed
    gives the same numbers."""
    args = _usage_arguments(usage, location)
    raw = _devices.monte_carlo_device(
        _catalog(factor_set), kind, variant or "", args["location"],
        None if duration_hours is None else float(duration_hours), args["power_w"], args["use_time_ratio"],
        args["lifetime_hours"], args["electricity_factor"], int(draws), int(seed),
    )
    return _mc_frame(raw)


@dataclass
class Reuse:
    """Collected devices given a second life (each avoids buying a new one)."""

    kind: str
    count: float
    remaining_years: Optional[float] = None  #: second life; None = half the archetype's lifetime
    variant: Optional[str] = None


@dataclass
class Scenario:
    """A fleet policy: longer lifetimes, a refurbished share of purchases, reused devices."""

    name: str
    extend_lifetime_years: float = 0.0
    refurbished_share: float = 0.0
    kinds: Optional[List[str]] = None  #: kinds the two changes above apply to; None = all
    reuse: List[Union[Reuse, Mapping[str, Any]]] = field(default_factory=list)

    def _to_core(self) -> Dict[str, Any]:
        reuse = []
        for r in self.reuse:
            if isinstance(r, Mapping):
                r = Reuse(**r)
            reuse.append({"kind": r.kind, "variant": r.variant, "count": float(r.count),
                          "remaining_years": None if r.remaining_years is None else float(r.remaining_years)})
        return {"name": self.name, "extend_lifetime_years": float(self.extend_lifetime_years),
                "refurbished_share": float(self.refurbished_share), "kinds": list(self.kinds or []),
                "reuse": reuse}


def _column(frame: "pandas.DataFrame", name: str) -> Optional["pandas.Series"]:
    return frame[name] if name in frame.columns else None


def _numeric(frame: "pandas.DataFrame", name: str, *, required: bool, integer: bool = False) -> Any:
    import numpy as np
    import pandas as pd

    col = _column(frame, name)
    if col is None:
        if required:
            raise _core.InvalidArgumentError(
                f"fleet: column {name!r} is required; columns: {', '.join(map(str, frame.columns))}"
            )
        return np.empty(0, dtype=np.int32 if integer else np.float64)
    values = pd.to_numeric(col, errors="coerce")
    bad = values.isna() & col.notna()
    if required:
        bad |= col.isna()
    if bad.any():
        position = int(np.flatnonzero(bad.to_numpy())[0])
        raise _core.InvalidArgumentError(
            f"inventory row {position} (index {frame.index[position]!r}), field {name}: "
            f"expected a number; got {col.iloc[position]!r}"
        )
    if integer:
        as_float = values.to_numpy(dtype=np.float64)
        frac = np.flatnonzero(as_float != np.floor(as_float))
        if frac.size:
            p = int(frac[0])
            raise _core.InvalidArgumentError(
                f"inventory row {p} (index {frame.index[p]!r}), field {name}: expected a whole year; got {as_float[p]!r}"
            )
        return as_float.astype(np.int32)
    return values.to_numpy(dtype=np.float64)


def fleet(
    inventory: "pandas.DataFrame",
    *,
    factor_set: FactorSetArg = None,
    renew: bool = True,
    refurbishment_share: Optional[Union[float, Tuple[float, float, float]]] = None,
) -> "Fleet":
    """A fleet from an inventory DataFrame, one row per group of identical devices.

    Columns: ``kind``, ``count``, ``acquisition_year`` (required); ``variant``, ``refurbished``
    (bool), ``lifetime_years``, ``location``, ``power_w``, ``use_time_ratio`` (optional; a missing
    value means the archetype's). ``renew``: devices are replaced by like ones at end of life
    (default) or leave the fleet. ``refurbishment_share`` overrides the set's
    ``refurbishment.*.embedded_share`` factors (a number, or (value, low, high)).

    Every row is checked; the first bad one raises, naming its position, index label, field and
    value.
    """
    import numpy as np
    import pandas as pd

    if not isinstance(inventory, pd.DataFrame):
        inventory = pd.DataFrame(inventory)
    unknown = [c for c in inventory.columns if c not in INVENTORY_COLUMNS]
    if unknown:
        raise _core.InvalidArgumentError(
            f"fleet: unknown column(s) {', '.join(map(repr, unknown))}; known: {', '.join(INVENTORY_COLUMNS)}"
        )
    cat = _catalog(factor_set)
    n = len(inventory)
    if "kind" not in inventory.columns:
        raise _core.InvalidArgumentError("fleet: column 'kind' is required")
    # Resolve each distinct (kind, variant) once: factorize the two columns, combine the codes.
    kcodes, kuniques = pd.factorize(inventory["kind"], use_na_sentinel=True)
    if (kcodes < 0).any():
        p = int(np.flatnonzero(kcodes < 0)[0])
        raise _core.InvalidArgumentError(f"inventory row {p} (index {inventory.index[p]!r}), field kind: missing")
    variant_col = _column(inventory, "variant")
    if variant_col is not None:
        vcodes, vuniques = pd.factorize(variant_col, use_na_sentinel=True)
        vuniques = [""] + [str(v) for v in vuniques]
        vcodes = vcodes + 1  # 0: not given
    else:
        vcodes, vuniques = np.zeros(n, dtype=np.int64), [""]
    combined = kcodes.astype(np.int64) * len(vuniques) + vcodes
    present = np.zeros(len(kuniques) * len(vuniques), dtype=bool)
    present[combined] = True
    lookup = np.full(len(present), -1, dtype=np.int32)
    for pair in np.flatnonzero(present):
        kind = str(kuniques[int(pair) // len(vuniques)])
        variant = vuniques[int(pair) % len(vuniques)]
        try:
            lookup[pair] = cat.find(kind, variant)
        except KeyError as e:
            p = int(np.flatnonzero(combined == pair)[0])
            raise _core.NotFoundError(f"inventory row {p} (index {inventory.index[p]!r}), field kind: {e.args[0]}") from None
    archetype = lookup[combined]

    location = np.empty(0, dtype=np.int32)
    loc_col = _column(inventory, "location")
    if loc_col is not None:
        lcodes, luniques = pd.factorize(loc_col, use_na_sentinel=True)
        lmap = np.empty(len(luniques), dtype=np.int32)
        for i, code in enumerate(luniques):
            try:
                lmap[i] = cat.find_location(str(code))
            except KeyError as e:
                p = int(np.flatnonzero(lcodes == i)[0])
                raise _core.NotFoundError(
                    f"inventory row {p} (index {inventory.index[p]!r}), field location: {e.args[0]}"
                ) from None
        location = np.where(lcodes < 0, -1, lmap[np.maximum(lcodes, 0)] if len(lmap) else -1).astype(np.int32)

    refurbished = np.empty(0, dtype=np.uint8)
    ref_col = _column(inventory, "refurbished")
    if ref_col is not None:
        if ref_col.dtype == bool:
            refurbished = ref_col.to_numpy(dtype=np.uint8)
        else:
            filled = ref_col.where(ref_col.notna(), False)
            ok = filled.isin([True, False]).to_numpy()
            if not ok.all():
                p = int(np.flatnonzero(~ok)[0])
                raise _core.InvalidArgumentError(
                    f"inventory row {p} (index {inventory.index[p]!r}), field refurbished: expected a bool; "
                    f"got {ref_col.iloc[p]!r}"
                )
            refurbished = filled.astype(bool).to_numpy(dtype=np.uint8)

    share = None
    if refurbishment_share is not None:
        share = ((float(refurbishment_share),) * 3 if isinstance(refurbishment_share, (int, float))
                 else tuple(float(x) for x in refurbishment_share))

    core = _devices.Fleet(
        cat, archetype, _numeric(inventory, "count", required=True),
        _numeric(inventory, "acquisition_year", required=True, integer=True), location, refurbished,
        _numeric(inventory, "lifetime_years", required=False), _numeric(inventory, "power_w", required=False),
        _numeric(inventory, "use_time_ratio", required=False), bool(renew), share,
    )
    return Fleet(core, cat, inventory)


class Fleet:
    """A validated inventory. Build it with :func:`fleet`."""

    def __init__(self, core: Any, catalog: Any, inventory: "pandas.DataFrame") -> None:
        self._core = core
        self._catalog = catalog
        self._inventory = inventory

    def __len__(self) -> int:
        return len(self._core)

    @property
    def factor_set(self) -> str:
        return self._catalog.set_name

    def year_span(self) -> Tuple[int, int]:
        """First acquisition year and last year a device is in service without renewal."""
        return tuple(self._core.year_span())

    def _default_year(self, year: Optional[int]) -> int:
        if year is not None:
            return int(year)
        return int(self._inventory["acquisition_year"].max()) if len(self._inventory) else 0

    @staticmethod
    def _frame(columns: Dict[str, Any]) -> "pandas.DataFrame":
        import pandas as pd

        frame = pd.DataFrame(columns)
        frame["unit"] = frame["criterion"].map(UNITS)
        return frame

    def footprint(self, year: Optional[int] = None) -> "pandas.DataFrame":
        """The footprint of ``year`` (default: the last acquisition year), long format: one row
        per (kind, variant) and the ``"total"``, per criterion and phase, with value, low and high
        per year, and why a total is missing."""
        return self._frame(self._core.footprint(self._default_year(year)))

    def by_year(self, first: Optional[int] = None, last: Optional[int] = None) -> "pandas.DataFrame":
        """The footprint of each year in [first, last] (default: the fleet's year span), long format."""
        span = self.year_span()
        return self._frame(self._core.by_year(int(span[0] if first is None else first),
                                              int(span[1] if last is None else last)))

    def table(self, year: Optional[int] = None, criterion: str = "gwp") -> "pandas.DataFrame":
        """A table to read: one row per kind (and the total), embedded, use and total per year
        for one criterion, with their low and high bounds."""
        import pandas as pd

        f = self.footprint(year)
        f = f[f["criterion"] == criterion]
        rows = []
        for (kind, variant), g in f.groupby(["kind", "variant"], sort=False):
            row: Dict[str, Any] = {"kind": kind, "variant": variant, "devices": g["devices"].iloc[0]}
            total = [0.0, 0.0, 0.0]
            available = True
            for phase in PHASES:
                r = g[g["phase"] == phase].iloc[0]
                row[phase] = r["value"]
                row[f"{phase}_low"] = r["low"]
                row[f"{phase}_high"] = r["high"]
                if math.isnan(r["value"]):
                    available = False
                else:
                    total = [total[0] + r["value"], total[1] + r["low"], total[2] + r["high"]]
            row["total"], row["total_low"], row["total_high"] = total if available else (math.nan,) * 3
            rows.append(row)
        out = pd.DataFrame(rows)
        out.attrs["unit"] = f"{UNITS[criterion]} per year"
        out.attrs["year"] = self._default_year(year)
        return out

    def chart_data(self, first: Optional[int] = None, last: Optional[int] = None,
                   criterion: str = "gwp") -> Dict[str, Any]:
        """A chart-ready structure: years, and one series per (kind, phase) of central values,
        with the total's low and high bounds."""
        f = self.by_year(first, last)
        f = f[f["criterion"] == criterion]
        years = sorted(f["year"].unique().tolist())
        series = []
        for (kind, variant, phase), g in f[f["kind"] != "total"].groupby(["kind", "variant", "phase"], sort=True):
            by_year = dict(zip(g["year"], g["value"]))
            series.append({"kind": kind, "variant": variant, "phase": phase,
                           "values": [float(by_year.get(y, 0.0)) for y in years]})
        totals = f[f["kind"] == "total"].groupby("year")[["value", "low", "high"]].sum(min_count=1)
        return {"criterion": criterion, "unit": f"{UNITS[criterion]} per year", "years": years, "series": series,
                "total": {k: [float(totals.loc[y, k]) for y in years] for k in ("value", "low", "high")}}

    def scenarios(self, scenarios: Iterable[Union[Scenario, Mapping[str, Any]]],
                  year: Optional[int] = None) -> "pandas.DataFrame":
        """Scenarios side by side with the baseline: one column per scenario, rows per criterion
        and figure (embedded, use, avoided, net, change, relative_change), per year of ``year``."""
        import pandas as pd

        core = []
        for s in scenarios:
            if isinstance(s, Mapping):
                s = Scenario(**s)
            core.append(s._to_core())
        results = self._core.compare(core, self._default_year(year))
        data: Dict[str, Dict[Tuple[str, str], float]] = {}
        for r in results:
            col: Dict[Tuple[str, str], float] = {}
            for c in CRITERIA:
                x = r["criteria"][c]
                for k in ("embedded", "use", "avoided", "net"):
                    col[(c, k)] = x[k][0] if x[k] is not None else math.nan
                for k in ("change", "relative_change"):
                    col[(c, k)] = x[k] if x[k] is not None else math.nan
            data[r["name"]] = col
        frame = pd.DataFrame(data)
        frame.index = pd.MultiIndex.from_tuples(frame.index, names=["criterion", "figure"])
        frame.attrs["year"] = self._default_year(year)
        return frame

    def monte_carlo(self, year: Optional[int] = None, draws: int = 10000, seed: int = 0) -> "pandas.DataFrame":
        """Seeded Monte Carlo of the fleet's footprint in ``year``: mean, P5, P50, P95 per
        criterion and part (embedded, use, total)."""
        return _mc_frame(self._core.monte_carlo(self._default_year(year), int(draws), int(seed)))

    def __repr__(self) -> str:
        return f"<Fleet {len(self)} rows, factor set {self.factor_set}>"

    def _repr_html_(self) -> str:
        return f"<p>Fleet: {len(self)} rows, factor set {self.factor_set}</p>" + self.table().to_html(
            index=False, na_rep="n/a", float_format=lambda x: f"{x:,.4g}")


def boaviztapi_round(value: float, low: float, high: float) -> Dict[str, Any]:
    """BoaviztAPI 2.4.1's display rounding of a figure: ``{"value", "min", "max", "warnings"}``."""
    return _devices.boaviztapi.round_impact(float(value), float(low), float(high))
