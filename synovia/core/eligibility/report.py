"""Parser coverage over the shipped catalog, as the Markdown table in docs/eligibility.md.

Run ``python -m synovia.core.eligibility.report`` to print the tables (``--write
docs/eligibility.md`` refreshes them in place); the test suite checks
that the table in the docs equals this output, so the published numbers are the code's.
Counted are the criteria split from the registry text (not the registry age/sex fields nor
the completeness note): *structured* have a rule with no review part, *partial* a rule with
a review part, *review* no rule.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from synovia.core.eligibility.facts import FACTS
from synovia.core.eligibility.parsing import ParsedCriterion, parse_catalog
from synovia.core.eligibility.rules import Review, has_review
from synovia.core.eligibility.studies import load_catalog

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
    review: int


def coverage(trial_id: str, complete: bool, criteria: Sequence[ParsedCriterion]) -> Coverage:
    """Counts for one trial's criteria taken from its text."""
    rules = [c.rule for c in criteria if c.source == "criteria"]
    review = sum(isinstance(r, Review) for r in rules)
    partial = sum(has_review(r) and not isinstance(r, Review) for r in rules)
    return Coverage(trial_id, complete, len(rules), len(rules) - review - partial, partial,
                    review)


def catalog_coverage() -> list[Coverage]:
    """Coverage of every shipped trial."""
    studies = load_catalog()
    parsed = dict(parse_catalog(studies))
    return [coverage(s.registry_id, s.criteria_complete, parsed[s.registry_id])
            for s in studies]


def coverage_table(rows: Sequence[Coverage]) -> str:
    """The Markdown table with a totals row."""
    lines = ["| Trial | Criteria seen whole | Criteria | Structured | Partial | Review |",
             "|---|---|---:|---:|---:|---:|"]
    for r in rows:
        lines.append(f"| {r.trial_id} | {'yes' if r.complete else 'no'} | {r.criteria} | "
                     f"{r.structured} | {r.partial} | {r.review} |")
    total = [sum(getattr(r, f) for r in rows) for f in ("criteria", "structured", "partial",
                                                        "review")]
    lines.append(f"| **Total** | | {total[0]} | {total[1]} | {total[2]} | {total[3]} |")
    return "\n".join(lines)


def facts_table() -> str:
    """The patient facts as a Markdown table (name, kind, unit, meaning)."""
    lines = ["| Fact | Kind | Unit | Meaning |", "|---|---|---|---|"]
    lines += [f"| `{f.name}` | {f.kind} | {f.unit or '-'} | {f.meaning} |"
              for f in FACTS.values()]
    return "\n".join(lines)


def refresh(doc: str) -> str:
    """``doc`` with both generated tables replaced by the code's current output."""
    for start, end, table in ((FACTS_START, FACTS_END, facts_table()),
                              (START, END, coverage_table(catalog_coverage()))):
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
