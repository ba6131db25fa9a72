"""Answers -> eligibility facts: units converted exactly, unknown stays unknown, lists given
only when complete; RAPID3 against the published conversion and categories."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from synovia.core.eligibility.facts import PatientFacts
from synovia.selfcheck import mapping
from synovia.selfcheck.questions import CONDITIONS, MDHAQ_ITEMS, STEPS
from tests.apps.selfcheck.conftest import ANSWERS


def test_the_sample_answers_become_valid_facts():
    facts = mapping.core_facts(ANSWERS)
    PatientFacts.from_dict(facts)  # the facts interface accepts them
    assert facts["age_years"] == 52.0
    assert facts["disease_duration_months"] == 72.0
    assert facts["crp_mg_l"] == 15.0  # 1.5 mg/dL x 10
    assert facts["crp_x_uln"] == 3.0  # 1.5 / 0.5, same unit
    assert facts["esr_mm_h"] == 38.0
    assert facts["failed_csdmards"] == ["methotrexate", "leflunomide"]
    assert facts["current_drugs"] == ["methotrexate"]
    assert facts["failed_biologics"] == ["adalimumab"]
    assert facts["prednisone_mg_day"] == 5.0
    assert facts["malignancy_years_ago"] is None and facts["intraarticular_steroid_weeks_ago"] is None
    assert facts["pregnant"] is False and facts["childbearing_potential"] is False
    assert facts["conditions"] == [] and facts["rf_positive"] is True and "acpa_positive" not in facts
    # "none of these" answers the four conditions asked, not every condition a trial names
    assert facts["conditions_asked"] == [core for core, _label in CONDITIONS.values()]


def test_pain_and_global_answers_are_the_mm_facts() -> None:
    answers = dict(ANSWERS) | {"pain": dict(ANSWERS["pain"]) | {"pain": "0.7", "global_": "6.5"}}
    facts = mapping.core_facts(answers)
    assert facts["pain_vas_mm"] == 7.0 and facts["patient_global_mm"] == 65.0  # exact, not 7.000000000000001
    PatientFacts.from_dict(facts)


@pytest.mark.parametrize(
    ("drug", "dose", "prednisone"),
    # Liu et al. 2013, Table 1: prednisone 5 mg = methylprednisolone 4 mg = dexamethasone 0.75 mg
    [
        ("prednisone", "5", "5"),
        ("methylprednisolone", "4", "5"),
        ("dexamethasone", "0.75", "5"),
        ("deflazacort", "6", "5"),
    ],
)
def test_steroid_doses_become_prednisone_equivalents_exactly(drug, dose, prednisone):
    assert mapping.prednisone_equivalent(drug, Decimal(dose)) == Decimal(prednisone)


def test_a_medicine_list_with_an_unknown_answer_is_unknown():
    answers = {**ANSWERS, "biologics": {**ANSWERS["biologics"], "etanercept": ""}}
    facts = mapping.core_facts(answers)
    assert "failed_biologics" not in facts and "current_drugs" not in facts
    assert facts["failed_csdmards"] == ["methotrexate", "leflunomide"]


def test_nothing_answered_is_no_fact_at_all():
    assert mapping.core_facts({}) == {}


def test_a_man_is_never_given_pregnancy_facts():
    facts = mapping.core_facts({**ANSWERS, "sex": {"sex": "male"}})
    assert "pregnant" not in facts and "childbearing_potential" not in facts


# RAPID3: FN raw 0-30 / 3 (Pincus, Yazici, Bergman 2009 conversion: 30 -> 10, 15 -> 5.0, 1 -> 0.3);
# categories of Pincus et al. 2008 (near remission <= 3, low <= 6, moderate <= 12, high > 12).
@pytest.mark.parametrize(
    ("raw", "fn"), [(0, "0.0"), (1, "0.3"), (2, "0.7"), (15, "5.0"), (29, "9.7"), (30, "10.0")]
)
def test_mdhaq_function_conversion(raw, fn):
    items = [3] * (raw // 3) + ([raw % 3] if raw % 3 else [])
    items += [0] * (10 - len(items))
    answers = {key: str(v) for key, v in zip(MDHAQ_ITEMS, items, strict=True)}
    assert mapping.function_score(answers) == Decimal(fn)


def test_rapid3_of_the_sample_is_high():
    result = mapping.rapid3_of(ANSWERS)
    assert result is not None
    assert result.value == pytest.approx(3.3 + 6 + 5.5)  # FN 10/3 = 3.3
    assert result.category == "high"


def test_rapid3_needs_every_part():
    assert mapping.rapid3_of({**ANSWERS, "pain": {"pain": "", "global_": "4"}}) is None
    assert mapping.rapid3_of({**ANSWERS, "function": {**ANSWERS["function"], "cup": ""}}) is None


field_text = st.one_of(
    st.sampled_from(
        [
            "",
            "0",
            "-1",
            "0.5",
            "1,5",
            "10",
            "50.01",
            "120",
            "500",
            "1e9",
            "nan",
            "inf",
            "yes",
            "no",
            "never",
            "weeks",
            "months",
            "past",
            "active",
            "mg/dL",
            "mg/L",
            "prednisone",
            "dexamethasone",
            "none",
            "kidney",
            "female",
            "male",
            "could",
            "3",
            "now_not_enough",
        ]
    ),
    st.text(max_size=12),
)


@pytest.mark.django_db
@given(
    st.sampled_from(STEPS).flatmap(
        lambda s: st.tuples(st.just(s), st.dictionaries(st.sampled_from(list(s.form().fields)), field_text))
    )
)
def test_whatever_a_screen_accepts_is_a_valid_fact(step_and_data):
    """The forms' bounds sit inside the facts' bounds: an accepted answer always maps to facts
    that the core accepts (a refused one never reaches the session)."""
    step, data = step_and_data
    form = step.form(data)
    if not form.is_valid():
        assert form.errors
        return
    answers = {**ANSWERS, step.key: form.answers()}
    PatientFacts.from_dict(mapping.core_facts(answers))
    mapping.rapid3_of(answers)
