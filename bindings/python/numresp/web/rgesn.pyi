from collections.abc import Iterable, Mapping
from typing import Any, Dict, List, Optional, Tuple, Union

import pandas

COLUMNS: Tuple[str, ...]
ANSWERS: Tuple[str, ...]
PRIORITIES: Tuple[str, ...]
Answers = Union[Mapping[str, str], Iterable[Tuple[str, str]]]

class Result:
    score: float
    groups: Dict[str, Optional[float]]
    group_details: List[Dict[str, Any]]
    unmet_priority: List[str]
    met: int
    not_met: int
    not_applicable: int
    points: float
    max_points: float
    def __init__(self, core: Dict[str, Any]) -> None: ...
    def to_dict(self) -> Dict[str, Any]: ...
    def group_table(self) -> pandas.DataFrame: ...
    def _repr_html_(self) -> str: ...

def criteria() -> pandas.DataFrame: ...
def groups() -> List[str]: ...
def weights() -> Dict[str, float]: ...
def measurable() -> Dict[str, str]: ...
def score(answers: Answers) -> Result: ...
