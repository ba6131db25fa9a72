import pytest
from django.core.exceptions import ValidationError

from synovia.accounts.models import Role, User
from synovia.accounts.services import user_assign_role, user_create


def test_every_role_exists():
    assert set(Role.values) == {"patient", "clinician", "coordinator", "researcher", "moderator", "admin"}


def test_clinician_is_created_in_a_clinic(clinician, clinic):
    assert clinician.role == Role.CLINICIAN
    assert clinician.clinic == clinic
    assert clinician.is_clinical_staff
    assert not clinician.is_staff


def test_clinic_roles_must_name_a_clinic(db):
    for role in (Role.PATIENT, Role.CLINICIAN, Role.COORDINATOR):
        with pytest.raises(ValidationError, match="must belong to a clinic"):
            user_create(username=f"x-{role}", password="a-long-password-9", role=role)


def test_non_clinic_roles_do_not_belong_to_a_clinic(clinic):
    with pytest.raises(ValidationError, match="does not belong to a clinic"):
        user_create(username="r", password="a-long-password-9", role=Role.RESEARCHER, clinic=clinic)


def test_unknown_role_is_refused(db):
    with pytest.raises(ValidationError, match="Unknown role 'surgeon'"):
        user_create(username="s", password="a-long-password-9", role="surgeon")


def test_admin_role_opens_the_admin_site(admin_user):
    assert admin_user.is_staff and admin_user.is_superuser


def test_assigning_a_role_keeps_role_and_clinic_consistent(clinician):
    user_assign_role(user=clinician, role=Role.RESEARCHER)
    clinician.refresh_from_db()
    assert (clinician.role, clinician.clinic) == (Role.RESEARCHER, None)
    assert not clinician.is_clinical_staff


def test_a_failed_assignment_changes_nothing(clinician, clinic):
    with pytest.raises(ValidationError):
        user_assign_role(user=clinician, role=Role.RESEARCHER, clinic=clinic)
    clinician.refresh_from_db()
    assert (clinician.role, clinician.clinic) == (Role.CLINICIAN, clinic)


def test_passwords_are_hashed_with_argon2(patient_user):
    stored = User.objects.get(pk=patient_user.pk).password
    assert stored.startswith("argon2$")
