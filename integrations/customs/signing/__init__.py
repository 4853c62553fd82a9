"""Signing China Customs CEB messages with an enveloped XML-DSig signature (spec §1.5).

No Django here. ``Sm2Signer`` (embedded, development identity from ``load_or_create_identity``)
and ``HttpSigner`` (production signing service) both implement ``Signer``; ``verify`` /
``check_signature`` check an sm2-sm3 signed message against a known key or certificate.
"""

from .base import (
    ALGORITHM_PAIRS,
    C14N,
    CEB_NS,
    DS_NS,
    ENVELOPED_SIGNATURE,
    RSA_SHA1,
    SHA1,
    SM2_SM3,
    SM3,
    SignatureInvalid,
    Signer,
    SigningError,
)
from .http import HttpSigner
from .sm2 import (
    DEFAULT_USER_ID,
    CertificateInfo,
    Identity,
    Sm2Signer,
    certificate_number,
    generate_test_identity,
    load_or_create_identity,
    normalize_public_key,
    parse_certificate,
    public_key_of,
    sm2_sign,
    sm2_verify,
)
from .verify import check_signature, verify
from .xmldsig import reference_octets, strip_signature

__all__ = [
    "ALGORITHM_PAIRS",
    "C14N",
    "CEB_NS",
    "DEFAULT_USER_ID",
    "DS_NS",
    "ENVELOPED_SIGNATURE",
    "RSA_SHA1",
    "SHA1",
    "SM2_SM3",
    "SM3",
    "CertificateInfo",
    "HttpSigner",
    "Identity",
    "SignatureInvalid",
    "Signer",
    "SigningError",
    "Sm2Signer",
    "certificate_number",
    "check_signature",
    "generate_test_identity",
    "load_or_create_identity",
    "normalize_public_key",
    "parse_certificate",
    "public_key_of",
    "reference_octets",
    "sm2_sign",
    "sm2_verify",
    "strip_signature",
    "verify",
]
