from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrialsConfig(AppConfig):
    name = "synovia.trials"
    label = "trials"
    verbose_name = _("Trials and eligibility")
