"""Clean every stored description and rich-text attribute value with the allow-list that
now runs on save (issue #10, "No stored XSS"): rows saved before it may hold scripts."""

from django.db import migrations

from shop.core.sanitize import sanitize_html

RICH_TEXT = {
    "Product": ("description",),
    "Category": ("description", "long_description"),
    "ProductAttributeValue": ("value_richtext",),
}


def _columns(model, names):
    # the plain column and every modeltranslation language column (description_zh_hans, …)
    return [
        field.attname
        for field in model._meta.concrete_fields
        if any(field.attname == name or field.attname.startswith(f"{name}_") for name in names)
        and field.get_internal_type() == "TextField"
    ]


def sanitize_stored_rich_text(apps, schema_editor=None):
    """Rewrite the rows whose rich text changes when cleaned; returns how many changed.
    Writes with update(): no signal, no search re-index, the same text on re-run."""
    changed = 0
    for model_name, names in RICH_TEXT.items():
        model = apps.get_model("catalogue", model_name)
        columns = _columns(model, names)
        for row in model._base_manager.values("pk", *columns).iterator(chunk_size=500):
            dirty = {
                column: sanitize_html(row[column])
                for column in columns
                if row[column] and sanitize_html(row[column]) != row[column]
            }
            if dirty:
                model._base_manager.filter(pk=row["pk"]).update(**dirty)
                changed += 1
    return changed


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0033_alter_attributeoption_unique_together_and_more"),
    ]

    operations = [
        migrations.RunPython(sanitize_stored_rich_text, migrations.RunPython.noop, elidable=True),
    ]
