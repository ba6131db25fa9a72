"""The curator's rule builder: a condition from a fact list with units, an operator and a
value; a plain-language preview in English and Spanish; a test against a patient's facts."""

import json

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from synovia.trials.admin import CriterionForm, built_condition, combined, fact_choices
from synovia.trials.models import Criterion


def _url(criterion):
    return reverse("admin:trials_criterion_change", args=[criterion.pk])


def _review(catalog):
    return Criterion.objects.filter(rule__type="review").first()


def test_the_fact_list_shows_units_and_only_buildable_kinds():
    choices = dict(fact_choices())
    assert "[mg/L]" in choices["crp_mg_l"]
    assert "hiv" in choices and "sex" in choices
    assert "failed_biologics" not in choices and "drug_history" not in choices


@pytest.mark.parametrize(
    ("fact", "op", "value", "rule"),
    [
        (
            "crp_mg_l",
            ">=",
            "10",
            {"type": "compare", "fact": "crp_mg_l", "op": ">=", "value": 10.0, "unit": "mg/L"},
        ),
        (
            "das28_esr",
            ">",
            "3,2",
            {"type": "compare", "fact": "das28_esr", "op": ">", "value": 3.2, "unit": "score"},
        ),
        ("hiv", "yes", "", {"type": "flag", "fact": "hiv"}),
        ("pregnant", "no", "", {"type": "not", "rule": {"type": "flag", "fact": "pregnant"}}),
        ("sex", "==", "female", {"type": "equals", "fact": "sex", "value": "female"}),
    ],
)
def test_a_condition_is_built_from_fact_operator_and_value(fact, op, value, rule):
    assert built_condition(fact, op, value) == rule


@pytest.mark.parametrize(
    ("fact", "op", "value"),
    [
        ("crp_mg_l", ">=", "ten"),
        ("crp_mg_l", "yes", ""),
        ("age_years", ">=", "400"),
        ("hiv", ">", "1"),
        ("sex", "==", "other"),
        ("crp_mg_l", ">=", "nan"),
    ],
)
def test_an_impossible_condition_is_refused(fact, op, value):
    from django import forms

    with pytest.raises(forms.ValidationError):
        built_condition(fact, op, value)


def test_a_condition_joins_the_rule_in_force_or_replaces_it():
    flag = {"type": "flag", "fact": "hiv"}
    rule = {"type": "flag", "fact": "hbv"}
    assert combined(rule, flag, "any_of") == {"type": "any_of", "rules": [rule, flag]}
    assert combined(rule, flag, "replace") == flag
    assert combined({"type": "review", "text": "x"}, flag, "all_of") == flag


def test_curator_builds_previews_and_approves_a_rule(client, catalog, admin_user):
    criterion = _review(catalog)
    client.force_login(admin_user)
    page = client.get(_url(criterion)).content.decode()
    assert "Español" in page and "English" in page and "[mg/L]" in page
    response = client.post(
        _url(criterion),
        {
            "rule": json.dumps(criterion.rule),
            "builder_fact": "crp_mg_l",
            "builder_op": ">=",
            "builder_value": "10",
            "builder_combine": "replace",
            "approved": "on",
        },
    )
    assert response.status_code == 302
    criterion.refresh_from_db()
    assert criterion.approved and criterion.approved_by == admin_user
    assert criterion.rule == {
        "type": "compare",
        "fact": "crp_mg_l",
        "op": ">=",
        "value": 10.0,
        "unit": "mg/L",
    }
    page = client.get(_url(criterion)).content.decode()
    assert "C-reactive" in page or "CRP" in page


def test_a_bad_value_is_refused_with_a_message_and_nothing_changes(client, catalog, admin_user):
    criterion = _review(catalog)
    client.force_login(admin_user)
    response = client.post(
        _url(criterion),
        {
            "rule": json.dumps(criterion.rule),
            "builder_fact": "age_years",
            "builder_op": ">=",
            "builder_value": "400",
            "approved": "on",
        },
    )
    assert response.status_code == 200
    assert "plausible range" in response.content.decode()
    criterion.refresh_from_db()
    assert not criterion.approved and criterion.rule["type"] == "review"


def test_testing_against_a_patient_reports_and_keeps_the_parser_rule(client, catalog, admin_user):
    criterion = _review(catalog)
    client.force_login(admin_user)
    response = client.post(
        _url(criterion),
        {
            "rule": json.dumps(criterion.rule),
            "builder_fact": "crp_mg_l",
            "builder_op": ">=",
            "builder_value": "10",
            "test_facts": json.dumps({"crp_mg_l": 4}),
        },
    )
    assert response.status_code == 302
    shown = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("not_met" in m for m in shown)
    criterion.refresh_from_db()
    assert not criterion.approved and criterion.rule == criterion.parsed_rule


def test_bad_test_facts_are_refused():
    form = CriterionForm(
        data={"rule": json.dumps({"type": "flag", "fact": "hiv"}), "test_facts": '{"hb_g_dl": 12}'}
    )
    assert not form.is_valid()
    assert "hb_g_dl" in str(form.errors["test_facts"])


def test_the_preview_is_in_english_and_in_spanish():
    from django.utils import translation

    from synovia.core.eligibility.rules import Compare
    from synovia.trials.admin import preview
    from synovia.trials.plain import requirement

    rule = Compare("crp_mg_l", ">=", 10.0)
    with translation.override("es"):
        spanish = requirement(rule, "inclusion")
    with translation.override("en"):
        english = requirement(rule, "inclusion")
    shown = str(preview(rule, "inclusion"))
    assert spanish != english
    assert english.split(":")[0] in shown and spanish.split(":")[0] in shown
