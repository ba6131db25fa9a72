"""An independent, row-by-row reading of the clinic record's facts (the rules of
``synovia.trials.clinic_facts`` written as plain Python over one patient's rows, oldest first):
the oracle the column-wise definition is tested against. Not used by the product."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from synovia.core.bounds import finite
from synovia.trials.clinic_facts import (
    FAILED_STOP_REASONS,
    LAB_FACTS,
    SEX,
    ULN_FACTS,
    VISIT_FACTS,
    VISIT_SCALES_CM,
)

# The mappings (which lab test is which fact) are shared with the product: what this oracle
# checks is the reading, row by row, not the table of names.
FAILED_OR_OTHER = {"inadequate_response", "loss_of_response", "intolerance", "adverse_event"}


def facts_of(
    patient: Any,
    *,
    visits: Iterable[Any],
    labs: Iterable[Any],
    medications: Iterable[Any],
    evaluations: Iterable[Any],
    images: Iterable[Any],
    today: dt.date,
) -> dict[str, Any]:
    """The facts one record states, from its rows (each family oldest first)."""
    facts: dict[str, Any] = {
        "age_years": _years_between(patient.birth_date, today),
        "weight_kg": float(patient.weight_kg),
    }
    if patient.sex in SEX:
        facts["sex"] = SEX[patient.sex]
    if patient.diagnosis_date:
        facts["diagnosis_months"] = max(0.0, (today - patient.diagnosis_date).days / 30.4375)
    facts.update(_serology(patient))
    facts.update(_infections(patient))
    facts.update(_latest_visit(visits))
    facts.update(_labs(labs))
    facts.update(_medications(medications, today))
    facts.update(_evaluation_and_imaging(evaluations, images))
    return facts


def _years_between(start: dt.date, end: dt.date) -> float:
    return (end - start).days / 365.25


def _serology(patient: Any) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for fact, status in (("rf_positive", patient.rf_status), ("acpa_positive", patient.acpa_status)):
        if status in ("positive", "negative"):
            found[fact] = status == "positive"
    if patient.erosions is not None:
        found["erosions"] = patient.erosions
    return found


def _infections(patient: Any) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for fact, status in (
        ("hbv", patient.hbv_status),
        ("hcv", patient.hcv_status),
        ("hiv", patient.hiv_status),
    ):
        if status != "unknown":
            found[fact] = status == "positive"
    if patient.tb_status != "unknown":
        found["tb_active"] = patient.tb_status == "positive"
        found["tb_latent"] = patient.tb_status == "latent"
    return found


def _latest_visit(visits: Iterable[Any]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for visit in visits:  # oldest first: later visits overwrite
        for fact in VISIT_FACTS:
            value = getattr(visit, fact)
            if value is not None:
                found[fact] = float(value)
        for fact, column in VISIT_SCALES_CM.items():
            value = getattr(visit, column, None)
            if value is not None:  # cm to mm in decimal: 0.7 cm is 7 mm exactly
                found[fact] = float(Decimal(repr(float(value))) * 10)
    return found


def _labs(labs: Iterable[Any]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for lab in labs:  # oldest first
        if lab.test in LAB_FACTS:
            found[LAB_FACTS[lab.test]] = lab.value
        if lab.test in ULN_FACTS and finite(lab.ref_high) and lab.ref_high > 0:
            found[ULN_FACTS[lab.test]] = lab.value / lab.ref_high
    return found


def _weeks_ago(day: dt.date | None, today: dt.date) -> float | None:
    return None if day is None else min(100_000.0, max(0.0, (today - day).days / 7.0))


def _drug(m: Any, today: dt.date) -> dict[str, Any]:
    reason = None
    if m.stop_reason:
        reason = m.stop_reason if m.stop_reason in FAILED_OR_OTHER else "other"
    return {
        "name": m.name,
        "started_weeks_ago": _weeks_ago(m.started_on, today),
        "stopped_weeks_ago": _weeks_ago(m.stopped_on, today),
        "stop_reason": reason,
    }


def _medications(medications: Iterable[Any], today: dt.date) -> dict[str, Any]:
    items = list(medications)
    if not items:
        return {}
    failed = [m for m in items if m.stopped_on and m.stop_reason in FAILED_STOP_REASONS]
    history = {"drug_history": [_drug(m, today) for m in items]} if len(items) <= 200 else {}
    return history | {
        "failed_csdmards": [m.name for m in failed if m.drug_class == "csdmard"],
        "failed_biologics": [m.name for m in failed if m.drug_class in ("biologic", "jaki")],
        "current_drugs": [m.name for m in items if m.stopped_on is None],
    }


def _evaluation_and_imaging(evaluations: Iterable[Any], imaging: Iterable[Any]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    scored = [e for e in evaluations if e.acr_eular_score is not None]
    if scored:
        found["meets_acr_eular_2010"] = scored[-1].acr_eular_score >= 6
    images = list(imaging)
    if images:
        found["radiographic_stage"] = float(images[-1].steinbrocker_stage)
        found["erosions"] = images[-1].erosions
    return found
