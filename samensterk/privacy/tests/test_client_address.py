"""Who the visitor is behind our own proxy, for rate limits and log-in throttling alike."""

import os
import re
import subprocess
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from functools import partial
from ipaddress import ip_network
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import connection
from django.test import RequestFactory, SimpleTestCase, TestCase, override_settings
from django.urls import reverse
from django.utils import timezone

from samensterk.intake.models import Signal
from samensterk.privacy import ratelimit
from samensterk.privacy.ratelimit import client_address, client_for_counting
from samensterk.test import PASSWORD, BaseTestCase

REPO = Path(__file__).resolve().parents[3]
PROXY = override_settings(TRUSTED_PROXIES=[ip_network("127.0.0.1/32"), ip_network("::1/128")])


def via_proxy(client_ip: str, forged: str = "") -> dict:
    """What nginx sends on: its own address, and the visitor's appended to X-Forwarded-For
    (after whatever the visitor wrote there themselves)."""
    chain = f"{forged}, {client_ip}" if forged else client_ip
    return {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": chain}


class ClientAddressTestCase(SimpleTestCase):
    def address(self, **meta):
        return client_address(RequestFactory().get("/", **meta))

    def test_without_trusted_proxies_the_forwarded_header_is_ignored(self):
        with override_settings(TRUSTED_PROXIES=[]):
            self.assertEqual(self.address(**via_proxy("203.0.113.7")), "127.0.0.1")

    @PROXY
    def test_behind_a_trusted_proxy_the_visitor_is_the_address_it_appended(self):
        self.assertEqual(self.address(**via_proxy("203.0.113.7")), "203.0.113.7")

    @PROXY
    def test_what_a_visitor_writes_in_the_header_is_not_believed(self):
        self.assertEqual(
            self.address(**via_proxy("203.0.113.7", forged="198.51.100.1, 10.0.0.1")),
            "203.0.113.7",
        )
        self.assertEqual(self.address(**via_proxy("not-an-address")), "127.0.0.1")

    @PROXY
    def test_a_port_written_after_the_address_is_left_off(self):
        self.assertEqual(self.address(**via_proxy("203.0.113.7:4711")), "203.0.113.7")
        self.assertEqual(self.address(**via_proxy("[2001:db8::1]:4711")), "2001:db8::1")

    def test_ipv6_visitors_are_counted_per_64_network(self):
        counted = [
            client_for_counting(RequestFactory().get("/", REMOTE_ADDR=address))
            for address in ("2001:db8:1:2::1", "2001:db8:1:2:ffff::9", "203.0.113.7")
        ]
        self.assertEqual(counted, ["2001:db8:1:2::", "2001:db8:1:2::", "203.0.113.7"])

    @PROXY
    def test_a_visitor_who_is_not_the_proxy_cannot_pretend_to_be_one(self):
        meta = {"REMOTE_ADDR": "203.0.113.7", "HTTP_X_FORWARDED_FOR": "198.51.100.1"}
        self.assertEqual(self.address(**meta), "203.0.113.7")

    def test_the_counters_live_in_a_cache_every_process_shares(self):
        """Never memory per process: three workers would give three times the limit."""
        self.assertNotIsInstance(caches["default"], LocMemCache)


class CounterWindowTestCase(TestCase):
    def test_a_count_lasts_its_whole_window_in_the_database_cache(self):
        """Not the cache's default five minutes: an hour's limit counts for the hour."""
        request = RequestFactory().post("/", REMOTE_ADDR="203.0.113.7")
        for _ in range(3):
            counted = ratelimit.count(request, "meldknop", window=3600)
        self.assertEqual(counted, 3)
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT expires FROM samensterk_cache WHERE cache_key LIKE %s", ["%ratelimit%"]
            )
            (expires,) = cursor.fetchone()
        if isinstance(expires, str):  # SQLite gives the text back
            expires = datetime.fromisoformat(expires)
        if timezone.is_naive(expires):
            expires = expires.replace(tzinfo=UTC)
        self.assertGreater(expires, timezone.now() + timedelta(minutes=55))
        self.assertTrue(ratelimit.is_over(request, "meldknop", limit=3, window=3600))
        self.assertFalse(ratelimit.is_over(request, "meldknop", limit=4, window=3600))

    def test_the_database_cache_keeps_many_counters(self):
        self.assertGreaterEqual(caches["default"]._max_entries, 100_000)


@PROXY
class LimitsPerClientBehindTheProxyTestCase(BaseTestCase):
    url = reverse("intake:meldknop", args=["groep-a"])

    def form_data(self, story):
        response = self.client.get(self.url)
        token = re.search(r'name="form_token" value="([^"]+)"', response.content.decode())[1]
        return {
            "story": story,
            "reporter_role": "familie",
            "consent_anonymous_use": "ja",
            "consent_share_national": "nee",
            "consent_contact": "nee",
            "form_token": token,
        }

    @override_settings(MELDKNOP_RATE=(3, 3600))
    def test_the_public_form_limit_counts_each_visitor_on_their_own(self):
        for n in range(3):
            response = self.client.post(
                self.url, self.form_data(f"Verhaal {n} van A"), **via_proxy("203.0.113.7")
            )
            self.assertEqual(response.status_code, 200)
        # A is over the limit, also when forging another address in the header.
        response = self.client.post(
            self.url, self.form_data("Nog een van A"), **via_proxy("203.0.113.7", "192.0.2.9")
        )
        self.assertEqual(response.status_code, 429)
        # B, behind the same proxy, is not slowed down by A.
        for n in range(3):
            response = self.client.post(
                self.url, self.form_data(f"Verhaal {n} van B"), **via_proxy("198.51.100.2")
            )
            self.assertEqual(response.status_code, 200)
        self.assertEqual(Signal.objects.count(), 6)

    def test_failed_log_ins_lock_out_the_guesser_not_the_owner(self):
        login = reverse("accounts:login")
        for _ in range(settings.AXES_FAILURE_LIMIT):
            self.client.post(
                login,
                {"username": self.carla.email, "password": "fout"},
                **via_proxy("203.0.113.7"),
            )
        response = self.client.post(
            login, {"username": self.carla.email, "password": PASSWORD}, **via_proxy("203.0.113.7")
        )
        self.assertEqual(response.status_code, 429)
        # Carla herself, from her own address behind the same proxy, still logs in.
        response = self.client.post(
            login, {"username": self.carla.email, "password": PASSWORD}, **via_proxy("198.51.100.2")
        )
        self.assertEqual(response.status_code, 302)
        self.assertEqual(int(self.client.session["_auth_user_id"]), self.carla.pk)


COUNTER = """
import django

django.setup()
from django.test import RequestFactory

from samensterk.privacy import ratelimit

request = RequestFactory().post("/meld/x/", REMOTE_ADDR="203.0.113.7")
for _ in range(5):
    count = ratelimit.count(request, "meldknop", window=3600)
print(count)
"""


class CountersSharedByProcessesTestCase(SimpleTestCase):
    def test_three_processes_with_the_default_settings_count_one_limit(self):
        """As three gunicorn workers would: each adds 5 for one visitor; the third sees 15."""
        with tempfile.TemporaryDirectory() as folder:
            env = {k: v for k, v in os.environ.items() if k not in ("PYTEST_VERSION", "CACHE_URL")}
            env.update(DEBUG="1", DATABASE_URL=f"sqlite:///{Path(folder) / 'shared.sqlite3'}")
            run = partial(
                subprocess.run, env=env, cwd=REPO, capture_output=True, text=True, check=True
            )
            run(
                [
                    sys.executable,
                    "-m",
                    "django",
                    "createcachetable",
                    "--settings",
                    "samensterk.settings",
                ]
            )
            seen = [
                run(
                    [sys.executable, "-c", COUNTER],
                    env={**env, "DJANGO_SETTINGS_MODULE": "samensterk.settings"},
                ).stdout.strip()
                for _process in range(3)
            ]
        self.assertEqual(seen, ["5", "10", "15"])
