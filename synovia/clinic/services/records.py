"""Writes of clinical data: visits with scores from the core, labs, imaging."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction

from synovia.accounts.models import User
from synovia.clinic.models import (
    Imaging,
    LabResult,
    Patient,
    ScheduledVisit,
    Visit,
)
from synovia.clinic.models.choices import (
    ConsentScope,
    PathwayState,
    VisitKind,
)
from synovia.clinic.scoring import compute_scores
from synovia.clinic.services import _validate
from synovia.clinic.services._common import _require_consent, _save
from synovia.clinic.services.pathway import patient_transition
from synovia.core import joints, labs


def visit_record(
    *,
    patient: Patient,
    by: User | None,
    visit_date: dt.date,
    kind: str = VisitKind.SCHEDULED,
    tender_joints: Iterable[str] = (),
    swollen_joints: Iterable[str] = (),
    esr_mm_h: float | None = None,
    crp_mg_l: float | None = None,
    ptga_cm: float | None = None,
    ega_cm: float | None = None,
    pain_cm: float | None = None,
    function_cm: float | None = None,
    haq_items: Mapping[str, Any] | None = None,
) -> Visit:
    """Record a visit's assessments once; the core computes and the visit stores DAS28-ESR,
    DAS28-CRP, CDAI, SDAI, HAQ-DI and RAPID3 with the measures version. A scheduled visit
    inside an open window fulfils it."""
    _validate.dates(patient.birth_date, visit_date=visit_date)
    _validate.numbers(
        esr_mm_h=esr_mm_h, crp_mg_l=crp_mg_l, ptga_cm=ptga_cm, ega_cm=ega_cm, pain_cm=pain_cm,
        function_cm=function_cm,
    )  # fmt: skip
    _require_consent(patient, ConsentScope.DATA_USE)
    tender = joints.validate(tender_joints, allowed=joints.JOINTS_68)
    swollen = joints.validate(swollen_joints, allowed=joints.JOINTS_66)
    entered = {
        "tjc28": joints.count28(tender),
        "sjc28": joints.count28(swollen),
        "esr_mm_h": esr_mm_h,
        "crp_mg_l": crp_mg_l,
        "ptga_cm": ptga_cm,
        "ega_cm": ega_cm,
        "pain_cm": pain_cm,
        "function_cm": function_cm,
    }
    scores = compute_scores(entered, haq_items)
    visit = Visit(
        patient=patient,
        kind=kind,
        visit_date=visit_date,
        recorded_by=by,
        tender_joints=tender,
        swollen_joints=swollen,
        tjc68=len(tender),
        sjc66=len(swollen),
        haq_items=dict(haq_items or {}),
        categories=scores.categories,
        measures_version=scores.version,
        **entered,
        **scores.values,
    )
    with transaction.atomic():
        slot = _open_slot(patient, visit_date) if kind == VisitKind.SCHEDULED else None
        if slot is not None:
            visit.label = slot.label
        _save(visit, by)
        if slot is not None:
            slot.visit = visit
            slot.save(update_fields=["visit"])
            if patient.state == PathwayState.TREATED:
                patient_transition(patient=patient, by=by, to_state=PathwayState.IN_FOLLOW_UP)
    return visit


def _open_slot(patient: Patient, day: dt.date) -> ScheduledVisit | None:
    return (
        patient.scheduled_visits.filter(visit__isnull=True, earliest__lte=day, latest__gte=day)
        .order_by("target")
        .first()
    )


def lab_record(
    *,
    patient: Patient,
    by: User | None,
    test: str,
    value: float,
    unit: str,
    collected_on: dt.date,
    visit: Visit | None = None,
    ref_low: float | None = None,
    ref_high: float | None = None,
) -> LabResult:
    """Store a LOINC-coded result converted to its canonical unit (``LabUnitError`` for an
    unknown unit, an implausible value or reference range). A reference range given in the
    entered unit is converted too."""
    _validate.dates(patient.birth_date, collected_on=collected_on)
    _require_consent(patient, ConsentScope.DATA_USE)
    converted = labs.convert(test, value, unit)
    spec = labs.lab_test(test)
    low, high = labs.reference_range(test, unit, ref_low, ref_high)
    low = spec.ref_low if low is None else low
    high = spec.ref_high if high is None else high
    result = LabResult(
        patient=patient,
        visit=visit,
        collected_on=collected_on,
        test=test,
        code=converted.code,
        system=converted.system,
        value=converted.value,
        unit=converted.unit,
        entered_value=value,
        entered_unit=unit,
        ref_low=low,
        ref_high=high,
    )
    with transaction.atomic():
        _save(result, by)
    return result


def imaging_record(
    *,
    patient: Patient,
    by: User | None,
    taken_on: dt.date,
    steinbrocker_stage: int,
    erosions: bool,
    sharp_vdh: int | None = None,
) -> Imaging:
    """Record a radiograph reading."""
    _validate.dates(patient.birth_date, taken_on=taken_on)
    _validate.numbers(steinbrocker_stage=steinbrocker_stage, sharp_vdh=sharp_vdh)
    _require_consent(patient, ConsentScope.DATA_USE)
    imaging = Imaging(
        patient=patient,
        taken_on=taken_on,
        steinbrocker_stage=steinbrocker_stage,
        erosions=erosions,
        sharp_vdh=sharp_vdh,
    )
    with transaction.atomic():
        _save(imaging, by)
    return imaging
