from django.urls import path

from . import views

app_name = "traceability"
urlpatterns = [
    path("", views.LookupFormView.as_view(), name="lookup"),
    path("<str:code>/", views.BatchLookupView.as_view(), name="batch"),
]
