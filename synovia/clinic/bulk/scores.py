"""Scores of a whole cohort's visits at once, for the visit rows."""

from __future__ import annotations

import json
from typing import Any

import numpy as np

from synovia.clinic.bulk.writer import floats
from synovia.clinic.scoring import SCORED
from synovia.core import measures


def batch_scores(entered: dict[str, np.ndarray], n: int) -> dict[str, list[Any]]:
    """Scores of every visit with the core's vectorised engine (same formulas, bands and
    rounding as ``scoring.compute_scores``): values rounded to 4 decimals, None when not
    computable, and each visit's categories as JSON."""
    if n == 0:
        return {m: [] for m in (*SCORED, "categories")}
    result = measures.compute_visits(entered, measures=SCORED)
    out: dict[str, list[Any]] = {m: floats(np.round(result[m], 4)) for m in SCORED}
    labels = {m: measures.CATEGORY_LABELS[m] for m in SCORED}
    codes = [result[f"{m}_category"].tolist() for m in SCORED]
    out["categories"] = [
        json.dumps({m: labels[m][c] for m, c in zip(SCORED, row, strict=True) if c >= 0})
        for row in zip(*codes, strict=True)
    ]
    return out
