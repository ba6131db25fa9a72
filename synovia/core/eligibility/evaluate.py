"""Evaluate rules on one patient's facts: per criterion, per trial, closest trials first.

Statuses of a rule: ``met``, ``not_met``, ``unknown`` (a fact is absent: the reason names
the facts that would decide it) and ``review`` (an unstructured part: a person decides).
Combination follows three-valued logic with review ranked above unknown:

- all of: any not met -> not met; else any review -> review; else any unknown -> unknown;
- any of: any met -> met; else any review -> review; else any unknown -> unknown;
- not: met and not met swap; unknown and review stay.

Per trial: not eligible when an inclusion is not met or an exclusion is met (those are
cited); eligible when every inclusion is met and every exclusion not met; otherwise possibly
eligible, with the open criteria listed. A :class:`Note` imposes nothing: met as an
inclusion, not met as an exclusion. A study whose criteria were not seen whole carries a
review criterion, so it is never eligible.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from synovia.core.eligibility.facts import (
    FACTS,
    FactValue,
    PatientFacts,
    effective_value,
    normalise_name,
)
from synovia.core.eligibility.parsing import ParsedCriterion
from synovia.core.eligibility.rules import (
    AllOf,
    AnyOf,
    Compare,
    Equals,
    Flag,
    InList,
    Not,
    Note,
    Review,
    Rule,
)


class Status(StrEnum):
    """Status of a rule or criterion for one patient."""

    MET = "met"
    NOT_MET = "not_met"
    UNKNOWN = "unknown"
    REVIEW = "review"


class Verdict(StrEnum):
    """Verdict of a trial for one patient."""

    ELIGIBLE = "eligible"
    POSSIBLY_ELIGIBLE = "possibly_eligible"
    NOT_ELIGIBLE = "not_eligible"


@dataclass(frozen=True)
class Outcome:
    """A rule's status with its reason and, when unknown, the facts that would decide it."""

    status: Status
    reason: str
    missing_facts: tuple[str, ...] = ()


@dataclass(frozen=True)
class CriterionResult:
    """One criterion's status for one patient."""

    kind: str
    text: str
    status: Status
    reason: str
    missing_facts: tuple[str, ...]
    source: str

    @property
    def decides_against(self) -> bool:
        """An inclusion not met or an exclusion met."""
        bad = Status.NOT_MET if self.kind == "inclusion" else Status.MET
        return self.status == bad

    @property
    def is_open(self) -> bool:
        """Neither decided for nor against (unknown or review)."""
        return self.status in (Status.UNKNOWN, Status.REVIEW)


@dataclass(frozen=True)
class TrialMatch:
    """One trial's verdict for one patient, with every criterion's status."""

    trial_id: str
    verdict: Verdict
    criteria: tuple[CriterionResult, ...]

    @property
    def failed(self) -> tuple[CriterionResult, ...]:
        """The criteria that make the patient not eligible."""
        return tuple(c for c in self.criteria if c.decides_against)

    @property
    def open(self) -> tuple[CriterionResult, ...]:
        """The criteria still to decide (unknown or review)."""
        return tuple(c for c in self.criteria if c.is_open)


def evaluate(rule: Rule, facts: PatientFacts) -> Outcome:  # noqa: PLR0911 (one per node)
    """The status of ``rule`` for ``facts``."""
    match rule:
        case Compare():
            return _compare(rule, effective_value(facts, rule.fact))
        case Equals(fact, value):
            given = effective_value(facts, fact)
            return _decided(fact, given, given == value, f"{fact} is {given}, needs {value}")
        case Flag(fact):
            given = effective_value(facts, fact)
            return _decided(fact, given, given is True, f"{fact} is {_yes(given)}")
        case InList():
            return _in_list(rule, effective_value(facts, rule.fact))
        case Not(inner):
            return _negate(evaluate(inner, facts))
        case AllOf(parts):
            return _all_of([evaluate(p, facts) for p in parts])
        case AnyOf(parts):
            return _any_of([evaluate(p, facts) for p in parts])
        case Note(text):
            return Outcome(Status.MET, f"no condition ({text})")
        case Review(text):
            return Outcome(Status.REVIEW, f"needs review: {text}")


def _yes(value: FactValue | None) -> str:
    return "true" if value is True else "false"


def _unknown(fact: str) -> Outcome:
    return Outcome(Status.UNKNOWN, f"unknown: {fact} not given", (fact,))


def _decided(fact: str, given: FactValue | None, ok: bool, reason: str) -> Outcome:
    if given is None:
        return _unknown(fact)
    return Outcome(Status.MET if ok else Status.NOT_MET, reason)


def _number(value: float, unit: str) -> str:
    return "never" if math.isinf(value) else f"{value:g} {unit}".strip()


_CHECK = {
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
    "==": lambda a, b: a == b,
}


def _compare(rule: Compare, given: FactValue | None) -> Outcome:
    if not isinstance(given, float | int) or isinstance(given, bool):
        return _unknown(rule.fact)
    unit = FACTS[rule.fact].unit
    reason = (f"{rule.fact} = {_number(float(given), unit)}, "
              f"needs {rule.op} {_number(rule.value, unit)}")
    return Outcome(Status.MET if _CHECK[rule.op](given, rule.value) else Status.NOT_MET, reason)


@lru_cache(maxsize=256)
def names_pattern(names: tuple[str, ...]) -> re.Pattern[str]:
    """Whole-word pattern for list matching (empty names: any item)."""
    if not names:
        return re.compile(r".")
    words = "|".join(re.escape(normalise_name(n)) for n in names)
    return re.compile(rf"\b(?:{words})\b")


def _in_list(rule: InList, given: FactValue | None) -> Outcome:
    if not isinstance(given, tuple):
        return _unknown(rule.fact)
    pattern = names_pattern(rule.names)
    hits = [item for item in given if pattern.search(normalise_name(item))]
    wanted = ", ".join(rule.names) if rule.names else "any item"
    if hits:
        return Outcome(Status.MET, f"{rule.fact} includes {', '.join(hits)}")
    return Outcome(Status.NOT_MET, f"{rule.fact} has none of: {wanted}")


def _negate(outcome: Outcome) -> Outcome:
    flipped = {Status.MET: Status.NOT_MET, Status.NOT_MET: Status.MET}
    if outcome.status not in flipped:
        return outcome
    return Outcome(flipped[outcome.status], f"not ({outcome.reason})")


def _all_of(outcomes: list[Outcome]) -> Outcome:
    return _combine(outcomes, decisive=Status.NOT_MET, fallback=Status.MET)


def _any_of(outcomes: list[Outcome]) -> Outcome:
    return _combine(outcomes, decisive=Status.MET, fallback=Status.NOT_MET)


def _combine(outcomes: list[Outcome], decisive: Status, fallback: Status) -> Outcome:
    for status in (decisive, Status.REVIEW, Status.UNKNOWN):
        chosen = [o for o in outcomes if o.status == status]
        if chosen:
            return _joined(status, chosen if status == decisive else _open(outcomes))
    return _joined(fallback, outcomes)


def _open(outcomes: list[Outcome]) -> list[Outcome]:
    return [o for o in outcomes if o.status in (Status.REVIEW, Status.UNKNOWN)]


def _joined(status: Status, outcomes: list[Outcome]) -> Outcome:
    missing = tuple(dict.fromkeys(f for o in outcomes for f in o.missing_facts))
    return Outcome(status, "; ".join(dict.fromkeys(o.reason for o in outcomes)), missing)


def evaluate_criterion(criterion: ParsedCriterion, facts: PatientFacts) -> CriterionResult:
    """One criterion's status; a :class:`Note` is neutral for either kind."""
    outcome = evaluate(criterion.rule, facts)
    if isinstance(criterion.rule, Note) and criterion.kind == "exclusion":
        outcome = Outcome(Status.NOT_MET, outcome.reason)
    return CriterionResult(criterion.kind, criterion.text, outcome.status, outcome.reason,
                           outcome.missing_facts, criterion.source)


def trial_verdict(results: Iterable[CriterionResult]) -> Verdict:
    """Not eligible if any criterion decides against; eligible if all are decided for."""
    results = list(results)
    if any(r.decides_against for r in results):
        return Verdict.NOT_ELIGIBLE
    if any(r.is_open for r in results):
        return Verdict.POSSIBLY_ELIGIBLE
    return Verdict.ELIGIBLE


def match_trial(
    trial_id: str, criteria: Sequence[ParsedCriterion], facts: PatientFacts
) -> TrialMatch:
    """One trial's verdict and per-criterion statuses for ``facts``."""
    results = tuple(evaluate_criterion(c, facts) for c in criteria)
    return TrialMatch(trial_id, trial_verdict(results), results)


_RANK = {Verdict.ELIGIBLE: 0, Verdict.POSSIBLY_ELIGIBLE: 1, Verdict.NOT_ELIGIBLE: 2}


def closeness_key(match: TrialMatch) -> tuple[int, int, int, str]:
    """Sort key, closest first: verdict, then fewest failed, then fewest open criteria."""
    return (_RANK[match.verdict], len(match.failed), len(match.open), match.trial_id)


def match_trials(
    catalog: Sequence[tuple[str, Sequence[ParsedCriterion]]], facts: PatientFacts
) -> list[TrialMatch]:
    """Every trial of ``catalog`` (id, criteria) for ``facts``, closest first."""
    matches = [match_trial(trial_id, criteria, facts) for trial_id, criteria in catalog]
    return sorted(matches, key=closeness_key)


def match_to_dict(match: TrialMatch) -> dict[str, object]:
    """The JSON form printed by ``synovia trials match``."""
    return {
        "trial": match.trial_id,
        "verdict": match.verdict.value,
        "criteria": [
            {"kind": c.kind, "text": c.text, "status": c.status.value, "reason": c.reason}
            for c in match.criteria
        ],
    }
