import datetime as _dt
import os
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple, Union

import pandas

BytesLike = Union[bytes, bytearray, memoryview]

READING_COLUMNS: Tuple[str, ...]
REJECTION_COLUMNS: Tuple[str, ...]

def lpp_types() -> List[Dict[str, Any]]: ...
def decode_cayenne_lpp(payload_bytes: BytesLike) -> List[Dict[str, Any]]: ...
def parse_uplink(line: Union[str, BytesLike]) -> Dict[str, Any]: ...
def read_uplinks(
    path_or_lines: Union[str, os.PathLike[str], bytes, Iterable[Union[str, bytes]]],
    *,
    dedup_window: Union[float, _dt.timedelta] = ...,
    lpp_ports: Optional[Sequence[int]] = ...,
    merge_gateways: bool = ...,
    max_line_bytes: int = ...,
    max_rejections: int = ...,
) -> Tuple[pandas.DataFrame, Dict[str, Any]]: ...

class UplinkIngestor:
    def __init__(
        self,
        *,
        dedup_window: Union[float, _dt.timedelta] = ...,
        lpp_ports: Optional[Sequence[int]] = ...,
        merge_gateways: bool = ...,
        max_line_bytes: int = ...,
        max_rejections: int = ...,
    ) -> None: ...
    def add_line(self, line: Union[str, BytesLike]) -> str: ...
    def report(self) -> Dict[str, Any]: ...
    def take_readings(self) -> pandas.DataFrame: ...
    def forget_before(self, time: Any) -> None: ...
    @property
    def frames_tracked(self) -> int: ...
