"""The worklist: names for staff with the record number beside, days overdue, one-click
actions, the landing page of staff after sign-in, one navigation link."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from synovia.access import door
from synovia.clinic import selectors
from synovia.clinic.models import ScheduledVisit
from tests.apps.clinic.conftest import make_patient

pytestmark = pytest.mark.django_db


def _slot(patient, label, latest: dt.date) -> ScheduledVisit:
    return ScheduledVisit.objects.create(
        patient=patient, label=label, months=6, target=latest - dt.timedelta(days=14),
        earliest=latest - dt.timedelta(days=21), latest=latest,
    )  # fmt: skip


def _in_follow_up(clinic, clinician, record):
    p = make_patient(clinic, clinician, record_number=record)
    p.state = "in_follow_up"
    p.save(update_fields=["state"])
    return p


@pytest.mark.parametrize("days", [1, 2, 30, 400])
def test_overdue_visits_say_by_how_many_days(clinic, clinician, days):
    today = dt.date(2026, 6, 1)
    p = _in_follow_up(clinic, clinician, "W-1")
    _slot(p, "M6", today - dt.timedelta(days=days))
    work = selectors.worklist(who=door.for_command("test", clinician), today=today)
    assert [s.days_overdue for s in work.overdue] == [days]


def test_rows_show_the_name_the_record_number_and_the_actions(client, clinic, clinician):
    p = _in_follow_up(clinic, clinician, "W-77")
    _slot(p, "M6", timezone.localdate() - dt.timedelta(days=3))
    client.force_login(clinician)
    html = client.get(reverse("clinic:worklist")).content.decode()
    overdue = html.split('id="overdue"', 1)[1].split("</section>", 1)[0]
    assert "Ana García" in overdue and "W-77" in overdue
    assert "3 days overdue" in overdue
    assert f'href="{reverse("clinic:visit", args=[p.pk])}"' in overdue
    assert f'href="{reverse("clinic:chart", args=[p.pk])}"' in overdue


def test_each_list_is_one_query_whatever_its_length(clinic, clinician, django_assert_max_num_queries):
    for i in range(30):
        _slot(_in_follow_up(clinic, clinician, f"N-{i}"), "M6", dt.date(2026, 5, 1))
    with django_assert_max_num_queries(10):
        work = selectors.worklist(
            who=door.for_command("test", clinician), today=dt.date(2026, 6, 1), limit=20
        )
    assert len(work.overdue) == 20 and "overdue" in work.more


def test_staff_land_on_the_worklist_after_signing_in(client, clinician, patient_user, password):
    response = client.post(reverse("accounts:login"), {"username": clinician.username, "password": password})
    assert response.status_code == 302 and response["Location"] == reverse("clinic:worklist")
    client.logout()
    response = client.post(
        reverse("accounts:login"), {"username": patient_user.username, "password": password}
    )
    assert response["Location"] == reverse("web:home")
    client.logout()
    target = reverse("clinic:patient_list")
    response = client.post(
        reverse("accounts:login") + f"?next={target}", {"username": clinician.username, "password": password}
    )
    assert response["Location"] == target


def test_clinic_and_worklist_are_one_link(client, clinician):
    client.force_login(clinician)
    html = client.get(reverse("clinic:worklist")).content.decode()
    nav = html.split('class="site-nav"', 1)[1].split("</nav>", 1)[0]
    assert len(re.findall(rf'href="{reverse("clinic:worklist")}"', nav)) == 1


@pytest.mark.parametrize("final", ["completed", "withdrawn", "lost_to_follow_up"])
def test_a_patient_who_leaves_the_pathway_leaves_the_worklist_and_their_slots_are_kept(
    clinic, clinician, final
):
    from synovia.clinic.services.pathway import patient_transition

    today = timezone.localdate()
    p = _in_follow_up(clinic, clinician, "L-1")
    overdue = _slot(p, "M6", today - dt.timedelta(days=10))
    due = _slot(p, "M12", today + dt.timedelta(days=5))
    who = door.for_command("test", clinician)
    assert len(selectors.worklist(who=who, today=today).overdue) == 1
    patient_transition(patient=p, by=clinician, to_state=final, reason="test")
    overdue.refresh_from_db(), due.refresh_from_db()
    assert overdue.closed_on == due.closed_on == today  # kept on record, closed
    work = selectors.worklist(who=who, today=today)
    assert work.overdue == [] and work.due == []
    assert not selectors.due_reminders(today=today, lead_days=30).filter(patient=p).exists()


def test_a_filled_slot_is_not_closed_when_the_patient_completes(clinic, clinician):
    from synovia.clinic.models import Visit
    from synovia.clinic.services.pathway import patient_transition

    p = _in_follow_up(clinic, clinician, "L-2")
    slot = _slot(p, "M6", dt.date(2026, 6, 1))
    slot.visit = Visit.objects.create(
        patient=p, kind="scheduled", label="M6", visit_date=dt.date(2026, 5, 20)
    )
    slot.save(update_fields=["visit"])
    patient_transition(patient=p, by=clinician, to_state="completed", reason="test")
    slot.refresh_from_db()
    assert slot.closed_on is None and slot.visit is not None
