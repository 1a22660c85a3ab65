"""numresp.inclusion.mediation: reading CRA v1/v2 (files, JSON text, DataFrames), rejected rows and
their accounting, and the indicators hand-computed on the SYNTHETIC samples of tests/data/inclusion
(README-mediation.md gives the figures)."""

import datetime
import doctest
import json
import math
import pathlib

import pandas as pd
import pytest

import numresp
from numresp.inclusion import mediation

DATA = pathlib.Path(__file__).resolve().parents[3] / "tests" / "data" / "inclusion"
V1 = DATA / "cra_v1_sample.json"
V2 = DATA / "cra_v2_sample.json"
V2_CSV = DATA / "cra_v2_sample.csv"

V2_REJECTED = [
    (2, "type", "atelier"), (6, "type_lieu", "mairie"), (11, "thematiques", "impots"), (14, "date", "2024-02-30"),
    (17, "accompagnements", "0"), (21, "duree", "-30"), (24, "beneficiaires.tranches_age", "6"),
    (27, "accompagnements", "2"), (30, "suppression", "2024-11-25T09:12:00.000Z"), (33, "structure_id", ""),
    (36, "autonomie", "total"), (39, "beneficiaires.tranches_age.douze_dix_huit", "trois"),
    (42, "mediateur_id", ""), (44, "thematiques", "[]"),
]
V1_REJECTED = [
    (2, "canal", "mairie"), (6, "activite", "atelier"), (10, "themes", "impots"), (13, "nbParticipants", "150"),
    (16, "nbParticipants", "0"), (19, "dateAccompagnement", "2022-02-30"), (22, "dateAccompagnement", "2019-12-15"),
    (26, "age", "3"), (30, "duree", "-15"), (33, "conseiller", ""), (36, "codePostal", "8600"),
    (39, "age.plus65ans", "1"), (42, "statut.retraite", "-1"),
]


def _triples(rejected):
    return [tuple(r) for r in rejected[["row", "field", "value"]].itertuples(index=False)]


def _share(k, name):
    return k.shares.set_index("indicator").loc[name]


# -- Reading ---------------------------------------------------------------------------------------


def test_reads_the_v2_json_api_sample():
    accepted, rejected = mediation.read_activities(V2)
    assert accepted.attrs == {"read": 46, "version": "v2"} == rejected.attrs
    assert len(accepted) == 32 and len(accepted) + len(rejected) == accepted.attrs["read"]
    assert list(accepted.columns) == list(mediation.ACTIVITY_COLUMNS)
    assert list(rejected.columns) == list(mediation.REJECTED_COLUMNS)
    assert _triples(rejected) == V2_REJECTED
    assert rejected["id"].tolist()[:3] == ["x01", "x02", "x03"]
    assert "allowed: individuel, demarche_administrative, collectif" in rejected["message"][0]
    a01 = accepted.set_index("id").loc["a01"]
    assert a01["date"] == pd.Timestamp("2024-09-03")
    assert (a01["adviser"], a01["place"], a01["place_type"], a01["type"]) == (
        "cn-01", "mediatheque-francois-mitterrand", "lieu_activite", "individuel")
    assert a01["themes"] == "aide_aux_demarches_administratives|social_sante"
    assert a01["administrative"] and a01["referred"] and a01["duration_exact"]
    assert (a01["duration_minutes"], a01["duration_bucket"]) == (45.0, "30-60")
    assert a01["autonomy"] == "entierement_accompagne"
    assert (a01["age_18_59"], a01["status_unemployed"], a01["source_row"]) == (1, 1, 0)
    # Workshops: no autonomy, referral unknown; the 2024 "demarche_administrative" type.
    a04 = accepted.set_index("id").loc["a04"]
    assert a04["type"] == "collectif" and a04["participants"] == 6
    assert a04["autonomy"] is None and a04["referred"] is pd.NA
    assert (a04["age_60_plus"], a04["age_unknown"]) == (5, 1)
    a10 = accepted.set_index("id").loc["a10"]
    assert a10["type"] == "individuel" and a10["administrative"]
    assert accepted["referred"].dtype == "boolean" and accepted["date"].dtype == "datetime64[ns]"


def test_csv_sample_reads_like_the_json():
    j_acc, j_rej = mediation.read_activities(V2)
    c_acc, c_rej = mediation.read_activities(V2_CSV)  # ';'-separated, detected
    assert c_acc.attrs["read"] == 46
    pd.testing.assert_frame_equal(c_acc.drop(columns="source_row"), j_acc.drop(columns="source_row"))
    assert (c_acc["source_row"] == j_acc["source_row"] + 1).all()  # CSV rows count from 1
    assert (c_rej["row"] == j_rej["row"] + 1).all()
    assert c_rej["field"].tolist() == j_rej["field"].tolist()


def test_reads_the_v1_sample_and_harmonises_it():
    accepted, rejected = mediation.read_activities(V1)
    assert accepted.attrs == {"read": 45, "version": "v1"}
    assert len(accepted) == 32 and len(rejected) == 13
    assert _triples(rejected) == V1_REJECTED
    by_id = accepted.set_index("id")
    assert (accepted["source_version"] == 1).all() and accepted["autonomy"].isna().all()
    # Buckets keep a representative duration; custom durations are exact.
    duration = ["duration_minutes", "duration_bucket", "duration_exact"]
    assert by_id.loc["v1-01", duration].tolist() == [45.0, "30-60", False]
    assert by_id.loc["v1-16", duration].tolist() == [120.0, ">=60", True]
    # ponctuel → individual + flag; referral from redirection/organismes; theme mapping; French dates.
    assert by_id.loc["v1-02", ["type", "v1_ponctuel", "referred", "referral_targets"]].tolist() == [
        "individuel", True, True, "CAF"]
    assert by_id.loc["v1-04", "themes"] == "prendre_en_main_du_materiel"
    assert by_id.loc["v1-32", "themes"] == ""
    assert by_id.loc["v1-03", "date"] == pd.Timestamp("2022-01-19")  # 18 Jan 23:00 UTC
    assert by_id.loc["v1-16", "date"] == pd.Timestamp("2022-03-29")  # summer time
    assert by_id.loc["v1-25", "place_type"] == "autre"
    counts = ["age_60_plus", "age_unknown", "status_retired", "status_unknown"]
    assert by_id.loc["v1-19", counts].tolist() == [4, 2, 4, 2]


def test_every_input_form_accounts_for_every_row(tmp_path):
    doc = json.loads(V2.read_text(encoding="utf-8"))
    # JSON text, JSON:API or a plain array of attribute objects.
    acc, rej = mediation.read_activities(json.dumps(doc))
    assert (len(acc), len(rej)) == (32, 14)
    plain = [dict(r["attributes"], id=r["id"]) for r in doc["data"]]
    acc2, _ = mediation.read_activities(json.dumps(plain))
    pd.testing.assert_frame_equal(acc2, acc)
    # JSON lines with a broken line.
    lines = tmp_path / "cra.jsonl"
    lines.write_text("\n".join(json.dumps(r) for r in doc["data"]) + "\n{broken\n", encoding="utf-8")
    acc3, rej3 = mediation.read_activities(str(lines))
    assert acc3.attrs["read"] == 47 and len(acc3) == 32 and len(rej3) == 15
    assert rej3.iloc[-1][["row", "field", "message"]].tolist() == [47, "", "malformed JSON"]
    # The wrong version: every row rejected, none lost.
    acc4, rej4 = mediation.read_activities(V2, version="v1")
    assert (len(acc4), len(rej4)) == (0, 46) and set(rej4["field"]) == {"type"}
    empty = mediation.mediation_indicators(acc4, population=1000)
    assert empty.totals["activities"] == 0 and empty.by_month.empty
    assert empty.to_dict()["shares"][0]["share"] is None


def test_dataframes_with_the_csv_layout():
    expected, _ = mediation.read_activities(V2_CSV)
    frame = pd.read_csv(V2_CSV, sep=";", dtype=str)
    acc, rej = mediation.read_activities(frame)
    pd.testing.assert_frame_equal(acc, expected)
    assert len(rej) == 14 and rej["row"].iloc[0] == 3  # rows count from 1, like the CSV
    # Typed cells: lists, booleans, numbers, NaN, Timestamps.
    typed = pd.DataFrame({
        "date": [pd.Timestamp("2024-10-01"), pd.Timestamp("2024-10-02")],
        "mediateur_id": ["cn-01", "cn-02"],
        "type": ["collectif", "individuel"],
        "type_lieu": ["lieu_activite", "domicile"],
        "structure_id": ["mediatheque", None],
        "duree": [90.0, math.nan],
        "accompagnements": [5, math.nan],
        "oriente_vers_structure": [None, True],
        "thematiques": [["email", "sante"], ["argent_impots"]],
    })
    acc, rej = mediation.read_activities(typed)
    assert rej.empty
    assert acc["themes"].tolist() == ["email|sante", "argent_impots"]
    assert acc["participants"].tolist() == [5, 1]
    assert acc["referred"].tolist() == [pd.NA, True]
    assert acc["duration_minutes"].isna().tolist() == [False, True]
    # pandas.json_normalize of the API's resources.
    doc = json.loads(V2.read_text(encoding="utf-8"))
    acc5, rej5 = mediation.read_activities(pd.json_normalize(doc["data"]))
    pd.testing.assert_frame_equal(acc5.drop(columns="source_row"), expected.drop(columns="source_row"))
    assert len(rej5) == 14


def test_v1_csv_with_archive_columns():
    frame = pd.DataFrame({
        "id": ["c1", "c2"],
        "conseiller_numerique_id": ["cn-01", "cn-02"],
        "canal": ["rattachement", "domicile"],
        "activite": ["individuel", "collectif"],
        "nb_participants": [1, 3],
        "age_de_35_a_60_ans": [1, 1],
        "themes": ["demarche en ligne|courriel", "internet"],
        "duree": ["1h30", "0-30"],
        "organismes": [{"CAF": 2}, None],
        "date_accompagnement": ["14/03/2022", "2022-03-15"],
        "structure_nom": ["Médiathèque", None],
    })
    acc, rej = mediation.read_activities(frame)
    assert rej.empty and acc.attrs["version"] == "v1"
    assert acc["themes"].tolist() == ["aide_aux_demarches_administratives|email", "navigation_sur_internet"]
    assert acc["duration_minutes"].tolist() == [90.0, 15.0]
    assert acc["referral_targets"].tolist() == ["CAF", ""]
    assert acc["age_unknown"].tolist() == [0, 2]
    assert acc["date"].tolist() == [pd.Timestamp("2022-03-14"), pd.Timestamp("2022-03-15")]


def test_errors():
    with pytest.raises(numresp.InvalidArgumentError, match="cannot tell the CRA version"):
        mediation.read_activities('[{"id": 1, "date": "2024-01-01"}]')
    with pytest.raises(numresp.InvalidArgumentError, match="without the required column \"mediateur_id\""):
        mediation.read_activities(pd.DataFrame({"date": ["2024-01-01"], "type": ["individuel"]}), version=2)
    with pytest.raises(numresp.InvalidArgumentError, match="malformed JSON"):
        mediation.read_activities("[{")
    with pytest.raises(numresp.NotFoundError):
        mediation.read_activities(DATA / "no_such_file.csv")
    with pytest.raises(numresp.InvalidArgumentError, match="unknown extension"):
        mediation.read_activities(DATA / "README-mediation.md")
    with pytest.raises(numresp.InvalidArgumentError, match="version = 3"):
        mediation.read_activities(V2, version=3)
    with pytest.raises(numresp.InvalidArgumentError, match="expected a path"):
        mediation.read_activities(42)


# -- Indicators -----------------------------------------------------------------------------------


def test_v2_indicators_hand_computed():
    k = mediation.mediation_indicators(V2, population=90000, start="2024-09-01", end=datetime.date(2024, 12, 31))
    t = k.totals
    assert (t["activities"], t["individual"], t["collective"], t["accompaniments"]) == (32, 24, 8, 81)
    assert (t["minutes"], t["timed_activities"], t["advisers"], t["places"]) == (1770.0, 31, 3, 8)
    # 1 Sep - 31 Dec 2024: 122 days = 1/3 of a leap year; 90,000 inhabitants.
    assert (t["period_start"], t["period_end"], t["period_days"]) == ("2024-09-01", "2024-12-31", 122)
    assert t["period_years"] == pytest.approx(1 / 3, abs=1e-12)
    assert t["activities_per_1000"] == pytest.approx(32 / 90, abs=1e-12)
    assert t["activities_per_1000_per_year"] == pytest.approx(32 / 90 * 3, abs=1e-12)
    assert t["accompaniments_per_1000_per_year"] == pytest.approx(2.7, abs=1e-12)

    assert list(k.shares.columns) == ["indicator", "share", "low", "high", "n", "numerator", "denominator"]
    adm = _share(k, "administrative_activities")
    assert (adm["share"], adm["n"]) == (0.375, 32)
    assert adm["low"] == pytest.approx(0.2293388730945421, abs=1e-12)
    assert adm["high"] == pytest.approx(0.5474559264692256, abs=1e-12)
    people = _share(k, "administrative_accompaniments")
    assert (people["numerator"], people["denominator"], people["n"]) == (19, 81, 32)
    assert people["low"] == pytest.approx(0.12140840585040191, abs=1e-12)
    assert _share(k, "referred_activities")[["numerator", "n"]].tolist() == [5, 23]
    no_autonomy = _share(k, "no_autonomy")
    assert no_autonomy["share"] == pytest.approx(8 / 23) and no_autonomy["n"] == 23
    assert no_autonomy["high"] == pytest.approx(0.55109664622737, abs=1e-12)

    assert k.autonomy["level"].tolist() == ["entierement_accompagne", "partiellement_autonome", "autonome", "unknown"]
    assert k.autonomy["activities"].tolist() == [8, 10, 5, 9]
    assert k.durations[["bucket", "activities"]].values.tolist() == [["<30", 6], ["30-60", 13], [">=60", 12],
                                                                     ["unknown", 1]]
    assert k.ages[["band", "participants"]].values.tolist() == [["<12", 4], ["12-17", 6], ["18-59", 32], ["60+", 33],
                                                                ["unknown", 6]]
    assert k.statuses["participants"].tolist() == [12, 14, 15, 33, 7]
    assert k.by_month[["month", "activities", "accompaniments", "minutes"]].values.tolist() == [
        ["2024-09", 7, 12, 415.0], ["2024-10", 9, 20, 445.0], ["2024-11", 8, 24, 445.0], ["2024-12", 8, 25, 465.0]]
    assert k.by_adviser[["adviser", "activities", "accompaniments", "minutes"]].values.tolist() == [
        ["cn-01", 12, 31, 550.0], ["cn-02", 10, 22, 565.0], ["cn-03", 10, 28, 655.0]]
    places = k.by_place.set_index("place")
    assert places.loc["ccas-poitiers", ["activities", "accompaniments", "minutes"]].tolist() == [4, 10, 235.0]
    assert places.loc["maison-quartier-saint-eloi", "accompaniments"] == 17
    assert k.by_place["place_type"].tolist()[-2:] == ["domicile", "a_distance"]
    assert k.by_place["accompaniments"].sum() == 81


def test_v1_indicators_and_both_versions():
    k = mediation.mediation_indicators(mediation.read_activities(V1), population=90000, start="2022-01-01",
                                       end=pd.Timestamp("2022-06-30"))
    t = k.totals
    assert (t["activities"], t["v1_ponctuel"], t["accompaniments"], t["minutes"]) == (32, 5, 66, 1800.0)
    assert (t["mean_minutes"], t["estimated_durations"], t["period_days"]) == (56.25, 30, 181)
    assert t["accompaniments_per_1000_per_year"] == pytest.approx(66 / 90 * 365 / 181, abs=1e-12)
    assert _share(k, "administrative_activities")[["numerator", "n"]].tolist() == [12, 32]
    assert _share(k, "referred_activities")[["numerator", "n"]].tolist() == [8, 32]
    assert math.isnan(_share(k, "no_autonomy")["share"]) and _share(k, "no_autonomy")["n"] == 0
    assert k.ages["participants"].tolist() == [0, 12, 24, 27, 3]
    assert k.by_month["accompaniments"].tolist() == [5, 5, 6, 18, 18, 14]

    both = pd.concat([mediation.read_activities(V1)[0], mediation.read_activities(V2)[0]], ignore_index=True)
    k = mediation.mediation_indicators(both)
    assert (k.totals["activities"], k.totals["accompaniments"]) == (64, 147)
    assert (k.totals["v1_reports"], k.totals["v2_reports"]) == (32, 32)
    assert len(k.by_month) == 36 and k.by_month.loc[6, ["month", "activities"]].tolist() == ["2022-07", 0]
    assert _share(k, "no_autonomy")["n"] == 23  # autonomy from v2 only


def test_date_filter_and_user_frames():
    accepted, _ = mediation.read_activities(V2)
    k = mediation.mediation_indicators(accepted, start="2024-10-01", end="2024-10-31")
    assert (k.totals["activities"], k.totals["excluded_by_date"]) == (9, 23)
    assert k.totals["activities_per_1000"] is None  # no population
    # Filtering the DataFrame by hand gives the same figures.
    october = accepted[accepted["date"].dt.month == 10]
    assert mediation.mediation_indicators(october).totals["accompaniments"] == 20
    # A minimal frame built by hand: ages and statuses unknown, no durations.
    mine = pd.DataFrame({"date": ["2024-01-05", "2024-01-20"], "adviser": ["a", "b"],
                         "place_type": ["lieu_activite", "a_distance"], "type": ["individuel", "collectif"],
                         "participants": [1, 4], "themes": ["argent_impots", "email"]})
    k = mediation.mediation_indicators(mine, population=1000)
    assert k.totals["accompaniments"] == 5
    assert _share(k, "administrative_activities")["share"] == 0.5
    assert k.ages.set_index("band").loc["unknown", "participants"] == 5
    assert k.durations.set_index("bucket").loc["unknown", "activities"] == 2


def test_bad_activity_tables_and_options():
    accepted, _ = mediation.read_activities(V2)
    with pytest.raises(numresp.InvalidArgumentError, match="column participants is required"):
        mediation.mediation_indicators(accepted.drop(columns="participants"))
    bad = accepted.copy()
    bad.loc[3, "place_type"] = "mairie"
    with pytest.raises(numresp.InvalidArgumentError, match=r"row 3, column place_type = 'mairie'.*known"):
        mediation.mediation_indicators(bad)
    edited = accepted.copy()
    edited.loc[0, "participants"] = 3  # the age counts still sum to 1
    with pytest.raises(numresp.InvalidArgumentError, match="ages = 1"):
        mediation.mediation_indicators(edited)
    with pytest.raises(numresp.InvalidArgumentError, match="population"):
        mediation.mediation_indicators(accepted, population=0)
    with pytest.raises(numresp.InvalidArgumentError, match="is after end"):
        mediation.mediation_indicators(accepted, start="2024-12-01", end="2024-11-01")
    with pytest.raises(numresp.InvalidArgumentError, match="start"):
        mediation.mediation_indicators(accepted, start="01-12-2024")


def test_to_dict_and_html():
    k = mediation.mediation_indicators(V1, population=90000)
    d = k.to_dict()
    text = json.dumps(d)  # JSON-ready: NaN became null
    assert "NaN" not in text
    assert set(d) == {"totals", "by_place", "by_adviser", "by_month", "shares", "autonomy", "durations", "ages",
                      "statuses"}
    assert d["totals"]["activities"] == 32
    assert d["shares"][3]["indicator"] == "no_autonomy" and d["shares"][3]["share"] is None
    html = k._repr_html_()
    assert "32 activities" in html and "administrative_activities" in html
    assert "MediationIndicators 32 activities" in repr(k)


def test_agrees_with_the_public_interval_module():
    inclusion = pytest.importorskip("numresp.inclusion")
    if not hasattr(inclusion, "proportion_ci"):
        pytest.skip("numresp.inclusion.proportion_ci not available")
    k = mediation.mediation_indicators(V2)
    for _, row in k.shares.iterrows():
        if row["n"]:
            low, high = inclusion.proportion_ci(row["share"] * row["n"], row["n"], method="wilson")
            assert (row["low"], row["high"]) == pytest.approx((low, high), abs=1e-9), row["indicator"]


def test_constants_and_docstrings():
    assert len(mediation.THEMATIQUES) == 30
    assert mediation.ADMINISTRATIVE_THEMATIQUES[0] == "aide_aux_demarches_administratives"
    assert len(mediation.ADMINISTRATIVE_THEMATIQUES) == 12
    assert doctest.testmod(mediation).failed == 0
