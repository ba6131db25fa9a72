"""``synovia subject-export PATIENT_ID --by USERNAME [--out FILE]``: a patient's data on request."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from synovia.access import door, rights
from synovia.accounts.models import User


def command_user(username: str, command: str) -> door.Principal:
    user = User.objects.filter(username=username, is_active=True).first()
    if user is None:
        raise CommandError(f"no active user {username!r}", returncode=2)
    return door.for_command(command, user)


class Command(BaseCommand):
    help = (
        "Write everything held about one patient (their record, every row that refers to them, "
        "and who accessed it) as JSON, for a request made to the clinic. Audited as an export "
        "by the user given with --by, who must be allowed to see the patient."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("patient_id", type=int)
        parser.add_argument("--by", required=True, help="the staff member or administrator answering")
        parser.add_argument("--out", help="file to write (default: standard output)")

    def handle(self, *args: Any, **options: Any) -> None:
        who = command_user(options["by"], "subject-export")
        try:
            data = rights.export_all(who, options["patient_id"])
        except (rights.RightsError, door.NotVisible) as exc:
            raise CommandError(str(exc) or "no such patient in your scope", returncode=2) from exc
        text = json.dumps(data, ensure_ascii=False, indent=2)
        if options["out"]:
            path = Path(options["out"])
            if path.exists():
                raise CommandError(f"{path} exists already", returncode=2)
            path.write_text(text, encoding="utf-8")
            path.chmod(0o600)
            self.stdout.write(f"wrote {path}")
        else:
            self.stdout.write(text)
