"""Load: the main pages under 50 concurrent users, behind gunicorn, on the 60-patient demo
database and on the 100,000-patient synthetic registry (issue 14).

Each database is prepared once (``migrate``, ``demo-data``, ``demo --no-serve`` for the demo
accounts) and kept between runs (``synovia_bench_load_<patients>`` on the server of
``DATABASE_URL``). The application runs as it would in production: ``gunicorn synovia.wsgi``
with 2 sync workers (one per core; ``BENCH_WORKERS`` tries another count: 4 workers were
measured no better on this machine, 2026-12-04, docs/deployment.md), DEBUG off. The load
generator (threads with keep-alive connections, on the same machine, so it competes for the
same 2 cores) signs in one session per role and then runs, for a bounded time:

* 50 users who each wait 1 s between pages (a busy clinic: about 50 pages/s offered) — the
  latency target (p95 <= 100 ms, p99 <= 300 ms) is read here;
* 50 users with no think time (closed loop): the saturation throughput. By Little's law the
  latency here is 50 / throughput, whatever the code does, so it is recorded, not judged.

Pages that do not exist in this build are listed as "not built" instead of being timed.
"""

from __future__ import annotations

import http.client
import os
import re
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
USERS = 50
PASSWORD = "synovia-demo-only"

# (page, role, path template). {patient}: a patient of the demo clinic with the most visits;
# {trial}: a trial of the catalog; {own}: nothing (the patient's own record).
PAGES = [
    ("patient dashboard", "patient", "/clinic/me/"),
    ("clinic worklist", "clinician", "/clinic/"),
    ("patient list", "clinician", "/clinic/patients/"),
    ("chart", "clinician", "/clinic/patients/{patient}/"),
    ("visit entry", "clinician", "/clinic/patients/{patient}/visit/"),
    ("trial match", "patient", "/trials/match/"),
    ("trial page", "patient", "/trials/{trial}/"),
    ("outcomes report", "researcher", "/research/outcomes/"),
    ("community feed", "moderator", "/community/"),
]


@dataclass
class Result:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    seconds: float = 0.0


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _db_url(base: str, name: str) -> str:
    return re.sub(r"/[^/]*$", f"/{name}", base)


def _env(url: str, var: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SYNOVIA_", "DEBUG"))}
    env.update(
        {"DATABASE_URL": url, "SYNOVIA_VAR_DIR": str(var), "DJANGO_SETTINGS_MODULE": "synovia.settings"}
    )
    env["ALLOWED_HOSTS"] = "127.0.0.1,localhost"
    env["PYTHONPATH"] = str(ROOT)
    return env


def _synovia(env: dict[str, str], *args: str) -> None:
    subprocess.run([sys.executable, "-m", "synovia.cli", *args], env=env, check=True, capture_output=True)


def _prepare(base: str, name: str, patients: int, var: Path) -> str:
    import psycopg

    url = _db_url(base, name)
    with psycopg.connect(_db_url(base, "postgres"), autocommit=True) as admin:
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname=%s", [name]).fetchone()
        if not exists:
            admin.execute(f'CREATE DATABASE "{name}"')
    env = _env(url, var)
    _synovia(env, "migrate", "-v0")
    with psycopg.connect(url) as db:
        have = db.execute("SELECT count(*) FROM clinic_patient").fetchone()[0]
    if have != patients:
        if have:
            raise SystemExit(f"{name} holds {have} patients, not {patients}: drop it and run again")
        _synovia(env, "demo-data", "--patients", str(patients), "--no-progress")
    _synovia(env, "demo", "--no-serve")
    return url


def _targets(url: str) -> dict[str, str]:
    import psycopg

    with psycopg.connect(url) as db:
        clinic = db.execute("SELECT clinic_id FROM accounts_user WHERE username='demo-clinician'").fetchone()[
            0
        ]
        patient = db.execute(
            "SELECT p.id FROM clinic_patient p JOIN clinic_visit v ON v.patient_id = p.id "
            "WHERE p.clinic_id = %s GROUP BY p.id ORDER BY count(*) DESC, p.id LIMIT 1",
            [clinic],
        ).fetchone()
        trial = db.execute(
            "SELECT registry_id FROM trials_trial ORDER BY registry_id NOT LIKE 'NCT%%', registry_id LIMIT 1"
        ).fetchone()
    return {"patient": str(patient[0]) if patient else "0", "trial": quote(trial[0] if trial else "none")}


WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))
"""gunicorn sync workers (``BENCH_WORKERS`` to try another count)."""


class Server:
    def __init__(self, env: dict[str, str], workers: int = WORKERS) -> None:
        self.port = _free_port()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "synovia.wsgi", "--workers", str(workers), "--bind",
             f"127.0.0.1:{self.port}", "--timeout", "60", "--log-level", "warning"],
            env=env, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
                conn.request("GET", "/healthz")
                if conn.getresponse().status == 200:
                    return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not come up")

    def worker_rss_mib(self) -> list[float]:
        out = subprocess.run(
            ["ps", "-o", "rss=", "--ppid", str(self.process.pid)], capture_output=True, text=True, check=False
        )
        return [int(x) / 1024 for x in out.stdout.split()]

    def stop(self) -> None:
        os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(timeout=30)


def _login(port: int, username: str) -> str:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", "/accounts/login/")
    r = conn.getresponse()
    r.read()
    csrf = re.search(r"csrftoken=([^;]+)", r.getheader("Set-Cookie") or "").group(1)
    body = f"username={username}&password={PASSWORD}&csrfmiddlewaretoken={csrf}"
    headers = {"Cookie": f"csrftoken={csrf}", "Content-Type": "application/x-www-form-urlencoded"}
    conn.request("POST", "/accounts/login/", body=body, headers=headers)
    r = conn.getresponse()
    r.read()
    session = re.search(r"sessionid=([^;]+)", r.getheader("Set-Cookie") or "")
    if r.status != 302 or session is None:
        raise RuntimeError(f"cannot sign in as {username}: {r.status}")
    return f"csrftoken={csrf}; sessionid={session.group(1)}"


def _pages(port: int, cookies: dict[str, str], targets: dict[str, str]) -> tuple[list, list[str]]:
    """The pages of this build: (name, cookie, path) answering 200; the others, "not built"."""
    found, missing = [], []
    for name, role, template in PAGES:
        path = template.format(**targets)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        conn.request("GET", path, headers={"Cookie": cookies[role]})
        r = conn.getresponse()
        r.read()
        (
            found.append((name, cookies[role], path))
            if r.status == 200
            else missing.append(f"{name} ({r.status})")
        )
    return found, missing


def _load(port: int, pages: list, seconds: float, think: float) -> Result:
    result = Result()
    stop = time.monotonic() + seconds
    lock = threading.Lock()

    def user(index: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        step = index
        while time.monotonic() < stop:
            name, cookie, path = pages[step % len(pages)]
            step += 1
            started = time.perf_counter()
            try:
                conn.request("GET", path, headers={"Cookie": cookie})
                r = conn.getresponse()
                r.read()
                ok = r.status == 200
            except (OSError, http.client.HTTPException):
                ok = False
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            took = time.perf_counter() - started
            with lock:
                result.latencies[name].append(took)
                if not ok:
                    result.errors[name] += 1
            if think:
                time.sleep(think * (0.5 + secrets.randbelow(1000) / 1000))

    started = time.monotonic()
    threads = [threading.Thread(target=user, args=(i,)) for i in range(USERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    result.seconds = time.monotonic() - started
    return result


def _pct(values: list[float], q: float) -> float:
    if len(values) < 2:
        return values[0] if values else float("nan")
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def _table(title: str, result: Result) -> list[str]:
    rows = [
        f"**{title}**",
        "",
        "| Page | Requests | p50 ms | p95 ms | p99 ms | Errors |",
        "|---|---|---|---|---|---|",
    ]
    every: list[float] = []
    for name, values in result.latencies.items():
        every += values
        rows.append(
            f"| {name} | {len(values)} | {_pct(values, 50) * 1000:.0f} | {_pct(values, 95) * 1000:.0f} "
            f"| {_pct(values, 99) * 1000:.0f} | {result.errors.get(name, 0)} |"
        )
    errors = sum(result.errors.values())
    rows.append(
        f"| **all** | {len(every)} ({len(every) / result.seconds:.0f}/s) | {_pct(every, 50) * 1000:.0f} "
        f"| {_pct(every, 95) * 1000:.0f} | {_pct(every, 99) * 1000:.0f} | {errors} |"
    )
    return [*rows, ""]


def run(quick: bool = False) -> str:
    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith(("postgres://", "postgresql://")):
        return "## Load (gunicorn, 50 users)\n\nSkipped: no PostgreSQL DATABASE_URL given.\n"
    seconds = 10.0 if quick else 30.0
    sizes = [("demo", 60), ("registry", 5_000 if quick else 100_000)]
    lines = [
        "## Load (gunicorn, 2 workers, 50 users)",
        "",
        f"{USERS} users on loopback, each signed in as its role; {seconds:.0f} s per phase. Targets with "
        "1 s think time: p95 <= 100 ms, p99 <= 300 ms, 0 errors.",
        "",
    ]
    with tempfile.TemporaryDirectory(prefix="synovia-load-") as var:
        for label, patients in sizes:
            url = _prepare(base, f"synovia_bench_load_{patients}", patients, Path(var))
            server = Server(_env(url, Path(var)))
            try:
                cookies = {role: _login(server.port, f"demo-{role}") for role in {p[1] for p in PAGES}}
                pages, missing = _pages(server.port, cookies, _targets(url))
                lines.append(f"### {label}: {patients:,} patients")
                lines.append("")
                if missing:
                    lines += [f"Not built or not answering 200 in this build: {', '.join(missing)}.", ""]
                paced = _load(server.port, pages, seconds, think=1.0)
                lines += _table("50 users, 1 s think time", paced)
                closed = _load(server.port, pages, seconds, think=0.0)
                lines += _table("50 users, no think time (saturation)", closed)
                rss = server.worker_rss_mib()
                lines += [f"Worker memory after the run: {', '.join(f'{m:.0f} MiB' for m in rss)}.", ""]
            finally:
                server.stop()
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(run(quick="--quick" in sys.argv))
