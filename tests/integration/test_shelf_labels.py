"""Shelf labels (issue #14): staff only; the HTML print view and the PDF carry the names in the
chosen languages, the price with the product page's own tax estimate, origin, trade mode and a
QR code of the store's shelf link."""

import base64
import re
import zlib
from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.test import Client
from django.urls import reverse
from django.utils import translation
from oscar.core.loading import get_model
from PIL import Image

from shop.core.templatetags.product_facts import product_facts
from tests.factories.kiosk import ExperienceStoreFactory
from tests.factories.merchants import merchant_user, zone_staff
from tests.factories.orders import stocked_product

pytestmark = pytest.mark.django_db

Product = get_model("catalogue", "Product")

NAMES = {
    "zh-hans": "雪花秀滋盈肌本润颜水",
    "ko": "설화수 자음수",
    "ja": "雪花秀 滋陰水 ローション",
    "ru": "Сульвасу тонер для лица",
    "en": "Sulwhasoo toner",
}


@pytest.fixture
def store():
    return ExperienceStoreFactory(code="harbin-central", name="哈尔滨中央大街体验店")


@pytest.fixture
def toner():
    product = stocked_product(price="310.00", titles=NAMES)
    Product.objects.filter(pk=product.pk).update(origin_country="133")  # Korea
    product.refresh_from_db()
    return product


@pytest.fixture
def staff_client():
    client = Client()
    client.force_login(zone_staff())
    return client


def query(store, products, languages):
    return {
        "store": store.pk,
        "products": [p.pk for p in products],
        "languages": languages,
    }


def expected_facts(product, language):
    """What the product page says: the same tag, for an anonymous shopper."""

    with translation.override(language):
        return product_facts({"request": None}, product)


def test_the_print_view_shows_names_price_with_tax_origin_trade_mode_and_shelf_qr(
    staff_client, store, toner
):
    url = reverse("attribution-dashboard:shelf-labels-print")
    assert url.startswith("/zh-hans/dashboard/")
    response = staff_client.get(
        "/ko" + url.removeprefix("/zh-hans"), query(store, [toner], ["zh-hans", "ko", "ru"])
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('class="label"') == 1
    for language in ("zh-hans", "ko", "ru"):
        assert f'lang="{language}">{NAMES[language]}</p>' in html
    assert NAMES["ja"] not in html
    assert NAMES["en"] not in html
    facts = expected_facts(toner, "ko")
    assert facts.unit_tax > 0
    assert f'data-amount="{facts.price_with_tax}"' in html
    assert facts.price_with_tax == Decimal("310.00") + facts.unit_tax
    assert f'data-amount="{facts.unit_tax}"' in html
    with translation.override("ko"):
        assert str(toner.get_origin_country_display()) in html
        assert str(facts.trade_mode_label) in html
    shelf = f"http://testserver/ko/s/{store.code}/{toner.pk}/"
    assert f'data-shelf-url="{shelf}"' in html
    assert html.count("<svg") == 1  # the QR code, drawn inline
    css = Path(finders.find("shop/attribution/shelf_labels.css")).read_text()
    assert "@media print" in css
    assert "size: A4" in css


def test_the_pdf_holds_the_labels_text_and_is_small(staff_client, store, toner):
    other = stocked_product(price="88.00", titles={"zh-hans": "阿尔泰蜂蜜", "ru": "Алтайский мёд"})
    response = staff_client.get(
        reverse("attribution-dashboard:shelf-labels-pdf"),
        query(store, [toner, other], ["zh-hans", "ko", "ja", "ru"]),
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    pdf = response.content
    assert pdf.startswith(b"%PDF-1.")
    assert len(pdf) < 200_000  # CJK fonts are not embedded
    # CJK through the built-in CID fonts, Cyrillic through an embedded TrueType subset
    for font in (b"STSong-Light", b"HYSMyeongJo-Medium", b"HeiseiKakuGo-W5"):
        assert font in pdf
    text = content_streams(pdf)
    # the CID fonts' strings are UTF-16BE (UniGB/KSC/JIS-UCS2-H), shown as PDF strings
    for name in (NAMES["zh-hans"], NAMES["ko"]):
        encoded = name.encode("utf-16-be")
        assert pdf_string_bytes(text).find(encoded) >= 0, name
    # Latin text is in the embedded TrueType subsets: decode it through their ToUnicode maps
    facts = expected_facts(toner, "zh-hans")
    with translation.override("zh-hans"):
        shown = subset_texts(text)
        assert f"¥{facts.price_with_tax:.2f}" in shown
        assert NAMES["ru"] in shown


def subset_texts(content: str) -> list[str]:
    """Each shown string decoded through every ToUnicode map of a one-byte font subset."""
    maps = []
    for block in re.findall(r"beginbfchar(.*?)endbfchar", content, re.S):
        pairs = re.findall(r"<([0-9A-Fa-f]{2})> <([0-9A-Fa-f]{4})>", block)
        if pairs:
            maps.append({int(code, 16): chr(int(uni, 16)) for code, uni in pairs})
    strings = [
        pdf_string_bytes(f"({raw}) Tj")
        for raw in re.findall(r"\(((?:\\.|[^\\)])*)\)\s*Tj", content, re.S)
    ]
    return [
        "".join(mapping.get(byte, "\ufffd") for byte in raw.rstrip(b"\x00"))
        for raw in strings
        for mapping in maps
    ]


def content_streams(pdf: bytes) -> str:
    """Every stream of ``pdf`` undone from its ASCII85/Flate filters (pypdf is not installed)."""
    inflated = []
    header = rb"/Filter \[ ([/\w ]+) \] /Length (\d+)[^>]*>>\s*stream\r?\n"
    for match in re.finditer(header, pdf):
        start = match.end()
        data = pdf[start : start + int(match.group(2))]
        for name in match.group(1).split():
            if name == b"/ASCII85Decode":
                data = base64.a85decode(data.strip(), adobe=True)
            elif name == b"/FlateDecode":
                data = zlib.decompress(data)
        inflated.append(data)
    assert inflated
    return b"".join(inflated).decode("latin-1")


def pdf_string_bytes(content: str) -> bytes:
    """The bytes of every literal string ``(…)`` in a content stream, escapes undone, joined."""
    out = bytearray()
    for match in re.finditer(r"\(((?:\\.|[^\\)])*)\)\s*Tj", content, re.S):
        raw = match.group(1)
        index = 0
        while index < len(raw):
            char = raw[index]
            if char == "\\":
                nxt = raw[index + 1]
                if nxt in "01234567":
                    digits = re.match(r"[0-7]{1,3}", raw[index + 1 :]).group(0)
                    out.append(int(digits, 8))
                    index += 1 + len(digits)
                    continue
                out.append({"n": 10, "r": 13, "t": 9, "b": 8, "f": 12}.get(nxt, ord(nxt)))
                index += 2
                continue
            out.append(ord(char))
            index += 1
        out.extend(b"\x00\x00\x00\x00")
    return bytes(out)


def test_the_pdf_qr_code_reads_back_as_the_shelf_link(staff_client, store, toner):
    """Draw the PDF's QR modules into an image and decode them with zxing-cpp."""
    import zxingcpp

    from shop.attribution import qr

    url = f"http://testserver/zh-hans/s/{store.code}/{toner.pk}/"
    side = qr.size(url)
    scale = 8
    image = Image.new("L", ((side + 8) * scale, (side + 8) * scale), 255)
    pixels = image.load()
    for col, row in qr.modules(url):
        for dx in range(scale):
            for dy in range(scale):
                pixels[(col + 4) * scale + dx, (row + 4) * scale + dy] = 0
    [result] = zxingcpp.read_barcodes(image)
    assert result.text == url


def test_barcodes_pick_products_and_unknown_ones_are_reported(staff_client, store, toner):
    url = reverse("attribution-dashboard:shelf-labels-print")
    response = staff_client.get(
        url, {"store": store.pk, "barcodes": f"{toner.upc}\n", "languages": ["zh-hans"]}
    )
    assert response.status_code == 200
    assert response.content.decode().count('class="label"') == 1
    response = staff_client.get(
        url, {"store": store.pk, "barcodes": "0000000000000", "languages": ["zh-hans"]}
    )
    assert response.status_code == 400
    with translation.override("zh-hans"):
        assert "0000000000000" in response.content.decode()


def test_only_staff_reach_the_shelf_labels(store, toner):
    urls = [
        reverse("attribution-dashboard:shelf-labels"),
        reverse("attribution-dashboard:shelf-labels-print"),
        reverse("attribution-dashboard:shelf-labels-pdf"),
    ]
    params = query(store, [toner], ["zh-hans"])
    merchant = Client()
    merchant.force_login(merchant_user())
    anonymous = Client()
    for url in urls:
        assert merchant.get(url, params).status_code == 403
        assert merchant.post(url, params).status_code == 403
        response = anonymous.get(url, params)
        assert response.status_code == 302
        assert "login" in response["Location"]
