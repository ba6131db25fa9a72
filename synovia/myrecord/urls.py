from django.urls import path

from synovia.myrecord import views

app_name = "myrecord"

urlpatterns = [
    path("", views.home, name="home"),
    path("link-code/", views.link_code, name="link_code"),
    path("report/", views.report, name="report"),
    path("consents/<int:consent_id>/", views.consent, name="consent"),
    path("download.pdf", views.download_pdf, name="download_pdf"),
    path("trial-alerts/", views.trial_alerts, name="trial_alerts"),
    path("messages/", views.message_list, name="messages"),
    path("messages/<int:thread_id>/", views.thread, name="thread"),
    path("care/messages/", views.care_inbox, name="care_inbox"),
    path("care/messages/<int:thread_id>/", views.care_thread, name="care_thread"),
    path("care/patients/<int:pk>/messages/", views.care_patient, name="care_patient"),
    path("care/patients/<int:pk>/link/", views.care_link, name="care_link"),
]
