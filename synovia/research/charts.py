"""Charts of the outcomes report drawn on the server with matplotlib (SVG for the page,
the same figures in the PDF). No JavaScript, no CDN. Points and curve steps with fewer than
5 patients are not drawn (``report.SMALL``)."""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import io
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
from matplotlib.figure import Figure

from synovia.core.outcomes import report, survival
from synovia.research.kept import Kept

COLOURS = ("#1f6feb", "#d1242f", "#1a7f37", "#9a6700", "#8250df", "#bf3989", "#0969da", "#57606a", "#116329")
MONTHS = {"baseline": 0, "m1": 1, "m6": 6, "m12": 12}
RC: dict[str, Any] = {"svg.hashsalt": "synovia", "svg.fonttype": "none", "font.size": 9}
WIDTH = 4.8
"""Inches (346 pt): drawn about as wide as a phone shows it, so its 8-9 pt text stays legible
there; a desktop scales it up."""
SMALL_TEXT = 8


def _figure(height: float = 3.6) -> Figure:
    import matplotlib

    matplotlib.rcParams.update(RC)  # type: ignore[arg-type]
    return Figure(figsize=(WIDTH, height))


def svg_text(uri: str) -> bytes:
    """The SVG document of a data: URI made by :func:`svg` (for a chart served as a file)."""
    return base64.b64decode(uri.split(",", 1)[1])


def svg(fig: Figure) -> str:
    """The figure as a data: URI of its SVG (shown with <img>, so the page's CSP holds)."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None})
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


CACHED_CHARTS = 64
"""Drawn charts kept per process (a few hundred kB in all). The key is everything a chart is
drawn from, so a kept chart is the chart those numbers draw: new data make a new key, never a
stale picture. Drawing is most of the report's time (about 40 ms a chart)."""
_drawn: Kept[str, str] = Kept(CACHED_CHARTS)


def _feed(digest: Any, value: Any) -> None:
    """Hash ``value`` (numbers, text, arrays, dataclasses and their containers) into ``digest``."""
    if isinstance(value, np.ndarray):
        digest.update(f"a{value.dtype.str}{value.shape}".encode())
        digest.update(np.ascontiguousarray(value).tobytes())
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        digest.update(type(value).__qualname__.encode())
        for f in dataclasses.fields(value):
            _feed(digest, f.name)
            _feed(digest, getattr(value, f.name))
    elif isinstance(value, dict):
        digest.update(b"{")
        for k, v in value.items():
            _feed(digest, k)
            _feed(digest, v)
        digest.update(b"}")
    elif isinstance(value, list | tuple):
        digest.update(b"[")
        for v in value:
            _feed(digest, v)
        digest.update(b"]")
    elif isinstance(value, bool | int | float | np.generic) or value is None:
        digest.update(f"{type(value).__name__}:{value!r}|".encode())
    else:  # text, lazy translations included (their text is what is drawn)
        text = str(value)
        digest.update(f"s{len(text)}:{text}".encode())


def _key(draw: Callable[..., Figure], inputs: dict[str, Any]) -> str:
    digest = hashlib.sha256(f"{draw.__module__}.{draw.__qualname__}".encode())
    _feed(digest, inputs)
    return digest.hexdigest()


def key_of(draw: Callable[..., Figure], **inputs: Any) -> str:
    """The memory key of the chart ``draw`` makes from ``inputs``."""
    return _key(draw, inputs)


def kept(key: str) -> str | None:
    """The chart kept under ``key`` (:func:`key_of`), if it was drawn already (else None)."""
    return _drawn.get(key)


def drawn(draw: Callable[..., Figure], **inputs: Any) -> str:
    """``svg(draw(**inputs))``, drawn once per drawing function and distinct input, then taken
    from memory."""
    key = _key(draw, inputs)
    found = _drawn.get(key)
    if found is not None:
        return found
    picture = svg(draw(**inputs))
    _drawn.put(key, picture)
    return picture


def trajectory(
    points: Sequence[dict[str, Any]], *, title: str, ylabel: str, labels: dict[str, str]
) -> Figure:
    """Mean ± 95 % CI per time point (months since the first infusion), one line per group."""
    fig = _figure()
    ax = fig.add_subplot()
    groups = list(dict.fromkeys(p["group"] for p in points))
    for i, g in enumerate(groups):
        mine = [p for p in points if p["group"] == g]
        x = np.array([MONTHS[p["timepoint"]] for p in mine], dtype=float) + (i - len(groups) / 2) * 0.12
        y = np.array([p["mean"] for p in mine])
        low = np.array([p["low"] for p in mine])
        high = np.array([p["high"] for p in mine])
        ax.errorbar(
            x,
            y,
            yerr=[y - low, high - y],
            marker="o",
            capsize=3,
            color=COLOURS[i % len(COLOURS)],
            label=labels.get(g, g),
        )
    fig.subplots_adjust(left=0.13, right=0.98, top=0.92, bottom=0.34)
    ax.set_xticks([0, 1, 6, 12])
    ax.set_xlabel(labels.get("months", "months"))
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    if groups:
        ax.legend(fontsize=SMALL_TEXT, loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=2, frameon=False)
    else:
        ax.text(0.5, 0.5, labels.get("empty", ""), ha="center", va="center", transform=ax.transAxes)
    return fig


def _visible(curve: survival.Curve) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The step function from day 0, cut where fewer than 5 patients remain at risk."""
    keep = curve.at_risk >= report.SMALL
    t = np.concatenate([[0.0], curve.times[keep]])
    s = np.concatenate([[1.0], curve.survival[keep]])
    lo = np.concatenate([[1.0], curve.low[keep]])
    hi = np.concatenate([[1.0], curve.high[keep]])
    last = (
        curve.durations[curve.durations.size - report.SMALL] if curve.durations.size >= report.SMALL else 0.0
    )
    return np.append(t, max(last, t[-1])), np.append(s, s[-1]), np.append(lo, lo[-1]), np.append(hi, hi[-1])


def _short(label: str, most: int = 20) -> str:
    """A group's name short enough for the numbers-at-risk rows of a phone-wide chart."""
    return label if len(label) <= most else label[: most - 1].rstrip() + "…"


def km(
    curves: dict[str, survival.Curve], *, title: str, labels: dict[str, str], ticks: Sequence[float]
) -> Figure:
    """Kaplan-Meier curves with their 95 % band and the numbers at risk below."""
    rows = max(len(curves), 1)
    fig = _figure(3.0 + 0.18 * rows)
    bottom = (0.55 + 0.18 * rows) / (3.0 + 0.18 * rows)
    fig.subplots_adjust(left=0.3, right=0.95, top=0.9, bottom=bottom)
    ax = fig.add_subplot()
    for i, (g, curve) in enumerate(curves.items()):
        t, s, lo, hi = _visible(curve)
        colour = COLOURS[i % len(COLOURS)]
        ax.step(t, s, where="post", color=colour, label=labels.get(g, g))
        ax.fill_between(t, lo, hi, step="post", color=colour, alpha=0.15, linewidth=0)
    ax.set_ylim(0, 1.02)
    ax.set_xlim(0, max(ticks))
    ax.set_xticks(list(ticks))
    ax.set_ylabel(labels.get("survival", "S(t)"))
    ax.set_title(title)
    if curves:
        ax.legend(fontsize=SMALL_TEXT, loc="lower left")
    spot = ax.get_xaxis_transform()
    first = -0.22
    ax.text(
        -0.02,
        first,
        labels.get("at_risk", "at risk"),
        fontsize=SMALL_TEXT,
        ha="right",
        transform=ax.transAxes,
    )
    for row, (g, curve) in enumerate(curves.items()):
        y = first - 0.09 * (row + 1) * 3.0 / (3.0 + 0.18 * rows) * 1.6
        ax.text(
            -0.06,
            y,
            _short(labels.get(g, g)),
            fontsize=SMALL_TEXT,
            ha="right",
            color=COLOURS[row % len(COLOURS)],
            transform=ax.transAxes,
        )
        for x, n in zip(ticks, report.numbers_at_risk(curve, list(ticks)), strict=True):
            ax.text(x, y, "<5" if n is None else str(n), fontsize=SMALL_TEXT, ha="center", transform=spot)
    return fig


def clear() -> None:
    """Forget every drawn chart (a benchmark measures the drawing, not the memory)."""
    _drawn.clear()
