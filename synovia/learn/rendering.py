"""A small, safe renderer for article bodies: escaped first, then paragraphs, headings, lists
and reference markers. Nothing the editor types becomes markup except these four forms."""

from __future__ import annotations

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

_MARKER = re.compile(r"\[(\d{1,2})\]")


def _inline(text: str, numbers: set[int]) -> str:
    def link(match: re.Match[str]) -> str:
        number = int(match.group(1))
        if number not in numbers:
            return match.group(0)
        return f'<a class="ref" href="#ref-{number}">[{number}]</a>'

    return _MARKER.sub(link, escape(text))


def _block(block: str, numbers: set[int]) -> str:
    """One block of lines: '## ' lines are headings, runs of '- ' lines lists, other runs paragraphs."""
    out: list[str] = []
    items: list[str] = []
    words: list[str] = []

    def flush() -> None:
        if items:
            out.append("<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>")
            items.clear()
        if words:
            out.append(f"<p>{_inline(' '.join(words), numbers)}</p>")
            words.clear()

    for line in (raw.strip() for raw in block.strip().splitlines()):
        if line.startswith("## "):
            flush()
            out.append(f"<h2>{_inline(line[3:], numbers)}</h2>")
        elif line.startswith("- "):
            if words:
                flush()
            items.append(_inline(line[2:], numbers))
        else:
            if items:
                flush()
            words.append(line)
    flush()
    return "".join(out)


def render_body(body: str, references: list[int]) -> SafeString:
    numbers = set(references)
    blocks = [b for b in re.split(r"\n\s*\n", body.replace("\r\n", "\n")) if b.strip()]
    return mark_safe("".join(_block(b, numbers) for b in blocks))  # noqa: S308  # nosec B308 B703: every piece escaped above
