"""Accounts: staff and merchants (the shopper is ``tests.factories.orders.shopper``). Each is
made with a known password, so browser tests can log in through the login form."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission

SHOPPER_PASSWORD = "pw-buyer-1"
STAFF_PASSWORD = "pw-staff-1"
MERCHANT_PASSWORD = "pw-merchant-1"


def staff_user(email="staff@shop.example.com", *, password=STAFF_PASSWORD):
    """A member of staff with every permission (dashboard, customs, payments, CMS)."""
    return get_user_model().objects.create_user(
        username=email, email=email, password=password, is_staff=True, is_superuser=True
    )


def merchant_user(partner, email=None, *, password=MERCHANT_PASSWORD):
    """A merchant's account: a user of ``partner`` with Oscar's partner dashboard access."""
    email = email or f"{partner.code}@merchant.example.com"
    user = get_user_model().objects.create_user(username=email, email=email, password=password)
    user.user_permissions.add(
        Permission.objects.get(codename="dashboard_access", content_type__app_label="partner")
    )
    partner.users.add(user)
    return user
