"""CDAI and SDAI.

Formulas and cut-offs: Aletaha et al., Arthritis Res Ther 2005;7:R796-R806 (CDAI);
Smolen et al., Rheumatology 2003;42:244-257 (SDAI); cut-offs Aletaha & Smolen, Clin Exp
Rheumatol 2005;23(5 Suppl 39):S100-S108. Expected values are the published sums worked by
hand.
"""

from __future__ import annotations

import pytest

from synovia.core.measures import MeasureInputError, cdai, sdai


def test_cdai_worked_example() -> None:
    # Aletaha 2005 formula, by hand: 5 + 3 + 4.5 + 3.5 = 16.0 -> moderate (> 10, <= 22)
    result = cdai(tjc28=5, sjc28=3, ptga_cm=4.5, ega_cm=3.5)
    assert result.value == pytest.approx(16.0)
    assert result.category == "moderate"


def test_cdai_range_is_0_to_76() -> None:
    # Aletaha 2005: 28 + 28 + 10 + 10 = 76
    assert cdai(tjc28=28, sjc28=28, ptga_cm=10, ega_cm=10).value == 76.0
    assert cdai(tjc28=0, sjc28=0, ptga_cm=0, ega_cm=0).category == "remission"


def test_cdai_accepts_ptga_in_mm() -> None:
    assert cdai(tjc28=5, sjc28=3, ptga_mm=45, ega_cm=3.5).value == pytest.approx(16.0)


def test_sdai_worked_example() -> None:
    # Smolen 2003 formula, by hand: 5 + 3 + 4.5 + 3.5 + CRP 2.3 mg/dL = 18.3 -> moderate (> 11, <= 26)
    result = sdai(tjc28=5, sjc28=3, ptga_cm=4.5, ega_cm=3.5, crp_mg_dl=2.3)
    assert result.value == pytest.approx(18.3)
    assert result.category == "moderate"


def test_sdai_with_crp_in_mg_l_is_converted_to_mg_dl() -> None:
    # 23 mg/L = 2.3 mg/dL: the same 18.3, never 39.0
    assert sdai(tjc28=5, sjc28=3, ptga_cm=4.5, ega_cm=3.5, crp_mg_l=23).value == pytest.approx(18.3)


@pytest.mark.parametrize(
    ("tjc", "sjc", "ptga", "ega", "category"),
    [
        # Aletaha & Smolen 2005, CDAI: remission <= 2.8, low <= 10, moderate <= 22
        (1, 1, 0.4, 0.4, "remission"),  # 2.8 (2.8000000000000003 in binary)
        (1, 1, 0.5, 0.4, "low"),  # 2.9
        (4, 4, 1.0, 1.0, "low"),  # 10
        (4, 4, 1.1, 1.0, "moderate"),  # 10.1
        (10, 8, 2.0, 2.0, "moderate"),  # 22
        (10, 8, 2.1, 2.0, "high"),  # 22.1
    ],
)
def test_cdai_cut_offs_inclusive(tjc: int, sjc: int, ptga: float, ega: float, category: str) -> None:
    assert cdai(tjc28=tjc, sjc28=sjc, ptga_cm=ptga, ega_cm=ega).category == category


@pytest.mark.parametrize(
    ("crp_mg_dl", "category"),
    [
        # Aletaha & Smolen 2005, SDAI: remission <= 3.3, low <= 11, moderate <= 26;
        # the clinical part below is 1 + 1 + 0.4 + 0.4 = 2.8
        (0.5, "remission"),  # 3.3
        (0.6, "low"),  # 3.4
        (8.2, "low"),  # 11.0
        (8.3, "moderate"),  # 11.1
        (23.2, "moderate"),  # 26.0
        (23.3, "high"),  # 26.1
    ],
)
def test_sdai_cut_offs_inclusive(crp_mg_dl: float, category: str) -> None:
    result = sdai(tjc28=1, sjc28=1, ptga_cm=0.4, ega_cm=0.4, crp_mg_dl=crp_mg_dl)
    assert result.category == category


def test_sdai_rejects_crp_in_two_units() -> None:
    with pytest.raises(MeasureInputError, match="crp_mg_l and crp_mg_dl were both given"):
        sdai(tjc28=1, sjc28=1, ptga_cm=1, ega_cm=1, crp_mg_dl=1, crp_mg_l=10)


def test_cdai_rejects_an_evaluator_global_in_mm() -> None:
    with pytest.raises(MeasureInputError, match="ega_cm=35 is outside the allowed range 0-10"):
        cdai(tjc28=1, sjc28=1, ptga_cm=1, ega_cm=35)
