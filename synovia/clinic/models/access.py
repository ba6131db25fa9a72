"""Who read which chart, and which reminders were sent (the idempotency record)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from synovia.clinic.models.care import ScheduledVisit
from synovia.clinic.models.patient import Patient


class ChartAccess(models.Model):
    """One read of a patient's chart by a person."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="chart_accesses"
    )
    patient = models.ForeignKey(Patient, on_delete=models.CASCADE, related_name="accesses")
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    view = models.CharField(max_length=40)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("chart access")
        verbose_name_plural = _("chart accesses")

    def __str__(self) -> str:
        return f"{self.user_id} read {self.patient_id} at {self.at:%Y-%m-%d %H:%M}"


class ReminderSent(models.Model):
    """A due-visit reminder already sent; the unique constraint makes sending idempotent."""

    scheduled_visit = models.ForeignKey(ScheduledVisit, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=12, default="due")
    sent_at = models.DateTimeField(auto_now_add=True)
    recipient = models.EmailField()

    class Meta:
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        constraints = [
            models.UniqueConstraint(fields=["scheduled_visit", "kind"], name="reminder_once_per_visit"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} reminder for {self.scheduled_visit_id}"
