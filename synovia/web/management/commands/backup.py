"""``synovia backup [FILE]``: the database and the media files in one archive (docs/backup.md)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from synovia.web.backup import BackupError, backup


class Command(BaseCommand):
    help = (
        "Write the database (SQLite backup API or pg_dump) and every media file into one tar "
        "archive with a manifest of checksums and a fingerprint of the data. The archive holds "
        "protected health information: store it encrypted (docs/backup.md)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "file", nargs="?", help="archive to write (default: var/backups/synovia-<UTC time>.tar)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["file"]:
            path = Path(options["file"])
        else:
            folder = Path(settings.VAR_DIR) / "backups"
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            path = folder / f"synovia-{dt.datetime.now(dt.UTC):%Y%m%dT%H%M%SZ}.tar"
        try:
            done = backup(path)
        except BackupError as exc:
            raise CommandError(str(exc), returncode=2) from exc
        self.stdout.write(
            f"wrote {done.path}: {done.engine}, {done.tables} tables, {done.rows} rows, "
            f"{done.media_files} media files, fingerprint {done.fingerprint}"
        )
