"""Data-subject rights: a patient downloads all their data; an erasure removes what identifies
them, keeps the coded clinical rows and the audit trail, and is itself audited."""

from __future__ import annotations

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from synovia.access import door, rights
from synovia.access.models import AuditEvent
from synovia.clinic.models import Consent, LabResult, Patient, Visit
from tests.apps.access import test_audit_walk
from tests.apps.access.test_audit_walk import FAMILY, RECORD

world = test_audit_walk.world

pytestmark = pytest.mark.django_db


def test_a_patient_downloads_everything_about_them_once_audited(client, world, patient_user):
    client.force_login(patient_user)
    before = AuditEvent.objects.count()
    response = client.get("/access/my-data/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Cache-Control"].startswith("no-store")
    data = json.loads(response.content)
    assert data["patient"]["record_number"] == RECORD
    records = data["records"]
    kinds = (("clinic.visit", Visit), ("clinic.labresult", LabResult), ("clinic.consent", Consent))
    for label, model in kinds:
        assert len(records[label]) == model.objects.filter(patient=world).count() > 0
    assert records["clinic.adverseevent"][0]["term"] == "Infusion related reaction"
    assert any(a["role"] == "clinician" for a in data["accesses"])  # who saw the record
    events = AuditEvent.objects.filter(id__gt=0).order_by("id")[before:]
    assert [(e.action, e.patient_count) for e in events] == [("export", 1)]


@pytest.mark.parametrize("who", ["other_patient_user", "clinician", "researcher", "admin_user"])
def test_only_the_patient_downloads_from_the_page(client, world, who, request):
    client.force_login(request.getfixturevalue(who))
    response = client.get("/access/my-data/")
    assert response.status_code == 404
    assert RECORD.encode() not in response.content


def test_staff_answer_a_request_by_command_within_their_scope(world, clinician, other_clinician, tmp_path):
    out = tmp_path / "x.json"
    call_command("subject_export", str(world.pk), "--by", clinician.username, "--out", str(out))
    assert json.loads(out.read_text())["patient"]["family_name"] == FAMILY
    with pytest.raises(CommandError) as refused:
        call_command("subject_export", str(world.pk), "--by", other_clinician.username)
    assert refused.value.returncode == 2


def _every_text_value() -> str:
    """Every value of every table, as text (the whole database, not only the known fields)."""
    parts = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            parts += [repr(row) for row in cursor.fetchall()]
    return "\n".join(parts)


def test_erasure_removes_identifiers_everywhere_and_keeps_the_audit_trail(world, admin_user, patient_user):
    assert FAMILY in _every_text_value()
    visits = Visit.objects.filter(patient=world).count()
    labs = LabResult.objects.filter(patient=world).count()
    log = AuditEvent.objects.count()
    call_command("erase", str(world.pk), "--by", admin_user.username, "--reason", "request REF-12", "--yes")

    everything = _every_text_value()
    assert FAMILY not in everything
    assert RECORD not in everything
    erased = Patient.objects.get(pk=world.pk)
    assert erased.record_number == f"ERASED-{world.pk}"
    assert (erased.birth_date.month, erased.birth_date.day) == (1, 1)
    assert erased.user is None
    patient_user.refresh_from_db()
    assert not patient_user.is_active
    assert not patient_user.has_usable_password()
    assert not Consent.objects.filter(patient=world, withdrawn_at__isnull=True).exists()
    assert world.pk not in {p.pk for p in door.research_scope()}
    # The coded clinical rows stay (de-identified); the log only grows.
    assert Visit.objects.filter(patient=world).count() == visits
    assert LabResult.objects.filter(patient=world).count() == labs
    assert AuditEvent.objects.count() == log + 2  # the read of the patient, and the erasure
    assert AuditEvent.objects.filter(action="delete", purpose="erasure", subjects__patient=world).exists()


def test_erasure_is_refused_without_confirmation_reason_or_rights(world, admin_user, clinician):
    for args in (
        ["--by", admin_user.username, "--reason", "REF-1"],  # no --yes
        ["--by", admin_user.username, "--reason", "x", "--yes"],  # reason too short
        ["--by", clinician.username, "--reason", "request 1", "--yes"],  # not an administrator
        ["--by", "nobody", "--reason", "request 1", "--yes"],
    ):
        with pytest.raises(CommandError) as refused:
            call_command("erase", str(world.pk), *args)
        assert refused.value.returncode == 2
    assert Patient.objects.get(pk=world.pk).family_name == FAMILY
    rights.erase(door.for_command("erase", admin_user), world.pk, reason="request REF-2")
    with pytest.raises(rights.RightsError, match="already erased"):
        rights.erase(door.for_command("erase", admin_user), world.pk, reason="request REF-3")
