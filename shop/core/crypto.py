"""Encryption at rest for personal data (style guide §5): ID numbers, phones, real names and the
stored copies of outgoing customs messages.

Values are sealed with AES-256-GCM, an AEAD: a changed byte, a token moved to another column or
a token under a key we do not hold fails loudly with ``DecryptionError`` instead of decrypting to
garbage. A token is compact ASCII and names its key, so keys can rotate::

    v1.<key_id>.<base64url(nonce[12] + ciphertext + tag[16])>

Keys come from ``settings.SHOP_ENCRYPTION_KEYS``, a list of ``(key_id, 32-byte key)``: the first
key encrypts, every key decrypts. To rotate, put a new key first, deploy, run
``manage.py encryption_rotate`` (re-encrypts every token not under the first key), and only then
drop the old key.

``context`` is bound as associated data: ``EncryptedTextField`` passes ``"<app>.<model>.<field>"``
so a token copied from ``phone`` into ``id_number`` does not decrypt.

Ciphertext is randomised (fresh nonce per call), so it cannot be compared in SQL. Equality
look-ups ("is this ID number already on file?") go through ``blind_index``: a keyed HMAC of the
normalised value, stored next to the ciphertext in its own indexed column.

Nothing here logs: neither plaintext nor tokens.
"""

import base64
import binascii
import functools
import hashlib
import hmac
import os
import re
import unicodedata
from collections.abc import Callable
from typing import NamedTuple

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.dispatch import receiver

VERSION = "v1"
NONCE_SIZE = 12  # 96-bit nonce: the size GCM is specified for (NIST SP 800-38D §8.2)
TAG_SIZE = 16
KEY_SIZE = 32  # AES-256
# The token is split on ".", so a key id must not contain one.
KEY_ID_RE = re.compile(r"^[A-Za-z0-9_-]{1,32}$")
_BLIND_INDEX_SALT = b"shop.core.crypto.blind_index.v1"

KEYS_HELP = (
    "Set the SHOP_ENCRYPTION_KEYS environment variable to "
    '"<key id>:<urlsafe base64 of 32 random bytes>", e.g. '
    "\"k1:$(python -c 'import base64,os;print(base64.urlsafe_b64encode(os.urandom(32)).decode())')\""
    " (see shop/settings.py)."
)


class DecryptionError(Exception):
    """A token could not be opened: malformed, unknown key id, tampered with, or sealed for
    another context. The message never contains the token or the plaintext."""


class _Keyring(NamedTuple):
    current_id: str | None
    ciphers: dict[str, AESGCM]
    oldest_key: bytes | None


@functools.cache
def _keyring() -> _Keyring:
    keys = getattr(settings, "SHOP_ENCRYPTION_KEYS", None) or []
    ciphers: dict[str, AESGCM] = {}
    for entry in keys:
        try:
            key_id, key = entry
        except (TypeError, ValueError):
            raise ImproperlyConfigured(
                "SHOP_ENCRYPTION_KEYS must be a list of (key_id, key) pairs."
            ) from None
        if not isinstance(key_id, str) or not KEY_ID_RE.match(key_id):
            raise ImproperlyConfigured(
                f"SHOP_ENCRYPTION_KEYS: key id {key_id!r} must be 1-32 letters, digits, '_' or '-'."
            )
        if not isinstance(key, bytes) or len(key) != KEY_SIZE:
            raise ImproperlyConfigured(
                f"SHOP_ENCRYPTION_KEYS: key {key_id!r} must be {KEY_SIZE} bytes (AES-256)."
            )
        # A repeated id keeps its first key (deploy check shop_core.W001 warns about it).
        ciphers.setdefault(key_id, AESGCM(key))
    return _Keyring(
        current_id=keys[0][0] if keys else None,
        ciphers=ciphers,
        oldest_key=keys[-1][1] if keys else None,
    )


def _configured_keyring() -> _Keyring:
    keyring = _keyring()
    if keyring.current_id is None:
        raise ImproperlyConfigured(f"No encryption key is configured. {KEYS_HELP}")
    return keyring


@receiver(setting_changed)
def _reset_key_caches(*, setting, **kwargs):
    # override_settings / the pytest-django ``settings`` fixture swap keys in tests.
    if setting in ("SHOP_ENCRYPTION_KEYS", "SHOP_BLIND_INDEX_KEY"):
        _keyring.cache_clear()
        _blind_index_key.cache_clear()


def _aad(context: str) -> bytes:
    return context.encode("utf-8")


def current_key_id() -> str:
    """The id of the key that ``encrypt`` uses now. Raises ``ImproperlyConfigured`` without keys."""
    return _configured_keyring().current_id


def encrypt(plaintext: str, *, context: str = "") -> str:
    """Seal ``plaintext`` under the current (first) key; ``context`` must be given again to
    ``decrypt``. Every call draws a fresh random nonce, so equal inputs give different tokens.

    Raises ``ImproperlyConfigured`` when no key is configured, ``TypeError`` for a non-str value.
    """
    if not isinstance(plaintext, str):
        raise TypeError(f"encrypt() takes a str, not {type(plaintext).__name__}")
    keyring = _configured_keyring()
    key_id = keyring.current_id
    nonce = os.urandom(NONCE_SIZE)
    sealed = keyring.ciphers[key_id].encrypt(nonce, plaintext.encode("utf-8"), _aad(context))
    payload = base64.urlsafe_b64encode(nonce + sealed).rstrip(b"=").decode("ascii")
    return f"{VERSION}.{key_id}.{payload}"


def _split(token: str) -> tuple[str, str]:
    if not isinstance(token, str):
        raise DecryptionError(f"Expected a token string, got {type(token).__name__}.")
    version, _, rest = token.partition(".")
    key_id, _, payload = rest.partition(".")
    if version != VERSION or not key_id or not payload:
        raise DecryptionError(f"Not a {VERSION} encryption token.")
    return key_id, payload


def decrypt(token: str, *, context: str = "") -> str:
    """Open a token made by ``encrypt`` with any configured key.

    Raises ``DecryptionError`` for a malformed token, an unknown key id, or when authentication
    fails (tampered token, or a ``context`` other than the one it was sealed with);
    ``ImproperlyConfigured`` when no key is configured at all.
    """
    keyring = _configured_keyring()
    key_id, payload = _split(token)
    cipher = keyring.ciphers.get(key_id)
    if cipher is None:
        raise DecryptionError(
            f"Token is sealed with key {key_id!r}, which is not in SHOP_ENCRYPTION_KEYS "
            f"(configured: {', '.join(keyring.ciphers)})."
        )
    try:
        raw = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))
    except (binascii.Error, ValueError):
        raise DecryptionError("Token payload is not valid base64url.") from None
    if len(raw) < NONCE_SIZE + TAG_SIZE:
        raise DecryptionError("Token payload is too short.")
    try:
        plaintext = cipher.decrypt(raw[:NONCE_SIZE], raw[NONCE_SIZE:], _aad(context))
    except InvalidTag:
        raise DecryptionError(
            f"Token under key {key_id!r} failed authentication for context {context!r}: "
            "tampered with, or sealed for another field."
        ) from None
    return plaintext.decode("utf-8")


def needs_rotation(token: str) -> bool:
    """True unless ``token`` is a v1 token under the current key (anything else, including a
    value that is not a token at all, has to be rewritten). Does not decrypt."""
    return not token.startswith(f"{VERSION}.{current_key_id()}.")


@functools.lru_cache(maxsize=64)
def _blind_index_key(context: str) -> bytes:
    base = getattr(settings, "SHOP_BLIND_INDEX_KEY", None)
    if base is None:
        base = _keyring().oldest_key
        if base is None:
            raise ImproperlyConfigured(
                f"No key for blind indexes: set SHOP_BLIND_INDEX_KEY or SHOP_ENCRYPTION_KEYS. "
                f"{KEYS_HELP}"
            )
    elif not isinstance(base, bytes) or len(base) < KEY_SIZE:
        raise ImproperlyConfigured(f"SHOP_BLIND_INDEX_KEY must be at least {KEY_SIZE} bytes.")
    # HKDF separates this key from the AES key it may come from, and one context from another.
    hkdf = HKDF(
        algorithm=hashes.SHA256(),
        length=32,
        salt=_BLIND_INDEX_SALT,
        info=context.encode("utf-8"),
    )
    return hkdf.derive(base)


def blind_index(value: str, *, context: str, normalise: Callable[[str], str] | None = None) -> str:
    """A keyed hash (HMAC-SHA256, 64 hex chars) of ``value`` for equality look-ups on encrypted
    data: store it in a ``CharField(max_length=64, db_index=True)`` next to the encrypted field
    and filter on ``blind_index(candidate, context=...)``.

    The value is first normalised to Unicode NFKC (full-width ``２１０１`` -> ``2101``) and
    stripped; ``normalise`` then applies the caller's own rule, e.g. ``str.upper`` or
    ``validate_resident_id`` for ID numbers (lower-case ``x``), digits-only for phones.
    Equal values give equal hashes only under the same ``context``: use one context per kind of
    data (``"resident_id"``, ``"mobile"``), not per column, if two tables must be matched.

    Key and rotation caveat: the HMAC key is derived from ``settings.SHOP_BLIND_INDEX_KEY`` when
    set, otherwise from the LAST (oldest) entry of ``SHOP_ENCRYPTION_KEYS``, which stays put
    while new keys are prepended. Every stored index therefore depends on that key: before the
    oldest encryption key is removed, set ``SHOP_BLIND_INDEX_KEY`` to its bytes (or recompute all
    blind indexes), otherwise look-ups silently stop matching. ``encryption_rotate`` re-encrypts
    values but does not touch blind indexes.

    Raises ``ImproperlyConfigured`` when neither setting holds a key.
    """
    if not isinstance(value, str):
        raise TypeError(f"blind_index() takes a str, not {type(value).__name__}")
    value = unicodedata.normalize("NFKC", value).strip()
    if normalise is not None:
        value = normalise(value)
    return hmac.new(_blind_index_key(context), value.encode("utf-8"), hashlib.sha256).hexdigest()
