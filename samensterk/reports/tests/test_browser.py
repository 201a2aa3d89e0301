"""Browser tests for dashboards and signal reports: Chromium through Playwright, axe on every
page."""

import pytest

from samensterk.demo.people import DEMO_PASSWORD, demo_email
from samensterk.reports.models import SignalReport

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_coordinator_reads_the_group_dashboard_and_composes_a_report(ui, demo):
    ui.login(demo_email("coordinator.amsterdam"), DEMO_PASSWORD)
    with ui.page.expect_navigation():
        ui.page.click("text=Cijfers en overzicht van de groep")
    ui.check_accessibility()
    assert ui.page.locator("main svg.chart").count() == 3
    ui.page.click("text=Toon als tabel >> nth=0")
    assert ui.page.locator("details[open] table").count() == 1

    ui.visit("/rapporten/")
    sample = SignalReport.objects.get(title="Signalen uit Amsterdam, afgelopen jaar")
    with ui.page.expect_navigation():
        ui.page.click(f"text={sample.title}")
    ui.check_accessibility()
    assert "Aanbevelingen" in ui.text()
    with ui.page.expect_download() as download:
        ui.page.click("text=Download als PDF")
    assert download.value.suggested_filename.endswith(".pdf")

    ui.visit("/rapporten/nieuw/")
    ui.page.fill("#id_title", "Vervoer in Diemen")
    ui.page.fill("#id_municipality", "Diemen")
    ui.submit()
    assert "Kies nu de verhalen" in ui.text(".messages")
    ui.page.fill("#id_summary", "Kort en duidelijk.")
    ui.page.check("input[name=stories] >> nth=0")
    ui.submit()
    assert "nog niet definitief" in ui.text(".draft-banner")
    # The chosen story can now be edited for the report, starting from its pseudonymised text.
    with ui.page.expect_navigation():
        ui.page.click("text=Verhalen en teksten kiezen")
    ui.check_accessibility()
    story = ui.page.locator("textarea[name^=verhaal-]")
    assert story.count() == 1
    assert "[PERSOON-" not in story.input_value()
    story.fill("Een ouder vertelt: het vervoer komt vaak te laat.")
    ui.submit("button[name=definitief]")
    assert "Definitief sinds" in ui.text()
    assert ui.page.locator(".draft-banner").count() == 0
    assert "Een ouder vertelt: het vervoer komt vaak te laat." in ui.text()


def test_national_staff_keep_a_region_and_filter_the_dashboard(ui, demo):
    ui.login(demo_email("landelijk"), DEMO_PASSWORD)
    with ui.page.expect_navigation():
        ui.page.click("text=Landelijk overzicht")
    ui.check_accessibility()
    with ui.page.expect_navigation():
        ui.page.click("text=Mijn regio kiezen")
    ui.check_accessibility()
    ui.page.check("text=Heel Zeeland")
    ui.submit()
    assert "Uw regio is bewaard." in ui.text(".messages")
    assert "Bij het landelijk bureau (telefoon en e-mail)" in ui.text()

    # The form is enhanced: a choice swaps the figures (and the filters) in place.
    ui.page.select_option("#f-theme", "vervoer")
    ui.page.wait_for_selector(".active-filters >> text=Thema: Vervoer")
    assert "theme=vervoer" in ui.page.url
    ui.check_accessibility()
    assert ui.page.locator(".table-scroll[tabindex='0'][role='region']").count() == 3

    ui.page.set_viewport_size({"width": 360, "height": 740})
    ui.check_accessibility()
    assert ui.page.evaluate("document.documentElement.scrollWidth") <= 360

    with ui.page.expect_navigation():
        ui.page.click("#municipality-h ~ .table-scroll tbody td a >> nth=0")
    ui.check_accessibility()
    assert "theme=vervoer" in ui.page.url and "status=geteld" in ui.page.url
    response = ui.visit("/overzicht/groep/amsterdam/")
    assert response.status == 404
