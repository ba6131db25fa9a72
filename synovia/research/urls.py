from django.urls import URLPattern, path

app_name = "research"

urlpatterns: list[URLPattern] = []
