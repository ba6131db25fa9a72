"""Synthetic registry load: ``synovia demo-data --patients 100000`` into PostgreSQL.

Target (issue 4): 100,000 SYNTHETIC patients with their visits, labs, infusions and events
in PostgreSQL in under 5 minutes. Needs a PostgreSQL server: set DATABASE_URL to any
database on it (``postgres://postgres@127.0.0.1:5432/postgres``); the benchmark creates a
throw-away database next to it, migrates, loads, times, and drops it. Without a PostgreSQL
DATABASE_URL it reports a skip. ``python benchmarks/bench_demo_data.py [--quick]``.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import sys
import time
from urllib.parse import urlsplit, urlunsplit

TARGET_S = 300.0


def _skip(reason: str) -> str:
    return f"## Synthetic registry load (demo-data)\n\nSkipped: {reason}\n"


def _scratch_url(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, parts.fragment))


def run(quick: bool = False) -> str:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        return _skip("no PostgreSQL DATABASE_URL given (the target is about PostgreSQL).")
    import psycopg

    n = 5_000 if quick else 100_000
    name = f"synovia_bench_demo_{os.getpid()}"
    admin_url = _scratch_url(url, "postgres")
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        return _measure(_scratch_url(url, name), n)
    finally:
        from django.db import connections

        connections.close_all()
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')


def _measure(url: str, n: int) -> str:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "synovia.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from synovia.clinic.models import LabResult, Patient, ScheduledVisit, Visit
    from synovia.core.synthetic import generate_cohort

    call_command("migrate", interactive=False, verbosity=0)
    started = time.perf_counter()
    generate_cohort(n_patients=n, seed=1, today=dt.date(2026, 11, 27))
    generation = time.perf_counter() - started
    started = time.perf_counter()
    call_command(
        "demo_data",
        patients=n,
        seed=1,
        today=dt.date(2026, 11, 27),
        no_progress=True,
        stdout=io.StringIO(),
    )
    total = time.perf_counter() - started
    rows = {
        "patients": Patient.objects.count(),
        "visits": Visit.objects.count(),
        "scheduled visits": ScheduledVisit.objects.count(),
        "lab results": LabResult.objects.count(),
    }
    if n < 100_000:
        verdict = f"quick run; the {TARGET_S:.0f} s target applies to 100,000 patients"
    else:
        verdict = ("meets" if total <= TARGET_S else "MISSES") + f" the {TARGET_S:.0f} s target"
    lines = [
        "## Synthetic registry load (demo-data)",
        "",
        f"`demo_data --patients {n:,}` into PostgreSQL (one transaction, COPY): "
        f"**{total:.1f} s** ({verdict}); "
        f"of which NumPy generation {generation:.1f} s.",
        "",
        "| table | rows |",
        "|---|---:|",
        *(f"| {k} | {v:,} |" for k, v in rows.items()),
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    print(run(quick="--quick" in sys.argv))
