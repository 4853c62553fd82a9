"""Oscar's root app without its ``""`` route (issue #11).

Oscar redirects ``/<lang>/`` to the catalogue; the Wagtail home page is served there instead
(shop/urls.py keeps a URL named ``home`` for Oscar's templates, ``{% url 'home' %}``).
"""

from oscar import config


class Shop(config.Shop):
    def get_urls(self):
        return [pattern for pattern in super().get_urls() if str(pattern.pattern) != ""]
