"""Oscar's dashboard views; the index statistics of a merchant count only its own lines
(issue #12).

Oscar's ``IndexView.get_stats`` narrows a partner user's orders to those with one of its lines
but then sums the *whole* orders' ``total_incl_tax`` (revenue, average order, the hourly chart),
so a merchant would read other merchants' sales. Here a merchant's revenue, average and chart
come from its own order lines.
"""

from datetime import timedelta
from decimal import Decimal

from django.db.models import F, Sum
from django.utils.timezone import now
from oscar.apps.dashboard import views as oscar_views
from oscar.apps.dashboard.views import *  # noqa: F403
from oscar.core.loading import get_model

Line = get_model("order", "Line")


class IndexView(oscar_views.IndexView):
    def get_stats(self):
        stats = super().get_stats()
        user = self.request.user
        if user.is_staff:
            return stats
        since = now() - timedelta(hours=24)
        lines = Line.objects.filter(partner__users=user)
        lines_last_day = lines.filter(order__date_placed__gt=since)
        per_order_last_day = (
            lines_last_day.order_by().values("order").annotate(total=Sum("line_price_incl_tax"))
        )
        totals = [row["total"] for row in per_order_last_day]
        average = sum(totals, Decimal("0.00")) / len(totals) if totals else Decimal("0.00")
        stats.update(
            total_lines_last_day=lines_last_day.count(),
            total_lines=lines.count(),
            average_order_costs=average.quantize(Decimal("0.01")),
            total_revenue_last_day=lines_last_day.aggregate(total=Sum("line_price_incl_tax"))[
                "total"
            ]
            or Decimal("0.00"),
            total_revenue=lines.aggregate(total=Sum("line_price_incl_tax"))["total"]
            or Decimal("0.00"),
            # Oscar's chart sums ``total_incl_tax`` of rows with ``date_placed``: hand it the
            # merchant's lines under those names.
            hourly_report_dict=self.get_hourly_report(
                lines.annotate(
                    date_placed=F("order__date_placed"), total_incl_tax=F("line_price_incl_tax")
                )
            ),
        )
        return stats
