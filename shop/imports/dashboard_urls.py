from django.urls import path

from . import dashboard

app_name = "imports-dashboard"
urlpatterns = [
    path("", dashboard.ImportListView.as_view(), name="job-list"),
    path("template.<str:fmt>", dashboard.TemplateDownloadView.as_view(), name="template"),
    path("export.<str:fmt>", dashboard.ExportView.as_view(), name="export"),
    path("<int:pk>/", dashboard.JobDetailView.as_view(), name="job-detail"),
    path("<int:pk>/progress/", dashboard.JobProgressView.as_view(), name="job-progress"),
    path("<int:pk>/file/", dashboard.JobFileView.as_view(), name="job-file"),
    path("<int:pk>/errors.csv", dashboard.JobErrorsView.as_view(), name="job-errors"),
    path("<int:pk>/import/", dashboard.JobRepeatView.as_view(), name="job-repeat"),
]
