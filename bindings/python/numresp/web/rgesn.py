"""The RGESN 2024 (Référentiel général d'écoconception de services numériques): its 78 criteria
and its weighted progress score ("score d'avancement").

>>> from numresp.web import rgesn
>>> table = rgesn.criteria()
>>> len(table), table.loc[0, "id"], table.loc[0, "priority"]
(78, '1.1', 'Prioritaire')
>>> answers = {criterion_id: "met" for criterion_id in table["id"]}
>>> answers["1.1"] = "not_met"
>>> result = rgesn.score(answers)
>>> round(result.score, 4), result.unmet_priority
(98.5037, ['1.1'])
>>> round(result.groups["Stratégie"], 2)
88.89

The score is a progress indicator, not an environmental impact: 100 × the weights of the
criteria met / the weights of the applicable criteria, with weights 1.5 (Prioritaire), 1.25
(Recommandé) and 1 (Modéré); "not applicable" criteria count in neither sum. Every one of the 78
criteria needs an answer; the 18 whose target is "Applicable à tous les services" cannot be
"not_applicable".

Errors: :class:`numresp.NotFoundError` (a ``KeyError``) for an unknown criterion id, with the
closest ids; :class:`numresp.InvalidArgumentError` (a ``ValueError``) for a bad answer, an id
answered twice, missing answers (listed), "not_applicable" for an always-applicable criterion,
or nothing applicable at all.

The texts are the reference's, in French (Markdown), from DISIC/MiNumEco's
``_data/referentiel-ecoconception.json``: RGESN 2024, Arcep / Arcom with ADEME, DINUM, CNIL and
Inria, licence CC BY-SA 4.0 (credit them and keep the licence when you redistribute the texts).
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, Dict, List, Optional, Tuple, Union

from .._core import web as _web

if TYPE_CHECKING:  # pragma: no cover
    import pandas

_rgesn = _web.rgesn

__all__ = ["criteria", "groups", "weights", "score", "measurable", "Result", "COLUMNS", "ANSWERS", "PRIORITIES"]

#: The columns of :func:`criteria`, in order (the reference's field in brackets): ``id``
#: (numero), ``group`` (thematique), ``priority`` (priorite), ``criterion`` (critere),
#: ``difficulty`` (difficulte), ``target`` (cible), ``roles`` (metiers), ``objective``
#: (objectif), ``implementation`` (miseEnOeuvre), ``control`` (controle), and
#: ``always_applicable`` (``target == "Applicable à tous les services"``).
COLUMNS = (
    "id",
    "group",
    "priority",
    "criterion",
    "difficulty",
    "target",
    "roles",
    "objective",
    "implementation",
    "control",
    "always_applicable",
)

#: The answers :func:`score` takes.
ANSWERS = ("met", "not_met", "not_applicable")

#: The priorities, in the reference's words, highest first.
PRIORITIES = ("Prioritaire", "Recommandé", "Modéré")

Answers = Union[Mapping[str, str], Iterable[Tuple[str, str]]]


def criteria() -> "pandas.DataFrame":
    """The 78 criteria as a pandas DataFrame, one row a criterion in the reference's order
    (1.1 ... 9.7), with the :data:`COLUMNS` columns. Texts are in French, in Markdown, exactly as
    published; ``priority`` is ``"Prioritaire"``, ``"Recommandé"`` or ``"Modéré"``."""
    import pandas as pd

    frame = pd.DataFrame(_rgesn.criteria(), columns=list(COLUMNS))
    return frame.astype({"always_applicable": "bool"})


def groups() -> List[str]:
    """The 9 groups (thematiques), in the reference's order: Stratégie, Spécifications,
    Architecture, UX/UI, Contenus, Frontend, Backend, Hébergement, Algorithmie."""
    return list(_rgesn.groups())


def weights() -> Dict[str, float]:
    """The weight of each priority in the score: ``{"Prioritaire": 1.5, "Recommandé": 1.25,
    "Modéré": 1.0}`` (RGESN 2024, "Calcul de score d'avancement")."""
    return dict(_rgesn.weights())


def measurable() -> Dict[str, str]:
    """The criteria a page measurement (EcoIndex, a HAR file: transferred weight, requests, DOM,
    HTTP headers) gives evidence for, as ``{id: reason}`` in the reference's order.

    Evidence, not a verdict: measuring some pages can show that a criterion is not met, but the
    assessor decides for the whole service. The other criteria are assessed from documents."""
    return dict(_rgesn.measurable())


class Result:
    """The RGESN 2024 progress score of a service; returned by :func:`score`.

    Attributes
    ----------
    score : float
        100 × points / max_points, in [0, 100].
    groups : dict
        Group name → its score in [0, 100], or ``None`` when none of its criteria is applicable;
        the 9 groups in the reference's order.
    group_details : list of dict
        Per group: ``group``, ``score`` (or ``None``), ``met``, ``not_met``, ``not_applicable``,
        ``points``, ``max_points``.
    unmet_priority : list of str
        Ids of the "Prioritaire" criteria not met, in the reference's order.
    met, not_met, not_applicable : int
        How many criteria got each answer.
    points, max_points : float
        Sum of the weights of the criteria met, and of the applicable criteria (100.25 when all 78
        are applicable).
    """

    __slots__ = (
        "score",
        "groups",
        "group_details",
        "unmet_priority",
        "met",
        "not_met",
        "not_applicable",
        "points",
        "max_points",
    )

    def __init__(self, core: Dict[str, Any]) -> None:
        self.score: float = core["score"]
        self.group_details: List[Dict[str, Any]] = [dict(g) for g in core["groups"]]
        self.groups: Dict[str, Optional[float]] = {g["group"]: g["score"] for g in self.group_details}
        self.unmet_priority: List[str] = list(core["unmet_priority"])
        self.met: int = core["met"]
        self.not_met: int = core["not_met"]
        self.not_applicable: int = core["not_applicable"]
        self.points: float = core["points"]
        self.max_points: float = core["max_points"]

    def to_dict(self) -> Dict[str, Any]:
        """The result as plain Python values (JSON-serialisable): ``score``, ``groups``,
        ``group_details``, ``unmet_priority``, ``met``, ``not_met``, ``not_applicable``,
        ``points``, ``max_points``."""
        return {
            "score": self.score,
            "groups": dict(self.groups),
            "group_details": [dict(g) for g in self.group_details],
            "unmet_priority": list(self.unmet_priority),
            "met": self.met,
            "not_met": self.not_met,
            "not_applicable": self.not_applicable,
            "points": self.points,
            "max_points": self.max_points,
        }

    def group_table(self) -> "pandas.DataFrame":
        """The per-group details as a pandas DataFrame indexed by group (``score`` is NaN where
        nothing is applicable)."""
        import pandas as pd

        columns = ["group", "score", "met", "not_met", "not_applicable", "points", "max_points"]
        frame = pd.DataFrame(self.group_details, columns=columns).set_index("group")
        return frame.astype({"score": "float64"})

    def __repr__(self) -> str:
        unmet = len(self.unmet_priority)
        return (
            f"<rgesn.Result score={self.score:.2f} ({self.points:g} / {self.max_points:g} points; "
            f"{self.met} met, {self.not_met} not met, {self.not_applicable} not applicable; "
            f"{unmet} Prioritaire criteri{'on' if unmet == 1 else 'a'} not met)>"
        )

    def _repr_html_(self) -> str:
        rows = []
        for g in self.group_details:
            shown = "n/a" if g["score"] is None else f"{g['score']:.1f}"
            rows.append(
                f"<tr><td>{html.escape(g['group'])}</td><td>{shown}</td><td>{g['met']}</td>"
                f"<td>{g['not_met']}</td><td>{g['not_applicable']}</td>"
                f"<td>{g['points']:g} / {g['max_points']:g}</td></tr>"
            )
        unmet = ", ".join(html.escape(i) for i in self.unmet_priority) or "none"
        return (
            f"<p><b>RGESN 2024 progress score: {self.score:.1f} / 100</b> "
            f"({self.points:g} of {self.max_points:g} points; {self.met} met, {self.not_met} not met, "
            f"{self.not_applicable} not applicable)<br>Prioritaire criteria not met: {unmet}</p>"
            "<table><thead><tr><th>group</th><th>score</th><th>met</th><th>not met</th>"
            "<th>not applicable</th><th>points</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>"
        )


def score(answers: Answers) -> Result:
    """The RGESN 2024 progress score of a service.

    Parameters
    ----------
    answers : dict, list or pandas.Series
        One answer per criterion, all 78: a dict (or any mapping, or a pandas Series) from
        criterion id (a str, ``"1.1"`` ... ``"9.7"``) to ``"met"``, ``"not_met"`` or
        ``"not_applicable"``; or an iterable of ``(id, answer)`` pairs. A partial validation is
        ``"not_met"``.

    Returns
    -------
    Result
        ``score`` = 100 × Σ weights of the criteria met / Σ weights of the applicable criteria
        (weights 1.5 / 1.25 / 1 for Prioritaire / Recommandé / Modéré); per group the same
        within the group (``None`` where nothing is applicable).

    Raises
    ------
    numresp.NotFoundError
        An unknown criterion id (the closest ids are named).
    numresp.InvalidArgumentError
        An answer other than the three, an id that is not a str, an id answered twice (pairs),
        missing answers (the first 10 ids and the count), ``"not_applicable"`` for a criterion
        whose target is "Applicable à tous les services", or every answer ``"not_applicable"``.
    """
    if isinstance(answers, Mapping) or hasattr(answers, "items"):
        pairs = list(answers.items())  # type: ignore[union-attr]
    elif isinstance(answers, (str, bytes)) or not isinstance(answers, Iterable):
        raise TypeError(f"answers: expected a dict from criterion id to answer, got {type(answers).__name__}")
    else:
        pairs = [tuple(pair) if isinstance(pair, list) else pair for pair in answers]
    return Result(_rgesn.score(pairs))
