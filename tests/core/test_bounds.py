"""Plausible ranges and dates (synovia.core.bounds), lab plausibility, safe JSON, record facts."""

from __future__ import annotations

import datetime as dt
import json
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from synovia.core import bounds, labs
from synovia.core.bounds import BOUNDS, BoundError, check_birth_date, check_event_date
from synovia.core.eligibility.facts import FACTS, FactsError, PatientFacts, facts_from_record
from synovia.core.jsonsafe import JsonInputError, safe_json_loads

TODAY = dt.date(2026, 6, 1)
HOSTILE_NUMBERS = [math.nan, math.inf, -math.inf, 1e308, -1e308, 10**400, -1, True, "3", None]

# Entry fields whose values become matching facts: what a form accepts must be a valid fact.
ENTRY_TO_FACT = {
    "esr_mm_h": "esr_mm_h",
    "crp_mg_l": "crp_mg_l",
    "tjc28": "tjc28",
    "sjc28": "sjc28",
    "tjc68": "tjc68",
    "sjc66": "sjc66",
    "weight_kg": "weight_kg",
    "age_years": "age_years",
    "steinbrocker_stage": "radiographic_stage",
}
LAB_TO_FACT = {
    "esr": "esr_mm_h",
    "crp": "crp_mg_l",
    "hgb": "hemoglobin_g_l",
    "wbc": "wbc_10e9_l",
    "plt": "platelets_10e9_l",
    "creat": "creatinine_umol_l",
}


@pytest.mark.parametrize("name", sorted(BOUNDS))
@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf, 1e308, -1e308, 10**400])
def test_no_bound_lets_nan_infinity_or_huge_numbers_pass(name, value):
    with pytest.raises(BoundError) as caught:
        BOUNDS[name].check(value)
    assert caught.value.field == name
    assert BOUNDS[name].unit in str(caught.value)


@pytest.mark.parametrize("name", sorted(BOUNDS))
def test_every_bound_is_documented_and_holds_its_limits(name):
    b = BOUNDS[name]
    assert b.basis and b.label and b.low < b.high
    assert b.holds(b.low) and b.holds(b.high)
    assert not b.holds(b.high * 1.01 + 1) and not b.holds(b.low - 1)


@given(st.sampled_from(sorted(BOUNDS)), st.floats(allow_nan=True, allow_infinity=True))
def test_check_accepts_exactly_the_finite_values_inside(name, value):
    b = BOUNDS[name]
    inside = math.isfinite(value) and b.low <= value <= b.high and (not b.whole or value.is_integer())
    if inside:
        assert b.check(value) == value
    else:
        with pytest.raises(BoundError):
            b.check(value)


def test_issue_values_are_refused():
    """Found on a running instance: 1e308 CRP/ESR, cell dose 1e308, Treg 500 %."""
    for name in ("crp_mg_l", "esr_mm_h", "dose_cells_per_kg", "total_cells", "dose_cells"):
        with pytest.raises(BoundError):
            bounds.check_numbers({name: 1e308})
    with pytest.raises(labs.LabUnitError):
        labs.convert("treg", 500, "%")
    with pytest.raises(labs.LabUnitError):
        labs.convert("il6", 1e308, "pg/mL")


@pytest.mark.parametrize("key", sorted(labs.LAB_TESTS))
def test_every_analyte_has_a_documented_plausible_range_and_refuses_outside(key):
    test = labs.LAB_TESTS[key]
    low, high = test.plausible
    assert test.basis and math.isfinite(high) and 0 <= low < high
    assert labs.convert(key, high, test.unit).value == high
    for value in (high * 1.01 + 1, math.nan, math.inf, 1e308, -1):
        with pytest.raises(labs.LabUnitError) as caught:
            labs.convert(key, value, test.unit)
        assert caught.value.field == "value"


def test_percentages_are_0_to_100():
    for key in ("treg", "th17"):
        assert labs.LAB_TESTS[key].plausible == (0, 100)
    assert BOUNDS["percent"].low == 0 and BOUNDS["percent"].high == 100


@pytest.mark.parametrize(
    ("low", "high", "field"),
    [
        (10, 1, "ref_high"),
        (-1, 5, "ref_low"),
        (1, -5, "ref_high"),
        (math.nan, 5, "ref_low"),
        (1, math.inf, "ref_high"),
        (1, 1e308, "ref_high"),
        (5, 5, "ref_high"),
    ],
)
def test_reference_range_must_be_sane(low, high, field):
    with pytest.raises(labs.LabUnitError) as caught:
        labs.reference_range("crp", "mg/L", low, high)
    assert caught.value.field == field


def test_reference_range_is_converted_and_may_be_half_given():
    assert labs.reference_range("crp", "mg/dL", 0, 0.5) == (0, 5.0)
    assert labs.reference_range("alt", "U/L", None, 40) == (None, 40)


@pytest.mark.parametrize("entry", sorted(ENTRY_TO_FACT))
def test_what_an_entry_field_accepts_is_a_valid_fact(entry):
    b, fact = BOUNDS[entry], FACTS[ENTRY_TO_FACT[entry]]
    assert fact.low <= b.low and b.high <= fact.high


@pytest.mark.parametrize("key", sorted(LAB_TO_FACT))
def test_what_the_lab_form_accepts_is_a_valid_fact(key):
    low, high = labs.LAB_TESTS[key].plausible
    fact = FACTS[LAB_TO_FACT[key]]
    assert fact.low <= low and high <= fact.high


# --- dates ---------------------------------------------------------------------------------


@pytest.mark.parametrize("birth", [dt.date(9999, 12, 31), dt.date(1, 1, 1), dt.date(1899, 12, 31)])
def test_implausible_birth_dates_are_refused(birth):
    with pytest.raises(BoundError) as caught:
        check_birth_date(birth, today=TODAY)
    assert caught.value.field == "birth_date"


def test_birth_from_1900_to_today_is_accepted():
    assert check_birth_date(dt.date(1900, 1, 1), today=TODAY)
    assert check_birth_date(TODAY, today=TODAY)


@given(st.dates(), st.integers(min_value=0, max_value=31))
def test_event_dates_lie_between_birth_and_today_plus_margin(day, margin):
    birth = dt.date(1970, 5, 1)
    inside = birth <= day <= TODAY + dt.timedelta(days=margin)
    try:
        check_event_date("visit_date", day, birth=birth, today=TODAY, margin_days=margin)
    except BoundError as exc:
        assert not inside and exc.field == "visit_date"
    else:
        assert inside


def test_event_date_before_birth_or_far_future_is_refused():
    birth = dt.date(1970, 5, 1)
    for day in (dt.date(1969, 1, 1), dt.date(9999, 12, 31), dt.date(1, 1, 1), TODAY + dt.timedelta(2)):
        with pytest.raises(BoundError):
            check_event_date("referred_on", day, birth=birth, today=TODAY, margin_days=1)
    assert check_event_date("referred_on", TODAY + dt.timedelta(1), birth=birth, today=TODAY, margin_days=1)


# --- JSON from outside ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "[" * 100_000,
        "[" * 100_000 + "]" * 100_000,
        '{"age_years": ' + "4" * 400 + "}",
        '{"age_years": NaN}',
        '{"age_years": Infinity}',
        '{"age_years": -Infinity}',
        '{"age_years": 1e400}',
        b'{"sex": "\xff"}',
        "{",
        "",
    ],
)
def test_safe_json_refuses_with_one_error(text):
    with pytest.raises(JsonInputError):
        safe_json_loads(text)


def test_safe_json_reads_ordinary_json():
    assert safe_json_loads(b'\xef\xbb\xbf{"a": [1, 2.5, null, "x"]}') == {"a": [1, 2.5, None, "x"]}


@given(
    st.recursive(
        st.none() | st.booleans() | st.integers(-(10**15), 10**15) | st.text(),
        lambda c: st.lists(c, max_size=4) | st.dictionaries(st.text(), c, max_size=4),
        max_leaves=20,
    )
)
def test_safe_json_round_trips_plain_json(value):
    assert safe_json_loads(json.dumps(value)) == value


# --- facts ---------------------------------------------------------------------------------


@pytest.mark.parametrize("value", [10**400, -(10**400), math.nan, math.inf, 1e308])
def test_a_huge_number_for_any_numeric_fact_is_a_facts_error(value):
    for name, spec in FACTS.items():
        if spec.kind == "number":
            with pytest.raises(FactsError):
                PatientFacts.from_dict({name: value})


def test_fact_messages_do_not_repeat_a_huge_value():
    with pytest.raises(FactsError) as caught:
        PatientFacts.from_dict({"conditions": ["x" * 10_000]} | {"sex": "y" * 10_000})
    assert len(str(caught.value)) < 200


@given(st.dictionaries(st.sampled_from(sorted(FACTS)), st.sampled_from(HOSTILE_NUMBERS) | st.floats()))
def test_record_facts_never_raise_and_keep_only_valid_values(data):
    facts, notes = facts_from_record(data)
    assert len(facts.values) + len(notes) == len(data)
    PatientFacts.from_dict({k: (None if v == math.inf else v) for k, v in facts.values.items()})
    assert all("read as unknown" in note for note in notes)
