"""Wagtail pages. Store, exhibition, pavilion and live-stream pages come in their own issues and
share the block library in cms/blocks.py; for now one general content page (about us, shipping
and customs FAQ) so editors can publish translated information pages with wagtail-localize."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


class ContentPage(Page):
    template = "cms/content_page.html"

    body = RichTextField(_("Body"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("body")]

    class Meta:
        verbose_name = _("Content page")
