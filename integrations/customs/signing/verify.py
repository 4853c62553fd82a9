"""Verifying an SM2-signed CEB message (the checks customs makes, error codes 1001/1004)."""

from __future__ import annotations

from .base import SM2_SM3, SignatureInvalid, SigningError
from .sm2 import normalize_public_key, parse_certificate, sm2_verify
from .xmldsig import (
    SignatureParts,
    canonical,
    check_digest,
    find_signature,
    parse_document,
    read_signature,
)


def check_signature(
    xml: bytes, *, public_key: str | bytes | None = None, certificate: bytes | None = None
) -> SignatureParts:
    """Raise ``SignatureInvalid`` (saying why) unless ``xml`` carries one valid sm2-sm3
    signature, in the place and shape §1.5 describes, made with the given key.

    Give the expected signer as ``public_key`` (hex x‖y, with or without 04) or as its DER
    ``certificate``. The certificate embedded in KeyInfo is not trusted on its own: it must hold
    the same key (customs verifies against it, so a mismatch would be rejected there too)."""
    if (public_key is None) == (certificate is None):
        raise TypeError("give exactly one of public_key= or certificate=")
    try:
        expected = (
            normalize_public_key(public_key)
            if public_key is not None
            else parse_certificate(certificate).public_key
        )
    except (ValueError, SigningError) as error:
        raise SignatureInvalid(f"bad verifying key: {error}") from error
    try:
        tree = parse_document(xml)
    except SigningError as error:
        raise SignatureInvalid(str(error)) from error
    signature = find_signature(tree)
    if signature is None:
        raise SignatureInvalid("the message has no ds:Signature")
    parts = read_signature(signature)
    if parts.signature_method != SM2_SM3:
        raise SignatureInvalid(f"cannot verify {parts.signature_method} (only sm2-sm3)")
    try:
        embedded = parse_certificate(parts.certificate).public_key
    except SigningError as error:
        raise SignatureInvalid(f"KeyInfo certificate: {error}") from error
    if embedded != expected:
        raise SignatureInvalid("the KeyInfo certificate is not the expected signer's")
    check_digest(tree, parts)
    if not sm2_verify(expected, canonical(parts.signed_info), parts.signature_value):
        raise SignatureInvalid("SignatureValue does not verify over SignedInfo with this key")
    return parts


def verify(
    xml: bytes, *, public_key: str | bytes | None = None, certificate: bytes | None = None
) -> bool:
    """True if ``check_signature`` passes, False for any invalid, tampered or foreign signature."""
    try:
        check_signature(xml, public_key=public_key, certificate=certificate)
    except SigningError:  # SignatureInvalid and unreadable certificates alike
        return False
    return True
