"""The clinic personas for the interop tests."""

from tests.apps.clinic.conftest import other_patient, patient, treated_patient  # noqa: F401
