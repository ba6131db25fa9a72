"""Kaplan-Meier survival with the exponential Greenwood (log(-log)) 95 % interval.

For distinct event times t_1 < t_2 < ... with d_i events among the n_i patients still at risk
(time >= t_i: a patient censored at t_i is still at risk there, so at equal times an event
comes before a censoring)::

    S(t)  = prod_{t_i <= t} (1 - d_i / n_i)              right-continuous: an event at t counts
    V(t)  = sum_{t_i <= t} d_i / (n_i (n_i - d_i))        Greenwood's sum (Greenwood 1926)
    CI    = [S^exp(+z sqrt(V)/|log S|),  S^exp(-z sqrt(V)/|log S|)]

the interval of log(-log S) mapped back (Kalbfleisch & Prentice 1980, sec. 1.3; the
"exponential Greenwood" interval). It stays in [0, 1]. Conventions: S = 1 has the interval
[1, 1] (nothing has happened yet), S = 0 has [0, 0]. ``at_risk(t)`` = patients with time >= t.

Sources:
    Kaplan EL, Meier P. Nonparametric estimation from incomplete observations.
    J Am Stat Assoc 1958;53(282):457-481.
    Greenwood M. The natural duration of cancer. Reports on Public Health and Medical
    Subjects 33. London: HMSO; 1926.
    Kalbfleisch JD, Prentice RL. The Statistical Analysis of Failure Time Data. New York:
    Wiley; 1980.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from synovia.core.outcomes.intervals import Z95

F64 = npt.NDArray[np.float64]
I64 = npt.NDArray[np.int64]


@dataclass(frozen=True)
class Curve:
    """The Kaplan-Meier step function at its event times (columns of equal length)."""

    times: F64
    at_risk: I64
    events: I64
    survival: F64
    low: F64
    high: F64
    durations: F64  # every patient's time, sorted (for the numbers at risk)


def _loglog(survival: F64, greenwood: F64, z: float) -> tuple[F64, F64]:
    with np.errstate(divide="ignore", invalid="ignore"):
        log_s = np.log(survival)
        se = np.sqrt(greenwood) / np.abs(log_s)
        low = np.power(survival, np.exp(z * se))
        high = np.power(survival, np.exp(-z * se))
    one, zero = survival >= 1.0, survival <= 0.0
    low = np.where(one, 1.0, np.where(zero, 0.0, low))
    high = np.where(one, 1.0, np.where(zero, 0.0, high))
    return low, high


def kaplan_meier(time: npt.ArrayLike, event: npt.ArrayLike, z: float = Z95) -> Curve:
    """The Kaplan-Meier curve of ``time`` (>= 0) and ``event`` (1 event, 0 censored)."""
    t = np.asarray(time, dtype=np.float64)
    e = np.asarray(event, dtype=np.int64)
    if t.shape != e.shape or t.ndim != 1:
        raise ValueError("time and event must be 1-d arrays of one length")
    durations = np.sort(t)
    times, inverse = np.unique(t[e == 1], return_inverse=True)
    events = np.bincount(inverse, minlength=times.size).astype(np.int64)
    at_risk = (t.size - np.searchsorted(durations, times, side="left")).astype(np.int64)
    with np.errstate(divide="ignore", invalid="ignore"):
        survival = np.asarray(np.cumprod(1.0 - events / at_risk), dtype=np.float64)
        greenwood = np.asarray(
            np.cumsum(events / (at_risk * (at_risk - events).astype(np.float64))), dtype=np.float64
        )
    low, high = _loglog(survival, greenwood, z)
    return Curve(times, at_risk, events, survival, low, high, durations)


@dataclass(frozen=True)
class Point:
    """S(t) with its 95 % interval and the number at risk at ``t``."""

    time: float
    survival: float
    low: float
    high: float
    at_risk: int


def at(curve: Curve, times: npt.ArrayLike) -> list[Point]:
    """The curve read at ``times`` (right-continuous)."""
    q = np.asarray(times, dtype=np.float64)
    idx = np.searchsorted(curve.times, q, side="right") - 1
    before = idx < 0
    safe = np.where(before, 0, idx)
    if curve.times.size == 0:
        s = lo = hi = np.ones_like(q)
    else:
        s = np.where(before, 1.0, curve.survival[safe])
        lo = np.where(before, 1.0, curve.low[safe])
        hi = np.where(before, 1.0, curve.high[safe])
    risk = curve.durations.size - np.searchsorted(curve.durations, q, side="left")
    return [
        Point(float(a), float(b), float(c), float(d), int(r))
        for a, b, c, d, r in zip(q, s, lo, hi, risk, strict=True)
    ]


def at_risk(curve: Curve, times: npt.ArrayLike) -> I64:
    """Patients with time >= t, for each t (the numbers at risk under a plot)."""
    q = np.asarray(times, dtype=np.float64)
    return (curve.durations.size - np.searchsorted(curve.durations, q, side="left")).astype(np.int64)
