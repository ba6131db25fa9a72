"""Drug allergies and obesity by BMI (third pass of issue 10).

Checked on language, not on registered sentences: paraphrase grids (five or more wordings
per frame give the same rule), metamorphic relations (an unrelated sentence, the order of the
drugs, the negated inclusion) and hypothesis properties (an allergy never excludes a patient
whose list lacks the drug; an obesity rule never excludes below its WHO bound).
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from synovia.core.eligibility.evaluate import evaluate_criterion
from synovia.core.eligibility.facts import PatientFacts
from synovia.core.eligibility.lexicon import CLASS_III_OBESITY_BMI, OBESITY_BMI
from synovia.core.eligibility.parsing import ParsedCriterion, parse_criterion
from synovia.core.eligibility.report import category
from synovia.core.eligibility.rules import AllOf, AnyOf, Compare, InList, Not, Review, Rule, Site


def leaves(rule: Rule) -> set[Rule]:
    """The deciding parts of a rule (no review, site or combination nodes)."""
    if isinstance(rule, AllOf | AnyOf):
        return {leaf for p in rule.rules for leaf in leaves(p)}
    if isinstance(rule, Not):
        return leaves(rule.rule)
    if isinstance(rule, Review | Site):
        return set()
    return {rule}


def exclusion(text: str) -> Rule:
    return parse_criterion("exclusion", text)


def decides_against(kind: str, text: str, patient: dict[str, Any]) -> bool:
    rule = parse_criterion(kind, text)  # type: ignore[arg-type]
    crit = ParsedCriterion(kind, text, rule)  # type: ignore[arg-type]
    return evaluate_criterion(crit, PatientFacts.from_dict(patient)).decides_against


# --- Drug allergies -------------------------------------------------------------------------

ALLERGY_WORDINGS = [
    "Hypersensitivity to {x}",
    "Known hypersensitivity to {x}.",
    "History of allergy to {x}",
    "Allergic reaction to {x}",
    "Documented allergy to {x}",
    "Anaphylaxis to {x}",
    "Known allergies to {x}",
    "Patients with hypersensitivity against {x}",
]
DRUGS = [
    ("methotrexate", {"methotrexate"}),
    ("MTX", {"methotrexate"}),
    ("sulfasalazine or leflunomide", {"sulfasalazine", "leflunomide"}),
    ("hydroxychloroquine and/or sulfasalazine", {"hydroxychloroquine", "sulfasalazine"}),
    ("cholecalciferol (vitamin D)", {"cholecalciferol"}),
]


@pytest.mark.parametrize("wording", ALLERGY_WORDINGS)
@pytest.mark.parametrize(("drugs", "names"), DRUGS)
def test_an_allergy_to_named_drugs_is_the_drug_allergies_fact(
    wording: str, drugs: str, names: set[str]
) -> None:
    rule = exclusion(wording.format(x=drugs))
    assert isinstance(rule, InList) and rule.fact == "drug_allergies"
    assert names <= set(rule.names)


@pytest.mark.parametrize("wording", ALLERGY_WORDINGS[:5])
def test_an_allergy_to_a_class_names_its_members(wording: str) -> None:
    rule = exclusion(wording.format(x="any TNF inhibitor"))
    assert isinstance(rule, InList) and {"adalimumab", "etanercept", "infliximab"} <= set(rule.names)


@pytest.mark.parametrize(
    "text",
    [
        "Known allergy to murine proteins",
        "Hypersensitivity to other biologics",
        "Hypersensitivity to methotrexate or any of its excipients",
        "Known hypersensitivity to the study drug",
        "Hypersensitivity to methotrexate in patients from Japan",
        "Allergy to latex",
        "Hypersensitivity to methotrexate unless desensitised",
    ],
)
def test_an_allergy_to_something_not_named_never_decides(text: str) -> None:
    assert not leaves(exclusion(text))


def test_an_allergy_in_an_inclusion_is_not_modelled() -> None:
    assert category(parse_criterion("inclusion", "Allergy to methotrexate")) == "review"


def test_the_order_of_the_drugs_does_not_change_the_rule() -> None:
    a = exclusion("Known allergy to sulfasalazine or leflunomide")
    b = exclusion("Known allergy to leflunomide or sulfasalazine")
    assert isinstance(a, InList) and isinstance(b, InList) and set(a.names) == set(b.names)


@pytest.mark.parametrize(
    "extra", [". Willing to comply with the study procedures", ". Unable to read English"]
)
def test_an_unrelated_sentence_leaves_the_allergy(extra: str) -> None:
    base = "Known hypersensitivity to methotrexate"
    assert leaves(exclusion(base + extra)) == leaves(exclusion(base))


ALLERGY_TEXTS = st.sampled_from([w.format(x=d) for w in ALLERGY_WORDINGS for d, _ in DRUGS])
ALLERGY_LIST = st.lists(
    st.sampled_from(["penicillin", "sulfonamides", "codeine", "latex", "aspirin"]), max_size=3
)


@settings(max_examples=120, deadline=None)
@given(ALLERGY_TEXTS, st.one_of(st.none(), ALLERGY_LIST))
def test_an_allergy_never_excludes_a_patient_whose_list_lacks_the_drug(
    text: str, allergies: list[str] | None
) -> None:
    patient = {} if allergies is None else {"drug_allergies": allergies}
    assert not decides_against("exclusion", text, patient)


# --- Obesity by BMI -------------------------------------------------------------------------

OBESITY_WORDINGS = ["Obesity", "Obese", "Patients with obesity", "History of obesity", "Known obesity"]
MORBID_WORDINGS = [
    "Morbid obesity",
    "Morbidly obese",
    "Subjects with morbid obesity",
    "Class III obesity",
    "Known morbid obesity.",
    "Presence of morbid obesity",
]


@pytest.mark.parametrize("text", OBESITY_WORDINGS)
def test_obesity_is_a_bmi_of_at_least_30(text: str) -> None:
    rule = exclusion(text)
    assert Compare("bmi_kg_m2", ">=", OBESITY_BMI) in leaves(rule)
    assert category(rule) == "fully"


@pytest.mark.parametrize("text", MORBID_WORDINGS)
def test_morbid_obesity_is_a_bmi_of_at_least_40_with_a_review_part(text: str) -> None:
    rule = exclusion(text)
    assert Compare("bmi_kg_m2", ">=", CLASS_III_OBESITY_BMI) in leaves(rule)
    assert category(rule) == "partly"


@pytest.mark.parametrize("text", ["Severe obesity", "Obesity in women", "Obesity requiring treatment"])
def test_other_grades_or_scopes_of_obesity_stay_review(text: str) -> None:
    assert not leaves(exclusion(text))


@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from(OBESITY_WORDINGS + MORBID_WORDINGS),
    st.floats(15.0, 29.9),
    st.sampled_from(["No {x}", "Must not be {x}", "Must not have {x}", "Without {x}", "{x}"]),
)
def test_obesity_never_excludes_below_its_who_bound(text: str, bmi: float, template: str) -> None:
    """Below 30 kg/m2 nobody is obese (WHO); a negated inclusion fails only whom the
    exclusion would exclude."""
    patient = {"bmi_kg_m2": bmi}
    kind = "exclusion" if template == "{x}" else "inclusion"
    assert not decides_against(kind, template.format(x=text[0].lower() + text[1:]), patient)


@pytest.mark.parametrize("text", MORBID_WORDINGS[:2])
def test_a_negated_morbid_obesity_inclusion_fails_a_bmi_of_40(text: str) -> None:
    inc = "Must not be " + text.lower() if text.endswith("obese") else "No " + text.lower()
    assert decides_against("inclusion", inc, {"bmi_kg_m2": 41.0})
    assert decides_against("exclusion", text, {"bmi_kg_m2": 41.0})
    assert not decides_against("inclusion", inc, {"bmi_kg_m2": 36.0})


# --- A pregnancy plan as the last alternative -----------------------------------------------

PLAN_WORDINGS = [
    "Pregnant, breastfeeding, or planning to become pregnant during the study",
    "Women who are pregnant or breastfeeding or planning a pregnancy during the study",
    "Pregnancy, lactation or intention to become pregnant during the study",
    "Pregnant or lactating women, or women planning to become pregnant within 6 months after the last dose",
    "Pregnant or nursing women, or men planning to father a child during the study",
    "Breast-feeding or pregnant women, or women wishing to conceive during the trial",
]


def flags(rule: Rule) -> set[str]:
    return {leaf.fact for leaf in leaves(rule) if hasattr(leaf, "fact")}


@pytest.mark.parametrize("text", PLAN_WORDINGS)
def test_a_pregnancy_plan_is_the_sites_and_the_rest_decides(text: str) -> None:
    rule = exclusion(text)
    assert flags(rule) == {"pregnant", "lactating"}
    assert category(rule) == "partly"
    assert decides_against("exclusion", text, {"sex": "female", "pregnant": True})
    assert not decides_against("exclusion", text, {"sex": "female", "pregnant": False, "lactating": False})


@pytest.mark.parametrize(
    "text",
    [
        "Pregnant and planning to become pregnant during the study",
        "Active tuberculosis, or planning to become pregnant",
    ],
)
def test_a_plan_joined_by_and_or_to_another_concept_is_not_the_pregnancy_flag(text: str) -> None:
    assert "pregnant" not in flags(exclusion(text))


@settings(max_examples=120, deadline=None)
@given(
    st.sampled_from(PLAN_WORDINGS),
    st.sampled_from(["Must not be {x}", "No {x}", "Women must not be {x}", "Free of {x}"]),
    st.fixed_dictionaries(
        {"sex": st.sampled_from(["female", "male"])},
        optional={"pregnant": st.booleans(), "lactating": st.booleans()},
    ),
)
def test_a_negated_plan_inclusion_fails_only_whom_the_exclusion_excludes(
    text: str, template: str, patient: dict[str, Any]
) -> None:
    if patient["sex"] == "male":
        patient = {"sex": "male"}
    inc = template.format(x=text[0].lower() + text[1:])
    assert not decides_against("inclusion", inc, patient) or decides_against("exclusion", text, patient)
    if not patient.get("pregnant") and not patient.get("lactating"):
        assert not decides_against("exclusion", text, patient)


def test_the_order_of_pregnancy_and_breastfeeding_does_not_change_the_rule() -> None:
    a = exclusion("Pregnant or breastfeeding, or planning to become pregnant during the study")
    b = exclusion("Breastfeeding or pregnant, or planning to become pregnant during the study")
    assert leaves(a) == leaves(b)


@pytest.mark.parametrize(
    "text",
    [
        "Planning to become pregnant during the study",
        "Women planning a pregnancy during the study",
        "Intention to become pregnant",
        "Women who plan to become pregnant within 6 months of the last dose",
        "Wanting to become pregnant during the trial",
        "Subjects wishing to conceive or father a child",
    ],
)
def test_a_plan_alone_never_excludes_a_pregnant_patient(text: str) -> None:
    """A plan is not a pregnancy now: the phrase patterns read "pregnant" in it before."""
    assert not decides_against("exclusion", text, {"sex": "female", "pregnant": True, "lactating": True})


# --- Named malignancies, each its own type ---------------------------------------------------

TYPES = {
    "lymphoma": ["lymphoma", "Hodgkin's lymphoma", "non-Hodgkin lymphoma"],
    "melanoma": ["melanoma", "melanomas"],
    "breast": ["breast cancer", "breast carcinoma"],
    "prostate": ["prostate cancer", "prostatic carcinoma"],
    "colon": ["colon cancer", "colorectal cancer", "rectal carcinoma"],
    "lung": ["lung cancer"],
    "myeloma": ["multiple myeloma"],
}
MALIGNANCY_WORDINGS = ["{x}", "History of {x}", "Known {x}", "Prior {x}", "Past or current {x}"]


@pytest.mark.parametrize("wording", MALIGNANCY_WORDINGS)
@pytest.mark.parametrize(("kind", "surface"), [(k, s) for k, ss in TYPES.items() for s in ss])
def test_a_named_malignancy_excludes_by_its_own_type_only(wording: str, kind: str, surface: str) -> None:
    text = wording.format(x=surface)
    assert decides_against("exclusion", text, {"malignancies": [{"name": kind, "years_ago": 8}]})
    for other in TYPES:
        if other != kind:
            patient = {"malignancies": [{"name": other, "years_ago": 0}], "conditions": [f"{other} cancer"]}
            assert not decides_against("exclusion", text, patient), (text, other)


DATED_MALIGNANCY = [
    "{x} within the past 5 years",
    "{x} in the last 5 years",
    "History of {x} within 5 years",
    "{x} diagnosed within the past five years",
    "{x} within the last 60 months",
]


@settings(max_examples=120, deadline=None)
@given(
    st.sampled_from(DATED_MALIGNANCY),
    st.sampled_from([s for ss in TYPES.values() for s in ss]),
    st.floats(0.0, 12.0),
)
def test_a_dated_named_malignancy_excludes_only_within_its_window(
    wording: str, surface: str, years: float
) -> None:
    text = wording.format(x=surface)
    kind = next(k for k, ss in TYPES.items() if surface in ss)
    against = decides_against("exclusion", text, {"malignancies": [{"name": kind, "years_ago": years}]})
    assert not against or years <= 5.0
    assert not decides_against("exclusion", text, {"malignancies": [{"name": kind}]})  # undated


@pytest.mark.parametrize("text", ["Active lymphoma", "Active breast cancer", "Current melanoma"])
def test_an_active_named_malignancy_is_not_decided_by_an_undated_list(text: str) -> None:
    assert not decides_against(
        "exclusion", text, {"malignancies": [{"name": text.split()[1], "years_ago": 10}]}
    )


@pytest.mark.parametrize(
    "text",
    ["Current or active malignancy", "Active malignancy", "Current malignancy", "Currently active cancer"],
)
def test_a_current_malignancy_does_not_exclude_a_past_one(text: str) -> None:
    assert not decides_against("exclusion", text, {"malignancy_years_ago": 10.0})
    assert decides_against("exclusion", text, {"malignancy_years_ago": 0.0})


# --- Heart failure by NYHA class ------------------------------------------------------------

NYHA_GRIDS: list[tuple[float, list[str]]] = [
    (
        3.0,
        [
            "Congestive heart failure (NYHA class III or IV)",
            "Heart failure NYHA class III-IV",
            "NYHA class III or IV congestive heart failure",
            "New York Heart Association class III/IV heart failure",
            "Congestive heart failure NYHA class III or higher",
            "Heart failure, New York Heart Association (NYHA) functional class 3 or 4",
        ],
    ),
    (
        2.0,
        [
            "Symptomatic heart failure according to New York Heart Association Class II, III, or IV",
            "Congestive heart failure NYHA class II-IV",
            "Heart failure (NYHA class \\>= II)".replace("\\>= II", "II, III or IV"),
            "NYHA class II to IV heart failure",
            "Cardiac failure NYHA class II or worse",
        ],
    ),
]


@pytest.mark.parametrize(("low", "text"), [(low, t) for low, texts in NYHA_GRIDS for t in texts])
def test_heart_failure_by_nyha_class_is_the_class_at_or_above_the_lowest_named(low: float, text: str) -> None:
    assert exclusion(text) == Compare("nyha_class", ">=", low)


@pytest.mark.parametrize(
    "text",
    [
        "Heart failure NYHA class II or III",
        "Heart failure NYHA class II or IV",
        "Uncontrolled heart failure NYHA class III or IV",
        "History of heart failure NYHA class III or IV",
        "Heart failure NYHA class III or IV in patients over 65",
    ],
)
def test_an_upper_bound_a_gap_a_grade_or_a_scope_stays_review(text: str) -> None:
    assert not leaves(exclusion(text))


NYHA_TEXTS = st.sampled_from([(low, t) for low, texts in NYHA_GRIDS for t in texts])


@settings(max_examples=150, deadline=None)
@given(NYHA_TEXTS, st.sampled_from([0, 1, 2, 3, 4, None]), st.booleans())
def test_heart_failure_never_excludes_below_the_named_class_nor_on_a_diagnosis_alone(
    item: tuple[float, str], nyha: int | None, diagnosed: bool
) -> None:
    low, text = item
    patient: dict[str, Any] = {"conditions": ["congestive heart failure"] if diagnosed else []}
    if nyha is not None:
        patient["nyha_class"] = float(nyha)
    against = decides_against("exclusion", text, patient)
    assert against == (nyha is not None and nyha >= low)
    inc = "No " + text[0].lower() + text[1:]
    assert not decides_against("inclusion", inc, patient) or against
