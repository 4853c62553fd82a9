"""Language-prefixed: the kiosk's hand-off pages, the phone's hand-off link ``h/…`` and the
shelf-label link ``s/<store>/<product>/`` (short, for small QR codes)."""

from django.urls import path

from . import views

app_name = "attribution"

urlpatterns = [
    path("handoff/", views.handoff_create, name="handoff-create"),
    path("handoff/<str:public_id>/", views.handoff_show, name="handoff-show"),
    path("handoff/<str:public_id>/status/", views.handoff_status, name="handoff-status"),
    path("handoff/<str:public_id>/done/", views.handoff_done, name="handoff-done"),
    path("h/<str:link_token>/", views.HandoffOpenView.as_view(), name="handoff-open"),
    path("s/<slug:store_code>/<int:product_pk>/", views.shelf_link, name="shelf-link"),
]
