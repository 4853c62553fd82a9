"""Product editing with translations (issue #12): one product form with a tab per language,
each language's completeness on the product list, and the "Missing: <language>" filter
(shop/apps/dashboard/catalogue/, shop/apps/catalogue/completeness.py)."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.translation import gettext
from oscar.core.loading import get_class, get_model

from shop.apps.catalogue import completeness
from tests.factories.catalogue import CategoryFactory, PartnerFactory, ProductFactory
from tests.factories.merchants import merchant_user, zone_staff
from tests.factories.orders import stocked_product

pytestmark = pytest.mark.django_db

Product = get_model("catalogue", "Product")
ProductCategory = get_model("catalogue", "ProductCategory")
ProductForm = get_class("dashboard.catalogue.forms", "ProductForm")
LIST_URL = "/en/dashboard/catalogue/"


def product_url(product, language="en"):
    return f"/{language}/dashboard/catalogue/products/{product.pk}/"


def form_data(response):
    """The POST body the product page sends unchanged (product form, every formset's saved rows
    and management form), read from the rendered page's context."""
    data = {}

    def add(form):
        for name in form.fields:
            value = form[name].value()
            if value is None or value is False:
                continue
            key = form.add_prefix(name)
            if isinstance(value, list | tuple):
                data[key] = [str(v) for v in value]
            else:
                data[key] = "on" if value is True else str(value)

    add(response.context["form"])
    for name in ("stockrecord_formset", "category_formset", "image_formset", "recommended_formset"):
        formset = response.context.get(name)
        if not formset:
            continue
        add(formset.management_form)
        data[formset.management_form.add_prefix("TOTAL_FORMS")] = str(formset.initial_form_count())
        for form in formset.forms[: formset.initial_form_count()]:
            add(form)
    return data


def own_product(partner, **fields):
    product = stocked_product(partner=partner)
    ProductCategory.objects.create(product=product, category=CategoryFactory())
    if fields:
        Product.objects.filter(pk=product.pk).update(**fields)
        product.refresh_from_db()
    return product


def texts(**by_language):
    """``title_ko="…"`` style keyword arguments with every other counted column emptied."""
    empty = {
        completeness.column(field, language): ""
        for field in completeness.COUNTED_FIELDS
        for language in completeness.LANGUAGES
        if not (field == "title" and language == "zh-hans")
    }
    return {**empty, **by_language}


@pytest.fixture
def merchant_a():
    partner = PartnerFactory(name="Merchant A")
    return partner, merchant_user(partner)


# -- completeness --------------------------------------------------------------------------


def test_completeness_counts_title_and_description_per_language():
    product = ProductFactory(
        stockrecords=None, **texts(title_ru="Маска", description_ko="<p>설명</p>")
    )
    numbers = completeness.completeness_of(product)
    assert numbers["ru"] == 50  # title only
    assert numbers["ko"] == 50  # description only
    assert numbers["zh-hans"] == 50  # the factory's Chinese title, no description
    assert numbers["ja"] == numbers["en"] == 0


def test_completeness_in_the_database_matches_the_instance():
    ProductFactory(
        stockrecords=None,
        **texts(
            title_ru="Маска",
            title_ko="마스크",
            description_ko="<p>설명</p>",
            description_ja="   ",  # only whitespace: empty
            title_en="\n",
        ),
    )
    product = completeness.with_completeness(Product.objects.all()).get()
    assert (
        {
            language: getattr(product, completeness.annotation_name(language))
            for language in completeness.LANGUAGES
        }
        == completeness.completeness_of(product)
        == {
            "zh-hans": 50,
            "ko": 100,
            "ja": 0,
            "ru": 50,
            "en": 0,
        }
    )


def test_missing_filter_selects_exactly_the_incomplete_products():
    complete = ProductFactory(stockrecords=None, title_ru="Маска", description_ru="<p>Маска</p>")
    no_description = ProductFactory(stockrecords=None, **texts(title_ru="Крем"))
    untranslated = ProductFactory(stockrecords=None, **texts())
    missing = completeness.missing_language(Product.objects.all(), "ru")
    assert set(missing) == {no_description, untranslated}
    assert complete not in missing
    with pytest.raises(ValueError, match="not a catalogue language"):
        completeness.missing_language(Product.objects.all(), "de")


# -- the product form ----------------------------------------------------------------------


def test_saving_the_form_writes_every_language_at_once(client, merchant_a):
    partner, user = merchant_a
    product = own_product(partner)
    client.force_login(user)
    data = form_data(client.get(product_url(product)))
    data.update(
        {
            "title_ko": "메디힐 마스크",
            "description_ko": "<p>보습 마스크</p>",
            "title_ru": "Маска Mediheal",
            "description_ru": "<p>Увлажняющая маска</p>",
            "meta_title_ja": "メディヒール",
        }
    )
    response = client.post(product_url(product), data)
    assert response.status_code == 302, response.context["form"].errors
    product.refresh_from_db()
    assert (product.title_ko, product.description_ko) == ("메디힐 마스크", "<p>보습 마스크</p>")
    assert (product.title_ru, product.description_ru) == (
        "Маска Mediheal",
        "<p>Увлажняющая маска</p>",
    )
    assert product.meta_title_ja == "メディヒール"
    assert product.title_zh_hans == data["title_zh_hans"]  # untouched


def test_form_groups_the_translatable_fields_per_language():
    product = ProductFactory(stockrecords=None, **texts(title_ko="마스크"))
    with translation.override("ko"):
        form = ProductForm(product.product_class, instance=product)
        tabs = form.language_tabs()
        primary = {field.name for field in form.primary_form_fields()}
        seo = {field.name for field in form.seo_form_fields()}
    assert [(tab.code, tab.name) for tab in tabs] == [
        ("zh-hans", "简体中文"),
        ("ko", "한국어"),
        ("ja", "日本語"),
        ("ru", "Русский"),
        ("en", "English"),
    ]
    ko = tabs[1]
    assert [field.name for field in ko.fields] == [
        "title_ko",
        "description_ko",
        "meta_title_ko",
        "meta_description_ko",
    ]
    assert ko.percent == 50
    assert tabs[0].active
    assert not ko.active
    # the non-translatable fields stay where Oscar puts them, no language field twice
    assert {"upc", "brand", "hs_code", "customs_name", "is_public"} <= primary
    assert seo == {"slug"}
    assert not any(re.search(r"_(zh_hans|ko|ja|ru|en)$", name) for name in primary | seo)
    # only the Chinese title is required
    required = {name for name, field in form.fields.items() if field.required}
    assert "title_zh_hans" in required
    assert not required & {"title_ko", "title_ru", "description_zh_hans", "meta_title_zh_hans"}


def test_the_page_shows_a_tab_per_language_with_its_completeness(client, merchant_a):
    partner, user = merchant_a
    product = own_product(partner, **texts(title_ko="마스크", description_ko="<p>설명</p>"))
    client.force_login(user)
    html = client.get(product_url(product, "ko")).content.decode()
    tabs = re.findall(r'<a class="nav-link[^"]*"\s+id="language_tab_(\w+)"', html)
    assert tabs == ["zh_hans", "ko", "ja", "ru", "en"]
    ko_tab = html[html.index('id="language_tab_ko"') : html.index('id="language_tab_ja"')]
    assert "한국어" in ko_tab
    assert 'data-percent="100"' in ko_tab
    ru_tab = html[html.index('id="language_tab_ru"') : html.index('id="language_tab_en"')]
    assert 'data-percent="0"' in ru_tab
    ko_pane = html[html.index('id="language_ko"') : html.index('id="language_ja"')]
    assert 'name="title_ko"' in ko_pane
    assert 'name="meta_description_ko"' in ko_pane
    assert 'name="title_ru"' not in ko_pane


def test_an_error_marks_and_opens_its_language_tab(client, merchant_a):
    partner, user = merchant_a
    product = own_product(partner)
    client.force_login(user)
    data = form_data(client.get(product_url(product)))
    data["meta_title_ru"] = "Ы" * 300  # longer than the field allows
    response = client.post(product_url(product, "ko"), data)
    assert response.status_code == 200
    assert "meta_title_ru" in response.context["form"].errors
    html = response.content.decode()
    ru_tab = html[html.index('id="language_tab_ru"') - 80 : html.index('id="language_tab_en"')]
    assert "text-danger" in ru_tab
    assert 'data-has-errors="true"' in ru_tab
    assert 'aria-selected="true"' in ru_tab
    with translation.override("ko"):
        assert gettext("This language has errors") in ru_tab
    zh_tab = html[html.index('id="language_tab_zh_hans"') - 80 : html.index('id="language_tab_ko"')]
    assert "text-danger" not in zh_tab
    assert 'aria-selected="false"' in zh_tab
    assert re.search(r'class="tab-pane active" id="language_ru"', html)


def test_a_missing_chinese_title_is_an_error_on_the_chinese_tab(client, merchant_a):
    partner, user = merchant_a
    product = own_product(partner)
    client.force_login(user)
    data = form_data(client.get(product_url(product)))
    data["title_zh_hans"] = ""
    data["title_ko"] = "마스크"
    response = client.post(product_url(product), data)
    assert response.status_code == 200
    tabs = response.context["form"].language_tabs()
    assert [tab.code for tab in tabs if tab.has_errors] == ["zh-hans"]
    product.refresh_from_db()
    assert product.title_ko != "마스크"  # nothing saved


@pytest.mark.parametrize("language", ["zh_hans", "ko", "ja", "ru", "en"])
def test_every_languages_description_is_sanitised(client, merchant_a, language):
    partner, user = merchant_a
    product = own_product(partner)
    client.force_login(user)
    data = form_data(client.get(product_url(product)))
    data[f"description_{language}"] = '<p>좋은 제품</p><script>alert("x")</script>'
    response = client.post(product_url(product), data)
    assert response.status_code == 302, response.context["form"].errors
    product.refresh_from_db()
    assert getattr(product, f"description_{language}") == "<p>좋은 제품</p>"


def test_a_variant_needs_no_title_and_has_no_description():
    parent = ProductFactory(stockrecords=None, structure="parent")
    form = ProductForm(parent.product_class, parent=parent, data={"structure": "child"})
    assert not form.fields["title_zh_hans"].required
    assert not any(name.startswith("description_") for name in form.fields)
    # completeness over the fields a variant has: its title only
    assert [tab.percent for tab in form.language_tabs()] == [0, 0, 0, 0, 0]
    form = ProductForm(parent.product_class, parent=parent, data={"title_ko": "변형"})
    assert dict((tab.code, tab.percent) for tab in form.language_tabs())["ko"] == 100
    assert all(
        not field.name.startswith("description")
        for tab in form.language_tabs()
        for field in tab.fields
    )


# -- merchants -----------------------------------------------------------------------------


def test_a_merchant_cannot_open_or_post_another_merchants_product(client, merchant_a):
    _partner, user = merchant_a
    other = own_product(PartnerFactory(name="Merchant B"))
    client.force_login(user)
    assert client.get(product_url(other)).status_code == 404
    response = client.post(
        product_url(other),
        {"title_zh_hans": "被改了", "title_ko": "바뀜", "structure": "standalone"},
    )
    assert response.status_code == 404
    other.refresh_from_db()
    assert (other.title_zh_hans, other.title_ko) != ("被改了", "바뀜")


def test_on_shared_goods_the_language_tabs_are_read_only(client, merchant_a):
    partner, user = merchant_a
    product = own_product(partner, **texts(title_ko="원래"))
    stocked_other = stocked_product(partner=PartnerFactory(name="Merchant B"))
    product.stockrecords.create(
        partner=stocked_other.stockrecords.get().partner,
        partner_sku="B-1",
        price=stocked_other.stockrecords.get().price,
        warehouse=stocked_other.stockrecords.get().warehouse,
        filing_record=stocked_other.stockrecords.get().filing_record,
    )
    client.force_login(user)
    response = client.get(product_url(product))
    tabs = response.context["form"].language_tabs()
    assert all(field.field.disabled for tab in tabs for field in tab.fields)
    data = form_data(response)
    data["title_ko"] = "바뀜"
    client.post(product_url(product), data)
    product.refresh_from_db()
    assert product.title_ko == "원래"


# -- the product list ----------------------------------------------------------------------


def _badges(html):
    return dict(re.findall(r'data-language="([\w-]+)" data-percent="(\d+)"', html))


def test_list_shows_each_languages_completeness(client):
    ProductFactory(
        title="面膜", **texts(title_ru="Маска", title_ko="마스크", description_ko="설명")
    )
    client.force_login(zone_staff())
    with translation.override("ko"):
        html = client.get("/ko/dashboard/catalogue/").content.decode()
        expected = gettext("%(code)s %(percent)s %%") % {"code": "ko", "percent": 100}
    assert _badges(html) == {"zh-hans": "50", "ko": "100", "ja": "0", "ru": "50", "en": "0"}
    assert expected in html


def test_missing_filter_in_the_list_combines_with_oscars_filters_and_scope(client, merchant_a):
    partner, user = merchant_a
    complete = own_product(
        partner, title="完整面膜", title_zh_hans="完整面膜", title_ru="Маска", description_ru="Да"
    )
    incomplete = own_product(partner, title="面膜", title_zh_hans="面膜", **texts(title_ru="Крем"))
    untitled = own_product(partner, title="面霜", title_zh_hans="面霜", **texts())
    others = own_product(PartnerFactory(name="Merchant B"), title="别家面膜", **texts())
    client.force_login(user)

    def listed(**params):
        response = client.get(LIST_URL, params)
        return {record.pk for record in response.context["products"].data}

    assert listed() == {complete.pk, incomplete.pk, untitled.pk}
    assert listed(missing="ru") == {incomplete.pk, untitled.pk}
    assert listed(missing="ru", upc=incomplete.upc) == {incomplete.pk}
    assert listed(missing="ru", upc=complete.upc) == set()
    assert others.pk not in listed(missing="ru")
    assert listed(missing="zh-hans") == {complete.pk, incomplete.pk, untitled.pk}  # no description
    html = client.get(LIST_URL).content.decode()
    assert '<select name="missing"' in html
    with translation.override("en"):
        assert gettext("Missing: %(language)s") % {"language": "Русский"} in html


def test_the_title_search_looks_in_every_language(client, merchant_a):
    partner, user = merchant_a
    mask = own_product(partner, title="面膜", title_zh_hans="补水面膜", **texts(title_ru="Маска"))
    cream = own_product(partner, title="面霜", title_zh_hans="面霜", **texts(title_ko="크림"))
    client.force_login(user)

    def listed(language, **params):
        response = client.get(f"/{language}/dashboard/catalogue/", params)
        return {record.pk for record in response.context["products"].data}

    # the Korean dashboard finds a product by its Chinese or Russian title, even one that has
    # no Korean title yet ("Missing: 한국어")
    assert listed("ko", title="补水") == {mask.pk}
    # (SQLite compares non-ASCII letters case-sensitively; PostgreSQL does not)
    assert listed("ko", title="Маска", missing="ko") == {mask.pk}
    assert listed("ru", title="크림") == {cream.pk}
    assert listed("ko", title="没有这个") == set()
    response = client.get("/en/dashboard/catalogue/", {"title": "面霜"})
    with translation.override("en"):
        assert response.context["products"].caption == gettext("Product search results")


def test_an_unknown_language_in_the_filter_is_ignored(client, merchant_a):
    partner, user = merchant_a
    product = own_product(partner)
    client.force_login(user)
    response = client.get(LIST_URL, {"missing": "de"})
    assert response.status_code == 200
    assert {record.pk for record in response.context["products"].data} == {product.pk}


def test_the_list_makes_no_query_per_product(client):
    client.force_login(zone_staff())

    def count(n):
        for i in range(n - Product.objects.count()):
            ProductFactory(**texts(title_ru=f"Товар {i}"))
        with CaptureQueriesContext(connection) as queries:
            response = client.get(LIST_URL, {"missing": "ko"})
        assert len(response.context["products"].page.object_list) == n
        return len(queries)

    assert count(5) == count(20)
