import io
from datetime import timedelta
from unittest import mock

from django.core.management import call_command
from django.utils import timezone

from samensterk.intake.models import Signal, SignalContact, Status
from samensterk.privacy import retention, services
from samensterk.privacy.models import AuditLog, RetentionRun
from samensterk.privacy.tasks import apply_retention
from samensterk.test import BaseTestCase, make_signal

CONTACT = {"consent_contact": True, "contact_email": "melder@example.org"}


class RetentionTestCase(BaseTestCase):
    """Contact details go RETENTION_CONTACT_DAYS (365) after the signal came in, whatever its
    status, unless staff keep them longer."""

    def setUp(self):
        now = timezone.now()
        today = timezone.localdate()

        def received(days, **fields):
            return make_signal(self.group_a, received_at=now - timedelta(days=days), **fields)

        # The testers' finding: old signals still open kept their contact details for ever.
        self.old_open = [received(400, **CONTACT) for _status in range(3)]
        for signal, status in zip(
            self.old_open, [Status.NEW, Status.IN_PROGRESS, Status.FORWARDED], strict=True
        ):
            Signal.objects.filter(pk=signal.pk).update(status=status)
        # Closed only last week, but received long ago: the clock started at receipt.
        self.old_closed = received(500, **CONTACT)
        Signal.objects.filter(pk=self.old_closed.pk).update(
            status=Status.CLOSED, closed_at=now - timedelta(days=7)
        )
        self.recent = received(100, **CONTACT)
        Signal.objects.filter(pk=self.recent.pk).update(
            status=Status.CLOSED, closed_at=now - timedelta(days=50)
        )
        self.kept = received(400, **CONTACT)
        SignalContact.objects.filter(signal=self.kept).update(
            retain_until=today + timedelta(days=30), retain_reason="rechtszaak loopt nog"
        )
        self.lapsed = received(400, **CONTACT)
        SignalContact.objects.filter(signal=self.lapsed).update(
            retain_until=today - timedelta(days=1), retain_reason="nog één keer bellen"
        )
        self.erased = [*self.old_open, self.old_closed, self.lapsed]

    def run_command(self, *args):
        out = io.StringIO()
        call_command("apply_retention", *args, stdout=out, stderr=io.StringIO())
        return out.getvalue()

    def test_contacts_older_than_the_term_are_erased_whatever_the_status(self):
        self.run_command()
        self.assertEqual(
            set(SignalContact.objects.values_list("signal_id", flat=True)),
            {self.recent.pk, self.kept.pk},
        )
        for signal in self.erased:
            signal.refresh_from_db()
            self.assertFalse(signal.consent_contact)
            self.assertEqual(signal.events.last().kind, "contact_erased")
            self.assertNotEqual(signal.story, "")  # the story has no contact data; it stays
        self.assertEqual(
            sorted(
                AuditLog.objects.filter(action=AuditLog.Action.ERASE_CONTACT).values_list(
                    "object_reference", flat=True
                )
            ),
            sorted(signal.reference for signal in self.erased),
        )
        self.assertEqual(
            self.old_closed.events.last().note,
            "bewaartermijn van 365 dagen na ontvangst verstreken",
        )
        yesterday = timezone.localdate() - timedelta(days=1)
        self.assertEqual(
            self.lapsed.events.last().note,
            f"verlengde bewaartermijn tot {yesterday:%d-%m-%Y} verstreken",
        )

    def test_kept_longer_until_the_chosen_day_and_gone_the_day_after(self):
        retain_until = SignalContact.objects.get(signal=self.kept).retain_until
        services.apply_retention(now=timezone.now() + timedelta(days=30))
        self.assertTrue(SignalContact.objects.filter(signal=self.kept).exists())
        services.apply_retention(now=timezone.now() + timedelta(days=31))
        self.assertFalse(SignalContact.objects.filter(signal=self.kept).exists())
        self.assertEqual(
            self.kept.events.last().note,
            f"verlengde bewaartermijn tot {retain_until:%d-%m-%Y} verstreken",
        )

    def test_it_reports_per_step_what_it_did_and_what_is_still_due(self):
        out = self.run_command()
        self.assertIn("5 contact records erased", out)
        self.assertIn("0 still due.", out)
        self.assertIn(
            "- signal contact details: 5 contacts erased, 1 contacts kept longer; still due: 0",
            out,
        )
        self.assertIn("- stories of closed signals: 0 stories pseudonymised; still due: 0", out)
        self.assertIn("- support-request contact details: 0 contacts erased; still due: 0", out)
        self.assertIn(
            "- network people who left their role: 0 network people erased; still due: 0", out
        )
        report = RetentionRun.objects.get().report
        self.assertEqual(
            report["steps"]["signal contact details"],
            {"contacts_erased": 5, "contacts_kept_longer": 1, "still_due": 0},
        )

    def test_a_step_that_leaves_work_undone_shows_as_still_due(self):
        def idle(**_run):
            return {"contacts_erased": 0}

        steps = [
            retention.Step(s.name, idle, s.due) if s.name == "signal contact details" else s
            for s in retention.STEPS
        ]
        err = io.StringIO()
        with mock.patch.object(retention, "STEPS", steps):
            call_command("apply_retention", stdout=io.StringIO(), stderr=err)
        self.assertIn("5 items are past their term and still kept.", err.getvalue())
        self.assertEqual(RetentionRun.objects.get().report["still_due"], 5)

    def test_the_task_returns_the_same_report(self):
        report = apply_retention.enqueue().return_value  # the tests run tasks at once
        self.assertEqual(report["contacts_erased"], 5)
        self.assertEqual(report["steps"]["signal contact details"]["still_due"], 0)

    def test_a_shorter_term_for_one_run(self):
        self.assertIn("6 contact records erased", self.run_command("--days", "90"))
        self.assertEqual(
            set(SignalContact.objects.values_list("signal_id", flat=True)), {self.kept.pk}
        )

    def test_running_it_again_changes_nothing(self):
        self.run_command()
        self.assertIn("0 contact records erased", self.run_command())
