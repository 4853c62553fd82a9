from django.contrib.auth.decorators import login_required
from django.urls import path
from oscar.apps.checkout import apps
from oscar.core.loading import get_class


class CheckoutConfig(apps.CheckoutConfig):
    name = "shop.apps.checkout"

    def ready(self):
        super().ready()
        self.customs_identity_view = get_class("checkout.views", "CustomsIdentityView")

    def get_urls(self):
        # The real-name step (issue #4) sits between the shipping address and the shipping method.
        urls = [
            path(
                "customs-identity/",
                login_required(self.customs_identity_view.as_view()),
                name="customs-identity",
            )
        ]
        return urls + super().get_urls()
