"""Cross-border checkout (issue #4): split declarations, tax, limits, real-name orderer."""

from decimal import Decimal

import pytest
from django.db import connection
from django.utils import translation
from oscar.core.loading import get_model

from shop.customs.models import Declaration, FilingRecord, OrdererIdentity
from shop.customs.services import id_number_hash, payer_matches_orderer
from tests.factories.catalogue import (
    PartnerFactory,
    ProductFactory,
    StockRecordFactory,
    WarehouseFactory,
)
from tests.factories.customs import FilingRecordFactory, valid_id_number

pytestmark = pytest.mark.django_db

Order = get_model("order", "Order")
Country = get_model("address", "Country")
ID_NUMBER = valid_id_number()  # 11010519491231002X
OTHER_ID = valid_id_number("21010219900307123")


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """The ID-number rate limit counts in the cache, which outlives a test (locmem)."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def shopper(django_user_model):
    Country.objects.create(
        iso_3166_1_a2="CN",
        iso_3166_1_a3="CHN",
        iso_3166_1_numeric="156",
        printable_name="中国",
        name="China",
        is_shipping_country=True,
    )
    return django_user_model.objects.create_user(
        username="shopper", email="shopper@example.com", password="pw-shopper-1"
    )


@pytest.fixture
def warehouses():
    return {
        "hunchun": WarehouseFactory(code="hunchun-bonded", name="珲春保税仓", trade_mode="1210"),
        "dalian": WarehouseFactory(code="dalian-bonded", name="大连保税仓", trade_mode="1210"),
        "incheon": WarehouseFactory(code="incheon-direct", name="Incheon", trade_mode="9610"),
    }


def product(title, price, warehouse, partner, **filing):
    p = ProductFactory(title_zh_hans=title, title_ko=f"{title} (ko)", stockrecords=None)
    StockRecordFactory(
        product=p,
        partner=partner,
        warehouse=warehouse,
        price=Decimal(price),
        filing_record=FilingRecordFactory(**filing),
    )
    return p


def add(client, p, quantity=1):
    response = client.post(f"/zh-hans/basket/add/{p.pk}/", {"quantity": quantity})
    assert response.status_code == 302


def fill_address(client, language="zh-hans"):
    response = client.post(
        f"/{language}/checkout/shipping-address/",
        {
            "first_name": "王芳",
            "state": "吉林省",
            "line4": "长春市",
            "line3": "南关区",
            "line1": "人民大街 1210 号",
            "postcode": "130000",
            "country": "CN",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert response["Location"].endswith("/checkout/customs-identity/")


def fill_identity(client, id_number=ID_NUMBER, language="zh-hans", **extra):
    data = {
        "identity": "new",
        "name": "王 芳",
        "id_number": id_number,
        "phone": "13812345678",
        "consignee_phone": "+86 139-0000-1234",
        **extra,
    }
    response = client.post(f"/{language}/checkout/customs-identity/", data)
    if response.status_code == 302:
        # the single shipping method and the payment method steps pass straight to the preview
        followed = client.get(response["Location"], follow=True)
        assert followed.redirect_chain[-1][0].endswith("/checkout/preview/"), (
            followed.redirect_chain
        )
    return response


@pytest.fixture
def mixed_basket(client, shopper, warehouses):
    hanbit, taiga = PartnerFactory(name="Hanbit"), PartnerFactory(name="Taiga")
    items = {
        "mask": product("补水面膜", "129.00", warehouses["hunchun"], hanbit),
        "cream": product("雪花秀面霜", "310.00", warehouses["incheon"], hanbit),
        "vodka": product(
            "白鲸伏特加",
            "468.00",
            warehouses["dalian"],
            taiga,
            consumption_rate=Decimal("0.20"),
            hs_code="2208600000",
        ),
        "honey": product(
            "阿尔泰蜂蜜", "88.00", warehouses["dalian"], taiga, vat_rate=Decimal("0.09")
        ),
    }
    client.force_login(shopper)
    for item in items.values():
        add(client, item)
    return items


def test_mixed_basket_splits_into_three_declarations_before_paying(client, mixed_basket):
    fill_address(client)
    response = fill_identity(client)
    assert response.status_code == 302
    response = client.get("/zh-hans/checkout/preview/")
    assert response.status_code == 200
    quote = response.context["customs_quote"]
    assert quote.allowed
    assert len(quote.parts) == 3
    by_warehouse = {part.warehouse.code: part for part in quote.parts}
    assert set(by_warehouse) == {"hunchun-bonded", "incheon-direct", "dalian-bonded"}
    dalian = by_warehouse["dalian-bonded"]
    assert {line.basket_line.product.pk for line in dalian.lines} == {
        mixed_basket["vodka"].pk,
        mixed_basket["honey"].pk,
    }
    # freight by trade mode: bonded 8.00 unless ≥ 199, direct mail 30.00
    assert by_warehouse["hunchun-bonded"].freight == Decimal("8.00")
    assert dalian.freight == Decimal("0.00")
    assert by_warehouse["incheon-direct"].freight == Decimal("30.00")
    # 310 + 30 freight at 13 % VAT × 70 % = 30.94
    assert by_warehouse["incheon-direct"].quote.total_tax == Decimal("30.94")
    assert quote.total == quote.goods_value + quote.freight + quote.tax_total
    html = response.content.decode()
    assert html.count('class="card mb-3 declaration-part"') == 3


def test_placing_the_order_stores_declarations_with_numbers_and_taxes(client, mixed_basket):
    fill_address(client)
    fill_identity(client)
    preview = client.get("/zh-hans/checkout/preview/").context["customs_quote"]
    response = client.post(
        "/zh-hans/checkout/preview/", {"action": "place_order", "accept_notice": "1"}
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    order = Order.objects.get()
    assert order.status == "Pending payment"
    declarations = list(order.declarations.order_by("sequence"))
    assert len(declarations) == 3
    assert len({d.number for d in declarations}) == 3
    assert all(d.number.startswith(f"NECB{order.number}-") for d in declarations)
    assert sum(d.tax_total for d in declarations) == preview.tax_total
    assert order.total_incl_tax == preview.total
    assert order.surcharges.get().incl_tax == preview.tax_total
    assert order.total_incl_tax == sum(d.actual_paid for d in declarations)
    for d in declarations:
        assert d.actual_paid == d.goods_value + d.freight + d.tax_total
        assert d.lines.count() >= 1
        assert d.status == Declaration.Status.AWAITING_PAYMENT
        assert d.orderer_id_number == ID_NUMBER
        assert d.consignee_phone == "13900001234"
        assert d.consignee_address == "吉林省长春市南关区人民大街 1210 号"
    thank_you = client.get("/zh-hans/checkout/thank-you/").content.decode()
    assert all(d.number in thank_you for d in declarations)


def test_order_needs_the_consumer_notice(client, mixed_basket):
    fill_address(client)
    fill_identity(client)
    response = client.post("/ko/checkout/preview/", {"action": "place_order"})
    assert response.status_code == 200
    assert response.context["notice_error"]
    assert not Order.objects.exists()


def test_invalid_id_number_is_refused_and_nothing_is_saved(client, mixed_basket):
    fill_address(client)
    bad = ID_NUMBER[:-1] + ("1" if ID_NUMBER[-1] != "1" else "2")
    with translation.override("ko"):
        response = fill_identity(client, id_number=bad, language="ko")
    assert response.status_code == 200
    assert response.context["form"].errors["id_number"]
    assert not OrdererIdentity.objects.exists()
    # the form keeps what was typed
    assert response.context["form"]["name"].value() == "王 芳"


def test_database_holds_no_id_number_or_phone_in_clear(client, mixed_basket):
    fill_address(client)
    fill_identity(client)
    client.post("/zh-hans/checkout/preview/", {"action": "place_order", "accept_notice": "1"})
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT orderer_id_number, orderer_phone, consignee_phone, orderer_name FROM shop_customs_declaration"
        )
        rows = cursor.fetchall()
        cursor.execute("SELECT id_number, phone FROM shop_customs_ordereridentity")
        rows += cursor.fetchall()
        cursor.execute("SELECT session_data FROM django_session")
        sessions = " ".join(row[0] for row in cursor.fetchall())
    assert rows
    for row in rows:
        for value in row:
            assert ID_NUMBER not in value
            assert "13812345678" not in value
            assert "13900001234" not in value
    assert ID_NUMBER not in sessions
    assert "13900001234" not in sessions


def test_bonded_goods_without_approved_filing_cannot_be_bought(client, shopper, warehouses):
    draft = product(
        "待审面膜",
        "99.00",
        warehouses["hunchun"],
        PartnerFactory(),
        status=FilingRecord.Status.DRAFT,
    )
    unlisted = product(
        "非清单商品", "99.00", warehouses["incheon"], PartnerFactory(), on_positive_list=False
    )
    with translation.override("ko"):
        html = client.get(draft.get_absolute_url()).content.decode()
    assert "awaiting-filing availability" in html  # the product page says why
    assert 'id="add_to_basket_form"' not in html
    client.force_login(shopper)
    for item in (draft, unlisted):
        client.post(f"/zh-hans/basket/add/{item.pk}/", {"quantity": 1})
    assert client.get("/zh-hans/basket/").context["basket"].num_items == 0


def test_over_limit_basket_is_blocked_with_a_split_suggestion(client, shopper, warehouses):
    partner = PartnerFactory()
    camera_a = product("相机 A", "3000.00", warehouses["hunchun"], partner)
    camera_b = product("相机 B", "2500.00", warehouses["hunchun"], partner)
    client.force_login(shopper)
    add(client, camera_a)
    add(client, camera_b)
    fill_address(client)
    fill_identity(client)
    with translation.override("ru"):
        response = client.get("/ru/checkout/preview/")
    quote = response.context["customs_quote"]
    assert not quote.allowed
    assert quote.suggestions
    html = response.content.decode()
    assert 'id="customs_problems"' in html
    assert 'id="place_order_form"' not in html
    response = client.post("/ru/checkout/preview/", {"action": "place_order", "accept_notice": "1"})
    assert not Order.objects.exists()


def test_annual_quota_counts_paid_declarations_of_the_same_id(
    client, shopper, warehouses, mixed_basket
):
    # a paid declaration earlier this year with the same ID uses 25 800 CNY
    fill_address(client)
    fill_identity(client)
    client.post("/zh-hans/checkout/preview/", {"action": "place_order", "accept_notice": "1"})
    first = Declaration.objects.first()
    Declaration.objects.filter(pk=first.pk).update(
        status=Declaration.Status.PAID, dutiable_value=Decimal("25800.00")
    )
    add(client, mixed_basket["cream"])
    fill_address(client)
    fill_identity(client)
    quote = client.get("/zh-hans/checkout/preview/").context["customs_quote"]
    assert quote.annual_used == Decimal("25800.00")
    assert not quote.allowed
    page = client.get("/zh-hans/customs/annual-quota/")
    assert "25,800.00" in page.content.decode()


def test_payer_must_be_the_orderer(client, mixed_basket):
    fill_address(client)
    fill_identity(client)
    client.post("/zh-hans/checkout/preview/", {"action": "place_order", "accept_notice": "1"})
    declaration = Declaration.objects.first()
    assert payer_matches_orderer(
        declaration=declaration, payer_name="王芳", payer_id_number=ID_NUMBER.lower()
    )
    assert not payer_matches_orderer(
        declaration=declaration, payer_name="王芳", payer_id_number=OTHER_ID
    )
    assert not payer_matches_orderer(
        declaration=declaration, payer_name="李四", payer_id_number=ID_NUMBER
    )
    assert declaration.orderer_id_hash == id_number_hash(ID_NUMBER)


def test_a_failure_while_storing_declarations_leaves_no_order(client, mixed_basket, monkeypatch):
    from django.core.exceptions import ValidationError

    from shop.customs import services

    fill_address(client)
    fill_identity(client)

    def refuse(**kwargs):
        raise ValidationError("quota changed")

    monkeypatch.setattr(services, "declarations_create", refuse)
    response = client.post(
        "/zh-hans/checkout/preview/", {"action": "place_order", "accept_notice": "1"}
    )
    assert response.status_code == 200
    assert not Order.objects.exists()
    assert not Declaration.objects.exists()
    # the basket is usable again (Oscar restores the frozen basket)
    assert client.get("/zh-hans/basket/").context["basket"].num_items == 4


def test_staff_see_declarations_masked_in_admin(client, mixed_basket, admin_user):
    fill_address(client)
    fill_identity(client)
    client.post("/zh-hans/checkout/preview/", {"action": "place_order", "accept_notice": "1"})
    client.force_login(admin_user)
    html = client.get("/django-admin/shop_customs/declaration/").content.decode()
    assert "1101**********002X" in html
    assert ID_NUMBER not in html


def test_filing_record_validation_gives_clear_errors():
    from django.core.exceptions import ValidationError

    filing = FilingRecordFactory.build(
        hs_code="33049900",
        origin_country="999",
        unit="777",
        vat_rate=Decimal("1.30"),
        consumption_rate=Decimal("1"),
        unit2="035",
        qty2_per_unit=None,
    )
    with pytest.raises(ValidationError) as caught:
        filing.full_clean()
    errors = caught.value.error_dict
    assert set(errors) >= {
        "hs_code",
        "origin_country",
        "unit",
        "vat_rate",
        "consumption_rate",
        "qty2_per_unit",
    }
    assert errors["hs_code"][0].code == "invalid_hs_code"


def test_shopper_sees_declarations_and_their_status_on_the_order(client, mixed_basket):
    fill_address(client)
    fill_identity(client)
    client.post("/zh-hans/checkout/preview/", {"action": "place_order", "accept_notice": "1"})
    order = Order.objects.get()
    html = client.get(f"/en/accounts/orders/{order.number}/").content.decode()
    assert html.count('class="card mb-3 declaration"') == 3
    assert "Waiting for your payment." in html
    for declaration in order.declarations.all():
        assert declaration.number in html


def test_the_last_unit_bought_by_someone_else_meanwhile_keeps_the_basket(
    client, shopper, warehouses, monkeypatch
):
    from shop.apps.checkout.views import PaymentDetailsView

    StockRecord = get_model("partner", "StockRecord")
    mask = product("补水面膜", "129.00", warehouses["hunchun"], PartnerFactory())
    StockRecord.objects.filter(product=mask).update(num_in_stock=2, num_allocated=0)
    client.force_login(shopper)
    add(client, mask, quantity=2)
    fill_address(client)
    fill_identity(client)
    original = PaymentDetailsView.check_basket_is_valid

    def another_shopper_buys_one_right_after_the_check(self, request):
        original(self, request)
        StockRecord.objects.filter(product=mask).update(num_allocated=1)

    monkeypatch.setattr(
        PaymentDetailsView, "check_basket_is_valid", another_shopper_buys_one_right_after_the_check
    )
    with translation.override("en"):
        response = client.post(
            "/en/checkout/preview/", {"action": "place_order", "accept_notice": "1"}
        )
    assert response.status_code == 200
    assert f"Only 1 of “{mask.get_title()}” is left" in response.context["error"]
    assert not Order.objects.exists()
    assert not Declaration.objects.exists()
    assert StockRecord.objects.get(product=mask).num_allocated == 1
    assert client.get("/zh-hans/basket/").context["basket"].num_items == 2


def test_checkout_refuses_bonded_goods_whose_filing_is_no_longer_approved(
    client, shopper, warehouses
):
    mask = product("补水面膜", "129.00", warehouses["hunchun"], PartnerFactory())
    client.force_login(shopper)
    add(client, mask)
    FilingRecord.objects.filter(stockrecords__product=mask).update(status=FilingRecord.Status.DRAFT)
    from shop.customs.checkout import checkout_quote

    basket = client.get("/zh-hans/basket/").context["basket"]
    with translation.override("en"):
        quote = checkout_quote(basket=basket)
    assert not quote.allowed
    assert quote.problems == (
        f"“{mask.get_title()}” cannot be sold from a bonded warehouse until its customs filing "
        "is approved.",
    )


def test_earlier_declarations_of_the_same_basket_count_towards_the_annual_limit(
    shopper, warehouses
):
    from shop.customs.checkout import checkout_quote
    from shop.demo.orders import basket_create

    partner = PartnerFactory()
    hunchun = product("相机 A", "600.00", warehouses["hunchun"], partner)
    dalian = product("相机 B", "600.00", warehouses["dalian"], partner)
    basket = basket_create(user=shopper, items=[(hunchun, 1), (dalian, 1)])
    # 25 000 used: each declaration (600.00, free freight) fits alone, both together do not
    quote = checkout_quote(basket=basket, annual_used=Decimal("25000.00"))
    assert len(quote.parts) == 2
    assert quote.parts[0].quote.allowed
    assert not quote.parts[1].quote.allowed
    assert quote.parts[1].quote.annual_used == Decimal("25600.00")
    assert not quote.allowed
    alone = checkout_quote(
        basket=basket_create(user=shopper, items=[(dalian, 1)]),
        annual_used=Decimal("25000.00"),
    )
    assert alone.allowed


@pytest.mark.parametrize(
    ("price", "freight"), [("199.00", Decimal("0.00")), ("198.99", Decimal("8.00"))]
)
def test_bonded_freight_is_free_from_exactly_199_of_goods(shopper, warehouses, price, freight):
    from shop.customs.checkout import checkout_quote
    from shop.demo.orders import basket_create

    item = product("面霜", price, warehouses["hunchun"], PartnerFactory())
    quote = checkout_quote(basket=basket_create(user=shopper, items=[(item, 1)]))
    assert quote.parts[0].freight == freight
    assert quote.total == Decimal(price) + freight + quote.tax_total
