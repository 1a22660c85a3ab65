from typing import Any, Mapping, Optional, Sequence, Tuple, Union

import pandas

NORMALISATIONS: Tuple[str, ...]
AGGREGATIONS: Tuple[str, ...]
MISSING_RULES: Tuple[str, ...]
IFN_PROFILES: Tuple[str, ...]
UNCERTAINTY_COLUMNS: Tuple[str, ...]

#: None, "mean" / "median", a dict per column (a value, a statistic name or the 9 deciles), or a
#: reference DataFrame.
Reference = Union[None, str, Mapping[str, Any], pandas.DataFrame]

def composite(frame: pandas.DataFrame, *, normalisation: str, weights: Mapping[str, float], aggregation: str,
              polarity: Optional[Mapping[str, int]] = ..., reference: Reference = ..., missing: str = ...,
              min_coverage: float = ..., minmax_range: Tuple[float, float] = ..., rank_as_share: bool = ...,
              non_positive: str = ..., reference_statistic: str = ...) -> pandas.Series: ...
def composite_uncertainty(frame: pandas.DataFrame, *, weights: Mapping[str, float],
                          normalisations: Sequence[str] = ..., aggregations: Sequence[str] = ..., draws: int = ...,
                          seed: int = ..., weight_spread: float = ..., weight_distribution: str = ...,
                          dirichlet_concentration: float = ..., exclusion_probability: float = ...,
                          normalisation: Optional[str] = ..., aggregation: Optional[str] = ...,
                          polarity: Optional[Mapping[str, int]] = ..., reference: Reference = ...,
                          reference_statistic: str = ..., missing: str = ..., min_coverage: float = ...,
                          minmax_range: Tuple[float, float] = ..., rank_as_share: bool = ...,
                          non_positive: str = ...) -> pandas.DataFrame: ...
def ifn_profile(profile: str = ...) -> pandas.DataFrame: ...
def ifn(frame: pandas.DataFrame, *, profile: str = ..., reference: Reference = ...,
        indicators: Optional[Sequence[str]] = ..., statistic: str = ..., invert_favourable: bool = ...
        ) -> pandas.DataFrame: ...
