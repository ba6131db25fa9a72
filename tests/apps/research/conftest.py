"""A synthetic demo cohort loaded as ``synovia demo-data`` does, and staff of its clinics."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command

from synovia.accounts.models import Clinic, Role
from synovia.accounts.services import user_create
from tests.conftest import PASSWORD

TODAY = dt.date(2026, 11, 1)


def load_demo(patients: int, seed: int) -> None:
    call_command("demo_data", patients=patients, seed=seed, today=TODAY, no_progress=True, verbosity=0)


@pytest.fixture
def demo(db):
    load_demo(60, 1)


@pytest.fixture
def demo_clinician(demo):
    clinic = Clinic.objects.order_by("code").first()
    return user_create(
        username="demo-doc", password=PASSWORD, role=Role.CLINICIAN, clinic=clinic, email="d@example.invalid"
    )
