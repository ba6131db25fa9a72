"""Reads of the API: every one inside a ``door.reading`` (scoped to the caller, audited with
channel ``api``), paged by id."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from synovia.access import door
from synovia.access.door import Principal
from synovia.clinic.models import (
    AdverseEvent,
    Evaluation,
    Infusion,
    LabResult,
    Medication,
    Patient,
    Visit,
)

#: The patient-linked resources the API lists, by name.
RESOURCES: dict[str, Any] = {
    "visits": Visit.objects.all,
    "labs": LabResult.objects.all,
    "infusions": lambda: Infusion.objects.select_related("program"),
    "adverse_events": AdverseEvent.objects.all,
    "evaluations": Evaluation.objects.all,
    "medications": Medication.objects.all,
}


def patients(*, who: Principal, filters: dict[str, Any], after: int, n: int) -> list[Patient]:
    """A page of the patients in scope, in id order, filtered; one audited read."""
    rows = Patient.objects.select_related("clinic").filter(pk__gt=after, **filters).order_by("pk")
    with door.reading(who, "api patients") as read:
        return read.patients(rows, limit=n)


def patient(*, who: Principal, patient_id: Any) -> Patient:
    return door.patient(who, patient_id, purpose="api patient")


def patient_rows(
    *, who: Principal, patient_id: Any, resource: str, filters: dict[str, Any], after: int, n: int
) -> list[Any]:
    """A page of one patient's rows of ``resource``; one audited read of that patient."""
    with door.reading(who, f"api {resource}") as read:
        found = read.patient(patient_id)
        rows: QuerySet[Any] = RESOURCES[resource]().filter(patient=found, pk__gt=after, **filters)
        return list(rows.order_by("pk")[:n])


def visit(*, who: Principal, patient_id: Any, visit_id: Any) -> Visit:
    """One visit of a patient in scope (NotVisible otherwise); audited."""
    with door.reading(who, "api visit") as read:
        found = read.patient(patient_id)
        return _visit_of(found, visit_id)


def visit_for_change(*, who: Principal, patient_id: Any, visit_id: Any) -> Visit:
    """A visit its reader may change (own clinic, an editing role); audited."""
    found = door.patient_for_change(who, patient_id, purpose="api visit update")
    return _visit_of(found, visit_id)


def _visit_of(found: Patient, visit_id: Any) -> Visit:
    text = str(visit_id)
    row = (
        Visit.objects.filter(patient=found, pk=int(text)).first()
        if text.isdigit() and len(text) < 19
        else None
    )
    if row is None:
        raise door.NotVisible
    return row


def patient_for_matching(*, who: Principal, patient_id: Any) -> Patient:
    """One patient in scope with what trial matching needs; audited."""
    from synovia.trials.clinic_facts import with_related

    with door.reading(who, "api trial matches") as read:
        return read.patient(patient_id, with_related(Patient.objects.all()))
