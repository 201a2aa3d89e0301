"""Browser tests for the network register: Debian's Chromium through Playwright, axe on every
page."""

import pytest

from samensterk.demo.people import DEMO_PASSWORD, demo_email
from samensterk.network.models import ContactMoment, Person, Stakeholder

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_volunteer_finds_the_alderman_and_logs_a_contact(ui, demo):
    ui.login(demo_email("vrijwilliger.amsterdam"), DEMO_PASSWORD)
    ui.visit("/netwerk/")
    ui.check_accessibility()
    assert "Tijd om weer contact op te nemen" in ui.text()
    assert "Gemeente Middelburg" not in ui.text()  # another group's area
    with ui.page.expect_navigation():
        ui.page.click("text=Marieke de Wit")
    ui.check_accessibility()
    assert "marieke@" not in ui.text()
    with ui.page.expect_navigation():
        ui.page.click("text=Toon contactgegevens")
    ui.check_accessibility()
    assert "marieke@amsterdam.voorbeeld.nl" in ui.text()
    ui.page.select_option("#id_kind", "telefoon")
    ui.page.fill("#id_discussed", "Gebeld over de taxi naar de dagbesteding.")
    ui.page.select_option("#id_stage", "vlooien")
    with ui.page.expect_navigation():
        ui.page.click("text=Contact opslaan")
    assert "Het contact staat in het logboek" in ui.text(".messages")
    ui.check_accessibility()
    person = Person.objects.get(name="Marieke de Wit", municipality__code="GM0363")
    assert person.stage == "vlooien"
    assert ContactMoment.objects.filter(person=person, kind="telefoon").exists()

    ui.visit("/netwerk/krachtenveld/")
    ui.check_accessibility()
    assert ui.page.locator("svg[role=img]").count() == 1
    assert "Tevreden houden" in ui.text()  # the alderman: much influence, some interest

    ui.visit("/netwerk/kaart/")
    ui.check_accessibility()
    assert ui.page.locator("svg[role=img]").count() == 1
    assert "adviseert" in ui.text("table")

    # The group's dossier names whom it wants to reach, with its own grid.
    ui.visit("/dossiers/")
    ui.check_accessibility()
    with ui.page.expect_navigation():
        ui.page.click("text=Taxi naar de dagbesteding komt te laat")
    ui.check_accessibility()
    assert "Wie willen we bereiken?" in ui.text()
    with ui.page.expect_navigation():
        ui.page.click("#netwerk >> text=Invloed en belang")
    ui.check_accessibility()
    assert "Marieke de Wit" in ui.text("table")


def test_adding_an_organisation_twice_is_caught_without_javascript(no_js_ui, demo):
    ui = no_js_ui
    ui.login(demo_email("coordinator.walcheren"), DEMO_PASSWORD)
    ui.visit("/netwerk/organisaties/nieuw/")
    ui.check_accessibility()
    ui.page.fill("#id_name", "gemeente middelburg")
    ui.page.select_option("#id_kind", label="Gemeente")
    ui.page.select_option("#id_municipality", label="Middelburg")
    ui.submit()
    assert "Dit lijkt al in het netwerk te staan" in ui.text()
    ui.check_accessibility()
    ui.page.fill("#id_name", "Vrijwilligerscentrale Middelburg")
    ui.submit()
    assert "Opgeslagen" in ui.text(".messages")
    assert Stakeholder.objects.filter(name="Vrijwilligerscentrale Middelburg").exists()


def test_a_coordinator_imports_contacts_and_sees_reminders_on_the_dashboard(ui, demo, tmp_path):
    ui.login(demo_email("coordinator.amsterdam"), DEMO_PASSWORD)
    ui.visit("/overzicht/")
    assert "Netwerk: contact houden" in ui.text()
    assert "Marieke de Wit" in ui.text()  # a key contact, 120 days ago
    ui.visit("/netwerk/importeren/")
    bad = tmp_path / "contacten.csv"
    bad.write_text("naam,email\nKees Kok,geen-adres\n", encoding="utf-8")
    ui.page.set_input_files("#id_file", str(bad))
    ui.submit("main form button[type=submit]")
    assert "rij 1: email" in ui.text(".error-summary")
    good = tmp_path / "goed.csv"
    good.write_text("naam,functie,organisatie\nKees Kok,raadslid,Lokale partij Samen Amsterdam\n")
    ui.page.select_option("#id_municipality", label="Amsterdam")
    ui.page.set_input_files("#id_file", str(good))
    ui.submit("main form button[type=submit]")
    assert "1 personen toegevoegd" in ui.text(".messages")
    kees = Person.objects.get(name="Kees Kok")
    assert kees.stakeholder.name == "Lokale partij Samen Amsterdam"
