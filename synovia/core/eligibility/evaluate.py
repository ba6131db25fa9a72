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
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from synovia.core.eligibility.facts import (
    FACTS,
    FAILED_REASONS,
    FactValue,
    Item,
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
    site: bool = False
    """A review that only the study site can settle (a :class:`Site` part, no plain review)."""


@dataclass(frozen=True)
class CriterionResult:
    """One criterion's status for one patient."""

    kind: str
    text: str
    status: Status
    reason: str
    missing_facts: tuple[str, ...]
    source: str
    site: bool = False
    """Open because only the study site can judge it ("the site assesses"), not because
    nobody has read it yet; the status is still ``review``."""

    @property
    def open_kind(self) -> str:
        """Why a criterion is open: ``site`` (the site assesses), ``review`` (a person reads
        it), ``unknown`` (a fact is missing); ``""`` when decided. Structured data for pages."""
        if self.status == Status.REVIEW:
            return "site" if self.site else "review"
        return "unknown" if self.status == Status.UNKNOWN else ""

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
            return _in_list(rule, effective_value(facts, rule.fact), _asked(facts, rule.fact))
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
        case Site(text):
            return Outcome(Status.REVIEW, f"the study site assesses: {text}", site=True)
        case Exposure():
            return _exposure(rule, effective_value(facts, "drug_history"))
        case History():
            return _history(rule, effective_value(facts, rule.fact))


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
    reason = f"{rule.fact} = {_number(float(given), unit)}, needs {rule.op} {_number(rule.value, unit)}"
    return Outcome(Status.MET if _CHECK[rule.op](given, rule.value) else Status.NOT_MET, reason)


@lru_cache(maxsize=256)
def names_pattern(names: tuple[str, ...]) -> re.Pattern[str]:
    """Whole-word pattern for list matching (empty names: any item)."""
    if not names:
        return re.compile(r".")
    words = "|".join(re.escape(normalise_name(n)) for n in names)
    return re.compile(rf"\b(?:{words})\b")


def _asked(facts: PatientFacts, fact: str) -> FactValue | None:
    """``<fact>_asked``: what a checklist asked about, when the list fact has such a companion."""
    name = f"{fact}_asked"
    return effective_value(facts, name) if name in FACTS else None


def covered(names: tuple[str, ...], asked: tuple[str, ...]) -> bool:
    """Whether every one of ``names`` is a kind of something ``asked`` about ("congestive heart
    failure" is covered by asking about "heart failure"); nothing is covered by asking nothing,
    and "any item" (no names) never is."""
    if not names or not asked:
        return False
    pattern = names_pattern(asked)
    return all(pattern.search(normalise_name(name)) for name in names)


def _in_list(rule: InList, given: FactValue | None, asked: FactValue | None = None) -> Outcome:
    if not isinstance(given, tuple):
        return _unknown(rule.fact)
    pattern = names_pattern(rule.names)
    names = [item if isinstance(item, str) else item.name for item in given]
    hits = [name for name in names if pattern.search(normalise_name(name))]
    wanted = ", ".join(rule.names) if rule.names else "any item"
    if hits:
        return Outcome(Status.MET, f"{rule.fact} includes {', '.join(hits)}")
    if isinstance(asked, tuple) and not covered(rule.names, tuple(str(a) for a in asked)):
        return Outcome(
            Status.UNKNOWN,
            f"unknown: {rule.fact} was asked only about {', '.join(map(str, asked))}",
            (rule.fact,),
        )
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
    reviews = [o for o in outcomes if o.status == Status.REVIEW]
    site = status == Status.REVIEW and bool(reviews) and all(o.site for o in reviews)
    return Outcome(status, "; ".join(dict.fromkeys(o.reason for o in outcomes)), missing, site)


# Per item of a history: True (counts), False (does not), None (a needed field is unknown).
Tri = bool | None


def _and(*values: Tri) -> Tri:
    if any(v is False for v in values):
        return False
    return None if any(v is None for v in values) else True


def _num(item: Item, key: str) -> float | None:
    value = item.get(key)
    return value if isinstance(value, float) else None


def _at_least(value: float | None, bound: float) -> Tri:
    return None if value is None else value >= bound


def exposure_item(rule: Exposure, item: Item) -> Tri:
    """Whether one drug-history item counts for ``rule`` (names already matched)."""
    stopped = _num(item, "stopped_weeks_ago")
    current = stopped is None
    started = _num(item, "started_weeks_ago")
    checks: list[Tri] = []
    if rule.usage == "current":
        checks.append(current)
    elif rule.usage == "within" and rule.within_weeks is not None:
        checks.append(True if current else stopped <= rule.within_weeks)  # type: ignore[operator]
    if rule.failed:
        reason = item.get("stop_reason")
        checks.append(None if reason is None else reason in FAILED_REASONS)
    if rule.min_weeks is not None:
        checks.append(None if started is None else started - (stopped or 0.0) >= rule.min_weeks)
    if rule.stable_weeks is not None:
        changed = _num(item, "dose_changed_weeks_ago")
        since = changed if changed is not None else started
        checks.append(_and(current, _at_least(since, rule.stable_weeks)))
    if rule.dose_op is not None and rule.dose is not None:
        dose, unit = _num(item, "dose"), item.get("dose_unit")
        ok: Tri = None if dose is None or unit != rule.dose_unit else _CHECK[rule.dose_op](dose, rule.dose)
        checks.append(ok)
    if rule.routes:
        route = item.get("route")
        checks.append(None if route is None else route in rule.routes)
    return _and(*checks)


def _counted(
    rule_names: tuple[str, ...], items: tuple[Item, ...], verdict: Callable[[Item], Tri], at_least: int
) -> Status:
    pattern = names_pattern(rule_names)
    yes: set[str] = set()
    maybe: set[str] = set()
    for item in items:
        name = normalise_name(item.name)
        if not pattern.search(name):
            continue
        result = verdict(item)
        if result is True:
            yes.add(name)
        if result is not False:
            maybe.add(name)
    if len(yes) >= at_least:
        return Status.MET
    return Status.UNKNOWN if len(maybe) >= at_least else Status.NOT_MET


def _exposure(rule: Exposure, given: FactValue | None) -> Outcome:
    if not isinstance(given, tuple):
        return _unknown("drug_history")
    items = tuple(i for i in given if isinstance(i, Item))
    status = _counted(rule.names, items, lambda item: exposure_item(rule, item), rule.at_least)
    wanted = f"{rule.at_least} of {', '.join(rule.names[:6])}{'...' if len(rule.names) > 6 else ''}"
    reason = {
        Status.MET: f"drug history shows {wanted} ({rule.usage})",
        Status.NOT_MET: f"drug history does not show {wanted} ({rule.usage})",
        Status.UNKNOWN: f"drug history lacks a date, dose or reason to decide {wanted}",
    }
    return Outcome(status, reason[status], ("drug_history",) if status == Status.UNKNOWN else ())


def history_item(rule: History, item: Item) -> Tri:
    """Whether one item of a history fact counts for ``rule`` (names already matched)."""
    if rule.excluded and names_pattern(rule.excluded).search(normalise_name(item.name)):
        return False
    if rule.within_years is None:
        return True
    years = _num(item, "years_ago")
    return None if years is None else years <= rule.within_years


def _history(rule: History, given: FactValue | None) -> Outcome:
    if not isinstance(given, tuple):
        return _unknown(rule.fact)
    items = tuple(i for i in given if isinstance(i, Item))
    status = _counted(rule.names, items, lambda item: history_item(rule, item), 1)
    what = ", ".join(rule.names) or "any"
    reason = f"{rule.fact}: {what} {'found' if status == Status.MET else 'not found'}"
    if status == Status.UNKNOWN:
        return Outcome(status, f"{rule.fact}: a date is missing to decide", (rule.fact,))
    return Outcome(status, reason)


def evaluate_criterion(criterion: ParsedCriterion, facts: PatientFacts) -> CriterionResult:
    """One criterion's status; a :class:`Note` is neutral for either kind."""
    outcome = evaluate(criterion.rule, facts)
    if isinstance(criterion.rule, Note) and criterion.kind == "exclusion":
        outcome = Outcome(Status.NOT_MET, outcome.reason)
    return CriterionResult(
        criterion.kind,
        criterion.text,
        outcome.status,
        outcome.reason,
        outcome.missing_facts,
        criterion.source,
        outcome.site,
    )


def trial_verdict(results: Iterable[CriterionResult]) -> Verdict:
    """Not eligible if any criterion decides against; eligible if all are decided for."""
    results = list(results)
    if any(r.decides_against for r in results):
        return Verdict.NOT_ELIGIBLE
    if any(r.is_open for r in results):
        return Verdict.POSSIBLY_ELIGIBLE
    return Verdict.ELIGIBLE


def match_trial(trial_id: str, criteria: Sequence[ParsedCriterion], facts: PatientFacts) -> TrialMatch:
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
            {
                "kind": c.kind,
                "text": c.text,
                "status": c.status.value,
                "reason": c.reason,
                **({"assessed_by": "site"} if c.site else {}),
            }
            for c in match.criteria
        ],
    }
