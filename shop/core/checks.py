"""Deploy checks (``manage.py check --deploy``): the personal-data keys (style guide §5) and the
production stand-ins of shop/core/startup.py (issue #10)."""

from collections import Counter

from django.conf import settings
from django.core import checks

from shop.core.crypto import KEY_ID_RE, KEY_SIZE, KEYS_HELP


@checks.register(checks.Tags.security, deploy=True)
def check_encryption_keys(app_configs=None, **kwargs):
    """E001: no encryption key, so personal data can be neither stored nor read.
    E002: a malformed entry. W001: a key id used twice (only the first key of that id is used,
    so tokens sealed with the other one will not decrypt)."""
    keys = getattr(settings, "SHOP_ENCRYPTION_KEYS", None) or []
    if not keys:
        return [
            checks.Error(
                "SHOP_ENCRYPTION_KEYS is empty: personal data (ID numbers, phones, customs "
                "messages) can't be encrypted or read.",
                hint=KEYS_HELP,
                id="shop_core.E001",
            )
        ]
    errors = []
    ids = []
    for entry in keys:
        key_id, key = entry if isinstance(entry, tuple | list) and len(entry) == 2 else (None, None)
        ids.append(key_id)
        if not (isinstance(key_id, str) and KEY_ID_RE.match(key_id)) or not (
            isinstance(key, bytes) and len(key) == KEY_SIZE
        ):
            errors.append(
                checks.Error(
                    f"SHOP_ENCRYPTION_KEYS has a malformed entry (key id {key_id!r}): ids are "
                    f"1-32 letters, digits, '_' or '-'; keys are {KEY_SIZE} bytes.",
                    hint=KEYS_HELP,
                    id="shop_core.E002",
                )
            )
    repeated = sorted(str(key_id) for key_id, count in Counter(ids).items() if count > 1)
    if repeated:
        errors.append(
            checks.Warning(
                f"SHOP_ENCRYPTION_KEYS repeats key id(s) {', '.join(repeated)}: only the first "
                "key with an id is used to decrypt.",
                hint="Give every key its own id; a rotated-in key needs a new one.",
                id="shop_core.W001",
            )
        )
    return errors


@checks.register(checks.Tags.security, deploy=True)
def check_production_stand_ins(app_configs=None, **kwargs):
    """integrations.E001: an embedded backend (payment sandbox, development signer, folder
    exchange without CUSTOMS_EXCHANGE_FOLDER=1); integrations.E002: Stripe without its webhook
    secret. The same rule makes the web entry points refuse to start (shop/core/startup.py)."""
    from shop.core.startup import stand_in_problems

    return stand_in_problems()
