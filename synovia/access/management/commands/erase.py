"""``synovia erase PATIENT_ID --by ADMIN --reason TEXT [--yes]``: carry out an erasure request."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from synovia.access import door, rights
from synovia.access.management.commands.subject_export import command_user


class Command(BaseCommand):
    help = (
        "Erase what identifies a patient (name, record number, e-mail, day and month of birth, "
        "free text, the account link) and withdraw their consents; keep the coded clinical rows "
        "de-identified and the audit log (docs/access.md). Administrators only; asks for --yes."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("patient_id", type=int)
        parser.add_argument("--by", required=True, help="the administrator carrying it out")
        parser.add_argument("--reason", required=True, help="the request, e.g. its reference")
        parser.add_argument("--yes", action="store_true", help="confirm: this cannot be undone")

    def handle(self, *args: Any, **options: Any) -> None:
        who = command_user(options["by"], "erase")
        if not options["yes"]:
            raise CommandError("an erasure cannot be undone; run again with --yes", returncode=2)
        try:
            counts = rights.erase(who, options["patient_id"], reason=options["reason"])
        except (rights.RightsError, door.NotVisible) as exc:
            raise CommandError(str(exc) or "no such patient", returncode=2) from exc
        self.stdout.write(f"patient {options['patient_id']} erased")
        for what, n in counts.items():
            self.stdout.write(f"  {what}: {n}")
