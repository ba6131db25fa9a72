"""The offer check: the language, the registry ids and the red flags of a clinic's offer.

Each flag carries its evidence: the exact words of the input that show it, with their position,
so that a page can highlight them and the command can quote them. A claim stated in a sentence
that asks, doubts or warns ("whether", "not proven", "beware of clinics that claim...") or that
is negated just before it ("there is no cure") is not raised. The check decides nothing about a
treatment: it points at words worth asking about.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from typing import Final

from synovia.core.offercheck import conditions, lexicon_en, lexicon_es, money
from synovia.core.offercheck.language import Language, detect_language
from synovia.core.offercheck.registry import RegistryId, find_registry_ids
from synovia.core.offercheck.text import Folded, fold, sentences

FLAG_CODES: Final = (
    "no_registry_id",
    "claims_no_risk",
    "claims_cure_or_regeneration",
    "treats_many_conditions",
    "testimonials_as_evidence",
    "vague_success_claims",
    "charges_patient",
    "pressure_or_free_consult_funnel",
    "misrepresents_regulation",
    "travel_abroad",
)
# Claims whose sentence may ask or doubt rather than assert.
HEDGED: Final = frozenset(
    {"claims_no_risk", "claims_cure_or_regeneration", "vague_success_claims", "misrepresents_regulation"}
)
MAX_CHARS: Final = 50_000
MAX_EVIDENCE: Final = 8
_CONTROLLED = re.compile(
    r"\b(?:randomi[sz]ed|placebo|controlled trial|p ?[<=] ?0|95 ?% ?ci|confidence interval|doi|pmid|"
    r"aleatori\w+|ensayo controlado|intervalo de confianza)\b"
)


@dataclass(frozen=True)
class Evidence:
    quote: str
    start: int
    end: int


@dataclass(frozen=True)
class Flag:
    code: str
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class OfferReport:
    language: Language
    registry_ids: tuple[RegistryId, ...]
    flags: tuple[Flag, ...]

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(flag.code for flag in self.flags)


def _compile(patterns: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p) for p in patterns)


_LEXICONS = (lexicon_en, lexicon_es)
_CUES = {code: _compile(lexicon_en.CUES.get(code, ()) + lexicon_es.CUES.get(code, ())) for code in FLAG_CODES}
_NEEDS_NO_ID = {
    code: _compile(lexicon_en.NEEDS_NO_ID.get(code, ()) + lexicon_es.NEEDS_NO_ID.get(code, ()))
    for code in FLAG_CODES
}
_NEGATOR = re.compile("|".join(lex.NEGATORS for lex in _LEXICONS))
_HEDGE = re.compile("|".join(lex.HEDGES for lex in _LEXICONS))
_NOT_CHARGED = re.compile("|".join(lex.NOT_CHARGED for lex in _LEXICONS))
_AMOUNT_NOT_CHARGED = re.compile("|".join(lex.AMOUNT_NOT_CHARGED for lex in _LEXICONS))
_STUDY_WORDS = re.compile("|".join(lex.STUDY_WORDS for lex in _LEXICONS))
_CLAUSE_BREAK = re.compile(r"[,:;()\"]| (?:and|or|but|so|y|o|e|u|pero|asi que) ")


class _Context:
    """The folded text and its sentences, for asking what surrounds a match."""

    def __init__(self, folded: Folded, text: str) -> None:
        self.folded = folded
        starts: list[int] = []
        for start, _end in sentences(text):
            starts.append(bisect_left(folded.source, start))
        self.starts = starts or [0]

    def sentence(self, start: int) -> tuple[int, int]:
        index = max(0, bisect_left(self.starts, start + 1) - 1)
        end = self.starts[index + 1] if index + 1 < len(self.starts) else len(self.folded.text)
        return self.starts[index], end

    def sentence_text(self, start: int) -> str:
        first, last = self.sentence(start)
        return self.folded.text[first:last]

    def negated(self, start: int) -> bool:
        """A negation among the four words just before ``start``, in the same clause ("there is
        no cure", "no es totalmente seguro"); a conjunction starts a new clause ("no pain and no
        side effects" keeps its second claim)."""
        first, _ = self.sentence(start)
        before = _CLAUSE_BREAK.split(self.folded.text[first:start])[-1]
        return bool(_NEGATOR.search(" ".join(before.split()[-4:])))


def _evidence(folded: Folded, start: int, end: int) -> Evidence:
    first, last = folded.span(start, end)
    quote = folded.original[first:last]
    stripped = quote.strip(" \t\r\n.,;:")
    offset = quote.find(stripped)
    return Evidence(stripped, first + offset, first + offset + len(stripped))


def _keep(code: str, match: re.Match[str], context: _Context) -> bool:
    if code in HEDGED and _HEDGE.search(context.sentence_text(match.start())):
        return False
    if code == "vague_success_claims" and _CONTROLLED.search(context.sentence_text(match.start())):
        return False
    if code == "charges_patient" and _NOT_CHARGED.search(context.sentence_text(match.start())):
        return False
    return not context.negated(match.start())


def _cue_matches(code: str, context: _Context, has_id: bool) -> list[re.Match[str]]:
    patterns = _CUES[code] + (() if has_id else _NEEDS_NO_ID[code])
    text = context.folded.text
    return [
        m
        for pattern in patterns
        for m in pattern.finditer(text)
        if m.end() > m.start() and _keep(code, m, context)
    ]


def _prices(context: _Context) -> list[re.Match[str]]:
    return [
        m
        for m in money.PRICE.finditer(context.folded.text)
        if not _AMOUNT_NOT_CHARGED.search(context.sentence_text(m.start()))
    ]


def _conditions(context: _Context) -> list[re.Match[str]]:
    seen: dict[str, tuple[str, re.Match[str]]] = {}
    for system, name, pattern in conditions.COMPILED:
        for match in pattern.finditer(context.folded.text):
            if not conditions.EXCLUSION_CONTEXT.search(context.sentence_text(match.start())):
                seen.setdefault(name, (system, match))
                break
    systems = {system for system, _ in seen.values()}
    many = len(seen) >= conditions.MANY_CONDITIONS
    if many or (len(seen) >= conditions.MIN_CONDITIONS and len(systems) >= conditions.MIN_SYSTEMS):
        return [match for _, match in seen.values()]
    return []


def _distinct(folded: Folded, matches: list[re.Match[str]]) -> tuple[Evidence, ...]:
    """Evidence in reading order; a match inside a longer one already kept is dropped, and the
    same words found again are quoted once (the first time)."""
    spans = sorted(((m.start(), m.end()) for m in matches), key=lambda s: (s[0], -s[1]))
    kept: list[tuple[int, int]] = []
    for start, end in spans:
        if kept and start < kept[-1][1]:
            if end > kept[-1][1]:
                kept[-1] = (kept[-1][0], end)
            continue
        kept.append((start, end))
    evidence: dict[str, Evidence] = {}
    for start, end in kept:
        quote = _evidence(folded, start, end)
        evidence.setdefault(fold(quote.quote).text, quote)  # the same words twice: quoted once
    return tuple(evidence.values())[:MAX_EVIDENCE]


def _flag_matches(code: str, context: _Context, has_id: bool) -> list[re.Match[str]]:
    if code == "no_registry_id":
        return [] if has_id else list(_STUDY_WORDS.finditer(context.folded.text))[:3]
    if code == "treats_many_conditions":
        return _conditions(context)
    matches = _cue_matches(code, context, has_id)
    if code == "charges_patient":
        matches += _prices(context)
    return matches


def check_offer(text: str) -> OfferReport:
    """The language, registry ids and red flags of ``text`` (at most ``MAX_CHARS`` characters)."""
    if len(text) > MAX_CHARS:
        raise ValueError(f"the text is longer than {MAX_CHARS} characters")
    folded = fold(text)
    context = _Context(folded, text)
    ids = tuple(find_registry_ids(text))
    flags: list[Flag] = []
    for code in FLAG_CODES:
        matches = _flag_matches(code, context, bool(ids))
        if (code == "no_registry_id" and not ids) or matches:
            flags.append(Flag(code, _distinct(folded, matches)))
    return OfferReport(detect_language(text, folded.text), ids, tuple(flags))


#: The flags a text raises by its own words: every code but ``no_registry_id``, an absence.
CLAIM_CODES: tuple[str, ...] = tuple(code for code in FLAG_CODES if code != "no_registry_id")


def flags(text: str, *, absences: bool = False) -> list[Flag]:
    """The red flags ``text`` shows, each with its exact quotes, in the order of ``FLAG_CODES``.

    The small entry point for other parts of Synovia that read short texts (the community's
    posts): the same lexicons and rules as :func:`check_offer`. ``no_registry_id`` says what a
    text lacks, not what it claims, so it is left out unless ``absences`` is true. Empty or
    blank text has no flags; text longer than ``MAX_CHARS`` raises ``ValueError``.
    """
    if not text.strip():
        return []
    report = check_offer(text)
    return [flag for flag in report.flags if absences or flag.code in CLAIM_CODES]
