import numpy as np
import pytest

import numresp
from numresp import units


def test_parse():
    u = units.parse("kg CO2e / kWh")
    assert u.text == "kgCO2e/kWh"
    assert u.dimension == "CO2e mass / energy"
    assert u.scale == pytest.approx(1000.0 / 3.6e6, rel=1e-15)
    assert u.exponents == {"co2e": 1, "length": -2, "mass": -1, "time": 2}
    assert "kgCO2e/kWh" in repr(u)


@pytest.mark.parametrize(
    "value, src, dst, expected",
    [
        (1.0, "kgCO2e/kWh", "gCO2e/kWh", 1000.0),
        (51.9, "gCO2e/kWh", "kgCO2e/kWh", 0.0519),
        (1.0, "GB", "MB", 1000.0),
        (1.0, "Go", "B", 1e9),
        (1.0, "year", "h", 8760.0),
        (150.0, "cl", "L", 1.5),
    ],
)
def test_convert_scalars_exactly(value, src, dst, expected):
    assert units.convert(value, src, dst) == expected


def test_convert_arrays_keep_shape_and_match_scalars():
    values = np.linspace(0.0, 1000.0, 12).reshape(3, 4)
    out = units.convert(values, "gCO2e", "kgCO2e")
    assert out.shape == (3, 4)
    expected = np.array([units.convert(float(v), "gCO2e", "kgCO2e") for v in values.ravel()]).reshape(3, 4)
    np.testing.assert_array_equal(out, expected)
    assert units.convert([1, 2, 3], "kWh", "Wh").tolist() == [1000.0, 2000.0, 3000.0]


def test_unknown_symbol_names_it_and_its_offset():
    with pytest.raises(numresp.InvalidArgumentError, match=r'unknown symbol "kWx" at byte offset 7'):
        units.parse("kgCO2e/kWx")


def test_dimension_mismatch_is_a_value_error_naming_both_units():
    with pytest.raises(ValueError, match=r'from "kgCO2e" \(CO2e mass\) to "kg" \(mass\)'):
        units.convert(1.0, "kgCO2e", "kg")
    with pytest.raises(ValueError, match="dimensions differ"):
        units.convert(np.ones(3), "kWh", "GB")


def test_co2_is_not_co2e():
    with pytest.raises(ValueError, match="gCO2"):
        units.parse("gCO2")
