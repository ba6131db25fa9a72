from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SelfcheckConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "synovia.selfcheck"
    verbose_name = _("Self-assessment")
