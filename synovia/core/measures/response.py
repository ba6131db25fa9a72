"""Response and remission: EULAR response, ACR20/50/70 and ACR-N, Boolean remission.

EULAR response (van Gestel et al. 1996; DAS28 cut-offs, van Gestel et al. 1998), from the
improvement ``baseline DAS28 - current DAS28`` and the current DAS28::

    current DAS28      improvement > 1.2   > 0.6 and <= 1.2   <= 0.6
    <= 3.2             good                moderate           none
    > 3.2 and <= 5.1   moderate            moderate           none
    > 5.1              moderate            none               none

ACR20/50/70 (Felson et al. 1995) and ACR-N (Siegel & Zhen 2005), from the ACR core set
(Felson et al. 1993) at baseline and follow-up: tender (68) and swollen (66) joint counts,
patient pain (0-10 cm), patient global (0-10 cm), evaluator global (0-10 cm), HAQ-DI (0-3)
and one acute-phase reactant (CRP or ESR, the same at both visits). Percent improvement
of a component is ``100 * (baseline - follow-up) / baseline``. ACR-N is the lowest of the
improvement in tender joints, the improvement in swollen joints and the median of the five
other improvements: the largest N such that both counts improve by at least N % and at
least 3 of the 5 others do. ACRn is met when ACR-N >= n (bounds inclusive).

Edge case, a component at 0 at baseline (it cannot improve): its improvement is 0 % when
it stays at 0, and unbounded worsening (minus infinity) when it rises. When that makes
ACR-N infinite, the value is ``None`` (not a number) and the category ``"none"``.

Boolean remission (Felson et al. 2011; revised by Studenic et al. 2022), all bounds
inclusive: TJC28 <= 1, SJC28 <= 1, CRP <= 1 mg/dL and PtGA <= 1 (2011) or <= 2 (2022) on
a 0-10 scale.

Sources:
    van Gestel AM, Prevoo MLL, van 't Hof MA, et al. Development and validation of the
    European League Against Rheumatism response criteria for rheumatoid arthritis.
    Arthritis Rheum 1996;39(1):34-40.
    van Gestel AM, Haagsma CJ, van Riel PLCM. Validation of rheumatoid arthritis
    improvement criteria that include simplified joint counts. Arthritis Rheum
    1998;41(10):1845-1850.
    Felson DT, Anderson JJ, Boers M, et al. The American College of Rheumatology
    preliminary core set of disease activity measures for rheumatoid arthritis clinical
    trials. Arthritis Rheum 1993;36(6):729-740.
    Felson DT, Anderson JJ, Boers M, et al. American College of Rheumatology preliminary
    definition of improvement in rheumatoid arthritis. Arthritis Rheum 1995;38(6):727-735.
    Siegel JN, Zhen BG. Use of the American College of Rheumatology N (ACR-N) index of
    improvement in rheumatoid arthritis: argument in favor. Arthritis Rheum
    2005;52(6):1637-1641.
    Felson DT, Smolen JS, Wells G, et al. American College of Rheumatology/European League
    Against Rheumatism provisional definition of remission in rheumatoid arthritis for
    clinical trials. Arthritis Rheum 2011;63(3):573-586.
    Studenic P, Aletaha D, de Wit M, et al. American College of Rheumatology/EULAR remission
    criteria for rheumatoid arthritis: 2022 revision. Ann Rheum Dis 2023;82(1):74-80.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import numpy as np

from synovia.core.measures import units
from synovia.core.measures.errors import MeasureInputError
from synovia.core.measures.result import TOLERANCE, Bands, MeasureResult

EULAR_IMPROVEMENT = (0.6, 1.2)
"""Improvement bounds: more than 0.6, more than 1.2 (both strict)."""

EULAR_CURRENT = (3.2, 5.1)
"""Current DAS28 bounds: at most 3.2, at most 5.1 (both inclusive)."""

ACR_BANDS = Bands(
    labels=("none", "ACR20", "ACR50", "ACR70"),
    bounds=(20.0, 50.0, 70.0),
    inclusive=(False, False, False),
)
"""ACR-N < 20: none; >= 20: ACR20; >= 50: ACR50; >= 70: ACR70."""

BOOLEAN_PTGA_CM = {2011: 1.0, 2022: 2.0}
"""Upper bound (inclusive) of the patient global, 0-10, by version of Boolean remission."""
BOOLEAN_COUNT_MAX = 1
"""Upper bound (inclusive) of TJC28 and SJC28 in Boolean remission."""
BOOLEAN_CRP_MG_DL_MAX = 1.0
"""Upper bound (inclusive) of CRP, mg/dL, in Boolean remission."""


def eular_response(*, das28_baseline: float, das28_current: float) -> MeasureResult:
    """EULAR response good/moderate/none (van Gestel 1996, 1998); value = improvement."""
    baseline = units.number("das28_baseline", das28_baseline)
    current = units.number("das28_current", das28_current)
    improvement = baseline - current
    inputs = {"das28_baseline": baseline, "das28_current": current}
    return MeasureResult("eular_response", improvement, _eular(improvement, current), inputs)


def _eular(improvement: float, current: float) -> str:
    low, high = (bound + TOLERANCE for bound in EULAR_CURRENT)
    if improvement > EULAR_IMPROVEMENT[1] + TOLERANCE:
        return "good" if current <= low else "moderate"
    if improvement > EULAR_IMPROVEMENT[0] + TOLERANCE and current <= high:
        return "moderate"
    return "none"


_ACR_FIELDS = ("tjc68", "sjc66", "pain_cm", "ptga_cm", "ega_cm", "haq_di")
_ACR_ALLOWED = (*_ACR_FIELDS, "ptga_mm", "crp_mg_l", "crp_mg_dl", "esr_mm_h")
ACR_COUNTS = ("tjc68", "sjc66")
"""Required at both visits: without both joint counts no ACR response is analysable."""
ACR_OTHERS = ("pain_cm", "ptga_cm", "ega_cm", "haq_di", "reactant")
"""The five other core-set measures (``reactant``: CRP or ESR, the same at both visits)."""
ACR_MIN_OTHERS = 3
"""Of the five others, at least this many must be present at both visits."""


def _core_set(visit: str, data: object) -> dict[str, float]:
    """One visit's ACR core set, validated, with PtGA in cm and the reactant named; a
    measure of the five others that is absent (or null) is left out."""
    if not isinstance(data, Mapping):
        raise MeasureInputError(
            visit,
            data,
            "an object holding the ACR core set",
            f"{visit} must be an object holding the ACR core set, got {data!r}",
        )
    unknown = sorted(set(data) - set(_ACR_ALLOWED))
    if unknown:
        raise MeasureInputError(
            f"{visit}.{unknown[0]}",
            data[unknown[0]],
            ", ".join(_ACR_ALLOWED),
            f"{visit}.{unknown[0]} is not an ACR core set input ({', '.join(_ACR_ALLOWED)})",
        )
    try:
        return _read_core_set(data)
    except MeasureInputError as error:
        raise MeasureInputError(
            f"{visit}.{error.field}", error.value, error.allowed, f"{visit}.{error}"
        ) from error


def _read_core_set(data: Mapping[str, object]) -> dict[str, float]:
    out: dict[str, float] = {
        "tjc68": units.count("tjc68", data.get("tjc68")),
        "sjc66": units.count("sjc66", data.get("sjc66")),
    }
    for name in ("pain_cm", "ega_cm", "haq_di"):
        if data.get(name) is not None:
            out[name] = units.number(name, data.get(name))
    if data.get("ptga_mm") is not None or data.get("ptga_cm") is not None:
        out["ptga_cm"] = units.ptga_in_cm(data.get("ptga_mm"), data.get("ptga_cm")).value
    crp = data.get("crp_mg_l"), data.get("crp_mg_dl")
    esr = data.get("esr_mm_h")
    if esr is not None and any(c is not None for c in crp):
        raise MeasureInputError(
            "esr_mm_h",
            esr,
            "one acute-phase reactant",
            "esr_mm_h and a CRP were both given; give exactly one acute-phase reactant",
        )
    if esr is not None:
        out["esr_mm_h"] = units.number("esr_mm_h", esr)
    elif any(c is not None for c in crp):
        out["crp_mg_l"] = units.crp_in_mg_l(*crp).value
    return out


def percent_improvement(baseline: float, current: float) -> float:
    """``100 * (baseline - current) / baseline``; 0 when both are 0, -inf from 0 upwards."""
    if baseline > 0:
        return 100.0 * (baseline - current) / baseline
    return 0.0 if current == 0 else -math.inf


def _reactant(core_set: Mapping[str, float]) -> str | None:
    return next((k for k in ("crp_mg_l", "esr_mm_h") if k in core_set), None)


def acr_n(baseline: Mapping[str, float], current: Mapping[str, float]) -> float:
    """ACR-N from two validated core sets (a reactant present at both visits is the same).

    The third-highest improvement of the five other measures, a measure missing at either
    visit counted as not improved (minus infinity, never chosen while 3 are present); with
    all five present that is their median (Siegel & Zhen 2005).
    """
    gains = [
        percent_improvement(baseline[k], current[k])
        for k in (*ACR_OTHERS[:4], _reactant(baseline))
        if k is not None and k in baseline and k in current
    ]
    others = sorted([*gains, *[-math.inf] * (len(ACR_OTHERS) - len(gains))], reverse=True)
    return min(
        percent_improvement(baseline["tjc68"], current["tjc68"]),
        percent_improvement(baseline["sjc66"], current["sjc66"]),
        others[ACR_MIN_OTHERS - 1],
    )


def _check_analysable(before: Mapping[str, float], after: Mapping[str, float]) -> list[str]:
    """The other measures missing at either visit; refuses a pair that is not analysable."""
    lab_before, lab_after = _reactant(before), _reactant(after)
    if lab_before and lab_after and lab_before != lab_after:
        raise MeasureInputError(
            "current",
            lab_after,
            "the acute-phase reactant of the baseline",
            "baseline and current must use the same acute-phase reactant (CRP or ESR)",
        )
    names = {"reactant": lab_before or lab_after or "reactant"}
    missing = [
        names.get(k, k) for k in ACR_OTHERS if names.get(k, k) not in before or names.get(k, k) not in after
    ]
    if len(ACR_OTHERS) - len(missing) < ACR_MIN_OTHERS:
        raise MeasureInputError(
            "current",
            missing,
            f"at least {ACR_MIN_OTHERS} of {', '.join(ACR_OTHERS)} at both visits",
            f"ACR response not analysable: {len(ACR_OTHERS) - len(missing)} of the 5 other core-set "
            f"measures present at both visits, at least {ACR_MIN_OTHERS} needed "
            f"(missing: {', '.join(missing)})",
        )
    return missing


def acr_response(*, baseline: Mapping[str, object], current: Mapping[str, object]) -> MeasureResult:
    """ACR-N (value) and ACR70/ACR50/ACR20/none (category) (Felson 1995; Siegel 2005).

    Both joint counts are required at both visits, and at least 3 of the 5 other measures
    (pain, patient global, evaluator global, HAQ-DI, one acute-phase reactant); a measure
    missing at either visit counts as not improved. ``inputs`` holds the two core sets as
    used (PtGA in cm, CRP in mg/L or ESR in mm/h) and ``missing``, the measures left out.
    """
    before, after = _core_set("baseline", baseline), _core_set("current", current)
    missing = _check_analysable(before, after)
    n = acr_n(before, after)
    inputs = {"baseline": before, "current": after, "missing": missing}
    if not math.isfinite(n):
        return MeasureResult("acr_response", None, "none", inputs)
    return MeasureResult("acr_response", n, ACR_BANDS.label(n), inputs)


def boolean_met(tjc28: Any, sjc28: Any, crp_mg_dl: Any, ptga_cm: Any, ptga_cm_max: float) -> Any:
    """Whether Boolean remission is met, for floats or arrays (the scalar function and the
    batch engine both call it): counts <= 1, CRP <= 1 mg/dL, PtGA <= ``ptga_cm_max``; a
    missing value (NaN) compares false, so it is never met."""
    met = np.logical_and(np.less_equal(tjc28, BOOLEAN_COUNT_MAX), np.less_equal(sjc28, BOOLEAN_COUNT_MAX))
    met = np.logical_and(met, np.less_equal(crp_mg_dl, BOOLEAN_CRP_MG_DL_MAX + TOLERANCE))
    return np.logical_and(met, np.less_equal(ptga_cm, ptga_cm_max + TOLERANCE))


def boolean_remission(
    *,
    tjc28: int,
    sjc28: int,
    crp_mg_dl: float | None = None,
    crp_mg_l: float | None = None,
    ptga_cm: float | None = None,
    ptga_mm: float | None = None,
    version: int = 2022,
) -> MeasureResult:
    """ACR/EULAR Boolean remission, 2011 (Felson) or 2022 (Studenic; PtGA <= 2)."""
    if isinstance(version, bool) or version not in BOOLEAN_PTGA_CM:
        raise MeasureInputError(
            "version", version, "2011 or 2022", f"version={version!r} is not 2011 or 2022"
        )
    t, s = units.count("tjc28", tjc28), units.count("sjc28", sjc28)
    crp = units.crp_in_mg_dl(crp_mg_l, crp_mg_dl)
    ptga = units.ptga_in_cm(ptga_mm, ptga_cm)
    met = bool(boolean_met(t, s, crp.value, ptga.value, BOOLEAN_PTGA_CM[version]))
    inputs = {"tjc28": t, "sjc28": s, crp.name: crp.given, ptga.name: ptga.given, "version": version}
    return MeasureResult("boolean_remission", None, "remission" if met else "not_remission", inputs)
