"""The signer contract for China Customs CEB messages (spec §1.5) and the XML-DSig constants.

No Django here. A signer takes the unsigned CEB message (UTF-8 XML bytes, already valid against
the import XSD) and returns it with one enveloped ``ds:Signature`` as the **last child of the
root** (after BaseTransfer / BaseSubscribe / ExtendMessage, as the XSD requires; §1.2). The
embedded ``Sm2Signer`` signs with a local development SM2 key; ``HttpSigner`` asks the
production signing service (E-port card / customs-approved crypto device) to do it.
"""

from __future__ import annotations

from typing import ClassVar, Protocol, runtime_checkable

CEB_NS = "http://www.chinaport.gov.cn/ceb"
DS_NS = "http://www.w3.org/2000/09/xmldsig#"

C14N = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315"
ENVELOPED_SIGNATURE = "http://www.w3.org/2000/09/xmldsig#enveloped-signature"
SM2_SM3 = "http://www.chinaport.gov.cn/2022/04/xmldsig#sm2-sm3"
SM3 = "http://www.chinaport.gov.cn/2022/04/xmldsig#sm3"
RSA_SHA1 = "http://www.w3.org/2000/09/xmldsig#rsa-sha1"
SHA1 = "http://www.w3.org/2000/09/xmldsig#sha1"

#: The (SignatureMethod, DigestMethod) pairs §1.5 allows: national SM2/SM3 (preferred) or RSA/SHA-1.
ALGORITHM_PAIRS = {SM2_SM3: SM3, RSA_SHA1: SHA1}


class SigningError(Exception):
    """The message could not be signed (bad input, signing service failed or answered nonsense)."""


class SignatureInvalid(SigningError):
    """A signed message does not verify; the message says which check failed."""


@runtime_checkable
class Signer(Protocol):
    #: True for the in-process development signer, False for the production service.
    embedded: ClassVar[bool]

    def sign(self, xml: bytes) -> bytes:
        """Return ``xml`` with an enveloped ``ds:Signature`` appended as the root's last child.

        The input must not be signed yet. Raises ``SigningError``. The returned bytes are final:
        re-serialising or pretty-printing them changes the digest.
        """
        ...
