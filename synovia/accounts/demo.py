"""Demo accounts: one per role, all marked synthetic, for ``synovia demo``."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from synovia.accounts.models import CLINIC_ROLES, Clinic, Role, User
from synovia.accounts.services import user_assign_role, user_create

DEMO_PASSWORD = "synovia-demo-only"  # noqa: S105 - printed on purpose; synthetic accounts
DEMO_CLINIC_CODE = "demo-clinic"


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: str
    password: str


def demo_clinic() -> Clinic:
    """The synthetic clinic demo staff belong to (created when missing)."""
    clinic, _ = Clinic.objects.get_or_create(
        code=DEMO_CLINIC_CODE,
        defaults={"name": "Synthetic Demo Clinic", "city": "Demo City", "country": "ES", "synthetic": True},
    )
    return clinic


@transaction.atomic
def demo_accounts_ensure(clinic: Clinic | None = None) -> list[DemoAccount]:
    """Create (or reset) ``demo-<role>`` for every role; returns their credentials."""
    site = clinic or demo_clinic()
    made = []
    for role in Role.values:
        username = f"demo-{role}"
        home = site if role in CLINIC_ROLES else None
        user = User.objects.filter(username=username).first()
        if user is None:
            user = user_create(
                username=username,
                password=DEMO_PASSWORD,
                role=role,
                clinic=home,
                email=f"{username}@example.invalid",
                synthetic=True,
            )
        else:
            user_assign_role(user=user, role=role, clinic=home)
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        made.append(DemoAccount(username=username, role=role, password=DEMO_PASSWORD))
    return made
