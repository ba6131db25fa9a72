"""Splitting criteria texts into single criteria, for each style met in real registrations."""

from __future__ import annotations

from synovia.core.eligibility.splitting import SplitCriterion, split_criteria
from synovia.core.eligibility.studies import load_catalog

CATALOG = {s.registry_id: s for s in load_catalog()}


def texts(kind: str, items: list[SplitCriterion]) -> list[str]:
    return [i.text for i in items if i.kind == kind]


def test_bulleted_real_text_splits_into_inclusion_and_exclusion() -> None:
    items = split_criteria(CATALOG["NCT01547091"].eligibility.criteria_text)
    assert len(texts("inclusion", items)) == 3
    assert texts("exclusion", items) == [
        "Any history of ongoing, significant or recurring infections.",
        "Any active inflammatory diseases other than RA.",
        "Significant cardiac or pulmonary disease.",
        "End-stage renal failure.",
        "Pregnant or nursing women may not participate due to the possibility of fetal harm "
        "or harm to nursing infants from this treatment regimen.",
    ]


def test_bullets_ending_in_semicolons_lose_only_the_semicolon() -> None:
    items = split_criteria(CATALOG["NCT02643823"].eligibility.criteria_text)
    assert texts("inclusion", items)[0] == "Aged 18-80 Rheumatoid Arthritis patient"
    assert texts("exclusion", items)[1] == "Pregnant women"


def test_item_text_is_kept_exactly_including_symbol_losses() -> None:
    items = split_criteria(CATALOG["NCT03186417"].eligibility.criteria_text)
    assert (
        "Recent onset rheumatoid arthritis and have known doctor diagnosis = 2 years and "
        "symptoms for = 2 years."
    ) in texts("inclusion", items)


def test_every_shipped_text_splits_into_nonempty_items() -> None:
    for study in CATALOG.values():
        for item in split_criteria(study.eligibility.criteria_text):
            assert item.text and item.kind in ("inclusion", "exclusion")
            assert not item.text.startswith(("*", "-"))


def test_null_text_gives_no_criteria() -> None:
    assert split_criteria(None) == []
    assert split_criteria("  \n") == []


def test_numbered_lines() -> None:
    text = "Inclusion Criteria:\n1. Age 18 to 65 years\n2) DAS28-ESR > 3.2\nExclusion Criteria:\n1. Pregnancy"
    assert split_criteria(text) == [
        SplitCriterion("inclusion", "Age 18 to 65 years"),
        SplitCriterion("inclusion", "DAS28-ESR > 3.2"),
        SplitCriterion("exclusion", "Pregnancy"),
    ]


def test_inline_numbered_paragraph() -> None:
    text = "Inclusion criteria:\n1) Age 18-65 years 2) Active RA 3) Signed informed consent"
    assert texts("inclusion", split_criteria(text)) == [
        "Age 18-65 years",
        "Active RA",
        "Signed informed consent",
    ]


def test_semicolon_paragraph() -> None:
    text = "Exclusion Criteria:\nPregnancy; active tuberculosis; HIV infection"
    assert texts("exclusion", split_criteria(text)) == ["Pregnancy", "active tuberculosis", "HIV infection"]


def test_unmarked_line_continues_the_item_above() -> None:
    text = "Inclusion Criteria:\n* Age 18 to 65\n  years at screening\n* DAS28 > 3.2"
    assert texts("inclusion", split_criteria(text)) == ["Age 18 to 65 years at screening", "DAS28 > 3.2"]


def test_run_on_item_stays_one_criterion() -> None:
    items = split_criteria(CATALOG["NCT04170426"].eligibility.criteria_text)
    assert texts("inclusion", items)[0].startswith("Must pass communicable disease screen")
    assert "Consistent with American Rheumatism" in texts("inclusion", items)[0]


def test_text_before_any_heading_is_unlabelled() -> None:
    items = split_criteria("Adults with RA\nExclusion Criteria:\n* Pregnancy")
    assert items[0] == SplitCriterion("unlabelled", "Adults with RA")
    assert items[1] == SplitCriterion("exclusion", "Pregnancy")
