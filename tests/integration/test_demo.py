"""load_demo: idempotent, realistic, and what the issue's "done when" promises."""

import re
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from oscar.core.loading import get_model

from shop.demo import data
from shop.stores.models import ExperienceStore

pytestmark = pytest.mark.django_db

Product = get_model("catalogue", "Product")
Category = get_model("catalogue", "Category")
StockRecord = get_model("partner", "StockRecord")
Warehouse = get_model("partner", "Warehouse")
Partner = get_model("partner", "Partner")

HANGUL = re.compile(r"[\uac00-\ud7a3]")
KANA = re.compile(r"[\u3040-\u30ff]")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
HAN = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    out = StringIO()
    call_command("load_demo", "--no-images", stdout=out)
    return out.getvalue()


def test_demo_catalogue_is_complete(demo):
    assert Product.objects.count() == len(data.PRODUCTS) >= 60
    product = Product.objects.get(upc=data.PRODUCTS[0]["barcode"])
    for language in data.LANGUAGES:
        field = language.replace("-", "_")
        assert getattr(product, f"title_{field}")
        assert getattr(product, f"description_{field}")
    origins = set(Product.objects.values_list("origin_country", flat=True))
    assert origins == {"133", "116", "344"}
    assert all(
        len(hs) == 10 and hs.isdigit() for hs in Product.objects.values_list("hs_code", flat=True)
    )
    assert Partner.objects.count() == 2
    assert sorted(Warehouse.objects.values_list("trade_mode", flat=True)) == [
        "1210",
        "1210",
        "9610",
    ]
    assert ExperienceStore.objects.count() == 2
    assert not StockRecord.objects.filter(warehouse=None).exists()
    assert StockRecord.objects.filter(price_currency="CNY").count() == len(data.PRODUCTS)


def test_demo_is_idempotent(demo):
    counts = (Product.objects.count(), Category.objects.count(), StockRecord.objects.count())
    call_command("load_demo", "--no-images", stdout=StringIO())
    assert (
        Product.objects.count(),
        Category.objects.count(),
        StockRecord.objects.count(),
    ) == counts
    assert get_user_model().objects.count() == 4


def test_demo_users_and_merchant_dashboard_access(demo, client):
    assert "demo-shopper-2026" in demo  # known passwords are printed while DEBUG is on
    merchant = get_user_model().objects.get(email="hanbit@merchant.example.com")
    assert merchant.has_perm("partner.dashboard_access")
    assert Partner.objects.get(code="hanbit").users.filter(pk=merchant.pk).exists()
    assert client.login(username="staff@shop.example.com", password="demo-staff-2026")


def test_demo_passwords_are_random_when_debug_is_off(settings):
    settings.DEBUG = False
    out = StringIO()
    call_command("load_demo", "--no-images", "--force", stdout=out)
    assert "demo-shopper-2026" not in out.getvalue()
    user = get_user_model().objects.get(email="shopper@example.com")
    assert not user.check_password("demo-shopper-2026")


@pytest.mark.parametrize(
    ("language", "script"),
    [
        ("ko", HANGUL),
        ("ja", KANA),
        ("ru", CYRILLIC),
        ("zh-hans", HAN),
        ("en", re.compile(r"[A-Za-z]{4}")),
    ],
)
def test_catalogue_lists_demo_titles_in_each_language(demo, client, language, script):
    html = client.get(f"/{language}/catalogue/").content.decode()
    titles = re.findall(r'class="product-title">\s*<a [^>]*>([^<]+)</a>', html)
    assert len(titles) == 20
    assert all(script.search(title) for title in titles), titles


@pytest.mark.parametrize(("language", "query"), [("zh-hans", "面膜"), ("ko", "마스크")])
def test_searching_finds_the_demo_face_masks(demo, client, language, query):
    masks = [p for p in data.PRODUCTS if p["category"] == "face-masks"]
    response = client.get(f"/{language}/search/", {"q": query})
    found = {p.upc for p in response.context["products"]}
    assert found == {p["barcode"] for p in masks}
    assert response.context["paginator"].count == len(masks) >= 4


def test_a_category_page_lists_its_products(demo, client):
    with translation.override("ru"):
        category = Category.objects.get(slug="face-masks")
        url = category.get_absolute_url()
    response = client.get(url)
    assert {p.upc for p in response.context["products"]} == {
        p["barcode"] for p in data.PRODUCTS if p["category"] == "face-masks"
    }
    assert reverse("catalogue:index") != url


def test_the_demo_leaves_one_released_order_to_return(demo):
    """load_demo walks its first order through the outbox and the local customs simulator, so
    a fresh install has an order the demo shopper can return (issue #15)."""
    from shop.customs import returns
    from shop.customs.models import Declaration

    shopper = get_user_model().objects.get(email="shopper@example.com")
    orders = list(shopper.orders.order_by("number"))
    first = orders[0]
    assert set(first.declarations.values_list("status", flat=True)) == {"released"}
    declaration = first.declarations.get()
    assert returns.returnable(declaration).open
    assert declaration.tax_bills.get().differs is False  # the simulator's bill matches
    # the others still wait in the outbox for `customs_send`
    later = Declaration.objects.filter(order__in=orders[1:])
    assert set(later.values_list("status", flat=True)) == {"paid"}
    assert "is released: the demo shopper can return it" in demo
