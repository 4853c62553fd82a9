"""Shelf labels in the dashboard (issue #14): zone staff only.

Experience stores are run by the zone, not by a merchant, and a label sheet mixes every
merchant's goods on display in a store, so merchants (and everyone else who is not staff) get
403, anonymous visitors the dashboard login. The form and both outputs are GET requests that
change nothing: a sheet can be bookmarked and printed again.
"""

from django.contrib.auth.mixins import AccessMixin
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.text import slugify
from django.views import View

from .forms import ShelfLabelForm
from .labels import main_language, shelf_labels
from .labels_pdf import shelf_labels_pdf


class StaffOnlyMixin(AccessMixin):
    def dispatch(self, request, *args, **kwargs):
        if not (request.user.is_authenticated and request.user.is_staff):
            return self.handle_no_permission()  # anonymous: login; others: 403
        return super().dispatch(request, *args, **kwargs)


class ShelfLabelFormView(StaffOnlyMixin, View):
    template_name = "shop/attribution/dashboard/shelf_label_form.html"

    def get(self, request):
        form = ShelfLabelForm(request.GET or None)
        return TemplateResponse(request, self.template_name, {"form": form})


class _ShelfLabelOutput(StaffOnlyMixin, View):
    def get(self, request):
        form = ShelfLabelForm(request.GET)
        if not form.is_valid():
            return TemplateResponse(
                request, ShelfLabelFormView.template_name, {"form": form}, status=400
            )
        data = form.cleaned_data
        labels = shelf_labels(
            request=request,
            store=data["store"],
            products=data["label_products"],
            languages=data["languages"],
        )
        language = main_language(data["languages"], translation.get_language())
        return self.render(request, form=form, labels=labels, language=language)


class ShelfLabelPrintView(_ShelfLabelOutput):
    """A4 sheets of labels for the browser's print dialog (``@media print`` hides the rest)."""

    def render(self, request, *, form, labels, language):
        data = form.cleaned_data
        with translation.override(language):
            response = TemplateResponse(
                request,
                "shop/attribution/dashboard/shelf_labels_print.html",
                {
                    "form": form,
                    "store": data["store"],
                    "labels": labels,
                    "sheet_language": language,
                    "query": request.GET.urlencode(),
                },
            )
            response.render()
        return response


class ShelfLabelPdfView(_ShelfLabelOutput):
    def render(self, request, *, form, labels, language):
        store = form.cleaned_data["store"]
        response = HttpResponse(
            shelf_labels_pdf(labels, store=store, language=language),
            content_type="application/pdf",
        )
        name = f"shelf-labels-{slugify(store.code)}.pdf"
        response["Content-Disposition"] = f'inline; filename="{name}"'
        return response
