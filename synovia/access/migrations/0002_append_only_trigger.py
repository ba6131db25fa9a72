"""On PostgreSQL, the database itself refuses UPDATE and DELETE of audit rows (TRUNCATE, which
only the database owner's maintenance uses, stays possible). SQLite relies on the model guards."""

from django.db import migrations

TABLES = ("access_auditevent", "access_auditsubject")

FUNCTION = """
CREATE OR REPLACE FUNCTION synovia_audit_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'the audit log is append-only';
END;
$$ LANGUAGE plpgsql;
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(FUNCTION)
    for table in TABLES:
        schema_editor.execute(
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION synovia_audit_append_only()"
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
    schema_editor.execute("DROP FUNCTION IF EXISTS synovia_audit_append_only()")


class Migration(migrations.Migration):
    dependencies = [("access", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
