"""Re-encrypt personal data under the current key after a key rotation.

Rotation (see shop/settings.py): put the new key first in SHOP_ENCRYPTION_KEYS and deploy, run
``manage.py encryption_rotate``, and drop the old key only when it reports nothing left. Blind
indexes don't change here; read the caveat in ``shop.core.crypto.blind_index`` before you remove
the oldest key.
"""

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections, models, transaction
from django.db.models.functions import Cast

from shop.core.crypto import VERSION, DecryptionError, current_key_id, decrypt
from shop.core.fields import EncryptedTextField

RAW = "_encrypted_raw"


def encrypted_fields(model) -> list[EncryptedTextField]:
    # local_concrete_fields: a multi-table child does not repeat its parent's columns.
    return [f for f in model._meta.local_concrete_fields if isinstance(f, EncryptedTextField)]


class Command(BaseCommand):
    help = (
        "Re-encrypt every EncryptedTextField value that is not under the current (first) key "
        "of SHOP_ENCRYPTION_KEYS, in batches."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Count (and test-decrypt) the values to re-encrypt; write nothing.",
        )
        parser.add_argument("--batch-size", type=int, default=500)
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, dry_run, batch_size, database, **options):
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        key_id = current_key_id()
        prefix = f"{VERSION}.{key_id}."
        connection = connections[database]
        with connection.cursor() as cursor:
            tables = set(connection.introspection.table_names(cursor))

        total = 0
        failures: list[str] = []
        for model in apps.get_models():
            fields = encrypted_fields(model)
            if not fields or model._meta.proxy:
                continue
            label = model._meta.label
            if model._meta.db_table not in tables:
                self.stdout.write(f"{label}: skipped, table {model._meta.db_table} does not exist")
                continue
            counts = {}
            for field in fields:
                counts[field.name] = self._rotate_field(
                    model, field, prefix, database, batch_size, dry_run, failures
                )
            done = sum(counts.values())
            total += done
            detail = ", ".join(f"{name} {count}" for name, count in counts.items())
            verb = "to re-encrypt" if dry_run else "re-encrypted"
            self.stdout.write(f"{label}: {done} {verb} ({detail})")

        summary = "would be re-encrypted" if dry_run else "re-encrypted"
        self.stdout.write(f"{total} value(s) {summary} under key {key_id!r}.")
        if failures:
            raise CommandError(
                f"{len(failures)} value(s) could not be decrypted with the configured keys: "
                + "; ".join(failures[:20])
            )

    def _rotate_field(self, model, field, prefix, database, batch_size, dry_run, failures) -> int:
        """Re-encrypt one column, ``batch_size`` rows per transaction, rows locked while they
        are rewritten so a concurrent save is not overwritten with the old value. Returns how
        many values were (or, with ``dry_run``, would be) re-encrypted."""
        manager = model._base_manager.db_manager(database)
        # Cast to a plain TextField: the raw token, without from_db_value decrypting it.
        stale = (
            manager.annotate(**{RAW: Cast(field.attname, output_field=models.TextField())})
            .filter(**{f"{field.attname}__isnull": False})
            .exclude(**{RAW: ""})
            .exclude(**{f"{RAW}__startswith": prefix})
            .order_by("pk")
        )
        count = 0
        last_pk = None
        while True:
            with transaction.atomic(using=database):
                batch = stale if last_pk is None else stale.filter(pk__gt=last_pk)
                if not dry_run:
                    batch = batch.select_for_update()
                rows = list(batch.values_list("pk", RAW)[:batch_size])
                if not rows:
                    return count
                for pk, token in rows:
                    last_pk = pk
                    try:
                        plaintext = decrypt(token, context=field.encryption_context)
                    except DecryptionError as exc:
                        failures.append(f"{model._meta.label}.{field.name} pk={pk}: {exc}")
                        continue
                    if not dry_run:
                        # update() seals the plaintext again, under the current key.
                        manager.filter(pk=pk).update(**{field.attname: plaintext})
                    count += 1
