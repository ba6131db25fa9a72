"""Eligibility parser coverage (issue 10): how many criteria are structured, not a timing.

The shipped catalog and ``../shared/data/trials-dev`` (all, its development part and its
held-out part, split by ``report.split_holdout``), with the hand-label agreement of
``tests/core/eligibility/labelled_dev.json``. Targets on trials-dev: >= 50 % fully
structured, >= 75 % fully or safely partly; the shipped catalog no worse than before.
``python benchmarks/bench_eligibility_coverage.py``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from synovia.core.eligibility.parsing import parse_criterion
from synovia.core.eligibility.report import Coverage, category, coverage_rows, split_holdout
from synovia.core.eligibility.rules import rule_from_dict
from synovia.core.eligibility.studies import load_catalog, load_studies

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "data" / "trials-dev"
LABELS = ROOT / "tests" / "core" / "eligibility" / "labelled_dev.json"
BEFORE = {  # recorded 2026-12-02 (branch elig), the figures this work started from
    "shipped catalog": (50.5, 56.8),
    "trials-dev, all": (36.3, 44.6),
    "trials-dev, development part": (40.8, 51.9),
    "trials-dev, held out": (31.0, 35.7),
}


def _row(label: str, trials: int, rows: list[Coverage]) -> str:
    n = sum(r.criteria for r in rows)
    full, part, site = (sum(getattr(r, f) for r in rows) for f in ("structured", "partial", "site"))

    def pct(k: int) -> str:
        return f"{100 * k / n:.1f} %" if n else "-"

    was_full, was_part = BEFORE.get(label, (None, None))
    before = f"{was_full:.1f} % / {was_part:.1f} %" if was_full is not None else "-"
    return (
        f"| {label} | {trials} | {n} | {before} | {pct(full)} | {pct(full + part)} | "
        f"{pct(full + part + site)} |"
    )


def agreement() -> str:
    """Hand labels: same category, and same rule (or the same open category)."""
    items = json.loads(LABELS.read_text(encoding="utf-8"))["items"]
    same_category = same = 0
    for item in items:
        rule = parse_criterion(item["kind"], item["text"])
        same_category += category(rule) == item["label"]
        if item["rule"] is not None:
            same += rule == rule_from_dict(item["rule"])
        else:
            same += item["label"] in ("review", "site") and category(rule) == item["label"]
    n = len(items)
    return (
        f"Hand labels ({n} criteria drawn at random from trials-dev): same category "
        f"{same_category} ({100 * same_category / n:.1f} %), same rule {same} ({100 * same / n:.1f} %)."
    )


def run(quick: bool = False) -> str:
    """A Markdown section: coverage of the shipped catalog and of trials-dev."""
    lines = [
        "## Eligibility parser coverage",
        "",
        "Share of text criteria fully structured, fully or safely partly structured (a safe rule "
        "with a review part), and with site-assessed ones too (site-assessed is not counted toward "
        "the targets). Before: the figures recorded on 2026-12-02 (fully / fully or partly). "
        "Targets on trials-dev: >= 50 % fully, >= 75 % fully or partly; shipped no worse.",
        "",
        "| Corpus | Trials | Criteria | Before | Fully | Fully or partly | With site-assessed |",
        "|---|---:|---:|---|---:|---:|---:|",
    ]
    shipped = load_catalog()
    lines.append(_row("shipped catalog", len(shipped), coverage_rows(shipped)))
    if DEV.is_dir():
        studies = load_studies(DEV)
        dev, held = split_holdout(studies)
        for label, part in (
            ("trials-dev, all", studies),
            ("trials-dev, development part", dev),
            ("trials-dev, held out", held),
        ):
            lines.append(_row(label, len(part), coverage_rows(part)))
    else:
        lines.append(f"| trials-dev | - | - | - | not found at {DEV} | | |")
    lines += ["", agreement(), ""]
    return "\n".join(lines)


if __name__ == "__main__":
    print(run(quick="--quick" in sys.argv))
