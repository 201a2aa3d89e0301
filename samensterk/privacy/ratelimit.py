"""Rate limits per client without keeping IP addresses.

The cache holds only a keyed hash of the address, and only for the length of the window.
"""

import hashlib
import hmac

from django.conf import settings
from django.core.cache import cache


def _client_key(request, scope: str) -> str:
    address = request.META.get("REMOTE_ADDR", "")
    digest = hmac.new(
        settings.SECRET_KEY.encode(), f"{scope}:{address}".encode(), hashlib.sha256
    ).hexdigest()[:32]
    return f"ratelimit:{scope}:{digest}"


def allow(request, scope: str, *, limit: int, window: int) -> bool:
    """Count one request for this client; False once it is over `limit` within `window` seconds."""
    key = _client_key(request, scope)
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        count = 1
    return count <= limit
