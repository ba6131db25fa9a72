"""Property-based API testing: schemathesis generates requests from our OpenAPI schema and
sends each one twice, with a clinician's token and with a researcher's.

Every answer must conform to the schema: no 5xx, a status code the operation declares, the
declared content type, and a body (success or error) that validates against the declared
schema. ``SYNOVIA_FUZZ_EXAMPLES`` (tests/fuzzcount.py) sets the examples per operation.
"""

import datetime as dt
import os

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from synovia.api import tokens
from synovia.wsgi import application
from tests import fuzzcount
from tests.apps.clinic.conftest import make_patient, visit_inputs

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)
# The coverage phase (every boundary of every field) multiplies the requests by about ten; CI
# runs the examples and fuzzing phases (SYNOVIA_FUZZ_COVERAGE=1 adds it, e.g. in ``make fuzz``).
schema.config.phases.coverage.enabled = os.environ.get("SYNOVIA_FUZZ_COVERAGE") == "1"

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


@pytest.fixture(autouse=True)
def _database(db):
    """The endpoints read the catalog; an empty one is a valid state.

    The WSGI application is called directly, so Django's request signals would close the
    test's connection in the middle of its transaction (PostgreSQL then refuses every later
    query). Django's own test client disconnects them the same way.
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def bearers(db, clinic, clinician, researcher, settings):
    """A clinician's and a researcher's token, and one patient of the clinician's clinic with a
    visit (so that some generated ids find a record)."""
    from synovia.clinic import services

    settings.SYNOVIA_API_RATE = 1_000_000
    patient = make_patient(clinic, clinician, record_number="FUZZ-1")
    services.visit_record(
        patient=patient, by=clinician, visit_date=dt.date(2026, 1, 5), kind="baseline", **visit_inputs()
    )
    return {
        "clinician": tokens.token_create(user=clinician).secret,
        "researcher": tokens.token_create(user=researcher).secret,
    }


@schema.parametrize()
@settings(max_examples=fuzzcount.EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_answers_every_generated_request_within_its_schema(case, bearers):
    for secret in bearers.values():
        headers = {"Authorization": f"Bearer {secret}"}
        response = case.call(headers=headers)
        fuzzcount.count(response.status_code)
        case.validate_response(response, checks=CHECKS, headers=headers)
