"""2010 ACR/EULAR classification criteria for rheumatoid arthritis (score 0-10).

For a patient with at least one joint with definite clinical synovitis not better
explained by another disease, add the points of four domains; a score >= 6 of 10
classifies the patient as having definite RA.

A. Joint involvement (swollen or tender joints on examination)::

    1 large joint                                          0
    2-10 large joints                                      1
    1-3 small joints (with or without large joints)        2
    4-10 small joints (with or without large joints)       3
    > 10 joints (at least 1 small joint)                   5

   Large joints: shoulders, elbows, hips, knees, ankles (0-10). Small joints: MCPs, PIPs,
   thumb IPs, MTPs 2-5, wrists (30), plus, for the "> 10 joints" row, other joints such as
   temporomandibular, acromioclavicular and sternoclavicular: ``small_joints`` 0-36.
B. Serology (RF and ACPA): both negative 0; low-positive (above the upper limit of normal,
   at most 3 times it) 2; high-positive (above 3 times) 3 (``serology`` one of
   ``negative``, ``low_positive``, ``high_positive``; the higher of the two tests counts).
C. Acute-phase reactants: normal CRP and ESR 0; abnormal CRP or ESR 1.
D. Duration of symptoms: < 6 weeks 0; >= 6 weeks 1.

Not modelled: classification by typical erosions alone, and the check that synovitis is
not better explained by another disease (a clinician's judgement).

Source:
    Aletaha D, Neogi T, Silman AJ, et al. 2010 Rheumatoid arthritis classification
    criteria: an American College of Rheumatology/European League Against Rheumatism
    collaborative initiative. Arthritis Rheum 2010;62(9):2569-2581 (and Ann Rheum Dis
    2010;69(9):1580-1588).
"""

from __future__ import annotations

from synovia.core.measures import units
from synovia.core.measures.errors import MeasureInputError
from synovia.core.measures.result import MeasureResult

LARGE_JOINTS = units.Range(0, 10, whole=True)
SMALL_JOINTS = units.Range(0, 36, whole=True)
DURATION_WEEKS = units.Range(0, 5200)
SEROLOGY_POINTS = {"negative": 0, "low_positive": 2, "high_positive": 3}
CLASSIFIED_AT = 6


def joint_points(large: int, small: int) -> int:
    """Points of domain A from the counts of involved large and small joints."""
    if small >= 1 and large + small > 10:
        return 5
    if small >= 4:
        return 3
    if small >= 1:
        return 2
    return 1 if large >= 2 else 0


def acr_eular_2010(
    *,
    large_joints: int,
    small_joints: int,
    serology: str,
    acute_phase_abnormal: bool,
    duration_weeks: float,
) -> MeasureResult:
    """2010 ACR/EULAR RA classification score; "RA" at >= 6 (Aletaha et al. 2010)."""
    large = units.count("large_joints", large_joints, LARGE_JOINTS)
    small = units.count("small_joints", small_joints, SMALL_JOINTS)
    if not isinstance(serology, str) or serology not in SEROLOGY_POINTS:
        allowed = ", ".join(SEROLOGY_POINTS)
        raise MeasureInputError(
            "serology", serology, allowed, f"serology={serology!r} is not one of {allowed}"
        )
    if not isinstance(acute_phase_abnormal, bool):
        raise MeasureInputError(
            "acute_phase_abnormal",
            acute_phase_abnormal,
            "true or false",
            f"acute_phase_abnormal={acute_phase_abnormal!r} is not true or false",
        )
    weeks = units.number("duration_weeks", duration_weeks, DURATION_WEEKS)
    score = (
        joint_points(large, small) + SEROLOGY_POINTS[serology] + int(acute_phase_abnormal) + int(weeks >= 6)
    )
    inputs = {
        "large_joints": large,
        "small_joints": small,
        "serology": serology,
        "acute_phase_abnormal": acute_phase_abnormal,
        "duration_weeks": weeks,
    }
    return MeasureResult("acr_eular_2010", float(score), "RA" if score >= CLASSIFIED_AT else "not_RA", inputs)
