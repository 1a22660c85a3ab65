"""numresp.traffic: the documented CO2.js figures, numpy in and out, and errors. Full parity with
CO2.js 0.19.0 is checked on golden vectors in test_traffic_golden.py."""

import numpy as np
import pytest

import numresp
from numresp import traffic


def test_key_numbers():
    assert traffic.per_byte(1e9) == 148.2
    assert traffic.per_byte(1e9, green=True) == 121.03
    assert traffic.per_byte(1e9, green_hosting_factor=0.5) == 134.615
    assert traffic.per_byte(1e9, "swd3") == 383.08140000000003
    assert traffic.per_byte(1e9, "onebyte") == 290.81299999999993
    assert traffic.per_visit(2e6) == 0.2964
    assert traffic.per_visit(2e6, "swd3") == 0.5784529140000001
    fra = {"device": "FRA", "network": "FRA", "data_center": "FRA"}
    assert traffic.per_byte(1e9, grid_intensity=fra) == 60.934920000000005
    assert traffic.per_byte(1e9, grid_intensity={"device": 0, "network": 0, "data_center": 0}) == 52.364000000000004
    assert traffic.country_intensity("fra") == 44.18
    assert traffic.MODELS == ("swd4", "swd3", "onebyte")


def test_segments_and_rating():
    s = traffic.segments(1e9)
    assert s["total"] == 148.2 and s["data_center_operational"] == 27.17
    assert traffic.segments(1e9, green=True)["data_center_operational"] == 27.17
    assert set(traffic.segments(1e9, "swd3")) == {"device", "network", "production", "data_center", "total"}
    assert traffic.rating(0.04) == "A+"
    assert traffic.rating(0.36) == "F"
    assert traffic.rating(0.846, "swd3") == "E"
    assert traffic.rating(np.array([0.01, 0.1, 1.0])).tolist() == ["A+", "B", "F"]


def test_arrays_keep_shape_and_match_scalars():
    data = np.array([[0, 0.5, 1, 1e3], [2e6, 1e9, 5e9, 2257715.2]])
    for model in traffic.MODELS:
        out = traffic.per_byte(data, model)
        assert out.shape == data.shape
        assert out.tolist() == [[traffic.per_byte(float(b), model) for b in row] for row in data]
    visits = traffic.per_visit(data.ravel(), "swd3", first_visit_share=0.5, return_visit_share=0.5)
    assert visits.tolist() == [traffic.per_visit(float(b), "swd3", first_visit_share=0.5, return_visit_share=0.5)
                               for b in data.ravel()]
    assert traffic.per_byte([1e9, 2e9]).tolist() == [148.2, traffic.per_byte(2e9)]
    ints = np.array([1_000_000_000, 0], dtype=np.int64)
    assert traffic.per_byte(ints).tolist() == [148.2, 0.0]


def test_large_arrays_split_over_threads_give_the_same_values():
    data = np.logspace(0, 12, 3_000_001)
    whole = traffic.per_byte(data)
    pieces = np.concatenate([traffic.per_byte(part) for part in np.array_split(data, 97)])
    assert np.array_equal(whole.view(np.uint64), pieces.view(np.uint64))


def test_out_writes_in_place():
    data = np.linspace(0.0, 1e9, 11)
    out = np.empty_like(data)
    result = traffic.per_byte(data, out=out)
    assert result is out
    assert out.tolist() == traffic.per_byte(data).tolist()
    visits = np.empty_like(data)
    assert traffic.per_visit(data, "swd3", out=visits) is visits
    with pytest.raises(ValueError, match="same shape"):
        traffic.per_byte(data, out=np.empty(3))
    with pytest.raises(ValueError, match="float64"):
        traffic.per_byte(data, out=np.empty(11, dtype=np.float32))
    with pytest.raises(ValueError, match="C-contiguous"):
        traffic.per_byte(data, out=np.empty(22)[::2])


@pytest.mark.parametrize(
    "call, error, message",
    [
        (lambda: traffic.per_byte(-1.0), numresp.InvalidArgumentError, r"data_bytes = -1: must be a finite number"),
        (lambda: traffic.per_byte(float("nan")), ValueError, "data_bytes = nan"),
        (lambda: traffic.per_byte(np.array([1.0, 2.0, np.inf])), ValueError, r"data_bytes\[2\] = inf"),
        (lambda: traffic.per_byte(1e6, "swd5"), ValueError, 'model = "swd5": unknown data-transfer model'),
        (lambda: traffic.per_byte(1e6, "swd3", green_hosting_factor=0.5), ValueError, "only swd4"),
        (lambda: traffic.per_byte(1e6, green_hosting_factor=1.5), ValueError, r"green_hosting_factor = 1.5"),
        (lambda: traffic.per_visit(1e6, first_visit_share=2), ValueError, "first_visit_share = 2"),
        (lambda: traffic.per_visit(1e6, data_reload_ratio=-0.1), ValueError, "data_reload_ratio = -0.1"),
        (lambda: traffic.per_byte(1e6, grid_intensity={"device": "XYZ"}), KeyError, '"XYZ"'),
        (lambda: traffic.per_byte(1e6, grid_intensity={"device": -1}), ValueError, r'grid_intensity\["device"\] = -1'),
        (lambda: traffic.per_byte(1e6, grid_intensity={"devices": 1}), ValueError, 'unknown key "devices"'),
        (lambda: traffic.per_byte(1e6, grid_intensity=300), ValueError, "expected a dict"),
        (lambda: traffic.per_byte(1e6, "onebyte", grid_intensity={"device": 1}), ValueError, "onebyte takes no grid"),
        (lambda: traffic.per_visit(1e6, "onebyte"), ValueError, "onebyte has no per-visit"),
        (lambda: traffic.segments(1e6, "onebyte"), ValueError, "onebyte has no segment"),
        (lambda: traffic.rating(0.1, "onebyte"), ValueError, "onebyte has no rating"),
        (lambda: traffic.per_byte(True), ValueError, "data_bytes = True"),
    ],
)
def test_errors_name_the_argument_and_value(call, error, message):
    with pytest.raises(error, match=message):
        call()


def test_error_in_a_large_array_names_the_first_bad_index():
    data = np.full(2_000_000, 5.0)
    data[1_500_000] = -3.0
    data[1_700_000] = np.nan
    with pytest.raises(ValueError, match=r"data_bytes\[1500000\] = -3"):
        traffic.per_byte(data)
