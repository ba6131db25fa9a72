"""The output pool recycles memory only when no array can reach it, and stays in its limit."""

from __future__ import annotations

import gc

import numpy as np
import polars as pl
import pytest

from synovia.core.measures import compute_visits, pool
from synovia.core.measures.pool import MIN_BYTES, ColumnPool

ROWS = MIN_BYTES // 8 * 2  # float64 outputs of 2 MiB: pooled


def _visits(rows: int, seed: int) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    return {
        "tjc28": rng.integers(0, 29, rows).astype(np.int8),
        "sjc28": rng.integers(0, 29, rows).astype(np.int8),
        "esr_mm_h": rng.integers(2, 121, rows).astype(np.float64),
        "crp_mg_l": np.round(rng.gamma(1.0, 12.0, rows), 1),
        "ptga_mm": rng.integers(0, 101, rows).astype(np.float64),
        "ega_cm": np.round(rng.uniform(0.0, 10.0, rows), 1),
    }


@pytest.fixture
def fresh_pool(monkeypatch: pytest.MonkeyPatch) -> ColumnPool:
    """A pool of its own for the test, 64 MiB."""
    own = ColumnPool(64 << 20)
    monkeypatch.setattr(pool, "POOL", own)
    return own


def test_memory_of_dropped_outputs_is_handed_out_again(fresh_pool: ColumnPool) -> None:
    first = compute_visits(_visits(ROWS, 1))
    addresses = {a.ctypes.data for a in first.values() if a.nbytes >= MIN_BYTES}
    del first
    gc.collect()
    assert fresh_pool.held_bytes > 0
    second = compute_visits(_visits(ROWS, 2))
    assert addresses <= {a.ctypes.data for a in second.values()}
    assert fresh_pool.reused == len(addresses)
    reference = compute_visits(_visits(ROWS, 2), engine="numpy")
    for name, values in reference.items():
        np.testing.assert_array_equal(second[name], values, err_msg=name)


def _materialise(kept: object) -> np.ndarray:
    if isinstance(kept, pl.Series):
        return kept.to_numpy()
    return np.array(kept, copy=True)


@pytest.mark.parametrize(
    "keep",
    [
        lambda column: column[5:],  # a slice
        lambda column: column.reshape(2, -1),  # a reshape
        lambda column: column.view(np.int64),  # a view as another dtype
        memoryview,  # a buffer export
        pl.Series,  # a zero-copy consumer
    ],
    ids=["slice", "reshape", "dtype-view", "memoryview", "polars"],
)
def test_a_live_view_keeps_its_memory_out_of_the_pool(fresh_pool: ColumnPool, keep) -> None:
    out = compute_visits(_visits(ROWS, 3))
    address = out["das28_esr"].ctypes.data
    kept = keep(out["das28_esr"])
    expected = _materialise(keep(out["das28_esr"].copy()))
    del out
    gc.collect()
    for seed in (4, 5):  # later calls must not write where the kept view reads
        later = compute_visits(_visits(ROWS, seed))
        assert address not in {a.ctypes.data for a in later.values()}
        del later
        gc.collect()
    np.testing.assert_array_equal(_materialise(kept), expected)


def test_small_columns_are_plain_arrays(fresh_pool: ColumnPool) -> None:
    out = compute_visits(_visits(100, 6))
    del out
    gc.collect()
    assert fresh_pool.held_bytes == 0


def test_the_pool_keeps_no_more_than_its_limit() -> None:
    small = ColumnPool(3 * MIN_BYTES)
    arrays = [small.empty(MIN_BYTES, np.uint8) for _ in range(5)]
    del arrays
    gc.collect()
    assert small.held_bytes == 3 * MIN_BYTES
    assert small.release() == 3 * MIN_BYTES
    assert small.held_bytes == 0


def test_a_buffer_larger_than_the_limit_is_not_kept() -> None:
    small = ColumnPool(MIN_BYTES)
    array = small.empty(2 * MIN_BYTES, np.uint8)
    del array
    gc.collect()
    assert small.held_bytes == 0


def test_a_limit_of_zero_turns_the_pool_off() -> None:
    off = ColumnPool(0)
    array = off.empty(MIN_BYTES, np.uint8)
    assert array.base is None  # a plain array
    del array
    assert off.held_bytes == 0


def test_a_negative_limit_is_refused() -> None:
    with pytest.raises(ValueError, match="0 or more"):
        ColumnPool(-1)


@pytest.mark.parametrize(("text", "expected"), [("0", 0), ("8", 8 << 20), (" 512 ", 512 << 20)])
def test_the_limit_comes_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, text: str, expected: int
) -> None:
    monkeypatch.setenv(pool.ENV_LIMIT, text)
    assert pool._limit_from_environment() == expected


@pytest.mark.parametrize("text", ["lots", "-1", "1.5"])
def test_a_bad_limit_in_the_environment_is_a_clear_error(
    monkeypatch: pytest.MonkeyPatch, text: str
) -> None:
    monkeypatch.setenv(pool.ENV_LIMIT, text)
    with pytest.raises(ValueError, match=pool.ENV_LIMIT):
        pool._limit_from_environment()


def test_release_batch_memory_frees_the_idle_buffers(fresh_pool: ColumnPool) -> None:
    from synovia.core.measures import release_batch_memory

    out = compute_visits(_visits(ROWS, 7))
    del out
    gc.collect()
    held = fresh_pool.held_bytes
    assert held > 0
    assert release_batch_memory() == held
    assert fresh_pool.held_bytes == 0
