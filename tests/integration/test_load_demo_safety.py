"""load_demo is a development tool (issue #10): it refuses to run with SHOP_DEBUG off unless
forced, and never changes an existing account."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from oscar.core.loading import get_model

pytestmark = pytest.mark.django_db

Product = get_model("catalogue", "Product")


def test_refuses_with_debug_off_unless_forced(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match=r"SHOP_DEBUG off.*--force"):
        call_command("load_demo", "--no-images", stdout=StringIO())
    assert not Product.objects.exists()
    assert not get_user_model().objects.exists()


def test_forced_run_never_resets_an_existing_account(settings):
    settings.DEBUG = False
    User = get_user_model()
    # someone took over the demo shopper address, chose a password and was deactivated
    existing = User.objects.create_user(
        username="li", email="Shopper@Example.com", password="Own-secret-2026", is_active=False
    )
    out = StringIO()
    call_command("load_demo", "--no-images", "--no-orders", "--force", stdout=out)
    existing.refresh_from_db()
    assert existing.check_password("Own-secret-2026")
    assert not existing.is_active
    assert not existing.is_staff
    assert User.objects.filter(email__iexact="shopper@example.com").count() == 1
    lines = out.getvalue().splitlines()
    shopper_line = next(line for line in lines if "shopper@example.com" in line)
    assert "(existing, password unchanged)" in shopper_line
    # the accounts it did create got random passwords, printed once
    staff = User.objects.get(email="staff@shop.example.com")
    staff_line = next(line for line in lines if "staff@shop.example.com" in line)
    printed = staff_line.split()[-1]
    assert printed != "demo-staff-2026"
    assert staff.check_password(printed)
    assert Product.objects.exists()
