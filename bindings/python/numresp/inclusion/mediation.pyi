import os
from dataclasses import dataclass
from typing import Any, Dict, Optional, Tuple, Union

import pandas

ACTIVITY_COLUMNS: Tuple[str, ...]
REJECTED_COLUMNS: Tuple[str, ...]
THEMATIQUES: Tuple[str, ...]
ADMINISTRATIVE_THEMATIQUES: Tuple[str, ...]

PathLike = Union[str, os.PathLike[str]]
DateLike = Any  # str "YYYY-MM-DD", datetime.date, datetime.datetime or pandas.Timestamp

def read_activities(
    path_or_frame: Union[PathLike, pandas.DataFrame], *, version: Union[None, int, str] = ...
) -> Tuple[pandas.DataFrame, pandas.DataFrame]: ...

@dataclass
class MediationIndicators:
    totals: pandas.Series
    by_place: pandas.DataFrame
    by_adviser: pandas.DataFrame
    by_month: pandas.DataFrame
    shares: pandas.DataFrame
    autonomy: pandas.DataFrame
    durations: pandas.DataFrame
    ages: pandas.DataFrame
    statuses: pandas.DataFrame
    def to_dict(self) -> Dict[str, Any]: ...
    def _repr_html_(self) -> str: ...

def mediation_indicators(
    activities: Union[pandas.DataFrame, PathLike, Tuple[pandas.DataFrame, pandas.DataFrame]],
    *,
    population: Optional[float] = ...,
    start: DateLike = ...,
    end: DateLike = ...,
) -> MediationIndicators: ...
