"""Browser tests for dossiers: Debian's Chromium through Playwright, axe on every page."""

import pytest

from samensterk.demo.people import DEMO_PASSWORD, demo_email
from samensterk.dossiers.models import Dossier, DossierAction

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


# One demo load for the three walks (loading it is most of a test's time).
def test_dossiers_as_coordinator_national_staff_and_without_javascript(ui, no_js_ui, demo):
    a_coordinator_works_on_a_dossier_from_timeline_to_costs(ui)
    ui.logout()
    national_staff_read_a_shared_dossier_and_cannot_change_it(ui)
    a_dossier_works_without_javascript(no_js_ui)


def a_coordinator_works_on_a_dossier_from_timeline_to_costs(ui):
    dossier = Dossier.objects.get(title="Taxi naar de dagbesteding komt te laat")
    ui.login(demo_email("coordinator.amsterdam"), DEMO_PASSWORD)
    assert "Wmo-raad om advies vragen" in ui.text()  # a due action on the dashboard
    ui.visit("/dossiers/")
    with ui.page.expect_navigation():
        ui.page.click(f"text={dossier.title}")
    ui.check_accessibility()
    assert "Het voorstel bespaart" in ui.text()
    assert "Tarief begeleiding 2026" in ui.text()

    ui.visit(f"/dossiers/{dossier.reference}/acties/nieuw/")
    ui.page.select_option("#id_kind", "wethouder")
    ui.page.fill("#id_date", "2026-12-15")
    ui.page.fill("#id_title", "Gesprek met de wethouder over het vervoer")
    ui.submit()
    assert "De actie is opgeslagen" in ui.text(".messages")
    assert "Gesprek met de wethouder over het vervoer" in ui.text()
    assert DossierAction.objects.filter(dossier=dossier, kind="wethouder").exists()

    ui.visit(f"/dossiers/{dossier.reference}/kosten/")
    ui.page.fill("#id_form-0-assumption", "")
    ui.submit()
    assert "De berekening is nog niet opgeslagen" in ui.text()
    ui.visit(f"/dossiers/{dossier.reference}/bewerken/")
    ui.page.fill("#id_municipalities", "Amsterdam, Atlantis")
    ui.submit()
    assert "We kennen deze gemeenten niet: Atlantis" in ui.text()


def national_staff_read_a_shared_dossier_and_cannot_change_it(ui):
    shared = Dossier.objects.get(shared_with_national=True)
    ui.login(demo_email("landelijk"), DEMO_PASSWORD)
    ui.visit(f"/dossiers/{shared.reference}/")
    assert "Je kunt dit dossier lezen, niet veranderen" in ui.text()
    assert ui.page.locator("text=Dossier bewerken").count() == 0
    response = ui.visit(f"/dossiers/{shared.reference}/bewerken/")
    assert response.status == 404


def a_dossier_works_without_javascript(no_js_ui):
    ui = no_js_ui
    ui.login(demo_email("coordinator.walcheren"), DEMO_PASSWORD)
    ui.visit("/dossiers/nieuw/")
    ui.page.fill("#id_title", "Geen rolstoeltaxi in Veere")
    ui.page.fill("#id_problem", "De taxi kan geen rolstoel meenemen.")
    ui.page.check("#id_area_0")
    ui.page.fill("#id_municipalities", "Veere")
    ui.page.check("text=Vervoer")
    ui.submit()
    assert "Dossier" in ui.text(".messages") and "is gemaakt" in ui.text(".messages")
    assert Dossier.objects.get(title="Geen rolstoeltaxi in Veere").group.slug == "walcheren"
