"""English or Spanish: a deterministic count of each language's commonest function words.

Each word of the folded text (accents removed, lower case) that is in one list and not the
other scores one point for its language; ``n`` with a tilde, inverted question and exclamation
marks and accented vowels score one point for Spanish each. The larger score wins; a tie
(including a text with no such word) is read as English. The word lists are the most frequent
closed-class words of each language, without words the two share ("a", "no", "me").
"""

from __future__ import annotations

import re
from typing import Literal

from synovia.core.offercheck.text import fold

Language = Literal["en", "es"]

_EN = frozenset(
    [
        "the",
        "and",
        "of",
        "to",
        "is",
        "are",
        "in",
        "for",
        "with",
        "you",
        "your",
        "our",
        "we",
        "it",
        "this",
        "that",
        "be",
        "have",
        "has",
        "was",
        "will",
        "can",
        "not",
        "on",
        "at",
        "by",
        "from",
        "or",
        "an",
        "as",
        "they",
        "their",
        "what",
        "which",
        "who",
        "how",
        "all",
        "more",
        "than",
        "been",
        "would",
        "there",
        "if",
        "about",
        "do",
        "does",
        "get",
        "into",
        "only",
        "also",
        "after",
    ]
)
_ES = frozenset(
    [
        "el",
        "la",
        "los",
        "las",
        "de",
        "del",
        "y",
        "en",
        "que",
        "es",
        "son",
        "un",
        "una",
        "para",
        "con",
        "por",
        "su",
        "sus",
        "nuestro",
        "nuestra",
        "nuestros",
        "usted",
        "ustedes",
        "se",
        "lo",
        "al",
        "como",
        "mas",
        "pero",
        "sin",
        "sobre",
        "este",
        "esta",
        "estos",
        "hay",
        "ya",
        "muy",
        "tambien",
        "puede",
        "pueden",
        "desde",
        "hasta",
        "cuando",
        "donde",
        "porque",
        "ser",
        "tiene",
        "tienen",
        "le",
        "les",
        "nos",
        "e",
        "o",
        "u",
    ]
)
_WORD = re.compile(r"[a-z]+")
_SPANISH_MARKS = re.compile("[\u00f1\u00d1\u00bf\u00a1\u00e1\u00e9\u00ed\u00f3\u00fa]")


def detect_language(text: str, folded: str | None = None) -> Language:
    """``folded``: the text already folded by ``text.fold``, when the caller has it."""
    words = _WORD.findall(fold(text).text if folded is None else folded)
    english = sum(word in _EN for word in words)
    spanish = sum(word in _ES for word in words) + len(_SPANISH_MARKS.findall(text))
    return "es" if spanish > english else "en"
