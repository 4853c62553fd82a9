"""Oscar's order dashboard views; the orders CSV without personal data in clear (issue #10)."""

from oscar.apps.dashboard.orders import views as oscar_views
from oscar.apps.dashboard.orders.views import *  # noqa: F403

from shop.core.masking import mask_name, mask_text
from shop.core.statuses import status_label


class OrderListView(oscar_views.OrderListView):
    def get_row_values(self, order):
        """Oscar's CSV row (``download_selected_orders``) with names masked, the status
        translated, and any ID or mobile number inside a cell masked."""
        row = super().get_row_values(order)
        row["status"] = status_label(order.status)
        for column in ("shipping_address_name", "billing_address_name"):
            if row.get(column):
                row[column] = mask_name(row[column])
        return {
            column: mask_text(value) if isinstance(value, str) else value
            for column, value in row.items()
        }
