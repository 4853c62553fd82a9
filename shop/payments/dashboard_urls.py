from django.urls import path

from . import dashboard

app_name = "payments-dashboard"
urlpatterns = [
    # before the order page: "refunds" is not an order number
    path("refunds/", dashboard.RefundJobListView.as_view(), name="refund-list"),
    path("refunds/<int:pk>/retry/", dashboard.RefundJobRetryView.as_view(), name="refund-retry"),
    path("<str:number>/", dashboard.OrderPaymentsView.as_view(), name="order"),
]
