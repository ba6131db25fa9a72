"""Reads of a patient's own record and of the messages, all through the one door.

Each function that returns patient rows opens one ``door.reading`` (one audit event naming
the patient). Two helpers read no patient's data and are not audited: ``own_patient_id``
(whether an account has a record) and ``unread_for_staff`` (a number for the worklist).
``reports_on_chart`` is called inside the clinician's chart, an audited read of that patient.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from synovia.access import door
from synovia.access.door import Principal
from synovia.accounts.models import Role
from synovia.clinic.models import Consent, Patient, ScheduledVisit, Visit
from synovia.core.pathway import VisitWindow, visit_status
from synovia.myrecord.models import Message, PatientReport, Thread, TrialAlertRequest

STAFF = frozenset({Role.CLINICIAN, Role.COORDINATOR})


def own_patient_id(who: Principal) -> int | None:
    """The id of a signed-in patient's linked record, or None (reads no data)."""
    own = door.own_record(who)
    return own.pk if own is not None else None


@dataclass
class MyRecord:
    patient: Patient
    visits: list[Visit]
    reports: list[PatientReport]
    schedule: list[dict[str, Any]]
    unread: int
    alert: TrialAlertRequest | None


def my_record(*, who: Principal, today: dt.date) -> MyRecord:
    """A signed-in patient's whole record; one audited read (``NotVisible`` without one)."""
    own = own_patient_id(who)
    if own is None:
        raise door.NotVisible
    full = Patient.objects.select_related("clinic").prefetch_related(
        "consents",
        Prefetch("programs__infusions"),
        "adverse_events",
        "lab_results",
    )
    with door.reading(who, "my record") as read:
        patient = read.patient(own, full)
        visits = list(patient.visits.order_by("visit_date", "id"))
        reports = list(PatientReport.objects.filter(patient=patient).order_by("reported_on", "id"))
        slots = patient.scheduled_visits.select_related("visit").order_by("target")
        unread = Message.objects.filter(patient=patient, from_patient=False, read_at__isnull=True).count()
        alert = TrialAlertRequest.objects.filter(patient=patient).first()
    return MyRecord(patient, visits, reports, [_slot(s, today) for s in slots], unread, alert)


def _slot(slot: ScheduledVisit, today: dt.date) -> dict[str, Any]:
    window = VisitWindow(slot.label, slot.months, slot.target, slot.earliest, slot.latest)
    done = slot.visit.visit_date if slot.visit else None
    return {"slot": slot, "status": str(visit_status(window, today=today, visit_date=done))}


def my_consent(*, who: Principal, consent_id: Any) -> Consent:
    """One consent of the signed-in patient's own record (``NotVisible`` otherwise)."""
    own = own_patient_id(who)
    if own is None or not str(consent_id).isdigit() or len(str(consent_id)) > 18:
        raise door.NotVisible
    with door.reading(who, "my consent") as read:
        found = read.rows(
            Consent.objects.filter(pk=int(consent_id), patient_id=own).select_related("patient")
        )
    if not found:
        raise door.NotVisible
    return found[0]


# -- messages ------------------------------------------------------------------------------


def _threads(patient_ids: Any) -> QuerySet[Thread]:
    unread_patient = Count("messages", filter=Q(messages__from_patient=True, messages__read_at__isnull=True))
    unread_staff = Count("messages", filter=Q(messages__from_patient=False, messages__read_at__isnull=True))
    return (
        Thread.objects.filter(patient__in=patient_ids)
        .select_related("patient")
        .annotate(unread_from_patient=unread_patient, unread_from_staff=unread_staff)
        .order_by("-last_message_at", "-id")
    )


def my_threads(*, who: Principal, limit: int = 100) -> list[Thread]:
    """The signed-in patient's threads, newest first; one audited read."""
    own = own_patient_id(who)
    if own is None:
        raise door.NotVisible
    with door.reading(who, "my messages") as read:
        return read.rows(_threads([own]), limit=limit)


def thread_read(*, who: Principal, thread_id: Any, purpose: str) -> tuple[Thread, list[Message]]:
    """One thread with its messages, for its patient or their clinic's staff; one audited read
    (``NotVisible`` for a thread outside the reader's scope, missing and forbidden alike)."""
    if not str(thread_id).isdigit() or len(str(thread_id)) > 18:
        raise door.NotVisible
    if who.role not in STAFF and who.role != Role.PATIENT:
        raise door.NotVisible
    with door.reading(who, purpose) as read:
        found = read.rows(
            Thread.objects.filter(pk=int(thread_id)).select_related("patient", "patient__clinic")
        )
        if not found:
            raise door.NotVisible
        thread = found[0]
        messages = list(thread.messages.select_related("author").order_by("created_at", "id"))
    return thread, messages


def patient_threads(*, who: Principal, patient_id: Any, limit: int = 100) -> tuple[Patient, list[Thread]]:
    """A patient of the staff member's clinic and their threads; one audited read."""
    with door.reading(who, "patient messages") as read:
        patient = read.patient(patient_id, Patient.objects.select_related("clinic"))
        threads = read.rows(_threads([patient.pk]), limit=limit)
    return patient, threads


def inbox(*, who: Principal, limit: int = 100) -> list[Thread]:
    """The clinic's threads, those with unread messages from patients first; one audited read
    of the patients shown."""
    with door.reading(who, "messages inbox") as read:
        rows = read.rows(_threads(read.allowed.values("pk")), limit=limit)
    return sorted(
        rows,
        key=lambda t: (
            getattr(t, "unread_from_patient", 0) == 0,
            -(t.last_message_at or t.created_at).timestamp(),
        ),
    )


def unread_for_staff(*, who: Principal) -> int:
    """How many patients' messages wait unread in the staff member's clinic (a number only:
    no patient is shown, so no audit event)."""
    if who.role not in STAFF:
        return 0
    return Message.objects.filter(
        patient__in=door.scope(who).values("pk"), from_patient=True, read_at__isnull=True
    ).count()


# -- the clinician's chart -------------------------------------------------------------------


def reports_on_chart(*, patient: Patient, limit: int = 50) -> list[PatientReport]:
    """The patient's reports between visits, newest last, for the chart of a patient the
    caller already read through the door (the chart's audited read covers them)."""
    rows = PatientReport.objects.filter(patient=patient).order_by("-reported_on", "-id")[:limit]
    return list(reversed(list(rows)))
