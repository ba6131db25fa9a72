"""Every model registered in the admin opens: list, add (where allowed) and one change page."""

import io

import pytest
from django.contrib import admin
from django.core.management import call_command
from django.urls import reverse


@pytest.fixture
def demo(db):
    call_command("demo", "--no-serve", "--patients", "15", stdout=io.StringIO())


def test_every_admin_page_opens_on_the_demo_data(client, demo, admin_user):
    client.force_login(admin_user)
    assert client.get(reverse("admin:index")).status_code == 200
    for model in admin.site._registry:
        meta = model._meta
        changelist = reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
        assert client.get(changelist).status_code == 200, changelist
        first = model.objects.order_by("pk").first()
        if first is not None:
            change = reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[first.pk])
            assert client.get(change).status_code == 200, change


def test_the_admin_is_closed_to_clinical_roles(client, demo, clinician):
    client.force_login(clinician)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_admin_pages_say_when_the_data_is_synthetic(client, demo, admin_user):
    client.force_login(admin_user)
    body = client.get(reverse("admin:clinic_patient_changelist")).content.decode()
    assert "Synthetic data: this database holds invented demonstration records" in body
