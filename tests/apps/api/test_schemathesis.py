"""Property-based API testing: schemathesis generates requests from our OpenAPI schema and
sends each one twice, with a clinician's token and with a researcher's.

Every answer must conform to the schema: no 5xx, a status code the operation declares, the
declared content type, and a body (success or error) that validates against the declared
schema. ``SYNOVIA_FUZZ_EXAMPLES`` sets the examples per operation (``make fuzz``: the release
run); without it CI runs ``CI_EXAMPLES`` per operation: about 1,500 requests over the 32
operations, about a minute on a quiet two-core machine, run twice by CI (SQLite, PostgreSQL).
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

CI_EXAMPLES = 25
EXAMPLES = int(os.environ.get("SYNOVIA_FUZZ_EXAMPLES", CI_EXAMPLES))

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
    visit, a trial enrolment and a referral (so that some generated ids find a record)."""
    from synovia.clinic import services
    from synovia.interop.services import enrolment_record
    from synovia.selfcheck import services as referrals
    from synovia.selfcheck.models import ReferralSite
    from synovia.trials.models import Trial

    settings.SYNOVIA_API_RATE = 1_000_000
    patient = make_patient(clinic, clinician, record_number="FUZZ-1")
    services.visit_record(
        patient=patient, by=clinician, visit_date=dt.date(2026, 1, 5), kind="baseline", **visit_inputs()
    )
    trial = Trial.objects.create(registry_id="NCT09990001", title="Synthetic fuzz trial")
    enrolment_record(patient=patient, by=clinician, trial=trial, started_on=dt.date(2026, 1, 6))
    referrals.referral_send(
        site=ReferralSite.objects.create(clinic=clinic),
        user=None,
        answers={"age": {"age": "56"}},
        facts={"age_years": 56},
        given_name="Fuzz",
        family_name="Synthetic",
        email="fuzz@example.invalid",
        phone="",
        birth_date=dt.date(1970, 1, 1),
        weight_kg=70,
        consent=True,
        request_token="fuzz-referral-token",
    )
    return {
        "clinician": tokens.token_create(user=clinician).secret,
        "researcher": tokens.token_create(user=researcher).secret,
    }


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_answers_every_generated_request_within_its_schema(case, bearers):
    for secret in bearers.values():
        headers = {"Authorization": f"Bearer {secret}"}
        response = case.call(headers=headers)
        fuzzcount.count(response.status_code)
        case.validate_response(response, checks=CHECKS, headers=headers)
