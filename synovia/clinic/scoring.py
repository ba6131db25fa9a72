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


# -- live scoring of the visit form and the response against the baseline ------------------

DAS28_VARIANTS = ("das28_esr", "das28_crp")
CORE_SET = ("tjc68", "sjc66", "pain_cm", "ptga_cm", "ega_cm", "haq_di")


@dataclass(frozen=True)
class Response:
    """A follow-up visit against the patient's baseline: EULAR response (from the DAS28 both
    visits share, ESR preferred) and ACR20/50/70; ``None`` with a reason when not analysable."""

    das28: str = ""
    eular: str | None = None
    eular_improvement: float | None = None
    eular_reason: str = ""
    acr: str | None = None
    acr_n: float | None = None
    acr_reason: str = ""


def haq_value(haq_items: Mapping[str, Any] | None) -> tuple[float | None, str]:
    """HAQ-DI of the answers, or (None, why not) while fewer than 6 categories are answered."""
    if not haq_items or not haq_items.get("items"):
        return None, ""
    try:
        result = _measure("haq_di")(items=haq_items.get("items", {}), aids=haq_items.get("aids", ()))
    except measures.MeasureInputError as exc:
        return None, str(exc)
    return (None if result.value is None else round(float(result.value), 4)), ""


def response_against(baseline: Mapping[str, Any], current: Mapping[str, Any]) -> Response:
    """EULAR (van Gestel 1996/1998) and ACR-N (Felson 1995; Siegel & Zhen 2005) of ``current``
    against ``baseline``; both mappings hold the visit's stored fields (scores, counts, cm,
    ESR mm/h, CRP mg/L). The formulas are the core's (``synovia.core.measures.response``)."""
    eular: dict[str, Any] = {"eular_reason": "no DAS28 common to the baseline and this visit"}
    for name in DAS28_VARIANTS:
        if baseline.get(name) is not None and current.get(name) is not None:
            result = measures.eular_response(das28_baseline=baseline[name], das28_current=current[name])
            eular = {"das28": name, "eular": result.category, "eular_improvement": result.value,
                     "eular_reason": ""}  # fmt: skip
            break
    return Response(**eular, **_acr(baseline, current))


def _acr_core_set(visit: Mapping[str, Any], reactant: str | None) -> dict[str, Any]:
    data = {k: visit.get(k) for k in CORE_SET if visit.get(k) is not None}
    if reactant is not None and visit.get(reactant) is not None:
        data[reactant] = visit[reactant]
    return data


def _acr(baseline: Mapping[str, Any], current: Mapping[str, Any]) -> dict[str, Any]:
    reactant = next(
        (r for r in ("crp_mg_l", "esr_mm_h") if baseline.get(r) is not None and current.get(r) is not None),
        None,
    )
    if any(v.get(k) is None for v in (baseline, current) for k in ("tjc68", "sjc66")):
        return {"acr_reason": "both joint counts (68/66) are needed at both visits"}
    try:
        result = measures.acr_response(
            baseline=_acr_core_set(baseline, reactant), current=_acr_core_set(current, reactant)
        )
    except measures.MeasureInputError as exc:
        return {"acr_reason": str(exc)}
    value = None if result.value is None else float(result.value)
    return {"acr": result.category, "acr_n": value}


@dataclass(frozen=True)
class Preview:
    """What the visit form shows as values are entered: counts, scores with categories, why
    HAQ-DI is not computed yet, and the response against the baseline for a follow-up."""

    counts: dict[str, int]
    scores: Scores
    haq_reason: str = ""
    response: Response | None = None
    missing: dict[str, tuple[str, ...]] = field(default_factory=dict)


def preview(entered: Mapping[str, Any], baseline: Mapping[str, Any] | None) -> Preview:
    """Score the values entered so far (joints as lists of codes, validated by the form)."""
    from synovia.core import joints

    tender, swollen = entered.get("tender_joints") or [], entered.get("swollen_joints") or []
    counts = {"tjc28": joints.count28(tender), "sjc28": joints.count28(swollen),
              "tjc68": len(tender), "sjc66": len(swollen)}  # fmt: skip
    values = {k: entered.get(k) for k in _INPUTS} | counts
    haq_items = entered.get("haq_items")
    haq, haq_reason = haq_value(haq_items)
    scores = compute_scores(values, None)
    scores.values["haq_di"] = haq
    missing = {
        name: tuple(k for k in needed if values.get(k) is None)
        for name, needed in _REQUIRED.items()
        if scores.values.get(name) is None
    }
    response = None
    if baseline is not None:
        response = response_against(baseline, values | scores.values)
    return Preview(counts, scores, haq_reason, response, missing)


_INPUTS = ("esr_mm_h", "crp_mg_l", "ptga_cm", "ega_cm", "pain_cm", "function_cm")


def visit_values(visit: Any) -> dict[str, Any]:
    """A stored visit's fields that the response needs (scores, counts, cm, ESR, CRP)."""
    names = (*DAS28_VARIANTS, *CORE_SET, "crp_mg_l", "esr_mm_h", "tjc28", "sjc28")
    return {name: getattr(visit, name) for name in names}
