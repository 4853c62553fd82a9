"""CMS pages (issue #11): home at /<lang>/, every page type in two languages, locale fallback,
pavilion and brand products from the catalogue, product blocks, the product chooser."""

import datetime
import json
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from oscar.templatetags.currency_filters import currency

from cms.localization import page_url
from cms.models import (
    BrandPage,
    ContentPage,
    ExhibitionPage,
    LiveStreamPage,
    PavilionPage,
    StoreIndexPage,
    StorePage,
)
from shop.stores.models import ExperienceStore
from tests.factories.catalogue import PartnerFactory, ProductFactory, add_image
from tests.factories.cms import add_page, home_page, translate

pytestmark = pytest.mark.django_db


def content(response):
    """The page's own content, without header and footer (menus, mini basket)."""
    return response.content.decode().split('id="content_inner"', 1)[1]


@pytest.fixture
def home():
    page = home_page(title="首页", hero_title="欢迎来到东北亚跨境购")
    translate(page, "ko", title="홈", hero_title="동북아 직구몰에 오신 것을 환영합니다")
    return page


def test_korean_home_is_served_at_the_language_root(client, home):
    response = client.get("/ko/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "동북아 직구몰에 오신 것을 환영합니다" in html
    assert "欢迎来到东北亚跨境购" not in html
    assert '<html lang="ko"' in html


def test_chinese_home_is_served_at_its_root_and_named_home(client, home):
    from django.urls import reverse

    response = client.get("/zh-hans/")
    assert response.status_code == 200
    assert "欢迎来到东北亚跨境购" in response.content.decode()
    with translation.override("ja"):
        assert reverse("home") == "/ja/"


def test_language_without_a_home_translation_gets_the_source_home(client, home):
    response = client.get("/ru/")
    assert response.status_code == 200
    assert "欢迎来到东北亚跨境购" in response.content.decode()
    assert '<html lang="ru"' in response.content.decode()


def _store():
    return ExperienceStore.objects.create(
        code="changchun-o2o",
        name="长春体验店",
        province="吉林省",
        city="长春",
        address="人民大街 1210 号",
        address_zh_hans="人民大街 1210 号",
        opening_hours="每天 10:00–21:00",
    )


def _every_page_type(home):
    now = timezone.now()
    index = add_page(home, StoreIndexPage(title="体验店", slug="stores"))
    return {
        "content": add_page(
            home, ContentPage(title="关于我们", slug="about", body="<p>公司介绍</p>")
        ),
        "store-index": index,
        "store": add_page(index, StorePage(title="长春体验店", slug="changchun", store=_store())),
        "pavilion": add_page(
            home,
            PavilionPage(
                title="韩国馆", slug="korea", origin_country="133", story="<p>韩国好物</p>"
            ),
        ),
        "exhibition": add_page(
            home,
            ExhibitionPage(
                title="春季展",
                slug="fair",
                start_date=datetime.date(2027, 4, 1),
                end_date=datetime.date(2027, 4, 4),
                venue="长春国际会展中心",
            ),
        ),
        "brand": add_page(home, BrandPage(title="正官庄", slug="kgc", brand_name="CheongKwanJang")),
        "live": add_page(
            home,
            LiveStreamPage(
                title="保税仓直播",
                slug="live",
                starts_at=now + datetime.timedelta(days=1),
                ends_at=now + datetime.timedelta(days=1, hours=1),
                stream_url="https://live.example.com/room/1",
            ),
        ),
    }


KOREAN = {
    "content": "회사 소개",
    "store-index": "체험 매장",
    "store": "창춘 체험 매장",
    "pavilion": "한국관",
    "exhibition": "봄 박람회",
    "brand": "정관장",
    "live": "보세창고 라이브",
}
PATHS = {
    "content": "about/",
    "store-index": "stores/",
    "store": "stores/changchun/",
    "pavilion": "korea/",
    "exhibition": "fair/",
    "brand": "kgc/",
    "live": "live/",
}


def test_every_page_type_renders_in_two_languages(client, home):
    pages = _every_page_type(home)
    for key, page in pages.items():
        translate(page, "ko", title=KOREAN[key])
    for key, page in pages.items():
        zh = client.get(f"/zh-hans/{PATHS[key]}")
        ko = client.get(f"/ko/{PATHS[key]}")
        assert zh.status_code == ko.status_code == 200, key
        assert page.title in zh.content.decode(), key
        assert KOREAN[key] in ko.content.decode(), key
        assert page.title not in content(ko), key


def test_untranslated_page_falls_back_to_the_source_with_the_korean_interface(client, home):
    pages = _every_page_type(home)
    response = client.get("/ko/korea/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="ko"' in html
    assert "韩国好物" in html  # the Chinese story
    with translation.override("ko"):
        heading = translation.gettext("Products from %(country)s") % {
            "country": translation.gettext("Republic of Korea")
        }
    assert heading in html
    # the URL rule shared with the sitemap and hreflang links
    assert page_url(pages["pavilion"], "ko") == "/ko/korea/"
    assert page_url(pages["pavilion"], "zh-hans") == "/zh-hans/korea/"
    assert client.get("/ko/no-such-page/").status_code == 404


def test_translated_page_under_another_slug_is_reached_from_the_source_path(client, home):
    pages = _every_page_type(home)
    translated = translate(pages["pavilion"], "ko", title="한국관", slug="hanguk")
    assert page_url(pages["pavilion"], "ko") == "/ko/hanguk/"
    response = client.get("/ko/korea/")
    assert response.status_code == 302
    assert response["Location"] == "/ko/hanguk/"
    assert "한국관" in client.get("/ko/hanguk/").content.decode()
    assert translated.locale.language_code == "ko"


def test_store_page_shows_the_store_and_an_outbound_map_link_only(client, home):
    _every_page_type(home)
    html = content(client.get("/zh-hans/stores/changchun/"))
    assert "人民大街 1210 号" in html
    assert "每天 10:00–21:00" in html
    assert 'href="https://uri.amap.com/search?keyword=' in html
    assert "<iframe" not in html


def test_store_page_tells_about_its_working_kiosks_only(client, home):
    from tests.factories.kiosk import KioskDeviceFactory

    _every_page_type(home)
    store = ExperienceStore.objects.get(code="changchun-o2o")
    url = "/zh-hans/stores/changchun/"
    KioskDeviceFactory(store=store)  # registered, never paired
    KioskDeviceFactory(store=store, paired_at=timezone.now(), revoked_at=timezone.now())
    assert "cms-store-kiosks" not in content(client.get(url))
    KioskDeviceFactory(store=store, paired_at=timezone.now())
    KioskDeviceFactory(store=store, paired_at=timezone.now())
    html = content(client.get(url))
    with translation.override("zh-hans"):
        expected = translation.ngettext(
            "This store has a self-service kiosk: browse and scan the goods on the shelf there, "
            "then order on your phone.",
            "This store has %(counter)s self-service kiosks: browse and scan the goods on the "
            "shelf there, then order on your phone.",
            2,
        ) % {"counter": 2}
    assert expected in html


def test_live_stream_is_a_link_never_an_embed(client, home):
    _every_page_type(home)
    html = content(client.get("/zh-hans/live/"))
    assert 'href="https://live.example.com/room/1"' in html
    assert "<iframe" not in html
    assert "<video" not in html


def test_live_stream_address_must_be_https(home):
    now = timezone.now()
    page = LiveStreamPage(
        title="x",
        slug="x",
        starts_at=now,
        ends_at=now + datetime.timedelta(hours=1),
        stream_url="http://live.example.com/",
    )
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "stream_url" in error.value.message_dict


def test_pavilion_lists_only_buyable_products_of_its_origin(client, home):
    korean = ProductFactory(title_zh_hans="韩国面膜", origin_country="133")
    ProductFactory(title_zh_hans="日本抹茶", origin_country="116")
    ProductFactory(title_zh_hans="下架的韩国拉面", origin_country="133", is_public=False)
    add_page(home, PavilionPage(title="韩国馆", slug="korea", origin_country="133"))
    response = client.get("/zh-hans/korea/")
    assert [p.pk for p in response.context["products"]] == [korean.pk]
    html = content(response)
    assert "韩国面膜" in html
    assert "日本抹茶" not in html
    assert "下架的韩国拉面" not in html


def test_brand_page_lists_its_brand_and_authorisation(client, home):
    ProductFactory(title_zh_hans="红参精", brand="CheongKwanJang")
    ProductFactory(title_zh_hans="面膜", brand="Mediheal")
    add_page(
        home,
        BrandPage(
            title="正官庄",
            slug="kgc",
            brand_name="CheongKwanJang",
            authorisation_status=BrandPage.Authorisation.AUTHORISED,
        ),
    )
    html = content(client.get("/ko/kgc/"))
    assert "红参精" in html
    assert "面膜" not in html
    with translation.override("ko"):
        assert translation.gettext("Authorised") in html


def test_exhibition_lists_its_merchants(client, home):
    pages = _every_page_type(home)
    exhibition = pages["exhibition"]
    exhibition.merchants.set([PartnerFactory(name="韩光国际贸易")])
    exhibition.save_revision().publish()
    html = content(client.get("/zh-hans/fair/"))
    assert "韩光国际贸易" in html


def _page_with_product_blocks(home, products, slug="picks"):
    """A page whose body holds one product block per product (a pavilion of an origin with
    no products, so only the blocks show products)."""
    body = [{"type": "product", "value": product.pk} for product in products]
    return add_page(
        home,
        PavilionPage(
            title="精选", slug=slug, origin_country="609", product_limit=1, body=json.dumps(body)
        ),
    )


def test_product_block_shows_price_and_an_add_to_basket_form(client, home):
    product = ProductFactory(
        title_zh_hans="美迪惠尔面膜", title_ko="메디힐 마스크", stockrecords__price=Decimal("89.00")
    )
    _page_with_product_blocks(home, [product])
    page_html = client.get("/ko/picks/").content.decode()
    html = content_of(page_html)
    assert "메디힐 마스크" in html  # the title in the active language
    with translation.override("ko"):
        assert currency(Decimal("89.00"), "CNY") in html
    assert f'action="/ko/basket/add/{product.pk}/"' in html
    assert "data-inline-basket" in html
    assert 'src="/static/cms/basket.js"' in page_html


def content_of(html):
    return html.split('id="content_inner"', 1)[1]


def test_product_block_without_js_adds_to_the_basket_by_normal_post(client, home):
    product = ProductFactory(stockrecords__price=Decimal("10.00"))
    _page_with_product_blocks(home, [product])
    client.get("/zh-hans/picks/")
    response = client.post(
        f"/zh-hans/basket/add/{product.pk}/",
        {"quantity": 1},
        HTTP_REFERER="http://testserver/zh-hans/picks/",
    )
    assert response.status_code == 302
    assert response["Location"].endswith("/zh-hans/picks/")
    basket_html = client.get("/zh-hans/basket/").content.decode()
    assert product.get_title() in basket_html


def _queries_for(client, url):
    client.get(url)  # warm per-process caches (thumbnail store, site root paths)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_product_blocks_do_not_run_queries_per_product(client, home):
    ten = [ProductFactory() for _ in range(10)]
    twenty = [ProductFactory() for _ in range(20)]
    for product in ten + twenty:
        add_image(product)
    _page_with_product_blocks(home, ten, slug="ten")
    _page_with_product_blocks(home, twenty, slug="twenty")
    assert _queries_for(client, "/zh-hans/ten/") == _queries_for(client, "/zh-hans/twenty/")


def test_product_list_block_by_origin_uses_the_search_interface(client, home):
    ProductFactory(title_zh_hans="俄罗斯蜂蜜", origin_country="344")
    ProductFactory(title_zh_hans="韩国泡菜", origin_country="133")
    body = [
        {
            "type": "product_list",
            "value": {
                "heading": "俄罗斯好物",
                "source": "origin",
                "category": "",
                "origin": "344",
                "products": [],
                "limit": 8,
            },
        }
    ]
    add_page(
        home,
        PavilionPage(title="专题二", slug="topic2", origin_country="609", body=json.dumps(body)),
    )
    html = content(client.get("/zh-hans/topic2/"))
    assert "俄罗斯好物" in html
    assert "俄罗斯蜂蜜" in html
    assert "韩国泡菜" not in html


def test_home_lists_pavilions_events_and_stores_of_the_active_language(client, home):
    pages = _every_page_type(home)
    translate(pages["pavilion"], "ko", title="한국관")
    response = client.get("/ko/")
    html = content(response)
    assert "한국관" in html
    assert "韩国馆" not in html
    assert 'href="/ko/korea/"' in html
    assert "保税仓直播" in html  # not translated: the source page, linked under /ko/
    assert 'href="/ko/live/"' in html
    assert "长春体验店" in html


def test_home_store_filter_by_province(client, home):
    pages = _every_page_type(home)
    other = ExperienceStore.objects.create(
        code="dalian-o2o", name="大连体验店", province="辽宁省", city="大连", address="人民路 96 号"
    )
    add_page(pages["store-index"], StorePage(title="大连体验店", slug="dalian", store=other))
    html = content(client.get("/zh-hans/", {"province": "辽宁省"}))
    assert "大连体验店" in html
    assert "长春体验店" not in html
    both = content(client.get("/zh-hans/"))
    assert "大连体验店" in both
    assert "长春体验店" in both


def test_product_chooser_answers_staff_and_refuses_anonymous(client, admin_user, home):
    ProductFactory(title_zh_hans="雪花秀精华", brand="Sulwhasoo")
    ProductFactory(title_zh_hans="辛拉面", brand="Nongshim")
    url = "/cms-admin/products/chooser/"
    anonymous = client.get(url)
    assert anonymous.status_code == 302
    assert "/cms-admin/login/" in anonymous["Location"]
    client.force_login(admin_user)
    response = client.get(url, {"q": "sulwhasoo"})
    assert response.status_code == 200
    body = json.loads(response.content)["html"]
    assert "雪花秀精华" in body
    assert "辛拉面" not in body


def test_live_stream_pinned_products_can_be_added_from_the_page(client, home):
    product = ProductFactory(title_zh_hans="直播同款面膜", stockrecords__price=Decimal("59.00"))
    now = timezone.now()
    add_page(
        home,
        LiveStreamPage(
            title="直播",
            slug="live",
            starts_at=now - datetime.timedelta(minutes=5),
            ends_at=now + datetime.timedelta(hours=1),
            stream_url="https://live.example.com/room/2",
            pinned_products=json.dumps([{"type": "product", "value": product.pk}]),
        ),
    )
    html = content(client.get("/zh-hans/live/"))
    pinned = html[html.index("cms-pinned") :]
    assert "直播同款面膜" in pinned
    assert f'action="/zh-hans/basket/add/{product.pk}/"' in pinned
    with translation.override("zh-hans"):
        assert translation.gettext("Live now") in html
