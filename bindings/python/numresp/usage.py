"""ADEME's usage models: email, spam, cloud storage, video streaming, video calls, web search,
network transfer and download, everyday equivalences, and the fact-check of the plan's claims.

>>> from numresp import usage
>>> round(usage.email(), 4)                          # a simple 0.075 MB email, 1 recipient
1.9364
>>> round(usage.email(attachment_bytes=1_000_000), 4)
3.002
>>> round(usage.equivalent(usage.email(20 * 365), "car_km"))
99
>>> round(usage.streaming(1.0), 3)                   # one hour of HD video, fixed French network
67.815

The email, streaming, video-call, web-search and download models are ADEME's ACV numérique model
2.1.0 rule for rule, with every parameter a factor of the set (``ademe-2025`` by default); they
reproduce ADEME's own evaluations to the 5 significant figures those are published with. Amounts
are grams CO2e. A function given numbers returns a float; given a numpy array (or a list) for an
amount, it returns an array of the broadcast shape, computed in C++ without a Python loop.

Errors: :class:`numresp.InvalidArgumentError` (a ``ValueError``) for a negative or non-finite
amount, naming the argument, its index in an array and the value; :class:`numresp.NotFoundError`
(a ``KeyError``) for an unknown network, device, quality, equivalence or factor set.

``factor_set`` is ``None`` (the default set), a set name such as ``"ademe-2025"``, or a
:class:`numresp.factors.FactorSet` (for instance one with overrides).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, List, Optional, Union

from ._core import usage as _usage

if TYPE_CHECKING:  # pragma: no cover
    import pandas

    from .factors import FactorSet

__all__ = [
    "email",
    "spam",
    "storage",
    "streaming",
    "video_call",
    "web_search",
    "network",
    "download",
    "equivalent",
    "equivalences",
    "equivalence_table",
    "claims",
    "skipped_claims",
    "NETWORKS",
    "DEVICES",
    "QUALITIES",
    "CLAIM_COLUMNS",
]

#: The networks: fixed or mobile, France or Europe; the two "without the box" are for
#: :func:`network` only (the model uses them for email backups).
NETWORKS = ("fixed_fra", "mobile_fra", "fixed_eu", "mobile_eu", "fixed_excl_box_fra", "fixed_excl_box_eu")

#: The devices: ``"mix"`` is the usage's default mix of devices (ADEME's "moyenne").
DEVICES = ("mix", "smartphone", "tablet", "laptop", "desktop_monitor", "television")

#: Video qualities: ``"audio"`` (video calls only), ``"sd"``, ``"hd"``, ``"uhd"``.
QUALITIES = ("audio", "sd", "hd", "uhd")

Amount = Any  # a number, or an array_like of numbers
FactorSetLike = Union[None, str, "FactorSet"]


def email(
    count: Amount = 1,
    *,
    attachment_bytes: Amount = 0,
    recipients: Amount = 1,
    factor_set: FactorSetLike = None,
    network: str = "fixed_fra",
    device: str = "mix",
    breakdown: bool = False,
) -> Any:
    """Grams CO2e of ``count`` emails, with ADEME's ACV numérique model 2.1.0.

    Each email is the model's simple message (``email.model.size_simple``, 0.075 MB) plus
    ``attachment_bytes``, sent to ``recipients`` recipients who each read it (10 s) and keep a
    copy; it is written in 3 minutes, on a mix of devices (45 % smartphone, 8 % tablet, 24 %
    laptop, 24 % desktop and monitor) unless ``device`` names one; it travels over ``network``
    (sender and recipients), and is stored for 10 years with 3 backup copies on each side.

    Parameters
    ----------
    count : float or array_like
        Number of emails (finite, >= 0).
    attachment_bytes : float or array_like
        Bytes attached to each email (finite, >= 0); 1,000,000 for the model's "1 MB attachment".
    recipients : float or array_like
        Recipients of each email (finite, > 0; an average may be fractional).
    factor_set : None, str or numresp.factors.FactorSet
        The factors (default ``ademe-2025``).
    network : str
        ``"fixed_fra"`` (default), ``"mobile_fra"``, ``"fixed_eu"`` or ``"mobile_eu"``.
    device : str
        ``"mix"`` (default), ``"smartphone"``, ``"tablet"``, ``"laptop"`` or ``"desktop_monitor"``.
    breakdown : bool
        Return a dict of the stages (``device_construction``, ``device_use``, ``transmission``,
        ``data_center_construction``, ``data_center_use``, ``total``; grams CO2e) instead of the
        total. Numbers only, not arrays.

    Returns
    -------
    float or numpy.ndarray or dict
        Grams CO2e; an array of the broadcast shape when an amount is an array.

    Raises
    ------
    numresp.InvalidArgumentError
        A negative or non-finite count or size, recipients not > 0 (named with the index in an
        array), a television or a network without the box.
    numresp.NotFoundError
        An unknown network, device or factor set, or a set without the model's factors.
    """
    return _usage.email(count, attachment_bytes, recipients, factor_set, network, device, breakdown)


def spam(
    count: Amount = 1, *, figure: str = "corrected", factor_set: FactorSetLike = None, breakdown: bool = False
) -> Any:
    """Grams CO2e of ``count`` spams (unread emails), from Impact CO2's stages.

    ``figure="published"`` is Impact CO2's 3.74 g (``usage.spam``), whose transmission stage is
    entered as 0.0026857 kg where ADEME's model gives 0.0026857 g; ``"corrected"`` (the default)
    reads that stage in grams: 1.06 g.

    Parameters
    ----------
    count : float or array_like
        Number of spams (finite, >= 0).
    figure : str
        ``"corrected"`` (default) or ``"published"``.
    factor_set : None, str or numresp.factors.FactorSet
        The factors (default ``ademe-2025``).
    breakdown : bool
        Return the stages as a dict (numbers only).

    Returns
    -------
    float or numpy.ndarray or dict
        Grams CO2e.
    """
    return _usage.spam(count, figure, factor_set, breakdown)


def storage(
    data_bytes: Amount,
    years: Amount = 1.0,
    *,
    method: str = "model",
    copies: Optional[float] = None,
    pue: Optional[float] = None,
    fill_rate: Optional[float] = None,
    grid: Union[None, float, str] = None,
    factor_set: FactorSetLike = None,
) -> Any:
    """Grams CO2e of keeping ``data_bytes`` stored in a data centre for ``years``.

    ``method="model"`` (default) is numresp's parametric model with the defaults of ADEME's
    email-storage sub-model (a 3.5524 TB storage unit counted as 3.5524 × 1024 GB, 144 kg CO2e
    over 5 years, 6 W, 50 % full, PUE 1.16, French grid): 17.5741 g per GB-year **per copy**.
    ``method="published"`` is Impact CO2's 0.235 g per GB-year (``usage.storage_gb_year``), about
    75 times lower: shipped to reproduce texts that quote it, not as a reliable figure.

    Parameters
    ----------
    data_bytes : float or array_like
        Bytes stored (finite, >= 0).
    years : float or array_like
        How long (finite, >= 0), in years of 365 days.
    method : str
        ``"model"`` (default) or ``"published"``.
    copies : float, optional
        Copies kept (replicas, backups; > 0). Default 1: per copy. ADEME's email model keeps 3.
    pue : float, optional
        The data centre's power usage effectiveness (>= 1). Default ``email.model.pue`` (1.16).
    fill_rate : float, optional
        Share of the storage holding data, in (0, 1]. Default ``email.model.storage_fill_rate``.
    grid : float or str, optional
        The data centre's electricity: g CO2e/kWh, or a region (``"fra"``, ``"eu"``, ``"chn"``,
        ``"usa"``: factor ``grid.gwp.<region>``). Default ``grid.gwp.fra``.
    factor_set : None, str or numresp.factors.FactorSet
        The factors (default ``ademe-2025``).

    Returns
    -------
    float or numpy.ndarray
        Grams CO2e.
    """
    return _usage.storage(data_bytes, years, method, copies, pue, fill_rate, grid, factor_set)


def streaming(
    hours: Amount = 1.0,
    *,
    quality: str = "hd",
    network: str = "fixed_fra",
    device: str = "mix",
    factor_set: FactorSetLike = None,
    breakdown: bool = False,
) -> Any:
    """Grams CO2e of ``hours`` of video streaming (ADEME's rule ``streaming``).

    The devices for the time watched (default mix: 70 % television, 15 % laptop, 10 % tablet, 5 %
    smartphone), the video's data over the network (SD 0.7, HD 3, ultra HD 7 GB per hour), and a
    share of the streaming service's servers and electricity (Netflix ESG 2019). One hour of HD on
    the fixed French network is 67.815 g.

    Parameters
    ----------
    hours : float or array_like
        Hours watched (finite, >= 0).
    quality : str
        ``"sd"``, ``"hd"`` (default) or ``"uhd"``.
    network : str
        ``"fixed_fra"`` (default), ``"mobile_fra"``, ``"fixed_eu"`` or ``"mobile_eu"``.
    device : str
        ``"mix"`` (default) or one device of :data:`DEVICES`.
    factor_set : None, str or numresp.factors.FactorSet
        The factors (default ``ademe-2025``).
    breakdown : bool
        Return the stages as a dict (numbers only).

    Returns
    -------
    float or numpy.ndarray or dict
        Grams CO2e.
    """
    return _usage.streaming(hours, quality, network, device, factor_set, breakdown)


def video_call(
    hours: Amount = 1.0,
    *,
    quality: str = "sd",
    participants: Optional[float] = None,
    network: str = "fixed_fra",
    device: str = "mix",
    factor_set: FactorSetLike = None,
    breakdown: bool = False,
) -> Any:
    """Grams CO2e of ``hours`` of a video call, all connected devices together (rule ``visio``).

    Each device (2 by default, ``video_call.model.participants``; laptops in the default mix) is
    busy for the call and sends its stream; the data centre serves the call once. One hour in SD
    between two laptops on the fixed French network is 83.648 g.

    Parameters
    ----------
    hours : float or array_like
        Hours of call (finite, >= 0).
    quality : str
        ``"audio"``, ``"sd"`` (default), ``"hd"`` or ``"uhd"``.
    participants : float, optional
        Connected devices (> 0). Default ``video_call.model.participants`` (2).
    network : str
        ``"fixed_fra"`` (default), ``"mobile_fra"``, ``"fixed_eu"`` or ``"mobile_eu"``.
    device : str
        ``"mix"`` (default: laptops) or one device of :data:`DEVICES`.
    factor_set : None, str or numresp.factors.FactorSet
        The factors (default ``ademe-2025``).
    breakdown : bool
        Return the stages as a dict (numbers only).

    Returns
    -------
    float or numpy.ndarray or dict
        Grams CO2e.
    """
    return _usage.video_call(hours, quality, participants, network, device, factor_set, breakdown)


def web_search(
    count: Amount = 1,
    *,
    network: str = "fixed_fra",
    device: str = "mix",
    factor_set: FactorSetLike = None,
    breakdown: bool = False,
) -> Any:
    """Grams CO2e of ``count`` web searches (rule ``recherche web``): 50 s typing and 1 minute
    reading on the device mix, a 16 kB request and a 144.5 kB results page, a share of a search
    server. 1.0830 g each on the fixed French network (Impact CO2 publishes 1.23 g).

    Parameters
    ----------
    count : float or array_like
        Number of searches (finite, >= 0).
    network : str
        ``"fixed_fra"`` (default), ``"mobile_fra"``, ``"fixed_eu"`` or ``"mobile_eu"``.
    device : str
        ``"mix"`` (default), ``"smartphone"``, ``"tablet"``, ``"laptop"`` or ``"desktop_monitor"``.
    factor_set : None, str or numresp.factors.FactorSet
        The factors (default ``ademe-2025``).
    breakdown : bool
        Return the stages as a dict (numbers only).

    Returns
    -------
    float or numpy.ndarray or dict
        Grams CO2e.
    """
    return _usage.web_search(count, network, device, factor_set, breakdown)


def network(data_bytes: Amount, *, network: str = "fixed_fra", factor_set: FactorSetLike = None) -> Any:
    """Grams CO2e of transferring ``data_bytes`` over a network: the network's factor per GB
    (NegaOctet, in ADEME's model), nothing else.

    Per GB: fixed France 9.27 g (2.59 g without the home box), mobile France 24.68 g, fixed Europe
    30.81 g (14.4 g without the box), mobile Europe 96.01 g.

    Parameters
    ----------
    data_bytes : float or array_like
        Bytes transferred (finite, >= 0).
    network : str
        One of :data:`NETWORKS` (default ``"fixed_fra"``).
    factor_set : None, str or numresp.factors.FactorSet
        The factors (default ``ademe-2025``).

    Returns
    -------
    float or numpy.ndarray
        Grams CO2e.
    """
    return _usage.network(data_bytes, network, factor_set)


def download(
    data_bytes: Amount, *, network: str = "fixed_fra", factor_set: FactorSetLike = None, breakdown: bool = False
) -> Any:
    """Grams CO2e of downloading (or uploading) a file of ``data_bytes`` (rule ``fichier``): the
    network and a share of the data centre, no device time (the model takes the transfer to run
    in the background). 9.4949 g per GB on the fixed French network (Impact CO2 publishes 9.50 g).

    Parameters
    ----------
    data_bytes : float or array_like
        Bytes of the file (finite, >= 0).
    network : str
        ``"fixed_fra"`` (default), ``"mobile_fra"``, ``"fixed_eu"`` or ``"mobile_eu"``.
    factor_set : None, str or numresp.factors.FactorSet
        The factors (default ``ademe-2025``).
    breakdown : bool
        Return the stages as a dict (numbers only).

    Returns
    -------
    float or numpy.ndarray or dict
        Grams CO2e.
    """
    return _usage.download(data_bytes, network, factor_set, breakdown)


def equivalent(grams: Amount, name: str = "car_km", *, factor_set: FactorSetLike = None) -> Any:
    """``grams`` CO2e as an everyday equivalent, with ADEME Impact CO2's factors.

    ``"car_km"``: kilometres in an average thermal car (``equivalence.car_thermal``, 0.1423 kg
    CO2e/km); ``"electric_car_km"``, ``"tgv_km"``, ``"plane_km"``, ``"bus_km"``, meals, devices,
    flights... see :func:`equivalences` and :func:`equivalence_table` for every name and unit. A
    negative amount (a saving) gives a negative equivalent.

    Parameters
    ----------
    grams : float or array_like
        Grams CO2e (finite).
    name : str
        The equivalence (default ``"car_km"``).
    factor_set : None, str or numresp.factors.FactorSet
        The factors (default ``ademe-2025``; ``"ademe-2022"`` has the 2022-2026 car, 0.2176 kg/km).

    Returns
    -------
    float or numpy.ndarray
        The amount, in the equivalence's unit.

    Raises
    ------
    numresp.NotFoundError
        An unknown name (the message lists the names) or a set without the factor.
    numresp.InvalidArgumentError
        A non-finite amount (with its index in an array).
    """
    return _usage.equivalent(grams, name, factor_set)


def equivalences() -> List[str]:
    """The names :func:`equivalent` takes, transport per km first."""
    return [row[0] for row in _usage.equivalences()]


def equivalence_table() -> "pandas.DataFrame":
    """The equivalences as a DataFrame: ``name``, ``factor_id``, ``unit`` (of the result) and
    ``description`` (what one unit is)."""
    import pandas as pd

    return pd.DataFrame(_usage.equivalences(), columns=["name", "factor_id", "unit", "description"])


#: Columns of :func:`claims`.
CLAIM_COLUMNS = ("claim", "plan_value", "unit", "today_value", "today_low", "today_high", "ratio", "factors", "verdict")


def claims(factor_set: FactorSetLike = None) -> "pandas.DataFrame":
    """The plan's claims recomputed with today's factors, one row a claim.

    Above all "sending 20 emails a day for a year pollutes as much as driving 1,000 km by car":
    7,300 emails are 14-22 kg CO2e, 99-154 km in an average thermal car, so the claim is about 8
    times too high.

    Parameters
    ----------
    factor_set : None, str or numresp.factors.FactorSet
        The factors (default ``ademe-2025``); the set needs the email model's factors.

    Returns
    -------
    pandas.DataFrame
        Indexed by claim ``id``, with columns ``claim`` (its text), ``plan_value``, ``unit``,
        ``today_value``, ``today_low``, ``today_high`` (the range the inputs give),
        ``ratio`` (plan / today), ``factors`` (the factor ids used, comma-separated) and
        ``verdict``.
    """
    import pandas as pd

    rows = _usage.claims(factor_set)
    frame = pd.DataFrame(rows, columns=("id",) + CLAIM_COLUMNS)
    frame["factors"] = [", ".join(ids) for ids in frame["factors"]]
    return frame.set_index("id")


def skipped_claims() -> "pandas.DataFrame":
    """The plan's figures numresp does not recompute: columns ``claim`` and ``reason``."""
    import pandas as pd

    return pd.DataFrame(_usage.skipped_claims(), columns=["claim", "reason"])
