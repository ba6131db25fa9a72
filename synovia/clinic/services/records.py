"""Writes of clinical data: visits with scores from the core, labs, imaging."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

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
from synovia.clinic.services._common import _check_version, _require_consent, _save, patient_write
from synovia.clinic.services.pathway import patient_transition
from synovia.core import joints, labs


@patient_write
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


VISIT_INPUTS = frozenset(
    {
        "visit_date",
        "kind",
        "tender_joints",
        "swollen_joints",
        "esr_mm_h",
        "crp_mg_l",
        "ptga_cm",
        "ega_cm",
        "pain_cm",
        "function_cm",
        "haq_items",
    }
)


@patient_write
def visit_update(
    *, visit: Visit, by: User | None, expected_version: int | None = None, **inputs: Any
) -> Visit:
    """Change a visit's entered values (``VISIT_INPUTS``); its joint counts and stored
    scores are recomputed by the core from the values it then holds, so they never go
    stale. With ``expected_version`` (the version the editor saw) a stale edit is refused."""
    unknown = set(inputs) - VISIT_INPUTS
    if unknown:
        raise ValidationError(
            _("Only a visit's entered values can be changed, not: %s") % ", ".join(sorted(unknown))
        )
    visit.refresh_from_db(from_queryset=Visit.objects.select_for_update())
    _check_version(visit, expected_version)
    if "tender_joints" in inputs:
        inputs["tender_joints"] = joints.validate(inputs["tender_joints"] or (), allowed=joints.JOINTS_68)
    if "swollen_joints" in inputs:
        inputs["swollen_joints"] = joints.validate(inputs["swollen_joints"] or (), allowed=joints.JOINTS_66)
    for name, value in inputs.items():
        setattr(visit, name, value)
    _rescore(visit)
    _save(visit, by)
    return visit


def _rescore(visit: Visit) -> None:
    visit.tjc28 = joints.count28(visit.tender_joints)
    visit.sjc28 = joints.count28(visit.swollen_joints)
    visit.tjc68, visit.sjc66 = len(visit.tender_joints), len(visit.swollen_joints)
    entered = {
        k: getattr(visit, k)
        for k in ("tjc28", "sjc28", "esr_mm_h", "crp_mg_l", "ptga_cm", "ega_cm", "pain_cm", "function_cm")
    }
    scores = compute_scores(entered, visit.haq_items or None)
    for name, value in scores.values.items():
        setattr(visit, name, value)
    visit.categories, visit.measures_version = scores.categories, scores.version


def _open_slot(patient: Patient, day: dt.date) -> ScheduledVisit | None:
    return (
        patient.scheduled_visits.filter(visit__isnull=True, earliest__lte=day, latest__gte=day)
        .order_by("target")
        .first()
    )


@patient_write
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


@patient_write
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
