"""Embedded SM2/SM3 signer (``http://www.chinaport.gov.cn/2022/04/xmldsig#sm2-sm3``) and the
development identity it signs with.

* DigestValue = base64(SM3(C14N(document without its ds:Signature))).
* SignatureValue = base64(r ‖ s), 64 bytes: SM2 over SM3(Z ‖ C14N(SignedInfo)), where Z is
  computed with the default user id ``1234567812345678`` (GM/T 0009; Tongsuo's default, and
  what gmssl's ``sign_with_sm3`` hard-codes). The verifier also accepts a DER ``SEQUENCE {r, s}``.
* SM2 itself is computed by Tongsuo (``tongsuopy``, compiled, ~0.3 ms a signature); the pure-Python
  gmssl path remains only as a fallback for platforms without a tongsuopy wheel
  (``IMPLEMENTATION.name`` says which one runs).
* KeyName = the certificate serial number in lower-case hex, X509Certificate = base64 DER.

The identity is a fresh SM2 key pair with a self-signed X.509 v3 certificate built with the DER
encoder in ``asn1`` (``cryptography`` cannot do SM2). It is for development and tests only: the
production certificate lives on an E-port card / crypto device behind ``HttpSigner``.
"""

from __future__ import annotations

import base64
import binascii
import datetime
import functools
import hashlib
import json
import os
import pathlib
import secrets
import tempfile
from dataclasses import dataclass, field
from typing import ClassVar

from . import asn1
from .base import SM2_SM3, SM3, SigningError
from .xmldsig import (
    b64,
    build_signature,
    canonical,
    digest,
    find_signature,
    parse_document,
    require_ceb_root,
    serialize,
)

OID_EC_PUBLIC_KEY = "1.2.840.10045.2.1"
OID_SM2_CURVE = "1.2.156.10197.1.301"
OID_SM2_WITH_SM3 = "1.2.156.10197.1.501"
OID_COMMON_NAME = "2.5.4.3"
OID_SUBJECT_KEY_IDENTIFIER = "2.5.29.14"
OID_KEY_USAGE = "2.5.29.15"
OID_BASIC_CONSTRAINTS = "2.5.29.19"

#: The GM/T 0009 default signer id that goes into Z (both implementations use it).
DEFAULT_USER_ID = b"1234567812345678"

# The SM2 recommended curve (GB/T 32918.5 / GM/T 0003.5), used for the key checks below.
_P = 0xFFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF00000000FFFFFFFFFFFFFFFF
_A = 0xFFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF00000000FFFFFFFFFFFFFFFC
_B = 0x28E9FA9E9D9F5E344D5A9E4BCF6509A7F39789F515AB8F92DDBCBD414D940E93
_N = 0xFFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFF7203DF6B21C6052B53BBF40939D54123

DEFAULT_COMMON_NAME = "Customs signing development identity (not for production)"


# --- SM2 primitives (Tongsuo; gmssl as the fallback) -----------------------------------------


def normalize_public_key(key: str | bytes) -> str:
    """An SM2 public key as 128 lower-case hex digits x‖y; accepts hex or bytes, with or without
    the 04 prefix of the uncompressed point. ``ValueError`` if it is not a point on the curve."""
    if isinstance(key, bytes | bytearray):
        raw = bytes(key)
    else:
        try:
            raw = bytes.fromhex(key.strip())
        except ValueError as error:
            raise ValueError("public key is not hex") from error
    if len(raw) == 65 and raw[0] == 4:
        raw = raw[1:]
    if len(raw) != 64:
        raise ValueError("an SM2 public key is 64 bytes x‖y (or 65 with the 04 prefix)")
    x, y = int.from_bytes(raw[:32], "big"), int.from_bytes(raw[32:], "big")
    if not (x < _P and y < _P and (y * y - (x * x * x + _A * x + _B)) % _P == 0):
        raise ValueError("public key is not a point on the SM2 curve")
    return raw.hex()


def _private_scalar(private_key: str) -> int:
    try:
        d = int(private_key, 16)
    except ValueError as error:
        raise ValueError("private key is not hex") from error
    if not 1 <= d <= _N - 2:
        raise ValueError("private key out of range")
    return d


class _Tongsuo:
    """SM2 with SM3 and Z(default id) in Tongsuo (OpenSSL's fork with the Chinese national
    algorithms, compiled): ~0.3 ms a signature here, against ~24 ms in pure Python."""

    name = "tongsuo"

    def __init__(self):
        from tongsuopy.crypto import hashes
        from tongsuopy.crypto.asymciphers import ec, utils
        from tongsuopy.crypto.exceptions import InvalidSignature

        self._ec, self._utils, self._invalid = ec, utils, InvalidSignature
        self._algorithm = ec.ECDSA(hashes.SM3())  # with an SM2 key: SM2 signing, Z included

    @functools.lru_cache(maxsize=16)  # noqa: B019 - one instance per process, keys are few
    def _private(self, d: int):
        return self._ec.derive_private_key(d, self._ec.SM2())

    @functools.lru_cache(maxsize=16)  # noqa: B019
    def public_key_of(self, d: int) -> str:
        numbers = self._private(d).public_key().public_numbers()
        return f"{numbers.x:064x}{numbers.y:064x}"

    def sign(self, d: int, message: bytes) -> tuple[int, int]:
        # Tongsuo draws the nonce from its own CSPRNG
        return _signature_rs(self._private(d).sign(message, self._algorithm))  # DER {r, s}

    def verify(self, public_key: str, message: bytes, r: int, s: int) -> bool:
        key = self._ec.EllipticCurvePublicKey.from_encoded_point(
            self._ec.SM2(), bytes.fromhex("04" + public_key)
        )
        try:
            key.verify(self._utils.encode_dss_signature(r, s), message, self._algorithm)
        except self._invalid:
            return False
        return True


class _Gmssl:
    """The pure-Python fallback (gmssl), only where tongsuopy has no wheel for the platform."""

    name = "gmssl"

    def __init__(self):
        from gmssl.sm2 import CryptSM2, default_ecc_table

        self._crypt_class, self._g = CryptSM2, default_ecc_table["g"]

    def _crypt(self, public_key: str, private_key: str = ""):
        crypt = self._crypt_class(private_key=private_key, public_key=public_key)
        # CryptSM2 does public_key.lstrip("04") when the hex starts with "04", which also eats
        # leading 0/4 digits of x; set the normalised 128-hex key directly instead.
        crypt.public_key = public_key
        return crypt

    def public_key_of(self, d: int) -> str:
        return self._crypt("00" * 64)._kg(d, self._g)

    def sign(self, d: int, message: bytes) -> tuple[int, int]:
        crypt = self._crypt(self.public_key_of(d), f"{d:064x}")
        while True:  # gmssl returns None for the (negligible) r = 0 / r + k = n / s = 0 cases
            # The nonce comes from ``secrets``: gmssl's own default uses ``random.choice``.
            nonce = f"{secrets.randbelow(_N - 1) + 1:064x}"
            signature = crypt.sign_with_sm3(message, nonce)
            if signature:
                return int(signature[:64], 16), int(signature[64:], 16)

    def verify(self, public_key: str, message: bytes, r: int, s: int) -> bool:
        try:
            return bool(self._crypt(public_key).verify_with_sm3(f"{r:064x}{s:064x}", message))
        except (TypeError, ValueError):  # e.g. the point at infinity along the way
            return False


def _implementation():
    try:
        return _Tongsuo()
    except ImportError:  # pragma: no cover - tongsuopy is a dependency; no wheel for the platform
        return _Gmssl()


#: The SM2 implementation in use ("tongsuo", or "gmssl" where tongsuopy cannot be installed).
IMPLEMENTATION = _implementation()


def public_key_of(private_key: str) -> str:
    """The public key (128 hex) for a private key (64 hex)."""
    return IMPLEMENTATION.public_key_of(_private_scalar(private_key))


def sm2_sign(private_key: str, public_key: str, message: bytes) -> bytes:
    """SM2 signature of ``message`` with SM3 and Z(default id) as 64 bytes r‖s."""
    d = _private_scalar(private_key)
    if IMPLEMENTATION.public_key_of(d) != normalize_public_key(public_key):
        raise ValueError("the public key does not belong to the private key")
    r, s = IMPLEMENTATION.sign(d, message)
    return r.to_bytes(32, "big") + s.to_bytes(32, "big")


def _signature_rs(signature: bytes) -> tuple[int, int]:
    if len(signature) == 64:
        return int.from_bytes(signature[:32], "big"), int.from_bytes(signature[32:], "big")
    node = asn1.parse(signature).expect(asn1.SEQUENCE)  # DER SEQUENCE {INTEGER r, INTEGER s}
    if len(node.children) != 2:
        raise asn1.DerError("an SM2 signature has two INTEGERs")
    return asn1.read_integer(node.children[0]), asn1.read_integer(node.children[1])


def sm2_verify(public_key: str | bytes, message: bytes, signature: bytes) -> bool:
    """Verify an SM2-with-SM3 (default id) signature given as r‖s or DER ``SEQUENCE {r, s}``."""
    try:
        key = normalize_public_key(public_key)
        r, s = _signature_rs(signature)
    except ValueError:
        return False
    if not (1 <= r < _N and 1 <= s < _N):  # checked here, whatever the implementation does
        return False
    return IMPLEMENTATION.verify(key, message, r, s)


# --- certificate ----------------------------------------------------------------------------


def certificate_number(serial: int) -> str:
    """The serial as KeyName: lower-case hex of its bytes (even length), e.g. ``01691fe9``."""
    text = f"{serial:x}"
    return text if len(text) % 2 == 0 else "0" + text


@dataclass(frozen=True)
class CertificateInfo:
    serial: int
    public_key: str  # 128 hex
    signature_algorithm: str  # OID
    tbs: bytes  # the DER TBSCertificate exactly as signed
    signature: bytes  # DER SEQUENCE {r, s}

    @property
    def number(self) -> str:
        return certificate_number(self.serial)


def parse_certificate(der: bytes) -> CertificateInfo:
    """Read the parts of an SM2 X.509 certificate this package needs (strict DER).

    ``SigningError`` if it is not DER or its key is not an SM2 ``id-ecPublicKey``."""
    try:
        certificate = asn1.parse(der).expect(asn1.SEQUENCE)
        tbs, algorithm, signature = certificate.children
        tbs.expect(asn1.SEQUENCE)
        fields = list(tbs.children)
        if fields and fields[0].tag == 0xA0:  # [0] EXPLICIT version
            fields = fields[1:]
        serial_node, _inner_algorithm, _issuer, _validity, _subject, spki = fields[:6]
        key_algorithm, key_bits = spki.expect(asn1.SEQUENCE).children
        algorithm_oids = [asn1.read_oid(node) for node in key_algorithm.children]
        if algorithm_oids != [OID_EC_PUBLIC_KEY, OID_SM2_CURVE]:
            raise SigningError(f"certificate key is not SM2 ({algorithm_oids})")
        point, unused = asn1.read_bit_string(key_bits)
        signature_bytes, signature_unused = asn1.read_bit_string(signature)
        if unused or signature_unused:
            raise asn1.DerError("key or signature BIT STRING with unused bits")
        return CertificateInfo(
            serial=asn1.read_integer(serial_node),
            public_key=normalize_public_key(point),
            signature_algorithm=asn1.read_oid(algorithm.expect(asn1.SEQUENCE).children[0]),
            tbs=tbs.encoded,
            signature=signature_bytes,
        )
    except (ValueError, IndexError) as error:  # DerError is a ValueError
        raise SigningError(f"not an SM2 X.509 certificate: {error}") from error


def _name(common_name: str) -> bytes:
    attribute = asn1.sequence(asn1.oid(OID_COMMON_NAME), asn1.utf8_string(common_name))
    return asn1.sequence(asn1.set_of(attribute))


def _extension(oid: str, value: bytes, *, critical: bool = False) -> bytes:
    parts = [asn1.oid(oid)]
    if critical:
        parts.append(asn1.boolean(True))
    return asn1.sequence(*parts, asn1.octet_string(value))


def _self_signed_certificate(
    private_key: str, public_key: str, *, common_name: str, serial: int, valid_days: int
) -> bytes:
    point = bytes.fromhex("04" + public_key)
    not_before = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    not_before -= datetime.timedelta(minutes=5)  # tolerate clock skew
    not_after = not_before + datetime.timedelta(days=valid_days)
    sm2_with_sm3 = asn1.sequence(asn1.oid(OID_SM2_WITH_SM3))  # parameters absent
    extensions = asn1.sequence(
        _extension(OID_BASIC_CONSTRAINTS, asn1.sequence(), critical=True),  # cA FALSE
        # digitalSignature + nonRepudiation, as on E-port signing certificates
        _extension(OID_KEY_USAGE, asn1.bit_string(b"\xc0", unused_bits=6), critical=True),
        _extension(
            OID_SUBJECT_KEY_IDENTIFIER,
            asn1.octet_string(hashlib.sha1(point).digest()),  # RFC 5280 §4.2.1.2 method 1
        ),
    )
    tbs = asn1.sequence(
        asn1.explicit(0, asn1.integer(2)),  # v3
        asn1.integer(serial),
        sm2_with_sm3,
        _name(common_name),
        asn1.sequence(asn1.x509_time(not_before), asn1.x509_time(not_after)),
        _name(common_name),
        asn1.sequence(
            asn1.sequence(asn1.oid(OID_EC_PUBLIC_KEY), asn1.oid(OID_SM2_CURVE)),
            asn1.bit_string(point),
        ),
        asn1.explicit(3, extensions),
    )
    raw = sm2_sign(private_key, public_key, tbs)
    r, s = int.from_bytes(raw[:32], "big"), int.from_bytes(raw[32:], "big")
    signature = asn1.sequence(asn1.integer(r), asn1.integer(s))
    return asn1.sequence(tbs, sm2_with_sm3, asn1.bit_string(signature))


# --- identity ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Identity:
    """An SM2 key pair and its certificate. ``repr`` never shows the private key."""

    private_key: str = field(repr=False)  # 64 hex
    public_key: str  # 128 hex, x‖y without the 04 prefix
    certificate: bytes = field(repr=False)  # DER

    @property
    def key_name(self) -> str:
        """The certificate number that goes into ``ds:KeyName``."""
        return parse_certificate(self.certificate).number

    def to_json(self) -> str:
        return json.dumps(
            {
                "private_key": self.private_key,
                "public_key": self.public_key,
                "certificate": b64(self.certificate),
            },
            indent=2,
        )

    @classmethod
    def from_json(cls, text: str) -> Identity:
        """Load and check an identity: the keys belong together and the certificate is theirs."""
        try:
            data = json.loads(text)
            private_key = f"{_private_scalar(str(data['private_key'])):064x}"
            public_key = normalize_public_key(str(data["public_key"]))
            certificate = base64.b64decode(data["certificate"], validate=True)
            derived = public_key_of(private_key)
        except (ValueError, KeyError, TypeError, binascii.Error) as error:
            raise SigningError(f"unreadable signing identity: {error}") from error
        if derived != public_key:
            raise SigningError("signing identity: public key does not belong to the private key")
        if parse_certificate(certificate).public_key != public_key:
            raise SigningError("signing identity: certificate is for another key")
        return cls(private_key=private_key, public_key=public_key, certificate=certificate)


def generate_test_identity(
    common_name: str = DEFAULT_COMMON_NAME, *, valid_days: int = 3650
) -> Identity:
    """A fresh SM2 key pair with a self-signed X.509 v3 certificate (DER), for dev and tests."""
    private_key = f"{secrets.randbelow(_N - 2) + 1:064x}"
    public_key = public_key_of(private_key)
    serial = secrets.randbits(62) | (1 << 62)  # positive, always 8 bytes → 16 hex KeyName
    certificate = _self_signed_certificate(
        private_key, public_key, common_name=common_name, serial=serial, valid_days=valid_days
    )
    return Identity(private_key=private_key, public_key=public_key, certificate=certificate)


def load_or_create_identity(path: pathlib.Path) -> Identity:
    """The development identity stored at ``path`` (JSON, mode 0600), created on first use.

    Creation is atomic and race-free: the file is written under a temporary name and linked
    into place only if nobody else created it meanwhile (then theirs is used)."""
    path = pathlib.Path(path)
    if path.exists():
        return Identity.from_json(path.read_text(encoding="utf-8"))
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    identity = generate_test_identity()
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)  # mode 0600
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(identity.to_json() + "\n")
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o600)
        try:
            os.link(temporary, path)
        except FileExistsError:
            return Identity.from_json(path.read_text(encoding="utf-8"))
    finally:
        os.unlink(temporary)
    return identity


# --- signer -----------------------------------------------------------------------------------


class Sm2Signer:
    """Signs in process with an SM2 identity (development default; see ``HttpSigner``)."""

    embedded: ClassVar[bool] = True

    def __init__(self, identity: Identity):
        self.identity = identity
        self.key_name = identity.key_name

    def sign(self, xml: bytes) -> bytes:
        tree = parse_document(xml)
        require_ceb_root(tree)
        if find_signature(tree) is not None:
            raise SigningError("the message is already signed (strip_signature() to re-sign)")
        # What a verifier digests — the document minus the signature, by the enveloped transform
        # — is the document as it is now: the signature goes in as the last child with no tail
        # text, so canonicalising before insertion gives the same octets without copying the tree.
        reference = canonical(tree)
        signature = build_signature(
            digest_value=b"",
            key_name=self.key_name,
            certificate=self.identity.certificate,
            signature_method=SM2_SM3,
            digest_method=SM3,
        )
        tree.getroot().append(signature)
        digest_value = signature.find(".//{*}DigestValue")
        digest_value.text = b64(digest(SM3, reference))
        signed_info = signature[0]
        signature_value = sm2_sign(
            self.identity.private_key, self.identity.public_key, canonical(signed_info)
        )
        signature[1].text = b64(signature_value)
        return serialize(tree)
