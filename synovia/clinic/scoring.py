"""Compute a visit's scores with ``synovia.core.measures`` (the only place formulas live).

Each measure is computed when its inputs are present; a measure whose inputs are
incomplete is left empty (not guessed). Invalid inputs raise ``MeasureInputError`` so the
form can name the field.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from synovia.core import measures
from synovia.core.measures.batch import NEEDS
from synovia.core.measures.haq_di import HAQ_CATEGORIES

SCORED = ("das28_esr", "das28_crp", "cdai", "sdai", "rapid3")
"""The per-visit scores stored on a visit (besides HAQ-DI), in the visit form's units."""
_VISIT_UNITS = {"crp": "crp_mg_l", "ptga": "ptga_cm"}
_REQUIRED: dict[str, tuple[str, ...]] = {
    name: tuple(_VISIT_UNITS.get(k, k) for k in NEEDS[name]) for name in SCORED
}
"""Inputs of each score, from the core's one list (``batch.NEEDS``)."""


@dataclass(frozen=True)
class Scores:
    values: dict[str, float | None] = field(default_factory=dict)
    categories: dict[str, str] = field(default_factory=dict)
    version: str = ""


def _measure(name: str) -> Callable[..., Any]:
    fn: Callable[..., Any] = getattr(measures, name)
    return fn


def compute_scores(inputs: Mapping[str, Any], haq_items: Mapping[str, Any] | None) -> Scores:
    """Scores of one visit from its entered values (counts, ESR mm/h, CRP mg/L, cm)."""
    values: dict[str, float | None] = {}
    categories: dict[str, str] = {}
    for name, needed in _REQUIRED.items():
        if any(inputs.get(k) is None for k in needed):
            values[name] = None
            continue
        result = _measure(name)(**{k: inputs[k] for k in needed})
        values[name] = None if result.value is None else round(float(result.value), 4)
        if result.category:
            categories[name] = str(result.category)
    values["haq_di"] = None
    if haq_items:
        result = _measure("haq_di")(items=haq_items.get("items", {}), aids=haq_items.get("aids", ()))
        values["haq_di"] = None if result.value is None else round(float(result.value), 4)
    return Scores(values, categories, str(getattr(measures, "MEASURES_VERSION", "")))


def haq_items_from_categories(
    scores: Mapping[str, int | None], aids: list[str] | None = None
) -> dict[str, Any]:
    """HAQ-DI answers when only the highest item of each category is entered: that score
    as the first item and the others unanswered (the category score is their maximum)."""
    items = {
        name: [scores.get(name)] + [None] * (size - 1)
        for name, size in HAQ_CATEGORIES.items()
        if scores.get(name) is not None
    }
    return {"items": items, "aids": list(aids or [])}
