from django.urls import path

from . import dashboard

app_name = "payments-dashboard"
urlpatterns = [
    path("<str:number>/", dashboard.OrderPaymentsView.as_view(), name="order"),
]
