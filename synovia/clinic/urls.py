from django.urls import path

from synovia.clinic import views

app_name = "clinic"

urlpatterns = [
    path("", views.worklist, name="worklist"),
    path("patients/", views.patient_list, name="patient_list"),
    path("patients/new/", views.patient_new, name="patient_new"),
    path("patients/<int:pk>/", views.chart, name="chart"),
    path("patients/<int:pk>/consent/", views.consent, name="consent"),
    path(
        "patients/<int:pk>/consent/<int:consent_id>/withdraw/",
        views.consent_withdraw,
        name="consent_withdraw",
    ),
    path("patients/<int:pk>/program/", views.program, name="program"),
    path("patients/<int:pk>/infusion/", views.infusion, name="infusion"),
    path("patients/<int:pk>/imaging/", views.imaging, name="imaging"),
    path("patients/<int:pk>/transition/", views.transition, name="transition"),
    path("patients/<int:pk>/evaluation/", views.evaluation, name="evaluation"),
    path("patients/<int:pk>/visit/", views.visit, name="visit"),
    path("patients/<int:pk>/visit/score/", views.visit_score, name="visit_score"),
    path("patients/<int:pk>/lab/", views.lab, name="lab"),
    path("patients/<int:pk>/adverse-event/", views.adverse_event, name="adverse_event"),
    path("ctcae/search/", views.ctcae_search, name="ctcae_search"),
    path("ctcae/grades/", views.ctcae_grades, name="ctcae_grades"),
    path("alerts/<int:pk>/read/", views.alert_read, name="alert_read"),
    path("me/", views.my_record, name="my_record"),
    path("research/", views.research, name="research"),
]
