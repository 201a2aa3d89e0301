"""Production settings: `samensterk check --deploy` is clean, and no template needs inline code."""

import os
import re
import secrets
import subprocess
import sys
import time
from pathlib import Path
from unittest import mock

from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import SimpleTestCase
from django.urls import reverse

from samensterk.test import PASSWORD, BaseTestCase

PACKAGE = Path(settings.PACKAGE_DIR)


def production_environment(**extra) -> dict[str, str]:
    # Not the test run's own variables (the browser tests set DJANGO_ALLOW_ASYNC_UNSAFE).
    left_out = {"PYTEST_VERSION", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environment = {k: v for k, v in os.environ.items() if k not in left_out}
    environment.update(
        DEBUG="0", SECRET_KEY=secrets.token_urlsafe(50), ALLOWED_HOSTS="samensterk.example"
    )
    environment.update(extra)
    return environment


class DeployCheckTestCase(SimpleTestCase):
    def run_check(self, **extra):
        return subprocess.run(
            [
                sys.executable,
                "-m",
                "samensterk.cli",
                "check",
                "--deploy",
                "--fail-level",
                "WARNING",
            ],
            env=production_environment(**extra),
            capture_output=True,
            text=True,
            timeout=120,
        )

    def test_production_defaults_pass_the_deploy_check_without_warnings(self):
        result = self.run_check()
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertIn("no issues", result.stdout + result.stderr)

    def test_it_would_notice_an_unsafe_setting(self):
        result = self.run_check(SECURE_COOKIES="0")
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("SESSION_COOKIE_SECURE", result.stdout + result.stderr)

    def test_production_refuses_to_start_without_a_secret_key(self):
        result = subprocess.run(
            [sys.executable, "-m", "samensterk.cli", "check"],
            env=production_environment(SECRET_KEY=""),
            capture_output=True,
            text=True,
            timeout=120,
        )
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("SECRET_KEY is not set", result.stderr)


class NoInlineCodeTestCase(SimpleTestCase):
    """The Content-Security-Policy forbids inline scripts, event handlers and styles: a template
    that used them would silently break in the browser."""

    INLINE = [
        (re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I), "inline <script>"),
        (re.compile(r"\son[a-z]+\s*=\s*[\"']", re.I), "event handler attribute"),
        (re.compile(r"\sstyle\s*=\s*[\"']", re.I), "style attribute"),
        (re.compile(r"<style[\s>]", re.I), "inline <style>"),
        (re.compile(r"javascript:", re.I), "javascript: link"),
    ]

    # Rendered into PDFs by WeasyPrint on the server, never sent to a browser (no CSP there).
    PDF_ONLY = {
        "intake/print_base.html",
        "reports/report_print.html",
        "privacy/subject_export_print.html",
    }

    def is_pdf_only(self, template: Path, text: str) -> bool:
        name = "/".join(template.parts[-2:])
        return name in self.PDF_ONLY or any(f'extends "{t}"' in text for t in self.PDF_ONLY)

    def test_no_template_uses_inline_code(self):
        problems = []
        for template in sorted(PACKAGE.rglob("templates/**/*.html")):
            text = template.read_text()
            if self.is_pdf_only(template, text):
                continue
            for pattern, what in self.INLINE:
                for match in pattern.finditer(text):
                    line = text.count("\n", 0, match.start()) + 1
                    problems.append(f"{template.relative_to(PACKAGE)}:{line}: {what}")
        self.assertEqual(problems, [])

    def test_the_policy_allows_scripts_only_from_our_own_files(self):
        directives = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
        self.assertEqual(directives["script-src"], ["'self'"])
        self.assertEqual(directives["style-src"], ["'self'"])
        self.assertEqual(directives["object-src"], ["'none'"])


class SessionCookieTestCase(BaseTestCase):
    def test_the_session_cookie_is_http_only_same_site_and_expires_after_inactivity(self):
        self.client.post(
            reverse("accounts:login"), {"username": self.vince.email, "password": PASSWORD}
        )
        cookie = self.client.cookies[settings.SESSION_COOKIE_NAME]
        self.assertTrue(cookie["httponly"])
        self.assertEqual(cookie["samesite"], "Lax")
        self.assertEqual(int(cookie["max-age"]), settings.SESSION_COOKIE_AGE)
        # How the end moves with use: the test below.

    def test_an_expired_session_must_log_in_again(self):
        self.login(self.vince)
        session = self.client.session
        session.set_expiry(-1)
        session.save()
        response = self.client.get(reverse("front:dashboard"))
        self.assertEqual(response.status_code, 302)
        self.assertIn(reverse("accounts:login"), response["Location"])

    def test_the_end_moves_with_use_but_is_written_at_most_once_a_minute(self):
        self.login(self.vince)
        url = reverse("front:dashboard")
        self.client.get(url)
        started = time.time()
        with mock.patch("samensterk.accounts.security.time.time", return_value=started + 30):
            response = self.client.get(url)
        self.assertNotIn(settings.SESSION_COOKIE_NAME, response.cookies)  # nothing written
        stored = Session.objects.get(pk=self.client.session.session_key)
        with mock.patch("samensterk.accounts.security.time.time", return_value=started + 90):
            response = self.client.get(url)
        self.assertEqual(
            int(response.cookies[settings.SESSION_COOKIE_NAME]["max-age"]),
            settings.SESSION_COOKIE_AGE,
        )
        self.assertGreater(Session.objects.get(pk=stored.pk).expire_date, stored.expire_date)

    def test_a_visitor_without_a_session_gets_none(self):
        response = self.client.get(reverse("intake:meldknop", args=["groep-a"]))
        self.assertNotIn(settings.SESSION_COOKIE_NAME, response.cookies)


class NulCharacterTestCase(BaseTestCase):
    """PostgreSQL cannot hold NUL in text: no such character may reach a query (found by the
    API fuzzing; the same held for every page)."""

    def test_an_address_with_nul_is_not_found(self):
        self.login(self.carla)
        response = self.client.get("/signalen/S-AAAA%00/")
        self.assertContains(response, "Deze pagina bestaat niet", status_code=404)

    def test_a_query_with_nul_is_a_dutch_400(self):
        self.login(self.carla)
        for url in ["/signalen/?q=bus%00", "/signalen/?groep=a%00", "/netwerk/?q=%00"]:
            response = self.client.get(url)
            self.assertContains(response, "Dit adres klopt niet", status_code=400)

    def test_a_form_keeps_what_was_typed_without_the_nul(self):
        self.login(self.vince)
        self.client.post(reverse("accounts:account"), {"full_name": "Vince\x00 V."})
        self.vince.refresh_from_db()
        self.assertEqual(self.vince.full_name, "Vince V.")
