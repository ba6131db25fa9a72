"""Folding an offer's text for matching, with a map back to the exact characters of the input.

Lexicon patterns are written once, in lower case and without accents; the text is folded the
same way (Unicode NFKD, combining marks dropped, case folded, typographic quotes and dashes made
plain, hyphens read as spaces, every run of white space one space). Each folded character
remembers the index of the input character it came from, so that a match in the folded text is
quoted back as an exact substring of what the person pasted.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

_PLAIN = {
    "\u2018": "'",
    "\u2019": "'",
    "\u02bc": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u00ab": '"',
    "\u00bb": '"',
    "\u2010": " ",
    "\u2011": " ",
    "\u2012": " ",
    "\u2013": " ",
    "\u2014": " ",
    "-": " ",
    "_": " ",
}


@dataclass(frozen=True)
class Folded:
    """The folded text and, for each of its characters, the index of its source character."""

    original: str
    text: str
    source: tuple[int, ...]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The input span of folded ``[start, end)``."""
        return self.source[start], self.source[end - 1] + 1

    def quote(self, start: int, end: int) -> str:
        first, last = self.span(start, end)
        return self.original[first:last]


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    char = _PLAIN.get(char, char)
    if char.isspace():
        return " "
    decomposed = unicodedata.normalize("NFKD", char)
    kept = "".join(c for c in decomposed if not unicodedata.combining(c))
    return kept.casefold()


def fold(text: str) -> Folded:
    chars: list[str] = []
    source: list[int] = []
    for index, char in enumerate(text):
        for out in _fold_char(char):
            if out == " " and (not chars or chars[-1] == " "):
                continue
            chars.append(out)
            source.append(index)
    return Folded(text, "".join(chars), tuple(source))


_BOUNDARY = re.compile(
    r"[.!?\u2026]+(?=\s|$)|\n\s*\n|\n(?=\s*[-*\u2022\u00b7\u2713\u2714>#]|\s*\d+[.)]\s)|[;\u00bf\u00a1]"
)


def sentences(text: str) -> list[tuple[int, int]]:
    """Spans of the input's sentences: ends at . ! ? ; a blank line, or a new bullet line."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        end = match.end() if text[match.start()] in ".!?\u2026;" else match.start()
        if end > start:
            spans.append((start, end))
        start = match.end() if text[match.start()] not in "\u00bf\u00a1" else match.start()
    if start < len(text):
        spans.append((start, len(text)))
    return spans
