from datetime import timedelta
from io import StringIO
from unittest import mock

from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_tasks import default_task_backend

from samensterk.notify.models import Delivery, Kind, MailLanguage, Notification, Preference
from samensterk.notify.services import notify, notify_address
from samensterk.notify.tasks import MAIL_ATTEMPTS, mail_notification
from samensterk.test import BaseTestCase

DUMMY = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def tell(user, **extra):
    return notify(
        user,
        Kind.ACTION_ASSIGNED,
        "Actie voor jou: brief",
        "Schrijf de brief.",
        "/dossiers/",
        **extra,
    )


class NotifyTests(BaseTestCase):
    @override_settings(TASKS=DUMMY)
    def test_notify_stores_and_enqueues_once_the_transaction_commits(self):
        default_task_backend.clear()
        with self.captureOnCommitCallbacks(execute=False) as callbacks:
            notification = tell(self.vince)
        self.assertEqual(default_task_backend.results, [])  # not before the commit
        for callback in callbacks:
            callback()
        self.assertEqual(notification.delivery, Delivery.DIRECT)
        self.assertEqual(notification.user, self.vince)
        [result] = default_task_backend.results
        self.assertEqual((result.task.name, result.args), ("mail_notification", [notification.pk]))
        self.assertEqual(mail.outbox, [])

    def test_direct_mail_in_dutch_with_the_link_and_the_preferences_page(self):
        with self.captureOnCommitCallbacks(execute=True):
            notification = tell(self.vince)
        [sent] = mail.outbox
        self.assertEqual((sent.to, sent.subject), (["vince@example.org"], "Actie voor jou: brief"))
        self.assertIn("Hallo Vince,", sent.body)
        self.assertIn("Schrijf de brief.", sent.body)
        self.assertIn(settings.SITE_URL + "/dossiers/\n", sent.body)
        self.assertTrue(sent.body.rstrip().endswith(reverse("notify:page")))
        notification.refresh_from_db()
        self.assertIsNotNone(notification.sent_at)

    def test_in_the_language_the_person_chose(self):
        from django.utils.translation import gettext_lazy

        MailLanguage.objects.create(user=self.vince, language="en")
        with self.captureOnCommitCallbacks(execute=True):
            notification = notify(self.vince, Kind.ACTION_ASSIGNED, gettext_lazy("Gemeente"), "x")
        self.assertEqual(notification.subject, "Municipality")
        self.assertIn("Regards, Samen Sterk", mail.outbox[0].body)
        with self.captureOnCommitCallbacks(execute=True):
            notify(self.carla, Kind.ACTION_ASSIGNED, gettext_lazy("Gemeente"), "x")
        self.assertEqual(mail.outbox[1].subject, "Gemeente")
        self.assertIn("Groet, Samen Sterk", mail.outbox[1].body)

    def test_off_sends_nothing_but_keeps_it_on_the_page(self):
        Preference.objects.create(user=self.vince, kind=Kind.ACTION_ASSIGNED, delivery=Delivery.OFF)
        with self.captureOnCommitCallbacks(execute=True):
            notification = tell(self.vince)
        self.assertEqual(mail.outbox, [])
        self.assertIsNone(notification.sent_at)
        call_command("send_digests", stdout=StringIO())
        self.assertEqual(mail.outbox, [])
        self.login(self.vince)
        self.assertContains(self.client.get(reverse("notify:page")), "niet gemaild")

    def test_nobody_is_told_about_their_own_action_nor_without_an_active_account(self):
        self.assertIsNone(tell(self.vince, actor=self.vince))
        self.nina.is_active = False
        self.nina.save()
        self.assertIsNone(tell(self.nina))
        self.assertFalse(Notification.objects.exists())

    def test_a_failing_mail_server_tries_again_then_gives_up(self):
        failing = mock.patch("samensterk.notify.mail.send_mail", side_effect=OSError("down"))
        with failing as sent, self.captureOnCommitCallbacks(execute=True):
            notification = tell(self.vince)
        self.assertEqual(sent.call_count, MAIL_ATTEMPTS)
        notification.refresh_from_db()
        self.assertIsNone(notification.sent_at)
        # The daily run catches up with it once it is an hour old.
        Notification.objects.filter(pk=notification.pk).update(
            created_at=timezone.now() - timedelta(hours=2)
        )
        call_command("send_digests", stdout=StringIO())
        self.assertEqual(len(mail.outbox), 1)
        # A notification sent meanwhile is not sent twice.
        self.assertFalse(mail_notification.call(notification.pk))
        self.assertEqual(len(mail.outbox), 1)

    def test_digest_command_groups_per_person(self):
        for user in (self.vince, self.carla):
            Preference.objects.create(
                user=user, kind=Kind.ACTION_ASSIGNED, delivery=Delivery.DIGEST
            )
        with self.captureOnCommitCallbacks(execute=True):
            tell(self.vince)
            tell(self.vince)
            tell(self.carla)
            notify(self.carla, Kind.REQUEST_ASSIGNED, "Hulpvraag H-1", "Help mee.", "/h/")
        # Carla's request assignment is direct (her default); the rest waits for the overview.
        self.assertEqual([m.subject for m in mail.outbox], ["Hulpvraag H-1"])
        mail.outbox = []
        out = StringIO()
        call_command("send_digests", stdout=out)
        self.assertIn("2 e-mails sent", out.getvalue())
        by_address = {m.to[0]: m for m in mail.outbox}
        self.assertEqual(set(by_address), {"vince@example.org", "carla@example.org"})
        self.assertIn("2 nieuwe meldingen", by_address["vince@example.org"].subject)
        self.assertEqual(by_address["vince@example.org"].body.count("Actie voor jou: brief"), 2)
        self.assertIn("1 nieuwe melding", by_address["carla@example.org"].subject)
        self.assertNotIn("Hulpvraag H-1", by_address["carla@example.org"].body)
        self.assertIn(reverse("notify:page"), by_address["carla@example.org"].body)
        # Everything since the last overview: a second run sends nothing.
        mail.outbox = []
        call_command("send_digests", stdout=StringIO())
        self.assertEqual(mail.outbox, [])

    def test_a_trainer_without_an_account_is_mailed_at_once(self):
        Preference.objects.create(user=self.vince, kind=Kind.TRAINER_BOOKED, delivery=Delivery.OFF)
        with self.captureOnCommitCallbacks(execute=True):
            notify_address(
                "trainer@example.org", Kind.TRAINER_BOOKED, "Je geeft een cursus", "Op 1 mei."
            )
            notify_address(
                "Vince@Example.org", Kind.TRAINER_BOOKED, "Je geeft een cursus", "Op 1 mei."
            )
        [sent] = mail.outbox  # Vince has an account and chose not to be mailed
        self.assertEqual(sent.to, ["trainer@example.org"])
        self.assertIn("Hallo,", sent.body)
        self.assertNotIn(reverse("notify:page"), sent.body)


class PageTests(BaseTestCase):
    def test_each_role_sees_and_changes_only_their_own(self):
        tell(self.otto)
        for user in (self.vince, self.carla, self.sanne, self.bea, self.nina):
            with self.subTest(user=user.full_name):
                tell(user)
                self.login(user)
                page = self.client.get(reverse("notify:page"))
                self.assertEqual(page.status_code, 200)
                self.assertEqual([n.user for n in page.context["notifications"]], [user])
                self.assertNotContains(page, "otto@example.org")
                for kind in Kind:
                    self.assertContains(page, kind.label)
        self.login(self.vince)
        data = dict.fromkeys(Kind.values, Delivery.DIRECT)
        data[Kind.COALITION_INVITED] = Delivery.DIGEST
        data[Kind.TRAINER_BOOKED] = Delivery.OFF
        response = self.client.post(reverse("notify:page"), {**data, "language": "en"}, follow=True)
        self.assertContains(response, "opgeslagen")
        self.assertEqual(
            dict(Preference.objects.filter(user=self.vince).values_list("kind", "delivery")), data
        )
        self.assertEqual(MailLanguage.objects.get(user=self.vince).language, "en")
        self.assertFalse(Preference.objects.filter(user=self.carla).exists())

    def test_a_missing_choice_is_a_clear_error_and_nothing_is_stored(self):
        self.login(self.vince)
        response = self.client.post(reverse("notify:page"), {"language": "nl"})
        self.assertContains(response, "Kies hoe je dit wilt krijgen.", status_code=400)
        self.assertFalse(Preference.objects.exists())

    def test_only_for_who_is_logged_in_and_linked_from_the_account_page(self):
        response = self.client.get(reverse("notify:page"))
        self.assertEqual(response.status_code, 302)
        self.login(self.vince)
        self.assertContains(self.client.get(reverse("accounts:account")), reverse("notify:page"))

    def test_admin_list_is_read_only_and_for_superusers(self):
        notification = tell(self.vince)
        self.login(self.root)
        changelist = reverse("admin:notify_notification_changelist")
        self.assertContains(self.client.get(changelist), "Actie voor jou: brief")
        change = reverse("admin:notify_notification_change", args=[notification.pk])
        self.client.post(change, {"subject": "Anders"})
        notification.refresh_from_db()
        self.assertEqual(notification.subject, "Actie voor jou: brief")
        self.login(self.bea)
        self.assertNotEqual(self.client.get(changelist).status_code, 200)
