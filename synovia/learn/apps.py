from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearnConfig(AppConfig):
    name = "synovia.learn"
    label = "learn"
    verbose_name = _("Learn and check an offer")
    default_auto_field = "django.db.models.BigAutoField"
