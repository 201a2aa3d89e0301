"""The second log-in step: setting up the authenticator app, entering a code, recovery codes."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

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


@login_required
def verify(request):
    if two_factor.next_step(request.user) != two_factor.VERIFY:
        return redirect(_next_url(request))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            two_factor.verify(request=request, code=form.cleaned_data["code"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if two_factor.recovery_codes_left(request.user) <= 2:
                messages.warning(
                    request,
                    _("Je hebt bijna geen herstelcodes meer. Maak nieuwe codes bij Mijn account."),
                )
            return redirect(_next_url(request))
    return render(
        request,
        "accounts/two_factor_verify.html",
        {"form": form, "next": _next_url(request, default="")},
    )


@login_required
def setup(request):
    if two_factor.is_enabled(request.user) and not two_factor.is_verified(request.user):
        # Replacing the app first needs the current one (or a recovery code).
        return redirect("accounts:two_factor_verify")
    device = two_factor.setup_device(request.user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = two_factor.confirm_setup(request=request, code=form.cleaned_data["code"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            request.session[_FRESH_CODES] = codes
            messages.success(request, _("Inloggen in twee stappen staat aan."))
            return redirect(_codes_url(request))
    return render(
        request,
        "accounts/two_factor_setup.html",
        {
            "form": form,
            "qr_code": two_factor.qr_code_data_uri(device),
            "secret": two_factor.readable_secret(device),
            "required": two_factor.required_for(request.user),
            "next": _next_url(request, default=""),
        },
    )


def _codes_url(request):
    url = reverse("accounts:two_factor_codes")
    target = _next_url(request, default="")
    return f"{url}?{urlencode({'next': target})}" if target else url


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


@login_required
@require_POST
def new_codes(request):
    try:
        request.session[_FRESH_CODES] = two_factor.new_recovery_codes(user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("accounts:account")
    return redirect("accounts:two_factor_codes")


@login_required
@require_POST
def disable(request):
    try:
        two_factor.disable(user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Inloggen in twee stappen staat uit."))
    return redirect("accounts:account")
