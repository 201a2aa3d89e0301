"""Every address of the project, opened by a session that has given only its password.

The second step must be demanded everywhere except the explicit list in security.py. The walk
reads the URL configuration itself, so a page added later is walked too: one added beside the
second step's own pages (under /account/twee-stappen/, say) fails here unless it is closed.
"""

import re
import uuid

from django.test import override_settings
from django.urls import URLPattern, URLResolver, get_resolver, path, resolve, reverse
from django.urls.exceptions import Resolver404

from samensterk.accounts import security, two_factor
from samensterk.test import PASSWORD, BaseTestCase, authenticator_device

# What the walk fills in for a part of an address, by converter (or by regex group).
SAMPLES = {
    "int": "1",
    "slug": "groep-a",
    "str": "x",
    "uuid": str(uuid.uuid4()),
    "path": "x",
}
REGEX_SAMPLES = ["accounts", "1", "x", "groep-a", str(uuid.uuid4())]
ROUTE_PART = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")
REGEX_GROUP = re.compile(r"\(\?P<(?P<name>\w+)>[^)]*\)")

EXPECTED_OPEN = {
    "accounts:two_factor_verify",
    "accounts:two_factor_setup",
    "accounts:logout",
    "set_language",
    "health",
}


def walk(patterns=None, prefix=""):
    """(address, URL name) for every pattern of the URL configuration."""
    patterns = get_resolver().url_patterns if patterns is None else patterns
    for entry in patterns:
        route = str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from walk(entry.url_patterns, prefix + route)
        elif isinstance(entry, URLPattern):
            address = _concrete(prefix + route)
            if address is not None:
                yield address, entry.name


def _concrete(route: str) -> str | None:
    """A real address matching the route: converters get a sample value, regular-expression
    parts (the admin's) the first sample that resolves."""
    address = ROUTE_PART.sub(lambda m: SAMPLES.get(m["converter"] or "str", "x"), route)
    if "(?P<" not in address and "^" not in address and "$" not in address:
        return "/" + address
    for sample in REGEX_SAMPLES:
        candidate = REGEX_GROUP.sub(sample, address)
        candidate = "/" + candidate.replace("^", "").replace("$", "").replace("\\", "")
        try:
            resolve(candidate)
        except Resolver404:
            continue
        return candidate
    return None


class SecondStepWalkTestCase(BaseTestCase):
    def assert_second_step_demanded(self, expected_target: str):
        open_paths = {reverse(name) for name in EXPECTED_OPEN}
        walked = 0
        for address, _name in walk():
            if address in open_paths:
                continue
            for method in ("get", "post"):
                response = getattr(self.client, method)(address)
                walked += 1
                where = f"{method.upper()} {address}"
                if address.startswith("/api/"):
                    self.assertEqual(response.status_code, 401, where)
                    continue
                self.assertEqual(response.status_code, 302, where)
                self.assertTrue(response["Location"].startswith(expected_target), where)
        # The walk reached the whole project, not a corner of it.
        self.assertGreater(walked, 400)

    def test_a_password_only_session_with_an_app_is_sent_to_the_second_step_everywhere(self):
        authenticator_device(self.carla)
        self.client.post(
            reverse("accounts:login"), {"username": self.carla.email, "password": PASSWORD}
        )
        self.assertEqual(two_factor.next_step(self.carla), two_factor.VERIFY)
        self.assert_second_step_demanded(reverse("accounts:two_factor_verify"))

    def test_a_password_only_session_without_a_second_step_must_set_one_up_first(self):
        self.client.post(
            reverse("accounts:login"), {"username": self.vince.email, "password": PASSWORD}
        )
        self.assert_second_step_demanded(reverse("accounts:two_factor_setup"))

    def test_the_open_list_is_exactly_the_second_steps_own_pages(self):
        self.assertEqual(set(security.OPEN_BEFORE_SECOND_STEP), EXPECTED_OPEN)

    def test_the_walk_reaches_every_part_of_the_project(self):
        names = {name for _address, name in walk() if name}
        for expected in (
            "two_factor_new_codes",
            "two_factor_codes",
            "two_factor_disable",
            "signal_list",
            "index",
        ):
            self.assertIn(expected, names)


def _extra_view(request):  # pragma: no cover - must never be reached
    raise AssertionError("reached without the second step")


urlpatterns = [
    path("account/twee-stappen/extra/", _extra_view, name="extra"),
    *get_resolver().url_patterns,
]


@override_settings(ROOT_URLCONF=__name__)
class NewPageBesideTheSecondStepTestCase(BaseTestCase):
    def test_a_page_added_under_the_second_steps_address_is_closed(self):
        self.client.post(
            reverse("accounts:login"), {"username": self.vince.email, "password": PASSWORD}
        )
        for method in ("get", "post"):
            response = getattr(self.client, method)("/account/twee-stappen/extra/")
            self.assertEqual(response.status_code, 302)
            self.assertTrue(response["Location"].startswith(reverse("accounts:two_factor_setup")))
