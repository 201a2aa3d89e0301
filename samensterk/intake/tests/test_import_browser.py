"""A volunteer's spreadsheet in the browser: import it, follow an import's progress bar, export
the group's signals for Excel. axe on every page, at 1280 and at 360 px."""

import io

import pytest
from openpyxl import load_workbook

from samensterk.accounts.models import LocalGroup
from samensterk.demo.people import DEMO_PASSWORD, demo_email
from samensterk.intake.models import ImportJob, Signal

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHEET = (
    "\ufefftext;theme;channel;received_at;municipality\r\n"
    "De regiotaxi liet mijn zoon weer een uur wachten.;Vervoer;Telefoon;14-03-2026;Oost-Souburg\r\n"
)


def test_a_coordinator_imports_a_sheet_follows_an_import_and_exports(ui, demo, tmp_path):
    group = LocalGroup.objects.get(slug="walcheren")
    ui.login(demo_email("coordinator.walcheren"), DEMO_PASSWORD)

    # A running import (a large file on the worker): the bar follows it without a reload.
    job = ImportJob.objects.create(
        organisation=group.organisation,
        group=group,
        file_name="groot.xlsx",
        total=2000,
        done=500,
        status=ImportJob.Status.RUNNING,
    )
    ui.visit(f"/signalen/importeren/{job.pk}/")
    assert ui.page.locator("progress").get_attribute("value") == "500"
    ImportJob.objects.filter(pk=job.pk).update(done=2000, status=ImportJob.Status.DONE)
    ui.page.wait_for_selector("text=Klaar: 0 signalen toegevoegd")  # htmx asked again
    assert ui.page.locator("progress").count() == 0
    ui.check_accessibility()

    # A small sheet as Dutch Excel saves it: semicolons, a theme's name, a village.
    path = tmp_path / "signalen.csv"
    path.write_text(SHEET, encoding="utf-8")
    ui.visit("/signalen/importeren/")
    assert "groot.xlsx" in ui.text(".import-list")  # recent imports can be found again
    ui.page.set_input_files("#id_file", str(path))
    ui.submit("main form[data-submit-once] button[type=submit]")
    assert "Klaar: 1 signalen toegevoegd" in ui.text()
    signal = Signal.objects.get(story__startswith="De regiotaxi liet mijn zoon")
    assert (signal.theme.code, signal.channel, signal.municipality.name) == (
        "vervoer",
        "telefoon",
        "Vlissingen",
    )
    assert signal.group == group

    # The export for Excel: a frozen header, filters, and the theme's name to read.
    ui.visit("/signalen/exporteren/")
    ui.page.check("input[value=xlsx]")
    with ui.page.expect_download() as download:
        ui.page.click("main button[type=submit]")
    sheet = load_workbook(io.BytesIO(download.value.path().read_bytes())).active
    header = [cell.value for cell in sheet[1]]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref.startswith("A1:")
    names = [
        row[header.index("theme_name")] for row in sheet.iter_rows(min_row=2, values_only=True)
    ]
    assert "Vervoer" in names

    # The same pages on a phone.
    ui.page.set_viewport_size({"width": 360, "height": 740})
    for page in [
        "/signalen/importeren/",
        f"/signalen/importeren/{job.pk}/",
        "/signalen/exporteren/",
    ]:
        ui.visit(page)
        assert ui.page.evaluate("document.documentElement.scrollWidth") <= 360, page
