"""Split a registry criteria text into single inclusion and exclusion criteria.

Sections start at headings such as "Inclusion Criteria:" / "Exclusion Criteria:" (also
"Key ...", "Main ..." and a bare "Inclusion:"). Inside a section the styles met in real
registrations are:

- bulleted (``*``, ``-``, ``•``, ``·``) or numbered (``1.``, ``1)``, ``(1)``, ``a)``) lines;
  an unmarked line continues the item above it;
- one paragraph with inline numbering (``1) ... 2) ...``), split at the numbers;
- one paragraph of semicolon-separated items, split at the semicolons;
- run-on text that none of these marks: kept as one criterion (the parser reviews it).

Item texts are kept exactly as written, without the bullet or number and without a trailing
semicolon. Text before any heading is kind ``unlabelled``: the parser never structures it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

Kind = Literal["inclusion", "exclusion", "unlabelled"]

_HEADING = re.compile(
    r"^\s*(?:key\s+|main\s+|major\s+)?(inclusion|exclusion)(?:\s+criteria)?\s*:?\s*$",
    re.IGNORECASE,
)
_MARKER = re.compile(r"^\s*(?:[*\-•·‐–]|\(?\d{1,2}[.)]|\(?[a-z][.)]|\(\d{1,2}\))\s+")
_INLINE_NUMBER = re.compile(
    r"(?:^|(?<=\s))\(?\d{1,2}\)\s*(?=[A-Z])|(?:^|(?<=\s))\(?\d{1,2}\)\s+|(?:^|(?<=\s))\d{1,2}\.\s*(?=[A-Z])"
)


@dataclass(frozen=True)
class SplitCriterion:
    """One criterion as written, with the section it came from."""

    kind: Kind
    text: str
    indent: int = field(default=0, compare=False)
    """Leading spaces of the item's line (a tab counts 4): nested sub-bullets are deeper."""


def split_criteria(text: str | None) -> list[SplitCriterion]:
    """The single criteria of ``text`` in order; [] for None or blank text."""
    if text is None:
        return []
    found: list[SplitCriterion] = []
    for kind, lines in _sections(text):
        found.extend(SplitCriterion(kind, item, indent) for item, indent in _items(lines))
    return found


def _sections(text: str) -> list[tuple[Kind, list[str]]]:
    sections: list[tuple[Kind, list[str]]] = [("unlabelled", [])]
    for line in text.splitlines():
        heading = _HEADING.match(line)
        if heading:
            kind: Kind = "inclusion" if heading.group(1).lower() == "inclusion" else "exclusion"
            sections.append((kind, []))
        else:
            sections[-1][1].append(line)
    return [(kind, lines) for kind, lines in sections if any(x.strip() for x in lines)]


def _items(lines: list[str]) -> list[tuple[str, int]]:
    filled = [line for line in lines if line.strip()]
    if len(filled) > 1 and any(_MARKER.match(line) for line in filled):
        return _marked_items(lines)
    paragraph = " ".join(line.strip() for line in lines if line.strip())
    return [(item, 0) for item in _paragraph_items(paragraph)]


def _indent(line: str) -> int:
    spaces = line.expandtabs(4)
    return len(spaces) - len(spaces.lstrip())


def _marked_items(lines: list[str]) -> list[tuple[str, int]]:
    items: list[tuple[str, int]] = []
    for line in lines:
        marker = _MARKER.match(line)
        if marker:
            items.append((line[marker.end() :].strip(), _indent(line)))
        elif line.strip() and items:
            items[-1] = (f"{items[-1][0]} {line.strip()}", items[-1][1])
        elif line.strip():
            items.append((line.strip(), _indent(line)))
    return [(_clean(item), indent) for item, indent in items if _clean(item)]


def _paragraph_items(paragraph: str) -> list[str]:
    numbered = [p for p in _INLINE_NUMBER.split(paragraph) if p.strip()]
    if len(numbered) > 1 or _MARKER.match(paragraph):
        numbered = numbered if len(numbered) > 1 else [_MARKER.sub("", paragraph, count=1)]
        return [_clean(p) for p in numbered if _clean(p)]
    if paragraph.count(";") >= 1:
        return [_clean(p) for p in paragraph.split(";") if _clean(p)]
    return [_clean(paragraph)] if _clean(paragraph) else []


def _clean(item: str) -> str:
    return item.strip().removesuffix(";").strip()
