from django.urls import path

from . import views

app_name = "kiosk"
urlpatterns = [
    path("", views.AttractView.as_view(), name="attract"),
    path("pair/", views.PairView.as_view(), name="pair"),
    path("reset/", views.ResetView.as_view(), name="reset"),
    path("scan/", views.ScanView.as_view(), name="scan"),
    path("staff/", views.StaffCodeView.as_view(), name="staff"),
    path("offline/", views.OfflineView.as_view(), name="offline"),
]
