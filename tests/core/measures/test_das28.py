"""DAS28-ESR/CRP, 4 and 3 variables.

Expected values are worked by hand from the published formulas (Prevoo et al., Arthritis
Rheum 1995;38:44-48 for DAS28-ESR; das-score.nl for the CRP and 3-variable forms), with
inputs chosen so the arithmetic is checkable: sqrt(4) = 2 and sqrt(9) = 3, so the joint
term is 0.56*2 + 0.28*3 = 1.96. Tolerance 1e-4 (four decimals shown).
"""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from synovia.core.measures import (
    MeasureInputError,
    das28_crp,
    das28_crp3,
    das28_esr,
    das28_esr3,
)
from synovia.core.measures.das28 import DAS28_BANDS

TOL = 1e-4


def test_das28_esr_worked_example() -> None:
    # Prevoo 1995 formula, by hand: 1.96 + 0.70*ln(20) [2.0970] + 0.014*50 [0.70] = 4.7570 -> moderate
    result = das28_esr(tjc28=4, sjc28=9, esr_mm_h=20, ptga_mm=50)
    assert result.value == pytest.approx(4.7570, abs=TOL)
    assert result.category == "moderate"
    assert result.measure == "das28_esr"
    assert dict(result.inputs) == {"tjc28": 4, "sjc28": 9, "esr_mm_h": 20.0, "ptga_mm": 50.0}


def test_das28_esr_accepts_ptga_in_cm_converted_at_the_boundary() -> None:
    # 5.0 cm = 50 mm: the same 4.7570 as above
    result = das28_esr(tjc28=4, sjc28=9, esr_mm_h=20, ptga_cm=5.0)
    assert result.value == pytest.approx(4.7570, abs=TOL)
    assert result.inputs["ptga_cm"] == 5.0


def test_das28_esr_minimum_is_zero() -> None:
    # Prevoo 1995 formula with no joints, ESR 1 (ln 1 = 0), PtGA 0 -> 0.0
    assert das28_esr(tjc28=0, sjc28=0, esr_mm_h=1, ptga_mm=0).value == 0.0


def test_das28_esr_maximum_of_the_allowed_ranges() -> None:
    # 0.84*sqrt(28) [4.4449] + 0.70*ln(200) [3.7088] + 1.4 = 9.5537 -> high
    result = das28_esr(tjc28=28, sjc28=28, esr_mm_h=200, ptga_mm=100)
    assert result.value == pytest.approx(9.5537, abs=TOL)
    assert result.category == "high"


def test_das28_esr3_worked_example() -> None:
    # das-score.nl formula, by hand: (1.96 + 2.0970) * 1.08 + 0.16 = 4.5416
    result = das28_esr3(tjc28=4, sjc28=9, esr_mm_h=20)
    assert result.value == pytest.approx(4.5416, abs=TOL)
    assert result.category == "moderate"


def test_das28_crp_worked_example() -> None:
    # das-score.nl formula, by hand: 1.96 + 0.36*ln(10 + 1) [0.8632] + 0.014*50 [0.70] + 0.96 = 4.4832
    result = das28_crp(tjc28=4, sjc28=9, crp_mg_l=10, ptga_mm=50)
    assert result.value == pytest.approx(4.4832, abs=TOL)
    assert result.category == "moderate"


def test_das28_crp_in_mg_dl_is_converted_not_used_raw() -> None:
    # 1.0 mg/dL = 10 mg/L: the same 4.4832
    result = das28_crp(tjc28=4, sjc28=9, crp_mg_dl=1.0, ptga_mm=50)
    assert result.value == pytest.approx(4.4832, abs=TOL)
    assert result.inputs["crp_mg_dl"] == 1.0


def test_das28_crp_minima_are_the_published_constants() -> None:
    # das-score.nl: with every input at 0, DAS28-CRP = 0.96 and DAS28-CRP(3) = 1.15
    assert das28_crp(tjc28=0, sjc28=0, crp_mg_l=0, ptga_mm=0).value == pytest.approx(0.96)
    assert das28_crp3(tjc28=0, sjc28=0, crp_mg_l=0).value == pytest.approx(1.15)


def test_das28_crp3_worked_example() -> None:
    # das-score.nl formula, by hand: (1.96 + 0.8632) * 1.10 + 1.15 = 4.2556
    result = das28_crp3(tjc28=4, sjc28=9, crp_mg_l=10)
    assert result.value == pytest.approx(4.2556, abs=TOL)


@pytest.mark.parametrize(
    ("score", "category"),
    [
        # Fransen et al. 2004: remission < 2.6 (strict)
        (0.0, "remission"),
        (2.59, "remission"),
        (2.6, "low"),
        # Fransen & van Riel 2005: low <= 3.2, moderate <= 5.1, high > 5.1
        (3.2, "low"),
        (3.21, "moderate"),
        (5.1, "moderate"),
        (5.11, "high"),
        (9.9, "high"),
    ],
)
def test_das28_cut_offs_and_their_strictness(score: float, category: str) -> None:
    assert DAS28_BANDS.label(score) == category


def test_das28_cut_off_is_not_moved_by_binary_rounding() -> None:
    assert DAS28_BANDS.label(3.2000000000000003) == "low"
    assert DAS28_BANDS.label(2.5999999999999996) == "low"


def test_rejects_a_tender_count_out_of_range_naming_field_value_and_range() -> None:
    with pytest.raises(MeasureInputError) as caught:
        das28_esr(tjc28=31, sjc28=2, esr_mm_h=20, ptga_mm=50)
    assert str(caught.value) == "tjc28=31 is outside the allowed range 0-28"
    assert (caught.value.field, caught.value.value, caught.value.allowed) == ("tjc28", 31, "0-28")


def test_rejects_esr_of_zero_because_ln_needs_it_positive() -> None:
    with pytest.raises(MeasureInputError, match=r"esr_mm_h=0 is outside the allowed range above 0"):
        das28_esr(tjc28=1, sjc28=1, esr_mm_h=0, ptga_mm=50)


def test_rejects_both_crp_units_and_no_crp() -> None:
    with pytest.raises(MeasureInputError, match="both given"):
        das28_crp(tjc28=1, sjc28=1, crp_mg_l=5, crp_mg_dl=0.5, ptga_mm=5)
    with pytest.raises(MeasureInputError, match="missing"):
        das28_crp(tjc28=1, sjc28=1, ptga_mm=5)


def test_rejects_a_ptga_in_cm_that_looks_like_mm() -> None:
    with pytest.raises(MeasureInputError, match="ptga_cm=45 is outside the allowed range 0-10"):
        das28_esr(tjc28=1, sjc28=1, esr_mm_h=10, ptga_cm=45)


@pytest.mark.parametrize("bad", [3.5, "3", True, None, math.nan, math.inf])
def test_rejects_joint_counts_that_are_not_whole_numbers(bad: object) -> None:
    with pytest.raises(MeasureInputError) as caught:
        das28_esr3(tjc28=bad, sjc28=1, esr_mm_h=10)  # type: ignore[arg-type]
    assert caught.value.field == "tjc28"


def test_accepts_a_whole_float_joint_count() -> None:
    assert das28_esr3(tjc28=4.0, sjc28=9, esr_mm_h=20).inputs["tjc28"] == 4  # type: ignore[arg-type]


def test_agrees_with_an_independent_calculator() -> None:
    # Reference values of the RheumaComposites.jl test suite (test/types/das28.jl), computed
    # there with the 4S-DAWN online DAS28 calculator: TJC 4, SJC 5, PtGA 12 mm and
    # ESR 44 mm/h -> 4.56; CRP 44 mg/L -> 4.24 (two decimals).
    assert round(das28_esr(tjc28=4, sjc28=5, esr_mm_h=44, ptga_mm=12).value, 2) == 4.56
    assert round(das28_crp(tjc28=4, sjc28=5, crp_mg_l=44, ptga_mm=12).value, 2) == 4.24


# --- preferred_das28: DAS28-ESR, else DAS28-CRP (0.0 is a score, only None is missing) ---


def test_preferred_das28_keeps_a_real_zero_esr_score() -> None:
    from synovia.core.measures import preferred_das28

    # DAS28-ESR is 0.0 for TJC 0, SJC 0, ESR 1 mm/h, PtGA 0 (ln 1 = 0): a real score
    assert das28_esr(tjc28=0, sjc28=0, esr_mm_h=1, ptga_mm=0).value == 0.0
    assert preferred_das28(0.0, 2.5) == 0.0
    assert preferred_das28(None, 0.0) == 0.0
    assert preferred_das28(None, None) is None


@given(
    st.one_of(st.none(), st.floats(min_value=-2, max_value=10)),
    st.one_of(st.none(), st.floats(min_value=0, max_value=10)),
)
def test_preferred_das28_is_esr_when_present_else_crp(esr: float | None, crp: float | None) -> None:
    from synovia.core.measures import preferred_das28

    assert preferred_das28(esr, crp) == (crp if esr is None else esr)
