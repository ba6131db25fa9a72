# ruff: noqa: E501
"""Outcomes analytics: the core on 100,000 SYNTHETIC patients, and ``synovia outcomes`` end to
end on a 100,000-patient export written by this script.

Targets (issue 11): ``synovia outcomes`` on the 100,000-patient export <= 2 s; the whole report
<= 3 s and one clinic <= 0.5 s at 100,000 patients in PostgreSQL (the report part needs a loaded
registry and is not run here; see docs/scaling.md). ``python benchmarks/bench_outcomes.py [--quick]``.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import polars as pl

ROOT = Path(__file__).resolve().parents[1]
TARGET_COMMAND_S = 2.0
GROUPS = ("bone_marrow", "adipose", "umbilical_cord", "placenta", "")


def synthetic_export(n: int, seed: int = 11) -> tuple[pl.DataFrame, pl.DataFrame]:
    """VISITS and EVENTS frames of ``n`` SYNTHETIC patients, as the report exports them."""
    rng = np.random.default_rng(seed)
    ids = np.char.add("P", np.arange(n).astype(str))
    group = np.asarray(GROUPS)[rng.integers(0, len(GROUPS), n)]
    frames = []
    base_das = rng.uniform(3.5, 7.5, n)
    base_haq = rng.integers(0, 25, n) / 8
    for k, tp in enumerate(("baseline", "m1", "m6", "m12")):
        present = np.ones(n, bool) if k == 0 else rng.random(n) < (0.9 - 0.15 * k)
        das = np.clip(base_das - rng.normal(0.6 * k, 1.0, n), 0.5, 9.5)
        haq = np.clip(base_haq - rng.integers(0, 6, n) / 8 * (k > 0), 0, 3)
        acr = np.asarray(["none", "ACR20", "ACR50", "ACR70"])[rng.integers(0, 4, n)]
        eular = np.asarray(["none", "moderate", "good"])[rng.integers(0, 3, n)]
        frame = pl.DataFrame(
            {
                "patient_id": ids,
                "group": group,
                "timepoint": tp,
                "das28": np.round(das, 2).astype(str),
                "cdai": np.round(das * 6, 1).astype(str),
                "haq_di": np.char.mod("%.3f", haq),
                "acr": acr if k else "",
                "eular": eular if k else "",
                "boolean_remission": np.where(das < 2.4, "true", "false") if k else "",
            }
        ).filter(pl.Series(present))
        frames.append(frame)
    visits = pl.concat(frames)
    events = pl.DataFrame(
        {
            "patient_id": ids,
            "group": group,
            "time_days": rng.integers(0, 720, n),
            "event": (rng.random(n) < 0.3).astype(int),
        }
    )
    return visits, events


def _best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return min(times)


def _slow(read, path: Path):
    """``read`` with the fast path switched off (the csv module reads every row)."""
    from synovia.core.outcomes import csvio

    fast = csvio._fast_rows
    csvio._fast_rows = lambda *args: None
    try:
        return read(path)
    finally:
        csvio._fast_rows = fast


def run(quick: bool = False) -> str:
    sys.path.insert(0, str(ROOT))
    from synovia.core.outcomes import analyse, kaplan_meier, read_events, read_visits, response_table

    n = 5_000 if quick else 100_000
    visits, events = synthetic_export(n)
    rows = [f"## Outcomes analytics (issue 11)\n\n{n:,} SYNTHETIC patients, {visits.height:,} visit rows.\n"]
    rows.append("| Step | Seconds (best of 3) | Against target |\n|---|---:|---|")
    with tempfile.TemporaryDirectory() as tmp:
        vpath, epath = Path(tmp) / "visits.csv", Path(tmp) / "events.csv"
        visits.write_csv(vpath)
        events.write_csv(epath)
        frame = read_visits(vpath)
        rows.append(
            f"| core: response table (10 endpoints, 3 time points, 5 groups, NRI and observed) | {_best(lambda: response_table(frame), 3):.3f} | - |"
        )
        t, e = events["time_days"].to_numpy(), events["event"].to_numpy()
        rows.append(
            f"| core: Kaplan-Meier of {n:,} patients | {_best(lambda: kaplan_meier(t, e), 3):.3f} | - |"
        )
        size = (vpath.stat().st_size + epath.stat().st_size) / 2**20
        rows.append(
            f"| core: read and validate VISITS.csv ({size:.0f} MiB with EVENTS.csv), fast path (Polars) | {_best(lambda: read_visits(vpath), 3):.3f} | - |"
        )
        rows.append(
            f"| the same through the slow path (csv module, used to locate a bad row) | {_best(lambda: _slow(read_visits, vpath), 1):.3f} | - |"
        )
        whole = _best(lambda: analyse(read_visits(vpath), read_events(epath), (90.0, 180.0, 365.0)), 3)
        rows.append(f"| core: read both files and analyse (what the command does) | {whole:.3f} | - |")
        cmd = [
            sys.executable,
            "-m",
            "synovia.cli",
            "outcomes",
            "--visits",
            str(vpath),
            "--events",
            str(epath),
        ]
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "synovia.settings", "PYTHONPATH": str(ROOT)}
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        cold = _best(lambda: subprocess.run(cmd, check=True, capture_output=True, env=env), 3)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime) / 3
        verdict = "met" if cold <= TARGET_COMMAND_S else "NOT met"
        rows.append(
            f"| `synovia outcomes` end to end (new process: Python, Polars start-up included; no django.setup()) | {cold:.3f} | <= {TARGET_COMMAND_S} s: {verdict} |"
        )
        rows.append(
            f"| the same, CPU time of the process (user + system, mean of 3) | {cpu:.3f} | <= {TARGET_COMMAND_S} s: {'met' if cpu <= TARGET_COMMAND_S else 'NOT met'} |"
        )
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    rows.append(
        f"\nLoad average at the end: {load} on {os.cpu_count()} cores (shared machine; wall times vary with it)."
    )
    rows.append(
        "The report page at 100,000 patients in PostgreSQL was not measured in this run (docs/scaling.md)."
    )
    return "\n".join(rows) + "\n"


if __name__ == "__main__":
    print(run(quick="--quick" in sys.argv))
