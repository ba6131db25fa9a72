"""The change log of the tables the outcomes report reads, filled by triggers.

PostgreSQL: one statement-level trigger per table (a COPY of 100,000 rows adds one row);
SQLite: row-level triggers (it has no statement-level ones). Statement-level inserts into an
append-only table take no lock that another writer waits for."""

from django.db import migrations, models

TABLES = (
    "accounts_clinic",
    "clinic_patient",
    "clinic_consent",
    "clinic_treatmentprogram",
    "clinic_infusion",
    "clinic_visit",
    "clinic_adverseevent",
)


def _create(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        if schema_editor.connection.vendor == "postgresql":
            cursor.execute(
                "CREATE OR REPLACE FUNCTION research_note_change() RETURNS trigger LANGUAGE plpgsql AS "
                "$$ BEGIN INSERT INTO research_datachange DEFAULT VALUES; RETURN NULL; END $$"
            )
            for table in TABLES:
                cursor.execute(
                    f"CREATE TRIGGER research_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} "
                    "FOR EACH STATEMENT EXECUTE FUNCTION research_note_change()"
                )
        elif schema_editor.connection.vendor == "sqlite":
            for table in TABLES:
                for event in ("INSERT", "UPDATE", "DELETE"):
                    # Table and event names from the constants above, never from input.
                    cursor.execute(
                        f"CREATE TRIGGER research_change_{table}_{event.lower()} AFTER {event} ON {table} "  # nosec B608
                        "BEGIN INSERT INTO research_datachange (id) VALUES (NULL); END"
                    )


def _drop(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        if schema_editor.connection.vendor == "postgresql":
            for table in TABLES:
                cursor.execute(f"DROP TRIGGER IF EXISTS research_change ON {table}")
            cursor.execute("DROP FUNCTION IF EXISTS research_note_change()")
        elif schema_editor.connection.vendor == "sqlite":
            for table in TABLES:
                for event in ("insert", "update", "delete"):
                    cursor.execute(f"DROP TRIGGER IF EXISTS research_change_{table}_{event}")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("accounts", "0002_historicalclinic_historicaluser"),
        ("clinic", "0005_scheduled_visit_closed"),
    ]

    operations = [
        migrations.CreateModel(
            name="DataChange",
            fields=[("id", models.BigAutoField(primary_key=True, serialize=False))],
            options={"verbose_name": "registry change", "verbose_name_plural": "registry changes"},
        ),
        migrations.RunPython(_create, _drop),
    ]
