"""What a patient adds to their own record: reports between visits, messages with the care
team, trial alerts; and the one-time codes a clinic uses to link an account to a record.

Every row that belongs to a patient has a ``patient`` foreign key, so the one door scopes it
(``door.reading(...).rows``) and the data-subject export and erasure find it from the schema.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

MAX_STIFFNESS_MIN = 1440  # a day: morning stiffness is reported in minutes, 0-1440
MAX_TEXT = 1000
MAX_MESSAGE = 2000


def _score(label: Any) -> models.DecimalField:  # type: ignore[type-arg]
    return models.DecimalField(
        label,
        max_digits=3,
        decimal_places=1,
        validators=[MinValueValidator(0), MaxValueValidator(10)],
    )


class PatientReport(models.Model):
    """A report the patient makes between visits: the three RAPID3 parts (0-10 each), the
    RAPID3 the core computes from them (0-30, with its category), morning stiffness in
    minutes and any side effects in their own words."""

    patient = models.ForeignKey("clinic.Patient", on_delete=models.CASCADE, related_name="self_reports")
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reported_on = models.DateField(_("date"))
    function_cm = _score(_("function (0-10)"))
    pain_cm = _score(_("pain (0-10)"))
    ptga_cm = _score(_("how you are overall (0-10)"))
    rapid3 = models.DecimalField(_("RAPID3 (0-30)"), max_digits=3, decimal_places=1)
    rapid3_category = models.CharField(_("RAPID3 category"), max_length=20)
    morning_stiffness_min = models.PositiveSmallIntegerField(
        _("morning stiffness (minutes)"), validators=[MaxValueValidator(MAX_STIFFNESS_MIN)]
    )
    side_effects = models.TextField(_("side effects"), max_length=MAX_TEXT, blank=True)
    measures_version = models.CharField(max_length=20, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["patient", "reported_on", "id"]
        verbose_name = _("patient report")
        verbose_name_plural = _("patient reports")
        indexes = [models.Index(fields=["patient", "reported_on"])]

    def __str__(self) -> str:
        return f"report {self.reported_on}"


class Thread(models.Model):
    """A conversation between a patient and their clinic's care team."""

    patient = models.ForeignKey("clinic.Patient", on_delete=models.CASCADE, related_name="threads")
    subject = models.CharField(_("subject"), max_length=120)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    last_message_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["-last_message_at", "-id"]
        verbose_name = _("message thread")
        verbose_name_plural = _("message threads")

    def __str__(self) -> str:
        return f"thread {self.pk}"


class Message(models.Model):
    """One message of a thread. ``from_patient`` says which side wrote it; ``read_at`` is
    when the other side first opened it (unread counts on the worklist)."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="messages")
    patient = models.ForeignKey("clinic.Patient", on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    from_patient = models.BooleanField()
    body = models.TextField(_("message"), max_length=MAX_MESSAGE)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["thread", "created_at", "id"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        indexes = [models.Index(fields=["patient", "from_patient", "read_at"])]

    def __str__(self) -> str:
        return f"message {self.pk}"


class TrialAlertRequest(models.Model):
    """A patient's request to be told by e-mail when a trial they may fit is added to the
    catalog or starts recruiting (checked after each catalog import)."""

    patient = models.OneToOneField("clinic.Patient", on_delete=models.CASCADE, related_name="trial_alert")
    created_at = models.DateTimeField(auto_now_add=True)
    active = models.BooleanField(default=True)

    class Meta:
        verbose_name = _("trial alert request")
        verbose_name_plural = _("trial alert requests")

    def __str__(self) -> str:
        return f"trial alert {self.pk}"


class AlertEvent(models.TextChoices):
    ADDED = "added", _("added to the catalog")
    RECRUITING = "recruiting", _("started recruiting")


class TrialAlertSent(models.Model):
    """One alert sent: never the same (patient, trial, event) twice (a unique constraint)."""

    request = models.ForeignKey(TrialAlertRequest, on_delete=models.CASCADE, related_name="sent")
    patient = models.ForeignKey("clinic.Patient", on_delete=models.CASCADE, related_name="trial_alerts_sent")
    registry_id = models.CharField(max_length=64)
    event = models.CharField(max_length=12, choices=AlertEvent.choices)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("trial alert sent")
        verbose_name_plural = _("trial alerts sent")
        constraints = [
            models.UniqueConstraint(
                fields=["patient", "registry_id", "event"], name="trial_alert_once_per_trial_and_event"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.registry_id} {self.event}"


class LinkCode(models.Model):
    """The one-time code a signed-in patient shows at their clinic so that staff can link the
    account to the record they already hold (docs/my-record.md, "Linking"). Only a hash is
    kept; a code lives 24 hours and serves once."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="link_code")
    code_hash = models.CharField(max_length=64)
    expires_at = models.DateTimeField()

    class Meta:
        verbose_name = _("account link code")
        verbose_name_plural = _("account link codes")

    def __str__(self) -> str:
        return f"link code {self.pk}"


class LinkAttempt(models.Model):
    """A code typed by staff, kept to limit guessing (so many wrong codes an hour per user)."""

    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    ok = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("link attempt")
        verbose_name_plural = _("link attempts")

    def __str__(self) -> str:
        return f"link attempt {self.pk}"
