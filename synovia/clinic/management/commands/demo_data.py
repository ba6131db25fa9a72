"""``synovia demo-data --patients N --seed S``: load a SYNTHETIC registry in bulk."""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from synovia.clinic.bulk import Loader
from synovia.clinic.models import Patient
from synovia.core.synthetic import generate_cohort


class Command(BaseCommand):
    help = (
        "Create a SYNTHETIC registry (several clinics, every cell source and route, "
        "responders, non-responders, drop-outs, adverse events) with bulk inserts."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--patients", type=int, default=60)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--today",
            type=dt.date.fromisoformat,
            default=None,
            help="reference day (YYYY-MM-DD); default: today",
        )
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        seed, n = options["seed"], options["patients"]
        if n < 0:
            raise CommandError("--patients must be >= 0")
        if Patient.objects.filter(record_number__startswith=f"SYN{seed}-").exists():
            raise CommandError(f"Synthetic patients of seed {seed} are already loaded; use another --seed.")
        today = options["today"] or dt.date.today()  # noqa: DTZ011 - a calendar day
        started = time.perf_counter()
        cohort = generate_cohort(n_patients=n, seed=seed, today=today)
        counts = Loader(cohort, seed=seed, progress=not options["no_progress"]).run()
        elapsed = time.perf_counter() - started
        self.stdout.write(
            self.style.WARNING(
                f"SYNTHETIC data: {counts['patients']} patients, {counts['visits']} visits, "
                f"{counts['labs']} lab results in {elapsed:.1f} s (seed {seed})."
            )
        )
