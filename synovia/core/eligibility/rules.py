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


Rule: TypeAlias = Compare | Equals | Flag | InList | Not | AllOf | AnyOf | Note | Review


def rule_to_dict(rule: Rule) -> dict[str, Any]:  # noqa: PLR0911 (one return per node)
    """The JSON form of ``rule`` (see the module docstring)."""
    match rule:
        case Compare(fact, op, value):
            return {"type": "compare", "fact": fact, "op": op, "value": value,
                    "unit": FACTS[fact].unit}
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
}


def has_review(rule: Rule) -> bool:
    """Whether any part of ``rule`` is left for review."""
    match rule:
        case Review():
            return True
        case Not(inner):
            return has_review(inner)
        case AllOf(parts) | AnyOf(parts):
            return any(has_review(p) for p in parts)
        case _:
            return False


def is_structured(rule: Rule) -> bool:
    """Whether ``rule`` decides something by itself (not a bare review)."""
    return not isinstance(rule, Review)
