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


# Labels of codes a patient sees (trial statuses, phases, units, countries, fact names): each
# must read differently in Spanish, unless the word is the same in both languages.
SAME_IN_BOTH = {
    "kg",
    "%",
    "kg/m²",
    "U/mL",
    "mg/L",
    "mm/h",
    "g/L",
    "mg/dL",
    "µmol/L",
    "nmol/L",
    "mL/min",
    "Argentina",
    "Australia",
    "Chile",
    "China",
    "Colombia",
    "India",
    "Vietnam",
    "CDAI",
    "SDAI",
    "DAS28-ESR",
    "DAS28-CRP",
    "hepatitis B",
    "hepatitis C",
}


def test_codes_shown_to_a_patient_are_translated():
    from django.utils import translation

    from synovia.core.eligibility.facts import FACTS
    from synovia.core.eligibility.studies import load_catalog
    from synovia.trials import describe, plain, registry

    tables = {
        "status": registry.STATUSES,
        "phase": registry.PHASES,
        "origin": registry.ORIGINS,
        "unit": plain.UNITS,
        "fact": describe.FACT_LABELS,
        "country": registry.COUNTRIES,
    }
    studies = load_catalog()
    assert {s.status for s in studies if s.status} <= set(registry.STATUSES)
    assert {p for s in studies for p in s.phases} <= set(registry.PHASES)
    assert {s.unit for s in FACTS.values()} <= set(plain.UNITS) and set(FACTS) <= set(describe.FACT_LABELS)
    untranslated = []
    for kind, table in tables.items():
        for code, label in table.items():
            with translation.override("en"):
                english = str(label)
            with translation.override("es"):
                spanish = str(label)
            if english and spanish == english and english not in SAME_IN_BOTH:
                untranslated.append((kind, code, english))
    assert untranslated == []
