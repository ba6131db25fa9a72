"""Who may see and change which patients.

- Clinicians and coordinators: their own clinic's patients only.
- A patient: their own record only (read).
- Researchers: no identifiable record at all; de-identified rows through
  ``selectors.deidentified_rows`` only, for patients who consented to research.
- Administrators: every clinic (through the admin site and the pages).
Anything else is refused. A record outside the scope is reported as not found (404), so its
existence is not revealed; a role without access to a page gets 403.

The scope itself (which patients) is decided in one place, ``synovia.access.door``; this module
holds the role checks of pages.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from synovia.access.door import NotVisible
from synovia.accounts.models import Role, User
from synovia.clinic.models import Patient

__all__ = [
    "CLINICIAN_ONLY",
    "EDITORS",
    "STAFF",
    "NotVisible",
    "require_editor",
    "require_researcher",
    "require_staff",
]

STAFF = frozenset({Role.CLINICIAN, Role.COORDINATOR, Role.ADMIN})
EDITORS = frozenset({Role.CLINICIAN, Role.COORDINATOR})
CLINICIAN_ONLY = frozenset({Role.CLINICIAN})


def require_staff(user: User) -> None:
    """403 unless ``user`` is clinical staff (clinician, coordinator, admin)."""
    if not user.is_authenticated or user.role not in STAFF:
        raise PermissionDenied("Clinical staff only.")


def require_editor(user: User, patient: Patient, *, roles: frozenset[str] = EDITORS) -> None:
    """403 unless ``user`` may change ``patient``'s record (own clinic, allowed role)."""
    if user.role not in roles:
        raise PermissionDenied("Your role cannot change this record.")
    if patient.clinic_id != user.clinic_id:
        raise NotVisible


def require_researcher(user: User) -> None:
    """403 unless ``user`` is a researcher or an administrator."""
    if not user.is_authenticated or user.role not in {Role.RESEARCHER, Role.ADMIN}:
        raise PermissionDenied("Researchers only.")
