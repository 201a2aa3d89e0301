import io
from datetime import timedelta
from unittest import mock

from django.core.management import call_command
from django.test import TestCase, TransactionTestCase, override_settings
from django.urls import reverse
from django.utils import timezone
from django_tasks import TaskResultStatus, task
from django_tasks_db.models import DBTaskResult

from samensterk.accounts.models import LocalGroup, Organisation
from samensterk.intake.models import SignalContact
from samensterk.privacy.models import RetentionRun
from samensterk.test import make_signal


def a_group():
    """A group to hang signals on: these tests need none of the characters."""
    organisation = Organisation.objects.create(name="Vereniging Alfa", slug="alfa")
    return LocalGroup.objects.create(organisation=organisation, name="Groep A", slug="groep-a")


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

    def test_how_many_contact_details_are_overdue_and_whether_the_run_keeps_up(self):
        group = a_group()
        now = timezone.now()
        contact = {"consent_contact": True, "contact_email": "melder@example.org"}
        RetentionRun.objects.create()  # it ran just now
        body = self.client.get(reverse("health")).json()
        self.assertEqual((body["overdue_contacts"], body["retention"]), (0, "ok"))

        # Fell due an hour ago: the next daily run takes it; nothing wrong yet.
        make_signal(group, received_at=now - timedelta(days=365, hours=1), **contact)
        body = self.client.get(reverse("health")).json()
        self.assertEqual((body["overdue_contacts"], body["retention"]), (1, "ok"))

        # Kept longer for a reason: not overdue.
        kept = make_signal(group, received_at=now - timedelta(days=400), **contact)
        SignalContact.objects.filter(signal=kept).update(
            retain_until=timezone.localdate() + timedelta(days=10), retain_reason="rechtszaak"
        )
        self.assertEqual(self.client.get(reverse("health")).json()["overdue_contacts"], 1)

        # Overdue for a month while the run reports in daily: it does not do its work.
        make_signal(group, received_at=now - timedelta(days=400), **contact)
        response = self.client.get(reverse("health"))
        body = response.json()
        self.assertEqual((body["overdue_contacts"], body["retention"]), (2, "late"))
        self.assertEqual(response.status_code, 200)  # a warning: the site itself works

        call_command("apply_retention", stdout=io.StringIO())
        body = self.client.get(reverse("health")).json()
        self.assertEqual((body["overdue_contacts"], body["retention"]), (0, "ok"))

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


@task
def _noop() -> None:
    """A task that does nothing: only its place in the queue matters here."""


@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
class WaitingTaskTests(TransactionTestCase):
    """The real queue: tasks stored in the database and run by `samensterk db_worker` (which
    opens and closes its own connections, hence a TransactionTestCase)."""

    def test_the_age_of_the_oldest_waiting_task(self):
        body = self.client.get(reverse("health")).json()
        self.assertIsNone(body["oldest_waiting_task_seconds"])
        self.assertEqual(body["tasks"], "ok")
        result = _noop.enqueue()
        DBTaskResult.objects.filter(pk=result.id).update(
            enqueued_at=timezone.now() - timedelta(minutes=20)
        )
        response = self.client.get(reverse("health"))
        body = response.json()
        self.assertGreaterEqual(body["oldest_waiting_task_seconds"], 20 * 60)
        self.assertEqual(body["tasks"], "late")
        self.assertEqual(response.status_code, 200)  # a warning: the site itself works

        call_command("db_worker", batch=True, reload=False, startup_delay=False, verbosity=0)
        self.assertEqual(_noop.get_result(result.id).status, TaskResultStatus.SUCCESSFUL)
        self.assertIsNone(self.client.get(reverse("health")).json()["oldest_waiting_task_seconds"])

    def test_a_task_planned_for_later_is_not_waiting(self):
        _noop.using(run_after=timezone.now() + timedelta(hours=1)).enqueue()
        self.assertIsNone(self.client.get(reverse("health")).json()["oldest_waiting_task_seconds"])
