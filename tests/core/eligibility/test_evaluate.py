"""Evaluation: each fact family, unit handling, unknown handling and the verdict rules."""

from __future__ import annotations

import json
from typing import Any

import pytest

from synovia.core.eligibility.evaluate import (
    Status,
    Verdict,
    evaluate,
    match_trial,
    match_trials,
)
from synovia.core.eligibility.facts import FACTS, PatientFacts
from synovia.core.eligibility.parsing import (
    INCOMPLETE_TEXT,
    ParsedCriterion,
    apply_approved,
    parse_catalog,
    parse_criterion,
    parse_study,
)
from synovia.core.eligibility.rules import (
    AllOf,
    AnyOf,
    Compare,
    Equals,
    Exposure,
    Flag,
    History,
    InList,
    Not,
    Note,
    Review,
    Rule,
    rule_to_dict,
)
from synovia.core.eligibility.studies import load_catalog
from tests.core.eligibility.personas import ANA, BEN


def status(rule: Rule, **facts: Any) -> Status:
    return evaluate(rule, PatientFacts.from_dict(facts)).status


def parsed_status(kind: str, text: str, **facts: Any) -> Status:
    return status(parse_criterion(kind, text), **facts)  # type: ignore[arg-type]


# Unit handling: criteria thresholds are converted to the fact's unit.
@pytest.mark.parametrize(
    ("text", "fact", "below", "above"),
    [
        ("Hemoglobin < 9.0 g/dL", "hemoglobin_g_l", 89, 91),
        ("Hemoglobin < 90 g/L", "hemoglobin_g_l", 89, 91),
        ("CRP < 1.5 mg/dL", "crp_mg_l", 14, 16),
        ("CRP < 15 mg/L", "crp_mg_l", 14, 16),
        ("WBC < 3,000/mm3", "wbc_10e9_l", 2.9, 3.1),
        ("WBC < 3.0 x 10^9/L", "wbc_10e9_l", 2.9, 3.1),
        ("Platelets < 100 x 10^3/uL", "platelets_10e9_l", 99, 101),
        ("Platelets < 100,000/mm3", "platelets_10e9_l", 99, 101),
        ("Serum creatinine < 1.5 mg/dL", "creatinine_umol_l", 132, 133),
        ("eGFR < 60 mL/min/1.73 m2", "egfr_ml_min", 59, 61),
        ("ALT < 2 x ULN", "alt_x_uln", 1.9, 2.1),
        ("Prednisone < 10 mg/day", "prednisone_mg_day", 9, 11),
        ("ESR < 28 mm/hr", "esr_mm_h", 27, 29),
        ("DAS28-CRP < 3.2", "das28_crp", 3.1, 3.3),
        ("CDAI < 10", "cdai", 9, 11),
    ],
)
def test_lab_and_activity_thresholds_with_units(text: str, fact: str, below: float, above: float) -> None:
    assert parsed_status("exclusion", text, **{fact: below}) == Status.MET
    assert parsed_status("exclusion", text, **{fact: above}) == Status.NOT_MET
    assert parsed_status("exclusion", text) == Status.UNKNOWN


def test_alt_or_ast_is_either() -> None:
    rule = parse_criterion("exclusion", "ALT or AST > 2 x ULN")
    assert rule == AnyOf((Compare("alt_x_uln", ">", 2.0), Compare("ast_x_uln", ">", 2.0)))
    assert status(rule, alt_x_uln=1, ast_x_uln=3) == Status.MET


def test_age_bounds_are_inclusive() -> None:
    rule = parse_criterion("inclusion", "Aged 18 to 65 years")
    assert status(rule, age_years=18) == Status.MET
    assert status(rule, age_years=65) == Status.MET
    assert status(rule, age_years=66) == Status.NOT_MET


def test_sex_specific_threshold() -> None:
    rule = parse_criterion("inclusion", "ESR > 10mm/hr for men, > 20mm/hr for women")
    assert status(rule, sex="male", esr_mm_h=15) == Status.MET
    assert status(rule, sex="female", esr_mm_h=15) == Status.NOT_MET
    assert status(rule, esr_mm_h=15) == Status.UNKNOWN


def test_pregnancy_exclusion_for_a_man_is_not_met_without_asking() -> None:
    rule = parse_criterion("exclusion", "Pregnant or nursing women")
    assert status(rule, **BEN) == Status.NOT_MET
    assert status(rule, sex="female") == Status.UNKNOWN
    assert status(rule, sex="female", pregnant=False, lactating=True) == Status.MET


def test_contraception_applies_only_to_women_who_could_become_pregnant() -> None:
    rule = parse_criterion(
        "inclusion",
        "Women of reproductive potential may not participate unless they have "
        "agreed to use an effective contraceptive method while on this trial.",
    )
    assert status(rule, sex="male") == Status.MET
    assert status(rule, sex="female", childbearing_potential=False) == Status.MET
    assert status(rule, sex="female", childbearing_potential=True, uses_contraception=False) == Status.NOT_MET
    assert status(rule, sex="female", childbearing_potential=True) == Status.UNKNOWN


def test_classification_flags() -> None:
    rule = AnyOf((Flag("meets_acr_eular_2010"), Flag("meets_acr_1987")))
    assert status(rule, meets_acr_eular_2010=False, meets_acr_1987=True) == Status.MET
    assert status(rule, meets_acr_eular_2010=False, meets_acr_1987=False) == Status.NOT_MET


def test_disease_duration_in_weeks_is_compared_in_months() -> None:
    rule = parse_criterion("inclusion", "2010 ACR/EULAR criteria for at least 12 weeks duration")
    assert status(rule, meets_acr_eular_2010=True, disease_duration_months=3) == Status.MET
    assert status(rule, meets_acr_eular_2010=True, disease_duration_months=2) == Status.NOT_MET


def test_failed_drug_classes_and_named_drugs() -> None:
    rule = parse_criterion("inclusion", "Inadequate response to csDMARDs and TNF inhibitors")
    assert (
        status(rule, failed_csdmards=["Methotrexate"], failed_biologics=["Adalimumab (Humira)"]) == Status.MET
    )
    assert status(rule, failed_csdmards=["methotrexate"], failed_biologics=["tocilizumab"]) == Status.NOT_MET
    assert status(rule, failed_csdmards=[]) == Status.NOT_MET
    assert status(rule, failed_csdmards=["leflunomide"]) == Status.UNKNOWN


def test_list_names_match_whole_words_only() -> None:
    rule = InList("conditions", ("interstitial lung disease", "ild"))
    assert status(rule, conditions=["mild asthma"]) == Status.NOT_MET
    assert status(rule, conditions=["RA-ILD"]) == Status.MET
    assert status(rule, conditions=["Interstitial-lung disease"]) == Status.MET


def test_steroid_and_intraarticular_windows() -> None:
    rule = parse_criterion("exclusion", "Intra-articular corticosteroid injection within 28 days")
    assert rule == Compare("intraarticular_steroid_weeks_ago", "<=", 4.0)
    assert status(rule, intraarticular_steroid_weeks_ago=3) == Status.MET
    assert status(rule, intraarticular_steroid_weeks_ago=None) == Status.NOT_MET
    assert status(rule) == Status.UNKNOWN


def test_infections_malignancy_cell_therapy_trials() -> None:
    assert parsed_status("exclusion", "Active tuberculosis", tb_active=True) == Status.MET
    assert parsed_status("exclusion", "Latent tuberculosis", tb_latent=False) == Status.NOT_MET
    assert parsed_status("exclusion", "HIV", hiv=False) == Status.NOT_MET
    assert parsed_status("exclusion", "Hepatitis B", hbv=True) == Status.MET
    assert parsed_status("exclusion", "Hepatitis C", hcv=True) == Status.MET
    malignancy = "History of malignancy within 5 years"
    assert parsed_status("exclusion", malignancy, malignancy_years_ago=3) == Status.MET
    assert parsed_status("exclusion", malignancy, malignancy_years_ago=None) == Status.NOT_MET
    assert parsed_status("exclusion", "Prior stem cell therapy", prior_cell_therapy=True) == Status.MET
    trial = "Participation in another clinical trial within 3 months"
    assert parsed_status("exclusion", trial, trial_participation_months_ago=6) == Status.NOT_MET


def test_radiographic_stage_functional_class_serology_consent() -> None:
    assert (
        parsed_status("inclusion", "Stage I and II according to X-ray.", radiographic_stage=3)
        == Status.NOT_MET
    )
    assert parsed_status("exclusion", "ACR functional class IV", functional_class=4) == Status.MET
    serology = "Positive for rheumatoid factor (RF) and/or anti-CCP antibody"
    assert parsed_status("inclusion", serology, rf_positive=False, acpa_positive=True) == Status.MET
    assert parsed_status("inclusion", "Signed informed consent", consent_given=False) == Status.NOT_MET


def test_unknown_names_the_deciding_facts() -> None:
    outcome = evaluate(
        parse_criterion("inclusion", "ESR ≥ 28 mm/hr or hsCRP >2.0 mg/L"), PatientFacts.from_dict({})
    )
    assert outcome.status == Status.UNKNOWN
    assert outcome.missing_facts == ("esr_mm_h", "crp_mg_l")
    assert "esr_mm_h not given" in outcome.reason


def test_one_known_part_can_decide_an_either_or() -> None:
    rule = parse_criterion("inclusion", "ESR ≥ 28 mm/hr or hsCRP >2.0 mg/L")
    assert status(rule, esr_mm_h=40) == Status.MET


def test_three_valued_logic_with_review() -> None:
    assert status(AllOf((Flag("hiv"), Review("x"))), hiv=False) == Status.NOT_MET
    assert status(AllOf((Flag("hiv"), Review("x"))), hiv=True) == Status.REVIEW
    assert status(AnyOf((Flag("hiv"), Review("x"))), hiv=True) == Status.MET
    assert status(AnyOf((Flag("hiv"), Review("x")))) == Status.REVIEW
    assert status(Not(Flag("hiv"))) == Status.UNKNOWN
    assert status(Not(Flag("hiv")), hiv=True) == Status.NOT_MET


def test_ambiguous_lost_symbol_is_review() -> None:
    assert parse_criterion("inclusion", "Disease duration = 2 years") == Review("Disease duration = 2 years")


def test_negated_or_conditional_text_is_review() -> None:
    for text in ("No history of HIV", "Patients without tuberculosis", "If female, pregnancy test negative"):
        assert isinstance(parse_criterion("exclusion", text), Review)


def test_infection_named_in_an_inclusion_is_negated_not_required() -> None:
    """An inclusion naming an infection asks for its absence: modelled as a negation now."""
    assert parse_criterion("inclusion", "Negative HIV test") == Not(Flag("hiv"))
    assert isinstance(parse_criterion("inclusion", "HIV test"), Review)


# Verdict rules.
def crit(kind: str, rule: Rule) -> ParsedCriterion:
    return ParsedCriterion(kind, f"{kind}: {rule}", rule)  # type: ignore[arg-type]


AGE = Compare("age_years", ">=", 18.0)
HIV = Flag("hiv")


def verdict(*criteria: ParsedCriterion, **facts: Any) -> Verdict:
    return match_trial("T", criteria, PatientFacts.from_dict(facts)).verdict


def test_all_decided_and_fit_is_eligible() -> None:
    assert (
        verdict(crit("inclusion", AGE), crit("exclusion", HIV), age_years=40, hiv=False) == Verdict.ELIGIBLE
    )


def test_inclusion_not_met_is_not_eligible_and_cited() -> None:
    match = match_trial(
        "T", [crit("inclusion", AGE), crit("exclusion", HIV)], PatientFacts.from_dict({"age_years": 16})
    )
    assert match.verdict == Verdict.NOT_ELIGIBLE
    assert [c.text for c in match.failed] == [f"inclusion: {AGE}"]


def test_exclusion_met_is_not_eligible() -> None:
    assert (
        verdict(crit("inclusion", AGE), crit("exclusion", HIV), age_years=40, hiv=True)
        == Verdict.NOT_ELIGIBLE
    )


def test_unknown_or_review_is_possibly_eligible() -> None:
    assert verdict(crit("inclusion", AGE), crit("exclusion", HIV), age_years=40) == Verdict.POSSIBLY_ELIGIBLE
    assert (
        verdict(crit("inclusion", AGE), crit("inclusion", Review("x")), age_years=40)
        == Verdict.POSSIBLY_ELIGIBLE
    )


def test_failure_wins_over_unknown() -> None:
    assert verdict(crit("inclusion", AGE), crit("exclusion", HIV), age_years=10) == Verdict.NOT_ELIGIBLE


def test_heading_note_is_neutral_in_either_section() -> None:
    note = Note("The following criteria:")
    assert verdict(crit("inclusion", note), crit("exclusion", note)) == Verdict.ELIGIBLE


def test_trial_with_incomplete_criteria_is_never_eligible() -> None:
    catalog = dict(parse_catalog(load_catalog()))
    facts = PatientFacts.from_dict(ANA)
    for trial_id, criteria in catalog.items():
        match = match_trial(trial_id, criteria, facts)
        complete = all(c.text != INCOMPLETE_TEXT for c in criteria)
        if not complete:
            assert match.verdict != Verdict.ELIGIBLE
            assert any(c.text == INCOMPLETE_TEXT and c.status == Status.REVIEW for c in match.criteria)


def test_trials_are_sorted_closest_first() -> None:
    matches = match_trials(parse_catalog(load_catalog()), PatientFacts.from_dict(ANA))
    ranks = [("eligible", "possibly_eligible", "not_eligible").index(m.verdict) for m in matches]
    assert ranks == sorted(ranks)
    possible = [m for m in matches if m.verdict == Verdict.POSSIBLY_ELIGIBLE]
    assert [len(m.open) for m in possible] == sorted(len(m.open) for m in possible)


def test_one_patient_fails_the_age_of_every_trial() -> None:
    matches = match_trials(parse_catalog(load_catalog()), PatientFacts.from_dict({"age_years": 90}))
    with_age = [m for m in matches if any(c.source == "registry" for c in m.criteria)]
    assert with_age and all(m.verdict == Verdict.NOT_ELIGIBLE for m in with_age)


def test_curator_approved_rule_replaces_the_parsed_one_while_text_is_unchanged() -> None:
    study = next(s for s in load_catalog() if s.registry_id == "NCT01547091")
    criteria = parse_study(study)
    text = "Significant cardiac or pulmonary disease."
    approved = {("exclusion", text): InList("conditions", ("heart failure",))}
    curated = apply_approved(criteria, approved)
    (item,) = [c for c in curated if c.text == text]
    assert item.rule == InList("conditions", ("heart failure",))
    stale = {("exclusion", text.rstrip(".")): Flag("hiv")}
    assert apply_approved(criteria, stale) == criteria


def test_unmodelled_qualifier_keeps_the_rule_conjunctive_or_reviews() -> None:
    text = "Inadequate response to methotrexate with last dose at least 4 weeks prior to screening"
    assert parse_criterion("inclusion", text) == AllOf(
        (InList("failed_csdmards", ("methotrexate", "mtx")), Review(text))
    )
    either = "Positive for RF and/or anti-CCP but without erosions, or DAS28 > 5.1"
    assert parse_criterion("inclusion", either) == Review(either)
    exclusion = "Positive for rheumatoid factor but without erosions"
    assert parse_criterion("exclusion", exclusion) == Review(exclusion)


@pytest.mark.parametrize(
    "text",
    [
        "Disease duration of 2 to 10 years",
        "Methotrexate for at least 12 weeks duration",
        "Use of walking aids",
        "Radiographic stage 1 to 2 years ago",
        "Dosage 10 to 20 years",
    ],
)
def test_look_alike_phrases_make_no_rule(text: str) -> None:
    """No age or radiographic rule from a look-alike; a duration may be read as what it is."""
    rule = rule_to_dict(parse_criterion("inclusion", text))
    assert '"age_years"' not in json.dumps(rule) and '"radiographic_stage"' not in json.dumps(rule)
    if text.startswith("Disease duration"):
        assert rule["type"] == "all_of" and rule["rules"][0]["fact"] == "disease_duration_months"
    elif not text.startswith("Methotrexate"):
        assert rule["type"] == "review"


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("TJC28 >= 6", Compare("tjc28", ">=", 6.0)),
        ("Swollen joint count (28) ≥ 4", Compare("sjc28", ">=", 4.0)),
        ("Body weight > 40 kg", Compare("weight_kg", ">", 40.0)),
        ("Age ≥ 18 years", Compare("age_years", ">=", 18.0)),
    ],
)
def test_more_written_forms(text: str, rule: Rule) -> None:
    assert parse_criterion("inclusion", text) == rule


def _probe(name: str) -> tuple[Rule, Any, Any]:
    """A rule on fact ``name`` with a value meeting it and one not meeting it."""
    spec = FACTS[name]
    if spec.kind == "boolean":
        return Flag(name), True, False
    if spec.kind == "sex":
        return Equals(name, "female"), "female", "male"
    if spec.kind == "list":
        return InList(name, ("methotrexate",)), ["Methotrexate 15 mg"], ["leflunomide"]
    if name == "drug_history":
        return Exposure(("methotrexate",)), [{"name": "Methotrexate"}], [{"name": "leflunomide"}]
    if spec.kind == "history":
        return History(name, ("carcinoma",)), [{"name": "breast carcinoma"}], []
    if spec.kind == "since":
        return Compare(name, "<=", 3.0), 2, None
    middle = (spec.low + min(spec.high, 100.0)) / 2
    return Compare(name, ">=", middle), middle, spec.low


@pytest.mark.parametrize("name", sorted(FACTS))
def test_every_fact_is_met_not_met_and_unknown(name: str) -> None:
    rule, good, bad = _probe(name)
    assert status(rule, **{name: good}) == Status.MET
    assert status(rule, **{name: bad}) == Status.NOT_MET
    unknown = evaluate(rule, PatientFacts.from_dict({}))
    assert unknown.status == Status.UNKNOWN
    assert unknown.missing_facts == (name,)
