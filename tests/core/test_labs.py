"""Lab unit conversion at entry: SI factors, unknown units refused, LOINC codes present."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from synovia.core.labs import (
    LAB_TESTS,
    LOINC,
    LabUnitError,
    Panel,
    convert,
    out_of_range,
    panel_keys,
)


@pytest.mark.parametrize(
    ("key", "value", "unit", "expected", "canonical"),
    [
        ("crp", 1.2, "mg/dL", 12.0, "mg/L"),  # 1 mg/dL = 10 mg/L
        ("hgb", 13.5, "g/dL", 135.0, "g/L"),  # 1 g/dL = 10 g/L
        ("creat", 1.0, "mg/dL", 88.4, "umol/L"),  # Young 1987: x 88.4
        ("alt", 0.5, "µkat/L", 30.0, "U/L"),  # 1 ukat/L = 60 U/L
        ("wbc", 6500, "/uL", 6.5, "10^9/L"),
        ("plt", 250, "10^3/µL", 250.0, "10^9/L"),
        ("il6", 0.012, "ng/mL", 12.0, "pg/mL"),
        ("esr", 30, "mm/h", 30.0, "mm/h"),
    ],
)
def test_converts_to_canonical_unit(
    key: str, value: float, unit: str, expected: float, canonical: str
) -> None:
    result = convert(key, value, unit)
    assert result.value == pytest.approx(expected, rel=1e-9)
    assert result.unit == canonical
    assert (result.entered_value, result.entered_unit) == (value, unit)


def test_unit_spelling_is_forgiving_on_case_space_and_micro_sign() -> None:
    assert convert("creat", 80, " UMOL/L ").value == 80
    assert convert("creat", 80, "μmol/L").value == 80


def test_unknown_unit_is_refused_with_the_accepted_ones() -> None:
    with pytest.raises(LabUnitError, match=r"'mmol/L' is not accepted for C-reactive.*mg/L"):
        convert("crp", 1.0, "mmol/L")


def test_unknown_test_is_refused() -> None:
    with pytest.raises(LabUnitError, match="unknown lab test"):
        convert("ferritin", 1.0, "ng/mL")


def test_negative_values_are_refused() -> None:
    with pytest.raises(LabUnitError, match="negative"):
        convert("crp", -1.0, "mg/L")


def test_routine_labs_are_loinc_coded_and_mechanism_panel_complete() -> None:
    for key in ("esr", "crp", "hgb", "wbc", "plt", "alt", "ast", "creat", "rf", "accp"):
        assert LAB_TESTS[key].system == LOINC
    mechanism = set(panel_keys(Panel.MECHANISM))
    assert mechanism == {
        "il6", "il17", "tnfa", "ifng", "il4", "il10", "tgfb", "baff", "april", "treg", "th17"
    }  # fmt: skip


def test_reference_range_flags() -> None:
    assert out_of_range("crp", 12.0)
    assert not out_of_range("crp", 3.0)
    assert not out_of_range("crp", 12.0, high=15.0)


@given(st.sampled_from(sorted(LAB_TESTS)), st.floats(min_value=0, max_value=1))
def test_conversion_is_linear_and_canonical_unit_is_identity(key: str, share: float) -> None:
    test = LAB_TESTS[key]
    low, high = test.plausible
    value = low + share * (high - low)  # inside the plausible range (canonical unit)
    assert math.isclose(convert(key, value, test.unit).value, value, rel_tol=1e-9, abs_tol=1e-6)
    for unit, factor in test.factors.items():
        entered = value / factor
        assert math.isclose(convert(key, entered, unit).value, value, rel_tol=1e-9, abs_tol=1e-5)
