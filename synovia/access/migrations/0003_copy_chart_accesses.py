"""Carry the chart reads logged before the one door (``clinic.ChartAccess``) into the audit log,
so that retiring the old table loses no part of the trail."""

from django.db import migrations


def forwards(apps, schema_editor):
    ChartAccess = apps.get_model("clinic", "ChartAccess")
    AuditEvent = apps.get_model("access", "AuditEvent")
    AuditSubject = apps.get_model("access", "AuditSubject")
    for old in ChartAccess.objects.select_related("user").order_by("id").iterator(chunk_size=2000):
        event = AuditEvent.objects.create(
            at=old.at,
            user_id=old.user_id,
            username=old.user.username[:150] if old.user else "",
            role=getattr(old.user, "role", "")[:20] if old.user else "",
            via="web",
            action="read",
            purpose=old.view[:60],
            where="",
            source="",
            detail="carried over from the chart access log",
            patient_count=1,
        )
        AuditSubject.objects.create(event=event, patient_id=old.patient_id)


class Migration(migrations.Migration):
    dependencies = [("access", "0002_append_only_trigger"), ("clinic", "0001_initial")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
