"""Fixed-window rate limits kept in the shared cache (Redis in production, the database cache
otherwise), so every web process counts the same attempts.

``ratelimit_hit("identity", request.user.pk, limit=5, period=3600)`` records one attempt and
says whether it is still allowed; ``ratelimit_exceeded`` only asks. Keys are hashed: no e-mail
address, ID number or IP address is written into the cache in clear.
"""

from __future__ import annotations

import hashlib
import time

from django.core.cache import cache


def _key(scope: str, who, period: int) -> str:
    window = int(time.time() // period)
    digest = hashlib.sha256(f"{scope}|{who}".encode()).hexdigest()[:32]
    return f"ratelimit:{scope}:{digest}:{period}:{window}"


def ratelimit_hit(scope: str, who, *, limit: int, period: int) -> bool:
    """Count one attempt of ``who`` in ``scope``; True while at most ``limit`` attempts were
    made in the current window of ``period`` seconds."""
    key = _key(scope, who, period)
    if cache.add(key, 1, timeout=period + 1):
        count = 1
    else:
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add() and incr()
            cache.set(key, 1, timeout=period + 1)
            count = 1
    return count <= limit


def ratelimit_exceeded(scope: str, who, *, limit: int, period: int) -> bool:
    """True when ``who`` has used up ``limit`` attempts in the current window (counts nothing)."""
    return (cache.get(_key(scope, who, period)) or 0) >= limit


def client_ip(request) -> str:
    """The address rate limits count by. Behind a proxy (``SHOP_BEHIND_PROXY``) the proxy's
    X-Forwarded-For is trusted for its last hop only."""
    from django.conf import settings

    if getattr(settings, "SHOP_BEHIND_PROXY", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "")
