"""Header and footer menus (issue #11): edited in Wagtail, shown for the active locale only."""

import pytest

from cms.models import Menu, MenuItem, PavilionPage
from tests.factories.cms import add_page, home_page, locales, translate

pytestmark = pytest.mark.django_db


def _menu(language, location, *labels_and_links):
    menu = Menu(location=location, locale=locales()[language], title=f"{location} {language}")
    for order, (label, target) in enumerate(labels_and_links):
        if isinstance(target, str):
            menu.items.add(
                MenuItem(label=label, link_url=target, sort_order=order, locale=menu.locale)
            )
        else:
            menu.items.add(
                MenuItem(label=label, link_page=target, sort_order=order, locale=menu.locale)
            )
    menu.save()
    return menu


def header(html):
    start = html.index("cms-menu-header")
    return html[start : html.index("</nav>", start)]


@pytest.fixture
def site():
    home = home_page()
    pavilion = add_page(home, PavilionPage(title="韩国馆", slug="korea", origin_country="133"))
    return home, pavilion


def test_a_korean_menu_never_shows_in_japanese(client, site):
    _home, pavilion = site
    _menu("zh-hans", "header", ("韩国馆", pavilion), ("全部商品", "/catalogue/"))
    _menu("ko", "header", ("한국관", pavilion), ("전체 상품", "/catalogue/"))
    korean = header(client.get("/ko/catalogue/").content.decode())
    assert "한국관" in korean
    assert "전체 상품" in korean
    assert "韩国馆" not in korean
    japanese = header(client.get("/ja/catalogue/").content.decode())
    assert "한국관" not in japanese
    assert "전체 상품" not in japanese
    # Japanese has no menu of its own: the default language's menu, with Japanese URLs
    assert "韩国馆" in japanese
    assert 'href="/ja/korea/"' in japanese
    assert 'href="/ja/catalogue/"' in japanese


def test_menu_links_go_to_the_translation_of_the_page(client, site):
    _home, pavilion = site
    translate(pavilion, "ko", title="한국관", slug="hanguk")
    _menu("ko", "header", ("한국관", pavilion))
    assert 'href="/ko/hanguk/"' in header(client.get("/ko/").content.decode())


def test_footer_menu_and_external_links(client, site):
    _menu("zh-hans", "footer", ("海关公告", "https://www.customs.gov.cn/"))
    html = client.get("/zh-hans/catalogue/").content.decode()
    footer = html[html.index("cms-menu-footer") :]
    assert 'href="https://www.customs.gov.cn/"' in footer
    assert 'rel="noopener noreferrer external"' in footer
    assert "cms-menu-header" not in html


def test_menu_item_needs_a_page_or_a_safe_address(site):
    from django.core.exceptions import ValidationError

    menu = _menu("zh-hans", "header")
    for bad in ("", "javascript:alert(1)", "http://example.com/"):
        item = MenuItem(menu=menu, label="x", link_url=bad, locale=menu.locale)
        with pytest.raises(ValidationError):
            item.full_clean()
