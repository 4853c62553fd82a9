"""Wagtail pages (issue #11): the home page, experience stores, national pavilions, exhibitions,
brands, live-streams and plain content pages, all sharing the block library in cms/blocks.py,
plus the header and footer menus.

Every page type is translatable with wagtail-localize (zh-hans is the source language). A page
without a translation in the active language is served from the source tree under that
language's prefix (``HomePage.route``; the URL rule is ``cms.localization.page_url``).
"""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.http import Http404, HttpResponseRedirect
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Locale, Orderable, Page, TranslatableMixin
from wagtail_localize.fields import SynchronizedField

from shop.customs.codes import CountryCode

from .blocks import BodyBlock
from .localization import active_locale, localized_pages

# Page types a content editor may put under the home page (and under plain content pages).
SECTION_PAGE_TYPES = [
    "cms.ContentPage",
    "cms.StoreIndexPage",
    "cms.PavilionPage",
    "cms.ExhibitionPage",
    "cms.BrandPage",
    "cms.LiveStreamPage",
]


def _body(blank=True):
    return StreamField(BodyBlock(), verbose_name=_("Body"), blank=blank)


def search_products(*, limit, **filters):
    """Products through the search interface (same rule as the shop's listings: browsable
    products only), loaded with what the product card needs."""
    from integrations.registry import get_backend
    from integrations.search.base import SearchQuery
    from shop.apps.search.selectors import product_list_by_ids

    result = get_backend("search").search(
        SearchQuery(language=get_language(), limit=limit, **filters)
    )
    return product_list_by_ids(product_ids=result.product_ids)


class CmsRedirectMixin:
    """Send the shopper to a page's translation when the fallback found the source page but
    the translation exists under another slug (set by ``HomePage.route``)."""

    def serve(self, request, *args, **kwargs):
        target = getattr(request, "_cms_redirect_to", None)
        if target and target != request.path:
            return HttpResponseRedirect(target)
        return super().serve(request, *args, **kwargs)


class ContentPage(CmsRedirectMixin, Page):
    template = "cms/content_page.html"

    body = RichTextField(_("Body"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("body")]
    subpage_types = SECTION_PAGE_TYPES

    class Meta:
        verbose_name = _("Content page")


class HomePage(Page):
    """The root of each language's tree, served at /<lang>/."""

    template = "cms/home_page.html"

    hero_title = models.CharField(_("Hero title"), max_length=160)
    hero_text = models.TextField(_("Hero text"), blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("Hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = _body()

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldPanel("hero_title"), FieldPanel("hero_text"), FieldPanel("hero_image")],
            heading=_("Hero"),
        ),
        FieldPanel("body"),
    ]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = SECTION_PAGE_TYPES

    class Meta:
        verbose_name = _("Home page")

    def route(self, request, path_components):
        """Locale fallback: a path the active language's tree does not have is looked up in the
        source (default-locale) tree, and that page is served under this prefix, in this
        language's interface. If the page found there has a live translation in this language
        (its slug differs), the shopper is sent to it."""
        try:
            return super().route(request, path_components)
        except Http404:
            source_home = (
                HomePage.objects.filter(
                    translation_key=self.translation_key, locale=Locale.get_default()
                )
                .exclude(pk=self.pk)
                .first()
            )
            if source_home is None:
                raise
            result = source_home.route(request, path_components)
            translated = result.page.get_translation_or_none(self.locale)
            if translated is not None and translated.live:
                request._cms_redirect_to = translated.url
            return result

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        locale = active_locale()
        now = timezone.now()
        today = timezone.localdate()
        context["pavilions"] = localized_pages(PavilionPage, locale)
        context["exhibitions"] = [
            page
            for page in localized_pages(ExhibitionPage, locale, order_by=("start_date", "pk"))
            if page.end_date >= today
        ][:4]
        context["live_streams"] = [
            page
            for page in localized_pages(LiveStreamPage, locale, order_by=("starts_at", "pk"))
            if page.ends_at >= now
        ][:4]
        stores = localized_pages(StorePage, locale, select_related=("store",))
        provinces = sorted({page.store.province for page in stores if page.store})
        province = request.GET.get("province", "")
        if province in provinces:
            stores = [page for page in stores if page.store and page.store.province == province]
        else:
            province = ""
        context.update(stores=stores, provinces=provinces, province=province)
        return context


class StoreIndexPage(CmsRedirectMixin, Page):
    template = "cms/store_index_page.html"

    intro = RichTextField(_("Introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["cms.HomePage", "cms.ContentPage"]
    subpage_types = ["cms.StorePage"]

    class Meta:
        verbose_name = _("Experience store index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        indexes = StoreIndexPage.objects.filter(translation_key=self.translation_key)
        context["stores"] = localized_pages(
            StorePage, active_locale(), select_related=("store",), children_of=indexes
        )
        return context


class StorePage(CmsRedirectMixin, Page):
    """An experience store (体验店): address and opening hours come from the store record
    (shop.stores), so the Django admin stays the one place to change them."""

    template = "cms/store_page.html"

    store = models.ForeignKey(
        "shop_stores.ExperienceStore",
        verbose_name=_("Experience store"),
        on_delete=models.PROTECT,
        related_name="cms_pages",
    )
    intro = RichTextField(_("Introduction"), blank=True)
    body = _body()

    content_panels = [
        *Page.content_panels,
        FieldPanel("store"),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    parent_page_types = ["cms.StoreIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Experience store page")

    def map_url(self):
        """A plain outbound link to the address on Amap (reachable in mainland China); nothing
        from another host is loaded into our pages."""
        from urllib.parse import quote

        if not self.store_id:
            return ""
        store = self.store
        return "https://uri.amap.com/search?keyword=" + quote(
            f"{store.province}{store.city}{store.address_zh_hans or store.address}"
        )

    def kiosk_count(self):
        """Kiosks working in this store (paired, not revoked): the page tells shoppers they can
        browse and scan there and order on their phone (issue #14)."""
        if not self.store_id:
            return 0
        return self.store.kiosks.filter(paired_at__isnull=False, revoked_at__isnull=True).count()


class PavilionPage(CmsRedirectMixin, Page):
    """A national pavilion: the story plus every buyable product of that origin, from the
    catalogue through the search interface."""

    template = "cms/pavilion_page.html"

    origin_country = models.CharField(
        _("Country of origin"), max_length=3, choices=CountryCode.choices
    )
    story = RichTextField(_("Story"), blank=True)
    product_limit = models.PositiveSmallIntegerField(
        _("Products shown"), default=12, help_text=_("How many products of this origin to list.")
    )
    body = _body()

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("origin_country"), FieldPanel("product_limit")]),
        FieldPanel("story"),
        FieldPanel("body"),
    ]
    parent_page_types = ["cms.HomePage", "cms.ContentPage"]
    subpage_types = ["cms.BrandPage", "cms.ContentPage"]

    class Meta:
        verbose_name = _("National pavilion")

    def origin_products(self):
        return search_products(limit=self.product_limit, origin_countries=(self.origin_country,))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["products"] = self.origin_products()
        return context


class ExhibitionPage(CmsRedirectMixin, Page):
    template = "cms/exhibition_page.html"

    start_date = models.DateField(_("First day"))
    end_date = models.DateField(_("Last day"))
    venue = models.CharField(_("Venue"), max_length=255)
    intro = RichTextField(_("Introduction"), blank=True)
    merchants = ParentalManyToManyField(
        "partner.Partner", verbose_name=_("Exhibiting merchants"), blank=True, related_name="+"
    )
    body = _body()

    # wagtail-localize skips many-to-many fields unless told: the merchants are the same in
    # every language.
    override_translatable_fields = [SynchronizedField("merchants")]

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
        FieldPanel("venue"),
        FieldPanel("intro"),
        FieldPanel("merchants", widget=forms.CheckboxSelectMultiple),
        FieldPanel("body"),
    ]
    parent_page_types = ["cms.HomePage", "cms.ContentPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Exhibition")

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The last day cannot be before the first.")})


class BrandPage(CmsRedirectMixin, Page):
    class Origin(models.TextChoices):
        LOCAL = "local", _("Local brand")
        FOREIGN = "foreign", _("Foreign brand")

    class Authorisation(models.TextChoices):
        UNKNOWN = "unknown", _("Unknown")
        AUTHORISED = "authorised", _("Authorised")
        PENDING = "pending", _("Authorisation pending")
        EXPIRED = "expired", _("Authorisation expired")

    template = "cms/brand_page.html"

    brand_name = models.CharField(
        _("Brand"),
        max_length=128,
        help_text=_("Exactly as in the products' brand field; its products are listed."),
    )
    origin = models.CharField(
        _("Local or foreign"), max_length=8, choices=Origin.choices, default=Origin.FOREIGN
    )
    authorisation_status = models.CharField(
        _("Brand authorisation"),
        max_length=12,
        choices=Authorisation.choices,
        default=Authorisation.UNKNOWN,
    )
    authorisation_valid_until = models.DateField(_("Authorised until"), null=True, blank=True)
    story = RichTextField(_("Story"), blank=True)
    product_limit = models.PositiveSmallIntegerField(_("Products shown"), default=12)
    body = _body()

    # The brand name matches Product.brand, which is the same in every language.
    override_translatable_fields = [SynchronizedField("brand_name")]

    content_panels = [
        *Page.content_panels,
        FieldPanel("brand_name"),
        FieldRowPanel([FieldPanel("origin"), FieldPanel("authorisation_status")]),
        FieldPanel("authorisation_valid_until"),
        FieldPanel("story"),
        FieldPanel("product_limit"),
        FieldPanel("body"),
    ]
    parent_page_types = ["cms.HomePage", "cms.ContentPage", "cms.PavilionPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Brand page")

    def brand_products(self):
        return search_products(limit=self.product_limit, brands=(self.brand_name,))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["products"] = self.brand_products()
        return context


https_validator = URLValidator(schemes=["https"], message=_("Enter an https:// address."))


class LiveStreamPage(CmsRedirectMixin, Page):
    """A live-stream from the bonded warehouse. The stream is a plain outbound "watch" link:
    our Content-Security-Policy forbids foreign frames and pages load nothing from other hosts."""

    template = "cms/live_stream_page.html"

    starts_at = models.DateTimeField(_("Starts at"))
    ends_at = models.DateTimeField(_("Ends at"))
    stream_url = models.URLField(
        _("Stream address"),
        validators=[https_validator],
        help_text=_("Where shoppers watch the stream (https only); shown as a link."),
    )
    intro = RichTextField(_("Introduction"), blank=True)
    pinned_products = StreamField(
        [("product", BodyBlock.base_blocks["product"])],
        verbose_name=_("Pinned products"),
        blank=True,
    )
    body = _body()

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
        FieldPanel("stream_url"),
        FieldPanel("intro"),
        FieldPanel("pinned_products"),
        FieldPanel("body"),
    ]
    parent_page_types = ["cms.HomePage", "cms.ContentPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Live-stream")

    def clean(self):
        super().clean()
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("The stream must end after it starts.")})

    def status(self):
        now = timezone.now()
        if now < self.starts_at:
            return "upcoming"
        if now <= self.ends_at:
            return "live"
        return "ended"


# --- Menus ------------------------------------------------------------------------------------
class Menu(TranslatableMixin, ClusterableModel):
    """The header or footer menu of one language (a snippet translated with wagtail-localize).
    Templates read it for the active locale only (cms.templatetags.cms_tags.menu)."""

    class Location(models.TextChoices):
        HEADER = "header", _("Header")
        FOOTER = "footer", _("Footer")

    location = models.CharField(_("Location"), max_length=16, choices=Location.choices)
    title = models.CharField(_("Title"), max_length=80, blank=True)

    panels = [FieldPanel("location"), FieldPanel("title"), InlinePanel("items", label=_("Links"))]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("Menu")
        verbose_name_plural = _("Menus")
        constraints = [
            models.UniqueConstraint(fields=("location", "locale"), name="cms_menu_one_per_locale")
        ]

    def __str__(self):
        return f"{self.get_location_display()} ({self.locale})"


class MenuItem(TranslatableMixin, Orderable):
    menu = ParentalKey(Menu, on_delete=models.CASCADE, related_name="items")
    label = models.CharField(_("Label"), max_length=80)
    link_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("Page"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    link_url = models.CharField(
        _("or address"),
        max_length=255,
        blank=True,
        help_text=_("A path on this site (/catalogue/) or an https:// address."),
    )

    panels = [FieldPanel("label"), FieldPanel("link_page"), FieldPanel("link_url")]
    # the address is the same in every language (a path gets the language prefix when shown)
    override_translatable_fields = [SynchronizedField("link_url")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("Menu link")

    def clean(self):
        super().clean()
        if not self.link_page_id and not self.link_url:
            raise ValidationError(_("Choose a page or enter an address."))
        if self.link_url and not (
            self.link_url.startswith("/") or self.link_url.startswith("https://")
        ):
            raise ValidationError(
                {"link_url": _("Use a path starting with / or an https:// address.")}
            )
