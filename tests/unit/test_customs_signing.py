"""Customs message signing (spec §1.5): the embedded SM2 signer, verification, the development
identity and the HTTP signing-service client. No database; keys are generated per test run."""

import base64
import http.server
import json
import pathlib
import shutil
import socket
import stat
import subprocess
import threading
import time

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from gmssl import sm3
from gmssl.sm2 import CryptSM2
from lxml import etree

from integrations.customs.signing import (
    C14N,
    ENVELOPED_SIGNATURE,
    SM2_SM3,
    SM3,
    HttpSigner,
    Identity,
    SignatureInvalid,
    Signer,
    SigningError,
    Sm2Signer,
    asn1,
    check_signature,
    generate_test_identity,
    load_or_create_identity,
    normalize_public_key,
    parse_certificate,
    public_key_of,
    reference_octets,
    sm2,
    sm2_sign,
    sm2_verify,
    strip_signature,
    verify,
)

ROOT = pathlib.Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "customs"
XSD = ROOT / "integrations" / "customs" / "xsd" / "ceb-import-202205.xsd"
DS = "{http://www.w3.org/2000/09/xmldsig#}"
CEB = "{http://www.chinaport.gov.cn/ceb}"
SENT_BY_ENTERPRISES = [
    "CEB311Message",
    "CEB411Message",
    "CEB511Message",
    "CEB513Message",
    "CEB621Message",
    "CEB623Message",
    "CEB625Message",
    "CEB711Message",
]
AMOUNT = b"<ceb:acturalPaid>19050</ceb:acturalPaid>"
CHANGED_AMOUNT = b"<ceb:acturalPaid>1</ceb:acturalPaid>"


def official(name: str) -> bytes:
    return (FIXTURES / f"{name}.xml").read_bytes()


def unsigned(name: str) -> bytes:
    return strip_signature(official(name))


def signature_of(xml: bytes) -> etree._Element:
    return etree.fromstring(xml).find(f"{DS}Signature")


def sm3_digest(data: bytes) -> bytes:
    hasher = hashes.Hash(hashes.SM3())
    hasher.update(data)
    return hasher.finalize()


@pytest.fixture(scope="module")
def identity():
    return generate_test_identity()


@pytest.fixture(scope="module")
def other_identity():
    return generate_test_identity("someone else")


@pytest.fixture(scope="module")
def schema():
    return etree.XMLSchema(etree.parse(str(XSD)))


@pytest.fixture(scope="module")
def signed_311(identity):
    return Sm2Signer(identity).sign(unsigned("CEB311Message"))


# --- what the signer produces -------------------------------------------------------------------


def _shape(element):
    return (
        etree.QName(element).localname,
        dict(element.attrib),
        [_shape(child) for child in element if isinstance(child.tag, str)],
    )


def test_signature_is_the_last_child_and_has_exactly_the_spec_structure(signed_311, identity):
    root = etree.fromstring(signed_311)
    children = [child for child in root if isinstance(child.tag, str)]
    assert [etree.QName(c).localname for c in children] == ["Order"] * 6 + [
        "BaseTransfer",
        "Signature",
    ]
    signature = children[-1]
    assert signature.tag == f"{DS}Signature"
    assert _shape(signature) == (
        "Signature",
        {},
        [
            (
                "SignedInfo",
                {},
                [
                    ("CanonicalizationMethod", {"Algorithm": C14N}, []),
                    ("SignatureMethod", {"Algorithm": SM2_SM3}, []),
                    (
                        "Reference",
                        {"URI": ""},
                        [
                            (
                                "Transforms",
                                {},
                                [("Transform", {"Algorithm": ENVELOPED_SIGNATURE}, [])],
                            ),
                            ("DigestMethod", {"Algorithm": SM3}, []),
                            ("DigestValue", {}, []),
                        ],
                    ),
                ],
            ),
            ("SignatureValue", {}, []),
            ("KeyInfo", {}, [("KeyName", {}, []), ("X509Data", {}, [("X509Certificate", {}, [])])]),
        ],
    )
    assert all(child.tag.startswith(DS) for child in signature.iter())
    assert len(base64.b64decode(signature.findtext(f".//{DS}DigestValue"))) == 32  # SM3
    assert len(base64.b64decode(signature.findtext(f"{DS}SignatureValue"))) == 64  # r‖s
    key_name = signature.findtext(f"{DS}KeyInfo/{DS}KeyName")
    assert key_name == identity.key_name == f"{parse_certificate(identity.certificate).serial:x}"
    certificate = signature.findtext(f"{DS}KeyInfo/{DS}X509Data/{DS}X509Certificate")
    assert base64.b64decode(certificate) == identity.certificate
    assert signed_311.startswith(b'<?xml version="1.0" encoding="UTF-8"?>')


def test_digest_is_sm3_of_the_canonical_document_without_the_signature(signed_311):
    document = etree.fromstring(unsigned("CEB311Message")).getroottree()
    octets = etree.tostring(document, method="c14n")
    expected = sm3_digest(octets)
    assert bytes.fromhex(sm3.sm3_hash(list(octets))) == expected  # two SM3 implementations agree
    digest_value = signature_of(signed_311).findtext(f".//{DS}DigestValue")
    assert base64.b64decode(digest_value) == expected


def test_the_enveloped_transform_removes_only_the_signature_element():
    # like the official samples: text on both sides of ds:Signature stays in the digested octets
    tree = etree.fromstring(
        b'<ceb:M xmlns:ceb="http://www.chinaport.gov.cn/ceb"><ceb:A>1</ceb:A>\n'
        b'<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:X/></ds:Signature>\n'
        b"<!-- comment --></ceb:M>"
    ).getroottree()
    assert reference_octets(tree) == (
        b'<ceb:M xmlns:ceb="http://www.chinaport.gov.cn/ceb"><ceb:A>1</ceb:A>\n\n</ceb:M>'
    )
    assert tree.getroot()[-2].tag == f"{DS}Signature"  # the document itself is untouched


def test_signature_value_is_sm2_over_the_canonical_signed_info(signed_311, identity):
    signature = signature_of(signed_311)
    value = base64.b64decode(signature.findtext(f"{DS}SignatureValue"))
    signed_info = etree.tostring(signature.find(f"{DS}SignedInfo"), method="c14n")
    assert b'xmlns:ceb="http://www.chinaport.gov.cn/ceb"' in signed_info  # inclusive C14N
    assert sm2_verify(identity.public_key, signed_info, value)
    assert not sm2_verify(identity.public_key, signed_info + b" ", value)


def test_structure_is_deterministic_and_only_the_signature_value_varies(identity):
    signer = Sm2Signer(identity)
    first, second = (signer.sign(unsigned("CEB311Message")) for _ in range(2))
    values = [signature_of(xml).findtext(f"{DS}SignatureValue") for xml in (first, second)]
    assert values[0] != values[1]  # SM2 is randomised
    assert first.replace(values[0].encode(), b"") == second.replace(values[1].encode(), b"")


def test_signing_keeps_the_business_content(signed_311):
    before = etree.tostring(etree.fromstring(unsigned("CEB311Message")), method="c14n")
    after = etree.tostring(etree.fromstring(strip_signature(signed_311)), method="c14n")
    assert after == before


@pytest.mark.parametrize("name", SENT_BY_ENTERPRISES)
def test_signed_official_samples_verify_and_validate_against_the_xsd(name, identity, schema):
    source = unsigned(name)
    assert signature_of(source) is None
    signed = Sm2Signer(identity).sign(source)
    assert schema.validate(etree.fromstring(signed)), schema.error_log
    assert verify(signed, certificate=identity.certificate)
    assert verify(signed, public_key=identity.public_key)
    assert verify(signed, public_key="04" + identity.public_key.upper())


def test_the_xsd_check_would_notice_a_missing_signature(identity, schema):
    source = unsigned("CEB621Message")  # ds:Signature is mandatory in CEB621
    assert not schema.validate(etree.fromstring(source))
    assert schema.validate(etree.fromstring(Sm2Signer(identity).sign(source)))


def test_sign_refuses_signed_foreign_and_malformed_input(identity, signed_311):
    signer = Sm2Signer(identity)
    with pytest.raises(SigningError, match="already signed"):
        signer.sign(signed_311)
    with pytest.raises(SigningError, match="already signed"):
        signer.sign(official("CEB311Message"))
    with pytest.raises(SigningError, match="not a CEB message"):
        signer.sign(b"<order><amount>1</amount></order>")
    with pytest.raises(SigningError, match="well-formed"):
        signer.sign(b"<ceb:CEB311Message")
    with pytest.raises(SigningError, match="DOCTYPE"):
        signer.sign(b'<!DOCTYPE x [<!ENTITY e "v">]><x xmlns="http://www.chinaport.gov.cn/ceb"/>')


# --- verification fails for anything tampered with ----------------------------------------------


def _edit(xml: bytes, change) -> bytes:
    tree = etree.fromstring(xml).getroottree()
    change(tree.getroot())
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + etree.tostring(tree, encoding="UTF-8")


def _set_digest_to_match_content(root):
    copy = etree.fromstring(etree.tostring(root))
    signature = copy.find(f"{DS}Signature")
    copy.remove(signature)
    root.find(f".//{DS}DigestValue").text = base64.b64encode(
        sm3_digest(etree.tostring(copy.getroottree(), method="c14n"))
    ).decode()


def test_round_trip_baseline(signed_311, identity):
    assert check_signature(signed_311, certificate=identity.certificate).key_name == (
        identity.key_name
    )


def test_a_changed_amount_fails_at_the_digest(signed_311, identity):
    assert signed_311.count(AMOUNT) == 6
    tampered = signed_311.replace(AMOUNT, CHANGED_AMOUNT, 1)
    assert not verify(tampered, public_key=identity.public_key)
    with pytest.raises(SignatureInvalid, match="DigestValue"):
        check_signature(tampered, public_key=identity.public_key)


def test_a_changed_amount_with_a_recomputed_digest_fails_at_the_signature(signed_311, identity):
    tampered = _edit(signed_311.replace(AMOUNT, CHANGED_AMOUNT, 1), _set_digest_to_match_content)
    with pytest.raises(SignatureInvalid, match="SignatureValue"):
        check_signature(tampered, public_key=identity.public_key)
    assert not verify(tampered, certificate=identity.certificate)


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        # whitespace inside SignedInfo is signed (C14N keeps it)
        (lambda root: setattr(root.find(f".//{DS}SignedInfo"), "text", "\n"), "SignatureValue"),
        (
            lambda root: setattr(
                root.find(f".//{DS}DigestValue"), "text", base64.b64encode(bytes(32)).decode()
            ),
            "DigestValue",
        ),
        (
            lambda root: root.find(f".//{DS}DigestMethod").set(
                "Algorithm", "http://www.w3.org/2000/09/xmldsig#sha1"
            ),
            "unsupported algorithms",
        ),
        (lambda root: root.find(f".//{DS}Reference").set("URI", "#other"), "Reference"),
        (
            lambda root: root.find(f".//{DS}Transform").set("Algorithm", C14N),
            "enveloped-signature",
        ),
    ],
    ids=["whitespace", "digest-value", "digest-method", "reference-uri", "transform"],
)
def test_a_changed_signed_info_fails(signed_311, identity, change, reason):
    tampered = _edit(signed_311, change)
    assert not verify(tampered, public_key=identity.public_key)
    with pytest.raises(SignatureInvalid, match=reason):
        check_signature(tampered, public_key=identity.public_key)


def test_a_changed_signature_value_fails(signed_311, identity):
    def flip(root):
        element = root.find(f".//{DS}SignatureValue")
        value = bytearray(base64.b64decode(element.text))
        value[40] ^= 1
        element.text = base64.b64encode(bytes(value)).decode()

    assert not verify(_edit(signed_311, flip), public_key=identity.public_key)


def test_another_key_fails(signed_311, identity, other_identity):
    assert not verify(signed_311, public_key=other_identity.public_key)
    assert not verify(signed_311, certificate=other_identity.certificate)
    with pytest.raises(SignatureInvalid, match="KeyInfo certificate"):
        check_signature(signed_311, certificate=other_identity.certificate)


def test_a_message_resigned_by_someone_else_fails(identity, other_identity):
    forged = Sm2Signer(other_identity).sign(
        unsigned("CEB311Message").replace(AMOUNT, CHANGED_AMOUNT)
    )
    assert verify(forged, certificate=other_identity.certificate)  # valid, but not ours
    assert not verify(forged, certificate=identity.certificate)

    def claim_to_be_identity(root):
        root.find(f".//{DS}X509Certificate").text = base64.b64encode(identity.certificate).decode()

    with pytest.raises(SignatureInvalid, match="SignatureValue"):
        check_signature(_edit(forged, claim_to_be_identity), certificate=identity.certificate)


def test_reformatting_after_signing_breaks_the_digest(signed_311, identity):
    def reindent(root):
        etree.indent(root, space="  ")

    assert not verify(_edit(signed_311, reindent), public_key=identity.public_key)


def test_reserialising_without_changing_content_still_verifies(signed_311, identity):
    # attribute quotes, empty-element form and character references are not content (C14N)
    ascii_form = etree.tostring(etree.fromstring(signed_311).getroottree(), encoding="US-ASCII")
    assert b"&#" in ascii_form
    assert ascii_form != signed_311
    assert verify(ascii_form, public_key=identity.public_key)


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (lambda root: root.insert(0, root[-1]), "last child"),
        (lambda root: root.append(etree.fromstring(etree.tostring(root[-1]))), "exactly one"),
        (lambda root: root.append(etree.Element(f"{CEB}ExtendMessage")), "last child"),
    ],
    ids=["moved-first", "duplicated", "element-after"],
)
def test_a_signature_in_the_wrong_place_fails(signed_311, identity, change, reason):
    with pytest.raises(SignatureInvalid, match=reason):
        check_signature(_edit(signed_311, change), public_key=identity.public_key)


def test_unsigned_garbage_and_the_official_sample_signature_fail(identity):
    assert not verify(unsigned("CEB311Message"), public_key=identity.public_key)
    assert not verify(b"not xml", public_key=identity.public_key)
    # the official sample's signature is a placeholder (RSA certificate, 20-byte "SM3" digest)
    with pytest.raises(SignatureInvalid, match="KeyInfo certificate"):
        check_signature(official("CEB311Message"), public_key=identity.public_key)


def test_verify_needs_exactly_one_key(signed_311, identity):
    with pytest.raises(TypeError, match="exactly one"):
        verify(signed_311)
    with pytest.raises(TypeError, match="exactly one"):
        verify(signed_311, public_key=identity.public_key, certificate=identity.certificate)


# --- SM2 primitives and the certificate ---------------------------------------------------------


def test_sm2_sign_verify_and_key_checks(identity, other_identity):
    message = b"<ds:SignedInfo/>"
    raw = sm2_sign(identity.private_key, identity.public_key, message)
    assert len(raw) == 64
    assert sm2_verify(identity.public_key, message, raw)
    r, s = int.from_bytes(raw[:32], "big"), int.from_bytes(raw[32:], "big")
    assert sm2_verify(identity.public_key, message, asn1.sequence(asn1.integer(r), asn1.integer(s)))
    assert not sm2_verify(other_identity.public_key, message, raw)
    assert not sm2_verify(identity.public_key, message, bytes(64))  # r = s = 0 is out of range
    assert not sm2_verify(identity.public_key, message, raw[:63])
    assert normalize_public_key("04" + identity.public_key) == identity.public_key
    with pytest.raises(ValueError, match="not a point"):
        normalize_public_key("01" * 64)
    assert public_key_of(identity.private_key) == identity.public_key


def test_the_compiled_implementation_signs():
    # tongsuopy is a dependency with wheels for this platform: the gmssl path is a fallback only
    assert sm2.IMPLEMENTATION.name == "tongsuo"


@pytest.fixture(params=["tongsuo", "gmssl"])
def implementation(request, monkeypatch):
    chosen = sm2._Tongsuo() if request.param == "tongsuo" else sm2._Gmssl()
    monkeypatch.setattr(sm2, "IMPLEMENTATION", chosen)
    return chosen


def test_both_implementations_agree_on_keys_and_signatures(implementation, identity):
    # the same public key from the private key, and each one's signature verifies with the other
    # and with gmssl's own verifier (an independent implementation, not our wrapper)
    assert public_key_of(identity.private_key) == identity.public_key
    message = b"<ds:SignedInfo>cross-check</ds:SignedInfo>"
    raw = sm2_sign(identity.private_key, identity.public_key, message)
    crypt = CryptSM2(private_key="", public_key=identity.public_key)
    crypt.public_key = identity.public_key
    assert crypt.verify_with_sm3(raw.hex(), message)
    for other in (sm2._Tongsuo(), sm2._Gmssl()):
        r, s = int.from_bytes(raw[:32], "big"), int.from_bytes(raw[32:], "big")
        assert other.verify(identity.public_key, message, r, s)
        assert not other.verify(identity.public_key, message + b"!", r, s)


def test_each_implementation_signs_messages_that_verify(implementation, identity, schema):
    signed = Sm2Signer(identity).sign(unsigned("CEB621Message"))
    check_signature(signed, certificate=identity.certificate)  # raises if it does not verify
    schema.assertValid(etree.fromstring(signed))


def test_a_public_key_of_another_pair_is_refused(implementation, identity, other_identity):
    with pytest.raises(ValueError, match="does not belong"):
        sm2_sign(identity.private_key, other_identity.public_key, b"message")


def test_public_keys_starting_with_04_survive_gmssl(implementation):
    # CryptSM2 lstrip("04")s such keys, mangling x; the wrapper must not let that happen
    private_key = f"{11:064x}"
    public_key = public_key_of(private_key)
    assert public_key.startswith("04")
    assert len(public_key) == 128
    assert CryptSM2(private_key=private_key, public_key=public_key).public_key != public_key
    raw = sm2_sign(private_key, public_key, b"message")
    assert sm2_verify(public_key, b"message", raw)


def test_certificate_is_der_with_the_identitys_sm2_key(identity):
    certificate = asn1.parse(identity.certificate)  # strict DER, no trailing bytes
    tbs, outer_algorithm, signature = certificate.children
    assert tbs.children[0].tag == 0xA0
    assert asn1.read_integer(tbs.children[0].children[0]) == 2
    assert asn1.read_oid(outer_algorithm.children[0]) == "1.2.156.10197.1.501"
    assert asn1.read_oid(tbs.children[2].children[0]) == "1.2.156.10197.1.501"
    key_algorithm, key_bits = tbs.children[6].children
    assert [asn1.read_oid(node) for node in key_algorithm.children] == [
        "1.2.840.10045.2.1",
        "1.2.156.10197.1.301",
    ]
    point, _ = asn1.read_bit_string(key_bits)
    assert point == bytes.fromhex("04" + identity.public_key)

    info = parse_certificate(identity.certificate)
    assert info.public_key == identity.public_key
    assert info.tbs == tbs.encoded
    assert sm2_verify(identity.public_key, info.tbs, info.signature)  # self-signed
    assert not sm2_verify(identity.public_key, info.tbs[:-1] + b"\x00", info.signature)

    loaded = x509.load_der_x509_certificate(identity.certificate)  # cryptography can read it
    assert loaded.version is x509.Version.v3
    assert loaded.serial_number == info.serial
    assert loaded.signature_algorithm_oid.dotted_string == "1.2.156.10197.1.501"
    assert loaded.issuer == loaded.subject


def _openssl_has_sm2() -> bool:
    if not shutil.which("openssl"):
        return False
    listing = subprocess.run(
        ["openssl", "list", "-public-key-algorithms"], capture_output=True, text=True, check=False
    )
    return "SM2" in listing.stdout


@pytest.mark.skipif(not _openssl_has_sm2(), reason="needs the openssl command with SM2")
def test_openssl_accepts_the_certificate_and_the_signature(tmp_path, identity, signed_311):
    (tmp_path / "cert.der").write_bytes(identity.certificate)

    def openssl(*args):
        return subprocess.run(
            ["openssl", *args], cwd=tmp_path, capture_output=True, text=True, check=False
        )

    assert openssl("x509", "-inform", "DER", "-in", "cert.der", "-out", "cert.pem").returncode == 0
    serial = openssl("x509", "-in", "cert.pem", "-noout", "-serial").stdout.strip()
    assert serial.lower() == f"serial={identity.key_name}"
    assert "cert.pem: OK" in openssl("verify", "-CAfile", "cert.pem", "cert.pem").stdout
    openssl("x509", "-in", "cert.pem", "-pubkey", "-noout", "-out", "pub.pem")

    signature = signature_of(signed_311)
    (tmp_path / "signed-info").write_bytes(
        etree.tostring(signature.find(f"{DS}SignedInfo"), method="c14n")
    )
    raw = base64.b64decode(signature.findtext(f"{DS}SignatureValue"))
    r, s = int.from_bytes(raw[:32], "big"), int.from_bytes(raw[32:], "big")
    (tmp_path / "sig.der").write_bytes(asn1.sequence(asn1.integer(r), asn1.integer(s)))
    check = [
        "pkeyutl", "-verify", "-pubin", "-inkey", "pub.pem", "-rawin", "-digest", "sm3",
        "-in", "signed-info", "-sigfile", "sig.der", "-pkeyopt", "distid:1234567812345678",
    ]  # fmt: skip
    result = openssl(*check)
    assert "Signature Verified Successfully" in result.stdout, result.stderr
    (tmp_path / "signed-info").write_bytes(b"tampered")
    assert "Signature Verified Successfully" not in openssl(*check).stdout


@pytest.mark.parametrize(
    ("encoded", "expected"),
    [
        (asn1.oid("1.2.840.10045.2.1"), "06072a8648ce3d0201"),
        (asn1.oid("1.2.156.10197.1.301"), "06082a811ccf5501822d"),
        (asn1.oid("1.2.156.10197.1.501"), "06082a811ccf55018375"),
        (asn1.integer(0), "020100"),
        (asn1.integer(127), "02017f"),
        (asn1.integer(128), "02020080"),
        (asn1.integer(256), "02020100"),
        (asn1.bit_string(b"\xc0", unused_bits=6), "030206c0"),
        (asn1.octet_string(b"\x01" * 200)[:3], "0481c8"),
        (asn1.set_of(asn1.integer(2), asn1.integer(1)), "3106020101020102"),
        (asn1.explicit(0, asn1.integer(2)), "a003020102"),
    ],
)
def test_der_encoder_known_answers(encoded, expected):
    assert encoded.hex() == expected


@pytest.mark.parametrize(
    "bad",
    ["020101ff", "04810101", "0405010203", "02020001", "3004020101ff", "0480"],
    ids=["trailing", "long-form-short-length", "truncated", "integer-padding", "inner", "indef"],
)
def test_der_reader_rejects_non_der(bad):
    def read(data):
        node = asn1.parse(data)
        return [asn1.read_integer(child) for child in node.children or [node]]

    with pytest.raises(asn1.DerError):
        read(bytes.fromhex(bad))


def test_der_reader_reads_back_what_the_encoder_wrote():
    value = asn1.sequence(asn1.integer(2**70), asn1.oid("2.5.4.3"), asn1.octet_string(b"x" * 300))
    node = asn1.parse(value)
    assert asn1.read_integer(node.children[0]) == 2**70
    assert asn1.read_oid(node.children[1]) == "2.5.4.3"
    assert node.children[2].content == b"x" * 300
    assert node.encoded == value


# --- development identity on disk -----------------------------------------------------------------


def test_load_or_create_identity_creates_once_then_reuses(tmp_path):
    path = tmp_path / "not-yet" / "there" / "customs-sm2.json"
    created = load_or_create_identity(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    data = json.loads(path.read_text())
    assert set(data) == {"private_key", "public_key", "certificate"}
    assert data["private_key"] == created.private_key
    assert len(data["private_key"]) == 64
    assert data["public_key"] == created.public_key
    assert len(data["public_key"]) == 128
    assert base64.b64decode(data["certificate"]) == created.certificate
    content = path.read_bytes()

    again = load_or_create_identity(path)
    assert again == created
    assert path.read_bytes() == content
    assert sorted(p.name for p in path.parent.iterdir()) == ["customs-sm2.json"]  # no temp files

    signed = Sm2Signer(again).sign(unsigned("CEB311Message"))
    assert verify(signed, certificate=created.certificate)


def test_a_damaged_identity_file_is_refused(tmp_path, identity, other_identity):
    path = tmp_path / "identity.json"
    path.write_text("{not json")
    with pytest.raises(SigningError, match="unreadable"):
        load_or_create_identity(path)
    good = json.loads(identity.to_json())
    for key, value in [
        ("public_key", other_identity.public_key),
        ("certificate", base64.b64encode(other_identity.certificate).decode()),
    ]:
        path.write_text(json.dumps(good | {key: value}))
        with pytest.raises(SigningError, match="signing identity"):
            load_or_create_identity(path)
    path.write_text(identity.to_json())
    assert load_or_create_identity(path) == identity


def test_identity_repr_hides_the_private_key(identity):
    assert identity.private_key not in repr(identity)
    assert Identity.from_json(identity.to_json()) == identity


def test_both_signers_satisfy_the_protocol(identity):
    embedded, production = Sm2Signer(identity), HttpSigner("http://127.0.0.1:9/sign")
    assert isinstance(embedded, Signer)
    assert isinstance(production, Signer)
    assert embedded.embedded is True
    assert production.embedded is False


# --- HttpSigner against a local signing service ---------------------------------------------------


def _pretty_then_sign(service, body):
    root = etree.fromstring(body)
    etree.indent(root, space="    ")
    return 200, service.signer.sign(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))


def _misplaced(service, body):
    root = etree.fromstring(service.signer.sign(body))
    root.insert(0, root[-1])
    return 200, etree.tostring(root)


def _slow(service, body):
    service.release.wait(5)
    return 200, service.signer.sign(body)


ANSWERS = {
    "sign": lambda service, body: (200, service.signer.sign(body)),
    "pretty": _pretty_then_sign,
    "error": lambda service, body: (500, b"crypto device offline"),
    "slow": _slow,
    "unsigned": lambda service, body: (200, body),
    "not-xml": lambda service, body: (200, b"OK"),
    "other-root": lambda service, body: (
        200,
        service.signer.sign(b'<ceb:CEB411Message xmlns:ceb="http://www.chinaport.gov.cn/ceb"/>'),
    ),
    "misplaced": _misplaced,
    "changed-then-signed": lambda service, body: (
        200,
        service.signer.sign(body.replace(AMOUNT, CHANGED_AMOUNT, 1)),
    ),
    "signed-then-changed": lambda service, body: (
        200,
        service.signer.sign(body).replace(AMOUNT, CHANGED_AMOUNT, 1),
    ),
}


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.server.requests.append((self.path, dict(self.headers), body))
        status, answer = ANSWERS[self.server.mode](self.server, body)
        self.server.answers.append(answer)
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/xml")
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)
        except OSError:  # the client gave up (timeout test)
            pass

    def log_message(self, *args):
        pass


@pytest.fixture
def service(identity):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    server.signer, server.mode, server.requests, server.answers = (
        Sm2Signer(identity),
        "sign",
        [],
        [],
    )
    server.release = threading.Event()
    server.url = f"http://127.0.0.1:{server.server_address[1]}/sign"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.release.set()
    server.shutdown()
    server.server_close()
    thread.join(5)


def test_http_signer_returns_the_services_signed_message(service, identity):
    source = unsigned("CEB311Message")
    signed = HttpSigner(service.url, timeout=5, token="s3cret").sign(source)
    assert signed == service.answers[0]
    assert verify(signed, certificate=identity.certificate)
    path, headers, body = service.requests[0]
    assert path == "/sign"
    assert body == source
    assert headers["Content-Type"].split(";")[0] == "application/xml"
    assert headers["Authorization"] == "Bearer s3cret"


def test_http_signer_sends_no_token_when_none_is_set(service):
    HttpSigner(service.url).sign(unsigned("CEB621Message"))
    assert "Authorization" not in service.requests[0][1]


def test_http_signer_accepts_a_relaid_out_answer_byte_for_byte(service, identity):
    service.mode = "pretty"
    signed = HttpSigner(service.url).sign(unsigned("CEB311Message"))
    assert signed == service.answers[0]
    assert b"\n    <ceb:Order>" in signed
    assert verify(signed, public_key=identity.public_key)


@pytest.mark.parametrize(
    ("mode", "reason"),
    [
        ("error", "answered 500"),
        ("unsigned", "no ds:Signature"),
        ("not-xml", "well-formed"),
        ("other-root", "CEB411Message"),
        ("misplaced", "last child"),
        ("changed-then-signed", "differs from the message that was sent"),
        ("signed-then-changed", "DigestValue"),
    ],
)
def test_http_signer_refuses_bad_answers(service, mode, reason):
    service.mode = mode
    with pytest.raises(SigningError, match=reason):
        HttpSigner(service.url).sign(unsigned("CEB311Message"))
    assert len(service.requests) == 1


def test_http_signer_times_out(service):
    service.mode = "slow"
    started = time.monotonic()
    with pytest.raises(SigningError, match="too slow"):
        HttpSigner(service.url, timeout=0.3).sign(unsigned("CEB311Message"))
    assert time.monotonic() - started < 3


def test_http_signer_reports_an_unreachable_service():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(SigningError, match="unreachable"):
        HttpSigner(f"http://127.0.0.1:{port}/sign", timeout=2).sign(unsigned("CEB311Message"))


def test_http_signer_does_not_send_signed_or_foreign_messages(service, signed_311):
    with pytest.raises(SigningError, match="already signed"):
        HttpSigner(service.url).sign(signed_311)
    with pytest.raises(SigningError, match="not a CEB message"):
        HttpSigner(service.url).sign(b"<x/>")
    assert service.requests == []
