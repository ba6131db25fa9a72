"""Joint homunculus: 68/66/28 sets and validation."""

from __future__ import annotations

import pytest

from synovia.core.joints import JOINTS_28, JOINTS_66, JOINTS_68, JointError, count28, validate


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
