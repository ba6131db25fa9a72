from django.urls import path

from synovia.trials import screening_views, views

app_name = "trials"

urlpatterns = [
    path("", views.trial_list, name="list"),
    path("match/", views.match, name="match"),
    path("<str:registry_id>/", views.trial_detail, name="detail"),
    path("<str:registry_id>/screen/", screening_views.screen, name="screen"),
    path("<str:registry_id>/screen.csv", screening_views.screen_csv, name="screen_csv"),
]
