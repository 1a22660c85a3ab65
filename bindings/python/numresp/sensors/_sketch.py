"""The KLL quantile sketch: approximate quantiles and ranks of a stream of readings in a few
kilobytes, mergeable across partitions, sensors or windows, picklable.

>>> import numpy as np
>>> s = QuantileSketch()                       # k = 200: rank error 1.33 % (99 % confidence)
>>> s.update(np.arange(100_000, dtype=float))  # arrays go through C++ without the GIL
>>> s.n, s.min, s.max
(100000, 0.0, 99999.0)
>>> abs(s.quantile(0.5) - 50_000) <= 100_000 * s.normalized_rank_error
True
>>> t = QuantileSketch()
>>> t.update([1.0, float("nan"), 2.0])         # NaN is ignored
>>> t.quantile([0.0, 0.5, 1.0]).tolist()
[1.0, 1.0, 2.0]

Conventions (those of Apache DataSketches): ``rank(x)`` is the share of readings ``<= x``
(``inclusive=False``: ``< x``); ``quantile(q)`` is a retained reading, the smallest whose rank is
``>= q`` (``numpy.quantile(data, q, method="inverted_cdf")`` while the sketch is exact, that is
while ``n <= k``); ``quantile(0)`` and ``quantile(1)`` are the exact minimum and maximum. The error
is on the rank: the true rank of ``quantile(q)`` is within ``q ± normalized_rank_error`` with 99 %
confidence. Methodology: docs/methodology/quantile-sketch.

Determinism: the compaction coin flips come from a generator seeded by ``seed``, so the same
readings in the same order give the same sketch. Sketches built in parallel should preferably get
different seeds (e.g. the partition number); merging in another order may give another sketch,
within the same bound.
"""

from __future__ import annotations

import numbers
from typing import Any, Dict, Optional, Union

import numpy as np

from .. import _core
from .. import _html
from .._core import sensors as _sensors

__all__ = ["QuantileSketch"]

#: The version of the pickled state written by this numresp (read: this one only).
_STATE_VERSION = 1

ArrayLike = Any


def _is_scalar(x: Any) -> bool:
    if isinstance(x, np.ndarray):
        return x.ndim == 0
    if isinstance(x, (str, bytes)):
        return False
    return isinstance(x, (numbers.Real, np.number)) and not isinstance(x, (bool, np.bool_))


def _as_array(x: Any, name: str) -> np.ndarray:
    if isinstance(x, (str, bytes, bool, np.bool_)) or x is None:
        raise _core.InvalidArgumentError(f"{name} = {x!r}: expected a number or an array of numbers")
    try:
        a = np.asarray(x, dtype=np.float64)
    except (TypeError, ValueError):
        raise _core.InvalidArgumentError(f"{name} = {x!r:.80}: expected a number or an array of numbers") from None
    if a.dtype == object:  # pragma: no cover - asarray(float64) never gives object
        raise _core.InvalidArgumentError(f"{name}: expected numbers")
    return a


def _check_int(value: Any, name: str, low: int, high: int) -> int:
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (numbers.Integral, np.integer)):
        raise _core.InvalidArgumentError(f"{name} = {value!r}: expected an integer")
    v = int(value)
    if not low <= v <= high:
        raise _core.InvalidArgumentError(f"{name} = {v}: must be in [{low}, {high}]")
    return v


class QuantileSketch:
    """A KLL quantile sketch of floats (Karnin, Lang and Liberty 2016).

    Parameters
    ----------
    k : int, optional
        Accuracy, 8 to 65535. The default 200 gives a rank error of 1.33 % (single-sided, 99 %
        confidence) with about 700 retained readings; the error scales as about 1/k.
    seed : int, optional
        Seed of the compaction coin flips, 0 to 2**64 - 1 (default: a fixed constant, so runs
        repeat).

    Raises
    ------
    numresp.InvalidArgumentError
        For k or seed out of range or not integers.
    """

    DEFAULT_K: int = int(_sensors.QUANTILE_SKETCH_DEFAULT_K)
    MIN_K: int = int(_sensors.QUANTILE_SKETCH_MIN_K)
    MAX_K: int = int(_sensors.QUANTILE_SKETCH_MAX_K)
    DEFAULT_SEED: int = int(_sensors.QUANTILE_SKETCH_DEFAULT_SEED)

    __slots__ = ("_sketch",)

    def __init__(self, k: int = DEFAULT_K, seed: int = DEFAULT_SEED) -> None:
        k = _check_int(k, "k", self.MIN_K, self.MAX_K)
        seed = _check_int(seed, "seed", 0, 2**64 - 1)
        self._sketch = _sensors.QuantileSketch(k, seed)

    @classmethod
    def _wrap(cls, core: Any) -> "QuantileSketch":
        s = cls.__new__(cls)
        s._sketch = core
        return s

    # -- Updates ---------------------------------------------------------------------------------

    def update(self, x: Union[float, ArrayLike]) -> None:
        """Adds a reading or an array (or sequence) of readings; NaN is ignored.

        Arrays of any shape are read in C order, in C++ without the GIL.
        """
        if _is_scalar(x):
            self._sketch.update(float(x))
            return
        self._sketch.update_array(_as_array(x, "x").ravel())

    def merge(self, other: "QuantileSketch") -> "QuantileSketch":
        """Adds another sketch's readings (any k: the error bound becomes that of the smallest k
        merged); returns ``self``. The other sketch is unchanged."""
        if not isinstance(other, QuantileSketch):
            raise _core.InvalidArgumentError(
                f"other = {type(other).__name__}: expected a numresp.sensors.QuantileSketch"
            )
        self._sketch.merge(other._sketch)
        return self

    # -- Queries ---------------------------------------------------------------------------------

    def quantile(self, q: Union[float, ArrayLike], inclusive: bool = True) -> Union[float, np.ndarray]:
        """The reading(s) at normalized rank(s) ``q`` in [0, 1]: a float for a number, an array of
        the same shape for an array.

        Raises
        ------
        numresp.InvalidArgumentError
            For a rank outside [0, 1] (named with its index).
        numresp.FailedPreconditionError
            When the sketch is empty.
        """
        if _is_scalar(q):
            return float(self._sketch.quantile(float(q), bool(inclusive)))
        return self._sketch.quantiles(_as_array(q, "q"), bool(inclusive))

    def rank(self, x: Union[float, ArrayLike], inclusive: bool = True) -> Union[float, np.ndarray]:
        """The estimated normalized rank(s) of ``x``: the share of readings ``<= x`` (``< x`` with
        ``inclusive=False``); a float for a number, an array of the same shape for an array.

        Raises
        ------
        numresp.InvalidArgumentError
            For NaN (named with its index).
        numresp.FailedPreconditionError
            When the sketch is empty.
        """
        if _is_scalar(x):
            return float(self._sketch.rank(float(x), bool(inclusive)))
        return self._sketch.ranks(_as_array(x, "x"), bool(inclusive))

    @property
    def n(self) -> int:
        """Readings seen (NaN excluded)."""
        return int(self._sketch.n)

    @property
    def k(self) -> int:
        """The accuracy parameter."""
        return int(self._sketch.k)

    @property
    def min_k(self) -> int:
        """The smallest k among this sketch and those merged into it (sets the error bound)."""
        return int(self._sketch.min_k)

    @property
    def seed(self) -> int:
        """The seed of the coin flips."""
        return int(self._sketch.seed)

    @property
    def min(self) -> float:
        """The smallest reading (exact); NaN when empty, as pandas."""
        return float("nan") if self._sketch.is_empty else float(self._sketch.min_item())

    @property
    def max(self) -> float:
        """The largest reading (exact); NaN when empty, as pandas."""
        return float("nan") if self._sketch.is_empty else float(self._sketch.max_item())

    @property
    def is_empty(self) -> bool:
        """True before the first (non-NaN) reading."""
        return bool(self._sketch.is_empty)

    @property
    def is_estimation_mode(self) -> bool:
        """True once readings have been compacted (answers are then approximate)."""
        return bool(self._sketch.is_estimation_mode)

    @property
    def num_retained(self) -> int:
        """Readings kept."""
        return int(self._sketch.num_retained)

    @property
    def normalized_rank_error(self) -> float:
        """The a-priori single-sided rank error at 99 % confidence (ranks, quantiles, CDF):
        2.296 / k**0.9723 for the smallest k merged (0.0133 at k = 200)."""
        return float(self._sketch.normalized_rank_error(False))

    @property
    def normalized_rank_error_pmf(self) -> float:
        """The double-sided error (the mass between two points): 2.446 / k**0.9433."""
        return float(self._sketch.normalized_rank_error(True))

    @staticmethod
    def rank_error_for(k: int, pmf: bool = False) -> float:
        """The a-priori rank error of a sketch with ``k`` (single- or double-sided)."""
        k = _check_int(k, "k", QuantileSketch.MIN_K, QuantileSketch.MAX_K)
        return float(_sensors.QuantileSketch.normalized_rank_error_for(k, bool(pmf)))

    def items(self) -> "tuple[np.ndarray, np.ndarray]":
        """The retained readings and their weights (two arrays; the weights sum to ``n``)."""
        values, weights = self._sketch.items()
        return values, weights

    # -- Bytes and pickling ----------------------------------------------------------------------

    def to_bytes(self) -> bytes:
        """The serialized sketch (numresp's framed sensor-aggregate format, checksummed)."""
        return bytes(self._sketch.serialize())

    @classmethod
    def from_bytes(cls, data: Union[bytes, bytearray, memoryview]) -> "QuantileSketch":
        """Reads :meth:`to_bytes`' bytes.

        Raises
        ------
        numresp.InvalidArgumentError
            For short, foreign or corrupt bytes (the message names the byte offset).
        """
        return cls._wrap(_sensors.QuantileSketch.deserialize(data))

    def __getstate__(self) -> Dict[str, Any]:
        return {"version": _STATE_VERSION, "sketch": self.to_bytes()}

    def __setstate__(self, state: Dict[str, Any]) -> None:
        version: Optional[Any] = state.get("version") if isinstance(state, dict) else None
        if version != _STATE_VERSION or "sketch" not in state:
            raise _core.InvalidArgumentError(
                f"QuantileSketch: cannot read pickled state version {version!r}; "
                f"this numresp reads version {_STATE_VERSION}"
            )
        self._sketch = _sensors.QuantileSketch.deserialize(state["sketch"])

    def __copy__(self) -> "QuantileSketch":
        return self._wrap(self._sketch.__copy__())

    def __deepcopy__(self, memo: Dict[int, Any]) -> "QuantileSketch":
        return self._wrap(self._sketch.__copy__())

    def __eq__(self, other: object) -> bool:
        """Same state: same parameters, readings kept, weights and generator state."""
        if not isinstance(other, QuantileSketch):
            return NotImplemented
        return self.to_bytes() == other.to_bytes()

    __hash__ = None  # type: ignore[assignment]

    def _repr_html_(self) -> str:
        rows = [("k", self.k), ("readings (n)", self.n), ("retained items", self.num_retained),
                ("rank error bound (single-sided, 99 %)", f"{self.normalized_rank_error:.3%}")]
        if not self.is_empty:
            rows += [("min", self.min), ("max", self.max)]
            rows += [(f"quantile {q:g}", float(self.quantile(q))) for q in (0.05, 0.25, 0.5, 0.75, 0.95)]
        return _html.table("QuantileSketch", rows)

    def __repr__(self) -> str:
        text = f"QuantileSketch(k={self.k}, n={self.n}, retained={self.num_retained}"
        if not self.is_empty:
            text += f", min={self.min!r}, max={self.max!r}"
        return text + ")"
