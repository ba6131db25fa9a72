from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from synovia.api.api import api

urlpatterns = [
    path("", include("synovia.web.urls")),
    path("accounts/", include("synovia.accounts.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("clinic/", include("synovia.clinic.urls")),
    path("trials/", include("synovia.trials.urls")),
    path("community/", include("synovia.community.urls")),
    path("api/", api.urls),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
