"""Server-side SVG charts (issue #17): geometry computed here, drawn by the templates
``shop/stats/dashboard/_line_chart.svg`` and ``_bar_chart.svg`` inline in the page, so the
text uses the page's font stack (CJK included) and nothing is loaded from anywhere. Every chart
has a ``<title>`` and ``<desc>`` and a data table beside it."""

import math
from dataclasses import dataclass, field
from decimal import Decimal

from babel.dates import format_skeleton
from babel.numbers import format_compact_decimal, format_decimal, format_percent
from django.utils.translation import get_language, to_locale

WIDTH = 640


def _locale() -> str:
    return to_locale(get_language() or "zh-hans")


def nice_ceiling(value: float, *, whole=False) -> tuple[float, float]:
    """A round top for the axis and its step (4 steps): 1, 2, 2.5, 5 × 10ⁿ; whole steps only
    for counts (``whole``)."""
    if value <= 0:
        return 4.0, 1.0
    raw = value / 4
    if whole and raw <= 1:
        return 4.0, 1.0
    magnitude = 10 ** math.floor(math.log10(raw))
    for nice in (1, 2, 2.5, 5, 10):
        step = nice * magnitude
        if step >= raw and (not whole or step == int(step)):
            break
    return step * 4, step


def number_label(value, *, compact=False) -> str:
    locale = _locale()
    if compact and abs(value) >= 10000:
        return format_compact_decimal(value, locale=locale, fraction_digits=1)
    return format_decimal(value, locale=locale, format="#,##0.##")


def percent_label(value) -> str:
    return format_percent(value, locale=_locale(), format="#,##0.0%")


def period_label(day, period: str) -> str:
    locale = _locale()
    if period == "month":
        return format_skeleton("yMMM", day, locale=locale)
    return format_skeleton("MMMd", day, locale=locale)


@dataclass
class LineChart:
    title: str
    desc: str
    id: str = "line"
    width: int = WIDTH
    height: int = 220
    points: str = ""
    area: str = ""
    dots: list = field(default_factory=list)
    y_ticks: list = field(default_factory=list)
    x_ticks: list = field(default_factory=list)
    left: int = 72
    right: int = 20
    top: int = 12
    bottom: int = 32

    @property
    def plot_bottom(self) -> int:
        return self.height - self.bottom

    @property
    def plot_right(self) -> int:
        return self.width - self.right


def line_chart(*, id: str, title: str, desc: str, rows: list, value: str, period: str) -> LineChart:
    """``rows`` = [{"period": date, value: number}], in order. ``id``: unique in the page."""
    chart = LineChart(title=title, desc=desc, id=id)
    values = [float(row[value]) for row in rows]
    whole = all(isinstance(row[value], int) for row in rows)
    top, step = nice_ceiling(max(values, default=0), whole=whole)
    plot_w = chart.plot_right - chart.left
    plot_h = chart.plot_bottom - chart.top
    count = len(rows)

    def x(index):
        return chart.left + (plot_w * index / (count - 1) if count > 1 else plot_w / 2)

    def y(amount):
        return chart.plot_bottom - plot_h * amount / top

    coords = [(round(x(i), 1), round(y(v), 1)) for i, v in enumerate(values)]
    chart.points = " ".join(f"{cx},{cy}" for cx, cy in coords)
    if coords:
        chart.area = (
            f"{coords[0][0]},{chart.plot_bottom} "
            + chart.points
            + f" {coords[-1][0]},{chart.plot_bottom}"
        )
    labels = [period_label(row["period"], period) for row in rows]
    chart.dots = [
        {"x": cx, "y": cy, "label": f"{labels[i]}: {number_label(rows[i][value])}"}
        for i, (cx, cy) in enumerate(coords)
    ]
    chart.y_ticks = [
        {"y": round(y(step * i), 1), "label": number_label(Decimal(str(step * i)), compact=True)}
        for i in range(5)
    ]
    # at most 6 labels on the time axis, the first and the last included
    if count:
        every = max(1, math.ceil(count / 6))
        wanted = sorted(set(range(0, count, every)) | {count - 1})
        if len(wanted) > 1 and wanted[-1] - wanted[-2] < every / 2:
            wanted.pop(-2)
        # the first label starts at its point and the last ends at it, so neither is cut off
        chart.x_ticks = [
            {
                "x": round(x(i), 1),
                "label": labels[i],
                "anchor": "start"
                if i == 0 and count > 1
                else "end"
                if i == count - 1 and count > 1
                else "middle",
            }
            for i in wanted
        ]
    return chart


@dataclass
class BarChart:
    title: str
    desc: str
    id: str = "bar"
    # drawn in a narrower column than the line charts: a smaller box keeps the text as large
    width: int = 460
    height: int = 0
    bars: list = field(default_factory=list)
    left: int = 8
    right: int = 96
    row_height: int = 44


def bar_chart(
    *, id: str, title: str, desc: str, rows: list, value: str, label: str = "label"
) -> BarChart:
    """Horizontal bars, the category's name above its bar (long Russian or Korean names are
    never cut), the value after it. ``rows`` = [{label: str, value: number}]."""
    chart = BarChart(title=title, desc=desc, id=id)
    values = [float(row[value]) for row in rows]
    biggest = max(values, default=0) or 1
    plot_w = chart.width - chart.left - chart.right
    for index, row in enumerate(rows):
        top = index * chart.row_height + 4
        length = max(plot_w * float(row[value]) / biggest, 1 if row[value] else 0)
        chart.bars.append(
            {
                "label": row[label],
                "value_label": number_label(row[value]),
                "text_y": top + 15,
                "bar_y": top + 21,
                "bar_w": round(length, 1),
                "value_x": round(chart.left + length + 6, 1),
                "value_y": top + 33,
            }
        )
    chart.height = max(len(rows), 1) * chart.row_height + 8
    return chart
