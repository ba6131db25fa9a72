from django.urls import URLPattern, path

from synovia.research import views

app_name = "research"

urlpatterns: list[URLPattern] = [
    path("outcomes/", views.report_page, name="report"),
    path("outcomes/chart/<slug:name>.svg", views.chart_image, name="chart"),
    path("outcomes/visits.csv", views.export_visits_csv, name="export_visits_csv"),
    path("outcomes/visits.parquet", views.export_visits_parquet, name="export_visits_parquet"),
    path("outcomes/flare.csv", views.export_flare_csv, name="export_flare_csv"),
    path("outcomes/retreatment.csv", views.export_retreatment_csv, name="export_retreatment_csv"),
    path("outcomes/deidentified.csv", views.export_rows_csv, name="export_rows_csv"),
    path("outcomes/report.pdf", views.export_pdf, name="export_pdf"),
]
