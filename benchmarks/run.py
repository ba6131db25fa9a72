"""Run every ``benchmarks/bench_*.py`` and write ``benchmarks/RESULTS.md``.

Each benchmark module defines ``run(quick: bool = False) -> str`` returning a Markdown
section. ``python benchmarks/run.py [--quick] [--only NAME]``; the results file records the
machine and the date so figures can be compared honestly.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import os
import platform
import re
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def machine_line() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f", {kb / 1024 / 1024:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return (
        f"{cpu}, {os.cpu_count()} cores{mem}; {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}"
    )


def load(path: Path):
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[path.stem] = module
    spec.loader.exec_module(module)
    return module


def _sections(text: str) -> dict[str, str]:
    """The sections of an existing results file, by benchmark name."""
    found = {}
    for match in re.finditer(r"<!-- (bench_\w+) -->\n(.*?)<!-- /\1 -->", text, re.S):
        found[match.group(1)] = match.group(2)
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small sizes, for a smoke run")
    parser.add_argument("--only", help="run only bench_<NAME>.py")
    parser.add_argument("--out", default=str(HERE / "RESULTS.md"))
    args = parser.parse_args()
    sys.path.insert(0, str(HERE.parent))
    paths = sorted(HERE.glob("bench_*.py"))
    if args.only:
        paths = [p for p in paths if p.stem == f"bench_{args.only}"]
    out = Path(args.out)
    kept = _sections(out.read_text(encoding="utf-8")) if out.exists() else {}
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    mode = "quick (small sizes, not the targets)" if args.quick else "full size"
    for path in paths:
        started = time.perf_counter()
        print(f"== {path.name}", flush=True)
        section = load(path).run(quick=args.quick)
        print(section, flush=True)
        took = time.perf_counter() - started
        kept[path.stem] = (
            section.rstrip() + f"\n\n_Measured {now} on {machine_line()}; {mode}; wall time {took:.1f} s._\n"
        )
    header = (
        "# Benchmark results\n\n"
        "Each section below was written by `make bench` (or `python benchmarks/run.py --only NAME`)\n"
        "and ends with the date, the machine and the mode it was measured in.\n"
    )
    body = "\n".join(f"<!-- {name} -->\n{text}<!-- /{name} -->\n" for name, text in sorted(kept.items()))
    out.write_text(header + "\n" + body, encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
