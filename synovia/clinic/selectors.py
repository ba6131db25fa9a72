"""Reads of the clinical record. Selectors own ``select_related``/``prefetch_related``;
every read of a patient's chart by a person is logged (``ChartAccess``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from synovia.accounts.models import User
from synovia.clinic.models import (
    AdverseEvent,
    Alert,
    ChartAccess,
    LabResult,
    Patient,
    ScheduledVisit,
    Visit,
)
from synovia.clinic.models.choices import ConsentScope, PathwayState
from synovia.clinic.permissions import NotVisible, visible_patients
from synovia.core.labs import LAB_TESTS, Panel
from synovia.core.pathway import allowed_transitions, visit_status


def patient_list(*, user: User, state: str = "", query: str = "") -> QuerySet[Patient]:
    """Patients ``user`` may see, newest referral first, with their clinic."""
    patients = visible_patients(user).select_related("clinic")
    if state:
        patients = patients.filter(state=state)
    if query:
        patients = patients.filter(
            Q(record_number__icontains=query) | Q(family_name__icontains=query) | Q(pseudonym__iexact=query)
        )
    return patients.order_by("-referred_on", "id")


def patient_get(*, user: User, patient_id: int) -> Patient:
    """One patient in ``user``'s scope (``NotVisible`` otherwise), without logging."""
    patient = visible_patients(user).select_related("clinic").filter(pk=patient_id).first()
    if patient is None:
        raise NotVisible
    return patient


@dataclass
class Chart:
    patient: Patient
    visits: list[Visit]
    labs: list[LabResult]
    events: list[AdverseEvent]
    schedule: list[dict[str, Any]]
    transitions: list[str]
    extra: dict[str, Any] = field(default_factory=dict)


def chart_read(*, user: User, patient_id: int, view: str = "chart", today: dt.date | None = None) -> Chart:
    """The whole chart of a patient, and a ``ChartAccess`` row for this read."""
    patient = patient_get(user=user, patient_id=patient_id)
    ChartAccess.objects.create(user=user, patient=patient, view=view[:40])
    day = today or dt.date.today()  # noqa: DTZ011 - a calendar day in the server's zone
    patient = (
        Patient.objects.select_related("clinic", "user")
        .prefetch_related(
            "consents",
            "medications",
            "evaluations__clinician",
            "state_changes__by",
            Prefetch("programs__infusions"),
            "imaging",
        )
        .get(pk=patient.pk)
    )
    schedule = [
        {
            "slot": s,
            "status": visit_status(_window(s), today=day, visit_date=s.visit.visit_date if s.visit else None),
        }
        for s in patient.scheduled_visits.select_related("visit").order_by("target")
    ]
    return Chart(
        patient=patient,
        visits=list(patient.visits.order_by("visit_date", "id")),
        labs=list(patient.lab_results.order_by("collected_on", "test")),
        events=list(patient.adverse_events.order_by("onset")),
        schedule=schedule,
        transitions=sorted(s.value for s in allowed_transitions(patient.state)),
    )


def _window(slot: ScheduledVisit) -> Any:
    from synovia.core.pathway import VisitWindow

    return VisitWindow(slot.label, slot.months, slot.target, slot.earliest, slot.latest)


def chart_accesses(*, patient: Patient) -> QuerySet[ChartAccess]:
    """Who read this chart, most recent first."""
    return patient.accesses.select_related("user").order_by("-at")


def score_series(visits: list[Visit], score: str) -> list[tuple[dt.date, float]]:
    """(date, value) points of one score over time, skipping visits without it."""
    return [(v.visit_date, getattr(v, score)) for v in visits if getattr(v, score) is not None]


def lab_series(labs: list[LabResult], panel: Panel) -> dict[str, list[tuple[dt.date, float]]]:
    """Per test of ``panel``: (date, canonical value) points over time."""
    out: dict[str, list[tuple[dt.date, float]]] = {}
    for lab in labs:
        if lab.test in LAB_TESTS and LAB_TESTS[lab.test].panel is panel:
            out.setdefault(lab.test, []).append((lab.collected_on, lab.value))
    return out


@dataclass
class Worklist:
    due: list[ScheduledVisit]
    overdue: list[ScheduledVisit]
    evaluations: list[Patient]
    serious_events: list[AdverseEvent]
    missing_data: list[Visit]
    alerts: list[Alert]


WORKLIST_LIMIT = 100


def worklist(*, user: User, today: dt.date | None = None, limit: int = WORKLIST_LIMIT) -> Worklist:
    """The clinic's work: due and overdue visits, evaluations waiting, open serious events,
    visits missing ESR/CRP, and the user's unread alerts (each list capped at ``limit``)."""
    day = today or dt.date.today()  # noqa: DTZ011 - a calendar day in the server's zone
    patients = visible_patients(user)
    active = patients.filter(state__in=[PathwayState.TREATED, PathwayState.IN_FOLLOW_UP])
    slots = ScheduledVisit.objects.filter(visit__isnull=True, patient__in=active).select_related("patient")
    return Worklist(
        due=list(slots.filter(earliest__lte=day, latest__gte=day).order_by("latest")[:limit]),
        overdue=list(slots.filter(latest__lt=day).order_by("latest")[:limit]),
        evaluations=list(
            patients.filter(state__in=[PathwayState.REFERRED, PathwayState.EVALUATING]).order_by(
                "referred_on"
            )[:limit]
        ),
        serious_events=list(
            AdverseEvent.objects.filter(
                patient__in=patients,
                serious=True,
                resolved_on__isnull=True,
            )
            .exclude(outcome="fatal")
            .select_related("patient")
            .order_by("onset")[:limit]
        ),
        missing_data=list(
            Visit.objects.filter(
                patient__in=patients,
                esr_mm_h__isnull=True,
                crp_mg_l__isnull=True,
            )
            .select_related("patient")
            .only("id", "kind", "visit_date", "patient__id", "patient__record_number")
            .order_by("-visit_date")[:limit]
        ),
        alerts=list(
            Alert.objects.filter(recipient=user, read_at__isnull=True).select_related("patient")[:limit]
        ),
    )


def due_reminders(*, today: dt.date, lead_days: int) -> QuerySet[ScheduledVisit]:
    """Unfulfilled scheduled visits whose reminder period is on (window opens within
    ``lead_days`` or is open), for patients in follow-up, without a reminder sent yet."""
    return (
        ScheduledVisit.objects.filter(
            visit__isnull=True,
            earliest__lte=today + dt.timedelta(days=lead_days),
            latest__gte=today,
            patient__state__in=[PathwayState.TREATED, PathwayState.IN_FOLLOW_UP],
        )
        .exclude(reminders__kind="due")
        .select_related("patient", "patient__clinic", "patient__user")
        .order_by("id")
    )


def deidentified_rows(*, limit: int = 500) -> list[dict[str, Any]]:
    """Research rows without identifiers: pseudonym, sex, birth year, clinic code, state,
    product and the DAS28 trajectory in days since first infusion. Only patients with an
    active research consent are included."""
    patients = (
        Patient.objects.filter(consents__scope=ConsentScope.RESEARCH, consents__withdrawn_at__isnull=True)
        .select_related("clinic")
        .prefetch_related(
            "programs", "infusions", Prefetch("visits", queryset=Visit.objects.order_by("visit_date"))
        )
        .annotate(n_visits=Count("visits", distinct=True))
        .order_by("pseudonym")[:limit]
    )
    return [_deidentify(p) for p in patients]


def _deidentify(p: Patient) -> dict[str, Any]:
    infusions = sorted(p.infusions.all(), key=lambda i: i.given_on)
    start = infusions[0].given_on if infusions else None
    program = next(iter(p.programs.all()), None)
    das = [
        ((v.visit_date - start).days if start else None, v.das28_esr or v.das28_crp)
        for v in p.visits.all()
        if (v.das28_esr or v.das28_crp) is not None
    ]
    return {
        "pseudonym": p.pseudonym,
        "sex": p.sex,
        "birth_year": p.birth_date.year,
        "clinic": p.clinic.code,
        "state": p.state,
        "synthetic": p.synthetic,
        "source": program.source if program else "",
        "product": program.product if program else "",
        "route": program.route if program else "",
        "das28": das,
    }
