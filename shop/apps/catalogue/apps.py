import oscar.apps.catalogue.apps as apps


class CatalogueConfig(apps.CatalogueConfig):
    name = "shop.apps.catalogue"

    def ready(self):
        super().ready()
        from . import search_index

        search_index.connect()
