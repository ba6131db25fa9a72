"""``synovia community-sweep [--older-than-minutes N]``: remove picture files that no picture
names (left when a post's transaction rolled back after its picture was written). Files
younger than N minutes (default 60) are kept: a picture being saved right now is never
touched. Run it daily (cron or a systemd timer)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from synovia.community import services


class Command(BaseCommand):
    help = "Remove community picture files that no picture row names (older than N minutes)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--older-than-minutes", type=int, default=60)

    def handle(self, *args: Any, **options: Any) -> None:
        minutes = options["older_than_minutes"]
        if not 1 <= minutes <= 525_600:
            raise CommandError("--older-than-minutes must be between 1 and 525600 (a year)", returncode=2)
        removed = services.pictures_sweep(older_than_seconds=minutes * 60.0)
        self.stdout.write(f"Removed {len(removed)} picture file(s) no post or profile names.")
