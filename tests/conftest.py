"""Shared personas: one clinic and one other clinic, and a user per role.

Every test that needs a person takes it from here, so "a clinician of another clinic"
means the same thing everywhere.
"""

from __future__ import annotations

import pytest

from synovia.accounts.models import Clinic, Role, User
from synovia.accounts.services import user_create

PASSWORD = "a-long-test-password-1"


@pytest.fixture
def password() -> str:
    return PASSWORD


@pytest.fixture
def clinic(db) -> Clinic:
    return Clinic.objects.create(name="North Clinic", code="north", city="Oviedo", country="ES")


@pytest.fixture
def other_clinic(db) -> Clinic:
    return Clinic.objects.create(name="South Clinic", code="south", city="Sevilla", country="ES")


def _user(username: str, role: str, clinic: Clinic | None) -> User:
    return user_create(
        username=username, password=PASSWORD, role=role, clinic=clinic, email=f"{username}@example.invalid"
    )


@pytest.fixture
def patient_user(clinic) -> User:
    return _user("pat", Role.PATIENT, clinic)


@pytest.fixture
def other_patient_user(clinic) -> User:
    return _user("pat2", Role.PATIENT, clinic)


@pytest.fixture
def clinician(clinic) -> User:
    return _user("doc", Role.CLINICIAN, clinic)


@pytest.fixture
def coordinator(clinic) -> User:
    return _user("coord", Role.COORDINATOR, clinic)


@pytest.fixture
def other_clinician(other_clinic) -> User:
    return _user("doc2", Role.CLINICIAN, other_clinic)


@pytest.fixture
def researcher(db) -> User:
    return _user("res", Role.RESEARCHER, None)


@pytest.fixture
def moderator(db) -> User:
    return _user("mod", Role.MODERATOR, None)


@pytest.fixture
def admin_user(db) -> User:
    return _user("boss", Role.ADMIN, None)


@pytest.fixture
def catalog(db) -> None:
    """The shipped registered-trial catalog, imported as `synovia trials import` does."""
    from synovia.trials.importing import catalog_dir, read_records
    from synovia.trials.services import trials_import

    studies, raw = read_records(catalog_dir())
    trials_import(studies=studies, raw_by_id=raw)


@pytest.fixture
def make_patient(db):
    """A factory of clinic patients: ``make_patient(clinic, "R1", sex="M", **history)``."""
    import datetime as dt

    from synovia.clinic.services import patient_create

    def make(clinic: Clinic, record_number: str, *, sex: str = "F", birth_date=None, **history):
        return patient_create(
            clinic=clinic,
            by=None,
            record_number=record_number,
            given_name="Ana",
            family_name="Ruiz",
            sex=sex,
            birth_date=birth_date or dt.date(1980, 1, 1),
            weight_kg=60,
            referred_on=dt.date(2026, 1, 1),
            **history,
        )

    return make


@pytest.fixture(autouse=True)
def _login_passes_a_request(monkeypatch):
    """django-axes needs the request in authenticate(); the test client's login() passes none."""
    from django.test import Client, RequestFactory

    original = Client.login

    def login(self, **credentials):
        credentials.setdefault("request", RequestFactory().post("/accounts/login/"))
        return original(self, **credentials)

    monkeypatch.setattr(Client, "login", login)


def pytest_terminal_summary(terminalreporter):
    """The fuzz totals of this process (with xdist: of each worker's share, on the controller
    only what it ran itself; ``make fuzz`` runs in one process)."""
    from tests import fuzzcount

    if fuzzcount.sent["requests"]:
        sent = fuzzcount.sent
        terminalreporter.write_line(
            f"hostile requests: {sent['requests']}, server errors: {sent['server_errors']}"
        )


@pytest.fixture(autouse=True)
def _no_kept_report_data(settings):
    """The outcomes report keeps data sets by the registry's change log; a test database that
    rolls back reuses change-log ids on SQLite, so a test keeps none unless it asks
    (tests/apps/research/test_report_cache.py)."""
    from synovia.research import selectors

    settings.SYNOVIA_REPORT_CACHE = 0
    selectors.forget_cohorts()
    yield
    selectors.forget_cohorts()


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the site's default language.

    A request through LocaleMiddleware activates the visitor's language for the thread and
    nothing deactivates it, so without this a Spanish page in one test made the next test's
    service messages Spanish (seen in CI as order-dependent failures).
    """
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)
