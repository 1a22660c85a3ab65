"""The report as one self-contained HTML file and as a Markdown summary.

The HTML has its CSS inline and its charts as inline SVG; it loads nothing (no font, script,
image or style sheet) and links to nothing on the network: source URLs are printed as text.
"""

from __future__ import annotations

import re
from typing import Any, Dict, List, Sequence, Tuple

from . import _svg
from ._svg import esc, fmt, pct

CSS = """
:root { --ink: #1d1d1f; --muted: #5b5b60; --line: #d9d9de; --bg: #fafafa; --accent: #0072B2; --warn: #b34700; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink);
       background: var(--bg); }
main { max-width: 1000px; margin: 0 auto; padding: 1.5rem 1.2rem 4rem; background: #fff; }
h1 { font-size: 1.8rem; margin: 0 0 .2rem; }
h2 { font-size: 1.35rem; margin: 2.4rem 0 .6rem; padding-top: .6rem; border-top: 2px solid var(--line); }
h3 { font-size: 1.08rem; margin: 1.6rem 0 .4rem; }
p.lead { color: var(--muted); margin-top: 0; }
.banner { border: 3px solid var(--warn); background: #fff4ec; color: #5a2400; padding: .8rem 1rem; margin: 1rem 0;
          font-weight: 600; }
.banner small { display: block; font-weight: normal; }
.tag { display: inline-block; border: 1px solid var(--warn); color: var(--warn); border-radius: 3px; padding: 0 .35rem;
       font-size: .75rem; font-weight: 700; letter-spacing: .03em; vertical-align: middle; }
nav ol { columns: 2; padding-left: 1.2rem; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(210px, 1fr)); gap: .7rem; margin: 1rem 0; }
.card { border: 1px solid var(--line); border-radius: 6px; padding: .6rem .8rem; background: #fcfcfd; }
.card b { display: block; font-size: 1.35rem; }
.card span { color: var(--muted); font-size: .85rem; }
figure { margin: 1rem 0 1.4rem; }
figure svg.chart { max-width: 100%; height: auto; display: block; }
figcaption { font-size: .85rem; color: var(--muted); margin-top: .3rem; }
figcaption b { color: var(--ink); }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: .86rem; margin: .5rem 0 1rem; }
th, td { border-bottom: 1px solid var(--line); padding: .25rem .45rem; text-align: left; vertical-align: top; }
th { background: #f1f1f4; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table[style] td.n, table[style] th.n { white-space: normal; }
.muted { color: var(--muted); }
.small { font-size: .8rem; }
details { margin: .5rem 0 1rem; }
summary { cursor: pointer; color: var(--accent); }
code { font-size: .85em; background: #f1f1f4; padding: 0 .2rem; border-radius: 3px; }
.verdict-ok { color: #1b6e20; }
.verdict-bad { color: #a32000; }
footer { margin-top: 3rem; color: var(--muted); font-size: .8rem; }
@media print { body { background: #fff; } main { max-width: none; } }
"""


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


def chart_ids(report: Dict[str, Any]) -> List[str]:
    """The ids of the charts :func:`render_html` draws for ``report``."""
    ids = []
    if "devices" in report:
        ids += ["chart-devices-footprint", "chart-devices-scenarios", "chart-devices-montecarlo"]
    if "usage" in report and report["usage"]["items"]:
        ids.append("chart-usage")
    if "web" in report:
        ids.append("chart-ecoindex")
    inc = report.get("inclusion", {})
    if inc.get("shares"):
        ids.append("chart-inclusion-shares")
    if "coverage" in inc:
        if inc["coverage"].get("siting"):
            ids.append("chart-coverage-curve")
        ids.append("chart-coverage-map")
    if "mediation" in inc:
        ids.append("chart-mediation-months")
    ids += _sensor_chart_ids(report.get("sensors", {}).get("kinds", []))
    return ids


def _sensor_chart_ids(kinds: Sequence[Dict[str, Any]]) -> List[str]:
    out: List[str] = []
    for k in kinds:
        cid = f"chart-sensors-{_slug(k['kind'])}"
        while cid in out:
            cid += "-x"
        out.append(cid)
    return out


# -- Pieces --------------------------------------------------------------------------------------------


def _table(headers: Sequence[str], rows: Sequence[Sequence[Any]], numeric: Sequence[int] = (),
           widths: Sequence[int] = ()) -> str:
    head = "".join(f'<th class="n">{esc(h)}</th>' if i in numeric else f"<th>{esc(h)}</th>"
                   for i, h in enumerate(headers))
    body = []
    for r in rows:
        cells = []
        for i, c in enumerate(r):
            cls = ' class="n"' if i in numeric else ""
            cells.append(f"<td{cls}>{c}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    cols = ""
    style = ""
    if widths:
        cols = "<colgroup>" + "".join(f'<col style="width:{w}%">' for w in widths) + "</colgroup>"
        style = ' style="table-layout:fixed"'
    return (f'<div class="scroll"><table{style}>{cols}<thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody>'
            "</table></div>")


def _factor_index(report: Dict[str, Any]) -> Dict[Tuple[str, str], Dict[str, Any]]:
    return {(r["set"], r["id"]): r for r in report.get("factors", [])}


def _sources_text(report: Dict[str, Any], set_name: str, ids: Sequence[str]) -> str:
    """Factor ids summarised by source and licence."""
    index = _factor_index(report)
    groups: Dict[Tuple[str, str], int] = {}
    for i in ids:
        key = (set_name, i if not i.startswith("ecoindex.quantile.") else i.rsplit(".", 1)[0] + ".*")
        row = index.get(key)
        if row is None:
            continue
        g = (row["source"], row["licence"])
        groups[g] = groups.get(g, 0) + 1
    if not groups:
        return ""
    parts = [f"{esc(src)} ({esc(lic)}): {n} factor{'s' if n > 1 else ''}" for (src, lic), n in groups.items()]
    return "; ".join(parts)


def _caption(title: str, what: str, uncertainty: str, sources: str) -> str:
    out = [f"<b>{esc(title)}.</b> {what}"]
    if uncertainty:
        out.append(f"<br><b>Uncertainty:</b> {esc(uncertainty)}")
    if sources:
        out.append(f"<br><b>Sources:</b> {sources} (every factor in <a href=\"#factors\">Factors and licences</a>)")
    return "<figcaption>" + "".join(out) + "</figcaption>"


def _methodology(pages: Sequence[str]) -> str:
    if not pages:
        return ""
    return ('<p class="small muted">Methodology: ' +
            ", ".join(f"<code>docs/{esc(p)}.rst</code>" for p in pages) + " (numresp documentation).</p>")


def _illustrative_tag(report: Dict[str, Any]) -> str:
    return ' <span class="tag">ILLUSTRATIVE</span>' if report.get("illustrative") else ""


# -- Sections ------------------------------------------------------------------------------------------


def _devices_html(report: Dict[str, Any]) -> str:
    d = report["devices"]
    unit = d["units"]["gwp"]
    groups = sorted(d["groups"], key=lambda g: -(g["criteria"]["gwp"]["total"]["value"] or 0.0))
    cats = [g["kind"] + ("" if g["variant"] in ("", "default") else f" ({g['variant']})") for g in groups]
    emb = [g["criteria"]["gwp"]["embedded"]["value"] for g in groups]
    use = [g["criteria"]["gwp"]["use"]["value"] for g in groups]
    whisk = [(g["criteria"]["gwp"]["total"]["low"], g["criteria"]["gwp"]["total"]["high"]) for g in groups]
    total = d["total"]["criteria"]["gwp"]
    src = _sources_text(report, d["factor_set"], d["sources"])
    out = [f'<h2 id="devices">1. Device fleet{_illustrative_tag(report)}</h2>',
           f'<p>{fmt(d["devices"], 4)} devices in {d["rows"]} inventory rows ({esc(d["source"])}), factor set '
           f'<code>{esc(d["factor_set"])}</code>, year {d["year"]}, devices {"renewed" if d["renew"] else "not renewed"} '
           f'at end of life. Footprint of the year: <b>{fmt(total["total"]["value"])} {esc(unit)}</b> '
           f'[{fmt(total["total"]["low"])} – {fmt(total["total"]["high"])}], of which embedded (manufacture, '
           f'distribution, end of life, spread over the lifetime) {fmt(total["embedded"]["value"])} and use '
           f'{fmt(total["use"]["value"])}.</p>']
    chart = _svg.hbar_chart("chart-devices-footprint", "Fleet footprint by device kind and phase",
                            f"Stacked bars of the yearly climate footprint per device kind, embedded and use, in {unit}, "
                            "with the low-high bounds of the total.", cats, [("embedded", emb), ("use", use)],
                            f"{unit} per year", whiskers=whisk)
    out.append("<figure>" + chart + _caption(
        "Footprint by device kind and phase", f"Climate change, {esc(unit)} per year, {d['year']}; whiskers: low–high.",
        d["uncertainty"], src) + "</figure>")
    rows = []
    for g, cat in zip(groups, cats):
        c = g["criteria"]["gwp"]
        rows.append([esc(cat), fmt(g["devices"], 4), fmt(c["embedded"]["value"]), fmt(c["use"]["value"]),
                     fmt(c["total"]["value"]), f'{fmt(c["total"]["low"])} – {fmt(c["total"]["high"])}',
                     fmt((g["criteria"].get("water") or {}).get("embedded", {}).get("value"))])
    rows.append(["<b>total</b>", fmt(d["devices"], 4), f'<b>{fmt(total["embedded"]["value"])}</b>',
                 f'<b>{fmt(total["use"]["value"])}</b>', f'<b>{fmt(total["total"]["value"])}</b>',
                 f'{fmt(total["total"]["low"])} – {fmt(total["total"]["high"])}',
                 fmt(d["total"]["criteria"].get("water", {}).get("embedded", {}).get("value"))])
    out.append(_table(["kind", "devices", f"embedded {unit}", f"use {unit}", f"total {unit}", "low – high",
                       "water, embedded (m3, indicator)"], rows, numeric=(1, 2, 3, 4, 5, 6)))
    missing = sorted({p.get("missing", "") for c in d["total"]["criteria"].values() for p in c.values()
                      if p.get("missing")})
    if missing:
        out.append('<p class="small muted">Not available: ' + esc("; ".join(missing)) + ".</p>")

    sc = d["scenarios"]
    names = [s["name"] for s in sc]
    s_emb = [s["criteria"]["gwp"]["embedded"] for s in sc]
    s_use = [s["criteria"]["gwp"]["use"] for s in sc]
    markers = []
    for s in sc:
        g = s["criteria"]["gwp"]
        label = (f"net {fmt(g['net'])}" + (f" ({g['relative_change'] * 100:+.1f} %)" if s["name"] != "baseline" and
                                           g["relative_change"] is not None else ""))
        markers.append((g["net"], label))
    chart = _svg.hbar_chart("chart-devices-scenarios", "Fleet scenarios side by side",
                            "Embedded and use footprint of each scenario and the baseline, with the net footprint "
                            "(after devices reused elsewhere) as a diamond.", names, [("embedded", s_emb), ("use", s_use)],
                            f"{unit} per year", markers=markers, marker_name="net (after avoided purchases)")
    out.append('<h3>Scenarios</h3><figure>' + chart + _caption(
        "Fleet scenarios", f"Climate change, {esc(unit)} per year in {d['year']}. Net = embedded + use − avoided "
        "(new devices not bought thanks to reuse).",
        "central values; the scenarios share the factors, so their differences are more certain than their levels",
        src) + "</figure>")
    rows = []
    for s in sc:
        g = s["criteria"]["gwp"]
        st = s["settings"]
        what = []
        if st.get("extend_lifetime_years"):
            what.append(f"+{fmt(st['extend_lifetime_years'])} years of life")
        if st.get("refurbished_share"):
            what.append(f"{pct(st['refurbished_share'], 0)} of purchases refurbished")
        if st.get("kinds"):
            what.append("for " + ", ".join(st["kinds"]))
        for r in st.get("reuse") or []:
            what.append(f"{fmt(r['count'])} {r['kind']} reused"
                        + (f" for {fmt(r['remaining_years'])} years" if r.get("remaining_years") else ""))
        rows.append([esc(s["name"]), esc("; ".join(what) or "—"), fmt(g["embedded"]), fmt(g["use"]), fmt(g["avoided"]),
                     fmt(g["net"]), fmt(g["change"]),
                     "—" if g["relative_change"] is None else f"{g['relative_change'] * 100:+.1f} %"])
    out.append(_table(["scenario", "settings", "embedded", "use", "avoided", "net", "change", "change %"], rows,
                      numeric=(2, 3, 4, 5, 6, 7)))
    mc = d["monte_carlo"]
    mrows = [r for r in mc["rows"] if r["criterion"] == "gwp"]
    central = {"embedded": total["embedded"]["value"], "use": total["use"]["value"], "total": total["total"]["value"]}
    chart = _svg.range_chart("chart-devices-montecarlo", "Monte Carlo percentiles of the fleet footprint",
                             f"P5 to P95 of {mc['draws']} seeded draws of the fleet's climate footprint, per part.",
                             [{"label": r["part"], "p5": r["p5"], "p50": r["p50"], "p95": r["p95"],
                               "value": central.get(r["part"])} for r in mrows], f"{unit} per year")
    out.append("<h3>Monte Carlo</h3><figure>" + chart + _caption(
        "Monte Carlo", f"{mc['draws']:,} draws, seed {mc['seed']}: P5, P50, P95 of the fleet's footprint in {d['year']}.",
        "triangular distributions on each bounded factor (low, value, high); a factor without bounds does not vary",
        src) + "</figure>")
    out.append(_table(["criterion", "part", "unit", "mean", "P5", "P50", "P95"],
                      [[esc(r["criterion"]), esc(r["part"]), esc(r["unit"]), fmt(r["mean"]), fmt(r["p5"]),
                        fmt(r["p50"]), fmt(r["p95"])] for r in mc["rows"]], numeric=(3, 4, 5, 6)))
    if d.get("notes"):
        out.append(f'<p class="small muted">{esc(d["notes"])}</p>')
    out.append(_methodology(d.get("methodology", [])))
    return "\n".join(out)


_CATEGORY = {"email": "emails", "storage": "storage", "streaming": "streaming", "video_call": "video calls",
             "web_search": "web searches", "download": "downloads"}


def _usage_html(report: Dict[str, Any]) -> str:
    u = report["usage"]
    eq = u["equivalence"]
    items = u["items"]
    out = [f'<h2 id="usage">2. Digital usage{_illustrative_tag(report)}</h2>',
           f'<p>Yearly volumes of use, computed with ADEME\'s ACV numérique models (factor set '
           f'<code>{esc(u["factor_set"])}</code>): <b>{fmt(u["total_kg"])} kg CO2e</b> a year '
           f'[{fmt(u["total_low_kg"])} – {fmt(u["total_high_kg"])}], about {fmt(u["total_equivalent"])} '
           f'{esc(eq["unit"])} ({esc(eq["description"])}).</p>']
    if items:
        cats = [f"{i['label']}" for i in items]
        chart = _svg.hbar_chart("chart-usage", "Usage footprint",
                                "Horizontal bars of the yearly footprint of each usage item, kg CO2e, with sensitivity "
                                "ranges.", cats, [("kg CO2e", [i["kg"] for i in items])], "kg CO2e per year",
                                whiskers=[(i["low_kg"], i["high_kg"]) for i in items], colours=["#009E73"])
        ids = sorted({s for i in items for s in i["sources"]} | set(eq["sources"]))
        out.append("<figure>" + chart + _caption(
            "Usage footprint", "kg CO2e per year; whiskers: sensitivity ranges.",
            "; ".join(sorted({i['range'] for i in items})), _sources_text(report, u["factor_set"], ids)) + "</figure>")
        rows = [[esc(_CATEGORY.get(i["category"], i["category"])), esc(i["label"]),
                 esc(", ".join(f"{k} {fmt(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else v}"
                               for k, v in i["inputs"].items() if v is not None)),
                 fmt(i["kg"]), f"{fmt(i['low_kg'])} – {fmt(i['high_kg'])}", fmt(i["equivalent"])] for i in items]
        out.append(_table(["category", "item", "inputs", "kg CO2e", "range", eq["unit"]], rows, numeric=(3, 4, 5)))
    if u.get("notes"):
        out.append(f'<p class="small muted">{esc(u["notes"])}</p>')
    out.append(_methodology(u.get("methodology", [])))
    return "\n".join(out)


def _web_html(report: Dict[str, Any]) -> str:
    w = report["web"]
    pages = w["pages"]
    out = [f'<h2 id="web">3. Web pages{_illustrative_tag(report)}</h2>',
           f'<p>EcoIndex of {len(pages)} page{"s" if len(pages) != 1 else ""} (flavour <code>{esc(w["flavour"])}</code>) '
           "and the emissions of their data transfer (Sustainable Web Design v4, CO2.js 0.19).</p>"]
    chart = _svg.ecoindex_chart("chart-ecoindex", "EcoIndex grades per page",
                                "Bars of each page's EcoIndex score from 0 to 100, coloured by grade A to G.", pages)
    src = "; ".join(filter(None, [_sources_text(report, "ecoindex", w["sources"]["ecoindex"]),
                                  _sources_text(report, "swd-v4", w["sources"]["swd-v4"])]))
    out.append("<figure>" + chart + _caption("EcoIndex grades", esc(w["licence_note"]), w["uncertainty"], src) +
               "</figure>")
    rows = [[esc(p["name"]) + (f'<br><span class="small muted">{esc(p["url"])}</span>' if p["url"] else ""),
             esc("HAR " + p["har"]["file"] if p["source"] == "har" else "metrics"), fmt(p["dom"], 4),
             fmt(p["requests"], 4), fmt(p["size_kb"], 4), f"<b>{esc(p['grade'])}</b> {fmt(p['score'])}",
             fmt(p["ghg_g"]), fmt(p["water_cl"]), f"{fmt(p['transfer_g'])} ({esc(p['transfer_rating'])})"]
            for p in pages]
    out.append(_table(["page", "from", "DOM", "requests", "kB", "EcoIndex", "g CO2e/view", "cl water/view",
                       "transfer g CO2e/view (SWD v4)"], rows, numeric=(2, 3, 4, 6, 7, 8)))
    out.append(_methodology(w.get("methodology", [])))
    return "\n".join(out)


def _inclusion_html(report: Dict[str, Any]) -> str:
    inc = report["inclusion"]
    out = [f'<h2 id="inclusion">4. Digital inclusion{_illustrative_tag(report)}</h2>']
    if inc.get("shares"):
        rows = [{"label": s["name"], "share": s["share"], "low": s["low"], "high": s["high"],
                 "ref": s["quoted_share"] if s["plan"] else None} for s in inc["shares"]]
        chart = _svg.interval_chart("chart-inclusion-shares", "Shares with their intervals",
                                    "Each share as a dot with its confidence interval.", rows)
        out.append("<h3>Shares</h3><figure>" + chart + _caption(
            "Shares", esc(inc.get("shares_notes", "")),
            "; ".join(sorted({f"{s['method']} {s['level']:.0%} interval on n = {fmt(s['n'], 6)}" for s in inc["shares"]})),
            "") + "</figure>")
    ill = inc.get("illectronism")
    if ill:
        out.append("<h3>People in difficulty with digital tools (synthetic estimate)</h3>")
        out.append(f"<p>National rates by age ({esc(ill['definition'])}: {esc(ill['definition_text'])}) applied to the "
                   f"city's age structure: <b>{fmt(ill['people'])} people</b> aged 15+ "
                   f"({pct(ill['rate'])} of {fmt(ill['population'], 6)}). Source: {esc(ill['source'])}.</p>")
        rows = [[esc(b["name"]), pct(b["rate"], 0), fmt(ill["age_structure"].get(b["name"]), 6),
                 fmt(ill["strata"].get(b["name"]))] for b in ill["bands"]]
        out.append(_table(["age band", "national rate", "inhabitants", "people"], rows, numeric=(1, 2, 3)))
        out.append(f'<p class="small muted">Uncertainty: {esc(ill["uncertainty"])}. {esc(ill.get("notes", ""))}</p>')
    cov = inc.get("coverage")
    if cov:
        out.append("<h3>Access points: coverage and siting</h3>")
        kinds = ", ".join(f"{n} {k}" for k, n in cov["access_points"].items())
        out.append(f"<p>{fmt(cov['inhabitants'], 6)} inhabitants on {cov['cells']:,} grid cells; {esc(kinds)} access "
                   f"points. <b>{pct(cov['share'])}</b> of the inhabitants live within {fmt(cov['radius_m'])} m of one "
                   f"(wifi alone {pct(cov['by_kind']['wifi']['share'])}, free computers "
                   f"{pct(cov['by_kind']['computers']['share'])}, mediation places "
                   f"{pct(cov['by_kind']['mediation']['share'])}).</p>")
        s = cov.get("siting")
        if s:
            labels = [str(i) for i in range(len(s["curve_share"]))]
            chart = _svg.line_chart("chart-coverage-curve", "Coverage curve with new sites",
                                    "Share of inhabitants within reach after each new site picked.", labels,
                                    [("coverage", s["curve_share"])], "share of inhabitants", percent=True,
                                    point_labels=True, x_title="new sites (greedy order)")
            out.append("<figure>" + chart + _caption(
                "Coverage curve", f"{esc(s['method'])}: {s['k']} new sites among {s['candidates']} candidates; "
                f"{pct(s['initial_share'])} → {pct(s['curve_share'][-1])}.", cov["uncertainty"], "") + "</figure>")
        chart = _svg.map_chart("chart-coverage-map", "Map of access points",
                               "Grid cells shaded by inhabitants, existing access points by kind, and the new sites.", cov)
        out.append("<figure>" + chart + _caption(
            "Map of access points", "Grid cells shaded by inhabitants (equirectangular projection); circles: the "
            f"{fmt(cov['radius_m'])} m radius.", "", "") + "</figure>")
        if s:
            rows = [[str(st["step"]), esc(st["name"]), esc(st["kind"]), f"{st['lon']:.5f}, {st['lat']:.5f}",
                     fmt(st["gain"], 4), pct(st["share"])] for st in s["steps"]]
            out.append(_table(["step", "site", "kind", "lon, lat", "people gained", "coverage"], rows, numeric=(0, 4, 5)))
    med = inc.get("mediation")
    if med:
        t = med["totals"]
        out.append("<h3>Digital mediation activity</h3>")
        out.append(f"<p>{esc(med['log'])}: {med['read']:,} reports read, {med['accepted']:,} accepted, "
                   f"{med['rejected']:,} rejected. {t['activities']:,} activities ({t['individual']:,} individual, "
                   f"{t['collective']:,} workshops), {t['accompaniments']:,} accompaniments by {t['advisers']} advisers "
                   f"in {len(med['drop_in_places'])} drop-in places, {t['period_start']} to {t['period_end']}"
                   + (f"; {fmt(t.get('accompaniments_per_1000_per_year'))} accompaniments per 1,000 inhabitants per year"
                      if t.get("accompaniments_per_1000_per_year") is not None else "") + ".</p>")
        months = med["by_month"]
        chart = _svg.vbar_chart("chart-mediation-months", "Mediation activities per month",
                                "Stacked bars of individual and collective activities per month.",
                                [m["month"] for m in months], [("individual", [m["individual"] for m in months]),
                                                               ("workshops", [m["collective"] for m in months])],
                                "activities")
        out.append("<figure>" + chart + _caption("Activities per month", "Individual sessions and workshops.", "", "") +
                   "</figure>")
        rows = [[esc(r["indicator"].replace("_", " ")), pct(r["share"]), f"{pct(r['low'])} – {pct(r['high'])}",
                 fmt(r["numerator"], 6), fmt(r["denominator"], 6)] for r in med["shares"]]
        out.append(_table(["indicator", "share", "95 % interval", "numerator", "denominator"], rows, numeric=(1, 2, 3, 4)))
        rows = [[esc(r["place"]), esc(r["place_type"]), str(r["activities"]), str(r["accompaniments"]),
                 fmt(r["minutes"] / 60.0)] for r in med["by_place"]]
        out.append("<details><summary>By place</summary>" + _table(
            ["place", "type", "activities", "accompaniments", "hours"], rows, numeric=(2, 3, 4)) + "</details>")
        if med["rejections"]:
            rows = [[str(r["row"]), esc(r["field"]), esc(r["value"]), esc(r["message"])] for r in med["rejections"]]
            out.append("<details><summary>Rejected reports</summary>" + _table(["row", "field", "value", "why"], rows) +
                       "</details>")
        out.append(f'<p class="small muted">Uncertainty: {esc(med["uncertainty"])}.</p>')
    out.append(_methodology(inc.get("methodology", [])))
    return "\n".join(out)


def _sensors_html(report: Dict[str, Any]) -> str:
    s = report["sensors"]
    out = [f'<h2 id="sensors">5. City sensors{_illustrative_tag(report)}</h2>',
           f"<p>{s['sensors']:,} sensors, {s['readings']:,} readings ({esc(s['source']['file'])}) from "
           f"{esc(s['period']['start'])} to {esc(s['period']['end'])}; statistics per zone and {esc(s['window'])} "
           f"window ({esc(s['tz'])}), computed with <code>numresp.sensors.aggregate</code>. Quantiles: "
           f"{esc(s['quantile_method'])}.</p>"]
    src = s["source"]
    if src.get("type") == "uplinks":
        out.append(f"<p>LoRaWAN uplinks: {src['received']:,} received, {src['accepted']:,} accepted, "
                   f"{src['duplicates']:,} duplicates (several gateways), {src['rejected']:,} rejected; a sensor is one "
                   "series of a device (device EUI, channel, type).</p>")
    for k, cid in zip(s["kinds"], _sensor_chart_ids(s["kinds"])):
        labels = [w[5:10] if s["window"] in ("day", "week", "month", "1d") else w[5:16].replace("T", " ")
                  for w in k["windows"]]
        series = [(z["zone"], z["mean"]) for z in k["series"]]
        chart = _svg.line_chart(cid, f"Sensors: {k['kind']}, mean per zone and window",
                                f"Lines of the mean reading per {s['window']} for each zone ({k['kind']}, {k['unit']}).",
                                labels, series, f"mean ({k['unit']})" if k["unit"] else "mean")
        out.append(f"<h3>{esc(k['kind'])} ({esc(k['unit'] or 'no unit')})</h3><figure>" + chart + _caption(
            f"{k['kind']}", f"{k['sensors']} sensors, {k['readings']:,} readings; mean per {esc(s['window'])} and zone.",
            s["uncertainty"], "") + "</figure>")
        rows = [[esc(z["zone"]), str(z["sensors"]), f"{z['readings']:,}", fmt(z["mean"]), fmt(z["min"]), fmt(z["max"]),
                 fmt(z["sum"]), fmt(z["p5"]), fmt(z["p50"]), fmt(z["p95"])] for z in k["zones"]]
        out.append(_table(["zone", "sensors", "readings", "mean", "min", "max", "sum", "P5", "P50", "P95"], rows,
                          numeric=tuple(range(1, 10))))
    out.append(_methodology(s.get("methodology", [])))
    return "\n".join(out)


def _fact_check_html(report: Dict[str, Any]) -> str:
    fc = report["fact_check"]
    out = ['<h2 id="fact-check">6. The plan fact-check</h2>',
           f"<p>Each figure {esc(fc['plan'] or 'the plan')} quotes that numresp can recompute: the plan's number, "
           f"today's number and its basis. {esc(fc['notes'])}</p>"]
    rows = []
    for r in fc["rows"]:
        plan = (pct(r["plan_value"], 0) if r["unit"] == "share" else f"{fmt(r['plan_value'], 4)} {esc(r['unit'])}")
        today = (pct(r["today_value"]) if r["unit"] == "share" else f"{fmt(r['today_value'])} {esc(r['unit'])}")
        if r.get("today_low") is not None and r.get("today_high") is not None and r["today_low"] != r["today_high"]:
            today += (f"<br><span class='small muted'>[{pct(r['today_low'])} – {pct(r['today_high'])}]</span>"
                      if r["unit"] == "share" else
                      f"<br><span class='small muted'>[{fmt(r['today_low'])} – {fmt(r['today_high'])}]</span>")
        v = r["verdict"]
        cls = "verdict-ok" if v.lower().startswith(("consistent", "within")) else "verdict-bad"
        tag = ' <span class="tag">ILLUSTRATIVE DATA</span>' if r.get("illustrative_input") else ""
        srcs = [x for x in (r.get("sources") or []) if x not in r["basis"]]
        src = (f"{len(srcs)} factors (see Factors and licences)" if len(srcs) > 3 else ", ".join(srcs))
        rows.append([esc(r["claim"]) + tag, plan, today, "—" if r.get("ratio") is None else fmt(r["ratio"]),
                     f'<span class="{cls} verdict">{esc(v)}</span>',
                     esc(r["basis"]) + (f'<br><span class="small muted">{esc(src)}</span>' if src else "")])
    out.append(_table(["the plan says", "plan", "today", "ratio", "verdict", "basis and sources"], rows,
                      numeric=(1, 2, 3), widths=(23, 13, 14, 6, 27, 17)))
    if fc.get("inputs_from_plan"):
        out.append("<h3>Plan figures used as inputs</h3><ul>")
        for i in fc["inputs_from_plan"]:
            r = i["result"]
            out.append(f"<li>{esc(i['figure'])}: {esc(i['used_as'])} avoids {fmt(r['avoided_kgco2e_per_year'])} kg "
                       f"CO2e a year ({(r['relative_change'] or 0) * 100:+.1f} % of the fleet's net footprint).</li>")
        out.append("</ul>")
    if fc.get("not_recomputed"):
        out.append("<details><summary>Figures of the plan numresp does not recompute, and why</summary>" +
                   _table(["figure", "reason"], [[esc(r["claim"]), esc(r["reason"])] for r in fc["not_recomputed"]]) +
                   "</details>")
    out.append(_methodology(fc.get("methodology", [])))
    return "\n".join(out)


def _factors_html(report: Dict[str, Any]) -> str:
    rows = []
    for r in report.get("factors", []):
        bounds = "" if r.get("low") is None else f"{fmt(r['low'], 4)} – {fmt(r['high'], 4)}"
        rows.append([f"<code>{esc(r['id'])}</code>", esc(r["set"]), fmt(r["value"], 4) if r["value"] is not None else "",
                     bounds, esc(r["unit"]), esc(r["source"]) + (f'<br><span class="small muted">{esc(r["source_url"])}'
                                                                  f"</span>" if r.get("source_url") else ""),
                     esc(r.get("year") or ""), esc(r["licence"]), esc(", ".join(r["used_by"]))])
    ov = report.get("factor_overrides")
    head = ['<h2 id="factors">7. Factors and licences</h2>',
            f"<p>{len(rows)} factors used, licences: {esc(', '.join(report.get('licences', [])))}. Factor sets: "
            + esc(", ".join(f"{k} {v}" for k, v in report.get("factor_sets", {}).items())) + ".</p>"]
    if ov:
        head.append(f"<p>Overridden by the inventory ({esc(ov['source'])}): "
                    + ", ".join(f"<code>{esc(i)}</code>" for i in ov["ids"]) + " (licence <code>user-provided</code>; "
                    "each row's notes give the figure it replaced).</p>")
    return "\n".join(head) + "<details open><summary>Every factor</summary>" + _table(
        ["id", "set", "value", "low – high", "unit", "source", "year", "licence", "used by"], rows, numeric=(2, 3)) + \
        "</details>"


def _inputs_html(report: Dict[str, Any]) -> str:
    inv = report["inventory"]
    rows = [[esc(i["role"]), f"<code>{esc(i['path'])}</code>", f"{i['bytes']:,}", f"<code>{esc(i['sha256'][:16])}…</code>"]
            for i in inv["inputs"]]
    return ('<h2 id="inputs">8. Inputs</h2>'
            f"<p>Inventory <code>{esc(inv['file'])}</code> (SHA-256 <code>{esc(inv['sha256'][:16])}…</code>) and the files "
            "it references:</p>" + _table(["role", "file", "bytes", "SHA-256"], rows, numeric=(2,)))


def _summary_cards(report: Dict[str, Any]) -> str:
    cards = []
    d = report.get("devices")
    if d:
        t = d["total"]["criteria"]["gwp"]["total"]
        cards.append((f"{fmt(t['value'] / 1000.0)} t CO2e", f"device fleet, {d['year']} [{fmt(t['low'] / 1000.0)} – "
                                                              f"{fmt(t['high'] / 1000.0)}]"))
        best = min((s for s in d["scenarios"] if s["name"] != "baseline"),
                   key=lambda s: s["criteria"]["gwp"]["relative_change"] or 0.0, default=None)
        if best:
            cards.append((f"{(best['criteria']['gwp']['relative_change'] or 0) * 100:+.1f} %",
                          f"best scenario: {best['name']}"))
    u = report.get("usage")
    if u:
        cards.append((f"{fmt(u['total_kg'] / 1000.0)} t CO2e", "digital usage a year"))
    w = report.get("web")
    if w:
        grades = "".join(p["grade"] for p in w["pages"])
        cards.append((grades, f"EcoIndex grades of {len(w['pages'])} pages"))
    cov = report.get("inclusion", {}).get("coverage")
    if cov:
        s = cov.get("siting")
        cards.append((pct(cov["share"]), f"inhabitants within {fmt(cov['radius_m'])} m of an access point"
                      + (f"; {pct(s['curve_share'][-1])} with {s['k']} new sites" if s else "")))
    ill = report.get("inclusion", {}).get("illectronism")
    if ill:
        cards.append((fmt(ill["people"]), "people in difficulty (synthetic estimate)"))
    sn = report.get("sensors")
    if sn:
        cards.append((f"{sn['readings']:,}", f"sensor readings from {sn['sensors']} sensors"))
    fc = report.get("fact_check")
    if fc:
        email = next((r for r in fc["rows"] if r["id"] == "email_20_a_day_1000_km"), None)
        if email:
            cards.append((f"{fmt(email['today_value'])} km", "not 1,000 km: 20 emails a day for a year, today"))
    return '<div class="cards">' + "".join(f"<div class='card'><b>{esc(a)}</b><span>{esc(b)}</span></div>"
                                            for a, b in cards) + "</div>"


def render_html(report: Dict[str, Any]) -> str:
    """The report as one self-contained HTML page (inline CSS and SVG; nothing loaded from anywhere)."""
    city = report["city"]
    title = f"numresp report: {city.get('name', '')}"
    sections = []
    nav = []
    for key, label, fn in (("devices", "Device fleet", _devices_html), ("usage", "Digital usage", _usage_html),
                           ("web", "Web pages", _web_html), ("inclusion", "Digital inclusion", _inclusion_html),
                           ("sensors", "City sensors", _sensors_html)):
        if key in report:
            sections.append(fn(report))
            nav.append((key, label))
    sections.append(_fact_check_html(report))
    nav.append(("fact-check", "The plan fact-check"))
    sections.append(_factors_html(report))
    nav.append(("factors", "Factors and licences"))
    sections.append(_inputs_html(report))
    nav.append(("inputs", "Inputs"))
    banner = ""
    if report.get("illustrative"):
        banner = (f'<div class="banner" role="note">ILLUSTRATIVE DATA — not a real inventory.'
                  f'<small>{esc(report.get("illustrative_notice", ""))} {esc(city.get("notes", ""))}</small></div>')
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(title)}{' (ILLUSTRATIVE)' if report.get('illustrative') else ''}</title>",
        f"<style>{CSS}</style></head><body><main>",
        f"<h1>{esc(city.get('name', ''))}{_illustrative_tag(report)}</h1>",
        f'<p class="lead">Responsible-digital scorecard computed by numresp {esc(report["numresp_version"])}'
        + (f" for {fmt(city['population'], 6)} inhabitants" if city.get("population") else "") + ".</p>",
        banner,
        _summary_cards(report),
        "<nav><ol>" + "".join(f'<li><a href="#{k}">{esc(v)}</a></li>' for k, v in nav) + "</ol></nav>",
        *sections,
        f'<footer>Generated by numresp {esc(report["numresp_version"])} from <code>{esc(report["inventory"]["file"])}'
        f"</code>. Every number carries its source: see Factors and licences. Format {esc(report['format'])}."
        + (" ILLUSTRATIVE data." if report.get("illustrative") else "") + "</footer>",
        "</main></body></html>",
    ]
    return "\n".join(p for p in parts if p) + "\n"


# -- Markdown ------------------------------------------------------------------------------------------


def render_markdown(report: Dict[str, Any]) -> str:
    """A short Markdown summary: key numbers and the fact-check."""
    city = report["city"]
    lines = [f"# numresp report: {city.get('name', '')}", ""]
    if report.get("illustrative"):
        lines += [f"> **{report.get('illustrative_notice', '')}**", ""]
    lines += [f"numresp {report['numresp_version']}, inventory `{report['inventory']['file']}` "
              f"(SHA-256 `{report['inventory']['sha256'][:16]}…`).", "", "## Key figures", ""]
    d = report.get("devices")
    if d:
        t = d["total"]["criteria"]["gwp"]
        lines.append(f"- **Device fleet** ({fmt(d['devices'], 4)} devices, {d['factor_set']}, {d['year']}): "
                     f"{fmt(t['total']['value'])} kg CO2e a year [{fmt(t['total']['low'])} – {fmt(t['total']['high'])}] "
                     f"(embedded {fmt(t['embedded']['value'])}, use {fmt(t['use']['value'])}).")
        mc = next((r for r in d["monte_carlo"]["rows"] if r["criterion"] == "gwp" and r["part"] == "total"), None)
        if mc:
            lines.append(f"  Monte Carlo ({d['monte_carlo']['draws']:,} draws): P5 {fmt(mc['p5'])}, P50 {fmt(mc['p50'])}, "
                         f"P95 {fmt(mc['p95'])}.")
        for s in d["scenarios"]:
            if s["name"] != "baseline":
                g = s["criteria"]["gwp"]
                lines.append(f"  - {s['name']}: net {fmt(g['net'])} kg CO2e "
                             f"({(g['relative_change'] or 0) * 100:+.1f} %)")
    u = report.get("usage")
    if u:
        lines.append(f"- **Digital usage**: {fmt(u['total_kg'])} kg CO2e a year [{fmt(u['total_low_kg'])} – "
                     f"{fmt(u['total_high_kg'])}], about {fmt(u['total_equivalent'])} {u['equivalence']['unit']} "
                     f"({u['equivalence']['description']}).")
    w = report.get("web")
    if w:
        lines.append("- **Web pages** (EcoIndex): " + ", ".join(f"{p['name']} {p['grade']} ({fmt(p['score'])})"
                                                                 for p in w["pages"]) + ".")
    inc = report.get("inclusion", {})
    for s in inc.get("shares", []):
        lines.append(f"- {s['name']}: {pct(s['share'])} [{pct(s['low'])} – {pct(s['high'])}], n = {fmt(s['n'], 6)}.")
    if inc.get("illectronism"):
        ill = inc["illectronism"]
        lines.append(f"- **People in difficulty** (synthetic estimate, {ill['definition']}): {fmt(ill['people'])} "
                     f"({pct(ill['rate'])} of {fmt(ill['population'], 6)} aged 15+).")
    cov = inc.get("coverage")
    if cov:
        s = cov.get("siting")
        lines.append(f"- **Coverage**: {pct(cov['share'])} of {fmt(cov['inhabitants'], 6)} inhabitants within "
                     f"{fmt(cov['radius_m'])} m of an access point" +
                     (f"; {pct(s['curve_share'][-1])} with {s['k']} new sites." if s else "."))
    med = inc.get("mediation")
    if med:
        t = med["totals"]
        lines.append(f"- **Mediation**: {t['activities']:,} activities, {t['accompaniments']:,} accompaniments, "
                     f"{t['advisers']} advisers, {len(med['drop_in_places'])} drop-in places "
                     f"({med['rejected']} reports rejected).")
    sn = report.get("sensors")
    if sn:
        lines.append(f"- **Sensors**: {sn['sensors']} sensors, {sn['readings']:,} readings, "
                     + ", ".join(f"{k['kind']} ({len(k['zones'])} zones)" for k in sn["kinds"]) + ".")
    fc = report.get("fact_check")
    if fc and fc["rows"]:
        lines += ["", "## The plan fact-check", "", "| the plan says | plan | today | verdict |", "|---|---|---|---|"]
        for r in fc["rows"]:
            plan = pct(r["plan_value"], 0) if r["unit"] == "share" else f"{fmt(r['plan_value'], 4)} {r['unit']}"
            today = pct(r["today_value"]) if r["unit"] == "share" else f"{fmt(r['today_value'])} {r['unit']}"
            flag = " (illustrative data)" if r.get("illustrative_input") else ""
            lines.append(f"| {_md(r['claim'])}{flag} | {plan} | {today} | {_md(r['verdict'])} |")
    lines += ["", f"Licences of the factors: {', '.join(report.get('licences', []))}. The full figures are in "
                  "`report.json`, the charts and sources in `report.html`.", ""]
    return "\n".join(lines)


def _md(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")
