"""LoRaWAN ingestion: ChirpStack v4 uplink events as JSON lines, de-duplicated on (device EUI,
frame counter) across gateways, their Cayenne LPP payloads decoded into readings, with an account
of every line.

>>> decode_cayenne_lpp(bytes.fromhex("03670110056700ff"))
[{'channel': 3, 'type': 'temperature', 'value': 27.2, 'unit': '°C'}, {'channel': 5, 'type': 'temperature', 'value': 25.5, 'unit': '°C'}]
>>> decode_cayenne_lpp(bytes.fromhex("018806765ff2960a0003e8"))[0]["value"]
(42.3519, -87.9094, 10.0)

:func:`read_uplinks` reads a JSON-lines file (or lines) and returns a DataFrame of readings, one
row per value (a GPS fix gives three rows: latitude, longitude, altitude), and a report in which
``accepted + duplicates + rejected == received``; each rejection names its line, the byte offset
of the line, the field and the reason.

Decoding follows the type table of docs/methodology/lorawan (the 12 base types, the extended types
of ElectronicCats/CayenneLPP, magnetometer and load): voltage, current and barometer are
unsigned, 4-byte types unsigned 32-bit, GPS fields signed 24-bit. A payload decodes completely or
raises :class:`numresp.InvalidArgumentError` (a ``ValueError``) naming the byte offset, the channel,
the type and the problem.

Two uplinks with the same (device EUI, frame counter) and the same payload whose times are at most
``dedup_window`` apart are copies of one frame (several gateways, a replay, a retransmission): the
first in the input is kept, the later ones are duplicates whose gateways are added to its
``gateways`` count. Further apart, or with another payload, the device reused the counter (it
rejoined and restarted at 0): both frames are kept (``report["counter_reuses"]``).
"""

from __future__ import annotations

import datetime as _dt
import os
from typing import TYPE_CHECKING, Any, Dict, Iterable, List, Optional, Sequence, Tuple, Union

import numpy as np

from .. import _core  # noqa: F401  (registers the exception classes)
from .._core import sensors as _sn

if TYPE_CHECKING:  # pragma: no cover
    import pandas

__all__ = [
    "decode_cayenne_lpp",
    "read_uplinks",
    "parse_uplink",
    "lpp_types",
    "UplinkIngestor",
    "READING_COLUMNS",
    "REJECTION_COLUMNS",
]

#: Columns of the readings DataFrame.
READING_COLUMNS: Tuple[str, ...] = (
    "dev_eui", "f_cnt", "time", "channel", "type", "component", "value", "unit", "gateways", "f_port", "line",
)
#: Columns of the report's rejections DataFrame.
REJECTION_COLUMNS: Tuple[str, ...] = ("line", "offset", "field", "reason")

_DEFAULT_WINDOW_S = 300.0
_MAX_LINE_BYTES = 1 << 20
_MAX_REJECTIONS = 100000

BytesLike = Union[bytes, bytearray, memoryview]


def lpp_types() -> List[Dict[str, Any]]:
    """The Cayenne LPP types decoded: dicts with ``code`` (the type byte), ``ipso``, ``name``,
    ``size`` (data bytes), ``count`` (values), ``signed``, ``divisors``, ``components``, ``units``
    and ``source`` (``"base"``, ``"extended"`` or ``"other"``)."""
    return _sn.lpp_types()


def decode_cayenne_lpp(payload_bytes: BytesLike) -> List[Dict[str, Any]]:
    """Decodes a Cayenne LPP payload.

    Parameters
    ----------
    payload_bytes : bytes, bytearray or memoryview
        The application payload (FRMPayload), e.g. ``base64.b64decode(event["data"])``.

    Returns
    -------
    list of dict
        One dict per entry, in payload order: ``channel`` (int), ``type`` (the type's name, e.g.
        ``"temperature"``), ``value`` (float, or a tuple of 3 floats for accelerometer,
        magnetometer, gyrometer (x, y, z), colour (r, g, b) and GPS (latitude, longitude,
        altitude)) and ``unit`` (str, or a tuple for the 3-value types; ``""`` when none).

    Raises
    ------
    numresp.InvalidArgumentError
        An unknown type, a truncated value or a dangling channel byte, with the byte offset of the
        entry, its channel and its type.
    TypeError
        ``payload_bytes`` is not bytes-like (a ``str``: use ``bytes.fromhex`` or ``base64``).
    """
    if isinstance(payload_bytes, str):
        raise TypeError("payload_bytes: expected bytes, got str (use bytes.fromhex(...) or base64.b64decode(...))")
    return _sn.lpp_decode(payload_bytes)


def parse_uplink(line: Union[str, BytesLike]) -> Dict[str, Any]:
    """Parses one ChirpStack v4 uplink event (a JSON object).

    Returns a dict: ``dev_eui`` (16 lower-case hex digits), ``f_cnt``, ``time`` (a UTC
    ``datetime``), ``time_source`` (``"time"``, ``"rxInfo.nsTime"`` or ``"rxInfo.gwTime"``),
    ``payload`` (bytes), ``f_port``, ``rx`` (list of ``(gateway_id, rssi, snr)``),
    ``device_name``, ``deduplication_id`` and ``object_json`` (the codec's ``object`` as JSON
    text, ``""`` when absent). Raises :class:`numresp.InvalidArgumentError` naming the field.
    """
    d = _sn.lorawan_parse_uplink(line)
    ns = d.pop("time_ns")
    d["time"] = _dt.datetime.fromtimestamp(ns // 1_000_000_000, tz=_dt.timezone.utc) + _dt.timedelta(
        microseconds=(ns % 1_000_000_000) // 1000)
    return d


def _seconds(dedup_window: Union[float, _dt.timedelta, Any]) -> float:
    if isinstance(dedup_window, _dt.timedelta):
        return dedup_window.total_seconds()
    if hasattr(dedup_window, "total_seconds"):  # pandas.Timedelta, numpy via pandas
        return float(dedup_window.total_seconds())
    if isinstance(dedup_window, np.timedelta64):
        return float(dedup_window / np.timedelta64(1, "ns")) / 1e9
    return float(dedup_window)


def _options(dedup_window: Any, lpp_ports: Optional[Sequence[int]], merge_gateways: bool, max_line_bytes: int,
             max_rejections: int) -> Tuple[float, List[int], bool, int, int]:
    ports = [] if lpp_ports is None else [int(p) for p in lpp_ports]
    return _seconds(dedup_window), ports, bool(merge_gateways), int(max_line_bytes), int(max_rejections)


_TYPE_TABLE: Optional[Dict[str, np.ndarray]] = None


def _type_table() -> Dict[str, np.ndarray]:
    """Type code × component → name, component name, unit (object arrays of 256 × 3)."""
    global _TYPE_TABLE
    if _TYPE_TABLE is None:
        names = np.full(256, "", dtype=object)
        components = np.full((256, 3), "", dtype=object)
        units = np.full((256, 3), "", dtype=object)
        for t in _sn.lpp_types():
            names[t["code"]] = t["name"]
            for k in range(t["count"]):
                components[t["code"], k] = t["components"][k]
                units[t["code"], k] = t["units"][k]
        _TYPE_TABLE = {"names": names, "components": components, "units": units}
    return _TYPE_TABLE


def _frame(columns: Dict[str, Any]) -> "pandas.DataFrame":
    import pandas as pd

    table = _type_table()
    codes = columns["type_code"].astype(np.intp)
    component = columns["component"].astype(np.intp)
    euis = np.array(columns["dev_euis"] + [""], dtype=object)
    time = pd.arrays.DatetimeArray(columns["time_ns"].view("M8[ns]"), dtype=pd.DatetimeTZDtype(tz="UTC"))
    data = {
        "dev_eui": euis[columns["dev_eui_code"]] if len(codes) else np.array([], dtype=object),
        "f_cnt": columns["f_cnt"].astype(np.int64),
        "time": time,
        "channel": columns["channel"].astype(np.int64),
        "type": table["names"][codes],
        "component": table["components"][codes, component],
        "value": columns["value"],
        "unit": table["units"][codes, component],
        "gateways": columns["gateways"].astype(np.int64),
        "f_port": columns["f_port"].astype(np.int64),
        "line": columns["line"].astype(np.int64),
    }
    return pd.DataFrame(data, columns=list(READING_COLUMNS))


def _report(report: Dict[str, Any]) -> Dict[str, Any]:
    import pandas as pd

    out = dict(report)
    rows = report["rejections"]
    out["rejections"] = pd.DataFrame(
        {
            "line": np.array([r[0] for r in rows], dtype=np.int64),
            "offset": np.array([r[1] for r in rows], dtype=np.int64),
            "field": np.array([r[2] for r in rows], dtype=object),
            "reason": np.array([r[3] for r in rows], dtype=object),
        },
        columns=list(REJECTION_COLUMNS),
    )
    return out


def read_uplinks(
    path_or_lines: Union[str, "os.PathLike[str]", bytes, Iterable[Union[str, bytes]]],
    *,
    dedup_window: Union[float, _dt.timedelta] = _DEFAULT_WINDOW_S,
    lpp_ports: Optional[Sequence[int]] = None,
    merge_gateways: bool = True,
    max_line_bytes: int = _MAX_LINE_BYTES,
    max_rejections: int = _MAX_REJECTIONS,
) -> Tuple["pandas.DataFrame", Dict[str, Any]]:
    """Reads ChirpStack v4 uplink events (JSON lines) into readings.

    Parameters
    ----------
    path_or_lines : str, os.PathLike, bytes or iterable of str/bytes
        A path to a JSON-lines file; or the file's content as ``bytes``; or lines (a list, an open
        text file, ``sys.stdin``), each one event with or without its ``"\\n"``.
    dedup_window : float (seconds) or datetime.timedelta
        Copies of a frame (same device EUI, frame counter and payload) at most this far apart are
        duplicates; default 5 minutes.
    lpp_ports : sequence of int, optional
        The fPorts that carry Cayenne LPP (1 to 255); default every port. Uplinks on other ports,
        and every fPort 0 uplink, are rejected (field ``"fPort"``).
    merge_gateways : bool
        Count a duplicate's gateways in the kept frame's ``gateways`` (default True).
    max_line_bytes, max_rejections : int
        Longer lines are rejected unread; rejections beyond ``max_rejections`` are counted
        (``rejections_dropped``) but not listed.

    Returns
    -------
    (pandas.DataFrame, dict)
        The readings, one row per value, columns :data:`READING_COLUMNS`: ``dev_eui`` (str),
        ``f_cnt``, ``time`` (``datetime64[ns, UTC]``), ``channel``, ``type`` (e.g.
        ``"temperature"``), ``component`` (``""``, or ``"x"``, ``"latitude"``, ``"red"``... for
        3-value types), ``value`` (float), ``unit``, ``gateways`` (distinct gateways that heard the
        frame), ``f_port`` and ``line`` (1-based line of the kept copy), in input order. The report:
        ``received``, ``accepted``, ``duplicates``, ``rejected`` (``accepted + duplicates +
        rejected == received``; blank lines are not counted), ``readings`` (decoded entries),
        ``counter_reuses``, ``rejections_dropped`` and ``rejections``, a DataFrame with columns
        ``line``, ``offset`` (byte offset of the line in the input), ``field`` and ``reason``.

    Raises
    ------
    numresp.InvalidArgumentError
        Bad options (a negative window, a port outside 1 to 255). A bad line is never an error: it
        is a rejection in the report.
    """
    options = _options(dedup_window, lpp_ports, merge_gateways, max_line_bytes, max_rejections)
    if isinstance(path_or_lines, (str, os.PathLike)):
        with open(path_or_lines, "rb") as f:
            text = f.read()
        columns, report = _sn.lorawan_ingest(text, *options)
    elif isinstance(path_or_lines, (bytes, bytearray, memoryview)):
        columns, report = _sn.lorawan_ingest(path_or_lines, *options)
    else:
        ingestor = _sn.LorawanIngestor(*options)
        for line in path_or_lines:
            ingestor.add_line(line)
        columns, report = ingestor.take_columns(), ingestor.report()
    return _frame(columns), _report(report)


class UplinkIngestor:
    """Ingests uplink events one line at a time (a service reading a stream).

    >>> ing = UplinkIngestor()
    >>> ing.add_line("not json")
    'rejected'
    >>> ing.report()["rejections"].loc[0, "field"]
    'json'
    """

    def __init__(self, *, dedup_window: Union[float, _dt.timedelta] = _DEFAULT_WINDOW_S,
                 lpp_ports: Optional[Sequence[int]] = None, merge_gateways: bool = True,
                 max_line_bytes: int = _MAX_LINE_BYTES, max_rejections: int = _MAX_REJECTIONS) -> None:
        self._ingestor = _sn.LorawanIngestor(
            *_options(dedup_window, lpp_ports, merge_gateways, max_line_bytes, max_rejections))

    def add_line(self, line: Union[str, BytesLike]) -> str:
        """Adds one line (with or without its ``"\\n"``): ``"accepted"``, ``"duplicate"``,
        ``"rejected"`` or ``"blank"`` (not counted)."""
        return self._ingestor.add_line(line)

    def report(self) -> Dict[str, Any]:
        """The account so far (as :func:`read_uplinks`'s report)."""
        return _report(self._ingestor.report())

    def take_readings(self) -> "pandas.DataFrame":
        """The readings accepted since the last call (as :func:`read_uplinks`'s DataFrame)."""
        return _frame(self._ingestor.take_columns())

    def forget_before(self, time: Any) -> None:
        """Forgets frames older than ``time`` (a tz-aware datetime, pandas Timestamp or int64 ns):
        bounds the memory of a long-running service."""
        if isinstance(time, (int, np.integer)):
            ns = int(time)
        else:
            import pandas as pd

            ts = pd.Timestamp(time)
            if ts.tzinfo is None:
                raise _core.InvalidArgumentError("time: expected a time-zone-aware time (or int64 ns since the epoch)")
            ns = int(ts.value)
        self._ingestor.forget_before(ns)

    @property
    def frames_tracked(self) -> int:
        """Frames remembered for de-duplication."""
        return self._ingestor.frames_tracked
