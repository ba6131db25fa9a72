"""English or Spanish, deterministically, whatever the accents and case."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from synovia.core.offercheck import detect_language
from tests.core.offercheck.adverts import ADVERTS, HONEST

SPANISH = [
    "La terapia con células madre es para usted",
    "LA TERAPIA CON CELULAS MADRE ES PARA USTED",
    "hola te comparto la info del tratamiento, es muy bueno",
    "¿Cuánto cuesta?",
]
ENGLISH = [
    "Is stem cell therapy right for you?",
    "IS STEM CELL THERAPY RIGHT FOR YOU",
    "hi just sharing the info about the treatment, it is great",
    "How much does it cost?",
]


@pytest.mark.parametrize("text", SPANISH)
def test_reads_spanish(text):
    assert detect_language(text) == "es"


@pytest.mark.parametrize("text", ENGLISH)
def test_reads_english(text):
    assert detect_language(text) == "en"


@pytest.mark.parametrize(
    ("name", "text", "_"), ADVERTS + HONEST, ids=lambda v: v if isinstance(v, str) else ""
)
def test_held_out_texts_in_their_language(name, text, _):
    expected = "es" if name.startswith("es-") else "en"
    if name.startswith("mixed"):
        return
    assert detect_language(text) == expected


@given(st.text(max_size=200))
def test_always_answers_en_or_es_and_is_deterministic(text):
    assert detect_language(text) in {"en", "es"}
    assert detect_language(text) == detect_language(text)


def test_an_empty_text_is_read_as_english():
    assert detect_language("") == "en"
