"""Adverse events (CTCAE v5 grading) and the alerts a serious event raises."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from synovia.clinic.models.care import TreatmentProgram
from synovia.clinic.models.choices import RELATED, AEAction, AEOutcome, Relatedness
from synovia.clinic.models.patient import Patient
from synovia.clinic.models.versioned import Versioned


class AdverseEvent(Versioned):
    """An adverse event: CTCAE v5 term and grade 1-5, seriousness (ICH E2A criteria),
    relatedness to the cell product, onset, resolution, outcome, action taken."""

    patient = models.ForeignKey(Patient, on_delete=models.CASCADE, related_name="adverse_events")
    program = models.ForeignKey(
        TreatmentProgram, on_delete=models.SET_NULL, null=True, blank=True, related_name="adverse_events"
    )
    term = models.CharField(_("term (CTCAE v5)"), max_length=200)
    grade = models.PositiveSmallIntegerField(
        _("CTCAE grade"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    serious = models.BooleanField(_("serious"))
    serious_criteria = models.JSONField(_("seriousness criteria"), default=list, blank=True)
    relatedness = models.CharField(
        _("relatedness to the cell product"), max_length=10, choices=Relatedness.choices
    )
    onset = models.DateField(_("onset"))
    resolved_on = models.DateField(_("resolved on"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=16, choices=AEOutcome.choices)
    action_taken = models.CharField(_("action taken"), max_length=24, choices=AEAction.choices)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["patient", "onset"]
        verbose_name = _("adverse event")
        verbose_name_plural = _("adverse events")
        indexes = [
            models.Index(fields=["serious", "resolved_on"]),
            # The worklist's open serious events.
            models.Index(
                fields=["onset"],
                condition=models.Q(serious=True, resolved_on__isnull=True),
                name="ae_open_serious_by_onset",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.term} (grade {self.grade})"

    @property
    def related(self) -> bool:
        return self.relatedness in RELATED


class Alert(models.Model):
    """A notification to a member of staff, shown on their worklist until read."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="clinic_alerts"
    )
    patient = models.ForeignKey(Patient, on_delete=models.CASCADE, related_name="alerts")
    adverse_event = models.ForeignKey(
        AdverseEvent, on_delete=models.CASCADE, null=True, blank=True, related_name="alerts"
    )
    message = models.CharField(max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("alert")
        verbose_name_plural = _("alerts")
        indexes = [
            # The worklist's unread alerts of one member of staff, newest first.
            models.Index(
                fields=["recipient", "-created_at"],
                condition=models.Q(read_at__isnull=True),
                name="alert_unread_by_recipient",
            ),
        ]

    def __str__(self) -> str:
        return self.message
