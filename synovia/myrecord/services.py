"""Writes a patient (or their care team) makes on the patient's side of the record. Each is one
transaction; each row of patient data is logged in the audit log (``door.record_write``)."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from synovia.access import door
from synovia.accounts.models import Role, User
from synovia.accounts.services import user_assign_role
from synovia.clinic.models import Consent, Patient
from synovia.clinic.services import consent_withdraw
from synovia.core.measures import MEASURES_VERSION, MeasureInputError, rapid3
from synovia.myrecord.models import (
    MAX_MESSAGE,
    MAX_STIFFNESS_MIN,
    MAX_TEXT,
    LinkAttempt,
    LinkCode,
    Message,
    PatientReport,
    Thread,
    TrialAlertRequest,
)

STAFF = frozenset({Role.CLINICIAN, Role.COORDINATOR})


def _save(obj: models.Model, by: User | None) -> None:
    created = obj._state.adding
    obj.full_clean()
    obj.save()
    door.record_write(by, obj, created=created)


def _plain(text: str, limit: int) -> str:
    """Text as typed, trimmed; control characters (but newlines and tabs) refused."""
    text = str(text).strip()
    if len(text) > limit:
        raise ValidationError(_("At most %(n)s characters.") % {"n": limit})
    if any(ord(c) < 32 and c not in "\n\t\r" for c in text):
        raise ValidationError(_("The text holds characters that cannot be stored."))
    return text


# -- reports between visits --------------------------------------------------------------------


@transaction.atomic
def report_record(
    *,
    patient: Patient,
    by: User,
    reported_on: dt.date,
    function_cm: Decimal,
    pain_cm: Decimal,
    ptga_cm: Decimal,
    morning_stiffness_min: int,
    side_effects: str = "",
) -> PatientReport:
    """Store a report between visits; RAPID3 and its category come from the core
    (``synovia.core.measures.rapid3``, Pincus et al. 2008)."""
    today = timezone.localdate()
    if reported_on > today or reported_on < today - dt.timedelta(days=366):
        raise ValidationError(_("The date must be within the last year and not in the future."))
    if not 0 <= int(morning_stiffness_min) <= MAX_STIFFNESS_MIN:
        raise ValidationError(_("Morning stiffness is between 0 and 1440 minutes."))
    try:
        score = rapid3(function_cm=float(function_cm), pain_cm=float(pain_cm), ptga_cm=float(ptga_cm))
    except MeasureInputError as exc:
        raise ValidationError(str(exc)) from None
    report = PatientReport(
        patient=patient,
        reported_by=by,
        reported_on=reported_on,
        function_cm=function_cm,
        pain_cm=pain_cm,
        ptga_cm=ptga_cm,
        rapid3=Decimal(function_cm) + Decimal(pain_cm) + Decimal(ptga_cm),
        rapid3_category=score.category or "",
        morning_stiffness_min=int(morning_stiffness_min),
        side_effects=_plain(side_effects, MAX_TEXT),
        measures_version=MEASURES_VERSION,
    )
    _save(report, by)
    return report


# -- consents --------------------------------------------------------------------------------


def consent_withdraw_mine(*, consent: Consent, by: User) -> Consent:
    """The patient withdraws one of their own consents (the clinic's withdrawal service)."""
    if consent.patient.user_id != by.pk:
        raise ValidationError(_("You can withdraw only your own consents."))
    if consent.withdrawn_at is not None:
        raise ValidationError(_("This consent was already withdrawn."))
    return consent_withdraw(consent=consent, by=by)


# -- messages --------------------------------------------------------------------------------


@transaction.atomic
def thread_start(*, patient: Patient, by: User, subject: str, body: str) -> Thread:
    """Open a thread between ``patient`` and their care team, with its first message."""
    subject = " ".join(_plain(subject, 120).split())
    if not subject:
        raise ValidationError(_("Give the message a subject."))
    thread = Thread(patient=patient, subject=subject, started_by=by)
    thread.full_clean()
    thread.save()
    message_send(thread=thread, by=by, body=body)
    return thread


@transaction.atomic
def message_send(*, thread: Thread, by: User, body: str) -> Message:
    """Add a message to ``thread`` and tell the other side by e-mail (no health data in it)."""
    from_patient = by.role == Role.PATIENT
    if from_patient and thread.patient.user_id != by.pk:
        raise ValidationError(_("You can write only in your own threads."))
    if not from_patient and (by.role not in STAFF or by.clinic_id != thread.patient.clinic_id):
        raise ValidationError(_("Only the patient's care team can answer here."))
    body = _plain(body, MAX_MESSAGE)
    if not body:
        raise ValidationError(_("Write a message."))
    message = Message(thread=thread, patient=thread.patient, author=by, from_patient=from_patient, body=body)
    _save(message, by)
    Thread.objects.filter(pk=thread.pk).update(last_message_at=message.created_at)
    transaction.on_commit(lambda: _notify(thread, from_patient))
    return message


def mark_read(*, thread: Thread, reader: User) -> int:
    """Mark the other side's messages of ``thread`` as read by ``reader``."""
    from_patient = reader.role != Role.PATIENT
    return Message.objects.filter(thread=thread, from_patient=from_patient, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def _site(path: str) -> str:
    return str(getattr(settings, "SYNOVIA_SITE_URL", "")).rstrip("/") + path


def _notify(thread: Thread, from_patient: bool) -> None:
    """ "You have a new message", with a link behind sign-in: no name, no record number, no
    subject, no text of the message."""
    patient = thread.patient
    if from_patient:
        staff = User.objects.filter(
            clinic_id=patient.clinic_id, role__in=list(STAFF), is_active=True
        ).exclude(email="")
        recipients = sorted({u.email for u in staff})
        link = _site(reverse("myrecord:care_inbox"))
    else:
        user = patient.user
        recipients = [user.email] if user is not None and user.email and user.is_active else []
        link = _site(reverse("myrecord:messages"))
    if not recipients:
        return
    with override(settings.LANGUAGE_CODE):
        send_mail(
            subject=_("[Synovia] You have a new message"),
            message=_("You have a new message in Synovia. Sign in to read it: %(link)s") % {"link": link},
            from_email=None,
            recipient_list=recipients,
        )


# -- trial alerts ----------------------------------------------------------------------------


def trial_alert_set(*, patient: Patient, by: User, active: bool) -> TrialAlertRequest:
    """Ask (or stop asking) to be told when a trial the patient may fit is added or starts
    recruiting."""
    if patient.user_id != by.pk:
        raise ValidationError(_("Only the patient can ask for trial alerts."))
    request, _created = TrialAlertRequest.objects.update_or_create(
        patient=patient, defaults={"active": active}
    )
    door.record_write(by, request, created=_created)
    return request


# -- linking an account to a record ------------------------------------------------------------

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L
CODE_LENGTH = 10
CODE_LIFETIME = dt.timedelta(hours=24)
ATTEMPTS_PER_HOUR = 10


def _hash(code: str) -> str:
    key = str(settings.SECRET_KEY).encode()
    return hmac.new(key, code.encode(), hashlib.sha256).hexdigest()


def normalise_code(text: str) -> str:
    return "".join(c for c in str(text).upper() if c.isalnum())[:40]


def link_code_issue(*, user: User) -> str:
    """A new one-time code for a patient account without a record (the old one stops working).
    Shown once to the signed-in patient; only its keyed hash is stored."""
    if user.role != Role.PATIENT or not user.is_active:
        raise ValidationError(_("Only an active patient account can be linked."))
    if Patient.objects.filter(user=user).exists():
        raise ValidationError(_("Your account is already linked to your record."))
    code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    LinkCode.objects.update_or_create(
        user=user, defaults={"code_hash": _hash(code), "expires_at": timezone.now() + CODE_LIFETIME}
    )
    return code


def link_account(*, patient: Patient, by: User, code: str) -> Patient:
    """Staff of the patient's clinic link the account whose code the patient shows them to the
    record they chose (after checking who the person is, as the clinic always does). The code
    proves the account; the clinic's choice of record proves the person. Wrong codes are
    limited per member of staff (the attempt is kept even when the link is refused); a code
    serves once."""
    if by.role not in STAFF or by.clinic_id != patient.clinic_id:
        raise ValidationError(_("Only the patient's clinic can link an account to this record."))
    if patient.user_id is not None:
        raise ValidationError(_("This record is already linked to an account."))
    hour_ago = timezone.now() - dt.timedelta(hours=1)
    if LinkAttempt.objects.filter(by=by, at__gte=hour_ago, ok=False).count() >= ATTEMPTS_PER_HOUR:
        raise ValidationError(_("Too many wrong codes in the last hour; try again later."))
    found = LinkCode.objects.select_related("user").filter(code_hash=_hash(normalise_code(code))).first()
    usable = found is not None and found.expires_at > timezone.now() and found.user.is_active
    LinkAttempt.objects.create(by=by, ok=usable)
    if not usable or found is None:
        raise ValidationError(_("This code is not valid or has expired. Ask the patient for a new one."))
    return _link(patient=patient, by=by, found=found)


@transaction.atomic
def _link(*, patient: Patient, by: User, found: LinkCode) -> Patient:
    account = found.user
    locked = Patient.objects.select_for_update().get(pk=patient.pk)
    if (
        locked.user_id is not None
        or account.role != Role.PATIENT
        or Patient.objects.filter(user=account).exists()
    ):
        raise ValidationError(_("This account cannot be linked."))
    found.delete()
    user_assign_role(user=account, role=Role.PATIENT, clinic=patient.clinic, by=by)
    locked.user = account
    locked._history_user = by  # type: ignore[attr-defined]
    locked.save(update_fields=["user", "version", "updated_at"])
    door.record_write(by, locked, created=False)
    patient.refresh_from_db()
    return patient
