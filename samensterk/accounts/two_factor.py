"""Two-factor authentication: a code from an authenticator app (TOTP) or a one-time recovery code.

Required for everyone who sees more than one person's stories or manages people: installation
superusers, national staff and administrators of an organisation, and coordinators of a group.
Volunteers may switch it on. The rule lives in `required_for`; the middleware and the API ask
`next_step` and nothing else.

Built on django-otp: its TOTP device (with throttling after wrong codes and no reuse of a code)
and its static device for recovery codes.
"""

from __future__ import annotations

from base64 import b32encode

import segno
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .permissions import scope_for

RECOVERY_CODE_COUNT = 10
APP_DEVICE_NAME = "app"
RECOVERY_DEVICE_NAME = "recovery"

# What a logged-in user still has to do before they may use the site.
VERIFY = "verify"
SETUP = "setup"


def required_for(user) -> bool:
    scope = scope_for(user)
    return scope.is_superuser or bool(scope.staff_organisation_ids or scope.coordinated_group_ids)


def app_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def is_enabled(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def is_verified(user) -> bool:
    """True when this session passed the second step (set by django-otp's middleware)."""
    check = getattr(user, "is_verified", None)
    return bool(check and check())


def next_step(user) -> str | None:
    """VERIFY or SETUP while a logged-in session may not be used yet, None when it may."""
    if not user.is_authenticated or is_verified(user):
        return None
    if is_enabled(user):
        return VERIFY
    if required_for(user):
        return SETUP
    return None


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(
        device__user=user, device__name=RECOVERY_DEVICE_NAME, device__confirmed=True
    ).count()


# --- Setting up -----------------------------------------------------------------------------


def setup_device(user) -> TOTPDevice:
    """The app device being set up: a new secret, kept until it is confirmed with a code."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False, name=APP_DEVICE_NAME).first()
    return device or TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)


def qr_code_data_uri(device: TOTPDevice) -> str:
    """The setup link as an SVG QR code inside a data: URI (allowed by our CSP, no JavaScript)."""
    return segno.make(device.config_url, error="m").svg_data_uri(scale=5, border=2)


def readable_secret(device: TOTPDevice) -> str:
    """The secret in groups of four, for typing it into an app by hand."""
    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def _clean(code: str) -> str:
    return "".join((code or "").split()).replace("-", "").lower()


@transaction.atomic
def confirm_setup(*, request, code: str) -> list[str]:
    """Confirm the app with its first code; returns the new recovery codes (shown once)."""
    user = request.user
    device = (
        TOTPDevice.objects.select_for_update()
        .filter(user=user, confirmed=False, name=APP_DEVICE_NAME)
        .first()
    )
    if device is None:
        raise ValidationError(_("Begin opnieuw: de instelling is verlopen."))
    code = _clean(code)
    if not code.isdigit() or not device.verify_token(code):
        raise ValidationError(
            _("Deze code klopt niet. Kijk in de app en typ de zes cijfers die je nu ziet.")
        )
    TOTPDevice.objects.filter(user=user, confirmed=True).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = _replace_recovery_codes(user)
    otp_login(request, device)
    return codes


def _replace_recovery_codes(user) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
    return codes


@transaction.atomic
def new_recovery_codes(*, user) -> list[str]:
    if not is_enabled(user):
        raise ValidationError(_("Zet eerst inloggen in twee stappen aan."))
    return _replace_recovery_codes(user)


# --- Logging in -----------------------------------------------------------------------------


def verify(*, request, code: str) -> None:
    """Check a code from the app or a recovery code and mark the session as verified."""
    user = request.user
    code = _clean(code)
    if not code:
        raise ValidationError(_("Typ de code uit de app, of een herstelcode."))
    with transaction.atomic():
        if code.isdigit():
            devices = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=True)
        else:
            devices = StaticDevice.objects.select_for_update().filter(user=user, confirmed=True)
        for device in devices:
            allowed, _details = device.verify_is_allowed()
            if not allowed:
                raise ValidationError(
                    _("Te veel foute codes na elkaar. Wacht een minuut en probeer het opnieuw.")
                )
            if device.verify_token(code):
                otp_login(request, device)
                return
    raise ValidationError(_("Deze code klopt niet. Probeer het nog een keer."))


# --- Switching off --------------------------------------------------------------------------


@transaction.atomic
def disable(*, user) -> None:
    """Volunteers may switch it off again; for everyone else it is required."""
    if required_for(user):
        raise ValidationError(_("Voor jouw rol is inloggen in twee stappen verplicht."))
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()


@transaction.atomic
def reset_for(*, user) -> None:
    """An administrator's reset after a lost phone: the user sets it up again at next login."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
