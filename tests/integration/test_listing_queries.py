"""Listing pages must not run queries per product (issue #3): stock Oscar runs ~6 per product."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories.catalogue import CategoryFactory, ProductFactory, add_image

pytestmark = pytest.mark.django_db


def _category_with(count):
    category = CategoryFactory(name=f"分类{count}")
    for _ in range(count):
        product = ProductFactory(in_categories=[category])
        add_image(product)
    return category


def _queries_for(client, url):
    client.get(url)  # warm caches that are per process, not per page (thumbnail key store, site)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return response, len(captured)


def test_category_page_of_20_products_runs_at_most_25_queries(client, settings):
    settings.OSCAR_PRODUCTS_PER_PAGE = 20
    category = _category_with(20)
    response, queries = _queries_for(client, category.get_absolute_url())
    assert len(response.context["products"]) == 20
    assert queries <= 25, queries


def test_query_count_does_not_grow_with_page_size(client, settings):
    small, large = _category_with(4), _category_with(16)
    settings.OSCAR_PRODUCTS_PER_PAGE = 20
    _, queries_small = _queries_for(client, small.get_absolute_url())
    response, queries_large = _queries_for(client, large.get_absolute_url())
    assert len(response.context["products"]) == 16
    assert queries_large == queries_small


def test_search_results_do_not_grow_either(client):
    for n in range(12):
        ProductFactory(title_zh_hans=f"面膜 {n}")
    url = reverse("search:search") + "?q=面膜"
    _, queries_all = _queries_for(client, url)
    _, queries_one = _queries_for(client, reverse("search:search") + "?q=面膜 7")
    assert queries_all == queries_one
