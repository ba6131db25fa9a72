"""Follow-up schedule after MSC infusion: visit windows and the retreatment window.

Month arithmetic
----------------
A follow-up "at N months" falls on the same day of the month N calendar months after the
anchor date (the first infusion). When that day does not exist in the target month the
date is clamped to the month's last day: 31 January + 1 month = 28 February (29 in a leap
year); 31 August + 6 months = 28/29 February. This is the convention of
``dateutil.relativedelta`` and of most EDC systems; it keeps a visit in the intended month
and is monotone (a later anchor never gives an earlier target).

Windows
-------
Each visit is acceptable from ``target - before_days`` to ``target + after_days``, both
inclusive. The default window is -7/+14 days, configurable per clinic
(``Clinic.visit_window_before_days`` / ``visit_window_after_days``).

Retreatment
-----------
A retreatment decision is considered from 4 to 6 months (inclusive, same month arithmetic)
after the last infusion, and is offered only if the candidacy still holds: no serious
adverse event related to the cell product (relatedness possible, probable or definite)
and disease still active (DAS28 > 3.2, i.e. not low disease activity or remission; the
DAS28 low-activity cut-off is from Prevoo et al., Arthritis Rheum 1995;38:44-48 and
Fransen et al., Clin Exp Rheumatol 2005;23:S93-9).
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

FOLLOW_UP_MONTHS: tuple[int, ...] = (1, 6, 12)
DEFAULT_BEFORE_DAYS = 7
DEFAULT_AFTER_DAYS = 14
RETREATMENT_FROM_MONTHS = 4
RETREATMENT_TO_MONTHS = 6
DAS28_LOW_ACTIVITY_MAX = 3.2


class ScheduleError(ValueError):
    """Schedule inputs are invalid (negative window, no infusion...)."""


def add_months(anchor: dt.date, months: int) -> dt.date:
    """``anchor`` plus ``months`` calendar months, day clamped to the target month's end."""
    if months < 0:
        raise ScheduleError(f"months must be >= 0, got {months}")
    index = anchor.month - 1 + months
    year, month = anchor.year + index // 12, index % 12 + 1
    last_day = calendar.monthrange(year, month)[1]
    return dt.date(year, month, min(anchor.day, last_day))


@dataclass(frozen=True, slots=True)
class VisitWindow:
    """One scheduled visit: its label, target date and inclusive acceptable range."""

    label: str
    months: int
    target: dt.date
    earliest: dt.date
    latest: dt.date

    def contains(self, day: dt.date) -> bool:
        """True when ``day`` lies within the window (inclusive)."""
        return self.earliest <= day <= self.latest


def _check_window(before_days: int, after_days: int) -> None:
    if before_days < 0 or after_days < 0:
        raise ScheduleError(f"window days must be >= 0, got before={before_days}, after={after_days}")


def visit_window(
    *,
    anchor: dt.date,
    months: int,
    before_days: int = DEFAULT_BEFORE_DAYS,
    after_days: int = DEFAULT_AFTER_DAYS,
) -> VisitWindow:
    """The window of the visit ``months`` after ``anchor``."""
    _check_window(before_days, after_days)
    target = add_months(anchor, months)
    return VisitWindow(
        label=f"M{months}",
        months=months,
        target=target,
        earliest=target - dt.timedelta(days=before_days),
        latest=target + dt.timedelta(days=after_days),
    )


def follow_up_schedule(
    *,
    first_infusion: dt.date,
    before_days: int = DEFAULT_BEFORE_DAYS,
    after_days: int = DEFAULT_AFTER_DAYS,
    months: Sequence[int] = FOLLOW_UP_MONTHS,
) -> list[VisitWindow]:
    """Follow-up windows at 1, 6 and 12 months (by default) after the first infusion."""
    return [
        visit_window(anchor=first_infusion, months=m, before_days=before_days, after_days=after_days)
        for m in sorted(months)
    ]


@dataclass(frozen=True, slots=True)
class RetreatmentWindow:
    """Dates between which a retreatment decision may be taken (inclusive)."""

    opens: dt.date
    closes: dt.date

    def contains(self, day: dt.date) -> bool:
        """True when ``day`` lies within the window (inclusive)."""
        return self.opens <= day <= self.closes


def retreatment_window(*, last_infusion: dt.date) -> RetreatmentWindow:
    """The 4-6 month retreatment decision window after the last infusion."""
    return RetreatmentWindow(
        opens=add_months(last_infusion, RETREATMENT_FROM_MONTHS),
        closes=add_months(last_infusion, RETREATMENT_TO_MONTHS),
    )


@dataclass(frozen=True, slots=True)
class RetreatmentDecision:
    """Whether retreatment may be offered on a given day, with the reasons if not."""

    offered: bool
    reasons: tuple[str, ...]
    window: RetreatmentWindow
    codes: tuple[str, ...] = ()
    """One code per reason, for pages that word it in the reader's language:
    ``window_not_open``, ``window_closed``, ``serious_related_event``, ``no_das28``,
    ``not_active``."""
    latest_das28: float | None = None


def retreatment_eligibility(
    *,
    last_infusion: dt.date,
    today: dt.date,
    serious_related_event: bool,
    latest_das28: float | None,
) -> RetreatmentDecision:
    """Offer retreatment only inside the window, without a serious related event, and
    while the disease is still active (latest DAS28 > 3.2)."""
    window = retreatment_window(last_infusion=last_infusion)
    reasons: list[str] = []
    codes: list[str] = []
    if today < window.opens:
        reasons.append(f"window opens on {window.opens.isoformat()}")
        codes.append("window_not_open")
    elif today > window.closes:
        reasons.append(f"window closed on {window.closes.isoformat()}")
        codes.append("window_closed")
    if serious_related_event:
        reasons.append("serious adverse event related to the cell product")
        codes.append("serious_related_event")
    if latest_das28 is None:
        reasons.append("no DAS28 recorded since the last infusion")
        codes.append("no_das28")
    elif latest_das28 <= DAS28_LOW_ACTIVITY_MAX:
        reasons.append(f"disease not active (DAS28 {latest_das28:.2f} <= 3.2)")
        codes.append("not_active")
    return RetreatmentDecision(
        offered=not reasons,
        reasons=tuple(reasons),
        window=window,
        codes=tuple(codes),
        latest_das28=latest_das28,
    )
