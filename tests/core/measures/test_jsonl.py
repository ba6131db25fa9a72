"""The ``synovia measures`` command logic: JSON Lines in, one JSON line out per line."""

from __future__ import annotations

import io
import json

import pytest

from synovia.core.measures.jsonl import MEASURES, run

HAQ_ITEMS = {
    "dressing": [1, 0],
    "arising": [2, 1],
    "eating": [0, 1, 0],
    "walking": [0, 0],
    "hygiene": [1, None, 0],
    "reach": [2, 2],
    "grip": [1, 1, 0],
    "activities": [0, 1, 0],
}
ACR_BASE = {"tjc68": 20, "sjc66": 10, "pain_cm": 6, "ptga_cm": 6, "ega_cm": 6, "haq_di": 1.5, "crp_mg_l": 20}
ACR_NOW = {"tjc68": 10, "sjc66": 5, "pain_cm": 3, "ptga_cm": 3, "ega_cm": 3, "haq_di": 0.75, "crp_mg_l": 10}

# One valid line per measure with its expected output (values worked in the instrument tests).
VALID = [
    ({"measure": "das28_esr", "tjc28": 4, "sjc28": 9, "esr_mm_h": 20, "ptga_mm": 50}, 4.7570, "moderate"),
    ({"measure": "das28_esr3", "tjc28": 4, "sjc28": 9, "esr_mm_h": 20}, 4.5416, "moderate"),
    ({"measure": "das28_crp", "tjc28": 4, "sjc28": 9, "crp_mg_l": 10, "ptga_mm": 50}, 4.4832, "moderate"),
    ({"measure": "das28_crp3", "tjc28": 4, "sjc28": 9, "crp_mg_dl": 1.0}, 4.2556, "moderate"),
    ({"measure": "cdai", "tjc28": 5, "sjc28": 3, "ptga_cm": 4.5, "ega_cm": 3.5}, 16.0, "moderate"),
    (
        {"measure": "sdai", "tjc28": 5, "sjc28": 3, "ptga_cm": 4.5, "ega_cm": 3.5, "crp_mg_dl": 2.3},
        18.3,
        "moderate",
    ),
    ({"measure": "haq_di", "items": HAQ_ITEMS, "aids": []}, 1.125, None),
    ({"measure": "rapid3", "function_cm": 3.3, "pain_cm": 5, "ptga_cm": 4}, 12.3, "high"),
    ({"measure": "eular_response", "das28_baseline": 5.0, "das28_current": 2.5}, 2.5, "good"),
    ({"measure": "acr_response", "baseline": ACR_BASE, "current": ACR_NOW}, 50.0, "ACR50"),
    (
        {
            "measure": "boolean_remission",
            "tjc28": 1,
            "sjc28": 0,
            "crp_mg_dl": 0.8,
            "ptga_cm": 1.5,
            "version": 2011,
        },
        None,
        "not_remission",
    ),
    (
        {"measure": "boolean_remission", "tjc28": 1, "sjc28": 0, "crp_mg_l": 8, "ptga_cm": 1.5},
        None,
        "remission",
    ),
    (
        {
            "measure": "acr_eular_2010",
            "large_joints": 0,
            "small_joints": 2,
            "serology": "high_positive",
            "acute_phase_abnormal": False,
            "duration_weeks": 8,
        },
        6.0,
        "RA",
    ),
]


def _run(lines: list[str]) -> tuple[int, list[dict[str, object]]]:
    out = io.StringIO()
    code = run(lines, out)
    return code, [json.loads(line) for line in out.getvalue().splitlines()]


def test_every_measure_is_covered() -> None:
    assert {line["measure"] for line, _, _ in VALID} == set(MEASURES)


@pytest.mark.parametrize(("line", "value", "category"), VALID, ids=[v[0]["measure"] for v in VALID])
def test_computes_every_measure(line: dict[str, object], value: float | None, category: str | None) -> None:
    code, [output] = _run([json.dumps(line) + "\n"])
    assert code == 0
    assert set(output) == {"value", "category"}
    assert output["category"] == category
    if value is None:
        assert output["value"] is None
    else:
        assert output["value"] == pytest.approx(value, abs=1e-4)


def test_writes_one_line_per_input_line_in_order_and_goes_on_after_errors() -> None:
    lines = [json.dumps(v[0]) for v in VALID[:3]]
    lines.insert(1, '{"measure": "das28_esr", "tjc28": 31, "sjc28": 2, "esr_mm_h": 20, "ptga_mm": 5}')
    code, outputs = _run(lines)
    assert code == 2
    assert len(outputs) == 4
    assert outputs[1] == {"error": "tjc28=31 is outside the allowed range 0-28"}
    assert outputs[0]["value"] == pytest.approx(4.7570, abs=1e-4)
    assert outputs[2]["value"] == pytest.approx(4.5416, abs=1e-4)


def test_output_values_are_unrounded() -> None:
    _, [output] = _run([json.dumps(VALID[0][0])])
    assert output["value"] == 4.757012591487793


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('{"measure": "das29"}', "unknown measure 'das29'"),
        ('{"tjc28": 1}', "unknown measure None"),
        ("not json", "invalid JSON"),
        ("[1, 2]", "a line must be a JSON object"),
        ("", "empty line"),
        # a unit-less name is refused, never guessed
        (
            '{"measure": "das28_crp", "tjc28": 1, "sjc28": 1, "crp": 5, "ptga_mm": 5}',
            "crp is not an input of das28_crp",
        ),
        # an input of another measure is refused too
        (
            '{"measure": "cdai", "tjc28": 1, "sjc28": 1, "ptga_cm": 1, "ega_cm": 1, "esr_mm_h": 9}',
            "esr_mm_h is not an input of cdai",
        ),
        (
            '{"measure": "das28_crp", "tjc28": 1, "sjc28": 1, "crp_mg_l": 5, "crp_mg_dl": 0.5, "ptga_mm": 5}',
            "crp_mg_l and crp_mg_dl were both given; give exactly one",
        ),
        (
            '{"measure": "das28_esr", "tjc28": 1, "sjc28": 1, "ptga_mm": 5}',
            "esr_mm_h is missing (allowed above 0 up to 200)",
        ),
        (
            '{"measure": "das28_esr", "tjc28": 1, "sjc28": 1, "esr_mm_h": 0, "ptga_mm": 5}',
            "esr_mm_h=0 is outside the allowed range above 0 up to 200",
        ),
        (
            '{"measure": "sdai", "tjc28": 1, "sjc28": 1, "ptga_cm": 1, "ega_cm": 1, "crp_mg_dl": -1}',
            "crp_mg_dl=-1 is outside the allowed range 0-50",
        ),
        ('{"measure": "cdai", "tjc28": 1, "sjc28": null, "ptga_cm": 1, "ega_cm": 1}', "sjc28 is missing"),
        (
            '{"measure": "cdai", "tjc28": "3", "sjc28": 1, "ptga_cm": 1, "ega_cm": 1}',
            "tjc28='3' is not a number",
        ),
        (
            '{"measure": "das28_esr", "tjc28": 1, "sjc28": 1, "esr_mm_h": NaN, "ptga_mm": 5}',
            "esr_mm_h=nan is outside",
        ),
        (
            '{"measure": "rapid3", "function_cm": 1, "pain_cm": 1, "ptga_mm": 5, "ptga_cm": 1}',
            "ptga_mm and ptga_cm were both given",
        ),
        ('{"measure": "haq_di", "items": {"dressing": [0, 0]}}', "1 of 8 categories answered"),
        (
            '{"measure": "boolean_remission", "tjc28": 0, "sjc28": 0, "crp_mg_dl": 0.5, '
            '"ptga_cm": 1, "version": "2022"}',
            "version='2022' is not 2011 or 2022",
        ),
        (
            '{"measure": "acr_eular_2010", "large_joints": 1, "small_joints": 1, '
            '"serology": "rf+", "acute_phase_abnormal": false, "duration_weeks": 3}',
            "serology='rf+' is not one of",
        ),
    ],
)
def test_error_lines_name_the_problem_and_exit_2(line: str, message: str) -> None:
    code, [output] = _run([line])
    assert code == 2
    assert set(output) == {"error"}
    assert message in str(output["error"])


def test_exit_code_zero_for_an_empty_input() -> None:
    assert _run([]) == (0, [])


def test_survives_numbers_too_large_for_a_float_and_deep_nesting() -> None:
    huge = '{"measure": "cdai", "tjc28": 1' + "0" * 400 + ', "sjc28": 1, "ptga_cm": 1, "ega_cm": 1}'
    deep = '{"measure": "haq_di", "items": ' + "[" * 100_000 + "]" * 100_000 + "}"
    code, outputs = _run([huge, deep, json.dumps(VALID[0][0])])
    assert code == 2
    assert "tjc28=" in str(outputs[0]["error"])
    assert "error" in outputs[1]
    assert outputs[2]["category"] == "moderate"


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ({"measure": "haq_di", "items": [1, 2]}, "items must be an object"),
        ({"measure": "haq_di", "items": {}, "aids": None}, "aids must be a list of category names"),
        (
            {"measure": "acr_response", "baseline": 3, "current": {}},
            "baseline must be an object holding the ACR core set",
        ),
    ],
)
def test_structural_errors_read_as_sentences(line: dict[str, object], message: str) -> None:
    code, [output] = _run([json.dumps(line)])
    assert code == 2
    assert message in str(output["error"])
