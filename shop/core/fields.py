"""Model fields for personal data at rest (style guide §5).

``EncryptedTextField`` stores an AES-GCM token (``shop.core.crypto``) and gives plaintext to
Python. The column can't be searched: each save draws a new nonce, so the same value never gives
the same token twice. Only ``isnull`` works; any other look-up raises ``FieldError``. Equality
look-ups go through a blind index, a keyed hash kept in its own indexed ``CharField(64)`` that the
service fills in together with the encrypted value::

    from shop.core.crypto import blind_index
    from shop.core.fields import EncryptedTextField
    from shop.core.identity import validate_resident_id

    class Declarant(models.Model):
        id_number = EncryptedTextField(_("ID number"), validators=[validate_resident_id])
        id_number_index = models.CharField(max_length=64, db_index=True, editable=False)

    def declarant_set_id_number(declarant, raw):
        number = validate_resident_id(raw)  # normalised: 18 characters, upper-case X
        declarant.id_number = number
        declarant.id_number_index = blind_index(number, context="resident_id")

    def declarant_get_by_id_number(raw):
        index = blind_index(raw, context="resident_id", normalise=validate_resident_id)
        return Declarant.objects.get(id_number_index=index)

Where plaintext can leak despite encryption: ``dumpdata`` (it serialises plaintext) and anything
that renders the value. Mask it for display with ``shop.core.masking``.
"""

from django.core import checks
from django.core.exceptions import FieldError
from django.db import models
from django.utils.translation import gettext_lazy as _

from shop.core.crypto import decrypt, encrypt


class EncryptedTextField(models.TextField):
    """A text column holding ``crypto.encrypt`` tokens; reads and writes plaintext ``str``.

    ``None`` and ``""`` are stored as they are (an empty value is not personal data). The
    associated data is ``"<app_label>.<model_name>.<field name>"``, so a token copied to another
    column does not decrypt. Renaming the model, its app or the field changes that context and
    makes existing rows unreadable: pin the old one with ``context="shop_core.oldname.field"``
    before renaming.

    Reading a row raises ``crypto.DecryptionError`` when its token can't be opened; look-ups
    other than ``isnull`` raise ``FieldError``.
    """

    description = _("Encrypted text")

    def __init__(self, *args, context: str | None = None, **kwargs):
        self._explicit_context = context
        self.encryption_context = context
        super().__init__(*args, **kwargs)

    def contribute_to_class(self, cls, name, private_only=False):
        super().contribute_to_class(cls, name, private_only=private_only)
        # Abstract models hand a copy of the field to each concrete model, which calls this
        # again: each concrete model gets its own label.
        if self._explicit_context is None:
            self.encryption_context = f"{cls._meta.label_lower}.{name}"

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if self._explicit_context is not None:
            kwargs["context"] = self._explicit_context
        return name, path, args, kwargs

    def check(self, **kwargs):
        errors = super().check(**kwargs)
        if self.unique or self.db_index or self.primary_key:
            errors.append(
                checks.Error(
                    "EncryptedTextField can't be unique, indexed or a primary key: its "
                    "ciphertext differs on every save.",
                    hint="Index a blind-index column (shop.core.crypto.blind_index) instead.",
                    obj=self,
                    id="shop_core.E010",
                )
            )
        return errors

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return value
        return decrypt(value, context=self.encryption_context)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return encrypt(value, context=self.encryption_context)

    def get_lookup(self, lookup_name):
        if lookup_name == "isnull":
            return super().get_lookup(lookup_name)
        raise FieldError(
            f"{self.model._meta.label}.{self.name} is encrypted and cannot be filtered with "
            f"'{lookup_name}': its ciphertext differs on every save. Filter on a blind-index "
            "column filled with shop.core.crypto.blind_index() instead."
        )

    def get_transform(self, lookup_name):
        raise FieldError(
            f"{self.model._meta.label}.{self.name} is encrypted: '{lookup_name}' can't be "
            "applied to it in a query."
        )
