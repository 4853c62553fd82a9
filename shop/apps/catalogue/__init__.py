default_app_config = "shop.apps.catalogue.apps.CatalogueConfig"
