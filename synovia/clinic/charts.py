"""Inline SVG line charts (no JavaScript, no CDN): scores and lab values over time."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

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
        f'<text x="{PAD}" y="14" font-size="12">{escape(title)}</text>',
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
