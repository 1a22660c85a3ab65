"""numresp.sensors.QuantileSketch: against numpy.quantile / exact ranks within the stated bound,
exactness while n <= k, merges, pickling, bytes and errors."""

import copy
import pickle

import numpy as np
import pytest

import numresp
from numresp.sensors._sketch import QuantileSketch


def exact_rank(sorted_data, x, inclusive=True):
    side = "right" if inclusive else "left"
    return np.searchsorted(sorted_data, x, side=side) / len(sorted_data)


# -- Construction ----------------------------------------------------------------------------------


def test_defaults_and_parameters():
    s = QuantileSketch()
    assert s.k == 200 and s.min_k == 200
    assert s.seed == QuantileSketch.DEFAULT_SEED
    assert s.is_empty and s.n == 0 and s.num_retained == 0
    assert np.isnan(s.min) and np.isnan(s.max)
    assert repr(s) == "QuantileSketch(k=200, n=0, retained=0)"
    t = QuantileSketch(k=64, seed=2**64 - 1)
    assert t.k == 64 and t.seed == 2**64 - 1
    assert QuantileSketch(np.int32(100)).k == 100


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"k": 7}, "k = 7: must be in [8, 65535]"),
        ({"k": 65536}, "k = 65536"),
        ({"k": 200.0}, "k = 200.0: expected an integer"),
        ({"k": True}, "expected an integer"),
        ({"seed": -1}, "seed = -1: must be in [0, 18446744073709551615]"),
        ({"seed": 2**64}, "seed = 18446744073709551616"),
        ({"seed": "1"}, "expected an integer"),
    ],
)
def test_bad_parameters(kwargs, message):
    with pytest.raises(numresp.InvalidArgumentError, match=message.replace("[", r"\[").replace("]", r"\]")):
        QuantileSketch(**kwargs)


def test_empty_queries_raise():
    s = QuantileSketch()
    with pytest.raises(numresp.FailedPreconditionError, match="empty"):
        s.quantile(0.5)
    with pytest.raises(numresp.FailedPreconditionError):
        s.rank(1.0)
    with pytest.raises(numresp.FailedPreconditionError):
        s.quantile([0.5])
    with pytest.raises(numresp.FailedPreconditionError):
        s.rank(np.array([1.0]))


# -- Updates and exactness -------------------------------------------------------------------------


def test_scalars_sequences_arrays_and_nan():
    s = QuantileSketch()
    s.update(1)
    s.update(2.5)
    s.update(np.float32(3.0))
    s.update([4.0, float("nan"), 5.0])
    s.update(np.array([[6.0, 7.0], [np.nan, 8.0]]))
    s.update(np.array(9.0))
    s.update(range(10, 12))
    s.update(np.arange(12, 14, dtype=np.int64))
    assert s.n == 13
    assert s.min == 1.0 and s.max == 13.0
    s.update(float("nan"))
    assert s.n == 13
    assert s.rank(float("inf")) == 1.0


@pytest.mark.parametrize("bad", ["1.0", b"1", None, True, ["a", "b"], {"x": 1}])
def test_update_rejects_non_numbers(bad):
    s = QuantileSketch()
    with pytest.raises(numresp.InvalidArgumentError, match="expected a number or an array of numbers"):
        s.update(bad)
    assert s.is_empty


@pytest.mark.parametrize("k", [8, 50, 200])
def test_exact_while_n_at_most_k_matches_numpy_inverted_cdf(k):
    rng = np.random.default_rng(k)
    data = np.round(rng.lognormal(0, 2, size=k) * 4) / 4  # with ties
    s = QuantileSketch(k=k)
    s.update(data)
    assert not s.is_estimation_mode
    q = np.linspace(0, 1, 1001)
    np.testing.assert_array_equal(s.quantile(q), np.quantile(data, q, method="inverted_cdf"))
    sorted_data = np.sort(data)
    np.testing.assert_allclose(s.rank(data), exact_rank(sorted_data, data), rtol=0, atol=1e-15)
    np.testing.assert_allclose(s.rank(data, inclusive=False), exact_rank(sorted_data, data, False), rtol=0, atol=1e-15)
    assert s.quantile(0.0) == data.min() and s.quantile(1.0) == data.max()


def test_inclusive_and_exclusive():
    s = QuantileSketch()
    s.update([3.0, 2.0, 1.0, 2.0])
    assert s.rank(2.0) == 0.75 and s.rank(2.0, inclusive=False) == 0.25
    assert s.quantile(0.5) == 2.0 and s.quantile(0.75) == 2.0 and s.quantile(0.75, inclusive=False) == 3.0


# -- The error bound -------------------------------------------------------------------------------


def test_quantiles_within_the_bound_against_numpy():
    """100 seeds of 100,000 readings (k = 200): the true rank of every quantile is within the
    stated bound of the asked rank, and every estimated rank within the bound of the true rank,
    for at least 99 of the 100 seeds."""
    eps = QuantileSketch.rank_error_for(200)
    q = np.concatenate([np.linspace(0, 1, 101), [0.001, 0.005, 0.995, 0.999]])
    within = 0
    for seed in range(100):
        rng = np.random.default_rng(seed)
        data = rng.normal(20, 5, size=100_000) if seed % 2 else rng.lognormal(3, 1, size=100_000)
        s = QuantileSketch(seed=seed)
        s.update(data)
        sorted_data = np.sort(data)
        est = s.quantile(q)
        lo = exact_rank(sorted_data, est, inclusive=False)
        hi = exact_rank(sorted_data, est, inclusive=True)
        ok_quantiles = np.all((q - eps <= hi) & (lo <= q + eps))
        truth = np.quantile(data, q, method="inverted_cdf")
        ok_ranks = np.all(np.abs(s.rank(truth) - exact_rank(sorted_data, truth)) <= eps)
        within += bool(ok_quantiles and ok_ranks)
    assert within >= 99


def test_rank_error_constants():
    assert QuantileSketch.rank_error_for(200) == pytest.approx(0.01329, abs=5e-5)
    assert QuantileSketch.rank_error_for(200, pmf=True) == pytest.approx(0.01652, abs=5e-5)
    s = QuantileSketch()
    assert s.normalized_rank_error == QuantileSketch.rank_error_for(200)
    assert s.normalized_rank_error_pmf == QuantileSketch.rank_error_for(200, pmf=True)
    with pytest.raises(numresp.InvalidArgumentError):
        QuantileSketch.rank_error_for(4)


# -- Merge -----------------------------------------------------------------------------------------


def test_merge_of_partitions_within_the_bound():
    rng = np.random.default_rng(7)
    data = rng.exponential(3.0, size=200_000)
    parts = []
    for i, chunk in enumerate(np.array_split(data, 16)):
        p = QuantileSketch(seed=i)
        p.update(chunk)
        parts.append(p)
    forward = QuantileSketch()
    for p in parts:
        assert forward.merge(p) is forward
    backward = QuantileSketch()
    for p in reversed(parts):
        backward.merge(p)
    sorted_data = np.sort(data)
    eps = forward.normalized_rank_error
    for s in (forward, backward):
        assert s.n == data.size and s.min == data.min() and s.max == data.max()
        x = np.quantile(data, np.linspace(0.01, 0.99, 99))
        assert np.max(np.abs(s.rank(x) - exact_rank(sorted_data, x))) <= eps
    assert parts[0].n == 12_500, "merge leaves the other sketch unchanged"


def test_merge_different_k_and_errors():
    a = QuantileSketch(k=400)
    a.update(np.arange(1000.0))
    b = QuantileSketch(k=50)
    b.update(np.arange(1000.0, 2000.0))
    a.merge(b)
    assert a.k == 400 and a.min_k == 50
    assert a.normalized_rank_error == QuantileSketch.rank_error_for(50)
    with pytest.raises(numresp.InvalidArgumentError, match="expected a numresp.sensors.QuantileSketch"):
        a.merge(3)


# -- Errors of queries -----------------------------------------------------------------------------


def test_query_errors_name_the_argument():
    s = QuantileSketch()
    s.update(np.arange(10.0))
    with pytest.raises(numresp.InvalidArgumentError, match=r"q = 1.5: must be in \[0, 1\]"):
        s.quantile(1.5)
    with pytest.raises(numresp.InvalidArgumentError, match=r"q\[1\] = -0.1"):
        s.quantile([0.5, -0.1])
    with pytest.raises(numresp.InvalidArgumentError, match=r"q\[1, 0\] = nan"):
        s.quantile([[0.5, 0.5], [np.nan, 0.5]])
    with pytest.raises(numresp.InvalidArgumentError, match="x = nan"):
        s.rank(float("nan"))
    with pytest.raises(numresp.InvalidArgumentError, match=r"x\[2\] = nan"):
        s.rank([1.0, 2.0, np.nan])
    with pytest.raises(ValueError):  # InvalidArgumentError is a ValueError
        s.quantile(-1)


def test_array_queries_keep_the_shape():
    s = QuantileSketch()
    s.update(np.arange(100.0))
    out = s.quantile(np.array([[0.0, 0.5], [0.75, 1.0]]))
    assert out.shape == (2, 2) and out.dtype == np.float64
    np.testing.assert_array_equal(out, [[0.0, 49.0], [74.0, 99.0]])
    assert s.rank(np.array([[10.0]])).shape == (1, 1)
    assert isinstance(s.quantile(0.5), float) and isinstance(s.rank(np.float64(3)), float)


# -- Bytes, pickling, copies -----------------------------------------------------------------------


def test_bytes_round_trip_is_exact():
    s = QuantileSketch(seed=3)
    s.update(np.random.default_rng(3).normal(size=50_000))
    b = s.to_bytes()
    t = QuantileSketch.from_bytes(b)
    assert t == s and t.to_bytes() == b
    assert QuantileSketch.from_bytes(bytearray(b)) == s
    assert QuantileSketch.from_bytes(memoryview(b)) == s
    values, weights = s.items()
    values2, weights2 = t.items()
    np.testing.assert_array_equal(values, values2)
    np.testing.assert_array_equal(weights, weights2)
    assert int(weights.sum()) == s.n
    q = np.linspace(0, 1, 51)
    np.testing.assert_array_equal(s.quantile(q), t.quantile(q))
    # Both continue the same coin flips.
    more = np.random.default_rng(4).normal(size=10_000)
    s.update(more)
    t.update(more)
    assert s == t


def test_pickle_round_trip_and_version():
    s = QuantileSketch(k=100, seed=9)
    s.update(np.arange(20_000.0))
    for protocol in range(2, pickle.HIGHEST_PROTOCOL + 1):
        t = pickle.loads(pickle.dumps(s, protocol=protocol))
        assert t == s and t.k == 100 and t.seed == 9
    state = s.__getstate__()
    assert state["version"] == 1 and state["sketch"] == s.to_bytes()
    t = QuantileSketch.__new__(QuantileSketch)
    with pytest.raises(numresp.InvalidArgumentError, match="version 2"):
        t.__setstate__({"version": 2, "sketch": state["sketch"]})
    empty = pickle.loads(pickle.dumps(QuantileSketch()))
    assert empty.is_empty


def test_copies_are_independent():
    s = QuantileSketch()
    s.update([1.0, 2.0])
    for t in (copy.copy(s), copy.deepcopy(s)):
        t.update(3.0)
        assert t.n == 3 and s.n == 2


def test_corrupt_truncated_and_foreign_bytes():
    s = QuantileSketch(k=8)
    s.update(np.arange(500.0))
    b = s.to_bytes()
    for n in range(len(b)):
        with pytest.raises(numresp.InvalidArgumentError, match="byte offset"):
            QuantileSketch.from_bytes(b[:n])
    for i in range(len(b)):
        bad = bytearray(b)
        bad[i] ^= 0xFF
        try:
            t = QuantileSketch.from_bytes(bytes(bad))
        except numresp.InvalidArgumentError as e:
            assert "byte offset" in str(e)
        else:  # only if the checksum happens to match: a valid sketch
            t.quantile(0.5)
    with pytest.raises(numresp.InvalidArgumentError, match="not a numresp sensor aggregate"):
        QuantileSketch.from_bytes(b"\x00" * 64)
    with pytest.raises(numresp.InvalidArgumentError, match="expected bytes"):
        QuantileSketch.from_bytes("NRSA")


def test_repr():
    s = QuantileSketch()
    s.update([1.5, 2.5])
    assert repr(s) == "QuantileSketch(k=200, n=2, retained=2, min=1.5, max=2.5)"


def test_repr_html_for_notebooks():
    s = QuantileSketch()
    assert "quantile" not in s._repr_html_()
    s.update(np.arange(1.0, 101.0))
    html = s._repr_html_()
    assert "<b>QuantileSketch</b>" in html and "<td>100</td>" in html
    assert f"<th style=\"text-align:left\">quantile 0.5</th><td>{float(s.quantile(0.5)):.6g}</td>" in html
    assert f"{s.normalized_rank_error:.3%}" in html


def test_docstring_examples():
    import doctest

    from numresp.sensors import _sketch

    assert doctest.testmod(_sketch).failed == 0
