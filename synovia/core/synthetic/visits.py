"""Synthetic visits (joint homunculus, ESR/CRP, globals, HAQ) and lab results.

Trajectory model (invented, for demonstration): each treated patient has a baseline
activity and a response class; at follow-up month m disease activity is scaled by
``1 - improvement[class][m]`` plus noise, so responders fall towards low activity,
partial responders improve a little and non-responders stay active.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
from numpy.typing import NDArray

from synovia.core.joints import JOINTS_28, JOINTS_66, JOINTS_68
from synovia.core.synthetic.dates import add_months, plus_days
from synovia.core.synthetic.patients import Columns

IMPROVEMENT = {  # fraction of baseline activity removed, by month 0 (baseline), 1, 6, 12
    "responder": {0: 0.0, 1: 0.35, 3: 0.45, 6: 0.6, 12: 0.55},
    "partial": {0: 0.0, 1: 0.15, 3: 0.2, 6: 0.3, 12: 0.25},
    "non_responder": {0: 0.0, 1: 0.0, 3: 0.03, 6: 0.05, 12: 0.0},
}
FOLLOW_UP = (1, 6, 12)
IN28_68 = np.isin(np.asarray(JOINTS_68), np.asarray(JOINTS_28))
IN66_68 = np.isin(np.asarray(JOINTS_68), np.asarray(JOINTS_66))


def _plan(rng: np.random.Generator, patients: Columns, today: dt.date) -> Columns:
    """Which visits happen: patient index, month (0 baseline, 3 = unscheduled), date, kind."""
    t = np.datetime64(today, "D")
    n = patients["treated"].size
    idx = np.arange(n)
    first = patients["first_infusion"]
    screened = ~patients["treated"] & np.isin(
        patients["pre_state"], ["evaluating", "not_candidate", "candidate", "scheduled"]
    )
    pats = [idx[screened], idx[patients["treated"]]]
    months = [np.zeros(screened.sum(), np.int64), np.zeros(patients["treated"].sum(), np.int64)]
    dates = [
        plus_days(patients["referred_on"][screened], 14),
        plus_days(first[patients["treated"]], -rng.integers(1, 21, pats[1].size)),
    ]
    for m in FOLLOW_UP:
        target = add_months(first, m)
        when = plus_days(target, np.clip(np.rint(rng.normal(2, 5, n)), -10, 25).astype(np.int64))
        not_yet = (when > t) | ((target + np.timedelta64(14, "D") >= t) & (rng.random(n) < 0.5))
        ok = patients["treated"] & (m < patients["dropout_month"]) & ~not_yet
        pats.append(idx[ok])
        months.append(np.full(ok.sum(), m, np.int64))
        dates.append(when[ok])
    extra = patients["treated"] & (rng.random(n) < 0.05)
    extra_date = plus_days(first, rng.integers(60, 120, n))
    extra &= extra_date <= t
    pats.append(idx[extra])
    months.append(np.full(extra.sum(), 3, np.int64))
    dates.append(extra_date[extra])
    p, mo, d = np.concatenate(pats), np.concatenate(months), np.concatenate(dates)
    order = np.lexsort((d, p))
    kind = np.where(mo == 0, "baseline", np.where(mo == 3, "unscheduled", "scheduled"))
    return {"patient": p[order], "month": mo[order], "date": d[order], "kind": kind[order]}


def _scale(rng: np.random.Generator, response: NDArray[Any], month: NDArray[Any]) -> NDArray[Any]:
    improvement = np.zeros(month.size)
    for cls, by_month in IMPROVEMENT.items():
        for m, f in by_month.items():
            improvement[(response == cls) & (month == m)] = f
    noise = np.where(month == 0, 0.0, rng.normal(0, 0.1, month.size))
    out: NDArray[Any] = np.clip(1.0 - improvement + noise, 0.05, 1.3)
    return out


def make_visits(rng: np.random.Generator, patients: Columns, today: dt.date) -> Columns:
    """Visit columns; ``tender`` (n, 68) and ``swollen`` (n, 66) are boolean homunculi."""
    plan = _plan(rng, patients, today)
    p, k = plan["patient"], plan["patient"].size
    n = patients["treated"].size
    base_t, base_s = rng.gamma(6, 2.0, n), rng.gamma(5, 1.6, n)
    base_esr, base_crp = rng.lognormal(np.log(35), 0.45, n), rng.lognormal(np.log(14), 0.8, n)
    base_pt, base_haq = np.clip(rng.normal(6.5, 1.5, n), 2, 10), np.clip(rng.normal(1.5, 0.5, n), 0.25, 3)
    scale = _scale(rng, patients["response"][p], plan["month"])
    p28 = np.clip(base_t[p] * scale / 28, 0, 0.95)
    tender = rng.random((k, 68)) < np.where(IN28_68, p28[:, None], 0.3 * p28[:, None])
    ps = np.clip(base_s[p] * scale / 28, 0, 0.95)
    swollen = (rng.random((k, 68)) < np.where(IN28_68, ps[:, None], 0.3 * ps[:, None]))[:, IN66_68]
    missing_apr = rng.random(k) < 0.03
    pt = np.round(np.clip(base_pt[p] * scale + rng.normal(0, 0.8, k), 0, 10), 1)
    return {
        **plan,
        "tender": tender,
        "swollen": swollen,
        "esr": np.where(missing_apr, np.nan, np.round(np.clip(base_esr[p] * (0.4 + 0.6 * scale), 2, 120), 0)),
        "crp": np.where(
            missing_apr | (rng.random(k) < 0.1),
            np.nan,
            np.round(np.clip(base_crp[p] * scale * rng.lognormal(0, 0.2, k), 0.2, 200), 1),
        ),
        "ptga_cm": pt,
        "ega_cm": np.round(np.clip(pt + rng.normal(-0.5, 0.8, k), 0, 10), 1),
        "pain_cm": np.round(np.clip(pt + rng.normal(0.3, 0.8, k), 0, 10), 1),
        "haq": np.clip(np.round(base_haq[p] * (0.5 + 0.5 * scale) / 0.125) * 0.125, 0, 3),
        "scale": scale,
    }


ROUTINE_BASE = {  # canonical units (synovia.core.labs): (median, log-sd)
    "hgb": (125.0, 0.08), "wbc": (7.0, 0.25), "plt": (290.0, 0.2), "alt": (22.0, 0.35),
    "ast": (24.0, 0.3), "creat": (72.0, 0.18), "rf": (60.0, 0.9), "accp": (120.0, 1.0),
}  # fmt: skip
MECHANISM_BASE = {  # (median, log-sd, exponent on the activity scale: >0 falls with response)
    "il6": (12.0, 0.6, 1.0), "tnfa": (10.0, 0.5, 0.6), "il17": (15.0, 0.6, 0.8),
    "ifng": (12.0, 0.6, 0.5), "il4": (2.0, 0.5, -0.2), "il10": (5.0, 0.5, -0.7),
    "tgfb": (20000.0, 0.4, -0.4), "baff": (1200.0, 0.4, 0.3), "april": (3000.0, 0.4, 0.3),
    "treg": (4.0, 0.25, -0.5), "th17": (1.5, 0.3, 0.8),
}  # fmt: skip


def make_labs(rng: np.random.Generator, patients: Columns, visits: Columns) -> Columns:
    """Routine labs at baseline visits; the mechanism panel at baseline, M1 and M6 for
    patients in the research sub-study. Values are in canonical units."""
    base = np.flatnonzero(visits["kind"] == "baseline")
    research = patients["research_panel"][visits["patient"]] & np.isin(visits["month"], [0, 1, 6])
    mech = np.flatnonzero(research)
    v_idx, keys, values = [], [], []
    for key, (median, sd) in ROUTINE_BASE.items():
        v_idx.append(base)
        keys.append(np.full(base.size, key, dtype=object))
        values.append(np.round(rng.lognormal(np.log(median), sd, base.size), 1))
    for key, (median, sd, exponent) in MECHANISM_BASE.items():
        v_idx.append(mech)
        keys.append(np.full(mech.size, key, dtype=object))
        level = median * visits["scale"][mech] ** exponent * rng.lognormal(0, sd, mech.size)
        values.append(np.round(level, 2))
    visit = np.concatenate(v_idx)
    return {
        "visit": visit,
        "patient": visits["patient"][visit],
        "key": np.concatenate(keys),
        "value": np.concatenate(values),
    }
