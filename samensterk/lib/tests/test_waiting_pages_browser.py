"""The pages people wait on, in a browser on a phone (360 px), axe on each: a PDF being made
(and failing, and made after a retry) and a large import in progress."""

from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings

from samensterk.accounts.models import LocalGroup, User
from samensterk.demo.people import DEMO_PASSWORD, demo_email
from samensterk.intake.models import ImportJob
from samensterk.reports.models import SignalReport, SignalReportPdf

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"


def shot(ui, name: str) -> None:
    """A picture of the page, to look at (var/ is not in the repository)."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    ui.page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_a_pdf_that_failed_is_offered_again_and_then_made(phone_ui, demo):
    phone_ui.login(demo_email("coordinator.amsterdam"), DEMO_PASSWORD)
    report = SignalReport.objects.filter(group__slug="amsterdam").first()
    SignalReportPdf.objects.filter(report=report).delete()  # the demo made it already
    with mock.patch("samensterk.lib.pdfs.html_to_pdf", side_effect=RuntimeError("no fonts")):
        phone_ui.visit(f"/rapporten/{report.reference}/pdf/")
    assert "Het maken van de PDF is mislukt. Probeer het opnieuw." in phone_ui.text()
    shot(phone_ui, "pdf-failed-360")
    phone_ui.submit("main form button[type=submit]")
    assert "Het PDF-bestand is klaar." in phone_ui.text()
    shot(phone_ui, "pdf-ready-360")
    with phone_ui.page.expect_download() as download:
        phone_ui.page.click("text=Download PDF")
    assert download.value.suggested_filename == f"signaalrapport-{report.reference}.pdf"


def test_a_large_import_shows_how_far_it_is(phone_ui, demo):
    group = LocalGroup.objects.get(slug="amsterdam")
    coordinator = User.objects.get(email=demo_email("coordinator.amsterdam"))
    job = ImportJob.objects.create(
        organisation=group.organisation,
        group=group,
        created_by=coordinator,
        file_name="signalen-2026.csv",
        header=["text"],
        rows=[],
        total=5000,
        done=1200,
        status=ImportJob.Status.RUNNING,
    )
    phone_ui.login(coordinator.email, DEMO_PASSWORD)
    phone_ui.visit(f"/signalen/importeren/{job.pk}/")
    assert "1.200 van 5.000" in phone_ui.text()
    shot(phone_ui, "import-progress-360")
    response = phone_ui.visit(f"/signalen/importeren/{job.pk + 1}/")
    assert response.status == 404
