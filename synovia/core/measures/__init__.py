"""Clinical measures of rheumatoid arthritis: pure, typed, cited.

Scalar API (keyword-only; units in every argument name; each returns a frozen
``MeasureResult(measure, value, category, inputs)`` or raises ``MeasureInputError``):
``das28_esr, das28_esr3, das28_crp, das28_crp3, cdai, sdai, haq_di, rapid3,
eular_response, acr_response, boolean_remission, acr_eular_2010``.

Batch API: ``compute_visits(columns)`` scores a whole registry at once with the same
formulas (see ``batch``). ``preferred_das28(esr, crp)``: the DAS28 to report for a visit.
Command: ``jsonl.run(lines, out)`` backs ``synovia measures``. The formulas, units, ranges,
cut-offs and sources are in each module's docstring and in docs/measures.md.
"""

from synovia.core.measures.batch import CATEGORY_LABELS, compute_visits
from synovia.core.measures.cdai_sdai import cdai, sdai
from synovia.core.measures.classification import acr_eular_2010
from synovia.core.measures.das28 import (
    das28_crp,
    das28_crp3,
    das28_esr,
    das28_esr3,
    preferred_das28,
)
from synovia.core.measures.errors import MeasureInputError
from synovia.core.measures.haq_di import haq_di
from synovia.core.measures.jsonl import MEASURES
from synovia.core.measures.rapid3 import rapid3
from synovia.core.measures.response import acr_response, boolean_remission, eular_response
from synovia.core.measures.result import MeasureResult

MEASURES_VERSION = "1.0.0"
"""Version of the formulas and cut-offs; bump it when any result could change."""

__all__ = [
    "CATEGORY_LABELS",
    "MEASURES",
    "MEASURES_VERSION",
    "MeasureInputError",
    "MeasureResult",
    "acr_eular_2010",
    "acr_response",
    "boolean_remission",
    "cdai",
    "compute_visits",
    "das28_crp",
    "das28_crp3",
    "das28_esr",
    "das28_esr3",
    "eular_response",
    "haq_di",
    "preferred_das28",
    "rapid3",
    "sdai",
]
