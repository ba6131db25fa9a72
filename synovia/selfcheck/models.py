"""Self-assessments saved to an account, the sites that take referrals, and referrals.

A referral is a person's self-assessment sent, with their explicit consent, to a site of
their choice. Sending it registers them at that clinic in the pathway's ``referred`` state
(a :class:`~synovia.clinic.models.Patient`, so every clinic read goes through the door and
every write is audited), with the answers attached; the clinic proposes an evaluation
appointment and the person accepts or declines it.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from synovia.core.pathway import State

CONSENT_VERSION = "2026-12"


def new_key() -> str:
    """A random key the sender's session holds to find their referral (never in a URL)."""
    return secrets.token_urlsafe(24)


class SavedAssessment(models.Model):
    """A person's answers, saved to their account because they chose to."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    answers = models.JSONField(_("answers"))
    saved_at = models.DateTimeField(_("saved at"), auto_now=True)

    class Meta:
        verbose_name = _("saved self-assessment")
        verbose_name_plural = _("saved self-assessments")
        constraints = [models.UniqueConstraint(fields=["user"], name="one_saved_selfcheck_per_user")]

    def __str__(self) -> str:
        return f"self-assessment {self.pk}"


class ReferralSite(models.Model):
    """A clinic or trial site that takes referrals from the self-assessment."""

    clinic = models.OneToOneField("accounts.Clinic", on_delete=models.CASCADE, related_name="referral_site")
    accepting = models.BooleanField(_("accepting referrals"), default=True)
    about = models.CharField(_("what the site offers"), max_length=300, blank=True)
    trials = models.JSONField(_("registry ids of the trials it runs"), default=list, blank=True)

    class Meta:
        ordering = ["clinic__name"]
        verbose_name = _("referral site")
        verbose_name_plural = _("referral sites")

    def __str__(self) -> str:
        return str(self.clinic)


class ReferralStatus(models.TextChoices):
    SENT = State.REFERRED.value, _("Sent: the clinic will contact you")
    PROPOSED = "proposed", _("The clinic proposed an evaluation appointment")
    ACCEPTED = "accepted", _("You accepted the appointment")
    DECLINED = "declined", _("You declined the appointment")
    CLOSED = "closed", _("Closed by the clinic")


#: Allowed status changes: who makes them is checked by the services.
TRANSITIONS: dict[str, set[str]] = {
    ReferralStatus.SENT: {ReferralStatus.PROPOSED, ReferralStatus.CLOSED},
    ReferralStatus.PROPOSED: {ReferralStatus.ACCEPTED, ReferralStatus.DECLINED, ReferralStatus.CLOSED},
    ReferralStatus.DECLINED: {ReferralStatus.PROPOSED, ReferralStatus.CLOSED},
    ReferralStatus.ACCEPTED: {ReferralStatus.CLOSED},
    ReferralStatus.CLOSED: set(),
}


class Referral(models.Model):
    """A self-assessment sent to a site, and the appointment it leads to."""

    patient = models.OneToOneField(
        "clinic.Patient", on_delete=models.CASCADE, related_name="selfcheck_referral"
    )
    site = models.ForeignKey(ReferralSite, on_delete=models.PROTECT, related_name="referrals")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    key = models.CharField(max_length=64, unique=True, default=new_key, editable=False)
    request_token = models.CharField(max_length=64, unique=True, editable=False)
    status = models.CharField(
        _("status"), max_length=12, choices=ReferralStatus.choices, default=ReferralStatus.SENT
    )
    answers = models.JSONField(_("answers"))
    facts = models.JSONField(_("eligibility facts"))
    consent_version = models.CharField(_("version of the consent text"), max_length=20)
    consented_at = models.DateTimeField(_("consented at"))
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email_updates = models.BooleanField(
        _("e-mail me when the site answers"),
        default=False,
        help_text=_("Opt-in, chosen when sending; off unless the person ticked it."),
    )
    appointment_at = models.DateTimeField(_("appointment"), null=True, blank=True)
    appointment_place = models.CharField(_("where"), max_length=200, blank=True)
    clinic_note = models.CharField(_("note from the clinic"), max_length=500, blank=True)
    person_note = models.CharField(_("note from the person"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")

    def __str__(self) -> str:
        return f"referral {self.pk}"
