"""Vectorised calendar arithmetic on ``datetime64[D]`` arrays (same rules as the pathway)."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

Days = NDArray[np.datetime64]


def add_months(days: Days, months: int | NDArray[np.int64]) -> Days:
    """Add calendar months, clamping the day to the target month's end.

    Same convention as ``synovia.core.pathway.add_months`` (31 Jan + 1 month = 28/29 Feb).
    """
    month_start = days.astype("datetime64[M]")
    offset = (days - month_start.astype("datetime64[D]")).astype(np.int64)
    target = month_start + np.asarray(months, dtype=np.int64)
    last = (target + 1).astype("datetime64[D]") - np.timedelta64(1, "D")
    first = target.astype("datetime64[D]")
    result: Days = np.minimum(first + offset.astype("timedelta64[D]"), last)
    return result


def plus_days(days: Days, n: NDArray[np.int64] | int) -> Days:
    """``days`` plus ``n`` days (element-wise)."""
    out: Days = days + np.asarray(n, dtype=np.int64).astype("timedelta64[D]")
    return out
