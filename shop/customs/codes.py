"""Customs code tables used across the shop (spec digest §7).

Labels are translated for people; the values are what customs messages carry and are never
translated.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CountryCode(models.TextChoices):
    """3-digit customs country (region) codes, JGS-20 (spec §7.1). Only the origins we trade with
    and their neighbours; extend from the table when a merchant needs another origin."""

    CHINA = "142", _("China")
    HONG_KONG = "110", _("Hong Kong, China")
    JAPAN = "116", _("Japan")
    KOREA = "133", _("Republic of Korea")
    RUSSIA = "344", _("Russian Federation")
    THAILAND = "136", _("Thailand")
    VIET_NAM = "141", _("Viet Nam")
    GERMANY = "304", _("Germany")
    FRANCE = "305", _("France")
    USA = "502", _("United States")
    AUSTRALIA = "601", _("Australia")
    NEW_ZEALAND = "609", _("New Zealand")


class TradeMode(models.TextChoices):
    """Supervision modes for retail imports (spec §7.4)."""

    BONDED_1210 = "1210", _("Bonded import (1210)")
    DIRECT_MAIL_9610 = "9610", _("Direct mail import (9610)")


class UnitCode(models.TextChoices):
    """Customs measurement units, JGS-20 (spec §7.3). Values as in the official samples."""

    SET_MACHINE = "001", _("set (台)")
    SET = "006", _("set (套)")
    PIECE = "007", _("piece (个)")
    PIECE_ZHI = "008", _("piece (只)")
    ITEM = "011", _("item (件)")
    STICK = "012", _("stick (支)")
    STRIP = "015", _("strip (条)")
    PAIR_FU = "019", _("pair (副)")
    SLICE = "020", _("sheet (片)")
    PAIR = "025", _("pair (双)")
    KILOGRAM = "035", _("kilogram")
    GRAM = "036", _("gram")
    LITRE = "095", _("litre")
    MILLILITRE = "096", _("millilitre")
    CASE = "120", _("case (箱)")
    CAN = "122", _("can (罐)")
    PACK = "125", _("pack (包)")
    BAG = "136", _("bag (袋)")
    BOX = "140", _("box (盒)")
    BOTTLE = "142", _("bottle (瓶)")
