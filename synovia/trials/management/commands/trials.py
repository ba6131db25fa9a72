"""``synovia trials match|parse``: a thin shell over ``synovia.core.eligibility.cli``.

``match --patient FILE [--trials FILE_OR_DIR]`` prints the patient's matches as JSON, closest
trials first; ``parse [FILE_OR_DIR]`` prints each study's structured criteria. Without a
trials path both use the installed catalog. Bad input exits with status 2 and one message.
"""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from synovia.core.eligibility.cli import match_command, parse_command


class Command(BaseCommand):
    help = "Match a patient against trials, or print the structured criteria of studies."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        match = sub.add_parser("match", help="match one patient's facts (JSON) against trials")
        match.add_argument("--patient", required=True, help="patient facts JSON file")
        match.add_argument("--trials", default=None, help="study JSON file or directory")
        parse = sub.add_parser("parse", help="print the structured criteria of each study")
        parse.add_argument("path", nargs="?", default=None, help="study JSON file or directory")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "match":
            code = match_command(options["patient"], options["trials"], self.stdout, self.stderr)
        else:
            code = parse_command(options["path"], self.stdout, self.stderr)
        if code:
            sys.exit(code)
