"""Parsing the rates CSV (issue #11): ``date,currency,rate[,note]`` with a header; every bad row
is reported with its row number (the header is row 1) and a translated message; any error
rejects the whole file."""

import datetime
from decimal import Decimal

import pytest
from django.utils import translation
from django.utils.translation import gettext

from shop.rates.services import ImportRejected, reference_rates_parse_csv


def rejected(data: bytes, language: str = "en") -> dict:
    """The per-row errors of a refused file, in ``language`` (the site's default is zh-hans)."""
    with translation.override(language), pytest.raises(ImportRejected) as caught:
        reference_rates_parse_csv(data)
    return {row: message for row, message in caught.value.errors}


def test_a_good_file_is_parsed_with_row_numbers():
    rows = reference_rates_parse_csv(
        "\ufeffDate, Currency ,RATE,note\n"
        "2026-12-01,krw,190.25,Bank of China 09:30\n"
        "\n"
        '2026-12-01,JPY,21.04,"a note, with a comma"\n'
        "2026-12-01,RUB,12.5,\n".encode()
    )
    assert [(r.row, r.currency, r.rate_date, r.rate, r.note) for r in rows] == [
        (2, "KRW", datetime.date(2026, 12, 1), Decimal("190.25"), "Bank of China 09:30"),
        (4, "JPY", datetime.date(2026, 12, 1), Decimal("21.04"), "a note, with a comma"),
        (5, "RUB", datetime.date(2026, 12, 1), Decimal("12.5"), ""),
    ]


def test_without_a_note_column_notes_are_left_alone():
    (row,) = reference_rates_parse_csv(b"currency,date,rate\nKRW,2026-12-01,190\n")
    assert row.note is None
    assert row.rate == Decimal("190")


def test_every_bad_row_is_reported_with_its_number():
    errors = rejected(
        b"date,currency,rate\n"
        b"2026-12-01,KRW,190.25\n"  # 2: fine
        b"01.12.2026,JPY,21\n"  # 3: not an ISO date
        b"2026-12-01,XYZ,21\n"  # 4: no such currency
        b"2026-12-01,RUB,12,5\n"  # 5: decimal comma splits the row
        b"2026-12-01,RUB,-12.5\n"  # 6: negative
        b"2026-12-01,CNY,1\n"  # 7: the settlement currency
        b"2026-12-01,KRW,191\n"  # 8: KRW on that day twice
        b"2026-12-02,JPY,21.0000001\n"  # 9: more than 6 decimals
        b"2026-02-30,JPY,21\n"  # 10: no such day
    )
    assert sorted(errors) == [3, 4, 5, 6, 7, 8, 9, 10]
    assert "01.12.2026" in errors[3]
    assert "XYZ" in errors[4]
    assert "(first in row 2)" in errors[8]


def test_messages_are_translated():
    with translation.override("ru"):
        errors = rejected(b"date,currency,rate\n2026-12-01,KRW,abc\n", language="ru")
        expected = gettext(
            "“%(value)s” is not a rate: a positive number with a dot for decimals, e.g. 190.25."
        ) % {"value": "abc"}
    assert errors == {2: expected}


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"2026-12-01,KRW,190\n",  # no header
        b"date,currency\n2026-12-01,KRW\n",  # rate column missing
        b"date,currency,rate,extra\n2026-12-01,KRW,190,x\n",  # unknown column
    ],
)
def test_a_file_without_the_header_is_refused_at_row_1(data):
    assert list(rejected(data)) == [1]


def test_a_header_alone_holds_no_rates():
    assert list(rejected(b"date,currency,rate\n\n")) == [None]


def test_not_utf8_is_refused():
    assert list(rejected("date,currency,rate\n2026-12-01,KRW,190,é\n".encode("latin-1"))) == [None]
