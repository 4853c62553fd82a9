"""Experience stores (体验店): "view offline, order online" (issue #3 records them; the kiosk issue
binds devices to them)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ExperienceStore(models.Model):
    code = models.SlugField(_("Code"), max_length=64, unique=True)
    name = models.CharField(_("Name"), max_length=128)
    province = models.CharField(_("Province"), max_length=64)
    city = models.CharField(_("City"), max_length=64)
    address = models.CharField(_("Address"), max_length=255)
    opening_hours = models.CharField(_("Opening hours"), max_length=128, blank=True)
    phone = models.CharField(_("Phone"), max_length=32, blank=True)
    is_active = models.BooleanField(_("Active"), default=True)

    class Meta:
        ordering = ("code",)
        verbose_name = _("Experience store")
        verbose_name_plural = _("Experience stores")

    def __str__(self):
        return self.name
