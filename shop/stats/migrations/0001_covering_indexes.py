"""Covering indexes for the statistics page (issue #17), on PostgreSQL only.

The customs declaration rows are wide (encrypted personal data), so scanning them for a date
range reads far more than the page needs. These indexes let the statistics queries read only
the columns they aggregate (index-only scans). They live here, in the app that needs them, rather
than in ``shop_customs``'s models; they do not change any model state. SQLite (tests, demos)
does not get them: it has no ``INCLUDE``.
"""

from django.db import migrations

INDEXES = {
    # sales, outcomes, release times: declarations paid in a range
    "stats_declaration_paid_idx": (
        "shop_customs_declaration (paid_at) "
        "INCLUDE (id, order_id, partner_id, warehouse_id, trade_mode, status, goods_value, tax_total)"
    ),
    # annual-quota use: the calendar year's counted declarations per orderer
    "stats_declaration_quota_idx": (
        "shop_customs_declaration (created_at) "
        "INCLUDE (status, orderer_id_hash, dutiable_value, returned_dutiable_value)"
    ),
    # sales by origin: a declaration's lines with their amounts and filing
    "stats_declarationline_facts_idx": (
        "shop_customs_declarationline (declaration_id) "
        "INCLUDE (goods_value, tax_total, filing_record_id)"
    ),
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, definition in INDEXES.items():
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {definition}")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("shop_customs", "0010_returns")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
