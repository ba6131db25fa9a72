"""Clinical and Simplified Disease Activity Indices (CDAI, SDAI).

Formulas (plain sums, no weights)::

    CDAI = TJC28 + SJC28 + PtGA(cm) + EGA(cm)                 range 0-76
    SDAI = TJC28 + SJC28 + PtGA(cm) + EGA(cm) + CRP(mg/dL)    range 0-86 for CRP <= 10 mg/dL

Units and ranges: TJC28, SJC28 whole numbers 0-28; PtGA (patient global assessment of
disease activity) and EGA (evaluator global assessment) on 0-10 cm visual analogue scales
(``ptga_mm`` 0-100 is accepted and divided by 10); CRP in mg/dL inside the formula
(``crp_mg_l`` is accepted and divided by 10; giving mg/L unconverted would inflate SDAI
tenfold, which is why the unit is part of the name).

Categories (Aletaha & Smolen 2005), every upper bound inclusive:
    CDAI: remission <= 2.8, low <= 10, moderate <= 22, high > 22.
    SDAI: remission <= 3.3, low <= 11, moderate <= 26, high > 26.

Sources:
    Smolen JS, Breedveld FC, Schiff MH, et al. A simplified disease activity index for
    rheumatoid arthritis for use in clinical practice. Rheumatology 2003;42(2):244-257.
    Aletaha D, Nell VPK, Stamm T, et al. Acute phase reactants add little to composite
    disease activity indices for rheumatoid arthritis: validation of a clinical activity
    score. Arthritis Res Ther 2005;7(4):R796-R806.
    Aletaha D, Smolen JS. The Simplified Disease Activity Index (SDAI) and the Clinical
    Disease Activity Index (CDAI): a review of their usefulness and validity in rheumatoid
    arthritis. Clin Exp Rheumatol 2005;23(5 Suppl 39):S100-S108.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

from synovia.core.measures import units
from synovia.core.measures.result import Bands, MeasureResult

CDAI_BANDS = Bands(
    labels=("remission", "low", "moderate", "high"),
    bounds=(2.8, 10.0, 22.0),
    inclusive=(True, True, True),
)
"""remission <= 2.8 < low <= 10 < moderate <= 22 < high."""

SDAI_BANDS = Bands(
    labels=("remission", "low", "moderate", "high"),
    bounds=(3.3, 11.0, 26.0),
    inclusive=(True, True, True),
)
"""remission <= 3.3 < low <= 11 < moderate <= 26 < high."""


def clinical_sum(
    tjc28: Any, sjc28: Any, ptga_cm: Any, ega_cm: Any, out: npt.NDArray[np.float64] | None = None
) -> Any:
    """CDAI, ``TJC28 + SJC28 + PtGA(cm) + EGA(cm)``, for floats or arrays (the formula,
    written once: the scalar functions and the batch engine both call it)."""
    value = np.add(tjc28, sjc28, out=out, dtype=np.float64)
    value = np.add(value, ptga_cm, out=out)
    return np.add(value, ega_cm, out=out)


def sdai_sum(clinical: Any, crp_mg_dl: Any, out: npt.NDArray[np.float64] | None = None) -> Any:
    """SDAI, ``CDAI + CRP(mg/dL)``, for floats or arrays."""
    return np.add(clinical, crp_mg_dl, out=out)


def _clinical(
    tjc28: object, sjc28: object, ptga_mm: object, ptga_cm: object, ega_cm: object
) -> tuple[float, dict[str, object]]:
    t, s = units.count("tjc28", tjc28), units.count("sjc28", sjc28)
    ptga = units.ptga_in_cm(ptga_mm, ptga_cm)
    ega = units.number("ega_cm", ega_cm)
    inputs: dict[str, object] = {"tjc28": t, "sjc28": s, ptga.name: ptga.given, "ega_cm": ega}
    return float(clinical_sum(t, s, ptga.value, ega)), inputs


def cdai(
    *,
    tjc28: int,
    sjc28: int,
    ega_cm: float,
    ptga_cm: float | None = None,
    ptga_mm: float | None = None,
) -> MeasureResult:
    """CDAI = TJC28 + SJC28 + PtGA(cm) + EGA(cm) (Aletaha et al. 2005)."""
    value, inputs = _clinical(tjc28, sjc28, ptga_mm, ptga_cm, ega_cm)
    return MeasureResult("cdai", value, CDAI_BANDS.label(value), inputs)


def sdai(
    *,
    tjc28: int,
    sjc28: int,
    ega_cm: float,
    ptga_cm: float | None = None,
    ptga_mm: float | None = None,
    crp_mg_dl: float | None = None,
    crp_mg_l: float | None = None,
) -> MeasureResult:
    """SDAI = CDAI + CRP(mg/dL) (Smolen et al. 2003)."""
    clinical, inputs = _clinical(tjc28, sjc28, ptga_mm, ptga_cm, ega_cm)
    crp = units.crp_in_mg_dl(crp_mg_l, crp_mg_dl)
    value = float(sdai_sum(clinical, crp.value))
    return MeasureResult("sdai", value, SDAI_BANDS.label(value), inputs | {crp.name: crp.given})
