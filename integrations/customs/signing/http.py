"""Production signer: an external signing service that holds the E-port card / crypto device.

Contract: ``POST {url}`` with the unsigned CEB message as the body
(``Content-Type: application/xml; charset=utf-8``, ``Authorization: Bearer {token}`` when a
token is set); a 2xx answer's body is the same message with its enveloped ``ds:Signature``.

The answer is not trusted blindly. ``SigningError`` unless it is XML with exactly one
``ds:Signature`` as the root's last child in the §1.5 shape (sm2-sm3/sm3 or rsa-sha1/sha1), its
DigestValue matches the returned document, and the business content is the one we sent
(whitespace-only text between elements may differ). The SignatureValue itself is checked by
customs; ``verify()`` can check it too when the service's certificate is known (SM2 only).
"""

from __future__ import annotations

import http.client
import urllib.error
import urllib.request
from typing import ClassVar

from lxml import etree

from .base import SigningError
from .xmldsig import (
    canonical,
    check_digest,
    find_signature,
    parse_document,
    read_signature,
    require_ceb_root,
    without_signature,
)

MAX_RESPONSE_BYTES = 20 * 1024 * 1024


def _content(tree: etree._ElementTree) -> bytes:
    """Canonical form with whitespace-only text dropped: what the message says, not its layout."""
    copy = etree.fromstring(etree.tostring(tree, encoding="UTF-8")).getroottree()
    for element in copy.getroot().iter():
        if element.text is not None and not element.text.strip() and len(element):
            element.text = None
        if element.tail is not None and not element.tail.strip():
            element.tail = None
    return canonical(copy)


class HttpSigner:
    embedded: ClassVar[bool] = False

    def __init__(self, url: str, timeout: float = 10, token: str | None = None):
        if not url:
            raise ValueError("HttpSigner needs the signing service url")
        self.url = url
        self.timeout = timeout
        self.token = token

    def _post(self, xml: bytes) -> bytes:
        request = urllib.request.Request(self.url, data=xml, method="POST")
        request.add_header("Content-Type", "application/xml; charset=utf-8")
        request.add_header("Accept", "application/xml, text/xml")
        if self.token:
            request.add_header("Authorization", f"Bearer {self.token}")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                status = response.status
                body = response.read(MAX_RESPONSE_BYTES + 1)
        except urllib.error.HTTPError as error:
            detail = error.read(200) if error.fp else b""
            raise SigningError(f"signing service answered {error.code}: {detail!r}") from error
        except (urllib.error.URLError, TimeoutError, OSError, http.client.HTTPException) as error:
            raise SigningError(f"signing service unreachable or too slow: {error}") from error
        if not 200 <= status < 300:
            raise SigningError(f"signing service answered {status}")
        if len(body) > MAX_RESPONSE_BYTES:
            raise SigningError("signing service answer is too large")
        return body

    def sign(self, xml: bytes) -> bytes:
        sent = parse_document(xml)
        require_ceb_root(sent)
        if find_signature(sent) is not None:
            raise SigningError("the message is already signed")
        body = self._post(bytes(xml))
        try:
            received = parse_document(body)
            if received.getroot().tag != sent.getroot().tag:
                raise SigningError(
                    f"answer is a {received.getroot().tag}, not {sent.getroot().tag}"
                )
            signature = find_signature(received)
            if signature is None:
                raise SigningError("answer has no ds:Signature")
            check_digest(received, read_signature(signature))
            if _content(without_signature(received)) != _content(sent):
                raise SigningError("answer differs from the message that was sent")
        except SigningError as error:
            raise SigningError(f"signing service returned an unusable message: {error}") from error
        return body  # byte for byte: re-serialising could break the digest
