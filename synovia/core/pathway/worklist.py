"""Worklist rules: the status of a scheduled visit on a given day, and missing data.

A visit is
- ``upcoming`` before its window opens,
- ``due`` while today is inside the window (earliest..latest, inclusive),
- ``overdue`` once the window has closed without a visit,
- ``done`` when a visit has been recorded inside the window,
- ``out_of_window`` when the only visit recorded for it fell outside the window.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from enum import StrEnum

from synovia.core.pathway.schedule import VisitWindow

REMINDER_LEAD_DAYS = 7


class VisitStatus(StrEnum):
    """Where a scheduled visit stands on a given day."""

    UPCOMING = "upcoming"
    DUE = "due"
    OVERDUE = "overdue"
    DONE = "done"
    OUT_OF_WINDOW = "out_of_window"


def visit_status(window: VisitWindow, *, today: dt.date, visit_date: dt.date | None = None) -> VisitStatus:
    """Status of ``window`` on ``today``, given the date of the recorded visit if any."""
    if visit_date is not None:
        return VisitStatus.DONE if window.contains(visit_date) else VisitStatus.OUT_OF_WINDOW
    if today < window.earliest:
        return VisitStatus.UPCOMING
    if today <= window.latest:
        return VisitStatus.DUE
    return VisitStatus.OVERDUE


def reminder_due(
    window: VisitWindow,
    *,
    today: dt.date,
    visit_date: dt.date | None = None,
    lead_days: int = REMINDER_LEAD_DAYS,
) -> bool:
    """A reminder is due from ``lead_days`` before the window opens until it closes,
    as long as no visit has been recorded."""
    if visit_date is not None:
        return False
    return window.earliest - dt.timedelta(days=lead_days) <= today <= window.latest


# Data a visit must carry to compute a composite score: an acute-phase reactant.
REQUIRED_VISIT_DATA: Mapping[str, tuple[str, ...]] = {
    "ESR or CRP": ("esr_mm_h", "crp_mg_l"),
    "tender joint count (28)": ("tjc28",),
    "swollen joint count (28)": ("sjc28",),
    "patient global assessment": ("ptga_cm",),
}


def missing_visit_data(values: Mapping[str, object]) -> list[str]:
    """Labels of required data missing from a visit (a group is satisfied by any one key)."""
    missing: list[str] = []
    for label, keys in REQUIRED_VISIT_DATA.items():
        if all(values.get(k) is None for k in keys):
            missing.append(label)
    return missing


def windows_matched(
    windows: Iterable[VisitWindow], visit_dates: Iterable[dt.date]
) -> dict[str, dt.date | None]:
    """Attach to each window the first recorded visit date inside it (or None)."""
    dates = sorted(visit_dates)
    return {w.label: next((d for d in dates if w.contains(d)), None) for w in windows}
