"""numresp.web.rgesn: the RGESN 2024 criteria as a DataFrame, hand-computed progress scores, the
result object, and every error. The C++ tests (tests/web/rgesn_test.cpp) check the data against
data/rgesn/rgesn-2024.json field by field; these check the same through Python."""

import doctest
import json
import math
import pathlib

import pytest

import numresp
from numresp.web import rgesn

DATA = pathlib.Path(__file__).resolve().parents[3] / "data" / "rgesn" / "rgesn-2024.json"
GROUPS = ["Stratégie", "Spécifications", "Architecture", "UX/UI", "Contenus", "Frontend", "Backend", "Hébergement",
          "Algorithmie"]
FIELDS = {"id": "numero", "group": "thematique", "priority": "priorite", "criterion": "critere",
          "difficulty": "difficulte", "target": "cible", "roles": "metiers", "objective": "objectif",
          "implementation": "miseEnOeuvre", "control": "controle"}


def all_answers(answer="met"):
    return {criterion_id: answer for criterion_id in rgesn.criteria()["id"]}


def test_module_examples():
    assert doctest.testmod(rgesn).failed == 0


def test_criteria_frame():
    table = rgesn.criteria()
    assert list(table.columns) == list(rgesn.COLUMNS) == [
        "id", "group", "priority", "criterion", "difficulty", "target", "roles", "objective", "implementation",
        "control", "always_applicable"]
    assert len(table) == 78
    assert table["id"].is_unique
    assert table["id"].iloc[0] == "1.1" and table["id"].iloc[-1] == "9.7"
    assert list(dict.fromkeys(table["group"])) == GROUPS == rgesn.groups()
    assert table.groupby("group", sort=False).size().tolist() == [10, 10, 7, 15, 8, 7, 4, 10, 7]
    assert table["priority"].value_counts().to_dict() == {"Prioritaire": 30, "Recommandé": 29, "Modéré": 19}
    assert table["difficulty"].value_counts().to_dict() == {"Moyen": 41, "Faible": 21, "Fort": 16}
    assert table["always_applicable"].dtype == bool
    assert int(table["always_applicable"].sum()) == 18
    assert (table["always_applicable"] == (table["target"] == "Applicable à tous les services")).all()
    for column in rgesn.COLUMNS[:-1]:
        assert (table[column].str.strip().str.len() > 0).all(), column
    row = table.set_index("id").loc["6.1"]
    assert row["criterion"] == ("Le service numérique s’astreint-il à un poids maximum et une limite de requête "
                                "par écran ?")
    assert row["group"] == "Frontend" and row["priority"] == "Recommandé"


def test_criteria_are_the_data_file():
    upstream = json.loads(DATA.read_text(encoding="utf-8"))["criteria"]
    table = rgesn.criteria()
    for i, item in enumerate(upstream):
        for column, field in FIELDS.items():
            assert table[column].iloc[i] == item[field], (item["numero"], column)


def test_weights_and_measurable():
    assert rgesn.weights() == {"Prioritaire": 1.5, "Recommandé": 1.25, "Modéré": 1.0}
    assert rgesn.PRIORITIES == tuple(rgesn.weights())
    assert rgesn.ANSWERS == ("met", "not_met", "not_applicable")
    table = rgesn.criteria()
    assert sum(rgesn.weights()[p] for p in table["priority"]) == 100.25
    measurable = rgesn.measurable()
    assert list(measurable) == ["2.3", "4.1", "4.2", "4.8", "4.9", "6.1", "6.2", "6.3", "6.4", "6.5", "6.7", "7.1"]
    assert "EcoIndex" in measurable["6.1"]
    assert set(measurable) <= set(table["id"])


def test_all_met_and_all_not_met():
    r = rgesn.score(all_answers("met"))
    assert r.score == 100.0 and r.points == r.max_points == 100.25
    assert (r.met, r.not_met, r.not_applicable) == (78, 0, 0)
    assert r.unmet_priority == []
    assert list(r.groups) == GROUPS and all(v == 100.0 for v in r.groups.values())
    r = rgesn.score(all_answers("not_met"))
    assert r.score == 0.0 and r.points == 0.0 and r.not_met == 78
    assert len(r.unmet_priority) == 30 and r.unmet_priority[0] == "1.1" and r.unmet_priority[-1] == "9.7"


def test_one_prioritaire_not_met():
    answers = all_answers()
    answers["1.1"] = "not_met"
    r = rgesn.score(answers)
    assert r.score == pytest.approx(100 * (100.25 - 1.5) / 100.25, rel=1e-15)
    assert r.unmet_priority == ["1.1"]
    assert r.groups["Stratégie"] == pytest.approx(100 * 12 / 13.5, rel=1e-15)
    assert r.groups["Frontend"] == 100.0


def test_not_applicable_and_per_group_by_hand():
    answers = all_answers()
    for criterion_id in ("7.1", "7.2", "7.3", "7.4", "6.3"):
        answers[criterion_id] = "not_applicable"
    for criterion_id in ("6.2", "6.5", "6.7", "1.1"):
        answers[criterion_id] = "not_met"
    r = rgesn.score(answers)
    assert (r.points, r.max_points) == (89.25, 94.25)
    assert r.score == pytest.approx(100 * 89.25 / 94.25, rel=1e-15)
    assert (r.met, r.not_met, r.not_applicable) == (69, 4, 5)
    assert r.groups["Backend"] is None
    assert r.groups["Frontend"] == 50.0
    frontend = next(g for g in r.group_details if g["group"] == "Frontend")
    assert frontend == {"group": "Frontend", "score": 50.0, "met": 3, "not_met": 3, "not_applicable": 1,
                        "points": 3.5, "max_points": 7.0}
    assert r.unmet_priority == ["1.1"]
    table = r.group_table()
    assert list(table.index) == GROUPS
    assert math.isnan(table.loc["Backend", "score"]) and table.loc["Frontend", "score"] == 50.0


def test_worked_example_of_the_methodology_page():
    answers = all_answers()
    for criterion_id in ("9.2", "9.3", "9.4", "9.5", "9.6", "9.7", "5.4", "5.5", "5.6", "7.4"):
        answers[criterion_id] = "not_applicable"
    for criterion_id in ("1.1", "6.1", "6.2", "4.8"):
        answers[criterion_id] = "not_met"
    result = rgesn.score(answers)
    assert result.score == 94.18604651162791 == 100 * 81 / 86
    assert (result.points, result.max_points) == (81.0, 86.0)
    assert result.groups["Frontend"] == 68.75
    assert round(result.groups["Stratégie"], 2) == 88.89 and round(result.groups["UX/UI"], 2) == 94.44
    assert result.unmet_priority == ["1.1"]


def test_answers_as_pairs_or_series_and_any_order():
    answers = all_answers()
    answers["4.13"] = "not_met"
    from_dict = rgesn.score(answers)
    pairs = sorted(answers.items(), reverse=True)
    assert rgesn.score(pairs).to_dict() == from_dict.to_dict()
    assert rgesn.score([list(p) for p in pairs]).score == from_dict.score
    import pandas as pd

    assert rgesn.score(pd.Series(answers)).score == from_dict.score


def test_result_object():
    answers = all_answers()
    answers["1.1"] = "not_met"
    answers["8.8"] = "not_applicable"
    r = rgesn.score(answers)
    d = r.to_dict()
    assert set(d) == {"score", "groups", "group_details", "unmet_priority", "met", "not_met", "not_applicable",
                      "points", "max_points"}
    assert json.loads(json.dumps(d)) == d
    assert d["groups"]["Hébergement"] == 100.0
    text = repr(r)
    assert text == ("<rgesn.Result score=98.49 (97.75 / 99.25 points; 76 met, 1 not met, 1 not applicable; "
                    "1 Prioritaire criterion not met)>")
    page = r._repr_html_()
    assert "<table" in page and "Stratégie" in page and "1.1" in page and "98.5" in page


def test_unknown_id_is_not_found_with_closest_ids():
    answers = all_answers()
    answers["1.11"] = "met"
    with pytest.raises(numresp.NotFoundError, match=r'"1\.11".*closest ids: 1\.1, 1\.10') as error:
        rgesn.score(answers)
    assert isinstance(error.value, KeyError)


def test_bad_answers_and_keys_are_invalid():
    answers = all_answers()
    answers["2.3"] = "yes"
    with pytest.raises(numresp.InvalidArgumentError, match=r'answers\["2\.3"\]: answer "yes"') as error:
        rgesn.score(answers)
    assert isinstance(error.value, ValueError)
    answers["2.3"] = True
    with pytest.raises(numresp.InvalidArgumentError, match=r'answers\["2\.3"\] = True'):
        rgesn.score(answers)
    answers = all_answers()
    del answers["1.1"]
    answers[1.1] = "met"
    with pytest.raises(numresp.InvalidArgumentError, match="key 1.1 .float.*1.10"):
        rgesn.score(answers)
    with pytest.raises(numresp.InvalidArgumentError, match="expected an .id, answer. pair"):
        rgesn.score([("1.1", "met", "extra")])
    with pytest.raises(TypeError):
        rgesn.score(42)
    with pytest.raises(TypeError):
        rgesn.score("1.1")


def test_duplicate_missing_and_not_applicable_errors():
    pairs = list(all_answers().items()) + [("4.2", "not_met")]
    with pytest.raises(numresp.InvalidArgumentError, match="criterion 4.2 is answered twice"):
        rgesn.score(pairs)
    with pytest.raises(numresp.InvalidArgumentError, match="missing answers for 78 of the 78.*1.10 and 68 more"):
        rgesn.score({})
    answers = all_answers()
    del answers["3.1"], answers["9.7"]
    missing = r"missing answers for 2 of the 78 RGESN criteria: 3\.1, 9\.7 \("
    with pytest.raises(numresp.InvalidArgumentError, match=missing):
        rgesn.score(answers)
    answers = all_answers()
    answers["1.1"] = "not_applicable"
    with pytest.raises(numresp.InvalidArgumentError, match="not_applicable for criterion 1.1: .*Applicable à tous"):
        rgesn.score(answers)
    with pytest.raises(numresp.InvalidArgumentError, match="every answer is not_applicable"):
        rgesn.score(all_answers("not_applicable"))
