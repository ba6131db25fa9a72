"""Due-visit reminders, idempotent by a unique ``ReminderSent`` row."""

from __future__ import annotations

import datetime as dt

from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from synovia.access import door
from synovia.access.models import Action
from synovia.clinic.models import (
    ReminderSent,
    ScheduledVisit,
)


def reminders_send(*, today: dt.date, lead_days: int = 7) -> int:
    """E-mail each patient whose follow-up window opens within ``lead_days`` (or is open)
    and who has no visit for it yet. Safe to run repeatedly: a ``ReminderSent`` row with a
    unique constraint is written in the same transaction as the sending, so a reminder is
    never sent twice (a concurrent run hits the constraint and skips)."""
    from synovia.clinic.selectors import due_reminders

    sent = 0
    who = door.for_command("reminders")
    with door.reading(who, "due reminders", action=Action.EXPORT, detail=f"lead {lead_days} days") as read:
        slots = due_reminders(today=today, lead_days=lead_days).filter(patient__in=read.allowed.values("pk"))
        for slot in slots.iterator(chunk_size=500):
            recipient = slot.patient.email or (slot.patient.user.email if slot.patient.user else "")
            if recipient and _send_reminder(slot, recipient):
                read.note([slot.patient_id])
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
