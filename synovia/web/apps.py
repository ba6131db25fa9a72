from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebConfig(AppConfig):
    name = "synovia.web"
    label = "web"
    verbose_name = _("Web pages")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from synovia.web.sessions import renewed_at_sign_in

        user_logged_in.connect(renewed_at_sign_in, dispatch_uid="synovia-session-renewed-at-sign-in")
