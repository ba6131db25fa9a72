"""Writes of the self-assessment: save answers to an account, send a referral, the clinic's
proposal and closing, the person's answer. Each is one transaction; every write of a
referral is audited through the clinic services' save helper (it names the patient).
"""

from __future__ import annotations

import datetime as dt
import secrets
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from synovia.accounts.models import User
from synovia.clinic.services._common import _save
from synovia.clinic.services.patients import patient_create
from synovia.selfcheck.models import (
    CONSENT_VERSION,
    TRANSITIONS,
    Referral,
    ReferralSite,
    ReferralStatus,
    SavedAssessment,
)

SEX = {"female": "F", "male": "M"}


def assessment_save(*, user: User, answers: dict[str, Any]) -> SavedAssessment:
    """Keep a person's answers on their own account (one saved assessment, replaced)."""
    if not user.is_authenticated:
        raise PermissionDenied
    with transaction.atomic():
        saved, _created = SavedAssessment.objects.update_or_create(user=user, defaults={"answers": answers})
    return saved


def assessment_forget(*, user: User) -> None:
    """Delete the answers saved on the account."""
    SavedAssessment.objects.filter(user=user).delete()


def referral_send(
    *,
    site: ReferralSite,
    user: User | None,
    answers: dict[str, Any],
    facts: dict[str, Any],
    given_name: str,
    family_name: str,
    email: str,
    phone: str,
    birth_date: dt.date,
    weight_kg: Decimal,
    consent: bool,
    request_token: str,
    email_updates: bool = False,
) -> Referral:
    """Send a self-assessment to ``site`` with the person's explicit consent.

    Registers the person at the site's clinic in the pathway's ``referred`` state, with the
    answers attached. Idempotent on ``request_token`` (the form's one-time token): sending
    the same form twice returns the first referral."""
    if not consent:
        raise ValidationError(_("Tick the consent box to send your answers."))
    if not site.accepting:
        raise ValidationError(_("This site does not take referrals at the moment."))
    existing = Referral.objects.filter(request_token=request_token).first()
    if existing is not None:
        return existing
    today = timezone.localdate()
    try:
        with transaction.atomic():
            patient = patient_create(
                clinic=site.clinic,
                by=user,
                record_number=f"SC-{secrets.token_hex(5).upper()}",
                given_name=given_name,
                family_name=family_name,
                sex=SEX.get(str(facts.get("sex", "")), "X"),
                birth_date=birth_date,
                weight_kg=weight_kg,
                referred_on=today,
                email=email,
            )
            referral = Referral(
                patient=patient,
                site=site,
                user=user if user is not None and user.is_authenticated else None,
                request_token=request_token,
                answers=answers,
                facts=facts,
                consent_version=CONSENT_VERSION,
                consented_at=timezone.now(),
                phone=phone,
                email_updates=bool(email_updates),
            )
            _save(referral, user)
    except ValidationError:
        again = Referral.objects.filter(request_token=request_token).first()
        if again is not None:  # a concurrent double submit won the race
            return again
        raise
    except IntegrityError:  # pragma: no cover (the unique token, raced)
        return Referral.objects.get(request_token=request_token)
    return referral


def _move(referral: Referral, to: str) -> None:
    if to not in TRANSITIONS[referral.status]:
        raise ValidationError(
            _("This referral is “%(now)s”; that step is not possible now.")
            % {"now": ReferralStatus(referral.status).label}
        )
    referral.status = to


def _staff_of(referral: Referral, by: User) -> None:
    if not by.is_clinical_staff or by.clinic_id != referral.site.clinic_id:
        raise PermissionDenied


@transaction.atomic
def referral_propose(
    *, referral: Referral, by: User, at: dt.datetime, place: str, note: str = ""
) -> Referral:
    """The clinic proposes an evaluation appointment (a future date and time)."""
    _staff_of(referral, by)
    if at <= timezone.now():
        raise ValidationError(_("Propose a date and time in the future."))
    _move(referral, ReferralStatus.PROPOSED)
    referral.appointment_at, referral.appointment_place, referral.clinic_note = at, place, note
    referral.person_note = ""
    _save(referral, by)
    transaction.on_commit(lambda: notify_person(referral))
    return referral


@transaction.atomic
def referral_close(*, referral: Referral, by: User, note: str) -> Referral:
    """The clinic closes a referral, saying why (the person sees the note)."""
    _staff_of(referral, by)
    if not note.strip():
        raise ValidationError(_("Say why, in a sentence the person will read."))
    _move(referral, ReferralStatus.CLOSED)
    referral.clinic_note = note
    _save(referral, by)
    transaction.on_commit(lambda: notify_person(referral))
    return referral


@transaction.atomic
def referral_respond(*, referral: Referral, by: User | None, accept: bool, note: str = "") -> Referral:
    """The person accepts or declines the proposed appointment."""
    _move(referral, ReferralStatus.ACCEPTED if accept else ReferralStatus.DECLINED)
    referral.person_note = note
    _save(referral, by if by is not None and by.is_authenticated else None)
    return referral


def _notice_text() -> tuple[str, str]:
    link = str(getattr(settings, "SYNOVIA_SITE_URL", "")).rstrip("/") + reverse("selfcheck:referrals")
    subject = _("[Synovia] You have a new message on Synovia")
    body = _(
        "You have a new message on Synovia about the answers you sent. Open this link in the "
        "browser you sent them from, or sign in with the account you used: %(link)s"
    ) % {"link": link}
    return subject, body


def notify_person(referral: Referral) -> bool:
    """Tell the person by e-mail that the site answered (a proposal or a closing), besides the
    status page: "you have a new message on Synovia" and a link, in English and Spanish (the
    language they read in is not stored). No name, clinic, date, place or note: nothing of
    their health. Sent only when they asked for it when sending (``email_updates``, off by
    default), to the address they gave, if any; True when sent."""
    if not referral.email_updates:
        return False
    address = referral.patient.email or (referral.user.email if referral.user is not None else "")
    if not address:
        return False
    texts = []
    for language in ("en", "es"):
        with override(language):
            texts.append(_notice_text())
    subject = " / ".join(dict.fromkeys(t[0] for t in texts))
    send_mail(
        subject=subject, message="\n\n".join(t[1] for t in texts), from_email=None, recipient_list=[address]
    )
    return True
