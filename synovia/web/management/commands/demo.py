from __future__ import annotations

from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand, CommandParser

from synovia.accounts.demo import demo_accounts_ensure, demo_clinic
from synovia.accounts.models import User
from synovia.clinic.services import demo_patient_link


class Command(BaseCommand):
    help = (
        "Migrate, load the SYNTHETIC demo cohort and trial catalog, create one demo account per "
        "role (credentials printed), then serve on 127.0.0.1:8000."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--patients", type=int, default=60, help="synthetic patients to create")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--no-serve", action="store_true", help="prepare the demo without serving")
        parser.add_argument("--addr", default="127.0.0.1:8000")

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write("Database migrated.")
        commands = get_commands()
        clinic = demo_clinic()
        if "demo_data" in commands and not _has_patients():
            call_command("demo_data", patients=options["patients"], seed=options["seed"])
        if "trials" in commands:
            call_command("trials", "import")
        accounts = demo_accounts_ensure(clinic)
        demo_patient_link(User.objects.get(username="demo-patient"))
        self.stdout.write(self.style.WARNING("All demo data and accounts are SYNTHETIC."))
        self.stdout.write(f"E-mails are written as files to {settings.EMAIL_FILE_PATH}, not sent.")
        self.stdout.write("Demo accounts (username / password / role):")
        for account in accounts:
            self.stdout.write(f"  {account.username:<20} {account.password:<20} {account.role}")
        if not options["no_serve"]:
            self.stdout.write(f"Serving on http://{options['addr']}/ (Ctrl-C to stop)")
            call_command("serve", addr=options["addr"])


def _has_patients() -> bool:
    """True when the clinic app already holds patients (the demo is not loaded twice)."""
    try:
        patient = apps.get_model("clinic", "Patient")
    except LookupError:
        return False
    return bool(patient.objects.exists())
