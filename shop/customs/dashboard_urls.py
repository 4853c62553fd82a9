from django.urls import path

from . import dashboard, dashboard_taxbills

app_name = "customs-dashboard"
urlpatterns = [
    path("", dashboard.DeclarationListView.as_view(), name="declaration-list"),
    path("<int:pk>/", dashboard.DeclarationDetailView.as_view(), name="declaration-detail"),
    path(
        "<int:pk>/release/", dashboard.DeclarationReleaseView.as_view(), name="declaration-release"
    ),
    path("<int:pk>/cancel/", dashboard.DeclarationCancelView.as_view(), name="declaration-cancel"),
    path("messages/<int:pk>/", dashboard.MessageDetailView.as_view(), name="message-detail"),
    path("messages/<int:pk>/retry/", dashboard.MessageRetryView.as_view(), name="message-retry"),
    path("receipts/", dashboard.ReceiptListView.as_view(), name="receipt-list"),
    path("tax-bills/", dashboard_taxbills.TaxBillListView.as_view(), name="tax-bill-list"),
    path(
        "tax-bills/<int:pk>/resolve/",
        dashboard_taxbills.TaxBillResolveView.as_view(),
        name="tax-bill-resolve",
    ),
]
