"""What the report shows, from a (filtered) analysis data set: tables of display cells and
figures. Suppressed cells carry no number (``report.SMALL``)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _

from synovia.core.outcomes import report
from synovia.core.outcomes.derive import Dataset
from synovia.core.outcomes.endpoints import ALL, ENDPOINTS, TIMEPOINTS
from synovia.research import charts
from synovia.research.forms import GROUP_BY, ORIGINS, ROUTES, SOURCES, TIMEPOINT_LABELS

if TYPE_CHECKING:
    from matplotlib.figure import Figure

KM_TICKS = (0, 90, 180, 270, 365)


def endpoint_labels() -> dict[str, str]:
    return {
        "ACR20": _("ACR20"),
        "ACR50": _("ACR50"),
        "ACR70": _("ACR70"),
        "EULAR_good": _("EULAR good response"),
        "EULAR_response": _("EULAR good or moderate response"),
        "DAS28_remission": _("DAS28 remission (< 2.6)"),
        "DAS28_low_or_remission": _("DAS28 low activity or remission (≤ 3.2)"),
        "CDAI_remission": _("CDAI remission (≤ 2.8)"),
        "Boolean_remission": _("Boolean remission (ACR/EULAR 2022)"),
        "HAQ_MCID": _("HAQ-DI improved by ≥ 0.22 (MCID)"),
    }


def group_labels() -> dict[str, str]:
    labels = {
        ALL: _("All patients"),
        "months": _("months since the first infusion"),
        "empty": _("Fewer than 5 patients"),
    }
    labels |= {"survival": _("Proportion without the event"), "at_risk": _("Number at risk")}
    labels |= {k: str(v) for k, v in SOURCES.items()} | {k: str(v) for k, v in ROUTES.items()}
    return labels | {k: str(v) for k, v in ORIGINS.items()}


@dataclass(frozen=True)
class Shown:
    """A cell as displayed: numbers, or ``suppressed``."""

    suppressed: bool
    n: int | None = None
    total: int | None = None
    percent: float | None = None
    low: float | None = None
    high: float | None = None


def shown(cell: report.Cell) -> Shown:
    if cell.suppressed:
        return Shown(True)
    pct = None if cell.rate is None else 100 * cell.rate
    low = None if cell.low is None else 100 * cell.low
    high = None if cell.high is None else 100 * cell.high
    return Shown(False, cell.n, cell.total, pct, low, high)


def response_tables(data: Dataset, grid: report.Grid | None = None) -> list[dict[str, Any]]:
    """At 1, 6 and 12 months: each endpoint with NRI (primary) and observed cases (``grid``:
    ``report.cells(data, None)`` when already computed)."""
    grid = report.cells(data, None) if grid is None else grid
    names = endpoint_labels()
    out = []
    for t in TIMEPOINTS:
        rows = [
            {
                "label": names[e],
                "key": e,
                "nri": shown(grid[(ALL, t, e, "nri")]),
                "observed": shown(grid[(ALL, t, e, "observed")]),
            }
            for e in ENDPOINTS
        ]
        out.append({"timepoint": t, "label": TIMEPOINT_LABELS[t], "rows": rows})
    return out


def comparison(data: Dataset, by: str, timepoint: str, grouped: report.Grid | None = None) -> dict[str, Any]:
    result = report.compare(data, by, timepoint, ENDPOINTS, grouped)
    labels, names = group_labels(), endpoint_labels()
    rows = []
    for r in result.rows:
        diffs = [
            None if d is None else {"d": 100 * d.difference, "low": 100 * d.low, "high": 100 * d.high}
            for d in r["differences"]
        ]
        rows.append(
            {
                "label": names[r["endpoint"]],
                "cells": [{"cell": shown(c), "diff": d} for c, d in zip(r["cells"], diffs, strict=True)],
            }
        )
    return {"by": str(GROUP_BY[by]), "groups": [labels.get(g, g) for g in result.groups], "rows": rows}


def ae_rows(data: Dataset) -> list[dict[str, Any]]:
    out = []
    for r in report.adverse_event_rates(data):
        rate = r["rate"]
        out.append(
            {
                "grade": r["grade"],
                "related": r["related"],
                "suppressed": r["suppressed"],
                "patients": r["patients"],
                "events": r["events"],
                "rate": rate.rate,
                "low": rate.low,
                "high": rate.high,
                "years": rate.patient_years,
            }
        )
    return out


CHARTS = ("das28", "haq", "flare", "retreatment")


def chart_inputs(
    data: Dataset, by: str | None, only: str | None = None
) -> dict[str, tuple[Callable[..., Figure], dict[str, Any]]]:
    """The four figures of the report (or the one named ``only``): how each is drawn and what
    it is drawn from."""
    labels = group_labels()
    makers = _chart_makers(data, by, labels)
    return {name: make() for name, make in makers.items() if only is None or name == only}


def _chart_makers(
    data: Dataset, by: str | None, labels: dict[str, str]
) -> dict[str, Callable[[], tuple[Callable[..., Figure], dict[str, Any]]]]:
    scores = functools.cache(lambda: report.trajectories(data, by, ("das28", "haq_di")))
    return {
        "das28": lambda: (
            charts.trajectory,
            {
                "points": scores()["das28"],
                "title": _("DAS28 (mean, 95 % CI)"),
                "ylabel": "DAS28",
                "labels": labels,
            },
        ),
        "haq": lambda: (
            charts.trajectory,
            {
                "points": scores()["haq_di"],
                "title": _("HAQ-DI (mean, 95 % CI)"),
                "ylabel": "HAQ-DI",
                "labels": labels,
            },
        ),
        "flare": lambda: (
            charts.km,
            {
                "curves": report.curves(data.flare, data, by),
                "title": _("Time to flare"),
                "labels": labels,
                "ticks": KM_TICKS,
            },
        ),
        "retreatment": lambda: (
            charts.km,
            {
                "curves": report.curves(data.retreatment, data, by),
                "title": _("Time to retreatment"),
                "labels": labels,
                "ticks": KM_TICKS,
            },
        ),
    }


def _charts(data: Dataset, by: str | None, chart_url: Callable[[str], str] | None) -> dict[str, str]:
    """Each chart drawn (no ``chart_url``), or the memory key of each (resolved by
    :func:`linked_charts`)."""
    made = chart_inputs(data, by)
    if chart_url is None:
        return {name: charts.drawn(draw, **kw) for name, (draw, kw) in made.items()}
    return {name: charts.key_of(draw, **kw) for name, (draw, kw) in made.items()}


def linked_charts(keys: dict[str, str], chart_url: Callable[[str], str]) -> dict[str, str]:
    """Each chart inline if it was drawn already, else its URL."""
    return {name: charts.kept(key) or chart_url(name) for name, key in keys.items()}


def figures(data: Dataset, by: str | None) -> dict[str, Figure]:
    """The four figures of the report (matplotlib Figure objects, for the PDF)."""
    return {name: draw(**inputs) for name, (draw, inputs) in chart_inputs(data, by).items()}


def context(
    data: Dataset,
    *,
    by: str | None,
    timepoint: str,
    svg: bool = True,
    chart_url: Callable[[str], str] | None = None,
) -> dict[str, Any]:
    """Everything the page shows; ``figures`` holds the matplotlib figures (for the PDF).

    With ``chart_url``, a chart not yet drawn for these data is given as its URL (the page's
    image loads it: the page does not wait for the drawing); one already drawn is inline."""
    figs = {} if svg else figures(data, by)
    enrolled = int(data.visits.filter(data.visits["timepoint"] == "baseline").height)
    grids = report.cells_by(data, (None, "source", "route"))
    return {
        "patients": data.subjects.height,
        "enrolled": enrolled,
        "small": report.SMALL,
        "tables": response_tables(data, grids[None]),
        "comparisons": [comparison(data, by, timepoint, grids[by]) for by in ("source", "route")],
        "at_label": TIMEPOINT_LABELS[timepoint],
        "ae": ae_rows(data),
        "figures": figs,
        "charts": _charts(data, by, chart_url) if svg else {},
    }
