"""The whole analysis of ``synovia outcomes``: enrolment, responses and survival, as one JSON
object (numbers unrounded; a missing number is ``null``)."""

from __future__ import annotations

from typing import Any

import polars as pl

from synovia.core.outcomes import survival
from synovia.core.outcomes.endpoints import ALL, enrolled, response_records, response_table

DEFAULT_TIMES = (90.0, 180.0, 365.0)


def groups_of(frame: pl.DataFrame) -> list[str]:
    """``all`` and every non-empty group, sorted."""
    named = frame["group"].drop_nulls().unique().sort().to_list()
    return [ALL, *named]


def survival_records(events: pl.DataFrame, times: tuple[float, ...]) -> list[dict[str, Any]]:
    """S(t) at each of ``times`` for ``all`` and each group."""
    out: list[dict[str, Any]] = []
    for group in groups_of(events):
        rows = events if group == ALL else events.filter(pl.col("group") == group)
        curve = survival.kaplan_meier(rows["time_days"].to_numpy(), rows["event"].to_numpy())
        for point in survival.at(curve, times):
            out.append(
                {
                    "group": group,
                    "time_days": _number(point.time),
                    "survival": point.survival,
                    "ci95": [point.low, point.high],
                    "at_risk": point.at_risk,
                }
            )
    return out


def _number(x: float) -> int | float:
    return int(x) if float(x).is_integer() else x


def analyse(
    visits: pl.DataFrame, events: pl.DataFrame | None = None, times: tuple[float, ...] = DEFAULT_TIMES
) -> dict[str, Any]:
    """``{"enrolled": ..., "responses": [...], "survival": [...]}``."""
    return {
        "enrolled": enrolled(visits),
        "responses": response_records(response_table(visits)),
        "survival": [] if events is None else survival_records(events, times),
    }
