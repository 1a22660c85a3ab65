"""Factor sets: every number numresp computes with, sourced, versioned and overridable.

>>> from numresp import factors
>>> factors.sets()[0]
'ademe-2025'
>>> fs = factors.default()
>>> fs.value("grid.gwp.fra", unit="gCO2e/kWh")
51.9
>>> mine = fs.with_overrides({"grid.gwp.fra": {"value": 52, "unit": "gCO2e/kWh"}})
>>> mine.value("grid.gwp.fra"), fs.value("grid.gwp.fra")
(0.052, 0.0519)

Built-in sets: ``ademe-2025`` (the default), earlier ADEME vintages, ``boavizta-2.4.1``,
``swd-v4``, ``swd-v3`` and ``onebyte``; see the methodology page for every row and its source.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Dict, Iterator, List, Optional, Union

from ._core import factors as _factors

if TYPE_CHECKING:  # pragma: no cover
    import pandas

__all__ = ["FactorSet", "default", "get", "sets", "COLUMNS"]

#: The columns of a factor table, in order.
COLUMNS = ("id", "value", "low", "high", "unit", "source", "source_url", "year", "region", "licence", "notes")


class FactorSet:
    """A named, immutable set of factors. Get one with :func:`default` or :func:`get`."""

    __slots__ = ("_set",)

    def __init__(self, core_set: Any) -> None:
        self._set = core_set

    @property
    def name(self) -> str:
        """The set's name, e.g. ``"ademe-2025"`` (an overridden set keeps its base's name)."""
        return self._set.name

    @property
    def description(self) -> str:
        """What the set holds and where it comes from."""
        return self._set.description

    def __len__(self) -> int:
        return len(self._set)

    def __contains__(self, factor_id: object) -> bool:
        return isinstance(factor_id, str) and factor_id in self._set

    def __iter__(self) -> Iterator[str]:
        return iter(self._set.ids())

    def __getitem__(self, factor_id: str) -> Dict[str, Any]:
        """The factor's row as a dict with the :data:`COLUMNS` keys (``low``/``high`` None when
        absent). Raises :class:`numresp.NotFoundError` (a ``KeyError``) naming the closest ids."""
        return self._set.factor(factor_id)

    def value(self, factor_id: str, unit: Optional[str] = None) -> float:
        """The factor's value, in its own unit or converted to ``unit`` (same dimension)."""
        return self._set.value(factor_id, unit)

    def table(self) -> "pandas.DataFrame":
        """The set as a pandas DataFrame, one row a factor, with the :data:`COLUMNS` columns
        (``low`` and ``high`` are NaN where the source gives no bounds)."""
        import pandas as pd

        frame = pd.DataFrame(self._set.table_columns(), columns=list(COLUMNS))
        return frame.astype({"year": "int64", "value": "float64", "low": "float64", "high": "float64"})

    def licences(self) -> List[str]:
        """The distinct licences of the set's factors, sorted."""
        return list(self._set.licences())

    def with_overrides(self, overrides: Union[str, "os.PathLike[str]", Mapping]) -> "FactorSet":
        """A new set with some factors replaced; this set is unchanged.

        ``overrides`` is a path to a ``.csv`` or ``.json`` file, or a dict from factor id to a
        number (in the factor's unit) or to ``{"value": ..., "unit": ..., "low": ..., "high":
        ..., "source": ..., "notes": ...}`` (all but ``value`` optional). A value in another unit
        of the same dimension is converted. Everything is checked before anything is applied;
        errors name the file and line (or the dict key) and the field:
        :class:`numresp.NotFoundError` for an unknown id (with the closest ids),
        :class:`numresp.InvalidArgumentError` for a bad unit, value or bounds.
        """
        if isinstance(overrides, Mapping):
            return FactorSet(self._set.with_overrides_dict(dict(overrides)))
        if isinstance(overrides, (str, os.PathLike)):
            return FactorSet(self._set.with_overrides_file(os.fspath(overrides)))
        raise TypeError(f"overrides: expected a path or a dict, got {type(overrides).__name__}")

    def __repr__(self) -> str:
        return f"<FactorSet {self.name!r}: {len(self)} factors>"

    def _repr_html_(self) -> str:
        return self.table().head(20).to_html(index=False)


def default() -> FactorSet:
    """The default set, ``ademe-2025``."""
    return FactorSet(_factors.default())


def get(name: str) -> FactorSet:
    """The built-in set ``name``; :class:`numresp.NotFoundError` lists the known names."""
    return FactorSet(_factors.get(name))


def sets() -> List[str]:
    """The names of the built-in sets, the default first."""
    return list(_factors.sets())
