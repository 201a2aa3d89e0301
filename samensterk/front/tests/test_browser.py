"""Browser tests: Debian's Chromium through Playwright, axe-core on every page visited."""

import re

import pytest
from django.core import mail

from samensterk.demo.people import DEMO_PASSWORD, demo_email
from samensterk.test import emailed_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Who logs in, and the pages their role lets them reach.
ROLE_PAGES = {
    "coordinator.amsterdam": [
        "/overzicht/",
        "/groepen/",
        "/groepen/amsterdam/",
        "/groepen/amsterdam/uitnodigen/",
        "/gemeenten/",
        "/gemeenten/?q=diemen",
        "/gemeenten/GM0363/",
        "/themas/",
        "/account/",
        "/account/wachtwoord/",
        "/signalen/open-data/",
        "/dossiers/",
        "/dossiers/?status=",
        "/dossiers/nieuw/",
    ],
    "vrijwilliger.walcheren": [
        "/overzicht/",
        "/groepen/walcheren/",
        "/themas/",
        "/account/",
        "/dossiers/",
    ],
    "landelijk": [
        "/overzicht/",
        "/groepen/",
        "/groepen/friesland-zuid/",
        "/gemeenten/GM1900/",
        "/signalen/open-data/",
        "/dossiers/?status=",
        "/dossiers/nieuw/",
    ],
    "beheerder": [
        "/overzicht/",
        "/beheer/",
        "/beheer/accounts/localgroup/",
        "/beheer/themes/theme/",
    ],
    "installatie": ["/overzicht/", "/beheer/", "/beheer/accounts/user/"],
}


def test_each_role_logs_in_and_reaches_its_pages(ui, demo):
    # One after the other in one demo (loading it is most of a test's time).
    for who, paths in ROLE_PAGES.items():
        ui.login(demo_email(who), DEMO_PASSWORD)
        assert ui.page.url.endswith("/overzicht/"), who
        assert "Hallo" in ui.text("h1")
        for path in paths:
            response = ui.visit(path)
            assert response.status == 200, (who, path)
        ui.logout()
        assert "Samen staan we sterk" in ui.text("h1")


def test_a_volunteer_does_not_get_the_admin_and_another_group_is_not_found(ui, demo):
    ui.login(demo_email("vrijwilliger.walcheren"), DEMO_PASSWORD)
    assert ui.page.locator("nav >> text=Beheer").count() == 0
    response = ui.visit("/groepen/amsterdam/")
    assert response.status == 404
    assert "Deze pagina bestaat niet" in ui.text("h1")
    response = ui.visit("/beheer/")
    assert response.status == 403


def test_the_skip_link_is_the_first_stop_and_moves_focus_to_the_content(ui, demo):
    ui.visit("/")
    ui.page.keyboard.press("Tab")
    assert ui.page.evaluate("document.activeElement.className") == "skip-link"
    assert ui.page.locator(".skip-link").bounding_box()["x"] >= 0  # visible when focused
    ui.page.keyboard.press("Enter")
    assert ui.page.evaluate("document.activeElement.id") == "main"


def test_a_coordinator_invites_someone_who_joins_through_the_e_mailed_link(ui, demo, browser):
    ui.login(demo_email("coordinator.walcheren"), DEMO_PASSWORD)
    ui.visit("/groepen/walcheren/uitnodigen/")
    ui.page.fill("#id_email", "nieuwe.vrijwilliger@example.org")
    ui.page.check("text=Vrijwilliger")
    ui.submit()
    assert "De uitnodiging is verstuurd" in ui.text()
    assert "nieuwe.vrijwilliger@example.org" in ui.text()

    link = re.search(r"https?://\S+/uitnodiging/\S+", mail.outbox[-1].body).group(0)
    path = link[link.index("/uitnodiging/") :]
    ui.logout()
    ui.visit(path)
    ui.page.fill("#id_full_name", "Nieuwe Vrijwilliger")
    ui.page.fill("#id_password1", "een-goed-wachtwoord-42")
    ui.page.fill("#id_password2", "een-goed-wachtwoord-42")
    ui.submit()
    # A volunteer reads stories: first the second step, by e-mail here, then the group.
    assert "Welkom bij Ledengroep Walcheren" in ui.text("body")
    assert "Inloggen in twee stappen instellen" in ui.text()
    with ui.page.expect_navigation():
        ui.page.click("text=Per e-mail")
    ui.check_accessibility()
    ui.submit("button[value=send]")
    ui.page.fill("#id_code", emailed_code())
    ui.submit("button:has-text('Aanzetten')")
    with ui.page.expect_navigation():
        ui.page.click("text=Ik heb ze bewaard")
    ui.check_accessibility()
    assert ui.page.url.endswith("/groepen/walcheren/")

    ui.visit(path)  # the same link again
    assert "al gebruikt" in ui.text()


def test_the_municipality_search_updates_as_you_type(ui, demo):
    ui.login(demo_email("landelijk"), DEMO_PASSWORD)
    ui.visit("/gemeenten/")
    ui.page.fill("#q", "den bosch")
    ui.page.wait_for_selector("#results >> text=gevonden")
    assert "'s-Hertogenbosch" in ui.text("#results")
    assert "Tynaarlo" not in ui.text("#results")
    assert ui.page.url.endswith("/gemeenten/?q=den%20bosch")  # the address can be shared
    ui.check_accessibility()


def test_the_site_works_without_javascript(no_js_ui, demo):
    ui = no_js_ui
    ui.login(demo_email("coordinator.amsterdam"), DEMO_PASSWORD)
    assert "Hallo" in ui.text("h1")
    ui.visit("/gemeenten/")
    ui.page.fill("#q", "grou")
    ui.submit("main form button[type=submit]")
    assert "Leeuwarden" in ui.text("#results")
    ui.visit("/groepen/amsterdam/uitnodigen/")
    ui.page.fill("#id_email", "geen-adres")
    ui.submit()
    assert "Voer een geldig e-mailadres in" in ui.text()


def test_pages_fit_a_phone_and_200_percent_zoom_without_sideways_scrolling(
    browser, live_server, demo
):
    # 640 CSS pixels is what a 1280 pixel wide window shows at 200% zoom.
    from samensterk.conftest import UI

    for width in (360, 640):
        context = browser.new_context(viewport={"width": width, "height": 800}, locale="nl-NL")
        ui = UI(context.new_page(), live_server.url)
        ui.login(demo_email("coordinator.amsterdam"), DEMO_PASSWORD)
        for path in ["/overzicht/", "/groepen/amsterdam/", "/gemeenten/", "/themas/", "/account/"]:
            ui.visit(path)
            overflow = ui.page.evaluate("document.documentElement.scrollWidth")
            assert overflow <= width, f"{path} is {overflow}px wide on a {width}px screen"
        ui.assert_all_pages_checked()
        context.close()


def test_the_language_switch_gives_english(ui, demo):
    ui.visit("/inloggen/")
    ui.submit("footer button[value=en]")
    assert ui.page.locator("html").get_attribute("lang") == "en"
    assert "Log in" in ui.text("h1")
    ui.submit("footer button[value=nl]")
    assert "Inloggen" in ui.text("h1")
