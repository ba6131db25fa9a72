"""Confidence intervals for proportions, differences of proportions, means and rates.

Wilson score interval (Wilson 1927), without continuity correction, for ``n`` successes of
``N`` trials at the two-sided level given by ``z`` (95 %: the normal quantile 1.959964)::

    centre    = (p + z²/(2N)) / (1 + z²/N)
    half      = z / (1 + z²/N) * sqrt(p(1 - p)/N + z²/(4N²))
    interval  = [centre - half, centre + half],   p = n/N

It stays inside [0, 1] and is defined for n = 0 and n = N. N = 0 has no interval (``None``).

Difference of two independent proportions ``p1 - p2``: Newcombe's hybrid score interval
(Newcombe 1998, method 10), from the Wilson limits (l1, u1) and (l2, u2) of each group::

    lower = d - sqrt((p1 - l1)² + (u2 - p2)²)
    upper = d + sqrt((u1 - p1)² + (p2 - l2)²)

Mean with a 95 % interval: mean ± t(0.975, n - 1) · sd / sqrt(n) (Student 1908), sd with n - 1.
A rate per 100 patient-years, ``100 · events / (patient-days / 365.25)``, with the exact
Poisson interval of Garwood (1936): ``[chi2(α/2, 2k)/2, chi2(1 - α/2, 2k + 2)/2]`` events.

Sources:
    Wilson EB. Probable inference, the law of succession, and statistical inference.
    J Am Stat Assoc 1927;22(158):209-212.
    Newcombe RG. Interval estimation for the difference between independent proportions:
    comparison of eleven methods. Stat Med 1998;17(8):873-890 (method 10).
    Garwood F. Fiducial limits for the Poisson distribution. Biometrika 1936;28(3/4):437-442.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import NormalDist
from typing import Any

import numpy as np
import numpy.typing as npt

Z95 = NormalDist().inv_cdf(0.975)
"""The two-sided 95 % normal quantile, 1.959963984540054."""

DAYS_PER_YEAR = 365.25
"""Days in a patient-year (Julian year)."""


def wilson(n: int, total: int, z: float = Z95) -> tuple[float, float] | None:
    """The Wilson score interval of ``n`` of ``total`` (no continuity correction); ``None``
    when ``total`` is 0."""
    if total < 0 or n < 0 or n > total:
        raise ValueError(f"need 0 <= n <= N, got n={n}, N={total}")
    if total == 0:
        return None
    p = n / total
    z2 = z * z
    denom = 1 + z2 / total
    centre = (p + z2 / (2 * total)) / denom
    half = z / denom * math.sqrt(p * (1 - p) / total + z2 / (4 * total * total))
    low = 0.0 if n == 0 else max(0.0, centre - half)  # exactly 0 and 1 at the ends
    return low, 1.0 if n == total else min(1.0, centre + half)


def wilson_arrays(
    n: npt.ArrayLike, total: npt.ArrayLike, z: float = Z95
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """Wilson limits for arrays of counts; NaN where the total is 0."""
    k = np.asarray(n, dtype=np.float64)
    m = np.asarray(total, dtype=np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        p = k / m
        z2 = z * z
        denom = 1 + z2 / m
        centre = (p + z2 / (2 * m)) / denom
        half = z / denom * np.sqrt(p * (1 - p) / m + z2 / (4 * m * m))
    lo = np.where(m > 0, np.where(k == 0, 0.0, np.maximum(0.0, centre - half)), np.nan)
    hi = np.where(m > 0, np.where(k == m, 1.0, np.minimum(1.0, centre + half)), np.nan)
    return lo, hi


@dataclass(frozen=True)
class Difference:
    """A difference of two proportions ``p1 - p2`` with its 95 % Newcombe interval."""

    difference: float
    low: float
    high: float


def newcombe(n1: int, total1: int, n2: int, total2: int, z: float = Z95) -> Difference | None:
    """Newcombe's hybrid score interval (1998, method 10) for ``n1/N1 - n2/N2``; ``None``
    when either group is empty."""
    w1, w2 = wilson(n1, total1, z), wilson(n2, total2, z)
    if w1 is None or w2 is None:
        return None
    p1, p2 = n1 / total1, n2 / total2
    (l1, u1), (l2, u2) = w1, w2
    d = p1 - p2
    low = d - math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2)
    high = d + math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2)
    return Difference(d, max(-1.0, low), min(1.0, high))


@dataclass(frozen=True)
class Mean:
    """A mean with its 95 % t interval (``None`` limits with fewer than 2 values)."""

    n: int
    mean: float | None
    low: float | None
    high: float | None


def t_quantile(df: Any, level: float = 0.975) -> Any:
    """Student's t quantile (SciPy's special functions, installed with lifelines)."""
    from scipy.special import stdtrit  # type: ignore[import-untyped]

    return stdtrit(df, level)


def mean_ci(values: npt.ArrayLike) -> Mean:
    """Mean of the finite values with the interval mean ± t(0.975, n-1) sd/sqrt(n)."""
    x = np.asarray(values, dtype=np.float64)
    x = x[np.isfinite(x)]
    if x.size == 0:
        return Mean(0, None, None, None)
    mean = float(x.mean())
    if x.size < 2:
        return Mean(1, mean, None, None)
    half = float(t_quantile(x.size - 1)) * float(x.std(ddof=1)) / math.sqrt(x.size)
    return Mean(int(x.size), mean, mean - half, mean + half)


@dataclass(frozen=True)
class Rate:
    """Events per 100 patient-years with the exact (Garwood) 95 % Poisson interval."""

    events: int
    patient_years: float
    rate: float | None
    low: float | None
    high: float | None


def rate_per_100py(events: int, patient_days: float) -> Rate:
    """``100 * events / patient-years`` (patient-years = patient-days / 365.25)."""
    from scipy.special import chdtri

    years = patient_days / DAYS_PER_YEAR
    if years <= 0:
        return Rate(events, 0.0, None, None, None)
    # chdtri(df, q) is the chi-square quantile of upper tail q
    low = 0.0 if events == 0 else float(chdtri(2 * events, 0.975)) / 2
    high = float(chdtri(2 * events + 2, 0.025)) / 2
    return Rate(events, years, 100 * events / years, 100 * low / years, 100 * high / years)
