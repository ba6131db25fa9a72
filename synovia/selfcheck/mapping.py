"""Self-assessment answers -> the eligibility facts interface (and a RAPID3 self-score).

The answers are the session's JSON-safe text (:mod:`synovia.selfcheck.questions`); the result
is a dictionary that :meth:`synovia.core.eligibility.facts.PatientFacts.from_dict` accepts.
What a person did not answer, or answered "I don't know", is left out: unknown, never "no".
Conversions use exact decimals and round once, at the end:

- years since the arthritis started x 12 = ``disease_duration_months``;
- steroid mg a day x the prednisone-equivalent factor (:data:`questions.STEROIDS`) =
  ``prednisone_mg_day``; no daily steroid = 0;
- CRP in mg/dL x 10 = mg/L (``crp_mg_l``); CRP / the printed upper limit of normal, both in
  the same unit = ``crp_x_uln``;
- a medicine list is given only when every medicine of its screen was answered (a list the
  core receives is read as complete).

RAPID3 = FN + pain + patient global, each 0-10 (:func:`synovia.core.measures.rapid3.rapid3`);
FN is the MDHAQ's ten items (0-3 each, raw 0-30) divided by 3 and rounded to one decimal,
which is the published conversion table (Pincus T, Yazici Y, Bergman MJ. RAPID3, an index to
assess and monitor patients with rheumatoid arthritis, without formal joint counts: similar
results to DAS28 and CDAI in clinical trials and clinical care. Rheum Dis Clin N Am
2009;35:773-778, Fig. 1: raw 30 -> 10, 15 -> 5.0, 1 -> 0.3).
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from synovia.core.measures.rapid3 import rapid3
from synovia.core.measures.result import MeasureResult
from synovia.core.measures.units import MM_PER_CM
from synovia.selfcheck.questions import BIOLOGICS, CONDITIONS, CSDMARDS, MDHAQ_ITEMS, STEROIDS

Answers = Mapping[str, Mapping[str, str]]
FAILED = {"now_not_enough", "stopped_not_enough", "stopped_side_effects"}
CURRENT = {"now_ok", "now_not_enough"}


def _dec(text: str | None) -> Decimal | None:
    if text in (None, ""):
        return None
    return Decimal(str(text))


def _float(value: Decimal, places: str = "0.01") -> float:
    return float(value.quantize(Decimal(places), rounding=ROUND_HALF_UP))


def _tri(text: str | None) -> bool | None:
    return {"yes": True, "no": False}.get(text or "")


def _about(a: Answers) -> dict[str, Any]:
    age = _dec(a.get("age", {}).get("age"))
    sex = a.get("sex", {}).get("sex") or None
    out: dict[str, Any] = {"age_years": None if age is None else float(age), "sex": sex}
    if sex == "male":
        return out
    pregnancy = a.get("pregnancy", {}).get("pregnancy", "")
    states = {
        "pregnant": (True, None, True),
        "breastfeeding": (False, True, True),
        "could": (False, False, True),
        "cannot": (False, False, False),
    }
    if pregnancy in states:
        out["pregnant"], out["lactating"], out["childbearing_potential"] = states[pregnancy]
    return out


def _arthritis(a: Answers) -> dict[str, Any]:
    years = _dec(a.get("duration", {}).get("years"))
    return {"disease_duration_months": None if years is None else _float(years * 12)}


def _medicine_lists(answers: Mapping[str, str], items: Mapping[str, tuple[str, Any]]) -> tuple[Any, Any]:
    given = [answers.get(key, "") for key in items]
    if not answers or any(value == "" for value in given):
        return None, None
    failed = [items[k][0] for k in items if answers[k] in FAILED]
    current = [items[k][0] for k in items if answers[k] in CURRENT]
    return failed, current


def _medicines(a: Answers) -> dict[str, Any]:
    failed_cs, current_cs = _medicine_lists(a.get("csdmards", {}), CSDMARDS)
    failed_bio, current_bio = _medicine_lists(a.get("biologics", {}), BIOLOGICS)
    current = None
    if current_cs is not None and current_bio is not None:
        current = current_cs + current_bio
    return {"failed_csdmards": failed_cs, "failed_biologics": failed_bio, "current_drugs": current}


def prednisone_equivalent(drug: str, dose_mg: Decimal) -> Decimal:
    """mg a day of ``drug`` as mg a day of prednisone (exact, unrounded)."""
    return dose_mg * STEROIDS[drug][0]


def _steroids(a: Answers) -> dict[str, Any]:
    s = a.get("steroids", {})
    out: dict[str, Any] = {}
    if s.get("takes") == "no":
        out["prednisone_mg_day"] = 0.0
    dose = _dec(s.get("dose"))
    if s.get("takes") == "yes" and dose is not None:
        out["prednisone_mg_day"] = _float(prednisone_equivalent(s.get("drug") or "prednisone", dose))
    if s.get("injection") == "never":
        out["_never"] = ["intraarticular_steroid_weeks_ago"]
    weeks = _dec(s.get("injection_weeks"))
    if s.get("injection") == "weeks" and weeks is not None:
        out["intraarticular_steroid_weeks_ago"] = float(weeks)
    return out


def _infections(a: Answers) -> dict[str, Any]:
    i = a.get("infections", {})
    return {key: _tri(i.get(key)) for key in ("hbv", "hcv", "hiv", "tb_active", "tb_latent")}


def _history(a: Answers) -> dict[str, Any]:
    out: dict[str, Any] = {}
    cancer = a.get("cancer", {})
    never: list[str] = []
    if cancer.get("cancer") == "never":
        never.append("malignancy_years_ago")
    elif cancer.get("cancer") == "active":
        out["malignancy_years_ago"] = 0.0
    elif cancer.get("cancer") == "past" and _dec(cancer.get("years_ago")) is not None:
        out["malignancy_years_ago"] = float(_dec(cancer.get("years_ago")) or 0)
    chosen = a.get("conditions", {}).get("conditions", "")
    if chosen:
        # The checklist asks about a few conditions only: "none of these" clears those, and
        # every other condition a trial names stays unknown.
        out["conditions"] = [CONDITIONS[k][0] for k in chosen.split(",") if k in CONDITIONS]
        out["conditions_asked"] = [core for core, _label in CONDITIONS.values()]
    earlier = a.get("earlier", {})
    out["prior_cell_therapy"] = _tri(earlier.get("cell_therapy"))
    if earlier.get("trial") == "never":
        never.append("trial_participation_months_ago")
    elif earlier.get("trial") == "months" and _dec(earlier.get("trial_months")) is not None:
        out["trial_participation_months_ago"] = float(_dec(earlier.get("trial_months")) or 0)
    out["_never"] = never
    return out


def _blood(a: Answers) -> dict[str, Any]:
    b = a.get("blood", {})
    out: dict[str, Any] = {"rf_positive": _tri(b.get("rf")), "acpa_positive": _tri(b.get("acpa"))}
    crp, uln = _dec(b.get("crp")), _dec(b.get("crp_uln"))
    factor = Decimal(10) if b.get("crp_unit") == "mg/dL" else Decimal(1)
    if crp is not None:
        out["crp_mg_l"] = _float(crp * factor)
        if uln is not None and uln > 0:
            out["crp_x_uln"] = _float(crp / uln)
    esr = _dec(b.get("esr"))
    out["esr_mm_h"] = None if esr is None else float(esr)
    return out


def _scales(a: Answers) -> dict[str, Any]:
    """The 0-10 pain and patient global answers as the 0-100 mm facts trials ask for (exact
    in decimal: 0.7 is 7 mm)."""
    p = a.get("pain", {})
    mm = Decimal(repr(MM_PER_CM))
    pain, ptga = _dec(p.get("pain")), _dec(p.get("global_"))
    return {
        "pain_vas_mm": None if pain is None else float(pain * mm),
        "patient_global_mm": None if ptga is None else float(ptga * mm),
    }


def core_facts(answers: Answers) -> dict[str, Any]:
    """The eligibility facts the answers state, for ``PatientFacts.from_dict`` (only what
    was given; a "never" is JSON null, as the facts interface reads it)."""
    merged: dict[str, Any] = {}
    nevers: list[str] = []
    for part in (_about, _arthritis, _medicines, _steroids, _infections, _history, _blood, _scales):
        values = part(answers)
        nevers += values.pop("_never", [])
        merged.update({k: v for k, v in values.items() if v is not None})
    merged.update(dict.fromkeys(nevers))
    return merged


def function_score(answers: Mapping[str, str]) -> Decimal | None:
    """MDHAQ function 0-10 (raw 0-30 / 3, one decimal), or None unless all ten are answered."""
    items = [answers.get(key, "") for key in MDHAQ_ITEMS]
    if any(item not in ("0", "1", "2", "3") for item in items):
        return None
    raw = sum(int(item) for item in items)
    return (Decimal(raw) / 3).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def rapid3_of(answers: Answers) -> MeasureResult | None:
    """RAPID3 from the function, pain and global answers, or None when any is missing."""
    fn = function_score(answers.get("function", {}))
    pain = _dec(answers.get("pain", {}).get("pain"))
    ptga = _dec(answers.get("pain", {}).get("global_"))
    if fn is None or pain is None or ptga is None:
        return None
    return rapid3(function_cm=float(fn), pain_cm=float(pain), ptga_cm=float(ptga))
