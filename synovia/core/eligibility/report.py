"""Parser coverage over the shipped catalog, as the Markdown table in docs/eligibility.md.

Run ``python -m synovia.core.eligibility.report`` to print the tables (``--write
docs/eligibility.md`` refreshes them in place); the test suite checks
that the table in the docs equals this output, so the published numbers are the code's.
Counted are the criteria split from the registry text (not the registry age/sex fields nor
the completeness note): *fully* structured have a rule with no review part, *partly* a
rule that decides in the safe direction with a review or site part, *site* only the study
site can judge them, *review* no rule.

``synovia trials coverage [PATH]`` prints the same table for any studies
(:func:`coverage_rows`), and :func:`split_holdout` divides a corpus into a development and a
held-out part by a hash of the trial id.
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from synovia.core.eligibility.facts import FACTS
from synovia.core.eligibility.parsing import ParsedCriterion, parse_catalog
from synovia.core.eligibility.rules import Review, Rule, Site, has_review
from synovia.core.eligibility.studies import Study, load_catalog

START = "<!-- coverage:start -->"
END = "<!-- coverage:end -->"
FACTS_START = "<!-- facts:start -->"
FACTS_END = "<!-- facts:end -->"


@dataclass(frozen=True)
class Coverage:
    """Counts of one trial's text criteria."""

    trial_id: str
    complete: bool
    criteria: int
    structured: int
    partial: int
    site: int
    review: int


def category(rule: Rule) -> str:
    """``fully``, ``partly``, ``site`` or ``review`` for one criterion's rule."""
    if isinstance(rule, Review):
        return "review"
    if isinstance(rule, Site):
        return "site"
    return "partly" if has_review(rule) else "fully"


def coverage(trial_id: str, complete: bool, criteria: Sequence[ParsedCriterion]) -> Coverage:
    """Counts for one trial's criteria taken from its text."""
    kinds = [category(c.rule) for c in criteria if c.source == "criteria"]
    return Coverage(
        trial_id,
        complete,
        len(kinds),
        kinds.count("fully"),
        kinds.count("partly"),
        kinds.count("site"),
        kinds.count("review"),
    )


def coverage_rows(studies: Sequence[Study]) -> list[Coverage]:
    """Coverage of each study, in the given order."""
    parsed = dict(parse_catalog(studies))
    return [coverage(s.registry_id, s.criteria_complete, parsed[s.registry_id]) for s in studies]


def catalog_coverage() -> list[Coverage]:
    """Coverage of every shipped trial."""
    return coverage_rows(load_catalog())


def split_holdout(studies: Sequence[Study]) -> tuple[list[Study], list[Study]]:
    """(development, held out): a study is held out when the SHA-256 of its registry id,
    read as a number from its first 8 hex digits, is divisible by 3 (about a third)."""
    held = [s for s in studies if int(hashlib.sha256(s.registry_id.encode()).hexdigest()[:8], 16) % 3 == 0]
    return [s for s in studies if s not in held], held


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f} %" if whole else "-"


def coverage_table(rows: Sequence[Coverage]) -> str:
    """The Markdown table with a totals row and a row of shares."""
    lines = [
        "| Trial | Criteria seen whole | Criteria | Fully | Partly | Site assesses | Review |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r.trial_id} | {'yes' if r.complete else 'no'} | {r.criteria} | "
            f"{r.structured} | {r.partial} | {r.site} | {r.review} |"
        )
    n, full, part, site, review = (
        sum(getattr(r, f) for r in rows) for f in ("criteria", "structured", "partial", "site", "review")
    )
    lines.append(f"| **Total** | | {n} | {full} | {part} | {site} | {review} |")
    lines.append(
        f"| **Share** | | | {_pct(full, n)} | {_pct(part, n)} | {_pct(site, n)} | {_pct(review, n)} |"
    )
    return "\n".join(lines)


def summary(rows: Sequence[Coverage]) -> str:
    """One line: fully, fully or partly, and with site-assessed criteria, as shares."""
    n, full, part, site = (
        sum(getattr(r, f) for r in rows) for f in ("criteria", "structured", "partial", "site")
    )
    return (
        f"{n} criteria: fully structured {_pct(full, n)}; fully or safely partly "
        f"{_pct(full + part, n)}; with site-assessed {_pct(full + part + site, n)}"
    )


def facts_table() -> str:
    """The patient facts as a Markdown table (name, kind, unit, meaning)."""
    lines = ["| Fact | Kind | Unit | Meaning |", "|---|---|---|---|"]
    lines += [f"| `{f.name}` | {f.kind} | {f.unit or '-'} | {f.meaning} |" for f in FACTS.values()]
    return "\n".join(lines)


def refresh(doc: str) -> str:
    """``doc`` with both generated tables replaced by the code's current output."""
    for start, end, table in (
        (FACTS_START, FACTS_END, facts_table()),
        (START, END, coverage_table(catalog_coverage())),
    ):
        head, rest = doc.split(start, 1)
        doc = f"{head}{start}\n{table}\n{end}{rest.split(end, 1)[1]}"
    return doc


def main(argv: Sequence[str] | None = None) -> None:
    """Print both tables, or with ``--write PATH`` refresh them in that Markdown file."""
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) == 2 and args[0] == "--write":
        path = Path(args[1])
        path.write_text(refresh(path.read_text(encoding="utf-8")), encoding="utf-8")
        return
    print("\n".join((FACTS_START, facts_table(), FACTS_END)))
    print("\n".join((START, coverage_table(catalog_coverage()), END)))


if __name__ == "__main__":
    main()
