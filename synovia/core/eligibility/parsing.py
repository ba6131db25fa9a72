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

6. In a study (:func:`parse_study`), items under a group head ("either:", "any of the
   following", "at least k of") or joined by "or" are combined by :func:`group_items`: an
   item never decides alone what only its group can decide.

A rule is never guessed: a wrong rule is worse than none.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Literal

from synovia.core.eligibility import language
from synovia.core.eligibility.facts import FACTS
from synovia.core.eligibility.patterns import PATTERNS, UNMODELLED
from synovia.core.eligibility.rules import (
    AllOf,
    AnyOf,
    Compare,
    Equals,
    Not,
    Note,
    Review,
    Rule,
    Site,
    has_review,
    rule_to_dict,
)
from synovia.core.eligibility.splitting import SplitCriterion, split_criteria
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
    (r"greater than or equal to|more than or equal to|equal or more than|at least|no less than", ">="),
    (r"less than or equal to|equal or less than|no more than|up to|not more than", "<="),
    (r"greater than|more than|higher than|above|over", ">"),
    (r"less than|lower than|below|under", "<"),
)
_NUMBER_WORDS = language.CARDINALS


def normalise(text: str) -> str:
    """Lower case, symbols and worded comparisons as ``>= <= > <``, number words as digits."""
    t = text.casefold()
    for old, new in (
        ("≥", ">="),
        ("≤", "<="),
        ("＞", ">"),
        ("＜", "<"),
        ("或", " or "),
        ("–", "-"),
        ("—", "-"),
        ("×", "x"),
        ("µ", "u"),
        ("μ", "u"),
        ("α", "a"),
    ):
        t = t.replace(old, new)
    for words, op in _WORD_OPS:
        t = re.sub(rf"\b(?:{words})\s*(?=\d)", f"{op} ", t)
    t = re.sub(
        r"\b(" + "|".join(_NUMBER_WORDS) + r")\b(?=\s+(?:days?|weeks?|months?|years?))",
        lambda m: _NUMBER_WORDS[m.group(1)],
        t,
    )
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
    if language.pregnancy_only_planned(text) and '"pregnant"' in json.dumps(rule_to_dict(legacy)):
        legacy = Review(text)  # a plan to become pregnant is not a pregnancy now
    if _measured(legacy) and language.other_time(text):
        legacy = Review(text)  # a value at another time or a target, not the current value
    if (
        kind == "exclusion"
        and has_review(legacy)
        and (
            language.qualified_list(text)
            or (language.graded(text) and '"conditions"' in json.dumps(rule_to_dict(legacy)))
        )
    ):
        legacy = Review(text)  # a qualifier may scope over the phrases read alone; a listed
        # diagnosis does not show its grade ("severe anaemia")
    fresh = language.parse(kind, text) or Review(text)
    if isinstance(fresh, Site) and _only_consent(legacy) and has_review(legacy):
        return fresh  # consent, willingness, ability: the site assesses them
    best = fresh if _rank(fresh) > _rank(legacy) or (_rank(fresh) == _rank(legacy) < 3) else legacy
    if kind == "inclusion" and isinstance(best, Review):
        return _negated_inclusion(text) or best
    return best


_MEASURE_KINDS = frozenset(("number",))


def _measured(rule: Rule) -> bool:
    """Whether a rule compares a measured value (a score, a count, a lab value, age)."""
    if isinstance(rule, Compare):
        return FACTS[rule.fact].kind in _MEASURE_KINDS
    if isinstance(rule, AnyOf | AllOf):
        return any(_measured(r) for r in rule.rules)
    return isinstance(rule, Not) and _measured(rule.rule)


def _negated_inclusion(text: str) -> Rule | None:
    """An inclusion "must not be X" / "no X" / "free of X" as the negation of the exclusion
    "X" when that is structured: not met exactly when the exclusion would be met, review or
    unknown otherwise (an exclusion's review part stays review under the negation)."""
    rest = language.negated_rest(text)
    if rest is None:
        return None
    excluded = parse_criterion("exclusion", rest)
    if isinstance(excluded, Review | Site | Note):
        return None
    return Not(_retext(excluded, text))


def _retext(rule: Rule, text: str) -> Rule:
    if isinstance(rule, Review):
        return Review(text)
    if isinstance(rule, AnyOf | AllOf):
        return type(rule)(tuple(_retext(r, text) for r in rule.rules))
    if isinstance(rule, Not):
        return Not(_retext(rule.rule, text))
    return rule


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
    """All criteria of a study: registry age/sex fields, the text's criteria, provenance.

    Items of a group ("either:", "any of the following", "at least two of", items joined
    by "or") are parsed one by one and then combined by :func:`group_items`, so that no item
    decides alone what only its group can decide.
    """
    parsed = list(_registry_criteria(study))
    items = split_criteria(study.eligibility.criteria_text)
    rules = [Review(i.text) if i.kind == "unlabelled" else parse_criterion(i.kind, i.text) for i in items]
    for item, rule in zip(items, group_items(items, rules), strict=True):
        kind: CriterionKind = "inclusion" if item.kind == "unlabelled" else item.kind
        parsed.append(ParsedCriterion(kind, item.text, rule))
    if not study.criteria_complete:
        parsed.append(ParsedCriterion("inclusion", INCOMPLETE_TEXT, Review(INCOMPLETE_TEXT), "provenance"))
    elif study.eligibility.criteria_text is None:
        parsed.append(ParsedCriterion("inclusion", NO_TEXT, Review(NO_TEXT), "provenance"))
    return tuple(parsed)


@dataclass
class _Group:
    head: int
    indent: int
    nested: bool
    at_least: int
    members: list[int]


def _is_head(items: Sequence[SplitCriterion], i: int) -> language.GroupHead | None:
    head = language.group_head(items[i].text)
    if head is None:
        return None
    deeper = i + 1 < len(items) and items[i + 1].indent > items[i].indent
    text = items[i].text.rstrip()
    colon = text.endswith(":")
    # "one of the following: A" split from "...: A; B; C" opens a list; an inline list
    # complete in the item ("...: A, B or C") does not
    opens = ":" in text and not re.search(r",|\bor\b", text.split(":", 1)[1], re.IGNORECASE)
    return head if colon or head.pure or head.at_end or deeper or opens else None


def _groups(items: Sequence[SplitCriterion]) -> list[_Group]:
    """Every group of a criteria list: its head, and the items it governs.

    A group governs the items after its head in the same section: while they are indented
    deeper than the head when the first one is; else up to the next head at its level or the
    section's end (when unsure, more items are governed: a governed item only gets weaker).
    Items joined by "or" at the end or start of a line form a group of their own (k = 1).
    """
    groups: list[_Group] = []
    open_groups: list[_Group] = []
    for i, item in enumerate(items):
        open_groups = [g for g in open_groups if _governs(g, items, i)]
        for g in open_groups:
            g.members.append(i)
        head = _is_head(items, i)
        if head is not None:
            nested = i + 1 < len(items) and items[i + 1].indent > item.indent
            open_groups = [g for g in open_groups if g.nested and g.indent < item.indent]
            group = _Group(i, item.indent, nested, head.at_least, [] if head.pure else [i])
            groups.append(group)
            open_groups.append(group)
    groups.extend(_or_groups(items))
    return groups


def _governs(group: _Group, items: Sequence[SplitCriterion], i: int) -> bool:
    if items[i].kind != items[group.head].kind:
        return False
    return items[i].indent > group.indent if group.nested else True


def _or_groups(items: Sequence[SplitCriterion]) -> list[_Group]:
    groups: list[_Group] = []
    for i in range(len(items) - 1):
        first, second = items[i], items[i + 1]
        if first.kind == second.kind and (
            language.joins_next_by_or(first.text) or language.joins_previous_by_or(second.text)
        ):
            if groups and groups[-1].members[-1] == i:
                groups[-1].members.append(i + 1)
            else:
                groups.append(_Group(-1, first.indent, False, 1, [i, i + 1]))
    return groups


def group_items(items: Sequence[SplitCriterion], rules: Sequence[Rule]) -> list[Rule]:
    """The rules of a criteria list with its groups applied (see :func:`_groups`).

    - an item of an inclusion group of alternatives (k >= 1) may show the group met, never
      fail alone: any of (its rule, review);
    - an item of an exclusion group that needs more than one item (k >= 2, "both", "all")
      may show the group not met, never exclude alone: all of (its rule, review);
    - an item of a negated group ("none of the following") is review;
    - a pure head of an inclusion "any of" (k = 1) group is any of its items' rules, and of
      an exclusion "all of" group all of them; other heads keep their own rule.
    """
    out = list(rules)
    for group in _groups(items):
        if not group.members:
            continue
        kind = items[group.members[0]].kind
        why = _why(items, group)
        for i in group.members:
            out[i] = _member(kind, group.at_least, out[i], why)
        if _closed(items, group):
            out[group.head] = _head(kind, group.at_least, [rules[i] for i in group.members], out[group.head])
    return out


def _closed(items: Sequence[SplitCriterion], group: _Group) -> bool:
    """Whether a pure head's group is known whole: two or more items, and no "or" joining
    its last item to the next one."""
    if group.head < 0 or group.head in group.members or len(group.members) < 2:
        return False
    last = group.members[-1]
    after = items[last + 1].text if last + 1 < len(items) else ""
    return not (language.joins_next_by_or(items[last].text) or language.joins_previous_by_or(after))


def _why(items: Sequence[SplitCriterion], group: _Group) -> str:
    if group.head < 0:
        return "one of the alternatives joined by 'or'"
    return f"one of the items under: {items[group.head].text}"


def _member(kind: str, at_least: int, rule: Rule, why: str) -> Rule:
    if isinstance(rule, Review | Site | Note):
        return rule
    if at_least < 0 or kind == "unlabelled":
        return Review(why)
    if kind == "inclusion" and at_least >= 1:
        return AnyOf((rule, Review(why)))
    if kind == "exclusion" and at_least != 1:
        return AllOf((rule, Review(why)))
    return rule


MAX_K_OF_N = 6
"""Largest group whose "at least k of" head is written out as combinations (6 choose 3 = 20)."""


def _head(kind: str, at_least: int, members: list[Rule], own: Rule) -> Rule:
    if any(isinstance(r, Note) for r in members) or all(isinstance(r, Review | Site) for r in members):
        return own
    if kind == "inclusion" and at_least == 1:
        return language.flatten(AnyOf(tuple(members)))
    if kind == "exclusion" and at_least == 0:
        return language.flatten(AllOf(tuple(members)))
    if 2 <= at_least < len(members) <= MAX_K_OF_N:
        return k_of_n(at_least, members)
    return own


def k_of_n(k: int, members: Sequence[Rule]) -> Rule:
    """At least ``k`` of ``members`` hold: any of the all-of of every ``k`` of them. Under the
    three-valued logic this is exact: met when some ``k`` are met, not met when fewer than
    ``k`` can still be met (a review or unknown member keeps the answer open)."""
    combos = tuple(AllOf(tuple(c)) for c in itertools.combinations(members, k))
    return language.flatten(AnyOf(combos))


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
        found.append(
            ParsedCriterion(
                "inclusion", f"Sex: {sex} only (registry eligibility fields)", Equals("sex", sex), "registry"
            )
        )
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
        replace(c, rule=approved[(c.kind, c.text)]) if (c.kind, c.text) in approved else c for c in criteria
    )


def parse_catalog(studies: Iterable[Study]) -> list[tuple[str, tuple[ParsedCriterion, ...]]]:
    """(registry id, parsed criteria) for each study, ready for matching."""
    return [(study.registry_id, parse_study(study)) for study in studies]
