"""Units at the boundary and the range checks every measure shares."""

from __future__ import annotations

import pytest

from synovia.core.measures import MeasureInputError, units


def test_crp_conversions() -> None:
    # 1 mg/dL = 10 mg/L
    assert units.crp_mg_dl_to_mg_l(1.2) == pytest.approx(12.0)
    assert units.crp_mg_l_to_mg_dl(12.0) == pytest.approx(1.2)


def test_visual_analogue_scale_conversions() -> None:
    # a 100 mm line is a 10 cm line
    assert units.vas_cm_to_mm(4.5) == pytest.approx(45.0)
    assert units.vas_mm_to_cm(45.0) == pytest.approx(4.5)


def test_given_keeps_the_unit_it_was_given_in() -> None:
    assert units.crp_in_mg_l(None, 1.5) == units.Given("crp_mg_dl", 1.5, 15.0)
    assert units.ptga_in_cm(45, None) == units.Given("ptga_mm", 45.0, 4.5)


def test_error_has_field_value_allowed_and_a_readable_message() -> None:
    with pytest.raises(MeasureInputError) as caught:
        units.count("tjc28", 31)
    error = caught.value
    assert isinstance(error, ValueError)
    assert (error.field, error.value, error.allowed) == ("tjc28", 31, "0-28")
    assert str(error) == "tjc28=31 is outside the allowed range 0-28"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("esr_mm_h", 0, "esr_mm_h=0 is outside the allowed range above 0 up to 200"),
        ("crp_mg_l", -0.1, "crp_mg_l=-0.1 is outside the allowed range 0-500"),
        ("ptga_mm", 101, "ptga_mm=101 is outside the allowed range 0-100"),
        ("ptga_cm", None, "ptga_cm is missing (allowed 0-10)"),
        ("haq_di", True, "haq_di=True is not a number (allowed 0-3)"),
    ],
)
def test_range_messages(field: str, value: object, message: str) -> None:
    with pytest.raises(MeasureInputError) as caught:
        units.number(field, value)
    assert str(caught.value) == message


def test_bounds_are_inclusive_except_esr_above_zero() -> None:
    assert units.number("crp_mg_l", 0) == 0.0
    assert units.number("ptga_mm", 100) == 100.0
    assert units.number("esr_mm_h", 200) == 200.0
    assert units.count("sjc66", 66) == 66
