from django.urls import path

from . import views

app_name = "customs"
urlpatterns = [
    path("annual-quota/", views.AnnualQuotaView.as_view(), name="annual-quota"),
]
