"""Personal data (issue #10): the annual-quota page, identity limits, phones on Oscar's
addresses, masked pages and CSV, logs, error reports."""

import json
import logging
import re
import subprocess
import sys
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.utils import translation
from django.utils.translation import gettext
from django.views.debug import SafeExceptionReporterFilter
from oscar.core.loading import get_model

from shop.core.masking import PersonalDataFilter
from shop.customs.models import Declaration, OrdererIdentity
from tests.factories.customs import valid_id_number
from tests.integration import test_checkout_customs as checkout_tests
from tests.integration.test_checkout_customs import (
    ID_NUMBER,
    add,
    fill_address,
    fill_identity,
)

pytestmark = pytest.mark.django_db

# the checkout tests' fixtures
mixed_basket = checkout_tests.mixed_basket
shopper = checkout_tests.shopper
warehouses = checkout_tests.warehouses

Order = get_model("order", "Order")
ShippingAddress = get_model("order", "ShippingAddress")
UserAddress = get_model("address", "UserAddress")
Country = get_model("address", "Country")
CONSIGNEE_PHONE = "13900001234"  # fill_identity posts "+86 139-0000-1234"
IDENTITY_URL = "/zh-hans/checkout/customs-identity/"


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def place_order(client):
    fill_address(client)
    fill_identity(client)
    client.post("/zh-hans/checkout/preview/", {"action": "place_order", "accept_notice": "1"})
    return Order.objects.latest("pk")


def too_many_id_numbers():
    with translation.override("zh-hans"):  # the checkout pages are under /zh-hans/
        return gettext(
            "Too many new ID numbers were entered. Please try again later "
            "or choose one of your saved identities."
        )


def new_identity(client, first17, ip="127.0.0.1"):
    return client.post(
        IDENTITY_URL,
        {
            "identity": "new",
            "name": "李 明",
            "id_number": valid_id_number(first17),
            "phone": "13812345678",
            "consignee_phone": "13900001234",
        },
        REMOTE_ADDR=ip,
    )


# --- 1. the annual-quota page shows only the account's own declarations --------------------


def test_quota_page_shows_none_of_another_accounts_declarations(
    client, mixed_basket, django_user_model
):
    order = place_order(client)  # account A
    declaration = order.declarations.first()
    Declaration.objects.filter(pk=declaration.pk).update(
        status=Declaration.Status.PAID, dutiable_value=Decimal("4321.09")
    )
    page_a = client.get("/en/customs/annual-quota/").content.decode()
    assert declaration.number in page_a
    assert "4,321.09" in page_a

    other = django_user_model.objects.create_user(username="b", email="b@example.com")
    client.force_login(other)
    # B enters the same ID number at checkout, then opens the page
    add(client, mixed_basket["mask"])
    fill_address(client)
    fill_identity(client)
    assert OrdererIdentity.objects.get(user=other).id_number_hash == (
        OrdererIdentity.objects.exclude(user=other).get().id_number_hash
    )
    page_b = client.get("/en/customs/annual-quota/").content.decode()
    assert 'id="annual_quota"' in page_b  # B's identity is listed …
    assert declaration.number not in page_b  # … but none of A's declarations
    assert order.number not in page_b
    assert "4,321.09" not in page_b
    assert "21,678.91" not in page_b  # A's remaining quota
    assert re.search(r'quota-used">[^<]*0\.00<', page_b)


def test_checkout_never_shows_what_another_account_used_of_the_id_number(
    client, mixed_basket, django_user_model
):
    """The global total by ID number decides allow/refuse only: B, entering A's ID number, learns
    neither A's use nor what is left of it — not on the preview, not in the refusal."""
    order = place_order(client)  # account A
    Declaration.objects.filter(pk=order.declarations.first().pk).update(
        status=Declaration.Status.PAID, dutiable_value=Decimal("25990.00")
    )
    other = django_user_model.objects.create_user(username="b", email="b@example.com")
    client.force_login(other)
    add(client, mixed_basket["mask"])
    fill_address(client)
    fill_identity(client)
    preview = client.get("/en/checkout/preview/").content.decode()
    assert "25,990.00" not in preview
    refused = client.post(
        "/en/checkout/preview/", {"action": "place_order", "accept_notice": "1"}, follow=True
    ).content.decode()
    assert "annual limit" in refused  # refused by the global total …
    assert "25,990.00" not in refused  # … without telling how much was used
    assert "left" not in refused  # … or how much is left
    assert Order.objects.count() == 1


# --- 2. identities: at most N per account, new ID numbers rate-limited ----------------------


def test_an_account_holds_at_most_the_configured_number_of_identities(
    client, mixed_basket, settings, shopper
):
    settings.SHOP_MAX_IDENTITIES_PER_ACCOUNT = 2
    settings.SHOP_IDENTITY_RATE_LIMIT = 100
    fill_address(client)
    assert new_identity(client, "11010519491231001").status_code == 302
    assert new_identity(client, "11010519491231003").status_code == 302
    response = new_identity(client, "11010519491231004")
    assert response.status_code == 200
    with translation.override("zh-hans"):  # the checkout pages are under /zh-hans/
        expected = gettext(
            "An account can hold at most %(limit)d real-name identities. "
            "Choose one of your saved identities."
        ) % {"limit": 2}
    assert response.context["form"].errors["id_number"] == [expected]
    assert OrdererIdentity.objects.filter(user=shopper).count() == 2
    # a saved identity can still be refreshed by typing its number again
    assert new_identity(client, "11010519491231001").status_code == 302


def test_new_id_numbers_are_rate_limited_per_account(client, mixed_basket, settings, shopper):
    settings.SHOP_MAX_IDENTITIES_PER_ACCOUNT = 100
    settings.SHOP_IDENTITY_RATE_LIMIT = 2
    fill_address(client)
    assert new_identity(client, "11010519491231001", ip="10.0.0.1").status_code == 302
    assert new_identity(client, "11010519491231003", ip="10.0.0.2").status_code == 302
    response = new_identity(client, "11010519491231004", ip="10.0.0.3")
    assert response.status_code == 200
    assert response.context["form"].errors["id_number"] == [too_many_id_numbers()]
    assert OrdererIdentity.objects.filter(user=shopper).count() == 2
    assert not OrdererIdentity.objects.filter(id_number_hash=_hash("11010519491231004")).exists()


def test_new_id_numbers_are_rate_limited_per_client_ip(
    client, mixed_basket, settings, django_user_model
):
    settings.SHOP_MAX_IDENTITIES_PER_ACCOUNT = 100
    settings.SHOP_IDENTITY_RATE_LIMIT = 2
    fill_address(client)
    assert new_identity(client, "11010519491231001").status_code == 302
    assert new_identity(client, "11010519491231003").status_code == 302
    # another account from the same address: its own first try, but the address used its quota
    other = django_user_model.objects.create_user(username="b", email="b@example.com")
    basket = client.get("/zh-hans/basket/").context["basket"]
    basket.owner = other
    basket.save()
    client.force_login(other)
    fill_address(client)
    response = new_identity(client, "11010519491231004")
    assert response.status_code == 200
    assert response.context["form"].errors["id_number"] == [too_many_id_numbers()]
    assert not OrdererIdentity.objects.filter(user=other).exists()
    # from another address it goes through
    response = new_identity(client, "11010519491231004", ip="10.9.9.9")
    assert response.status_code == 302, response.context["form"].errors


def _hash(first17):
    from shop.customs.services import id_number_hash

    return id_number_hash(valid_id_number(first17))


# --- 5. Django's error reports never show the personal POST data ---------------------------


@pytest.mark.parametrize(
    "url", ["/zh-hans/checkout/shipping-address/", IDENTITY_URL, "/zh-hans/checkout/preview/"]
)
def test_checkout_posts_are_hidden_from_error_reports(client, mixed_basket, url):
    fill_address(client)
    response = client.post(
        url, {"id_number": ID_NUMBER, "phone": "13812345678", "first_name": "王芳"}
    )
    request = response.wsgi_request
    assert request.sensitive_post_parameters == "__ALL__"
    cleansed = SafeExceptionReporterFilter().get_post_parameters(request)
    assert ID_NUMBER not in str(dict(cleansed))
    assert "13812345678" not in str(dict(cleansed))


# --- 3. phones: none in clear on Oscar's addresses, masked wherever shown -------------------


def _raw_phones():
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT phone_number FROM {ShippingAddress._meta.db_table}")
        rows = [row[0] for row in cursor.fetchall()]
        cursor.execute(f"SELECT phone_number FROM {UserAddress._meta.db_table}")
        rows += [row[0] for row in cursor.fetchall()]
    return rows


def test_checkout_leaves_no_phone_in_clear_on_oscars_addresses(client, mixed_basket):
    response = client.get("/zh-hans/checkout/shipping-address/")
    assert 'name="phone_number"' not in response.content.decode()
    order = place_order(client)
    assert order.declarations.first().consignee_phone == CONSIGNEE_PHONE
    assert ShippingAddress.objects.count() == 1
    assert UserAddress.objects.count() == 1  # Oscar copies the address into the address book
    assert all(not phone for phone in _raw_phones())


def test_address_book_and_dashboard_never_store_a_posted_phone(client, shopper, admin_user):
    client.force_login(shopper)
    address = {
        "first_name": "王芳",
        "line1": "人民大街 1 号",
        "line4": "长春市",
        "state": "吉林省",
        "postcode": "130000",
        "country": "CN",
        "phone_number": "+8613900001234",
    }
    form_page = client.get("/zh-hans/accounts/addresses/add/").content.decode()
    assert 'name="phone_number"' not in form_page
    response = client.post("/zh-hans/accounts/addresses/add/", address)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert UserAddress.objects.get(user=shopper).phone_number == ""
    # the dashboard's shipping-address edit has no phone field either
    shipping = ShippingAddress.objects.create(
        first_name="王芳", line1="x", line4="长春市", state="吉林省", postcode="130000",
        country=Country.objects.get(pk="CN"), phone_number="+8613900001234",
    )  # fmt: skip
    assert _raw_phones() == ["", ""]
    from oscar.test.factories import create_order

    order = create_order(user=shopper, shipping_address=shipping)
    client.force_login(admin_user)
    url = f"/zh-hans/dashboard/orders/{order.number}/shipping-address/"
    assert 'name="phone_number"' not in client.get(url).content.decode()


def test_migration_moves_clear_phones_into_the_encrypted_declaration(shopper):
    import importlib

    from django.apps import apps

    from tests.factories.customs import DeclarationFactory

    declaration = DeclarationFactory(consignee_phone="")
    kept = DeclarationFactory(consignee_phone="13700007777")
    country = Country.objects.get(pk="CN")
    for d in (declaration, kept):
        address = ShippingAddress.objects.create(
            first_name="王芳", line1="x", line4="长春市", state="吉林省", country=country
        )
        Order.objects.filter(pk=d.order_id).update(shipping_address=address)
    user_address = UserAddress.objects.create(
        user=shopper, first_name="王芳", line1="x", country=Country.objects.get(pk="CN")
    )
    # rows written before this issue: the phone in clear (update() skips the save guard)
    ShippingAddress.objects.update(phone_number="+8613900001234")
    UserAddress.objects.filter(pk=user_address.pk).update(phone_number="+8613900001234")
    assert "+8613900001234" in _raw_phones()
    migration = importlib.import_module("shop.customs.migrations.0005_clear_address_phones")
    migration.move_phones(apps, None)
    assert all(not phone for phone in _raw_phones())
    declaration.refresh_from_db()
    kept.refresh_from_db()
    assert declaration.consignee_phone == "13900001234"
    assert kept.consignee_phone == "13700007777"
    with connection.cursor() as cursor:
        cursor.execute("SELECT consignee_phone FROM shop_customs_declaration")
        assert all("13900001234" not in row[0] for row in cursor.fetchall())


def test_phone_is_masked_on_every_page_and_the_csv_has_no_personal_data(
    client, mixed_basket, admin_user
):
    order = place_order(client)
    masked = "139****1234"
    pages = {
        "thank-you": client.get("/zh-hans/checkout/thank-you/"),
        "order": client.get(f"/zh-hans/accounts/orders/{order.number}/"),
    }
    client.force_login(admin_user)
    pages["dashboard detail"] = client.get(f"/zh-hans/dashboard/orders/{order.number}/")
    pages["dashboard list"] = client.get("/zh-hans/dashboard/orders/")
    for name, response in pages.items():
        html = response.content.decode()
        assert response.status_code == 200, name
        assert CONSIGNEE_PHONE not in html, name
        assert "13812345678" not in html, name
        assert ID_NUMBER not in html, name
        if name != "dashboard list":
            assert masked in html, name

    csv = client.get(
        "/zh-hans/dashboard/orders/", {"response_format": "csv", "order_number": ""}
    ).content.decode()
    assert order.number in csv
    assert "王芳" not in csv  # the consignee's full name
    assert "王*" in csv
    assert CONSIGNEE_PHONE not in csv
    assert ID_NUMBER not in csv
    selected = client.post(
        "/zh-hans/dashboard/orders/",
        {"action": "download_selected_orders", "selected_order": [order.pk]},
    ).content.decode()
    assert order.number in selected
    assert "王芳" not in selected
    assert "王*" in selected


# --- 4. logs: every handler masks ----------------------------------------------------------


def _all_handlers():
    loggers = [logging.getLogger()] + [
        logger
        for logger in logging.Logger.manager.loggerDict.values()
        if isinstance(logger, logging.Logger)
    ]
    for logger in loggers:
        for handler in logger.handlers:
            # pytest's own capture handlers are not part of the configuration
            if type(handler).__module__.startswith("_pytest"):
                continue
            if isinstance(handler, logging.NullHandler):  # writes nothing
                continue
            yield logger.name, handler


def test_every_configured_log_handler_masks_personal_data():
    handlers = list(_all_handlers())
    unmasked = [
        (name, handler)
        for name, handler in handlers
        if not any(isinstance(f, PersonalDataFilter) for f in handler.filters)
    ]
    assert not unmasked


def test_production_logging_masks_ids_and_phones_on_every_handler():
    """shop.settings.LOGGING applied the way Django applies it (DEFAULT_LOGGING first), in a
    fresh interpreter: every handler of every logger carries the filter, and what Django's and
    our loggers write is masked."""
    import shop.settings as production

    for handler in production.LOGGING["handlers"].values():
        assert handler["filters"][0] == "personal_data"
    script = r"""
import json, logging, sys
from django.utils.log import configure_logging
configure_logging("logging.config.dictConfig", json.loads(sys.argv[1]))
from shop.core.masking import PersonalDataFilter
loggers = [logging.getLogger()] + [
    l for l in logging.Logger.manager.loggerDict.values() if isinstance(l, logging.Logger)
]
bare = [
    l.name for l in loggers for h in l.handlers
    if not any(isinstance(f, PersonalDataFilter) for f in h.filters)
]
print(json.dumps(bare))
logging.getLogger("shop.checkout").warning("orderer %s phone %s", "110105194912310029", "13812345678")
logging.getLogger("django.request").error("id 110105194912310029 tel +86 139-0000-1234")
logging.getLogger("django.server").warning("GET /?phone=13812345678")
"""
    result = subprocess.run(
        [sys.executable, "-c", script, json.dumps(production.LOGGING)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=settings.BASE_DIR,
        check=True,
    )
    assert json.loads(result.stdout) == []
    log = result.stderr
    assert "orderer 1101**********0029 phone 138****5678" in log
    assert "id 1101**********0029" in log
    assert "GET /?phone=138****5678" in log
    assert "tel +86 139****1234" in log
    for clear in ("13812345678", "110105194912310029", "139-0000-1234"):
        assert clear not in log
