"""The fixed patient-facts interface: names, types, units, unknown keys rejected."""

from __future__ import annotations

import math

import pytest

from synovia.core.eligibility.facts import FACTS, FactsError, PatientFacts, effective_value
from tests.core.eligibility.personas import ANA

ISSUE_TEXT = (
    "age_years sex pregnant lactating uses_contraception meets_acr_eular_2010 meets_acr_1987 "
    "disease_duration_months das28_esr das28_crp cdai sdai tjc28 sjc28 esr_mm_h crp_mg_l "
    "hemoglobin_g_l wbc_10e9_l platelets_10e9_l alt_x_uln ast_x_uln creatinine_umol_l "
    "egfr_ml_min prednisone_mg_day intraarticular_steroid_weeks_ago failed_csdmards "
    "failed_biologics current_drugs malignancy_years_ago hbv hcv hiv tb_active tb_latent "
    "prior_cell_therapy trial_participation_months_ago conditions consent_given "
    "radiographic_stage erosions rf_positive acpa_positive weight_kg"
)
ISSUE_FACTS = ISSUE_TEXT.split()


def test_every_fact_named_in_the_issue_is_in_the_schema() -> None:
    assert set(ISSUE_FACTS) <= set(FACTS)


def test_added_facts_are_documented_as_added() -> None:
    for name in set(FACTS) - set(ISSUE_FACTS):
        assert "added" in FACTS[name].meaning


def test_full_persona_is_accepted() -> None:
    facts = PatientFacts.from_dict(ANA)
    assert facts.get("age_years") == 52.0
    assert facts.get("failed_csdmards") == ("methotrexate",)


def test_rejects_unknown_key_naming_it() -> None:
    with pytest.raises(FactsError, match="'hemoglobin_g_dl'"):
        PatientFacts.from_dict({"age_years": 40, "hemoglobin_g_dl": 12})


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("age_years", "forty"),
        ("age_years", True),
        ("pregnant", 1),
        ("sex", "F"),
        ("failed_csdmards", "methotrexate"),
        ("conditions", [1]),
        ("age_years", math.nan),
        ("tjc28", 29),
        ("radiographic_stage", 5),
        ("hemoglobin_g_l", -1),
    ],
)
def test_rejects_wrong_type_or_out_of_range_naming_the_key(key: str, value: object) -> None:
    with pytest.raises(FactsError, match=repr(key)):
        PatientFacts.from_dict({key: value})


def test_rejects_non_object() -> None:
    with pytest.raises(FactsError):
        PatientFacts.from_dict([1, 2])  # type: ignore[arg-type]


def test_haemoglobin_in_g_per_l_rejects_a_g_per_dl_value_out_of_range() -> None:
    assert FACTS["hemoglobin_g_l"].unit == "g/L"
    assert PatientFacts.from_dict({"hemoglobin_g_l": 12.5}).get("hemoglobin_g_l") == 12.5


def test_absent_fact_is_unknown_not_false() -> None:
    facts = PatientFacts.from_dict({"age_years": 40})
    assert facts.get("pregnant") is None
    assert facts.get("conditions") is None


def test_null_since_fact_means_never() -> None:
    facts = PatientFacts.from_dict({"malignancy_years_ago": None})
    assert facts.get("malignancy_years_ago") == math.inf


def test_null_is_rejected_for_other_facts() -> None:
    with pytest.raises(FactsError, match="'age_years'"):
        PatientFacts.from_dict({"age_years": None})


def test_a_man_is_read_as_not_pregnant_nor_lactating() -> None:
    facts = PatientFacts.from_dict({"sex": "male"})
    assert effective_value(facts, "pregnant") is False
    assert effective_value(facts, "lactating") is False


def test_a_woman_of_unknown_pregnancy_stays_unknown() -> None:
    facts = PatientFacts.from_dict({"sex": "female"})
    assert effective_value(facts, "pregnant") is None
