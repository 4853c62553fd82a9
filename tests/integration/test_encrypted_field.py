"""EncryptedTextField on a real table: the column holds tokens, the ORM gives plaintext, and
``encryption_rotate`` moves old tokens to the new key.

The model lives only for the test: it is registered in the app registry, its table created with
plain DDL inside the test's transaction (SQLite and PostgreSQL roll DDL back), and it is removed
from the registry afterwards, so no migration or app is needed and nothing leaks into other
tests.
"""

import io
import os

import pytest
from django.apps import apps
from django.core.exceptions import FieldError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, models
from django.test import override_settings
from django.test.utils import isolate_apps

from shop.core.crypto import DecryptionError, encrypt
from shop.core.fields import EncryptedTextField

ID_NUMBER = "210102199003071234"
PHONE = "13812345678"

pytestmark = pytest.mark.django_db


@pytest.fixture
def model():
    class PersonalDataProbe(models.Model):
        name = models.CharField(max_length=20)
        id_number = EncryptedTextField(null=True, blank=True)
        phone = EncryptedTextField(blank=True, default="")

        class Meta:
            app_label = "shop_core"
            db_table = "test_shop_core_personal_data_probe"
            managed = False

        def __str__(self):
            return self.name

    with connection.cursor() as cursor:
        sql, params = connection.schema_editor().table_sql(PersonalDataProbe)
        cursor.execute(sql, params)
    yield PersonalDataProbe
    # The table goes with the test's rollback; the model goes from the registry here.
    del apps.all_models["shop_core"][PersonalDataProbe._meta.model_name]
    apps.clear_cache()


def raw_row(model, pk):
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id_number, phone FROM {connection.ops.quote_name(model._meta.db_table)} "
            "WHERE id = %s",
            [pk],
        )
        return cursor.fetchone()


def test_column_holds_a_token_and_the_orm_gives_plaintext(model):
    declarant = model.objects.create(name="a", id_number=ID_NUMBER, phone=PHONE)
    raw_id, raw_phone = raw_row(model, declarant.pk)
    assert raw_id.startswith("v1.test1.")
    assert ID_NUMBER not in raw_id
    assert PHONE not in raw_phone
    fresh = model.objects.get(pk=declarant.pk)
    assert (fresh.id_number, fresh.phone) == (ID_NUMBER, PHONE)
    assert list(model.objects.values_list("id_number", flat=True)) == [ID_NUMBER]


def test_none_and_empty_pass_through(model):
    declarant = model.objects.create(name="b", id_number=None, phone="")
    assert raw_row(model, declarant.pk) == (None, "")
    fresh = model.objects.get(pk=declarant.pk)
    assert fresh.id_number is None
    assert fresh.phone == ""


def test_field_methods_use_the_column_as_context(model):
    field = model._meta.get_field("id_number")
    assert field.encryption_context == "shop_core.personaldataprobe.id_number"
    token = field.get_prep_value(ID_NUMBER)
    assert token.startswith("v1.test1.")
    assert field.from_db_value(token, None, connection) == ID_NUMBER
    assert field.get_prep_value(None) is None
    assert field.get_prep_value("") == ""
    # Same value sealed for the phone column: refused in the id_number column.
    with pytest.raises(DecryptionError):
        field.from_db_value(model._meta.get_field("phone").get_prep_value(ID_NUMBER), None, None)


def test_token_copied_into_another_column_does_not_decrypt(model):
    declarant = model.objects.create(name="c", id_number=ID_NUMBER, phone=PHONE)
    raw_id, _ = raw_row(model, declarant.pk)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {connection.ops.quote_name(model._meta.db_table)} SET phone = %s",
            [raw_id],
        )
    with pytest.raises(DecryptionError):
        model.objects.get(pk=declarant.pk)


def test_only_isnull_lookups_are_allowed(model):
    model.objects.create(name="d", id_number=ID_NUMBER)
    model.objects.create(name="e", id_number=None)
    assert list(model.objects.filter(id_number__isnull=True).values_list("name", flat=True)) == [
        "e"
    ]
    for lookup in [{"id_number": ID_NUMBER}, {"id_number__contains": "2101"}, {"phone__in": [""]}]:
        with pytest.raises(FieldError, match="blind-index"):
            model.objects.filter(**lookup).count()
    with pytest.raises(FieldError, match="encrypted"):
        model.objects.filter(id_number__lower="x").count()


def test_system_check_refuses_an_index():
    with isolate_apps("shop.core"):

        class Indexed(models.Model):
            secret = EncryptedTextField(db_index=True)

            class Meta:
                app_label = "shop_core"

            def __str__(self):
                return "indexed"

        errors = Indexed._meta.get_field("secret").check()
    assert [error.id for error in errors] == ["shop_core.E010"]


def test_explicit_context_survives_deconstruct():
    field = EncryptedTextField(context="shop_core.oldname.id_number")
    _, path, _, kwargs = field.deconstruct()
    assert path == "shop.core.fields.EncryptedTextField"
    assert kwargs == {"context": "shop_core.oldname.id_number"}


def test_encryption_rotate_moves_old_tokens_to_the_new_key(settings, model):
    old_keys = list(settings.SHOP_ENCRYPTION_KEYS)
    first = model.objects.create(name="f", id_number=ID_NUMBER, phone=PHONE)
    empty = model.objects.create(name="g", id_number=None, phone="")
    old_id, old_phone = raw_row(model, first.pk)
    new_key = ("rot2", os.urandom(32))

    with override_settings(SHOP_ENCRYPTION_KEYS=[new_key, *old_keys]):
        out = io.StringIO()
        call_command("encryption_rotate", "--dry-run", stdout=out)
        assert (
            "shop_core.PersonalDataProbe: 2 to re-encrypt (id_number 1, phone 1)" in out.getvalue()
        )
        assert raw_row(model, first.pk) == (old_id, old_phone)

        out = io.StringIO()
        call_command("encryption_rotate", "--batch-size", "1", stdout=out)
        assert (
            "shop_core.PersonalDataProbe: 2 re-encrypted (id_number 1, phone 1)" in out.getvalue()
        )
        assert "2 value(s) re-encrypted under key 'rot2'." in out.getvalue()
        assert ID_NUMBER not in out.getvalue()

        new_id, new_phone = raw_row(model, first.pk)
        assert new_id.startswith("v1.rot2.")
        assert new_phone.startswith("v1.rot2.")
        assert raw_row(model, empty.pk) == (None, "")

        out = io.StringIO()
        call_command("encryption_rotate", stdout=out)
        assert "0 value(s) re-encrypted" in out.getvalue()

    # The old key is gone: the rotated rows still open, so nothing depends on it any more.
    with override_settings(SHOP_ENCRYPTION_KEYS=[new_key]):
        fresh = model.objects.get(pk=first.pk)
        assert (fresh.id_number, fresh.phone) == (ID_NUMBER, PHONE)


def test_encryption_rotate_reports_undecryptable_rows(settings, model):
    declarant = model.objects.create(name="h", id_number=ID_NUMBER)
    foreign = encrypt(ID_NUMBER, context="somewhere.else")
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {connection.ops.quote_name(model._meta.db_table)} SET id_number = %s",
            [foreign],
        )
    new_key = ("rot3", os.urandom(32))
    with override_settings(SHOP_ENCRYPTION_KEYS=[new_key, *settings.SHOP_ENCRYPTION_KEYS]):
        with pytest.raises(
            CommandError, match=f"shop_core.PersonalDataProbe.id_number pk={declarant.pk}"
        ):
            call_command("encryption_rotate", stdout=io.StringIO())
    assert raw_row(model, declarant.pk)[0] == foreign
