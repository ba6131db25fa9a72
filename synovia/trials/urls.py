from django.urls import path

from synovia.trials import views

app_name = "trials"

urlpatterns = [
    path("", views.trial_list, name="list"),
    path("match/", views.match, name="match"),
    path("<str:registry_id>/", views.trial_detail, name="detail"),
]
