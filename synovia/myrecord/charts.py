"""A score over time as a server-drawn SVG: points joined by a line, over the score's
published activity bands shaded from remission (light) to high (dark).

A single measurement still shows its point (in the middle of the time axis). Numbers and
escaped labels only; no JavaScript. The bands come from the core (``Bands`` of each measure),
so the chart and the category a visit shows can never disagree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import escape

from synovia.core.measures.result import Bands

WIDTH, HEIGHT = 360, 220
LEFT, RIGHT, TOP, BOTTOM = 34, 8, 10, 30
INSET = 14  # points keep this far (px) from the plot's left and right edges
LABEL_MIN_HEIGHT = 16  # a band thinner than this (in px) is shaded but not labelled
SHADES = ("#e6f4ea", "#fff4cc", "#ffe0b2", "#fbd0d0")  # remission .. high
POINT_COLOURS = {"clinic": "#1f4e9a", "self": "#8a3b12"}


@dataclass(frozen=True)
class Point:
    day: dt.date
    value: float
    source: str = "clinic"  # "clinic" (a visit) or "self" (a report between visits)


def score_chart(
    points: Sequence[Point],
    *,
    bands: Bands,
    top: float,
    title: str,
    band_labels: Mapping[str, str],
    source_labels: Mapping[str, str] | None = None,
) -> str:
    """The SVG of ``points`` over ``bands`` on a 0..``top`` axis ("" without points)."""
    pts = sorted(points, key=lambda p: (p.day, p.source))
    if not pts:
        return ""
    d0, d1 = pts[0].day, pts[-1].day
    span = (d1 - d0).days
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(day: dt.date) -> float:
        inner = plot_w - 2 * INSET
        return LEFT + INSET + (inner / 2 if span == 0 else inner * (day - d0).days / span)

    def y(value: float) -> float:
        return TOP + plot_h * (1 - min(max(value, 0.0), top) / top)

    out = [
        f'<svg class="score-chart" role="img" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'preserveAspectRatio="xMidYMid meet"><title>{escape(title)}</title>'
    ]
    out += _bands(bands, top, y, band_labels)
    out += _axes(d0, d1, top, y)
    for source in ("clinic", "self"):
        mine = [p for p in pts if p.source == source]
        colour = POINT_COLOURS[source]
        if len(mine) > 1:
            line = " ".join(f"{x(p.day):.1f},{y(p.value):.1f}" for p in mine)
            dash = ' stroke-dasharray="5 4"' if source == "self" else ""
            out.append(f'<polyline fill="none" stroke="{colour}" stroke-width="2"{dash} points="{line}"/>')
        for p in mine:
            name = escape((source_labels or {}).get(source, source))
            out.append(
                f'<circle class="point point-{source}" cx="{x(p.day):.1f}" cy="{y(p.value):.1f}" r="5" '
                f'fill="{colour}"><title>{p.day.isoformat()}: {p.value:.1f} ({name})</title></circle>'
            )
    out.append("</svg>")
    return "".join(out)


def axis_top(values: Sequence[float], bands: Bands, *, ceiling: float) -> float:
    """The top of the value axis: the highest band's lower edge and a third more, or the
    largest value and a tenth more, whichever is higher, never above ``ceiling`` (the score's
    maximum); rounded up to a whole number."""
    wanted = max(bands.bounds[-1] * 4 / 3, *(v * 1.1 for v in values)) if values else bands.bounds[-1] * 4 / 3
    return float(min(ceiling, -(-wanted // 1)))


def _bands(bands: Bands, top: float, y: object, labels: Mapping[str, str]) -> list[str]:
    edges = [0.0, *[min(b, top) for b in bands.bounds], top]
    out = []
    for i, name in enumerate(bands.labels):
        lo, hi = edges[i], edges[i + 1]
        if hi <= lo:
            continue
        y_hi, y_lo = y(hi), y(lo)  # type: ignore[operator]
        out.append(
            f'<rect class="band band-{escape(name)}" x="{LEFT}" y="{y_hi:.1f}" '
            f'width="{WIDTH - LEFT - RIGHT}" height="{y_lo - y_hi:.1f}" fill="{SHADES[i % len(SHADES)]}"/>'
        )
        if y_lo - y_hi < LABEL_MIN_HEIGHT:
            continue
        out.append(
            f'<text x="{WIDTH - RIGHT - 4}" y="{y_hi + 12:.1f}" font-size="12" text-anchor="end" '
            f'fill="#333" paint-order="stroke" stroke="#fff" stroke-width="3">'
            f"{escape(labels.get(name, name))}</text>"
        )
    return out


def _axes(d0: dt.date, d1: dt.date, top: float, y: object) -> list[str]:
    bottom = HEIGHT - BOTTOM
    out = [
        f'<line x1="{LEFT}" y1="{bottom}" x2="{WIDTH - RIGHT}" y2="{bottom}" stroke="#666"/>',
        f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{bottom}" stroke="#666"/>',
        f'<text x="{LEFT - 6}" y="{TOP + 4}" font-size="12" text-anchor="end">{top:g}</text>',
        f'<text x="{LEFT - 6}" y="{bottom + 4}" font-size="12" text-anchor="end">0</text>',
        f'<text x="{LEFT}" y="{bottom + 18}" font-size="12">{d0.isoformat()}</text>',
    ]
    if d1 != d0:
        out.append(
            f'<text x="{WIDTH - RIGHT}" y="{bottom + 18}" font-size="12" '
            f'text-anchor="end">{d1.isoformat()}</text>'
        )
    return out
