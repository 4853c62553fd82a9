"""The customs side of a checkout session (issue #4).

The session never holds personal data in clear: it keeps the pk of the shopper's saved
``OrdererIdentity`` (encrypted at rest) and the consignee phone as an AES-GCM token.
"""

from shop.core import crypto
from shop.customs.checkout import checkout_quote
from shop.customs.models import OrdererIdentity
from shop.customs.selectors import annual_quota_used

NAMESPACE = "customs"
PHONE_CONTEXT = "checkout.consignee_phone"


def store_identity(checkout_session, *, identity, consignee_phone: str) -> None:
    checkout_session._set(NAMESPACE, "identity_id", identity.pk)
    checkout_session._set(
        NAMESPACE, "consignee_phone", crypto.encrypt(consignee_phone, context=PHONE_CONTEXT)
    )


def stored_identity(checkout_session, user) -> OrdererIdentity | None:
    pk = checkout_session._get(NAMESPACE, "identity_id")
    if not pk or not user.is_authenticated:
        return None
    return OrdererIdentity.objects.filter(pk=pk, user=user).first()


def stored_consignee_phone(checkout_session) -> str:
    token = checkout_session._get(NAMESPACE, "consignee_phone")
    if not token:
        return ""
    try:
        return crypto.decrypt(token, context=PHONE_CONTEXT)
    except crypto.DecryptionError:
        return ""


def quote_for_request(request, checkout_session=None):
    """The customs quote of the request's basket, computed once per request. Counts the annual
    quota of the identity chosen in this checkout, if any."""
    cached = getattr(request, "_customs_quote", None)
    if cached is not None:
        return cached
    identity = None
    if checkout_session is not None:
        identity = stored_identity(checkout_session, request.user)
    used = annual_quota_used(id_number_hash=identity.id_number_hash) if identity else None
    request._customs_quote = checkout_quote(basket=request.basket, annual_used=used)
    return request._customs_quote
