"""Sign-in: clinical staff land on their clinic's worklist; everyone else on the front page
(an explicit ``next`` address, checked by Django as safe, wins in both cases)."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.urls import reverse

from synovia.accounts.models import Role

STAFF_LANDING = frozenset({Role.CLINICIAN, Role.COORDINATOR, Role.ADMIN})


class SignInView(auth_views.LoginView):
    def get_default_redirect_url(self) -> str:
        if getattr(self.request.user, "role", "") in STAFF_LANDING:
            return reverse("clinic:worklist")
        return str(super().get_default_redirect_url())
