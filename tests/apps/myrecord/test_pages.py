"""A patient reads their record, reports between visits, withdraws a consent, downloads
their data; another patient reaches none of it; every read is audited."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from synovia.access.models import AuditEvent
from synovia.myrecord.models import PatientReport

pytestmark = pytest.mark.django_db


def _reads(purpose: str) -> int:
    return AuditEvent.objects.filter(purpose=purpose, action="read").count()


def _report(**over):
    data = {
        "reported_on": timezone.localdate().isoformat(),
        "function_cm": "3",
        "pain_cm": "4.5",
        "ptga_cm": "5",
        "morning_stiffness_min": "45",
        "side_effects": "a headache the day after",
        "idempotency_key": "k" * 20,
    }
    return {**data, **over}


def test_the_record_shows_visits_infusions_charts_and_labels(client, patient_user, treated_patient):
    client.force_login(patient_user)
    body = client.get(reverse("myrecord:home")).content.decode()
    assert "García" in body
    assert 'id="chart-das28"' in body and 'class="band band-remission"' in body
    assert body.count('class="point point-clinic"') >= 2  # the single baseline visit: one point per chart
    assert "right wrist" in body  # a joint code in words
    assert "R_WRIST" not in body
    assert "infusion 1" in body
    assert _reads("my record") == 1


def test_the_record_in_spanish_uses_words_not_codes(client, patient_user, treated_patient):
    client.force_login(patient_user)
    client.cookies["django_language"] = "es"
    body = client.get(reverse("myrecord:home"), HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "Mi historia" in body
    assert "muñeca, lado derecho" in body
    assert "actividad alta" in body or "actividad moderada" in body


def test_a_report_is_stored_once_with_its_rapid3(client, patient_user, treated_patient):
    client.force_login(patient_user)
    for _ in range(2):  # a double submit records once
        response = client.post(reverse("myrecord:report"), _report())
        assert response.status_code == 302
    report = PatientReport.objects.get()
    assert str(report.rapid3) == "12.5"  # 3 + 4.5 + 5 (Pincus 2008: FN + PN + PtGA)
    assert report.rapid3_category == "high"  # > 12
    assert AuditEvent.objects.filter(action="create", purpose="patientreport").count() == 1
    body = client.get(reverse("myrecord:home")).content.decode()
    assert 'class="point point-self"' in body


@pytest.mark.parametrize(
    "over",
    [
        {"pain_cm": "11"},
        {"pain_cm": "-1"},
        {"function_cm": "abc"},
        {"morning_stiffness_min": "1441"},
        {"morning_stiffness_min": "-5"},
        {"reported_on": "2999-01-01"},
        {"reported_on": "1990-01-01"},
        {"side_effects": "x" * 1001},
        {"ptga_cm": "5.25"},
    ],
)
def test_bad_reports_are_refused_with_400(client, patient_user, treated_patient, over):
    client.force_login(patient_user)
    response = client.post(reverse("myrecord:report"), _report(**over))
    assert response.status_code == 400
    assert not PatientReport.objects.exists()


def test_the_report_shows_on_the_clinicians_chart(client, patient_user, clinician, treated_patient):
    client.force_login(patient_user)
    client.post(reverse("myrecord:report"), _report())
    client.force_login(clinician)
    body = client.get(reverse("clinic:chart", args=[treated_patient.pk])).content.decode()
    assert 'id="patient-reports"' in body and "12.5" in body and "a headache the day after" in body


def test_a_consent_is_read_and_withdrawn_after_confirmation(client, patient_user, treated_patient):
    consent = treated_patient.consents.get(scope="research")
    client.force_login(patient_user)
    page = client.get(reverse("myrecord:consent", args=[consent.pk])).content.decode()
    assert "without my name" in page
    client.post(reverse("myrecord:consent", args=[consent.pk]), {})  # no confirmation: nothing
    consent.refresh_from_db()
    assert consent.withdrawn_at is None
    client.post(reverse("myrecord:consent", args=[consent.pk]), {"confirm": "yes"})
    consent.refresh_from_db()
    assert consent.withdrawn_at is not None
    assert AuditEvent.objects.filter(action="update", purpose="consent").exists()


def test_the_pdf_download_is_a_pdf_and_an_audited_export(client, patient_user, treated_patient):
    client.force_login(patient_user)
    response = client.get(reverse("myrecord:download_pdf"))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert AuditEvent.objects.filter(action="export", patient_count=1).count() == 1


def test_the_json_download_carries_the_reports(client, patient_user, treated_patient):
    client.force_login(patient_user)
    client.post(reverse("myrecord:report"), _report())
    data = client.get(reverse("access:my_data")).json()
    assert len(data["records"]["myrecord.patientreport"]) == 1


def test_another_patient_reaches_nothing(client, other_patient_user, treated_patient):
    consent = treated_patient.consents.first()
    client.force_login(other_patient_user)
    home = client.get(reverse("myrecord:home"))
    assert home.status_code == 200 and "García" not in home.content.decode()  # the "not linked" page
    for name, args in [
        ("myrecord:report", []),
        ("myrecord:consent", [consent.pk]),
        ("myrecord:download_pdf", []),
        ("myrecord:messages", []),
    ]:
        assert client.get(reverse(name, args=args)).status_code == 404, name
    assert client.post(reverse("myrecord:consent", args=[consent.pk]), {"confirm": "yes"}).status_code == 404
    assert client.post(reverse("myrecord:report"), _report()).status_code == 404
    consent.refresh_from_db()
    assert consent.withdrawn_at is None and not PatientReport.objects.exists()


def test_staff_do_not_use_the_patient_pages(client, clinician, treated_patient):
    client.force_login(clinician)
    assert client.get(reverse("myrecord:home")).status_code == 403


def test_the_single_visit_chart_still_has_its_point(client, patient_user, patient, clinician):
    from synovia.clinic import services
    from tests.apps.clinic.conftest import visit_inputs

    services.visit_record(
        patient=patient, by=clinician, visit_date=dt.date(2026, 1, 10), kind="baseline", **visit_inputs()
    )
    client.force_login(patient_user)
    body = client.get(reverse("myrecord:home")).content.decode()
    das = body.split('id="chart-das28"')[1].split("</figure>")[0]
    assert das.count("<circle") == 1
