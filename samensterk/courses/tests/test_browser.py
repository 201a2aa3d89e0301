"""Browser tests for courses: Debian's Chromium through Playwright, axe on every page."""

from datetime import timedelta

import pytest
from django.utils import timezone

from samensterk.courses.models import Registration, Session
from samensterk.demo.people import DEMO_PASSWORD, demo_email

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_someone_registers_on_a_phone_lands_on_the_waiting_list_and_cancels(phone_ui, demo):
    ui = phone_ui
    ui.visit("/cursussen/demo/")
    assert "Vol: je kunt op de wachtlijst." in ui.text()
    with ui.page.expect_navigation():
        ui.page.click("a:has-text('Meer weten en aanmelden'):has-text(\"duo's\")")
    ui.check_accessibility()
    assert "De cursus is vol." in ui.text()
    ui.page.fill("#id_name", "Joke")
    ui.page.fill("#id_email", "joke@example.org")
    ui.submit("main form button[type=submit]")
    assert "Je staat op de wachtlijst, op plek 3." in ui.text()
    with ui.page.expect_navigation():
        ui.page.click("main a:has-text('Afmelden')")
    # A confirmation first: one tap does not cancel.
    assert "Wil je je echt afmelden?" in ui.text()
    assert Registration.objects.get(email="joke@example.org").status == "wachtlijst"
    ui.check_accessibility()
    ui.submit("main form button[type=submit]")  # Ja, afmelden
    assert "Je bent afgemeld." in ui.text()
    assert Registration.objects.get(email="joke@example.org").status == "afgemeld"


def test_staff_see_a_session_and_register_attendance(ui, demo):
    # The session has begun: attendance can be marked from its start (not before).
    Session.objects.filter(capacity=6).update(starts_at=timezone.now() - timedelta(minutes=30))
    ui.login(demo_email("landelijk"), DEMO_PASSWORD)
    ui.visit("/cursusbeheer/")
    with ui.page.expect_navigation():
        ui.page.click("text=Belangenbehartiging in duo's")
    ui.check_accessibility()
    assert "6 van de 6 plekken bezet, 2 op de wachtlijst." in ui.text()
    ui.page.check("#aanwezig-" + str(Registration.objects.filter(session__capacity=6).first().pk))
    ui.submit("main form[action$='/aanwezig/'] button[type=submit]")
    assert "De aanwezigheid is opgeslagen." in ui.text(".messages")
    ui.visit("/cursusbeheer/trainers/")
    assert "Jetske de Jong" in ui.text()
    ui.visit("/cursusbeheer/dagen/nieuw/")
    ui.visit("/cursusbeheer/")
    with ui.page.expect_navigation():
        ui.page.click("main ul a:has-text('Lokale Belangenbehartiging')")
    ui.check_accessibility()
    assert "Stap 1: vogels spotten" in ui.text()
    with ui.page.expect_navigation():
        ui.page.click("a:has-text('Pagina wijzigen') >> nth=0")
    ui.check_accessibility()
    assert "Pagina weghalen" in ui.text()
