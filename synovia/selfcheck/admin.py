from django.contrib import admin

from synovia.selfcheck.models import ReferralSite


@admin.register(ReferralSite)
class ReferralSiteAdmin(admin.ModelAdmin[ReferralSite]):
    list_display = ("clinic", "accepting", "about")
    list_filter = ("accepting",)
