"""Dashboard catalogue forms with every language side by side (issues #3 and #12).

With django-modeltranslation Oscar's forms would edit only the active language's ``title``;
merchants translate their own products, so the forms list one field per language and the
customs fields (filed Chinese name, HS code, origin, brand), which are never translated. The
product form groups the translatable fields per language for the template's language tabs
(themes/web/templates/oscar/dashboard/catalogue/product_update.html), with each language's
completeness (shop/apps/catalogue/completeness.py); saving writes every language at once.
"""

from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname
from oscar.apps.dashboard.catalogue import forms as oscar_forms
from oscar.core.loading import get_model
from treebeard.forms import movenodeform_factory

from shop.apps.catalogue import completeness

Product = get_model("catalogue", "Product")

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
    """Oscar's product form with every registered translatable field once per language.

    The template shows them in one tab per language (``language_tabs``); the other fields stay
    where Oscar puts them (``primary_form_fields``, ``seo_form_fields``). The Chinese title is
    required for a stand-alone or parent product: every other language falls back to it.
    """

    #: the product fields registered with modeltranslation (shop/apps/catalogue/translation.py)
    translated_fields = tuple(
        sorted(
            translator.get_options_for_model(Product).fields,
            key=lambda name: [field.name for field in Product._meta.fields].index(name),
        )
    )

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
            *per_language("meta_title"),
            *per_language("meta_description"),
        ]
        labels = {"upc": _("Barcode")}
        widgets = {
            **oscar_forms.ProductForm.Meta.widgets,
            # a plain text box, not the rich-text editor Oscar's dashboard puts on textareas
            **{
                name: forms.Textarea(attrs={"class": "no-widget-init", "rows": 3})
                for name in per_language("meta_description")
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code, _name in settings.LANGUAGES:
            for name in self.translated_fields:
                field = self.fields.get(build_localized_fieldname(name, code))
                if field is not None:
                    # the tab names the language; the label is the field's own
                    field.label = Product._meta.get_field(name).verbose_name
                    field.required = code == settings.LANGUAGE_CODE and name == "title"
                    field.widget.attrs["lang"] = code
                    if name in completeness.COUNTED_FIELDS:
                        # the tab's badge follows what is typed (shop/dashboard-tabs.js)
                        field.widget.attrs["data-completeness-language"] = code
                    if name == "title":
                        field.widget.attrs["autocomplete"] = "off"
        if self.instance.is_child or self.initial.get("structure") == Product.CHILD:
            # a variant's title is optional (Oscar shows the parent's)
            self.fields[build_localized_fieldname("title", settings.LANGUAGE_CODE)].required = False

    def delete_non_child_fields(self):
        super().delete_non_child_fields()
        for name in per_language("description"):
            self.fields.pop(name, None)

    # -- where the template puts the fields ---------------------------------------------------

    def _translated_names(self):
        return {
            build_localized_fieldname(name, code)
            for name in self.translated_fields
            for code, _name in settings.LANGUAGES
        }

    def primary_form_fields(self):
        translated = self._translated_names()
        return [field for field in super().primary_form_fields() if field.name not in translated]

    def seo_form_fields(self):
        translated = self._translated_names()
        return [field for field in super().seo_form_fields() if field.name not in translated]

    def language_tabs(self):
        """One ``LanguageTab`` per language, the source language first: its fields (bound), its
        completeness from the values in the form, whether a field has an error, and which tab is
        shown first (the first one with an error, else the source language)."""
        tabs = []
        for code, language_name in settings.LANGUAGES:
            fields = [
                self[build_localized_fieldname(name, code)]
                for name in self.translated_fields
                if build_localized_fieldname(name, code) in self.fields
            ]
            values = {
                name: self[build_localized_fieldname(name, code)].value()
                for name in completeness.COUNTED_FIELDS
                if build_localized_fieldname(name, code) in self.fields
            }
            tabs.append(
                LanguageTab(
                    code=code,
                    name=language_name,
                    fields=fields,
                    percent=completeness.percent(values, tuple(values)),
                    has_errors=self.is_bound and any(field.errors for field in fields),
                    is_source=code == settings.LANGUAGE_CODE,
                )
            )
        active = next((tab for tab in tabs if tab.has_errors), tabs[0])
        active.active = True
        return tabs


@dataclass
class LanguageTab:
    code: str
    name: str
    fields: list
    percent: int
    has_errors: bool
    is_source: bool
    active: bool = False

    @property
    def slug(self):
        return self.code.replace("-", "_")

    @property
    def level(self):
        return completeness.LanguageCompleteness(self.code, self.name, self.percent).level


class ProductSearchForm(oscar_forms.ProductSearchForm):
    """Oscar's product search with a "Missing: <language>" filter: products whose title or
    description is empty in that language (shop/apps/catalogue/completeness.py).

    The title is looked up in every language by ``ProductListView`` (``title_query``): Oscar's
    own lookup would search the dashboard's active language only (modeltranslation rewrites
    ``title`` to ``title_<active language>``), so a Chinese title typed in the Korean dashboard,
    or any title of a product still missing Korean, would find nothing.
    """

    missing = forms.ChoiceField(label=_("Missing translation"), required=False, choices=())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["missing"].choices = [
            ("", _("Any completeness")),
            *[
                (code, _("Missing: %(language)s") % {"language": name})
                for code, name in settings.LANGUAGES
            ],
        ]

    def clean(self):
        cleaned_data = super().clean()
        # taken out of Oscar's reach (see the class docstring)
        self.title_query = cleaned_data.pop("title", "") or ""
        return cleaned_data

    def has_criteria(self):
        return bool(self.title_query or any(self.cleaned_data.values()))


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
