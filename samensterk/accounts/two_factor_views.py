"""The second log-in step: setting it up (an app or e-mail), entering a code, recovery codes.

Only `verify` and `setup` are open to a session that still owes its second step (the exact list
is in security.py); changing the second step afterwards needs a fresh one (`_fresh_required`).
"""

from functools import wraps
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from samensterk.lib.forms import add_service_errors

from . import two_factor
from .forms import CodeForm

# Recovery codes are shown once, on the page right after they were made.
_FRESH_CODES = "two_factor_fresh_codes"


def _next_url(request, default: str = "front:dashboard"):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def _with_next(url: str, target: str) -> str:
    return f"{url}?{urlencode({'next': target})}" if target else url


def _fresh_required(view):
    """Changing the second step needs a code given within the last few minutes: ask for one
    first, then come back here (to the page, which asks again before it changes anything)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        forced = two_factor.next_step(request.user) == two_factor.SETUP  # e-mail no longer allowed
        if two_factor.is_enabled(request.user) and not forced and not two_factor.is_fresh(request):
            return redirect(_with_next(reverse("accounts:two_factor_confirm"), request.path))
        return view(request, *args, **kwargs)

    return login_required(wrapper)


def _code_page(request, *, template: str, default_next: str, sent: bool):
    """A page that asks for a code (the log-in's second step, or a confirmation before a
    change): checks it, or e-mails a new one when the user asks (action=send). `sent`: an
    e-mailed code is on its way already (the password step sends one)."""
    user = request.user
    method = two_factor.method(user)
    form = CodeForm(request.POST or None, purpose=method or two_factor.APP)
    if request.method == "POST" and request.POST.get("action") == "send":
        form = CodeForm(purpose=method)
        try:
            two_factor.send_login_email(user=user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            sent = True
    elif request.method == "POST" and form.is_valid():
        try:
            two_factor.verify(request=request, code=form.cleaned_data["code"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if two_factor.recovery_codes_left(user) <= 2:
                messages.warning(
                    request,
                    _("Je hebt bijna geen herstelcodes meer. Maak nieuwe codes bij Mijn account."),
                )
            return redirect(_next_url(request, default=default_next))
    return render(
        request,
        template,
        {
            "form": form,
            "method": method,
            "sent": sent,
            "masked_email": two_factor.masked_email(user),
            "next": _next_url(request, default=""),
        },
    )


@login_required
def verify(request):
    """The second step of logging in."""
    if two_factor.next_step(request.user) != two_factor.VERIFY:
        return redirect(_next_url(request))
    return _code_page(
        request,
        template="accounts/two_factor_verify.html",
        default_next="front:dashboard",
        sent=True,
    )


@login_required
def confirm(request):
    """A fresh code before the second step itself is changed (the session passed it already)."""
    if not two_factor.is_enabled(request.user) or two_factor.next_step(request.user):
        return redirect(_next_url(request, default="accounts:account"))
    return _code_page(
        request,
        template="accounts/two_factor_confirm.html",
        default_next="accounts:account",
        sent=False,
    )


def setup(request):
    """Set up the second step: an app, or (for volunteers) a code by e-mail.

    Open before the second step only to whoever has none yet; replacing one needs the current
    one, given within the last few minutes.
    """
    if not request.user.is_authenticated:
        return redirect(_with_next(reverse("accounts:login"), request.get_full_path()))
    if two_factor.is_enabled(request.user) and not two_factor.is_verified(request.user):
        return redirect("accounts:two_factor_verify")
    return _setup_fresh(request)


@_fresh_required
def _setup_fresh(request):
    user = request.user
    email_allowed = two_factor.email_allowed(user)
    chosen = request.POST.get("method") or request.GET.get("manier") or two_factor.APP
    if chosen not in (two_factor.APP, two_factor.EMAIL) or not email_allowed:
        chosen = two_factor.APP
    form = CodeForm(request.POST or None, purpose="setup")
    if request.method == "POST" and request.POST.get("action") == "send":
        form = CodeForm(purpose="setup")
        try:
            two_factor.send_setup_email(user=user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("We hebben een code gestuurd naar %(email)s.")
                % {"email": two_factor.masked_email(user)},
            )
    elif request.method == "POST" and form.is_valid():
        try:
            codes = two_factor.confirm_setup(
                request=request, code=form.cleaned_data["code"], chosen=chosen
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            request.session[_FRESH_CODES] = codes
            messages.success(request, _("Inloggen in twee stappen staat aan."))
            return redirect(
                _with_next(reverse("accounts:two_factor_codes"), _next_url(request, ""))
            )
    context = {
        "form": form,
        "chosen": chosen,
        "email_allowed": email_allowed,
        "masked_email": two_factor.masked_email(user),
        "required": two_factor.required_for(user),
        "replacing": two_factor.is_enabled(user),
        "next": _next_url(request, default=""),
    }
    if chosen == two_factor.APP:
        device = two_factor.setup_device(user)
        context["qr_code"] = two_factor.qr_code_data_uri(device)
        context["secret"] = two_factor.readable_secret(device)
    return render(request, "accounts/two_factor_setup.html", context)


@login_required
def codes(request):
    """The recovery codes just made, shown once."""
    fresh = request.session.pop(_FRESH_CODES, None)
    if not fresh:
        return redirect("accounts:account")
    return render(
        request,
        "accounts/two_factor_codes.html",
        {"codes": fresh, "next": _next_url(request, default="")},
    )


@_fresh_required
def new_codes(request):
    """Asks before it replaces the recovery codes: the old ones stop working."""
    if request.method == "POST":
        try:
            request.session[_FRESH_CODES] = two_factor.new_recovery_codes(request=request)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("accounts:account")
        return redirect("accounts:two_factor_codes")
    return render(request, "accounts/two_factor_new_codes.html")


@_fresh_required
def disable(request):
    """Asks before it switches the second step off (only where it is not required)."""
    if not two_factor.is_enabled(request.user):
        return redirect("accounts:account")
    if two_factor.required_for(request.user):
        messages.error(request, _("Voor jouw rol is inloggen in twee stappen verplicht."))
        return redirect("accounts:account")
    if request.method == "POST":
        try:
            two_factor.disable(request=request)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Inloggen in twee stappen staat uit."))
        return redirect("accounts:account")
    return render(request, "accounts/two_factor_disable.html")
