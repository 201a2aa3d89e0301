"""Rate limits per client without keeping IP addresses, and who the client is behind our proxy.

The cache holds only a keyed hash of the address, and only for the length of the window. The
cache is the one all processes of an installation share (settings.CACHES), so three workers
count one limit, not three.
"""

import hashlib
import hmac
from ipaddress import ip_address

from django.conf import settings
from django.core.cache import cache


def client_address(request) -> str:
    """The visitor's address.

    REMOTE_ADDR, unless that is one of our own proxies (settings.TRUSTED_PROXIES): then the
    right-most address in X-Forwarded-For that is not one of them. Anything further left was
    written by the visitor and is not believed. Also django-axes' AXES_CLIENT_IP_CALLABLE.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    if not settings.TRUSTED_PROXIES or not _is_trusted(remote):
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    for hop in reversed(hops):
        if not _is_trusted(hop):
            return hop if _is_address(hop) else remote
    return hops[0] if hops and _is_address(hops[0]) else remote


def _is_address(value: str) -> bool:
    try:
        ip_address(value)
    except ValueError:
        return False
    return True


def _is_trusted(value: str) -> bool:
    try:
        address = ip_address(value)
    except ValueError:
        return False
    return any(address in network for network in settings.TRUSTED_PROXIES)


def _client_key(request, scope: str) -> str:
    digest = hmac.new(
        settings.SECRET_KEY.encode(),
        f"{scope}:{client_address(request)}".encode(),
        hashlib.sha256,
    ).hexdigest()[:32]
    return f"ratelimit:{scope}:{digest}"


def count(request, scope: str, *, window: int) -> int:
    """Count one request (or one failure) for this client; returns the count in the window."""
    key = _client_key(request, scope)
    cache.add(key, 0, timeout=window)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        return 1


def is_over(request, scope: str, *, limit: int) -> bool:
    """True once this client has been counted `limit` times within the window."""
    return (cache.get(_client_key(request, scope)) or 0) >= limit


def allow(request, scope: str, *, limit: int, window: int) -> bool:
    """Count one request for this client; False once it is over `limit` within `window` seconds."""
    return count(request, scope, window=window) <= limit
