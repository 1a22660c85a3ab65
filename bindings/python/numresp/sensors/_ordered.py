"""Ordered aggregates of one sensor's series: the time-weighted average (LOCF or linear) and the
reset-aware counter, with TimescaleDB Toolkit's semantics (``time_weight``, ``counter_agg``) and
the DataSketches vocabulary (update, merge, is_empty, n, to_bytes / from_bytes, pickling).

>>> import numpy as np
>>> t = np.array(["2020-01-01T00:00", "2020-01-01T00:01", "2020-01-01T00:02", "2020-01-01T00:03",
...               "2020-01-01T00:04"], dtype="datetime64[ns]")
>>> tw = TimeWeight("locf")
>>> tw.update(t, [10.0, 20.0, 10.0, 20.0, 15.0])
>>> tw.average()                        # Toolkit's docs: 15
15.0
>>> c = Counter()
>>> c.update(t, [100.0, 130.0, 0.0, 5.0, 7.0])     # an energy meter replaced after 130
>>> c.delta(), c.num_resets
(37.0, 1)
>>> c.last                                          # times come back as datetime64[ns] (UTC)
(numpy.datetime64('2020-01-01T00:04:00.000000000'), 7.0)

Times are numpy ``datetime64`` (UTC), pandas timestamps (naive means UTC, or time-zone-aware),
time-zone-aware ``datetime`` objects, or integers of **epoch seconds** — as everywhere in
``numresp.sensors`` (:func:`numresp.sensors.aggregate` reads integers the same way); give
``datetime64`` values for sub-second times. Arrays are converted and updated in C++ without a
Python loop. Readings come back as ``(numpy.datetime64[ns], value)`` pairs. Readings must come in non-decreasing time order within one object; a
reading at the same time as the previous one is ignored (the first wins) and a NaN value is a
missing reading. States of **disjoint, consecutive** time ranges of the same series merge in time
order (``earlier.merge(later)``, or :meth:`TimeWeight.merged` for parts in any order); overlapping
states raise :class:`numresp.FailedPreconditionError`, as Toolkit's ``rollup`` does. Undefined
results (the average of a single reading, the rate of a single reading) are ``None``, Toolkit's
NULL. Methodology: docs/methodology/ordered-aggregates.

Errors: :class:`numresp.InvalidArgumentError` (a ``ValueError``) for bad values, times or units;
:class:`numresp.FailedPreconditionError` (a ``RuntimeError``) for readings out of order, merges of
overlapping states and windows that do not contain the readings.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any, Iterable, Optional, Tuple, Union

import numpy as np

from .. import _core
from .. import _html
from .._core import sensors as _sn

__all__ = ["TimeWeight", "Counter", "PICKLE_VERSION"]

#: Version of the pickled state, ``(PICKLE_VERSION, to_bytes())``.
PICKLE_VERSION = 1

_EPOCH = _dt.datetime(1970, 1, 1, tzinfo=_dt.timezone.utc)

Point = Tuple[np.datetime64, float]

#: Epoch seconds beyond this are outside the int64 nanosecond range (years 1677 to 2262).
_SECONDS_LIMIT = (2**63 - 1) // 1_000_000_000


# -- Times ----------------------------------------------------------------------------------------


def _scalar_ns(t: Any, name: str) -> int:
    """One time as int64 epoch nanoseconds."""
    if isinstance(t, (bool, np.bool_)):
        raise _core.InvalidArgumentError(f"{name} = {t!r}: expected a time, not a bool")
    if isinstance(t, (int, np.integer)):
        value = int(t)
        if not -_SECONDS_LIMIT <= value <= _SECONDS_LIMIT:
            raise _core.InvalidArgumentError(
                f"{name} = {t!r} epoch seconds: outside the int64 nanosecond range (years 1677 to 2262)")
        return value * 1_000_000_000
    if isinstance(t, np.datetime64):
        if np.isnat(t):
            raise _core.InvalidArgumentError(f"{name} = NaT: expected a time")
        return int(t.astype("datetime64[ns]").astype(np.int64))
    if isinstance(t, _dt.datetime):
        if type(t).__name__ == "Timestamp" and hasattr(t, "value"):  # pandas: naive means UTC, as datetime64
            if t != t:  # NaT
                raise _core.InvalidArgumentError(f"{name} = NaT: expected a time")
            return int(t.value)
        if t.tzinfo is None or t.tzinfo.utcoffset(t) is None:
            raise _core.InvalidArgumentError(
                f"{name} = {t!r}: a naive datetime is ambiguous; give a time zone (or a datetime64, which is UTC)")
        d = t - _EPOCH
        return (d.days * 86400 + d.seconds) * 1_000_000_000 + d.microseconds * 1000
    raise _core.InvalidArgumentError(
        f"{name} = {t!r}: expected epoch seconds, a datetime64, a pandas Timestamp or an aware datetime")


def _is_scalar(x: Any) -> bool:
    if isinstance(x, np.ndarray):
        return x.ndim == 0
    if isinstance(x, (np.generic, int, float, _dt.datetime)):
        return True
    return not (isinstance(x, (list, tuple)) or hasattr(x, "__array__") or hasattr(x, "__len__"))


def _array_ns(t: Any, name: str = "t") -> np.ndarray:
    """Times as a contiguous int64 array of epoch nanoseconds."""
    dtype = getattr(t, "dtype", None)
    if dtype is not None and getattr(dtype, "tz", None) is not None:  # pandas tz-aware Series / Index
        import pandas as pd

        idx = pd.DatetimeIndex(t).tz_convert("UTC").tz_localize(None)
        a = idx.to_numpy("datetime64[ns]")
    else:
        a = np.asarray(t)
    if a.ndim != 1:
        raise _core.InvalidArgumentError(f"{name}: expected a one-dimensional array; got shape {a.shape}")
    if np.issubdtype(a.dtype, np.datetime64):
        ns = a.astype("datetime64[ns]").view(np.int64)
        nat = np.isnat(a)
        if nat.any():
            raise _core.InvalidArgumentError(f"{name}[{int(np.flatnonzero(nat)[0])}] = NaT: expected a time")
        return np.ascontiguousarray(ns)
    if a.dtype == np.bool_:
        raise _core.InvalidArgumentError(f"{name}: expected times, got booleans")
    if np.issubdtype(a.dtype, np.integer):
        out_of_range = (a > _SECONDS_LIMIT) | (a < -_SECONDS_LIMIT) if a.dtype != np.uint64 else a > _SECONDS_LIMIT
        if out_of_range.any():
            i = int(np.flatnonzero(out_of_range)[0])
            raise _core.InvalidArgumentError(
                f"{name}[{i}] = {a[i]} epoch seconds: outside the int64 nanosecond range (years 1677 to 2262)")
        return a.astype(np.int64) * 1_000_000_000
    if a.dtype == object:
        return np.fromiter((_scalar_ns(x, f"{name}[{i}]") for i, x in enumerate(a)), dtype=np.int64, count=len(a))
    raise _core.InvalidArgumentError(
        f"{name}: expected epoch seconds (integers) or datetime64; got dtype {a.dtype}")


def _arrays(t: Any, v: Any) -> Tuple[np.ndarray, np.ndarray]:
    ts = _array_ns(t)
    vs = np.asarray(v, dtype=np.float64)
    if vs.ndim == 0:
        vs = np.full(ts.shape, float(vs))
    if vs.ndim != 1 or vs.shape[0] != ts.shape[0]:
        raise _core.InvalidArgumentError(
            f"update: t has {ts.shape[0]} readings and v has shape {vs.shape}; they must have the same length")
    return ts, np.ascontiguousarray(vs)


def _update(core: Any, t: Any, v: Any) -> None:
    if _is_scalar(t):
        if not _is_scalar(v):
            raise _core.InvalidArgumentError("update: a single time t takes a single value v")
        core.update(_scalar_ns(t[()] if isinstance(t, np.ndarray) else t, "t"), float(v))
        return
    ts, vs = _arrays(t, v)
    core.update_array(ts, vs)


def _point(p: Any, name: str) -> Optional[Point]:
    """None, (t, v), or a TimeWeight/Counter (its last point for prev, first for next)."""
    if p is None:
        return None
    if isinstance(p, (tuple, list)) and len(p) == 2:
        return (_scalar_ns(p[0], f"{name}[0]"), float(p[1]))
    raise _core.InvalidArgumentError(f"{name} = {p!r}: expected None, a (t, v) pair or a TimeWeight")


def _out(p: Optional[Tuple[int, float]]) -> Optional[Point]:
    """A reading from C++ (epoch ns, value) as (datetime64[ns], value)."""
    return None if p is None else (np.datetime64(int(p[0]), "ns"), p[1])


class _Ordered:
    """Shared plumbing: pickling, bytes, equality, copies."""

    __slots__ = ("_s",)
    _core_type: Any = None

    def __init__(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def update(self, t: Any, v: Any) -> None:
        """Adds one reading (scalars) or many (arrays, in C++). Times must not decrease."""
        _update(self._s, t, v)

    @property
    def n(self) -> int:
        """Readings kept (repeated times and NaN values are not counted)."""
        return int(self._s.n)

    def get_n(self) -> int:
        """The DataSketches spelling of :attr:`n`."""
        return int(self._s.n)

    @property
    def is_empty(self) -> bool:
        """True before the first reading."""
        return bool(self._s.is_empty)

    @property
    def first(self) -> Optional[Point]:
        """The earliest reading ``(t, v)``, ``t`` a ``datetime64[ns]`` (UTC), or None."""
        return _out(self._s.first)

    @property
    def last(self) -> Optional[Point]:
        """The latest reading ``(t, v)``, ``t`` a ``datetime64[ns]`` (UTC), or None."""
        return _out(self._s.last)

    def to_bytes(self) -> bytes:
        """The versioned, checksummed binary state (docs/methodology/ordered-aggregates)."""
        return self._s.serialize()

    serialize = to_bytes

    @classmethod
    def from_bytes(cls, data: Union[bytes, bytearray, memoryview]):
        """Reads :meth:`to_bytes`; corrupt, truncated or foreign bytes raise InvalidArgumentError."""
        out = cls.__new__(cls)
        out._s = cls._core_type.deserialize(bytes(data))
        return out

    deserialize = from_bytes

    def copy(self):
        """An independent copy."""
        out = type(self).__new__(type(self))
        out._s = self._s.copy()
        return out

    __copy__ = copy

    def __deepcopy__(self, memo: Any):
        return self.copy()

    def __getstate__(self) -> Tuple[int, bytes]:
        return (PICKLE_VERSION, self._s.serialize())

    def __setstate__(self, state: Any) -> None:
        if not (isinstance(state, tuple) and len(state) == 2 and state[0] == PICKLE_VERSION):
            version = state[0] if isinstance(state, tuple) and state else state
            raise _core.InvalidArgumentError(
                f"{type(self).__name__}: cannot read pickled state version {version!r}; this numresp reads version "
                f"{PICKLE_VERSION}")
        self._s = self._core_type.deserialize(bytes(state[1]))

    def __eq__(self, other: Any) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return bool(self._s == other._s)

    __hash__ = None  # type: ignore[assignment]

    def _check_later(self, later: Any) -> Any:
        if type(later) is not type(self):
            raise _core.InvalidArgumentError(
                f"merge: expected a {type(self).__name__}, got {type(later).__name__}")
        return later._s


class TimeWeight(_Ordered):
    """Time-weighted average of one series, ``method`` "linear" (trapezoids) or "locf" (steps).

    The state keeps the first and last readings and the integral of the value over
    [first, last]; the last reading carries no weight until a later one, or a window end
    (:meth:`interpolated_average`), closes its interval.
    """

    __slots__ = ()
    _core_type = _sn._TimeWeight

    def __init__(self, method: str = "linear") -> None:
        self._s = _sn._TimeWeight(str(method))

    @property
    def method(self) -> str:
        """"linear" or "locf"."""
        return self._s.method

    @property
    def weighted_sum(self) -> float:
        """The integral of the value over [first, last], in value × nanoseconds."""
        return float(self._s.weighted_sum)

    def merge(self, later: "TimeWeight") -> None:
        """Appends ``later``, the state of the time range after this one; the gap between them is
        bridged with the method. Overlap raises FailedPreconditionError."""
        self._s.merge(self._check_later(later))

    @classmethod
    def merged(cls, parts: Iterable["TimeWeight"]) -> "TimeWeight":
        """The parts (any order, same method) sorted by first time and merged."""
        items = list(parts)
        for p in items:
            if not isinstance(p, TimeWeight):
                raise _core.InvalidArgumentError(f"merged: expected TimeWeight parts, got {type(p).__name__}")
        out = cls.__new__(cls)
        out._s = _sn._TimeWeight.merge_sorted([p._s for p in items])
        return out

    def average(self) -> Optional[float]:
        """The time-weighted average over [first, last]; None for fewer than two readings."""
        return self._s.average()

    def integral(self, unit: str = "s") -> Optional[float]:
        """The integral over [first, last] in value × ``unit`` ("ns", "us", "ms", "s", "min", "h",
        or Toolkit's "second", "minute", ...); 0 for one reading, None when empty."""
        return self._s.integral(str(unit))

    def _bounds(self, start: Any, end: Any, prev: Any, next: Any):  # noqa: A002
        if isinstance(prev, TimeWeight):
            prev = prev.last
        if isinstance(next, TimeWeight):
            next = next.first  # noqa: A001
        return _scalar_ns(start, "start"), _scalar_ns(end, "end"), _point(prev, "prev"), _point(next, "next")

    def interpolated_average(self, start: Any, end: Any, prev: Any = None, next: Any = None) -> Optional[float]:  # noqa: A002
        """The average over the window [start, end) with Toolkit's boundary rules: ``prev`` (the
        reading before the window, or the previous window's TimeWeight) extends the series back to
        ``start``; ``next`` (the reading after, or the next window's TimeWeight) forward to
        ``end`` — LOCF carries the last value to ``end`` even without ``next``, linear stops at
        the last reading without it. None for an empty state."""
        return self._s.interpolated_average(*self._bounds(start, end, prev, next))

    def interpolated_integral(self, start: Any, end: Any, prev: Any = None, next: Any = None,  # noqa: A002
                              unit: str = "s") -> Optional[float]:
        """The integral over the window [start, end), same rules as :meth:`interpolated_average`."""
        return self._s.interpolated_integral(*self._bounds(start, end, prev, next), str(unit))

    def _repr_html_(self) -> str:
        rows = [("method", self.method), ("readings", self.n)]
        if not self.is_empty:
            (t0, v0), (t1, v1) = self.first, self.last
            rows += [("first", f"{t0} UTC: {v0!r}"), ("last", f"{t1} UTC: {v1!r}"),
                     ("average", self.average()), ("integral (value × s)", self.integral())]
        return _html.table("TimeWeight", rows)

    def __repr__(self) -> str:
        if self.is_empty:
            return f"TimeWeight(method={self.method!r}, n=0)"
        (t0, v0), (t1, v1) = self.first, self.last
        return (f"TimeWeight(method={self.method!r}, n={self.n}, first=({t0}, {v0!r}), "
                f"last=({t1}, {v1!r}), average={self.average()!r})")


class Counter(_Ordered):
    """A reset-aware counter (an energy meter's cumulative kWh): any decrease is a reset to 0,
    whose previous value is banked, as in Toolkit's ``counter_agg`` and Prometheus."""

    __slots__ = ()
    _core_type = _sn._Counter

    def __init__(self) -> None:
        self._s = _sn._Counter()

    @property
    def second(self) -> Optional[Point]:
        """The second reading (the first when there is one), or None."""
        return _out(self._s.second)

    @property
    def penultimate(self) -> Optional[Point]:
        """The reading before the last (the first when there is one), or None."""
        return _out(self._s.penultimate)

    @property
    def num_resets(self) -> int:
        """Resets detected (decreases, also across merges)."""
        return int(self._s.num_resets)

    @property
    def num_changes(self) -> int:
        """Consecutive readings whose values differ."""
        return int(self._s.num_changes)

    @property
    def reset_sum(self) -> float:
        """Sum of the values just before each reset."""
        return float(self._s.reset_sum)

    def merge(self, later: "Counter") -> None:
        """Appends ``later``, the state of the time range after this one; a drop across the
        boundary is a reset. Overlap raises FailedPreconditionError."""
        self._s.merge(self._check_later(later))

    @classmethod
    def merged(cls, parts: Iterable["Counter"]) -> "Counter":
        """The parts (any order) sorted by first time and merged."""
        items = list(parts)
        for p in items:
            if not isinstance(p, Counter):
                raise _core.InvalidArgumentError(f"merged: expected Counter parts, got {type(p).__name__}")
        out = cls.__new__(cls)
        out._s = _sn._Counter.merge_sorted([p._s for p in items])
        return out

    def delta(self) -> Optional[float]:
        """last + reset_sum − first: the increase over [first, last]; None when empty."""
        return self._s.delta()

    def time_delta(self) -> Optional[float]:
        """last − first in seconds; None when empty."""
        return self._s.time_delta()

    def rate(self) -> Optional[float]:
        """delta / time_delta, per second; None for fewer than two readings."""
        return self._s.rate()

    def idelta_left(self) -> Optional[float]:
        """second − first (or second after a reset)."""
        return self._s.idelta_left()

    def idelta_right(self) -> Optional[float]:
        """last − penultimate (or last after a reset)."""
        return self._s.idelta_right()

    def irate_left(self) -> Optional[float]:
        """idelta_left per second; None for fewer than two readings."""
        return self._s.irate_left()

    def irate_right(self) -> Optional[float]:
        """idelta_right per second; None for fewer than two readings."""
        return self._s.irate_right()

    def extrapolated_delta(self, start: Any, end: Any, method: str = "prometheus") -> Optional[float]:
        """The increase over the range [start, end), extrapolated to its edges with Prometheus'
        rule (at most half an average sample interval past the readings unless the edge is within
        1.1 intervals, never below zero; the end is taken as end − 1 ms). None for fewer than two
        readings; FailedPreconditionError when the readings are not inside the range."""
        return self._s.extrapolated_delta(_scalar_ns(start, "start"), _scalar_ns(end, "end"), str(method))

    def extrapolated_rate(self, start: Any, end: Any, method: str = "prometheus") -> Optional[float]:
        """extrapolated_delta / (end − start − 1 ms), per second."""
        return self._s.extrapolated_rate(_scalar_ns(start, "start"), _scalar_ns(end, "end"), str(method))

    def _repr_html_(self) -> str:
        rows = [("readings", self.n)]
        if not self.is_empty:
            (t0, v0), (t1, v1) = self.first, self.last
            rows += [("first", f"{t0} UTC: {v0!r}"), ("last", f"{t1} UTC: {v1!r}"),
                     ("delta", self.delta()), ("rate (per s)", self.rate()), ("resets", self.num_resets),
                     ("changes", self.num_changes)]
        return _html.table("Counter", rows)

    def __repr__(self) -> str:
        if self.is_empty:
            return "Counter(n=0)"
        (t0, v0), (t1, v1) = self.first, self.last
        return (f"Counter(n={self.n}, first=({t0}, {v0!r}), last=({t1}, {v1!r}), "
                f"delta={self.delta()!r}, num_resets={self.num_resets})")
