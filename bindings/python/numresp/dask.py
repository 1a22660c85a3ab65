"""Scale sensor aggregation out on Dask: per-partition states merged with a tree reduction.

    import dask.dataframe as dd
    from numresp import dask as nd
    result = nd.aggregate(ddf, window="15min", stats=("count", "mean"))

``ddf`` is a dask DataFrame with columns ``sensor_id``, ``timestamp`` and ``value``, partitioned
by time or by sensor (any partitioning works: the states are order-free). Each partition becomes
a :class:`numresp.sensors.WindowTable` of per-(sensor, window) states; pairs of tables are merged
level by level (a binary tree, so no worker holds more than two tables at a time); the result
has the shape of :func:`numresp.sensors.aggregate`'s and equals it: the same groups, counts, min
and max, and sums, means and variances equal up to floating-point rounding (partial sums are
added in another order).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Mapping, Optional, Sequence

from . import sensors as _sensors

if TYPE_CHECKING:  # pragma: no cover
    import dask.dataframe
    import pandas

__all__ = ["aggregate"]


def _state(frame: "pandas.DataFrame", window: str, tz: str, zone: Optional[Mapping[Any, Any]]) -> Any:
    groups, t, unit_ns, values, _, _ = _sensors._prepare(frame["sensor_id"].to_numpy(), frame["timestamp"],
                                                         frame["value"].to_numpy(), zone)
    return _sensors.WindowTable(groups, t, values, window, tz, time_unit_ns=unit_ns)


def _merge(a: Any, b: Any) -> Any:
    return a.merge(b)


def aggregate(ddf: "dask.dataframe.DataFrame", *, window: str = "15min",
              stats: Sequence[str] = ("count", "sum", "min", "max", "mean"), zone: Optional[Mapping[Any, Any]] = None,
              tz: str = "Europe/Paris", compute: bool = True) -> Any:
    """:func:`numresp.sensors.aggregate` over a dask DataFrame. With ``compute=False``, returns the
    dask Delayed of the final :class:`numresp.sensors.WindowTable` instead of a DataFrame."""
    import numpy as np
    from dask import delayed

    stats = _sensors._check_stats(stats)
    missing = [c for c in ("sensor_id", "timestamp", "value") if c not in ddf.columns]
    if missing:
        raise _sensors._core.InvalidArgumentError(
            f"aggregate: the dask DataFrame lacks column(s) {', '.join(missing)}")
    _sensors._core.sensors.check_window(window, tz)
    labels, name = None, "sensor_id"
    if zone is not None:
        # The codes depend only on the mapping, so every partition uses the same ones.
        empty = np.empty(0, dtype=np.int64)
        _, _, _, _, labels, name = _sensors._prepare(empty, empty, np.empty(0), zone)
    parts = ddf[["sensor_id", "timestamp", "value"]].to_delayed()
    level = [delayed(_state)(p, window, tz, zone) for p in parts]
    while len(level) > 1:
        level = [delayed(_merge)(level[i], level[i + 1]) if i + 1 < len(level) else level[i]
                 for i in range(0, len(level), 2)]
    if not compute:
        return level[0]
    table = level[0].compute()
    return _sensors.to_frame(table.columns(), stats=stats, tz=tz, group_name=name, labels=labels)
