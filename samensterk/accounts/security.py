"""Log-in security: hooks for django-axes (throttling of failed log-ins) and the second step."""

import time
from urllib.parse import urlencode

from django.shortcuts import redirect
from django.urls import reverse

from . import two_factor
from .models import normalise_email


def axes_username(request, credentials) -> str | None:
    """The address someone tried to log in with, normalised like the account's address."""
    username = (credentials or {}).get("username") or request.POST.get("username")
    return normalise_email(username) or None


class TwoFactorMiddleware:
    """A logged-in session that still owes its second step may only finish that step.

    Everything else redirects there (deny by default, so a new view cannot forget it). The API
    answers for itself: its session authentication asks the same question.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        step = two_factor.next_step(request.user)
        if step is not None and not _is_allowed_before_second_step(request.path_info):
            target = {
                two_factor.VERIFY: "accounts:two_factor_verify",
                two_factor.SETUP: "accounts:two_factor_setup",
            }[step]
            query = urlencode({"next": request.get_full_path()}) if request.method == "GET" else ""
            return redirect(reverse(target) + (f"?{query}" if query else ""))
        return self.get_response(request)


def _is_allowed_before_second_step(path: str) -> bool:
    allowed = (
        reverse("accounts:two_factor_verify"),
        reverse("accounts:two_factor_setup"),
        reverse("accounts:logout"),
        reverse("set_language"),
        "/static/",
        "/health/",
        "/api/",
    )
    return path.startswith(allowed)


class IdleSessionMiddleware:
    """Sessions end after SESSION_COOKIE_AGE without a request (idle expiry), without writing
    the session on every request: its end is moved at most once every REFRESH_SECONDS.

    Placed right after SessionMiddleware, which saves the session (and sends the cookie with
    the new end) when this marks it changed.
    """

    REFRESH_SECONDS = 60
    SEEN = "_seen"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is not None and session.accessed and not session.is_empty():
            now = int(time.time())
            if now - session.get(self.SEEN, 0) >= self.REFRESH_SECONDS:
                session[self.SEEN] = now
        return response
