from django.urls import path

from synovia.web import views

app_name = "web"

urlpatterns = [
    path("", views.home, name="home"),
    path("health/", views.health, name="health"),
    path("healthz", views.health, name="healthz"),
]
