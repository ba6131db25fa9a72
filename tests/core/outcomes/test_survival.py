"""Kaplan-Meier: a cohort computed by hand, and lifelines on random cohorts (hypothesis)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lifelines import KaplanMeierFitter

from synovia.core.outcomes.intervals import Z95
from synovia.core.outcomes.survival import at, at_risk, kaplan_meier


def test_a_cohort_computed_by_hand() -> None:
    # times 2(event) 3(censored) 3(event) 5(event) 8(censored): at 2, 5 at risk, 1 event ->
    # 4/5; at 3 the event comes before the censoring: 4 at risk, 1 event -> 4/5 * 3/4 = 3/5;
    # at 5, 2 at risk, 1 event -> 3/10.
    curve = kaplan_meier([2, 3, 3, 5, 8], [1, 0, 1, 1, 0])
    points = at(curve, [0, 2, 2.5, 3, 4, 5, 8, 9])
    assert [p.survival for p in points] == pytest.approx([1, 0.8, 0.8, 0.6, 0.6, 0.3, 0.3, 0.3])
    assert [p.at_risk for p in points] == [5, 5, 4, 4, 2, 2, 1, 0]
    # Greenwood at 3: 1/(5*4) + 1/(4*3) = 0.1333...; log(-log) limits by hand
    v = 1 / 20 + 1 / 12
    se = math.sqrt(v) / abs(math.log(0.6))
    assert points[3].low == pytest.approx(0.6 ** math.exp(Z95 * se))
    assert points[3].high == pytest.approx(0.6 ** math.exp(-Z95 * se))
    assert (points[0].low, points[0].high) == (1.0, 1.0)


def test_the_curve_reaches_zero_with_a_zero_interval() -> None:
    points = at(kaplan_meier([1, 2], [1, 1]), [2, 3])
    assert [(p.survival, p.low, p.high) for p in points] == [(0.0, 0.0, 0.0)] * 2


def test_no_events_and_no_patients() -> None:
    assert [p.survival for p in at(kaplan_meier([5, 9], [0, 0]), [1, 10])] == [1.0, 1.0]
    empty = at(kaplan_meier([], []), [0, 10])
    assert [(p.survival, p.at_risk) for p in empty] == [(1.0, 0), (1.0, 0)]
    assert at_risk(kaplan_meier([1, 2, 2, 7], [1, 0, 1, 0]), [0, 2, 3, 8]).tolist() == [4, 3, 1, 0]


cohorts = st.integers(1, 60).flatmap(
    lambda n: st.tuples(
        st.lists(st.integers(0, 400), min_size=n, max_size=n),
        st.lists(st.integers(0, 1), min_size=n, max_size=n),
    )
)


@settings(max_examples=60, deadline=None)
@given(cohorts, st.lists(st.integers(0, 450), min_size=1, max_size=6))
def test_equals_lifelines_on_random_cohorts(cohort, times) -> None:
    durations, events = (np.asarray(x, dtype=float) for x in cohort)
    kmf = KaplanMeierFitter().fit(durations, events, alpha=0.05)
    ci = kmf.confidence_interval_survival_function_
    ours = at(kaplan_meier(durations, events), times)
    for t, point in zip(times, ours, strict=True):
        expected = float(kmf.survival_function_at_times(t).iloc[0])
        assert point.survival == pytest.approx(expected, abs=1e-12)
        assert point.at_risk == int((durations >= t).sum())
        if 0 < expected < 1:
            row = ci.loc[:t].iloc[-1]
            low, high = sorted(float(x) for x in row)
            assert point.low == pytest.approx(low, abs=1e-9)
            assert point.high == pytest.approx(high, abs=1e-9)
        assert 0 <= point.low <= point.survival <= point.high <= 1
