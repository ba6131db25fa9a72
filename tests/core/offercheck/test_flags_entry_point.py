"""``flags(text)``: the small entry point other parts of Synovia (the community) call."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from synovia.core.offercheck import CLAIM_CODES, FLAG_CODES, MAX_CHARS, check_offer, flags
from tests.core.offercheck.adverts import ADVERTS, HONEST


def test_claim_codes_are_every_code_but_the_absence():
    assert set(CLAIM_CODES) == set(FLAG_CODES) - {"no_registry_id"}


@pytest.mark.parametrize(("name", "text", "expected"), ADVERTS, ids=[a[0] for a in ADVERTS])
def test_the_same_flags_as_the_full_check_without_the_absence(name, text, expected):
    found = flags(text)
    assert [f.code for f in found] == [c for c in check_offer(text).codes if c != "no_registry_id"]
    assert {f.code for f in found} == expected - {"no_registry_id"}
    for flag in found:
        assert all(text[e.start : e.end] == e.quote for e in flag.evidence)


def test_absences_on_request():
    text = "Free online assessment! Only 3 spots left."
    assert "no_registry_id" in [f.code for f in flags(text, absences=True)]
    assert "no_registry_id" not in [f.code for f in flags(text)]


@pytest.mark.parametrize(
    ("post", "code"),
    [
        ("My clinic in Tijuana says there are no side effects at all", "claims_no_risk"),
        # A question mark alone is not a doubt cue: the clinic's claim, reported, is still quoted.
        ("They told me it regenerates cartilage, is that true?", "claims_cure_or_regeneration"),
        ("Nobody knows whether it regenerates cartilage", None),
        ("Les pagué un anticipo de 2.000 dólares", "charges_patient"),
        ("La clínica dice que es 100% natural y seguro", "claims_no_risk"),
        ("I had my second methotrexate dose today and feel fine", None),
    ],
)
def test_community_style_posts(post, code):
    codes = [f.code for f in flags(post)]
    assert codes == ([code] if code else [])


@pytest.mark.parametrize("text", ["", "   ", "\n\t"])
def test_empty_text_has_no_flags(text):
    assert flags(text) == []


def test_too_long_text_is_refused():
    with pytest.raises(ValueError, match="longer"):
        flags("a" * (MAX_CHARS + 1))


@pytest.mark.parametrize(("name", "text", "expected"), HONEST, ids=[h[0] for h in HONEST])
def test_honest_texts_raise_only_their_expected_claim_flags(name, text, expected):
    assert {f.code for f in flags(text)} == expected - {"no_registry_id"}


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=400))
def test_any_text_gives_well_formed_flags(text):
    found = flags(text)
    assert all(f.code in CLAIM_CODES for f in found)
    assert all(text[e.start : e.end] == e.quote for f in found for e in f.evidence)
