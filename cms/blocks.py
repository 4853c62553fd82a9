"""The one block library every CMS page type shares (issue #11).

Product blocks render Oscar's product card (current translated title, price and availability
from the request's pricing strategy, add-to-basket form); cms/static add-to-basket JS submits
that form without leaving the page. Products are loaded in bulk with everything the card needs,
so a page with many product blocks runs a constant number of queries.
"""

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

from integrations.registry import get_backend
from integrations.search.base import SearchQuery
from shop.apps.search.selectors import product_list_by_ids
from shop.customs.codes import CountryCode

from .choosers import product_chooser_viewset

_ChosenProductBlock = product_chooser_viewset.get_block_class(
    name="_ChosenProductBlock", module_path="cms.blocks"
)


class ProductChooserBlock(_ChosenProductBlock):
    """A product picked in the admin's product chooser, rendered as the shop's product card.

    ``bulk_to_python`` loads every product block of a StreamField in one go through the listing
    selector (stock records, warehouse, filing record, images prefetched)."""

    def bulk_to_python(self, values):
        values = list(values)
        ids = [int(v) for v in values if v not in (None, "")]
        by_id = {product.pk: product for product in product_list_by_ids(product_ids=ids)}
        return [by_id.get(int(v)) if v not in (None, "") else None for v in values]

    def to_python(self, value):
        return self.bulk_to_python([value])[0]

    class Meta:
        icon = "pick"
        label = _("Product")
        template = "cms/blocks/product.html"


def category_choices():
    """Every category as (id, "Parent > Child"), for the product-list block's select box."""
    Category = get_model("catalogue", "Category")
    # One query (issue #16): ``full_name`` would ask for each category's ancestors, and Wagtail
    # evaluates these choices whenever a page with this block renders.
    categories = list(Category.objects.order_by("path"))
    names = {category.path: category.name for category in categories}
    step, separator = Category.steplen, Category._full_name_separator
    choices = [("", "---------")]
    for category in categories:
        ancestors = (category.path[: step * depth] for depth in range(1, category.depth + 1))
        choices.append((str(category.pk), separator.join(names[path] for path in ancestors)))
    return choices


class ProductListBlock(blocks.StructBlock):
    """Products by category, by origin, or hand-picked; the first two come from the search
    interface (only products listings would show), newest first."""

    SOURCE_CHOICES = [
        ("category", _("By category")),
        ("origin", _("By country of origin")),
        ("chosen", _("Hand-picked")),
    ]

    heading = blocks.CharBlock(label=_("Heading"), required=False, max_length=120)
    source = blocks.ChoiceBlock(choices=SOURCE_CHOICES, default="chosen", label=_("Products"))
    category = blocks.ChoiceBlock(choices=category_choices, required=False, label=_("Category"))
    origin = blocks.ChoiceBlock(
        choices=CountryCode.choices, required=False, label=_("Country of origin")
    )
    products = blocks.ListBlock(ProductChooserBlock(), required=False, label=_("Chosen products"))
    limit = blocks.IntegerBlock(default=8, min_value=1, max_value=48, label=_("At most"))

    def get_products(self, value):
        limit = value.get("limit") or 8
        source = value.get("source")
        if source == "chosen":
            return [p for p in value.get("products") or () if p is not None and p.is_public][:limit]
        query = {"language": get_language(), "limit": limit}
        if source == "category":
            if not value.get("category"):
                return []
            Category = get_model("catalogue", "Category")
            category = Category.objects.filter(pk=value["category"]).first()
            if category is None:
                return []
            ids = category.get_descendants_and_self().values_list("pk", flat=True)
            query["category_ids"] = tuple(ids)
        elif source == "origin":
            if not value.get("origin"):
                return []
            query["origin_countries"] = (value["origin"],)
        else:
            return []
        result = get_backend("search").search(SearchQuery(**query))
        return product_list_by_ids(product_ids=result.product_ids)

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["products"] = self.get_products(value)
        return context

    class Meta:
        icon = "list-ul"
        label = _("Product list")
        template = "cms/blocks/product_list.html"


class GalleryBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), required=False, max_length=120)
    images = blocks.ListBlock(
        blocks.StructBlock(
            [
                ("image", ImageChooserBlock(label=_("Image"))),
                ("caption", blocks.CharBlock(label=_("Caption"), required=False)),
            ]
        ),
        label=_("Images"),
    )

    class Meta:
        icon = "image"
        label = _("Image gallery")
        template = "cms/blocks/gallery.html"


class StepsBlock(blocks.StructBlock):
    """How "view offline, order online" works: numbered steps."""

    heading = blocks.CharBlock(label=_("Heading"), max_length=120)
    steps = blocks.ListBlock(
        blocks.StructBlock(
            [
                ("title", blocks.CharBlock(label=_("Step"), max_length=120)),
                ("text", blocks.TextBlock(label=_("Explanation"), required=False)),
            ]
        ),
        label=_("Steps"),
    )

    class Meta:
        icon = "list-ol"
        label = _("Steps")
        template = "cms/blocks/steps.html"


class CallToActionBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Text"), max_length=160)
    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    url = blocks.URLBlock(label=_("or URL"), required=False)

    class Meta:
        icon = "link"
        label = _("Link button")
        template = "cms/blocks/call_to_action.html"


class BodyBlock(blocks.StreamBlock):
    """The body of every page type."""

    heading = blocks.CharBlock(
        label=_("Heading"), max_length=120, template="cms/blocks/heading.html", icon="title"
    )
    paragraph = blocks.RichTextBlock(
        label=_("Text"), features=["bold", "italic", "link", "ol", "ul", "h3"]
    )
    image = ImageChooserBlock(label=_("Image"), template="cms/blocks/image.html")
    gallery = GalleryBlock()
    product = ProductChooserBlock()
    product_list = ProductListBlock()
    steps = StepsBlock()
    link = CallToActionBlock()

    class Meta:
        label = _("Body")
