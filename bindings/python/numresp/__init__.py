"""numresp: measure a city's responsible-digital plan with typed, sourced, fast code.

The compiled core is :mod:`numresp._core`; this package is the public face of it.

>>> import numresp
>>> numresp.units.convert(1.0, "kgCO2e/kWh", "gCO2e/kWh")
1000.0
>>> (numresp.Estimate(156.0, 120.0, 200.0) * 352).value
54912.0
"""

from . import _core
from . import devices, factors, inclusion, traffic, units, usage, web
from ._core import (
    CRITERIA,
    CRITERION_UNITS,
    PHASES,
    Estimate,
    FailedPreconditionError,
    InvalidArgumentError,
    NotFoundError,
    NumrespError,
    OutOfRangeError,
)

__version__: str = _core.__version__

__all__ = [
    "__version__",
    "CRITERIA",
    "CRITERION_UNITS",
    "PHASES",
    "Estimate",
    "NumrespError",
    "InvalidArgumentError",
    "OutOfRangeError",
    "NotFoundError",
    "FailedPreconditionError",
    "devices",
    "factors",
    "inclusion",
    "traffic",
    "units",
    "usage",
    "web",
]
