"""``synovia outcomes --visits VISITS.csv [--events EVENTS.csv] [--times 90,180,365]``.

Analyses an exported analysis data set (the report page's CSV export has the same columns)
and prints one JSON object: enrolment, response rates with 95 % Wilson intervals (NRI and
observed cases) and Kaplan-Meier survival with log(-log) intervals. A fixed interface: other
tools rely on it (docs/outcomes.md). A malformed file exits with status 2 and a message
naming the file, line and column. It reads only the files given, never the database.
"""

from __future__ import annotations

import json
import math
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from synovia.core.outcomes import InputError, analyse, read_events, read_visits
from synovia.core.outcomes.analysis import DEFAULT_TIMES

MAX_TIMES = 100
MAX_DAYS = 100_000


def parse_times(text: str) -> tuple[float, ...]:
    """``90,180,365`` -> (90.0, 180.0, 365.0): 1-100 numbers of days from 0 to 100000."""
    parts = [p.strip() for p in text.split(",")]
    if not 0 < len(parts) <= MAX_TIMES:
        raise ValueError(f"--times: 1 to {MAX_TIMES} comma-separated numbers of days")
    out = []
    for part in parts:
        try:
            value = float(part)
        except ValueError:
            raise ValueError(f"--times: {part!r} is not a number of days") from None
        if not math.isfinite(value) or not 0 <= value <= MAX_DAYS:
            raise ValueError(f"--times: {part!r} must be between 0 and {MAX_DAYS} days")
        out.append(value)
    return tuple(out)


class Command(BaseCommand):
    help = (
        "Analyse an outcomes data set (VISITS.csv, optionally EVENTS.csv): response rates with "
        "Wilson intervals and Kaplan-Meier survival, printed as one JSON object."
    )
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--visits", required=True, metavar="VISITS.csv")
        parser.add_argument("--events", default=None, metavar="EVENTS.csv")
        parser.add_argument("--times", default=",".join(f"{t:g}" for t in DEFAULT_TIMES), metavar="DAYS")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            times = parse_times(options["times"])
            visits = read_visits(options["visits"])
            events = None if options["events"] is None else read_events(options["events"])
        except (InputError, ValueError) as exc:
            raise CommandError(str(exc), returncode=2) from exc
        result = analyse(visits, events, times)
        self.stdout.write(json.dumps(result, allow_nan=False))
