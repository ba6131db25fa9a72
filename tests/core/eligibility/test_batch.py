"""The vectorised screen equals the scalar evaluator, and reads Parquet and CSV facts."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any, cast

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from synovia.core.eligibility.batch import (
    STATUS_OF_CODE,
    VERDICT_CODES,
    facts_frame,
    read_facts_table,
    screen,
)
from synovia.core.eligibility.evaluate import match_trial
from synovia.core.eligibility.facts import FACTS, FactsError, FactSpec, PatientFacts
from synovia.core.eligibility.parsing import (
    CriterionKind,
    ParsedCriterion,
    parse_catalog,
    parse_criterion,
)
from synovia.core.eligibility.rules import AllOf, AnyOf, Compare, Not, Rule
from synovia.core.eligibility.studies import load_catalog
from tests.core.eligibility.personas import ANA, BEN

CATALOG = parse_catalog(load_catalog())
EXTRA = [
    (
        "EXTRA",
        tuple(
            ParsedCriterion(kind, text, parse_criterion(kind, text))
            for kind, text in cast(
                "list[tuple[CriterionKind, str]]",
                [
                    ("exclusion", "WBC < 3,000/mm3"),
                    ("exclusion", "Platelets < 100 x 10^3/uL"),
                    ("exclusion", "ALT or AST > 2 x ULN"),
                    ("exclusion", "Serum creatinine > 1.5 mg/dL"),
                    ("exclusion", "eGFR < 60 mL/min/1.73 m2"),
                    ("exclusion", "Prior stem cell therapy"),
                    ("inclusion", "Inadequate response to csDMARDs or biologics"),
                    ("exclusion", "Intra-articular corticosteroid injection within 4 weeks"),
                    ("inclusion", "Inadequate response to at least 2 csDMARDs"),
                    ("inclusion", "Naive to biologic DMARDs"),
                    ("exclusion", "Treatment with a TNF inhibitor within 12 weeks"),
                    ("inclusion", "On a stable dose of methotrexate for at least 4 weeks"),
                    ("inclusion", "Methotrexate for at least 12 weeks"),
                    ("exclusion", "History of malignancy within 5 years except basal cell carcinoma"),
                    ("inclusion", "Willing to comply with study procedures"),
                    ("exclusion", "Major surgery less than 8 weeks prior to study start"),
                    ("exclusion", "Serious infection within 3 months, or planned surgery during the study"),
                    ("inclusion", "No live vaccine within 4 weeks"),
                    ("inclusion", "10 < CDAI <= 22"),
                    ("inclusion", "Anti-CCP > 3 x ULN or RF ≥ 20 IU/mL"),
                ],
            )
        ),
    )
]
ALL = [*CATALOG, *EXTRA]
ABSENT = object()


def thresholds(rule: Rule, fact: str) -> list[float]:
    match rule:
        case Compare(name, _, value) if name == fact:
            return [value]
        case AllOf(parts) | AnyOf(parts):
            return [v for p in parts for v in thresholds(p, fact)]
        case Not(inner):
            return thresholds(inner, fact)
        case _:
            return []


WEEKS = st.one_of(st.none(), st.sampled_from([0.0, 2.0, 4.0, 8.0, 12.0, 26.0, 52.0, 300.0]))
DRUG_ITEM = st.fixed_dictionaries(
    {
        "name": st.sampled_from(
            [
                "methotrexate",
                "Adalimumab",
                "tofacitinib",
                "prednisone",
                "Humira",
                "sulfasalazine",
                "rituximab",
            ]
        )
    },
    optional={
        "started_weeks_ago": WEEKS,
        "stopped_weeks_ago": WEEKS,
        "dose": st.sampled_from([7.5, 10.0, 15.0, 25.0]),
        "dose_unit": st.sampled_from(["mg/week", "mg/day"]),
        "dose_changed_weeks_ago": WEEKS,
        "stop_reason": st.sampled_from(["inadequate_response", "intolerance", "other"]),
    },
)
MALIGNANCY_ITEM = st.fixed_dictionaries(
    {"name": st.sampled_from(["basal cell carcinoma", "breast cancer", "melanoma"])},
    optional={"years_ago": st.sampled_from([0.0, 2.0, 5.0, 12.0])},
)


def value_strategy(spec: FactSpec) -> st.SearchStrategy[Any]:
    if spec.kind == "history":
        return st.lists(DRUG_ITEM if spec.name == "drug_history" else MALIGNANCY_ITEM, max_size=4)
    if spec.kind == "boolean":
        return st.booleans()
    if spec.kind == "sex":
        return st.sampled_from(["female", "male"])
    if spec.kind == "list":
        return st.lists(
            st.sampled_from(
                [
                    "methotrexate",
                    "Adalimumab",
                    "tocilizumab",
                    "interstitial lung disease",
                    "mild asthma",
                    "ESRD",
                ]
            ),
            max_size=3,
        )
    cuts = sorted({t for _, cs in ALL for c in cs for t in thresholds(c.rule, spec.name)})
    high = min(spec.high, 150.0)
    numbers = st.integers(int(max(spec.low, 0)), int(high)).map(float)
    values = st.one_of(numbers, st.sampled_from(cuts)) if cuts else numbers
    return st.one_of(st.none(), values) if spec.kind == "since" else values


PATIENT = st.fixed_dictionaries(
    {name: st.one_of(st.just(ABSENT), value_strategy(spec)) for name, spec in FACTS.items()}
).map(lambda d: {k: v for k, v in d.items() if v is not ABSENT})


def assert_batch_equals_scalar(patients: list[dict[str, Any]]) -> None:
    facts = [PatientFacts.from_dict(p) for p in patients]
    result = screen(facts_frame(facts), ALL)
    criteria = dict(ALL)
    for row, one in enumerate(facts):
        for trial_id, trial_criteria in ALL:
            match = match_trial(trial_id, trial_criteria, one)
            assert result.verdicts[trial_id][row] == VERDICT_CODES[match.verdict]
            for i, expected in enumerate(match.criteria):
                got = STATUS_OF_CODE[result.statuses[f"{trial_id}#{i}"][row]]
                assert got == expected.status, (trial_id, criteria[trial_id][i].text, patients[row])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(PATIENT, min_size=1, max_size=8))
def test_batch_equals_scalar_for_generated_patients(patients: list[dict[str, Any]]) -> None:
    assert_batch_equals_scalar(patients)


def test_batch_equals_scalar_for_personas() -> None:
    assert_batch_equals_scalar([ANA, BEN, {}])


def test_reads_csv_with_lists_booleans_never_and_blanks(tmp_path: Path) -> None:
    path = tmp_path / "facts.csv"
    path.write_text(
        "patient_id,age_years,sex,hiv,failed_csdmards,malignancy_years_ago\n"
        "p1,50,female,false,methotrexate; leflunomide,never\n"
        "p2,,male,TRUE,,3\n"
    )
    frame = read_facts_table(path)
    assert frame["patient_id"].to_list() == ["p1", "p2"]
    assert frame["age_years"].to_list() == [50.0, None]
    assert frame["hiv"].to_list() == [False, True]
    assert frame["failed_csdmards"].to_list() == [["methotrexate", "leflunomide"], None]
    assert frame["malignancy_years_ago"][0] == math.inf
    result = screen(frame, CATALOG)
    assert result.statuses.height == 2


def test_reads_parquet(tmp_path: Path) -> None:
    path = tmp_path / "facts.parquet"
    facts_frame([PatientFacts.from_dict(ANA)]).write_parquet(path)
    frame = read_facts_table(path)
    assert frame["failed_biologics"].to_list() == [["adalimumab"]]


def test_unknown_column_is_rejected_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "facts.csv"
    path.write_text("age_years,hemoglobin_g_dl\n50,12\n")
    with pytest.raises(FactsError, match="'hemoglobin_g_dl'"):
        read_facts_table(path)


def test_bad_values_are_rejected(tmp_path: Path) -> None:
    path = tmp_path / "facts.csv"
    path.write_text("hiv\nmaybe\n")
    with pytest.raises(FactsError, match="'hiv'"):
        read_facts_table(path)
    path.write_text("age_years\nforty\n")
    with pytest.raises(FactsError, match="'age_years'"):
        read_facts_table(path)


def test_unreadable_table_is_a_facts_error(tmp_path: Path) -> None:
    with pytest.raises(FactsError, match="cannot read"):
        read_facts_table(tmp_path / "missing.parquet")


def test_frame_with_a_subset_of_columns_is_screened() -> None:
    result = screen(pl.DataFrame({"age_years": [30.0, 95.0]}), CATALOG)
    assert result.verdicts["NCT03067870"].to_list() == [1, 2]


def test_out_of_range_values_are_rejected(tmp_path: Path) -> None:
    path = tmp_path / "facts.csv"
    path.write_text("age_years\n500\n")
    with pytest.raises(FactsError, match="'age_years'"):
        read_facts_table(path)
