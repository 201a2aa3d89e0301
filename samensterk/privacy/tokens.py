"""Personal links without accounts: `<pk>-<mac>`, where the mac is an HMAC (with the
installation's SECRET_KEY) of the pk and a random nonce stored with the invitation. The
database alone does not give the links away, and a reminder can send the same link again."""

from __future__ import annotations

import secrets

from django.utils.crypto import constant_time_compare, salted_hmac

SALT = "samensterk.surveys"  # kept: changing it would break the links already sent


def new_nonce() -> str:
    return secrets.token_hex(8)


def _mac(kind: str, pk: int, nonce: str) -> str:
    return salted_hmac(SALT, f"{kind}:{pk}:{nonce}").hexdigest()[:24]


def make(kind: str, pk: int, nonce: str) -> str:
    return f"{pk}-{_mac(kind, pk, nonce)}"


def parse(token: str) -> int | None:
    """The pk a token claims; check it with `matches` once the record is loaded."""
    pk, _sep, mac = (token or "").partition("-")
    if not pk.isdigit() or len(mac) != 24 or len(pk) > 12:
        return None
    return int(pk)


def matches(kind: str, token: str, pk: int, nonce: str) -> bool:
    return constant_time_compare(token, make(kind, pk, nonce))


def find(kind: str, token: str, queryset, secret: str):
    """The record a personal link belongs to, or None for a wrong link: the pk comes from the
    link, the HMAC is checked with the record's own secret field."""
    pk = parse(token)
    if pk is None:
        return None
    found = queryset.filter(pk=pk).first()
    if found is None or not matches(kind, token, pk, getattr(found, secret)):
        return None
    return found
