from django.conf import settings
from django.urls import path
from django.views.generic import TemplateView

from . import views

app_name = "customs"
urlpatterns = [
    path("annual-quota/", views.AnnualQuotaView.as_view(), name="annual-quota"),
    path(
        "declarations/<str:number>/cancel/",
        views.DeclarationCancelView.as_view(),
        name="declaration-cancel",
    ),
    path(
        "declarations/<str:number>/return/",
        views.ReturnCreateView.as_view(),
        name="return-create",
    ),
    # the notice shoppers accept at checkout, readable before (product pages link it, issue #11)
    path(
        "consumer-notice/",
        TemplateView.as_view(
            template_name="shop/customs/consumer_notice.html",
            extra_context={"notice_version": settings.SHOP_CONSUMER_NOTICE_VERSION},
        ),
        name="consumer-notice",
    ),
]
