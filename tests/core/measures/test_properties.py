"""Invariants checked on generated inputs (hypothesis): scores never fall when a joint
count rises, and the batch engine equals the scalar functions."""

from __future__ import annotations

from typing import Any

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from synovia.core.measures import (
    CATEGORY_LABELS,
    acr_response,
    boolean_remission,
    cdai,
    compute_visits,
    das28_crp,
    das28_crp3,
    das28_esr,
    das28_esr3,
    rapid3,
    sdai,
)


def _scale(hi: float, lo: float = 0.0) -> st.SearchStrategy[float]:
    """Values in [lo, hi], often with one decimal so published bounds get hit exactly."""
    tenths = st.integers(int(lo * 10), int(hi * 10)).map(lambda i: i / 10)
    return st.one_of(tenths, st.floats(min_value=lo, max_value=hi, allow_nan=False))


joints = st.integers(0, 28)
esr = st.one_of(st.integers(1, 200).map(float), st.floats(min_value=0.01, max_value=200))
visit = st.fixed_dictionaries(
    {
        "tjc28": joints,
        "sjc28": joints,
        "esr_mm_h": esr,
        "crp_mg_l": _scale(500),
        "ptga_mm": _scale(100),
        "ega_cm": _scale(10),
        "pain_cm": _scale(10),
        "function_cm": _scale(10),
    }
)

SCALAR: dict[str, Any] = {
    "das28_esr": lambda v: das28_esr(
        tjc28=v["tjc28"], sjc28=v["sjc28"], esr_mm_h=v["esr_mm_h"], ptga_mm=v["ptga_mm"]
    ),
    "das28_esr3": lambda v: das28_esr3(tjc28=v["tjc28"], sjc28=v["sjc28"], esr_mm_h=v["esr_mm_h"]),
    "das28_crp": lambda v: das28_crp(
        tjc28=v["tjc28"], sjc28=v["sjc28"], crp_mg_l=v["crp_mg_l"], ptga_mm=v["ptga_mm"]
    ),
    "das28_crp3": lambda v: das28_crp3(tjc28=v["tjc28"], sjc28=v["sjc28"], crp_mg_l=v["crp_mg_l"]),
    "cdai": lambda v: cdai(tjc28=v["tjc28"], sjc28=v["sjc28"], ptga_mm=v["ptga_mm"], ega_cm=v["ega_cm"]),
    "sdai": lambda v: sdai(
        tjc28=v["tjc28"], sjc28=v["sjc28"], ptga_mm=v["ptga_mm"], ega_cm=v["ega_cm"], crp_mg_l=v["crp_mg_l"]
    ),
    "rapid3": lambda v: rapid3(function_cm=v["function_cm"], pain_cm=v["pain_cm"], ptga_mm=v["ptga_mm"]),
    "boolean_remission": lambda v: boolean_remission(
        tjc28=v["tjc28"], sjc28=v["sjc28"], crp_mg_l=v["crp_mg_l"], ptga_mm=v["ptga_mm"]
    ),
}
JOINT_SCORES = ("das28_esr", "das28_esr3", "das28_crp", "das28_crp3", "cdai", "sdai")


@given(visit, st.sampled_from(["tjc28", "sjc28"]), st.sampled_from(JOINT_SCORES))
def test_scores_are_monotone_in_each_joint_count(v: dict[str, Any], joint: str, measure: str) -> None:
    if v[joint] == 28:
        v[joint] = 27
    lower = SCALAR[measure](v)
    higher = SCALAR[measure](v | {joint: v[joint] + 1})
    assert higher.value > lower.value
    order = CATEGORY_LABELS[measure]
    assert order.index(higher.category) >= order.index(lower.category)


@settings(max_examples=60, deadline=None)
@given(st.lists(visit, min_size=1, max_size=40), st.integers(1, 16))
def test_batch_equals_scalar_on_random_inputs(visits: list[dict[str, Any]], chunk: int) -> None:
    columns = {k: np.array([v[k] for v in visits], dtype=float) for k in visits[0]}
    out = compute_visits(columns, measures=list(SCALAR), chunk_rows=chunk, workers=2)
    for i, v in enumerate(visits):
        for name, scalar in SCALAR.items():
            expected = scalar(v)
            code = int(out[f"{name}_category"][i])
            assert CATEGORY_LABELS[name][code] == expected.category, (name, v)
            if expected.value is not None:
                np.testing.assert_allclose(out[name][i], expected.value, rtol=1e-12, atol=1e-12)


core_set = st.fixed_dictionaries(
    {
        "tjc68": st.integers(0, 68),
        "sjc66": st.integers(0, 66),
        "pain_cm": _scale(10),
        "ptga_cm": _scale(10),
        "ega_cm": _scale(10),
        "haq_di": st.integers(0, 24).map(lambda i: i / 8),
        "crp_mg_l": _scale(500),
    }
)


def _felson(baseline: dict[str, Any], current: dict[str, Any], n: float) -> bool:
    """Felson 1995, literally: >= n % in both counts and in at least 3 of the 5 others."""

    def improved(key: str) -> bool:
        b, c = baseline[key], current[key]
        return b > 0 and 100 * (b - c) / b >= n - 1e-9

    others = ("pain_cm", "ptga_cm", "ega_cm", "haq_di", "crp_mg_l")
    return improved("tjc68") and improved("sjc66") and sum(map(improved, others)) >= 3


@given(core_set, core_set)
def test_acr_category_matches_the_3_of_5_rule(baseline: dict[str, Any], current: dict[str, Any]) -> None:
    category = acr_response(baseline=baseline, current=current).category
    met = [n for n in (20, 50, 70) if _felson(baseline, current, n)]
    assert category == (f"ACR{met[-1]}" if met else "none")
