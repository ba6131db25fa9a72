"""Every string the apps mark for translation has a Spanish translation, and compiled catalogues match."""

from __future__ import annotations

import ast
import gettext
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "synovia"
CATALOGUES = sorted(PACKAGE.glob("*/locale/es/LC_MESSAGES/django.po"))


def _field(lines: list[str], keyword: str) -> str | None:
    """The joined value of ``keyword`` (msgid, msgstr, msgstr[0]) in one .po entry."""
    for index, line in enumerate(lines):
        if line.startswith(keyword + " "):
            parts = [line[len(keyword) + 1 :]]
            parts += [cont for cont in lines[index + 1 :] if cont.startswith('"')][: _run(lines, index)]
            return "".join(ast.literal_eval(part) for part in parts)
    return None


def _run(lines: list[str], index: int) -> int:
    count = 0
    for line in lines[index + 1 :]:
        if not line.startswith('"'):
            break
        count += 1
    return count


def parse_po(path: Path) -> dict[str, tuple[str, bool]]:
    """msgid -> (msgstr, fuzzy) for every entry but the header; plural forms use msgstr[0]."""
    entries: dict[str, tuple[str, bool]] = {}
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        lines = [line.strip() for line in block.splitlines() if not line.startswith("#~")]
        msgid = _field(lines, "msgid")
        if not msgid:
            continue
        msgstr = _field(lines, "msgstr")
        if msgstr is None:
            msgstr = _field(lines, "msgstr[0]") or ""
        fuzzy = any(line.startswith("#,") and "fuzzy" in line for line in lines)
        entries[msgid] = (msgstr, fuzzy)
    return entries


def test_each_app_with_pages_has_a_spanish_catalogue():
    apps = {p.parts[-5] for p in CATALOGUES}
    assert {"web", "accounts"} <= apps


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda p: p.parts[-5])
def test_catalogue_is_complete(po):
    missing = [msgid for msgid, (msgstr, fuzzy) in parse_po(po).items() if not msgstr or fuzzy]
    assert missing == [], f"{po}: untranslated or fuzzy: {missing[:10]}"


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda p: p.parts[-5])
def test_compiled_catalogue_matches_source(po):
    mo = po.with_suffix(".mo")
    assert mo.exists(), f"run `make messages`: {mo} is missing"
    with mo.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for msgid, (msgstr, _) in parse_po(po).items():
        assert compiled.gettext(msgid) == msgstr or compiled.ngettext(msgid, msgid, 1) == msgstr, (
            f"{mo} is stale for {msgid!r}: run `make messages`"
        )
