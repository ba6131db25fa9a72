"""Worklist rules: due, overdue, done; reminders; missing data."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from synovia.core.pathway import (
    VisitStatus,
    follow_up_schedule,
    missing_visit_data,
    reminder_due,
    visit_status,
    windows_matched,
)

M1 = follow_up_schedule(first_infusion=dt.date(2025, 3, 10))[0]  # 2025-04-03 .. 2025-04-24


def test_visit_is_upcoming_due_then_overdue() -> None:
    assert visit_status(M1, today=dt.date(2025, 4, 2)) is VisitStatus.UPCOMING
    assert visit_status(M1, today=dt.date(2025, 4, 3)) is VisitStatus.DUE
    assert visit_status(M1, today=dt.date(2025, 4, 24)) is VisitStatus.DUE
    assert visit_status(M1, today=dt.date(2025, 4, 25)) is VisitStatus.OVERDUE


def test_recorded_visit_is_done_or_out_of_window() -> None:
    today = dt.date(2025, 6, 1)
    assert visit_status(M1, today=today, visit_date=dt.date(2025, 4, 10)) is VisitStatus.DONE
    assert visit_status(M1, today=today, visit_date=dt.date(2025, 5, 10)) is VisitStatus.OUT_OF_WINDOW


@given(st.integers(min_value=-100, max_value=100))
def test_status_partitions_time(offset: int) -> None:
    today = M1.target + dt.timedelta(days=offset)
    status = visit_status(M1, today=today)
    assert (status is VisitStatus.DUE) == M1.contains(today)
    assert (status is VisitStatus.OVERDUE) == (today > M1.latest)


def test_reminder_due_from_a_week_before_window_until_close() -> None:
    assert not reminder_due(M1, today=dt.date(2025, 3, 26))
    assert reminder_due(M1, today=dt.date(2025, 3, 27))
    assert reminder_due(M1, today=dt.date(2025, 4, 24))
    assert not reminder_due(M1, today=dt.date(2025, 4, 25))
    assert not reminder_due(M1, today=dt.date(2025, 4, 10), visit_date=dt.date(2025, 4, 9))


def test_visit_without_esr_or_crp_is_missing_data() -> None:
    values = {"tjc28": 4, "sjc28": 2, "ptga_cm": 5.0, "esr_mm_h": None, "crp_mg_l": None}
    assert missing_visit_data(values) == ["ESR or CRP"]
    assert missing_visit_data({**values, "crp_mg_l": 3.0}) == []


def test_windows_matched_takes_first_visit_inside() -> None:
    windows = follow_up_schedule(first_infusion=dt.date(2025, 3, 10))
    matched = windows_matched(windows, [dt.date(2025, 4, 12), dt.date(2025, 9, 8)])
    assert matched == {"M1": dt.date(2025, 4, 12), "M6": dt.date(2025, 9, 8), "M12": None}
