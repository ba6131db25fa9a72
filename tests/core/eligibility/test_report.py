"""docs/eligibility.md publishes the parser's real coverage of the shipped catalog."""

from __future__ import annotations

from pathlib import Path

from synovia.core.eligibility.report import (
    END,
    FACTS_END,
    FACTS_START,
    START,
    catalog_coverage,
    coverage_table,
    facts_table,
)

DOC = Path(__file__).resolve().parents[3] / "docs" / "eligibility.md"


def test_doc_table_equals_the_code_output() -> None:
    text = DOC.read_text(encoding="utf-8")
    published = text.split(START, 1)[1].split(END, 1)[0].strip()
    assert published == coverage_table(catalog_coverage())


def test_every_shipped_trial_is_imported_split_and_parsed() -> None:
    rows = catalog_coverage()
    assert len(rows) == 16
    for row in rows:
        assert row.criteria == row.structured + row.partial + row.site + row.review
    assert sum(r.criteria for r in rows) > 100


def test_doc_facts_table_equals_the_schema() -> None:
    text = DOC.read_text(encoding="utf-8")
    published = text.split(FACTS_START, 1)[1].split(FACTS_END, 1)[0].strip()
    assert published == facts_table()
