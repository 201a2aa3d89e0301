import io

from django.urls import reverse
from docx import Document
from pypdf import PdfReader

from samensterk.intake.models import AgendaRun, Status
from samensterk.test import BaseTestCase, make_signal
from samensterk.themes.models import Theme


class AgendaTestCase(BaseTestCase):
    def setUp(self):
        transport = Theme.objects.get(code="vervoer")
        self.first = make_signal(
            self.group_a, story="Jan de Vries wacht elke dag op de taxi.", theme=transport
        )
        self.second = make_signal(self.group_a, story="Geen plek op de dagbesteding.")
        self.done = make_signal(
            self.group_a, story="Al besproken verhaal.", status=Status.DISCUSSED
        )
        self.other = make_signal(self.group_b, story="Verhaal van Walcheren.")

    def make_agenda(self):
        self.login(self.carla)
        response = self.client.post(reverse("intake:group_agenda", args=["groep-a"]))
        return AgendaRun.objects.get(reference=response.url.rstrip("/").split("/")[-1])

    def test_one_click_makes_the_agenda_of_open_signals_by_theme(self):
        agenda = self.make_agenda()
        self.assertEqual(set(agenda.signals.all()), {self.first, self.second})
        response = self.client.get(reverse("intake:agenda_detail", args=[agenda.reference]))
        self.assertContains(response, "Vervoer")
        self.assertContains(response, "Nog zonder thema")
        self.assertContains(response, "[PERSOON-1] wacht elke dag")
        self.assertNotContains(response, "Jan de Vries")

    def test_the_pdf_holds_the_pseudonymised_stories(self):
        agenda = self.make_agenda()
        response = self.client.get(
            reverse("intake:agenda_download", args=[agenda.reference, "pdf"])
        )
        self.assertEqual(response["Content-Type"], "application/pdf")
        text = "".join(
            page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages
        )
        self.assertIn("wacht elke dag op de taxi", text)
        self.assertIn("Vervoer", text)
        self.assertNotIn("Jan de Vries", text)
        self.assertNotIn("Walcheren", text)

    def test_the_word_file_holds_the_same(self):
        agenda = self.make_agenda()
        response = self.client.get(
            reverse("intake:agenda_download", args=[agenda.reference, "docx"])
        )
        text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
        self.assertIn("[PERSOON-1] wacht elke dag op de taxi.", text)
        self.assertNotIn("Jan de Vries", text)

    def test_after_the_meeting_one_action_marks_them_discussed(self):
        agenda = self.make_agenda()
        self.client.post(reverse("intake:agenda_discussed", args=[agenda.reference]))
        for signal in (self.first, self.second):
            signal.refresh_from_db()
            self.assertEqual(signal.status, Status.DISCUSSED)
        agenda.refresh_from_db()
        self.assertIsNotNone(agenda.discussed_at)
        self.other.refresh_from_db()
        self.assertEqual(self.other.status, Status.NEW)

    def test_other_groups_and_organisations_get_404(self):
        agenda = self.make_agenda()
        for url in [
            reverse("intake:agenda_detail", args=[agenda.reference]),
            reverse("intake:agenda_download", args=[agenda.reference, "pdf"]),
            reverse("intake:group_agenda", args=["groep-a"]),
        ]:
            self.assertNotFoundFor([self.bram, self.otto, self.nina], "get", url)
        self.assertNotFoundFor(
            [self.bram, self.vince],
            "post",
            reverse("intake:agenda_discussed", args=[agenda.reference]),
        )


class PaperFormAndEmbedTestCase(BaseTestCase):
    def test_the_paper_form_is_a_pdf_in_easy_dutch(self):
        self.login(self.vince)
        response = self.client.get(reverse("intake:paper_form", args=["groep-a"]))
        text = "".join(
            page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages
        )
        self.assertIn("Wat is er gebeurd?", text)
        self.assertIn("Groep Amsterdam", text)
        self.assertIn("Mag de groep jouw verhaal gebruiken?", text)

    def test_the_paper_form_of_another_group_is_404(self):
        self.assertNotFoundFor(
            [self.bram, self.otto], "get", reverse("intake:paper_form", args=["groep-a"])
        )

    def test_a_coordinator_gets_the_embed_code_and_sets_the_allowed_websites(self):
        self.login(self.carla)
        url = reverse("intake:meldknop_settings", args=["groep-a"])
        self.assertContains(self.client.get(url), "/meld/groep-a/?embed=1")
        self.client.post(url, {"embed_origins": "https://www.groep-a.nl/\nhttp://Ouders.Example"})
        self.group_a.refresh_from_db()
        self.assertEqual(
            self.group_a.embed_origin_list, ["https://www.groep-a.nl", "http://ouders.example"]
        )

    def test_a_website_address_that_is_not_one_is_refused(self):
        self.login(self.carla)
        response = self.client.post(
            reverse("intake:meldknop_settings", args=["groep-a"]),
            {"embed_origins": "javascript:alert(1)"},
        )
        self.assertContains(response, "is geen websiteadres")
        self.group_a.refresh_from_db()
        self.assertEqual(self.group_a.embed_origins, "")

    def test_only_managers_reach_the_embed_settings(self):
        url = reverse("intake:meldknop_settings", args=["groep-a"])
        self.assertNotFoundFor([self.bram, self.otto, self.vince, self.sanne], "get", url)
        self.assertNotFoundFor([self.vince], "post", url, {"embed_origins": "https://x.example"})
        self.group_a.refresh_from_db()
        self.assertEqual(self.group_a.embed_origins, "")
