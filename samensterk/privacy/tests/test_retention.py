import io
from datetime import timedelta

from django.core.management import call_command
from django.utils import timezone

from samensterk.intake.models import Signal, SignalContact, Status
from samensterk.privacy.models import AuditLog
from samensterk.test import BaseTestCase, make_signal


class RetentionTestCase(BaseTestCase):
    def setUp(self):
        contact = {"consent_contact": True, "contact_email": "melder@example.org"}
        self.old = make_signal(self.group_a, **contact)
        self.recent = make_signal(self.group_a, **contact)
        self.open = make_signal(self.group_a, **contact)
        now = timezone.now()
        Signal.objects.filter(pk=self.old.pk).update(
            status=Status.CLOSED, closed_at=now - timedelta(days=400)
        )
        Signal.objects.filter(pk=self.recent.pk).update(
            status=Status.CLOSED, closed_at=now - timedelta(days=10)
        )

    def run_command(self):
        out = io.StringIO()
        call_command("apply_retention", stdout=out)
        return out.getvalue()

    def test_it_erases_contact_details_a_year_after_closing_and_says_so(self):
        self.assertIn("1 contact records erased", self.run_command())
        self.assertEqual(
            set(SignalContact.objects.values_list("signal_id", flat=True)),
            {self.recent.pk, self.open.pk},
        )
        self.assertEqual(self.old.events.last().kind, "contact_erased")
        self.assertEqual(AuditLog.objects.get().action, "erase_contact")
        self.old.refresh_from_db()
        self.assertNotEqual(self.old.story, "")  # the story itself stays, it has no contact data

    def test_running_it_again_changes_nothing(self):
        self.run_command()
        self.assertIn("0 contact records erased", self.run_command())
