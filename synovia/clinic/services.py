"""Writes on the clinical record. One transaction per service; views, the API and
commands call these, never the ORM directly. Pathway rules come from ``synovia.core``.

``by`` is the person acting: it is stored as the history user of every change
(django-simple-history), so the audit trail names them even outside a request.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from synovia.accounts.models import Clinic, Role, User
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
    ReminderSent,
    ScheduledVisit,
    StateChange,
    TreatmentProgram,
    Visit,
)
from synovia.clinic.models.choices import (
    RELATED,
    ConsentScope,
    Contraindication,
    PathwayState,
    Route,
    SeriousCriterion,
    VisitKind,
)
from synovia.clinic.scoring import compute_scores
from synovia.core import joints, labs
from synovia.core.pathway import check_transition, follow_up_schedule, retreatment_eligibility


class ConsentMissing(ValidationError):
    """The processing needs a consent the patient has not given (or has withdrawn)."""


def _save(obj: models.Model, by: User | None) -> None:
    """Save with ``by`` as the history user (simple-history reads ``_history_user``)."""
    if by is not None:
        obj._history_user = by  # type: ignore[attr-defined]
    obj.full_clean()
    obj.save()


# --- patient and consent ---------------------------------------------------------------


def patient_create(
    *,
    clinic: Clinic,
    by: User | None,
    record_number: str,
    given_name: str,
    family_name: str,
    sex: str,
    birth_date: dt.date,
    weight_kg: Decimal | float,
    referred_on: dt.date,
    email: str = "",
    synthetic: bool = False,
    **history: Any,
) -> Patient:
    """Register a referred patient; ``history`` takes the optional RA history and
    comorbidity fields of ``Patient`` (rf_status, hbv_status, malignancy...)."""
    patient = Patient(
        clinic=clinic,
        record_number=record_number,
        given_name=given_name,
        family_name=family_name,
        sex=sex,
        birth_date=birth_date,
        weight_kg=Decimal(str(weight_kg)),
        referred_on=referred_on,
        email=email,
        synthetic=synthetic,
        state=PathwayState.REFERRED,
        **history,
    )
    with transaction.atomic():
        _save(patient, by)
    return patient


def patient_update(*, patient: Patient, by: User | None, **fields: Any) -> Patient:
    """Change demographic, history or comorbidity fields (never the pathway state)."""
    forbidden = {"state", "clinic", "pseudonym", "synthetic"} & set(fields)
    if forbidden:
        raise ValidationError(_("Use the pathway transition to change: %s") % ", ".join(forbidden))
    for name, value in fields.items():
        setattr(patient, name, value)
    with transaction.atomic():
        _save(patient, by)
    return patient


def medication_add(
    *,
    patient: Patient,
    by: User | None,
    drug_class: str,
    name: str,
    started_on: dt.date | None = None,
    stopped_on: dt.date | None = None,
    stop_reason: str = "",
) -> Medication:
    """Record a prior or current RA drug; a stopped drug needs a reason."""
    if stopped_on is not None and not stop_reason:
        raise ValidationError(_("Give the reason for stopping %s.") % name)
    med = Medication(
        patient=patient,
        drug_class=drug_class,
        name=name,
        started_on=started_on,
        stopped_on=stopped_on,
        stop_reason=stop_reason,
    )
    with transaction.atomic():
        _save(med, by)
    return med


def consent_record(
    *,
    patient: Patient,
    by: User | None,
    scope: str,
    text_version: str,
    given_at: dt.datetime | None = None,
) -> Consent:
    """Record a consent for one scope and text version."""
    consent = Consent(
        patient=patient,
        scope=scope,
        text_version=text_version,
        given_at=given_at or timezone.now(),
        recorded_by=by,
    )
    with transaction.atomic():
        _save(consent, by)
    return consent


def consent_withdraw(*, consent: Consent, by: User | None, at: dt.datetime | None = None) -> Consent:
    """Withdraw a consent; processing that needs it stops from now on."""
    consent.withdrawn_at = at or timezone.now()
    with transaction.atomic():
        _save(consent, by)
    return consent


def consent_active(patient: Patient, scope: str) -> bool:
    """True when the patient holds a non-withdrawn consent for ``scope``."""
    return patient.consents.filter(scope=scope, withdrawn_at__isnull=True).exists()


def _require_consent(patient: Patient, scope: str) -> None:
    if not consent_active(patient, scope):
        label = ConsentScope(scope).label
        raise ConsentMissing(_("No active consent for: %s.") % label)


# --- pathway ---------------------------------------------------------------------------


def patient_transition(*, patient: Patient, by: User | None, to_state: str, reason: str = "") -> Patient:
    """Move the patient along the pathway; a transition the core does not allow raises
    ``TransitionError`` naming from and to, and nothing is saved."""
    source = patient.state
    target = check_transition(source, to_state)
    _check_preconditions(patient, target.value)
    patient.state = target.value
    with transaction.atomic():
        _save(patient, by)
        StateChange.objects.create(
            patient=patient, from_state=source, to_state=target.value, by=by, reason=reason[:300]
        )
    return patient


def _check_preconditions(patient: Patient, target: str) -> None:
    if target == PathwayState.CANDIDATE:
        last = patient.evaluations.order_by("-evaluated_on", "-id").first()
        if last is None or not last.candidate:
            raise ValidationError(_("A candidate needs an evaluation that concluded so."))
    if target == PathwayState.SCHEDULED:
        _require_consent(patient, ConsentScope.TREATMENT)


CHECKS = [c.value for c in Contraindication]


def evaluation_record(
    *,
    patient: Patient,
    by: User | None,
    evaluated_on: dt.date,
    contraindications: Mapping[str, bool],
    candidate: bool,
    reason: str,
    acr_eular: Mapping[str, Any] | None = None,
) -> Evaluation:
    """Record the candidacy assessment and move the patient to candidate / not a candidate.

    Every contraindication must be checked one by one; a present contraindication forbids
    a candidate decision. The 2010 ACR/EULAR score is computed by the core; the baseline
    DAS28 is the latest one recorded.
    """
    from synovia.core import measures

    _require_consent(patient, ConsentScope.DATA_USE)
    unchecked = [c for c in CHECKS if c not in contraindications]
    if unchecked:
        raise ValidationError(_("Check every contraindication; missing: %s") % ", ".join(unchecked))
    present = [c for c in CHECKS if contraindications[c]]
    if candidate and present:
        raise ValidationError(
            _("Not a candidate while a contraindication is present: %s") % ", ".join(present)
        )
    if not reason.strip():
        raise ValidationError(_("Give the reason for the decision."))
    score = None
    if acr_eular:
        score = int(measures.acr_eular_2010(**acr_eular).value or 0)
    latest = patient.visits.exclude(das28_esr__isnull=True, das28_crp__isnull=True).last()
    das28 = None if latest is None else (latest.das28_esr or latest.das28_crp)
    category = (
        "" if latest is None else latest.categories.get("das28_esr", latest.categories.get("das28_crp", ""))
    )
    evaluation = Evaluation(
        patient=patient,
        evaluated_on=evaluated_on,
        clinician=by,
        acr_eular_score=score,
        acr_eular_inputs=dict(acr_eular or {}),
        das28=das28,
        das28_category=category,
        contraindications={c: bool(contraindications[c]) for c in CHECKS},
        candidate=candidate,
        reason=reason,
        measures_version=str(getattr(measures, "MEASURES_VERSION", "")),
    )
    with transaction.atomic():
        if patient.state == PathwayState.REFERRED:
            patient_transition(patient=patient, by=by, to_state=PathwayState.EVALUATING)
        _save(evaluation, by)
        target = PathwayState.CANDIDATE if candidate else PathwayState.NOT_CANDIDATE
        patient_transition(patient=patient, by=by, to_state=target, reason=reason)
    return evaluation


def program_create(
    *,
    patient: Patient,
    by: User | None,
    source: str,
    autologous: bool,
    product: str,
    dose_cells_per_kg: float,
    route: str,
    planned_infusions: int = 1,
    interval_weeks: int = 4,
    joint: str = "",
    today: dt.date | None = None,
) -> TreatmentProgram:
    """Plan a cell therapy for a candidate (or a retreatment in follow-up) and schedule it."""
    _require_consent(patient, ConsentScope.TREATMENT)
    if route == Route.INTRA_ARTICULAR:
        joints.validate([joint], allowed=joints.JOINTS_68)
    elif joint:
        raise ValidationError(_("A joint is given only for intra-articular injections."))
    if patient.state == PathwayState.IN_FOLLOW_UP:
        _require_retreatment(patient, today or timezone.localdate())
    program = TreatmentProgram(
        patient=patient,
        source=source,
        autologous=autologous,
        product=product,
        dose_cells_per_kg=dose_cells_per_kg,
        route=route,
        joint=joint,
        total_cells=round(dose_cells_per_kg * float(patient.weight_kg), -4),
        planned_infusions=planned_infusions,
        interval_weeks=interval_weeks,
    )
    with transaction.atomic():
        _save(program, by)
        patient_transition(patient=patient, by=by, to_state=PathwayState.SCHEDULED)
    return program


def retreatment_check(patient: Patient, today: dt.date) -> Any:
    """The core's retreatment decision for ``patient`` on ``today`` (or None if never infused)."""
    last = patient.infusions.order_by("-given_on").first()
    if last is None:
        return None
    serious_related = patient.adverse_events.filter(
        serious=True, relatedness__in=[r.value for r in RELATED]
    ).exists()
    latest = (
        patient.visits.filter(visit_date__gt=last.given_on)
        .exclude(das28_esr__isnull=True, das28_crp__isnull=True)
        .last()
    )
    das28 = None if latest is None else (latest.das28_esr or latest.das28_crp)
    return retreatment_eligibility(
        last_infusion=last.given_on, today=today, serious_related_event=serious_related, latest_das28=das28
    )


def _require_retreatment(patient: Patient, today: dt.date) -> None:
    decision = retreatment_check(patient, today)
    if decision is None or not decision.offered:
        reasons = "; ".join(decision.reasons) if decision else _("no infusion recorded")
        raise ValidationError(_("Retreatment is not offered: %s") % reasons)


def infusion_record(
    *,
    program: TreatmentProgram,
    by: User | None,
    given_on: dt.date,
    lot: str,
    dose_cells: float,
    harvest_site: str = "",
    immediate_reaction: str = "",
) -> Infusion:
    """Record an infusion; the first one moves the patient to treated and schedules the
    1, 6 and 12 month follow-ups with the clinic's window."""
    patient = program.patient
    _require_consent(patient, ConsentScope.TREATMENT)
    if program.autologous and not harvest_site:
        raise ValidationError(_("Give the harvest site of an autologous product."))
    number = program.infusions.count() + 1
    infusion = Infusion(
        program=program,
        patient=patient,
        number=number,
        given_on=given_on,
        lot=lot,
        dose_cells=dose_cells,
        route=program.route,
        joint=program.joint,
        harvest_site=harvest_site,
        immediate_reaction=immediate_reaction,
    )
    with transaction.atomic():
        _save(infusion, by)
        if number == 1 and patient.state == PathwayState.SCHEDULED:
            patient_transition(patient=patient, by=by, to_state=PathwayState.TREATED)
            _schedule_follow_up(patient, given_on)
    return infusion


def _schedule_follow_up(patient: Patient, first_infusion: dt.date) -> None:
    clinic = patient.clinic
    course = patient.programs.count()
    prefix = "" if course <= 1 else f"C{course}-"
    windows = follow_up_schedule(
        first_infusion=first_infusion,
        before_days=clinic.visit_window_before_days,
        after_days=clinic.visit_window_after_days,
    )
    ScheduledVisit.objects.bulk_create(
        [
            ScheduledVisit(
                patient=patient,
                label=prefix + w.label,
                months=w.months,
                target=w.target,
                earliest=w.earliest,
                latest=w.latest,
            )
            for w in windows
        ]
    )


# --- visits, labs, imaging -------------------------------------------------------------


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
    unknown unit). A reference range given in the entered unit is converted too."""
    _require_consent(patient, ConsentScope.DATA_USE)
    converted = labs.convert(test, value, unit)
    spec = labs.lab_test(test)
    low = spec.ref_low if ref_low is None else ref_low * converted.factor
    high = spec.ref_high if ref_high is None else ref_high * converted.factor
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


# --- safety ----------------------------------------------------------------------------


def adverse_event_record(
    *,
    patient: Patient,
    by: User | None,
    term: str,
    grade: int,
    serious: bool,
    relatedness: str,
    onset: dt.date,
    outcome: str,
    action_taken: str,
    serious_criteria: Iterable[str] = (),
    resolved_on: dt.date | None = None,
    program: TreatmentProgram | None = None,
) -> AdverseEvent:
    """Record an adverse event; a serious one alerts the treating clinician(s) and the
    clinic's coordinators at once (an alert on their worklist and an e-mail)."""
    criteria = sorted(set(serious_criteria))
    unknown = set(criteria) - set(SeriousCriterion.values)
    if unknown:
        raise ValidationError(_("Unknown seriousness criteria: %s") % ", ".join(sorted(unknown)))
    if grade == 5 and (not serious or SeriousCriterion.DEATH not in criteria):
        raise ValidationError(_("A grade 5 event (death) is serious with the criterion death."))
    if serious and not criteria:
        raise ValidationError(_("A serious event needs at least one seriousness criterion."))
    if not serious and criteria:
        raise ValidationError(_("Seriousness criteria are given only for a serious event."))
    if resolved_on is not None and resolved_on < onset:
        raise ValidationError(_("Resolution cannot precede onset."))
    event = AdverseEvent(
        patient=patient,
        program=program or patient.programs.order_by("-created_at").first(),
        term=term,
        grade=grade,
        serious=serious,
        serious_criteria=criteria,
        relatedness=relatedness,
        onset=onset,
        resolved_on=resolved_on,
        outcome=outcome,
        action_taken=action_taken,
        reported_by=by,
    )
    with transaction.atomic():
        _save(event, by)
        if serious:
            _serious_alert(event)
    return event


def serious_alert_recipients(patient: Patient) -> list[User]:
    """The treating clinician(s) (who evaluated the patient; all the clinic's clinicians
    when none did) and every coordinator of the clinic, active only."""
    active = User.objects.filter(is_active=True, clinic=patient.clinic)
    treating_ids = set(
        patient.evaluations.exclude(clinician__isnull=True).values_list("clinician", flat=True)
    )
    clinicians = active.filter(role=Role.CLINICIAN)
    if treating_ids:
        clinicians = clinicians.filter(id__in=treating_ids)
    return [*clinicians, *active.filter(role=Role.COORDINATOR)]


def _serious_alert(event: AdverseEvent) -> None:
    patient = event.patient
    message = _("Serious adverse event for patient %(record)s: %(term)s, grade %(grade)s.") % {
        "record": patient.record_number,
        "term": event.term,
        "grade": event.grade,
    }
    recipients = serious_alert_recipients(patient)
    Alert.objects.bulk_create(
        [Alert(recipient=u, patient=patient, adverse_event=event, message=message) for u in recipients]
    )
    emails = [u.email for u in recipients if u.email]
    if emails:
        send_mail(
            subject=_("[Synovia] Serious adverse event"),
            message=message + "\n" + _("Open the clinic worklist to review it."),
            from_email=None,
            recipient_list=emails,
            fail_silently=False,
        )


def alert_mark_read(*, alert: Alert, by: User) -> Alert:
    """Mark one of ``by``'s alerts as read."""
    if alert.recipient_id != by.id:
        raise ValidationError(_("This alert is not yours."))
    alert.read_at = timezone.now()
    alert.save(update_fields=["read_at"])
    return alert


# --- reminders -------------------------------------------------------------------------


def reminders_send(*, today: dt.date, lead_days: int = 7) -> int:
    """E-mail each patient whose follow-up window opens within ``lead_days`` (or is open)
    and who has no visit for it yet. Safe to run repeatedly: a ``ReminderSent`` row with a
    unique constraint is written in the same transaction as the sending, so a reminder is
    never sent twice (a concurrent run hits the constraint and skips)."""
    from synovia.clinic.selectors import due_reminders

    sent = 0
    for slot in due_reminders(today=today, lead_days=lead_days).iterator(chunk_size=500):
        recipient = slot.patient.email or (slot.patient.user.email if slot.patient.user else "")
        if recipient and _send_reminder(slot, recipient):
            sent += 1
    return sent


def _send_reminder(slot: ScheduledVisit, recipient: str) -> bool:
    try:
        with transaction.atomic():
            ReminderSent.objects.create(scheduled_visit=slot, kind="due", recipient=recipient)
            send_mail(
                subject=_("[Synovia] Your follow-up visit is due"),
                message=_(
                    "Your %(label)s follow-up visit at %(clinic)s is due between %(start)s "
                    "and %(end)s. Please contact the clinic to book it."
                )
                % {
                    "label": slot.label,
                    "clinic": slot.patient.clinic.name,
                    "start": slot.earliest.isoformat(),
                    "end": slot.latest.isoformat(),
                },
                from_email=None,
                recipient_list=[recipient],
            )
    except IntegrityError:
        return False
    return True


def patient_link_user(*, patient: Patient, user: User, by: User | None) -> Patient:
    """Give a patient account access to its own record (one account, one record)."""
    if user.role != Role.PATIENT or user.clinic_id != patient.clinic_id:
        raise ValidationError(_("Only a patient account of the same clinic can be linked."))
    patient.user = user
    with transaction.atomic():
        _save(patient, by)
    return patient


def demo_patient_link(user: User) -> Patient | None:
    """For ``synovia demo``: link the synthetic patient account to the first synthetic
    patient of its clinic that has visits (no-op when already linked or none exists)."""
    existing = Patient.objects.filter(user=user).first()
    if existing is not None or not user.synthetic:
        return existing
    patient = (
        Patient.objects.filter(
            clinic_id=user.clinic_id, synthetic=True, user__isnull=True, visits__isnull=False
        )
        .order_by("id")
        .first()
    )
    return None if patient is None else patient_link_user(patient=patient, user=user, by=None)
