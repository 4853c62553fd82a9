"""XML-DSig plumbing shared by the signers and the verifier: parsing, where the signature sits,
what exactly is digested and signed, and the one signature shape §1.5 describes::

    <ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#">
      <ds:SignedInfo>
        <ds:CanonicalizationMethod Algorithm="…REC-xml-c14n-20010315"/>
        <ds:SignatureMethod Algorithm="…#sm2-sm3"/>
        <ds:Reference URI="">
          <ds:Transforms><ds:Transform Algorithm="…#enveloped-signature"/></ds:Transforms>
          <ds:DigestMethod Algorithm="…#sm3"/>
          <ds:DigestValue>base64</ds:DigestValue>
        </ds:Reference>
      </ds:SignedInfo>
      <ds:SignatureValue>base64</ds:SignatureValue>
      <ds:KeyInfo>
        <ds:KeyName>certificate number</ds:KeyName>
        <ds:X509Data><ds:X509Certificate>base64 DER</ds:X509Certificate></ds:X509Data>
      </ds:KeyInfo>
    </ds:Signature>

Digested octets (``Reference URI=""`` + enveloped-signature): the whole document without
comments, minus the ``ds:Signature`` element (the text around it stays), canonicalised with
inclusive C14N 1.0. Signed octets: ``ds:SignedInfo`` canonicalised in its context (inclusive
C14N 1.0, so it carries the in-scope ``xmlns:ceb``/``xmlns:ds`` declarations).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from dataclasses import dataclass

from cryptography.hazmat.primitives import hashes
from lxml import etree

from .base import (
    ALGORITHM_PAIRS,
    C14N,
    CEB_NS,
    DS_NS,
    ENVELOPED_SIGNATURE,
    SHA1,
    SM3,
    SignatureInvalid,
    SigningError,
)

XML_DECLARATION = b'<?xml version="1.0" encoding="UTF-8"?>\n'


def _ds(name: str) -> str:
    return f"{{{DS_NS}}}{name}"


def _parser() -> etree.XMLParser:
    # No DTDs, no entity expansion, no network: messages come from our generator or a service.
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def parse_document(xml: bytes) -> etree._ElementTree:
    """Parse message bytes safely; ``SigningError`` if they are not a well-formed document."""
    if not isinstance(xml, bytes | bytearray):
        raise SigningError(f"expected XML bytes, got {type(xml).__name__}")
    try:
        root = etree.fromstring(bytes(xml), _parser())
    except etree.XMLSyntaxError as error:
        raise SigningError(f"not well-formed XML: {error}") from error
    tree = root.getroottree()
    if tree.docinfo.doctype:
        raise SigningError("a DOCTYPE is not allowed in a customs message")
    return tree


def require_ceb_root(tree: etree._ElementTree) -> None:
    root = tree.getroot()
    if etree.QName(root).namespace != CEB_NS:
        raise SigningError(f"root {root.tag} is not a CEB message ({{{CEB_NS}}}…)")


def serialize(tree: etree._ElementTree) -> bytes:
    return XML_DECLARATION + etree.tostring(tree, encoding="UTF-8")


def _element_children(element: etree._Element) -> list[etree._Element]:
    return [child for child in element if isinstance(child.tag, str)]


def find_signature(tree: etree._ElementTree) -> etree._Element | None:
    """The document's ``ds:Signature``, or None. ``SignatureInvalid`` when there is more than one
    or it is not the root's last child element (the place the CEB XSD allows)."""
    root = tree.getroot()
    if root.tag == _ds("Signature"):
        raise SignatureInvalid("the document root is a ds:Signature")
    found = list(root.iter(_ds("Signature")))
    if not found:
        return None
    if len(found) > 1:
        raise SignatureInvalid(f"{len(found)} ds:Signature elements; exactly one is allowed")
    signature = found[0]
    if signature.getparent() is not root or _element_children(root)[-1] is not signature:
        raise SignatureInvalid("ds:Signature must be the last child element of the message root")
    return signature


def _remove_keeping_tail(element: etree._Element) -> None:
    # lxml drops an element's tail text together with it; the enveloped-signature transform
    # removes only the element, so the text after it has to stay in the document.
    parent = element.getparent()
    if element.tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)


def without_signature(tree: etree._ElementTree) -> etree._ElementTree:
    """A copy of ``tree`` with its ``ds:Signature`` removed the way the enveloped-signature
    transform removes it (surrounding text kept). The original is untouched."""
    signature = find_signature(tree)
    copy = etree.fromstring(etree.tostring(tree, encoding="UTF-8"), _parser()).getroottree()
    if signature is not None:
        index = tree.getroot().index(signature)
        _remove_keeping_tail(copy.getroot()[index])
    return copy


def canonical(node: etree._ElementTree | etree._Element) -> bytes:
    """Inclusive C14N 1.0 without comments (the §1.5 CanonicalizationMethod)."""
    return etree.tostring(node, method="c14n", exclusive=False, with_comments=False)


def reference_octets(tree: etree._ElementTree) -> bytes:
    """What ``Reference URI=""`` with the enveloped-signature transform digests."""
    return canonical(without_signature(tree))


def digest(algorithm: str, data: bytes) -> bytes:
    if algorithm == SM3:
        hasher = hashes.Hash(hashes.SM3())
        hasher.update(data)
        return hasher.finalize()
    if algorithm == SHA1:
        return hashlib.sha1(data).digest()  # §1.5's "generic" RSA/SHA-1 pair
    raise SignatureInvalid(f"unsupported digest method {algorithm}")


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def b64decode(text: str | None, what: str) -> bytes:
    compact = "".join((text or "").split())  # values may be wrapped over several lines
    if not compact:
        raise SignatureInvalid(f"{what} is empty")
    try:
        return base64.b64decode(compact, validate=True)
    except (binascii.Error, ValueError) as error:
        raise SignatureInvalid(f"{what} is not base64: {error}") from error


# --- building -------------------------------------------------------------------------------


def build_signature(
    *,
    digest_value: bytes,
    key_name: str,
    certificate: bytes,
    signature_method: str,
    digest_method: str,
) -> etree._Element:
    """A ``ds:Signature`` in the §1.5 shape with an empty SignatureValue (filled in later).

    Compact (no whitespace between the signature's elements) so the structure is the same every
    time and nothing depends on indentation."""
    signature = etree.Element(_ds("Signature"), nsmap={"ds": DS_NS})
    signed_info = etree.SubElement(signature, _ds("SignedInfo"))
    etree.SubElement(signed_info, _ds("CanonicalizationMethod"), Algorithm=C14N)
    etree.SubElement(signed_info, _ds("SignatureMethod"), Algorithm=signature_method)
    reference = etree.SubElement(signed_info, _ds("Reference"), URI="")
    transforms = etree.SubElement(reference, _ds("Transforms"))
    etree.SubElement(transforms, _ds("Transform"), Algorithm=ENVELOPED_SIGNATURE)
    etree.SubElement(reference, _ds("DigestMethod"), Algorithm=digest_method)
    etree.SubElement(reference, _ds("DigestValue")).text = b64(digest_value)
    etree.SubElement(signature, _ds("SignatureValue")).text = ""
    key_info = etree.SubElement(signature, _ds("KeyInfo"))
    etree.SubElement(key_info, _ds("KeyName")).text = key_name
    x509_data = etree.SubElement(key_info, _ds("X509Data"))
    etree.SubElement(x509_data, _ds("X509Certificate")).text = b64(certificate)
    return signature


# --- reading --------------------------------------------------------------------------------


@dataclass(frozen=True)
class SignatureParts:
    element: etree._Element
    signed_info: etree._Element
    signature_method: str
    digest_method: str
    digest_value: bytes
    signature_value: bytes
    key_name: str
    certificate: bytes


def _children(element: etree._Element, *names: str) -> list[etree._Element]:
    """The element children of ``element``, which must be exactly ``names`` in this order, with
    nothing but whitespace between them."""
    children = list(element)
    if any(not isinstance(child.tag, str) for child in children):
        raise SignatureInvalid(f"comment or processing instruction inside {element.tag}")
    texts = [element.text] + [child.tail for child in children]
    if any(text and text.strip() for text in texts) and names:
        raise SignatureInvalid(f"unexpected text inside {etree.QName(element).localname}")
    found = [child.tag for child in children]
    wanted = [_ds(name) for name in names]
    if found != wanted:
        local = [etree.QName(tag).localname for tag in found]
        raise SignatureInvalid(
            f"{etree.QName(element).localname} must contain {list(names)}, found {local}"
        )
    return children


def _algorithm(element: etree._Element) -> str:
    _children(element)  # no parameters (HMACOutputLength, XPath, …) are allowed
    algorithm = element.get("Algorithm")
    if not algorithm:
        raise SignatureInvalid(f"{etree.QName(element).localname} has no Algorithm")
    return algorithm


def _text(element: etree._Element) -> str:
    if len(element):
        raise SignatureInvalid(f"{etree.QName(element).localname} must only contain text")
    return element.text or ""


def read_signature(signature: etree._Element) -> SignatureParts:
    """Check that ``signature`` has exactly the §1.5 shape and return its parts."""
    signed_info, signature_value, key_info = _children(
        signature, "SignedInfo", "SignatureValue", "KeyInfo"
    )
    c14n_method, signature_method, reference = _children(
        signed_info, "CanonicalizationMethod", "SignatureMethod", "Reference"
    )
    if _algorithm(c14n_method) != C14N:
        raise SignatureInvalid(f"CanonicalizationMethod must be {C14N}")
    if set(reference.keys()) != {"URI"} or reference.get("URI") != "":
        raise SignatureInvalid('Reference must be <ds:Reference URI=""> (the whole document)')
    transforms, digest_method, digest_value = _children(
        reference, "Transforms", "DigestMethod", "DigestValue"
    )
    (transform,) = _children(transforms, "Transform")
    if _algorithm(transform) != ENVELOPED_SIGNATURE:
        raise SignatureInvalid("the only Transform must be the enveloped-signature transform")
    method = _algorithm(signature_method)
    digest_algorithm = _algorithm(digest_method)
    if ALGORITHM_PAIRS.get(method) != digest_algorithm:
        raise SignatureInvalid(f"unsupported algorithms {method} with {digest_algorithm}")
    key_name, x509_data = _children(key_info, "KeyName", "X509Data")
    (certificate,) = _children(x509_data, "X509Certificate")
    name = _text(key_name).strip()
    if not name:
        raise SignatureInvalid("KeyName (certificate number) is empty")
    return SignatureParts(
        element=signature,
        signed_info=signed_info,
        signature_method=method,
        digest_method=digest_algorithm,
        digest_value=b64decode(_text(digest_value), "DigestValue"),
        signature_value=b64decode(_text(signature_value), "SignatureValue"),
        key_name=name,
        certificate=b64decode(_text(certificate), "X509Certificate"),
    )


def check_digest(tree: etree._ElementTree, parts: SignatureParts) -> None:
    actual = digest(parts.digest_method, reference_octets(tree))
    if actual != parts.digest_value:
        raise SignatureInvalid("DigestValue does not match the document (content changed)")


def strip_signature(xml: bytes) -> bytes:
    """The message without its ``ds:Signature`` (e.g. to sign an official sample again)."""
    tree = parse_document(xml)
    if find_signature(tree) is None:
        return serialize(tree)
    return serialize(without_signature(tree))
