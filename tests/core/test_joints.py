"""Joint homunculus: 68/66/28 sets, validation and places on the diagram."""

from __future__ import annotations

from itertools import combinations
from math import dist

import pytest

from synovia.core.joints import (
    HEIGHT,
    JOINTS_28,
    JOINTS_66,
    JOINTS_68,
    MIN_SPACING,
    POSITIONS,
    WIDTH,
    JointError,
    count28,
    validate,
)


def test_counts_have_the_published_sizes() -> None:
    assert (len(JOINTS_68), len(JOINTS_66), len(JOINTS_28)) == (68, 66, 28)
    assert set(JOINTS_28) <= set(JOINTS_66) <= set(JOINTS_68)
    assert "R_HIP" in JOINTS_68 and "R_HIP" not in JOINTS_66


def test_validate_orders_and_deduplicates() -> None:
    assert validate(["L_KNEE", "R_MCP2", "L_KNEE"], allowed=JOINTS_28) == ["R_MCP2", "L_KNEE"]


def test_validate_refuses_a_hip_in_the_swollen_count() -> None:
    with pytest.raises(JointError, match="R_HIP"):
        validate(["R_HIP"], allowed=JOINTS_66)


def test_count28_ignores_feet() -> None:
    assert count28(["R_MTP1", "L_WRIST", "R_KNEE"]) == 2


def test_every_joint_has_one_place_inside_the_diagram() -> None:
    assert set(POSITIONS) == set(JOINTS_68) and len(POSITIONS) == 68
    for joint, (x, y) in POSITIONS.items():
        assert 0 < x < WIDTH and 0 < y < HEIGHT, joint


def test_patient_right_is_on_the_viewers_left_and_mirrors_the_left() -> None:
    for joint in JOINTS_68:
        if joint.startswith("R_"):
            (xr, yr), (xl, yl) = POSITIONS[joint], POSITIONS["L_" + joint[2:]]
            assert xr < WIDTH / 2 < xl, joint
            assert (xr + xl, yr) == (WIDTH, yl), joint


def test_no_two_joints_are_too_close_to_tap_apart() -> None:
    close = [(a, b) for a, b in combinations(JOINTS_68, 2) if dist(POSITIONS[a], POSITIONS[b]) < MIN_SPACING]
    assert close == []
