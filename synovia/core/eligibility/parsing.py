"""Deterministic parser: a criterion's text -> a rule, or review when unsure.

Method (no model, no network):

1. A text with a lost comparison symbol (a lone ``=`` or ``³`` before a number, as the
   registry mirrors print a lost ``<=``/``>=``) is ambiguous in direction: review.
2. A line ending in ``:`` that only introduces the items below it (``... the following
   criteria:``, ``... defined as:``) is a :class:`Note`; one that says "one of the
   following" or carries content is review.
3. The text is normalised and every recognised phrase of :mod:`.patterns` is consumed,
   first pattern first. A phrase outside the kinds it is allowed in: review.
4. What is left (the residue) must be explained: if it holds a word that can change the
   meaning (not, without, unless, if, prior, history, including, such as, "of the
   following"...): review. Other leftover content words make a :class:`Review` part joined
   to the recognised rules, so a recognised part can still decide (an inclusion part not met).
5. Parts are joined by the residue's connective: "or" -> any of, "and" -> all of, both ->
   review, neither -> all of for inclusion, any of for exclusion.

A rule is never guessed: a wrong rule is worse than none.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Literal

from synovia.core.eligibility import language
from synovia.core.eligibility.patterns import PATTERNS, UNMODELLED
from synovia.core.eligibility.rules import (
    AllOf,
    AnyOf,
    Compare,
    Equals,
    Note,
    Review,
    Rule,
    Site,
    has_review,
    rule_to_dict,
)
from synovia.core.eligibility.splitting import split_criteria
from synovia.core.eligibility.studies import Study

CriterionKind = Literal["inclusion", "exclusion"]
Source = Literal["criteria", "registry", "provenance"]

INCOMPLETE_TEXT = (
    "The registry criteria were not seen whole (criteriaComplete is false): criteria not "
    "shown here may still exclude the patient."
)
NO_TEXT = "The registry record gives no criteria text."


@dataclass(frozen=True)
class ParsedCriterion:
    """One criterion with its rule; ``source`` says where it came from."""

    kind: CriterionKind
    text: str
    rule: Rule
    source: Source = "criteria"


_AMBIGUOUS = re.compile(r"(?<![<>≤≥!=])=(?!=)\s*\d|³")
_HEADING = re.compile(r"(?:\bthe following\b|defined as)[^:]*:\s*$")
_RISKY = re.compile(
    r"\b(?:not|no|non|without|unless|except|if|either|neither|nor|inability|unable|"
    r"unwilling|other than|only|prior|previous|history|when|whether|in case|including|"
    r"such as|of the following|i\.e|e\.g|within|after|before|stable|discontinued|"
    r"permitted|until|unknown|abnormal|normal)\b"
)
_FILLER = frozenset(
    """
    a an the of for to in at on by with who which that is are be been being was has have
    had must should will may can patients patient subjects subject people participants
    persons women woman men man years year old screening baseline visit study and or
    and/or as per according defined diagnosis diagnosed diagnose rheumatoid arthritis ra
    criteria classification fulfill fulfil fulfilled fulfills meet meets all any
    infections infection positive result results testing test level levels count
    agreement consistent following also included participate
    """.split()  # noqa: SIM905 (a word list reads best as text)
)
_WORDS = re.compile(r"and/or|[a-z0-9α-ω]+")

_WORD_OPS = (
    (r"greater than or equal to|more than or equal to|equal or more than|at least|no less than",
     ">="),
    (r"less than or equal to|equal or less than|no more than|up to|not more than", "<="),
    (r"greater than|more than|higher than|above|over", ">"),
    (r"less than|lower than|below|under", "<"),
)
_NUMBER_WORDS = {
    w: str(i)
    for i, w in enumerate(
        ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
         "eleven", "twelve")
    )
}


def normalise(text: str) -> str:
    """Lower case, symbols and worded comparisons as ``>= <= > <``, number words as digits."""
    t = text.casefold()
    for old, new in (("≥", ">="), ("≤", "<="), ("＞", ">"), ("＜", "<"), ("或", " or "),
                     ("–", "-"), ("—", "-"), ("×", "x"), ("µ", "u"), ("μ", "u"), ("α", "a")):
        t = t.replace(old, new)
    for words, op in _WORD_OPS:
        t = re.sub(rf"\b(?:{words})\s*(?=\d)", f"{op} ", t)
    t = re.sub(r"\b(" + "|".join(_NUMBER_WORDS) + r")\b(?=\s+(?:days?|weeks?|months?|years?))",
               lambda m: _NUMBER_WORDS[m.group(1)], t)
    t = re.sub(r"\s*(>=|<=|>|<)\s*", r" \1 ", t)
    t = re.sub(r"(?<=\d),(?=\d{3}\b)", "", t)
    return " ".join(t.split())


def parse_criterion(kind: CriterionKind, text: str) -> Rule:
    """The rule of one criterion, or :class:`Review` of its text when unsure.

    Two parsers are asked: the layered parser of :mod:`.language` (lexicons, clauses,
    context, frames) and the phrase patterns of :mod:`.patterns` (kept for the shipped
    catalog). The more structured answer wins (fully > partly > site > review; on a tie of
    two full rules the patterns', which the per-criterion tests pin). The patterns are not
    asked about a text with a conditional or subordinate clause, which they do not model.
    """
    legacy = Review(text) if language.conditional(text) else legacy_criterion(kind, text)
    if isinstance(legacy, Note) and len(language.sentences(text)) > 1:
        legacy = Review(text)  # a heading line that also carries criteria
    fresh = language.parse(kind, text) or Review(text)
    if isinstance(fresh, Site) and _only_consent(legacy) and has_review(legacy):
        return fresh  # consent, willingness, ability: the site assesses them
    if _rank(fresh) > _rank(legacy) or (_rank(fresh) == _rank(legacy) < 3):
        return fresh
    return legacy


def _only_consent(rule: Rule) -> bool:
    found = json.dumps(rule_to_dict(rule))
    return '"consent_given"' in found and found.count('"fact"') == 1


def _rank(rule: Rule) -> int:
    if isinstance(rule, Review):
        return 0
    if isinstance(rule, Site):
        return 1
    return 2 if has_review(rule) else 3


def legacy_criterion(kind: CriterionKind, text: str) -> Rule:
    """The phrase-pattern parser (before issue 10), or :class:`Review`."""
    if _AMBIGUOUS.search(text):
        return Review(text)
    if text.rstrip().endswith(":"):
        return _heading(text)
    found, residue, allowed = _extract(kind, normalise(text))
    if not allowed or not found or _RISKY.search(residue):
        return Review(text)
    return _combine(kind, text, found, residue)


def _heading(text: str) -> Rule:
    lowered = normalise(text)
    if _HEADING.search(lowered) and not re.search(r"\b(?:one|any|either|>=)\b", lowered):
        return Note(text)
    return Review(text)


def _extract(kind: str, text: str) -> tuple[list[Rule | None], str, bool]:
    found: list[Rule | None] = []
    allowed = True
    for pattern in PATTERNS:
        for match in pattern.regex.finditer(text):
            rule = pattern.build(match)
            if kind not in pattern.kinds:
                allowed = False
            found.append(rule)
        text = pattern.regex.sub(" ¦ ", text)
    return found, text, allowed


def _combine(kind: CriterionKind, text: str, found: list[Rule | None], residue: str) -> Rule:
    words = _WORDS.findall(residue)
    has_or = any(w in ("or", "and/or") for w in words)
    has_and = "and" in words
    rules = _dedupe([_unmodelled(r, text) for r in found if r is not None])
    qualified = any(_has_unmodelled(r) for r in found if r is not None)
    conditions = [r for r in rules if not isinstance(r, Note | Review)]
    content = [w for w in words if w not in _FILLER]
    if not conditions:
        return Review(text) if content or not rules else rules[0]
    needs_review = bool(content) or qualified
    parts: list[Rule] = [*conditions, *([Review(text)] if needs_review else [])]
    if len(parts) == 1:
        return parts[0]
    if (has_or and has_and) or (qualified and has_or):
        return Review(text)
    if has_or or (kind == "exclusion" and not has_and):
        return AnyOf(_flatten(parts, AnyOf))
    return AllOf(_flatten(parts, AllOf))


def _has_unmodelled(rule: Rule) -> bool:
    if rule is UNMODELLED:
        return True
    return isinstance(rule, AllOf | AnyOf) and any(_has_unmodelled(r) for r in rule.rules)


def _unmodelled(rule: Rule, text: str) -> Rule:
    """The rule with the unmodelled sentinel replaced by a review of ``text``."""
    if rule is UNMODELLED:
        return Review(text)
    if isinstance(rule, AllOf):
        return AllOf(tuple(_unmodelled(r, text) for r in rule.rules))
    return rule


def _flatten(parts: list[Rule], node: type[AllOf] | type[AnyOf]) -> tuple[Rule, ...]:
    flat: list[Rule] = []
    for part in parts:
        flat.extend(part.rules if isinstance(part, node) else (part,))
    return tuple(_dedupe(flat))


def _dedupe(rules: list[Rule]) -> list[Rule]:
    seen: list[Rule] = []
    for rule in rules:
        if rule not in seen:
            seen.append(rule)
    return seen


def parse_study(study: Study) -> tuple[ParsedCriterion, ...]:
    """All criteria of a study: registry age/sex fields, the text's criteria, provenance."""
    parsed = list(_registry_criteria(study))
    alternatives: str | None = None
    for item in split_criteria(study.eligibility.criteria_text):
        if item.kind == "unlabelled":
            parsed.append(ParsedCriterion("inclusion", item.text, Review(item.text)))
            continue
        if item.text.rstrip().endswith(":"):
            alternatives = item.text if language.introduces_alternatives(item.text) else None
        rule = parse_criterion(item.kind, item.text)
        if alternatives is not None and item.text != alternatives and item.kind == "inclusion":
            # One of a list of alternatives: it may show the group met, never fail alone.
            rule = AnyOf((rule, Review(f"one of the alternatives under: {alternatives}")))
        parsed.append(ParsedCriterion(item.kind, item.text, rule))
    if not study.criteria_complete:
        parsed.append(ParsedCriterion("inclusion", INCOMPLETE_TEXT, Review(INCOMPLETE_TEXT),
                                      "provenance"))
    elif study.eligibility.criteria_text is None:
        parsed.append(ParsedCriterion("inclusion", NO_TEXT, Review(NO_TEXT), "provenance"))
    return tuple(parsed)


def _registry_criteria(study: Study) -> list[ParsedCriterion]:
    eligibility = study.eligibility
    low, high = eligibility.minimum_age_years, eligibility.maximum_age_years
    found: list[ParsedCriterion] = []
    bounds = [Compare("age_years", ">=", low)] if low is not None else []
    bounds += [Compare("age_years", "<=", high)] if high is not None else []
    if bounds:
        text = f"Age {_years(low)} to {_years(high)} (registry eligibility fields)"
        rule: Rule = bounds[0] if len(bounds) == 1 else AllOf(tuple(bounds))
        found.append(ParsedCriterion("inclusion", text, rule, "registry"))
    if eligibility.sex in ("FEMALE", "MALE"):
        sex = "female" if eligibility.sex == "FEMALE" else "male"
        found.append(ParsedCriterion("inclusion", f"Sex: {sex} only (registry eligibility "
                                     "fields)", Equals("sex", sex), "registry"))
    return found


def _years(value: float | None) -> str:
    return "no limit" if value is None else f"{value:g} years"


def apply_approved(
    criteria: tuple[ParsedCriterion, ...], approved: Mapping[tuple[str, str], Rule]
) -> tuple[ParsedCriterion, ...]:
    """Replace parsed rules by curator-approved ones keyed by (kind, exact text).

    An approval is kept only while the criterion's text is unchanged: a re-imported text
    that differs by one character is parsed afresh.
    """
    return tuple(
        replace(c, rule=approved[(c.kind, c.text)]) if (c.kind, c.text) in approved else c
        for c in criteria
    )


def parse_catalog(studies: Iterable[Study]) -> list[tuple[str, tuple[ParsedCriterion, ...]]]:
    """(registry id, parsed criteria) for each study, ready for matching."""
    return [(study.registry_id, parse_study(study)) for study in studies]
