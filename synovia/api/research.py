"""Outcomes report data for research: a de-identified cohort summary.

``synovia/core/outcomes`` holds no report functions yet, so this is a minimal summary of the
research cohort (patients with an active research consent, read through
``door.research_cohort``: researchers and administrators; audited): counts by pathway state,
cell product, route and sex, and the DAS28 trajectory summarised per follow-up month. Small
cells (fewer than 5 patients) are suppressed so that no one is singled out.
"""

from __future__ import annotations

import statistics
from collections import Counter
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema
from pydantic import Field

from synovia.api.auth import AUTH, who
from synovia.api.common import READ_ERRORS
from synovia.clinic import selectors as clinic_selectors

router = Router(auth=AUTH, tags=["research"])

SMALL_CELL = 5
MONTH_DAYS = 30.4375


class DasPoint(Schema):
    month: int = Field(..., description="months since the first infusion (rounded)")
    patients: int
    median_das28: float | None = Field(..., description="null when fewer than 5 patients")


class CohortOut(Schema):
    patients: int
    synthetic: int
    by_state: dict[str, int]
    by_product: dict[str, int]
    by_route: dict[str, int]
    by_sex: dict[str, int]
    das28_by_month: list[DasPoint]
    small_cell: int = Field(SMALL_CELL, description="counts below this are shown as 0")


def _suppress(counts: Counter[str]) -> dict[str, int]:
    return {k or "none": (v if v >= SMALL_CELL else 0) for k, v in sorted(counts.items())}


def summarise(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """The cohort summary of de-identified rows (``clinic.selectors.deidentified_rows``)."""
    by_month: dict[int, list[float]] = {}
    for row in rows:
        seen: dict[int, float] = {}
        for days, score in row["das28"]:
            if days is not None and days >= 0:
                seen[round(days / MONTH_DAYS)] = score
        for month, score in seen.items():
            by_month.setdefault(month, []).append(score)
    points = [
        {
            "month": m,
            "patients": len(v),
            "median_das28": round(statistics.median(v), 2) if len(v) >= SMALL_CELL else None,
        }
        for m, v in sorted(by_month.items())
    ]
    return {
        "patients": len(rows),
        "synthetic": sum(1 for r in rows if r["synthetic"]),
        "by_state": _suppress(Counter(r["state"] for r in rows)),
        "by_product": _suppress(Counter(r["product"] for r in rows)),
        "by_route": _suppress(Counter(r["route"] for r in rows)),
        "by_sex": _suppress(Counter(r["sex"] for r in rows)),
        "das28_by_month": points,
        "small_cell": SMALL_CELL,
    }


@router.get("/research/cohort", response={200: CohortOut, **READ_ERRORS})
def cohort(request: HttpRequest) -> Any:
    """The research cohort summarised (researchers and administrators; de-identified)."""
    rows = clinic_selectors.deidentified_rows(who=who(request), limit=100_000)
    return summarise(rows)
