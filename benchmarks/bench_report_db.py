"""The outcomes report (issue 11) on the SYNTHETIC 100,000-patient registry in PostgreSQL.

Times, through Django's test client (URL routing, middleware, the audited read, the analysis,
the server-drawn charts, the template), best of ``REPEATS`` after one warm-up request:

1. the whole report as a researcher (every research-consented patient, de-identified);
2. one clinic: the clinician of the largest clinic (their own clinic), and a researcher who
   chose that clinic in the filters (the clinic is selected in the database);
3. the analysis data set as CSV (the export a researcher downloads), whole registry.

With the queries each request made (a fixed number whatever the registry size). Targets: the
whole report <= 3 s, one clinic <= 0.5 s. The chart cache is cleared before every request, so
each one draws its charts (a warm cache would hide that cost).

Uses the registry database ``synovia_bench_load_<n>`` that ``bench_load`` prepares (created and
loaded when absent). ``DATABASE_URL=postgres://... python benchmarks/bench_report_db.py``.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPEATS = 3
WHOLE_S = 3.0
ONE_CLINIC_S = 0.5


def _measure(env: dict[str, str], repeats: int) -> list[str]:
    os.environ.update(env)
    os.environ["DJANGO_SETTINGS_MODULE"] = "synovia.settings"
    os.environ["ALLOWED_HOSTS"] = "testserver,localhost"
    sys.path.insert(0, str(HERE.parent))
    import django

    django.setup()
    from django.db import connection
    from django.db.models import Count
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment
    from django.urls import reverse

    from synovia.accounts.models import Clinic, Role, User
    from synovia.research import charts, selectors

    setup_test_environment()
    clinic = Clinic.objects.annotate(n=Count("patients")).order_by("-n").first()
    assert clinic is not None
    clinician, _ = User.objects.get_or_create(
        username="bench-report-clinician",
        defaults={"role": Role.CLINICIAN, "clinic": clinic, "email": "c@example.invalid"},
    )
    researcher, _ = User.objects.get_or_create(
        username="bench-report-researcher", defaults={"role": Role.RESEARCHER, "email": "r@example.invalid"}
    )
    page, export = reverse("research:report"), reverse("research:export_visits_csv")
    cases = [
        ("Whole report, researcher (every research-consented patient)", researcher, page, {}, WHOLE_S),
        (f"One clinic, its clinician ({clinic.code}, own clinic)", clinician, page, {}, ONE_CLINIC_S),
        (f"One clinic, researcher filtering by {clinic.code}", researcher, page, {"clinic": clinic.code},
         ONE_CLINIC_S),
        ("Analysis data set as CSV, researcher, whole registry", researcher, export, {}, None),
    ]  # fmt: skip
    rows = []
    for name, user, url, params, target in cases:
        client = Client()
        client.force_login(user)
        client.get(url, params)
        cold, warm, cpu = [], [], []
        for _ in range(repeats):
            for cache, times in ((False, cold), (True, warm)):
                if not cache:
                    charts.clear()
                    selectors.forget_cohorts()
                with CaptureQueriesContext(connection) as queries:
                    started, used = time.perf_counter(), time.process_time()
                    response = client.get(url, params)
                    times.append(time.perf_counter() - started)
                    if not cache:
                        cpu.append(time.process_time() - used)
                assert response.status_code == 200, (url, response.status_code)
        context = response.context or {}
        patients = context.get("patients")
        best = min(cold)
        verdict = "-" if target is None else f"<= {target} s: {'met' if best <= target else 'NOT met'}"
        who = f"{patients:,} patients" if patients is not None else f"{len(response.content) / 2**20:.1f} MiB"
        times = f"{best:.2f} | {min(cpu):.2f} | {max(cold):.2f} | {min(warm):.2f}"
        rows.append(f"| {name} | {who} | {times} | {len(queries)} | {verdict} |")
    rows.append(_linked_charts(clinician, page, repeats))
    return rows


def _linked_charts(user, page: str, repeats: int) -> str:
    """The clinician's page links the charts it has not drawn; the browser then fetches them
    (in parallel; timed here one after another): the slowest and the sum of the four."""
    import re

    from django.test import Client

    from synovia.research import charts, selectors

    client = Client()
    client.force_login(user)
    slowest, total = [], []
    for _ in range(repeats):
        charts.clear()
        selectors.forget_cohorts()
        body = client.get(page).content.decode()
        linked = re.findall(r'<img src="(/research/outcomes/chart/[^"]+)"', body)
        urls = [u.replace("&amp;", "&") for u in linked]
        took = []
        for url in urls:
            started = time.perf_counter()
            assert client.get(url).status_code == 200
            took.append(time.perf_counter() - started)
        slowest.append(max(took, default=0.0))
        total.append(sum(took))
    return (
        f"| One clinic, its clinician: the {len(urls)} charts the page links, each drawn on request "
        f"(data kept), slowest / all four | - | {min(slowest):.2f} / {min(total):.2f} | - | - | - | - | - |"
    )


def run(quick: bool = False) -> str:
    base = os.environ.get("DATABASE_URL", "")
    title = "## Outcomes report on the PostgreSQL registry (issue 11)"
    if not base.startswith(("postgres://", "postgresql://")):
        return f"{title}\n\nSkipped: no PostgreSQL DATABASE_URL given.\n"
    sys.path.insert(0, str(HERE))
    import bench_load

    patients = 5_000 if quick else 100_000
    with tempfile.TemporaryDirectory(prefix="synovia-report-") as tmp:
        var = Path(tmp)
        url = bench_load._prepare(base, f"synovia_bench_load_{patients}", patients, var)
        rows = _measure(bench_load._env(url, var), 1 if quick else REPEATS)
    load = os.getloadavg()
    lines = [
        title,
        "",
        f"SYNTHETIC registry of {patients:,} patients in PostgreSQL; Django test client in one process, "
        f"best and worst of {1 if quick else REPEATS} after a warm-up. Nothing kept: the kept data set "
        "and charts dropped before the request (the first view after the registry changed: every row read, "
        "every chart drawn); kept: the same data viewed again (the data set is kept under the registry's "
        "change log, the charts by their content; the view is audited all the same). The target is judged "
        "with nothing kept. CPU s: this process's CPU time (the server's PostgreSQL backend not counted) in "
        "the least of the requests with nothing kept, steadier than wall time on a shared machine.",
        "",
        "| Request | Read | Best s (nothing kept) | CPU s | Worst s | Best s (kept) | Queries | Target |",
        "|---|---|---:|---:|---:|---:|---:|---|",
        *rows,
        "",
        "Before (2026-12-04 13:48 UTC, the same registry, load 1.8-3.3 on 2 cores, before the report's "
        "analysis and read were restructured): nothing kept, the whole report 2.89 s (worst 3.11), one "
        "clinic 0.58 s for its clinician (0.40-0.42 s of this process's CPU) and 0.61 s for a researcher "
        "choosing it (worst 1.03), the CSV 2.26 s (2026-12-03 14:39 UTC at load 0.9: 1.92, 0.58 and "
        "0.58 s). Earlier (2026-12-03 13:15 UTC): the whole report 4.4-5.6 s (each of five row families "
        "re-ran the consent scope and was sorted by patient name through a join; rows came through Python "
        "objects).",
        f"Load average at the end: {load[0]:.1f}, {load[1]:.1f}, {load[2]:.1f} on {os.cpu_count()} cores "
        "(shared machine; wall times vary with it).",
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    print(run(quick="--quick" in sys.argv))
