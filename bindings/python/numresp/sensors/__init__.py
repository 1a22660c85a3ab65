"""City sensor readings: window statistics per sensor or zone, mergeable states, a quantile sketch,
time-weighted and counter aggregates, and LoRaWAN / Cayenne LPP ingestion.

>>> import numpy as np
>>> from numresp import sensors
>>> t = np.array([0, 60, 900, 960], dtype="int64")          # epoch seconds
>>> df = sensors.aggregate(np.array([1, 1, 1, 2]), t, np.array([1.0, 3.0, 5.0, 7.0]), window="15min", tz="UTC")
>>> df[["sensor_id", "count", "mean"]].to_dict("list")
{'sensor_id': [1, 1, 2], 'count': [2, 1, 1], 'mean': [2.0, 5.0, 7.0]}

:func:`aggregate` groups readings by sensor (or zone) and window — fixed durations ("30s",
"15min", "1h", "1d", aligned to the epoch) or calendar windows ("hour", "day", "week", "month" in
``tz``, daylight-saving days included) — in C++, readings in any order. States
(:class:`WindowTable`, :class:`Stats`) merge in any order and pickle; ``numresp.dask.aggregate``
uses them to scale out. Methodology: docs/methodology/sensors.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Dict, Iterable, Mapping, Optional, Sequence, Tuple, Union

import numpy as np

from .. import _core  # noqa: F401
from .. import _html
from .._core import sensors as _sn

Stats = _sn.Stats


def _stats_html(self: Any) -> str:
    rows = [("readings (n)", self.n)]
    if self.n:
        rows += [("sum", self.sum), ("min", self.min), ("max", self.max), ("mean", self.mean),
                 ("variance (ddof 1)", self.variance(1) if self.n > 1 else None)]
    return _html.table("Stats", rows)


Stats._repr_html_ = _stats_html
WindowTable = _sn.WindowTable

if TYPE_CHECKING:  # pragma: no cover
    import pandas

__all__ = ["aggregate", "STATS", "Stats", "WindowTable", "to_frame"]

#: Statistics :func:`aggregate` can return.
STATS: Tuple[str, ...] = ("count", "sum", "min", "max", "mean", "var", "std")

from ._lorawan import UplinkIngestor, decode_cayenne_lpp, lpp_types, parse_uplink, read_uplinks  # noqa: E402
from ._ordered import Counter, TimeWeight  # noqa: E402
from ._sketch import QuantileSketch  # noqa: E402

__all__ += ["QuantileSketch", "TimeWeight", "Counter", "decode_cayenne_lpp", "lpp_types", "parse_uplink",
            "read_uplinks", "UplinkIngestor"]


def _check_stats(stats: Sequence[str]) -> Tuple[str, ...]:
    if isinstance(stats, str):
        stats = (stats,)
    stats = tuple(stats)
    unknown = [s for s in stats if s not in STATS]
    if unknown or not stats:
        raise _core.InvalidArgumentError(
            f"stats: unknown {', '.join(map(repr, unknown)) or 'empty selection'}; known: {', '.join(STATS)}")
    return stats


def _timestamps(timestamp: Any) -> Tuple[np.ndarray, int]:
    """(int64 array, nanoseconds per unit): epoch seconds stay seconds (the kernel scales them on
    the fly, without a copy, and names a row out of the nanosecond range); datetimes are ns."""
    import pandas as pd

    if isinstance(timestamp, (pd.Series, pd.Index)) and isinstance(timestamp.dtype, pd.DatetimeTZDtype):
        ns = timestamp.dt.tz_convert("UTC").dt.tz_localize(None).to_numpy("datetime64[ns]").view("int64") \
            if isinstance(timestamp, pd.Series) else timestamp.tz_convert("UTC").tz_localize(None).asi8
        return ns, 1
    a = np.asarray(timestamp)
    if np.issubdtype(a.dtype, np.datetime64):
        return a.astype("datetime64[ns]").view("int64"), 1
    if np.issubdtype(a.dtype, np.integer):
        if a.dtype == np.uint64 and a.size and a.max() > np.iinfo(np.int64).max:
            bad = int(np.flatnonzero(a > np.iinfo(np.int64).max)[0])
            raise _core.InvalidArgumentError(
                f"timestamp[{bad}]: {a[bad]} epoch seconds is outside the int64 nanosecond range (years 1677 to 2262)")
        return a.astype(np.int64, copy=False), 1_000_000_000
    raise _core.InvalidArgumentError(
        f"timestamp: expected int64 epoch seconds or datetime64; got dtype {a.dtype}")


def _prepare(sensor_id: Any, timestamp: Any, value: Any, zone: Optional[Mapping[Any, Any]]):
    """(group codes, timestamps, nanoseconds per timestamp unit, values, labels of the codes or
    None, group column name)."""
    import pandas as pd

    ids = np.asarray(sensor_id)
    if not np.issubdtype(ids.dtype, np.integer):
        raise _core.InvalidArgumentError(f"sensor_id: expected integers; got dtype {ids.dtype}")
    t, unit_ns = _timestamps(timestamp)
    values = np.ascontiguousarray(value, dtype=np.float64)
    if not (len(ids) == len(t) == len(values)):
        raise _core.InvalidArgumentError(
            f"sensor_id, timestamp and value have {len(ids)}, {len(t)} and {len(values)} elements; they must match")
    ids = ids.astype(np.int64, copy=False)
    if zone is None:
        return np.ascontiguousarray(ids), np.ascontiguousarray(t), unit_ns, values, None, "sensor_id"
    mapping = zone if isinstance(zone, pd.Series) else pd.Series(dict(zone))
    labels = pd.Index(sorted(pd.unique(mapping.to_numpy()), key=lambda x: (str(type(x)), x)))
    codes_of_sensor = pd.Series(labels.get_indexer(mapping.to_numpy()), index=mapping.index)
    codes = codes_of_sensor.reindex(ids).to_numpy()
    missing = np.isnan(codes) if codes.dtype.kind == "f" else codes < 0
    if missing.any():
        first = int(np.flatnonzero(missing)[0])
        raise _core.NotFoundError(f"zone: sensor {ids[first]} (row {first}) has no zone in the mapping")
    return np.ascontiguousarray(codes.astype(np.int64)), np.ascontiguousarray(t), unit_ns, values, labels, "zone"


def to_frame(columns: Dict[str, np.ndarray], *, stats: Sequence[str], tz: str, group_name: str = "sensor_id",
             labels: Optional[Any] = None) -> "pandas.DataFrame":
    """A DataFrame (group, window_start tz-aware in ``tz``, one column per stat) from the columns of
    a :class:`WindowTable` or of the aggregation kernel."""
    import pandas as pd

    group = columns["group"]
    # Columns are handed to pandas without copies: a DatetimeArray over the UTC nanoseconds, and a
    # frame built from the dict with copy=False (one block per column, no consolidation).
    window = pd.arrays.DatetimeArray(columns["window_start"].view("M8[ns]"), dtype=pd.DatetimeTZDtype(tz=tz))
    out = {group_name: labels[group] if labels is not None else group, "window_start": window}
    count = columns["count"]
    for s in stats:
        if s == "count":
            out[s] = count.view(np.int64)
        elif s in ("sum", "min", "max"):
            out[s] = columns[s]
        elif s == "mean":
            if "mean_exact" in columns:
                out[s] = columns["mean_exact"]
            else:
                with np.errstate(invalid="ignore", divide="ignore"):
                    out[s] = columns["sum"] / count
        else:
            with np.errstate(invalid="ignore", divide="ignore"):
                var = np.where(count > 1, columns["m2"] / np.maximum(count - 1, 1), np.nan)
            out[s] = var if s == "var" else np.sqrt(var)
    return pd.DataFrame(out, copy=False)


def aggregate(sensor_id: Any, timestamp: Any = None, value: Any = None, *, window: str = "15min",
              stats: Sequence[str] = ("count", "sum", "min", "max", "mean"), zone: Optional[Mapping[Any, Any]] = None,
              tz: str = "Europe/Paris", quantity: Any = None) -> "pandas.DataFrame":
    """Statistics of readings per sensor (or zone) and window.

    ``sensor_id``, ``timestamp``, ``value`` are arrays (int sensor ids; int64 epoch seconds or
    datetime64; floats), or ``sensor_id`` is a DataFrame with those three columns. ``window``:
    "30s", "15min", "1h", "2h", "1d" (fixed, aligned to the epoch) or "hour", "day", "week",
    "month" (calendar, in ``tz``). ``stats`` among :data:`STATS` (``var``/``std`` with ddof 1).
    ``zone``: a mapping sensor id → zone (dict or pandas Series) to aggregate per zone instead.
    ``quantity``: what each reading measures (e.g. ``"temperature °C"``), one label per reading —
    an array, or with a DataFrame the name of one of its columns (``read_uplinks``' ``"unit"`` or
    ``"type"``, say); readings of different quantities are then never aggregated together: rows
    are per (sensor or zone, quantity, window), with a categorical ``quantity`` column. A missing
    label is an error naming its row.
    Readings with a NaN value are ignored. Returns a DataFrame sorted by group (then quantity),
    then window, with ``window_start`` as time-zone-aware timestamps in ``tz``.
    """
    import pandas as pd

    frame = None
    if isinstance(sensor_id, pd.DataFrame):
        frame = sensor_id
        missing = [c for c in ("sensor_id", "timestamp", "value") if c not in frame.columns]
        if missing:
            raise _core.InvalidArgumentError(
                f"aggregate: the DataFrame lacks column(s) {', '.join(missing)}; it has {', '.join(map(str, frame.columns))}")
        sensor_id, timestamp, value = frame["sensor_id"].to_numpy(), frame["timestamp"], frame["value"].to_numpy()
    if timestamp is None or value is None:
        raise _core.InvalidArgumentError("aggregate: give sensor_id, timestamp and value arrays, or a DataFrame")
    stats = _check_stats(stats)
    groups, t, unit_ns, values, labels, name = _prepare(sensor_id, timestamp, value, zone)
    moments = any(s in ("var", "std") for s in stats)
    if quantity is None:
        cols = _sn.aggregate_columns(groups, t, values, window, tz, moments, unit_ns)
        return to_frame(cols, stats=stats, tz=tz, group_name=name, labels=labels)
    # Per (group, quantity): one dense key per pair, decoded after the kernel.
    if isinstance(quantity, str):
        if frame is None or quantity not in frame.columns:
            raise _core.InvalidArgumentError(
                f"quantity = {quantity!r}: a column name needs a DataFrame with that column; give one label per "
                "reading otherwise")
        quantity = frame[quantity]
    q = pd.Series(quantity).to_numpy() if not isinstance(quantity, np.ndarray) else quantity
    if q.ndim != 1 or len(q) != len(groups):
        raise _core.InvalidArgumentError(
            f"quantity: {len(q) if q.ndim == 1 else q.shape} labels for {len(groups)} readings; give one per reading")
    try:
        q_codes, q_labels = pd.factorize(q, sort=True)
    except TypeError as e:
        raise _core.InvalidArgumentError(f"quantity: labels that cannot be ordered together ({e})") from None
    if len(q_codes) and q_codes.min() < 0:
        row = int(np.flatnonzero(q_codes < 0)[0])
        raise _core.InvalidArgumentError(f"quantity[{row}]: missing ({q[row]!r}); every reading needs its quantity")
    g_codes, g_uniques = pd.factorize(groups, sort=True)
    nq = max(len(q_labels), 1)
    keys = g_codes.astype(np.int64) * nq + q_codes
    cols = _sn.aggregate_columns(keys, t, values, window, tz, moments, unit_ns)
    key = cols["group"]
    out = to_frame({**cols, "group": np.asarray(g_uniques)[key // nq]}, stats=stats, tz=tz, group_name=name,
                   labels=labels)
    out.insert(1, "quantity", pd.Categorical.from_codes(key % nq, categories=q_labels))
    return out
