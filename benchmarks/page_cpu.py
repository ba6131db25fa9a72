"""CPU time per page, in process: the pages of the load benchmark (bench_load.PAGES) through
Django's test client, each signed in as its demo role, on the database of ``DATABASE_URL``.

The figure is ``time.process_time()`` around one request (this process only: Python, the
template engine, the ORM, psycopg; not PostgreSQL's own work), the median of ``--repeats``
after ``--warm`` warm-up requests, with the page's query count. CPU time is what two sync
workers on two cores run out of under load, and it is far less moved than wall time by the
other work of a shared machine. GET only. Not part of ``benchmarks/run.py`` (no ``bench_``
prefix): ``DATABASE_URL=postgres://.../synovia_bench_load_100000 python benchmarks/page_cpu.py
[--repeats 15] [--only chart] [--profile chart]``.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "synovia.settings")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=15)
    parser.add_argument("--warm", type=int, default=3)
    parser.add_argument("--only", action="append", help="page name (as in bench_load.PAGES)")
    parser.add_argument("--profile", help="cProfile this page (the timed requests) and print the top")
    parser.add_argument("--sort", default="cumulative")
    parser.add_argument("--top", type=int, default=60)
    parser.add_argument("--filter", help="print only functions whose file:line(name) matches this regex")
    args = parser.parse_args()

    import django

    django.setup()
    import bench_load
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from synovia.accounts.models import User

    url = os.environ["DATABASE_URL"]
    targets = bench_load._targets(url)
    clients: dict[str, Client] = {}
    rows = ["| Page | CPU ms (median) | min | max | Queries |", "|---|---:|---:|---:|---:|"]
    for name, role, template in bench_load.PAGES:
        if args.only and name not in args.only and name != args.profile:
            continue
        if args.profile and name != args.profile:
            continue
        if role not in clients:
            client = Client()
            client.force_login(User.objects.get(username=f"demo-{role}"))
            clients[role] = client
        client = clients[role]
        path = template.format(**targets)
        for _ in range(args.warm):
            response = client.get(path)
            assert response.status_code == 200, (name, path, response.status_code, response.get("Location"))
        times = []
        profile = cProfile.Profile(time.process_time) if args.profile else None  # CPU, not waits
        queries = 0
        for _ in range(args.repeats):
            with CaptureQueriesContext(connection) as captured:
                if profile:
                    profile.enable()
                started = time.process_time()
                response = client.get(path)
                times.append(time.process_time() - started)
                if profile:
                    profile.disable()
            assert response.status_code == 200, (name, path, response.status_code, response.get("Location"))
            queries = len(captured)
        rows.append(
            f"| {name} | {statistics.median(times) * 1000:.1f} | {min(times) * 1000:.1f} "
            f"| {max(times) * 1000:.1f} | {queries} |"
        )
        if profile:
            stats = pstats.Stats(profile)
            restrictions = [args.filter, args.top] if args.filter else [args.top]
            stats.sort_stats(args.sort).print_stats(*restrictions)
    load = os.getloadavg()
    print("\n".join(rows))
    print(f"\nLoad average: {load[0]:.1f}, {load[1]:.1f}, {load[2]:.1f}; {args.repeats} requests per page.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
