"""Users, their roles, and the clinics (sites) they belong to."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Role(models.TextChoices):
    PATIENT = "patient", _("Patient")
    CLINICIAN = "clinician", _("Clinician")
    COORDINATOR = "coordinator", _("Trial coordinator")
    RESEARCHER = "researcher", _("Researcher")
    MODERATOR = "moderator", _("Community moderator")
    ADMIN = "admin", _("Administrator")


#: Roles whose members must belong to a clinic: they act on that clinic's patients only.
CLINIC_ROLES = frozenset({Role.CLINICIAN, Role.COORDINATOR, Role.PATIENT})
#: Roles that work with identifiable patient data of their own clinic.
CLINICAL_STAFF_ROLES = frozenset({Role.CLINICIAN, Role.COORDINATOR})


class Clinic(models.Model):
    """A site that treats or follows patients; every patient record belongs to one."""

    name = models.CharField(_("name"), max_length=200)
    code = models.SlugField(_("code"), max_length=40, unique=True)
    city = models.CharField(_("city"), max_length=120, blank=True)
    country = models.CharField(_("country"), max_length=2, blank=True, help_text=_("ISO 3166-1 alpha-2"))
    synthetic = models.BooleanField(
        _("synthetic"), default=False, help_text=_("Invented for demonstration; not a real site.")
    )
    visit_window_before_days = models.PositiveSmallIntegerField(
        _("visit window before (days)"), default=7, validators=[MaxValueValidator(60)]
    )
    visit_window_after_days = models.PositiveSmallIntegerField(
        _("visit window after (days)"), default=14, validators=[MinValueValidator(0), MaxValueValidator(90)]
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("clinic")
        verbose_name_plural = _("clinics")

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """A person who signs in. The role decides what they may see; the clinic scopes it."""

    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.PATIENT)
    clinic = models.ForeignKey(
        Clinic,
        verbose_name=_("clinic"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
    )
    synthetic = models.BooleanField(_("synthetic"), default=False)
    # Role and clinic changes keep their history (who changed them, when); secrets stay out.
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def has_role(self, *roles: str) -> bool:
        return self.is_active and (self.role in roles)

    @property
    def is_clinical_staff(self) -> bool:
        return self.role in CLINICAL_STAFF_ROLES


class SignupAttempt(models.Model):
    """A sign-up request, kept to limit them: keyed hashes of the client address and of the
    e-mail address (never the address itself), and when."""

    address_hash = models.CharField(max_length=64, db_index=True)
    email_hash = models.CharField(max_length=64, db_index=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("sign-up attempt")
        verbose_name_plural = _("sign-up attempts")

    def __str__(self) -> str:
        return f"sign-up attempt {self.pk}"
