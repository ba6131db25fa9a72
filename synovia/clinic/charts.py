"""Inline SVG charts drawn on the server (no JavaScript, no CDN): scores over time with their
activity bands, lab values over time, and a small homunculus of each visit."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH, HEIGHT, PAD, LEGEND = 640, 200, 32, 110
COLOURS = ("#1f6feb", "#d1242f", "#1a7f37", "#9a6700", "#8250df", "#bf3989", "#0969da",
           "#57606a", "#cf222e", "#116329", "#953800")  # fmt: skip


def line_chart(
    series: Mapping[str, Sequence[tuple[dt.date, float]]], *, title: str, normalise: bool = False
) -> SafeString:
    """One SVG with a polyline per series; ``normalise`` scales each series to its first
    value (=100) so cytokines in different units share an axis."""
    data = {k: _scaled(v, normalise) for k, v in series.items() if v}
    if not data:
        return mark_safe("")  # an empty string  # nosec B308 B703
    days = [d for pts in data.values() for d, _ in pts]
    values = [y for pts in data.values() for _, y in pts]
    d0, d1 = min(days), max(days)
    lo, hi = min(0.0, *values), max(values) or 1.0
    span_d = max((d1 - d0).days, 1)

    def xy(d: dt.date, y: float) -> str:
        x = PAD + (WIDTH - PAD - LEGEND) * (d - d0).days / span_d
        yy = HEIGHT - PAD - (HEIGHT - 2 * PAD) * (y - lo) / ((hi - lo) or 1)
        return f"{x:.1f},{yy:.1f}"

    parts = [
        f'<svg class="chart" role="img" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}"><title>{escape(title)}</title>',
        f'<text x="{PAD}" y="14" font-size="10">{escape(title)}</text>',
        f'<text x="2" y="{PAD}" font-size="10">{hi:.1f}</text>',
        f'<text x="2" y="{HEIGHT - PAD}" font-size="10">{lo:.1f}</text>',
        f'<text x="{PAD}" y="{HEIGHT - 8}" font-size="10">{d0.isoformat()}</text>',
        f'<text x="{WIDTH - LEGEND - 60}" y="{HEIGHT - 8}" font-size="10">{d1.isoformat()}</text>',
    ]
    for i, (name, pts) in enumerate(data.items()):
        colour = COLOURS[i % len(COLOURS)]
        points = " ".join(xy(d, y) for d, y in pts)
        parts.append(
            f'<polyline fill="none" stroke="{colour}" stroke-width="2" '
            f'points="{points}"><title>{escape(name)}</title></polyline>'
        )
        parts.extend(
            f'<circle cx="{xy(d, y).split(",")[0]}" cy="{xy(d, y).split(",")[1]}" r="3.5" fill="{colour}"/>'
            for d, y in pts
        )
        parts.append(
            f'<text x="{WIDTH - LEGEND + 8}" y="{PAD + 12 * i}" font-size="10" '
            f'fill="{colour}">{escape(name)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308  # numbers and escaped labels only  # nosec B308 B703


def _scaled(points: Sequence[tuple[dt.date, float]], normalise: bool) -> list[tuple[dt.date, float]]:
    pts = sorted(points)
    if not normalise or not pts or not pts[0][1]:
        return list(pts)
    first = pts[0][1]
    return [(d, 100.0 * y / first) for d, y in pts]


# -- score charts with activity bands --------------------------------------------------------

S_WIDTH, S_HEIGHT, S_LEFT, S_RIGHT, S_TOP, S_BOTTOM = 560, 250, 40, 56, 30, 34
BAND_FILL = {"remission": "#d8f0de", "low": "#eef7d9", "normal": "#d8f0de"}


def score_chart(
    points: Sequence[tuple[dt.date, float]],
    *,
    title: str,
    bands: Sequence[tuple[float, float, str, str]],
    y_max: float,
    marks: Mapping[dt.date, str] | None = None,
    decimals: int = 2,
) -> SafeString:
    """One score over time: a point per visit (a single visit still shows its point), a line
    between points, and shaded bands ``(low, high, kind, label)`` such as remission and low
    activity; ``marks`` writes a short label (the response category) above a visit's point."""
    pts = sorted(points)
    if not pts:
        return mark_safe("")  # nosec B308 B703
    top = max(y_max, *(y for _, y in pts))
    d0, d1 = pts[0][0], pts[-1][0]
    span = (d1 - d0).days
    plot_w, plot_h = S_WIDTH - S_LEFT - S_RIGHT, S_HEIGHT - S_TOP - S_BOTTOM

    def x(d: dt.date) -> float:
        return S_LEFT + (plot_w / 2 if span == 0 else plot_w * (d - d0).days / span)

    def y(v: float) -> float:
        return S_TOP + plot_h * (1 - min(v, top) / top)

    parts = [
        f'<svg class="chart score-chart" role="img" viewBox="0 0 {S_WIDTH} {S_HEIGHT}" '
        f'width="{S_WIDTH}" height="{S_HEIGHT}"><title>{escape(title)}</title>',
        f'<text x="{S_LEFT}" y="17" font-size="15" font-weight="600">{escape(title)}</text>',
    ]
    for low, high, kind, label in bands:
        y_hi, y_lo = y(min(high, top)), y(low)
        parts.append(
            f'<rect class="band band-{escape(kind)}" x="{S_LEFT}" y="{y_hi:.1f}" width="{plot_w}" '
            f'height="{max(y_lo - y_hi, 0):.1f}" fill="{BAND_FILL.get(kind, "#eef1f5")}"/>'
            f'<text x="{S_LEFT + plot_w - 4}" y="{y_hi + 12:.1f}" font-size="12" text-anchor="end" '
            f'fill="#3d4452">{escape(label)}</text>'
        )
    parts.extend(_axes(top, plot_w, y, d0, d1, span))
    if len(pts) > 1:
        line = " ".join(f"{x(d):.1f},{y(v):.1f}" for d, v in pts)
        parts.append(f'<polyline fill="none" stroke="#1f6feb" stroke-width="2" points="{line}"/>')
    for d, v in pts:
        parts.append(
            f'<circle class="point" cx="{x(d):.1f}" cy="{y(v):.1f}" r="4.5" fill="#1f6feb">'
            f"<title>{d.isoformat()}: {v:.{decimals}f}</title></circle>"
            f'<text x="{x(d):.1f}" y="{y(v) - 8:.1f}" font-size="12" text-anchor="middle">'
            f"{v:.{decimals}f}</text>"
        )
        if marks and d in marks:
            parts.append(
                f'<text class="mark" x="{x(d):.1f}" y="{y(v) + 18:.1f}" font-size="12" '
                f'text-anchor="middle" fill="#0b6e69" font-weight="600">{escape(marks[d])}</text>'
            )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308  # numbers and escaped labels only  # nosec B308 B703


def _axes(  # noqa: PLR0917 - the geometry of one chart, read in order
    top: float, plot_w: float, y: Callable[[float], float], d0: dt.date, d1: dt.date, span: int
) -> list[str]:
    base = S_TOP + S_HEIGHT - S_TOP - S_BOTTOM
    out = [
        f'<line x1="{S_LEFT}" y1="{base}" x2="{S_LEFT + plot_w}" y2="{base}" stroke="#8a93a3"/>',
        f'<line x1="{S_LEFT}" y1="{S_TOP}" x2="{S_LEFT}" y2="{base}" stroke="#8a93a3"/>',
    ]
    for tick in _ticks(top):
        out.append(
            f'<text x="{S_LEFT - 4}" y="{y(tick) + 3:.1f}" font-size="12" text-anchor="end">{tick:g}</text>'
        )
    out.append(f'<text x="{S_LEFT}" y="{S_HEIGHT - 8}" font-size="12">{d0.isoformat()}</text>')
    if span:
        out.append(
            f'<text x="{S_LEFT + plot_w}" y="{S_HEIGHT - 8}" font-size="12" text-anchor="end">'
            f"{d1.isoformat()}</text>"
        )
    return out


def _ticks(top: float) -> list[float]:
    step = next(s for s in (0.5, 1, 2, 5, 10, 20, 50) if top / s <= 6)
    return [i * step for i in range(int(top // step) + 1)]
