"""Property-based API testing: schemathesis generates requests from our OpenAPI schema.

Every generated request must get a documented answer: no 5xx, and a status listed in the
schema (400 and 422 for bad input included).
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from synovia.wsgi import application
from tests import fuzzcount

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)


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


@schema.parametrize()
@settings(max_examples=fuzzcount.EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_answers_every_generated_request(case):
    response = case.call()
    assert fuzzcount.count(response.status_code) < 500, response.text
