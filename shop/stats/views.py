"""Statistics and pipeline-health pages of the dashboard, the health JSON and the Prometheus
metrics (issue #17). Views parse the filters, call the selectors, render."""

from django.http import HttpResponse, JsonResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import generic
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest

from shop.customs.dashboard import DashboardAccessMixin

from . import charts
from .exports import table_csv, table_xlsx
from .forms import StatsFilterForm
from .health import PipelineHealthCollector, pipeline_health, token_matches
from .selectors import statistics_compute
from .tables import statistics_tables

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

#: (breakdown table, chart title) shown as bar charts
BAR_CHARTS = (
    "by_trade_mode",
    "by_origin",
    "by_merchant",
    "by_channel",
    "by_store",
    "by_staff_member",
)


def _statistics(request):
    form = StatsFilterForm(request.GET or None, user=request.user)
    filters = form.filters()
    stats = statistics_compute(filters=filters)
    return form, filters, stats, statistics_tables(stats)


# Whole sentences per period: a period word inserted into one sentence does not decline in Russian
_PERIOD_DESCRIPTIONS = {
    "day": gettext_lazy(
        "%(figure)s per day from %(start)s to %(end)s; the table below has the figures."
    ),
    "week": gettext_lazy(
        "%(figure)s per week from %(start)s to %(end)s; the table below has the figures."
    ),
    "month": gettext_lazy(
        "%(figure)s per month from %(start)s to %(end)s; the table below has the figures."
    ),
}


class StatisticsView(DashboardAccessMixin, generic.View):
    """Zone staff: everything; a merchant: the same page over its own lines only."""

    http_method_names = ["get", "head"]

    def get(self, request):
        form, filters, stats, tables = _statistics(request)
        line_charts = [
            charts.line_chart(
                id=f"line-{value}",
                title=title,
                desc=_PERIOD_DESCRIPTIONS.get(filters.period, _PERIOD_DESCRIPTIONS["day"])
                % {
                    "figure": title,
                    "start": filters.date_from.isoformat(),
                    "end": filters.date_to.isoformat(),
                },
                rows=stats.over_time,
                value=value,
                period=filters.period,
            )
            for value, title in (
                ("goods_value", _("Goods value (CNY)")),
                ("orders", _("Orders")),
            )
        ]
        bars = []
        for name in BAR_CHARTS:
            table = tables.get(name)
            if table is None or not table.rows:
                continue
            rows = [{"label": row[0], "value": row[2]} for row in table.rows]
            bars.append(
                (
                    table,
                    charts.bar_chart(
                        id=f"bar-{name}",
                        title=_("%(table)s: goods value (CNY)") % {"table": table.title},
                        desc=_("Goods value for each row of the table beside."),
                        rows=rows,
                        value="value",
                    ),
                )
            )
        query = request.GET.copy()
        query.pop("table", None)
        query.pop("format", None)
        return TemplateResponse(
            request,
            "shop/stats/dashboard/statistics.html",
            {
                "form": form,
                "filters": filters,
                "stats": stats,
                "tables": tables,
                "line_charts": line_charts,
                "bar_charts": bars,
                "export_query": query.urlencode(),
                "is_merchant": not request.user.is_staff,
            },
        )


class StatisticsExportView(DashboardAccessMixin, generic.View):
    """``?table=<name>&format=csv|xlsx`` plus the page's filters; the merchant's own figures
    only, as on the page."""

    http_method_names = ["get", "head"]

    def get(self, request):
        form, filters, _stats, tables = _statistics(request)
        name = request.GET.get("table", "summary")
        table = tables.get(name)
        if table is None:
            return HttpResponse(_("No such table."), status=404, content_type="text/plain")
        stem = f"statistics-{name}-{filters.date_from.isoformat()}-{filters.date_to.isoformat()}"
        if request.GET.get("format") == "xlsx":
            response = HttpResponse(table_xlsx(table), content_type=XLSX)
            response["Content-Disposition"] = f'attachment; filename="{stem}.xlsx"'
        else:
            response = HttpResponse(table_csv(table), content_type="text/csv; charset=utf-8")
            response["Content-Disposition"] = f'attachment; filename="{stem}.csv"'
        return response


class HealthView(DashboardAccessMixin, generic.View):
    staff_only = True
    http_method_names = ["get", "head"]

    def get(self, request):
        return TemplateResponse(
            request, "shop/stats/dashboard/health.html", {"health": pipeline_health()}
        )


class _MachineEndpoint(generic.View):
    """Zone staff's session, or ``Authorization: Bearer $SHOP_HEALTH_TOKEN``. Anyone else: 401
    without credentials, 403 with the wrong ones (a merchant included)."""

    http_method_names = ["get", "head"]

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and request.user.is_staff:
            return super().dispatch(request, *args, **kwargs)
        if token_matches(request):
            return super().dispatch(request, *args, **kwargs)
        if not request.user.is_authenticated and "Authorization" not in request.headers:
            response = HttpResponse(
                "Authentication required.", status=401, content_type="text/plain"
            )
            response["WWW-Authenticate"] = 'Bearer realm="shop-health"'
            return response
        return HttpResponse("Forbidden.", status=403, content_type="text/plain")


class HealthJsonView(_MachineEndpoint):
    def get(self, request):
        figures = pipeline_health()
        response = JsonResponse(figures, status=200)
        response["Cache-Control"] = "no-store"
        return response


class MetricsView(_MachineEndpoint):
    def get(self, request):
        registry = CollectorRegistry(auto_describe=False)
        registry.register(PipelineHealthCollector())
        response = HttpResponse(generate_latest(registry), content_type=CONTENT_TYPE_LATEST)
        response["Cache-Control"] = "no-store"
        return response
