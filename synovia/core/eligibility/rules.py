"""The eligibility rule language: a small typed tree with a JSON form.

A rule states a condition on the patient facts of :mod:`synovia.core.eligibility.facts`.
Nodes (the ``type`` key of the JSON form in brackets):

- ``Compare(fact, op, value, unit)`` [compare]: a numeric fact against a threshold already
  converted to the fact's unit; ``op`` is one of ``<  <=  >  >=  ==``.
- ``Equals(fact, value)`` [equals]: a text fact (only ``sex``) equals a value.
- ``Flag(fact)`` [flag]: a boolean fact is true.
- ``InList(fact, names)`` [in_list]: a list fact holds an item containing one of ``names``
  (case-insensitive); an empty ``names`` means "holds any item at all".
- ``Not(rule)`` [not], ``AllOf(rules)`` [all_of], ``AnyOf(rules)`` [any_of].
- ``Note(text)`` [note]: imposes nothing (a heading, "male or female"); always met.
- ``Review(text)`` [review]: a condition the parser could not structure; a person decides.
- ``Site(text)`` [site]: a condition only the study site can judge (investigator judgement,
  a procedure, willingness); open like a review, but shown as "the site assesses".
- ``Exposure(names, ...)`` [exposure]: the drug history holds at least ``at_least``
  distinct drugs named in ``names`` used as the frame says: ever, now (``current``), or
  within ``within_weeks``; optionally stopped for failure (``failed``), taken for at least
  ``min_weeks``, at a dose unchanged for ``stable_weeks``, at a dose ``dose_op dose``
  ``dose_unit``, by one of ``routes``. "Naive to" is ``Not(Exposure(...))``.
- ``History(fact, names, excluded, within_years)`` [history]: a history fact (malignancies)
  holds an item named in ``names`` (empty: any) that is not one of ``excluded`` and, when
  ``within_years`` is given, was active within that many years.

The JSON form is what a curator edits: ``rule_to_dict`` and ``rule_from_dict`` round-trip
exactly, and ``rule_from_dict`` rejects unknown node types, facts and operators.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal, TypeAlias, cast

from synovia.core.eligibility.facts import FACTS, FactKind

Op = Literal["<", "<=", ">", ">=", "=="]
OPS: tuple[Op, ...] = ("<", "<=", ">", ">=", "==")


class RuleError(ValueError):
    """A rule's JSON form is malformed or names an unknown fact or operator."""


@dataclass(frozen=True)
class Compare:
    """Numeric fact ``op`` value, value in the fact's own unit."""

    fact: str
    op: Op
    value: float


@dataclass(frozen=True)
class Equals:
    """Text fact equals value (``sex == "female"``)."""

    fact: str
    value: str


@dataclass(frozen=True)
class Flag:
    """Boolean fact is true."""

    fact: str


@dataclass(frozen=True)
class InList:
    """List fact holds an item containing one of ``names``; empty ``names``: any item."""

    fact: str
    names: tuple[str, ...] = ()


@dataclass(frozen=True)
class Not:
    """Negation of a rule (unknown and review stay as they are)."""

    rule: Rule


@dataclass(frozen=True)
class AllOf:
    """Every part holds."""

    rules: tuple[Rule, ...]


@dataclass(frozen=True)
class AnyOf:
    """At least one part holds."""

    rules: tuple[Rule, ...]


@dataclass(frozen=True)
class Note:
    """Imposes no condition (a heading, "male or female"); always met."""

    text: str


@dataclass(frozen=True)
class Review:
    """Not structured: a person reads ``text`` and decides."""

    text: str


@dataclass(frozen=True)
class Site:
    """Only the study site can judge this (investigator judgement, procedures, willingness)."""

    text: str


Usage = Literal["ever", "current", "within"]
USAGES: tuple[Usage, ...] = ("ever", "current", "within")


@dataclass(frozen=True)
class Exposure:
    """At least ``at_least`` distinct drugs of ``names`` in the drug history, used as stated."""

    names: tuple[str, ...]
    usage: Usage = "ever"
    within_weeks: float | None = None
    failed: bool = False
    at_least: int = 1
    min_weeks: float | None = None
    stable_weeks: float | None = None
    dose_op: Op | None = None
    dose: float | None = None
    dose_unit: str | None = None
    routes: tuple[str, ...] = ()


@dataclass(frozen=True)
class History:
    """A history fact holds an item of ``names`` (empty: any), not ``excluded``, recent enough."""

    fact: str
    names: tuple[str, ...] = ()
    excluded: tuple[str, ...] = ()
    within_years: float | None = None


Rule: TypeAlias = (
    Compare | Equals | Flag | InList | Not | AllOf | AnyOf | Note | Review | Site | Exposure | History
)


def rule_to_dict(rule: Rule) -> dict[str, Any]:  # noqa: PLR0911 (one return per node)
    """The JSON form of ``rule`` (see the module docstring)."""
    match rule:
        case Compare(fact, op, value):
            return {"type": "compare", "fact": fact, "op": op, "value": value, "unit": FACTS[fact].unit}
        case Equals(fact, value):
            return {"type": "equals", "fact": fact, "value": value}
        case Flag(fact):
            return {"type": "flag", "fact": fact}
        case InList(fact, names):
            return {"type": "in_list", "fact": fact, "names": list(names)}
        case Not(inner):
            return {"type": "not", "rule": rule_to_dict(inner)}
        case AllOf(parts):
            return {"type": "all_of", "rules": [rule_to_dict(p) for p in parts]}
        case AnyOf(parts):
            return {"type": "any_of", "rules": [rule_to_dict(p) for p in parts]}
        case Note(text):
            return {"type": "note", "text": text}
        case Review(text):
            return {"type": "review", "text": text}
        case Site(text):
            return {"type": "site", "text": text}
        case Exposure():
            return _exposure_dict(rule)
        case History(fact, names, excluded, within):
            out: dict[str, Any] = {"type": "history", "fact": fact, "names": list(names)}
            if excluded:
                out["excluded"] = list(excluded)
            if within is not None:
                out["within_years"] = within
            return out


_EXPOSURE_OPTIONAL = ("within_weeks", "min_weeks", "stable_weeks", "dose_op", "dose", "dose_unit")


def _exposure_dict(rule: Exposure) -> dict[str, Any]:
    out: dict[str, Any] = {"type": "exposure", "names": list(rule.names), "usage": rule.usage}
    if rule.failed:
        out["failed"] = True
    if rule.at_least != 1:
        out["at_least"] = rule.at_least
    for key in _EXPOSURE_OPTIONAL:
        if getattr(rule, key) is not None:
            out[key] = getattr(rule, key)
    if rule.routes:
        out["routes"] = list(rule.routes)
    return out


def _names(data: Mapping[str, Any], key: str) -> tuple[str, ...]:
    names = data.get(key, [])
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        raise RuleError(f"{data['type']} {key} must be a list of strings")
    return tuple(names)


def _optional_number(data: Mapping[str, Any], key: str) -> float | None:
    value = data.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1e6:
        raise RuleError(f"{key} must be a number >= 0, got {value!r}")
    return float(value)


def _exposure(data: Mapping[str, Any]) -> Rule:
    usage = data.get("usage", "ever")
    if usage not in USAGES:
        raise RuleError(f"unknown usage: {usage!r}")
    at_least = data.get("at_least", 1)
    if isinstance(at_least, bool) or not isinstance(at_least, int) or not 1 <= at_least <= 20:
        raise RuleError(f"at_least must be a whole number 1-20, got {at_least!r}")
    dose_op = data.get("dose_op")
    if dose_op is not None and dose_op not in OPS:
        raise RuleError(f"unknown operator: {dose_op!r}")
    unit = data.get("dose_unit")
    if unit is not None and not isinstance(unit, str):
        raise RuleError("dose_unit must be a string")
    names = _names(data, "names")
    if not names:
        raise RuleError("exposure needs at least one drug name")
    within = _optional_number(data, "within_weeks")
    if (usage == "within") != (within is not None):
        raise RuleError("within_weeks is given exactly when usage is 'within'")
    return Exposure(
        names,
        cast(Usage, usage),
        within,
        bool(data.get("failed", False)),
        at_least,
        _optional_number(data, "min_weeks"),
        _optional_number(data, "stable_weeks"),
        cast(Op | None, dose_op),
        _optional_number(data, "dose"),
        unit,
        _names(data, "routes"),
    )


def _history(data: Mapping[str, Any]) -> Rule:
    return History(
        _fact(data, "history"),
        _names(data, "names"),
        _names(data, "excluded"),
        _optional_number(data, "within_years"),
    )


def rule_from_dict(data: Mapping[str, Any]) -> Rule:
    """Build a rule from its JSON form; raise :class:`RuleError` on anything malformed."""
    if not isinstance(data, Mapping):
        raise RuleError(f"a rule must be an object, got {type(data).__name__}")
    kind = data.get("type")
    builder = _BUILDERS.get(kind) if isinstance(kind, str) else None
    if builder is None:
        raise RuleError(f"unknown rule type: {kind!r}")
    try:
        return cast(Rule, builder(data))
    except KeyError as exc:
        raise RuleError(f"rule of type {kind!r} lacks key {exc.args[0]!r}") from exc


def _fact(data: Mapping[str, Any], *kinds: FactKind) -> str:
    name = data["fact"]
    spec = FACTS.get(name) if isinstance(name, str) else None
    if spec is None:
        raise RuleError(f"unknown fact: {name!r}")
    if spec.kind not in kinds:
        raise RuleError(f"fact {name!r} is {spec.kind}, not usable in a {data['type']} rule")
    return cast(str, name)


def _compare(data: Mapping[str, Any]) -> Rule:
    op, value = data["op"], data["value"]
    if op not in OPS:
        raise RuleError(f"unknown operator: {op!r}")
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise RuleError(f"compare value must be a number, got {value!r}")
    unit = data.get("unit")
    fact = _fact(data, "number", "since")
    if unit is not None and unit != FACTS[fact].unit:
        raise RuleError(f"fact {fact!r} is in {FACTS[fact].unit!r}, not {unit!r}")
    return Compare(fact, cast(Op, op), float(value))


def _equals(data: Mapping[str, Any]) -> Rule:
    fact = _fact(data, "sex")
    value = data["value"]
    if value not in ("female", "male"):
        raise RuleError(f"sex must be 'female' or 'male', got {value!r}")
    return Equals(fact, value)


def _in_list(data: Mapping[str, Any]) -> Rule:
    names = data["names"]
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        raise RuleError("in_list names must be a list of strings")
    return InList(_fact(data, "list"), tuple(names))


def _parts(data: Mapping[str, Any]) -> tuple[Rule, ...]:
    parts = data["rules"]
    if not isinstance(parts, list) or not parts:
        raise RuleError(f"{data['type']} needs a non-empty list of rules")
    return tuple(rule_from_dict(p) for p in parts)


def _text(data: Mapping[str, Any]) -> str:
    text = data["text"]
    if not isinstance(text, str):
        raise RuleError(f"{data['type']} text must be a string")
    return text


_BUILDERS: dict[str, Any] = {
    "compare": _compare,
    "equals": _equals,
    "flag": lambda d: Flag(_fact(d, "boolean")),
    "in_list": _in_list,
    "not": lambda d: Not(rule_from_dict(d["rule"])),
    "all_of": lambda d: AllOf(_parts(d)),
    "any_of": lambda d: AnyOf(_parts(d)),
    "note": lambda d: Note(_text(d)),
    "review": lambda d: Review(_text(d)),
    "site": lambda d: Site(_text(d)),
    "exposure": _exposure,
    "history": _history,
}


def has_review(rule: Rule) -> bool:
    """Whether any part of ``rule`` is left for review."""
    match rule:
        case Review() | Site():
            return True
        case Not(inner):
            return has_review(inner)
        case AllOf(parts) | AnyOf(parts):
            return any(has_review(p) for p in parts)
        case _:
            return False


def is_structured(rule: Rule) -> bool:
    """Whether ``rule`` decides something by itself (not a bare review)."""
    return not isinstance(rule, Review | Site)


def has_plain_review(rule: Rule) -> bool:
    """Whether any part of ``rule`` is a :class:`Review` (not a site assessment)."""
    match rule:
        case Review():
            return True
        case Not(inner):
            return has_plain_review(inner)
        case AllOf(parts) | AnyOf(parts):
            return any(has_plain_review(p) for p in parts)
        case _:
            return False


def has_decision(rule: Rule) -> bool:
    """Whether ``rule`` holds any part that a patient's facts decide."""
    match rule:
        case Review() | Site() | Note():
            return False
        case Not(inner):
            return has_decision(inner)
        case AllOf(parts) | AnyOf(parts):
            return any(has_decision(p) for p in parts)
        case _:
            return True
