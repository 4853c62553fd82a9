from django.urls import path

from . import dashboard

app_name = "traceability-dashboard"
urlpatterns = [
    path("batches/", dashboard.BatchListView.as_view(), name="batch-list"),
    path("batches/new/", dashboard.BatchFormView.as_view(), name="batch-create"),
    path("batches/<int:pk>/edit/", dashboard.BatchFormView.as_view(), name="batch-update"),
    path(
        "batches/<int:pk>/documents/<slug:document>/",
        dashboard.BatchDocumentView.as_view(),
        name="batch-document",
    ),
    path("brands/", dashboard.AuthorisationListView.as_view(), name="authorisation-list"),
    path("brands/new/", dashboard.AuthorisationFormView.as_view(), name="authorisation-create"),
    path(
        "brands/<int:pk>/edit/",
        dashboard.AuthorisationFormView.as_view(),
        name="authorisation-update",
    ),
    path(
        "brands/<int:pk>/document/",
        dashboard.AuthorisationDocumentView.as_view(),
        name="authorisation-document",
    ),
]
