"""A patient on a 390 px phone reads their chart and writes to their care team, in English and
Spanish; another patient cannot open that record. Screenshots go to docs/screenshots/."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from synovia.clinic import services
from synovia.myrecord import services as mine
from tests.apps.clinic.conftest import NO_CONTRAINDICATIONS, make_patient, visit_inputs
from tests.browser.shots import screenshot_folder

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = screenshot_folder()


@pytest.fixture
def record(clinic, clinician, patient_user):
    patient = make_patient(clinic, clinician, record_number="B-001")
    patient.user = patient_user
    patient.save()
    d0 = dt.date.today() - dt.timedelta(days=200)  # noqa: DTZ011
    for days, extra in [
        (0, {}),
        (90, {"esr_mm_h": 22.0, "ptga_cm": 4.0, "pain_cm": 4.0}),
        (
            180,
            {
                "esr_mm_h": 14.0,
                "ptga_cm": 2.5,
                "pain_cm": 2.0,
                "tender_joints": ["R_WRIST"],
                "swollen_joints": [],
            },
        ),
    ]:
        services.visit_record(
            patient=patient,
            by=clinician,
            visit_date=d0 + dt.timedelta(days=days),
            kind="baseline" if days == 0 else "unscheduled",
            **visit_inputs(**extra),
        )
    services.evaluation_record(
        patient=patient,
        by=clinician,
        evaluated_on=d0,
        contraindications=NO_CONTRAINDICATIONS,
        candidate=True,
        reason="browser",
    )
    program = services.program_create(
        patient=patient,
        by=clinician,
        source="umbilical_cord",
        autologous=False,
        product="msc",
        dose_cells_per_kg=1e6,
        route="iv",
        planned_infusions=1,
        interval_weeks=4,
    )
    services.infusion_record(
        program=program, by=clinician, given_on=d0 + dt.timedelta(days=5), lot="L1", dose_cells=7e7
    )
    for days, pain in [(20, "5"), (10, "3.5")]:
        mine.report_record(
            patient=patient,
            by=patient_user,
            reported_on=dt.date.today() - dt.timedelta(days=days),  # noqa: DTZ011
            function_cm=Decimal("3"),
            pain_cm=Decimal(pain),
            ptga_cm=Decimal("3"),
            morning_stiffness_min=30,
        )
    return patient


def _sign_in(page, url, username, password):
    page.goto(url + "/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    with page.expect_navigation():
        page.click("main button[type=submit]")


def _language(page, code):
    with page.expect_navigation():
        page.select_option("#language-select", code)


def _shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / name), full_page=True)


def test_patient_reads_the_chart_and_messages_on_a_phone(live_server, browser, record, password):
    for width in (390, 1280):
        context = browser.new_context(
            viewport={"width": width, "height": 844}, device_scale_factor=1, has_touch=width == 390
        )
        page = context.new_page()
        _sign_in(page, live_server.url, "pat", password)
        for code in ("en", "es"):
            page.goto(live_server.url + "/my/")
            _language(page, code)
            assert page.locator("#chart-das28 circle.point-clinic").count() == 3
            assert page.locator("#chart-rapid3 circle.point-self").count() == 2
            assert page.evaluate("document.documentElement.scrollWidth") <= width
            box = page.locator("#chart-das28 svg").bounding_box()
            assert box is not None and box["width"] <= width
            _shot(page, f"my-record-{code}-{width}.png")
            page.goto(live_server.url + "/my/messages/")
            subject = {"en": "Swollen knee", "es": "Rodilla inflamada"}[code] + f" {width}"
            page.fill("#id_subject", subject)
            page.fill(
                "#id_body",
                {
                    "en": "My left knee is swollen since Tuesday.",
                    "es": "Tengo la rodilla izquierda inflamada desde el martes.",
                }[code],
            )
            with page.expect_navigation():
                page.click("main button[type=submit]")
            assert page.locator("h1").inner_text() == subject
            assert page.locator(".bubble-mine").count() == 1
            assert page.evaluate("document.documentElement.scrollWidth") <= width
            page.goto(live_server.url + "/my/messages/")
            _shot(page, f"messages-{code}-{width}.png")
        context.close()


def test_another_patient_cannot_open_the_record(live_server, phone, record, other_patient_user, password):
    from synovia.myrecord.models import Thread

    thread = mine.thread_start(patient=record, by=record.user, subject="private", body="private words")
    consent = record.consents.first()
    _sign_in(phone, live_server.url, "pat2", password)
    phone.goto(live_server.url + "/my/")
    assert "García" not in phone.content() and "B-001" not in phone.content()
    for path in (
        f"/my/messages/{thread.pk}/",
        f"/my/consents/{consent.pk}/",
        "/my/download.pdf",
        f"/clinic/patients/{record.pk}/",
    ):
        response = phone.goto(live_server.url + path)
        assert response.status in {403, 404}, path
        assert "private words" not in phone.content() and "García" not in phone.content()
    assert Thread.objects.count() == 1
