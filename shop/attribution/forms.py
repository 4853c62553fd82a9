"""The shelf-label form (issue #14): an experience store, the products on display (picked, or
scanned as barcodes) and the languages of the names."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from shop.stores.models import ExperienceStore

Product = get_model("catalogue", "Product")

MAX_LABELS = 120
DEFAULT_LANGUAGES = ("zh-hans", "ko", "ja", "ru")


def _language_choices():
    # each language in its own name, as the language picker shows it
    from django.utils.translation import get_language_info

    return [(code, get_language_info(code)["name_local"]) for code, _name in settings.LANGUAGES]


class ShelfLabelForm(forms.Form):
    store = forms.ModelChoiceField(
        queryset=ExperienceStore.objects.filter(is_active=True).order_by("code"),
        label=_("Experience store"),
    )
    products = forms.ModelMultipleChoiceField(
        queryset=Product.objects.filter(is_public=True)
        .exclude(structure=Product.PARENT)
        .order_by("title"),
        label=_("Products on display"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 12}),
    )
    barcodes = forms.CharField(
        label=_("Or scan their barcodes"),
        help_text=_("One barcode (UPC/EAN) a line."),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    languages = forms.MultipleChoiceField(
        choices=_language_choices,
        label=_("Names in"),
        initial=DEFAULT_LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
    )

    def clean_barcodes(self):
        codes = [code.strip() for code in self.cleaned_data["barcodes"].split() if code.strip()]
        found = {
            product.upc: product
            for product in Product.objects.filter(upc__in=codes, is_public=True).exclude(
                structure=Product.PARENT
            )
        }
        unknown = [code for code in codes if code not in found]
        if unknown:
            raise forms.ValidationError(
                gettext("No product on sale has the barcode %(codes)s.")
                % {"codes": ", ".join(unknown)}
            )
        return [found[code] for code in codes]

    def clean(self):
        data = super().clean()
        # in the order staff picked them (a select's order, then the scanned barcodes')
        position = {value: index for index, value in enumerate(self.data.getlist("products"))}
        chosen = sorted(data.get("products") or [], key=lambda p: position.get(str(p.pk), 0))
        picked = chosen + list(data.get("barcodes") or [])
        unique = list({product.pk: product for product in picked}.values())
        if not unique and not self.errors:
            raise forms.ValidationError(gettext("Choose at least one product."))
        if len(unique) > MAX_LABELS:
            raise forms.ValidationError(
                gettext("At most %(count)d labels at a time.") % {"count": MAX_LABELS}
            )
        data["label_products"] = unique
        return data
