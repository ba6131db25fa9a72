import copy
import json

import pytest

from synovia.core.eligibility.studies import StudyError
from synovia.trials.importing import catalog_dir, read_records
from synovia.trials.models import Criterion, Trial
from synovia.trials.services import criterion_approve, criterion_reset, trials_import

SHIPPED = sorted(p.stem for p in catalog_dir().glob("*.json"))


def _import(path=None):
    studies, raw = read_records(path or catalog_dir())
    return trials_import(studies=studies, raw_by_id=raw)


def test_every_shipped_trial_is_imported_with_its_registry_id_and_text(db):
    report = _import()
    assert report.created == len(SHIPPED) == 16
    assert Trial.objects.count() == 16
    trial = Trial.objects.get(registry_id="NCT01547091")
    source = json.loads((catalog_dir() / "NCT01547091.json").read_text())
    assert trial.criteria_text == source["protocolSection"]["eligibilityModule"]["eligibilityCriteria"]
    assert trial.raw == source
    assert trial.criteria_complete is True
    assert trial.regulatory_kind == "registered_trial"


def test_reimport_updates_and_never_duplicates(db):
    _import()
    counts = (Trial.objects.count(), Criterion.objects.count())
    report = _import()
    assert (report.created, report.updated) == (0, 16)
    assert (Trial.objects.count(), Criterion.objects.count()) == counts


def test_incomplete_criteria_are_recorded_as_such(db):
    _import()
    incomplete = Trial.objects.get(registry_id="NCT01261403")
    assert incomplete.criteria_complete is False
    assert incomplete.criteria.filter(source="provenance", rule__type="review").exists()


def _edited(tmp_path, registry_id, change):
    data = json.loads((catalog_dir() / f"{registry_id}.json").read_text())
    data = copy.deepcopy(data)
    change(data)
    path = tmp_path / f"{registry_id}.json"
    path.write_text(json.dumps(data))
    return path


def test_approved_rule_survives_reimport_while_text_is_unchanged(db, clinician, tmp_path):
    _import()
    criterion = Criterion.objects.filter(trial__registry_id="NCT01547091", source="criteria").first()
    rule = {"type": "compare", "fact": "age_years", "op": ">=", "value": 18, "unit": "years"}
    criterion_approve(criterion=criterion, rule=rule, user=clinician)

    def retitle(data):
        data["protocolSection"]["identificationModule"]["briefTitle"] = "Renamed"

    report = _import(_edited(tmp_path, "NCT01547091", retitle))
    assert report.approved_kept == 1
    again = Criterion.objects.get(trial__registry_id="NCT01547091", text=criterion.text)
    assert again.approved and again.rule == rule and again.approved_by == clinician
    assert Trial.objects.get(registry_id="NCT01547091").title == "Renamed"


def test_approval_is_dropped_when_the_text_changes(db, clinician, tmp_path):
    _import()
    criterion = Criterion.objects.filter(trial__registry_id="NCT01547091", source="criteria").first()
    criterion_approve(criterion=criterion, rule={"type": "note", "text": "x"}, user=clinician)

    def edit(data):
        module = data["protocolSection"]["eligibilityModule"]
        module["eligibilityCriteria"] = module["eligibilityCriteria"].replace(
            criterion.text, criterion.text + " (amended)"
        )

    report = _import(_edited(tmp_path, "NCT01547091", edit))
    assert report.approved_kept == 0
    assert not Criterion.objects.filter(trial__registry_id="NCT01547091", approved=True).exists()


def _amend(criterion, tmp_path, new_text):
    """Re-import the trial with ``criterion``'s text replaced (in the last edited record)."""
    path = tmp_path / f"{criterion.trial.registry_id}.json"
    source = path if path.exists() else catalog_dir() / path.name
    data = json.loads(source.read_text())
    module = data["protocolSection"]["eligibilityModule"]
    assert criterion.text in module["eligibilityCriteria"]
    module["eligibilityCriteria"] = module["eligibilityCriteria"].replace(criterion.text, new_text)
    path.write_text(json.dumps(data))
    return _import(path)


def _approved_criterion(clinician, rule):
    _import()
    criterion = Criterion.objects.filter(trial__registry_id="NCT01547091", source="criteria").first()
    return criterion_approve(criterion=criterion, rule=rule, user=clinician)


NOTE = {"type": "note", "text": "approved by the curator"}


def test_a_changed_text_comes_back_for_review_with_what_was_approved(db, clinician, tmp_path):
    criterion = _approved_criterion(clinician, NOTE)
    report = _amend(criterion, tmp_path, criterion.text + " (amended)")
    assert report.changed_since_approval == 1
    changed = Criterion.objects.get(trial__registry_id="NCT01547091", changed_since_approval=True)
    assert changed.text == criterion.text + " (amended)" and changed.kind == criterion.kind
    assert changed.approved_text == criterion.text and changed.approved_rule == NOTE
    # Not approved: the parser's rule is in force until a curator approves the new text.
    assert not changed.approved and changed.rule == changed.parsed_rule and changed.approved_by is None


def test_a_change_stays_to_review_across_reimports_until_approved(db, clinician, tmp_path):
    criterion = _approved_criterion(clinician, NOTE)
    _amend(criterion, tmp_path, criterion.text + " (amended)")
    changed = Criterion.objects.get(changed_since_approval=True)
    report = _amend(changed, tmp_path, changed.text + " again")  # edited twice, never reviewed
    twice = Criterion.objects.get(changed_since_approval=True)
    assert report.changed_since_approval == 1 and twice.text.endswith("(amended) again")
    assert twice.approved_text == criterion.text and twice.approved_rule == NOTE
    criterion_approve(criterion=twice, rule=twice.parsed_rule, user=clinician)
    twice.refresh_from_db()
    assert twice.approved and not twice.changed_since_approval
    assert twice.approved_text == "" and twice.approved_rule is None


def test_only_an_approved_criterion_that_was_edited_is_marked(db, clinician, tmp_path):
    criterion = _approved_criterion(clinician, NOTE)
    unapproved = Criterion.objects.filter(trial=criterion.trial, source="criteria", approved=False).first()
    assert _amend(unapproved, tmp_path, unapproved.text + " (amended)").changed_since_approval == 0
    # An approved text replaced by one unlike it is gone, not edited: nothing to compare.
    report = _amend(criterion, tmp_path, "Participation in any other interventional study this year")
    assert report.changed_since_approval == 0
    assert not Criterion.objects.filter(changed_since_approval=True).exists()


def test_curator_cannot_approve_a_malformed_rule(db, clinician):
    _import()
    criterion = Criterion.objects.first()
    before = criterion.rule
    with pytest.raises(ValueError, match="unknown fact"):
        criterion_approve(criterion=criterion, rule={"type": "flag", "fact": "nonsense"}, user=clinician)
    criterion.refresh_from_db()
    assert criterion.rule == before and not criterion.approved


def test_reset_brings_back_the_parser_rule(db, clinician):
    _import()
    criterion = Criterion.objects.first()
    criterion_approve(criterion=criterion, rule={"type": "note", "text": "x"}, user=clinician)
    criterion_reset(criterion=criterion)
    criterion.refresh_from_db()
    assert criterion.rule == criterion.parsed_rule and not criterion.approved


def test_bad_files_are_refused_with_a_message(tmp_path, db):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    with pytest.raises(StudyError, match="not valid JSON"):
        read_records(bad)
    other = tmp_path / "other.json"
    other.write_text(json.dumps({"hello": 1}))
    with pytest.raises(StudyError, match="protocolSection"):
        read_records(other)
    with pytest.raises(StudyError, match="does not exist"):
        read_records(tmp_path / "missing.json")
    assert Trial.objects.count() == 0


def test_a_list_and_a_page_import_the_same_studies(tmp_path, db):
    records = [json.loads(p.read_text()) for p in sorted(catalog_dir().glob("NCT0*.json"))[:3]]
    (tmp_path / "page.json").write_text(json.dumps({"studies": records}))
    studies, _ = read_records(tmp_path / "page.json")
    assert [s.registry_id for s in studies] == [
        r["protocolSection"]["identificationModule"]["nctId"] for r in records
    ]
