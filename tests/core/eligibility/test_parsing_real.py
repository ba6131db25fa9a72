"""The parser against hand-checked rules for real criteria of the shipped catalog.

Each expected rule below was read against the registry text by hand. A criterion whose
direction or meaning is uncertain must stay review: a wrong rule is worse than none.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from synovia.core.eligibility.lexicon import GLUCOCORTICOIDS, ORGAN_CLASSES, expand
from synovia.core.eligibility.parsing import parse_study
from synovia.core.eligibility.rules import (
    AllOf,
    AnyOf,
    Compare,
    Equals,
    Exposure,
    Flag,
    InList,
    Not,
    Note,
    Review,
    Rule,
    Site,
)
from synovia.core.eligibility.studies import load_catalog

CATALOG = {s.registry_id: parse_study(s) for s in load_catalog()}
R = Review  # marks "review of the whole criterion"
TNFI = (
    "adalimumab",
    "certolizumab",
    "etanercept",
    "golimumab",
    "infliximab",
    "humira",
    "cimzia",
    "enbrel",
    "simponi",
    "remicade",
)


def age(low: float, high: float) -> AllOf:
    return AllOf((Compare("age_years", ">=", low), Compare("age_years", "<=", high)))


ORGANS = {c.name: c.members for c in ORGAN_CLASSES}


def partial(*parts: Rule) -> Callable[[str], Rule]:
    """A rule whose recognised parts decide, with the whole text kept as a review part."""
    return lambda text: AllOf((*parts, Review(text)))


def criterion(trial: str, kind: str, start: str) -> tuple[str, Rule]:
    found = [
        c for c in CATALOG[trial] if c.kind == kind and c.text.startswith(start) and c.source == "criteria"
    ]
    assert len(found) == 1, f"{trial} {kind} {start!r}: {len(found)} matches"
    return found[0].text, found[0].rule


Expected = Rule | type[Review] | type[Site] | Callable[[str], Rule]
SEROLOGY = AnyOf((Flag("rf_positive"), Flag("acpa_positive")))

EXPECTED: list[tuple[str, str, str, Expected]] = [
    # Age, in all the written forms met.
    ("NCT01851070", "inclusion", "Males and Females ages 18-80", age(18, 80)),
    ("NCT03067870", "inclusion", "17-75 years old", age(17, 75)),
    ("NCT03186417", "inclusion", "18-80 years", age(18, 80)),
    ("NCT02643823", "inclusion", "Aged 18-80 Rheumatoid", age(18, 80)),
    ("NCT03618784", "inclusion", "of either gender, 19-80years", age(19, 80)),
    ("NCT03691909", "inclusion", "Adult male or female between", age(18, 65)),
    ("NCT03798028", "inclusion", "Age limits:18 to 70", age(18, 70)),
    ("NCT03828344", "inclusion", "Male or female, aged 18 to 70", age(18, 70)),
    ("NCT04971980", "inclusion", "Male or female patients aged 18 to 65", age(18, 65)),
    (
        "NCT01547091",
        "inclusion",
        "All patients fulfilled",
        AllOf((*age(18, 70).rules, Flag("meets_acr_eular_2010"))),
    ),
    # Classification and disease duration (12 weeks = 2.7598 months).
    ("NCT01261403", "inclusion", "Diagnosis of RA as defined by the 1987", Flag("meets_acr_1987")),
    ("NCT04971980", "inclusion", "Patients who are diagnosed with rheumatoid", Flag("meets_acr_eular_2010")),
    (
        "NCT03798028",
        "inclusion",
        "Fulfill 2010 ACR",
        AnyOf((Flag("meets_acr_eular_2010"), Flag("meets_acr_1987"))),
    ),
    ("NCT03828344", "inclusion", "Have a diagnosis of RA in agreement", Flag("meets_acr_eular_2010")),
    (
        "NCT02643823",
        "inclusion",
        "Patients must have a diagnosis",
        AllOf((Flag("meets_acr_eular_2010"), Compare("disease_duration_months", ">=", 2.7598))),
    ),
    (
        "NCT03618784",
        "inclusion",
        "Subjects must be diagnosed according",
        AllOf((Flag("meets_acr_eular_2010"), Compare("disease_duration_months", ">=", 2.7598))),
    ),
    (
        "NCT03828344",
        "inclusion",
        "Have established RA > 6 months",
        Compare("disease_duration_months", ">", 6.0),
    ),
    # "= 2 years": a lost <= or >=, direction unknown -> review.
    ("NCT03186417", "inclusion", "Recent onset rheumatoid arthritis", R),
    # Disease activity.
    ("NCT01851070", "inclusion", "≥ 4 tender joint count", Compare("tjc28", ">=", 4.0)),
    ("NCT01851070", "inclusion", "≥ 4 swollen joint count", Compare("sjc28", ">=", 4.0)),
    ("NCT03828344", "inclusion", "Have SJC of 4 or more", Compare("sjc28", ">=", 4.0)),
    ("NCT03828344", "inclusion", "Have TJC of 4 or more", Compare("tjc28", ">=", 4.0)),
    (
        "NCT03691909",
        "inclusion",
        "≥ 6 swollen joints and",
        AllOf((Compare("sjc66", ">=", 6.0), Compare("tjc68", ">=", 6.0))),
    ),
    # "≥ 6 tender joints, swollen joints": at least 6 tender joints is required in any reading;
    # which count the swollen joints need stays for review
    # "active inflammatory diseases": whether a listed condition is active is not known
    ("NCT01547091", "exclusion", "Any active inflammatory diseases other than RA", R),
    # "active synovitis of at least one joint": no joint-count basis, no fact
    ("NCT03186417", "inclusion", "Subjects must have active synovitis of at least one joint", R),
    (
        "NCT03618784",
        "inclusion",
        "≥ 6 tender joints, swollen joints",
        partial(AnyOf((Compare("tjc28", ">=", 6.0), Compare("tjc68", ">=", 6.0)))),
    ),
    ("NCT03618784", "inclusion", "Subject who has moderate to severe", Compare("das28_esr", ">", 3.2)),
    (
        "NCT03798028",
        "inclusion",
        "Disease Activity Score (DAS) 28",
        AnyOf(
            (
                Compare("das28_esr", ">=", 3.2),
                Compare("das28_crp", ">=", 3.2),
                Compare("sdai", ">", 11.0),
                Compare("cdai", ">", 10.0),
            )
        ),
    ),
    ("NCT01261403", "inclusion", "RA, characterized by at least 6", R),
    ("NCT04170426", "inclusion", "Patients must meet at least one", R),
    # Inflammation markers with units.
    (
        "NCT01851070",
        "inclusion",
        "ESR ≥ 28 mm/hr or hsCRP",
        AnyOf((Compare("esr_mm_h", ">=", 28.0), Compare("crp_mg_l", ">", 2.0))),
    ),
    (
        "NCT03691909",
        "inclusion",
        "CRP > 4.9 mg/L or ESR",
        AnyOf(
            (
                AllOf((Equals("sex", "male"), Compare("esr_mm_h", ">", 10.0))),
                AllOf((Equals("sex", "female"), Compare("esr_mm_h", ">", 20.0))),
                Compare("crp_mg_l", ">", 4.9),
            )
        ),
    ),
    ("NCT03828344", "inclusion", "CRP greater than upper limit", Compare("crp_x_uln", ">", 1.0)),
    ("NCT03618784", "inclusion", "During screening visit", R),
    # Laboratory: g/dL x 10 -> g/L.
    ("NCT03691909", "exclusion", "Hemoglobin ≤8.5 g/dL", Compare("hemoglobin_g_l", "<=", 85.0)),
    (
        "NCT03798028",
        "inclusion",
        "Hemoglobin < 90 g/L and/or",
        AnyOf(
            (Compare("hemoglobin_g_l", "<", 90.0), InList("conditions", ("interstitial lung disease", "ild")))
        ),
    ),
    # Treatment history.
    (
        "NCT03828344",
        "inclusion",
        "Have had an inadequate response",
        AllOf((InList("failed_csdmards"), InList("failed_biologics", TNFI))),
    ),
    (
        "NCT01851070",
        "inclusion",
        "Patient has had an inadequate response",
        partial(InList("failed_biologics", TNFI)),
    ),
    (
        "NCT01851070",
        "inclusion",
        "Patient has been taking MTX",
        partial(InList("current_drugs", ("methotrexate", "mtx"))),
    ),
    ("NCT03186417", "inclusion", "Patients who have been intolerant", R),
    ("NCT01261403", "inclusion", "Biological medication must be discontinued", R),
    ("NCT03618784", "inclusion", "If subject is currently administering steroids", R),
    (
        "NCT03798028",
        "exclusion",
        "Participants who received glucocorticoid",
        Compare("intraarticular_steroid_weeks_ago", "<=", 1.0),
    ),
    (
        "NCT03798028",
        "exclusion",
        "Glucocorticoid that participants received",
        Exposure(
            expand(GLUCOCORTICOIDS),
            "within",
            round(30.4375 / 7, 4),
            dose_op=">",
            dose=10.0,
            dose_unit="mg/day",
        ),
    ),
    # Pregnancy, contraception, consent.
    ("NCT01547091", "exclusion", "Pregnant or nursing women", AnyOf((Flag("pregnant"), Flag("lactating")))),
    (
        "NCT01851070",
        "exclusion",
        "Pregnant women or women who are breastfeeding",
        AnyOf((Flag("pregnant"), Flag("lactating"))),
    ),
    ("NCT02643823", "exclusion", "Pregnant women", Flag("pregnant")),
    ("NCT03691909", "exclusion", "Pregnancy, lactation", AnyOf((Flag("pregnant"), Flag("lactating")))),
    (
        "NCT01547091",
        "inclusion",
        "Women of reproductive potential",
        AnyOf((Equals("sex", "male"), Not(Flag("childbearing_potential")), Flag("uses_contraception"))),
    ),
    ("IRCT trial page 55387", "exclusion", "People with other chronic diseases", R),
    ("NCT01547091", "inclusion", "Patients must be informed", Flag("consent_given")),
    ("NCT02643823", "inclusion", "Patients must consent in writing", Flag("consent_given")),
    ("NCT03798028", "inclusion", "Freely given informed consent", Flag("consent_given")),
    ("NCT03618784", "inclusion", "Subject who understands", Flag("consent_given")),
    ("NCT03691909", "exclusion", "Inability to understand", Site),
    # Infections, malignancy, trial participation.
    (
        "NCT04971980",
        "exclusion",
        "Infections of hepatitis B",
        AnyOf((Flag("hiv"), Flag("hbv"), Flag("hcv"), Flag("tb_active"), Flag("tb_latent"))),
    ),
    ("NCT04170426", "inclusion", "Must pass communicable disease screen", R),
    ("NCT01547091", "exclusion", "Any history of ongoing", R),
    ("NCT02643823", "exclusion", "With malignant tumors", Compare("malignancy_years_ago", "<=", 0.0)),
    (
        "NCT03691909",
        "exclusion",
        "Currently diagnosed any malignant",
        Compare("malignancy_years_ago", "<", 5.0),
    ),
    (
        "NCT02643823",
        "exclusion",
        "Patients who had participated",
        Compare("trial_participation_months_ago", "<=", 3.0),
    ),
    (
        "NCT04170426",
        "exclusion",
        "Participation in another clinical study",
        Compare("trial_participation_months_ago", "<=", 3.0),
    ),
    # Radiographs, function, serology, named conditions.
    ("NCT02643823", "inclusion", "Stage I and II", Compare("radiographic_stage", "<=", 2.0)),
    (
        "NCT03618784",
        "inclusion",
        "Subjects must be diagnosed with ACR functional",
        Compare("functional_class", "<=", 3.0),
    ),
    (
        "NCT03618784",
        "exclusion",
        "Subjects who is diagnosed ACR function class IV",
        Compare("functional_class", ">=", 4.0),
    ),
    (
        "NCT04971980",
        "inclusion",
        "Patients who are positive for rheumatoid",
        AnyOf((Flag("rf_positive"), Flag("acpa_positive"))),
    ),
    ("NCT03828344", "inclusion", "Positive for RF and/or anti-CCP antibodies but without", partial(SEROLOGY)),
    ("NCT01851070", "inclusion", "Must be positive for rheumatoid factor", partial(SEROLOGY)),
    ("NCT01851070", "inclusion", "Use of oral DMARD", R),
    (
        "NCT01547091",
        "exclusion",
        "End-stage renal failure",
        AnyOf(
            (
                InList(
                    "conditions",
                    ("end stage renal failure", "end stage renal disease", "esrd", "kidney failure"),
                ),
                Compare("egfr_ml_min", "<", 15.0),
            )
        ),
    ),
    # a graded organ class: the site judges the grade; no diagnosis at all (nor tuberculosis,
    # which shows a lung disease outside the conditions list) clears it
    (
        "NCT01547091",
        "exclusion",
        "Significant cardiac or pulmonary",
        lambda text: AllOf(
            (AnyOf((InList("conditions", ()), Flag("tb_active"), Flag("tb_latent"))), Site(text))
        ),
    ),
    # an organ class named whole, ungraded: its named members decide, the rest is review
    (
        "NCT02643823",
        "exclusion",
        "History of neurological disease",
        lambda text: AnyOf(
            (InList("conditions", ORGANS["neurological"] + ORGANS["psychiatric"]), Review(text))
        ),
    ),
    ("NCT03691909", "exclusion", "Uncontrolled systemic illness", R),
    # a grade without a disease class: nothing gates it
    ("NCT03186417", "inclusion", "Clinically stable with no significant", R),
    # Headings introduce the items below them; "one of the following" is content.
    (
        "NCT01261403",
        "inclusion",
        "Subjects must satisfy the following",
        Note("Subjects must satisfy the following criteria to be enrolled in the study:"),
    ),
    (
        "NCT01851070",
        "inclusion",
        "Patient with active RA defined as:",
        Note("Patient with active RA defined as:"),
    ),
]


@pytest.mark.parametrize(
    ("trial", "kind", "start", "expected"), EXPECTED, ids=[f"{t}:{s[:30]}" for t, _, s, _ in EXPECTED]
)
def test_real_criterion_parses_to_hand_checked_rule(
    trial: str, kind: str, start: str, expected: Expected
) -> None:
    text, rule = criterion(trial, kind, start)
    if expected is Review:
        assert rule == Review(text)
    elif expected is Site:
        assert rule == Site(text)
    elif callable(expected) and not isinstance(expected, type):
        assert rule == expected(text)
    else:
        assert rule == expected


def test_sample_is_large_and_covers_both_outcomes() -> None:
    reviews = sum(e is Review for *_, e in EXPECTED)
    assert len(EXPECTED) >= 40
    assert reviews >= 15
    assert len(EXPECTED) - reviews >= 45


def test_partial_rule_keeps_the_decidable_part_and_reviews_the_rest() -> None:
    text, rule = criterion("IRCT trial page 55387", "inclusion", "People aged 18 to 60")
    assert rule == AllOf((*age(18, 60).rules, Review(text)))
