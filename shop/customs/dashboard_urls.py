from django.urls import path

from . import dashboard, dashboard_filings, dashboard_returns, dashboard_taxbills

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
    path("returns/", dashboard_returns.ReturnListView.as_view(), name="return-list"),
    path(
        "returns/<int:pk>/receive/",
        dashboard_returns.ReturnReceiveView.as_view(),
        name="return-receive",
    ),
    path("tax-bills/", dashboard_taxbills.TaxBillListView.as_view(), name="tax-bill-list"),
    path(
        "tax-bills/<int:pk>/resolve/",
        dashboard_taxbills.TaxBillResolveView.as_view(),
        name="tax-bill-resolve",
    ),
    # product filings (issue #12)
    path("filings/", dashboard_filings.FilingListView.as_view(), name="filing-list"),
    path("filings/queue/", dashboard_filings.FilingQueueView.as_view(), name="filing-queue"),
    path("filings/new/", dashboard_filings.FilingCreateView.as_view(), name="filing-create"),
    path("filings/reuse/", dashboard_filings.FilingReuseView.as_view(), name="filing-reuse"),
    path("filings/<int:pk>/", dashboard_filings.FilingDetailView.as_view(), name="filing-detail"),
    path(
        "filings/<int:pk>/edit/", dashboard_filings.FilingUpdateView.as_view(), name="filing-update"
    ),
    path(
        "filings/<int:pk>/submit/",
        dashboard_filings.FilingSubmitView.as_view(),
        name="filing-submit",
    ),
    path(
        "filings/<int:pk>/use/", dashboard_filings.FilingAttachView.as_view(), name="filing-attach"
    ),
    path(
        "filings/<int:pk>/approve/",
        dashboard_filings.FilingApproveView.as_view(),
        name="filing-approve",
    ),
    path(
        "filings/<int:pk>/reject/",
        dashboard_filings.FilingRejectView.as_view(),
        name="filing-reject",
    ),
]
