import json

from django.urls import reverse
from django.utils.html import escape

from synovia.trials.models import Criterion


def _change_url(criterion):
    return reverse("admin:trials_criterion_change", args=[criterion.pk])


def test_curator_edits_and_approves_a_rule_in_the_admin(client, catalog, admin_user):
    criterion = Criterion.objects.filter(rule__type="review").first()
    client.force_login(admin_user)
    rule = {"type": "compare", "fact": "crp_mg_l", "op": ">=", "value": 10, "unit": "mg/L"}
    response = client.post(_change_url(criterion), {"rule": json.dumps(rule), "approved": "on"})
    assert response.status_code == 302
    criterion.refresh_from_db()
    assert criterion.approved and criterion.rule == rule and criterion.approved_by == admin_user


def test_admin_refuses_a_rule_with_a_wrong_unit(client, catalog, admin_user):
    criterion = Criterion.objects.filter(rule__type="review").first()
    client.force_login(admin_user)
    rule = {"type": "compare", "fact": "crp_mg_l", "op": ">=", "value": 1, "unit": "mg/dL"}
    response = client.post(_change_url(criterion), {"rule": json.dumps(rule), "approved": "on"})
    assert response.status_code == 200
    assert "mg/L" in response.content.decode()
    criterion.refresh_from_db()
    assert not criterion.approved and criterion.rule["type"] == "review"


def _changed_since_approval(admin_user, tmp_path):
    """A criterion whose approved text came back from the registry amended (re-imported)."""
    from synovia.trials.importing import catalog_dir, read_records
    from synovia.trials.services import criterion_approve, trials_import

    approved = Criterion.objects.filter(trial__registry_id="NCT01547091", source="criteria").first()
    criterion_approve(criterion=approved, rule={"type": "note", "text": "approved wording"}, user=admin_user)
    data = json.loads((catalog_dir() / "NCT01547091.json").read_text())
    module = data["protocolSection"]["eligibilityModule"]
    module["eligibilityCriteria"] = module["eligibilityCriteria"].replace(
        approved.text, approved.text + " (amended)"
    )
    (tmp_path / "NCT01547091.json").write_text(json.dumps(data))
    studies, raw = read_records(tmp_path / "NCT01547091.json")
    trials_import(studies=studies, raw_by_id=raw)
    return Criterion.objects.get(changed_since_approval=True)


def test_the_curator_finds_and_compares_criteria_changed_since_approval(
    client, catalog, admin_user, tmp_path
):
    changed = _changed_since_approval(admin_user, tmp_path)
    client.force_login(admin_user)
    listed = client.get(reverse("admin:trials_criterion_changelist"), {"changed_since_approval__exact": "1"})
    assert listed.status_code == 200
    assert list(listed.context["cl"].result_list) == [changed]
    page = client.get(_change_url(changed)).content.decode()
    assert "changed since approval" in page.lower()
    assert escape(changed.approved_text) in page and "approved wording" in page


def test_an_unchanged_criterion_shows_no_comparison(client, catalog, admin_user):
    criterion = Criterion.objects.first()
    client.force_login(admin_user)
    page = client.get(_change_url(criterion)).content.decode()
    assert "text approved before" not in page.lower()


def test_approving_the_new_text_settles_the_change(client, catalog, admin_user, tmp_path):
    changed = _changed_since_approval(admin_user, tmp_path)
    client.force_login(admin_user)
    response = client.post(_change_url(changed), {"rule": json.dumps(changed.rule), "approved": "on"})
    assert response.status_code == 302
    changed.refresh_from_db()
    assert changed.approved and not changed.changed_since_approval and changed.approved_text == ""
