"""Routine Assessment of Patient Index Data 3 (RAPID3), 0-30.

Formula: RAPID3 = FN + PN + PtGA, each on 0-10, total 0-30.

* FN, physical function: the MDHAQ function score already converted to 0-10
  (``function_cm``; the MDHAQ's 10 items scored 0-3 give a raw 0-30 that the published
  table converts to 0-10).
* PN, pain: 0-10 visual analogue or numeric scale (``pain_cm``).
* PtGA, patient global estimate: 0-10 (``ptga_cm``; ``ptga_mm`` 0-100 is divided by 10).

Categories (Pincus et al. 2008), upper bounds inclusive: near remission <= 3,
low <= 6, moderate <= 12, high > 12 (published as 0-3, 3.1-6, 6.1-12, 12.1-30).

Source:
    Pincus T, Swearingen CJ, Bergman M, Yazici Y. RAPID3 (Routine Assessment of Patient
    Index Data 3), a rheumatoid arthritis index without formal joint counts for routine
    care: proposed severity categories compared to Disease Activity Score and Clinical
    Disease Activity Index categories. J Rheumatol 2008;35(11):2136-2147.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

from synovia.core.measures import units
from synovia.core.measures.result import Bands, MeasureResult

RAPID3_BANDS = Bands(
    labels=("near_remission", "low", "moderate", "high"),
    bounds=(3.0, 6.0, 12.0),
    inclusive=(True, True, True),
)
"""near remission <= 3 < low <= 6 < moderate <= 12 < high."""


def rapid3_sum(
    function_cm: Any, pain_cm: Any, ptga_cm: Any, out: npt.NDArray[np.float64] | None = None
) -> Any:
    """``FN + PN + PtGA(cm)`` for floats or arrays (scalar function and batch engine)."""
    return np.add(np.add(function_cm, pain_cm, out=out), ptga_cm, out=out)


def rapid3(
    *,
    function_cm: float,
    pain_cm: float,
    ptga_cm: float | None = None,
    ptga_mm: float | None = None,
) -> MeasureResult:
    """RAPID3 = function + pain + patient global, each 0-10 (Pincus et al. 2008)."""
    fn = units.number("function_cm", function_cm)
    pain = units.number("pain_cm", pain_cm)
    ptga = units.ptga_in_cm(ptga_mm, ptga_cm)
    value = float(rapid3_sum(fn, pain, ptga.value))
    inputs = {"function_cm": fn, "pain_cm": pain, ptga.name: ptga.given}
    return MeasureResult("rapid3", value, RAPID3_BANDS.label(value), inputs)
