"""Registry ids in their real formats (examples follow each registry's published format)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from synovia.core.offercheck import find_registry_ids

REAL_FORMATS = [
    ("NCT01851070", "NCT01851070", "ClinicalTrials.gov"),
    ("nct 01851070", "NCT01851070", "ClinicalTrials.gov"),
    ("NCT-04971980", "NCT04971980", "ClinicalTrials.gov"),
    ("ISRCTN12345678", "ISRCTN12345678", "ISRCTN"),
    ("2010-021234-12", "2010-021234-12", "EudraCT"),
    ("EUCTR2010-021234-12-ES", "2010-021234-12", "EudraCT"),
    ("2023-501234-12-00", "2023-501234-12-00", "EU CTIS"),
    ("ChiCTR2000029990", "ChiCTR2000029990", "ChiCTR"),
    ("ChiCTR-IOR-17012345", "ChiCTR-IOR-17012345", "ChiCTR"),
    ("chictr-trc-12002345", "ChiCTR-TRC-12002345", "ChiCTR"),
    ("IRCT20180520039737N1", "IRCT20180520039737N1", "IRCT"),
    ("IRCT2014051017620N3", "IRCT2014051017620N3", "IRCT"),
    ("jRCT2031210001", "jRCT2031210001", "jRCT"),
    ("jRCTs031180001", "jRCTs031180001", "jRCT"),
    ("UMIN000012345", "UMIN000012345", "UMIN-CTR"),
    ("ACTRN12617001234567", "ACTRN12617001234567", "ANZCTR"),
    ("CTRI/2019/05/019056", "CTRI/2019/05/019056", "CTRI"),
    ("CTRI/2009/091/000012", "CTRI/2009/091/000012", "CTRI"),
    ("DRKS00012345", "DRKS00012345", "DRKS"),
    ("KCT0001234", "KCT0001234", "CRiS"),
    ("NTR1234", "NTR1234", "Netherlands Trial Register"),
    ("NL7890", "NL7890", "Netherlands Trial Register"),
    ("NL-OMON12345", "NL-OMON12345", "Netherlands Trial Register"),
    ("PACTR201901123456789", "PACTR201901123456789", "PACTR"),
    ("RBR-6zxbx2", "RBR-6zxbx2", "ReBEC"),
    ("RBR-10c8n9dt", "RBR-10c8n9dt", "ReBEC"),
    ("TCTR20190110001", "TCTR20190110001", "TCTR"),
    ("SLCTR/2019/001", "SLCTR/2019/001", "SLCTR"),
    ("LBCTR2019010123", "LBCTR2019010123", "LBCTR"),
    ("RPCEC00000123", "RPCEC00000123", "RPCEC"),
    ("PER-012-19", "PER-012-19", "REPEC"),
    ("U1111-1234-5678", "U1111-1234-5678", "WHO UTN"),
]


@pytest.mark.parametrize(("written", "canonical", "registry"), REAL_FORMATS)
def test_recognises_each_registry_in_a_sentence(written, canonical, registry):
    found = find_registry_ids(f"The study ({written}) is recruiting.")
    assert [(r.id, r.registry) for r in found] == [(canonical, registry)]


@pytest.mark.parametrize(
    "text",
    [
        "NCT0185107",  # seven digits
        "NCT018510701",  # nine digits
        "call 2010-0212-34",
        "ISRCTN1234",
        "ChiCTR20000299",
        "on 2024/05/01 at 10:00",
        "+52 55 1234 5678",
        "$16,000 or 15.000 EUR",
        "KCT000123",
    ],
)
def test_ignores_numbers_that_are_not_registry_ids(text):
    assert find_registry_ids(text) == []


def test_a_ctis_number_is_not_also_read_as_eudract():
    assert [r.registry for r in find_registry_ids("EU CT 2022-500014-26-00")] == ["EU CTIS"]


def test_each_id_once_in_order_of_appearance():
    text = "ISRCTN12345678 and NCT01851070; see NCT01851070 again"
    assert [r.id for r in find_registry_ids(text)] == ["ISRCTN12345678", "NCT01851070"]


@given(st.integers(0, 99_999_999), st.sampled_from(["", " ", "-"]), st.text(max_size=20))
def test_any_nct_number_is_found_with_its_position(number, separator, prefix):
    body = f"{number:08d}"
    text = f"{prefix} NCT{separator}{body}."
    found = [r for r in find_registry_ids(text) if r.registry == "ClinicalTrials.gov"]
    assert found[-1].id == f"NCT{body}"
    assert text[found[-1].start : found[-1].end].upper().replace(" ", "").replace("-", "") == f"NCT{body}"
