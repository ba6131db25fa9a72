"""The chart: timeline, score charts with bands and points, response at each follow-up,
homunculus per visit, lab names, and the retreatment eligibility before any form."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from synovia.access import door
from synovia.clinic import charts, selectors, services
from tests.apps.clinic.conftest import D0, visit_inputs

pytestmark = pytest.mark.django_db


def _html(client, user, patient) -> str:
    client.force_login(user)
    response = client.get(reverse("clinic:chart", args=[patient.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_a_single_visit_still_shows_its_point_in_the_bands():
    svg = str(charts.score_chart([(D0, 4.1)], title="DAS28", y_max=8,
                                 bands=[(0, 2.6, "remission", "r"), (2.6, 3.2, "low", "l")]))  # fmt: skip
    assert svg.count('class="point"') == 1
    assert "band-remission" in svg and "band-low" in svg
    assert str(charts.score_chart([], title="x", y_max=8, bands=[])) == ""


def test_timeline_lists_every_kind_of_record_in_date_order(client, clinician, treated_patient):
    p = treated_patient
    inputs = visit_inputs(tender_joints=["R_WRIST"], swollen_joints=[], esr_mm_h=12.0)
    services.visit_record(patient=p, by=clinician, visit_date=D0 + dt.timedelta(days=30), kind="scheduled",
                          **inputs)  # fmt: skip
    services.lab_record(patient=p, by=clinician, test="crp", value=4, unit="mg/L", collected_on=D0)
    services.adverse_event_record(patient=p, by=clinician, term="Fever", grade=1, serious=False,
                                  relatedness="possible", onset=D0 + dt.timedelta(days=1),
                                  outcome="recovered", action_taken="none")  # fmt: skip
    html = _html(client, clinician, p)
    timeline = html.split('id="timeline"', 1)[1].split("</section>", 1)[0]
    kinds = re.findall(r'<li class="ev-(\w+)"', timeline)
    assert set(kinds) == {"evaluation", "infusion", "visit", "lab", "adverse"}
    days = re.findall(r'<time datetime="([\d-]+)"', timeline)
    assert days == sorted(days)
    assert "C-reactive protein" in timeline and ">crp<" not in html
    assert "EULAR" in html.split('id="scores"', 1)[1]  # the follow-up's response category
    assert html.count('class="homunculus mini"') == 2  # one per visit
    assert "right wrist" in html and "R_WRIST" not in html.split('id="visits"', 1)[1]


def test_retreatment_is_explained_before_the_window_opens(client, clinician, treated_patient):
    html = _html(client, clinician, treated_patient)
    block = html.split('id="retreatment"', 1)[1].split("</section>", 1)[0]
    opens = services.retreatment_check(treated_patient, D0).window.opens.isoformat()
    assert "not offered" in block and opens in block


def test_chart_and_service_agree_on_retreatment(clinician, treated_patient):
    services.visit_record(patient=treated_patient, by=clinician, visit_date=D0 + dt.timedelta(days=120),
                          kind="unscheduled", **visit_inputs())  # fmt: skip
    data = selectors.chart_read(who=door.for_command("test", clinician), patient_id=treated_patient.pk)
    for days in (0, 100, 125, 150, 185, 200, 400):
        day = D0 + dt.timedelta(days=days)
        ours = selectors.chart_retreatment(data, today=day)
        theirs = services.retreatment_check(treated_patient, day)
        assert (ours.offered, ours.reasons) == (theirs.offered, theirs.reasons), days


def test_a_second_course_is_offered_and_prefilled(client, clinician, treated_patient, monkeypatch):
    services.visit_record(patient=treated_patient, by=clinician, visit_date=D0 + dt.timedelta(days=125),
                          kind="unscheduled", **visit_inputs())  # fmt: skip
    treated_patient.refresh_from_db()
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *a: D0 + dt.timedelta(days=130))
    html = _html(client, clinician, treated_patient)
    block = html.split('id="retreatment"', 1)[1].split("</section>", 1)[0]
    assert "Plan a second course" in block
    form = client.get(reverse("clinic:program", args=[treated_patient.pk])).content.decode()
    assert re.search(r'<option value="umbilical_cord" selected>', form)
    assert 'value="1000000.0"' in form or 'value="1000000"' in form
