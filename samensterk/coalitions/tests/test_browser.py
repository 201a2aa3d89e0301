"""Browser test for coalitions: Debian's Chromium through Playwright, axe on every page."""

import pytest

from samensterk.coalitions.models import SharedItem
from samensterk.demo.people import DEMO_PASSWORD, demo_email

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_group_shares_a_contact_and_the_partner_sees_only_what_was_shared(ui, demo):
    ui.login(demo_email("coordinator.amsterdam"), DEMO_PASSWORD)
    ui.visit("/netwerk/")
    ui.check_accessibility()
    with ui.page.expect_navigation():
        ui.page.click("text=Jeroen Bos")
    ui.check_accessibility()
    assert "Gedeeld met coalities" in ui.text()
    with ui.page.expect_navigation():
        ui.page.click("#coalities button[type=submit]:has-text('Delen')")
    ui.check_accessibility()
    assert "Gedeeld met Samen voor goed vervoer" in ui.text(".messages")
    assert SharedItem.objects.filter(person__name="Jeroen Bos").count() == 1
    ui.logout()

    ui.login(demo_email("medewerker.clientbelang"), DEMO_PASSWORD)
    ui.visit("/netwerk/coalities/")
    ui.check_accessibility()
    with ui.page.expect_navigation():
        ui.page.click("text=Samen voor goed vervoer en wonen in Amsterdam")
    ui.check_accessibility()
    text = ui.text()
    assert "Marieke de Wit" in text and "Jeroen Bos" in text
    assert "Peter Smit" not in text  # not shared
    assert "Signalen van de organisaties" in text
    with ui.page.expect_navigation():
        ui.page.click("text=Jeroen Bos")
    ui.check_accessibility()
    assert "beleidsmedewerker Wmo" in ui.text()
    assert "@amsterdam.voorbeeld.nl" not in ui.text()
    # The register of the other organisation stays closed.
    person = SharedItem.objects.get(person__name="Jeroen Bos").person
    assert ui.visit(f"/netwerk/personen/{person.pk}/").status == 404
