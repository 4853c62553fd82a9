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
