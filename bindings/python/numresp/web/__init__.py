"""Web eco-design: the EcoIndex of a page, HAR files, and the RGESN 2024 checklist.

>>> from numresp import web
>>> r = web.ecoindex(100, 100, 100)
>>> round(r.score, 3), r.grade
(72.016, 'B')
>>> web.ecoindex(100, 100, 100, flavour="ecoindex.fr").score
72.0

``flavour="raw"`` follows the npm package ``ecoindex`` 2.0.1 (the unrounded score);
``flavour="ecoindex.fr"`` follows the Python reference that ecoindex.fr uses (the score rounded
half to even first). Negative, infinite or NaN inputs raise ``ValueError``. The EcoIndex tables
are CC BY-NC-ND 3.0: see the methodology page.
"""

from __future__ import annotations

from typing import Any, Dict

import numpy as np

from .. import _core
from . import rgesn

_web = _core.web

#: The grades, best first.
GRADES = ("A", "B", "C", "D", "E", "F", "G")


class EcoIndexResult:
    """One page's EcoIndex: ``score`` (0-100), ``grade`` ("A".."G"), ``ghg_g`` (g CO2e per page
    view), ``water_cl`` (cl per page view), and the three quantile positions."""

    __slots__ = ("score", "grade", "ghg_g", "water_cl", "q_dom", "q_requests", "q_size", "flavour")

    def __init__(self, values: tuple, flavour: str) -> None:
        (self.score, self.grade, self.ghg_g, self.water_cl, self.q_dom, self.q_requests, self.q_size) = values
        self.flavour = flavour

    def to_dict(self) -> Dict[str, Any]:
        return {name: getattr(self, name) for name in self.__slots__}

    def __repr__(self) -> str:
        return (f"EcoIndexResult(score={self.score!r}, grade={self.grade!r}, ghg_g={self.ghg_g!r}, "
                f"water_cl={self.water_cl!r}, flavour={self.flavour!r})")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, EcoIndexResult) and self.to_dict() == other.to_dict()

    def _repr_html_(self) -> str:
        rows = "".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in self.to_dict().items())
        return f"<table>{rows}</table>"


_SCALARS = (int, float, np.floating, np.integer)


def _is_scalar(x: Any) -> bool:
    return isinstance(x, _SCALARS) or np.ndim(x) == 0


def ecoindex(dom, requests, size_kb, *, flavour: str = "raw"):
    """The EcoIndex of a page from its DOM element count, request count and transferred size in
    kB (1 kB = 1000 bytes).

    Scalars give an :class:`EcoIndexResult`; arrays (broadcast together) give a pandas DataFrame
    with the columns ``score``, ``grade`` (an ordered categorical, "A" (best) < ... < "G", so that
    ``df[df.grade <= "C"]`` keeps grades A to C and sorting puts A first), ``ghg_g`` and ``water_cl``,
    computed in C++ without a Python loop. ``flavour`` is ``"raw"`` (npm ``ecoindex``) or
    ``"ecoindex.fr"`` (the Python reference: integer score).
    """
    if _is_scalar(dom) and _is_scalar(requests) and _is_scalar(size_kb):  # isinstance first: fast
        return EcoIndexResult(_web.ecoindex_scalar(float(dom), float(requests), float(size_kb), flavour), flavour)
    import pandas as pd

    d, r, s = np.broadcast_arrays(*(np.asarray(x, dtype=np.float64) for x in (dom, requests, size_kb)))
    d, r, s = (np.ascontiguousarray(x).ravel() for x in (d, r, s))
    out = _web.ecoindex_arrays(d, r, s, flavour)
    return pd.DataFrame({
        "score": out["score"],
        "grade": pd.Categorical.from_codes(out["grade_code"].astype(np.int8), categories=list(GRADES), ordered=True),
        "ghg_g": out["ghg_g"],
        "water_cl": out["water_cl"],
    }, copy=False)


def har_summary(path) -> Dict[str, Any]:
    """The network side of a page from a HAR file: ``requests``, ``transfer_bytes``, ``size_kb``,
    ``entries``, ``data_urls``, ``cached``, ``failed``, and the breakdowns ``by_domain`` and
    ``by_content_type`` (each a dict of ``{"requests", "transfer_bytes"}``). The counting rules are
    in the methodology page. A malformed file raises ``ValueError`` naming the byte offset or the
    JSON path."""
    import os

    return _web.har_summary(os.fspath(path))


def to_fixed_2(x: float) -> str:
    """JavaScript's ``x.toFixed(2)``, as npm ``ecoindex`` formats GHG and water."""
    return _web.to_fixed_2(x)


def legacy_grade(legacy_score: float) -> str:
    """The grade of a score reported on the pre-September-2022 scale (thresholds 75/65/50/35/20/5)."""
    return _web.legacy_grade(legacy_score)


def from_legacy_score(legacy_score: float) -> float:
    """A pre-2022 score on the current scale (the old formula gave 5 points less)."""
    return legacy_score + 5


__all__ = ["ecoindex", "EcoIndexResult", "har_summary", "to_fixed_2", "legacy_grade", "from_legacy_score", "GRADES",
           "rgesn"]
