from typing import Dict, Optional, Tuple, Union, overload

import numpy as np
import numpy.typing as npt

MODELS: Tuple[str, ...]
GridIntensity = Dict[str, Union[float, str]]

@overload
def per_byte(data_bytes: float, model: str = ..., green: bool = ..., *, grid_intensity: Optional[GridIntensity] = ...,
             green_hosting_factor: Optional[float] = ...) -> float: ...
@overload
def per_byte(data_bytes: npt.ArrayLike, model: str = ..., green: bool = ..., *,
             grid_intensity: Optional[GridIntensity] = ..., green_hosting_factor: Optional[float] = ...
             ) -> npt.NDArray[np.float64]: ...
@overload
def per_visit(data_bytes: float, model: str = ..., green: bool = ..., *, first_visit_share: Optional[float] = ...,
              return_visit_share: Optional[float] = ..., data_reload_ratio: Optional[float] = ...,
              grid_intensity: Optional[GridIntensity] = ..., green_hosting_factor: Optional[float] = ...) -> float: ...
@overload
def per_visit(data_bytes: npt.ArrayLike, model: str = ..., green: bool = ..., *,
              first_visit_share: Optional[float] = ..., return_visit_share: Optional[float] = ...,
              data_reload_ratio: Optional[float] = ..., grid_intensity: Optional[GridIntensity] = ...,
              green_hosting_factor: Optional[float] = ...) -> npt.NDArray[np.float64]: ...
def segments(data_bytes: float, model: str = ..., green: bool = ..., *, grid_intensity: Optional[GridIntensity] = ...,
             green_hosting_factor: Optional[float] = ...) -> Dict[str, float]: ...
@overload
def rating(grams: float, model: str = ...) -> str: ...
@overload
def rating(grams: npt.ArrayLike, model: str = ...) -> npt.NDArray[np.str_]: ...
def country_intensity(code: str) -> float: ...
