"""One mapping from Oscar's stored English strings to translated labels (issue #10)."""

from types import SimpleNamespace

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext

from shop.core import statuses


def _pipeline_statuses(pipeline):
    return set(pipeline) | {s for targets in pipeline.values() for s in targets}


def test_every_order_status_of_the_pipeline_has_a_label():
    order = _pipeline_statuses(settings.OSCAR_ORDER_STATUS_PIPELINE)
    order.add(settings.OSCAR_INITIAL_ORDER_STATUS)
    order |= set(getattr(settings, "OSCAR_ORDER_STATUS_CASCADE", {}))
    assert order  # the pipeline is configured
    assert order <= set(statuses.ORDER_STATUS_LABELS), order - set(statuses.ORDER_STATUS_LABELS)


def test_every_line_status_has_a_label():
    line = _pipeline_statuses(getattr(settings, "OSCAR_LINE_STATUS_PIPELINE", {}))
    line |= set(getattr(settings, "OSCAR_ORDER_STATUS_CASCADE", {}).values())
    initial = getattr(settings, "OSCAR_INITIAL_LINE_STATUS", "")
    if initial:
        line.add(initial)
    assert line <= set(statuses.LINE_STATUS_LABELS), line - set(statuses.LINE_STATUS_LABELS)


@pytest.mark.parametrize("language", ["zh-hans", "ko", "ja", "ru", "en"])
def test_labels_are_the_translations_of_the_stored_text(language):
    with translation.override(language):
        for stored in [*statuses.ORDER_STATUS_LABELS, *statuses.LINE_STATUS_LABELS]:
            assert statuses.status_label(stored) == gettext(stored)
        charge = SimpleNamespace(code="cross-border-import-tax", name="관세")
        assert statuses.surcharge_label(charge) == gettext("Cross-border import tax")


def test_unknown_values_are_shown_as_stored():
    assert statuses.status_label("On hold (custom)") == "On hold (custom)"
    assert statuses.status_label(None) == ""
    assert statuses.surcharge_label(SimpleNamespace(code="gift-wrap", name="Gift wrap")) == (
        "Gift wrap"
    )


def test_the_template_filters_use_the_mapping(monkeypatch):
    from django.template import Context, Template

    monkeypatch.setitem(statuses._LABELS, "Paid", "已付款")
    monkeypatch.setitem(statuses.SURCHARGE_LABELS, "cross-border-import-tax", "跨境进口税")
    html = Template(
        "{% load shop_format %}{{ s|status_label }}|{{ s|order_status }}|{{ c|surcharge_label }}"
    ).render(Context({"s": "Paid", "c": SimpleNamespace(code="cross-border-import-tax")}))
    assert html == "已付款|已付款|跨境进口税"
