import oscar.apps.search.apps as apps
from django.urls import path
from oscar.core.loading import get_class


class SearchConfig(apps.SearchConfig):
    name = "shop.apps.search"

    def ready(self):
        super().ready()
        self.suggest_view = get_class("search.views", "SuggestView")

    def get_urls(self):
        # Oscar's search page plus the search box's autocomplete (issue #13)
        urls = super().get_urls()
        urls += self.post_process_urls(
            [path("suggest/", self.suggest_view.as_view(), name="suggest")]
        )
        return urls
