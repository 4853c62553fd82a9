"""load_demo's CMS part (issue #11): every demo page in five languages, made with
wagtail-localize, idempotent, the home page as the site root."""

import json
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Page, Site
from wagtail_localize.models import StringTranslation, Translation

from cms.models import (
    BrandPage,
    ExhibitionPage,
    HomePage,
    LiveStreamPage,
    Menu,
    PavilionPage,
    StoreIndexPage,
    StorePage,
)

pytestmark = pytest.mark.django_db

HANGUL = re.compile(r"[\uac00-\ud7a3]")
KANA = re.compile(r"[\u3040-\u30ff]")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")

DEMO_PATHS = [
    "",
    "stores/",
    "stores/changchun/",
    "stores/dalian/",
    "korea/",
    "japan/",
    "russia/",
    "korea/cheongkwanjang/",
    "spring-import-fair/",
    "live-hunchun-beauty/",
]


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    call_command("load_demo", "--no-images", "--no-orders", stdout=StringIO())


def test_demo_pages_exist_in_five_languages(demo, admin_client):
    for model, count in (
        (HomePage, 1),
        (StoreIndexPage, 1),
        (StorePage, 2),
        (PavilionPage, 3),
        (ExhibitionPage, 1),
        (LiveStreamPage, 1),
        (BrandPage, 1),
    ):
        assert model.objects.live().count() == count * 5, model
    assert Site.objects.get(is_default_site=True).root_page.specific_class is HomePage
    # Wagtail's welcome page is gone
    assert not Page.objects.filter(depth=2).exclude(content_type__app_label="cms").exists()
    assert Menu.objects.count() == 10

    # translations made the wagtail-localize way, so its editor shows them as translated
    pavilion_ko = PavilionPage.objects.get(slug="korea", locale__language_code="ko")
    translation = Translation.objects.get(
        source__object_id=pavilion_ko.translation_key, target_locale__language_code="ko"
    )
    assert translation.enabled
    strings = StringTranslation.objects.filter(
        locale__language_code="ko", context__object_id=pavilion_ko.translation_key
    )
    assert strings.filter(data="한국관").exists()
    assert HANGUL.search(pavilion_ko.story)
    # staff edit it in wagtail-localize's translation editor, strings shown as translated
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=(pavilion_ko.pk,)))
    assert response.status_code == 200
    assert "wagtail_localize/admin/edit_translation.html" in [t.name for t in response.templates]
    assert json.dumps("한국관")[1:-1] in response.content.decode()


def test_every_demo_page_answers_in_its_language(demo, client):
    scripts = {"ko": HANGUL, "ja": KANA, "ru": CYRILLIC}
    for path in DEMO_PATHS:
        for language, script in scripts.items():
            response = client.get(f"/{language}/{path}")
            assert response.status_code == 200, (language, path)
            main = response.content.decode().split('id="content_inner"', 1)[1]
            assert script.search(main), (language, path)
    # strings inside list items (the steps of "view offline, order online") are translated too
    store = client.get("/ko/stores/changchun/").content.decode()
    assert "실물 확인" in store
    assert "看实物" not in store
    english = client.get("/en/korea/").content.decode()
    assert "Korea Pavilion" in english
    assert "한국관" not in english.split('id="content_inner"', 1)[1]


def test_demo_cms_is_idempotent(demo):
    counts = (Page.objects.count(), Menu.objects.count(), StringTranslation.objects.count())
    call_command("load_demo", "--no-images", "--no-orders", stdout=StringIO())
    assert (
        Page.objects.count(),
        Menu.objects.count(),
        StringTranslation.objects.count(),
    ) == counts
