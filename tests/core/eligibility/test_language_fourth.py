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
from synovia.core.eligibility.facts import FACTS, PatientFacts
from synovia.core.eligibility.lexicon import MEMBER_CONDITIONS
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


# --- New measured facts ---------------------------------------------------------------------

COMPARATORS = [  # (surface before the number, op) in every spelling the registries use
    (">", ">"),
    ("\\>", ">"),
    ("greater than", ">"),
    ("more than", ">"),
    ("above", ">"),
    (">=", ">="),
    ("≥", ">="),
    ("\\>/=", ">="),
    ("at least", ">="),
    ("greater than or equal to", ">="),
    ("<", "<"),
    ("\\<", "<"),
    ("less than", "<"),
    ("below", "<"),
    ("<=", "<="),
    ("≤", "<="),
    ("no more than", "<="),
]
MEASURE_GRID = [  # (concept wordings, number and unit, fact, value in the fact's unit)
    (
        ["Total bilirubin", "Serum bilirubin", "Bilirubin", "Total serum bilirubin", "Serum total bilirubin"],
        "1.5 x ULN",
        "bilirubin_x_uln",
        1.5,
    ),
    (["Total bilirubin", "Serum bilirubin", "Bilirubin"], "2 mg/dL", "bilirubin_umol_l", 34.2),
    (["Total bilirubin", "Serum bilirubin", "Bilirubin"], "34.2 µmol/L", "bilirubin_umol_l", 34.2),
    (
        ["Serum creatinine", "Creatinine", "Serum creatine"],
        "1.5 times the upper limit of normal",
        "creatinine_x_uln",
        1.5,
    ),
    (
        [
            "Creatinine clearance",
            "Calculated creatinine clearance",
            "CrCl",
            "Estimated creatinine clearance (CrCl)",
        ],
        "60 mL/min",
        "creatinine_clearance_ml_min",
        60.0,
    ),
    (
        ["Creatinine clearance (Cockcroft-Gault)", "Creatinine clearance"],
        "60 ml/minute",
        "creatinine_clearance_ml_min",
        60.0,
    ),
    (
        [
            "HAQ-DI",
            "HAQ-DI score",
            "Health Assessment Questionnaire Disability Index (HAQ-DI)",
            "HAQ",
            "HAQ DI",
        ],
        "1.0",
        "haq_di",
        1.0,
    ),
    (
        [
            "Patient's global assessment of disease activity",
            "Patient global assessment",
            "Patient's Global Assessment of Disease Activity (PtGA)",
            "Subject's global assessment of disease activity",
            "PtGA",
        ],
        "40 mm",
        "patient_global_mm",
        40.0,
    ),
    (["Patient global assessment", "PtGA"], "4 cm", "patient_global_mm", 40.0),
    (["Patient global assessment"], "40/100 mm", "patient_global_mm", 40.0),
    (
        ["Physician's global assessment of disease activity", "Evaluator's global assessment", "PhGA"],
        "40 millimeters",
        "physician_global_mm",
        40.0,
    ),
    (
        ["Pain VAS", "Patient's assessment of pain", "Patient's assessment of arthritis pain", "VAS pain"],
        "40 mm",
        "pain_vas_mm",
        40.0,
    ),
]
MEASURE_CASES = [
    (concept, amount, fact, value, surface, op)
    for concepts, amount, fact, value in MEASURE_GRID
    for concept in concepts
    for surface, op in COMPARATORS[::3]
]


@pytest.mark.parametrize(("concept", "amount", "fact", "value", "surface", "op"), MEASURE_CASES)
def test_a_new_measure_is_its_fact_in_every_wording(
    concept: str, amount: str, fact: str, value: float, surface: str, op: str
) -> None:
    expected = Compare(fact, op, value)  # type: ignore[arg-type]
    assert exclusion(f"{concept} {surface} {amount}") == expected
    assert exclusion(f"{concept} {surface} {amount} at screening") == expected


@pytest.mark.parametrize(("surface", "op"), COMPARATORS)
def test_every_comparator_wording_reads_the_same_for_a_new_measure(surface: str, op: str) -> None:
    assert exclusion(f"Total bilirubin {surface} 1.5 x ULN") == Compare("bilirubin_x_uln", op, 1.5)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "text",
    [
        "Patient's global assessment of disease activity >= 40 mm on a 100 mm VAS",
        "Patient's global assessment of disease activity >= 40 mm on a 0-100 mm visual analogue scale",
        "Patient's global assessment of disease activity (VAS) >= 40 mm",
        "Patient's global assessment of disease activity >= 4 cm on a 10 cm VAS",
        "Patient's global assessment of disease activity of at least 40/100 mm",
    ],
)
def test_the_scale_of_a_vas_is_explained_not_a_number(text: str) -> None:
    assert parse_criterion("inclusion", text) == Compare("patient_global_mm", ">=", 40.0)


@pytest.mark.parametrize(
    "text",
    [
        "Global assessment of disease activity VAS >= 20 mm",  # whose: not said
        "Direct bilirubin > 1.5 x ULN",  # another test
        "MHAQ >= 1.0",  # another scale
        "Pain in at least 3 joints",  # a joint count, not a pain score
        "Pain >= 4 on a 0-10 numeric rating scale",  # a scale without a unit
        "Patient global assessment >= 40",  # no unit: mm or cm not said
    ],
)
def test_what_the_new_measures_do_not_cover_stays_review(text: str) -> None:
    assert category(parse_criterion("inclusion", text)) == "review"


def test_elevated_is_above_the_labs_upper_limit() -> None:
    for text in ("Elevated serum creatinine", "Serum creatinine above the ULN", "Creatinine > ULN"):
        assert exclusion(text) == Compare("creatinine_x_uln", ">", 1.0)
    assert exclusion("Elevated total bilirubin") == Compare("bilirubin_x_uln", ">", 1.0)


def test_an_egfr_or_creatinine_clearance_threshold_is_either() -> None:
    rule = exclusion("eGFR or creatinine clearance < 60 mL/min")
    assert rule == AnyOf(
        (Compare("egfr_ml_min", "<", 60.0), Compare("creatinine_clearance_ml_min", "<", 60.0))
    )
    swapped = exclusion("Creatinine clearance or eGFR < 60 mL/min")
    assert isinstance(swapped, AnyOf) and set(swapped.rules) == set(rule.rules)  # type: ignore[attr-defined]


def test_an_unrelated_subordinate_clause_with_a_number_leaves_the_measure() -> None:
    text = "HAQ-DI >= 1.0. Consent of a legal representative is required for patients aged < 20 in country X."
    rule = parse_criterion("inclusion", text)
    assert Compare("haq_di", ">=", 1.0) in rule.rules  # type: ignore[attr-defined]
    assert "age_years" not in repr(rule)


@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from(MEASURE_GRID),
    st.floats(0, 300, allow_nan=False),
)
def test_inclusion_at_least_and_exclusion_below_decide_the_same_patients(
    grid: tuple[list[str], str, str, float], observed: float
) -> None:
    concepts, amount, fact, _value = grid
    spec = FACTS[fact]
    observed = min(max(observed, spec.low), spec.high)
    patient = {fact: observed}
    included = status("inclusion", f"{concepts[0]} >= {amount}", patient)
    excluded = status("exclusion", f"{concepts[0]} < {amount}", patient)
    assert (included == "met") == (excluded == "not_met")
    assert (included == "not_met") == (excluded == "met")


# --- Tuberculosis tests ---------------------------------------------------------------------

IGRA = [
    "QuantiFERON-TB Gold",
    "QuantiFERON",
    "QuantiFERON-TB Gold Plus",
    "interferon-gamma release assay (IGRA)",
    "IGRA",
    "T-SPOT.TB",
    "T-SPOT",
]
TST = [
    "tuberculin skin test",
    "PPD",
    "PPD skin test",
    "Mantoux test",
    "purified protein derivative (PPD)",
    "tuberculin skin test (TST)",
]
POSITIVE = [
    "Positive {t}",
    "Positive {t} test",
    "A positive {t} result at screening",
    "Positive {t} during screening",
    "Known positive {t}",
]


@pytest.mark.parametrize("wording", POSITIVE)
@pytest.mark.parametrize(
    ("test", "fact"), [(t, "igra_positive") for t in IGRA] + [(t, "tst_positive") for t in TST]
)
def test_a_positive_tb_test_is_its_own_fact(wording: str, test: str, fact: str) -> None:
    assert exclusion(wording.format(t=test)) == Flag(fact)


@pytest.mark.parametrize("joiner", [" or ", " and/or ", "/", " or a "])
def test_either_named_test_excludes_in_either_order(joiner: str) -> None:
    one = exclusion(f"Positive QuantiFERON{joiner}PPD test")
    other = exclusion(f"Positive PPD{joiner}QuantiFERON test")
    assert one == other == AnyOf((Flag("igra_positive"), Flag("tst_positive")))


@pytest.mark.parametrize(
    "text",
    [
        "Negative QuantiFERON test",
        "Negative QuantiFERON-TB Gold result at screening",
        "Must have a negative IGRA",
        "Negative interferon-gamma release assay",
    ],
)
def test_a_negative_test_inclusion_is_the_negation(text: str) -> None:
    assert parse_criterion("inclusion", text) == Not(Flag("igra_positive"))


@pytest.mark.parametrize(
    "text",
    [
        "Positive tuberculin skin test (PPD >= 5 mm)",  # the trial's own cut-off
        "Indeterminate QuantiFERON result",
        "Positive QuantiFERON test unless treated for latent TB",  # a permission
        "Positive PPD and chest X-ray",  # another concept
        "Positive QuantiFERON test in patients from Japan",  # a scope
    ],
)
def test_a_tb_test_with_a_cutoff_a_scope_or_a_permission_is_no_flag(text: str) -> None:
    rule = exclusion(text)
    assert rule not in (Flag("igra_positive"), Flag("tst_positive"))
    assert category(rule) != "fully" or "igra_positive" not in repr(rule)


@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from([w.format(t=t) for w in POSITIVE for t in IGRA + TST]),
    st.fixed_dictionaries({}, optional={"igra_positive": st.just(False), "tst_positive": st.just(False)}),
)
def test_a_tb_test_never_excludes_a_patient_whose_tests_were_negative(
    text: str, patient: dict[str, Any]
) -> None:
    assert not decides_against("exclusion", text, patient)


# --- Smoking --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Current smoker",
        "Current smokers",
        "Smoking",
        "Smokers",
        "Currently smoking",
        "Patients who are current smokers",
        "Active smoking",
    ],
)
def test_smoking_now_is_the_current_smoker_fact(text: str) -> None:
    assert exclusion(text) == Flag("current_smoker")


@pytest.mark.parametrize(
    "text", ["History of smoking", "Former or current smokers", "Tobacco use", "Current or former smoker"]
)
def test_past_smoking_needs_more_than_smoking_now(text: str) -> None:
    rule = exclusion(text)
    assert isinstance(rule, AnyOf) and Flag("current_smoker") in rule.rules and category(rule) == "partly"


@pytest.mark.parametrize(
    "text", ["Non-smoker", "Non-smokers", "Must be a non-smoker", "Non smoking", "Does not smoke"]
)
def test_a_non_smoker_inclusion_is_the_negation(text: str) -> None:
    assert parse_criterion("inclusion", text) == Not(Flag("current_smoker"))


@pytest.mark.parametrize(
    "text",
    [
        "Heavy smoker",
        "Smokers of more than 10 cigarettes per day",
        "Smoking within 6 months",
        "Smoked > 10 pack-years",
    ],
)
def test_an_amount_or_a_window_of_smoking_stays_review(text: str) -> None:
    assert "current_smoker" not in repr(exclusion(text))


# --- Disease activity categories ------------------------------------------------------------

ACTIVITY = [  # (wording of the category, index wording, expected rule)
    ("High disease activity", "DAS28-CRP", Compare("das28_crp", ">", 5.1)),
    ("High disease activity", "DAS28-ESR", Compare("das28_esr", ">", 5.1)),
    ("Moderate to high disease activity", "DAS28-ESR", Compare("das28_esr", ">", 3.2)),
    ("Moderate or high disease activity", "DAS28-CRP", Compare("das28_crp", ">", 3.2)),
    ("Moderately to severely active RA", "the CDAI", Compare("cdai", ">", 10.0)),
    ("At least moderate disease activity", "SDAI", Compare("sdai", ">", 11.0)),
    ("Moderate disease activity", "SDAI", AllOf((Compare("sdai", ">", 11.0), Compare("sdai", "<=", 26.0)))),
    ("Remission", "CDAI", Compare("cdai", "<=", 2.8)),
    ("Low disease activity or remission", "CDAI", Compare("cdai", "<=", 10.0)),
    (
        "High disease activity",
        "DAS28",
        AnyOf((Compare("das28_esr", ">", 5.1), Compare("das28_crp", ">", 5.1))),
    ),
]
ACTIVITY_FORMS = [
    "{c} by {i}",
    "{c} according to {i}",
    "{c} as defined by {i}",
    "{c} assessed by {i}",
    "{c} ({i})",
    "{c} based on {i} at screening",
]


@pytest.mark.parametrize("form", ACTIVITY_FORMS)
@pytest.mark.parametrize(("words", "index", "expected"), ACTIVITY)
def test_a_disease_activity_category_is_its_index_range(
    form: str, words: str, index: str, expected: Rule
) -> None:
    assert parse_criterion("inclusion", form.format(c=words, i=index)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Low disease activity by DAS28",  # with or without remission: not said
        "Have moderately to severely active RA",  # no index
        "High disease activity by DAS28-CRP in Japan",  # a scope
        "High disease activity by DAS28-CRP if on methotrexate",  # a condition
        "Low or high disease activity by CDAI",  # a gap
    ],
)
def test_a_category_without_its_index_or_with_a_gap_is_not_a_range(text: str) -> None:
    assert category(parse_criterion("inclusion", text)) != "fully"


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(ACTIVITY), st.sampled_from(ACTIVITY_FORMS), st.floats(0, 9.9, allow_nan=False))
def test_a_category_never_fails_a_patient_inside_its_published_range(
    case: tuple[str, str, Rule], form: str, value: float
) -> None:
    words, index, expected = case
    text = form.format(c=words, i=index)
    for fact in ("das28_esr", "das28_crp", "cdai", "sdai"):
        patient = {fact: value}
        rule = parse_criterion("inclusion", text)
        crit = ParsedCriterion("inclusion", text, rule)
        reference = ParsedCriterion("inclusion", text, expected)
        got = evaluate_criterion(crit, PatientFacts.from_dict(patient)).status
        assert got == evaluate_criterion(reference, PatientFacts.from_dict(patient)).status


# --- Windows and durations of drug use ------------------------------------------------------

LEF = "leflunomide"


@pytest.mark.parametrize(
    "text",
    [
        "Current or recent (within 3 months) use of leflunomide",
        "Recent (within 3 months) use of leflunomide",
        "Current or recent use of leflunomide within 3 months",
        "Use of leflunomide within 3 months",
        "Treatment with leflunomide within the last 3 months",
        "Recent or current (within the past 3 months) treatment with leflunomide",
    ],
)
def test_a_recent_use_with_its_window_is_a_use_within_the_window(text: str) -> None:
    rule = exclusion(text)
    assert getattr(rule, "usage", None) == "within" and LEF in rule.names  # type: ignore[attr-defined]
    assert round(rule.within_weeks, 1) == 13.0  # type: ignore[attr-defined]


def test_recent_without_a_window_stays_open() -> None:
    assert category(exclusion("Recent use of leflunomide")) == "review"
    assert category(exclusion("Current or recent use of leflunomide")) == "partly"


@pytest.mark.parametrize(
    "text",
    [
        "Have received at least 3 months of methotrexate",
        "Received methotrexate for at least 3 months",
        "Prior methotrexate for >= 3 months",
        "At least 3 months of prior methotrexate",
        "A minimum of 3 months of previous methotrexate",
    ],
)
def test_a_duration_of_use_is_the_minimum_weeks_in_either_order(text: str) -> None:
    rule = parse_criterion("inclusion", text)
    assert getattr(rule, "min_weeks", None) is not None and round(rule.min_weeks, 1) == 13.0  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "text",
    [
        "Diagnosis of RA with at least 6 months of symptoms",
        "Diagnosed with RA, symptom onset at least 6 months ago",
        "RA diagnosis and symptoms for >= 6 months",
    ],
)
def test_a_number_beside_both_clocks_is_not_read_as_the_diagnosis(text: str) -> None:
    # a patient diagnosed 2 months ago with a year of symptoms must not be failed by it
    patient = {"diagnosis_months": 2.0, "disease_duration_months": 12.0}
    assert not decides_against("inclusion", text, patient)


# --- Counts of drugs with an upper bound ----------------------------------------------------


def _failed(names: list[str], n: int) -> dict[str, Any]:
    return {
        "drug_history": [
            {"name": name, "stopped_weeks_ago": 10.0, "stop_reason": "inadequate_response"}
            for name in names[:n]
        ]
    }


BDMARDS = ["adalimumab", "etanercept", "abatacept", "tocilizumab"]
CSDMARDS = ["methotrexate", "sulfasalazine", "leflunomide", "hydroxychloroquine"]


@pytest.mark.parametrize(
    ("text", "drugs", "allowed"),
    [
        ("Inadequate response to 1 or 2 bDMARDs", BDMARDS, {1, 2}),
        ("Inadequate response to one or two biologic DMARDs", BDMARDS, {1, 2}),
        ("Inadequate response to 1-2 bDMARDs", BDMARDS, {1, 2}),
        ("Inadequate response to 1 to 3 bDMARDs", BDMARDS, {1, 2, 3}),
        ("Failed no more than two csDMARDs", CSDMARDS, {0, 1, 2}),
        ("Inadequate response to at most 2 csDMARDs", CSDMARDS, {0, 1, 2}),
        ("Inadequate response to fewer than 3 csDMARDs", CSDMARDS, {0, 1, 2}),
        ("Inadequate response to not more than 2 csDMARDs", CSDMARDS, {0, 1, 2}),
    ],
)
def test_a_bounded_count_of_failed_drugs_admits_exactly_the_counts_in_range(
    text: str, drugs: list[str], allowed: set[int]
) -> None:
    for n in range(5):
        got = status("inclusion", text, _failed(drugs, n))
        assert got == ("met" if n in allowed else "not_met"), (text, n, got)


@pytest.mark.parametrize(
    "text",
    ["Methotrexate 7.5-25 mg/week for at least 12 weeks", "Age 18-75 years", "Prednisone <= 10 mg/day"],
)
def test_a_dose_or_an_age_range_is_not_a_count_of_drugs(text: str) -> None:
    assert "at_least=3" not in repr(parse_criterion("inclusion", text))
    assert "at_least=26" not in repr(parse_criterion("inclusion", text))


@settings(max_examples=100, deadline=None)
@given(st.integers(0, 4), st.sampled_from(["1 or 2", "1-2", "one or two", "1 to 2"]))
def test_a_bounded_count_reads_the_same_in_every_spelling(n: int, bound: str) -> None:
    text = f"Inadequate response to {bound} bDMARDs"
    assert status("inclusion", text, _failed(BDMARDS, n)) == status(
        "inclusion", "Inadequate response to 1 or 2 bDMARDs", _failed(BDMARDS, n)
    )


# --- Named infections with their own word "infection" ----------------------------------------

HEPATITIS_BC = AnyOf((Flag("hbv"), Flag("hcv")))


@pytest.mark.parametrize(
    "text",
    [
        "Hepatitis B or C",
        "Hepatitis B and/or C infection",
        "Chronic hepatitis B or C infection",
        "History of hepatitis B or C",
        "Hepatitis B or hepatitis C infection",
        "Hepatitis B virus or hepatitis C virus infection",
    ],
)
def test_hepatitis_b_or_c_names_both_infections(text: str) -> None:
    rule = exclusion(text)
    assert isinstance(rule, AnyOf) and set(rule.rules) == set(HEPATITIS_BC.rules)


@pytest.mark.parametrize(
    ("text", "flags"),
    [
        ("HIV infection", {"hiv"}),
        ("Known HIV, hepatitis B or hepatitis C infection", {"hiv", "hbv", "hcv"}),
        ("Hepatitis C infection, HIV infection or hepatitis B infection", {"hiv", "hbv", "hcv"}),
    ],
)
def test_the_word_infection_after_a_named_infection_adds_nothing(text: str, flags: set[str]) -> None:
    rule = exclusion(text)
    found = {r.fact for r in (rule.rules if isinstance(rule, AnyOf) else (rule,)) if isinstance(r, Flag)}
    assert found == flags and category(rule) == "fully"


def test_any_other_infection_beside_a_named_one_stays_open() -> None:
    assert category(exclusion("HIV or any other infection")) == "partly"


# --- Named members of the organ classes -----------------------------------------------------

MEMBER_NAMES = [c.name for c in MEMBER_CONDITIONS if c.name.isascii()]
MEMBER_FORMS = ["{m}", "History of {m}", "Known {m}", "Patients with {m}", "Diagnosis of {m}"]


@pytest.mark.parametrize("form", MEMBER_FORMS)
@pytest.mark.parametrize("member", MEMBER_NAMES)
def test_a_named_member_of_an_organ_class_excludes_by_its_name(form: str, member: str) -> None:
    rule = exclusion(form.format(m=member))
    assert isinstance(rule, InList) and rule.fact == "conditions" and member in rule.names


def test_a_member_joined_to_another_keeps_both_in_either_order() -> None:
    one = exclusion("Hypothyroidism or emphysema")
    other = exclusion("Emphysema or hypothyroidism")
    assert isinstance(one, AnyOf) and set(one.rules) == set(other.rules)  # type: ignore[attr-defined]


@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from(MEMBER_NAMES),
    st.sampled_from(MEMBER_FORMS),
    st.lists(st.sampled_from(["diabetes", "gout", "asthma", "osteoarthritis"]), max_size=3),
)
def test_a_named_member_never_excludes_a_patient_without_it(
    member: str, form: str, others: list[str]
) -> None:
    assert not decides_against("exclusion", form.format(m=member), {"conditions": others})
    assert decides_against("exclusion", form.format(m=member), {"conditions": [*others, member]})


# --- Drugs outside RA care ------------------------------------------------------------------

ANTICOAGULANT_FORMS = [
    "Taking {d}",
    "Use of {d}",
    "Current use of {d}",
    "Patients on {d}",
    "Concomitant treatment with {d}",
    "Requiring {d}",
]


@pytest.mark.parametrize("form", ANTICOAGULANT_FORMS)
@pytest.mark.parametrize(
    ("drug", "member", "not_member"),
    [
        ("anticoagulants", "heparin", None),
        ("anticoagulant therapy", "apixaban", None),
        ("oral anticoagulants", "warfarin", "heparin"),
        ("warfarin", "warfarin", "apixaban"),
        ("antiplatelet agents", "clopidogrel", "warfarin"),
        ("warfarin or clopidogrel", "clopidogrel", "heparin"),
    ],
)
def test_a_drug_outside_ra_care_is_looked_up_in_the_current_drugs(
    form: str, drug: str, member: str, not_member: str | None
) -> None:
    text = form.format(d=drug)
    rule = exclusion(text)
    assert isinstance(rule, InList) and rule.fact == "current_drugs"
    assert decides_against("exclusion", text, {"current_drugs": [f"{member} 5 mg"]})
    if not_member:
        assert not decides_against("exclusion", text, {"current_drugs": [not_member]})


@pytest.mark.parametrize(
    "text",
    [
        "History of anticoagulant use",  # the past: not in the current drugs
        "Warfarin within 4 weeks",  # a window
        "Therapeutic anticoagulation",  # a grade of the dose
        "Anticoagulants at a dose > 5 mg",
        "Use of anticoagulants or methotrexate",  # beside an RA drug: another frame
    ],
)
def test_a_past_a_window_or_a_grade_of_another_drug_is_not_the_current_list(text: str) -> None:
    assert "current_drugs" not in repr(exclusion(text))


def test_an_inclusion_taking_another_drug_is_not_modelled() -> None:
    assert category(parse_criterion("inclusion", "Taking anticoagulants")) == "review"


# --- Smaller frames -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["Both sexes", "Patients of either gender", "Male and female patients", "Men and women", "Any sex"],
)
def test_both_sexes_impose_nothing(text: str) -> None:
    rule = parse_criterion("inclusion", text)
    assert (
        status("inclusion", text, {"sex": "male"}) == "met" == status("inclusion", text, {"sex": "female"})
    ), rule


@pytest.mark.parametrize(
    "text",
    [
        "At least 1 erosion on hand or foot radiographs",
        "At least one bone erosion on hand and/or foot X-rays",
        "Erosions on radiographs of the hands or feet",
        "Radiographic evidence of at least one joint erosion",
        "Presence of erosions on X-ray",
    ],
)
def test_an_erosion_on_radiographs_is_the_erosions_fact(text: str) -> None:
    assert parse_criterion("inclusion", text) == Flag("erosions")


# --- Dose changes and routes ----------------------------------------------------------------


def _on(name: str, route: str, changed_weeks_ago: float) -> dict[str, Any]:
    return {
        "drug_history": [
            {
                "name": name,
                "started_weeks_ago": 50.0,
                "dose_changed_weeks_ago": changed_weeks_ago,
                "route": route,
            }
        ]
    }


@pytest.mark.parametrize(
    "text",
    [
        "Any change in the dose of methotrexate within 4 weeks prior to baseline",
        "Change in dose of methotrexate within the last 4 weeks",
        "Dose changes of methotrexate within 4 weeks before screening",
        "Unstable doses of methotrexate in the past 4 weeks",
        "Modification of the dose of methotrexate within 4 weeks",
    ],
)
def test_a_dose_change_within_a_window_excludes_a_current_user_changed_in_it(text: str) -> None:
    assert decides_against("exclusion", text, _on("methotrexate", "oral", 2.0))
    assert not decides_against("exclusion", text, _on("methotrexate", "oral", 10.0))
    assert not decides_against("exclusion", text, {"drug_history": []})
    assert category(exclusion(text)) == "partly"  # a change that stopped the drug: the site's


@pytest.mark.parametrize(
    "text", ["Change in the dose of methotrexate during the study", "Change in the dose of methotrexate"]
)
def test_a_dose_change_without_a_window_is_not_decided(text: str) -> None:
    assert not decides_against("exclusion", text, _on("methotrexate", "oral", 1.0))


@pytest.mark.parametrize(
    "text",
    [
        "Current use of oral corticosteroids",
        "Dose changes of oral corticosteroids within 2 weeks before screening",
        "Treatment with oral glucocorticoids",
    ],
)
def test_oral_steroids_do_not_exclude_an_injection(text: str) -> None:
    injected = _on("triamcinolone", "intra-articular", 1.0)
    assert not decides_against("exclusion", text, injected)
    assert decides_against("exclusion", text, _on("prednisone", "oral", 1.0))


# --- Vitamin D ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "concept",
    [
        "Vitamin D",
        "Serum vitamin D level",
        "25(OH)D",
        "Serum 25-hydroxyvitamin D",
        "25-OH vitamin D",
        "25(OH)D3",
    ],
)
@pytest.mark.parametrize(("amount", "value"), [("20 ng/ml", 49.92), ("20 ng/mL", 49.92), ("50 nmol/L", 50.0)])
def test_vitamin_d_is_25_hydroxyvitamin_d_in_nmol_per_litre(concept: str, amount: str, value: float) -> None:
    assert parse_criterion("inclusion", f"{concept} < {amount}") == Compare("vitamin_d_nmol_l", "<", value)
    assert parse_criterion("inclusion", f"{concept} below {amount}") == Compare(
        "vitamin_d_nmol_l", "<", value
    )


def test_vitamin_d_deficiency_without_its_number_is_not_read() -> None:
    assert category(parse_criterion("inclusion", "Vitamin D deficiency")) == "review"
    assert category(parse_criterion("inclusion", "Vitamin D < 20")) == "review"  # no unit


@pytest.mark.parametrize(
    "text",
    [
        "Functional class IV",
        "ACR functional class IV",
        "Functional status class IV",
        "Functional class IV as defined by the ACR classification of functional status in RA",
        "Functional class IV according to the American College of Rheumatology (ACR) Classification"
        " of Functional Status",
    ],
)
def test_functional_class_iv_in_the_acr_wordings(text: str) -> None:
    assert exclusion(text) == Compare("functional_class", ">=", 4.0)


def test_a_misnamed_american_college_is_the_acr() -> None:
    one = parse_criterion("inclusion", "RA according to the 1987 American Academy of Rheumatology criteria")
    other = parse_criterion("inclusion", "RA according to the 1987 American College of Rheumatology criteria")
    assert one == other == Flag("meets_acr_1987")


@pytest.mark.parametrize(
    ("text", "low"),
    [
        ("Class IV heart failure", 4.0),
        ("Class III or IV congestive heart failure", 3.0),
        ("Congestive heart failure class III/IV", 3.0),
        ("Heart failure (class III or IV)", 3.0),
        ("Symptomatic heart failure, class III or higher", 3.0),
        ("Class 3 or 4 heart failure", 3.0),
    ],
)
def test_a_class_of_heart_failure_is_the_nyha_class(text: str, low: float) -> None:
    assert exclusion(text) == Compare("nyha_class", ">=", low)


@pytest.mark.parametrize(
    "text", ["Class II or III heart failure", "Stage C heart failure", "Class II or IV heart failure"]
)
def test_a_bounded_gapped_or_staged_heart_failure_is_not_a_nyha_rule(text: str) -> None:
    assert "nyha_class" not in repr(exclusion(text))
