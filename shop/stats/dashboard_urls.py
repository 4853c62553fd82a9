from django.urls import path

from . import views

app_name = "stats-dashboard"
urlpatterns = [
    path("", views.StatisticsView.as_view(), name="statistics"),
    path("export/", views.StatisticsExportView.as_view(), name="export"),
    path("health/", views.HealthView.as_view(), name="health"),
]
