"""Rate limits per client without keeping IP addresses, and who the client is behind our proxy.

The cache holds only a keyed hash of the address, and only for the length of the window. The
cache is the one all processes of an installation share (settings.CACHES), so three workers
count one limit, not three.
"""

import hashlib
import hmac
import time
from ipaddress import ip_address, ip_network

from django.conf import settings
from django.core.cache import cache


def client_address(request) -> str:
    """The visitor's address.

    REMOTE_ADDR, unless that is one of our own proxies (settings.TRUSTED_PROXIES): then the
    right-most address in X-Forwarded-For that is not one of them. Anything further left was
    written by the visitor and is not believed.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    if not settings.TRUSTED_PROXIES or not _is_trusted(remote):
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [_without_port(hop.strip()) for hop in forwarded.split(",") if hop.strip()]
    for hop in reversed(hops):
        if not _is_trusted(hop):
            return hop if _is_address(hop) else remote
    return hops[0] if hops and _is_address(hops[0]) else remote


def client_for_counting(request) -> str:
    """Who is counted: the visitor's address, but for IPv6 the /64 network it lies in (one
    home or phone has a whole /64, and could otherwise count afresh with each address).
    django-axes' AXES_CLIENT_IP_CALLABLE too."""
    address = client_address(request)
    try:
        parsed = ip_address(address)
    except ValueError:
        return address
    if parsed.version == 6 and not parsed.ipv4_mapped:
        return str(ip_network(f"{parsed}/64", strict=False).network_address)
    return address


def _without_port(hop: str) -> str:
    """203.0.113.7:4711 and [2001:db8::1]:4711, as some proxies write them, without the port."""
    if hop.startswith("[") and "]" in hop:
        return hop[1 : hop.index("]")]
    if hop.count(":") == 1:
        return hop.split(":")[0]
    return hop


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


def _client_key(request, scope: str, window: int) -> str:
    """The counter of this client in the current window (fixed windows of `window` seconds)."""
    digest = hmac.new(
        settings.SECRET_KEY.encode(),
        f"{scope}:{client_for_counting(request)}".encode(),
        hashlib.sha256,
    ).hexdigest()[:32]
    return f"ratelimit:{scope}:{window}:{int(time.time() // window)}:{digest}"


def count(request, scope: str, *, window: int) -> int:
    """Count one request (or one failure) for this client; returns the count in the window.

    A get and a set with the window as timeout, not cache.incr: the database cache's incr is a
    get and a set with the cache's default timeout, which would shorten every window to that.
    Two requests at the very same moment may be counted once; the limits stay limits.
    """
    key = _client_key(request, scope, window)
    counted = (cache.get(key) or 0) + 1
    cache.set(key, counted, timeout=window)
    return counted


def is_over(request, scope: str, *, limit: int, window: int) -> bool:
    """True once this client has been counted `limit` times within the window."""
    return (cache.get(_client_key(request, scope, window)) or 0) >= limit


def allow(request, scope: str, *, limit: int, window: int) -> bool:
    """Count one request for this client; False once it is over `limit` within `window` seconds."""
    return count(request, scope, window=window) <= limit
