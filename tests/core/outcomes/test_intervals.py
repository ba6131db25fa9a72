"""Wilson, Newcombe, means and rates against published and independently computed values."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from statsmodels.stats.proportion import confint_proportions_2indep, proportion_confint

from synovia.core.outcomes.intervals import Z95, mean_ci, newcombe, rate_per_100py, wilson, wilson_arrays

# Newcombe RG. Two-sided confidence intervals for the single proportion: comparison of seven
# methods. Stat Med 1998;17:857-872, Table II, method 3 (score, no continuity correction).
PUBLISHED_WILSON = [
    (81, 263, 0.2553, 0.3662),
    (15, 148, 0.0624, 0.1605),
    (0, 20, 0.0000, 0.1611),
    (1, 29, 0.0061, 0.1718),
]

# Newcombe RG. Interval estimation for the difference between independent proportions.
# Stat Med 1998;17:873-890, Table II, method 10.
PUBLISHED_NEWCOMBE = [
    ((56, 70, 48, 80), 0.0524, 0.3339),
    ((9, 10, 3, 10), 0.1705, 0.8090),
    ((6, 7, 2, 7), 0.0582, 0.8062),
    ((5, 56, 0, 29), -0.0381, 0.1926),
    ((0, 10, 0, 20), -0.1611, 0.2775),
    ((10, 10, 0, 20), 0.6791, 1.0000),
]


def test_z_is_the_two_sided_95_percent_normal_quantile() -> None:
    assert pytest.approx(1.959963984540054, abs=1e-15) == Z95


@pytest.mark.parametrize(("n", "total", "lo", "hi"), PUBLISHED_WILSON)
def test_wilson_matches_newcombes_published_table(n, total, lo, hi) -> None:
    low, high = wilson(n, total)
    assert low == pytest.approx(lo, abs=5e-5)
    assert high == pytest.approx(hi, abs=5e-5)


@pytest.mark.parametrize(("counts", "lo", "hi"), PUBLISHED_NEWCOMBE)
def test_newcombe_method_10_matches_the_published_table(counts, lo, hi) -> None:
    diff = newcombe(*counts)
    assert diff is not None
    assert diff.low == pytest.approx(lo, abs=5e-5)
    assert diff.high == pytest.approx(hi, abs=5e-5)
    assert diff.difference == pytest.approx(counts[0] / counts[1] - counts[2] / counts[3])


def test_an_empty_group_has_no_interval() -> None:
    assert wilson(0, 0) is None
    assert newcombe(0, 0, 3, 10) is None
    lo, hi = wilson_arrays([0, 1], [0, 2])
    assert math.isnan(lo[0]) and math.isnan(hi[0]) and not math.isnan(lo[1])


def test_impossible_counts_are_refused() -> None:
    with pytest.raises(ValueError):
        wilson(5, 4)
    with pytest.raises(ValueError):
        wilson(-1, 4)


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 5000).flatmap(lambda total: st.tuples(st.integers(0, total), st.just(total))))
def test_wilson_equals_statsmodels(counts) -> None:
    n, total = counts
    lo, hi = proportion_confint(n, total, alpha=0.05, method="wilson")
    low, high = wilson(n, total)
    assert low == pytest.approx(lo, abs=1e-12)
    assert high == pytest.approx(hi, abs=1e-12)
    arr_lo, arr_hi = wilson_arrays([n], [total])
    assert arr_lo[0] == pytest.approx(lo, abs=1e-12) and arr_hi[0] == pytest.approx(hi, abs=1e-12)
    assert 0 <= low <= n / total <= high <= 1


@settings(max_examples=100, deadline=None)
@given(
    st.integers(1, 300).flatmap(lambda m: st.tuples(st.integers(0, m), st.just(m))),
    st.integers(1, 300).flatmap(lambda m: st.tuples(st.integers(0, m), st.just(m))),
)
def test_newcombe_equals_statsmodels(a, b) -> None:
    lo, hi = confint_proportions_2indep(a[0], a[1], b[0], b[1], method="newcomb", compare="diff")
    diff = newcombe(a[0], a[1], b[0], b[1])
    assert diff is not None
    assert diff.low == pytest.approx(lo, abs=1e-12) and diff.high == pytest.approx(hi, abs=1e-12)


@settings(max_examples=100, deadline=None)
@given(
    st.integers(1, 300).flatmap(lambda m: st.tuples(st.integers(0, m), st.just(m))),
    st.integers(1, 300).flatmap(lambda m: st.tuples(st.integers(0, m), st.just(m))),
)
def test_newcombe_contains_the_difference_and_is_antisymmetric(a, b) -> None:
    forward = newcombe(a[0], a[1], b[0], b[1])
    backward = newcombe(b[0], b[1], a[0], a[1])
    assert forward is not None and backward is not None
    assert -1 <= forward.low <= forward.difference <= forward.high <= 1
    assert forward.low == pytest.approx(-backward.high, abs=1e-12)
    assert forward.high == pytest.approx(-backward.low, abs=1e-12)


def test_mean_interval_uses_students_t() -> None:
    # values 1..5: mean 3, sd sqrt(2.5); t(0.975, 4) = 2.776445105 (standard tables)
    m = mean_ci([1, 2, 3, 4, 5, float("nan")])
    half = 2.776445105 * math.sqrt(2.5) / math.sqrt(5)
    assert m.n == 5 and m.mean == 3
    assert m.low == pytest.approx(3 - half, abs=1e-8) and m.high == pytest.approx(3 + half, abs=1e-8)
    assert mean_ci([2.0]).low is None and mean_ci([]).mean is None


def test_rate_per_100_patient_years_with_the_exact_poisson_interval() -> None:
    # 3 events in 730.5 patient-days = 2 patient-years: 150 per 100 PY. Garwood limits for k=3:
    # 0.6187 and 8.7673 events (Ulm 1990, Am J Epidemiol 131:373, table of exact limits).
    r = rate_per_100py(3, 730.5)
    assert r.patient_years == pytest.approx(2.0)
    assert r.rate == pytest.approx(150.0)
    assert r.low == pytest.approx(100 * 0.6187 / 2, abs=0.01)
    assert r.high == pytest.approx(100 * 8.7673 / 2, abs=0.01)
    zero = rate_per_100py(0, 365.25)
    assert zero.rate == 0 and zero.low == 0 and zero.high == pytest.approx(100 * 3.6889, abs=0.01)
    assert rate_per_100py(2, 0).rate is None


def test_wilson_arrays_are_vectorised() -> None:
    lo, hi = wilson_arrays(np.array([1, 2, 3]), np.array([10, 10, 10]))
    for k in range(3):
        assert (lo[k], hi[k]) == pytest.approx(wilson(k + 1, 10))
