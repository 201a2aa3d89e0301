"""Log-in security: hooks for django-axes (throttling of failed log-ins) and the second step."""

import time
from urllib.parse import urlencode

from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from . import two_factor
from .models import normalise_email

SECOND_STEP_FIRST = _("Log eerst in met je tweede stap.")


def axes_username(request, credentials) -> str | None:
    """The address someone tried to log in with, normalised like the account's address."""
    username = (credentials or {}).get("username") or request.POST.get("username")
    return normalise_email(username) or None


# The only pages a session that still owes its second step may open, by URL name: compared by
# exact address, never by prefix, so that a page added beside them is closed until it is named
# here (accounts/tests/test_second_step_walk.py walks every URL of the project to show it).
OPEN_BEFORE_SECOND_STEP = (
    "accounts:two_factor_verify",
    "accounts:two_factor_setup",
    "accounts:logout",
    "set_language",
    "health",
)


class TwoFactorMiddleware:
    """A logged-in session that still owes its second step may only finish that step.

    Everything else redirects there (deny by default, so a new view cannot forget it); the API
    answers 401, as it does without a log-in.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        step = two_factor.next_step(request.user)
        if step is not None and request.path not in _open_paths():
            if request.path_info.startswith("/api/"):
                return JsonResponse({"detail": SECOND_STEP_FIRST}, status=401)
            target = {
                two_factor.VERIFY: "accounts:two_factor_verify",
                two_factor.SETUP: "accounts:two_factor_setup",
            }[step]
            query = urlencode({"next": request.get_full_path()}) if request.method == "GET" else ""
            return redirect(reverse(target) + (f"?{query}" if query else ""))
        return self.get_response(request)


def _open_paths() -> set[str]:
    # reverse() reads Django's own table of the URL configuration: cheap on every request.
    return {reverse(name) for name in OPEN_BEFORE_SECOND_STEP}


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
