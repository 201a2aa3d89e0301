"""The signal report's PDF: made by a task, kept, served at once while the report is unchanged."""

import io
from datetime import timedelta
from unittest import mock

from django.core.management import call_command
from django.test import TransactionTestCase, override_settings
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from pypdf import PdfReader

from samensterk.accounts.permissions import scope_for
from samensterk.lib import pdfs
from samensterk.places.gazetteer import sync_gazetteer
from samensterk.places.models import Municipality, MunicipalityAlias, Place, Province
from samensterk.reports import signal_report
from samensterk.reports.models import SignalReportPdf
from samensterk.test import BaseTestCase, login_verified, make_characters, make_signal
from samensterk.themes.defaults import install_default_themes
from samensterk.themes.models import Theme

POLLING = 'hx-trigger="every 2s"'  # htmx asks again; no timed refresh of the page
MAKING = "Het PDF-bestand wordt gemaakt…"
FAILED = "Het maken van de PDF is mislukt. Probeer het opnieuw."


def pdf_text(content: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def make_report(case, **texts):
    amsterdam = Municipality.objects.get(code="GM0363")
    for _n in range(6):
        make_signal(case.group_a, theme=Theme.objects.get(code="vervoer"), municipality=amsterdam)
    today = timezone.localdate()
    report = signal_report.report_create(
        organisation=case.alfa,
        group=case.group_a,
        actor=case.carla,
        title="Signalen uit Amsterdam",
        municipality=amsterdam,
        theme=None,
        period_start=today - timedelta(days=30),
        period_end=today,
    )
    if texts:
        report = signal_report.report_update(
            report=report,
            scope=scope_for(case.carla),
            summary=texts.get("summary", ""),
            recommendations="",
            stories=[],
            dossiers=[],
        )
    return report


def pdf_tasks() -> int:
    """The PDF tasks in the queue (new signals bring their own pseudonymisation tasks)."""
    return DBTaskResult.objects.filter(task_path__contains="report_pdf").count()


def run_worker():
    call_command("db_worker", batch=True, reload=False, startup_delay=False, verbosity=0)


@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
class ReportPdfWorkerTests(TransactionTestCase):
    """The real queue: the PDF waits in the database until `samensterk db_worker` makes it."""

    def setUp(self):
        # An earlier transactional test may have flushed what the migrations installed.
        sync_gazetteer(Province, Municipality, MunicipalityAlias, Place)
        install_default_themes(Theme)
        make_characters(self)
        login_verified(self.client, self.carla)

    def test_asked_waited_made_served_and_made_again_after_an_edit(self):
        report = make_report(self)
        self.assertEqual(pdf_tasks(), 1)  # started when the report was made
        download = reverse("reports:report_pdf", args=[report.reference])
        waiting = reverse("reports:report_pdf_wait", args=[report.reference])

        self.assertRedirects(self.client.get(download), waiting, fetch_redirect_response=False)
        page = self.client.get(waiting)
        self.assertContains(page, MAKING)
        self.assertContains(page, POLLING)
        self.assertNotContains(page, 'http-equiv="refresh"')
        self.assertEqual(pdf_tasks(), 1)  # not enqueued twice while it waits

        run_worker()
        page = self.client.get(waiting)
        self.assertContains(page, "Het PDF-bestand is klaar.")
        self.assertNotContains(page, POLLING)
        self.assertContains(page, f'href="{download}"')
        response = self.client.get(download)
        self.assertEqual(response["Content-Type"], "application/pdf")
        self.assertEqual(
            response["Content-Disposition"],
            f'attachment; filename="signaalrapport-{report.reference}.pdf"',
        )
        self.assertTrue(response.content.startswith(b"%PDF"))
        self.assertIn("Signalen uit Amsterdam", pdf_text(response.content))
        # Unchanged: served from storage again, nothing enqueued.
        self.assertEqual(self.client.get(download).content, response.content)
        self.assertEqual(pdf_tasks(), 1)

        signal_report.report_update(
            report=report,
            scope=scope_for(self.carla),
            summary="Mensen wachten lang op de taxi.",
            recommendations="",
            stories=[],
            dossiers=[],
        )
        self.assertEqual(pdf_tasks(), 2)  # started by the edit
        self.assertRedirects(self.client.get(download), waiting, fetch_redirect_response=False)
        run_worker()
        changed = self.client.get(download)
        self.assertIn("Mensen wachten lang op de taxi.", pdf_text(changed.content))
        self.assertEqual(pdf_tasks(), 2)

        login_verified(self.client, self.otto)
        for url in (download, waiting):
            self.assertEqual(self.client.get(url).status_code, 404)
            self.assertEqual(self.client.post(url).status_code, 404)
        self.assertEqual(pdf_tasks(), 2)


class ReportPdfTests(BaseTestCase):
    """With the immediate backend of the tests the PDF is made while it is asked for."""

    def setUp(self):
        self.report = make_report(self)
        self.download = reverse("reports:report_pdf", args=[self.report.reference])
        self.waiting = reverse("reports:report_pdf_wait", args=[self.report.reference])

    def test_the_pdf_is_made_when_asked_and_kept(self):
        self.login(self.vince)
        response = self.client.get(self.download)
        self.assertTrue(response.content.startswith(b"%PDF"))
        kept = SignalReportPdf.objects.get(pk=self.report.pk)
        self.assertEqual(bytes(kept.content), response.content)
        with mock.patch.object(signal_report, "report_pdf_make") as task:
            self.assertEqual(self.client.get(self.download).content, response.content)
        task.enqueue.assert_not_called()

    def test_a_save_that_changes_nothing_in_the_pdf_does_not_make_it_again(self):
        self.login(self.vince)
        made = self.client.get(self.download).content
        with mock.patch.object(pdfs, "html_to_pdf", wraps=pdfs.html_to_pdf) as render:
            signal_report.report_pdf_make.call(self.report.pk)
        render.assert_not_called()
        kept = SignalReportPdf.objects.get(pk=self.report.pk)
        self.assertEqual(kept.status, SignalReportPdf.Status.READY)
        self.assertEqual(bytes(kept.content), made)

    def test_the_same_pdf_in_whatever_language_the_asker_reads(self):
        self.login(self.vince)
        dutch = self.client.get(self.download).content
        self.client.cookies["django_language"] = "en"
        with mock.patch.object(signal_report, "report_pdf_make") as task:
            self.assertEqual(self.client.get(self.download).content, dutch)
        task.enqueue.assert_not_called()

    def test_a_failing_task_is_said_and_can_be_tried_again(self):
        self.login(self.carla)
        with mock.patch.object(pdfs, "html_to_pdf", side_effect=RuntimeError("kapot")):
            response = self.client.get(self.download)
        self.assertRedirects(response, self.waiting, fetch_redirect_response=False)
        page = self.client.get(self.waiting)
        self.assertContains(page, FAILED)
        self.assertContains(page, '<form method="post"')
        self.assertNotContains(page, POLLING)
        # Asking again does not loop: the failure stays until the user tries again.
        self.assertRedirects(self.client.get(self.download), self.waiting)
        retried = self.client.post(self.waiting)
        self.assertRedirects(retried, self.waiting, fetch_redirect_response=False)
        page = self.client.get(self.waiting)
        self.assertContains(page, "Het PDF-bestand is klaar.")
        self.assertTrue(self.client.get(self.download).content.startswith(b"%PDF"))

    def test_a_task_lost_by_a_stopped_worker_is_not_waited_for_forever(self):
        SignalReportPdf.objects.create(
            report=self.report, requested_at=timezone.now() - pdfs.LOST_AFTER - timedelta(1)
        )
        self.login(self.carla)
        self.assertContains(self.client.get(self.waiting), FAILED)
        self.client.post(self.waiting)
        self.assertContains(self.client.get(self.waiting), "Het PDF-bestand is klaar.")

    def test_only_the_group_asks_for_the_pdf(self):
        for url in (self.download, self.waiting):
            self.assertNotFoundFor([self.bram, self.otto, self.nina, self.sanne], "get", url)
            self.assertNotFoundFor([self.bram, self.otto], "post", url)
        self.assertFalse(SignalReportPdf.objects.exists())
