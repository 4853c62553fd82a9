"""The search interface's origin and brand filters (issue #11: pavilion and brand pages)."""

import pytest

from integrations.registry import get_backend
from integrations.search.base import SearchQuery
from tests.factories.catalogue import ProductFactory

pytestmark = pytest.mark.django_db


def search(**kwargs):
    return get_backend("search").search(SearchQuery(language="zh-hans", **kwargs))


def test_origin_filter_keeps_only_those_origins():
    korean = ProductFactory(origin_country="133", title_zh_hans="韩国面膜")
    japanese = ProductFactory(origin_country="116", title_zh_hans="日本面膜")
    ProductFactory(origin_country="344", title_zh_hans="俄罗斯巧克力")
    assert search(origin_countries=("133",)).product_ids == (korean.pk,)
    assert set(search(origin_countries=("133", "116")).product_ids) == {korean.pk, japanese.pk}
    assert search(origin_countries=("133",), text="日本").total == 0
    assert search().total == 3


def test_origin_filter_lists_only_browsable_products():
    shown = ProductFactory(origin_country="133")
    ProductFactory(origin_country="133", is_public=False)
    assert search(origin_countries=("133",)).product_ids == (shown.pk,)


def test_brand_filter_ignores_letter_case():
    kgc = ProductFactory(brand="CheongKwanJang")
    ProductFactory(brand="Mediheal")
    assert search(brands=("cheongkwanjang",)).product_ids == (kgc.pk,)
    assert search(brands=("Sulwhasoo",)).total == 0
