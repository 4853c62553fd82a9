"""Content-Security-Policy on every page and scripts only from our own host (issue #10)."""

import re

import pytest
from django.urls import reverse

from shop.core.csp import payment_sources
from tests.factories.catalogue import ProductFactory, StockRecordFactory

pytestmark = pytest.mark.django_db

STRIPE = {
    "BACKEND": "integrations.payments.stripe_gateway.StripeGateway",
    "OPTIONS": {
        "secret_key": "sk_test_x",
        "publishable_key": "pk_test_x",
        "webhook_secret": "whsec_x",
        "api_base": None,
        "js_url": "https://js.stripe.com/v3/",
    },
}


def directives(response):
    header = response["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (part.split() for part in header.split(";") if part.strip())
    }


@pytest.fixture
def product_page(client):
    product = StockRecordFactory(product=ProductFactory()).product
    return client.get(product.get_absolute_url())


def test_shop_pages_have_a_strict_policy_with_the_nonce_of_their_inline_script(product_page):
    policy = directives(product_page)
    html = product_page.content.decode()

    nonces = set(re.findall(r"<script nonce=\"([^\"]+)\"", html))
    assert len(nonces) == 1
    assert policy["script-src"] == ["'self'", f"'nonce-{nonces.pop()}'"]
    assert "'unsafe-inline'" not in policy["script-src"] + policy["script-src-attr"]
    assert "'unsafe-eval'" not in policy["script-src"]
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["img-src"] == ["'self'", "data:"]
    # every inline script carries the nonce; none is left without it
    assert re.findall(r"<script(?![^>]*\b(?:src|nonce)=)[^>]*>", html) == []


def test_each_response_gets_its_own_nonce(client, product_page):
    again = client.get(reverse("catalogue:index"))
    assert directives(again)["script-src"] != directives(product_page)["script-src"]


def test_scripts_and_styles_come_from_our_own_host(product_page):
    html = product_page.content.decode()
    sources = re.findall(r"<(?:script|link|img)[^>]+(?:src|href)=\"([^\"]+)\"", html)
    assert "/static/oscar/js/jquery/jquery.min.js" in sources
    # absolute URLs only of our own host (the hreflang and canonical links must be absolute)
    assert [url for url in sources if re.match(r"(https?:)?//(?!testserver/)", url)] == []
    assert any(url.startswith("http://testserver/") for url in sources)  # the check sees them
    assert "googleapis" not in html


def test_the_sandbox_adds_no_payment_origin(product_page):
    header = product_page["Content-Security-Policy"]
    assert "stripe" not in header
    assert directives(product_page)["frame-src"] == ["'self'"]
    assert payment_sources() == {}


def test_stripe_adds_its_origins_only_when_configured(client, settings):
    settings.INTEGRATIONS = {**settings.INTEGRATIONS, "payments": STRIPE}
    policy = directives(client.get(reverse("catalogue:index")))

    assert policy["script-src"][-1] == "https://js.stripe.com"
    assert policy["frame-src"] == ["'self'", "https://js.stripe.com", "https://hooks.stripe.com"]
    assert policy["connect-src"] == ["'self'", "https://api.stripe.com", "https://js.stripe.com"]


def test_stripe_origins_follow_the_configured_urls():
    conf = {
        **STRIPE,
        "OPTIONS": {
            **STRIPE["OPTIONS"],
            "api_base": "http://127.0.0.1:4242",
            "js_url": "http://127.0.0.1:4242/v3/",
        },
    }
    assert payment_sources(conf) == {
        "script-src": ["http://127.0.0.1:4242"],
        "frame-src": ["http://127.0.0.1:4242", "https://hooks.stripe.com"],
        "connect-src": ["http://127.0.0.1:4242"],
    }
