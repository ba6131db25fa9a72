"""Trial alerts: checked after each catalog import, sent once per (patient, trial, event),
never naming the trial or any health detail in the e-mail."""

from __future__ import annotations

import dataclasses

import pytest
from django.core import mail
from django.urls import reverse

from synovia.myrecord.models import TrialAlertSent
from synovia.trials.importing import catalog_dir, read_records
from synovia.trials.models import Trial
from synovia.trials.services import trials_import

pytestmark = pytest.mark.django_db


@pytest.fixture
def studies():
    found, raw = read_records(catalog_dir())
    return found, raw


def _import(studies, capture, *, status_of=None):
    found, raw = studies
    if status_of:
        found = [dataclasses.replace(s, status=status_of.get(s.registry_id, s.status)) for s in found]
    with capture(execute=True):
        trials_import(studies=found, raw_by_id=raw)


def _turn_on(client, patient_user):
    client.force_login(patient_user)
    assert client.post(reverse("myrecord:trial_alerts"), {"active": "1"}).status_code == 302


def test_no_alert_without_a_request(studies, treated_patient, django_capture_on_commit_callbacks):
    _import(studies, django_capture_on_commit_callbacks)
    assert not TrialAlertSent.objects.exists() and mail.outbox == []


def test_added_and_recruiting_alerts_are_sent_once(
    client, patient_user, treated_patient, studies, django_capture_on_commit_callbacks
):
    _turn_on(client, patient_user)
    _import(studies, django_capture_on_commit_callbacks)  # every trial is new: "added" where it may fit
    added = set(TrialAlertSent.objects.filter(event="added").values_list("registry_id", flat=True))
    assert added, "the treated patient may fit some trial of the shipped catalog"
    assert len(mail.outbox) == len(added)
    first = mail.outbox[0]
    for secret in ("García", "R-001", *added):
        assert secret not in first.subject + first.body
    _import(studies, django_capture_on_commit_callbacks)  # nothing changed: nothing sent
    assert len(mail.outbox) == len(added)
    target = sorted(added)[0]
    _import(studies, django_capture_on_commit_callbacks, status_of={target: "RECRUITING"})
    assert list(TrialAlertSent.objects.filter(event="recruiting").values_list("registry_id", flat=True)) == [
        target
    ]
    _import(studies, django_capture_on_commit_callbacks, status_of={target: "RECRUITING"})
    assert TrialAlertSent.objects.filter(event="recruiting").count() == 1
    assert len(mail.outbox) == len(added) + 1


def test_the_unique_constraint_refuses_a_second_identical_alert(treated_patient):
    from django.db import IntegrityError, transaction

    from synovia.myrecord.models import TrialAlertRequest

    request = TrialAlertRequest.objects.create(patient=treated_patient)
    TrialAlertSent.objects.create(request=request, patient=treated_patient, registry_id="NCT1", event="added")
    with pytest.raises(IntegrityError), transaction.atomic():
        TrialAlertSent.objects.create(
            request=request, patient=treated_patient, registry_id="NCT1", event="added"
        )


def test_turned_off_alerts_send_nothing(
    client, patient_user, treated_patient, studies, django_capture_on_commit_callbacks
):
    _turn_on(client, patient_user)
    client.post(reverse("myrecord:trial_alerts"), {"active": "0"})
    _import(studies, django_capture_on_commit_callbacks)
    assert mail.outbox == []


def test_a_trial_the_patient_cannot_fit_is_not_alerted(
    client, patient_user, treated_patient, studies, django_capture_on_commit_callbacks
):
    from synovia.core.eligibility.evaluate import Verdict, match_trials
    from synovia.myrecord.trial_alerts import record_facts
    from synovia.trials.selectors import catalog_for_matching

    _turn_on(client, patient_user)
    _import(studies, django_capture_on_commit_callbacks)
    facts, _ = record_facts(treated_patient, __import__("django.utils.timezone").utils.timezone.localdate())
    not_fit = {
        m.trial_id for m in match_trials(catalog_for_matching(), facts) if m.verdict is Verdict.NOT_ELIGIBLE
    }
    assert not (not_fit & set(TrialAlertSent.objects.values_list("registry_id", flat=True)))
    assert Trial.objects.count() > len(TrialAlertSent.objects.all()) or not not_fit
