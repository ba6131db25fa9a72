"""Patient facts: the fixed JSON interface a patient is matched on.

Every fact may be absent; absent means unknown, never false. Kinds:

- ``number``: a finite number in the fact's unit, within its plausible range;
- ``since``: time since an event in the fact's unit; JSON ``null`` means "never" and is
  held as infinity (an event that never happened is infinitely long ago);
- ``boolean``: ``true``/``false`` (not 0/1);
- ``sex``: ``"female"`` or ``"male"``;
- ``list``: a list of free-text names (drugs, conditions); a given list is taken as complete.
- ``history``: a list of dated items, each an object with a ``name`` and the fields of
  :data:`ITEM_FIELDS` for that fact (drug use with start, stop, dose and reason stopped;
  malignancies with type and time since last active); a given list is taken as complete,
  a field left out of an item is unknown for that item.

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

FactKind = Literal["number", "since", "boolean", "sex", "list", "history"]

STOP_REASONS = ("inadequate_response", "loss_of_response", "intolerance", "adverse_event", "other")
"""Reasons a drug was stopped; the first four count as "failed" (inadequate response,
loss of response, intolerance or an adverse event)."""
FAILED_REASONS = frozenset(STOP_REASONS[:4])

ItemFieldKind = Literal["number", "text", "reason"]
ITEM_FIELDS: dict[str, dict[str, ItemFieldKind]] = {
    "drug_history": {
        "started_weeks_ago": "number",
        "stopped_weeks_ago": "number",
        "dose": "number",
        "dose_unit": "text",
        "dose_changed_weeks_ago": "number",
        "route": "text",
        "stop_reason": "reason",
    },
    "malignancies": {"years_ago": "number"},
    "dated_conditions": {"years_ago": "number"},
}
"""The fields an item of each history fact may carry besides its ``name``. Times are counted
back from today (``stopped_weeks_ago`` absent or null: still taken; ``years_ago`` 0: active
now; for ``dated_conditions``, years since the condition or event last occurred); ``dose`` is
in ``dose_unit`` (``mg/week``, ``mg/day``); ``route`` is ``oral``, ``subcutaneous``,
``intravenous``, ``intramuscular`` or ``intra-articular``."""


@dataclass(frozen=True)
class Item:
    """One dated item of a history fact: its name and its known fields (absent: unknown)."""

    name: str
    fields: tuple[tuple[str, float | str], ...] = ()

    def get(self, key: str) -> float | str | None:
        """The field ``key``, or None when not given."""
        return dict(self.fields).get(key)


FactValue: TypeAlias = float | bool | str | tuple[str, ...] | tuple[Item, ...]


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


def _h(name: str, meaning: str) -> FactSpec:
    return FactSpec(name, "history", "", meaning)


_I10 = " (added: issue 10)"


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
    _l(
        "conditions_asked",
        "the conditions a checklist asked about (absent: ``conditions`` is the whole list); when "
        "given, a condition neither listed nor asked about stays unknown" + _I10,
    ),
    _b("consent_given", "written informed consent given"),
    _n("radiographic_stage", "stage", "Steinbrocker radiographic stage, 1-4", 1, 4),
    _b("erosions", "erosions on radiographs"),
    _b("rf_positive", "rheumatoid factor positive"),
    _b("acpa_positive", "anti-CCP (ACPA) positive"),
    _n("weight_kg", "kg", "body weight", 0, 400),
    _n("functional_class", "class", "ACR 1991 functional class, 1-4 (added: NCT03618784, NCT04170426)", 1, 4),
    _h("drug_history", "every RA drug taken, with start, stop, dose, route and reason stopped" + _I10),
    _n(
        "diagnosis_months", "months", "time since RA was diagnosed (not since symptoms began)" + _I10, 0, 1200
    ),
    _h("malignancies", "every malignancy, with its type and years since last active" + _I10),
    _h(
        "dated_conditions",
        "every diagnosis and event other than RA (myocardial infarction, "
        "stroke...), each with the years since it last occurred (absent: date unknown)" + _I10,
    ),
    _s(
        "serious_infection_weeks_ago",
        "weeks",
        "since the last serious infection (hospital or intravenous antibiotics)" + _I10,
    ),
    _s(
        "infection_weeks_ago",
        "weeks",
        "since the last infection needing systemic treatment; 0: an infection now" + _I10,
    ),
    _s("major_surgery_weeks_ago", "weeks", "since the last major or joint surgery" + _I10),
    _b("surgery_planned", "major or joint surgery planned during the study" + _I10),
    _s("live_vaccine_weeks_ago", "weeks", "since the last live or live-attenuated vaccine" + _I10),
    _s("investigational_drug_weeks_ago", "weeks", "since the last dose of an investigational drug" + _I10),
    _n("bmi_kg_m2", "kg/m2", "body-mass index" + _I10, 10, 100),
    _n("neutrophils_10e9_l", "10^9/L", "absolute neutrophil count" + _I10, 0, 200),
    _n("lymphocytes_10e9_l", "10^9/L", "absolute lymphocyte count" + _I10, 0, 200),
    _n("rf_iu_ml", "IU/mL", "rheumatoid factor titre" + _I10, 0, 20000),
    _n("acpa_u_ml", "U/mL", "anti-CCP (ACPA) titre" + _I10, 0, 20000),
    _n("acpa_x_uln", "x ULN", "anti-CCP as a multiple of the lab's upper limit of normal" + _I10, 0, 1000),
    _n("morning_stiffness_min", "minutes", "duration of morning stiffness" + _I10, 0, 1440),
    _n("hematocrit_pct", "%", "haematocrit" + _I10, 0, 100),
    _n(
        "nyha_class",
        "class",
        "NYHA functional class of heart failure, 1-4; 0: no heart failure" + _I10,
        0,
        4,
    ),
    _l(
        "drug_allergies",
        "drugs the patient is allergic or hypersensitive to, free-text names (empty: none)" + _I10,
    ),
    _n("bilirubin_umol_l", "umol/L", "total serum bilirubin" + _I10, 0, 1000),
    _n(
        "bilirubin_x_uln",
        "x ULN",
        "total bilirubin as a multiple of the lab's upper limit of normal" + _I10,
        0,
        100,
    ),
    _n(
        "creatinine_x_uln",
        "x ULN",
        "serum creatinine as a multiple of the lab's upper limit of normal" + _I10,
        0,
        100,
    ),
    _n(
        "creatinine_clearance_ml_min",
        "mL/min",
        "creatinine clearance (measured or Cockcroft-Gault; not the eGFR)" + _I10,
        0,
        300,
    ),
    _n("haq_di", "score", "HAQ Disability Index, 0-3 (Fries 1980)" + _I10, 0, 3),
    _n(
        "patient_global_mm",
        "mm",
        "patient's global assessment of disease activity, 0-100 mm VAS" + _I10,
        0,
        100,
    ),
    _n(
        "physician_global_mm",
        "mm",
        "physician's (evaluator's) global assessment of disease activity, 0-100 mm VAS" + _I10,
        0,
        100,
    ),
    _n("pain_vas_mm", "mm", "patient's assessment of pain, 0-100 mm VAS" + _I10, 0, 100),
    _b("igra_positive", "latest interferon-gamma release assay (QuantiFERON, T-SPOT.TB) positive" + _I10),
    _b("tst_positive", "latest tuberculin skin test (PPD, Mantoux) positive by the site's cut-off" + _I10),
    _b("current_smoker", "smokes tobacco now" + _I10),
    _n("vitamin_d_nmol_l", "nmol/L", "serum 25-hydroxyvitamin D" + _I10, 0, 1000),
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
    if spec.kind == "history":
        return _validate_history(key, value)
    if spec.kind == "since" and value is None:
        return math.inf
    return _validate_number(spec, value)


def _validate_list(key: str, value: Any) -> tuple[str, ...]:
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        raise FactsError(f"fact {key!r} must be a list of names, got {_shown(value)}")
    return tuple(value)


MAX_ITEMS = 200


def _validate_history(key: str, value: Any) -> tuple[Item, ...]:
    if not isinstance(value, list | tuple) or len(value) > MAX_ITEMS:
        raise FactsError(f"fact {key!r} must be a list of at most {MAX_ITEMS} items")
    return tuple(_item(key, entry) for entry in value)


def _item(key: str, entry: Any) -> Item:
    if isinstance(entry, Item):
        return entry
    allowed = ITEM_FIELDS[key]
    if not isinstance(entry, Mapping) or not isinstance(entry.get("name"), str):
        raise FactsError(f"each item of {key!r} must be an object with a 'name'")
    fields: list[tuple[str, float | str]] = []
    for field, given in entry.items():
        if field == "name" or given is None:
            continue
        kind = allowed.get(field)
        if kind is None:
            raise FactsError(f"unknown field of {key!r}: {_shown(field)}")
        if kind == "number":
            if (
                isinstance(given, bool)
                or not isinstance(given, int | float)
                or not finite(given)
                or not 0 <= given <= 100_000
            ):
                raise FactsError(f"{key!r} field {field!r} must be a number >= 0, got {_shown(given)}")
            fields.append((field, float(given)))
        elif kind == "reason":
            if given not in STOP_REASONS:
                raise FactsError(f"{key!r} field {field!r} must be one of {', '.join(STOP_REASONS)}")
            fields.append((field, str(given)))
        else:
            if not isinstance(given, str) or len(given) > 200:
                raise FactsError(f"{key!r} field {field!r} must be a short text")
            fields.append((field, given))
    name = entry["name"]
    if len(name) > 200:
        raise FactsError(f"an item name of {key!r} is too long")
    return Item(name, tuple(sorted(fields)))


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
