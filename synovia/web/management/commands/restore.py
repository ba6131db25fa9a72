"""``synovia restore FILE [--replace]``: bring back an archive written by ``synovia backup``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from synovia.web.backup import BackupError, read_manifest, restore


class Command(BaseCommand):
    help = (
        "Check an archive's checksums, then replace this instance's database and media files "
        "with it and prove the result identical (fingerprint). Stop the server first. Refuses "
        "a database that holds data unless --replace is given."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="archive written by synovia backup")
        parser.add_argument("--replace", action="store_true", help="overwrite a database that holds data")
        parser.add_argument("--check", action="store_true", help="only verify the archive; change nothing")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        try:
            if options["check"]:
                manifest = read_manifest(path)
                rows = sum(manifest["tables"].values())
                self.stdout.write(
                    f"{path}: intact; {manifest['engine']}, {len(manifest['tables'])} tables, {rows} rows, "
                    f"made {manifest['created']} by Synovia {manifest['synovia']}"
                )
                return
            done = restore(path, replace=options["replace"])
        except BackupError as exc:
            raise CommandError(str(exc), returncode=2) from exc
        self.stdout.write(
            f"restored {done.path}: {done.engine}, {done.tables} tables, {done.rows} rows, "
            f"{done.media_files} media files; identical to the archive (fingerprint {done.fingerprint})"
        )
