"""Read side of the customs app."""

import datetime
import re
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db.models import F, Sum
from django.utils import timezone

from .models import Declaration, OrdererIdentity

CUSTOMS_TZ = ZoneInfo("Asia/Shanghai")

# Declarations that count toward the annual 26 000 CNY (spec §8.1): paid and not refused,
# cancelled or returned. Unpaid checkouts do not use quota.
QUOTA_STATUSES = (
    Declaration.Status.HELD,
    Declaration.Status.PAID,
    Declaration.Status.DECLARED,
    Declaration.Status.UNDER_REVIEW,
    Declaration.Status.RELEASED,
)


def _year_bounds(year: int) -> tuple[datetime.datetime, datetime.datetime]:
    start = datetime.datetime(year, 1, 1, tzinfo=CUSTOMS_TZ)
    return start, start.replace(year=year + 1)


def annual_quota_used(*, id_number_hash: str, year: int | None = None) -> Decimal:
    """Dutiable value of this ID number's counted declarations in the calendar year (Beijing
    time), from this shop's own records."""
    year = year or timezone.now().astimezone(CUSTOMS_TZ).year
    start, end = _year_bounds(year)
    total = Declaration.objects.filter(
        orderer_id_hash=id_number_hash,
        status__in=QUOTA_STATUSES,
        created_at__gte=start,
        created_at__lt=end,
    ).aggregate(total=Sum(F("dutiable_value") - F("returned_dutiable_value")))["total"]
    return total or Decimal("0.00")


def annual_quota_declarations_for_user(*, user, year: int | None = None):
    """The signed-in account's own declarations counting toward the annual limit this calendar
    year (Beijing time), newest first. Only this account's orders: what other accounts declared
    with the same ID number counts at checkout (``annual_quota_used``) but is never shown."""
    year = year or timezone.now().astimezone(CUSTOMS_TZ).year
    start, end = _year_bounds(year)
    return (
        Declaration.objects.filter(
            order__user=user,
            status__in=QUOTA_STATUSES,
            created_at__gte=start,
            created_at__lt=end,
        )
        .select_related("order")
        .order_by("-created_at", "-pk")
    )


def orderer_identity_list(*, user):
    return OrdererIdentity.objects.filter(user=user)


def declaration_list_for_order(*, order):
    return (
        Declaration.objects.filter(order=order)
        .select_related("warehouse", "partner")
        .prefetch_related("lines__order_line", "status_changes")
    )


def declaration_list_for_user(*, user):
    """Declarations a dashboard user may see: staff all, a merchant only its own."""
    queryset = Declaration.objects.select_related("order", "partner", "warehouse")
    if user.is_staff:
        return queryset
    return queryset.filter(partner__users=user)


MASKED_ELEMENTS = {
    "buyerIdNumber": "id",
    "payerIdNumber": "id",
    "buyerTelephone": "phone",
    "consigneeTelephone": "phone",
    "telephone": "phone",
    "buyerName": "name",
    "payerName": "name",
    "consignee": "name",
    "consigneeAddress": "address",
}


def message_xml_masked(xml: str) -> str:
    """A stored customs message for display: the personal fields masked, the signature values
    shortened. Never shown unmasked anywhere (staff fix data in the shop, not in the XML)."""
    from shop.core.masking import mask_id_number, mask_name, mask_phone

    masks = {
        "id": mask_id_number,
        "phone": mask_phone,
        "name": mask_name,
        "address": lambda v: v[:6] + "*" * max(len(v) - 6, 0),
    }

    def replace(match):
        tag, value = match.group(1), match.group(2)
        return f"<ceb:{tag}>{masks[MASKED_ELEMENTS[tag]](value)}</ceb:{tag}>"

    pattern = r"<ceb:(" + "|".join(MASKED_ELEMENTS) + r")>([^<]*)</ceb:\1>"
    xml = _pretty(re.sub(pattern, replace, xml))
    return re.sub(
        r"<ds:(SignatureValue|X509Certificate)>([^<]{24})[^<]*</ds:\1>",
        r"<ds:\1>\2…</ds:\1>",
        xml,
    )


def _pretty(xml: str) -> str:
    """Indented for reading (display only: the stored, signed bytes are never changed)."""
    from lxml import etree

    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, remove_blank_text=True
    )
    try:
        root = etree.fromstring(xml.encode("utf-8"), parser)
    except etree.XMLSyntaxError:
        return xml
    return etree.tostring(root, pretty_print=True, encoding="unicode")
