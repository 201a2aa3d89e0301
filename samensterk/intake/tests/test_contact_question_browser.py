"""In a browser, with axe on every page: the question when contact details come without the
contact consent (on a phone, at 1280 px and without JavaScript), and the privacy statement a
reporter reaches from the form, and its beheerder's page. Screenshots in var/screenshots."""

from pathlib import Path

import pytest
from django.conf import settings

from samensterk.demo.people import DEMO_PASSWORD, demo_email
from samensterk.intake.models import Signal

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"
STORY = "De regiotaxi naar de dagbesteding in Veere kwam drie keer niet."


def shot(ui, name: str) -> None:
    """A picture of the page, to look at (var/ is not in the repository)."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    ui.page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def write_story_with_contact_but_no_tick(page, story):
    page.fill("#id_story", story)
    page.check("text=Ik ben familie")
    page.check("#id_consent_anonymous_use_0")
    page.check("#id_consent_share_national_1")
    # The contact fields show once "ja" is chosen; the parent types and then chooses "nee".
    page.check("#id_consent_contact_0")
    page.fill("#id_contact_name", "Els")
    page.fill("#id_contact_phone", "06 12345678")
    page.check("#id_consent_contact_1")
    assert page.locator("#id_contact_phone").is_visible()  # what is typed stays in sight


# One demo load for the three ways of sending the form (loading it is most of a test's time).
def test_the_contact_question_on_a_phone_at_1280_px_and_without_javascript(
    phone_ui, ui, no_js_ui, demo
):
    on_a_phone_the_question_comes_and_no_is_said_on_the_receipt(phone_ui, STORY)
    at_1280_px_yes_keeps_the_details_with_consent(ui, STORY + " Weer.")
    without_javascript_the_question_works_the_same(no_js_ui, STORY + " Nog eens.")


def on_a_phone_the_question_comes_and_no_is_said_on_the_receipt(ui, story):
    ui.visit("/meld/walcheren/")
    write_story_with_contact_but_no_tick(ui.page, story)
    ui.submit()
    assert "Nog één vraag" in ui.text(".error-summary")
    assert ui.page.evaluate("document.activeElement.classList.contains('error-summary')")
    assert ui.page.input_value("#id_contact_phone") == "06 12345678"
    assert ui.page.input_value("#id_story") == story
    assert not Signal.objects.filter(story=story).exists()
    assert ui.page.evaluate("document.documentElement.scrollWidth") <= 360
    ui.page.click(".error-summary a")
    assert ui.page.evaluate("location.hash") == "#contact-question"
    shot(ui, "contact-question-360")

    ui.page.check("text=Nee. Bewaar alleen mijn verhaal")
    ui.submit()
    assert "Dank je wel!" in ui.text("h1")
    assert "niet bewaard" in ui.text(".message")
    shot(ui, "receipt-contact-not-kept-360")
    signal = Signal.objects.get(story=story)
    assert not signal.consent_contact and not hasattr(signal, "contact")


def at_1280_px_yes_keeps_the_details_with_consent(ui, story):
    ui.visit("/meld/walcheren/")
    ui.submit()  # nothing answered: the summary at 1280 px (axe checks it)
    assert ui.page.locator(".error-summary a").count() == 5
    shot(ui, "meld-errors-1280")
    write_story_with_contact_but_no_tick(ui.page, story)
    ui.submit()
    legend = ui.text("#contact-question legend")
    assert legend == "Mogen we je bellen of mailen? (moet)"
    shot(ui, "contact-question-1280")
    ui.page.check("text=Ja, jullie mogen me bellen of mailen")
    ui.submit()
    assert "Dank je wel!" in ui.text("h1")
    signal = Signal.objects.get(story=story)
    assert signal.consent_contact and signal.contact.phone == "0612345678"


def without_javascript_the_question_works_the_same(ui, story):
    ui.visit("/meld/walcheren/")
    ui.page.fill("#id_story", "x" * 10_001)  # no counter without JavaScript: the server tells
    ui.page.check("text=Het gaat over mij")
    ui.submit()
    assert "10.001 tekens" in ui.text(".error-summary")
    assert ui.page.locator(".error-summary a").count() == 4  # the story and three consents
    assert ui.page.input_value("#id_story") == "x" * 10_001
    ui.page.fill("#id_story", story)
    ui.page.check("#id_consent_anonymous_use_1")
    ui.page.check("#id_consent_share_national_0")
    ui.page.check("#id_consent_contact_1")
    ui.page.fill("#id_contact_email", "els@example.org")  # always visible without JavaScript
    ui.submit()
    assert "Mogen we je bellen of mailen?" in ui.text("#contact-question")
    ui.page.check("text=Ja, jullie mogen me bellen of mailen")
    ui.submit()
    assert "We sturen je ook een e-mail met deze code." in ui.text()
    assert Signal.objects.get(story=story).contact.email == "els@example.org"


def test_the_privacy_statement_reached_from_the_form_and_filled_in(browser, live_server, ui, demo):
    for width in (360, 1280):
        the_privacy_statement_is_reached_from_the_form(browser, live_server, width)
    the_beheerder_fills_in_the_statement(ui)


def the_privacy_statement_is_reached_from_the_form(browser, live_server, width):
    from samensterk.conftest import _new_ui

    context, ui = _new_ui(browser, live_server, viewport={"width": width, "height": 800})
    try:
        ui.visit("/meld/amsterdam/")
        with ui.page.expect_navigation():
            ui.page.click("text=Lees wat we met je gegevens doen")
        ui.check_accessibility()
        assert ui.text("h1") == "Wat doen we met je gegevens?"
        assert "verwerkingsverantwoordelijke" in ui.text()
        assert ui.page.evaluate("document.documentElement.scrollWidth") <= width
        shot(ui, f"privacy-statement-{width}")
        ui.assert_all_pages_checked()
    finally:
        context.close()


def the_beheerder_fills_in_the_statement(ui):
    ui.login(demo_email("beheerder"), DEMO_PASSWORD)
    ui.visit("/organisaties/demo/privacyverklaring/")
    ui.page.fill("#id_contact_name", "Pien Privacy")
    ui.page.fill("#id_contact_email", "privacy@example.org")
    ui.page.fill("#id_contact_phone", "bel maar")
    ui.submit()
    assert "Dit telefoonnummer klopt niet." in ui.text()
    shot(ui, "privacy-statement-edit-error-1280")
    ui.page.fill("#id_contact_phone", "030 123 45 67")
    ui.page.fill("#id_purposes_extra", "We sturen een nieuwsbrief als je dat wilt.")
    ui.submit()
    assert "De privacyverklaring is opgeslagen." in ui.text(".messages")
    ui.visit("/privacyverklaring/demo/")
    assert "Pien Privacy" in ui.text() and "nieuwsbrief" in ui.text()

    # In English the organisation's own Dutch text is marked as Dutch.
    with ui.page.expect_navigation():
        ui.page.click("footer button[value=en]")
    ui.check_accessibility()
    assert ui.page.locator("div[lang=nl]", has_text="nieuwsbrief").count() == 1
    shot(ui, "privacy-statement-english-1280")
