"""Patient facts: the fixed JSON interface a patient is matched on.

Every fact may be absent; absent means unknown, never false. Kinds:

- ``number``: a finite number in the fact's unit, within its plausible range;
- ``since``: time since an event in the fact's unit; JSON ``null`` means "never" and is
  held as infinity (an event that never happened is infinitely long ago);
- ``boolean``: ``true``/``false`` (not 0/1);
- ``sex``: ``"female"`` or ``"male"``;
- ``list``: a list of free-text names (drugs, conditions); a given list is taken as complete.

Derived values: for a patient whose sex is ``male``, absent ``pregnant`` and ``lactating`` are
read as false (:func:`effective_value`); nothing else is inferred.

An unknown key is an error naming the key: a typo must never pass as an unknown fact.

The plausible ranges of facts that are also clinic inputs come from the one source of
ranges (:mod:`synovia.core.bounds` and the analytes of :mod:`synovia.core.labs`), so what a
clinic form accepts is always a valid fact. Facts built from a stored record go through
:func:`facts_from_record`: a stored value that is not a valid fact (out of range, NaN,
Infinity) becomes unknown with a note, never an error that stops a page or a command.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal, TypeAlias

from synovia.core.bounds import BOUNDS, finite
from synovia.core.labs import LAB_TESTS

FactKind = Literal["number", "since", "boolean", "sex", "list"]
FactValue: TypeAlias = float | bool | str | tuple[str, ...]


class FactsError(ValueError):
    """Patient facts do not follow the schema (unknown key, wrong type, out of range)."""


@dataclass(frozen=True)
class FactSpec:
    """One fact: its name, kind, unit, meaning and plausible range (numbers only)."""

    name: str
    kind: FactKind
    unit: str
    meaning: str
    low: float = -math.inf
    high: float = math.inf


def _n(name: str, unit: str, meaning: str, low: float, high: float) -> FactSpec:
    return FactSpec(name, "number", unit, meaning, low, high)


def _input(name: str, meaning: str, source: str = "") -> FactSpec:
    """A fact with the plausible range of a clinic input (or of the analyte ``source``)."""
    if source:
        test = LAB_TESTS[source]
        return FactSpec(name, "number", test.unit, meaning, *test.plausible)
    b = BOUNDS[name]
    return FactSpec(name, "number", b.unit, meaning, b.low, b.high)


def _b(name: str, meaning: str) -> FactSpec:
    return FactSpec(name, "boolean", "", meaning)


def _s(name: str, unit: str, meaning: str) -> FactSpec:
    return FactSpec(name, "since", unit, meaning, 0.0, math.inf)


def _l(name: str, meaning: str) -> FactSpec:
    return FactSpec(name, "list", "", meaning)


_SPECS: tuple[FactSpec, ...] = (
    _input("age_years", "age"),
    FactSpec("sex", "sex", "", "sex: female or male"),
    _b("pregnant", "currently pregnant (a positive pregnancy test counts)"),
    _b("lactating", "currently breastfeeding"),
    _b("uses_contraception", "uses an effective contraceptive method"),
    _b("childbearing_potential", "a woman who could become pregnant (added: NCT01547091)"),
    _b("meets_acr_eular_2010", "fulfils the 2010 ACR/EULAR RA classification criteria"),
    _b("meets_acr_1987", "fulfils the 1987 (revised) ACR RA classification criteria"),
    _n("disease_duration_months", "months", "time since RA symptom onset", 0, 1200),
    _n("das28_esr", "score", "DAS28 with ESR", 0, 10),
    _n("das28_crp", "score", "DAS28 with CRP", 0, 10),
    _n("cdai", "score", "Clinical Disease Activity Index", 0, 76),
    _n("sdai", "score", "Simplified Disease Activity Index", 0, 86),
    _input("tjc28", "tender joint count of 28"),
    _input("sjc28", "swollen joint count of 28"),
    _input("tjc68", "tender joint count of 68 (added: NCT01261403, NCT03691909)"),
    _input("sjc66", "swollen joint count of 66 (added: NCT01261403, NCT03691909)"),
    _input("esr_mm_h", "erythrocyte sedimentation rate", "esr"),
    _input("crp_mg_l", "C-reactive protein (hsCRP counts as CRP)", "crp"),
    _n(
        "crp_x_uln",
        "x ULN",
        "CRP as a multiple of the lab's upper limit of normal (added: NCT03828344)",
        0,
        500,
    ),
    _input("hemoglobin_g_l", "haemoglobin", "hgb"),
    _input("wbc_10e9_l", "white blood cell count", "wbc"),
    _input("platelets_10e9_l", "platelet count", "plt"),
    _n("alt_x_uln", "x ULN", "ALT as a multiple of the upper limit of normal", 0, 100),
    _n("ast_x_uln", "x ULN", "AST as a multiple of the upper limit of normal", 0, 100),
    _input("creatinine_umol_l", "serum creatinine", "creat"),
    _n("egfr_ml_min", "mL/min/1.73m2", "estimated glomerular filtration rate", 0, 200),
    _n("prednisone_mg_day", "mg/day", "current prednisone-equivalent dose (0 if none)", 0, 1000),
    _s("intraarticular_steroid_weeks_ago", "weeks", "since the last intra-articular steroid"),
    _l("failed_csdmards", "csDMARDs with inadequate response or intolerance"),
    _l("failed_biologics", "biologic/targeted DMARDs with inadequate response or intolerance"),
    _l("current_drugs", "drugs taken now"),
    _s("malignancy_years_ago", "years", "since a malignancy was last active (0: active now)"),
    _b("hbv", "hepatitis B infection (HBsAg positive)"),
    _b("hcv", "hepatitis C infection"),
    _b("hiv", "HIV infection"),
    _b("tb_active", "active tuberculosis"),
    _b("tb_latent", "latent tuberculosis"),
    _b("prior_cell_therapy", "ever received a stem/stromal cell therapy"),
    _s(
        "trial_participation_months_ago",
        "months",
        "since the last dose in an interventional (investigational product) trial",
    ),
    _l("conditions", "diagnosed conditions other than RA, free-text names"),
    _b("consent_given", "written informed consent given"),
    _n("radiographic_stage", "stage", "Steinbrocker radiographic stage, 1-4", 1, 4),
    _b("erosions", "erosions on radiographs"),
    _b("rf_positive", "rheumatoid factor positive"),
    _b("acpa_positive", "anti-CCP (ACPA) positive"),
    _n("weight_kg", "kg", "body weight", 0, 400),
    _n("functional_class", "class", "ACR 1991 functional class, 1-4 (added: NCT03618784, NCT04170426)", 1, 4),
)

FACTS: dict[str, FactSpec] = {spec.name: spec for spec in _SPECS}


@dataclass(frozen=True)
class PatientFacts:
    """Validated facts of one patient; absent names are unknown."""

    values: Mapping[str, FactValue]

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> PatientFacts:
        """Validate ``data`` against :data:`FACTS`; raise :class:`FactsError` naming the key."""
        if not isinstance(data, Mapping):
            raise FactsError("patient facts must be a JSON object")
        return cls({key: _validate(key, value) for key, value in data.items()})

    def get(self, name: str) -> FactValue | None:
        """The given value of ``name``, or None when unknown."""
        return self.values.get(name)


def effective_value(facts: PatientFacts, name: str) -> FactValue | None:
    """The value rules see: the given one, or a documented derivation (male: not pregnant)."""
    value = facts.get(name)
    if value is None and name in ("pregnant", "lactating") and facts.get("sex") == "male":
        return False
    return value


def _validate(key: str, value: Any) -> FactValue:
    spec = FACTS.get(key)
    if spec is None:
        raise FactsError(f"unknown fact: {_shown(key)}")
    if spec.kind == "boolean":
        if not isinstance(value, bool):
            raise FactsError(f"fact {key!r} must be true or false, got {_shown(value)}")
        return value
    if spec.kind == "sex":
        if value not in ("female", "male"):
            raise FactsError(f"fact 'sex' must be 'female' or 'male', got {_shown(value)}")
        return str(value)
    if spec.kind == "list":
        return _validate_list(key, value)
    if spec.kind == "since" and value is None:
        return math.inf
    return _validate_number(spec, value)


def _validate_list(key: str, value: Any) -> tuple[str, ...]:
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        raise FactsError(f"fact {key!r} must be a list of names, got {_shown(value)}")
    return tuple(value)


def _validate_number(spec: FactSpec, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise FactsError(f"fact {spec.name!r} must be a number in {spec.unit}, got {_shown(value)}")
    if not finite(value) or not spec.low <= float(value) <= spec.high:
        raise FactsError(
            f"fact {spec.name!r} = {_shown(value)} is outside {spec.low:g}-{spec.high:g} {spec.unit}"
        )
    return float(value)


def _shown(value: Any) -> str:
    """``repr(value)`` cut to 60 characters: a hostile value must not flood a message."""
    try:
        text = repr(value)
    except (RecursionError, ValueError):  # a deep structure, a 5000-digit int
        text = f"<{type(value).__name__}>"
    return text if len(text) <= 60 else text[:57] + "..."


def facts_from_record(data: Mapping[str, Any]) -> tuple[PatientFacts, list[str]]:
    """Facts built from a stored record: each value that is not a valid fact becomes unknown,
    with a note naming the fact (never an error: what one form stored must not stop matching).

    Unknown keys are still a programming error (:class:`FactsError`).
    """
    values: dict[str, FactValue] = {}
    notes: list[str] = []
    for key, value in data.items():
        if key not in FACTS:
            raise FactsError(f"unknown fact: {_shown(key)}")
        try:
            values[key] = _validate(key, value)
        except FactsError as exc:
            notes.append(f"{exc}; read as unknown")
    return PatientFacts(values), notes


def normalise_name(name: str) -> str:
    """Lower-case a drug or condition name and fold hyphens and spaces for matching."""
    return " ".join(name.casefold().replace("-", " ").split())
