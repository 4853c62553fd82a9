"""Validators for Chinese identity data on customs declarations: the resident identity card
number (公民身份号码, GB 11643-1999) and mainland mobile numbers.

Both return the normalised value and raise ``ValidationError`` with a translated message and a
``code`` per failure, so forms and model ``validators=[...]`` can use them alike. Messages never
repeat the value: it is personal data.
"""

import datetime
import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

RESIDENT_ID_LENGTH = 18
# GB 11643-1999 §6 (ISO 7064 MOD 11-2): weight of each of the first 17 digits, and the check
# character for each value of the weighted sum mod 11.
CHECK_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARS = "10X98765432"
# First two digits: province-level region (GB/T 2260). 71 Taiwan, 81/82 Hong Kong/Macao
# residence permits, 83 Taiwan residents' permits, 91 overseas: rare, accepted.
REGION_CODES = frozenset(
    [*range(11, 16), *range(21, 24), *range(31, 38), *range(41, 47), *range(50, 55)]
    + [*range(61, 66), 71, 81, 82, 83, 91]
)
MIN_BIRTH_YEAR = 1900

_RESIDENT_ID_RE = re.compile(r"[0-9]{17}[0-9X]")
_MOBILE_RE = re.compile(r"1[3-9][0-9]{9}")
_MOBILE_PREFIX_RE = re.compile(r"^(?:\+86|0086)")


def _clean(value, strip: str) -> str:
    if value is None:
        return ""
    # NFKC: full-width digits typed with a Chinese IME become ASCII (１３８ -> 138).
    return re.sub(strip, "", unicodedata.normalize("NFKC", str(value)))


def resident_id_check_char(first17: str) -> str:
    """The check character (0-9 or X) for the first 17 digits of a resident ID number."""
    total = sum(int(digit) * weight for digit, weight in zip(first17, CHECK_WEIGHTS, strict=True))
    return CHECK_CHARS[total % 11]


def validate_resident_id(value: str) -> str:
    """Check an 18-character resident identity card number (GB 11643-1999) and return it
    normalised: whitespace removed, full-width digits folded, check character ``x`` upper-cased.

    Raises ``ValidationError`` with code ``id_length`` (not 18 characters; also the 15-digit
    first-generation numbers, invalid since 2013), ``id_format`` (not 17 digits + digit/X),
    ``id_region`` (unknown province code), ``id_birthdate`` (not a real date, before 1900 or in
    the future) or ``id_checksum`` (check character does not match).
    """
    number = _clean(value, r"\s+").upper()
    if len(number) != RESIDENT_ID_LENGTH:
        raise ValidationError(
            _("A resident identity card number has 18 characters."), code="id_length"
        )
    if not _RESIDENT_ID_RE.fullmatch(number):
        raise ValidationError(
            _("A resident identity card number is 17 digits followed by a digit or X."),
            code="id_format",
        )
    if int(number[:2]) not in REGION_CODES:
        raise ValidationError(
            _("This resident identity card number does not start with a valid region code."),
            code="id_region",
        )
    try:
        birth_date = datetime.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        birth_date = None
    if birth_date is None or birth_date.year < MIN_BIRTH_YEAR or birth_date > timezone.localdate():
        raise ValidationError(
            _("This resident identity card number does not contain a valid date of birth."),
            code="id_birthdate",
        )
    if resident_id_check_char(number[:17]) != number[17]:
        raise ValidationError(
            _("This resident identity card number is not valid: its check character is wrong."),
            code="id_checksum",
        )
    return number


def validate_mainland_mobile(value: str) -> str:
    """Check a mainland China mobile number and return its 11 digits: spaces, dashes and
    brackets removed, a ``+86``/``0086`` prefix dropped.

    Raises ``ValidationError`` with code ``phone_format`` for anything else, landlines included.
    """
    number = _MOBILE_PREFIX_RE.sub("", _clean(value, r"[\s\-()]+"))
    if not _MOBILE_RE.fullmatch(number):
        raise ValidationError(
            _("Enter a mainland China mobile number: 11 digits starting with 13 to 19."),
            code="phone_format",
        )
    return number
