from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from synovia.web.health import DATABASE_DOWN


class Command(BaseCommand):
    help = (
        "Serve Synovia on 127.0.0.1:8000 with DEBUG off (unless DEBUG=1): Django's development "
        "server with WhiteNoise for static files. In production put a WSGI server behind HTTPS "
        "instead (docs/deployment.md)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--addr", default="127.0.0.1:8000", help="address:port to listen on")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            call_command("runserver", options["addr"], use_reloader=False)
        except DATABASE_DOWN as exc:
            # The start-up migration check needs the database; say so instead of a traceback.
            raise CommandError(
                "cannot reach the database (check DATABASE_URL and that the server is running)",
                returncode=2,
            ) from exc
