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
from synovia.interop.models import TrialEnrolment
from synovia.selfcheck.models import Referral
from synovia.trials.models import Trial

#: The patient-linked resources the API lists, by name.
RESOURCES: dict[str, Any] = {
    "visits": Visit.objects.all,
    "labs": LabResult.objects.all,
    "infusions": lambda: Infusion.objects.select_related("program"),
    "adverse_events": AdverseEvent.objects.all,
    "evaluations": Evaluation.objects.all,
    "medications": Medication.objects.all,
    "enrolments": lambda: TrialEnrolment.objects.select_related("trial"),
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


def _is_row_id(value: Any) -> bool:
    text = str(value)
    return text.isdigit() and 0 < len(text) < 19


def referrals(*, who: Principal, filters: dict[str, Any], after: int, n: int) -> list[Referral]:
    """A page of the referrals in the caller's scope (their clinic's patients), in id order;
    one audited read (as the clinic's referral page)."""
    rows = Referral.objects.select_related("site__clinic").filter(pk__gt=after, **filters).order_by("pk")
    with door.reading(who, "api referrals") as read:
        return read.rows(rows, limit=n)


def referral(*, who: Principal, referral_id: Any, for_change: bool = False) -> Referral:
    """One referral in scope (NotVisible otherwise); audited. ``for_change`` locks the row
    (inside the caller's transaction) so the ETag compared is the one changed."""
    if not _is_row_id(referral_id):
        raise door.NotVisible
    rows = Referral.objects.select_related("site__clinic").filter(pk=int(referral_id))
    if for_change:
        rows = rows.select_for_update(of=("self",))
    with door.reading(who, "api referral") as read:
        found = read.rows(rows)
    if not found:
        raise door.NotVisible
    return found[0]


def enrolment(*, who: Principal, patient_id: Any, enrolment_id: Any) -> TrialEnrolment:
    """One enrolment of a patient in scope (NotVisible otherwise); audited."""
    with door.reading(who, "api enrolment") as read:
        found = read.patient(patient_id)
        return enrolment_of(found, enrolment_id)


def enrolment_of(found: Patient, enrolment_id: Any) -> TrialEnrolment:
    """An enrolment of a patient already read through the door."""
    row = (
        TrialEnrolment.objects.select_related("trial").filter(patient=found, pk=int(enrolment_id)).first()
        if _is_row_id(enrolment_id)
        else None
    )
    if row is None:
        raise door.NotVisible
    return row


def trial(registry_id: str) -> Trial | None:
    """A trial of the catalog (no patient data)."""
    return Trial.objects.filter(registry_id=registry_id).first()
