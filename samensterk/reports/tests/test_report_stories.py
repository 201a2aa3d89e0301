"""The draft mark and the coordinator's edits of the chosen stories (issue 33, item 5)."""

from datetime import timedelta

from django.test import SimpleTestCase
from django.urls import reverse
from django.utils import timezone

from samensterk.intake.services import signal_pseudonymise_story, signal_withdraw
from samensterk.places.models import Municipality
from samensterk.reports.models import ReportStory, SignalReport, SignalReportPdf
from samensterk.reports.stories import readable_tags
from samensterk.reports.tests.test_signal_report import pdf_text
from samensterk.test import BaseTestCase, make_signal
from samensterk.themes.models import Theme

NAMED = "Pieter Bakker wacht elke ochtend een uur op de taxi naar zijn werk."
EDITED = "Haar zoon wacht elke ochtend een uur op de taxi. Hij komt te laat op zijn werk."


class ReadableTagsTests(SimpleTestCase):
    def test_tags_read_as_words_numbered_only_where_there_are_several(self):
        text = (
            "[PERSOON-2] belde [PERSOON-5] en daarna [PERSOON-2] weer; ze woont op [ADRES-1], "
            "[POSTCODE-1] in [LOCATIE-3], bij [INSTELLING-1]. Tel. [TELEFOON-1], mail "
            "[EMAIL-1], geboren [GEBOORTEDATUM-1], [LEEFTIJD-1] jaar, [BSN-1], [IBAN-1], "
            "[ACCOUNT-1], [DATUM-1], [RAAR-1], [PERSOON]."
        )
        self.assertEqual(
            readable_tags(text),
            "[naam 1] belde [naam 2] en daarna [naam 1] weer; ze woont op [adres], "
            "[postcode] in [plaats], bij [instelling]. Tel. [telefoonnummer], mail "
            "[e-mailadres], geboren [geboortedatum], [leeftijd] jaar, [BSN], [rekeningnummer], "
            "[gebruikersnaam], [datum], [weggelaten], [naam].",
        )

    def test_text_without_tags_and_ordinary_brackets_stay(self):
        text = "Een [1] of [a] blijft, en de [WMO] en het [CAK] ook."
        self.assertEqual(readable_tags(text), text)


class ReportStoryTests(BaseTestCase):
    def setUp(self):
        amsterdam = Municipality.objects.get(code="GM0363")
        vervoer = Theme.objects.get(code="vervoer")
        self.named = make_signal(self.group_a, story=NAMED, theme=vervoer, municipality=amsterdam)
        for _n in range(6):
            make_signal(self.group_a, theme=vervoer, municipality=amsterdam)
        today = timezone.localdate()
        self.login(self.carla)
        self.client.post(
            reverse("reports:report_create"),
            {
                "owner": "g:groep-a",
                "title": "Signalen uit Amsterdam",
                "municipality": "Amsterdam",
                "theme": "",
                "period_start": (today - timedelta(days=30)).isoformat(),
                "period_end": today.isoformat(),
            },
        )
        self.report = SignalReport.objects.get()
        self.edit = reverse("reports:report_edit", args=[self.report.reference])
        self.detail = reverse("reports:report_detail", args=[self.report.reference])
        self.pdf = reverse("reports:report_pdf", args=[self.report.reference])
        self.field = f"verhaal-{self.named.pk}-text"
        self.client.post(self.edit, {"stories": [self.named.pk]})

    def save(self, **data):
        return self.client.post(self.edit, {"stories": [self.named.pk], **data})

    def story_texts(self) -> list[str]:
        self.report.refresh_from_db()
        return [story["text"] for story in self.report.snapshot["stories"]]

    def test_a_draft_is_marked_on_the_page_and_on_every_pdf_page_until_final(self):
        page = self.client.get(self.detail)
        self.assertContains(page, 'class="draft-banner"')
        self.assertContains(page, "nog niet definitief")
        draft = self.client.get(self.pdf)
        self.assertEqual(draft["Content-Type"], "application/pdf")
        from io import BytesIO

        from pypdf import PdfReader

        pages = PdfReader(BytesIO(draft.content)).pages
        for page_of_pdf in pages:
            self.assertIn("CONCEPT", page_of_pdf.extract_text())
        self.save(definitief="1")
        self.assertNotContains(self.client.get(self.detail), 'class="draft-banner"')
        final = pdf_text(self.client.get(self.pdf).content)
        self.assertNotIn("CONCEPT", final)
        self.assertIn("[naam] wacht elke ochtend", final)

    def test_the_coordinator_edits_a_story_and_the_report_shows_the_edit(self):
        page = self.client.get(self.edit)
        self.assertContains(page, f'name="{self.field}"')
        self.assertContains(page, "[naam] wacht elke ochtend")  # tags as words
        self.assertNotContains(page, "[PERSOON-1]")
        self.assertNotContains(page, "Pieter")
        self.save(**{self.field: EDITED.replace(". ", ".\r\n", 1)})
        self.assertEqual(self.story_texts(), [EDITED.replace(". ", ".\n", 1)])
        self.assertContains(self.client.get(self.detail), "Haar zoon wacht elke ochtend")
        self.assertContains(self.client.get(self.edit), "Haar zoon wacht elke ochtend")
        self.save(definitief="1", **{self.field: EDITED})
        text = pdf_text(self.client.get(self.pdf).content)
        self.assertIn("Haar zoon wacht elke ochtend", text)
        self.assertNotIn("[naam] wacht", text)

    def test_an_emptied_or_unchanged_text_is_no_edit(self):
        self.save(**{self.field: EDITED})
        self.save(**{self.field: ""})
        self.assertEqual(
            self.story_texts(), ["[naam] wacht elke ochtend een uur op de taxi naar zijn werk."]
        )
        self.assertEqual(ReportStory.objects.get().text, "")
        self.save(**{self.field: "[naam] wacht elke ochtend een uur op de taxi naar zijn werk."})
        self.assertEqual(ReportStory.objects.get().text, "")
        # A story taken out and chosen again starts from its pseudonymised text again.
        self.save(**{self.field: EDITED})
        self.client.post(self.edit, {"summary": "Zonder verhalen."})
        self.assertFalse(ReportStory.objects.exists())
        self.save()
        self.assertEqual(ReportStory.objects.get().text, "")

    def test_only_those_who_compose_the_report_read_or_change_the_edit(self):
        self.save(**{self.field: EDITED})
        for user in [self.vince, self.bram, self.otto, self.sanne, self.bea]:
            self.assertNotFoundFor([user], "get", self.edit)
            self.assertNotFoundFor(
                [user], "post", self.edit, {"stories": [self.named.pk], self.field: "Gewijzigd"}
            )
        self.assertEqual(ReportStory.objects.get().text, EDITED)
        # A text posted for a story that is not chosen changes nothing.
        other = make_signal(self.group_a, story="Nog een verhaal over de taxi.")
        self.login(self.carla)
        self.save(**{f"verhaal-{other.pk}-text": "Iets anders."})
        self.assertEqual(self.story_texts(), [EDITED])

    def test_a_withdrawal_replaces_the_edited_story_also_in_a_final_report(self):
        self.save(definitief="1", **{self.field: EDITED})
        self.assertIn("Haar zoon", pdf_text(self.client.get(self.pdf).content))
        signal_withdraw(signal=self.named)
        page = self.client.get(self.detail)
        self.assertNotContains(page, "Haar zoon")
        self.assertContains(page, "ingetrokken door de melder")
        text = pdf_text(self.client.get(self.pdf).content)
        self.assertNotIn("Haar zoon", text)
        self.assertIn("ingetrokken door de melder", text)

    def test_the_retention_run_erases_the_reports_copies_of_a_withdrawn_story(self):
        from samensterk.privacy.services import apply_retention

        self.save(definitief="1", **{self.field: EDITED})
        made = timezone.now() - timedelta(minutes=1)  # the PDF holds the edited story
        SignalReportPdf.objects.create(report=self.report, content=b"%PDF", made_at=made)
        signal_withdraw(signal=self.named)
        result = apply_retention()
        step = result["steps"]["withdrawn stories in signal reports"]
        self.assertEqual(
            step,
            {
                "report_story_edits_erased": 1,
                "report_snapshots_cleaned": 1,
                "report_pdfs_erased": 1,
                "still_due": 0,
            },
        )
        self.assertFalse(SignalReportPdf.objects.exists())
        self.assertEqual(ReportStory.objects.get().text, "")
        self.assertEqual(self.story_texts(), [""])
        self.assertContains(self.client.get(self.detail), "ingetrokken door de melder")
        again = apply_retention()["steps"]["withdrawn stories in signal reports"]
        self.assertEqual(again["report_snapshots_cleaned"], 0)

    def test_a_withdrawn_story_leaves_a_draft_with_its_edit(self):
        self.save(**{self.field: EDITED})
        signal_withdraw(signal=self.named)
        self.assertNotContains(self.client.get(self.detail), "Haar zoon")
        self.assertNotContains(self.client.get(self.edit), "Haar zoon")
        self.client.post(self.edit, {"summary": "Opnieuw opgeslagen."})
        self.assertEqual(self.story_texts(), [])

    def test_an_edit_is_set_aside_when_the_pseudonymised_text_changes(self):
        self.save(**{self.field: EDITED})
        # A data subject's request redacts the story: the edit must not keep what it took out.
        signal_pseudonymise_story(
            signal=self.named, redact=lambda text: text.replace("taxi", "[weg]")
        )
        page = self.client.get(self.edit)
        self.assertContains(page, "veranderd nadat je het bewerkte")
        self.assertNotContains(page, "Haar zoon")
        self.save()
        self.assertEqual(
            self.story_texts(), ["[naam] wacht elke ochtend een uur op de [weg] naar zijn werk."]
        )
