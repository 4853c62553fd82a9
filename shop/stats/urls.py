"""Machine endpoints for monitoring (issue #17), outside the language prefixes and the dashboard
(no login redirect): staff session or bearer token."""

from django.urls import path

from . import views

app_name = "stats-ops"
urlpatterns = [
    path("health.json", views.HealthJsonView.as_view(), name="health-json"),
    path("metrics", views.MetricsView.as_view(), name="metrics"),
]
