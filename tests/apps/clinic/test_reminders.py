"""Reminders: due-visit e-mails, never sent twice, safe from cron."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command

from synovia.clinic.models import ReminderSent

pytestmark = pytest.mark.django_db


def test_reminder_sent_once_when_window_approaches(treated_patient) -> None:
    mail.outbox.clear()
    call_command("reminders", "--today=2026-02-05")  # M1 window opens 2026-02-08
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [treated_patient.email]
    assert "M1" in mail.outbox[0].body
    call_command("reminders", "--today=2026-02-05")
    call_command("reminders", "--today=2026-02-10")
    assert len(mail.outbox) == 1
    assert ReminderSent.objects.count() == 1


def test_no_reminder_too_early_or_after_the_visit(treated_patient, clinician) -> None:
    from synovia.clinic import services
    from tests.apps.clinic.conftest import visit_inputs

    mail.outbox.clear()
    call_command("reminders", "--today=2026-01-20")
    assert mail.outbox == []
    services.visit_record(
        patient=treated_patient, by=clinician, visit_date=dt.date(2026, 2, 14), **visit_inputs()
    )
    call_command("reminders", "--today=2026-02-16")
    assert mail.outbox == []


def test_failed_send_is_retried_next_run(treated_patient, settings) -> None:
    settings.EMAIL_BACKEND = "tests.apps.clinic.test_reminders.FailingBackend"
    with pytest.raises(OSError):
        call_command("reminders", "--today=2026-02-10")
    assert not ReminderSent.objects.exists()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox = []
    call_command("reminders", "--today=2026-02-10")
    assert len(mail.outbox) == 1


class FailingBackend:
    def __init__(self, *args, **kwargs) -> None:
        pass

    def send_messages(self, messages):
        raise OSError("SMTP down")
