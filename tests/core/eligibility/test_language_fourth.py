"""Graded disease classes as the site's, and new measured facts (fourth pass of issue 10).

Checked on language, not on registered sentences: paraphrase grids (five or more wordings
per frame give the same rule), metamorphic relations (clause order, comparator wording,
unit spelling, an unrelated subordinate clause with a number) and hypothesis properties (a
graded class never excludes anyone; it clears only a patient with no diagnosis at all).
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from synovia.core.eligibility.evaluate import evaluate_criterion
from synovia.core.eligibility.facts import PatientFacts
from synovia.core.eligibility.parsing import ParsedCriterion, parse_criterion
from synovia.core.eligibility.report import category
from synovia.core.eligibility.rules import AllOf, AnyOf, Compare, Flag, InList, Not, Review, Rule, Site


def exclusion(text: str) -> Rule:
    return parse_criterion("exclusion", text)


def status(kind: str, text: str, patient: dict[str, Any]) -> str:
    rule = parse_criterion(kind, text)  # type: ignore[arg-type]
    crit = ParsedCriterion(kind, text, rule)  # type: ignore[arg-type]
    return evaluate_criterion(crit, PatientFacts.from_dict(patient)).status


def decides_against(kind: str, text: str, patient: dict[str, Any]) -> bool:
    rule = parse_criterion(kind, text)  # type: ignore[arg-type]
    crit = ParsedCriterion(kind, text, rule)  # type: ignore[arg-type]
    return evaluate_criterion(crit, PatientFacts.from_dict(patient)).decides_against


def gate(rule: Rule) -> Rule:
    """The gate of a graded rule ``all_of(gate, site)``."""
    assert isinstance(rule, AllOf) and len(rule.rules) == 2 and isinstance(rule.rules[1], Site), rule
    return rule.rules[0]


# --- Graded disease classes -----------------------------------------------------------------

GRADES = [
    "Clinically significant",
    "Uncontrolled",
    "Severe",
    "Serious",
    "Poorly controlled",
    "Unstable",
    "Clinically relevant",
    "Significant",
]
CLASSES = [
    ("cardiac disease", InList("conditions", ())),
    ("cardiovascular disorder", InList("conditions", ())),
    ("neurological disease", InList("conditions", ())),
    ("diabetes mellitus", InList("conditions", ())),
    ("hypertension", InList("conditions", ())),
    ("diabetes or hypertension", InList("conditions", ())),
    ("renal disease", AnyOf((InList("conditions", ()), Compare("egfr_ml_min", "<", 60.0)))),
    ("kidney disease", AnyOf((InList("conditions", ()), Compare("egfr_ml_min", "<", 60.0)))),
    (
        "hepatic disease",
        AnyOf(
            (
                InList("conditions", ()),
                Flag("hbv"),
                Flag("hcv"),
                Compare("alt_x_uln", ">", 1.0),
                Compare("ast_x_uln", ">", 1.0),
            )
        ),
    ),
    ("pulmonary disease", AnyOf((InList("conditions", ()), Flag("tb_active"), Flag("tb_latent")))),
]


@pytest.mark.parametrize("grade", GRADES)
@pytest.mark.parametrize(("noun", "expected_gate"), CLASSES)
def test_a_graded_class_is_the_sites_behind_its_gate(grade: str, noun: str, expected_gate: Rule) -> None:
    rule = exclusion(f"{grade} {noun}")
    assert category(rule) == "partly"
    assert gate(rule) == expected_gate


@pytest.mark.parametrize(
    "wording",
    [
        "Clinically significant cardiac disease",
        "History of clinically significant cardiac disease",
        "Any clinically significant cardiac disease.",
        "Evidence of clinically significant cardiac disease (e.g. unstable angina)",
        "Clinically significant cardiac disease in the opinion of the investigator",
        "Clinically significant cardiac disease that would interfere with the study",
        "Clinically significant cardiac disease within 6 months prior to screening",
        "Patients with clinically significant heart disease",
        "Clinically significant disease of the heart",
    ],
)
def test_paraphrases_of_a_graded_class_give_the_same_gate(wording: str) -> None:
    assert gate(exclusion(wording)) == InList("conditions", ())


def test_the_order_of_the_classes_does_not_change_the_gate() -> None:
    one = exclusion("Severe renal, hepatic or pulmonary disease")
    other = exclusion("Severe pulmonary, renal or hepatic disease")
    assert set(gate(one).rules) == set(gate(other).rules)  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "text",
    [
        "Clinically significant disease",  # no class: nothing gates it
        "Significant changes in health status",
        "Family history of severe heart disease",  # a relative's disease
        "Significant cardiac disease or pregnancy",  # another concept beside the class
        "Clinically significant cardiac disease not controlled by 2 drugs",  # a number outside a tail
        "Severe anaemia",  # a lab-defined grade, not a diagnosis class
        "Cardiac disease",  # ungraded: its members decide (not this mechanism)
    ],
)
def test_what_the_gate_cannot_cover_is_not_graded(text: str) -> None:
    rule = exclusion(text)
    assert not (isinstance(rule, AllOf) and len(rule.rules) == 2 and isinstance(rule.rules[1], Site))


def test_an_unrelated_subordinate_clause_with_a_number_adds_no_rule() -> None:
    base = "Clinically significant cardiac disease."
    extra = " Consent of a legal representative is required for patients aged < 20 in country X."
    rule = exclusion(base + extra)
    assert "age_years" not in repr(rule)
    patient = {"conditions": ["hypothyroidism"], "age_years": 19.0}
    assert status("exclusion", base + extra, patient) in ("review", "site")


def test_a_negated_inclusion_is_the_negation_of_the_graded_exclusion() -> None:
    rule = parse_criterion("inclusion", "No clinically significant cardiac disease")
    assert isinstance(rule, Not) and gate(rule.rule) == InList("conditions", ())
    assert status("inclusion", "No clinically significant cardiac disease", {"conditions": []}) == "met"


GRADED_TEXTS = st.builds(
    lambda g, c, tail: f"{g} {c[0]}{tail}",
    st.sampled_from(GRADES),
    st.sampled_from(CLASSES),
    st.sampled_from(
        ["", " that may interfere with the study", " within 12 months", " (as judged by the investigator)"]
    ),
)
PATIENTS = st.fixed_dictionaries(
    {},
    optional={
        "conditions": st.lists(
            st.sampled_from(["diabetes", "heart failure", "asthma", "hypertension", "cirrhosis", "gout"]),
            max_size=3,
        ),
        "egfr_ml_min": st.floats(5, 150),
        "hbv": st.booleans(),
        "hcv": st.booleans(),
        "alt_x_uln": st.floats(0.1, 5),
        "ast_x_uln": st.floats(0.1, 5),
        "tb_active": st.booleans(),
        "tb_latent": st.booleans(),
    },
)


@settings(max_examples=200, deadline=None)
@given(GRADED_TEXTS, PATIENTS)
def test_a_graded_class_never_excludes_and_clears_only_without_any_diagnosis(
    text: str, patient: dict[str, Any]
) -> None:
    assert not decides_against("exclusion", text, patient)
    if patient.get("conditions"):
        assert status("exclusion", text, patient) in ("review", "site")


@settings(max_examples=120, deadline=None)
@given(GRADED_TEXTS, PATIENTS)
def test_a_negated_graded_inclusion_never_fails(text: str, patient: dict[str, Any]) -> None:
    assert not decides_against("inclusion", f"No {text[0].lower()}{text[1:]}", patient)


def test_a_graded_rule_keeps_review_above_unknown() -> None:
    # nothing known: the site is asked (not "unknown", not "not met")
    assert status("exclusion", "Uncontrolled diabetes", {}) in ("review", "site")
    assert status("exclusion", "Uncontrolled diabetes", {"conditions": []}) == "not_met"


def test_review_still_ranks_for_a_graded_list_beside_other_items() -> None:
    rule = exclusion("Uncontrolled diabetes; pregnancy")
    assert isinstance(rule, AnyOf) and Flag("pregnant") in rule.rules
    assert any(isinstance(r, Review | AllOf) for r in rule.rules)
