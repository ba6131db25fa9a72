from django.urls import path

from synovia.access import views

app_name = "access"

urlpatterns = [
    path("my-data/", views.my_data, name="my_data"),
]
