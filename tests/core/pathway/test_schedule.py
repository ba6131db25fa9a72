"""Follow-up and retreatment windows: worked examples and properties (hypothesis)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from synovia.core.pathway import (
    ScheduleError,
    add_months,
    follow_up_schedule,
    retreatment_eligibility,
    retreatment_window,
)

dates = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2090, 12, 31))
window_days = st.integers(min_value=0, max_value=60)


def test_add_months_clamps_to_month_end() -> None:
    assert add_months(dt.date(2025, 1, 31), 1) == dt.date(2025, 2, 28)
    assert add_months(dt.date(2024, 1, 31), 1) == dt.date(2024, 2, 29)
    assert add_months(dt.date(2024, 8, 31), 6) == dt.date(2025, 2, 28)
    assert add_months(dt.date(2024, 3, 15), 12) == dt.date(2025, 3, 15)


def test_add_months_rejects_negative() -> None:
    with pytest.raises(ScheduleError):
        add_months(dt.date(2025, 1, 1), -1)


def test_default_schedule_is_one_six_twelve_months_with_minus7_plus14() -> None:
    windows = follow_up_schedule(first_infusion=dt.date(2025, 3, 10))
    assert [w.label for w in windows] == ["M1", "M6", "M12"]
    m1 = windows[0]
    assert m1.target == dt.date(2025, 4, 10)
    assert m1.earliest == dt.date(2025, 4, 3)
    assert m1.latest == dt.date(2025, 4, 24)


def test_clinic_window_is_configurable() -> None:
    (m1,) = follow_up_schedule(first_infusion=dt.date(2025, 3, 10), before_days=3, after_days=5, months=[1])
    assert (m1.earliest, m1.latest) == (dt.date(2025, 4, 7), dt.date(2025, 4, 15))


def test_rejects_negative_window() -> None:
    with pytest.raises(ScheduleError):
        follow_up_schedule(first_infusion=dt.date(2025, 3, 10), before_days=-1)


@given(dates, window_days, window_days)
def test_windows_contain_their_target_and_are_ordered(anchor: dt.date, before: int, after: int) -> None:
    windows = follow_up_schedule(first_infusion=anchor, before_days=before, after_days=after)
    for w in windows:
        assert w.earliest <= w.target <= w.latest
        assert w.contains(w.target)
        assert (w.target - w.earliest).days == before
        assert (w.latest - w.target).days == after
        assert w.target > anchor
    targets = [w.target for w in windows]
    assert targets == sorted(targets)


@given(dates, st.integers(min_value=0, max_value=240))
def test_add_months_lands_in_the_right_month_never_later_day(anchor: dt.date, n: int) -> None:
    result = add_months(anchor, n)
    assert (result.year * 12 + result.month) - (anchor.year * 12 + anchor.month) == n
    assert result.day <= anchor.day
    # Approximately n months of days: between 28*n and 31*n days.
    assert 28 * n - 3 <= (result - anchor).days <= 31 * n


@given(dates, dates, st.integers(min_value=0, max_value=24))
def test_add_months_is_monotone(a: dt.date, b: dt.date, n: int) -> None:
    lo, hi = min(a, b), max(a, b)
    assert add_months(lo, n) <= add_months(hi, n)


@given(dates)
def test_retreatment_window_is_four_to_six_months(last: dt.date) -> None:
    w = retreatment_window(last_infusion=last)
    assert w.opens == add_months(last, 4)
    assert w.closes == add_months(last, 6)
    assert 118 <= (w.opens - last).days <= 123
    assert 180 <= (w.closes - last).days <= 184


def test_retreatment_offered_inside_window_with_active_disease() -> None:
    decision = retreatment_eligibility(
        last_infusion=dt.date(2025, 1, 15),
        today=dt.date(2025, 6, 1),
        serious_related_event=False,
        latest_das28=4.1,
    )
    assert decision.offered
    assert decision.reasons == ()


def test_retreatment_refused_after_serious_related_event() -> None:
    decision = retreatment_eligibility(
        last_infusion=dt.date(2025, 1, 15),
        today=dt.date(2025, 6, 1),
        serious_related_event=True,
        latest_das28=5.0,
    )
    assert not decision.offered
    assert "serious adverse event related to the cell product" in decision.reasons


def test_retreatment_refused_in_remission_and_outside_window() -> None:
    decision = retreatment_eligibility(
        last_infusion=dt.date(2025, 1, 15),
        today=dt.date(2025, 3, 1),
        serious_related_event=False,
        latest_das28=2.4,
    )
    assert not decision.offered
    assert any("window opens" in r for r in decision.reasons)
    assert any("not active" in r for r in decision.reasons)


@given(dates, st.integers(min_value=-400, max_value=400), st.floats(0.5, 9.0))
def test_retreatment_offered_iff_all_conditions(last: dt.date, offset: int, das: float) -> None:
    today = last + dt.timedelta(days=offset)
    decision = retreatment_eligibility(
        last_infusion=last, today=today, serious_related_event=False, latest_das28=das
    )
    inside = decision.window.contains(today)
    assert decision.offered == (inside and das > 3.2)
