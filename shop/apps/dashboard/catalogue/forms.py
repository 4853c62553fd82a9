"""Dashboard catalogue forms with every language side by side (issue #3).

With django-modeltranslation Oscar's forms would edit only the active language's ``title``;
merchants translate their own products, so the forms list one field per language and the
customs fields (filed Chinese name, HS code, origin, brand), which are never translated.
"""

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from oscar.apps.dashboard.catalogue import forms as oscar_forms
from treebeard.forms import movenodeform_factory

LANGUAGE_SUFFIXES = [code.replace("-", "_") for code, _name in settings.LANGUAGES]
DEFAULT_SUFFIX = settings.LANGUAGE_CODE.replace("-", "_")


def per_language(*names):
    return [f"{name}_{suffix}" for name in names for suffix in LANGUAGE_SUFFIXES]


def _label_languages(form, names):
    """Label each translated field with its language and require the default language, which
    every other language falls back to."""
    language_names = dict(settings.LANGUAGES)
    for name in names:
        for code in language_names:
            field = form.fields.get(f"{name}_{code.replace('-', '_')}")
            if field is None:
                continue
            field.label = (
                f"{form._meta.model._meta.get_field(name).verbose_name} ({language_names[code]})"
            )
            if code == settings.LANGUAGE_CODE and name in ("title", "name"):
                field.required = True


class ProductForm(oscar_forms.ProductForm):
    class Meta(oscar_forms.ProductForm.Meta):
        fields = [
            *per_language("title"),
            "upc",
            "brand",
            "customs_name",
            "hs_code",
            "origin_country",
            *per_language("description"),
            "is_public",
            "is_discountable",
            "structure",
            "slug",
            "meta_title",
            "meta_description",
        ]
        labels = {"upc": _("Barcode")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _label_languages(self, ("title", "description"))


BaseCategoryForm = movenodeform_factory(
    oscar_forms.Category,
    fields=[
        *per_language("name"),
        "slug",
        *per_language("description"),
        "image",
        "is_public",
        "exclude_from_menu",
        "meta_title",
        "meta_description",
    ],
    exclude=["ancestors_are_public"],
)


class CategoryForm(oscar_forms.SEOFormMixin, BaseCategoryForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
        _label_languages(self, ("name", "description"))
