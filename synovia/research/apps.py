from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResearchConfig(AppConfig):
    name = "synovia.research"
    label = "research"
    verbose_name = _("Outcomes research")
    default_auto_field = "django.db.models.BigAutoField"
