"""The clinic personas' patient, shared with the access tests."""

from tests.apps.clinic.conftest import other_patient, patient, treated_patient  # noqa: F401
