"""Browser tests for questionnaires: Debian's Chromium through Playwright, axe on every page."""

import pytest

from samensterk.demo.people import DEMO_PASSWORD, demo_email
from samensterk.surveys.models import Invitation, PanelMember, Round
from samensterk.surveys.services import round_close

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


# One demo load for the three walks (loading it is most of a test's time).
def test_panel_answers_sign_up_and_the_monitor(phone_ui, ui, demo):
    a_panel_member_answers_on_a_phone_and_sees_the_results(phone_ui)
    someone_signs_up_for_the_panel_on_a_phone(phone_ui)
    staff_send_the_monitor_and_read_the_overview(ui)


def a_panel_member_answers_on_a_phone_and_sees_the_results(ui):
    survey_round = Round.objects.get(title="Panel najaar: wonen")
    member = PanelMember.objects.get(name="Sietske Visser")  # invited, not answered yet
    invitation = Invitation.objects.get(round=survey_round, panel_member=member)
    ui.visit(invitation.get_absolute_url())
    assert "Je antwoorden zijn anoniem" in ui.text()
    with ui.page.expect_navigation():
        ui.page.click("text=Beginnen")
    ui.check_accessibility()
    assert "vraag 1 van" in ui.text()
    ui.submit("main form button[type=submit]")  # nothing chosen: a calm message
    assert "Deze vraag moet je beantwoorden." in ui.text(".error-summary")
    ui.page.check("text=ja")
    ui.submit("main form button[type=submit]")
    ui.page.check("label:has-text('4')")
    ui.submit("main form button[type=submit]")
    ui.page.fill("textarea", "Een eigen voordeur.")
    ui.submit("main form button[type=submit]")
    assert "Klaar? Kijk je antwoorden na" in ui.text()
    assert "Een eigen voordeur." in ui.text()
    ui.submit("main form button[type=submit]")
    assert "Dank je wel!" in ui.text()
    with ui.page.expect_navigation():
        ui.page.click("text=Naar je panelpagina")
    ui.check_accessibility()
    assert "zie je hier als de vragenlijst dicht is" in ui.text()  # still open
    round_close(survey_round)
    ui.page.reload()
    ui.check_accessibility()
    with ui.page.expect_navigation():
        ui.page.click("text=Bekijk wat eruit kwam")
    ui.check_accessibility()
    # Nine of the demo panel answered, under the threshold of 10: no figures, not even the 9.
    assert "Te weinig mensen hebben gereageerd (minder dan 10)." in ui.text()
    assert "9 mensen" not in ui.text()


def someone_signs_up_for_the_panel_on_a_phone(phone_ui):
    ui = phone_ui
    ui.visit("/panel/demo/aanmelden/")
    ui.page.fill("#id_name", "Joke")
    ui.page.fill("#id_email", "joke@example.org")
    ui.page.select_option("#id_municipality", label="Amsterdam")
    ui.page.check("text=Ik ben familie of naaste")
    ui.submit("main form button[type=submit]")
    assert "Zet een vinkje als je mee wilt doen." in ui.text()
    ui.page.check("#id_consent")
    ui.submit("main form button[type=submit]")
    assert "We hebben je een e-mail gestuurd" in ui.text()
    assert PanelMember.objects.filter(email="joke@example.org", relation="naaste").exists()


def staff_send_the_monitor_and_read_the_overview(ui):
    ui.login(demo_email("landelijk"), DEMO_PASSWORD)
    ui.visit("/enquetes/")
    with ui.page.expect_navigation():
        ui.page.click("text=Monitor najaar")
    ui.check_accessibility()
    assert "3 van de 4 hebben geantwoord (75%)" in ui.text()
    with ui.page.expect_navigation():
        ui.page.click("text=Overzicht zoals in het verslag")
    ui.check_accessibility()
    assert "3 van de 4 ledengroepen hebben geantwoord (75%)" in ui.text()
    assert "keukentafelgesprekken" in ui.text()
    # A phone call with the group that did not answer: staff fill in its answers.
    ui.page.go_back()
    ui.page.wait_for_load_state()
    with ui.page.expect_navigation():
        ui.page.click("text=Telefonisch invullen")
    ui.check_accessibility()
    assert "Je vult de antwoorden in voor" in ui.text()
    ui.visit("/enquetes/panel/")
    assert "panelleden doen mee" in ui.text()
    with ui.page.expect_navigation():
        ui.page.click("text=Vragenlijsten")
    ui.check_accessibility()
    with ui.page.expect_navigation():
        ui.page.click("text=Monitor lokale belangenbehartiging ledengroepen")
    ui.check_accessibility()
    assert "Nieuwe versie maken" in ui.text()
    with ui.page.expect_navigation():
        ui.page.click("text=Voorbeeld")
    ui.check_accessibility()
    assert "Alleen als" in ui.text()
    # Building a new questionnaire: the forms.
    ui.visit("/enquetes/nieuw/")
    ui.page.fill("#id_title", "Evaluatie cursus")
    ui.submit("main form button[type=submit]")
    with ui.page.expect_navigation():
        ui.page.click("text=Vraag toevoegen")
    ui.check_accessibility()
    ui.page.fill("#id_text", "Was de cursus nuttig?")
    ui.page.select_option("#id_kind", "janee")
    ui.submit("main form button[type=submit]")
    assert "Was de cursus nuttig?" in ui.text()
    with ui.page.expect_navigation():
        ui.page.click("text=Versturen in een ronde")
    ui.check_accessibility()
    ui.visit("/groepen/amsterdam/monitor/")
    assert "Monitor najaar" in ui.text()
