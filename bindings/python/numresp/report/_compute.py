"""The report's figures, computed from a checked :class:`~numresp.report.Inventory` with numresp's
own functions, as JSON-ready data (dicts, lists, str, int, float, None; no NaN)."""

from __future__ import annotations

import math
from typing import Any, Callable, Dict, Iterable, List, Optional, Sequence, Tuple

from ._inventory import Inventory

REPORT_FORMAT = "numresp-report/1"
ILLUSTRATIVE_NOTICE = ("ILLUSTRATIVE: this report is computed from synthetic data (an example city), not from a "
                       "real inventory. Its figures show what numresp computes; they are not the city's footprint.")

Progress = Optional[Callable[[str], None]]

#: The methodology pages each section rests on (relative to the documentation's root).
METHODOLOGY = {
    "devices": ["methodology/devices", "methodology/estimate", "methodology/factors"],
    "usage": ["methodology/email", "methodology/storage-streaming", "methodology/equivalences-claims"],
    "web": ["methodology/ecoindex", "methodology/traffic"],
    "inclusion": ["methodology/proportions", "methodology/coverage", "methodology/mediation"],
    "sensors": ["methodology/sensors"],
    "fact_check": ["methodology/equivalences-claims", "methodology/proportions"],
}


# -- JSON-ready values --------------------------------------------------------------------------------


def clean(value: Any) -> Any:
    """Python/numpy/pandas values as JSON-ready ones: NaN and NA become None, numpy scalars plain."""
    import numpy as np

    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, (np.bool_,)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        v = float(value)
        return v if math.isfinite(v) else None
    if isinstance(value, dict):
        return {str(k): clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [clean(v) for v in value]
    if isinstance(value, np.ndarray):
        return [clean(v) for v in value.tolist()]
    try:
        import pandas as pd

        if value is pd.NA or value is pd.NaT:
            return None
        if isinstance(value, pd.Timestamp):
            return value.isoformat()
    except ImportError:  # pragma: no cover
        pass
    return str(value)


def _num(x: Any) -> Optional[float]:
    try:
        v = float(x)
    except (TypeError, ValueError):
        return None
    return v if math.isfinite(v) else None


def _records(frame: Any) -> List[Dict[str, Any]]:
    return [clean(r) for r in frame.to_dict("records")]


# -- Factors --------------------------------------------------------------------------------------------


class _Sources:
    """The factor ids each section used, to list their sources and licences."""

    def __init__(self) -> None:
        self.used: Dict[Tuple[str, str], List[str]] = {}  # (set role/name, id) -> sections
        self.sets: Dict[str, Any] = {}

    def add(self, fs: Any, ids: Iterable[str], section: str) -> List[str]:
        key = fs.name
        self.sets.setdefault(key, fs)
        out = []
        for i in ids:
            if i in fs:
                sections = self.used.setdefault((key, i), [])
                if section not in sections:
                    sections.append(section)
                out.append(i)
        return out

    def table(self) -> List[Dict[str, Any]]:
        rows = []
        for (set_name, factor_id), sections in sorted(self.used.items()):
            row = self.sets[set_name][factor_id]
            rows.append(clean({"set": set_name, "id": factor_id, "value": row["value"], "low": row.get("low"),
                               "high": row.get("high"), "unit": row["unit"], "source": row["source"],
                               "source_url": row.get("source_url", ""), "year": row.get("year"),
                               "licence": row.get("licence", ""), "notes": row.get("notes", ""),
                               "used_by": sections}))
        return rows


def _ids_with_prefix(fs: Any, prefixes: Sequence[str]) -> List[str]:
    return [i for i in fs if any(i == p or i.startswith(p) for p in prefixes)]


_DEVICE_MODEL_IDS = ("gwp.manufacture", "gwp.distribution", "gwp.end_of_life", "lifetime", "use_hours_per_day", "power")


def _device_ids(devices: Sequence[str]) -> List[str]:
    return [f"device.{d}.{x}" for d in devices for x in _DEVICE_MODEL_IDS]


def _network_id(network: str) -> List[str]:
    kind, region = network.rsplit("_", 1)
    return [f"network.{kind}.{region}"]


# -- Devices ---------------------------------------------------------------------------------------------


def _triple(value: Any, low: Any, high: Any) -> Dict[str, Optional[float]]:
    return {"value": _num(value), "low": _num(low), "high": _num(high)}


def devices_section(inv: Inventory, sources: _Sources, progress: Progress) -> Dict[str, Any]:
    from .. import devices

    d = inv.devices
    fleet, fs, year = d["fleet"], d["factor_set"], d["year"]
    fp = fleet.footprint(year)
    groups: List[Dict[str, Any]] = []
    total: Dict[str, Any] = {}
    for (kind, variant), g in fp.groupby(["kind", "variant"], sort=False):
        entry: Dict[str, Any] = {"kind": kind, "variant": variant, "devices": _num(g["devices"].iloc[0]), "criteria": {}}
        for criterion, gc in g.groupby("criterion", sort=False):
            phases: Dict[str, Any] = {}
            sums = [0.0, 0.0, 0.0]
            missing = []
            for _, r in gc.iterrows():
                phases[r["phase"]] = _triple(r["value"], r["low"], r["high"])
                if isinstance(r["missing"], str) and r["missing"]:
                    phases[r["phase"]]["missing"] = r["missing"]
                if _num(r["value"]) is None:
                    missing.append(r["phase"])
                else:
                    sums = [sums[0] + r["value"], sums[1] + r["low"], sums[2] + r["high"]]
            phases["total"] = (_triple(*sums) if not missing else
                               {"value": None, "low": None, "high": None, "missing": f"no {' and '.join(missing)} figure"})
            entry["criteria"][criterion] = phases
        entry["unit"] = {c: devices.UNITS[c] for c in entry["criteria"]}
        if kind == "total":
            total = entry
        else:
            groups.append(entry)
    if progress:
        progress("devices: scenarios")
    table = fleet.scenarios(d["scenarios"], year=year)
    scenario_rows = []
    settings = {"baseline": {}}
    for s in d["scenarios"]:
        settings[s.name] = {"extend_lifetime_years": s.extend_lifetime_years, "refurbished_share": s.refurbished_share,
                            "kinds": s.kinds, "reuse": [{"kind": r.kind, "variant": r.variant, "count": r.count,
                                                         "remaining_years": r.remaining_years} for r in s.reuse]}
    for name in table.columns:
        crit: Dict[str, Any] = {}
        for criterion in devices.CRITERIA:
            col = table.loc[criterion, name]
            crit[criterion] = {k: _num(col[k]) for k in ("embedded", "use", "avoided", "net", "change", "relative_change")}
        scenario_rows.append({"name": name, "settings": clean(settings.get(name, {})), "criteria": crit})
    if progress:
        progress("devices: Monte Carlo")
    mc = fleet.monte_carlo(year, draws=d["draws"], seed=d["seed"])
    kinds = sorted({(g["kind"], g["variant"]) for g in groups})
    ids: List[str] = []
    for kind, variant in kinds:
        try:
            ids += devices.evaluate(kind, factor_set=fs,
                                    variant=None if variant in ("", "default") else variant).sources
        except (KeyError, ValueError):  # pragma: no cover - the fleet already resolved them
            pass
    frame = d["frame"]
    refurbished = "refurbished" in frame.columns and bool(frame["refurbished"].any())
    if refurbished or any(s.refurbished_share for s in d["scenarios"]):
        ids += _ids_with_prefix(fs, ["refurbishment."])
    ids = list(dict.fromkeys(ids))
    return {
        "factor_set": fs.name,
        "year": year,
        "source": d["source"],
        "renew": d["renew"],
        "rows": len(d["frame"]),
        "devices": _num(d["frame"]["count"].sum()),
        "units": dict(devices.UNITS),
        "groups": groups,
        "total": total,
        "scenarios": scenario_rows,
        "monte_carlo": {"draws": int(mc.attrs.get("draws", d["draws"])), "seed": int(mc.attrs.get("seed", d["seed"])),
                        "rows": _records(mc)},
        "uncertainty": ("low/high: the factors' bounds (value, low, high) propagated through the fleet; Monte Carlo: "
                        "each bounded factor drawn from a triangular distribution (low, value, high), seeded. Factors "
                        "without bounds contribute no spread."),
        "sources": sources.add(fs, ids, "devices"),
        "notes": d["notes"],
        "methodology": METHODOLOGY["devices"],
    }


# -- Usage -----------------------------------------------------------------------------------------------

_EMAIL_DEVICES = ("smartphone", "tablet", "laptop", "desktop_monitor")
_ALL_DEVICES = _EMAIL_DEVICES + ("television",)
_MIX_DEVICES = ("smartphone", "tablet", "laptop", "desktop", "monitor", "television")


def _sensitivity(func: Callable[..., float], devices_: Sequence[str], kwargs: Dict[str, Any]) -> Tuple[float, float]:
    if kwargs.get("device", "mix") != "mix":
        v = func(**kwargs)
        return v, v
    values = [func(**{**kwargs, "device": dev}) for dev in devices_]
    return min(values), max(values)


def usage_section(inv: Inventory, sources: _Sources) -> Dict[str, Any]:
    from .. import usage

    u = inv.usage
    fs = u["factor_set"]
    eq = u["equivalence"]
    eq_row = usage.equivalence_table().set_index("name").loc[eq]
    items: List[Dict[str, Any]] = []

    def add(category: str, entry: Dict[str, Any], inputs: Dict[str, Any], grams: float, low: float, high: float,
            range_note: str, breakdown: Optional[Dict[str, float]], ids: List[str]) -> None:
        items.append({
            "category": category, "label": entry["label"], "inputs": clean(inputs),
            "kg": grams / 1000.0, "low_kg": low / 1000.0, "high_kg": high / 1000.0, "range": range_note,
            "equivalent": float(usage.equivalent(grams, eq, factor_set=fs)),
            "breakdown_kg": None if breakdown is None else {k: v / 1000.0 for k, v in breakdown.items()},
            "sources": sources.add(fs, ids, "usage"), "notes": entry.get("notes", ""),
        })

    device_note = "sensitivity to the device (each device alone instead of the model's mix); not a statistical interval"
    for e in u["items"].get("emails", []):
        kw = {"count": e["count"], "attachment_bytes": e.get("attachment_bytes", 0), "recipients": e.get("recipients", 1),
              "network": e.get("network", "fixed_fra"), "device": e.get("device", "mix"), "factor_set": fs}
        g = usage.email(**kw)
        lo, hi = _sensitivity(usage.email, _EMAIL_DEVICES, kw)
        ids = (_ids_with_prefix(fs, ["email.model.", "datacenter.model.", "usage.model.", "grid.gwp.fra"])
               + _network_id(kw["network"]) + _device_ids(_MIX_DEVICES[:5]))
        add("email", e, {k: v for k, v in kw.items() if k != "factor_set"}, g, min(lo, g), max(hi, g), device_note,
            usage.email(**kw, breakdown=True), ids)
    for e in u["items"].get("storage", []):
        kw = {"data_bytes": e["bytes"], "years": e.get("years", 1.0), "method": e.get("method", "model"),
              "copies": e.get("copies"), "pue": e.get("pue"), "fill_rate": e.get("fill_rate"), "grid": e.get("grid"),
              "factor_set": fs}
        g = usage.storage(**kw)
        if kw["method"] == "model":
            lo = usage.storage(**{**kw, "pue": kw["pue"] or 1.1, "fill_rate": kw["fill_rate"] or 0.8})
            hi = usage.storage(**{**kw, "pue": kw["pue"] or 1.5, "fill_rate": kw["fill_rate"] or 0.3})
            note = ("sensitivity to the data centre (PUE 1.1-1.5 and fill rate 80-30 % where the inventory does not "
                    "fix them); not a statistical interval")
        else:
            lo = hi = g
            note = "published constant: no range"
        ids = (_ids_with_prefix(fs, ["datacenter.model.storage", "email.model.pue", "email.model.storage_fill_rate",
                                     "grid.gwp."]) if kw["method"] == "model" else ["usage.storage_gb_year"])
        add("storage", e, {k: v for k, v in kw.items() if k != "factor_set"}, g, min(lo, g), max(hi, g), note, None, ids)
    for e in u["items"].get("streaming", []):
        kw = {"hours": e["hours"], "quality": e.get("quality", "hd"), "network": e.get("network", "fixed_fra"),
              "device": e.get("device", "mix"), "factor_set": fs}
        g = usage.streaming(**kw)
        lo, hi = _sensitivity(usage.streaming, _ALL_DEVICES, kw)
        ids = (_ids_with_prefix(fs, ["streaming.model.", "datacenter.model.", "grid.gwp.fra"]) + _network_id(kw["network"])
               + _device_ids(_MIX_DEVICES))
        add("streaming", e, {k: v for k, v in kw.items() if k != "factor_set"}, g, min(lo, g), max(hi, g), device_note,
            usage.streaming(**kw, breakdown=True), ids)
    for e in u["items"].get("video_calls", []):
        kw = {"hours": e["hours"], "quality": e.get("quality", "sd"), "participants": e.get("participants"),
              "network": e.get("network", "fixed_fra"), "device": e.get("device", "mix"), "factor_set": fs}
        g = usage.video_call(**kw)
        lo, hi = _sensitivity(usage.video_call, _ALL_DEVICES, kw)
        ids = (_ids_with_prefix(fs, ["video_call.model.", "streaming.model.dc", "datacenter.model.", "grid.gwp.fra"])
               + _network_id(kw["network"]) + _device_ids(_MIX_DEVICES))
        add("video_call", e, {k: v for k, v in kw.items() if k != "factor_set"}, g, min(lo, g), max(hi, g), device_note,
            usage.video_call(**kw, breakdown=True), ids)
    for e in u["items"].get("web_searches", []):
        kw = {"count": e["count"], "network": e.get("network", "fixed_fra"), "device": e.get("device", "mix"),
              "factor_set": fs}
        g = usage.web_search(**kw)
        lo, hi = _sensitivity(usage.web_search, _EMAIL_DEVICES, kw)
        ids = (_ids_with_prefix(fs, ["web_search.model.", "datacenter.model.", "grid.gwp.fra"]) + _network_id(kw["network"])
               + _device_ids(_MIX_DEVICES[:5]))
        add("web_search", e, {k: v for k, v in kw.items() if k != "factor_set"}, g, min(lo, g), max(hi, g),
            device_note, usage.web_search(**kw, breakdown=True), ids)
    for e in u["items"].get("downloads", []):
        kw = {"data_bytes": e["bytes"], "network": e.get("network", "fixed_fra"), "factor_set": fs}
        g = usage.download(**kw)
        ids = _ids_with_prefix(fs, ["datacenter.model.", "grid.gwp.fra", "usage.model."]) + _network_id(kw["network"])
        add("download", e, {k: v for k, v in kw.items() if k != "factor_set"}, g, g, g,
            "no range: the model has one network factor per GB", usage.download(**kw, breakdown=True), ids)
    total = sum(i["kg"] for i in items)
    return {
        "factor_set": fs.name,
        "equivalence": {"name": eq, "unit": eq_row["unit"], "factor_id": eq_row["factor_id"],
                        "description": eq_row["description"],
                        "sources": sources.add(fs, [eq_row["factor_id"]], "usage")},
        "items": items,
        "total_kg": total,
        "total_low_kg": sum(i["low_kg"] for i in items),
        "total_high_kg": sum(i["high_kg"] for i in items),
        "total_equivalent": float(usage.equivalent(total * 1000.0, eq, factor_set=fs)) if items else 0.0,
        "uncertainty": "ADEME's usage models are deterministic; the ranges are sensitivities (see each item)",
        "notes": u["notes"],
        "methodology": METHODOLOGY["usage"],
    }


# -- Web ---------------------------------------------------------------------------------------------------


def web_section(inv: Inventory, sources: _Sources) -> Dict[str, Any]:
    from .. import factors, traffic, web

    w = inv.web
    pages = []
    for p in w["pages"]:
        r = web.ecoindex(p["dom"], p["requests"], p["size_kb"], flavour=w["flavour"])
        transfer_g = float(traffic.per_byte(p["size_kb"] * 1000.0))
        entry = {"name": p["name"], "url": p["url"], "source": p["source"], "dom": p["dom"], "requests": p["requests"],
                 "size_kb": p["size_kb"], "score": float(r.score), "grade": r.grade, "ghg_g": float(r.ghg_g),
                 "water_cl": float(r.water_cl), "transfer_g": transfer_g, "transfer_rating": traffic.rating(transfer_g),
                 "notes": p.get("notes", "")}
        if p["source"] == "har":
            entry["har"] = {"file": p["har"], **clean(p["har_summary"])}
            entry["har"]["top_domains"] = [
                {"domain": k, "requests": v["requests"], "transfer_bytes": v["transfer_bytes"]}
                for k, v in sorted(p["by_domain"].items(), key=lambda kv: (-kv[1]["transfer_bytes"], kv[0]))[:5]]
        pages.append(entry)
    eco = factors.get("ecoindex")
    swd = factors.get("swd-v4")
    eco_ids = sources.add(eco, ["ecoindex.ghg.base", "ecoindex.water.base"] +
                          [f"ecoindex.grade.{g}" for g in "abcdef"] + _ids_with_prefix(eco, ["ecoindex.quantile."]), "web")
    swd_ids = sources.add(swd, _ids_with_prefix(swd, ["swd.v4.operational.", "swd.v4.embodied.", "swd.v4.grid.global",
                                                      "swd.v4.rating."]), "web")
    return {"flavour": w["flavour"], "pages": pages,
            "sources": {"ecoindex": eco_ids, "swd-v4": swd_ids},
            "licence_note": ("The EcoIndex tables and formulas are CC BY-NC-ND 3.0 (GreenIT.fr / cnumr): non-commercial "
                             "use, no derivatives."),
            "uncertainty": ("The EcoIndex is a score on fixed reference tables, without an uncertainty; its greenhouse-gas "
                            "and water figures are indicative (2 + 2 x (50 - score) / 100 g CO2e per view)."),
            "notes": w["notes"], "methodology": METHODOLOGY["web"]}


# -- Inclusion ---------------------------------------------------------------------------------------------


def shares_section(shares: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    from .. import inclusion

    out = []
    for s in shares:
        low, high = inclusion.proportion_ci(s["successes"], s["n"], method=s["method"], level=s["level"])
        out.append({"name": s["name"], "successes": s["successes"], "n": s["n"], "share": s["successes"] / s["n"],
                    "low": float(low), "high": float(high), "method": s["method"], "level": s["level"],
                    "plan": s["plan"], "quoted_share": s["quoted_share"], "derived_from_share": s["derived_from_share"],
                    "notes": s["notes"]})
    return out


def illectronism_section(ill: Dict[str, Any]) -> Dict[str, Any]:
    from .. import inclusion

    est = inclusion.illectronism_estimate(ill["age_structure"], rates=ill["rates"])
    table = inclusion.illectronism_tables()[ill["rates"]]
    rate = inclusion.IllectronismRate(est["rate"], est["definition"])
    return clean({"rates": ill["rates"], "definition": est["definition"], "definition_text": rate.description,
                  "source": table["source"], "national_rate": table["national_rate"],
                  "bands": table["bands"], "age_structure": ill["age_structure"], "population": est["population"],
                  "rate": est["rate"], "people": est["people"], "rate_ci": est["rate_ci"], "people_ci": est["people_ci"],
                  "strata": est["strata"],
                  "uncertainty": ("a synthetic (model-based) estimate: national rates by age applied to the local age "
                                  "structure; local effects are ignored and the published rates carry no standard "
                                  "error, so no interval is given"),
                  "notes": ill["notes"]})


def coverage_section(cov: Dict[str, Any], progress: Progress) -> Dict[str, Any]:
    import numpy as np

    from .. import inclusion

    grid, weights, radius = cov["grid"], cov["inhabitants"], cov["radius_m"]
    points = cov["points"]
    total = float(weights.sum())
    by_kind = {}
    for kind in ("wifi", "computers", "mediation"):
        sites = np.array([[p["lon"], p["lat"]] for p in points if p["kind"] == kind], dtype=np.float64).reshape(-1, 2)
        by_kind[kind] = {"sites": int(len(sites)),
                         "share": float(inclusion.coverage(grid, weights, sites, radius)) if len(sites) else 0.0}
    existing = np.array([[p["lon"], p["lat"]] for p in points if p["kind"] in cov["existing_kinds"]],
                        dtype=np.float64).reshape(-1, 2)
    share = float(inclusion.coverage(grid, weights, existing, radius)) if len(existing) else 0.0
    covered = inclusion.covered(grid, existing, radius, weights=weights)["covered"] if len(existing) else \
        np.zeros(len(grid), dtype=bool)
    siting = None
    new_sites = []
    if cov["candidates"] and cov["k"] > 0:
        if progress:
            progress("inclusion: siting")
        cands = np.array([[c["lon"], c["lat"]] for c in cov["candidates"]], dtype=np.float64)
        res = inclusion.site_greedy(grid, weights, cands, radius, cov["k"],
                                    existing_lonlat=existing if len(existing) else None)
        frame = res.to_frame()
        steps = []
        for _, r in frame.iterrows():
            c = cov["candidates"][int(r["candidate"])]
            steps.append({"step": int(r["step"]), "candidate": int(r["candidate"]), "name": c["name"],
                          "kind": c["kind"], "lon": c["lon"], "lat": c["lat"], "covered": float(r["covered"]),
                          "share": float(r["share"]), "gain": float(r["gain"])})
            new_sites.append([c["lon"], c["lat"], int(r["step"])])
        siting = {"method": "lazy greedy maximal covering (at least 1 - 1/e of the optimum)", "k": cov["k"],
                  "candidates": len(cov["candidates"]), "initial": float(res.initial), "total": float(res.total),
                  "initial_share": float(res.initial / res.total) if res.total else 0.0,
                  "curve_share": [float(res.initial / res.total) if res.total else 0.0] +
                  [float(x) for x in res.share_curve],
                  "steps": steps, "evaluations": int(res.evaluations), "optimal": bool(res.optimal)}
    lon = grid[:, 0]
    lat = grid[:, 1]
    return {
        "radius_m": radius,
        "cells": int(len(grid)),
        "inhabitants": total,
        "access_points": {k: v["sites"] for k, v in by_kind.items()},
        "existing_kinds": cov["existing_kinds"],
        "share": share,
        "covered_people": share * total,
        "by_kind": by_kind,
        "siting": siting,
        "files": cov["files"],
        "map": {
            "bbox": [float(lon.min()), float(lat.min()), float(lon.max()), float(lat.max())],
            "cells": [[round(float(a), 6), round(float(b), 6), float(w), bool(c)]
                      for a, b, w, c in zip(lon, lat, weights, covered)],
            "points": [[p["lon"], p["lat"], p["kind"], p["name"]] for p in points],
            "new_sites": new_sites,
        },
        "notes": cov["notes"],
        "uncertainty": ("exact great-circle distances on the grid's cell centres: the share depends on the grid's "
                        "resolution (cells are covered whole or not at all) and on the radius chosen"),
    }


def mediation_section(med: Dict[str, Any], population: Optional[float]) -> Dict[str, Any]:
    from ..inclusion import mediation

    k = mediation.mediation_indicators(med["accepted"], population=population, start=med["start"], end=med["end"])
    d = k.to_dict()
    rejected = med["rejected"]
    places = sorted({r["place"] for r in d["by_place"] if r["place_type"] == "lieu_activite"})
    return clean({"log": med["log"], "read": int(rejected.attrs.get("read", len(med["accepted"]) + len(rejected))),
                  "accepted": len(med["accepted"]), "rejected": len(rejected),
                  "rejections": _records(rejected.head(20)), "version": rejected.attrs.get("version"),
                  "drop_in_places": places, **d,
                  "uncertainty": "shares with Wilson 95 % intervals on the reports they are computed on",
                  "notes": med["notes"]})


# -- Sensors -------------------------------------------------------------------------------------------------


def _quantiles(values: Any, qs: Sequence[float]) -> Tuple[List[Optional[float]], str]:
    import numpy as np

    from .. import sensors

    sketch_type = getattr(sensors, "QuantileSketch", None)
    if sketch_type is not None:
        try:
            sk = sketch_type()
            sk.update(values)
            return [float(sk.quantile(q)) for q in qs], (
                f"numresp.sensors.QuantileSketch (KLL, k = {sk.k}, seed {sk.seed}; rank error within "
                f"{sk.normalized_rank_error:.2%} with 99 % confidence)")
        except Exception:  # noqa: BLE001 - a sketch with another interface: fall back to exact quantiles
            pass
    v = values[~np.isnan(values)]
    if len(v) == 0:
        return [None for _ in qs], "exact (numpy.quantile, linear)"
    return [float(x) for x in np.quantile(v, qs)], "exact (numpy.quantile, linear)"


def sensors_section(inv: Inventory, progress: Progress) -> Dict[str, Any]:
    import numpy as np
    import pandas as pd

    from .. import sensors

    s = inv.sensors
    readings = s["readings"]
    ids = readings["sensor_id"].to_numpy()
    t = readings["timestamp"]
    values = readings["value"].to_numpy()
    kinds = sorted(set(s["kind"].values()))
    code_kind = pd.Series(s["kind"])
    per_row_kind = code_kind.reindex(ids).to_numpy()
    out_kinds = []
    quantile_method = ""
    for kind in kinds:
        mask = per_row_kind == kind
        kid, kt, kv = ids[mask], t[mask], values[mask]
        zone_map = {code: s["zone"][code] for code in s["kind"] if s["kind"][code] == kind}
        units = sorted({s["unit"][code] for code in zone_map if s["unit"][code]})
        daily = sensors.aggregate(kid, kt, kv, window=s["window"], zone=zone_map, tz=s["tz"],
                                  stats=("count", "sum", "min", "max", "mean"))
        whole = sensors.aggregate(kid, kt, kv, window="month" if s["window"] in ("hour", "day", "week") else s["window"],
                                  zone=zone_map, tz=s["tz"], stats=("count",))
        zones = []
        zone_codes = pd.Series(zone_map)
        row_zone = zone_codes.reindex(kid).to_numpy()
        for zone in sorted(set(zone_map.values())):
            zmask = row_zone == zone
            zv = kv[zmask]
            finite = zv[~np.isnan(zv)]
            qs, quantile_method = _quantiles(zv, (0.05, 0.5, 0.95))
            zones.append({"zone": zone, "sensors": int(sum(1 for z in zone_map.values() if z == zone)),
                          "readings": int(len(finite)),
                          "mean": float(finite.mean()) if len(finite) else None,
                          "min": float(finite.min()) if len(finite) else None,
                          "max": float(finite.max()) if len(finite) else None,
                          "sum": float(finite.sum()) if len(finite) else None,
                          "p5": qs[0], "p50": qs[1], "p95": qs[2],
                          "windows": int((daily["zone"] == zone).sum())})
        windows = sorted(daily["window_start"].unique())
        series = []
        for zone in sorted(set(zone_map.values())):
            g = daily[daily["zone"] == zone].set_index("window_start")
            series.append({"zone": zone,
                           **{stat: [clean(g[stat].get(w)) if w in g.index else None for w in windows]
                              for stat in ("count", "mean", "min", "max", "sum")}})
        out_kinds.append({"kind": kind, "unit": units[0] if len(units) == 1 else ", ".join(units),
                          "sensors": len(zone_map), "readings": int(np.count_nonzero(~np.isnan(kv))),
                          "zones": zones,
                          "windows": [pd.Timestamp(w).isoformat() for w in windows],
                          "series": series,
                          "check_total_count": int(whole["count"].sum())})
    return {"source": s["source"], "zones_file": s["zones_file"], "window": s["window"], "tz": s["tz"],
            "sensors": len(s["zone"]), "readings": int(np.count_nonzero(~np.isnan(values))),
            "rows": int(len(values)),
            "period": {"start": t.min().isoformat(), "end": t.max().isoformat()},
            "quantile_method": quantile_method, "kinds": out_kinds,
            "uncertainty": ("exact window statistics of the readings as received; missing readings are not "
                            "imputed (compare counts across zones before comparing sums)"),
            "notes": s["notes"], "methodology": METHODOLOGY["sensors"]}


# -- The plan fact-check ------------------------------------------------------------------------------------


def _verdict_ratio(plan: float, today: float, what: str) -> str:
    if today == 0:
        return f"cannot compare: {what} is 0"
    r = plan / today
    if 0.9 <= r <= 1.1:
        return f"consistent (plan / {what} = {r:.2f})"
    return f"the plan's figure is {r:.2g} times {what}" + (" (higher)" if r > 1 else " (lower)")


def fact_check_section(inv: Inventory, report: Dict[str, Any], sources: _Sources) -> Dict[str, Any]:
    from .. import usage

    plan = inv.plan
    rows: List[Dict[str, Any]] = []
    not_recomputed: List[Dict[str, Any]] = []
    fs = inv.factor_sets["usage"]
    if plan.get("library_claims", True):
        claims = usage.claims(fs)
        for cid, r in claims.iterrows():
            ids = [i.strip() for i in r["factors"].split(",") if i.strip()]
            rows.append(clean({"id": cid, "claim": r["claim"], "plan_value": r["plan_value"], "unit": r["unit"],
                               "today_value": r["today_value"], "today_low": r["today_low"],
                               "today_high": r["today_high"], "ratio": r["ratio"], "verdict": r["verdict"],
                               "basis": f"numresp factors ({fs.name})", "illustrative_input": False,
                               "sources": sources.add(fs, ids, "fact_check")}))
        for _, r in usage.skipped_claims().iterrows():
            not_recomputed.append({"claim": r["claim"], "reason": r["reason"]})
    illustrative = inv.illustrative
    inc = report.get("inclusion", {})
    ill = inc.get("illectronism")
    if "people_in_difficulty" in plan and ill:
        p = float(plan["people_in_difficulty"])
        rows.append({"id": "people_in_difficulty", "claim": f"About {p:,.0f} people in the city have difficulties with "
                                                             "digital tools",
                     "plan_value": p, "unit": "people", "today_value": ill["people"], "today_low": None,
                     "today_high": None, "ratio": p / ill["people"] if ill["people"] else None,
                     "verdict": (_verdict_ratio(p, ill["people"], "the synthetic estimate") +
                                 f": {ill['rate']:.1%} of {ill['population']:,.0f} people aged 15+ at INSEE's rates by "
                                 f"age ({ill['definition']}); the plan may count a broader 'difficulty' than "
                                 "illectronism"),
                     "basis": f"synthetic estimate, table {ill['rates']}: {ill['source']}",
                     "illustrative_input": illustrative, "sources": [f"numresp.inclusion table {ill['rates']}"]})
    if "illectronism_share" in plan and ill:
        p = float(plan["illectronism_share"])
        rows.append({"id": "illectronism_share", "claim": f"Illectronism affects {p:.0%} of the French population",
                     "plan_value": p, "unit": "share", "today_value": ill["national_rate"], "today_low": None,
                     "today_high": None, "ratio": p / ill["national_rate"] if ill["national_rate"] else None,
                     "verdict": (_verdict_ratio(p, ill["national_rate"], "the national rate of the table") +
                                 f"; the city's synthetic rate is {ill['rate']:.1%}. INSEE measured 15.4 % in 2021 "
                                 "(another definition: do not subtract)"),
                     "basis": ill["source"], "illustrative_input": False,
                     "sources": [f"numresp.inclusion table {ill['rates']}"]})
    med = inc.get("mediation")
    if med:
        shares = {r["indicator"]: r for r in med["shares"]}
        for key, indicator, text in (("rights_share", "administrative_activities",
                                      "{:.0%} of requests concern access to rights"),
                                     ("no_autonomy_share", "no_autonomy",
                                      "{:.0%} of the people helped have no digital autonomy")):
            if key in plan and indicator in shares:
                p = float(plan[key])
                r = shares[indicator]
                inside = r["low"] is not None and r["low"] <= p <= r["high"]
                rows.append({"id": key, "claim": text.format(p), "plan_value": p, "unit": "share",
                             "today_value": r["share"], "today_low": r["low"], "today_high": r["high"],
                             "ratio": p / r["share"] if r["share"] else None,
                             "verdict": (f"{'within' if inside else 'outside'} the 95 % interval of the activity log "
                                         f"({r['share']:.1%}, {r['low']:.1%}-{r['high']:.1%}, n = {r['n']})"),
                             "basis": f"mediation log {med['log']} ({med['accepted']} reports)",
                             "illustrative_input": illustrative, "sources": [med["log"]]})
        if "advisers" in plan:
            a = med["totals"]["advisers"]
            rows.append({"id": "advisers", "claim": f"{plan['advisers']} digital advisers", "plan_value": plan["advisers"],
                         "unit": "advisers", "today_value": a, "today_low": None, "today_high": None,
                         "ratio": plan["advisers"] / a if a else None,
                         "verdict": "consistent" if a == plan["advisers"] else f"the log has {a} advisers",
                         "basis": f"mediation log {med['log']}", "illustrative_input": illustrative,
                         "sources": [med["log"]]})
        if "places" in plan:
            n = len(med["drop_in_places"])
            rows.append({"id": "places", "claim": f"{plan['places']} drop-in places", "plan_value": plan["places"],
                         "unit": "places", "today_value": n, "today_low": None, "today_high": None,
                         "ratio": plan["places"] / n if n else None,
                         "verdict": "consistent" if n == plan["places"] else f"the log has {n} drop-in places",
                         "basis": f"mediation log {med['log']} (places of type lieu_activite)",
                         "illustrative_input": illustrative, "sources": [med["log"]]})
    inputs_from_plan = []
    dev = report.get("devices")
    if dev and ("computers_redistributed" in plan or "computers_collected" in plan):
        red = plan.get("computers_redistributed")
        for s in dev["scenarios"]:
            reuse = s["settings"].get("reuse") or []
            count = sum(r["count"] for r in reuse)
            if reuse and red is not None and abs(count - float(red)) < 1e-9 and not s["settings"].get(
                    "extend_lifetime_years") and not s["settings"].get("refurbished_share"):
                g = s["criteria"]["gwp"]
                inputs_from_plan.append({
                    "figure": f"{red:,.0f} computers redistributed (of {plan.get('computers_collected', 0):,.0f} collected)",
                    "used_as": f"reuse scenario {s['name']!r}",
                    "result": {"avoided_kgco2e_per_year": g["avoided"], "change_kgco2e_per_year": g["change"],
                               "relative_change": g["relative_change"]}})
    return {"plan": plan.get("name", ""), "rows": rows, "not_recomputed": not_recomputed,
            "inputs_from_plan": clean(inputs_from_plan),
            "notes": ("'today' is numresp's recomputation: with today's factors for the usage claims, with the "
                      "inventory's data for the inclusion figures"
                      + (" (ILLUSTRATIVE data here: they only show the method)." if illustrative else ".")),
            "methodology": METHODOLOGY["fact_check"]}


# -- The whole report ----------------------------------------------------------------------------------------


def steps(inv: Inventory) -> List[str]:
    """The steps :func:`compute` reports to ``progress``, in order."""
    out = []
    if inv.devices:
        out += ["devices: footprint", "devices: scenarios", "devices: Monte Carlo"]
    if inv.usage:
        out.append("usage")
    if inv.web:
        out.append("web")
    if inv.inclusion.get("shares") is not None or inv.inclusion.get("illectronism"):
        out.append("inclusion: shares")
    if inv.inclusion.get("coverage"):
        out.append("inclusion: coverage")
        if inv.inclusion["coverage"]["candidates"] and inv.inclusion["coverage"]["k"] > 0:
            out.append("inclusion: siting")
    if inv.inclusion.get("mediation"):
        out.append("inclusion: mediation")
    if inv.sensors:
        out.append("sensors")
    out += ["fact-check", "factor sources"]
    return out


def compute(inv: Inventory, *, progress: Progress = None) -> Dict[str, Any]:
    """Every figure of the report, as JSON-ready data (deterministic: the same inventory gives the
    same JSON, byte for byte). ``progress(step)`` is called as each step starts (see :func:`steps`)."""
    from .. import __version__

    sources = _Sources()

    def step(name: str) -> None:
        if progress:
            progress(name)

    report: Dict[str, Any] = {
        "format": REPORT_FORMAT,
        "numresp_version": __version__,
        "city": clean(inv.city),
        "illustrative": inv.illustrative,
        "illustrative_notice": ILLUSTRATIVE_NOTICE if inv.illustrative else "",
        "inventory": {"file": inv.path.replace("\\", "/").rsplit("/", 1)[-1], "sha256": inv.sha256,
                      "inputs": clean(inv.inputs)},
        "factor_sets": {role: fs.name for role, fs in inv.factor_sets.items()},
        "factor_overrides": clean(inv.overrides),
    }
    if inv.devices:
        step("devices: footprint")
        report["devices"] = devices_section(inv, sources, step)
    if inv.usage:
        step("usage")
        report["usage"] = usage_section(inv, sources)
    if inv.web:
        step("web")
        report["web"] = web_section(inv, sources)
    inc: Dict[str, Any] = {}
    if inv.inclusion.get("shares") is not None or inv.inclusion.get("illectronism"):
        step("inclusion: shares")
        if inv.inclusion.get("shares") is not None:
            inc["shares"] = shares_section(inv.inclusion["shares"])
            inc["shares_notes"] = inv.inclusion.get("shares_notes", "")
        if inv.inclusion.get("illectronism"):
            inc["illectronism"] = illectronism_section(inv.inclusion["illectronism"])
    if inv.inclusion.get("coverage"):
        step("inclusion: coverage")
        inc["coverage"] = coverage_section(inv.inclusion["coverage"], step)
    if inv.inclusion.get("mediation"):
        step("inclusion: mediation")
        inc["mediation"] = mediation_section(inv.inclusion["mediation"], _num(inv.city.get("population")))
    if inc:
        inc["methodology"] = METHODOLOGY["inclusion"]
        report["inclusion"] = inc
    if inv.sensors:
        step("sensors")
        report["sensors"] = sensors_section(inv, step)
    step("fact-check")
    report["fact_check"] = fact_check_section(inv, report, sources)
    step("factor sources")
    table = sources.table()
    # An override file is recorded with the path it was read from: show it relative to the
    # inventory's folder, so the report does not depend on where the files are.
    folder = str(inv.folder.resolve()) + "/"
    for row in table:
        for key in ("source_url", "source", "notes"):
            if isinstance(row.get(key), str) and folder in row[key]:
                row[key] = row[key].replace(folder, "")
    report["factors"] = _compact_factor_table(table)
    report["licences"] = sorted({r["licence"] for r in table if r["licence"]})
    return clean(report)


def _compact_factor_table(rows: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    """The factor table, the EcoIndex quantile tables folded into one row each (they are 3 x 20
    thresholds of one source)."""
    out: List[Dict[str, Any]] = []
    folded: Dict[str, Dict[str, Any]] = {}
    for r in rows:
        if r["id"].startswith("ecoindex.quantile."):
            key = r["id"].rsplit(".", 1)[0]
            if key not in folded:
                folded[key] = dict(r, id=key + ".*", value=None, low=None, high=None, notes="", count=0)
                out.append(folded[key])
            folded[key]["count"] += 1
            continue
        out.append(r)
    for f in folded.values():
        f["notes"] = f"{f.pop('count')} quantile thresholds"
    return out
