"""Inline SVG charts, written by hand: no library, no fonts, no external resource.

Every chart is one ``<svg>`` element with an ``id``, a ``<title>`` and a ``<desc>`` (screen
readers), sized by its ``viewBox`` so it scales with the page. Colours are the Okabe-Ito
colour-blind-safe palette; EcoIndex grades use their usual colours.
"""

from __future__ import annotations

import html
import math
from typing import Any, Dict, List, Optional, Sequence, Tuple

PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
GRADE_COLOURS = {"A": "#349A47", "B": "#51B84B", "C": "#CADB2A", "D": "#F6EB15", "E": "#FECD06", "F": "#F99839",
                 "G": "#ED2124"}
KIND_STYLE = {"wifi": ("#0072B2", "circle"), "computers": ("#009E73", "square"), "mediation": ("#CC79A7", "triangle")}
FONT = 12


def esc(text: Any) -> str:
    return html.escape(str(text), quote=True)


def fmt(x: Optional[float], digits: int = 3) -> str:
    """A number for people: thousands separators, ``digits`` significant figures, n/a for None."""
    if x is None or (isinstance(x, float) and not math.isfinite(x)):
        return "n/a"
    if x == 0:
        return "0"
    mag = math.floor(math.log10(abs(x)))
    decimals = max(0, digits - 1 - mag)
    text = f"{x:,.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def pct(x: Optional[float], digits: int = 1) -> str:
    return "n/a" if x is None else f"{x * 100:.{digits}f} %"


def nice_ticks(lo: float, hi: float, n: int = 5) -> List[float]:
    if hi <= lo:
        hi = lo + 1.0
    raw = (hi - lo) / n
    mag = 10 ** math.floor(math.log10(raw))
    step = min((s * mag for s in (1, 2, 2.5, 5, 10) if s * mag >= raw), default=10 * mag)
    start = math.floor(lo / step) * step
    ticks = []
    t = start
    while t <= hi + step * 1e-9:
        ticks.append(round(t, 12))
        t += step
    if ticks[-1] < hi:
        ticks.append(round(t, 12))
    return ticks


def _open(chart_id: str, width: int, height: int, title: str, desc: str) -> List[str]:
    return [f'<svg id="{esc(chart_id)}" class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
            f'width="{width}" height="{height}" role="img" aria-labelledby="{esc(chart_id)}-t {esc(chart_id)}-d" '
            f'font-family="system-ui, -apple-system, Segoe UI, Roboto, sans-serif" font-size="{FONT}">',
            f'<title id="{esc(chart_id)}-t">{esc(title)}</title>', f'<desc id="{esc(chart_id)}-d">{esc(desc)}</desc>']


def _text(x: float, y: float, text: str, anchor: str = "start", size: int = FONT, weight: str = "normal",
          fill: str = "#222", extra: str = "") -> str:
    return (f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="{size}" font-weight="{weight}" '
            f'fill="{fill}"{extra}>{esc(text)}</text>')


def _legend(items: Sequence[Tuple[str, str]], x: float, y: float, shape: str = "rect") -> List[str]:
    out = []
    cx = x
    for label, colour in items:
        if shape == "line":
            out.append(f'<line x1="{cx:.1f}" y1="{y - 4:.1f}" x2="{cx + 14:.1f}" y2="{y - 4:.1f}" stroke="{colour}" '
                       f'stroke-width="3"/>')
        else:
            out.append(f'<rect x="{cx:.1f}" y="{y - 10:.1f}" width="12" height="12" fill="{colour}"/>')
        out.append(_text(cx + 18, y, label))
        cx += 34 + 7.2 * len(label)
    return out


def hbar_chart(chart_id: str, title: str, desc: str, categories: Sequence[str],
               series: Sequence[Tuple[str, Sequence[Optional[float]]]], unit: str, *,
               whiskers: Optional[Sequence[Tuple[Optional[float], Optional[float]]]] = None,
               markers: Optional[Sequence[Tuple[Optional[float], str]]] = None, marker_name: str = "",
               colours: Optional[Sequence[str]] = None, width: int = 760,
               value_labels: Optional[Sequence[str]] = None) -> str:
    """Horizontal stacked bars, one row per category, with optional low-high whiskers on the
    stack's end and optional markers (a diamond with a label)."""
    colours = list(colours or PALETTE)
    row_h = 26
    top = 34 if len(series) > 1 or markers else 14
    height = top + row_h * len(categories) + 40
    totals = []
    for i in range(len(categories)):
        totals.append(sum(v[i] or 0.0 for _, v in series))
    # Room for the longest category on the left and the longest value label on the right.
    label_width = int(min(max(7.0 * max([len(c) for c in categories] + [4]) + 16, 80), 340))
    right_labels = list(value_labels) if value_labels else [m[1] for m in markers] if markers else [fmt(t) for t in totals]
    right = int(min(max(6.6 * max([len(x) for x in right_labels] + [4]) + 24, 60), 240))
    plot_w = width - label_width - right
    hi = max([t for t in totals] + [w[1] or 0.0 for w in (whiskers or [])] +
             [m[0] or 0.0 for m in (markers or [])] + [0.0])
    lo = min([0.0] + [m[0] or 0.0 for m in (markers or [])])
    ticks = nice_ticks(lo, hi if hi > lo else lo + 1)
    x0, x1 = ticks[0], ticks[-1]

    def sx(v: float) -> float:
        return label_width + (v - x0) / (x1 - x0) * plot_w

    out = _open(chart_id, width, height, title, desc)
    legend = [(name, colours[i % len(colours)]) for i, (name, _) in enumerate(series)] if len(series) > 1 else []
    if markers:
        legend.append((marker_name or "marker", "#000"))
    if legend:
        out += _legend(legend, label_width, 16)
    bottom = top + row_h * len(categories)
    for t in ticks:
        x = sx(t)
        out.append(f'<line x1="{x:.1f}" y1="{top - 4}" x2="{x:.1f}" y2="{bottom}" stroke="#ddd"/>')
        out.append(_text(x, bottom + 16, fmt(t), "middle", 11, fill="#555"))
    out.append(_text(label_width + plot_w / 2, bottom + 32, unit, "middle", 11, fill="#555"))
    for i, cat in enumerate(categories):
        y = top + i * row_h
        out.append(_text(label_width - 8, y + row_h / 2 + 4, cat, "end"))
        start = 0.0
        for j, (name, values) in enumerate(series):
            v = values[i]
            if v is None or v == 0:
                continue
            xa, xb = sx(start), sx(start + v)
            out.append(f'<rect x="{min(xa, xb):.1f}" y="{y + 4}" width="{abs(xb - xa):.1f}" height="{row_h - 8}" '
                       f'fill="{colours[j % len(colours)]}"><title>{esc(cat)}, {esc(name)}: {esc(fmt(v))} '
                       f'{esc(unit)}</title></rect>')
            start += v
        if whiskers and whiskers[i][0] is not None and whiskers[i][1] is not None and whiskers[i][1] > whiskers[i][0]:
            a, b = sx(whiskers[i][0]), sx(whiskers[i][1])
            ym = y + row_h / 2
            out.append(f'<path d="M{a:.1f} {ym:.1f}H{b:.1f}M{a:.1f} {ym - 6:.1f}V{ym + 6:.1f}M{b:.1f} {ym - 6:.1f}'
                       f'V{ym + 6:.1f}" stroke="#111" stroke-width="1.4" fill="none"/>')
        label = value_labels[i] if value_labels else fmt(totals[i])
        if markers and markers[i][0] is not None:
            mx = sx(markers[i][0])
            ym = y + row_h / 2
            out.append(f'<path d="M{mx:.1f} {ym - 7:.1f}l6 7l-6 7l-6 -7z" fill="#000"><title>{esc(cat)}: '
                       f'{esc(markers[i][1])}</title></path>')
            label = markers[i][1]
        end = max(sx(totals[i]), sx(whiskers[i][1]) if whiskers and whiskers[i][1] is not None else 0,
                  sx(markers[i][0]) + 8 if markers and markers[i][0] is not None else 0)
        out.append(_text(end + 6, y + row_h / 2 + 4, label, "start", 11, fill="#333"))
    out.append(f'<line x1="{sx(0):.1f}" y1="{top - 4}" x2="{sx(0):.1f}" y2="{bottom}" stroke="#333"/>')
    out.append("</svg>")
    return "\n".join(out)


def range_chart(chart_id: str, title: str, desc: str, rows: Sequence[Dict[str, Any]], unit: str,
                width: int = 760) -> str:
    """Intervals: per row a bar from ``p5`` to ``p95``, a tick at ``p50`` and a dot at ``value``."""
    label_width = 160
    row_h = 30
    top = 30
    height = top + row_h * len(rows) + 40
    plot_w = width - label_width - 150
    vals = [v for r in rows for v in (r.get("p5"), r.get("p95"), r.get("value")) if v is not None]
    lo, hi = (min(vals), max(vals)) if vals else (0.0, 1.0)
    pad = (hi - lo) * 0.1 or abs(hi) * 0.1 or 1.0
    ticks = nice_ticks(max(0.0, lo - pad) if lo >= 0 else lo - pad, hi + pad)
    x0, x1 = ticks[0], ticks[-1]

    def sx(v: float) -> float:
        return label_width + (v - x0) / (x1 - x0) * plot_w

    out = _open(chart_id, width, height, title, desc)
    out += _legend([("P5-P95", "#56B4E9"), ("P50", "#0072B2")], label_width, 16)
    out.append(f'<circle cx="{label_width + 190}" cy="12" r="5" fill="#D55E00"/>')
    out.append(_text(label_width + 200, 16, "central value"))
    bottom = top + row_h * len(rows)
    for t in ticks:
        x = sx(t)
        out.append(f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{bottom}" stroke="#ddd"/>')
        out.append(_text(x, bottom + 16, fmt(t), "middle", 11, fill="#555"))
    out.append(_text(label_width + plot_w / 2, bottom + 32, unit, "middle", 11, fill="#555"))
    for i, r in enumerate(rows):
        y = top + i * row_h + row_h / 2
        out.append(_text(label_width - 8, y + 4, r["label"], "end"))
        if r.get("p5") is not None and r.get("p95") is not None:
            a, b = sx(r["p5"]), sx(r["p95"])
            out.append(f'<rect x="{a:.1f}" y="{y - 7:.1f}" width="{max(b - a, 1.5):.1f}" height="14" fill="#56B4E9">'
                       f'<title>{esc(r["label"])}: P5 {esc(fmt(r["p5"]))}, P95 {esc(fmt(r["p95"]))}</title></rect>')
        if r.get("p50") is not None:
            m = sx(r["p50"])
            out.append(f'<line x1="{m:.1f}" y1="{y - 9:.1f}" x2="{m:.1f}" y2="{y + 9:.1f}" stroke="#0072B2" '
                       f'stroke-width="3"/>')
        if r.get("value") is not None:
            out.append(f'<circle cx="{sx(r["value"]):.1f}" cy="{y:.1f}" r="4.5" fill="#D55E00"/>')
        out.append(_text(label_width + plot_w + 10, y + 4,
                         f"{fmt(r.get('p5'))} – {fmt(r.get('p95'))}", "start", 11, fill="#333"))
    out.append("</svg>")
    return "\n".join(out)


def ecoindex_chart(chart_id: str, title: str, desc: str, pages: Sequence[Dict[str, Any]], width: int = 760) -> str:
    """Scores 0-100 as bars coloured by grade, on the grade bands."""
    label_width = int(min(max(7.0 * max([len(p["name"]) for p in pages] + [4]) + 16, 80), 340))
    row_h = 28
    top = 30
    height = top + row_h * len(pages) + 40
    plot_w = width - label_width - 110
    thresholds = [("G", 0, 10), ("F", 10, 25), ("E", 25, 40), ("D", 40, 55), ("C", 55, 70), ("B", 70, 80), ("A", 80, 100)]

    def sx(v: float) -> float:
        return label_width + v / 100.0 * plot_w

    out = _open(chart_id, width, height, title, desc)
    bottom = top + row_h * len(pages)
    for grade, a, b in thresholds:
        out.append(f'<rect x="{sx(a):.1f}" y="{top - 16}" width="{sx(b) - sx(a):.1f}" height="12" '
                   f'fill="{GRADE_COLOURS[grade]}"/>')
        out.append(_text((sx(a) + sx(b)) / 2, top - 6, grade, "middle", 10, "bold"))
        out.append(f'<line x1="{sx(a):.1f}" y1="{top - 4}" x2="{sx(a):.1f}" y2="{bottom}" stroke="#e3e3e3"/>')
    for t in (0, 20, 40, 60, 80, 100):
        out.append(_text(sx(t), bottom + 16, str(t), "middle", 11, fill="#555"))
    out.append(_text(label_width + plot_w / 2, bottom + 32, "EcoIndex score (0-100, higher is better)", "middle", 11,
                     fill="#555"))
    for i, p in enumerate(pages):
        y = top + i * row_h
        out.append(_text(label_width - 8, y + row_h / 2 + 4, p["name"], "end"))
        colour = GRADE_COLOURS.get(p["grade"], "#999")
        out.append(f'<rect x="{sx(0):.1f}" y="{y + 4}" width="{sx(p["score"]) - sx(0):.1f}" height="{row_h - 8}" '
                   f'fill="{colour}" stroke="#555" stroke-width="0.5"><title>{esc(p["name"])}: {esc(fmt(p["score"]))} '
                   f'({esc(p["grade"])})</title></rect>')
        out.append(_text(sx(p["score"]) + 6, y + row_h / 2 + 4, f"{p['grade']}  {fmt(p['score'])}", "start", 12, "bold"))
    out.append("</svg>")
    return "\n".join(out)


def line_chart(chart_id: str, title: str, desc: str, x_labels: Sequence[str],
               series: Sequence[Tuple[str, Sequence[Optional[float]]]], y_unit: str, *, percent: bool = False,
               width: int = 760, height: int = 300, x_title: str = "", point_labels: bool = False,
               y_min: Optional[float] = None) -> str:
    """Lines over categorical x positions (dates, steps); gaps where a value is None."""
    left, right, top, bottom_pad = 64, 20, 34, 48
    plot_w = width - left - right
    plot_h = height - top - bottom_pad
    vals = [v for _, s in series for v in s if v is not None]
    lo, hi = (min(vals), max(vals)) if vals else (0.0, 1.0)
    if y_min is not None:
        lo = min(lo, y_min)
    ticks = nice_ticks(lo, hi if hi > lo else lo + 1)
    y0, y1 = ticks[0], ticks[-1]
    n = max(len(x_labels), 2)

    def sx(i: int) -> float:
        return left + i / (n - 1) * plot_w

    def sy(v: float) -> float:
        return top + plot_h - (v - y0) / (y1 - y0) * plot_h

    out = _open(chart_id, width, height, title, desc)
    if len(series) > 1:
        out += _legend([(name, PALETTE[i % len(PALETTE)]) for i, (name, _) in enumerate(series)], left, 16, "line")
    for t in ticks:
        y = sy(t)
        out.append(f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" stroke="#e3e3e3"/>')
        out.append(_text(left - 6, y + 4, pct(t, 0) if percent else fmt(t), "end", 11, fill="#555"))
    out.append(_text(14, top + plot_h / 2, y_unit, "middle", 11, fill="#555",
                     extra=f' transform="rotate(-90 14 {top + plot_h / 2:.1f})"'))
    every = max(1, math.ceil(len(x_labels) / 12))
    for i, lab in enumerate(x_labels):
        if i % every == 0 or i == len(x_labels) - 1:
            out.append(_text(sx(i), top + plot_h + 16, lab, "middle", 10, fill="#555"))
    if x_title:
        out.append(_text(left + plot_w / 2, height - 8, x_title, "middle", 11, fill="#555"))
    for j, (name, values) in enumerate(series):
        colour = PALETTE[j % len(PALETTE)]
        d = []
        pen = "M"
        for i, v in enumerate(values):
            if v is None:
                pen = "M"
                continue
            d.append(f"{pen}{sx(i):.1f} {sy(v):.1f}")
            pen = "L"
        if d:
            out.append(f'<path d="{" ".join(d)}" fill="none" stroke="{colour}" stroke-width="2"><title>{esc(name)}'
                       f'</title></path>')
        if point_labels:
            for i, v in enumerate(values):
                if v is not None:
                    out.append(f'<circle cx="{sx(i):.1f}" cy="{sy(v):.1f}" r="3.5" fill="{colour}"><title>'
                               f'{esc(x_labels[i])}: {esc(pct(v) if percent else fmt(v))}</title></circle>')
                    out.append(_text(sx(i), sy(v) - 8, pct(v, 1) if percent else fmt(v), "middle", 10, fill="#333"))
    out.append("</svg>")
    return "\n".join(out)


def vbar_chart(chart_id: str, title: str, desc: str, labels: Sequence[str],
               series: Sequence[Tuple[str, Sequence[float]]], y_unit: str, width: int = 760, height: int = 280) -> str:
    """Vertical stacked bars (e.g. activities per month, individual and collective)."""
    left, right, top, bottom_pad = 56, 16, 34, 44
    plot_w = width - left - right
    plot_h = height - top - bottom_pad
    totals = [sum(s[i] for _, s in series) for i in range(len(labels))]
    ticks = nice_ticks(0.0, max(totals + [1.0]))
    y1 = ticks[-1]
    bw = plot_w / max(len(labels), 1)

    def sy(v: float) -> float:
        return top + plot_h - v / y1 * plot_h

    out = _open(chart_id, width, height, title, desc)
    if len(series) > 1:
        out += _legend([(name, PALETTE[i % len(PALETTE)]) for i, (name, _) in enumerate(series)], left, 16)
    for t in ticks:
        out.append(f'<line x1="{left}" y1="{sy(t):.1f}" x2="{left + plot_w}" y2="{sy(t):.1f}" stroke="#e3e3e3"/>')
        out.append(_text(left - 6, sy(t) + 4, fmt(t), "end", 11, fill="#555"))
    out.append(_text(14, top + plot_h / 2, y_unit, "middle", 11, fill="#555",
                     extra=f' transform="rotate(-90 14 {top + plot_h / 2:.1f})"'))
    for i, lab in enumerate(labels):
        x = left + i * bw
        base = 0.0
        for j, (name, s) in enumerate(series):
            v = s[i]
            if v:
                out.append(f'<rect x="{x + bw * 0.15:.1f}" y="{sy(base + v):.1f}" width="{bw * 0.7:.1f}" '
                           f'height="{sy(base) - sy(base + v):.1f}" fill="{PALETTE[j % len(PALETTE)]}"><title>'
                           f'{esc(lab)}, {esc(name)}: {esc(fmt(v))}</title></rect>')
            base += v
        out.append(_text(x + bw / 2, top + plot_h + 16, lab, "middle", 10, fill="#555"))
    out.append("</svg>")
    return "\n".join(out)


def interval_chart(chart_id: str, title: str, desc: str, rows: Sequence[Dict[str, Any]], width: int = 760) -> str:
    """Shares with their intervals (0-100 %): a dot, a whisker, and an optional reference mark
    (``ref``, e.g. the plan's figure)."""
    label_width = int(min(max(7.0 * max([len(r["label"]) for r in rows] + [4]) + 16, 80), 340))
    row_h = 30
    top = 30
    height = top + row_h * len(rows) + 40
    plot_w = width - label_width - 170
    hi = max([r["high"] for r in rows if r.get("high") is not None] + [r.get("ref") or 0 for r in rows] + [0.1])
    ticks = nice_ticks(0.0, min(1.0, hi * 1.1))
    x1 = ticks[-1]

    def sx(v: float) -> float:
        return label_width + v / x1 * plot_w

    out = _open(chart_id, width, height, title, desc)
    out.append(f'<circle cx="{label_width + 6}" cy="12" r="5" fill="#0072B2"/>')
    out.append(_text(label_width + 16, 16, "share with its 95 % interval"))
    if any(r.get("ref") is not None for r in rows):
        out.append(f'<path d="M{label_width + 240} 5v14" stroke="#D55E00" stroke-width="3"/>')
        out.append(_text(label_width + 248, 16, "the plan's figure"))
    bottom = top + row_h * len(rows)
    for t in ticks:
        out.append(f'<line x1="{sx(t):.1f}" y1="{top}" x2="{sx(t):.1f}" y2="{bottom}" stroke="#e3e3e3"/>')
        out.append(_text(sx(t), bottom + 16, pct(t, 0), "middle", 11, fill="#555"))
    for i, r in enumerate(rows):
        y = top + i * row_h + row_h / 2
        out.append(_text(label_width - 8, y + 4, r["label"], "end"))
        if r.get("low") is not None and r.get("high") is not None:
            a, b = sx(r["low"]), sx(r["high"])
            out.append(f'<path d="M{a:.1f} {y:.1f}H{b:.1f}M{a:.1f} {y - 6:.1f}V{y + 6:.1f}M{b:.1f} {y - 6:.1f}'
                       f'V{y + 6:.1f}" stroke="#0072B2" stroke-width="1.6" fill="none"/>')
        out.append(f'<circle cx="{sx(r["share"]):.1f}" cy="{y:.1f}" r="5" fill="#0072B2"><title>{esc(r["label"])}: '
                   f'{esc(pct(r["share"]))} [{esc(pct(r.get("low")))}, {esc(pct(r.get("high")))}]</title></circle>')
        if r.get("ref") is not None:
            out.append(f'<path d="M{sx(r["ref"]):.1f} {y - 9:.1f}V{y + 9:.1f}" stroke="#D55E00" stroke-width="3"/>')
        out.append(_text(label_width + plot_w + 10, y + 4, f"{pct(r['share'])} [{pct(r.get('low'))}, "
                                                            f"{pct(r.get('high'))}]", "start", 11, fill="#333"))
    out.append("</svg>")
    return "\n".join(out)


def map_chart(chart_id: str, title: str, desc: str, cov: Dict[str, Any], width: int = 760) -> str:
    """The grid of inhabitants (cells shaded by inhabitants, covered cells outlined), the existing
    access points by kind with their radius, and the new sites numbered in the order picked."""
    m = cov["map"]
    lon0, lat0, lon1, lat1 = m["bbox"]
    mid = math.radians((lat0 + lat1) / 2)
    kx = math.cos(mid)
    cells = m["cells"]
    # Cell size: the smallest step between distinct longitudes / latitudes.
    def step(values: List[float]) -> float:
        u = sorted(set(values))
        d = [b - a for a, b in zip(u, u[1:]) if b - a > 1e-7]
        return min(d) if d else 0.002

    dlon = step([c[0] for c in cells])
    dlat = step([c[1] for c in cells])
    lon0 -= dlon
    lon1 += dlon
    lat0 -= dlat
    lat1 += dlat
    legend_h = 40
    plot_w = width - 20
    scale = plot_w / ((lon1 - lon0) * kx)
    plot_h = (lat1 - lat0) * scale
    height = int(plot_h + legend_h + 30)

    def px(lon: float) -> float:
        return 10 + (lon - lon0) * kx * scale

    def py(lat: float) -> float:
        return legend_h + (lat1 - lat) * scale

    out = _open(chart_id, width, height, title, desc)
    wmax = max([c[2] for c in cells] + [1.0])
    cw, ch = dlon * kx * scale, dlat * scale
    out.append('<g class="cells">')
    for lon, lat, w, covered in cells:
        a = 0.08 + 0.85 * math.sqrt(w / wmax)
        stroke = ' stroke="#009E73" stroke-width="0.6"' if covered else ""
        out.append(f'<rect x="{px(lon) - cw / 2:.1f}" y="{py(lat) - ch / 2:.1f}" width="{cw:.1f}" height="{ch:.1f}" '
                   f'fill="#6a51a3" fill-opacity="{a:.2f}"{stroke}/>')
    out.append("</g>")
    r_px = cov["radius_m"] / 111_195.0 * scale
    out.append('<g class="access-points">')
    for lon, lat, kind, name in m["points"]:
        colour, shape = KIND_STYLE.get(kind, ("#000", "circle"))
        x, y = px(lon), py(lat)
        if kind in cov.get("existing_kinds", []):
            out.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r_px:.1f}" fill="none" stroke="{colour}" '
                       f'stroke-opacity="0.45" stroke-width="0.8"/>')
        tip = f"<title>{esc(kind)}: {esc(name)}</title>"
        if shape == "square":
            out.append(f'<rect x="{x - 4:.1f}" y="{y - 4:.1f}" width="8" height="8" fill="{colour}" stroke="#fff" '
                       f'stroke-width="0.8">{tip}</rect>')
        elif shape == "triangle":
            out.append(f'<path d="M{x:.1f} {y - 5.5:.1f}l5 9h-10z" fill="{colour}" stroke="#fff" stroke-width="0.8">'
                       f'{tip}</path>')
        else:
            out.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{colour}" stroke="#fff" stroke-width="0.8">'
                       f'{tip}</circle>')
    out.append("</g>")
    out.append('<g class="new-sites">')
    for lon, lat, stepn in m["new_sites"]:
        x, y = px(lon), py(lat)
        out.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r_px:.1f}" fill="#E69F00" fill-opacity="0.12" '
                   f'stroke="#E69F00" stroke-width="1" stroke-dasharray="3 2"/>')
        out.append(f'<path d="M{x:.1f} {y - 7:.1f}l7 7l-7 7l-7 -7z" fill="#E69F00" stroke="#000" stroke-width="0.8">'
                   f'<title>new site {stepn}</title></path>')
        out.append(_text(x, y + 4, str(stepn), "middle", 9, "bold", "#000"))
    out.append("</g>")
    # Legend and scale bar.
    items = [("inhabitants (darker: more)", "#6a51a3")]
    out += _legend(items, 10, 16)
    lx = 220
    for kind, (colour, shape) in KIND_STYLE.items():
        if shape == "square":
            out.append(f'<rect x="{lx}" y="7" width="9" height="9" fill="{colour}"/>')
        elif shape == "triangle":
            out.append(f'<path d="M{lx + 5} 6l5 9h-10z" fill="{colour}"/>')
        else:
            out.append(f'<circle cx="{lx + 5}" cy="11" r="4.5" fill="{colour}"/>')
        out.append(_text(lx + 14, 16, kind))
        lx += 30 + 7 * len(kind)
    out.append(f'<path d="M{lx + 5} 4l7 7l-7 7l-7 -7z" fill="#E69F00" stroke="#000" stroke-width="0.8"/>')
    out.append(_text(lx + 16, 16, "new site (order picked)"))
    out.append(_text(10, 34, f"circles: {fmt(cov['radius_m'])} m radius; green outline: cell within reach", "start",
                     10, fill="#555"))
    km_px = 1000.0 / 111_195.0 * scale
    y = height - 12
    out.append(f'<path d="M{width - 20 - km_px:.1f} {y}h{km_px:.1f}M{width - 20 - km_px:.1f} {y - 4}v8M{width - 20:.1f} '
               f'{y - 4}v8" stroke="#000" stroke-width="1.5"/>')
    out.append(_text(width - 20 - km_px / 2, y - 6, "1 km", "middle", 10))
    out.append("</svg>")
    return "\n".join(out)
