from django.urls import path

from . import dashboard

app_name = "kiosk-dashboard"
urlpatterns = [
    path("", dashboard.DeviceListView.as_view(), name="device-list"),
    path("add/", dashboard.DeviceCreateView.as_view(), name="device-create"),
    path(
        "<int:pk>/pairing-code/",
        dashboard.DevicePairingCodeView.as_view(),
        name="device-pairing-code",
    ),
    path("<int:pk>/revoke/", dashboard.DeviceRevokeView.as_view(), name="device-revoke"),
    path("staff/", dashboard.StaffMemberListView.as_view(), name="staff-list"),
    path("staff/add/", dashboard.StaffMemberCreateView.as_view(), name="staff-create"),
    path("staff/<int:pk>/edit/", dashboard.StaffMemberUpdateView.as_view(), name="staff-edit"),
]
