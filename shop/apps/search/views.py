"""Product listings through the search interface (issue #3).

Oscar's catalogue, category and search pages use haystack; with no search engine they list
nothing. These views keep Oscar's URLs, names and templates but ask
``get_backend("search")`` for one page of product ids, then load those products with a constant
number of queries (``selectors.product_list_by_ids``).
"""

from collections.abc import Sequence
from urllib.parse import unquote

from django.conf import settings
from django.contrib import messages
from django.core.paginator import InvalidPage, Paginator
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from oscar.apps.search.signals import user_search
from oscar.core.loading import get_model

from integrations.registry import get_backend
from integrations.search.base import SearchQuery

from .forms import SearchForm
from .selectors import product_list_by_ids

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
        return ()

    def get(self, request, *args, **kwargs):
        self.form = SearchForm(request.GET)
        per_page = self.get_per_page()
        try:
            page_number = int(request.GET.get("page", "1"))
            if page_number < 1:
                raise ValueError
        except ValueError:
            return self.invalid_page()
        result = get_backend("search").search(
            SearchQuery(
                language=get_language(),
                text=self.form.query_text(),
                category_ids=tuple(self.get_category_ids()),
                sort=self.form.sort_order(),
                offset=(page_number - 1) * per_page,
                limit=per_page,
            )
        )
        products = product_list_by_ids(product_ids=result.product_ids)
        paginator = Paginator(
            _PageWindow(products, result.total, (page_number - 1) * per_page), per_page
        )
        try:
            page = paginator.page(page_number)
        except InvalidPage:
            return self.invalid_page()
        context = self.get_context_data(
            products=page.object_list,
            paginator=paginator,
            page_obj=page,
            page=page,
            form=self.form,
            search_form=self.form,
            query=self.form.query_text(),
            summary=self.summary,
        )
        return self.render_to_response(context)

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
        return self.category.get_descendants_and_self().values_list("pk", flat=True)

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
