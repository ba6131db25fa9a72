from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Serve Synovia on 127.0.0.1:8000 (development server; put a WSGI server in front in production)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--addr", default="127.0.0.1:8000", help="address:port to listen on")

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("runserver", options["addr"], use_reloader=False)
