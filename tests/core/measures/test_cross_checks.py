"""Cross-checks against values other implementations publish.

No worked example by an instrument's own authors or an official calculator could be reached
offline (see docs/measures.md, "Worked examples"): the primary tests work each example by
hand from the cited formula. These tests add third-party published values, each cited with
its repository, file and commit, and the published mistakes we must not repeat. They are
cross-checks, not the clinical reference.
"""

from __future__ import annotations

import pytest

from synovia.core.measures import (
    acr_eular_2010,
    acr_response,
    boolean_remission,
    cdai,
    das28_esr,
    sdai,
)


def test_das28_esr_value_printed_in_rheumacomposites_docs() -> None:
    # RheumaComposites.jl, docstring of `score`: score(DAS28ESR(t28=4, s28=2, pga=64, apr=44)) -> 5.061
    assert round(das28_esr(tjc28=4, sjc28=2, ptga_mm=64, esr_mm_h=44).value, 3) == 5.061


def test_sdai_of_mdcalc_as_quoted_by_rheumacomposites() -> None:
    # RheumaComposites.jl test/types/sdai.jl, citing MDCalc's SDAI calculator:
    # TJC 1, SJC 0, PtGA 1 cm, EGA 0 cm, CRP 0.1 mg/dL -> 2.1
    assert sdai(tjc28=1, sjc28=0, ptga_cm=1, ega_cm=0, crp_mg_dl=0.1).value == pytest.approx(2.1)


def test_sdai_does_not_repeat_the_mg_l_mistake() -> None:
    # An earlier version of the same test (commit 1bd1298) expected 3.0: CRP added in mg/L
    # (1 mg/L) instead of mg/dL. The formula takes mg/dL; 1 mg/L is 0.1 mg/dL.
    result = sdai(tjc28=1, sjc28=0, ptga_cm=1, ega_cm=0, crp_mg_l=1)
    assert result.value == pytest.approx(2.1)


@pytest.mark.parametrize(
    ("tjc28", "sjc28", "ptga_cm", "ega_cm", "value", "category"),
    [
        # RheumaComposites.jl test/types/cdai.jl (commit 2a91949): 2.0 -> remission; 15 -> not
        (1, 0, 1, 0, 2.0, "remission"),
        (3, 4, 4, 4, 15.0, "moderate"),
        # the same file's edges: 2.79 / 2.81, 9.99 / 10.01, 21.99 / 22.01
        (0, 0, 1.0, 1.79, 2.79, "remission"),
        (0, 0, 1.0, 1.81, 2.81, "low"),
        (5, 4, 0.0, 0.99, 9.99, "low"),
        (5, 4, 0.0, 1.01, 10.01, "moderate"),
        (10, 10, 1.0, 0.99, 21.99, "moderate"),
        (10, 10, 1.0, 1.01, 22.01, "high"),
    ],
)
def test_cdai_values_and_edges_of_rheumacomposites(
    tjc28: int, sjc28: int, ptga_cm: float, ega_cm: float, value: float, category: str
) -> None:
    result = cdai(tjc28=tjc28, sjc28=sjc28, ptga_cm=ptga_cm, ega_cm=ega_cm)
    assert result.value == pytest.approx(value)
    assert result.category == category


def test_boolean_remission_case_of_rheumacomposites() -> None:
    # RheumaComposites.jl test/types/boolean.jl (commit 0acee68): TJC 1, SJC 0, PtGA 14 mm,
    # CRP 0.4 mg/dL -> not in remission by the 2011 criteria, in remission by the 2022 revision
    args = {"tjc28": 1, "sjc28": 0, "ptga_mm": 14, "crp_mg_dl": 0.4}
    assert boolean_remission(**args, version=2011).category == "not_remission"  # type: ignore[arg-type]
    assert boolean_remission(**args, version=2022).category == "remission"  # type: ignore[arg-type]


def test_acr20_case_of_the_acreular_readme() -> None:
    # fragla/acreular README: baseline SJC 8, TJC 12, PtGA 50, pain 35, EGA 60 (0-100),
    # HAQ 0.850, APR 15; follow-up SJC 4, TJC 7, PtGA 20, pain 25, EGA 30, HAQ 0.350,
    # APR 10 -> "ACR20" (TJC improves 41.7 %, short of 50 %)
    baseline = {
        "tjc68": 12,
        "sjc66": 8,
        "ptga_cm": 5.0,
        "pain_cm": 3.5,
        "ega_cm": 6.0,
        "haq_di": 0.85,
        "crp_mg_l": 15,
    }
    current = {
        "tjc68": 7,
        "sjc66": 4,
        "ptga_cm": 2.0,
        "pain_cm": 2.5,
        "ega_cm": 3.0,
        "haq_di": 0.35,
        "crp_mg_l": 10,
    }
    assert acr_response(baseline=baseline, current=current).category == "ACR20"


@pytest.mark.parametrize(
    ("large", "small", "serology", "acute", "weeks", "score"),
    [
        # fragla/acreular README: 8 large, 12 small joints, high-positive, APR normal,
        # 43 days -> 5 + 3 + 0 + 1 = 9, RA
        (8, 12, "high_positive", False, 43 / 7, 9.0),
        # acreular tests/testthat/test-acreular-ra.R (commit 0dd7f8e): 3 large, 4 small,
        # RF 21 and CCP 11 against upper limits 20 and 10 (low-positive), APR normal,
        # 60 days -> 6; 1 large, 1 small, serology negative, CRP 11 above 10, 62 days -> 4
        (3, 4, "low_positive", False, 60 / 7, 6.0),
        (1, 1, "negative", True, 62 / 7, 4.0),
        # a published case report (Case Rep Rheumatol 2014, article 160252, Table 3) prints 6,
        # scoring > 10 joints as 4 points; the criteria give 5, so the total is 7
        (0, 11, "negative", True, 7, 7.0),
    ],
)
def test_2010_scores_published_by_others(
    large: int, small: int, serology: str, acute: bool, weeks: float, score: float
) -> None:
    result = acr_eular_2010(
        large_joints=large,
        small_joints=small,
        serology=serology,
        acute_phase_abnormal=acute,
        duration_weeks=weeks,
    )
    assert result.value == score
    assert result.category == ("RA" if score >= 6 else "not_RA")


@pytest.mark.parametrize(
    ("large", "small", "points"),
    # acreular tests/testthat/test-acreular-ra.R, joint domain: (large, small) -> points
    [(1, 0, 0), (2, 0, 1), (10, 0, 1), (0, 1, 2), (0, 3, 2), (2, 3, 2), (1, 9, 3), (7, 4, 5)],
)
def test_2010_joint_points_of_acreular(large: int, small: int, points: int) -> None:
    result = acr_eular_2010(
        large_joints=large,
        small_joints=small,
        serology="negative",
        acute_phase_abnormal=False,
        duration_weeks=1,
    )
    assert result.value == points
