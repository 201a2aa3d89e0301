"""Two-factor authentication: a code from an authenticator app (TOTP) or by e-mail, or a
one-time recovery code.

Required for everyone who can read a story: every member of a group or organisation and the
installation superusers; and for coalition guests, who read what partners share. Volunteers and
guests may choose a code by e-mail instead of an app; coordinators,
national staff, administrators and superusers use an app.
The rule lives in `required_for` and `email_allowed`; the middleware and the API ask `next_step`
and nothing else.

Changing the second step (new recovery codes, another phone or method, switching it off) needs a
second step given within the last FRESH_SECONDS: a session that was left open is not enough.

Built on django-otp: its TOTP and e-mail devices (with throttling after wrong codes, no reuse of
a code, a cooldown between e-mails) and its static device for recovery codes.
"""

from __future__ import annotations

import time
from base64 import b32encode

import segno
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp import login as otp_login
from django_otp.plugins.otp_email.models import EmailDevice
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .permissions import scope_for

RECOVERY_CODE_COUNT = 10
APP_DEVICE_NAME = "app"
EMAIL_DEVICE_NAME = "email"
RECOVERY_DEVICE_NAME = "recovery"

# The two ways to get a code. Recovery codes come with either.
APP = "app"
EMAIL = "email"

# What a logged-in user still has to do before they may use the site.
VERIFY = "verify"
SETUP = "setup"

# How long a second step counts as fresh for changing the second step itself.
FRESH_SECONDS = 5 * 60
_VERIFIED_AT = "two_factor_verified_at"

WRONG_CODE = gettext_lazy("Deze code klopt niet. Probeer het nog een keer.")
TOO_MANY_WRONG = gettext_lazy(
    "Te veel foute codes na elkaar. Wacht een minuut en probeer het opnieuw."
)
EMAIL_NOT_ALLOWED = gettext_lazy(
    "Voor jouw rol kan dat niet per e-mail: je ziet de verhalen van een hele organisatie. "
    "Gebruik een app op je telefoon."
)


def required_for(user) -> bool:
    """Whoever can read a story (or what coalition partners share) logs in in two steps."""
    scope = scope_for(user)
    return scope.has_membership or bool(scope.guest_organisation_ids)


def email_allowed(user) -> bool:
    """A code by e-mail is for volunteers. Whoever manages people or sees a whole group or
    organisation uses an app: an e-mailed code travels through the same mailbox as a password
    reset, so for them it would be one factor twice."""
    scope = scope_for(user)
    return not (scope.is_superuser or scope.staff_organisation_ids or scope.coordinated_group_ids)


def app_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def email_device(user) -> EmailDevice | None:
    return EmailDevice.objects.filter(user=user, confirmed=True).first()


def method(user) -> str | None:
    """APP or EMAIL: how this user gets their code; None when the second step is off."""
    if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        return APP
    if EmailDevice.objects.filter(user=user, confirmed=True).exists():
        return EMAIL
    return None


def is_enabled(user) -> bool:
    return method(user) is not None


def is_verified(user) -> bool:
    """True when this session passed the second step (set by django-otp's middleware)."""
    check = getattr(user, "is_verified", None)
    return bool(check and check())


def is_fresh(request) -> bool:
    """True when this session gave its second step within the last FRESH_SECONDS."""
    if not is_verified(request.user):
        return False
    verified_at = request.session.get(_VERIFIED_AT, 0)
    return time.time() - verified_at <= FRESH_SECONDS


def next_step(user) -> str | None:
    """VERIFY or SETUP while a logged-in session may not be used yet, None when it may."""
    if not user.is_authenticated:
        return None
    if is_verified(user):
        if isinstance(getattr(user, "otp_device", None), EmailDevice) and not email_allowed(user):
            return SETUP  # a volunteer who became a coordinator: an app from now on
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


def masked_email(user) -> str:
    """j…@example.org: enough for the owner to recognise their address on a shared screen."""
    local, _at, domain = user.email.partition("@")
    return f"{local[:1]}…@{domain}"


def _login(request, device) -> None:
    otp_login(request, device)
    request.session[_VERIFIED_AT] = int(time.time())


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


def send_setup_email(*, user) -> None:
    """E-mail a code to confirm the e-mail method with (a cooldown stops a flood of mails)."""
    if not email_allowed(user):
        raise ValidationError(EMAIL_NOT_ALLOWED)
    device = EmailDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = EmailDevice.objects.create(user=user, name=EMAIL_DEVICE_NAME, confirmed=False)
    _send(device)


def send_login_email(*, user) -> None:
    """E-mail a code for the second step of logging in, when that is the user's method."""
    device = email_device(user)
    if device is None:
        raise ValidationError(_("Jij krijgt je code uit een app, niet per e-mail."))
    _send(device)


def _send(device: EmailDevice) -> None:
    allowed, _details = device.generate_is_allowed()
    if not allowed:
        raise ValidationError(
            _("We hebben net een code gestuurd. Wacht een minuut voor je een nieuwe vraagt.")
        )
    device.generate_challenge()


@transaction.atomic
def confirm_setup(*, request, code: str, chosen: str = APP) -> list[str]:
    """Confirm the app or e-mail with its first code; returns the new recovery codes (shown
    once). The new method replaces the old one."""
    user = request.user
    model = TOTPDevice if chosen == APP else EmailDevice
    if chosen == EMAIL and not email_allowed(user):
        raise ValidationError(EMAIL_NOT_ALLOWED)
    device = model.objects.select_for_update().filter(user=user, confirmed=False).first()
    if device is None:
        raise ValidationError(_("Begin opnieuw: de instelling is verlopen."))
    code = _clean(code)
    if not code.isdigit() or not device.verify_token(code):
        if chosen == APP:
            raise ValidationError(
                _("Deze code klopt niet. Kijk in de app en typ de zes cijfers die je nu ziet.")
            )
        raise ValidationError(_("Deze code klopt niet. Kijk in de laatste e-mail van Samen Sterk."))
    for kind in (TOTPDevice, EmailDevice):
        replaced = kind.objects.filter(user=user)
        if kind is model:
            replaced = replaced.exclude(pk=device.pk)
        replaced.delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = _replace_recovery_codes(user)
    _login(request, device)
    return codes


def _replace_recovery_codes(user) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
    return codes


def _require_fresh(request) -> None:
    if not is_fresh(request):
        raise ValidationError(_("Bevestig eerst met een code dat jij het bent."))


@transaction.atomic
def new_recovery_codes(*, request) -> list[str]:
    _require_fresh(request)
    if not is_enabled(request.user):
        raise ValidationError(_("Zet eerst inloggen in twee stappen aan."))
    return _replace_recovery_codes(request.user)


# --- Logging in -----------------------------------------------------------------------------


def verify(*, request, code: str) -> None:
    """Check a code from the app or e-mail, or a recovery code, and mark the session as verified
    (and fresh)."""
    user = request.user
    code = _clean(code)
    if not code:
        raise ValidationError(_("Typ de code uit de app of de e-mail, of een herstelcode."))
    with transaction.atomic():
        if code.isdigit():
            devices = [
                *TOTPDevice.objects.select_for_update().filter(user=user, confirmed=True),
                *EmailDevice.objects.select_for_update().filter(user=user, confirmed=True),
            ]
        else:
            devices = StaticDevice.objects.select_for_update().filter(user=user, confirmed=True)
        for device in devices:
            allowed, _details = device.verify_is_allowed()
            if not allowed:
                raise ValidationError(TOO_MANY_WRONG)
            if device.verify_token(code):
                _login(request, device)
                return
    raise ValidationError(WRONG_CODE)


# --- Switching off --------------------------------------------------------------------------


@transaction.atomic
def disable(*, request) -> None:
    """Only an account that cannot read stories may switch it off, and only with a fresh code."""
    _require_fresh(request)
    if required_for(request.user):
        raise ValidationError(_("Voor jouw rol is inloggen in twee stappen verplicht."))
    reset_for(user=request.user)


@transaction.atomic
def reset_for(*, user) -> None:
    """An administrator's reset after a lost phone: the user sets it up again at next login."""
    TOTPDevice.objects.filter(user=user).delete()
    EmailDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
