"""Browser tests for dossiers: Debian's Chromium through Playwright, axe on every page."""

import pytest

from samensterk.demo.people import DEMO_PASSWORD, demo_email
from samensterk.dossiers.models import CostItem, Dossier, DossierAction

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


# One demo load for the walks (loading it is most of a test's time).
def test_dossiers_as_coordinator_national_staff_and_without_javascript(
    ui, phone_ui, no_js_ui, demo
):
    a_coordinator_works_on_a_dossier_from_timeline_to_costs(ui)
    a_coordinator_starts_a_dossier_from_chosen_signals(ui)
    ui.logout()
    national_staff_read_a_shared_dossier_and_cannot_change_it(ui)
    a_dossier_works_without_javascript(no_js_ui)
    a_dossier_reads_well_on_a_phone(phone_ui)


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
    late = ui.page.locator("li", has_text="Wmo-raad om advies vragen")
    assert "te laat" in late.inner_text()  # a word, not only a colour
    assert "Geschiedenis" in ui.text() and "Dossier gemaakt" in ui.text()

    ui.visit(f"/dossiers/{dossier.reference}/acties/nieuw/")
    ui.page.select_option("#id_kind", "wethouder")
    ui.page.fill("#id_date", "2026-12-15")
    ui.page.fill("#id_title", "Gesprek met de wethouder over het vervoer")
    ui.submit()
    assert "De actie is opgeslagen" in ui.text(".messages")
    assert "Gesprek met de wethouder over het vervoer" in ui.text()
    assert DossierAction.objects.filter(dossier=dossier, kind="wethouder").exists()

    ui.visit(f"/dossiers/{dossier.reference}/kosten/")
    row = CostItem.objects.filter(dossier=dossier).count()  # the first empty line
    ui.page.fill(f"#id_form-{row}-description", "Training voor de chauffeurs")
    ui.page.fill(f"#id_form-{row}-current_amount", "0")
    ui.page.fill(f"#id_form-{row}-proposed_amount", "2500")
    ui.page.fill(f"#id_form-{row}-assumption", "Offerte van de opleider, 2026")
    ui.page.select_option(f"#id_form-{row}-payer", "fonds")
    ui.page.fill(f"#id_form-{row}-payer_name", "Oranjefonds")
    ui.submit()
    assert "De kostenberekening is opgeslagen" in ui.text(".messages")
    assert "vast bedrag" in ui.text()
    payers = ui.text("table:has(th:text('Wie betaalt'))")
    assert "Oranjefonds" in payers and "De gemeente" in payers
    assert "Kostenberekening aangepast" in ui.text()

    ui.visit(f"/dossiers/{dossier.reference}/kosten/")
    ui.page.fill("#id_form-0-assumption", "")
    ui.submit()
    assert "De berekening is nog niet opgeslagen" in ui.text()
    ui.visit(f"/dossiers/{dossier.reference}/bewerken/")
    ui.page.fill("#id_municipalities", "Amsterdam, Atlantis")
    ui.submit()
    assert "We kennen deze gemeenten niet: Atlantis" in ui.text()


def a_coordinator_starts_a_dossier_from_chosen_signals(ui):
    ui.visit("/dossiers/")
    assert "te laat" in ui.text()  # the demo dossier's late action, in the list
    ui.visit("/signalen/?groep=amsterdam&municipality=Amsterdam")
    boxes = ui.page.locator("input[name=signals]")
    chosen = [boxes.nth(0).get_attribute("value"), boxes.nth(1).get_attribute("value")]
    boxes.nth(0).check()
    boxes.nth(1).check()
    ui.submit("text=Nieuw dossier met deze signalen")
    assert "Dit dossier begint met 2 gekozen signalen" in ui.text()
    assert ui.page.input_value("#id_title")  # a title to start from
    ui.page.fill("#id_title", "Gekozen signalen uit Amsterdam")
    ui.page.fill("#id_problem", "Deze verhalen gaan over hetzelfde probleem.")
    ui.submit("main form.narrow button[type=submit]")
    assert "met 2 signalen" in ui.text(".messages")
    dossier = Dossier.objects.get(title="Gekozen signalen uit Amsterdam")
    assert sorted(dossier.signals.values_list("reference", flat=True)) == sorted(chosen)


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

    ui.visit("/signalen/?groep=walcheren&municipality=Veere")
    chosen = ui.page.locator("input[name=signals]").first.get_attribute("value")
    ui.page.locator("input[name=signals]").first.check()
    ui.submit("text=Nieuw dossier met deze signalen")
    ui.page.fill("#id_problem", "Een verhaal uit Veere.")
    ui.submit("main form.narrow button[type=submit]")
    assert "met 1 signaal" in ui.text(".messages")
    assert Dossier.objects.get(signals__reference=chosen, problem="Een verhaal uit Veere.")


def a_dossier_reads_well_on_a_phone(phone_ui):
    ui = phone_ui
    dossier = Dossier.objects.get(title="Taxi naar de dagbesteding komt te laat")
    ui.login(demo_email("coordinator.amsterdam"), DEMO_PASSWORD)
    ui.visit("/dossiers/")
    ui.visit(f"/dossiers/{dossier.reference}/")
    assert "te laat" in ui.text() and "Totaal per betaler" in ui.text()
    ui.visit(f"/dossiers/{dossier.reference}/kosten/")
    ui.visit("/signalen/?groep=amsterdam&municipality=Amsterdam")
    ui.page.locator("input[name=signals]").nth(2).check()
    ui.submit("text=Nieuw dossier met deze signalen")
    assert "Dit dossier begint met 1 gekozen signaal" in ui.text()
