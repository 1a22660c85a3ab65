import math
import pickle

import pytest

import numresp


def test_version_matches_the_header():
    header = (pathlib_root() / "include" / "numresp" / "core" / "version.hpp").read_text()
    assert f'#define NUMRESP_VERSION_STRING "{numresp.__version__}"' in header


def pathlib_root():
    import pathlib

    return pathlib.Path(__file__).resolve().parents[3]


def test_criteria_and_phases():
    assert numresp.CRITERIA == ("gwp", "adpe", "pe", "water")
    assert numresp.PHASES == ("manufacture", "distribution", "use", "end_of_life")
    assert numresp.CRITERION_UNITS["gwp"] == "gCO2e"


def test_exact_estimate():
    e = numresp.Estimate(4.0)
    assert (e.value, e.low, e.high) == (4.0, 4.0, 4.0)
    assert e.is_exact and e.width == 0.0


def test_estimate_rules_match_the_cpp_ones():
    a = numresp.Estimate(2.0, 1.0, 3.0)
    b = numresp.Estimate(10.0, 9.0, 12.0)
    assert a + b == numresp.Estimate(12.0, 10.0, 15.0)
    assert b - a == numresp.Estimate(8.0, 6.0, 11.0)
    assert -a == numresp.Estimate(-2.0, -3.0, -1.0)
    assert a * 2 == numresp.Estimate(4.0, 2.0, 6.0)
    assert 2 * a == numresp.Estimate(4.0, 2.0, 6.0)
    assert a * -1 == numresp.Estimate(-2.0, -3.0, -1.0)
    assert a / 2 == numresp.Estimate(1.0, 0.5, 1.5)
    assert numresp.Estimate(0.5, -1.0, 2.0) * numresp.Estimate(1.0, -2.0, 3.0) == numresp.Estimate(0.5, -4.0, 6.0)
    assert a.to_dict() == {"value": 2.0, "low": 1.0, "high": 3.0}
    assert repr(a) == "Estimate(2, low=1, high=3)"


@pytest.mark.parametrize(
    "args, message",
    [
        ((1.0, 2.0, 3.0), "low=2 > value=1"),
        ((4.0, 2.0, 3.0), "value=4 > high=3"),
        ((math.nan, 0.0, 1.0), "finite"),
        ((0.5, 0.0, math.inf), "finite"),
    ],
)
def test_invalid_estimates_raise_value_errors(args, message):
    with pytest.raises(numresp.InvalidArgumentError, match=message) as info:
        numresp.Estimate(*args)
    assert isinstance(info.value, ValueError)
    assert isinstance(info.value, numresp.NumrespError)


def test_estimate_needs_both_bounds_or_neither():
    with pytest.raises(ValueError, match="both low and high"):
        numresp.Estimate(1.0, low=0.5)


def test_estimate_pickles_with_a_version():
    a = numresp.Estimate(2.0, 1.0, 3.0)
    assert pickle.loads(pickle.dumps(a)) == a
    assert a.__getstate__() == (1, 2.0, 1.0, 3.0)
    b = numresp.Estimate.__new__(numresp.Estimate)
    with pytest.raises(numresp.InvalidArgumentError, match="version 1"):
        b.__setstate__((99, 2.0, 1.0, 3.0))


def test_estimates_hash_by_value():
    assert hash(numresp.Estimate(2.0, 1.0, 3.0)) == hash(numresp.Estimate(2.0, 1.0, 3.0))
    assert len({numresp.Estimate(1.0), numresp.Estimate(1.0), numresp.Estimate(2.0)}) == 2


def test_exception_hierarchy():
    assert issubclass(numresp.InvalidArgumentError, ValueError)
    assert issubclass(numresp.OutOfRangeError, ValueError)
    assert issubclass(numresp.NotFoundError, KeyError)
    assert issubclass(numresp.FailedPreconditionError, RuntimeError)
    for cls in (
        numresp.InvalidArgumentError,
        numresp.OutOfRangeError,
        numresp.NotFoundError,
        numresp.FailedPreconditionError,
    ):
        assert issubclass(cls, numresp.NumrespError)
    assert numresp.InvalidArgumentError.__module__ == "numresp"
