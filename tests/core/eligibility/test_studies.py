"""Reading ClinicalTrials.gov API v2 study JSON, and the shipped catalog."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from synovia.core.eligibility.studies import (
    UNPROVEN_WARNING,
    StudyError,
    load_catalog,
    load_studies,
    parse_age,
    parse_studies,
    regulatory_status,
)

SHARED = Path(__file__).resolve().parents[3] / "synovia" / "data" / "trials"


def raw(name: str) -> dict[str, object]:
    data: dict[str, object] = json.loads((SHARED / f"{name}.json").read_text())
    return data


def test_catalog_ships_all_sixteen_real_trials() -> None:
    ids = [s.registry_id for s in load_catalog()]
    assert len(ids) == 16
    assert "NCT01547091" in ids
    assert "IRCT trial page 55387" in ids


def test_every_trial_is_a_registered_trial_with_its_registry_id() -> None:
    for study in load_catalog():
        assert study.regulatory.kind == "registered_trial"
        assert study.regulatory.registry_id == study.registry_id
        assert study.regulatory.warning is None


def test_study_fields_are_read() -> None:
    study = parse_studies(raw("NCT03828344"))[0]
    assert (study.title or "").startswith("Safety and Tolerability")
    assert study.status == "NOT_YET_RECRUITING"
    assert study.phases == ("PHASE1",)
    assert study.sponsor == "Baylx Inc."
    assert study.enrollment == 16
    assert study.eligibility.minimum_age_years == 18.0
    assert study.eligibility.maximum_age_years == 70.0
    assert study.eligibility.sex == "ALL"
    assert study.eligibility.healthy_volunteers is False
    assert study.criteria_complete is False


def test_intervention_takes_cell_source_origin_dose_route_from_provenance() -> None:
    (item,) = parse_studies(raw("NCT03828344"))[0].interventions
    assert item.cell_source == "umbilical cord tissue (BX-U001, fresh hUC-MSC)"
    assert item.origin == "allogeneic"
    assert item.route == "intravenous"
    assert (item.dose or "").startswith("0.75")
    (auto,) = parse_studies(raw("NCT03691909"))[0].interventions
    assert auto.origin == "autologous"
    (unknown,) = parse_studies(raw("NCT02643823"))[0].interventions
    assert unknown.origin is None


def test_null_criteria_text_and_missing_ages() -> None:
    study = parse_studies(raw("NCT02221258"))[0]
    assert study.eligibility.criteria_text is None
    assert study.eligibility.minimum_age_years is None


def test_complete_flag() -> None:
    assert parse_studies(raw("NCT01547091"))[0].criteria_complete is True


def test_list_page_and_directory_forms(tmp_path: Path) -> None:
    one, two = raw("NCT01547091"), raw("NCT03067870")
    assert len(parse_studies([one, two])) == 2
    assert len(parse_studies({"studies": [one, two]})) == 2
    (tmp_path / "a.json").write_text(json.dumps(one))
    (tmp_path / "b.json").write_text(json.dumps({"studies": [two]}))
    assert [s.registry_id for s in load_studies(tmp_path)] == ["NCT01547091", "NCT03067870"]


@pytest.mark.parametrize(
    ("text", "years"), [("18 Years", 18.0), ("6 Months", 0.5), ("N/A", None), (None, None)]
)
def test_parse_age(text: str | None, years: float | None) -> None:
    assert parse_age(text) == years


def test_bad_inputs_raise_study_error(tmp_path: Path) -> None:
    with pytest.raises(StudyError, match="cannot read"):
        load_studies(tmp_path / "missing.json")
    (tmp_path / "bad.json").write_text("{not json")
    with pytest.raises(StudyError, match="not valid JSON"):
        load_studies(tmp_path / "bad.json")
    with pytest.raises(StudyError, match="protocolSection"):
        parse_studies({"hello": 1})
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(StudyError, match=r"no \.json"):
        load_studies(empty)


def test_shipped_files_are_byte_copies_of_the_shared_data() -> None:
    shared = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "trials"
    if not shared.is_dir():
        pytest.skip("../shared is not next to this checkout")
    names = sorted(p.name for p in shared.glob("*.json"))
    assert names == sorted(p.name for p in SHARED.glob("*.json"))
    for name in names:
        assert (shared / name).read_bytes() == (SHARED / name).read_bytes()


def test_unregistered_offer_always_carries_the_warning() -> None:
    offer = regulatory_status("unregistered_offer")
    assert offer.warning == UNPROVEN_WARNING
    assert "Unproven stem-cell treatments" in offer.warning
    assert regulatory_status("approved_product").warning is None


def test_registered_trial_needs_its_registry_id() -> None:
    with pytest.raises(StudyError, match="registry id"):
        regulatory_status("registered_trial")
