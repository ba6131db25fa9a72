from django.urls import path

from synovia.learn import views

app_name = "learn"

urlpatterns = [
    path("", views.index, name="index"),
    path("check-an-offer/", views.offer_check, name="offer_check"),
    path("<slug:slug>/", views.article, name="article"),
]
