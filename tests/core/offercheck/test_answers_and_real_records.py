"""Flags from a person's answers, and the real registry records of the catalog as honest texts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from synovia.core.offercheck import check_offer
from synovia.core.offercheck.answers import SYSTEMS, Answers, answer_flags

CATALOG = Path(__file__).resolve().parents[3] / "synovia" / "data" / "trials"
CLAIMS = {
    "claims_no_risk",
    "claims_cure_or_regeneration",
    "testimonials_as_evidence",
    "vague_success_claims",
    "charges_patient",
    "pressure_or_free_consult_funnel",
    "misrepresents_regulation",
    "travel_abroad",
    "treats_many_conditions",
}


def _record_text(path: Path) -> str:
    """A registry record as a person would read it: id, title, interventions, criteria."""
    study = json.loads(path.read_text(encoding="utf-8"))["protocolSection"]
    ident = study["identificationModule"]
    parts = [ident.get("nctId") or ident["orgStudyIdInfo"]["id"], ident.get("briefTitle", "")]
    parts += [
        i.get("description", "") for i in study.get("armsInterventionsModule", {}).get("interventions", [])
    ]
    parts.append(study.get("eligibilityModule", {}).get("eligibilityCriteria", ""))
    return "\n\n".join(p for p in parts if p)


@pytest.mark.parametrize("path", sorted(CATALOG.glob("*.json")), ids=lambda p: p.stem)
def test_a_real_registry_record_raises_no_claim_flag(path):
    """Held out: the catalog's records were not read while the lexicons were written."""
    report = check_offer(_record_text(path))
    assert CLAIMS.isdisjoint(report.codes), [(f.code, [e.quote for e in f.evidence]) for f in report.flags]


def test_no_answer_raises_nothing():
    assert answer_flags(Answers()) == []


def test_each_answer_raises_its_flag():
    answers = Answers(
        registry_id_given=False,
        price=True,
        systems=frozenset({"joints", "eyes"}),
        clinic_country="MX",
        home_country="US",
    )
    assert answer_flags(answers) == [
        "no_registry_id",
        "treats_many_conditions",
        "charges_patient",
        "travel_abroad",
    ]


def test_a_typed_registry_id_outweighs_a_no():
    assert "no_registry_id" not in answer_flags(Answers(registry_id="NCT01851070", registry_id_given=False))


def test_one_system_is_not_many_conditions():
    assert answer_flags(Answers(systems=frozenset({"joints"}))) == []


@given(
    st.booleans() | st.none(),
    st.booleans() | st.none(),
    st.sets(st.sampled_from(SYSTEMS)),
    st.sampled_from(["", "US", "MX", "ES"]),
    st.sampled_from(["", "US", "MX", "ES"]),
)
def test_answer_flags_follow_their_rules(given_id, price, systems, clinic, home):
    codes = answer_flags(Answers("", given_id, price, frozenset(systems), clinic, home))
    assert ("no_registry_id" in codes) == (given_id is False)
    assert ("charges_patient" in codes) == bool(price)
    assert ("treats_many_conditions" in codes) == (len(systems) >= 2)
    assert ("travel_abroad" in codes) == bool(clinic and home and clinic != home)
