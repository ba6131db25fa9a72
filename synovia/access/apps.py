from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccessConfig(AppConfig):
    name = "synovia.access"
    label = "access"
    verbose_name = _("Access and audit")
    default_auto_field = "django.db.models.BigAutoField"
