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
    ui.visit("/duos/")
    with ui.page.expect_navigation():
        ui.page.click("text=Ellis & Ineke")
    ui.check_accessibility()
    with ui.page.expect_navigation():
        ui.page.click("text=Wonen met begeleiding in Amsterdam")
    ui.check_accessibility()
    assert "Vragen uit de zaal" in ui.text()
    with ui.page.expect_navigation():
        ui.page.click("text=Terugkijken: invullen")
    ui.check_accessibility()
    for field in ["feeling", "role_clear", "went_well", "better", "contribution", "pitfalls"]:
        ui.page.fill(f"#id_{field}", "Goed.")
    ui.submit("main form button[type=submit]")
    assert "Dank je wel, Ineke!" in ui.text(".messages")
