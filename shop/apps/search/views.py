"""Product listings through the search interface (issues #3, #13).

Oscar's catalogue, category and search pages use haystack; with no search engine they list
nothing. These views keep Oscar's URLs, names and templates but ask
``get_backend("search")`` for one page of product ids with the facet counts of the sidebar,
then load those products with a constant number of queries (``selectors.product_list_by_ids``).
``SuggestView`` answers the search box's autocomplete (static/shop/autocomplete.js).
"""

from collections.abc import Sequence
from urllib.parse import unquote, urlencode

from django.conf import settings
from django.contrib import messages
from django.core.paginator import InvalidPage, Paginator
from django.http import Http404, HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView
from oscar.apps.search.signals import user_search
from oscar.core.loading import get_model

from integrations.registry import get_backend
from integrations.search.base import Facet, SearchQuery

from . import facets as sidebar
from .forms import SearchForm
from .selectors import categories_named, product_list_by_ids, product_urls

Category = get_model("catalogue", "Category")


class _PageWindow(Sequence):
    """What Django's Paginator needs from a search: the total count and the current page's items
    at their absolute positions. Only the current page is ever loaded."""

    def __init__(self, items, total, offset):
        self.items, self.total, self.offset = items, total, offset

    def count(self):
        return self.total

    def __len__(self):
        return self.total

    def __getitem__(self, index):
        if isinstance(index, slice):
            return self.items[index.start - self.offset : index.stop - self.offset]
        return self.items[index - self.offset]


class ProductListView(TemplateView):
    """A page of products from the search backend, filtered by text and categories."""

    template_name = "oscar/catalogue/browse.html"
    summary = _("All products")

    def get_category_ids(self):
        return set()

    def get(self, request, *args, **kwargs):
        self.form = SearchForm(request.GET)
        per_page = self.get_per_page()
        try:
            page_number = int(request.GET.get("page", "1"))
            if page_number < 1:
                raise ValueError
        except ValueError:
            return self.invalid_page()
        category_ids = self.get_category_ids()
        picked = self.picked_category()
        if picked is not None:
            narrowed = set(picked.get_descendants_and_self().values_list("pk", flat=True))
            category_ids = tuple(narrowed & set(category_ids)) if category_ids else narrowed
        text = self.form.query_text()
        result = get_backend("search").search(
            SearchQuery(
                language=get_language(),
                text=text,
                category_ids=tuple(sorted(category_ids)),
                sort=self.form.sort_order(),
                offset=(page_number - 1) * per_page,
                limit=per_page,
                facets=tuple(Facet),
                **self.form.filters(),
            )
        )
        products = product_list_by_ids(product_ids=result.product_ids)
        paginator = Paginator(
            _PageWindow(products, result.total, (page_number - 1) * per_page), per_page
        )
        try:
            page = paginator.page(page_number)
        except InvalidPage:
            if result.total == 0 and page_number == 1:
                page = None
            else:
                return self.invalid_page()
        groups, active = sidebar.build(
            result.facets,
            self.form,
            request.GET,
            scope_category=getattr(self, "category", None),
        )
        context = self.get_context_data(
            products=page.object_list if page else [],
            paginator=paginator,
            page_obj=page,
            page=page,
            form=self.form,
            search_form=self.form,
            query=text,
            summary=self.summary,
            facet_groups=groups,
            active_filters=active,
            clear_filters_url=sidebar.clear_all_url(request.GET) if active else "",
            hidden_filters=[
                (name, value)
                for name in SearchForm.FILTER_FIELDS
                for value in request.GET.getlist(name)
            ],
            alternatives=result.suggestions,
            alternative_categories=(
                categories_named(text.split()) if result.total == 0 and text else []
            ),
        )
        return self.render_to_response(context)

    def picked_category(self):
        """The category the shopper narrowed to in the sidebar (a public one), if any."""
        pk = self.form.category_id()
        if not pk:
            return None
        return Category.objects.browsable().filter(pk=pk).first()

    def get_per_page(self):
        return settings.OSCAR_PRODUCTS_PER_PAGE

    def invalid_page(self):
        messages.error(self.request, _("The given page number was invalid."))
        return redirect(self.request.path)


class CatalogueView(ProductListView):
    pass


class ProductCategoryView(ProductListView):
    template_name = "oscar/catalogue/category.html"

    def get(self, request, *args, **kwargs):
        self.category = get_object_or_404(Category, pk=self.kwargs["pk"])
        if not (self.category.is_public or request.user.is_staff):
            raise Http404()
        # Categories are fetched by primary key so slugs can change: redirect old slugs.
        expected_path = self.category.get_absolute_url()
        if unquote(expected_path) != unquote(request.path):
            query = request.META.get("QUERY_STRING")
            return HttpResponsePermanentRedirect(
                f"{expected_path}?{query}" if query else expected_path
            )
        return super().get(request, *args, **kwargs)

    def get_category_ids(self):
        return set(self.category.get_descendants_and_self().values_list("pk", flat=True))

    def get_context_data(self, **kwargs):
        kwargs["category"] = self.category
        kwargs["summary"] = self.category.name
        return super().get_context_data(**kwargs)


class FacetedSearchView(ProductListView):
    """The search box's results page (URL name ``search:search``, as in Oscar)."""

    template_name = "oscar/search/results.html"
    summary = _("Search results")

    def get(self, request, *args, **kwargs):
        # Oscar's analytics hook
        user_search.send(
            sender=self, session=request.session, user=request.user, query=request.GET.get("q", "")
        )
        return super().get(request, *args, **kwargs)


class SuggestView(View):
    """Autocomplete entries for the search box as JSON: ``{"suggestions": [{"text", "kind",
    "url"}]}`` - a product's page, or a search for a brand. Two queries at most."""

    max_length = 100

    def get(self, request, *args, **kwargs):
        prefix = request.GET.get("q", "")[: self.max_length].strip()
        entries = get_backend("search").suggest(get_language(), prefix) if prefix else ()
        urls = product_urls([e.product_id for e in entries if e.product_id])
        search_url = reverse("search:search")
        suggestions = []
        for entry in entries:
            if entry.product_id:
                url = urls.get(entry.product_id)
                if url is None:
                    continue
            elif entry.kind == "brand":
                url = f"{search_url}?{_encode({'brand': entry.text})}"
            else:
                url = f"{search_url}?{_encode({'q': entry.text})}"
            suggestions.append({"text": entry.text, "kind": entry.kind, "url": url})
        response = JsonResponse({"q": prefix, "suggestions": suggestions})
        response["Cache-Control"] = "private, max-age=60"
        return response


def _encode(params):
    return urlencode(params)
