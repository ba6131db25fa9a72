"""``synovia reminders``: e-mail due follow-up visits; safe to run from cron repeatedly."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from synovia.clinic.services import reminders_send


class Command(BaseCommand):
    help = "Send due-visit reminder e-mails (never twice for the same visit)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--today",
            type=dt.date.fromisoformat,
            default=None,
            help="reference day (YYYY-MM-DD); default: today",
        )
        parser.add_argument(
            "--lead-days", type=int, default=7, help="remind this many days before the window opens"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        today = options["today"] or dt.date.today()  # noqa: DTZ011 - a calendar day
        sent = reminders_send(today=today, lead_days=options["lead_days"])
        self.stdout.write(f"{sent} reminder(s) sent.")
