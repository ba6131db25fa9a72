"""Writes along the care pathway: transitions, evaluation, program, infusions.

The rules (allowed transitions, schedule, retreatment) are in ``synovia.core.pathway``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from synovia.accounts.models import User
from synovia.clinic.models import (
    Evaluation,
    Infusion,
    Patient,
    ScheduledVisit,
    StateChange,
    TreatmentProgram,
)
from synovia.clinic.models.choices import (
    RELATED,
    ConsentScope,
    Contraindication,
    HarvestSite,
    PathwayState,
    Route,
)
from synovia.clinic.services import _validate
from synovia.clinic.services._common import _require_consent, _save, patient_write
from synovia.core import joints
from synovia.core.measures.das28 import preferred_das28
from synovia.core.pathway import FINAL_STATES, check_transition, follow_up_schedule, retreatment_eligibility


@patient_write
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
        if target in FINAL_STATES:
            close_open_slots(ScheduledVisit.objects.filter(patient=patient))
    return patient


def close_open_slots(slots: QuerySet[ScheduledVisit]) -> int:
    """Close the unfilled slots among ``slots`` whose patient has left the pathway (a final
    state: completed, withdrawn, lost to follow-up): they stay on record but are no longer
    work (worklist, reminders). Returns how many were closed."""
    return slots.filter(
        visit__isnull=True, closed_on__isnull=True, patient__state__in=[s.value for s in FINAL_STATES]
    ).update(closed_on=dt.date.today())  # noqa: DTZ011 - a calendar day in the server's zone


def _check_preconditions(patient: Patient, target: str) -> None:
    if target == PathwayState.CANDIDATE:
        last = patient.evaluations.order_by("-evaluated_on", "-id").first()
        if last is None or not last.candidate:
            raise ValidationError(_("A candidate needs an evaluation that concluded so."))
    if target == PathwayState.SCHEDULED:
        _require_consent(patient, ConsentScope.TREATMENT)


CHECKS = [c.value for c in Contraindication]


@patient_write
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

    _validate.dates(patient.birth_date, evaluated_on=evaluated_on)
    _validate.numbers(
        **{k: (acr_eular or {}).get(k) for k in ("large_joints", "small_joints", "duration_weeks")}
    )
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
    if patient.state not in (PathwayState.REFERRED, PathwayState.EVALUATING):
        raise ValidationError(
            _("This patient's evaluation is already recorded (now: %s).") % patient.get_state_display()
        )
    score = None
    if acr_eular:
        score = int(measures.acr_eular_2010(**acr_eular).value or 0)
    latest = patient.visits.exclude(das28_esr__isnull=True, das28_crp__isnull=True).last()
    das28 = None if latest is None else measures.preferred_das28(latest.das28_esr, latest.das28_crp)
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


def program_checked(
    *,
    patient: Patient,
    source: str,
    autologous: bool,
    product: str,
    dose_cells_per_kg: float,
    route: str,
    planned_infusions: int,
    interval_weeks: int,
    joint: str,
) -> TreatmentProgram:
    """A programme for ``patient`` (not saved) once its bounds, the treatment consent and the
    joint of an intra-articular route are checked: the one set of rules for a programme planned
    here or imported from elsewhere."""
    _validate.numbers(
        dose_cells_per_kg=dose_cells_per_kg,
        planned_infusions=planned_infusions,
        interval_weeks=interval_weeks,
    )
    _validate.numbers(total_cells=dose_cells_per_kg * float(patient.weight_kg))
    _require_consent(patient, ConsentScope.TREATMENT)
    if route == Route.INTRA_ARTICULAR:
        joints.validate([joint], allowed=joints.JOINTS_68)
    elif joint:
        raise ValidationError(_("A joint is given only for intra-articular injections."))
    return TreatmentProgram(
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


@patient_write
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
    program = program_checked(
        patient=patient, source=source, autologous=autologous, product=product,
        dose_cells_per_kg=dose_cells_per_kg, route=route, planned_infusions=planned_infusions,
        interval_weeks=interval_weeks, joint=joint,
    )  # fmt: skip
    if patient.state == PathwayState.IN_FOLLOW_UP:
        _require_retreatment(patient, today or timezone.localdate())
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
    das28 = None if latest is None else preferred_das28(latest.das28_esr, latest.das28_crp)
    return retreatment_eligibility(
        last_infusion=last.given_on, today=today, serious_related_event=serious_related, latest_das28=das28
    )


def _require_retreatment(patient: Patient, today: dt.date) -> None:
    decision = retreatment_check(patient, today)
    if decision is None or not decision.offered:
        reasons = "; ".join(decision.reasons) if decision else _("no infusion recorded")
        raise ValidationError(_("Retreatment is not offered: %s") % reasons)


def infusion_checked(
    *,
    program: TreatmentProgram,
    number: int,
    given_on: dt.date,
    lot: str,
    dose_cells: float,
    harvest_site: str = "",
    immediate_reaction: str = "",
) -> Infusion:
    """Infusion ``number`` of ``program`` (not saved) once its date, dose, the treatment consent,
    the harvest site of an autologous product and the planned number are checked: the one set
    of rules for an infusion given here or imported from elsewhere."""
    patient = program.patient
    _validate.dates(patient.birth_date, given_on=given_on)
    _validate.numbers(dose_cells=dose_cells)
    _require_consent(patient, ConsentScope.TREATMENT)
    if program.autologous and not harvest_site:
        raise ValidationError(_("Give the harvest site of an autologous product."))
    if harvest_site not in HarvestSite.values:
        raise ValidationError(_("Unknown harvest site: %s") % harvest_site[:20])
    if not 1 <= number <= program.planned_infusions:
        raise ValidationError(
            _("All %(n)s planned infusions of this program are recorded.") % {"n": program.planned_infusions}
        )
    return Infusion(
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


@patient_write
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
    program.refresh_from_db(from_queryset=TreatmentProgram.objects.select_for_update())
    number = program.infusions.count() + 1
    infusion = infusion_checked(
        program=program, number=number, given_on=given_on, lot=lot, dose_cells=dose_cells,
        harvest_site=harvest_site, immediate_reaction=immediate_reaction,
    )  # fmt: skip
    with transaction.atomic():
        _save(infusion, by, conflict=_("This infusion number was recorded at the same moment."))
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
