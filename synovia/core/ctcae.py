"""CTCAE v5.0 adverse-event terms and grades, from the data file shipped with Synovia.

The file ``synovia/data/ctcae/ctcae_v5_selection.json`` holds a selection of the terms of the
Common Terminology Criteria for Adverse Events version 5.0 (U.S. National Cancer Institute,
27 November 2017; https://ctep.cancer.gov/protocoldevelopment/electronic_applications/ctc.htm),
each with its MedDRA system organ class (SOC), MedDRA code, a Spanish label and the grade
descriptions of grades 1-5 (a grade the term does not have is absent). A term listed without
grade descriptions is graded with CTCAE's general definitions. Any other event is recorded as
"Other, specify" under its SOC, as CTCAE v5.0 itself provides, with the reporter's words.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

OTHER = "other"
"""The code of "Other, specify" (a free-text term under a chosen SOC)."""
GRADES = (1, 2, 3, 4, 5)
MAX_QUERY = 60
MAX_OTHER = 90
"""Longest "other, specify" text (the stored term also names the SOC: 200 characters in all)."""


class CtcaeError(ValueError):
    """An unknown term, a grade the term does not have, or an empty "other, specify"."""

    def __init__(self, message: str, field: str = "term") -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True, slots=True)
class Term:
    """One CTCAE term: English name (stored), Spanish label, SOC, MedDRA code, grades."""

    code: str
    term: str
    es: str
    soc: str
    meddra_code: int | None
    grades: dict[int, str]
    specific: bool
    common: bool

    def label(self, language: str) -> str:
        return self.es if language.startswith("es") and self.es else self.term


def _slug(text: str) -> str:
    return "".join(c if c.isalnum() else "_" for c in text.lower()).strip("_")


def _fold(text: str) -> str:
    """Lower case without accents, so "nausea" finds "Náuseas"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@cache
def catalogue() -> dict[str, Any]:
    """The data file as shipped (source, SOCs, generic grades, terms)."""
    path = resources.files("synovia.data") / "ctcae" / "ctcae_v5_selection.json"
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


@cache
def terms() -> dict[str, Term]:
    """Every term of the file by code (a slug of the English term), in file order."""
    data = catalogue()
    generic = {int(g): text for g, text in data["generic_grades"].items()}
    out: dict[str, Term] = {}
    for row in data["terms"]:
        given = row["grades"]
        grades = generic if given is None else {int(g): t for g, t in given.items() if t}
        code = _slug(row["term"])
        out[code] = Term(code, row["term"], row["es"], row["soc"], row["meddra_code"], grades,
                         given is not None, bool(row["common"]))  # fmt: skip
    return out


def socs() -> dict[str, dict[str, Any]]:
    """The MedDRA SOCs of the file: English name -> {meddra_code, es}."""
    socs_: dict[str, dict[str, Any]] = catalogue()["socs"]
    return socs_


def generic_grades() -> dict[int, str]:
    return {int(g): text for g, text in catalogue()["generic_grades"].items()}


def search(query: str, *, limit: int = 25) -> list[Term]:
    """Terms whose English or Spanish name or SOC contains every word of ``query`` (case and
    accents ignored); an empty query gives the commonly relevant terms. Names that start
    with the query come first."""
    words = _fold(query[:MAX_QUERY]).split()
    if not words:
        return [t for t in terms().values() if t.common][:limit]
    found = []
    for term in terms().values():
        names = _fold(f"{term.term} {term.es}")
        text = f"{names} {_fold(term.soc)} {_fold(socs().get(term.soc, {}).get('es', ''))}"
        if all(w in text for w in words):
            starts = _fold(term.term).startswith(words[0]) or _fold(term.es).startswith(words[0])
            found.append((0 if starts else 1 if words[0] in names else 2, term))
    found.sort(key=lambda pair: pair[0])
    return [t for _, t in found[:limit]]


def term(code: str) -> Term:
    """The term of ``code`` (``CtcaeError`` if unknown)."""
    found = terms().get(str(code)[:80])
    if found is None:
        raise CtcaeError("Choose a term from the CTCAE v5.0 list, or 'Other, specify'.")
    return found


def check_grade(code: str, grade: int) -> str:
    """The description of ``grade`` for term ``code``; ``CtcaeError`` if it has no such grade."""
    chosen = term(code)
    if grade not in chosen.grades:
        have = ", ".join(str(g) for g in sorted(chosen.grades))
        raise CtcaeError(f"{chosen.term} has no grade {grade} in CTCAE v5.0 (grades: {have}).", "grade")
    return chosen.grades[grade]


def other_term(soc: str, text: str) -> str:
    """The stored term of an "Other, specify" event: "<SOC> - Other, specify: <text>"."""
    words = " ".join(text.split())
    if soc not in socs():
        raise CtcaeError("Choose the system organ class of the event.", "other_soc")
    if not words:
        raise CtcaeError("Say what the event was (other, specify).", "other_text")
    if len(words) > MAX_OTHER:
        raise CtcaeError(f"At most {MAX_OTHER} characters.", "other_text")
    return f"{soc} - Other, specify: {words}"
