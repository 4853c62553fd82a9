from django.urls import path

from . import dashboard

app_name = "attribution-dashboard"
urlpatterns = [
    path("shelf-labels/", dashboard.ShelfLabelFormView.as_view(), name="shelf-labels"),
    path("shelf-labels/print/", dashboard.ShelfLabelPrintView.as_view(), name="shelf-labels-print"),
    path("shelf-labels/labels.pdf", dashboard.ShelfLabelPdfView.as_view(), name="shelf-labels-pdf"),
]
