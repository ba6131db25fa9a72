from django.conf import settings
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path

from synovia.api.api import api

urlpatterns: list[URLPattern | URLResolver] = [
    path("", include("synovia.web.urls")),
    path("accounts/", include("synovia.accounts.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("clinic/", include("synovia.clinic.urls")),
    path("trials/", include("synovia.trials.urls")),
    path("community/", include("synovia.community.urls")),
    path("access/", include("synovia.access.urls")),
    path("learn/", include("synovia.learn.urls")),
    path("research/", include("synovia.research.urls")),
    path("selfcheck/", include("synovia.selfcheck.urls")),
    path("my/", include("synovia.myrecord.urls")),
    path("api/", api.urls),
    path("admin/", admin.site.urls),
]

handler400 = "synovia.web.errors.bad_request"
handler403 = "synovia.web.errors.permission_denied"
handler404 = "synovia.web.errors.page_not_found"
handler500 = "synovia.web.errors.server_error"

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
