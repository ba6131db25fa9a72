from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from synovia.accounts.models import Clinic, User


@admin.register(Clinic)
class ClinicAdmin(SimpleHistoryAdmin):  # type: ignore[misc]  # simple_history ships no type stubs
    list_display = ("name", "code", "city", "country", "synthetic")
    list_filter = ("synthetic", "country")
    search_fields = ("name", "code", "city")


@admin.register(User)
class SynoviaUserAdmin(SimpleHistoryAdmin, UserAdmin[User]):  # type: ignore[misc]  # as above
    list_display = ("username", "role", "clinic", "is_active", "synthetic")
    list_filter = ("role", "clinic", "is_active", "synthetic")
    fieldsets = (
        *(UserAdmin.fieldsets or ()),
        (_("Synovia"), {"fields": ("role", "clinic", "synthetic")}),
    )
    add_fieldsets = (
        *UserAdmin.add_fieldsets,
        (_("Synovia"), {"fields": ("role", "clinic")}),
    )
