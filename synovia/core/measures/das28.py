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

from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from synovia.core.measures import units
from synovia.core.measures.result import Bands, MeasureResult

DAS28_BANDS = Bands(
    labels=("remission", "low", "moderate", "high"),
    bounds=(2.6, 3.2, 5.1),
    inclusive=(False, True, True),
)
"""remission < 2.6 <= low <= 3.2 < moderate <= 5.1 < high."""

TJC28_WEIGHT = 0.56
SJC28_WEIGHT = 0.28
PTGA_MM_WEIGHT = 0.014


@dataclass(frozen=True)
class Das28Form:
    """The coefficients of one laboratory variant of DAS28 (ESR or CRP)."""

    lab_weight: float
    """Weight of ``ln(ESR)`` or ``ln(CRP + 1)``."""
    constant: float
    """Added to the 4-variable form."""
    scale3: float
    shift3: float
    """The 3-variable form is ``(joints + lab term) * scale3 + shift3``."""


ESR_FORM = Das28Form(lab_weight=0.70, constant=0.0, scale3=1.08, shift3=0.16)
CRP_FORM = Das28Form(lab_weight=0.36, constant=0.96, scale3=1.10, shift3=1.15)

# The functions below are the formulas, written once. Each takes Python floats or NumPy
# arrays (one value per visit): the scalar functions of this module and the batch engine
# (``batch``, ``kernels``) call the same code with the same coefficients. ``out`` is
# NumPy's: the array written into, for the batch engine; the order of operations is the
# one of the published formula, so the two paths agree to the last bit.

Number = Any
"""A float or a float64 array (NumPy's ufuncs take either)."""


def joint_term(tjc28: Number, sjc28: Number, out: npt.NDArray[np.float64] | None = None) -> Number:
    """``0.56*sqrt(TJC28) + 0.28*sqrt(SJC28)``."""
    term = np.multiply(np.sqrt(tjc28, dtype=np.float64), TJC28_WEIGHT, out=out)
    return np.add(term, np.multiply(np.sqrt(sjc28, dtype=np.float64), SJC28_WEIGHT), out=out)


def ln_esr(esr_mm_h: Number, out: npt.NDArray[np.float64] | None = None) -> Number:
    """``ln(ESR)``, ESR in mm/h."""
    return np.log(esr_mm_h, out=out)


def ln_crp(crp_mg_l: Number, out: npt.NDArray[np.float64] | None = None) -> Number:
    """``ln(CRP + 1)``, CRP in mg/L."""
    return np.log(np.add(crp_mg_l, 1.0, out=out), out=out)


def ptga_term(ptga_mm: Number, out: npt.NDArray[np.float64] | None = None) -> Number:
    """``0.014*PtGA(mm)``."""
    return np.multiply(ptga_mm, PTGA_MM_WEIGHT, out=out)


def four_variable(
    form: Das28Form,
    joints: Number,
    ln_lab: Number,
    ptga: Number,
    out: npt.NDArray[np.float64] | None = None,
) -> Number:
    """``joints + lab_weight*ln_lab + 0.014*PtGA(mm) + constant``; ``ptga`` is
    ``ptga_term(PtGA in mm)``."""
    value = np.add(joints, np.multiply(ln_lab, form.lab_weight, out=out), out=out)
    value = np.add(value, ptga, out=out)
    return np.add(value, form.constant, out=out) if form.constant else value


def three_variable(
    form: Das28Form, joints: Number, ln_lab: Number, out: npt.NDArray[np.float64] | None = None
) -> Number:
    """``(joints + lab_weight*ln_lab) * scale3 + shift3``."""
    value = np.add(joints, np.multiply(ln_lab, form.lab_weight, out=out), out=out)
    return np.add(np.multiply(value, form.scale3, out=out), form.shift3, out=out)


def _joints(tjc28: object, sjc28: object) -> tuple[float, dict[str, object]]:
    t, s = units.count("tjc28", tjc28), units.count("sjc28", sjc28)
    return float(joint_term(float(t), float(s))), {"tjc28": t, "sjc28": s}


def _result(measure: str, value: Number, inputs: dict[str, object]) -> MeasureResult:
    score = float(value)
    return MeasureResult(measure, score, DAS28_BANDS.label(score), inputs)


def das28_esr(
    *,
    tjc28: int,
    sjc28: int,
    esr_mm_h: float,
    ptga_mm: float | None = None,
    ptga_cm: float | None = None,
) -> MeasureResult:
    """DAS28-ESR, 4 variables (Prevoo et al. 1995); PtGA in mm (or ``ptga_cm``)."""
    joints, inputs = _joints(tjc28, sjc28)
    esr = units.number("esr_mm_h", esr_mm_h)
    ptga = units.ptga_in_mm(ptga_mm, ptga_cm)
    value = four_variable(ESR_FORM, joints, ln_esr(esr), ptga_term(ptga.value))
    return _result("das28_esr", value, inputs | {"esr_mm_h": esr, ptga.name: ptga.given})


def das28_esr3(*, tjc28: int, sjc28: int, esr_mm_h: float) -> MeasureResult:
    """DAS28-ESR, 3 variables, without the patient global (das-score.nl)."""
    joints, inputs = _joints(tjc28, sjc28)
    esr = units.number("esr_mm_h", esr_mm_h)
    value = three_variable(ESR_FORM, joints, ln_esr(esr))
    return _result("das28_esr3", value, inputs | {"esr_mm_h": esr})


def das28_crp(
    *,
    tjc28: int,
    sjc28: int,
    crp_mg_l: float | None = None,
    crp_mg_dl: float | None = None,
    ptga_mm: float | None = None,
    ptga_cm: float | None = None,
) -> MeasureResult:
    """DAS28-CRP, 4 variables (das-score.nl); CRP in mg/L (or ``crp_mg_dl``)."""
    joints, inputs = _joints(tjc28, sjc28)
    crp = units.crp_in_mg_l(crp_mg_l, crp_mg_dl)
    ptga = units.ptga_in_mm(ptga_mm, ptga_cm)
    value = four_variable(CRP_FORM, joints, ln_crp(crp.value), ptga_term(ptga.value))
    return _result("das28_crp", value, inputs | {crp.name: crp.given, ptga.name: ptga.given})


def das28_crp3(
    *, tjc28: int, sjc28: int, crp_mg_l: float | None = None, crp_mg_dl: float | None = None
) -> MeasureResult:
    """DAS28-CRP, 3 variables, without the patient global (das-score.nl)."""
    joints, inputs = _joints(tjc28, sjc28)
    crp = units.crp_in_mg_l(crp_mg_l, crp_mg_dl)
    value = three_variable(CRP_FORM, joints, ln_crp(crp.value))
    return _result("das28_crp3", value, inputs | {crp.name: crp.given})


def preferred_das28(esr_score: float | None, crp_score: float | None) -> float | None:
    """The DAS28 to report for a visit: DAS28-ESR when computed, else DAS28-CRP, else None.

    ESR is preferred because the DAS28 cut-offs were derived for DAS28-ESR (Fransen & van
    Riel 2005). A score of 0.0 is a real score, never "missing": only ``None`` is.
    """
    return esr_score if esr_score is not None else crp_score
