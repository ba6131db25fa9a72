from __future__ import annotations

import subprocess
import sys
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser


class Command(BaseCommand):
    help = "Run the speed and scale benchmarks of a checkout and write benchmarks/RESULTS.md."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--quick", action="store_true", help="small sizes, a smoke run")
        parser.add_argument("--only", help="run only benchmarks/bench_<NAME>.py")

    def handle(self, *args: Any, **options: Any) -> None:
        runner = settings.BASE_DIR / "benchmarks" / "run.py"
        if not runner.exists():
            raise CommandError(f"{runner} not found: benchmarks ship with a source checkout only")
        command = [sys.executable, str(runner)]
        if options["quick"]:
            command.append("--quick")
        if options["only"]:
            command += ["--only", options["only"]]
        completed = subprocess.run(command, check=False)  # noqa: S603 - fixed interpreter and script
        if completed.returncode:
            raise CommandError(f"benchmarks failed with exit code {completed.returncode}")
