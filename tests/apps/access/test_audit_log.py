"""The audit log is append-only for everyone, and reading it is itself audited."""

from __future__ import annotations

import pytest
from django.db import connection
from django.urls import reverse

from synovia.access import door
from synovia.access.models import AppendOnlyError, AuditEvent, AuditSubject

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(patient, clinician):
    return door.record(
        door.Principal(user=clinician, via="web", where="clinic:chart", source="10.0.0.1"),
        purpose="chart",
        patient_ids=[patient.pk],
    )


def test_rows_cannot_be_changed_or_deleted_through_the_orm(event) -> None:
    event.purpose = "forged"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(purpose="forged")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        AuditSubject.objects.all().delete()
    assert AuditEvent.objects.get(pk=event.pk).purpose == "chart"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger exists on PostgreSQL")
def test_the_database_refuses_update_and_delete(event) -> None:
    from django.db import DatabaseError, transaction

    for sql in ("UPDATE access_auditevent SET purpose = 'x'", "DELETE FROM access_auditsubject"):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql)


def test_the_admin_cannot_add_change_or_delete_an_entry(client, admin_user, event) -> None:
    client.force_login(admin_user)
    assert client.get(reverse("admin:access_auditevent_add")).status_code == 403
    change = reverse("admin:access_auditevent_change", args=[event.pk])
    page = client.get(change)
    assert page.status_code == 200 and b'name="purpose"' not in page.content
    client.post(change, {"purpose": "forged"})
    assert client.post(reverse("admin:access_auditevent_delete", args=[event.pk])).status_code == 403
    assert AuditEvent.objects.get(pk=event.pk).purpose == "chart"
    listing = client.post(
        reverse("admin:access_auditevent_changelist"),
        {"action": "delete_selected", "_selected_action": [event.pk]},
    )
    assert listing.status_code in (200, 302)
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_reading_the_log_in_the_admin_is_itself_audited(client, admin_user, event, patient) -> None:
    client.force_login(admin_user)
    client.get(reverse("admin:access_auditevent_changelist"))
    read = AuditEvent.objects.filter(user=admin_user, purpose="admin audit log").get()
    assert read.via == "admin"
    assert read.subjects.filter(patient=patient).exists()


def test_an_erased_patient_keeps_the_audit_trail(event, patient) -> None:
    pk = patient.pk
    patient.delete()
    assert AuditSubject.objects.filter(patient_id=pk, event=event).exists()


def test_a_command_read_names_the_command(db, patient) -> None:
    import io

    from django.core.management import call_command

    out = io.StringIO()
    call_command("trials", "screen", "--database", stdout=out)  # the CSV goes to stdout
    read = AuditEvent.objects.get(purpose="trial screen")
    assert read.via == "command" and read.source == "command:trials screen --database"
    assert read.user is None and read.action == "export"
    assert read.subjects.filter(patient=patient).exists()
