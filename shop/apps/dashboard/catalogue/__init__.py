default_app_config = "shop.apps.dashboard.dashboard.catalogue.apps.CatalogueDashboardConfig"
