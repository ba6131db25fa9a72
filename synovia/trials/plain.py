"""Eligibility rules and one person's facts as translated sentences, never as expressions.

Built from the rule structure of :mod:`synovia.core.eligibility.rules` (every node type) and
the fact schema of :mod:`synovia.core.eligibility.facts` (every kind), so a page shows
"You are 52; the study takes people 18 to 70 years old" and never ``age_years >= 18`` or a
fact code. Presentation only: the decision comes from the core's evaluation.

Three pieces, each a function of the rule alone or of the rule and the facts:

- :func:`condition`: what a rule asks, neutral ("CRP: more than 10 mg/L");
- :func:`you`: what the person told us about the facts a rule reads ("You are 52");
- :func:`sentence`: both, with the criterion's kind ("...; the study does not take: ...").
"""

from __future__ import annotations

import math
from collections.abc import Iterator

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from synovia.core.eligibility.facts import FACTS, FactValue, PatientFacts, effective_value
from synovia.core.eligibility.rules import (
    AllOf,
    AnyOf,
    Compare,
    Equals,
    Exposure,
    Flag,
    History,
    InList,
    Not,
    Note,
    Review,
    Rule,
    Site,
)
from synovia.trials.describe import fact_label

#: Every unit of the fact schema, as a reader sees it (empty: the number speaks for itself).
UNITS = {
    "%": gettext_lazy("%"),
    "minutes": gettext_lazy("minutes"),
    "kg/m2": gettext_lazy("kg/m²"),
    "U/mL": gettext_lazy("U/mL"),
    "IU/mL": gettext_lazy("IU/mL"),
    "": "",
    "years": gettext_lazy("years"),
    "months": gettext_lazy("months"),
    "weeks": gettext_lazy("weeks"),
    "joints": gettext_lazy("joints"),
    "score": "",
    "stage": "",
    "class": "",
    "kg": gettext_lazy("kg"),
    "mg/L": gettext_lazy("mg/L"),
    "mm/h": gettext_lazy("mm/h"),
    "g/L": gettext_lazy("g/L"),
    "10^9/L": gettext_lazy("thousand million per litre"),
    "umol/L": gettext_lazy("µmol/L"),
    "mg/day": gettext_lazy("mg a day"),
    "mL/min/1.73m2": gettext_lazy("mL/min per 1.73 m²"),
    "mL/min": gettext_lazy("mL/min"),
    "nmol/L": gettext_lazy("nmol/L"),
    "mm": gettext_lazy("mm on a 100 mm scale"),
    "x ULN": gettext_lazy("times the upper limit of normal"),
}

_FLIP = {">=": "<", ">": "<=", "<=": ">", "<": ">="}


def unit_label(unit: str) -> str:
    """The reader's name of a fact unit; an unknown unit is an error (caught by the tests)."""
    return str(UNITS[unit])


def number(value: float) -> str:
    """A value in the active language's number format (2.5 -> "2,5" in Spanish)."""
    if value == int(value) and abs(value) < 1e15:
        return number_format(int(value))
    return number_format(round(value, 2), decimal_pos=None)


def quantity(fact: str, value: float) -> str:
    """A value of ``fact`` with its unit; a "since" fact at infinity reads "never"."""
    if math.isinf(value):
        return _("never")
    shown = f"{number(value)} {unit_label(FACTS[fact].unit)}".strip()
    return _("%(quantity)s ago") % {"quantity": shown} if FACTS[fact].kind == "since" else shown


def _op(op: str, shown: str) -> str:
    phrases = {
        "<": _("less than %(value)s"),
        "<=": _("at most %(value)s"),
        ">": _("more than %(value)s"),
        ">=": _("at least %(value)s"),
        "==": _("exactly %(value)s"),
        "!=": _("other than %(value)s"),
    }
    return phrases[op] % {"value": shown}


def _amount(fact: str, value: float) -> str:
    if math.isinf(value):
        return _("never")
    return f"{number(value)} {unit_label(FACTS[fact].unit)}".strip()


def _compare(fact: str, op: str, value: float) -> str:
    return _("%(label)s: %(requirement)s") % {
        "label": fact_label(fact),
        "requirement": _op(op, _amount(fact, value)),
    }


def _range(rule: Rule) -> tuple[str, float, float] | None:
    """``AllOf(fact >= low, fact <= high)`` (either order, strict or not): the fact and bounds."""
    if not isinstance(rule, AllOf) or len(rule.rules) != 2:
        return None
    a, b = rule.rules
    if not (isinstance(a, Compare) and isinstance(b, Compare) and a.fact == b.fact):
        return None
    low = next((c.value for c in (a, b) if c.op in (">=", ">")), None)
    high = next((c.value for c in (a, b) if c.op in ("<=", "<")), None)
    if (
        low is None
        or high is None
        or {a.op, b.op} not in ({">=", "<="}, {">", "<"}, {">=", "<"}, {">", "<="})
    ):
        return None
    return a.fact, low, high


def _names(names: tuple[str, ...]) -> str:
    return _(" or ").join(names)


def condition(rule: Rule) -> str:  # noqa: C901, PLR0911, PLR0912 (one branch per node)
    """What ``rule`` asks, as a neutral phrase in the active language."""
    bounds = _range(rule)
    if bounds is not None:
        fact, low, high = bounds
        return _("%(label)s: from %(low)s to %(high)s") % {
            "label": fact_label(fact),
            "low": number(low),
            "high": _amount(fact, high),
        }
    match rule:
        case Compare(fact, op, value):
            return _compare(fact, op, value)
        case Equals(_fact, value):
            return _("women only") if value == "female" else _("men only")
        case Flag(fact):
            return _("%(label)s: yes") % {"label": fact_label(fact)}
        case InList(fact, names):
            if not names:
                return _("%(label)s: at least one") % {"label": fact_label(fact)}
            return _("%(label)s: includes %(names)s") % {"label": fact_label(fact), "names": _names(names)}
        case Not(inner):
            return _negated(inner)
        case AllOf(parts):
            return _("; and ").join(condition(p) for p in parts)
        case AnyOf(parts):
            return _("one of these: %(parts)s") % {"parts": _("; or ").join(condition(p) for p in parts)}
        case Note():
            return _("no condition")
        case Review():
            return _("a condition a person has to read")
        case Site():
            return _("a condition the study site assesses")
        case Exposure() | History():
            return _history_phrase(rule)
    raise TypeError(type(rule).__name__)  # pragma: no cover (every node is matched above)


def _history_phrase(rule: Exposure | History) -> str:
    """What a drug-history or condition-history rule asks."""
    if isinstance(rule, History):
        names = _names(rule.names) if rule.names else _("any")
        return _("%(label)s: includes %(names)s") % {"label": fact_label(rule.fact), "names": names}
    drugs = _names(rule.names) if rule.names else _("any RA medicine")
    if rule.failed:
        return _("%(n)s or more of %(drugs)s stopped for not working or side effects") % {
            "n": rule.at_least,
            "drugs": drugs,
        }
    return _("has taken %(drugs)s") % {"drugs": drugs}


def _negated(rule: Rule) -> str:  # noqa: PLR0911 (one return per node)
    match rule:
        case Compare(fact, op, value):
            return _compare(fact, _FLIP.get(op, "!="), value)
        case Equals(_fact, value):
            return _("men only") if value == "female" else _("women only")
        case Flag(fact):
            return _("%(label)s: no") % {"label": fact_label(fact)}
        case InList(fact, names):
            if not names:
                return _("%(label)s: none") % {"label": fact_label(fact)}
            return _("%(label)s: none of %(names)s") % {"label": fact_label(fact), "names": _names(names)}
        case Not(inner):
            return condition(inner)
        case AllOf(parts):
            return _("not all of these: %(parts)s") % {"parts": _("; ").join(condition(p) for p in parts)}
        case AnyOf(parts):
            return _("none of these: %(parts)s") % {"parts": _("; ").join(condition(p) for p in parts)}
        case Note() | Review() | Site():
            return condition(rule)
        case Exposure() | History():
            return _("not this: %(part)s") % {"part": condition(rule)}
    raise TypeError(type(rule).__name__)  # pragma: no cover (every node is matched above)


def facts_of(rule: Rule) -> Iterator[str]:
    """The facts ``rule`` reads, in order, each once."""
    seen: set[str] = set()
    for fact in _walk(rule):
        if fact not in seen:
            seen.add(fact)
            yield fact


def _walk(rule: Rule) -> Iterator[str]:
    match rule:
        case Compare(fact) | Equals(fact) | Flag(fact) | InList(fact):
            yield fact
        case Not(inner):
            yield from _walk(inner)
        case Exposure():
            yield "drug_history"
        case History(fact):
            yield fact
        case AllOf(parts) | AnyOf(parts):
            for part in parts:
                yield from _walk(part)
        case _:
            return


def you_fact(fact: str, value: FactValue | None) -> str:  # noqa: PLR0911 (one per kind)
    """What the person told us about one fact, or that we do not know it."""
    label = fact_label(fact)
    if value is None:
        return (
            _("we do not know your age")
            if fact == "age_years"
            else _("not known yet: %(label)s") % {"label": label}
        )
    kind = FACTS[fact].kind
    if fact == "age_years" and isinstance(value, float | int):
        return _("you are %(age)s") % {"age": number(float(value))}
    if kind == "sex":
        return _("you are a woman") if value == "female" else _("you are a man")
    if kind == "boolean":
        return (_("yes for you: %(label)s") if value is True else _("no for you: %(label)s")) % {
            "label": label
        }
    if kind == "list" and isinstance(value, tuple):
        if not value:
            return _("you listed none: %(label)s") % {"label": label}
        return _("you listed %(items)s: %(label)s") % {"items": ", ".join(value), "label": label}
    assert isinstance(value, float | int)
    return _("your %(label)s: %(value)s") % {"label": label, "value": quantity(fact, float(value))}


def you(rule: Rule, facts: PatientFacts | None) -> str:
    """The person's side of ``rule``: each fact it reads, as they gave it (empty: none)."""
    if facts is None:
        return ""
    return _("; ").join(you_fact(f, effective_value(facts, f)) for f in facts_of(rule))


def requirement(rule: Rule, kind: str) -> str:
    """The study's side: what it takes (inclusion) or does not take (exclusion)."""
    if isinstance(rule, Review):
        return _("a person has to read this criterion: ask the study team")
    if isinstance(rule, Note):
        return _("this line sets no condition")
    bounds = _range(rule)
    if bounds is not None and bounds[0] == "age_years" and kind != "exclusion":
        return _("the study takes people %(low)s to %(high)s years old") % {
            "low": number(bounds[1]),
            "high": number(bounds[2]),
        }
    if kind == "exclusion":
        return _("the study does not take: %(condition)s") % {"condition": condition(rule)}
    return _("the study needs: %(condition)s") % {"condition": condition(rule)}


def sentence(rule: Rule, kind: str, facts: PatientFacts | None = None, source: str = "criteria") -> str:
    """One criterion for one person: their side, then the study's, as one sentence."""
    if source == "provenance":
        return _(
            "The registry's criteria lists were not seen whole: criteria not shown here may still "
            "apply, so no one can be called a fit from this page."
        )
    parts = [p for p in (you(rule, facts), requirement(rule, kind)) if p]
    text = _("; ").join(parts)
    return text[:1].upper() + text[1:] + "."
