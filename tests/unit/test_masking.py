import io
import logging

import pytest
from django.template import Context, Template

from shop.core.masking import (
    PersonalDataFilter,
    mask_id_number,
    mask_name,
    mask_phone,
    mask_text,
)

ID_NUMBER = "210102199003071234"
PHONE = "13812345678"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (ID_NUMBER, "2101**********1234"),
        ("11010519491231002x", "1101**********002x"),
        (" 210102199003071234 ", "2101**********1234"),
        ("210102900307123", "2101*******7123"),  # 15-digit first-generation number
        ("E12345678", "E1*****78"),  # passport
        ("1234", "1**4"),
        ("123", "***"),
        ("", ""),
        (None, ""),
    ],
)
def test_mask_id_number(value, expected):
    assert mask_id_number(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (PHONE, "138****5678"),
        ("+86 138 1234 5678", "+86 138****5678"),
        ("+8613812345678", "+86 138****5678"),
        ("0086-138-1234-5678", "0086 138****5678"),
        (13812345678, "138****5678"),
        ("1234567", "12***67"),
        ("95588", "9***8"),
        ("110", "***"),
        ("", ""),
        (None, ""),
    ],
)
def test_mask_phone(value, expected):
    assert mask_phone(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("李明", "李*"),
        ("欧阳娜娜", "欧***"),
        ("Ivan Petrov", "I*** P*****"),
        ("买买提·艾力", "买**·艾*"),
        ("Anna-Maria Ivanova", "A***-M**** I******"),
        ("李", "*"),
        ("李 明", "李 *"),  # Oscar keeps a Chinese consignee as first + last name
        ("王 小明", "王 **"),
        ("J. Smith", "J* S****"),
        ("", ""),
        (None, ""),
    ],
)
def test_mask_name(value, expected):
    assert mask_name(value) == expected


def test_mask_text_finds_ids_and_mobiles_but_leaves_other_numbers():
    text = (
        f"declarant {ID_NUMBER} phone {PHONE}, alt +86 139-1234-5678, "
        "order 100023 amount 12.50 waybill 7700123456789012345"
    )
    assert mask_text(text) == (
        "declarant 2101**********1234 phone 138****5678, alt +86 139****5678, "
        "order 100023 amount 12.50 waybill 7700123456789012345"
    )


def test_template_filters_mask_and_escape():
    rendered = Template(
        "{% load masking %}{{ id|mask_id }}|{{ phone|mask_phone }}|{{ name|mask_name }}"
        "|{{ evil|mask_name }}|{{ missing|mask_id }}"
    ).render(Context({"id": ID_NUMBER, "phone": PHONE, "name": "欧阳娜娜", "evil": "<b>x"}))
    assert rendered == "2101**********1234|138****5678|欧***|&lt;***|"


@pytest.fixture
def log_output():
    """A real logger whose handler carries the filter, as LOGGING would configure it."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    handler.addFilter(PersonalDataFilter())
    logger = logging.getLogger("tests.masking")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    yield logger, stream
    logger.removeHandler(handler)
    logger.propagate = True


def test_logging_filter_masks_message_args(log_output):
    logger, stream = log_output
    logger.info("declarant %s phone %s", ID_NUMBER, PHONE)
    logger.warning("mapping %(id)s", {"id": ID_NUMBER})
    logging.getLogger("tests.masking.child").info(f"inline {ID_NUMBER} / +86 138 1234 5678")
    output = stream.getvalue()
    assert ID_NUMBER not in output
    assert PHONE not in output
    assert "1234 5678" not in output
    assert output.splitlines() == [
        "INFO declarant 2101**********1234 phone 138****5678",
        "WARNING mapping 2101**********1234",
        "INFO inline 2101**********1234 / +86 138****5678",
    ]


def test_logging_filter_masks_exception_text(log_output):
    logger, stream = log_output
    try:
        raise ValueError(f"duplicate declarant {ID_NUMBER} / {PHONE}")
    except ValueError:
        logger.exception("declaration failed")
    output = stream.getvalue()
    assert "declaration failed" in output
    assert "ValueError: duplicate declarant 2101**********1234 / 138****5678" in output
    assert ID_NUMBER not in output
    assert PHONE not in output
