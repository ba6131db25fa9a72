import io

from django.core.management import call_command
from django.urls import reverse

from synovia.accounts.models import Role, User
from synovia.clinic.models import Patient
from synovia.trials.models import Trial


def test_demo_prepares_synthetic_data_and_one_account_per_role(client, db):
    out = io.StringIO()
    call_command("demo", "--no-serve", "--patients", "20", stdout=out)
    text = out.getvalue()
    assert "SYNTHETIC" in text
    assert "E-mails are written as files to" in text and "mail" in text
    for role in Role.values:
        assert f"demo-{role}" in text
        assert User.objects.get(username=f"demo-{role}").synthetic
    assert Trial.objects.count() == 16
    assert Patient.objects.exists() and not Patient.objects.filter(synthetic=False).exists()
    patient_account = User.objects.get(username="demo-patient")
    assert Patient.objects.filter(user=patient_account).exists()
    assert client.login(username="demo-clinician", password="synovia-demo-only")
    assert client.get(reverse("clinic:worklist")).status_code == 200
    client.logout()
    assert client.login(username="demo-patient", password="synovia-demo-only")
    assert client.get(reverse("clinic:my_record")).status_code == 200


def test_demo_twice_does_not_duplicate(db):
    call_command("demo", "--no-serve", "--patients", "10", stdout=io.StringIO())
    patients, trials = Patient.objects.count(), Trial.objects.count()
    call_command("demo", "--no-serve", "--patients", "10", stdout=io.StringIO())
    assert (Patient.objects.count(), Trial.objects.count()) == (patients, trials)
