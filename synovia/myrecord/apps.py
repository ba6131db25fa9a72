from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MyrecordConfig(AppConfig):
    name = "synovia.myrecord"
    label = "myrecord"
    verbose_name = _("My record (patient)")
