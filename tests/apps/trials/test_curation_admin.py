import json

from django.urls import reverse

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
