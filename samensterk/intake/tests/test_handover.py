"""Hand-over both ways, the board agenda and withdrawal: each finding of the privacy walkthrough,
through the pages the people involved use."""

import io

from django.urls import reverse
from docx import Document
from pypdf import PdfReader

from samensterk.intake.agenda import agenda_create
from samensterk.intake.models import SignalContact, SignalEvent, Status
from samensterk.intake.services import (
    signal_handover_to_national,
    signal_transition,
    tracking_code_for,
)
from samensterk.test import BaseTestCase, make_signal

PHONE_STORY = "Mevr. Anke de Boer, 06-41234567, wacht al maanden op een rolstoel."
REFUSED = "Piet Jansen wil niet dat het landelijk bureau dit leest over de logeeropvang."


class HandDownTestCase(BaseTestCase):
    """The national office hands a phone call down to a local group."""

    def call(self, **consent):
        return make_signal(
            None,
            organisation=self.alfa,
            channel="telefoon",
            story=PHONE_STORY,
            **consent,
        )

    def hand_down(self, signal, user=None):
        self.login(user or self.sanne)
        return self.client.post(
            reverse("intake:signal_handover", args=[signal.reference]),
            {"group": self.group_a.slug},
            follow=True,
        )

    def test_without_the_reporters_consent_it_stays_with_the_office(self):
        signal = self.call()
        response = self.hand_down(signal)
        self.assertContains(response, "geen toestemming gegeven")
        signal.refresh_from_db()
        self.assertIsNone(signal.group)
        self.login(self.carla)
        response = self.client.get(reverse("intake:signal_detail", args=[signal.reference]))
        self.assertEqual(response.status_code, 404)

    def test_the_group_gets_it_pseudonymised_and_both_sides_keep_it(self):
        signal = self.call(consent_share_group=True)
        self.hand_down(signal)
        signal.refresh_from_db()
        self.assertEqual((signal.group, signal.handed_down), (self.group_a, True))
        page = reverse("intake:signal_detail", args=[signal.reference])
        self.login(self.carla)
        response = self.client.get(page)
        self.assertContains(response, "wacht al maanden op een rolstoel")
        self.assertNotContains(response, "Anke de Boer")
        self.assertNotContains(response, "41234567")
        self.assertContains(response, "Overgedragen")  # in the history
        self.login(self.sanne)
        response = self.client.get(page)
        self.assertContains(response, "Anke de Boer")  # the office was told it
        self.assertContains(response, "Teruggeven aan")

    def test_with_consent_to_contact_the_group_gets_the_story_and_the_contact(self):
        signal = self.call(
            consent_share_group=True, consent_contact=True, contact_phone="0641234567"
        )
        self.hand_down(signal)
        self.login(self.carla)
        page = self.client.get(reverse("intake:signal_detail", args=[signal.reference]))
        self.assertContains(page, "Anke de Boer")
        contact = self.client.get(reverse("intake:signal_contact", args=[signal.reference]))
        self.assertContains(contact, "0641234567")
        self.login(self.vince)  # a volunteer reads the story, not the contact details
        contact = self.client.get(reverse("intake:signal_contact", args=[signal.reference]))
        self.assertEqual(contact.status_code, 404)

    def test_the_group_works_on_it_and_hands_it_back(self):
        signal = self.call(consent_share_group=True)
        self.hand_down(signal)
        self.login(self.carla)
        self.client.post(
            reverse("intake:signal_status", args=[signal.reference]), {"status": "in_behandeling"}
        )
        self.client.post(
            reverse("intake:signal_note", args=[signal.reference]),
            {"note": "Gebeld met de Wmo-consulent."},
        )
        self.client.post(
            reverse("intake:signal_assign", args=[signal.reference]),
            {"assignee": self.vince.pk},
        )
        self.client.post(reverse("intake:signal_hand_back", args=[signal.reference]))
        signal.refresh_from_db()
        self.assertEqual((signal.group, signal.handed_down), (None, False))
        self.assertEqual(signal.status, Status.IN_PROGRESS)
        kinds = list(signal.events.values_list("kind", flat=True))
        for kind in ["handover", "status", "note", "assigned", "handed_back"]:
            self.assertIn(kind, kinds)
        self.login(self.sanne)
        page = self.client.get(reverse("intake:signal_detail", args=[signal.reference]))
        self.assertContains(page, "Gebeld met de Wmo-consulent.")
        self.login(self.carla)
        page = self.client.get(reverse("intake:signal_detail", args=[signal.reference]))
        self.assertEqual(page.status_code, 404)

    def test_the_reporter_reads_where_the_story_is(self):
        signal = self.call(consent_share_group=True)
        self.hand_down(signal)
        code = tracking_code_for(signal.submission_id)
        response = self.client.post(reverse("intake:track"), {"code": code})
        self.assertContains(response, "doorgegeven aan Groep Amsterdam")


class HandUpTestCase(BaseTestCase):
    """A group hands a signal up: national staff can now work on it, and hand it back."""

    def setUp(self):
        self.signal = make_signal(
            self.group_a,
            story="Jan de Vries krijgt geen vervoer naar de dagbesteding.",
            consent_share_national=True,
        )
        signal_handover_to_national(signal=self.signal, actor=self.carla)
        self.login(self.sanne)

    def url(self, name):
        return reverse(f"intake:{name}", args=[self.signal.reference])

    def test_national_staff_set_status_assign_note_and_hand_back(self):
        page = self.client.get(self.url("signal_detail"))
        self.assertContains(page, "[PERSOON-1] krijgt geen vervoer")
        self.assertNotContains(page, "Jan de Vries")
        self.client.post(self.url("signal_status"), {"status": "in_behandeling"})
        self.client.post(self.url("signal_assign"), {"assignee": self.sanne.pk})
        self.client.post(self.url("signal_note"), {"note": "Landelijk punt voor het overleg."})
        self.signal.refresh_from_db()
        self.assertEqual(self.signal.status, Status.IN_PROGRESS)
        self.assertEqual(self.signal.assigned_to, self.sanne)
        self.client.post(self.url("signal_hand_back"))
        self.signal.refresh_from_db()
        self.assertFalse(self.signal.shared_with_national)
        self.assertEqual(self.signal.events.filter(kind="handed_back").count(), 1)
        self.login(self.carla)
        page = self.client.get(self.url("signal_detail"))
        self.assertContains(page, "In behandeling")  # the group sees more than "Doorgezet"
        self.assertContains(page, "Landelijk punt voor het overleg.")

    def test_an_empty_note_is_refused_in_dutch(self):
        response = self.client.post(self.url("signal_note"), {"note": "  "}, follow=True)
        self.assertContains(response, "Schrijf een notitie.")
        self.assertFalse(self.signal.events.filter(kind=SignalEvent.Kind.NOTE).exists())

    def test_others_cannot_hand_it_back(self):
        self.assertNotFoundFor(
            [self.vince, self.bram, self.otto], "post", self.url("signal_hand_back")
        )
        self.assertNotFoundFor([self.bram, self.otto], "post", self.url("signal_note"))


class AgendaDisclosureTestCase(BaseTestCase):
    """The board agenda shows national staff only what was shared with the office."""

    def setUp(self):
        self.refused = make_signal(self.group_a, story=REFUSED)
        self.shared = make_signal(
            self.group_a,
            story="Kees Bakker vindt geen woning met begeleiding.",
            consent_share_national=True,
        )
        signal_handover_to_national(signal=self.shared, actor=self.carla)
        signal_transition(signal=self.shared, to_status=Status.IN_PROGRESS, actor=self.sanne)
        self.agenda = agenda_create(group=self.group_a, actor=self.carla)

    def test_national_staff_and_the_beheerder_do_not_read_refused_stories(self):
        for user in [self.sanne, self.bea]:
            self.login(user)
            for url in [
                reverse("intake:group_agenda", args=[self.group_a.slug]),
                reverse("intake:agenda_detail", args=[self.agenda.reference]),
            ]:
                response = self.client.get(url)
                self.assertEqual(response.status_code, 200)
                self.assertNotContains(response, "logeeropvang")
                self.assertNotContains(response, self.refused.reference)
                self.assertContains(response, "vindt geen woning")
                self.assertContains(response, "niet gedeeld met het landelijk bureau")
            for file_format in ["pdf", "docx"]:
                url = reverse("intake:agenda_download", args=[self.agenda.reference, file_format])
                self.assertEqual(self.client.get(url).status_code, 404)

    def test_the_groups_board_papers_hold_every_story_pseudonymised(self):
        self.login(self.vince)
        pdf = self.client.get(
            reverse("intake:agenda_download", args=[self.agenda.reference, "pdf"])
        )
        text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
        self.assertIn("logeeropvang", text)
        self.assertNotIn("Piet Jansen", text)
        docx = self.client.get(
            reverse("intake:agenda_download", args=[self.agenda.reference, "docx"])
        )
        words = " ".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
        self.assertIn("logeeropvang", words)
        self.assertNotIn("Piet Jansen", words)


class WithdrawalTestCase(BaseTestCase):
    def test_the_reporter_is_told_exactly_what_was_removed(self):
        signal = make_signal(
            self.group_a,
            story="Ria de Vries mist haar begeleider.",
            consent_contact=True,
            contact_email="ria@example.org",
        )
        agenda_create(group=self.group_a, actor=self.carla)
        code = tracking_code_for(signal.submission_id)
        response = self.client.post(
            reverse("intake:track"), {"code": code, "action": "withdraw", "confirm": "on"}
        )
        self.assertContains(response, "Dit hebben we weggehaald")
        self.assertContains(response, "je naam, e-mailadres en telefoonnummer")
        self.assertContains(response, "je verhaal op 1 agenda voor het bestuur")
        self.assertFalse(SignalContact.objects.filter(signal=signal).exists())
