"""Benchmark of the clinic pages of issue 11 on a SYNTHETIC registry in the configured database.

Times (median of ``REPEATS`` in-process requests through Django's test client, signed in as a
clinician of the largest clinic, after one warm-up): the worklist, a chart, the patient list,
the visit entry page and one live-scoring request of the visit form; with each page's query
count, and the PostgreSQL plans (``EXPLAIN ANALYZE``) of the worklist's lists. The registry is
the one already loaded (``synovia demo-data --patients N``); nothing is built here.
Run: ``DATABASE_URL=postgres://... python benchmarks/bench_clinic_pages.py``.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "synovia.settings")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost")

REPEATS = 15
QUICK_REPEATS = 3
WARM_UP = 4
"""Requests per page before timing through gunicorn: each of its 2 workers has a first request."""


def _setup() -> None:
    import django

    django.setup()


def _clinician():
    from django.db.models import Count

    from synovia.accounts.models import Clinic, Role, User

    clinic = Clinic.objects.annotate(n=Count("patients")).order_by("-n").first()
    user, _ = User.objects.get_or_create(
        username="bench-clinician", defaults={"role": Role.CLINICIAN, "clinic": clinic}
    )
    return user, clinic


def _time(client, method: str, url: str, data: dict | None, repeats: int) -> tuple[float, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    getattr(client, method)(url, data or {})
    times = []
    queries = 0
    for _ in range(repeats):
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = getattr(client, method)(url, data or {})
            times.append(time.perf_counter() - start)
        assert response.status_code == 200, (url, response.status_code)
        queries = len(captured)
    return statistics.median(times) * 1000, queries


def _plans(user) -> list[str]:
    """EXPLAIN ANALYZE of the worklist's queries (PostgreSQL only)."""
    from django.db import connection

    from synovia.access import door
    from synovia.clinic import selectors

    if connection.vendor != "postgresql":
        return ["(plans are shown on PostgreSQL only)"]
    out = []
    captured: list[str] = []
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        selectors.worklist(who=door.for_command("bench", user))
    captured = [q["sql"] for q in queries.captured_queries if "LIMIT" in q["sql"]]
    with connection.cursor() as cursor:
        for sql in captured:
            cursor.execute("EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) " + sql)
            rows = [r[0] for r in cursor.fetchall()]
            first = sql.split(" FROM ", 1)[1].split(" ", 1)[0]
            out.append(f"-- {first}\n" + "\n".join(rows))
    return out


def _served(repeats: int) -> list[str]:
    """The same pages through gunicorn (2 workers, DEBUG off, as in production), one request at a
    time over a keep-alive connection, signed in as the demo clinician (PostgreSQL only)."""
    import http.client
    import tempfile

    from django.db import connection

    if connection.vendor != "postgresql":
        return ["(served through gunicorn on PostgreSQL only)"]
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import bench_load
    from django.urls import reverse

    from synovia.accounts.models import User
    from synovia.clinic.models import Patient

    user = User.objects.get(username="demo-clinician")
    patient = Patient.objects.filter(clinic_id=user.clinic_id, state="in_follow_up").order_by("id").first()
    assert patient is not None
    pages = [
        ("worklist", reverse("clinic:worklist")),
        ("chart", reverse("clinic:chart", args=[patient.pk])),
        ("patient list", reverse("clinic:patient_list")),
        ("visit entry", reverse("clinic:visit", args=[patient.pk])),
    ]
    rows = ["| Page | Median ms | p95 ms |", "|---|---:|---:|"]
    with tempfile.TemporaryDirectory(prefix="synovia-pages-") as var:
        server = bench_load.Server(bench_load._env(os.environ["DATABASE_URL"], Path(var)))
        try:
            cookie = bench_load._login(server.port, "demo-clinician")
            conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
            for name, url in pages:
                times = []
                for _ in range(repeats + WARM_UP):
                    start = time.perf_counter()
                    conn.request("GET", url, headers={"Cookie": cookie})
                    response = conn.getresponse()
                    response.read()
                    times.append(time.perf_counter() - start)
                    assert response.status == 200, (url, response.status)
                times = sorted(times[WARM_UP:])
                p95 = times[min(len(times) - 1, int(0.95 * len(times)))]
                rows.append(f"| {name} | {statistics.median(times) * 1000:.1f} | {p95 * 1000:.1f} |")
        finally:
            server.stop()
    return rows


def run(quick: bool = False) -> str:
    _setup()
    from django.test import Client
    from django.urls import reverse

    from synovia.clinic.models import Patient  # the benchmark reads as a clinician, below

    repeats = QUICK_REPEATS if quick else REPEATS
    user, clinic = _clinician()
    client = Client()
    client.force_login(user)
    patient = Patient.objects.filter(clinic=clinic, state="in_follow_up").order_by("id").first()
    n_patients = Patient.objects.count()
    score = {"visit_date": "2026-12-01", "kind": "scheduled", "tender_joints": ["R_WRIST", "R_MCP2"],
             "swollen_joints": ["R_WRIST"], "esr_mm_h": "14", "crp_unit": "mg/L", "ptga_cm": "2",
             "ega_cm": "1.5", "pain_cm": "2"}  # fmt: skip
    cases = [
        ("(reference: the front page, no patient data)", "get", reverse("web:home"), None),
        ("worklist", "get", reverse("clinic:worklist"), None),
        ("chart", "get", reverse("clinic:chart", args=[patient.pk]), None),
        ("patient list", "get", reverse("clinic:patient_list"), None),
        ("visit entry", "get", reverse("clinic:visit", args=[patient.pk]), None),
        ("visit entry: live scores", "post", reverse("clinic:visit_score", args=[patient.pk]), score),
    ]
    lines = [
        "## Clinic pages (issue 11), in-process",
        "",
        f"SYNTHETIC registry of {n_patients:,} patients; clinician of a clinic of "
        f"{clinic.patients.count():,}; median of {repeats} requests (Django test client, no network).",
        "",
        "| Page | Median ms | Queries |",
        "|---|---:|---:|",
    ]
    for name, method, url, data in cases:
        ms, queries = _time(client, method, url, data, repeats)
        lines.append(f"| {name} | {ms:.1f} | {queries} |")
    lines += [
        "",
        f"Through the production server (gunicorn, 2 workers, DEBUG off; the demo clinician, a clinic of "
        f"{Patient.objects.filter(clinic__members__username='demo-clinician').count():,}), one request at a "
        f"time, {repeats} requests after a warm-up:",
        "",
        *_served(repeats),
    ]
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    note = f"Load average during the run: {load:.1f} (the machine's other work slows every row alike"
    lines += ["", note + "; compare with the reference row).", "", "Worklist query plans:", "", "```"]
    lines += [*_plans(user), "```"]
    return "\n".join(lines)


if __name__ == "__main__":
    print(run(quick="--quick" in sys.argv))
