"""Reads of the clinical record. Selectors own ``select_related``/``prefetch_related`` and read
patient rows only through the one door (``synovia.access.door``), which scopes and audits."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from synovia.access import door
from synovia.access.door import Principal
from synovia.access.models import AuditEvent
from synovia.clinic.models import (
    AdverseEvent,
    Alert,
    Consent,
    Evaluation,
    Imaging,
    Infusion,
    LabResult,
    Medication,
    Patient,
    ScheduledVisit,
    StateChange,
    TreatmentProgram,
    Visit,
)
from synovia.clinic.models.choices import PathwayState
from synovia.core.labs import LAB_TESTS, Panel
from synovia.core.measures import preferred_das28
from synovia.core.pathway import allowed_transitions, visit_status


def patient_page(
    *, who: Principal, state: str = "", query: str = "", page: Any = 1, per_page: int = 50
) -> Any:
    """One page of the patients ``who`` may see, newest referral first; an audited read of the
    patients on the page. ``query`` matches the record number, family name or pseudonym."""
    patients = Patient.objects.select_related("clinic")
    if state:
        patients = patients.filter(state=state)
    if query:
        patients = patients.filter(
            Q(record_number__icontains=query) | Q(family_name__icontains=query) | Q(pseudonym__iexact=query)
        )
    detail = "search" if query else ""
    with door.reading(who, "patient list", detail=detail) as read:
        return read.page(patients.order_by("-referred_on", "id"), number=page, per_page=per_page)


def patient_for_form(
    *, who: Principal, patient_id: Any, purpose: str, roles: frozenset[str] | None = None
) -> Patient:
    """The patient a record-entry form is about (own clinic, an editing role); audited."""
    if roles is None:
        return door.patient_for_change(who, patient_id, purpose=purpose)
    return door.patient_for_change(who, patient_id, purpose=purpose, roles=roles)


def any_synthetic(*, who: Principal) -> bool:
    """Whether any patient in scope is synthetic (a banner; reads no patient's data)."""
    return door.scope(who).filter(synthetic=True).exists()


@dataclass
class Chart:
    patient: Patient
    visits: list[Visit]
    labs: list[LabResult]
    events: list[AdverseEvent]
    schedule: list[dict[str, Any]]
    transitions: list[str]
    extra: dict[str, Any] = field(default_factory=dict)


def chart_read(
    *, who: Principal, patient_id: Any, purpose: str = "chart", today: dt.date | None = None
) -> Chart:
    """The whole chart of a patient in scope; one audited read."""
    day = today or dt.date.today()  # noqa: DTZ011 - a calendar day in the server's zone
    # Each family in its model's order without the leading "patient" (one patient here): the
    # default orderings sort by the patient's name, which joined the patient table to every
    # prefetch query for nothing.
    full = Patient.objects.select_related("clinic", "user").prefetch_related(
        Prefetch("consents", Consent.objects.order_by("scope", "-given_at")),
        Prefetch("medications", Medication.objects.order_by("started_on")),
        Prefetch("evaluations", Evaluation.objects.select_related("clinician").order_by("-evaluated_on")),
        Prefetch("state_changes", StateChange.objects.select_related("by").order_by("at")),
        Prefetch("programs", TreatmentProgram.objects.order_by("created_at")),
        Prefetch("programs__infusions", Infusion.objects.order_by("given_on")),
        Prefetch("imaging", Imaging.objects.order_by("taken_on")),
    )
    with door.reading(who, purpose) as read:
        patient = read.patient(patient_id, full)
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


def chart_accesses(*, patient: Patient, limit: int = 20) -> list[AuditEvent]:
    """Who read or changed this chart, most recent first (shown inside an audited chart read)."""
    return door.accesses(patient.pk, limit=limit)


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
    """Each list holds at most ``limit`` rows; ``more`` names the lists that had more."""

    due: list[ScheduledVisit]
    overdue: list[ScheduledVisit]
    evaluations: list[Patient]
    serious_events: list[AdverseEvent]
    missing_data: list[Visit]
    alerts: list[Alert]
    limit: int = 25
    more: frozenset[str] = frozenset()


WORKLIST_LIMIT = 25
"""Rows per worklist list: enough to act from on a phone; a full list says "first 25"."""
_WHO = ("patient__id", "patient__record_number", "patient__given_name", "patient__family_name",
        "patient__synthetic")  # fmt: skip
"""The patient columns a worklist row shows (name for staff, record number beside it)."""


def worklist(*, who: Principal, today: dt.date | None = None, limit: int = WORKLIST_LIMIT) -> Worklist:
    """The clinic's work: due and overdue visits (with the days overdue), evaluations waiting,
    open serious events, visits missing ESR/CRP, and the user's unread alerts about patients
    still in scope. Set-based: one query per list, each capped at ``limit`` rows (one more is
    read; a full list says "the first 100") and served by a partial index (migration 0004);
    one audited read naming every patient shown."""
    day = today or dt.date.today()  # noqa: DTZ011 - a calendar day in the server's zone
    active = [PathwayState.TREATED, PathwayState.IN_FOLLOW_UP]
    slots = (
        ScheduledVisit.objects.filter(visit__isnull=True, closed_on__isnull=True, patient__state__in=active)
        .select_related("patient")
        .only("id", "label", "target", "earliest", "latest", *_WHO)
    )
    queries = {
        "due": slots.filter(earliest__lte=day, latest__gte=day).order_by("latest", "id"),
        "overdue": slots.filter(latest__lt=day).order_by("latest", "id"),
        "serious_events": AdverseEvent.objects.filter(serious=True, resolved_on__isnull=True)
        .exclude(outcome="fatal")
        .select_related("patient")
        .only("id", "term", "grade", "onset", *_WHO)
        .order_by("onset", "id"),
        "missing_data": Visit.objects.filter(esr_mm_h__isnull=True, crp_mg_l__isnull=True)
        .select_related("patient")
        .only("id", "kind", "label", "visit_date", *_WHO)
        .order_by("-visit_date", "-id"),
        "alerts": Alert.objects.filter(recipient=who.user, read_at__isnull=True)
        .select_related("patient")
        .only("id", "message", "created_at", "adverse_event_id", *_WHO)
        .order_by("-created_at", "-id"),
    }
    waiting = Patient.objects.filter(state__in=[PathwayState.REFERRED, PathwayState.EVALUATING]).only(
        "id", "record_number", "given_name", "family_name", "state", "referred_on", "synthetic"
    )
    with door.reading(who, "worklist") as read:
        lists: dict[str, list[Any]] = {k: read.rows(q, limit=limit) for k, q in queries.items()}
        lists["evaluations"] = read.patients(waiting.order_by("referred_on", "id"), limit=limit)
    more = frozenset(k for k, rows in lists.items() if len(rows) >= limit)
    for slot in lists["overdue"]:
        slot.days_overdue = (day - slot.latest).days  # type: ignore[attr-defined]
    return Worklist(**lists, limit=limit, more=more)


def alert_for(*, who: Principal, alert_id: Any) -> Alert:
    """One of ``who``'s alerts about a patient still in scope (``NotVisible`` otherwise)."""
    if who.user is None or not str(alert_id).isdigit():
        raise door.NotVisible
    with door.reading(who, "alert") as read:
        found = read.rows(Alert.objects.filter(pk=int(alert_id), recipient=who.user))
    if not found:
        raise door.NotVisible
    return found[0]


def due_reminders(*, today: dt.date, lead_days: int) -> QuerySet[ScheduledVisit]:
    """Unfulfilled scheduled visits whose reminder period is on (window opens within
    ``lead_days`` or is open), for patients in follow-up, without a reminder sent yet."""
    return (
        ScheduledVisit.objects.filter(
            visit__isnull=True,
            closed_on__isnull=True,
            earliest__lte=today + dt.timedelta(days=lead_days),
            latest__gte=today,
            patient__state__in=[PathwayState.TREATED, PathwayState.IN_FOLLOW_UP],
        )
        .exclude(reminders__kind="due")
        .select_related("patient", "patient__clinic", "patient__user")
        .order_by("id")
    )


def deidentified_rows(*, who: Principal, limit: int = 500) -> list[dict[str, Any]]:
    """Research rows without identifiers: pseudonym, sex, birth year, clinic code, state,
    product and the DAS28 trajectory in days since first infusion, for patients with an active
    research consent only (``door.research_cohort``: researchers and administrators; audited)."""
    patients = (
        Patient.objects.select_related("clinic")
        .prefetch_related(
            "programs", "infusions", Prefetch("visits", queryset=Visit.objects.order_by("visit_date"))
        )
        .order_by("pseudonym")
    )
    cohort = door.research_cohort(who, patients, purpose="research rows", limit=limit)
    return [_deidentify(p) for p in cohort]


def _deidentify(p: Patient) -> dict[str, Any]:
    infusions = sorted(p.infusions.all(), key=lambda i: i.given_on)
    start = infusions[0].given_on if infusions else None
    program = next(iter(p.programs.all()), None)
    das = [
        ((v.visit_date - start).days if start else None, score)
        for v in p.visits.all()
        if (score := preferred_das28(v.das28_esr, v.das28_crp)) is not None
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


# -- visit entry ---------------------------------------------------------------------------


def baseline_visit(*, patient: Patient, before: dt.date | None = None) -> Visit | None:
    """The patient's latest baseline visit (on or before ``before``), against which a follow-up
    is scored; ``patient`` was fetched through the door by the caller."""
    visits = patient.visits.filter(kind="baseline")
    if before is not None:
        visits = visits.filter(visit_date__lte=before)
    return visits.order_by("-visit_date", "-id").first()


@dataclass(frozen=True)
class DueVisit:
    """What the visit form should default to today: the kind and, for a scheduled follow-up,
    the slot that is due (or overdue) now."""

    kind: str
    slot: ScheduledVisit | None = None


def due_visit(*, patient: Patient, today: dt.date) -> DueVisit:
    """The visit that is due: the unfilled scheduled slot whose window holds today (a visit
    saved today is filed into it), else the earliest overdue one; else a baseline when the
    patient has none; else an unscheduled visit."""
    slots = list(patient.scheduled_visits.filter(visit__isnull=True, earliest__lte=today).order_by("target"))
    slot = next((s for s in slots if s.latest >= today), slots[0] if slots else None)
    if slot is not None:
        return DueVisit("scheduled", slot)
    if not patient.visits.filter(kind="baseline").exists():
        return DueVisit("baseline")
    return DueVisit("unscheduled")


# -- the chart's timeline, responses and retreatment (from the rows of one chart read) -------


@dataclass(frozen=True)
class TimelineEntry:
    day: dt.date
    kind: str  # evaluation, infusion, visit, lab, adverse
    obj: Any
    anchor: str = ""


def chart_timeline(data: Chart) -> list[TimelineEntry]:
    """Evaluations, infusions, visits, lab results and adverse events of one chart in date
    order (labs of one day are one entry); built from rows the chart read already holds."""
    p = data.patient
    entries = [TimelineEntry(e.evaluated_on, "evaluation", e) for e in p.evaluations.all()]
    entries += [TimelineEntry(i.given_on, "infusion", i) for g in p.programs.all() for i in g.infusions.all()]
    entries += [TimelineEntry(v.visit_date, "visit", v, f"visit-{v.pk}") for v in data.visits]
    by_day: dict[dt.date, list[LabResult]] = {}
    for lab in data.labs:
        by_day.setdefault(lab.collected_on, []).append(lab)
    entries += [TimelineEntry(day, "lab", labs) for day, labs in by_day.items()]
    entries += [TimelineEntry(e.onset, "adverse", e, f"event-{e.pk}") for e in data.events]
    order = {"evaluation": 0, "infusion": 1, "visit": 2, "lab": 3, "adverse": 4}
    return sorted(entries, key=lambda e: (e.day, order[e.kind]))


def visit_responses(visits: list[Visit]) -> dict[int, Any]:
    """For each follow-up visit (after a baseline), its response against the latest baseline
    before it (``synovia.clinic.scoring.Response``), by visit id."""
    from synovia.clinic import scoring

    out: dict[int, Any] = {}
    baseline: Visit | None = None
    for v in sorted(visits, key=lambda v: (v.visit_date, v.id)):
        if v.kind == "baseline":
            baseline = v
        elif baseline is not None:
            out[v.pk] = scoring.response_against(scoring.visit_values(baseline), scoring.visit_values(v))
    return out


def chart_retreatment(data: Chart, *, today: dt.date) -> Any:
    """The core's retreatment decision for this chart (``None`` before any infusion), from the
    rows already read: the same inputs as ``services.retreatment_check``."""
    from synovia.clinic.models.choices import RELATED
    from synovia.core.pathway import retreatment_eligibility

    infusions = [i for g in data.patient.programs.all() for i in g.infusions.all()]
    if not infusions:
        return None
    last = max(i.given_on for i in infusions)
    serious = any(e.serious and e.relatedness in RELATED for e in data.events)
    after = [
        v for v in data.visits if v.visit_date > last and not (v.das28_esr is None and v.das28_crp is None)
    ]
    das28 = preferred_das28(after[-1].das28_esr, after[-1].das28_crp) if after else None
    return retreatment_eligibility(
        last_infusion=last, today=today, serious_related_event=serious, latest_das28=das28
    )


def latest_program(*, patient: Patient) -> Any:
    """The patient's most recent treatment program (a second course starts from it)."""
    return patient.programs.order_by("-created_at", "-id").first()
