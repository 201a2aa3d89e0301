"""Browser test for support requests and duos: Debian's Chromium through Playwright, axe on
every page."""

import pytest

from samensterk.advocacy.models import SupportRequest
from samensterk.demo.people import DEMO_PASSWORD, demo_email

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_coordinator_assigns_a_request_and_a_duo_evaluates(ui, demo):
    ui.login(demo_email("coordinator.amsterdam"), DEMO_PASSWORD)
    ui.visit("/hulpvragen/")
    done = SupportRequest.objects.get(status="afgerond")
    with ui.page.expect_navigation():
        ui.page.click(f"text={done.reference}")
    ui.check_accessibility()
    ui.submit("main form[action$='/signaal/'] button[type=submit]")
    assert "Er is een signaal van gemaakt" in ui.text(".messages")
    ui.visit("/hulpvragen/nieuw/")
    ui.page.fill("#id_member_name", "Mevrouw Yilmaz")
    ui.page.fill("#id_member_phone", "06 1111 2222")
    ui.page.check("text=Mee naar het keukentafelgesprek")
    ui.page.fill("#id_what", "Gesprek over een scootmobiel.")
    ui.page.select_option("#id_municipality", label="Amsterdam")
    ui.page.select_option("#id_theme", label="Wmo-ondersteuning")
    ui.submit("main form button[type=submit]")
    assert "Joke Brouwer" in ui.text(), ui.page.locator(
        ".errorlist"
    ).all_inner_texts()  # suggested: the region and the theme
    # Duo's is in the main menu.
    with ui.page.expect_navigation():
        ui.page.click('nav.main-nav a:has-text("Duo\'s")')
    ui.check_accessibility()
    with ui.page.expect_navigation():
        ui.page.click("text=Ellis & Ineke")
    ui.check_accessibility()
    with ui.page.expect_navigation():
        ui.page.click("text=Wonen met begeleiding in Amsterdam")
    ui.check_accessibility()
    assert "Vragen uit de zaal" in ui.text()
    with ui.page.expect_navigation():
        ui.page.click("text=Terugkijken: Ineke vult in")
    ui.check_accessibility()
    # Easy questions with both names; a face is chosen by tapping it or its word.
    assert "Hoe ging het samenwerken met Ellis?" in ui.text()
    for name in ["feeling_score", "role_score", "contribution_score"]:
        ui.page.click(f"label[for='id_{name}_0']")
    ui.page.click("#id_together_score_1")
    assert ui.page.is_checked("#id_feeling_score_0")
    ui.submit("main form button[type=submit]")
    assert "Dank je wel, Ineke!" in ui.text(".messages")
    # Read back with the faces and their words (Ellis's from the demo, Ineke's just now).
    assert "gaat wel" in ui.text("#evaluatie")
    ui.check_accessibility()
