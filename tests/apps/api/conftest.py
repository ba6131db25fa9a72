"""API personas: a bearer token per role, and a client that sends it."""

import pytest
from django.test import Client

from synovia.api import tokens
from tests.apps.clinic.conftest import other_patient, patient, treated_patient  # noqa: F401


class TokenClient(Client):
    """A test client that sends ``Authorization: Bearer <secret>`` on every request."""

    def __init__(self, secret: str, **kwargs):
        super().__init__(raise_request_exception=False, HTTP_AUTHORIZATION=f"Bearer {secret}", **kwargs)
        self.secret = secret

    def json(self, method: str, path: str, body=None, **headers):
        import json

        extra = {f"HTTP_{k.upper().replace('-', '_')}": v for k, v in headers.items()}
        data = json.dumps(body) if body is not None else None
        return getattr(self, method)(path, data, content_type="application/json", **extra)


def token_client(user) -> TokenClient:
    return TokenClient(tokens.token_create(user=user).secret)


@pytest.fixture
def as_clinician(clinician):
    return token_client(clinician)


@pytest.fixture
def as_other_clinician(other_clinician):
    return token_client(other_clinician)


@pytest.fixture
def as_researcher(researcher):
    return token_client(researcher)


@pytest.fixture
def as_patient(patient_user):
    return token_client(patient_user)
