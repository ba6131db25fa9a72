"""Batch screening output: verdicts per patient and trial, ready for CSV."""

from __future__ import annotations

import polars as pl

from synovia.core.eligibility.batch import ID_COLUMN, VERDICT_CODES, BatchResult

VERDICT_OF_CODE = {code: verdict.value for verdict, code in VERDICT_CODES.items()}


def verdict_table(frame: pl.DataFrame, result: BatchResult) -> pl.DataFrame:
    """One row per patient: its id (or row number) and one verdict column per trial."""
    ids = frame[ID_COLUMN] if ID_COLUMN in frame.columns else pl.Series(ID_COLUMN, range(frame.height))
    verdicts = result.verdicts.select(
        pl.col(c).replace_strict(VERDICT_OF_CODE, return_dtype=pl.String) for c in result.verdicts.columns
    )
    return pl.concat([pl.DataFrame({ID_COLUMN: ids}), verdicts], how="horizontal")
