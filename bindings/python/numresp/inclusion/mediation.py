"""Digital-mediation activity: the conseillers numériques' activity reports (CRA v1 and v2),
harmonised, and the indicators a city reports on them.

>>> from numresp.inclusion import mediation
>>> text = '''[
...  {"date": "2024-10-03", "mediateur_id": "cn-01", "type": "individuel", "type_lieu": "lieu_activite",
...   "structure_id": "mediatheque", "duree": 45, "autonomie": "entierement_accompagne",
...   "thematiques": ["aide_aux_demarches_administratives"]},
...  {"date": "2024-10-10", "mediateur_id": "cn-01", "type": "collectif", "type_lieu": "lieu_activite",
...   "structure_id": "mediatheque", "duree": 90, "accompagnements": 6, "thematiques": ["email"]},
...  {"date": "2024-10-11", "mediateur_id": "cn-02", "type": "atelier", "type_lieu": "autre",
...   "thematiques": ["email"]}]'''
>>> accepted, rejected = mediation.read_activities(text)
>>> len(accepted), rejected[["row", "field", "value"]].values.tolist()
(2, [[2, 'type', 'atelier']])
>>> k = mediation.mediation_indicators(accepted, population=90000, start="2024-10-01", end="2024-10-31")
>>> int(k.totals["accompaniments"]), k.shares.set_index("indicator").loc["administrative_activities", "share"]
(7, 0.5)

Sources (:func:`read_activities`): CRA v1 (conseiller-numerique.gouv.fr, 2021-2024: the camelCase
documents or the Coop's snake_case archive ``/api/v1/archives-v1/cras``) and CRA v2 (La Coop de la
médiation numérique, ``/api/v1/activites``: JSON:API or a plain array of attribute objects), from
``.csv``, ``.json`` or ``.jsonl`` files, JSON text, or a DataFrame with the CSV layout's columns.
Each row is checked against its model's allowed values; a bad row is returned in the *rejected*
table (row, field, value, message), never dropped: ``len(accepted) + len(rejected)`` is the
number of rows read (``accepted.attrs["read"]``).

**Version detection** (``version=None``), on the field names of the CSV header or the first
record: the JSON:API resource type ``activite`` is v2 and ``craV1`` is v1; otherwise v2 fields
(``type``, ``type_lieu``, ``autonomie``, ``thematiques``, ``mediateur_id``, ``accompagnements``,
``oriente_vers_structure``, ``structure_de_redirection``, ``materiel``, ``beneficiaires...``) without
v1 fields mean v2, and v1 fields (``activite``, ``canal``, ``themes``, ``cra``,
``nbParticipants``/``nb_participants``, ``conseiller``/``conseiller_numerique_id``,
``dateAccompagnement``/``date_accompagnement``, ``age...``, ``statut...``, ``organismes``) without
v2 fields mean v1. Both or neither raise :class:`numresp.InvalidArgumentError`: pass ``version``.

**CSV layouts** (``,`` or ``;``; lists separated by ``|``; an empty cell is an absent value):

- v2: the API attributes, nested keys joined with ``.`` (or ``_``): ``id``, ``date``*,
  ``mediateur_id``*, ``type``*, ``type_lieu``*, ``structure_id``, ``lieu_code_postal``,
  ``lieu_commune``, ``lieu_code_insee``, ``duree`` (minutes), ``accompagnements``, ``autonomie``,
  ``oriente_vers_structure``, ``structure_de_redirection``, ``materiel``, ``thematiques``*,
  ``niveau_atelier``, ``titre_atelier``, ``precisions_demarche``, ``tags``, ``suppression``,
  ``beneficiaires.total``, ``beneficiaires.genres.<masculin|feminin|non_communique>``,
  ``beneficiaires.tranches_age.<moins_de_douze|douze_dix_huit|dix_huit_vingt_quatre|
  vingt_cinq_trente_neuf|quarante_cinquante_neuf|soixante_soixante_neuf|soixante_dix_plus|
  non_communique>``, ``beneficiaires.statuts.<scolarise|sans_emploi|en_emploi|retraite|non_communique>``.
- v1: the archive's names (the camelCase paths such as ``nbParticipants`` or ``age_moins12ans``
  work too): ``id``, ``conseiller_numerique_id``*, ``permanence``, ``structure_id``,
  ``structure_nom``, ``canal``*, ``activite``*, ``nb_participants``*, ``nb_participants_recurrents``,
  ``age_moins_12_ans``, ``age_de_12_a_18_ans``, ``age_de_18_a_35_ans``, ``age_de_35_a_60_ans``,
  ``age_plus_60_ans``, ``statut_etudiant``, ``statut_sans_emploi``, ``statut_en_emploi``,
  ``statut_retraite``, ``statut_heterogene``, ``themes``*, ``sous_themes``, ``duree`` (``0-30``,
  ``30-60``, ``90``, minutes or ``1h30``), ``duree_minutes``, ``accompagnement_individuel``,
  ``accompagnement_atelier``, ``accompagnement_redirection``, ``code_postal``, ``nom_commune``,
  ``code_commune``, ``date_accompagnement``*, ``organismes`` (``CAF:2|CPAM:1``).

(*) required columns. Indicators (:func:`mediation_indicators`): sessions and people helped per
place, adviser and month, shares with Wilson 95 % intervals (access to rights, referrals, no
autonomy), autonomy, durations, ages and statuses on the common v1/v2 grids, and rates per 1,000
inhabitants per year. Methodology: docs/methodology/mediation.

Errors: :class:`numresp.InvalidArgumentError` (a ``ValueError``) for a malformed file, a missing
required column, an undetectable version, a bad option or a bad value in an activities table
(naming the row, column and value).
"""

from __future__ import annotations

import json
import math
import os
import pathlib
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Dict, List, Optional, Tuple, Union

from .. import _core
from .._core import inclusion as _inc

if TYPE_CHECKING:  # pragma: no cover
    import pandas

__all__ = [
    "ACTIVITY_COLUMNS",
    "REJECTED_COLUMNS",
    "THEMATIQUES",
    "ADMINISTRATIVE_THEMATIQUES",
    "read_activities",
    "mediation_indicators",
    "MediationIndicators",
]

#: The columns of the accepted-activities table (the harmonised CRA; see the C++ ``activity``).
ACTIVITY_COLUMNS: Tuple[str, ...] = (
    "id", "date", "adviser", "place", "place_type", "type", "v1_ponctuel", "participants",
    "recurring_participants", "duration_minutes", "duration_bucket", "duration_exact", "autonomy", "themes",
    "administrative", "referred", "referral_targets", "age_under_12", "age_12_17", "age_18_59", "age_60_plus",
    "age_unknown", "status_student", "status_unemployed", "status_employed", "status_retired", "status_unknown",
    "commune_code", "source_version", "source_row",
)
#: The columns of the rejected-rows table: ``row`` (CSV and DataFrames: 1-based data row; JSON: the
#: array index; JSON lines: the 1-based line), ``field``, ``value`` (as text), ``message``, ``id``.
REJECTED_COLUMNS: Tuple[str, ...] = ("row", "field", "value", "message", "id")
#: The v2 ``thematiques`` keys, the digital ones then the service-public.fr administrative taxonomy.
THEMATIQUES: Tuple[str, ...] = tuple(_inc.mediation_thematiques())
#: The keys that make a request one about access to rights / administrative procedures.
ADMINISTRATIVE_THEMATIQUES: Tuple[str, ...] = THEMATIQUES[THEMATIQUES.index("aide_aux_demarches_administratives"):]

PathLike = Union[str, "os.PathLike[str]"]


def _version(version: Any) -> int:
    if version is None:
        return 0
    if version in (1, 2):
        return int(version)
    if isinstance(version, str) and version.lower() in ("v1", "v2", "1", "2"):
        return int(version[-1])
    raise _core.InvalidArgumentError(f"version = {version!r}: expected None (detect), 1 or 2")


def _frames(raw: Dict[str, Any]) -> Tuple["pandas.DataFrame", "pandas.DataFrame"]:
    import pandas as pd

    accepted = pd.DataFrame(raw["accepted"], columns=list(ACTIVITY_COLUMNS))
    accepted["date"] = pd.to_datetime(accepted["date"], format="%Y-%m-%d")
    accepted["recurring_participants"] = accepted["recurring_participants"].astype("Int64")
    accepted["duration_minutes"] = accepted["duration_minutes"].astype("float64")
    accepted["referred"] = accepted["referred"].astype("boolean")
    for c in ("v1_ponctuel", "duration_exact", "administrative"):
        accepted[c] = accepted[c].astype(bool)
    for c in ("participants", "source_version", "source_row") + ACTIVITY_COLUMNS[17:27]:
        accepted[c] = accepted[c].astype("int64")
    rejected = pd.DataFrame(raw["rejected"], columns=list(REJECTED_COLUMNS))
    rejected["row"] = rejected["row"].astype("int64")
    version = f"v{raw['version']}" if raw["version"] else None
    for frame in (accepted, rejected):
        frame.attrs["read"] = int(raw["read"])
        frame.attrs["version"] = version
    return accepted, rejected


def _frame_to_csv(frame: "pandas.DataFrame") -> str:
    """A DataFrame with the CSV layout's columns as CSV text: lists joined with '|', booleans as
    true/false, missing values empty. A ``pandas.json_normalize`` of JSON:API resources keeps
    ``id`` and the ``attributes.`` columns, without that prefix."""
    import pandas as pd

    out = pd.DataFrame(index=range(len(frame)))
    normalized = any(str(c).startswith("attributes.") for c in frame.columns)
    for name in frame.columns:
        if normalized and str(name) != "id" and not str(name).startswith("attributes."):
            continue  # JSON:API resource members (the resource type "activite", links...)
        col = frame[name]
        key = str(name)
        if key.startswith("attributes."):
            key = key[len("attributes."):]

        def cell(v: Any) -> Any:
            if isinstance(v, (list, tuple)):
                return "|".join(str(x) for x in v)
            if isinstance(v, dict):  # v1 organismes {"CAF": 2}
                return "|".join(f"{k}:{n}" for k, n in v.items())
            if v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v)) or v is pd.NaT:
                return ""
            if isinstance(v, bool):
                return "true" if v else "false"
            if isinstance(v, (pd.Timestamp, datetime, date)):
                return v.strftime("%Y-%m-%d") if not isinstance(v, datetime) or v.time() == datetime.min.time() \
                    else v.isoformat()
            if isinstance(v, float) and v.is_integer():
                return str(int(v))
            return v

        out[key] = [cell(v) for v in col.astype(object).tolist()]
    return out.to_csv(index=False)


def read_activities(
    path_or_frame: Union[PathLike, "pandas.DataFrame"], *, version: Union[None, int, str] = None
) -> Tuple["pandas.DataFrame", "pandas.DataFrame"]:
    """Reads CRA v1 or v2 activity reports: ``(accepted, rejected)``.

    Parameters
    ----------
    path_or_frame : str, os.PathLike or pandas.DataFrame
        A ``.csv`` (``,`` or ``;``), ``.json`` or ``.jsonl``/``.ndjson`` file; JSON text (a string
        starting with ``[`` or ``{``); or a DataFrame whose columns follow the CSV layout (see the
        module; lists may be Python lists, rows are numbered from 1).
    version : None, 1, 2, "v1" or "v2"
        The data model; ``None`` detects it (see the module's rule).

    Returns
    -------
    (pandas.DataFrame, pandas.DataFrame)
        The accepted activities, harmonised (columns :data:`ACTIVITY_COLUMNS`; ``date`` as
        datetime64, ``themes`` and ``referral_targets`` joined with ``|``, ``referred`` a nullable
        boolean, ages and statuses as participant counts on the common grids), and the rejected
        rows (columns :data:`REJECTED_COLUMNS`, one per rejected row: its first bad field).
        ``attrs["read"]`` is the number of rows read and ``attrs["version"]`` the version read,
        on both.
    """
    v = _version(version)
    try:
        import pandas as pd
    except ImportError:  # pragma: no cover - pandas is a dependency of the facade
        pd = None
    if pd is not None and isinstance(path_or_frame, pd.DataFrame):
        return _frames(_inc.mediation_read_csv(_frame_to_csv(path_or_frame), v, "<DataFrame>"))
    if isinstance(path_or_frame, str) and path_or_frame.lstrip()[:1] in ("[", "{"):
        return _frames(_inc.mediation_read_json(path_or_frame, v, "<string>"))
    if isinstance(path_or_frame, (str, os.PathLike)):
        path = os.fspath(path_or_frame)
        if not pathlib.Path(path).exists():
            raise _core.NotFoundError(f"{path}: no such file")
        return _frames(_inc.mediation_read_file(path, v))
    raise _core.InvalidArgumentError(
        f"read_activities: expected a path, JSON text or a pandas DataFrame; got {type(path_or_frame).__name__}"
    )


def _date_text(value: Any, name: str) -> Optional[str]:
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if hasattr(value, "strftime"):
        return value.strftime("%Y-%m-%d")
    raise _core.InvalidArgumentError(f"{name} = {value!r}: expected a date (YYYY-MM-DD, date or Timestamp)")


def _activity_columns(frame: "pandas.DataFrame") -> Dict[str, List[Any]]:
    import pandas as pd

    columns: Dict[str, List[Any]] = {}
    for name in frame.columns:
        col = frame[name]
        if name == "date":
            if pd.api.types.is_datetime64_any_dtype(col):
                values = [None if pd.isna(v) else v.strftime("%Y-%m-%d") for v in col]
            else:
                values = [_date_text(None if v is None or v is pd.NaT else v, "date") for v in col.astype(object)]
        else:
            values = [None if (v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v))) else v
                      for v in col.astype(object).tolist()]
        columns[str(name)] = values
    return columns


@dataclass
class MediationIndicators:
    """The indicators of :func:`mediation_indicators`.

    - ``totals`` (Series): activities (sessions), individual, collective, v1_ponctuel,
      accompaniments (people helped, each participation counted), minutes, timed_activities,
      mean_minutes, estimated_durations (v1 buckets), v1_reports, v2_reports, excluded_by_date,
      advisers, places, period_start, period_end, period_days, period_years, population, and the
      rates ``activities_per_1000``, ``accompaniments_per_1000`` (over the period) and
      ``..._per_1000_per_year`` (divided by period_years, where a whole calendar year is 1).
    - ``by_place`` (place_type, place), ``by_adviser`` (adviser), ``by_month`` (month ``YYYY-MM``,
      every month of the period): activities, individual, collective, accompaniments, minutes, timed.
    - ``shares``: indicator, share, low, high (Wilson 95 %), n (the reports it is computed on: the
      interval's trials), numerator, denominator; the indicators are ``administrative_activities``,
      ``administrative_accompaniments`` (interval on the activities as trials),
      ``referred_activities``, ``no_autonomy``, ``collective_activities``.
    - ``autonomy`` (level), ``durations`` (bucket ``<30``, ``30-60``, ``>=60``): activities, share
      (of the known), share_of_all, low, high, n; the last row is ``unknown``.
    - ``ages`` (band ``<12``, ``12-17``, ``18-59``, ``60+``), ``statuses`` (status): participants,
      share (of the known), share_of_all, n; the last row is ``unknown``.
    """

    totals: "pandas.Series"
    by_place: "pandas.DataFrame"
    by_adviser: "pandas.DataFrame"
    by_month: "pandas.DataFrame"
    shares: "pandas.DataFrame"
    autonomy: "pandas.DataFrame"
    durations: "pandas.DataFrame"
    ages: "pandas.DataFrame"
    statuses: "pandas.DataFrame"
    _raw: Dict[str, Any] = field(repr=False, default_factory=dict)

    def to_dict(self) -> Dict[str, Any]:
        """A JSON-ready dict: ``totals`` a dict, each table a list of records; NaN is ``None``."""
        return json.loads(json.dumps(self._raw))

    def _repr_html_(self) -> str:
        t = self.totals

        def fmt(v: Any, digits: int = 3) -> str:
            if v is None or (isinstance(v, float) and math.isnan(v)):
                return "n/a"
            return f"{v:,.{digits}g}" if isinstance(v, float) else f"{v:,}" if isinstance(v, int) else str(v)

        head = (
            f"<p><b>Mediation activity</b> {fmt(t['period_start'])} to {fmt(t['period_end'])}: "
            f"{fmt(t['activities'])} activities ({fmt(t['individual'])} individual, {fmt(t['collective'])} "
            f"workshops), {fmt(t['accompaniments'])} accompaniments, {fmt(t['advisers'])} advisers, "
            f"{fmt(t['places'])} places; {fmt(t['activities_per_1000_per_year'])} activities and "
            f"{fmt(t['accompaniments_per_1000_per_year'])} accompaniments per 1,000 inhabitants per year.</p>"
        )
        shares = self.shares[["indicator", "share", "low", "high", "n"]]
        return head + shares.to_html(index=False, na_rep="n/a", float_format=lambda x: f"{x:.1%}") + \
            self.by_place.to_html(index=False, na_rep="n/a", float_format=lambda x: f"{x:,.0f}")

    def __repr__(self) -> str:
        t = self.totals
        return (f"<MediationIndicators {t['activities']} activities, {t['accompaniments']} accompaniments, "
                f"{t['period_start']} to {t['period_end']}>")


def _table(records: List[Dict[str, Any]], first: Optional[Tuple[str, str]] = None,
           count: Optional[str] = None) -> "pandas.DataFrame":
    import pandas as pd

    frame = pd.DataFrame(records)
    renames = {}
    if first:
        renames[first[0]] = first[1]
    if count:
        renames["count"] = count
    frame = frame.rename(columns=renames)
    for c in ("share", "share_of_all", "low", "high"):
        if c in frame.columns:
            frame[c] = frame[c].astype("float64")
    return frame


def mediation_indicators(
    activities: Union["pandas.DataFrame", PathLike, Tuple["pandas.DataFrame", "pandas.DataFrame"]],
    *,
    population: Optional[float] = None,
    start: Any = None,
    end: Any = None,
) -> MediationIndicators:
    """The indicators of mediation activities.

    Parameters
    ----------
    activities : pandas.DataFrame, path or (accepted, rejected)
        The accepted table of :func:`read_activities` (or a DataFrame with its columns: ``date``,
        ``adviser``, ``place_type``, ``type`` and ``participants`` are required, the others
        default: no duration, no autonomy, ages and statuses unknown), the tuple it returns, or a
        path read with :func:`read_activities`.
    population : float, optional
        Inhabitants, for the rates per 1,000 (finite, > 0).
    start, end : str, datetime.date or pandas.Timestamp, optional
        Keep the activities of [start, end] (inclusive); they also bound the period of the rates
        and of ``by_month``. Without them the period runs from the first to the last activity.

    Returns
    -------
    MediationIndicators
    """
    import pandas as pd

    if isinstance(activities, tuple):
        activities = activities[0]
    if not isinstance(activities, pd.DataFrame):
        activities = read_activities(activities)[0]
    raw = _inc.mediation_indicators(
        _activity_columns(activities),
        None if population is None else float(population),
        _date_text(start, "start"),
        _date_text(end, "end"),
    )
    totals = pd.Series(raw["totals"], dtype=object)
    tally = ["activities", "individual", "collective", "accompaniments", "minutes", "timed"]
    by_place = pd.DataFrame(raw["by_place"], columns=["place_type", "place"] + tally)
    by_adviser = pd.DataFrame(raw["by_adviser"], columns=["adviser"] + tally)
    by_month = pd.DataFrame(raw["by_month"], columns=["month"] + tally)
    share_columns = ["indicator", "share", "low", "high", "n", "numerator", "denominator"]
    shares = _table(raw["shares"])[share_columns]
    autonomy = _table(raw["autonomy"], ("category", "level"), "activities")
    durations = _table(raw["durations"], ("category", "bucket"), "activities")
    ages = _table(raw["ages"], ("category", "band"), "participants").drop(columns=["low", "high"])
    statuses = _table(raw["statuses"], ("category", "status"), "participants").drop(columns=["low", "high"])
    for frame, c in ((autonomy, "activities"), (durations, "activities"), (ages, "participants"),
                     (statuses, "participants")):
        frame[c] = frame[c].astype("int64")
    return MediationIndicators(totals, by_place, by_adviser, by_month, shares, autonomy, durations, ages, statuses,
                               raw)
