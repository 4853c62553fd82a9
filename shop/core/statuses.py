"""Translated labels for what Oscar stores as plain English text (issue #10).

Oscar keeps order and line statuses as the strings of ``OSCAR_ORDER_STATUS_PIPELINE`` /
``OSCAR_LINE_STATUS_PIPELINE`` ("Pending payment", "Paid" …) and a surcharge's name as it was
when the order was placed. These are the one mapping from those strings to translated labels;
templates use ``{{ order.status|status_label }}`` and ``{{ charge|surcharge_label }}``
(``{% load shop_format %}``), Python code ``status_label(order.status)``. A status that is not
listed is shown as stored.
"""

from django.utils.translation import gettext_lazy as _

# settings.OSCAR_ORDER_STATUS_PIPELINE
ORDER_STATUS_LABELS = {
    "Pending payment": _("Pending payment"),
    "Paid": _("Paid"),
    "Shipped": _("Shipped"),
    "Complete": _("Complete"),
    "Cancelled": _("Cancelled"),
}

# Line statuses: Oscar has none by default (OSCAR_LINE_STATUS_PIPELINE = {}); these are the
# ones its documentation and sandbox use, so a pipeline built from them is translated.
LINE_STATUS_LABELS = {
    "Pending": _("Pending"),
    "Being processed": _("Being processed"),
    "Processed": _("Processed"),
    "Shipped": _("Shipped"),
    "Complete": _("Complete"),
    "Cancelled": _("Cancelled"),
}

# Surcharges by code (the stored name is in the language of the checkout that placed the order)
SURCHARGE_LABELS = {
    "cross-border-import-tax": _("Cross-border import tax"),
}

_LABELS = {**LINE_STATUS_LABELS, **ORDER_STATUS_LABELS}


def status_label(value) -> str:
    """``"Paid"`` -> ``"已付款"`` (active language); an unknown status is returned unchanged,
    ``None`` -> ``""``."""
    if value is None:
        return ""
    label = _LABELS.get(str(value))
    return str(label) if label is not None else str(value)


def surcharge_label(surcharge) -> str:
    """An order's ``Surcharge`` (or a checkout surcharge) by its code, translated; else its
    stored name."""
    label = SURCHARGE_LABELS.get(getattr(surcharge, "code", "") or "")
    return str(label) if label is not None else str(getattr(surcharge, "name", surcharge))
