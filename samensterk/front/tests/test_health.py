from datetime import timedelta
from unittest import mock

from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from samensterk.privacy.models import RetentionRun


class HealthTests(TestCase):
    def test_healthy_and_the_last_retention_run(self):
        response = self.client.get(reverse("health"))
        self.assertEqual(response.status_code, 200)
        body = response.json()
        self.assertEqual((body["database"], body["migrations"]), ("ok", "ok"))
        self.assertEqual(body["retention"], "late")  # never ran
        call_command("apply_retention", stdout=open("/dev/null", "w"))  # noqa: SIM115
        body = self.client.get(reverse("health")).json()
        self.assertEqual(body["retention"], "ok")
        self.assertIsNotNone(body["last_retention_run"])
        RetentionRun.objects.update(at=timezone.now() - timedelta(days=3))
        self.assertEqual(self.client.get(reverse("health")).json()["retention"], "late")
        self.assertNotIn("Set-Cookie", response.headers)

    def test_pending_migrations_or_no_database_answer_503(self):
        with mock.patch(
            "django.db.migrations.executor.MigrationExecutor.migration_plan",
            return_value=[("x", False)],
        ):
            response = self.client.get(reverse("health"))
        self.assertEqual(response.status_code, 503)
        self.assertEqual(response.json()["migrations"], "1 pending")
        with mock.patch(
            "django.db.backends.utils.CursorWrapper.execute", side_effect=Exception("down")
        ):
            response = self.client.get(reverse("health"))
        self.assertEqual(response.status_code, 503)
        self.assertEqual(response.json()["database"], "unreachable")
