"""Products and stock records in the dashboard, per merchant (issue #12): a merchant edits its
own products and stock records; it can neither attach a stock record to another partner nor
touch another partner's, and on goods another merchant also sells it changes only its own stock
records (shop/apps/dashboard/catalogue/)."""

from decimal import Decimal

import pytest
from oscar.core.loading import get_model

from tests.factories.catalogue import CategoryFactory, PartnerFactory, StockRecordFactory
from tests.factories.merchants import merchant_user
from tests.factories.orders import stocked_product

pytestmark = pytest.mark.django_db

Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")
ProductCategory = get_model("catalogue", "ProductCategory")


def product_url(product):
    return f"/en/dashboard/catalogue/products/{product.pk}/"


def form_data(response):
    """The POST body the product page would send unchanged: the product form and every
    formset (management form included), from the rendered page's context."""
    data = {}

    def add(form):
        for name, _field in form.fields.items():
            value = form[name].value()
            key = form.add_prefix(name)
            if value is None or value is False:
                continue
            if isinstance(value, list | tuple):
                data[key] = [str(v) for v in value]
            elif value is True:
                data[key] = "on"
            else:
                data[key] = str(value)

    context = response.context
    add(context["form"])
    for name in ("stockrecord_formset", "category_formset", "image_formset", "recommended_formset"):
        formset = context.get(name)
        if not formset:
            continue
        add(formset.management_form)
        # the rows already saved; the browser's empty extra rows change nothing
        data[formset.management_form.add_prefix("TOTAL_FORMS")] = str(formset.initial_form_count())
        for form in formset.forms[: formset.initial_form_count()]:
            add(form)
    return data


def categorised(product):
    # Oscar's product form wants a category for a stand-alone product
    ProductCategory.objects.create(product=product, category=CategoryFactory())
    return product


@pytest.fixture
def merchants():
    partner_a, partner_b = PartnerFactory(name="Merchant A"), PartnerFactory(name="Merchant B")
    return {
        "a": merchant_user(partner_a),
        "b": merchant_user(partner_b),
        "partner_a": partner_a,
        "partner_b": partner_b,
        "product_a": categorised(stocked_product(price="120.00", partner=partner_a)),
        "product_b": categorised(stocked_product(price="75.50", partner=partner_b)),
    }


def test_merchant_edits_its_own_product_and_stock_record(client, merchants):
    client.force_login(merchants["a"])
    product = merchants["product_a"]
    response = client.get(product_url(product))
    data = form_data(response)
    data["title_zh_hans"] = "新的标题"
    data["stockrecords-0-price"] = "130.00"
    response = client.post(product_url(product), data)
    assert response.status_code == 302, response.context["form"].errors
    product.refresh_from_db()
    assert product.title_zh_hans == "新的标题"
    assert product.stockrecords.get().price == Decimal("130.00")


def test_merchant_cannot_attach_a_stock_record_to_another_partner(client, merchants):
    client.force_login(merchants["a"])
    product = merchants["product_a"]
    data = form_data(client.get(product_url(product)))
    total = int(data["stockrecords-TOTAL_FORMS"])
    new = f"stockrecords-{total}"  # a new row
    data.update(
        {
            "stockrecords-TOTAL_FORMS": str(total + 1),
            f"{new}-partner": str(merchants["partner_b"].pk),
            f"{new}-partner_sku": "SNEAKY-1",
            f"{new}-price_currency": "CNY",
            f"{new}-price": "1.00",
            f"{new}-num_in_stock": "5",
        }
    )
    response = client.post(product_url(product), data)
    assert response.status_code == 200  # the form again, with the error
    assert not StockRecord.objects.filter(partner_sku="SNEAKY-1").exists()
    assert not StockRecord.objects.filter(product=product, partner=merchants["partner_b"]).exists()


def test_merchant_cannot_post_another_partners_stock_record(client, merchants):
    """A goods page both merchants sell: merchant A's form lists only A's stock record; a row
    naming B's stock record id is refused and B's price stays."""
    client.force_login(merchants["a"])
    product = merchants["product_b"]
    StockRecordFactory(product=product, partner=merchants["partner_a"], price=Decimal("80.00"))
    theirs = product.stockrecords.get(partner=merchants["partner_b"])
    response = client.get(product_url(product))
    assert response.status_code == 200
    html = response.content.decode()
    assert theirs.partner_sku not in html
    assert "75.50" not in html
    data = form_data(response)
    data["stockrecords-0-id"] = str(theirs.pk)
    data["stockrecords-0-price"] = "1.00"
    client.post(product_url(product), data)
    theirs.refresh_from_db()
    assert theirs.price == Decimal("75.50")
    assert theirs.partner == merchants["partner_b"]


def test_on_shared_goods_a_merchant_changes_only_its_own_stock_record(client, merchants):
    client.force_login(merchants["a"])
    product = merchants["product_b"]
    mine = StockRecordFactory(
        product=product, partner=merchants["partner_a"], price=Decimal("80.00")
    )
    title = product.title_zh_hans
    response = client.get(product_url(product))
    assert response.context["form"]["title_zh_hans"].field.disabled
    data = form_data(response)
    data["title_zh_hans"] = "被改名"
    data["is_public"] = ""
    data["stockrecords-0-price"] = "82.00"
    response = client.post(product_url(product), data)
    assert response.status_code == 302
    product.refresh_from_db()
    mine.refresh_from_db()
    assert product.title_zh_hans == title
    assert product.is_public
    assert mine.price == Decimal("82.00")
    assert product.stockrecords.get(partner=merchants["partner_b"]).price == Decimal("75.50")
    # nor can A delete the goods page (and B's stock record with it)
    delete = f"{product_url(product)}delete/"
    assert client.get(delete).status_code == 404
    assert client.post(delete).status_code == 404
    assert Product.objects.filter(pk=product.pk).exists()
    # A's own goods: deleting works
    own = merchants["product_a"]
    assert client.post(f"{product_url(own)}delete/").status_code == 302
    assert not Product.objects.filter(pk=own.pk).exists()


def _confirm_url(client, action, products):
    """Oscar's two-step bulk action: the list stores the selection and sends to the confirm
    page, which runs the action."""
    response = client.post(
        "/en/dashboard/catalogue/",
        {"action": action, "selected_product": [p.pk for p in products]},
    )
    assert response.status_code == 302
    return response["Location"]


def test_bulk_publication_changes_only_goods_the_merchant_alone_sells(client, merchants):
    client.force_login(merchants["a"])
    shared = merchants["product_b"]
    StockRecordFactory(product=shared, partner=merchants["partner_a"])
    own = merchants["product_a"]
    confirm = _confirm_url(client, "make_products_non_public", [shared, own])
    page = client.get(confirm)
    choices = set(page.context["form"].fields["selected_products"].queryset)
    assert choices == {own}
    response = client.post(confirm, {"selected_products": [shared.pk, own.pk]})
    assert response.status_code == 200  # refused: the shared goods are not selectable
    shared.refresh_from_db()
    own.refresh_from_db()
    assert shared.is_public
    assert own.is_public
    client.post(confirm, {"selected_products": [own.pk]})
    own.refresh_from_db()
    assert not own.is_public


def test_bulk_price_changes_only_the_merchants_stock_records(client, merchants):
    client.force_login(merchants["a"])
    shared = merchants["product_b"]
    mine = StockRecordFactory(
        product=shared, partner=merchants["partner_a"], price=Decimal("80.00")
    )
    confirm = _confirm_url(client, "set_product_price", [shared])
    body = {
        "selected_products": [shared.pk],
        "new_price": "99.00",
        "confirm_irreversible": "on",
    }
    for partners in (
        [merchants["partner_b"].pk],
        [merchants["partner_a"].pk, merchants["partner_b"].pk],
    ):
        client.post(confirm, {**body, "partners": partners})
        assert shared.stockrecords.get(partner=merchants["partner_b"]).price == Decimal("75.50")
    client.post(confirm, {**body, "partners": [merchants["partner_a"].pk]})
    mine.refresh_from_db()
    assert mine.price == Decimal("99.00")
    assert shared.stockrecords.get(partner=merchants["partner_b"]).price == Decimal("75.50")


def test_product_list_shows_only_the_merchants_goods(client, merchants):
    client.force_login(merchants["a"])
    html = client.get("/en/dashboard/catalogue/").content.decode()
    assert merchants["product_a"].title in html
    assert merchants["product_b"].title not in html
    html = client.get("/en/dashboard/catalogue/", {"upc": merchants["product_b"].upc}).content
    assert merchants["product_b"].title not in html.decode()
