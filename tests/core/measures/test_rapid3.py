"""RAPID3, 0-30 (Pincus et al., J Rheumatol 2008;35:2136-2147): FN + PN + PtGA, each 0-10;
near remission <= 3, low 3.1-6, moderate 6.1-12, high > 12."""

from __future__ import annotations

import pytest

from synovia.core.measures import MeasureInputError, rapid3


def test_rapid3_worked_example() -> None:
    # Pincus 2008 formula, worked by hand: function 3.3 + pain 5.0 + global 4.0 = 12.3 -> high (> 12)
    result = rapid3(function_cm=3.3, pain_cm=5.0, ptga_cm=4.0)
    assert result.value == pytest.approx(12.3)
    assert result.category == "high"


@pytest.mark.parametrize(
    ("fn", "pain", "ptga", "category"),
    [
        (0, 0, 0, "near_remission"),
        (1, 1, 1, "near_remission"),  # 3
        (1.1, 1, 1, "low"),  # 3.1
        (2, 2, 2, "low"),  # 6
        (2.1, 2, 2, "moderate"),  # 6.1
        (4, 4, 4, "moderate"),  # 12
        (4.1, 4, 4, "high"),  # 12.1
        (10, 10, 10, "high"),  # 30, the maximum
    ],
)
def test_rapid3_cut_offs(fn: float, pain: float, ptga: float, category: str) -> None:
    assert rapid3(function_cm=fn, pain_cm=pain, ptga_cm=ptga).category == category


def test_rapid3_accepts_ptga_in_mm() -> None:
    assert rapid3(function_cm=1, pain_cm=1, ptga_mm=10).value == pytest.approx(3.0)


def test_rapid3_rejects_pain_on_a_100_mm_scale() -> None:
    with pytest.raises(MeasureInputError, match="pain_cm=70 is outside the allowed range 0-10"):
        rapid3(function_cm=1, pain_cm=70, ptga_cm=1)
