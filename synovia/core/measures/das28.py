"""Disease Activity Score in 28 joints (DAS28), with ESR or CRP, 4 or 3 variables.

Formulas (Prevoo et al. 1995 for ESR; the CRP forms and the 3-variable forms as published
by the DAS authors at das-score.nl, Radboud university medical center)::

    DAS28-ESR    = 0.56*sqrt(TJC28) + 0.28*sqrt(SJC28) + 0.70*ln(ESR) + 0.014*PtGA
    DAS28-ESR(3) = [0.56*sqrt(TJC28) + 0.28*sqrt(SJC28) + 0.70*ln(ESR)] * 1.08 + 0.16
    DAS28-CRP    = 0.56*sqrt(TJC28) + 0.28*sqrt(SJC28) + 0.36*ln(CRP + 1) + 0.014*PtGA + 0.96
    DAS28-CRP(3) = [0.56*sqrt(TJC28) + 0.28*sqrt(SJC28) + 0.36*ln(CRP + 1)] * 1.10 + 1.15

Units and ranges: TJC28 and SJC28 whole numbers 0-28; ESR in mm/h, above 0 (ln) up to 200;
CRP in mg/L, 0-500 (``crp_mg_dl`` is accepted and multiplied by 10); PtGA, the patient's
global assessment of disease activity, on a 0-100 mm visual analogue scale (``ptga_cm``
0-10 is accepted and multiplied by 10).

Categories (Fransen & van Riel 2005; remission: Fransen et al. 2004): remission < 2.6,
low >= 2.6 and <= 3.2, moderate > 3.2 and <= 5.1, high > 5.1. The same cut-offs are applied
to DAS28-CRP, as is usual, although DAS28-CRP runs lower than DAS28-ESR.

Sources:
    Prevoo MLL, van 't Hof MA, Kuper HH, et al. Modified disease activity scores that
    include twenty-eight-joint counts. Arthritis Rheum 1995;38(1):44-48.
    das-score.nl, "DAS28" formulas (DAS28-CRP and 3-variable versions).
    Fransen J, van Riel PLCM. The Disease Activity Score and the EULAR response criteria.
    Clin Exp Rheumatol 2005;23(5 Suppl 39):S93-S99.
    Fransen J, Creemers MCW, van Riel PLCM. Remission in rheumatoid arthritis: agreement of
    the disease activity score (DAS28) with the ARA preliminary remission criteria.
    Rheumatology 2004;43(10):1252-1255.
"""

from __future__ import annotations

import math

from synovia.core.measures import units
from synovia.core.measures.result import Bands, MeasureResult

DAS28_BANDS = Bands(
    labels=("remission", "low", "moderate", "high"),
    bounds=(2.6, 3.2, 5.1),
    inclusive=(False, True, True),
)
"""remission < 2.6 <= low <= 3.2 < moderate <= 5.1 < high."""


def _joints(tjc28: object, sjc28: object) -> tuple[float, dict[str, object]]:
    t, s = units.count("tjc28", tjc28), units.count("sjc28", sjc28)
    return 0.56 * math.sqrt(t) + 0.28 * math.sqrt(s), {"tjc28": t, "sjc28": s}


def _result(measure: str, value: float, inputs: dict[str, object]) -> MeasureResult:
    return MeasureResult(measure, value, DAS28_BANDS.label(value), inputs)


def das28_esr(
    *, tjc28: int, sjc28: int, esr_mm_h: float,
    ptga_mm: float | None = None, ptga_cm: float | None = None,
) -> MeasureResult:
    """DAS28-ESR, 4 variables (Prevoo et al. 1995); PtGA in mm (or ``ptga_cm``)."""
    joints, inputs = _joints(tjc28, sjc28)
    esr = units.number("esr_mm_h", esr_mm_h)
    ptga = units.ptga_in_mm(ptga_mm, ptga_cm)
    value = joints + 0.70 * math.log(esr) + 0.014 * ptga.value
    return _result("das28_esr", value, inputs | {"esr_mm_h": esr, ptga.name: ptga.given})


def das28_esr3(*, tjc28: int, sjc28: int, esr_mm_h: float) -> MeasureResult:
    """DAS28-ESR, 3 variables, without the patient global (das-score.nl)."""
    joints, inputs = _joints(tjc28, sjc28)
    esr = units.number("esr_mm_h", esr_mm_h)
    value = (joints + 0.70 * math.log(esr)) * 1.08 + 0.16
    return _result("das28_esr3", value, inputs | {"esr_mm_h": esr})


def das28_crp(
    *, tjc28: int, sjc28: int,
    crp_mg_l: float | None = None, crp_mg_dl: float | None = None,
    ptga_mm: float | None = None, ptga_cm: float | None = None,
) -> MeasureResult:
    """DAS28-CRP, 4 variables (das-score.nl); CRP in mg/L (or ``crp_mg_dl``)."""
    joints, inputs = _joints(tjc28, sjc28)
    crp = units.crp_in_mg_l(crp_mg_l, crp_mg_dl)
    ptga = units.ptga_in_mm(ptga_mm, ptga_cm)
    value = joints + 0.36 * math.log(crp.value + 1.0) + 0.014 * ptga.value + 0.96
    return _result("das28_crp", value, inputs | {crp.name: crp.given, ptga.name: ptga.given})


def das28_crp3(
    *, tjc28: int, sjc28: int, crp_mg_l: float | None = None, crp_mg_dl: float | None = None
) -> MeasureResult:
    """DAS28-CRP, 3 variables, without the patient global (das-score.nl)."""
    joints, inputs = _joints(tjc28, sjc28)
    crp = units.crp_in_mg_l(crp_mg_l, crp_mg_dl)
    value = (joints + 0.36 * math.log(crp.value + 1.0)) * 1.10 + 1.15
    return _result("das28_crp3", value, inputs | {crp.name: crp.given})
