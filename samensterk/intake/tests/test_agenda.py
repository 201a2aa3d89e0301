import io

from django.core.management import call_command
from django.test import TransactionTestCase, override_settings
from django.urls import reverse
from django_tasks_db.models import DBTaskResult
from docx import Document
from pypdf import PdfReader

from samensterk.intake.models import AgendaPdf, AgendaRun, Status
from samensterk.intake.services import signal_withdraw
from samensterk.places.gazetteer import sync_gazetteer
from samensterk.places.models import Municipality, MunicipalityAlias, Place, Province
from samensterk.test import BaseTestCase, login_verified, make_characters, make_signal
from samensterk.themes.defaults import install_default_themes
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

    def test_a_withdrawn_story_leaves_the_kept_pdf(self):
        agenda = self.make_agenda()
        self.client.get(reverse("intake:agenda_download", args=[agenda.reference, "pdf"]))
        self.assertTrue(AgendaPdf.objects.filter(agenda=agenda).exists())
        signal_withdraw(signal=self.first)
        self.assertFalse(AgendaPdf.objects.filter(agenda=agenda).exists())
        response = self.client.get(
            reverse("intake:agenda_download", args=[agenda.reference, "pdf"])
        )
        text = "".join(
            page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages
        )
        self.assertNotIn("wacht elke dag op de taxi", text)

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
            reverse("intake:agenda_pdf_wait", args=[agenda.reference]),
            reverse("intake:group_agenda", args=["groep-a"]),
        ]:
            self.assertNotFoundFor([self.bram, self.otto, self.nina], "get", url)
        self.assertNotFoundFor(
            [self.bram, self.otto],
            "post",
            reverse("intake:agenda_pdf_wait", args=[agenda.reference]),
        )
        self.assertFalse(AgendaPdf.objects.exists())
        self.assertNotFoundFor(
            [self.bram, self.vince],
            "post",
            reverse("intake:agenda_discussed", args=[agenda.reference]),
        )


def pdf_tasks() -> int:
    """The PDF tasks in the queue (new signals bring their own pseudonymisation tasks)."""
    return DBTaskResult.objects.filter(task_path__contains="agenda_pdf").count()


@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
class AgendaPdfWorkerTests(TransactionTestCase):
    """The real queue: the agenda's PDF is made by `samensterk db_worker` and then kept."""

    def setUp(self):
        # An earlier transactional test may have flushed what the migrations installed.
        sync_gazetteer(Province, Municipality, MunicipalityAlias, Place)
        install_default_themes(Theme)
        make_characters(self)
        make_signal(self.group_a, story="Jan de Vries wacht elke dag op de taxi.")
        login_verified(self.client, self.carla)

    def test_the_pdf_is_made_by_the_worker_and_then_served_at_once(self):
        response = self.client.post(reverse("intake:group_agenda", args=["groep-a"]))
        agenda = AgendaRun.objects.get()
        self.assertEqual(pdf_tasks(), 1)  # started when the agenda was made
        download = reverse("intake:agenda_download", args=[agenda.reference, "pdf"])
        waiting = reverse("intake:agenda_pdf_wait", args=[agenda.reference])
        response = self.client.get(download)
        self.assertRedirects(response, waiting, fetch_redirect_response=False)
        self.assertContains(self.client.get(waiting), "Het PDF-bestand wordt gemaakt…")
        self.assertEqual(pdf_tasks(), 1)

        call_command("db_worker", batch=True, reload=False, startup_delay=False, verbosity=0)
        response = self.client.get(download)
        self.assertTrue(response.content.startswith(b"%PDF"))
        self.assertEqual(
            response["Content-Disposition"],
            f'attachment; filename="agenda-groep-a-{agenda.created_at:%Y-%m-%d}.pdf"',
        )
        text = "".join(
            page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages
        )
        self.assertIn("wacht elke dag op de taxi", text)
        self.assertNotIn("Jan de Vries", text)
        self.assertEqual(self.client.get(download).content, response.content)
        self.assertEqual(pdf_tasks(), 1)

        login_verified(self.client, self.otto)
        for url in (download, waiting):
            self.assertEqual(self.client.get(url).status_code, 404)


class PaperFormAndEmbedTestCase(BaseTestCase):
    def test_the_paper_form_is_a_pdf_in_easy_dutch(self):
        response = self.client.get(reverse("intake:paper_form", args=["groep-a"]))
        text = "".join(
            page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages
        )
        self.assertIn("Wat is er gebeurd?", text)
        self.assertIn("Groep Amsterdam", text)
        self.assertIn("Mag de groep je verhaal gebruiken, zonder je naam?", text)

    def test_the_paper_form_of_a_group_that_is_not_active_is_404(self):
        self.group_a.active = False
        self.group_a.save(update_fields=["active"])
        self.assertEqual(
            self.client.get(reverse("intake:paper_form", args=["groep-a"])).status_code, 404
        )
        self.assertEqual(
            self.client.get(reverse("intake:paper_form", args=["geen-groep"])).status_code, 404
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
        self.assertContains(response, "is geen websiteadres", status_code=400)
        self.group_a.refresh_from_db()
        self.assertEqual(self.group_a.embed_origins, "")

    def test_only_managers_reach_the_embed_settings(self):
        url = reverse("intake:meldknop_settings", args=["groep-a"])
        self.assertNotFoundFor([self.bram, self.otto, self.vince, self.sanne], "get", url)
        self.assertNotFoundFor([self.vince], "post", url, {"embed_origins": "https://x.example"})
        self.group_a.refresh_from_db()
        self.assertEqual(self.group_a.embed_origins, "")
