"""2010 ACR/EULAR RA classification criteria (Aletaha et al., Arthritis Rheum
2010;62:2569-2581, Table 3): joints 0/1/2/3/5, serology 0/2/3, acute-phase reactants 0/1,
duration 0/1; definite RA at >= 6 of 10."""

from __future__ import annotations

import pytest

from synovia.core.measures import MeasureInputError, acr_eular_2010
from synovia.core.measures.classification import joint_points


@pytest.mark.parametrize(
    ("large", "small", "points"),
    [
        (0, 0, 0),
        (1, 0, 0),  # 1 large joint: 0
        (2, 0, 1),
        (10, 0, 1),  # 2-10 large joints: 1
        (0, 1, 2),
        (5, 3, 2),  # 1-3 small joints (with or without large): 2
        (7, 3, 2),  # 10 joints in all is not > 10
        (0, 4, 3),
        (6, 4, 3),
        (0, 10, 3),  # 4-10 small joints: 3
        (8, 3, 5),
        (10, 1, 5),
        (0, 11, 5),  # > 10 joints, at least 1 small: 5
    ],
)
def test_joint_domain_rows(large: int, small: int, points: int) -> None:
    assert joint_points(large, small) == points


def test_classifies_at_six() -> None:
    # Aletaha 2010: 1-3 small joints (2) + high-positive (3) + symptoms >= 6 weeks (1) = 6
    result = acr_eular_2010(
        large_joints=0, small_joints=2, serology="high_positive", acute_phase_abnormal=False, duration_weeks=8
    )
    assert (result.value, result.category) == (6.0, "RA")


def test_five_is_not_ra() -> None:
    # 2 small joints (2) + low-positive (2) + abnormal CRP (1) + 4 weeks (0) = 5
    result = acr_eular_2010(
        large_joints=0, small_joints=2, serology="low_positive", acute_phase_abnormal=True, duration_weeks=4
    )
    assert (result.value, result.category) == (5.0, "not_RA")


def test_maximum_is_ten() -> None:
    result = acr_eular_2010(
        large_joints=4,
        small_joints=12,
        serology="high_positive",
        acute_phase_abnormal=True,
        duration_weeks=52,
    )
    assert (result.value, result.category) == (10.0, "RA")


@pytest.mark.parametrize(("weeks", "score"), [(5.9, 5.0), (6, 6.0)])
def test_duration_bound_six_weeks_inclusive(weeks: float, score: float) -> None:
    result = acr_eular_2010(
        large_joints=0,
        small_joints=2,
        serology="high_positive",
        acute_phase_abnormal=False,
        duration_weeks=weeks,
    )
    assert result.value == score


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"serology": "positive"}, "serology"),
        ({"acute_phase_abnormal": 1}, "acute_phase_abnormal"),
        ({"large_joints": 11}, "large_joints"),
        ({"duration_weeks": -1}, "duration_weeks"),
    ],
)
def test_rejects_bad_inputs(change: dict[str, object], field: str) -> None:
    args: dict[str, object] = {
        "large_joints": 1,
        "small_joints": 1,
        "serology": "negative",
        "acute_phase_abnormal": False,
        "duration_weeks": 8,
    } | change
    with pytest.raises(MeasureInputError) as caught:
        acr_eular_2010(**args)  # type: ignore[arg-type]
    assert caught.value.field == field
