"""Who sees what: each role's access to the clinic pages, each denial proven."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _get(client, user, name, **kwargs):
    client.force_login(user)
    return client.get(reverse(name, kwargs=kwargs or None))


def test_clinician_sees_own_clinic_patient(client, clinician, patient) -> None:
    response = _get(client, clinician, "clinic:chart", pk=patient.pk)
    assert response.status_code == 200
    assert patient.record_number in response.content.decode()


def test_coordinator_sees_own_clinic_patient(client, coordinator, patient) -> None:
    assert _get(client, coordinator, "clinic:chart", pk=patient.pk).status_code == 200


def test_clinician_of_other_clinic_gets_404(client, other_clinician, patient) -> None:
    assert _get(client, other_clinician, "clinic:chart", pk=patient.pk).status_code == 404


def test_patient_list_shows_only_own_clinic(client, clinician, patient, other_patient) -> None:
    body = _get(client, clinician, "clinic:patient_list").content.decode()
    assert patient.record_number in body
    assert other_patient.record_number not in body


def test_patient_sees_own_record(client, patient_user, patient) -> None:
    response = _get(client, patient_user, "clinic:my_record")
    assert response.status_code == 200
    assert patient.record_number in response.content.decode()


def test_patient_cannot_open_another_chart(client, other_patient_user, patient) -> None:
    assert _get(client, other_patient_user, "clinic:chart", pk=patient.pk).status_code == 404


def test_patient_cannot_open_worklist_or_list(client, patient_user) -> None:
    assert _get(client, patient_user, "clinic:worklist").status_code == 403
    assert _get(client, patient_user, "clinic:patient_list").status_code == 403


def test_patient_cannot_write_own_record(client, patient_user, patient) -> None:
    client.force_login(patient_user)
    url = reverse("clinic:transition", kwargs={"pk": patient.pk})
    assert client.post(url, {"to_state": "evaluating"}).status_code == 403
    patient.refresh_from_db()
    assert patient.state == "referred"


def test_researcher_gets_no_identifiable_chart(client, researcher, patient) -> None:
    assert _get(client, researcher, "clinic:chart", pk=patient.pk).status_code == 404
    assert _get(client, researcher, "clinic:patient_list").status_code == 403
    assert _get(client, researcher, "clinic:worklist").status_code == 403


def test_researcher_sees_only_deidentified_rows(client, researcher, patient) -> None:
    # The old research table now redirects to the outcomes report: aggregates, no row identifiers.
    client.force_login(researcher)
    response = client.get(reverse("clinic:research"), follow=True)
    assert response.status_code == 200
    body = response.content.decode()
    for identifier in (
        patient.record_number,
        patient.given_name,
        patient.family_name,
        patient.email,
        patient.birth_date.isoformat(),
    ):
        assert not re.search(rf"\b{re.escape(identifier)}\b", body), identifier


def test_research_page_excludes_patients_without_research_consent(
    client, researcher, patient, clinician
) -> None:
    from synovia.clinic import services

    services.consent_withdraw(consent=patient.consents.get(scope="research"), by=clinician)
    body = _get(client, researcher, "clinic:research").content.decode()
    assert patient.pseudonym not in body


def test_clinician_cannot_open_research_page(client, clinician) -> None:
    assert _get(client, clinician, "clinic:research").status_code == 403


def test_other_clinician_cannot_write(client, other_clinician, patient) -> None:
    client.force_login(other_clinician)
    url = reverse("clinic:transition", kwargs={"pk": patient.pk})
    assert client.post(url, {"to_state": "evaluating"}).status_code == 404


def test_coordinator_cannot_record_evaluation(client, coordinator, patient) -> None:
    assert _get(client, coordinator, "clinic:evaluation", pk=patient.pk).status_code == 403


def test_anonymous_is_sent_to_login(client, patient) -> None:
    response = client.get(reverse("clinic:chart", kwargs={"pk": patient.pk}))
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_moderator_gets_nothing(client, moderator, patient) -> None:
    assert _get(client, moderator, "clinic:chart", pk=patient.pk).status_code == 404
    assert _get(client, moderator, "clinic:worklist").status_code == 403
