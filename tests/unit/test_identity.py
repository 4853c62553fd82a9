import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from shop.core.identity import (
    resident_id_check_char,
    validate_mainland_mobile,
    validate_resident_id,
)

# GB 11643-1999's own worked example (Beijing Chaoyang, born 1949-12-31, check character X).
STANDARD_EXAMPLE = "11010519491231002X"


def make_id(region="110105", birth="19900307", sequence="123"):
    first17 = region + birth + sequence
    return first17 + resident_id_check_char(first17)


def error_code(validator, value):
    with pytest.raises(ValidationError) as excinfo:
        validator(value)
    return excinfo.value.code


def test_check_character_of_the_standards_example():
    assert resident_id_check_char(STANDARD_EXAMPLE[:17]) == "X"
    assert resident_id_check_char("21010219900307123") == "3"


@pytest.mark.parametrize(
    "number", [STANDARD_EXAMPLE, "210102199003071233", make_id("310101", "20000229", "001")]
)
def test_valid_numbers_are_returned_unchanged(number):
    assert validate_resident_id(number) == number


def test_lower_case_x_whitespace_and_full_width_digits_are_normalised():
    assert validate_resident_id(" 11010519491231002x ") == STANDARD_EXAMPLE
    assert validate_resident_id("2101 0219 9003 0712 33") == "210102199003071233"
    assert validate_resident_id("２１０１０２１９９００３０７１２３３") == "210102199003071233"


def test_wrong_check_character():
    assert error_code(validate_resident_id, "110105194912310021") == "id_checksum"
    assert error_code(validate_resident_id, "210102199003071235") == "id_checksum"


@pytest.mark.parametrize(
    "birth",
    [
        "19900230",  # 30 February
        "19901301",  # month 13
        "19900000",
        "18800101",  # before 1900 (the standard's other well-known example, 440524188001010014)
    ],
)
def test_impossible_birth_dates(birth):
    assert error_code(validate_resident_id, make_id(birth=birth)) == "id_birthdate"


def test_the_1880_example_has_a_valid_checksum_but_is_refused_for_its_date():
    assert resident_id_check_char("44052418800101001") == "4"
    assert error_code(validate_resident_id, "440524188001010014") == "id_birthdate"


def test_birth_date_in_the_future():
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    assert error_code(validate_resident_id, make_id(birth=tomorrow.strftime("%Y%m%d"))) == (
        "id_birthdate"
    )
    today = timezone.localdate().strftime("%Y%m%d")
    assert validate_resident_id(make_id(birth=today)) == make_id(birth=today)


@pytest.mark.parametrize("region", ["000000", "990101", "100101", "240101"])
def test_unknown_region(region):
    assert error_code(validate_resident_id, make_id(region=region)) == "id_region"


@pytest.mark.parametrize("region", ["710101", "810000", "830000", "910000", "650102"])
def test_rare_but_real_regions_are_accepted(region):
    number = make_id(region=region)
    assert validate_resident_id(number) == number


@pytest.mark.parametrize(
    "value", ["", None, "11010519491231002", "11010519491231002X1", "110105491231002"]
)
def test_wrong_length(value):
    assert error_code(validate_resident_id, value) == "id_length"


@pytest.mark.parametrize(
    "value", ["1101051949123100AX", "X10105194912310021", "11010519491231002Y"]
)
def test_non_digits(value):
    assert error_code(validate_resident_id, value) == "id_format"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("13812345678", "13812345678"),
        ("+8613812345678", "13812345678"),
        ("+86 138 1234 5678", "13812345678"),
        ("0086-199-1234-5678", "19912345678"),
        ("138-1234-5678", "13812345678"),
        ("１３８１２３４５６７８", "13812345678"),
    ],
)
def test_mobile_numbers_are_normalised(value, expected):
    assert validate_mainland_mobile(value) == expected


@pytest.mark.parametrize(
    "value",
    [
        "010-12345678",  # Beijing landline: 11 digits, but not a mobile
        "02112345678",
        "12812345678",  # 12x is not a mobile range
        "1381234567",
        "138123456789",
        "+85291234567",  # Hong Kong
        "",
        None,
    ],
)
def test_non_mobile_numbers_are_refused(value):
    assert error_code(validate_mainland_mobile, value) == "phone_format"


@pytest.mark.parametrize(
    ("validator", "value"),
    [
        (validate_resident_id, "123"),
        (validate_resident_id, "11010519491231002Y"),
        (validate_resident_id, "000105194912310021"),
        (validate_resident_id, make_id(birth="19900230")),
        (validate_resident_id, "110105194912310021"),
        (validate_mainland_mobile, "010-12345678"),
    ],
)
def test_messages_are_marked_for_translation_and_never_echo_the_value(validator, value):
    with pytest.raises(ValidationError) as excinfo:
        validator(value)
    message = excinfo.value.message
    # A lazy gettext proxy: rendered in the active language at display time.
    assert type(message).__name__ == "__proxy__"
    assert value not in str(message)
