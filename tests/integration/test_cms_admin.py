"""The Wagtail admin can create and edit every CMS page type and the menus (issue #11)."""

import json

import pytest
from django.urls import reverse

from cms.models import Menu, PavilionPage
from tests.factories.catalogue import ProductFactory
from tests.factories.cms import add_page, home_page

pytestmark = pytest.mark.django_db

PAGE_TYPES = [
    "contentpage",
    "storeindexpage",
    "pavilionpage",
    "exhibitionpage",
    "brandpage",
    "livestreampage",
]


def test_staff_can_open_the_add_form_of_every_page_type(admin_client):
    home = home_page()
    for model in PAGE_TYPES:
        url = reverse("wagtailadmin_pages:add", args=("cms", model, home.pk))
        assert admin_client.get(url).status_code == 200, model


def test_page_with_product_blocks_opens_in_the_editor(admin_client):
    home = home_page()
    product = ProductFactory(title_zh_hans="正官庄红参精")
    page = add_page(
        home,
        PavilionPage(
            title="韩国馆",
            slug="korea",
            origin_country="133",
            body=json.dumps([{"type": "product", "value": product.pk}]),
        ),
    )
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,)))
    assert response.status_code == 200
    # the chooser widget shows the chosen product and points at our chooser
    html = response.content.decode()
    # the block's state is JSON in an attribute: non-ASCII text as \u escapes
    assert json.dumps("正官庄红参精")[1:-1] in html
    assert "/cms-admin/products/chooser/" in html


def test_staff_can_create_a_pavilion_in_the_admin(admin_client):
    home = home_page()
    url = reverse("wagtailadmin_pages:add", args=("cms", "pavilionpage", home.pk))
    response = admin_client.post(
        url,
        {
            "title": "日本馆",
            "slug": "japan",
            "origin_country": "116",
            "product_limit": "12",
            "story": json.dumps({"blocks": [], "entityMap": {}}),
            "body-count": "0",
            "action-publish": "publish",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    page = PavilionPage.objects.get(slug="japan")
    assert page.live
    assert page.get_parent().pk == home.pk


def test_menus_are_a_snippet_in_the_admin(admin_client):
    home_page()
    Menu.objects.create(location="header", title="主菜单")
    response = admin_client.get(reverse("wagtailsnippets_cms_menu:list"))
    assert response.status_code == 200
    assert "主菜单" in response.content.decode()


def test_staff_submit_an_exhibition_for_translation_with_wagtail_localize(admin_client):
    from datetime import date

    from wagtail.models import Locale
    from wagtail_localize.models import Translation

    from cms.models import ExhibitionPage
    from tests.factories.catalogue import PartnerFactory
    from tests.factories.cms import translate

    home = home_page()
    translate(home, "ko", title="홈")
    merchant = PartnerFactory(name="泰加樱花进口")
    page = add_page(
        home,
        ExhibitionPage(
            title="秋季展",
            slug="autumn-fair",
            start_date=date(2027, 9, 1),
            end_date=date(2027, 9, 3),
            venue="大连世界博览广场",
        ),
    )
    page.merchants.set([merchant])
    page.save_revision().publish()
    korean = Locale.objects.get(language_code="ko")
    response = admin_client.post(
        reverse("wagtail_localize:submit_page_translation", args=(page.pk,)),
        {"locales": [korean.pk]},
    )
    assert response.status_code == 302
    translated = page.get_translation(korean).specific
    assert list(translated.merchants.all()) == [merchant]  # synchronised, not dropped
    assert translated.start_date == page.start_date
    assert Translation.objects.get(target_locale=korean, source__object_id=page.translation_key)
