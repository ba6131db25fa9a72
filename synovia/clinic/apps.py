from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClinicConfig(AppConfig):
    name = "synovia.clinic"
    label = "clinic"
    verbose_name = _("Clinical record")
