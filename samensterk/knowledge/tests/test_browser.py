"""Browser test for the knowledge base: Debian's Chromium through Playwright, axe on every page."""

import pytest

from samensterk.demo.people import DEMO_PASSWORD, demo_email
from samensterk.knowledge.models import Item

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_volunteer_finds_a_webinar_and_a_group_shares_an_example_for_review(ui, demo):
    ui.login(demo_email("vrijwilliger.amsterdam"), DEMO_PASSWORD)
    ui.visit("/kennis/")
    assert "Mijn familie en ik" in ui.text()  # most viewed: 260
    ui.page.fill("#zoek", "keukentafel")  # finds the keukentafelgesprek: compounds
    ui.submit("main form[role=search] button[type=submit]")
    with ui.page.expect_navigation():
        ui.page.click("text=Het keukentafelgesprek: goed voorbereid")
    ui.check_accessibility()  # a guide: contents, sections, numbered steps
    assert "In deze handreiking" in ui.text()
    assert "Wat kan de groep doen?" in ui.text()
    ui.visit("/kennis/goed-voorbeeld/")
    ui.page.fill("#id_title", "Koffie met de wethouder")
    ui.page.fill("#id_body", "We nodigden de wethouder uit op de soos.")
    ui.page.fill("#id_result", "Ze kwam, en de regiotaxi staat nu op de agenda.")
    ui.submit("main form button[type=submit]")
    assert "Wacht op beoordeling" in ui.text()
    ui.logout()
    ui.login(demo_email("landelijk"), DEMO_PASSWORD)
    ui.visit("/kennis/beoordelen/")
    assert "Koffie met de wethouder" in ui.text()
    ui.submit("main section:has-text('Koffie met de wethouder') button[value=plaatsen]")
    assert Item.objects.get(title="Koffie met de wethouder").status == "gepubliceerd"
    ui.visit("/kennis/nieuw/")
    ui.visit("/communicatie/")
    assert "Familiebetrokkenheid" in ui.text()
    assert "Ledengroepen" in ui.text()
