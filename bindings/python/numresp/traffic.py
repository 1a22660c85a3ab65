"""Data-transfer emissions: Sustainable Web Design v4 and v3 and OneByte, exactly as CO2.js
0.19.0 computes them.

>>> from numresp import traffic
>>> traffic.per_byte(1e9)
148.2
>>> traffic.per_byte(1e9, green=True)
121.03
>>> traffic.per_byte(1e9, grid_intensity={"device": "FRA", "network": "FRA", "data_center": "FRA"})
60.934920000000005
>>> traffic.rating(traffic.per_visit(2e6))
'E'

The functions take a number of bytes or a numpy array (an array comes back, computed in C++
without the GIL). Where CO2.js silently falls back to a default, numresp raises instead
(negative bytes, a share outside [0, 1], an unknown country code); see the methodology page for
CO2.js's own quirks, which numresp keeps.
"""

from ._core import traffic as _traffic

per_byte = _traffic.per_byte
per_visit = _traffic.per_visit
segments = _traffic.segments
rating = _traffic.rating
country_intensity = _traffic.country_intensity

#: The models, in CO2.js's terms: Sustainable Web Design v4 (default) and v3, OneByte.
MODELS = ("swd4", "swd3", "onebyte")

__all__ = ["per_byte", "per_visit", "segments", "rating", "country_intensity", "MODELS"]
