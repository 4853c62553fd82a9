import base64
import os

import pytest
from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings

from shop.core import crypto
from shop.core.checks import check_encryption_keys
from shop.core.crypto import (
    DecryptionError,
    blind_index,
    decrypt,
    encrypt,
    needs_rotation,
)

ID_NUMBER = "210102199003071234"


@pytest.fixture
def old_key():
    return ("old", os.urandom(32))


@pytest.fixture
def new_key():
    return ("new", os.urandom(32))


@pytest.fixture
def keys(settings, old_key):
    settings.SHOP_ENCRYPTION_KEYS = [old_key]
    return settings


def _payload(token):
    version, key_id, payload = token.split(".")
    return version, key_id, base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))


def _token(version, key_id, raw):
    return f"{version}.{key_id}.{base64.urlsafe_b64encode(raw).rstrip(b'=').decode()}"


def test_round_trip_including_non_ascii(keys):
    for text in [ID_NUMBER, "欧阳娜娜", "Иван Петров", " "]:
        assert decrypt(encrypt(text, context="f"), context="f") == text


def test_token_names_its_key_and_hides_the_plaintext(keys):
    token = encrypt(ID_NUMBER, context="declarant.id_number")
    version, key_id, raw = _payload(token)
    assert (version, key_id) == ("v1", "old")
    assert token.isascii()
    assert ID_NUMBER not in token
    assert ID_NUMBER.encode() not in raw
    # 12-byte nonce + 18 bytes of ciphertext + 16-byte tag
    assert len(raw) == 12 + len(ID_NUMBER) + 16


def test_same_value_encrypts_differently_each_time(keys):
    assert encrypt(ID_NUMBER) != encrypt(ID_NUMBER)


def test_tampered_ciphertext_is_refused(keys):
    version, key_id, raw = _payload(encrypt(ID_NUMBER, context="f"))
    flipped = bytearray(raw)
    flipped[15] ^= 0x01
    with pytest.raises(DecryptionError, match="failed authentication"):
        decrypt(_token(version, key_id, bytes(flipped)), context="f")


def test_token_for_another_context_is_refused(keys):
    token = encrypt(ID_NUMBER, context="shop_core.declarant.id_number")
    with pytest.raises(DecryptionError):
        decrypt(token, context="shop_core.declarant.phone")


def test_unknown_key_id_and_garbage_are_refused(keys):
    _, _, raw = _payload(encrypt(ID_NUMBER))
    with pytest.raises(DecryptionError, match="'gone'"):
        decrypt(_token("v1", "gone", raw))
    for garbage in [ID_NUMBER, "v1.old.", "v2.old.AAAA", "v1.old.!!!!", "v1.old.AAAA"]:
        with pytest.raises(DecryptionError):
            decrypt(garbage)


def test_rotation_old_tokens_still_open_new_ones_use_the_new_key(keys, old_key, new_key):
    old_token = encrypt(ID_NUMBER, context="f")
    assert not needs_rotation(old_token)
    with override_settings(SHOP_ENCRYPTION_KEYS=[new_key, old_key]):
        assert decrypt(old_token, context="f") == ID_NUMBER
        assert needs_rotation(old_token)
        new_token = encrypt(ID_NUMBER, context="f")
        assert new_token.startswith("v1.new.")
        assert not needs_rotation(new_token)
    # Back to the old key alone: the new token can't be opened any more.
    with pytest.raises(DecryptionError, match="'new'"):
        decrypt(new_token, context="f")


def test_non_tokens_need_rotation(keys):
    assert needs_rotation(ID_NUMBER)


def test_blind_index_is_stable_across_rotation_and_separate_per_context(keys, old_key, new_key):
    before = blind_index(ID_NUMBER, context="resident_id")
    assert len(before) == 64
    assert set(before) <= set("0123456789abcdef")
    assert blind_index(ID_NUMBER, context="resident_id") == before
    assert blind_index(ID_NUMBER, context="mobile") != before
    assert blind_index("210102199003071235", context="resident_id") != before
    with override_settings(SHOP_ENCRYPTION_KEYS=[new_key, old_key]):
        assert blind_index(ID_NUMBER, context="resident_id") == before
    # Another oldest key: another index, i.e. it really is keyed.
    with override_settings(SHOP_ENCRYPTION_KEYS=[new_key]):
        assert blind_index(ID_NUMBER, context="resident_id") != before


def test_blind_index_key_setting_takes_precedence(keys, new_key):
    default = blind_index(ID_NUMBER, context="resident_id")
    dedicated = os.urandom(32)
    keys.SHOP_BLIND_INDEX_KEY = dedicated
    pinned = blind_index(ID_NUMBER, context="resident_id")
    assert pinned != default
    # The encryption keys no longer matter.
    keys.SHOP_ENCRYPTION_KEYS = [new_key]
    assert blind_index(ID_NUMBER, context="resident_id") == pinned


def test_blind_index_normalises(keys):
    expected = blind_index("11010519491231002X", context="resident_id")
    assert blind_index(" １１０１０５１９４９１２３１００２X ", context="resident_id") == expected
    assert blind_index("11010519491231002x", context="resident_id") != expected
    assert blind_index("11010519491231002x", context="resident_id", normalise=str.upper) == expected


def test_no_key_configured(settings):
    settings.SHOP_ENCRYPTION_KEYS = []
    with pytest.raises(ImproperlyConfigured, match="SHOP_ENCRYPTION_KEYS"):
        encrypt(ID_NUMBER)
    with pytest.raises(ImproperlyConfigured):
        decrypt("v1.old.AAAA")
    with pytest.raises(ImproperlyConfigured):
        blind_index(ID_NUMBER, context="resident_id")


@pytest.mark.parametrize(
    "bad",
    [[("old", b"short")], [("a.b", os.urandom(32))], [("", os.urandom(32))], ["nope"]],
)
def test_malformed_keys_are_refused(settings, bad):
    settings.SHOP_ENCRYPTION_KEYS = bad
    with pytest.raises(ImproperlyConfigured):
        encrypt(ID_NUMBER)


def test_setting_changes_reset_the_cached_keys(keys, new_key):
    assert encrypt(ID_NUMBER).startswith("v1.old.")
    keys.SHOP_ENCRYPTION_KEYS = [new_key]
    assert encrypt(ID_NUMBER).startswith("v1.new.")
    assert crypto.current_key_id() == "new"


def _ids(settings_keys):
    with override_settings(SHOP_ENCRYPTION_KEYS=settings_keys):
        return [message.id for message in check_encryption_keys(None)]


def test_deploy_check(old_key, new_key):
    assert _ids([]) == ["shop_core.E001"]
    assert _ids([new_key, old_key]) == []
    assert _ids([new_key, ("new", os.urandom(32))]) == ["shop_core.W001"]
    assert _ids([("a.b", os.urandom(32))]) == ["shop_core.E002"]
    registered = checks.registry.registry.get_checks(include_deployment_checks=True)
    assert check_encryption_keys in registered
    assert check_encryption_keys not in checks.registry.registry.get_checks()
