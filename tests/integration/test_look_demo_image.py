"""The demo's package shots draw every text in a font that has its glyphs (issue #11: Pillow's
built-in font drew "Kosé" with a box). A missing glyph renders as the font's .notdef box, so
each character is compared with the mask of a character no font has."""

import io
import os
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from shop.demo import data
from shop.demo.services import DEMO_FONT_FILES, _demo_font, _image

NO_SUCH_CHARACTER = "\U0010fffd"  # plane 16 private use: drawn as .notdef by every font

if not any(Path(path).exists() for path in DEMO_FONT_FILES):
    if os.environ.get("CI"):
        pytest.fail("CI must install fonts-noto-cjk (see .ci/run)", pytrace=False)
    pytestmark = pytest.mark.skip("fonts-noto-cjk is not installed")


def missing_glyphs(font, text: str) -> set[str]:
    notdef = font.getmask(NO_SUCH_CHARACTER)
    notdef = (notdef.size, bytes(notdef))
    missing = set()
    for character in set(text) - {" "}:
        mask = font.getmask(character)
        if (mask.size, bytes(mask)) == notdef:
            missing.add(character)
    return missing


def test_pillows_built_in_font_lacks_the_glyphs_so_the_check_can_tell():
    from PIL import ImageFont

    assert missing_glyphs(ImageFont.load_default(size=40), "Kosé 雪肌精") == {"é", "雪", "肌", "精"}


@pytest.mark.parametrize(
    ("language", "family", "text"),
    [
        ("ja", "Noto Sans CJK JP", "Kosé 雪肌精 コーセー 化粧水 10 × 27 ml"),
        ("ko", "Noto Sans CJK KR", "Sulwhasoo 설화수 윤조에센스"),
        ("zh-hans", "Noto Sans CJK SC", "高丝雪肌精化妆水 Nestlé"),
        ("ru", "Noto Sans CJK SC", "Берёзовый сок «Берёзовый край», 2 × 1 л"),
    ],
)
def test_the_demo_font_has_the_glyphs_in_the_languages_own_shapes(language, family, text):
    font = _demo_font(32, language)
    assert font.getname()[0] == family
    assert missing_glyphs(font, text) == set()


def test_every_text_on_every_demo_image_has_its_glyphs(monkeypatch):
    drawn = []
    original = ImageDraw.ImageDraw.text

    def record(self, xy, text, *args, font=None, **kwargs):
        drawn.append((text, font))
        return original(self, xy, text, *args, font=font, **kwargs)

    monkeypatch.setattr(ImageDraw.ImageDraw, "text", record)
    for product in data.PRODUCTS:
        drawn.clear()
        image = Image.open(io.BytesIO(_image(product).read()))
        assert image.size == (480, 480)
        texts = [text for text, _ in drawn]
        # the brand, the name in the language of the country of origin, the filed Chinese name
        assert product["brand"] in texts
        language = {"133": "ko", "116": "ja", "344": "ru"}[product["origin"]]
        assert texts[1] in product["title"][language]
        assert texts[-1].rstrip("…") in product["customs_name"]
        for text, font in drawn:
            assert missing_glyphs(font, text) == set(), (product["sku"], text)
