from django.urls import path

from . import dashboard

app_name = "rates-dashboard"
urlpatterns = [
    path("", dashboard.ReferenceRateListView.as_view(), name="rate-list"),
    path("add/", dashboard.ReferenceRateCreateView.as_view(), name="rate-add"),
    path("<int:pk>/edit/", dashboard.ReferenceRateUpdateView.as_view(), name="rate-edit"),
    path("<int:pk>/delete/", dashboard.ReferenceRateDeleteView.as_view(), name="rate-delete"),
    path("import/", dashboard.ReferenceRateImportView.as_view(), name="rate-import"),
    path("sample.csv", dashboard.ReferenceRateSampleCsvView.as_view(), name="rate-sample"),
]
