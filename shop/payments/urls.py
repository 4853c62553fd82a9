from django.urls import path

from . import views

app_name = "payments"
urlpatterns = [
    path("<str:number>/", views.PaymentView.as_view(), name="pay"),
    path("<str:number>/sandbox/", views.SandboxCompleteView.as_view(), name="sandbox"),
    path("<str:number>/return/", views.PaymentReturnView.as_view(), name="return"),
]
