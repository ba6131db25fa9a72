"""``synovia fhir export PATIENT_ID [--out FILE]`` and ``synovia fhir import FILE --by USERNAME
[--patient ID]``."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from synovia.access import door
from synovia.accounts.models import User
from synovia.interop import exports, services

MAX_BYTES = 50 * 1024 * 1024


class Command(BaseCommand):
    help = (
        "FHIR R4: 'export PATIENT_ID [--out FILE] [--by USERNAME]' writes the patient's Bundle; "
        "'import FILE --by USERNAME [--patient ID]' imports a Bundle and prints the report."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        out = sub.add_parser("export")
        out.add_argument("patient_id")
        out.add_argument("--out", default="-")
        out.add_argument("--by", default="", help="read as this user (default: the console operator)")
        imp = sub.add_parser("import")
        imp.add_argument("file")
        imp.add_argument("--by", required=True, help="the clinician or coordinator importing")
        imp.add_argument("--patient", default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "export":
            self._export(options)
        else:
            self._import(options)

    def _user(self, username: str) -> User | None:
        if not username:
            return None
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"no active user {username!r}", returncode=2)
        return user

    def _export(self, options: dict[str, Any]) -> None:
        with door.command_channel("fhir export", self._user(options["by"])) as who:
            try:
                data = exports.patient_bundle(who=who, patient_id=options["patient_id"])
            except door.NotVisible as exc:
                raise CommandError("no such patient", returncode=2) from exc
        text = json.dumps(data, indent=1, ensure_ascii=False)
        if options["out"] == "-":
            self.stdout.write(text)
        else:
            Path(options["out"]).write_text(text + "\n", encoding="utf-8")
            self.stderr.write(f"wrote {len(data.get('entry', []))} resources to {options['out']}")

    def _import(self, options: dict[str, Any]) -> None:
        data = self._read(options["file"])
        user = self._user(options["by"])
        with door.command_channel("fhir import", user) as who:
            try:
                report = services.import_bundle(who=who, data=data, patient_id=options["patient"])
            except services.ImportRefused as exc:
                raise CommandError(str(exc), returncode=2) from exc
            except door.NotVisible as exc:
                raise CommandError("no such patient in your clinic", returncode=2) from exc
        self.stdout.write(json.dumps(report.as_dict(), indent=1, ensure_ascii=False, default=str))

    def _read(self, name: str) -> Any:
        try:
            raw = (
                sys.stdin.buffer.read(MAX_BYTES + 1)
                if name == "-"
                else Path(name).read_bytes()[: MAX_BYTES + 1]
            )
        except OSError as exc:
            raise CommandError(f"cannot read {name}: {exc.strerror}", returncode=2) from exc
        if len(raw) > MAX_BYTES:
            raise CommandError("the file is larger than 50 MB", returncode=2)
        try:
            return json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as exc:
            raise CommandError(f"{name} is not JSON: {exc}", returncode=2) from exc
