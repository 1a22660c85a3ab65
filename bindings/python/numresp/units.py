"""Units written as text: parse them, convert between them.

Canonical units are grams CO2e, grams Sb-eq, kilograms, bytes, joules, seconds and metres.
Decimal prefixes throughout (1 GB = 1e9 bytes); ``KiB`` to ``TiB`` are binary; ``o`` (octet) is
the byte (``Go`` = GB). See the user guide for the full grammar.

>>> from numresp import units
>>> units.convert(51.9, "gCO2e/kWh", "kgCO2e/kWh")
0.0519
>>> units.parse("kWh/GB").dimension
'energy / data volume'
"""

from ._core import units as _units

Unit = _units.Unit
convert = _units.convert
parse = _units.parse

__all__ = ["Unit", "convert", "parse"]
