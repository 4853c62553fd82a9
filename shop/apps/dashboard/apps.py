import oscar.apps.dashboard.apps as apps


class DashboardConfig(apps.DashboardConfig):
    # Forked only so get_class("dashboard.catalogue.forms", ...) finds
    # shop/apps/dashboard/catalogue/forms.py (Oscar resolves dashboard sub-modules through the
    # "dashboard" app's name).
    name = "shop.apps.dashboard"
