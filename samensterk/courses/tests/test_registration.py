from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from samensterk.courses import services
from samensterk.courses.models import Registration, RegistrationStatus
from samensterk.test import BaseTestCase

from .factories import course, session


class RegistrationTests(BaseTestCase):
    def setUp(self):
        self.course = course(self.alfa)
        self.session = session(self.course, capacity=2)
        self.url = reverse("courses:register", args=[self.alfa.slug, self.session.pk])

    def sign_up(self, name, email):
        return self.client.post(self.url, {"name": name, "email": email}, follow=True)

    def test_places_then_the_waiting_list_which_moves_up_when_someone_cancels(self):
        listing = self.client.get(reverse("courses:public_list", args=[self.alfa.slug]))
        self.assertContains(listing, "Lokale Belangenbehartiging")
        page = self.sign_up("Anna", "anna@example.org")
        self.assertContains(page, "Anna, je bent aangemeld.")
        self.assertEqual(mail.outbox[0].attachments[0][0], "cursusdag.ics")
        self.assertIn("BEGIN:VEVENT", mail.outbox[0].attachments[0][1])
        self.sign_up("Bert", "bert@example.org")
        page = self.sign_up("Cor", "cor@example.org")
        self.assertContains(page, "Je staat op de wachtlijst, op plek 1.")
        page = self.sign_up("Dirk", "dirk@example.org")
        self.assertContains(page, "op plek 2")
        self.assertEqual(
            Registration.objects.filter(status=RegistrationStatus.CONFIRMED).count(), 2
        )
        # The same address twice: a message, nothing stored.
        page = self.client.post(self.url, {"name": "Anna", "email": "ANNA@example.org"})
        self.assertContains(page, "Je bent al aangemeld", status_code=400)
        self.assertEqual(Registration.objects.count(), 4)
        # Anna cancels through her link: Cor gets her place and an e-mail.
        anna = Registration.objects.get(name="Anna")
        mail.outbox.clear()
        # First a page that asks; opening it cancels nothing.
        confirm = self.client.get(reverse("courses:registration_cancel", args=[anna.token]))
        self.assertContains(confirm, "Wil je je echt afmelden?")
        self.assertContains(confirm, 'method="post"')
        self.assertEqual(Registration.objects.get(name="Anna").status, RegistrationStatus.CONFIRMED)
        self.assertEqual(mail.outbox, [])
        page = self.client.get(reverse("courses:registration", args=[anna.token]))
        self.assertContains(page, reverse("courses:registration_cancel", args=[anna.token]))
        self.client.post(reverse("courses:registration_cancel", args=[anna.token]))
        self.assertEqual(Registration.objects.get(name="Cor").status, RegistrationStatus.CONFIRMED)
        self.assertEqual(Registration.objects.get(name="Dirk").status, RegistrationStatus.WAITING)
        self.assertEqual([m.to for m in mail.outbox], [["cor@example.org"]])
        self.assertIn("er is een plek vrijgekomen", mail.outbox[0].body)
        page = self.client.get(
            reverse("courses:registration", args=[Registration.objects.get(name="Dirk").token])
        )
        self.assertContains(page, "op plek 1")
        # Cancelling again changes nothing.
        self.client.post(reverse("courses:registration_cancel", args=[anna.token]))
        self.assertEqual(Registration.objects.get(name="Dirk").status, RegistrationStatus.WAITING)

    def test_bad_input(self):
        page = self.client.post(self.url, {"name": "", "email": "geen-adres"})
        self.assertContains(page, "Voer een geldig e-mailadres in.", status_code=400)
        past = session(self.course, days=-1)
        with self.assertRaisesMessage(ValidationError, "Deze cursusdag is al geweest"):
            services.register(past, name="Eva", email="eva@example.org")
        # A past session is not on the public pages at all.
        url = reverse("courses:register", args=[self.alfa.slug, past.pk])
        self.assertEqual(self.client.get(url).status_code, 404)
        self.assertEqual(
            self.client.get(reverse("courses:registration", args=["1-" + "0" * 24])).status_code,
            404,
        )
        self.assertFalse(Registration.objects.exists())

    def test_reminders_two_days_before(self):
        from django.core.management import call_command

        soon = session(self.course, days=1)
        services.register(soon, name="Fleur", email="fleur@example.org")
        services.register(self.session, name="Gijs", email="gijs@example.org")
        call_command("send_course_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
        self.assertEqual([m.to for m in mail.outbox], [["fleur@example.org"]])
        mail.outbox.clear()
        call_command("send_course_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
        self.assertEqual(mail.outbox, [])
