"""Which reminders were sent (the idempotency record). Reads of charts are in the audit log
(``synovia.access``)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from synovia.clinic.models.care import ScheduledVisit


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
