from unittest import mock

from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from samensterk.intake import services, tasks
from samensterk.intake.models import SignalEvent, Status
from samensterk.test import BaseTestCase, make_signal


class WorkflowTestCase(BaseTestCase):
    def setUp(self):
        self.signal = make_signal(self.group_a)

    def test_only_allowed_steps_are_taken(self):
        with self.assertRaises(ValidationError):
            services.signal_transition(
                signal=self.signal, to_status=Status.CLOSED, actor=self.carla
            )
        self.signal.refresh_from_db()
        self.assertEqual(self.signal.status, Status.NEW)

    def test_no_action_needs_a_reason(self):
        with self.assertRaisesMessage(ValidationError, str(services.REASON_MISSING)):
            services.signal_transition(
                signal=self.signal, to_status=Status.NO_ACTION, actor=self.carla
            )
        signal = services.signal_transition(
            signal=self.signal, to_status=Status.NO_ACTION, actor=self.carla, reason="Dubbel gemeld"
        )
        self.assertEqual(signal.status_reason, "Dubbel gemeld")
        self.assertIsNotNone(signal.closed_at)

    def test_every_step_is_kept_in_the_history_with_who_and_what(self):
        services.signal_transition(
            signal=self.signal, to_status=Status.IN_PROGRESS, actor=self.carla
        )
        services.signal_transition(signal=self.signal, to_status=Status.DISCUSSED, actor=self.carla)
        steps = list(
            self.signal.events.filter(kind="status").values_list(
                "actor__email", "from_value", "to_value"
            )
        )
        self.assertEqual(
            steps,
            [
                ("carla@example.org", "nieuw", "in_behandeling"),
                ("carla@example.org", "in_behandeling", "besproken"),
            ],
        )
        self.signal.refresh_from_db()
        self.assertIsNotNone(self.signal.discussed_at)

    def test_reopening_a_closed_signal_clears_the_closing_date(self):
        for status in [Status.DISCUSSED, Status.CLOSED]:
            services.signal_transition(signal=self.signal, to_status=status, actor=self.carla)
        signal = services.signal_transition(
            signal=self.signal, to_status=Status.IN_PROGRESS, actor=self.carla
        )
        self.assertIsNone(signal.closed_at)

    def test_the_history_is_append_only(self):
        event = self.signal.events.get()
        with self.assertRaises(ValueError):
            event.save()
        with self.assertRaises(ValueError):
            event.delete()
        self.assertEqual(SignalEvent.objects.count(), 1)

    def test_a_signal_is_assigned_only_to_a_member_of_its_group(self):
        services.signal_assign(signal=self.signal, assignee=self.vince, actor=self.carla)
        with self.assertRaisesMessage(ValidationError, str(services.ASSIGNEE_NOT_MEMBER)):
            services.signal_assign(signal=self.signal, assignee=self.bram, actor=self.carla)

    def test_an_external_id_is_unique_within_an_organisation(self):
        make_signal(self.group_a, external_id="CRM-1")
        make_signal(self.group_x, external_id="CRM-1")  # another organisation: fine
        with self.assertRaises(IntegrityError):
            make_signal(self.group_b, external_id="CRM-1")


class HandoverTestCase(BaseTestCase):
    def test_a_group_hands_over_to_the_national_office_only_with_consent(self):
        signal = make_signal(self.group_a, consent_share_national=False)
        with self.assertRaisesMessage(ValidationError, str(services.HANDOVER_NO_CONSENT)):
            services.signal_handover_to_national(signal=signal, actor=self.carla)
        signal.refresh_from_db()
        self.assertFalse(signal.shared_with_national)

    def test_a_handover_to_the_national_office_is_in_the_history(self):
        signal = make_signal(self.group_a, consent_share_national=True)
        signal = services.signal_handover_to_national(signal=signal, actor=self.carla)
        self.assertTrue(signal.shared_with_national)
        self.assertEqual(signal.status, Status.FORWARDED)
        handover = signal.events.get(kind="handover")
        self.assertEqual(
            (handover.from_value, handover.to_value), ("Groep Amsterdam", "Landelijk bureau")
        )

    def test_the_national_office_hands_a_signal_to_a_group_of_its_own_organisation(self):
        signal = make_signal(organisation=self.alfa, channel="telefoon", consent_share_group=True)
        with self.assertRaises(ValidationError):
            services.signal_handover_to_group(signal=signal, group=self.group_x, actor=self.sanne)
        signal = services.signal_handover_to_group(
            signal=signal, group=self.group_b, actor=self.sanne
        )
        self.assertEqual(signal.group, self.group_b)
        self.assertEqual(signal.status, Status.NEW)
        self.assertEqual(signal.events.filter(kind="handover").count(), 1)

    def test_only_national_signals_can_be_handed_to_a_group(self):
        signal = make_signal(self.group_a)
        with self.assertRaisesMessage(ValidationError, str(services.HANDOVER_NOT_NATIONAL)):
            services.signal_handover_to_group(signal=signal, group=self.group_b, actor=self.sanne)


class StatusEmailTestCase(BaseTestCase):
    """The reporter who asked for contact by e-mail hears when staff take the signal up or
    finish it: a task after the commit, retried when the mail server fails."""

    def setUp(self):
        self.signal = make_signal(
            self.group_a,
            story="Jan de Vries: de taxi kwam niet.",
            consent_contact=True,
            contact_email="ouder@example.org",
            contact_status_mail=True,
        )
        mail.outbox.clear()

    def move(self, status, signal=None, **kwargs):
        with self.captureOnCommitCallbacks(execute=True):
            return services.signal_transition(
                signal=signal or self.signal, to_status=status, actor=self.carla, **kwargs
            )

    def test_taken_up_and_closed_are_mailed_in_easy_dutch_without_story_or_staff(self):
        self.move(Status.IN_PROGRESS)
        self.move(Status.DISCUSSED)  # a step in between: no e-mail
        self.move(Status.CLOSED)
        self.assertEqual(len(mail.outbox), 2)
        taken_up, closed = mail.outbox
        self.assertEqual(taken_up.to, ["ouder@example.org"])
        self.assertIn("Groep Amsterdam", taken_up.subject)
        self.assertIn("de status: In behandeling.", taken_up.body)
        self.assertIn("de status: Afgerond.", closed.body)
        self.assertIn("/volg/", closed.body)
        for message in mail.outbox:
            self.assertNotIn("taxi", message.body)
            self.assertNotIn("Vries", message.body)
            self.assertNotIn(self.carla.full_name, message.body)

    def test_no_e_mail_without_consent_to_be_contacted(self):
        quiet = make_signal(self.group_a, contact_email="ouder@example.org")
        self.move(Status.IN_PROGRESS, signal=quiet)
        self.assertEqual(mail.outbox, [])

    def test_no_e_mail_for_other_transitions(self):
        self.move(Status.DISCUSSED)
        self.move(
            Status.FORWARDED,
            signal=make_signal(self.group_a, consent_contact=True, contact_email="b@example.org"),
        )
        self.assertEqual(mail.outbox, [])

    def test_a_failing_mail_server_is_retried_and_the_status_change_stands(self):
        with mock.patch(
            "samensterk.intake.notifications.send_mail",
            side_effect=[OSError("down"), OSError("down"), 1],
        ) as send:
            signal = self.move(Status.IN_PROGRESS)
        self.assertEqual(send.call_count, 3)
        self.assertIn("In behandeling", send.call_args.args[1])
        signal.refresh_from_db()
        self.assertEqual(signal.status, Status.IN_PROGRESS)

    def test_a_mail_server_that_stays_down_is_tried_five_times_then_left(self):
        with (
            mock.patch("samensterk.intake.notifications.send_mail", side_effect=OSError) as send,
            self.assertLogs("samensterk.lib.tasks", "ERROR"),
        ):
            self.move(Status.IN_PROGRESS)
        self.assertEqual(send.call_count, tasks.MAIL_ATTEMPTS)
        self.signal.refresh_from_db()
        self.assertEqual(self.signal.status, Status.IN_PROGRESS)
