import pytest
from django.test import Client
from django.utils import translation

from tests.factories.catalogue import CategoryFactory, ProductFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [
        ("ko-KR,ko;q=0.9", "/ko/"),
        ("ja", "/ja/"),
        ("ru-RU,ru;q=0.8,en;q=0.5", "/ru/"),
        ("en-US,en;q=0.9", "/en/"),
        ("zh-CN,zh;q=0.9", "/zh-hans/"),
        ("de-DE", "/zh-hans/"),  # nothing we speak: Chinese
        ("", "/zh-hans/"),
    ],
)
def test_root_redirects_by_accept_language(accept_language, expected):
    response = Client(headers={"accept-language": accept_language}).get("/")
    assert response.status_code == 302
    assert response["Location"] == expected


def test_public_pages_live_under_a_language_prefix(client):
    assert client.get("/catalogue/").status_code == 302
    assert client.get("/ko/catalogue/").status_code == 200


def test_catalogue_lists_titles_in_the_url_language(client):
    ProductFactory(title_zh_hans="乐天巧克力派", title_ko="롯데 초코파이", title_ru="Чокопай Lotte")
    assert "롯데 초코파이" in client.get("/ko/catalogue/").content.decode()
    assert "Чокопай Lotte" in client.get("/ru/catalogue/").content.decode()
    assert "乐天巧克力派" in client.get("/zh-hans/catalogue/").content.decode()
    # no Japanese title: the Chinese one stands in
    assert "乐天巧克力派" in client.get("/ja/catalogue/").content.decode()


def test_category_page_lists_its_products_and_not_others(client):
    food = CategoryFactory(name="食品", name_zh_hans="食品", name_en="Food")
    ProductFactory(title_zh_hans="辛拉面", title_en="Shin Ramyun", in_categories=[food])
    ProductFactory(title_zh_hans="面膜", title_en="Sheet mask")
    with translation.override("en"):
        url = food.get_absolute_url()
    html = client.get(url).content.decode()
    assert "Shin Ramyun" in html
    assert "Sheet mask" not in html


def test_search_box_finds_products(client):
    ProductFactory(title_zh_hans="可莱丝面膜", title_ko="클리오 시트 마스크")
    ProductFactory(title_zh_hans="辛拉面", title_ko="신라면")
    html = client.get("/ko/search/", {"q": "마스크"}).content.decode()
    assert "클리오 시트 마스크" in html
    assert "신라면" not in html


def test_language_switcher_keeps_the_page_and_query(client):
    html = client.get("/ko/search/", {"q": "마스크", "sort_by": "price-asc"}).content.decode()
    assert 'href="/ru/search/?q=%EB%A7%88%EC%8A%A4%ED%81%AC&amp;sort_by=price-asc"' in html
    assert 'href="/zh-hans/search/?q=' in html


def test_invalid_page_number_redirects_with_a_translated_message(client):
    ProductFactory()
    response = client.get("/ru/catalogue/", {"page": "99"}, follow=True)
    assert response.redirect_chain[-1][0] == "/ru/catalogue/"
    messages = [str(m) for m in response.context["messages"]]
    assert messages
    assert messages[0] != "The given page number was invalid."


def test_staff_back_offices_are_reachable_and_protected(client, admin_user):
    assert client.get("/ko/dashboard/").status_code == 302  # to login
    assert client.get("/cms-admin/").status_code == 302
    client.force_login(admin_user)
    assert client.get("/ko/dashboard/").status_code == 200
    assert client.get("/cms-admin/").status_code == 200
