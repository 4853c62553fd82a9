"""Staff keep the reference rate table in the dashboard (issue #11): list, add, edit, delete and
CSV import (all or nothing, idempotent, per-row translated errors, a sample file). Merchants,
shoppers and anonymous visitors are refused, for reading and writing alike."""

import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone, translation
from django.utils.translation import gettext

from shop.demo.rates import DEMO_NOTE, demo_rates_load
from shop.rates.models import ReferenceRate
from tests.factories.merchants import merchant_user
from tests.factories.orders import shopper
from tests.factories.users import staff_user

pytestmark = pytest.mark.django_db

BASE = "/en/dashboard/rates/"


@pytest.fixture
def staff():
    return staff_user()


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


@pytest.fixture
def rate(staff):
    return ReferenceRate.objects.create(
        currency="KRW", rate_date=timezone.localdate(), rate=Decimal("190"), entered_by=staff
    )


def urls(rate):
    return [
        BASE,
        f"{BASE}add/",
        f"{BASE}{rate.pk}/edit/",
        f"{BASE}{rate.pk}/delete/",
        f"{BASE}import/",
        f"{BASE}sample.csv",
    ]


def upload(content: bytes, name="rates.csv"):
    return {"file": SimpleUploadedFile(name, content, content_type="text/csv")}


GOOD_POST = {"currency": "jpy", "rate_date": "2026-11-30", "rate": "21.04", "note": "BOC"}


# --- access -------------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_log_in(client, rate):
    for url in urls(rate):
        response = client.get(url)
        assert response.status_code == 302, url
        assert "/login/" in response["Location"]
    for url in urls(rate)[1:5]:
        assert client.post(url, GOOD_POST).status_code == 302
    assert list(ReferenceRate.objects.values_list("currency", "rate")) == [("KRW", Decimal("190"))]


@pytest.mark.parametrize("who", ["merchant", "shopper"])
def test_merchants_and_shoppers_are_refused(client, rate, who):
    client.force_login(merchant_user() if who == "merchant" else shopper())
    for url in urls(rate):
        assert client.get(url).status_code == 403, url
    assert client.post(f"{BASE}add/", GOOD_POST).status_code == 403
    assert client.post(f"{BASE}{rate.pk}/edit/", GOOD_POST).status_code == 403
    assert client.post(f"{BASE}{rate.pk}/delete/").status_code == 403
    csv = b"date,currency,rate\n2026-11-30,RUB,12.5\n"
    assert client.post(f"{BASE}import/", upload(csv)).status_code == 403
    assert list(ReferenceRate.objects.values_list("currency", "rate")) == [("KRW", Decimal("190"))]


def test_a_post_without_the_csrf_token_is_refused(staff):
    client = Client(enforce_csrf_checks=True)
    client.force_login(staff)
    assert client.post(f"{BASE}add/", GOOD_POST).status_code == 403
    assert not ReferenceRate.objects.exists()


def test_the_dashboard_menu_links_the_rates_for_staff_only(client, staff):
    client.force_login(staff)
    assert f'href="{BASE}"' in client.get("/en/dashboard/").content.decode()
    client.force_login(merchant_user())
    page = client.get("/en/dashboard/")
    assert page.status_code == 200
    assert f'href="{BASE}"' not in page.content.decode()


# --- list, add, edit, delete -------------------------------------------------------------


def test_the_list_shows_what_shoppers_see_today(staff_client, rate, settings):
    settings.SHOP_REFERENCE_RATE_MAX_AGE_DAYS = 7
    ReferenceRate.objects.create(
        currency="JPY",
        rate_date=timezone.localdate() - datetime.timedelta(days=8),
        rate=Decimal("21"),
    )
    html = staff_client.get(BASE).content.decode()
    assert 'data-currency="KRW" data-state="current"' in html
    assert 'data-currency="JPY" data-state="stale"' in html
    assert 'data-currency="RUB" data-state="missing"' in html
    assert html.count('<tr class="rate"') == 2
    filtered = staff_client.get(BASE, {"currency": "jpy"}).content.decode()
    assert filtered.count('<tr class="rate"') == 1


def test_staff_add_a_rate(staff_client, staff):
    response = staff_client.post(f"{BASE}add/", GOOD_POST)
    assert response.status_code == 302
    rate = ReferenceRate.objects.get()
    assert (rate.currency, rate.rate_date, rate.rate, rate.note, rate.entered_by) == (
        "JPY",
        datetime.date(2026, 11, 30),
        Decimal("21.04"),
        "BOC",
        staff,
    )


def test_one_rate_per_currency_and_date(staff_client, rate):
    response = staff_client.post(
        f"{BASE}add/",
        {"currency": "KRW", "rate_date": rate.rate_date.isoformat(), "rate": "200"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    assert ReferenceRate.objects.get().rate == Decimal("190")


@pytest.mark.parametrize(
    ("field", "value"),
    [("currency", "CNY"), ("currency", "ZZZ"), ("rate", "0"), ("rate", "-3"), ("rate", "1,5")],
)
def test_a_bad_rate_is_refused(staff_client, field, value):
    response = staff_client.post(f"{BASE}add/", {**GOOD_POST, field: value})
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not ReferenceRate.objects.exists()


def test_the_form_errors_are_translated(staff_client):
    response = staff_client.post("/ko/dashboard/rates/add/", {**GOOD_POST, "currency": "CNY"})
    with translation.override("ko"):
        expected = gettext("Prices are in CNY already: CNY needs no reference rate.")
    assert response.context["form"].errors["currency"] == [expected]


def test_staff_edit_and_delete_a_rate(staff_client, rate):
    other = staff_user("other@shop.example.com")
    staff_client.force_login(other)
    response = staff_client.post(
        f"{BASE}{rate.pk}/edit/",
        {"currency": "KRW", "rate_date": rate.rate_date.isoformat(), "rate": "191.5"},
    )
    assert response.status_code == 302
    rate.refresh_from_db()
    assert (rate.rate, rate.entered_by) == (Decimal("191.5"), other)
    assert staff_client.get(f"{BASE}{rate.pk}/delete/").status_code == 200
    assert ReferenceRate.objects.exists()  # GET only asks
    assert staff_client.post(f"{BASE}{rate.pk}/delete/").status_code == 302
    assert not ReferenceRate.objects.exists()


# --- CSV import -------------------------------------------------------------------------------

GOOD_CSV = (
    b"date,currency,rate,note\n"
    b"2026-11-30,KRW,190.25,BOC 09:30\n"
    b"2026-11-30,JPY,21.04,\n"
    b"2026-12-01,KRW,190.5,BOC 09:30\n"
)


def table():
    return sorted(
        ReferenceRate.objects.values_list("currency", "rate_date", "rate", "note", "updated_at")
    )


def test_import_creates_the_rates_and_reimport_changes_nothing(staff_client, staff):
    response = staff_client.post(f"{BASE}import/", upload(GOOD_CSV), follow=True)
    assert response.redirect_chain[-1][0] == BASE
    with translation.override("en"):
        assert (
            gettext("Imported: %(created)s new, %(updated)s changed, %(unchanged)s unchanged.")
            % {"created": 3, "updated": 0, "unchanged": 0}
            in response.content.decode()
        )
    first = table()
    assert [(c, d.isoformat(), r, n) for c, d, r, n, _u in first] == [
        ("JPY", "2026-11-30", Decimal("21.04"), ""),
        ("KRW", "2026-11-30", Decimal("190.25"), "BOC 09:30"),
        ("KRW", "2026-12-01", Decimal("190.5"), "BOC 09:30"),
    ]
    assert set(ReferenceRate.objects.values_list("entered_by", flat=True)) == {staff.pk}

    again = staff_client.post(f"{BASE}import/", upload(GOOD_CSV), follow=True)
    assert "0 new, 0 changed, 3 unchanged" in again.content.decode()
    assert table() == first  # not even updated_at moved


def test_import_updates_a_changed_rate_in_place(staff_client):
    staff_client.post(f"{BASE}import/", upload(GOOD_CSV))
    corrected = GOOD_CSV.replace(b"21.04", b"21.10")
    response = staff_client.post(f"{BASE}import/", upload(corrected), follow=True)
    assert "0 new, 1 changed, 2 unchanged" in response.content.decode()
    assert ReferenceRate.objects.get(currency="JPY").rate == Decimal("21.10")
    assert ReferenceRate.objects.count() == 3


def test_one_bad_row_and_nothing_is_imported(staff_client, rate):
    bad = GOOD_CSV + b"2026-12-01,RUB,twelve,\n2026-12-01,RUB,12.5,\n"
    before = table()
    response = staff_client.post("/ru/dashboard/rates/import/", upload(bad))
    assert response.status_code == 200
    assert table() == before
    html = response.content.decode()
    with translation.override("ru"):
        row = gettext("Row %(row)s:") % {"row": 5}
        message = gettext(
            "“%(value)s” is not a rate: a positive number with a dot for decimals, e.g. 190.25."
        ) % {"value": "twelve"}
        heading = gettext("Nothing was imported. Correct these rows and upload the file again:")
    assert heading in html
    assert 'data-row="5"' in html
    assert f"{row} {message}" in html


def test_the_sample_file_downloads_and_imports(staff_client, rate):
    response = staff_client.get(f"{BASE}sample.csv")
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    lines = response.content.decode().splitlines()
    today = timezone.localdate().isoformat()
    assert lines[0] == "date,currency,rate,note"
    assert sorted(lines[1:]) == [
        f"{today},JPY,21,",
        f"{today},KRW,190,",  # the stored rate of today
        f"{today},RUB,12.5,",
    ]
    imported = staff_client.post(f"{BASE}import/", upload(response.content), follow=True)
    assert "2 new, 0 changed, 1 unchanged" in imported.content.decode()


# --- demo ---------------------------------------------------------------------------------


def test_demo_rates_are_todays_and_labelled(settings):
    demo_rates_load()
    demo_rates_load()
    rates = ReferenceRate.objects.all()
    assert sorted(r.currency for r in rates) == sorted(settings.SHOP_REFERENCE_CURRENCIES.values())
    assert {r.rate_date for r in rates} == {timezone.localdate()}
    assert {r.note for r in rates} == {DEMO_NOTE}
