from django.urls import path

from synovia.selfcheck import views

app_name = "selfcheck"

urlpatterns = [
    path("", views.start, name="start"),
    path("question/", views.question, name="question"),
    path("result/", views.result, name="result"),
    path("save/", views.save, name="save"),
    path("send/", views.send, name="send"),
    path("referrals/", views.referrals, name="referrals"),
    path("clinic/<int:referral_id>/", views.clinic_referral, name="clinic_referral"),
]
