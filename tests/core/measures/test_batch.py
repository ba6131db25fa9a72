"""The vectorised engine agrees with the scalar functions and refuses bad columns."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

import numpy as np
import polars as pl
import pytest

from synovia.core.measures import (
    CATEGORY_LABELS,
    MeasureInputError,
    cdai,
    compute_visits,
    das28_crp,
    das28_esr,
    sdai,
)

COLUMNS = {
    "tjc28": np.array([4, 0, 28, 1]),
    "sjc28": np.array([9, 0, 28, 1]),
    "esr_mm_h": np.array([20.0, 1.0, 200.0, 5.0]),
    "crp_mg_l": np.array([10.0, 0.0, 500.0, 10.0]),
    "ptga_mm": np.array([50.0, 0.0, 100.0, 20.0]),
    "ega_cm": np.array([3.5, 0.0, 10.0, 0.4]),
}

Score = Callable[..., dict[str, Any]]


@pytest.fixture(params=[{"workers": 1}, {"workers": 2, "chunk_rows": 3}])
def score(request: pytest.FixtureRequest) -> Score:
    """``compute_visits`` in one thread, and over two threads in tiny chunks."""
    return partial(compute_visits, **request.param)


def test_scores_match_the_worked_examples(score: Score) -> None:
    out = score(COLUMNS)
    assert out["das28_esr"][0] == pytest.approx(4.7570, abs=1e-4)  # Prevoo 1995, by hand
    assert out["das28_crp"][0] == pytest.approx(4.4832, abs=1e-4)  # das-score.nl, by hand
    assert out["das28_esr"][1] == 0.0
    assert out["das28_crp"][1] == pytest.approx(0.96)
    # row 3: 0.56 + 0.28 + 0.70*ln(5) + 0.28 = 2.2466 -> remission
    assert list(out["das28_esr_category"]) == [2, 0, 3, 0]
    assert CATEGORY_LABELS["das28_esr"][2] == "moderate"


def test_every_output_agrees_with_the_scalar_function(score: Score) -> None:
    out = score(COLUMNS)
    for i in range(4):
        row = {k: v[i].item() for k, v in COLUMNS.items()}
        esr = das28_esr(
            tjc28=row["tjc28"], sjc28=row["sjc28"], esr_mm_h=row["esr_mm_h"], ptga_mm=row["ptga_mm"]
        )
        crp = das28_crp(
            tjc28=row["tjc28"], sjc28=row["sjc28"], crp_mg_l=row["crp_mg_l"], ptga_mm=row["ptga_mm"]
        )
        clinical = {
            "tjc28": row["tjc28"],
            "sjc28": row["sjc28"],
            "ptga_mm": row["ptga_mm"],
            "ega_cm": row["ega_cm"],
        }
        for name, result in (
            ("das28_esr", esr),
            ("das28_crp", crp),
            ("cdai", cdai(**clinical)),
            ("sdai", sdai(**clinical, crp_mg_l=row["crp_mg_l"])),
        ):
            assert out[name][i] == pytest.approx(result.value, rel=1e-12)
            assert CATEGORY_LABELS[name][out[f"{name}_category"][i]] == result.category


def test_boolean_remission_codes(score: Score) -> None:
    out = score(COLUMNS)
    # row 1: all zero -> remission; row 3: 1, 1, CRP 1.0 mg/dL, PtGA 2.0 cm -> remission (2022)
    assert list(out["boolean_remission_category"]) == [0, 1, 0, 1]


def test_missing_values_give_nan_and_code_minus_one(score: Score) -> None:
    columns = COLUMNS | {
        "esr_mm_h": np.array([np.nan, 1.0, 200.0, 5.0]),
        "tjc28": np.array([4.0, 0.0, np.nan, 1.0]),
    }
    out = score(columns)
    assert np.isnan(out["das28_esr"][0]) and out["das28_esr_category"][0] == -1
    assert not np.isnan(out["das28_crp"][0])
    assert np.isnan(out["cdai"][2]) and out["cdai_category"][2] == -1
    assert out["boolean_remission_category"][2] == -1


def test_other_units_are_converted_like_the_scalar_code(score: Score) -> None:
    columns = dict(COLUMNS)
    columns["crp_mg_dl"] = columns.pop("crp_mg_l") / 10
    columns["ptga_cm"] = columns.pop("ptga_mm") / 10
    out, ref = score(columns), score(COLUMNS)
    for name in ("das28_esr", "das28_crp", "cdai", "sdai"):
        np.testing.assert_allclose(out[name], ref[name], rtol=1e-12)


def test_accepts_polars_series_and_small_chunks_over_two_threads(score: Score) -> None:
    columns = {k: pl.Series(k, np.tile(v, 50)) for k, v in COLUMNS.items()}
    out = score(columns, chunk_rows=7, workers=2)
    ref = score({k: np.tile(v, 50) for k, v in COLUMNS.items()})
    for name, values in ref.items():
        np.testing.assert_array_equal(out[name], values)


def test_three_variable_forms_on_request(score: Score) -> None:
    out = score(COLUMNS, measures=["das28_esr3", "das28_crp3"])
    assert set(out) == {"das28_esr3", "das28_esr3_category", "das28_crp3", "das28_crp3_category"}
    assert out["das28_esr3"][0] == pytest.approx(4.5416, abs=1e-4)
    assert out["das28_crp3"][1] == pytest.approx(1.15)


def test_only_measures_whose_columns_are_present(score: Score) -> None:
    out = score({"function_cm": [1.0, 4.1], "pain_cm": [1.0, 4.0], "ptga_cm": [1.0, 4.0]})
    assert set(out) == {"rapid3", "rapid3_category"}
    assert list(out["rapid3_category"]) == [0, 3]


def test_empty_registry(score: Score) -> None:
    out = score({k: v[:0] for k, v in COLUMNS.items()})
    assert all(len(v) == 0 for v in out.values())


def test_refuses_a_value_out_of_range_naming_column_value_and_row(score: Score) -> None:
    columns = COLUMNS | {"tjc28": np.array([4, 0, 31, 1])}
    with pytest.raises(MeasureInputError) as caught:
        score(columns)
    assert str(caught.value) == "tjc28=31.0 is outside the allowed range 0-28 (row 2)"
    assert caught.value.field == "tjc28"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"esr_mm_h": np.array([20.0, 0.0, 1.0, 1.0])}, "esr_mm_h"),
        ({"sjc28": np.array([1.5, 0.0, 1.0, 1.0])}, "sjc28"),
        ({"crp_mg_dl": np.array([1.0, 0.0, 1.0, 1.0])}, "crp_mg_l"),
        ({"crp": np.array([1.0, 0.0, 1.0, 1.0])}, "crp"),
        ({"ega_cm": np.array([1.0, 0.0, 1.0])}, "columns"),
        ({"ega_cm": np.array(["a", "b", "c", "d"])}, "ega_cm"),
    ],
)
def test_refuses_bad_columns(score: Score, change: dict[str, object], field: str) -> None:
    with pytest.raises(MeasureInputError) as caught:
        score(COLUMNS | change)
    assert caught.value.field == field


def test_refuses_a_requested_measure_without_its_columns(score: Score) -> None:
    with pytest.raises(MeasureInputError, match="rapid3 needs function_cm"):
        score(COLUMNS, measures=["rapid3"])


def test_reuses_output_arrays_given_back(score: Score) -> None:
    first = score(COLUMNS)
    kept = first["cdai"]
    second = score(COLUMNS | {"ega_cm": np.array([0.0, 0.0, 0.0, 0.0])}, out=first)
    assert second["cdai"] is kept
    assert second["cdai"][0] == pytest.approx(18.0)  # 4 + 9 + 5.0 + 0


def test_chunks_and_threads_agree_on_a_large_registry_with_missing_values() -> None:
    rng = np.random.default_rng(7)
    n = 300_000
    columns = {
        "tjc28": rng.integers(0, 29, n).astype(float),
        "sjc28": rng.integers(0, 29, n, dtype=np.int8),
        "esr_mm_h": np.where(rng.random(n) < 0.5, rng.integers(1, 201, n), rng.uniform(0.5, 200, n)),
        "crp_mg_dl": np.round(rng.uniform(0, 50, n), rng.integers(1, 4)),
        "ptga_cm": rng.uniform(0, 10, n),
        "ega_cm": rng.uniform(0, 10, n),
        "pain_cm": rng.uniform(0, 10, n),
        "function_cm": rng.uniform(0, 10, n),
    }
    columns["tjc28"][rng.random(n) < 0.01] = np.nan
    columns["esr_mm_h"][rng.random(n) < 0.01] = np.nan
    measures = [*CATEGORY_LABELS]
    chunked = compute_visits(columns, measures=measures, chunk_rows=4096, workers=2)
    whole = compute_visits(columns, measures=measures, chunk_rows=n, workers=1)
    assert chunked.keys() == whole.keys()
    for name, values in whole.items():
        np.testing.assert_array_equal(chunked[name], values, err_msg=name)
    row = int(np.flatnonzero(~np.isnan(columns["tjc28"]) & ~np.isnan(columns["esr_mm_h"]))[0])
    scalar = das28_esr(
        tjc28=int(columns["tjc28"][row]),
        sjc28=int(columns["sjc28"][row]),
        esr_mm_h=float(columns["esr_mm_h"][row]),
        ptga_cm=float(columns["ptga_cm"][row]),
    )
    assert whole["das28_esr"][row] == pytest.approx(scalar.value, rel=1e-12)


def test_refuses_the_first_bad_row_across_chunks_and_threads() -> None:
    columns = {k: np.tile(v, 1000) for k, v in COLUMNS.items()}
    columns["ega_cm"][2999] = 11.0
    columns["tjc28"][3001] = 29
    with pytest.raises(MeasureInputError, match=r"ega_cm=11.0 .* \(row 2999\)"):
        compute_visits(columns, chunk_rows=100, workers=2)


@pytest.mark.parametrize("dtype", [np.uint8, np.int16, np.int64, np.float64])
def test_joint_counts_of_any_numeric_dtype_give_the_same_scores(score: Score, dtype: type) -> None:
    counts = np.arange(29)
    columns = {
        "tjc28": counts.astype(dtype),
        "sjc28": counts[::-1].astype(dtype),
        "esr_mm_h": np.full(29, 20.0),
        "crp_mg_l": np.full(29, 10.0),
        "ptga_mm": np.full(29, 50.0),
        "ega_cm": np.full(29, 3.5),
    }
    out = score(columns)
    for i, (t, s) in enumerate(zip(counts, counts[::-1], strict=True)):
        scalar = das28_esr(tjc28=int(t), sjc28=int(s), esr_mm_h=20.0, ptga_mm=50.0)
        assert out["das28_esr"][i] == scalar.value  # the table is the scalar function's own
        assert out["cdai"][i] == cdai(tjc28=int(t), sjc28=int(s), ptga_mm=50.0, ega_cm=3.5).value


def test_three_and_four_variable_forms_together_equal_each_alone(score: Score) -> None:
    both = score(COLUMNS, measures=["das28_esr", "das28_esr3", "das28_crp3", "das28_crp"])
    for name in ("das28_esr", "das28_esr3", "das28_crp", "das28_crp3"):
        alone = score(COLUMNS, measures=[name])
        np.testing.assert_array_equal(both[name], alone[name], err_msg=name)
        np.testing.assert_array_equal(both[f"{name}_category"], alone[f"{name}_category"])


def test_a_missing_value_only_marks_the_measures_that_use_it(score: Score) -> None:
    out = score(COLUMNS | {"ega_cm": np.array([np.nan, 0.0, 10.0, 0.4])})
    assert out["cdai_category"][0] == -1 and out["sdai_category"][0] == -1
    assert out["das28_esr_category"][0] == 2 and out["boolean_remission_category"][0] == 0


def test_boolean_remission_is_minus_one_once_however_many_inputs_are_missing(score: Score) -> None:
    nan = np.array([np.nan, 0.0, 1.0, 1.0])
    out = score(COLUMNS | {"tjc28": nan, "sjc28": nan, "crp_mg_l": nan * 10, "ptga_mm": nan * 20})
    assert list(out["boolean_remission_category"]) == [-1, 1, 1, 1]  # rows 2-3: at every bound


def test_scores_at_the_published_cut_offs_take_the_scalar_category(score: Score) -> None:
    # CDAI exactly 2.8 (1 + 1 + 0.4 + 0.4 is 2.8000000000000003 in binary), 10 and 22.
    columns = {
        "tjc28": np.array([1, 5, 11]),
        "sjc28": np.array([1, 5, 11]),
        "ptga_cm": np.array([0.4, 0.0, 0.0]),
        "ega_cm": np.array([0.4, 0.0, 0.0]),
    }
    out = score(columns)
    assert [CATEGORY_LABELS["cdai"][c] for c in out["cdai_category"]] == ["remission", "low", "moderate"]
