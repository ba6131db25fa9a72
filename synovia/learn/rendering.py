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
    lines = [line.strip() for line in block.strip().splitlines()]
    if lines[0].startswith("## "):
        heading = f"<h2>{_inline(lines[0][3:], numbers)}</h2>"
        return heading + (_block("\n".join(lines[1:]), numbers) if len(lines) > 1 else "")
    if all(line.startswith("- ") for line in lines):
        items = "".join(f"<li>{_inline(line[2:], numbers)}</li>" for line in lines)
        return f"<ul>{items}</ul>"
    return f"<p>{_inline(' '.join(lines), numbers)}</p>"


def render_body(body: str, references: list[int]) -> SafeString:
    numbers = set(references)
    blocks = [b for b in re.split(r"\n\s*\n", body.replace("\r\n", "\n")) if b.strip()]
    return mark_safe("".join(_block(b, numbers) for b in blocks))  # noqa: S308 - every piece escaped above
