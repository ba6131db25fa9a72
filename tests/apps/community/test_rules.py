"""The text rules: personal data and fraud patterns hold a post; offers without a registry id warn."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from synovia.community import rules


@pytest.mark.parametrize(
    "text",
    [
        "call me at +34 612 345 678",
        "my number is 612345678",
        "ring (555) 123-4567 after 6",
        "WhatsApp +1 415.555.0133",
        "llámame al 91 123 45 67",
    ],
)
def test_phone_numbers_hold(text):
    assert "phone" in rules.hold_reasons(text)


@pytest.mark.parametrize("text", ["write to ana.g@example.com", "mi correo: pepe_23@correo.es por favor"])
def test_email_addresses_hold(text):
    assert "email" in rules.hold_reasons(text)


@pytest.mark.parametrize(
    "text",
    [
        "This clinic CURES rheumatoid arthritis",
        "Arthritis cured in one week!",
        "results guaranteed",
        "Tratamiento garantizado",
        "100% success rate",
        "a miracle treatment",
        "No side effects at all",
        "sin efectos secundarios",
        "cura la artritis",
        "they told me to stop methotrexate",
        "it will regenerate your joints",
    ],
)
def test_fraud_patterns_hold(text):
    assert "fraud" in rules.hold_reasons(text)


@pytest.mark.parametrize(
    "text",
    [
        "Morning stiffness lasted 2 hours today, DAS28 was 4.1 last visit",
        "I am in NCT01547091 and the visit is on 2026-03-01",
        "EudraCT 2016-001234-56 is the trial number",
        "It cost about $16K, I'm saving up",
        "Who else finds jars hard to open?",
        "see https://clinicaltrials.gov/study/NCT03828344",
    ],
)
def test_ordinary_posts_are_not_held(text):
    assert rules.hold_reasons(text) == []


@given(st.integers(min_value=100_000_000, max_value=99_999_999_999_999))
def test_any_long_digit_run_is_a_phone_unless_it_is_a_registry_id(number):
    assert "phone" in rules.hold_reasons(f"my number {number} thanks")
    assert rules.hold_reasons(f"trial NCT{number % 10**8:08d}") == []


@pytest.mark.parametrize(
    "ident",
    ["NCT01547091", "ISRCTN12345678", "2016-001234-56", "2023-501234-12-00", "ACTRN12617000123456",
     "ChiCTR2000031234", "CTRI/2020/05/025000", "DRKS00012345", "jRCTb030190123"],
)  # fmt: skip
def test_registry_ids_are_recognised(ident):
    assert rules.registry_ids(f"the trial {ident}.") == [ident]


@pytest.mark.parametrize(
    "text",
    [
        "Got my cells at https://stem-miracles.example/package",
        "The clinic in Cancun charged $16,000",
        "Clínica en Tijuana, 9000 dólares",
        "That stem cell clinic in Panama",
    ],
)
def test_offers_without_a_registry_id_warn(text):
    assert rules.needs_offer_warning(text)
    assert not rules.needs_offer_warning(text + " (trial NCT01547091)")


def test_plain_posts_and_registered_reports_do_not_warn():
    assert not rules.needs_offer_warning("Good day, walked the dog")
    assert rules.needs_offer_warning("", experience=True)
    assert not rules.needs_offer_warning("", trial_id="NCT01547091", experience=True)
