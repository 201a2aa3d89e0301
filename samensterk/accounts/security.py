"""Hooks for django-axes (throttling of failed log-ins)."""

from .models import normalise_email


def axes_username(request, credentials) -> str | None:
    """The address someone tried to log in with, normalised like the account's address."""
    username = (credentials or {}).get("username") or request.POST.get("username")
    return normalise_email(username) or None
