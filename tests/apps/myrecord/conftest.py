"""Fixtures of the patient's pages: the linked patient "pat" with a treated record."""

from __future__ import annotations

from tests.apps.clinic.conftest import (  # noqa: F401 - fixtures shared with the clinic tests
    patient,
    treated_patient,
)
