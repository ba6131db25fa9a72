"""The clinic personas for the interop tests, and a registered trial to enrol in."""

import pytest

from synovia.trials.models import Trial
from tests.apps.clinic.conftest import other_patient, patient, treated_patient  # noqa: F401


@pytest.fixture
def trial(db) -> Trial:
    return Trial.objects.create(
        registry_id="NCT09990001", title="Synthetic MSC trial in RA", status="RECRUITING"
    )
