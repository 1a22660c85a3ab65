"""numresp.usage: ADEME's evaluations (the golden vectors the C++ tests use too), arrays, errors,
factor sets, equivalences and the claims DataFrame."""

import csv
import math
import pathlib

import numpy as np
import pytest

import numresp
from numresp import usage

DATA = pathlib.Path(__file__).resolve().parents[3] / "tests" / "data" / "ademe"
STAGES = ("device_construction", "device_use", "transmission", "data_center_construction", "data_center_use")


def _rows(name):
    with open(DATA / name, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(line for line in handle if not line.startswith("#")))


def _tolerance(text):
    """Half a unit of the last printed digit."""
    decimals = len(text.split(".")[1]) if "." in text else 0
    return 0.5 * 10.0 ** -decimals * (1 + 1e-9)


GOLDEN = _rows("usage_golden.csv")


def _golden(kind):
    return [row for row in GOLDEN if row["usage"] == kind]


def _check(row, breakdown):
    assert abs(breakdown["total"] - float(row["total_g"])) <= _tolerance(row["total_g"]), row["source"]
    devices = breakdown["device_construction"] + breakdown["device_use"]
    assert abs(devices - float(row["devices_g"])) <= _tolerance(row["devices_g"]), row["source"]
    assert abs(breakdown["transmission"] - float(row["transmission_g"])) <= _tolerance(row["transmission_g"])
    data_center = breakdown["data_center_construction"] + breakdown["data_center_use"]
    assert abs(data_center - float(row["data_center_g"])) <= _tolerance(row["data_center_g"]), row["source"]
    assert breakdown["total"] == pytest.approx(sum(breakdown[s] for s in STAGES), rel=1e-12)


# -- ADEME's evaluations -------------------------------------------------------------------------


@pytest.mark.parametrize("row", _golden("email"), ids=lambda r: r["source"].split(" / ")[1])
def test_email_reproduces_the_grid(row):
    attachment = round(float(row["size_mb"]) * 1e6) - 75_000  # the model's simple email is 0.075 MB
    kwargs = dict(attachment_bytes=attachment, network=row["network"], device=row["device"])
    _check(row, usage.email(**kwargs, breakdown=True))
    assert usage.email(**kwargs) == pytest.approx(usage.email(**kwargs, breakdown=True)["total"], rel=1e-12)


@pytest.mark.parametrize("row", _golden("streaming"), ids=lambda r: r["source"].split(" / ")[1])
def test_streaming_reproduces_the_grid(row):
    _check(row, usage.streaming(1, quality=row["quality"], network=row["network"], device=row["device"],
                                breakdown=True))


@pytest.mark.parametrize("row", _golden("video_call"), ids=lambda r: r["source"].split(" / ")[1])
def test_video_call_reproduces_the_grid(row):
    _check(row, usage.video_call(1, quality=row["quality"], network=row["network"], device=row["device"],
                                 breakdown=True))


@pytest.mark.parametrize("row", _golden("web_search") + _golden("download"), ids=lambda r: r["source"])
def test_web_search_and_download_reproduce_the_grid(row):
    if row["usage"] == "web_search":
        _check(row, usage.web_search(1, network=row["network"], breakdown=True))
    else:
        _check(row, usage.download(float(row["size_mb"]) * 1e6, network=row["network"], breakdown=True))


def test_key_figures():
    assert usage.email() == pytest.approx(1.9364, abs=5e-5)
    assert usage.email(attachment_bytes=1_000_000) == pytest.approx(3.0020, abs=5e-5)
    assert usage.email(attachment_bytes=5_000_000) == pytest.approx(7.2641, abs=5e-5)
    assert usage.streaming() == pytest.approx(67.815, abs=5e-4)
    assert usage.video_call() == pytest.approx(83.648, abs=5e-4)
    assert usage.web_search() == pytest.approx(1.0830, abs=5e-5)
    assert usage.download(1e9) == pytest.approx(9.4949, abs=5e-5)


def test_spam_and_storage():
    for row in _golden("spam"):
        _check(row, usage.spam(figure=row["quality"], breakdown=True))
    (published,) = _golden("storage_published")
    assert usage.storage(float(published["size_mb"]) * 1e6, method="published") == pytest.approx(
        float(published["total_g"]), abs=_tolerance(published["total_g"]))
    (model,) = _golden("storage_model")
    assert usage.storage(float(model["size_mb"]) * 1e6) == pytest.approx(
        float(model["total_g"]), abs=_tolerance(model["total_g"]))
    assert usage.storage(1e9, copies=3) == pytest.approx(3 * usage.storage(1e9))
    assert usage.storage(2e9, 10) == pytest.approx(20 * usage.storage(1e9))
    # 6 W / (3.5524 × 1024 GB × 50 %) × 8760 h × 1.16 at 410.4 g/kWh (grid.gwp.eu), plus the embodied share.
    embodied = 144000 / (3.5524 * 1024 * 0.5 * 5)
    use_eu = 6 / (3.5524 * 1024 * 0.5) * 8760 * 1.16 * 410.4 / 1000
    assert usage.storage(1e9, grid="eu") == pytest.approx(embodied + use_eu, rel=1e-12)
    assert usage.storage(1e9, grid=410.4) == pytest.approx(embodied + use_eu, rel=1e-12)


def test_network_per_gb():
    assert usage.network(1e9) == pytest.approx(9.26934695867389, rel=1e-12)
    assert usage.network(1e9, network="fixed_excl_box_fra") == pytest.approx(2.59, rel=1e-12)
    assert usage.network(1e9, network="mobile_fra") == pytest.approx(24.6836791969497, rel=1e-12)
    assert usage.network(1e9, network="fixed_eu") == pytest.approx(30.8081869990301, rel=1e-12)
    assert usage.network(1e9, network="fixed_excl_box_eu") == pytest.approx(14.4, rel=1e-12)
    assert usage.network(1e9, network="mobile_eu") == pytest.approx(96.0097311973246, rel=1e-12)


# -- Arrays ----------------------------------------------------------------------------------------


def test_email_arrays_broadcast():
    attachments = np.array([0.0, 1e6, 5e6])
    out = usage.email(2, attachment_bytes=attachments)
    assert isinstance(out, np.ndarray) and out.shape == (3,)
    for a, g in zip(attachments, out):
        assert g == pytest.approx(2 * usage.email(attachment_bytes=float(a)), rel=1e-15)
    grid = usage.email(np.array([[1], [10]]), attachment_bytes=[0, 1e6], recipients=[1, 2])
    assert grid.shape == (2, 2)
    assert grid[1, 1] == pytest.approx(10 * usage.email(attachment_bytes=1e6, recipients=2), rel=1e-15)
    assert usage.email([1, 2, 3]).tolist() == pytest.approx([usage.email(n) for n in (1, 2, 3)])


def test_linear_models_take_arrays():
    hours = np.linspace(0, 3, 7)
    assert usage.streaming(hours) == pytest.approx(hours * usage.streaming(1.0))
    assert usage.video_call(hours, quality="hd") == pytest.approx(hours * usage.video_call(1.0, quality="hd"))
    assert usage.web_search([0, 10]) == pytest.approx([0, 10 * usage.web_search()])
    assert usage.spam(np.arange(3)) == pytest.approx(np.arange(3) * usage.spam())
    assert usage.network([0, 1e9, 2e9]) == pytest.approx([0, 9.26934695867389, 2 * 9.26934695867389])
    assert usage.download(np.array([1e9, 2e9])) == pytest.approx([usage.download(1e9), 2 * usage.download(1e9)])


def test_storage_arrays_broadcast():
    out = usage.storage(np.array([1e9, 2e9]), np.array([[1.0], [2.0]]))
    assert out.shape == (2, 2)
    assert out[1, 1] == pytest.approx(4 * usage.storage(1e9))


def test_equivalent_arrays():
    grams = np.array([0.0, 142.25341222954335, -284.5068244590867])
    assert usage.equivalent(grams, "car_km") == pytest.approx([0, 1, -2], abs=1e-12)


# -- Equivalences ----------------------------------------------------------------------------------


@pytest.mark.parametrize("row", _rows("equivalences_golden.csv"), ids=lambda r: r["name"])
def test_equivalences_match_impact_co2(row):
    assert usage.equivalent(float(row["kg_co2e"]) * 1000, row["name"]) == pytest.approx(1.0, rel=1e-12)


def test_equivalence_names_and_table():
    names = usage.equivalences()
    for name in ("car_km", "electric_car_km", "tgv_km", "plane_km", "bus_km", "beef_meals", "smartphones"):
        assert name in names
    table = usage.equivalence_table()
    assert list(table.columns) == ["name", "factor_id", "unit", "description"]
    assert table.set_index("name").loc["car_km", "factor_id"] == "equivalence.car_thermal"
    assert len(table) == len(names) == len(_rows("equivalences_golden.csv"))
    # research/factors.md §2: 20 emails a day for a year ≈ 99-154 km.
    assert usage.equivalent(usage.email(20 * 365), "car_km") == pytest.approx(99.37, abs=0.01)
    assert usage.equivalent(usage.email(20 * 365, attachment_bytes=1e6)) == pytest.approx(154.05, abs=0.01)


# -- Factor sets -----------------------------------------------------------------------------------


def test_factor_sets():
    overridden = numresp.factors.default().with_overrides({"equivalence.car_thermal": 0.2176})
    assert usage.equivalent(217.6, factor_set=overridden) == pytest.approx(1.0)
    assert usage.equivalent(217.6, factor_set="ademe-2022") == pytest.approx(1.0)
    assert usage.email(factor_set="ademe-2025") == usage.email(factor_set=numresp.factors.default())
    slower = numresp.factors.default().with_overrides({"email.model.writing_time": 6})
    assert usage.email(factor_set=slower) > usage.email()
    with pytest.raises(KeyError, match="nope"):
        usage.email(factor_set="nope")
    with pytest.raises(KeyError, match="device.smartphone"):
        usage.email(factor_set="swd-v4")
    with pytest.raises(ValueError, match="factor_set = 42"):
        usage.email(factor_set=42)


# -- Errors ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: usage.email(-1), r"count = -1\b"),
        (lambda: usage.email(float("nan")), r"count = nan"),
        (lambda: usage.email(attachment_bytes=-5), r"attachment_bytes = -5\b"),
        (lambda: usage.email(attachment_bytes=[0, 1, -5]), r"attachment_bytes\[2\] = -5\b"),
        (lambda: usage.email(attachment_bytes=np.array([[0, 1], [math.inf, 2]])), r"attachment_bytes\[1, 0\] = inf"),
        (lambda: usage.email(recipients=0), r"recipients = 0\b"),
        (lambda: usage.email(recipients=[1, -1]), r"recipients\[1\] = -1\b"),
        (lambda: usage.email(True), r"count = True"),
        (lambda: usage.email(attachment_bytes="big"), r"attachment_bytes = 'big'"),
        (lambda: usage.email(device="television"), r"device = television"),
        (lambda: usage.email(network="fixed_excl_box_fra"), r"fixed_excl_box_fra"),
        (lambda: usage.email([1, 2], breakdown=True), r"breakdown"),
        (lambda: usage.spam(-2), r"count = -2\b"),
        (lambda: usage.streaming(-1), r"hours = -1\b"),
        (lambda: usage.streaming([1, float("nan")]), r"hours\[1\] = nan"),
        (lambda: usage.streaming(quality="audio"), r"quality = audio"),
        (lambda: usage.video_call(participants=0), r"participants = 0\b"),
        (lambda: usage.web_search(-3), r"count = -3\b"),
        (lambda: usage.web_search(device="television"), r"device = television"),
        (lambda: usage.network(-1e9), r"data_bytes = -1e\+09"),
        (lambda: usage.download([1, -1]), r"data_bytes\[1\] = -1\b"),
        (lambda: usage.storage(-1), r"data_bytes = -1\b"),
        (lambda: usage.storage(1, years=[1, -1]), r"years\[1\] = -1\b"),
        (lambda: usage.storage(1, copies=0), r"copies = 0\b"),
        (lambda: usage.storage(1, fill_rate=2), r"fill_rate = 2\b"),
        (lambda: usage.storage(1, pue=0.5), r"pue = 0.5\b"),
        (lambda: usage.storage(1, method="published", copies=3), r"published"),
        (lambda: usage.equivalent(math.inf), r"grams = inf"),
        (lambda: usage.equivalent([1, math.nan]), r"grams\[1\] = nan"),
    ],
)
def test_value_errors(call, message):
    with pytest.raises(ValueError, match=message) as error:
        call()
    assert isinstance(error.value, numresp.InvalidArgumentError)


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: usage.email(network="wifi"), r'network = "wifi".*fixed_fra'),
        (lambda: usage.email(device="fax"), r'device = "fax".*laptop'),
        (lambda: usage.streaming(quality="8k"), r'quality = "8k".*uhd'),
        (lambda: usage.spam(figure="exact"), r'figure = "exact"'),
        (lambda: usage.storage(1, method="guess"), r'method = "guess"'),
        (lambda: usage.storage(1, grid="mars"), r'region = "mars"'),
        (lambda: usage.equivalent(1, "horse_km"), r'equivalence = "horse_km".*car_km'),
        (lambda: usage.equivalent(1, "walking_km"), r'walking_km'),
        (lambda: usage.email(10, factor_set="ademe-2022"),
         r'factor set ademe-2022 has no "device\.smartphone\.gwp\.distribution".*sets that carry them: ademe-2025'),
    ],
)
def test_key_errors(call, message):
    with pytest.raises(KeyError, match=message) as error:
        call()
    assert isinstance(error.value, numresp.NotFoundError)


# -- Claims ----------------------------------------------------------------------------------------


def test_claims_frame():
    frame = usage.claims()
    assert list(frame.columns) == list(usage.CLAIM_COLUMNS) == [
        "claim", "plan_value", "unit", "today_value", "today_low", "today_high", "ratio", "factors", "verdict"]
    assert frame.index.name == "id"
    email = frame.loc["email_20_a_day_1000_km"]
    assert email["plan_value"] == 1000 and email["unit"] == "km"
    assert email["today_low"] == pytest.approx(99.37, abs=0.01)
    assert email["today_high"] == pytest.approx(154.05, abs=0.01)
    assert email["today_value"] == pytest.approx(126.33, abs=0.01)
    assert email["ratio"] == pytest.approx(7.92, abs=0.01)
    assert email["verdict"].startswith("Overstated about 7.9x")
    assert "equivalence.car_thermal" in email["factors"].split(", ")
    implied = frame.loc["email_implied_g_per_email"]
    assert implied["plan_value"] == pytest.approx(19.49, abs=0.01)
    assert frame.loc["computers_3_1_million_8400_a_day", "verdict"].startswith("Consistent")
    assert (frame["ratio"] == frame["plan_value"] / frame["today_value"]).all()
    with_2022_car = usage.claims(numresp.factors.default().with_overrides({"equivalence.car_thermal": 0.2176}))
    assert with_2022_car.loc["email_20_a_day_1000_km", "ratio"] > email["ratio"]


def test_skipped_claims():
    skipped = usage.skipped_claims()
    assert list(skipped.columns) == ["claim", "reason"]
    assert len(skipped) >= 8 and skipped["reason"].str.len().min() > 0
