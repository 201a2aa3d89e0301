"""Contact details typed without the contact consent are never lost silently: the public form
and staff intake ask "may we call or e-mail?" first, and store nothing until it is answered."""

import re

from django.conf import settings
from django.core import mail
from django.urls import reverse

from samensterk.intake import services
from samensterk.intake.forms import CONTACT_QUESTION_PUBLIC, CONTACT_QUESTION_STAFF
from samensterk.intake.models import Signal, SignalContact
from samensterk.intake.views.staff import CONTACT_NOT_KEPT
from samensterk.test import BaseTestCase

NOT_KEPT_ON_RECEIPT = "Daarom hebben we je naam, e-mailadres en telefoonnummer niet bewaard."


class MeldknopContactQuestionTestCase(BaseTestCase):
    url = reverse("intake:meldknop", args=["groep-a"])

    def form_data(self, **overrides):
        response = self.client.get(self.url)
        token = re.search(r'name="form_token" value="([^"]+)"', response.content.decode()).group(1)
        data = {
            "story": "De taxi naar de dagbesteding kwam een uur te laat. Mijn zoon stond in de kou.",
            "municipality": "Amsterdam",
            "reporter_role": "familie",
            "consent_anonymous_use": "ja",
            "consent_share_national": "nee",
            "consent_contact": "nee",
            "contact_name": "Els Ouder",
            "contact_email": "els@example.org",
            "contact_phone": "06 12345678",
            "form_token": token,
        }
        data.update(overrides)
        return {k: v for k, v in data.items() if v is not None}

    def post(self, data):
        with self.captureOnCommitCallbacks(execute=True):
            return self.client.post(self.url, data)

    def test_details_without_consent_bring_the_question_and_nothing_is_stored(self):
        response = self.post(self.form_data())
        self.assertEqual(response.status_code, 400)
        page = response.content.decode()
        self.assertIn('<fieldset class="contact-question field field--error"', page)
        self.assertIn(
            '<legend>Mogen we je bellen of mailen? <span class="field__mark">(moet)</span>', page
        )
        self.assertEqual(len(re.findall(r'type="radio" name="contact_choice"', page)), 2)
        self.assertIn(str(CONTACT_QUESTION_PUBLIC), page)
        self.assertIn("Daarom hebben we je verhaal nog niet bewaard.", page)
        # The summary that takes the focus asks the question and leads to it.
        self.assertIn('<a href="#contact-question">Mogen we je bellen of mailen?</a>', page)
        # Everything typed is still there, the token too.
        self.assertIn('value="els@example.org"', page)
        self.assertIn('value="06 12345678"', page)
        self.assertIn('value="Els Ouder"', page)
        self.assertIn("Mijn zoon stond in de kou.", page)
        self.assertIn(f'value="{self.client_token(page)}"', page)
        self.assertFalse(Signal.objects.exists())
        self.assertFalse(SignalContact.objects.exists())
        self.assertEqual(mail.outbox, [])

    def client_token(self, page: str) -> str:
        return re.search(r'name="form_token" value="([^"]+)"', page).group(1)

    def test_only_a_name_is_asked_about_too(self):
        response = self.post(self.form_data(contact_email="", contact_phone=""))
        self.assertContains(response, "Mogen we je bellen of mailen?", status_code=400)
        self.assertFalse(Signal.objects.exists())

    def test_yes_stores_the_details_with_consent_and_mails_the_receipt(self):
        data = self.form_data()
        self.post(data)  # the question
        response = self.post({**data, "contact_choice": "ja"})
        self.assertContains(response, "Dank je wel!")
        self.assertContains(response, "We sturen je ook een e-mail met deze code.")
        self.assertNotContains(response, NOT_KEPT_ON_RECEIPT)
        signal = Signal.objects.get()
        self.assertTrue(signal.consent_contact)
        self.assertEqual(
            (signal.contact.name, signal.contact.email, signal.contact.phone),
            ("Els Ouder", "els@example.org", "0612345678"),
        )
        self.assertEqual(mail.outbox[0].to, ["els@example.org"])

    def test_no_stores_the_story_without_the_details_and_the_receipt_says_so(self):
        data = self.form_data()
        self.post(data)
        response = self.post({**data, "contact_choice": "nee"})
        self.assertContains(response, "Dank je wel!")
        self.assertContains(response, NOT_KEPT_ON_RECEIPT)
        self.assertContains(response, "We bellen of mailen je dus niet.")
        self.assertNotContains(response, "We sturen je ook een e-mail")
        signal = Signal.objects.get()
        self.assertFalse(signal.consent_contact)
        self.assertIn("Mijn zoon stond in de kou.", signal.story)
        self.assertFalse(SignalContact.objects.exists())
        self.assertEqual(mail.outbox, [])

    def test_the_answer_decides_over_a_box_ticked_afterwards(self):
        data = self.form_data(consent_contact="ja", contact_choice="nee")
        self.assertContains(self.post(data), NOT_KEPT_ON_RECEIPT)
        self.assertFalse(SignalContact.objects.exists())

    def test_a_ticked_box_needs_no_question(self):
        response = self.post(self.form_data(consent_contact="ja"))
        self.assertContains(response, "Dank je wel!")
        self.assertNotContains(response, NOT_KEPT_ON_RECEIPT)
        self.assertEqual(SignalContact.objects.get().email, "els@example.org")

    def test_without_contact_details_there_is_no_question(self):
        data = self.form_data(contact_name="", contact_email="", contact_phone=" ")
        self.assertNotContains(self.client.get(self.url), 'id="contact-question"')
        response = self.post(data)
        self.assertContains(response, "Dank je wel!")
        self.assertNotContains(response, NOT_KEPT_ON_RECEIPT)

    def test_the_answer_stays_chosen_while_something_else_is_wrong(self):
        response = self.post(self.form_data(story="", contact_choice="ja"))
        self.assertContains(response, "Vertel wat er is gebeurd", status_code=400)
        self.assertRegex(
            response.content.decode(), r'type="radio" name="contact_choice" value="ja"[^>]*checked'
        )
        self.assertNotContains(response, str(CONTACT_QUESTION_PUBLIC), status_code=400)
        self.assertFalse(Signal.objects.exists())

    def test_yes_with_only_a_name_asks_for_an_address_or_number(self):
        data = self.form_data(contact_email="", contact_phone="", contact_choice="ja")
        response = self.post(data)
        self.assertContains(response, str(services.CONTACT_MISSING), status_code=400)
        self.assertContains(response, "Mogen we je bellen of mailen?", status_code=400)
        self.assertFalse(Signal.objects.exists())

    def test_an_answer_that_is_neither_yes_nor_no_is_refused(self):
        response = self.post(self.form_data(contact_choice="misschien"))
        self.assertContains(response, "Kies ja of nee.", status_code=400)
        self.assertFalse(Signal.objects.exists())

    def test_the_question_keeps_the_form_sent_once(self):
        data = self.form_data()
        self.post(data)
        first = self.post({**data, "contact_choice": "ja"})
        again = self.post({**data, "contact_choice": "ja"})
        self.assertContains(first, "Dank je wel!")
        self.assertContains(again, "Dit verhaal hadden we al gekregen.")
        self.assertEqual(Signal.objects.count(), 1)
        self.assertEqual(len(mail.outbox), 1)

    def test_the_embedded_form_asks_the_same(self):
        data = self.form_data()
        response = self.client.post(self.url + "?embed=1", data)
        self.assertContains(response, "Mogen we je bellen of mailen?", status_code=400)
        self.assertContains(response, f'action="{self.url}?embed=1"', status_code=400)


class StaffContactQuestionTestCase(BaseTestCase):
    url = reverse("intake:staff_intake")

    def data(self, **overrides):
        data = {
            "submission": "1b4e28ba-2fa1-11d2-883f-0016d3cca427",
            "owner": "g:groep-a",
            "channel": "papier",
            "reporter_role": "familie",
            "story": "Op het papieren formulier: de taxi kwam niet.",
            "municipality": "Amsterdam",
            "contact_email": "els@example.org",
        }
        data.update(overrides)
        return data

    def test_details_without_consent_bring_the_question_and_nothing_is_stored(self):
        self.login(self.carla)
        response = self.client.post(self.url, self.data())
        self.assertContains(response, "<legend>Mag de melder gebeld of gemaild worden?</legend>")
        self.assertContains(response, str(CONTACT_QUESTION_STAFF))
        self.assertContains(response, 'value="els@example.org"')
        self.assertContains(response, "Op het papieren formulier: de taxi kwam niet.")
        self.assertFalse(Signal.objects.exists())

    def test_yes_stores_the_details_with_consent(self):
        self.login(self.carla)
        self.client.post(self.url, self.data())
        self.client.post(self.url, self.data(contact_choice="ja"))
        signal = Signal.objects.get()
        self.assertTrue(signal.consent_contact)
        self.assertEqual(signal.contact.email, "els@example.org")

    def test_no_stores_the_signal_without_them_and_says_so(self):
        self.login(self.carla)
        response = self.client.post(self.url, self.data(contact_choice="nee"), follow=True)
        self.assertContains(response, "Opgeslagen: S-")
        self.assertContains(response, str(CONTACT_NOT_KEPT))
        signal = Signal.objects.get()
        self.assertFalse(signal.consent_contact)
        self.assertFalse(SignalContact.objects.exists())

    def test_meeting_mode_asks_the_same(self):
        from samensterk.intake.models import Meeting

        meeting = Meeting.objects.create(
            organisation=self.alfa,
            group=self.group_a,
            reference="B-TEST-0001",
            date="2026-10-01",
            place="Buurthuis De Pijp",
            kind="cafe",
            created_by=self.vince,
        )
        self.login(self.vince)
        url = reverse("intake:meeting_capture", args=[meeting.reference])
        data = {"submission": "", "reporter_role": "zelf", "story": "De bus kwam te laat."}
        response = self.client.post(url, {**data, "contact_phone": "0612345678"})
        self.assertContains(response, "Mag de melder gebeld of gemaild worden?")
        self.assertFalse(Signal.objects.exists())


class ConsentInEnglishTestCase(BaseTestCase):
    """On the English page the consent wording stays Dutch, marked lang="nl", unless the
    catalogue has an English version of exactly that wording (the default one)."""

    url = reverse("intake:meldknop", args=["groep-a"])

    def english(self):
        self.client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        return self.client.get(self.url)

    def test_an_organisations_own_wording_is_marked_dutch(self):
        services.consent_text_current(self.alfa)
        services.consent_text_publish(
            organisation=self.alfa,
            anonymous_use="Mag de groep jouw verhaal gebruiken, zonder je naam?",
            contact="Mogen we je opbellen?",
            explanation="Wij zijn zuinig op je verhaal.",
        )
        response = self.english()
        self.assertContains(response, "Tell what happened")
        self.assertContains(
            response, '<span lang="nl">Mag de groep jouw verhaal gebruiken, zonder je naam?</span>'
        )
        self.assertContains(response, '<span lang="nl">Mogen we je opbellen?</span>')
        self.assertContains(response, '<span lang="nl">Wij zijn zuinig op je verhaal.</span>')
        self.client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nl"
        dutch = self.client.get(self.url)
        self.assertContains(dutch, "Mogen we je opbellen?")
        self.assertNotContains(dutch, '<span lang="nl">')

    def test_the_default_wording_shows_its_english_version(self):
        response = self.english()
        self.assertContains(response, "May we call or e-mail you about your story?")
        self.assertNotContains(response, '<span lang="nl">')

    def test_the_default_wording_is_stored_in_dutch_even_when_first_shown_in_english(self):
        self.english()
        stored = self.alfa.consent_texts.get()
        self.assertEqual(stored.contact, "Mogen we je bellen of mailen over je verhaal?")

    def test_the_question_quotes_the_wording_marked_dutch(self):
        services.consent_text_current(self.alfa)
        services.consent_text_publish(organisation=self.alfa, contact="Mogen we je opbellen?")
        token = re.search(
            r'name="form_token" value="([^"]+)"', self.english().content.decode()
        ).group(1)
        response = self.client.post(
            self.url,
            {
                "story": "Het busje kwam niet.",
                "reporter_role": "zelf",
                "consent_anonymous_use": "ja",
                "consent_share_national": "ja",
                "consent_contact": "nee",
                "contact_email": "els@example.org",
                "form_token": token,
            },
        )
        self.assertContains(
            response, '<q><span lang="nl">Mogen we je opbellen?</span></q>', status_code=400
        )
