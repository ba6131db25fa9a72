"""Writes on accounts: every change of a user's role or clinic goes through here."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from synovia.accounts.models import CLINIC_ROLES, Clinic, Role, User


def user_create(
    *,
    username: str,
    password: str,
    role: str,
    clinic: Clinic | None = None,
    email: str = "",
    first_name: str = "",
    last_name: str = "",
    synthetic: bool = False,
) -> User:
    """Create a user with a role; clinic roles must name a clinic, others must not."""
    _check_role_and_clinic(role, clinic)
    with transaction.atomic():
        user = User(
            username=username,
            role=role,
            clinic=clinic,
            email=email,
            first_name=first_name,
            last_name=last_name,
            synthetic=synthetic,
            is_staff=role == Role.ADMIN,
            is_superuser=role == Role.ADMIN,
        )
        user.set_password(password)
        user.full_clean()
        user.save()
    return user


def user_assign_role(*, user: User, role: str, clinic: Clinic | None = None, by: User | None = None) -> User:
    """Change a user's role (and clinic) in one step, keeping the pair consistent; the change
    is kept in the user's history with ``by`` as its author."""
    _check_role_and_clinic(role, clinic)
    if by is not None:
        user._history_user = by  # type: ignore[attr-defined]  # simple-history reads it
    with transaction.atomic():
        user.role = role
        user.clinic = clinic
        user.is_staff = role == Role.ADMIN
        user.is_superuser = role == Role.ADMIN
        user.save(update_fields=["role", "clinic", "is_staff", "is_superuser"])
    return user


def _check_role_and_clinic(role: str, clinic: Clinic | None) -> None:
    if role not in Role.values:
        raise ValidationError(f"Unknown role {role!r}; expected one of {', '.join(Role.values)}")
    if role in CLINIC_ROLES and clinic is None:
        raise ValidationError(f"A {role} must belong to a clinic")
    if role not in CLINIC_ROLES and clinic is not None:
        raise ValidationError(f"A {role} does not belong to a clinic")
