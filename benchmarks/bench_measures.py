"""Benchmark of the measures batch engine on synthetic registry visits.

Times, in one run and on the same SYNTHETIC visits:

* the batch engine, ``synovia.core.measures.compute_visits`` (DAS28-ESR, DAS28-CRP, CDAI,
  SDAI with their category codes and the 2022 Boolean remission code, every input
  validated), plain NumPy over 2 threads: the default call (new output columns each call),
  with the output arrays passed back in (``out=``), and on 1 thread;
* the first call in a fresh process (import + first call): there is nothing to compile;
* peak memory of one default call (``tracemalloc``: NumPy reports its array memory to it)
  against the size of the inputs and of the outputs;
* a straightforward row-wise pandas reference (``DataFrame.apply(axis=1)`` with the same
  formulas and cut-offs in plain Python), timed on a sample and extrapolated linearly;
* a NumPy read-once floor: one ``sum`` over each input column, the least any engine must do;
* a read-and-write reference (no arithmetic): every input chunk read once (``min``) and every
  output chunk written once, over the same 2 threads, into new and into reused outputs: the
  memory traffic any engine producing these outputs pays, whatever its arithmetic;
* a Polars reference: the four scores alone (no validation, no category codes) as Polars
  expressions over the same columns, built from the core's own coefficients: the other
  vectorised library the issue names, measured beside NumPy to justify the choice.

Targets (issue 9): <= 4x the floor and >= 1,000x row-wise pandas, no compile wait and no
custom memory manager. The figures of the retired numba kernel (issue 3) and of the NumPy
engine before the pass reduction (issue 9) are kept beside them as "before".
``run(quick=True)`` uses 100,000 visits for a smoke run. Run with ``make bench`` (all
benchmarks) or ``python benchmarks/run.py --only measures`` (writes its section of
RESULTS.md); ``python benchmarks/bench_measures.py`` only prints it.
"""

from __future__ import annotations

import math
import os
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pandas as pd
import polars as pl

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from synovia.core.measures import compute_visits, das28, units

FULL_VISITS = 10_000_000
QUICK_VISITS = 100_000
PANDAS_SAMPLE = 200_000
QUICK_PANDAS_SAMPLE = 20_000
REPEATS = 15
CHUNK = 1 << 16

BEFORE = (
    "| Before (numba fused kernel, issue 3; 2026-11-28, same machine kind) | Seconds | x floor |\n"
    "|---|---:|---:|\n"
    "| Fused numba kernel, outputs in recycled memory (output pool) | 0.0344 | 2.1 |\n"
    "| Same, cold (output memory newly mapped) | 0.0509 | 3.1 |\n"
    '| NumPy engine of the time (`engine="numpy"`) | 0.1349 | 8.2 |\n'
    "| Row-wise pandas (200,000 extrapolated) | 190.6760 | - |\n"
    "| Read-once floor | 0.0164 | 1.0 |\n"
    "| First call in a fresh process: JIT compile (empty numba cache) / on-disk cache | 6.8 / 0.7 | - |\n"
)
"""The figures recorded for the numba kernel before it was retired (benchmarks/RESULTS.md,
issue 3), quoted as they were measured."""

BEFORE_NUMPY = (
    "| Before (the NumPy engine before the pass reduction of 2026-12-03; issue 9) "
    "| Seconds | x floor | Floor, load |\n"
    "|---|---:|---:|---|\n"
    "| Default call, recorded 2026-12-02 00:17 UTC | 0.1829 | 10.4 | 0.0176 s, load 0.5 |\n"
    "| Same, `out=` / 1 thread | 0.1337 / 0.2216 | 7.6 / 12.6 | |\n"
    "| Default call, re-run 2026-12-03 13:13 UTC before this change | 0.1956 | 7.8 | 0.0250 s, load 1.6 |\n"
    "| Same, `out=` / 1 thread | 0.1820 / 0.2822 | 7.3 / 11.3 | |\n"
    "| Old and new engine interleaved in one process (best of 8 rounds each, same visits, "
    "outputs identical), 2026-12-03 14:12 UTC: default call (new: 0.1935, 7.8x) | 0.2081 | 8.4 "
    "| 0.0248 s, load 1.0 |\n"
    "| Same, `out=` (new: 0.1626, 6.6x) / 1 thread (new: 0.2646, 10.7x) | 0.1751 / 0.2882 "
    "| 7.1 / 11.6 | |\n"
    "| Same, CPU time of one 1-thread `out=` call (new: 0.2264) | 0.2539 | 10.0 (CPU) "
    "| 0.0253 s CPU |\n"
)
"""The NumPy engine before the pass reduction, quoted from RESULTS.md and from a run of the
same benchmark on that code just before the change."""


def synthetic_visits(n: int, seed: int = 2026) -> dict[str, np.ndarray]:
    """SYNTHETIC registry-like visits: joint counts as int8, ESR in whole mm/h, CRP to 0.1 mg/L."""
    rng = np.random.default_rng(seed)
    return {
        "tjc28": rng.integers(0, 29, n, dtype=np.int8),
        "sjc28": rng.integers(0, 29, n, dtype=np.int8),
        "esr_mm_h": rng.integers(2, 121, n).astype(np.float64),
        "crp_mg_l": np.minimum(np.round(rng.gamma(1.0, 12.0, n), 1), 500.0),
        "ptga_mm": rng.integers(0, 101, n).astype(np.float64),
        "ega_cm": np.round(rng.uniform(0.0, 10.0, n), 1),
    }


def _band(value: float, bounds: tuple[float, float, float], strict_first: bool) -> int:
    first = value < bounds[0] if strict_first else value <= bounds[0]
    if first:
        return 0
    return 1 if value <= bounds[1] else 2 if value <= bounds[2] else 3


def pandas_row(row: pd.Series) -> tuple[float, ...]:
    """The straightforward per-row computation a pandas user would write."""
    joints = 0.56 * math.sqrt(row["tjc28"]) + 0.28 * math.sqrt(row["sjc28"])
    das_esr = joints + 0.70 * math.log(row["esr_mm_h"]) + 0.014 * row["ptga_mm"]
    das_crp = joints + 0.36 * math.log(row["crp_mg_l"] + 1) + 0.014 * row["ptga_mm"] + 0.96
    cdai = row["tjc28"] + row["sjc28"] + row["ptga_mm"] / 10 + row["ega_cm"]
    sdai = cdai + row["crp_mg_l"] / 10
    remission = row["tjc28"] <= 1 and row["sjc28"] <= 1 and row["crp_mg_l"] <= 10 and row["ptga_mm"] <= 20
    return (
        das_esr, _band(das_esr, (2.6, 3.2, 5.1), True),
        das_crp, _band(das_crp, (2.6, 3.2, 5.1), True),
        cdai, _band(cdai, (2.8, 10, 22), False),
        sdai, _band(sdai, (3.3, 11, 26), False),
        float(remission),
    )  # fmt: skip


def _best(fn: Callable[[], object], repeats: int) -> float:
    """Least wall seconds of ``repeats`` calls of ``fn``."""
    return _interleaved({"fn": fn}, time.perf_counter, repeats)["fn"]


def _interleaved(
    fns: dict[str, Callable[[], object]], clock: Callable[[], float], repeats: int = REPEATS
) -> dict[str, float]:
    """Least seconds of each function over ``repeats`` rounds, each round calling every
    function once in turn: a burst of load from the other workers on the machine then
    slows the floor as much as the engine, and the ratios stay fair."""
    best = dict.fromkeys(fns, math.inf)
    for _ in range(repeats):
        for name, fn in fns.items():
            started = clock()
            fn()
            best[name] = min(best[name], clock() - started)
    return best


_FIRST_CALL = """
import sys, time
sys.path.insert(0, {root!r})
started = time.perf_counter()
from benchmarks.bench_measures import synthetic_visits
from synovia.core.measures import compute_visits
compute_visits(synthetic_visits(1000))
print(time.perf_counter() - started)
"""


def first_call_seconds() -> float:
    """Seconds of import + first ``compute_visits`` call in a fresh process."""
    root = str(Path(__file__).resolve().parent.parent)
    done = subprocess.run(
        [sys.executable, "-c", _FIRST_CALL.format(root=root)], capture_output=True, text=True, check=True
    )
    return float(done.stdout.split()[-1])


def peak_bytes(visits: dict[str, np.ndarray]) -> tuple[int, int]:
    """Peak bytes allocated during one default call (``tracemalloc``), and its outputs' bytes."""
    tracemalloc.start()
    out = compute_visits(visits)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak, sum(a.nbytes for a in out.values())


def polars_scores(frame: pl.DataFrame) -> pl.DataFrame:
    """The four scores as Polars expressions, from the core's coefficients (a reference: no
    validation and no codes, so it does less than the engine)."""
    t, s = pl.col("tjc28").cast(pl.Float64), pl.col("sjc28").cast(pl.Float64)
    ptga_mm, ega, crp_mg_l = pl.col("ptga_mm"), pl.col("ega_cm"), pl.col("crp_mg_l")
    joints = das28.TJC28_WEIGHT * t.sqrt() + das28.SJC28_WEIGHT * s.sqrt()
    ptga = das28.PTGA_MM_WEIGHT * ptga_mm
    clinical = t + s + ptga_mm / units.MM_PER_CM + ega
    esr, crp = das28.ESR_FORM, das28.CRP_FORM
    return frame.select(
        (joints + esr.lab_weight * pl.col("esr_mm_h").log() + ptga + esr.constant).alias("das28_esr"),
        (joints + crp.lab_weight * (crp_mg_l + 1.0).log() + ptga + crp.constant).alias("das28_crp"),
        clinical.alias("cdai"),
        (clinical + crp_mg_l / units.MG_L_PER_MG_DL).alias("sdai"),
    )


def read_write(visits: dict[str, np.ndarray], kept: dict[str, np.ndarray], new: bool) -> None:
    """Read every input chunk once and write every output chunk once, no arithmetic, over
    2 threads in chunks of CHUNK rows; ``new``: into newly allocated outputs."""
    n = len(next(iter(visits.values())))
    outs = [np.empty(n, a.dtype) for a in kept.values()] if new else list(kept.values())

    def work(lo: int) -> None:
        for column in visits.values():
            column[lo : lo + CHUNK].min()
        for out in outs:
            out[lo : lo + CHUNK] = 0

    with ThreadPoolExecutor(2) as executor:
        list(executor.map(work, range(0, n, CHUNK)))


def measure(n: int, sample: int) -> dict[str, float]:
    """Seconds for the floor, the engine (best of REPEATS) and pandas (extrapolated to n)."""
    first = first_call_seconds()
    visits = synthetic_visits(n)
    load_before = os.getloadavg()[0]
    kept = compute_visits(visits)
    frame = pl.DataFrame(visits)
    timed = _interleaved(
        {
            "floor": lambda: [column.sum() for column in visits.values()],
            "engine": lambda: compute_visits(visits),
            "reused": lambda: compute_visits(visits, out=kept),
            "single": lambda: compute_visits(visits, workers=1),
            "rw_new": lambda: read_write(visits, kept, new=True),
            "rw_reused": lambda: read_write(visits, kept, new=False),
            "polars": lambda: polars_scores(frame),
        },
        time.perf_counter,
    )
    cpu = _interleaved(
        {
            "cpu_floor": lambda: [column.sum() for column in visits.values()],
            "cpu_out": lambda: compute_visits(visits, out=kept, workers=1),
        },
        time.process_time,
    )
    cpu_started = time.process_time()
    compute_visits(visits)
    engine_cpu = time.process_time() - cpu_started
    peak, outputs = peak_bytes(visits)
    rows = pd.DataFrame({k: v[:sample] for k, v in visits.items()})
    pandas_sample = _best(lambda: rows.apply(pandas_row, axis=1), 1)
    return timed | cpu | {
        "engine_cpu": engine_cpu, "pandas": pandas_sample * n / sample,
        "pandas_sample": pandas_sample, "first": first, "peak": peak, "outputs": outputs,
        "inputs": sum(v.nbytes for v in visits.values()), "load_before": load_before,
    }  # fmt: skip


def _row(name: str, timed: str, seconds: float, n: int, note: str) -> str:
    return f"| {name} | {timed} | {seconds:.4f} | {n / seconds:,.0f} | {note} |"


def _against(seconds: float, t: dict[str, float]) -> str:
    ratio = seconds / t["floor"]
    return f"{ratio:.1f}x floor (<= 4x: {'met' if ratio <= 4 else 'NOT met'})"


def report(n: int, sample: int, t: dict[str, float]) -> str:
    """The Markdown section: the after table, the before tables and the conditions."""
    speedup = t["pandas"] / t["engine"]
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    mb = 1 << 20
    lines = [
        "## Measures: batch engine (issue 9: NumPy, numba retired)",
        "",
        f"{n:,} SYNTHETIC visits; every visit gets DAS28-ESR, DAS28-CRP, CDAI, SDAI, their",
        "category codes and the 2022 Boolean remission code, with every input validated.",
        "",
        "| Implementation | Visits timed | Seconds for all visits | Visits/s | Against target |",
        "|---|---|---|---|---|",
        _row(f"NumPy engine (`compute_visits`, default call: new outputs, 2 threads, best of {REPEATS})",
             f"{n:,}", t["engine"], n,
             f"{_against(t['engine'], t)}; {speedup:,.0f}x pandas "
             f"(>= 1,000x: {'met' if speedup >= 1000 else 'NOT met'})"),
        _row("Same, output arrays passed back in (`out=`)", f"{n:,}", t["reused"], n,
             _against(t["reused"], t)),
        _row("Same, 1 thread (new outputs)", f"{n:,}", t["single"], n, _against(t["single"], t)),
        _row("Row-wise pandas (`DataFrame.apply(axis=1)`)",
             f"{sample:,}, extrapolated x{n / sample:g}", t["pandas"], n,
             f"engine {speedup:,.0f}x faster"),
        _row("Reference, no arithmetic: read each input chunk once, write each output chunk once "
             "(2 threads), new outputs", f"{n:,}", t["rw_new"], n, f"{t['rw_new'] / t['floor']:.1f}x floor"),
        _row("Same reference, outputs reused", f"{n:,}", t["rw_reused"], n,
             f"{t['rw_reused'] / t['floor']:.1f}x floor"),
        _row("Reference, Polars expressions of the four scores only (no validation, no codes; "
             "Polars' own threads)", f"{n:,}", t["polars"], n, f"{t['polars'] / t['floor']:.1f}x floor"),
        _row(f"NumPy read-once floor (one `sum` per input column, best of {REPEATS})", f"{n:,}",
             t["floor"], n, "1.0x"),
        "",
        f"No compile wait: import + first call in a fresh process {t['first']:.2f} s. Peak memory "
        f"of one default call (tracemalloc): {t['peak'] / mb:,.0f} MiB, of which "
        f"{t['outputs'] / mb:,.0f} MiB are the output columns (inputs: {t['inputs'] / mb:,.0f} "
        "MiB, not counted); the rest is the per-thread chunk buffers. No memory pool: new "
        "outputs are plain `numpy.empty` arrays.",
        "",
        f"CPU time, the figure least moved by the other workers on the machine: one call on 1 "
        f"thread with `out=` {t['cpu_out']:.3f} s (best of {REPEATS}), "
        f"{t['cpu_out'] / t['cpu_floor']:.1f}x the floor's {t['cpu_floor']:.4f} s; one default "
        f"call on 2 threads {t['engine_cpu']:.3f} s (both threads). pandas sample: "
        f"{t['pandas_sample']:.2f} s for {sample:,} rows. Load average at the start of the run: "
        f"{t['load_before']:.1f}; at the end: {load} on 2 cores (the machine is shared; wall "
        f"times vary with it; each figure is the best of {REPEATS} rounds in which the floor, the "
        "engine calls and the references run in turn, so a burst of load slows them alike).",
        "",
        BEFORE_NUMPY,
        BEFORE,
    ]  # fmt: skip
    return "\n".join(lines)


def run(quick: bool = False) -> str:
    """Measure and return the Markdown section (``quick``: 100,000 visits)."""
    n, sample = (QUICK_VISITS, QUICK_PANDAS_SAMPLE) if quick else (FULL_VISITS, PANDAS_SAMPLE)
    return report(n, sample, measure(n, sample))


if __name__ == "__main__":
    print(run(quick="--quick" in sys.argv))
