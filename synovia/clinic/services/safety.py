"""Adverse events and the alert a serious one raises at once."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from synovia.accounts.models import Role, User
from synovia.clinic.models import (
    AdverseEvent,
    Alert,
    Patient,
    TreatmentProgram,
)
from synovia.clinic.models.choices import (
    SeriousCriterion,
)
from synovia.clinic.services import _validate
from synovia.clinic.services._common import _save, patient_write


@patient_write
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
    _validate.dates(patient.birth_date, onset=onset, resolved_on=resolved_on)
    _validate.numbers(grade=grade)
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
        # Only once the event is committed: a rolled-back or replayed save mails nobody.
        transaction.on_commit(
            functools.partial(
                send_mail,
                subject=_("[Synovia] Serious adverse event"),
                message=_serious_mail_body(patient),
                from_email=None,
                recipient_list=emails,
                fail_silently=False,
            )
        )


def _serious_mail_body(patient: Patient) -> str:
    """The e-mail names no patient and no health detail: a link to the chart, behind sign-in."""
    base = str(settings.SYNOVIA_SITE_URL).rstrip("/")
    link = base + reverse("clinic:chart", kwargs={"pk": patient.pk})
    return "\n\n".join(
        [
            _("A serious adverse event was reported for a patient of your clinic."),
            _("Sign in to read it: %(link)s") % {"link": link},
            _("This message carries no patient details on purpose."),
        ]
    )


def alert_mark_read(*, alert: Alert, by: User) -> Alert:
    """Mark one of ``by``'s alerts as read."""
    if alert.recipient_id != by.id:
        raise ValidationError(_("This alert is not yours."))
    alert.read_at = timezone.now()
    alert.save(update_fields=["read_at"])
    return alert
