"""Browser test for setting up and using the second log-in step; axe on every page."""

import pytest
from django.core import mail
from django_otp.plugins.otp_totp.models import TOTPDevice

from samensterk.demo.people import DEMO_PASSWORD, demo_email
from samensterk.test import emailed_code, totp_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_coordinator_sets_up_the_app_and_logs_in_with_it(ui, demo):
    email = demo_email("coordinator.amsterdam")
    ui.visit("/inloggen/")
    ui.page.fill("#id_username", email)
    ui.page.fill("#id_password", DEMO_PASSWORD)
    ui.submit()
    assert "Inloggen in twee stappen instellen" in ui.text()
    assert ui.page.locator("img.qr-code").evaluate("img => img.naturalWidth") > 0
    ui.page.fill("#id_code", "12")
    ui.submit()
    assert "Deze code klopt niet" in ui.text()
    device = TOTPDevice.objects.get(user__email=email, confirmed=False)
    ui.page.fill("#id_code", totp_code(device))
    ui.submit()
    assert "Je herstelcodes" in ui.text()
    codes = ui.page.locator(".recovery-codes code").all_inner_texts()
    assert len(codes) == 10
    with ui.page.expect_navigation():
        ui.page.click("text=Ik heb ze bewaard")
    ui.check_accessibility()
    assert "Mijn account" in ui.page.title() or "Overzicht" in ui.page.title()
    ui.logout()

    # The next time: password, then a recovery code instead of the phone.
    ui.visit("/inloggen/")
    ui.page.fill("#id_username", email)
    ui.page.fill("#id_password", DEMO_PASSWORD)
    ui.submit()
    assert "Inloggen: stap 2" in ui.text()
    ui.page.fill("#id_code", codes[0])
    ui.submit()
    assert ui.page.url.endswith("/overzicht/")
    ui.visit("/account/")
    assert "Je hebt nog 9 herstelcodes" in ui.text()


def test_a_volunteer_on_a_phone_chooses_a_code_by_e_mail(phone_ui, demo):
    """The whole round on a 360 px screen: choose e-mail, receive and type the code, keep the
    recovery codes, log in again with a new code from the next e-mail."""
    ui = phone_ui
    email = demo_email("vrijwilliger.amsterdam")
    ui.visit("/inloggen/")
    ui.page.fill("#id_username", email)
    ui.page.fill("#id_password", DEMO_PASSWORD)
    ui.submit()
    assert "Hoe wil je je code krijgen?" in ui.text()
    with ui.page.expect_navigation():
        ui.page.click("text=Per e-mail")
    ui.check_accessibility()
    ui.submit("button[value=send]")
    assert "We hebben een code gestuurd naar v…@samensterk.example" in ui.text()
    ui.page.fill("#id_code", emailed_code())
    ui.submit("button:has-text('Aanzetten')")
    assert "Je herstelcodes" in ui.text()
    with ui.page.expect_navigation():
        ui.page.click("text=Ik heb ze bewaard")
    ui.check_accessibility()
    ui.logout()

    mail.outbox.clear()
    ui.visit("/inloggen/")
    ui.page.fill("#id_username", email)
    ui.page.fill("#id_password", DEMO_PASSWORD)
    ui.submit()
    assert "We hebben een code gestuurd naar" in ui.text()
    ui.page.fill("#id_code", emailed_code())
    ui.submit("button:has-text('Verder')")
    assert ui.page.url.endswith("/overzicht/")
