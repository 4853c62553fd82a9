"""Masking personal data for display: templates, dashboard, logs, exports (style guide §5).

Masks keep the value's length and a few characters to tell records apart
(``2101**********1234``, ``138****5678``, ``李*``) and nothing else. They are for people, not
for matching: compare values through ``shop.core.crypto.blind_index``.

Templates: ``{% load masking %}{{ declarant.id_number|mask_id }}``, ``|mask_phone``,
``|mask_name``. Logs: attach ``PersonalDataFilter`` to every handler (a filter on a logger does not
see records propagated from its children)::

    LOGGING["filters"] = {"personal_data": {"()": "shop.core.masking.PersonalDataFilter"}}
    LOGGING["handlers"]["console"]["filters"] = ["personal_data"]

The filter is a safety net for stray IDs and phones in messages; it does not make it fine to
log payloads (customs XML, webhook bodies): don't.
"""

import logging
import re
import unicodedata

STAR = "*"
# Separators kept visible in names: spaces, the middle dot in transliterated names
# (买买提·艾力), hyphens.
_NAME_SEPARATORS = re.compile(r"([\s·・•\-]+)")
_PHONE_PREFIX = re.compile(r"^(\+86|0086)[\s-]*")
_PHONE_SEPARATORS = re.compile(r"[\s\-()]")

# An 18-character resident ID number: 17 digits and a check digit or X, not part of a longer
# run of letters/digits. Loose on purpose: a typo'd ID number is still personal data.
ID_NUMBER_RE = re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])")
# A mainland mobile number, optionally +86/0086/86 and grouped as 3-4-4.
MOBILE_RE = re.compile(
    r"(?<![0-9A-Za-z+])(?:(?:\+|00)?86[\s-]?)?1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}(?![0-9A-Za-z])"
)


def _to_text(value) -> str:
    if value is None:
        return ""
    return unicodedata.normalize("NFKC", str(value)).strip()


def _keep_ends(text: str, head: int, tail: int) -> str:
    hidden = len(text) - head - tail
    if hidden <= 0:
        return STAR * len(text)
    return text[:head] + STAR * hidden + text[len(text) - tail :]


def mask_id_number(value) -> str:
    """``"210102199003071234"`` -> ``"2101**********1234"``: first and last 4 of an ID number
    (or passport number) of 12 or more characters; shorter values keep a quarter at each end,
    3 characters or fewer are hidden completely. ``None``/``""`` -> ``""``."""
    text = _to_text(value)
    keep = 4 if len(text) >= 12 else len(text) // 4
    return _keep_ends(text, keep, keep)


def mask_phone(value) -> str:
    """``"13812345678"`` -> ``"138****5678"``: first 3 and last 4 of 11 digits or more, a country
    prefix kept (``"+86 138 1234 5678"`` -> ``"+86 138****5678"``), separators dropped; 7 to 10
    characters keep 2 at each end, shorter ones a quarter. ``None``/``""`` -> ``""``."""
    text = _to_text(value)
    prefix = ""
    match = _PHONE_PREFIX.match(text)
    if match:
        prefix, text = match.group(1) + " ", text[match.end() :]
    text = _PHONE_SEPARATORS.sub("", text)
    if not text:
        return prefix.strip()
    if len(text) >= 11:
        head, tail = 3, 4
    elif len(text) >= 7:
        head = tail = 2
    else:
        head = tail = len(text) // 4
    return prefix + _keep_ends(text, head, tail)


_HAN = re.compile(r"[\u3400-\u9fff]")


def mask_name(value) -> str:
    """First character of each part of a name: ``"李明"`` -> ``"李*"``, ``"欧阳娜娜"`` ->
    ``"欧***"``, ``"Ivan Petrov"`` -> ``"I*** P*****"``, ``"买买提·艾力"`` -> ``"买**·艾*"``.
    A one-character name is hidden completely, and so is every one-character part after the
    first (Oscar keeps a Chinese consignee as ``"李 明"``: -> ``"李 *"``, never ``"李 明"``), and a
    Chinese given name after a space (``"王 小明"`` -> ``"王 **"``).
    ``None``/``""`` -> ``""``."""
    text = _to_text(value)
    if len(text) <= 1:
        return STAR * len(text)
    parts = _NAME_SEPARATORS.split(text)
    # split() with a capturing group alternates name parts (even) and separators (odd).
    masked, shown = [], False
    for i, part in enumerate(parts):
        if i % 2 or not part:
            masked.append(part)
        elif shown and (len(part) == 1 or (_HAN.match(part) and parts[i - 1].isspace())):
            # "李 明", "王 小明": Oscar's first + last name of a Chinese name — only the surname
            masked.append(STAR * len(part))
        else:
            masked.append(part[:1] + STAR * (len(part) - 1))
            shown = True
    return "".join(masked)


def mask_text(text: str) -> str:
    """Mask every resident ID number and mainland mobile number inside free text (log lines,
    exception messages, export cells)."""
    text = ID_NUMBER_RE.sub(lambda m: mask_id_number(m.group()), text)
    return MOBILE_RE.sub(lambda m: mask_phone(m.group()), text)


class PersonalDataFilter(logging.Filter):
    """Masks ID numbers and mobile numbers in a record's message (after ``%`` formatting with
    its args), its exception text and stack info. Never drops a record.

    The message is formatted here, once, and the record's ``args`` cleared, so handlers
    downstream only ever see the masked text.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string: mask the parts separately
            message = f"{record.msg} {record.args!r}"
        record.msg = mask_text(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask_text(record.exc_text)
        if record.stack_info:
            record.stack_info = mask_text(record.stack_info)
        return True


# Django applies its DEFAULT_LOGGING before settings.LOGGING and leaves the handlers it attached
# to these loggers in place unless LOGGING configures the loggers again (django/utils/log.py).
_DJANGO_DEFAULT_LOGGERS = ("django", "django.server")


def masked_logging(config: dict) -> dict:
    """``settings.LOGGING`` with ``PersonalDataFilter`` first on *every* handler, so no handler
    can be added without it: ``LOGGING = masked_logging({...})``.

    Django's own default loggers (``django``: console + mail_admins, ``django.server``) are
    reconfigured to hand their records to the root logger's handlers unless the config names them,
    so none of Django's unfiltered default handlers stays attached.
    """
    config = {**config}
    config["filters"] = {
        **config.get("filters", {}),
        "personal_data": {"()": "shop.core.masking.PersonalDataFilter"},
    }
    handlers = {}
    for name, handler in config.get("handlers", {}).items():
        filters = [f for f in handler.get("filters", []) if f != "personal_data"]
        handlers[name] = {**handler, "filters": ["personal_data", *filters]}
    config["handlers"] = handlers
    loggers = {**config.get("loggers", {})}
    for name in _DJANGO_DEFAULT_LOGGERS:
        loggers.setdefault(name, {"handlers": [], "propagate": True})
    config["loggers"] = loggers
    return config


def mask_every_handler() -> list[logging.Handler]:
    """Put ``PersonalDataFilter`` on every handler attached to any logger that lacks one, for
    handlers that libraries add themselves after ``LOGGING`` is applied (haystack adds a
    StreamHandler in its ``ready()``). Returns the handlers it changed."""
    loggers = [logging.getLogger()] + [
        logger
        for logger in logging.Logger.manager.loggerDict.values()
        if isinstance(logger, logging.Logger)
    ]
    changed = []
    for logger in loggers:
        for handler in logger.handlers:
            if isinstance(handler, logging.NullHandler):
                continue
            if not any(isinstance(f, PersonalDataFilter) for f in handler.filters):
                handler.filters.insert(0, PersonalDataFilter())
                changed.append(handler)
    return changed
