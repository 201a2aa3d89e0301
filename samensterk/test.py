"""The named characters every test can use, one per role.

Organisation "Alfa" has two groups, A (Amsterdam) and B (Walcheren); organisation "Omega" is
another organisation in the same installation.

- carla  coordinator of group A
- vince  volunteer of group A
- bram   coordinator of group B
- sanne  national staff (landelijk medewerker) of Alfa
- bea    administrator (beheerder) of Alfa
- otto   coordinator of Omega's group X: the outsider
- nina   has an account but no membership at all
- root   installation superuser
"""

import time

from django.test import TestCase
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from samensterk.accounts import two_factor
from samensterk.accounts.models import (
    GroupMembership,
    GroupRole,
    LocalGroup,
    Organisation,
    OrganisationMembership,
    OrganisationRole,
    User,
)
from samensterk.places.models import Municipality

PASSWORD = "een-lang-test-wachtwoord"


def make_user(email: str, name: str, **extra) -> User:
    return User.objects.create_user(email=email, password=PASSWORD, full_name=name, **extra)


def make_characters(target) -> None:
    """Set the characters as attributes on `target` (a TestCase class or a namespace)."""
    target.alfa = Organisation.objects.create(name="Vereniging Alfa", slug="alfa")
    target.omega = Organisation.objects.create(name="Organisatie Omega", slug="omega")

    target.group_a = LocalGroup.objects.create(
        organisation=target.alfa, name="Groep Amsterdam", slug="groep-a"
    )
    target.group_a.municipalities.add(Municipality.objects.get(code="GM0363"))
    target.group_b = LocalGroup.objects.create(
        organisation=target.alfa, name="Groep Walcheren", slug="groep-b"
    )
    target.group_b.municipalities.add(
        *Municipality.objects.filter(code__in=["GM0687", "GM0718", "GM0717"])
    )
    target.group_x = LocalGroup.objects.create(
        organisation=target.omega, name="Omega Utrecht", slug="groep-x"
    )
    target.group_x.municipalities.add(Municipality.objects.get(code="GM0344"))

    target.carla = make_user("carla@example.org", "Carla Coördinator")
    target.vince = make_user("vince@example.org", "Vince Vrijwilliger")
    target.bram = make_user("bram@example.org", "Bram Bestuur")
    target.sanne = make_user("sanne@example.org", "Sanne Staf")
    target.bea = make_user("bea@example.org", "Bea Beheer")
    target.otto = make_user("otto@example.org", "Otto Outsider")
    target.nina = make_user("nina@example.org", "Nina Nergens")
    target.root = make_user("root@example.org", "Root", is_superuser=True, is_staff=True)

    for user, group, role in [
        (target.carla, target.group_a, GroupRole.COORDINATOR),
        (target.vince, target.group_a, GroupRole.VOLUNTEER),
        (target.bram, target.group_b, GroupRole.COORDINATOR),
        (target.otto, target.group_x, GroupRole.COORDINATOR),
    ]:
        GroupMembership.objects.create(user=user, group=group, role=role)
    OrganisationMembership.objects.create(
        user=target.sanne, organisation=target.alfa, role=OrganisationRole.STAFF
    )
    OrganisationMembership.objects.create(
        user=target.bea, organisation=target.alfa, role=OrganisationRole.ADMIN
    )


class BaseTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        make_characters(cls)

    def login(self, user) -> None:
        login_verified(self.client, user)

    def assertNotFoundFor(self, users, method: str, url: str, data=None):  # noqa: N802
        """Each of these users gets the 404 page, and nothing else, for this request."""
        for user in users:
            self.client.logout()
            self.login(user)
            response = getattr(self.client, method)(url, data or {})
            self.assertEqual(
                response.status_code, 404, f"{user.full_name} should get 404 for {method} {url}"
            )


def make_signal(group=None, organisation=None, **fields):
    """A signal through the real service; belongs to `group`, or to the national office. The
    tasks its commit enqueues run too (pseudonymisation), as the worker would after it."""
    from samensterk.intake.models import Channel
    from samensterk.intake.services import signal_create

    defaults = {
        "story": "De taxi naar de dagbesteding kwam weer te laat.",
        "channel": Channel.MELDKNOP,
        "consent_anonymous_use": True,
    }
    defaults.update(fields)
    organisation = organisation or (group.organisation if group else None)
    with TestCase.captureOnCommitCallbacks(execute=True):
        signal = signal_create(organisation=organisation, group=group, **defaults)
    signal.refresh_from_db(fields=["story_pseudonymised"])
    return signal


def authenticator_device(user) -> TOTPDevice:
    """The user's confirmed authenticator app, made on first use (as if they had set it up)."""
    return two_factor.app_device(user) or TOTPDevice.objects.create(
        user=user, name=two_factor.APP_DEVICE_NAME, confirmed=True
    )


def authenticator_code(user) -> str:
    """What the user's app shows: the current code, or the next one if this one was used."""
    return totp_code(authenticator_device(user))


def totp_code(device: TOTPDevice) -> str:
    """The code an authenticator app with this device's secret shows now (or next, if used)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    if totp.t() <= device.last_t:
        totp.time += device.step * (device.last_t + 1 - totp.t())
    return f"{totp.token():0{device.digits}d}"


def emailed_code() -> str:
    """The six digits of the last e-mailed log-in code (django.core.mail's test outbox)."""
    from django.core import mail

    body = mail.outbox[-1].body
    return next(line.strip() for line in body.splitlines() if line.strip().isdigit())


def login_verified(client, user) -> None:
    """Log in through both steps: the password (skipped here) and, where required, the app."""
    client.force_login(user)
    if two_factor.required_for(user) or two_factor.is_enabled(user):
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = authenticator_device(user).persistent_id
        session.save()
